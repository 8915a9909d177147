"""``pocketguide/search``: Material's search index, made to find what people type. Wiring
only; the logic is in :mod:`.index` and :mod:`.names`."""

from __future__ import annotations

import gzip
import json
import logging
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, PrefixedLogger, event_priority

from pocketguide import languages
from pocketguide.content.data import is_base_language

from . import index, names
from .config import SearchConfig

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = PrefixedLogger("pocketguide/search", logging.getLogger(f"mkdocs.plugins.{__name__}"))

INDEX = "search/search_index.json"
DEFAULT_SYNONYMS = "data/synonyms.yml"
_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?")


class SearchPlugin(BasePlugin[SearchConfig]):
    """Rewrite Material's search index: punctuation, stemming, other names."""

    def __init__(self) -> None:
        self.groups: list[names.Group] = []
        self.language = "en"
        self.folder = ""
        self.default_index: tuple[Path, bytes] | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Read the names files and the language before any page is built.

        https://www.mkdocs.org/dev-guide/plugins/#on_config
        """
        if not self.config.enabled:
            return None
        synonyms = Path(config.docs_dir) / (self.config.synonyms or DEFAULT_SYNONYMS)
        if self.config.synonyms and not synonyms.is_file():
            msg = f"{synonyms}:0:0: NAM003 synonyms file not found — create it or fix 'synonyms:'"
            raise PluginError(msg)
        self._read(config, languages.current(config).code)
        return None

    def _read(self, config: MkDocsConfig, language: str) -> None:
        """The names of ``language``: in English the synonyms file and the mixing data; in
        another, the synonyms file of that language (``synonyms.es.yml``; none if there is
        none) and the mixing data's names with those of its translation (``mixing.es.yml``)."""
        docs = Path(config.docs_dir)
        synonyms = docs / (self.config.synonyms or DEFAULT_SYNONYMS)
        mixing = docs / self.config.mixing_data
        translated = not is_base_language(language)
        chosen = _translation(synonyms, language) if translated else synonyms
        try:
            self.groups = names.synonym_groups(chosen) if chosen and chosen.is_file() else []
            if mixing.is_file():
                overlay = _translation(mixing, language) if translated else None
                self.groups += names.mixing_groups(mixing, overlay)
        except names.NamesError as exc:
            raise PluginError(str(exc)) from exc
        building = languages.current(config)
        self.folder = building.prefix
        if building.default:
            self.default_index = None  # kept by MkDocs from an earlier configuration
            self.language = self.config.lang or _search_language(config)
        else:
            self.language = building.code

    @event_priority(-110)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Leave the synonyms file out of the site: it is read at build time only.

        https://www.mkdocs.org/dev-guide/plugins/#on_files
        """
        if not self.config.enabled:
            return None
        path = PurePosixPath(self.config.synonyms or DEFAULT_SYNONYMS)
        for file in list(files):  # synonyms.yml and its translations (synonyms.es.yml…)
            uri = PurePosixPath(file.src_uri)
            if uri == path or (uri.parent == path.parent and _is_translation(uri.name, path)):
                files.remove(file)
        return files

    # After Material's search plugin (priority 0) has written the index; before
    # pocketguide/pwa (-100) reads it for the offline copy.
    @event_priority(-10)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Rewrite ``search/search_index.json``.

        https://www.mkdocs.org/dev-guide/plugins/#on_post_build
        """
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir)
        path = site_dir / INDEX
        if not path.is_file():
            log.warning("%s not found: is Material's 'search' plugin in mkdocs.yml?", INDEX)
            return
        before = path.read_bytes()
        improved, gained = index.improve(json.loads(before), self.groups, self.language)
        if self.folder:  # Material's worker stems in the index's languages: this one's only
            improved["config"] = {**improved["config"], "lang": [self.language]}
        after = json.dumps(improved, separators=(",", ":")).encode("utf-8")
        if self.folder:
            # Another language's pass: Material wrote its index over the default language's
            # at the site root. Each language keeps its own, in its own folder.
            (site_dir / self.folder / INDEX).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / self.folder / INDEX).write_bytes(after)
            self._restore_default(site_dir)
        else:
            path.write_bytes(after)
            self.default_index = (site_dir, after)
        log.info(
            "search index: %d entries, %d with other names (%d groups, language %s); "
            "%.1f KiB -> %.1f KiB (%.1f KiB -> %.1f KiB gzipped)",
            len(improved["docs"]),
            gained,
            len(self.groups),
            self.language,
            len(before) / 1024,
            len(after) / 1024,
            len(gzip.compress(before, mtime=0)) / 1024,
            len(gzip.compress(after, mtime=0)) / 1024,
        )

    def on_shutdown(self) -> None:
        """Put the default language's index back at the site root, where mkdocs-static-i18n
        writes one index of every language once all are built (each has its own here).

        https://www.mkdocs.org/dev-guide/plugins/#on_shutdown
        """
        if self.default_index is not None:
            self._restore_default(self.default_index[0])
            self.default_index = None

    def _restore_default(self, site_dir: Path) -> None:
        if self.default_index is not None and site_dir == self.default_index[0]:
            path = site_dir / INDEX
            if path.is_file() and path.read_bytes() != self.default_index[1]:
                path.write_bytes(self.default_index[1])


def _search_language(config: MkDocsConfig) -> str:
    """``theme.language`` when Material's search plugin stems it (mkdocs-static-i18n adds each
    language to its ``lang``), else the first language it stems, else ``theme.language``."""
    theme = str(config.theme.get("language") or "en")
    search = config.plugins.get("search") or config.plugins.get("material/search")
    languages = getattr(search, "config", {}).get("lang") if search else None
    if languages:
        return theme if theme in languages else str(languages[0])
    return theme


def _is_translation(name: str, path: PurePosixPath) -> bool:
    """Whether ``name`` is ``synonyms.<language>.yml`` beside ``synonyms.yml``."""
    stem, _, tag = name.removesuffix(path.suffix).rpartition(".")
    return name.endswith(path.suffix) and stem == path.stem and _TAG.fullmatch(tag) is not None


def _translation(path: Path, language: str) -> Path | None:
    """``synonyms.es-MX.yml`` or ``synonyms.es.yml`` beside ``synonyms.yml``, if one exists."""
    for tag in dict.fromkeys([language, language.replace("_", "-").split("-")[0]]):
        found = path.with_name(f"{path.stem}.{tag}{path.suffix}")
        if found.is_file():
            return found
    return None
