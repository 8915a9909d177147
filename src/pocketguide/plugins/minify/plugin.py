"""``pocketguide/minify``: minify built pages and stylesheets. Wiring; logic in ``minify``."""

from __future__ import annotations

import logging
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import BasePlugin, PrefixedLogger, event_priority

from pocketguide.htmltags import has_policy
from pocketguide.sitefiles import site_path
from pocketguide.sitelayout import SiteLayout, resolve

from . import minify, purge
from .config import MinifyConfig

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = PrefixedLogger("pocketguide/minify", logging.getLogger(f"mkdocs.plugins.{__name__}"))


class MinifyPlugin(BasePlugin[MinifyConfig]):
    """Remove the bytes phones do not need from HTML and CSS."""

    def __init__(self) -> None:
        self.serving = False
        self.joined: list[str] = []
        self.stylesheets: tuple[MkDocsConfig, list[str]] | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Skip the work under ``mkdocs serve``, where nobody downloads over a phone link.

        https://www.mkdocs.org/dev-guide/plugins/#on_startup
        """
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Point pages at one bundle instead of each of the guide's stylesheets.

        https://www.mkdocs.org/dev-guide/plugins/#on_config
        """
        self.joined = []
        if self.config.enabled and self.config.bundle_css and not self.serving:
            # A site in several languages runs this again for each (mkdocs-static-i18n): plan
            # from the stylesheets the site listed, not from the bundle the last pass linked.
            # MkDocs keeps this plugin's object from one configuration to the next (it has
            # on_startup), so the list is kept per configuration.
            if self.stylesheets is None or self.stylesheets[0] is not config:
                self.stylesheets = (config, list(config.extra_css))
            config.extra_css, self.joined = minify.bundle_plan(list(self.stylesheets[1]))
        return config

    # After every plugin that writes HTML (priority 0: search, redirects, edition) and before
    # pocketguide/csp (-50), which hashes the final inline code, and pocketguide/pwa (-100),
    # which computes revisions from the final bytes.
    @event_priority(-40)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Join the stylesheets, defer the script files, and minify every page in the site
        (404.html and redirect stubs included).

        Pages that carry their own Content-Security-Policy are left as written: the minifier
        trims inline scripts, which would no longer match their hashes.

        https://www.mkdocs.org/dev-guide/plugins/#on_post_build
        """
        if not self.config.enabled or self.serving:
            return
        site_dir = Path(config.site_dir)
        if self.joined:
            self._write_bundle(site_dir)
        # Pages relinked to the merged stylesheet stay in memory: each page is written once.
        relinked = self._merge_stylesheets(site_dir, config) if self.config.merge_css else {}
        before = after = 0
        for path in sorted(site_dir.rglob("*")):
            rel = path.relative_to(site_dir).as_posix()
            if not path.is_file() or not minify.should_minify(rel):
                continue
            if any(fnmatch(rel, pattern) for pattern in self.config.exclude):
                continue
            pending = relinked.get(rel)
            text = path.read_text(encoding="utf-8") if pending is None else pending
            if rel.endswith(".html") and has_policy(text):
                continue  # its own policy hashes its scripts as written (the one-file edition)
            small = self._rewrite(rel, text)
            if small != text:
                before += len(text.encode("utf-8"))
                after += len(small.encode("utf-8"))
            if small != text or pending is not None:
                path.write_text(small, encoding="utf-8")
        if before:
            log.info("minified HTML and CSS: %.1f KiB -> %.1f KiB", before / 1024, after / 1024)

    def _rewrite(self, rel: str, text: str) -> str:
        """Return a page or stylesheet as the options want it."""
        if not rel.endswith(".html"):
            return minify.minify_css(text) if self.config.css else text
        if self.config.defer_scripts:
            text = minify.defer_scripts(text)
        return minify.minify_page(text) if self.config.html else text

    def _write_bundle(self, site_dir: Path) -> None:
        """Join the stylesheets into the bundle and remove them, so nothing is served twice."""
        parts = []
        for rel in self.joined:
            path = site_dir / rel
            if not path.is_file():
                log.warning("extra_css: %s is not in the site — check the path in mkdocs.yml", rel)
                continue
            parts.append(f"/* {rel} */\n{path.read_text(encoding='utf-8')}")
            path.unlink()
        (site_dir / minify.BUNDLE).write_text("\n".join(parts), encoding="utf-8")

    def _merge_stylesheets(self, site_dir: Path, config: MkDocsConfig) -> dict[str, str]:
        """Write the pages' stylesheets as one purged file; return every page that linked
        them, now pointing at it (``{site path: html}``, for the caller to write)."""
        layout = SiteLayout(
            site_dir=site_dir,
            docs_dir=Path(config.docs_dir),
            site_url=config.site_url or "",
            base_path=site_path(config.site_url),
        )

        def locate(page: str, url: str) -> str | None:
            target = resolve(url, page, layout)
            if target is None or target.escapes or not (site_dir / target.path).is_file():
                return None
            return target.path

        def read(path: str) -> str:
            text = (site_dir / path).read_text(encoding="utf-8")
            small = path.endswith(".css") and self.config.css and minify.should_minify(path)
            return minify.minify_css(text) if small else text

        pages: dict[str, str] = {}
        kept: set[str | None] = set()  # linked by pages left as written: not to be removed
        for path in sorted(site_dir.rglob("*.html")):
            rel = path.relative_to(site_dir).as_posix()
            text = path.read_text(encoding="utf-8")
            if has_policy(text) or any(fnmatch(rel, p) for p in self.config.exclude):
                kept.update(locate(rel, href) for href in minify.stylesheets(text))
            else:
                pages[rel] = text
        try:
            merged = purge.merge_site(pages, locate, read)
        except ValueError as exc:
            log.warning(
                "stylesheets left as they are: %s (or set merge_css: false for pocketguide/minify)",
                exc,
            )
            return {}
        if merged is None:
            return {}
        (site_dir / merged.name).write_bytes(merged.css)
        for sheet in set(merged.joined) - kept:
            (site_dir / sheet).unlink()
            (site_dir / f"{sheet}.map").unlink(missing_ok=True)
        log.info(
            "one stylesheet, %s: %d joined, %.1f KiB -> %.1f KiB",
            merged.name,
            len(merged.joined),
            merged.before / 1024,
            len(merged.css) / 1024,
        )
        return merged.pages
