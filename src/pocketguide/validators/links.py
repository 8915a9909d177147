"""Check a built ``site/``: every link, anchor, image, icon and precached file, offline-first.

All checks run on the rendered HTML, so anchors added by extensions and the theme count, and
every finding is mapped back to the Markdown line it came from (see ``sourcemap``). Problems
in the theme around the content (navigation, header) name the HTML file and are reported once
for all pages that share them.

Rule codes:

- LNK001 internal link to a missing page or file
- LNK002 ``#fragment`` missing on the target page
- LNK003 image, script, style or other resource missing
- LNK004 link leaves the site (above its root, or outside the ``site_url`` sub-path)
- LNK005 URL that cannot be parsed (``http://[::1``: a browser and MkDocs reject it)
- LNK010 manifest unreadable; LNK011 manifest icon or shortcut missing
- LNK012 precache entry missing; LNK013 page not precached; LNK016 no readable ``sw.js``
- LNK014 page missing from the search index; LNK015 page unreachable from the home page
- LNK017 a precached file's bytes no longer match its revision in ``sw.js``
- LNK020 external resource (the privacy rule, see ``privacy``)
- LNK021 invalid ``tel:``/``sms:`` number; LNK022 link text does not show the number
- LNK040 file cannot be read; LNK041 elements nested too deep to parse safely
"""

from __future__ import annotations

import json
from collections import Counter, deque
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from pocketguide import buildinfo
from pocketguide.content.data import load_data
from pocketguide.content.sources import load_sources
from pocketguide.content.swdata import read_precache, revision_of
from pocketguide.findings import Finding
from pocketguide.sitelayout import SiteLayout, existing_file, resolve, url_of_page
from pocketguide.validators import privacy
from pocketguide.validators.config import CheckConfig, load_check_config
from pocketguide.validators.html import PageData, Ref, css_urls, nesting_depth, parse_page
from pocketguide.validators.numbers import short_numbers
from pocketguide.validators.phone import check_phone_link
from pocketguide.validators.report import display
from pocketguide.validators.site import list_files, load_layout
from pocketguide.validators.sourcemap import SourceLocator, link_needles

if TYPE_CHECKING:
    from pathlib import Path

RULES = {
    "LNK001": "internal link to a missing page or file",
    "LNK002": "anchor missing on the target page",
    "LNK003": "image or other resource missing",
    "LNK004": "link leaves the site",
    "LNK005": "URL cannot be parsed",
    "LNK010": "web app manifest unreadable",
    "LNK011": "manifest icon or shortcut missing",
    "LNK012": "precache entry missing",
    "LNK013": "page not saved for offline use",
    "LNK014": "page missing from the search index",
    "LNK015": "page not reachable from the home page",
    "LNK016": "service worker precache list unreadable",
    "LNK017": "precached file changed after sw.js was written",
    "LNK020": "resource loaded from another origin",
    "LNK021": "tel:/sms: number cannot be dialled",
    "LNK022": "tel:/sms: link text does not show the number",
    "LNK030": "external link broken",
    "LNK031": "external link could not be verified",
    "LNK040": "file cannot be read",
    "LNK041": "elements nested too deep",
}
SEARCH_INDEX = "search/search_index.json"
SW_JS = "sw.js"
_SKIP_SCHEMES = ("mailto:", "javascript:", "data:", "blob:", "about:")


@dataclass(frozen=True)
class ExternalLink:
    """An external ``<a href>`` and where it was written."""

    url: str
    path: str
    line: int
    col: int


@dataclass
class LinkReport:
    """Result of checking a site: findings, the external links seen, and how many pages."""

    findings: list[Finding] = field(default_factory=list)
    external: list[ExternalLink] = field(default_factory=list)
    pages: int = 0


def run_link_checks(
    site_dir: Path, docs_dir: Path, config_file: Path, checks: CheckConfig | None = None
) -> list[Finding]:
    """Check the built ``site_dir`` made from ``docs_dir`` with MkDocs config ``config_file``.

    ``checks`` defaults to ``[tool.pocketguide.checks]`` of the ``pyproject.toml`` next to
    ``config_file``. Returns every finding, configured severities applied, sorted.
    """
    problems: list[Finding] = []
    if checks is None:
        checks, problems = load_check_config(config_file.parent / "pyproject.toml")
    return checks.apply(problems + check_links(site_dir, docs_dir, config_file, checks).findings)


