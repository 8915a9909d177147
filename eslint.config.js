// ESLint for the guide's own browser scripts (make lint). One style: ESLint's recommended
// rules plus a few that keep plain scripts (no build step, no modules in the browser) safe.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

const strict = {
  curly: "error",
  eqeqeq: "error",
  "no-var": "off", // the scripts are plain ES5-style files that every phone runs as they are
  "no-implicit-globals": "error",
  "no-shadow": "error",
  "prefer-const": "off",
  strict: ["error", "function"],
};

module.exports = [
  js.configs.recommended,
  {
    // Every script the plugins put into a site: the guide's script, the service worker and its
    // client, the Share dialog, the one-file edition's script.
    files: ["src/pocketguide/**/*.js"],
    ignores: ["src/pocketguide/plugins/pwa/templates/sw.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, module: "readonly" },
    },
    rules: strict,
  },
  {
    // The service worker is a classic worker script: its top level is its own scope.
    files: ["src/pocketguide/plugins/pwa/templates/sw.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.serviceworker },
    },
    rules: { ...strict, "no-implicit-globals": "off", strict: ["error", "global"] },
  },
  {
    // search-query.js comes first in the same file: its one global, for guide.js.
    files: ["src/pocketguide/plugins/theme/templates/search-query.js"],
    rules: { "no-implicit-globals": "off" },
  },
  {
    files: ["src/pocketguide/plugins/theme/templates/guide.js"],
    languageOptions: { globals: { pgSearchQuery: "readonly" } },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node },
    rules: { curly: "error", eqeqeq: "error", strict: ["error", "global"] },
  },
];
