"""``pocketguide/csp``: a Content-Security-Policy in every page. Wiring; logic in ``policy``."""

from __future__ import annotations

import logging
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import BasePlugin, PrefixedLogger, event_priority

from pocketguide.htmltags import has_policy

from . import policy
from .config import CspConfig

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = PrefixedLogger("pocketguide/csp", logging.getLogger(f"mkdocs.plugins.{__name__}"))


class CspPlugin(BasePlugin[CspConfig]):
    """Allow only the guide's own files and the inline code the build wrote."""

    def __init__(self) -> None:
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Add no policy under ``mkdocs serve``: its live-reload script is injected inline.

        https://www.mkdocs.org/dev-guide/plugins/#on_startup
        """
        self.serving = command == "serve"

    @event_priority(100)
    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Remove ``<script>`` and ``<style>`` written in the page's Markdown, with an error.

        Runs first (priority 100), on the Markdown's HTML alone: the policy then hashes only
        code the theme and the plugins wrote. ``make site``'s content check reports the same
        elements at their line first (HTM001).
        https://www.mkdocs.org/dev-guide/plugins/#on_page_content
        """
        if not self.config.enabled or self.serving:
            return None
        kept, removed = policy.strip_inline_code(html)
        for element in removed:
            log.error(
                "%s: %s written in the page was removed — a page may not carry code; "
                "put it in a script or stylesheet file of the theme",
                page.file.src_uri,
                element,
            )
        return kept

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """Warn about inline code no hash can allow, on the page as rendered (before it is
        minified, so that lines and columns mean something).

        https://www.mkdocs.org/dev-guide/plugins/#on_post_page
        """
        if self.config.enabled and not self.serving:
            hashed = self.config.style_attributes == "hash"
            for item in policy.blocked_inline(output, hashed_styles=hashed):
                log.warning(
                    "%s:%d:%d: %s (from %s) cannot run under the Content-Security-Policy — "
                    "move it into a script or stylesheet file",
                    page.file.dest_uri,
                    item.line,
                    item.col,
                    item.what,
                    page.file.src_uri,
                )
        return None

    # After every step that changes HTML (pocketguide/minify runs at -40) and before
    # pocketguide/pwa (-100), which computes precache revisions from the final bytes.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Hash each page's inline scripts and styles and write the policy into the page.

        Every ``*.html`` file gets one: pages, 404.html, the offline page, redirect stubs.
        https://www.mkdocs.org/dev-guide/plugins/#on_post_build
        """
        if not self.config.enabled or self.serving:
            return
        site_dir = Path(config.site_dir)
        pages = 0
        for path in sorted(site_dir.rglob("*.html")):
            rel = path.relative_to(site_dir).as_posix()
            if any(fnmatch(rel, pattern) for pattern in self.config.exclude):
                continue
            html = path.read_text(encoding="utf-8")
            if has_policy(html):
                continue
            scripts, styles = policy.inline_code(html)
            attributes = (
                policy.style_attributes(html) if self.config.style_attributes == "hash" else []
            )
            rules = policy.build_policy(
                scripts, styles, style_attribute_hashes=attributes, allow=self.config.allow
            )
            text = policy.add_policy(html, rules)
            path.write_text(text, encoding="utf-8")
            pages += 1
        log.info("Content-Security-Policy written into %d pages", pages)
