"""``pocketguide/theme``: Material's templates and styles, the guide's own script. Wiring only.

Material's bundle (111 KiB) runs about a tenth of a second of start-up work on a phone after
the first paint: it measures every heading, restyles the page for the palette and wraps
tables. The guide uses a few of its features, and ``templates/guide.js`` does just those. The
table markup, and the admonition icons Material's stylesheet draws as SVG images, come from
:mod:`.markup` at build time instead.
"""

from __future__ import annotations

import logging
from fnmatch import fnmatch
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import BasePlugin, PrefixedLogger, event_priority
from mkdocs.structure.files import File, Files

from pocketguide import languages
from pocketguide.content import strings, themeparts

from . import features, markup
from .config import ThemeConfig

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = PrefixedLogger("pocketguide/theme", logging.getLogger(f"mkdocs.plugins.{__name__}"))

_TEMPLATES = resources.files(__package__) / "templates"
SCRIPT = "assets/javascripts/guide.js"
SCRIPT_PARTS = ("search-query.js", "guide.js")
# Material's search index of a language, in that language's folder (pocketguide/search).
SEARCH_INDEX = "search/search_index.json"
# Material's bundle and its source map: the name carries a hash of the bytes.
MATERIAL_BUNDLE = "assets/javascripts/bundle.*.min.js*"
# Material's stylesheet, which holds the admonition icons.
MATERIAL_STYLESHEET = "assets/stylesheets/main.*.min.css"
PARTS = themeparts.plugin_parts(
    __package__, css=["assets/stylesheets/pg-search.css", "assets/stylesheets/pg-sidebar.css"]
)


class ThemePlugin(BasePlugin[ThemeConfig]):
    """Replace Material's JavaScript bundle with the guide's own script, and add at build time
    the markup Material adds or draws in the browser."""

    def __init__(self) -> None:
        self.icons: dict[str, markup.Icon] = {}
        self.active = False
        """guide.js replaces Material's bundle: enabled, and the site needs nothing else."""

    # Before pocketguide/minify's on_config (0), which joins the stylesheets linked by then.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Keep Material's bundle if the site uses what guide.js does not do (one line says
        what); otherwise add the templates and styles the guide's script works with.

        https://www.mkdocs.org/dev-guide/plugins/#on_config
        """
        self.active = False
        if self.config.enabled:
            needs = _bundle_needs(config)
            if needs:
                log.info(
                    "Material's JavaScript bundle is kept, as guide.js does not do what this "
                    "site uses: %s — leave these out of mkdocs.yml and the pages to load "
                    "guide.js instead",
                    features.describe(needs),
                )
            self.active = not needs
        themeparts.attach(config, "pocketguide/theme", PARTS if self.active else None)
        return config

    @event_priority(-110)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Leave Material's bundle out of the site (no page loads it) and add ``guide.js``.

        https://www.mkdocs.org/dev-guide/plugins/#on_files
        """
        if not self.active:
            return None
        for file in [f for f in files if fnmatch(f.src_uri, MATERIAL_BUNDLE)]:
            files.remove(file)
        self.icons = self._admonition_icons(files, config)
        # search-query.js holds guide.js's pure search functions (tested on their own in node).
        script = "\n".join((_TEMPLATES / name).read_text(encoding="utf-8") for name in SCRIPT_PARTS)
        files.append(File.generated(config, SCRIPT, content=script))
        return files

    @staticmethod
    def _admonition_icons(files: Files, config: MkDocsConfig) -> dict[str, markup.Icon]:
        """Material's admonition icons, unless ``theme.icon.admonition`` replaces them (Material
        then sets them in each page, and its stylesheet keeps drawing them)."""
        if (config.theme.get("icon") or {}).get("admonition"):
            return {}
        sheets = [f for f in files if fnmatch(f.src_uri, MATERIAL_STYLESHEET) and f.abs_src_path]
        icons = markup.admonition_icons(
            "".join(Path(str(f.abs_src_path)).read_text(encoding="utf-8") for f in sheets)
        )
        if not icons:
            where = ", ".join(str(f.abs_src_path) for f in sheets) or MATERIAL_STYLESHEET
            log.warning(
                "%s: no admonition icons found in Material %s's stylesheet (its "
                "--md-admonition-icon--* properties) — the icons still show, drawn by Material; "
                "update the patterns in pocketguide/plugins/theme/markup.py to this stylesheet",
                where,
                version("mkdocs-material"),
            )
        return icons

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Tell the templates (``pocketguide/main.html``, the header) which script to load, and
        which search index it reads: the one of the language being built (``es/search/...``)."""
        index = languages.current(config).path(SEARCH_INDEX)
        env.globals["pocketguide_theme"] = (
            {"script": SCRIPT, "search_index": index} if self.active else None
        )
        strings.install(env, config)  # the texts guide.js shows, in the site's language
        return env

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Wrap the page's tables for sideways scrolling, as Material's bundle did, and write
        each admonition's icon into its title.

        https://www.mkdocs.org/dev-guide/plugins/#on_page_content
        """
        if not self.active:
            return None
        return markup.inline_admonition_icons(markup.wrap_tables(html), self.icons)


def _bundle_needs(config: MkDocsConfig) -> list[features.Need]:
    """Read what :mod:`.features` looks at: ``mkdocs.yml``, the site's own scripts and
    templates, and the pages' Markdown."""
    docs = Path(config.docs_dir)
    custom = config.theme.custom_dir
    needs = features.feature_needs(config.theme.get("features") or [])
    needs += features.extension_needs(config.markdown_extensions, config.mdx_configs)
    needs += features.extra_needs(config.extra)
    for script in config.extra_javascript:
        src = str(script)
        if "://" in src or src.startswith("//"):
            continue  # another origin: nothing to read (pocketguide/csp reports it)
        # A script is in docs/, or in custom_dir (a theme file).
        for path in (docs / src, *([Path(custom) / src] if custom else [])):
            if path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                needs += features.script_needs(f"extra_javascript: {src}", text)
                break
    for template in sorted(Path(custom).rglob("*.html")) if custom else ():
        text = template.read_text(encoding="utf-8", errors="replace")
        needs += features.script_needs(_shown(template, config), text)
    for page in sorted(docs.rglob("*.md")):
        text = page.read_text(encoding="utf-8", errors="replace")
        needs += features.page_needs(page.relative_to(docs).as_posix(), text)
    return needs


def _shown(path: Path, config: MkDocsConfig) -> str:
    """``path`` relative to the folder of ``mkdocs.yml`` when it is inside it."""
    root = Path(config.config_file_path or ".").resolve().parent
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