def check_links(
    site_dir: Path, docs_dir: Path, config_file: Path, checks: CheckConfig
) -> LinkReport:
    """Return the raw report (severities not yet applied) with the external links listed."""
    layout, problems = load_layout(site_dir, docs_dir, config_file)
    if not site_dir.is_dir():
        message = f"no built site at '{display(site_dir)}'"
        fix = "build it first: make site"
        return LinkReport([*problems, Finding(display(site_dir), 0, 0, "LNK040", message, fix)])
    info = buildinfo.read(site_dir)
    registry, data_dir = buildinfo.registry_paths(info, config_file.parent, docs_dir)
    checker = _SiteChecker(
        layout,
        _with_data_numbers(checks, registry, data_dir),
        registry,
        buildinfo.editions(site_dir, info),
        folders=[("", SW_JS), *buildinfo.language_workers(info)],
    )
    report = checker.run()
    report.findings[:0] = problems
    return report


def _with_data_numbers(checks: CheckConfig, registry: Path, data_dir: Path) -> CheckConfig:
    """Let ``tel:`` links dial the short numbers of ``docs/data`` (checked there, not here)."""
    sources, _ = load_sources(registry)
    data, _ = load_data(data_dir, sources)
    codes = (*checks.emergency_short_codes, *short_numbers(data))
    return replace(checks, emergency_short_codes=tuple(dict.fromkeys(codes)))


