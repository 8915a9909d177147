"""The words readers see, in the site's language: one table per language in ``strings/``.

The table is chosen by Material's ``theme.language`` (``pt-BR`` falls back to ``pt``), and a
site changes any entry with the ``strings:`` option of any Pocket Guide plugin (the entries of
all of them are merged; they apply to the whole site). Whatever is still missing is shown in
English, and the build says once which keys and why.

Templates call ``pg_t("key", name=value)``; the page's scripts read the ``js.*`` keys from a
JSON block (``<script type="application/json" id="pg-strings">``), which a Content Security
Policy does not treat as a script.
"""

from __future__ import annotations

import difflib
import logging
import string
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

import yaml
from markupsafe import Markup
from mkdocs.config import config_options as c

from pocketguide import languages as site_languages

if TYPE_CHECKING:
    from collections.abc import Mapping

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.pocketguide.strings")

FALLBACK = "en"
JS_PREFIX = "js."
_TABLES = resources.files(__package__) / "strings"


def option() -> c.DictOfItems[str]:
    """The ``strings:`` option each plugin that shows text declares: key -> text."""
    return c.DictOfItems(c.Type(str), default={})


def languages() -> list[str]:
    """Return the languages that ship a table (``en``, ``es``…)."""
    return sorted(
        item.name.removesuffix(".yml") for item in _TABLES.iterdir() if item.name.endswith(".yml")
    )


def table(language: str) -> dict[str, str]:
    """Return the shipped table of ``language``, or an empty one if there is none."""
    path = _TABLES / f"{language}.yml"
    if not path.is_file():
        return {}
    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(key): str(value) for key, value in loaded.items()}


@dataclass(frozen=True)
class Strings:
    """One site's words: every key of the English table, in the site's language."""

    language: str
    texts: Mapping[str, str]
    warnings: tuple[str, ...] = field(default=())

    def text(self, key: str, **values: object) -> str:
        """Return the text of ``key`` with its ``{name}`` slots filled (plain text)."""
        return self.texts[key].format_map(_Slots(values))

    def markup(self, key: str, **values: object) -> Markup:
        """Return the text of ``key`` escaped for HTML; values that are ``Markup`` stay as they
        are, any other value is escaped."""
        return Markup.escape(self.texts[key]).format_map(_Slots(values))

    def for_scripts(self) -> dict[str, str]:
        """Return the ``js.*`` texts without the prefix: what the page's scripts show."""
        return {
            key.removeprefix(JS_PREFIX): text
            for key, text in sorted(self.texts.items())
            if key.startswith(JS_PREFIX)
        }


class _Slots(dict[str, object]):
    """Leave an unknown ``{slot}`` as it is instead of failing the whole build."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def load(language: str | None, overrides: Mapping[str, str] | None = None) -> Strings:
    """Return the words for ``language`` with a site's ``overrides``, and what to warn about.

    English fills every key the language's table and the overrides leave out; unknown
    override keys and slots the English text does not have are warned about, never shown
    silently wrong.
    """
    overrides = dict(overrides or {})
    english = table(FALLBACK)
    wanted = (language or FALLBACK).strip() or FALLBACK
    chosen, own = wanted, table(wanted)
    if not own and "-" in wanted:
        chosen, own = wanted.split("-")[0], table(wanted.split("-")[0])
    warnings: list[str] = []
    for key in sorted(set(overrides) - set(english)):
        close = difflib.get_close_matches(key, english, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "see the keys in strings/en.yml"
        warnings.append(f"strings: unknown key '{key}' — it is not used anywhere; {hint}")
    for key in sorted(set(overrides) & set(english)):
        extra = _slots(overrides[key]) - _slots(english[key])
        if extra:
            names = ", ".join("{" + name + "}" for name in sorted(extra))
            warnings.append(
                f"strings: '{key}' uses {names}, which nothing fills in — use only "
                f"{', '.join('{' + n + '}' for n in sorted(_slots(english[key]))) or 'no slots'}"
            )
    texts = {key: overrides.get(key, own.get(key, english[key])) for key in english}
    missing = sorted(key for key in english if key not in overrides and key not in own)
    if missing and chosen != FALLBACK:
        where = (
            f"theme.language '{wanted}' has no table in Pocket Guide ({', '.join(languages())})"
            if not own
            else f"the '{chosen}' table lacks them"
        )
        warnings.append(
            f"strings: {len(missing)} text{'s' if len(missing) != 1 else ''} shown in English "
            f"({_listed(missing)}): {where} — add them under the strings: option of a Pocket "
            "Guide plugin"
        )
    return Strings(chosen if own else FALLBACK, texts, tuple(warnings))


def _slots(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _listed(keys: list[str], most: int = 6) -> str:
    shown = ", ".join(keys[:most])
    return shown if len(keys) <= most else f"{shown} and {len(keys) - most} more"


# One table per loaded configuration and language: each plugin asks, the warnings are logged
# once. A site built in several languages (mkdocs-static-i18n) keeps one configuration and
# changes its theme.language before each language's build.
_cache: dict[str, tuple[MkDocsConfig, Strings]] = {}


def for_site(config: MkDocsConfig, language: str | None = None) -> Strings:
    """Return the site's words: ``theme.language`` (or ``language``, a page's own) plus every
    Pocket Guide plugin's ``strings``.

    Built once per configuration and language; its warnings are logged the first time.
    """
    # The language of this pass: a site in several languages builds each with the same config.
    wanted = language or site_languages.current(config).code
    cached = _cache.get(wanted)
    if cached is not None and cached[0] is config:
        return cached[1]
    overrides: dict[str, str] = {}
    for name, plugin in config.plugins.items():
        if name.startswith("pocketguide/"):
            overrides.update(plugin.config.get("strings") or {})
    words = load(wanted, overrides)
    for warning in words.warnings:
        log.warning("mkdocs.yml: %s", warning)
    _cache[wanted] = (config, words)
    return words


def install(env: Environment, config: MkDocsConfig) -> Strings:
    """Give the templates ``pg_t(key, **values)`` and ``pg_strings`` (the scripts' texts)."""
    words = for_site(config)
    env.globals["pg_t"] = words.markup
    env.globals["pg_strings"] = words.for_scripts()
    return words
