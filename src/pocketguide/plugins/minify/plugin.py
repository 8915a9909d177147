"""``pocketguide/minify``: minify built pages and stylesheets. Wiring; logic in ``minify``."""

from __future__ import annotations

import logging
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import BasePlugin, PrefixedLogger, event_priority

from pocketguide.plugins.csp.policy import has_policy

from . import minify
from .config import MinifyConfig

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = PrefixedLogger("pocketguide/minify", logging.getLogger(f"mkdocs.plugins.{__name__}"))


class MinifyPlugin(BasePlugin[MinifyConfig]):
    """Remove the bytes phones do not need from HTML and CSS."""

    def __init__(self) -> None:
        self.serving = False
        self.joined: list[str] = []

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
            config.extra_css, self.joined = minify.bundle_plan(list(config.extra_css))
        return config

    # After every plugin that writes HTML (priority 0: search, redirects, edition) and before
    # pocketguide/csp (-50), which hashes the final inline code, and pocketguide/pwa (-100),
    # which computes revisions from the final bytes.
    @event_priority(-40)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Minify every page in the site, including 404.html and redirect stubs.

        Pages that carry their own Content-Security-Policy are left as written: the minifier
        trims inline scripts, which would no longer match their hashes.

        https://www.mkdocs.org/dev-guide/plugins/#on_post_build
        """
        if not self.config.enabled or self.serving:
            return
        site_dir = Path(config.site_dir)
        if self.joined:
            self._write_bundle(site_dir)
        before = after = 0
        for path in sorted(site_dir.rglob("*")):
            rel = path.relative_to(site_dir).as_posix()
            if not path.is_file() or not minify.should_minify(rel):
                continue
            if any(fnmatch(rel, pattern) for pattern in self.config.exclude):
                continue
            is_html = rel.endswith(".html")
            if not (self.config.html if is_html else self.config.css):
                continue
            text = path.read_text(encoding="utf-8")
            if is_html and has_policy(text):
                continue  # its own policy hashes its scripts as written (the one-file edition)
            small = minify.minify_page(text) if is_html else minify.minify_css(text)
            before += len(text.encode("utf-8"))
            after += len(small.encode("utf-8"))
            path.write_text(small, encoding="utf-8")
        if before:
            log.info("minified HTML and CSS: %.1f KiB -> %.1f KiB", before / 1024, after / 1024)

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