class _SiteChecker:
    def __init__(
        self,
        layout: SiteLayout,
        checks: CheckConfig,
        registry: Path,
        editions: list[str],
        folders: list[tuple[str, str]] | None = None,
    ) -> None:
        self.layout = layout
        self.checks = checks
        self.files = list_files(layout.site_dir)
        self.pages: dict[str, PageData] = {}
        self.locators: dict[str, SourceLocator | None] = {}
        self.edges: dict[str, set[str]] = {}
        self.report = LinkReport()
        self.theme: dict[tuple[str, str], list[Finding]] = {}
        self.theme_external: set[str] = set()
        self._nth = 0  # index of the current ref among the same URLs in the page's content
        self.registry: SourceLocator | None = None
        self.registry_path = registry
        self.editions = set(editions)
        # Each language's folder ("" for the default, "es/") and its service worker: a
        # language has its own home page, search index and offline copy there.
        self.folders = sorted(folders or [("", SW_JS)], key=lambda f: -len(f[0]))

    def run(self) -> LinkReport:
        for page in sorted(f for f in self.files if f.endswith(".html")):
            self._read_page(page)
        self.report.pages = len(self.pages)
        for page, data in self.pages.items():
            self.edges[page] = set()
            uses: Counter[str] = Counter()
            for ref in data.refs:
                self._nth = uses[ref.url]
                uses[ref.url] += ref.in_content
                self._check_ref(page, ref)
        self._check_css()
        self._check_manifests()
        checked = self._pages_to_list()
        self._check_reachable(checked)
        self._check_search_index(checked)
        self._check_precache(checked)
        self._flush_theme()
        return self.report

    def _read_page(self, page: str) -> None:
        try:
            html = (self.layout.site_dir / page).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self._site_finding(page, "LNK040", f"cannot read the page: {exc}", "rebuild the site")
            return
        limit = self.checks.max_html_depth
        depth = nesting_depth(html, limit)
        if depth.offset >= 0:
            line = html.count("\n", 0, depth.offset) + 1
            col = depth.offset - (html.rfind("\n", 0, depth.offset) + 1) + 1
            message = f"elements nest more than {limit} levels deep here; the page was not checked"
            fix = "close the HTML elements you open (or raise max_html_depth)"
            path = display(self.layout.site_dir / page)
            self.report.findings.append(Finding(path, line, col, "LNK041", message, fix))
            return
        self.pages[page] = parse_page(html)

    def _locator(self, page: str) -> SourceLocator | None:
        if page not in self.locators:
            source = self.layout.sources.get(page)
            try:
                text = source.read_text(encoding="utf-8") if source else None
            except (OSError, UnicodeDecodeError):
                text = None
            self.locators[page] = SourceLocator(text) if text is not None else None
        return self.locators[page]

    def _site_finding(self, rel: str, code: str, message: str, fix: str = "") -> None:
        path = display(self.layout.site_dir / rel)
        self.report.findings.append(Finding(path, 0, 0, code, message, fix))

    def _page_finding(
        self, page: str, ref: Ref, code: str, message: str, fix: str, *, key: str = ""
    ) -> None:
        """Report a problem with ``ref``: at its Markdown line, or once per theme problem.

        Theme problems are grouped by ``key`` (default: the message), e.g. the resolved target
        of a relative URL that reads differently on each page.
        """
        locator = self._locator(page)
        source = self.layout.sources.get(page)
        if locator is not None and source is not None and ref.in_content:
            line, col = locator.locate(link_needles(ref.url, ref.text), self._nth)
            self.report.findings.append(Finding(display(source), line, col, code, message, fix))
            return
        where = display(self.layout.site_dir / page)
        group = self.theme.setdefault((code, key or message), [])
        group.append(Finding(where, 0, 0, code, message, fix))

    def _flush_theme(self) -> None:
        """Report each theme problem once, unless a page's own Markdown already shows it."""
        at_source = {(f.code, f.message) for f in self.report.findings}
        for (code, _), group in self.theme.items():
            first = group[0]
            if (code, first.message) in at_source:
                continue
            if len(group) > 1:
                others = len(group) - 1
                note = f" (in the theme; also on {others} other page{'s' if others > 1 else ''})"
                first = replace(first, message=first.message + note)
            else:
                first = replace(first, message=first.message + " (in the theme)")
            self.report.findings.append(first)

    def _check_ref(self, page: str, ref: Ref) -> None:
        url = ref.url.strip()
        broken = url_problem(url)
        if broken is not None:
            message = f"'{_shorten(url)}' is not a valid URL ({broken})"
            fix = "fix the address, e.g. close the [ ] around an IPv6 host"
            self._page_finding(page, ref, "LNK005", message, fix)
            return
        lowered = url.lower()
        if lowered.startswith(("tel:", "sms:")):
            problem = check_phone_link(url, ref.text, self.checks.emergency_short_codes)
            if problem:
                self._page_finding(page, ref, problem.code, problem.message, problem.fix)
            return
        if lowered.startswith(_SKIP_SCHEMES):
            return
        if privacy.is_external(url):
            own = self.layout.own_url_path(url)
            if ref.loads:
                self._page_finding(page, ref, privacy.CODE, privacy.describe(ref), privacy.FIX)
                return
            if own is None:
                if ref.tag in {"a", "area"}:
                    self._list_external(page, ref)
                return
        if page in self.editions:
            # A one-file edition's links are made from the pages' own, checked at their lines.
            return
        self._check_internal(page, ref)

    def _list_external(self, page: str, ref: Ref) -> None:
        """Record an external link where it was written: the page's Markdown or the registry.

        Links the theme or a plugin adds (a page's source list comes from ``sources.yml``)
        are listed once, at the registry line when the URL is there.
        """
        source = self.layout.sources.get(page)
        locator = self._locator(page)
        if source is not None and locator is not None and ref.in_content:
            line, col = locator.locate([ref.url], self._nth)
            if line:
                self.report.external.append(ExternalLink(ref.url, display(source), line, col))
                return
        if ref.url in self.theme_external:
            return
        self.theme_external.add(ref.url)
        line, col = self._registry().locate([ref.url], 0)
        if line:
            where = display(self.registry_path)
        else:
            where = display(source if source and ref.in_content else self.layout.site_dir / page)
        self.report.external.append(ExternalLink(ref.url, where, line, col))

    def _registry(self) -> SourceLocator:
        if self.registry is None:
            try:
                text = self.registry_path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                text = ""
            self.registry = SourceLocator(text)
        return self.registry

    def _check_internal(self, page: str, ref: Ref) -> None:
        target = resolve(ref.url, page, self.layout)
        if target is None:
            return
        if target.escapes:
            base = self.layout.base_path
            message = f"'{ref.url}' points outside the site (it lives under '{base}')"
            fix = "link relatively to the Markdown file, e.g. [text](other-page.md)"
            self._page_finding(page, ref, "LNK004", message, fix)
            return
        found = existing_file(target.path, self.files)
        if found is None:
            if ref.loads:
                message = f"<{ref.tag} {ref.attr}> '{ref.url}' does not exist in the built site"
                fix = "add the file under docs/ or fix the path"
                self._page_finding(page, ref, "LNK003", message, fix, key=target.path)
            else:
                message = f"link '{ref.url}' points to a page or file that does not exist"
                fix = "link to an existing Markdown file, e.g. [text](emergency.md)"
                self._page_finding(page, ref, "LNK001", message, fix, key=target.path)
            return
        if not ref.loads and found.endswith(".html"):
            self.edges[page].add(found)
        fragment = target.fragment
        if not fragment or fragment.startswith(":~:") or found not in self.pages:
            return
        if fragment not in self.pages[found].ids:
            where = url_of_page(found) or "/"
            message = f"'{ref.url}': no element with id '{fragment}' on '{where}'"
            fix = "use the anchor of an existing heading (see the page's table of contents)"
            self._page_finding(page, ref, "LNK002", message, fix, key=f"{found}#{fragment}")

    def _check_css(self) -> None:
        for rel in sorted(f for f in self.files if f.endswith(".css")):
            try:
                css = (self.layout.site_dir / rel).read_text(encoding="utf-8", errors="replace")
            except OSError as exc:
                self._site_finding(rel, "LNK040", f"cannot read the stylesheet: {exc}")
                continue
            for url in css_urls(css):
                if privacy.is_external(url):
                    message = f"stylesheet loads '{url}' from another origin"
                    self._site_finding(rel, privacy.CODE, message, privacy.FIX)
                    continue
                target = resolve(url, rel, self.layout)
                if target and not target.escapes and existing_file(target.path, self.files) is None:
                    self._site_finding(rel, "LNK003", f"stylesheet url '{url}' does not exist")

    def _manifest_files(self) -> list[str]:
        found = {f for f in self.files if f.endswith(".webmanifest")}
        for page, data in self.pages.items():
            for ref in data.refs:
                if ref.tag == "link" and ref.url.endswith((".webmanifest", "manifest.json")):
                    target = resolve(ref.url, page, self.layout)
                    if target and not target.escapes:
                        found.add(target.path)
        return sorted(found)

    def _check_manifests(self) -> None:
        for rel in self._manifest_files():
            if rel not in self.files:
                continue  # the <link> itself is reported as LNK003
            try:
                manifest = json.loads((self.layout.site_dir / rel).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                self._site_finding(rel, "LNK010", f"cannot read the manifest: {exc}", "rebuild")
                continue
            for url in privacy.manifest_urls(manifest):
                if privacy.is_external(url):
                    message = f"manifest points at '{url}' on another origin"
                    self._site_finding(rel, privacy.CODE, message, privacy.FIX)
                    continue
                target = resolve(url, rel, self.layout)
                if target is None or target.escapes:
                    continue
                if existing_file(target.path, self.files) is None:
                    fix = "check the pocketguide/pwa icons and shortcuts settings"
                    self._site_finding(rel, "LNK011", f"manifest entry '{url}' does not exist", fix)

    def _pages_to_list(self) -> list[str]:
        """Return the pages that must be linked, searchable and precached.

        One-file editions are downloads, whatever their name (``pocketguide/edition``'s
        ``filename``): the build manifest names them, as it does for ``make site``.
        """
        exempt = set(self.checks.exempt_pages) | self.editions
        return [
            p
            for p, d in self.pages.items()
            if p not in exempt and p[len(self._folder(p)) :] not in exempt and not d.is_redirect
        ]

    def _folder(self, page: str) -> str:
        return next((prefix for prefix, _ in self.folders if page.startswith(prefix)), "")

    def _source_or_site(self, page: str) -> str:
        source = self.layout.sources.get(page)
        return display(source) if source else display(self.layout.site_dir / page)

    def _check_reachable(self, pages: list[str]) -> None:
        if "index.html" not in self.pages:
            self._site_finding(
                "index.html", "LNK015", "the site has no home page", "add docs/index.md"
            )
            return
        homes = [f"{prefix}index.html" for prefix, _ in self.folders]
        seen = {home for home in homes if home in self.pages}
        queue = deque(sorted(seen))
        while queue:
            for nxt in self.edges.get(queue.popleft(), set()) - seen:
                seen.add(nxt)
                queue.append(nxt)
        for page in pages:
            if page not in seen:
                message = (
                    f"page '{url_of_page(page)}' cannot be reached by links from the home page"
                )
                fix = "add it to nav in mkdocs.yml or link to it from another page"
                self.report.findings.append(
                    Finding(self._source_or_site(page), 0, 0, "LNK015", message, fix)
                )

    def _check_search_index(self, pages: list[str]) -> None:
        for prefix, _ in self.folders:
            self._check_one_index(prefix, [p for p in pages if self._folder(p) == prefix])

    def _check_one_index(self, prefix: str, pages: list[str]) -> None:
        name = prefix + SEARCH_INDEX
        try:
            index = json.loads((self.layout.site_dir / name).read_text(encoding="utf-8"))
            docs = index["docs"]
            # Material writes each location URL-encoded (my%20page/); pages are file names.
            locations = {unquote(str(d["location"]).split("#", 1)[0]) for d in docs}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            message = f"cannot read the search index: {exc}"
            self._site_finding(name, "LNK014", message, "enable the search plugin")
            return
        for page in pages:
            if url_of_page(page) not in locations:
                message = f"page '{url_of_page(page) or '/'}' is not in the search index"
                fix = "remove 'search: exclude: true' from its front matter"
                self.report.findings.append(
                    Finding(self._source_or_site(page), 0, 0, "LNK014", message, fix)
                )

    def _check_precache(self, pages: list[str]) -> None:
        for prefix, sw in self.folders:
            self._check_one_precache(sw, [p for p in pages if self._folder(p) == prefix])

    def _check_one_precache(self, sw: str, pages: list[str]) -> None:
        entries = self._precache_entries(sw)
        if entries is None:
            return
        urls = set()
        for entry in entries:
            url = str(entry.get("url", ""))
            urls.add(url)
            if url not in self.files:
                message = f"precache entry '{url}' does not exist in the built site"
                fix = "rebuild; the service worker would fail to install"
                self._site_finding(sw, "LNK012", message, fix)
                continue
            revision = entry.get("revision")
            if revision and revision != revision_of((self.layout.site_dir / url).read_bytes()):
                message = f"precache revision of '{url}' does not match the file"
                fix = "something changed the file after sw.js was written; rebuild"
                self._site_finding(sw, "LNK017", message, fix)
        for page in pages:
            if page not in urls:
                message = f"page '{url_of_page(page) or '/'}' is not saved for offline use"
                fix = "check precache_exclude in the pocketguide/pwa settings"
                where = self._source_or_site(page)
                self.report.findings.append(Finding(where, 0, 0, "LNK013", message, fix))

    def _precache_entries(self, sw: str = SW_JS) -> list[dict[str, object]] | None:
        fix = "enable the pocketguide/pwa plugin in mkdocs.yml and rebuild"
        try:
            sw_js = (self.layout.site_dir / sw).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self._site_finding(sw, "LNK016", f"no readable service worker: {exc}", fix)
            return None
        try:
            return [e for e in read_precache(sw_js) if isinstance(e, dict)]
        except (ValueError, KeyError, TypeError, AssertionError) as exc:
            self._site_finding(sw, "LNK016", f"cannot read the precache list: {exc}", fix)
            return None


def url_problem(url: str) -> str | None:
    """Return why ``url`` cannot be parsed (``Invalid IPv6 URL``…), or None when it can."""
    try:
        urlsplit(url)
    except ValueError as exc:
        return str(exc)
    return None


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
