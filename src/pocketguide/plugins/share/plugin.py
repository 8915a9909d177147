"""Wire the share helpers into MkDocs: page context for the header, QR codes, warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger

from pocketguide.findings import Finding
from pocketguide.plugins.share.config import ShareConfig
from pocketguide.plugins.share.freshness import freshness_data, guide_date
from pocketguide.plugins.share.links import public_url
from pocketguide.plugins.share.qr import qr_svg

if TYPE_CHECKING:
    import datetime as dt

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger(__name__)

# Write this on a line of its own in a page to get a QR code of the guide's home address.
HOME_QR_MARKER = "<!-- share:qr-home -->"


# MkDocs' BasePlugin.__init_subclass__ has no annotations.
class SharePlugin(BasePlugin[ShareConfig]):  # type: ignore[no-untyped-call]
    """Share dialog data, build-time QR codes, the Emergency link and freshness dates."""

    def __init__(self) -> None:
        self._emergency: File | None = None
        self._guide_date: dt.date | None = None
        self._qr = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Warn once when QR codes cannot be drawn ([on_config](https://www.mkdocs.org/dev-guide/plugins/#on_config)):
        a QR code of a local address would send readers nowhere."""
        if not self.config.enabled:
            return config
        self._qr = self.config.qr and bool(config.site_url)
        if self.config.qr and not config.site_url:
            log.warning(
                "QR codes need site_url: set site_url in mkdocs.yml (or the SITE_URL "
                "environment variable) to the guide's public address; building without them"
            )
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Find the Emergency page early, so a wrong name stops the build with a clear fix."""
        if not self.config.enabled:
            return files
        self._emergency = files.get_file_from_path(self.config.emergency_page)
        if self._emergency is None or not self._emergency.is_documentation_page():
            finding = Finding(
                path="mkdocs.yml",
                line=0,
                col=0,
                code="SHARE001",
                message=f"pocketguide/share: emergency_page '{self.config.emergency_page}' "
                "is not a page in docs/",
                fix="create it or set emergency_page to an existing page",
            )
            raise PluginError(finding.format())
        return files

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Replace the home-QR marker (used by the printable card) with the code itself."""
        if not self.config.enabled or HOME_QR_MARKER not in html:
            return html
        home = public_url(config.site_url, "")
        code = qr_svg(home, title=f"QR code: {home}") if self._qr and home else ""
        return html.replace(HOME_QR_MARKER, code)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> None:
        """Work out the guide's content date once every page's front matter is read."""
        if not self.config.enabled:
            return
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        self._guide_date = guide_date(p.meta.get("last_reviewed") for p in pages)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Give the header partials what they draw ([on_page_context](https://www.mkdocs.org/dev-guide/plugins/#on_page_context))."""
        if not self.config.enabled or self._emergency is None:
            return context
        url = public_url(config.site_url, page.url)
        title = str(page.meta.get("title") or page.title or config.site_name)
        # TemplateContext lists MkDocs' own keys only; templates accept any key.
        context["outreach"] = {  # type: ignore[typeddict-unknown-key]
            "emergency_url": self._emergency.url,
            "share_url": url or "",
            "share_title": title,
            "share_text": str(page.meta.get("description") or config.site_description or ""),
            "qr_svg": qr_svg(url, title=f"QR code: {url}") if self._qr and url else "",
            "freshness": freshness_data(
                page.meta.get("next_review"), self._guide_date, self.config.stale_after_days
            ),
        }
        return context
