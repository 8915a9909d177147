"""``pocketguide/edition``: the whole guide as one self-contained HTML file.

Collects each page's rendered content, then writes ``<site>/pocketguide.html`` after the build.
The assembly itself is in :mod:`pocketguide.plugins.edition.singlefile`.
"""

from __future__ import annotations

import datetime as dt
from importlib.resources import files as package_files
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.nav import Section
from mkdocs.structure.pages import Page

from pocketguide import buildinfo, languages
from pocketguide.content import pages, strings
from pocketguide.content.qr import qr_svg
from pocketguide.plugins.edition.config import EditionConfig
from pocketguide.plugins.edition.singlefile import (
    EditionMeta,
    EditionPage,
    NavItem,
    assemble,
    external_references,
)
from pocketguide.sitefiles import public_url

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

log = get_plugin_logger(__name__)
_TEMPLATES = package_files("pocketguide.plugins.edition") / "templates"


def nav_items(items: Iterable[object]) -> tuple[NavItem, ...]:
    """Convert MkDocs navigation items to :class:`NavItem` (external links are left out)."""
    out = []
    for item in items:
        if isinstance(item, Page):
            out.append(NavItem(title=item.title or "", page=languages.source_name(item.file)))
        elif isinstance(item, Section):
            out.append(NavItem(title=item.title, children=nav_items(item.children)))
    return tuple(out)


def theme_logo_svg(config: MkDocsConfig) -> str:
    """Return the SVG of Material's ``theme.icon.logo`` (``material/medical-bag``) or ``""``."""
    logo = (config.theme.get("icon") or {}).get("logo")
    if not logo:
        return ""
    for folder in config.theme.dirs:
        path = Path(folder, ".icons", f"{logo}.svg")
        if path.is_file():
            return path.read_text(encoding="utf-8").strip()
    return ""


def _iso(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value else ""


class EditionPlugin(BasePlugin[EditionConfig]):
    """Write the single-file offline edition of the guide."""

    def __init__(self) -> None:
        self.pages: dict[str, EditionPage] = {}
        self.nav: tuple[NavItem, ...] = ()
        self.sources: list[tuple[str, str]] = []
        self.emergency: str | None = None
        self.language = languages.Language(code="en", name="en")

    @event_priority(-110)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> None:
        """Announce the file (empty until ``on_post_build``) so pages may link to it.

        Without this, ``[Save the whole guide](pocketguide.html)`` in a page is an unknown
        link and fails a strict build. https://www.mkdocs.org/dev-guide/plugins/#on_files
        """
        if not self.config.enabled:
            return
        if files.get_file_from_path(self.config.filename) is not None:
            msg = (
                f"docs/{self.config.filename}: a file of that name would be overwritten by the "
                "single-file edition — rename it, or set pocketguide/edition's filename"
            )
            raise PluginError(msg)
        self.language = languages.current(config)
        edition = File.generated(config, self.config.filename, content="")
        edition.dest_uri = self.language.path(edition.dest_uri)  # each language has its own
        files.append(edition)
        self.sources = [(f.dest_uri, f.src_uri) for f in files.documentation_pages()]
        try:
            self.emergency = pages.resolve_page(
                self.config.emergency_page,
                lambda src: (
                    (f := files.get_file_from_path(src)) is not None and f.is_documentation_page()
                ),
            )
        except LookupError:
            msg = (
                f"mkdocs.yml: plugins.pocketguide/edition.emergency_page: page "
                f"'{self.config.emergency_page}' is not in docs/ — name an existing Markdown "
                "page, relative to docs/ (or '' for none)"
            )
            raise PluginError(msg) from None

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
        """Remember the navigation tree: it gives the order of the pages in the file.

        https://www.mkdocs.org/dev-guide/plugins/#on_nav
        """
        if not self.config.enabled:
            return
        self.pages = {}
        self.nav = nav_items(nav.items)

    @event_priority(-75)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> None:
        """Keep the page's final rendered content (low priority: after citations and the like).

        https://www.mkdocs.org/dev-guide/plugins/#on_page_content
        """
        if not self.config.enabled:
            return
        self.pages[languages.source_name(page.file)] = EditionPage(
            key=languages.source_name(page.file),
            url=page.url,
            title=page.title or "",
            content=html,
            last_reviewed=_iso(page.meta.get("last_reviewed")),
        )

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Assemble and write the file into the site directory.

        https://www.mkdocs.org/dev-guide/plugins/#on_post_build
        """
        if not self.config.enabled:
            return
        site_dir = Path(config.site_dir).resolve()

        def read_asset(path: str) -> bytes | None:
            target = (site_dir / path).resolve()
            if site_dir not in target.parents or not target.is_file():
                return None
            return target.read_bytes()

        # The guide online in the edition's language: /es/ for the Spanish file.
        home = public_url(config.site_url, self.language.prefix) or ""
        words = strings.for_site(config)
        meta = EditionMeta(
            site_name=config.site_name,
            description=config.site_description or "",
            site_url=home,
            copyright=config.copyright or "",
            logo_svg=theme_logo_svg(config),
            emergency_page=self.emergency or "",
            version=self.config.version,
            qr_svg=qr_svg(home, title=words.text("share.qr_title", url=home)) if home else "",
            css=(_TEMPLATES / "edition.css").read_text(encoding="utf-8").strip(),
            # Stripped: pocketguide/minify trims it later, and the CSP hash must still match.
            script=(_TEMPLATES / "edition.js").read_text(encoding="utf-8").strip()
            if self.config.search
            else "",
            words=words,
        )
        edition = assemble(list(self.pages.values()), self.nav, meta, read_asset)
        for problem in edition.problems:
            log.warning("%s", problem)
        name = self.language.path(self.config.filename)  # es/pocketguide.html: which language
        for ref in external_references(edition.html):
            log.warning("%s: refers outside the file: %s", name, ref)
        if self.emergency and self.emergency not in edition.pages:
            log.warning(
                "emergency_page %r is not in the navigation, so not in the file — add it to "
                "nav in mkdocs.yml, or set emergency_page to ''",
                self.emergency,
            )
        out = site_dir / name
        out.write_text(edition.html, encoding="utf-8")
        if not self.language.default:
            buildinfo.add_edition(site_dir, name)
        else:
            buildinfo.record(
                site_dir,
                editions=[self.config.filename],
                **buildinfo.site_sections(
                    site_dir,
                    self.sources,
                    site_url=config.site_url or "",
                    use_directory_urls=config.use_directory_urls,
                ),
            )
        size_kib = out.stat().st_size / 1024
        log.info(
            "%s: %d pages, %.0f KiB, version %s",
            name,
            len(edition.pages),
            size_kib,
            edition.version,
        )
        if size_kib > self.config.max_size_kib:
            log.warning(
                "%s is %.0f KiB, over max_size_kib (%d) — shorten pages or shrink images",
                name,
                size_kib,
                self.config.max_size_kib,
            )
