"""Wire the share helpers into MkDocs: page context for the header, QR codes, warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.utils import get_relative_url

from pocketguide import languages
from pocketguide.content import pages, strings, themeparts
from pocketguide.content.qr import qr_svg
from pocketguide.findings import Finding
from pocketguide.plugins.share.config import ShareConfig
from pocketguide.plugins.share.freshness import as_date, freshness_data, guide_date
from pocketguide.plugins.share.markers import fill_markers, has_markers
from pocketguide.plugins.share.send import SEND_GUIDE, file_stem, send_block
from pocketguide.sitefiles import public_url

if TYPE_CHECKING:
    import datetime as dt

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger(__name__)

PARTS = themeparts.plugin_parts(
    __package__,
    css=["assets/stylesheets/pg-outreach.css", "assets/stylesheets/pg-print.css"],
    js=[
        "assets/javascripts/pg-share.js",
        "assets/javascripts/pg-sms.js",
        "assets/javascripts/pg-freshness.js",
    ],
)


class SharePlugin(BasePlugin[ShareConfig]):
    """Share dialog data, build-time QR codes, the Emergency link and freshness dates."""

    def __init__(self) -> None:
        self._emergency: File | None = None
        self._help: File | None = None
        self._guide_date: dt.date | None = None
        self._qr = False
        self._send = ""  # site path of the one-file edition, when the site has one
        self._stem = "guide"

    # Before pocketguide/minify's on_config (0), which joins the stylesheets linked by then.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Add the Share dialog's templates, styles and scripts to the theme, and warn once when
        QR codes cannot be drawn ([on_config](https://www.mkdocs.org/dev-guide/plugins/#on_config)):
        a QR code of a local address would send readers nowhere."""
        if not self.config.enabled:
            return config
        themeparts.attach(config, "pocketguide/share", PARTS)
        self._qr = self.config.qr and bool(config.site_url)
        if self.config.qr and not config.site_url:
            log.warning(
                "QR codes need site_url: set site_url in mkdocs.yml (or the SITE_URL "
                "environment variable) to the guide's public address; building without them"
            )
        return config

    @event_priority(-110)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Find the Emergency page early, so a wrong name stops the build with a clear fix."""
        if not self.config.enabled:
            return files
        emergency = self.config.emergency_page
        try:
            page = pages.resolve_page(emergency, lambda src: _is_page(files, src))
        except LookupError:
            page = emergency  # _find_page names it and stops the build
        self._emergency = _find_page(files, "emergency_page", page) if page else None
        if self.config.help_page is not None:
            self._help = _find_page(files, "help_page", self.config.help_page)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> None:
        """Note whether the site has the one-file edition to send (``send_file``): every
        plugin has added its files by now (https://www.mkdocs.org/dev-guide/plugins/#on_nav)."""
        if not self.config.enabled:
            return
        name = self.config.send_file
        self._send = name if name and files.get_file_from_path(name) is not None else ""
        self._stem = file_stem(config.site_name)

    def _send_html(self, page_url: str, config: MkDocsConfig) -> str:
        """The "Send the whole guide" block for the page at ``page_url``, or ``""``."""
        if not self._send:
            return ""
        href = get_relative_url(self._send, page_url or ".")
        return send_block(href, self._stem, strings.for_site(config))

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Fill in the markers an editor wrote in the page (the printable card uses them)."""
        if not self.config.enabled:
            return html
        if SEND_GUIDE in html:
            html = html.replace(SEND_GUIDE, self._send_html(page.url, config))
        if not has_markers(html):
            return html
        # The home page of the language being built: a Spanish card opens the Spanish guide.
        home = public_url(config.site_url, languages.current(config).prefix)
        words = strings.for_site(config)
        title = words.text("share.qr_title", url=home)
        home_qr = qr_svg(home, title=title) if self._qr and home else ""
        reviewed = as_date(page.meta.get("last_reviewed"))
        return fill_markers(html, home_qr=home_qr, last_reviewed=reviewed, locale=words.language)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> None:
        """Work out the guide's content date once every page's front matter is read, and give
        the templates the site's words (``pg_t``)."""
        if not self.config.enabled:
            return
        strings.install(env, config)
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        self._guide_date = guide_date(p.meta.get("last_reviewed") for p in pages)

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """Give the header partials what they draw ([on_page_context](https://www.mkdocs.org/dev-guide/plugins/#on_page_context))."""
        if not self.config.enabled:
            return context
        urgent = self._emergency is not None and page.file.src_uri == self._emergency.src_uri
        if page.file.generated_by:  # the offline fallback page: share the guide itself
            url, title, text = "", config.site_name, config.site_description or ""
        else:
            url = page.url
            title = str(page.meta.get("title") or page.title or config.site_name)
            text = str(page.meta.get("description") or config.site_description or "")
        # TemplateContext lists MkDocs' own keys only; templates accept any key.
        context["outreach"] = self._outreach(  # type: ignore[typeddict-unknown-key]
            config,
            url=url,
            title=title,
            text=text,
            next_review=page.meta.get("next_review"),
            urgent=urgent,
            send_from=page.url,
        )
        return context

    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext | None:
        """The "page not found" page keeps the Emergency button; its Share shares the guide."""
        if not self.config.enabled or template_name != "404.html":
            return context
        context["outreach"] = self._outreach(  # type: ignore[typeddict-unknown-key]
            config,
            url="",
            title=config.site_name,
            text=config.site_description or "",
            next_review=None,
            urgent=False,
            send_from=None,  # served at any depth: a relative link would miss
        )
        return context

    def _outreach(
        self,
        config: MkDocsConfig,
        *,
        url: str,
        title: str,
        text: str,
        next_review: object,
        urgent: bool,
        send_from: str | None,
    ) -> dict[str, object]:
        """Return what ``partials/header.html`` and ``partials/outreach.html`` draw."""
        public = public_url(config.site_url, url)
        words = strings.for_site(config)
        return {
            "emergency_url": self._emergency.url if self._emergency else None,
            "emergency_current": urgent,
            "help_url": self._help.url if self._help else "",
            "send_html": self._send_html(send_from, config) if send_from is not None else "",
            "share_url": public or "",
            "share_title": title,
            "share_text": text,
            "qr_svg": qr_svg(public, title=words.text("share.qr_title", url=public))
            if self._qr and public
            else "",
            "freshness": freshness_data(
                next_review, self._guide_date, self.config.stale_after_days, urgent=urgent
            ),
        }


def _find_page(files: Files, option: str, src: str) -> File:
    """Return the page ``src`` names, or stop the build naming the option to fix."""
    file = files.get_file_from_path(src)
    if file is None or not file.is_documentation_page():
        finding = Finding(
            path="mkdocs.yml",
            line=0,
            col=0,
            code="SHARE001",
            message=f"pocketguide/share: {option} '{src}' is not a page in docs/",
            fix=f"create it or set {option} to an existing page"
            + (" ('' for none)" if option == "emergency_page" else ""),
        )
        raise PluginError(finding.format())
    return file


def _is_page(files: Files, src: str) -> bool:
    file = files.get_file_from_path(src)
    return file is not None and file.is_documentation_page()
