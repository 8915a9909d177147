"""The languages of a site, and which one MkDocs is building now (core layer).

A site in one language has one: ``theme.language``, at the site root. A site that lists the
``i18n`` plugin (mkdocs-static-i18n) has one per entry of its ``languages``: the default at
the root, each other in its own folder (``es/``). That plugin builds the default language,
then, from its ``on_post_build``, each other language again with the same config and the same
plugin objects, into the same ``site_dir``. So every plugin asks here which language the
current pass builds and where its files go; a language's outputs (``sw.js``, the manifest,
the offline page, the search index, the one-file edition) live in its own folder, and the
phone that reads one language saves that folder and the shared theme files only.

Read the plugin's settings, never its internals, except :func:`current`: the i18n plugin sets
``theme.language`` in its own ``on_config``, which runs after ours, so the language of the pass
comes from its ``current_language`` attribute when it has one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File

I18N = "i18n"
"""The name of mkdocs-static-i18n in ``plugins:``."""


@dataclass(frozen=True)
class Language:
    """One language of a site: its code, its name and its folder (``""`` or ``es/``)."""

    code: str
    name: str
    prefix: str = ""
    default: bool = True

    def path(self, name: str) -> str:
        """Return the site path of a per-language file: ``sw.js`` or ``es/sw.js``."""
        return f"{self.prefix}{name}"

    @property
    def folder(self) -> str:
        """The language's folder as a site path for a URL filter: ``.`` or ``es``."""
        return self.prefix.rstrip("/") or "."

    @property
    def to_root(self) -> str:
        """The relative path from the language's folder back to the site root: ``""``, ``../``."""
        return "../" * self.prefix.count("/")


def site_languages(config: MkDocsConfig) -> tuple[Language, ...]:
    """Return the languages the site builds, the default first."""
    plugin = config.plugins.get(I18N)
    if plugin is None:
        return (_single(config),)
    found: list[Language] = []
    for entry in _entries(plugin):
        if not entry.get("build", True) or entry.get("locale") == "null":
            continue
        code = str(entry["locale"])
        default = bool(entry.get("default"))
        found.append(
            Language(
                code=code,
                name=str(entry.get("name") or code),
                prefix="" if default else f"{code}/",
                default=default,
            )
        )
    found.sort(key=lambda language: not language.default)
    return tuple(found) or (_single(config),)


def current(config: MkDocsConfig) -> Language:
    """Return the language being built in this pass (valid from ``on_config`` onward)."""
    languages = site_languages(config)
    plugin = config.plugins.get(I18N)
    code = getattr(plugin, "current_language", None) if plugin is not None else None
    if code is None:
        return languages[0]
    return next((language for language in languages if language.code == code), languages[0])


def others(config: MkDocsConfig) -> tuple[Language, ...]:
    """Return the site's languages other than the one being built."""
    now = current(config)
    return tuple(language for language in site_languages(config) if language != now)


def translate_nav(config: MkDocsConfig, title: str) -> str:
    """Return a navigation title in the language being built: the i18n plugin's
    ``nav_translations`` of that language (the title itself when it has none)."""
    plugin = config.plugins.get(I18N)
    if plugin is None:
        return title
    code = current(config).code
    for entry in _entries(plugin):
        if entry.get("locale") == code:
            return str((entry.get("nav_translations") or {}).get(title, title))
    return title


def check_order(config: MkDocsConfig, plugin: str) -> None:
    """Stop the build when the i18n plugin is listed before ``plugin``: it builds the other
    languages from its ``on_post_build``, and ``plugin``'s (the offline copy of the default
    language) must run before, on the default language's site alone.
    """
    names = list(config.plugins)
    if I18N in names and plugin in names and names.index(I18N) < names.index(plugin):
        path = Path(config.config_file_path or "mkdocs.yml")
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
        line = next((n for n, text in enumerate(lines, 1) if _names_i18n(text)), 1)
        msg = (
            f"{path}:{line}:1: LNG001 the i18n plugin is listed before {plugin} — list it "
            f"after {plugin} (last), so each language's offline copy is made from its own pages"
        )
        raise PluginError(msg)


def _names_i18n(line: str) -> bool:
    entry = line.strip().removeprefix("-").strip()
    return entry in {I18N, f"{I18N}:"}


def display_name(code: str, in_language: str) -> str:
    """Return a language's name as a sentence in ``in_language`` says it (CLDR, via Babel):
    ``inglés`` for ``en`` in Spanish, ``Spanish`` for ``es`` in English; else ``code``.

    >>> display_name("en", "es"), display_name("es", "en"), display_name("xx", "en")
    ('inglés', 'Spanish', 'xx')
    """
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(
            Locale.parse(in_language.replace("-", "_"))
        )
    except (ValueError, UnknownLocaleError):
        return code
    return str(name or code)


def page_language(file: File, config: MkDocsConfig) -> str:
    """Return the language a page is written in: the one mkdocs-static-i18n marked the file
    with (a page not translated yet keeps the default language's in every build), else the
    language being built."""
    return str(getattr(file, "locale", None) or current(config).code)


def source_name(file: File) -> str:
    """Return a page's name without its language suffix: ``mixing.md`` for ``mixing.es.md``.

    Options name pages that way (``emergency_page: emergency.md``), in every language.
    """
    return str(getattr(file, "norm_src_uri", None) or file.src_uri)


def in_folder(path: str, language: Language, languages: tuple[Language, ...]) -> bool:
    """Whether a site path belongs to ``language``: under its folder, or, for the default
    language, under no other language's folder."""
    if language.prefix:
        return path.startswith(language.prefix)
    return not any(other.prefix and path.startswith(other.prefix) for other in languages)


def _single(config: MkDocsConfig) -> Language:
    code = str(config.theme.get("language") or "en")
    return Language(code=code, name=code)


def _entries(plugin: Any) -> list[dict[str, Any]]:
    return [dict(entry) for entry in plugin.config.get("languages") or []]


__all__ = [
    "I18N",
    "Language",
    "check_order",
    "current",
    "display_name",
    "in_folder",
    "others",
    "page_language",
    "site_languages",
    "source_name",
    "translate_nav",
]
