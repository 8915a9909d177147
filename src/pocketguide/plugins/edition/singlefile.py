"""Assemble the whole guide into one self-contained HTML file (pure, no MkDocs).

Input: each page's rendered content (MkDocs' ``page.content``) in navigation order, and the
navigation tree. Output: one HTML document in which

- every page is a ``<section id="<slug>">`` (slug from the source path: ``emergency.md`` ->
  ``emergency``, ``help/uk.md`` -> ``help-uk``, ``index.md`` -> ``index``);
- every ``id`` inside a page is made unique per page: ``#recovery-position`` on the emergency
  page becomes ``#emergency--recovery-position``;
- every link to another page of the guide lands on that page's section or heading anchor;
- links to other files of the site become absolute links to the hosted guide (or plain text
  when no ``site_url`` is known); local images become ``data:`` URIs;
- nothing refers to another origin except plain outbound ``<a href>`` links to sources.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import mimetypes
import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from markupsafe import Markup
from selectolax.lexbor import LexborHTMLParser, LexborNode

from pocketguide.content.editions import GENERATOR
from pocketguide.content.strings import Strings, load

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

#: Separates a page's slug from an id inside that page: ``emergency--recovery-position``.
SEP = "--"

# Link schemes a reader may follow out of the file (nothing is loaded from them).
_OUTBOUND = ("http", "https", "mailto", "tel", "sms")
# Attributes that load something, and are never allowed to point outside the file.
_LOADING_ATTRS = ("src", "srcset", "data", "poster", "action", "formaction", "background")
# Attributes holding space-separated lists of ids.
_IDREF_ATTRS = ("for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns")
_DROP_TAGS = "script, link, iframe, object, embed, video, audio, source, base, meta, form"
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(?!data:|#)[^)]*\1\s*\)", re.IGNORECASE)


@dataclass(frozen=True)
class EditionPage:
    """One page of the guide as MkDocs rendered it."""

    key: str
    """Source path relative to ``docs/``, e.g. ``emergency.md``."""
    url: str
    """The page's URL relative to the site root, e.g. ``emergency/`` (``""`` for home)."""
    title: str
    content: str
    """The rendered HTML of the page body (``page.content``)."""
    last_reviewed: str = ""
    """ISO date from the front matter, or ``""``."""


@dataclass(frozen=True)
class NavItem:
    """An entry of the navigation: a page (``page`` set) or a section with children."""

    title: str
    page: str | None = None
    children: tuple[NavItem, ...] = ()


@dataclass(frozen=True)
class EditionMeta:
    """What the top of the file says about the guide."""

    site_name: str
    description: str = ""
    site_url: str = ""
    copyright: str = ""
    logo_svg: str = ""
    """An inline ``<svg>`` shown next to the title, or ``""``."""
    emergency_page: str = ""
    """Source path of the page linked prominently at the top, or ``""``."""
    version: str = ""
    """Shown as the content version; ``""`` means a hash of the assembled content."""
    qr_svg: str = ""
    """An inline ``<svg>`` QR code of ``site_url``, shown on the first screen, or ``""``."""
    css: str = ""
    script: str = ""
    """Inline script (the search); allowed by the file's CSP through its hash."""
    words: Strings = field(default_factory=lambda: load("en"))
    """The file's texts, in the site's language (English by default)."""


@dataclass
class Edition:
    """The assembled file and what went wrong while assembling it."""

    html: str
    version: str
    date: str
    pages: list[str] = field(default_factory=list)
    """Keys of the pages in the file, in order."""
    problems: list[str] = field(default_factory=list)


def page_slug(key: str) -> str:
    """Return the anchor of a page from its source path.

    >>> page_slug("help/index.md"), page_slug("index.md"), page_slug("Safer Use.md")
    ('help', 'index', 'safer-use')
    """
    stem = key.removesuffix(".md")
    if stem.endswith("/index"):
        stem = stem.removesuffix("/index")
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "page"


def unique_slugs(keys: Iterable[str]) -> dict[str, str]:
    """Map each page key to a slug, suffixing ``-2``, ``-3``... on collisions."""
    taken: set[str] = set()
    slugs: dict[str, str] = {}
    for key in keys:
        base = page_slug(key)
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[key] = slug
    return slugs


def url_variants(url: str) -> tuple[str, ...]:
    """Return the site-relative paths that serve a page URL (``x/`` and ``x/index.html``)."""
    path = unquote(url)
    if path == "" or path.endswith("/"):
        return (path, f"{path}index.html")
    return (path,)


def resolve(href: str, page_url: str) -> tuple[str, str] | None:
    """Resolve a relative ``href`` on the page at ``page_url`` to ``(site path, fragment)``.

    Returns ``None`` for hrefs that name a scheme or another host (``//host``); like a
    browser, ``..`` stops at the root.

    >>> resolve("../mixing/#alcohol", "emergency/")
    ('mixing/', 'alcohol')
    >>> resolve(".", "")
    ('', '')
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    base = "http://site.invalid/" + page_url
    joined = urlsplit(urljoin(base, href))
    if joined.netloc != "site.invalid":
        return None
    path = posixpath.normpath(unquote(joined.path)) if joined.path else "/"
    if joined.path.endswith("/") and path != "/":
        path += "/"
    return path.removeprefix("/"), unquote(joined.fragment)


def data_uri(path: str, payload: bytes) -> str:
    """Return a ``data:`` URI for a file's bytes, typed by its extension."""
    mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"


def external_references(document: str) -> list[str]:
    """List everything in ``document`` that would load from outside the file.

    Plain ``<a href>`` links to other sites are allowed (a reader follows them on purpose);
    anything loaded (``src``, ``srcset``, stylesheets, ``url()`` in CSS, SVG ``<use>``...) must
    be a ``data:`` URI or an in-file ``#fragment``.
    """
    tree = LexborHTMLParser(document)
    found: list[str] = []
    for node in tree.css("*"):
        for name, raw in node.attributes.items():
            value = (raw or "").strip()
            if name == "href" and node.tag == "a":
                scheme = urlsplit(value).scheme.lower()
                if not (value.startswith("#") or scheme in _OUTBOUND):
                    found.append(f"<a href={value!r}>")
            elif name in {"href", "xlink:href", *_LOADING_ATTRS}:
                if value and not value.startswith(("#", "data:")):
                    found.append(f"<{node.tag} {name}={value!r}>")
            elif name == "style" and _CSS_URL.search(value):
                found.append(f"<{node.tag} style={value!r}>")
        if node.tag == "style" and _CSS_URL.search(node.text() or ""):
            found.append("<style> with url()")
    return found


class _PageRewriter:
    """Rewrite one page's ids and links for its place in the single file."""

    def __init__(
        self,
        pages: Mapping[str, EditionPage],
        slugs: Mapping[str, str],
        ids: Mapping[str, set[str]],
        site_url: str,
        read_asset: Callable[[str], bytes | None],
    ) -> None:
        self.slugs = slugs
        self.ids = ids
        self.site_url = site_url
        self.read_asset = read_asset
        self.by_path: dict[str, str] = {}
        for key, page in pages.items():
            for variant in url_variants(page.url):
                self.by_path[variant] = key
        self.problems: list[str] = []

    def anchor(self, key: str, fragment: str, where: str) -> str:
        """Return the in-file anchor for ``fragment`` on page ``key``."""
        slug = self.slugs[key]
        if not fragment:
            return f"#{slug}"
        if fragment not in self.ids[key]:
            self.problems.append(f"{where}: link to missing anchor #{fragment} on {key}")
            return f"#{slug}"
        return f"#{slug}{SEP}{fragment}"

    def rewrite(self, page: EditionPage) -> str:
        tree = LexborHTMLParser(page.content)
        slug = self.slugs[page.key]
        for node in tree.css("a.headerlink, [data-pg-online]"):  # parts for the web guide only
            node.decompose()
        for node in tree.css("*"):  # no script in the file reads data-* attributes
            for name in [name for name in node.attributes if name.startswith("data-")]:
                del node.attrs[name]
        for node in tree.css(_DROP_TAGS):
            self.problems.append(f"{page.key}: dropped <{node.tag}> (not allowed in the file)")
            node.decompose()
        for node in tree.css("[id]"):
            node.attrs["id"] = f"{slug}{SEP}{node.attrs['id']}"
        for name in _IDREF_ATTRS:
            for node in tree.css(f"[{name}]"):
                refs = (node.attrs[name] or "").split()
                node.attrs[name] = " ".join(f"{slug}{SEP}{ref}" for ref in refs)
        for node in tree.css("label.task-list-control"):
            # A disabled checkbox has no label of its own; a tick or box glyph says the same.
            box = "☑" if node.css_first("input[checked]") is not None else "☐"
            glyph = LexborHTMLParser(f'<span class="task-box" aria-hidden="true">{box}</span>')
            span = glyph.css_first("span")
            node.replace_with(span if span is not None else box)
        for node in tree.css("[style]"):
            if _CSS_URL.search(node.attrs["style"] or ""):
                del node.attrs["style"]
        for node in tree.css("a[href], use[href]"):
            self._link(node, page)
        for node in tree.css("img"):
            self._image(node, page)
        body = tree.body
        return (body.inner_html or "") if body is not None else ""

    def _link(self, node: LexborNode, page: EditionPage) -> None:
        href = (node.attrs["href"] or "").strip()
        scheme = urlsplit(href).scheme.lower()
        if scheme in _OUTBOUND:
            return
        if scheme:  # javascript:, data:, file: ...
            node.unwrap()
            return
        target = resolve(href, page.url)
        if target is None:
            self.problems.append(f"{page.key}: link {href!r} leaves the site; made plain text")
            node.unwrap()
            return
        path, fragment = target
        if href.startswith("#"):
            key: str | None = page.key
        else:
            key = self.by_path.get(path)
        if key is not None:
            node.attrs["href"] = self.anchor(key, fragment, page.key)
        elif self.site_url:
            absolute = self.site_url.rstrip("/") + "/" + path
            node.attrs["href"] = absolute + (f"#{fragment}" if fragment else "")
        else:
            node.unwrap()

    def _image(self, node: LexborNode, page: EditionPage) -> None:
        src = (node.attrs.get("src") or "").strip()
        if "srcset" in node.attrs:
            del node.attrs["srcset"]
        if src.startswith("data:"):
            return
        if urlsplit(src).scheme or src.startswith("//"):
            # The privacy rule, not a missing file: the check reports it as LNK020.
            self.problems.append(
                f"{page.key}: image {src!r} is on another site (the guide loads nothing from "
                "other sites); replaced by its alt text"
            )
            node.replace_with(node.attrs.get("alt") or "")
            return
        target = resolve(src, page.url)
        payload = self.read_asset(target[0]) if target else None
        if target is None or payload is None:
            self.problems.append(f"{page.key}: image {src!r} not found; replaced by its alt text")
            node.replace_with(node.attrs.get("alt") or "")
            return
        node.attrs["src"] = data_uri(target[0], payload)


def _collect_ids(content: str) -> set[str]:
    tree = LexborHTMLParser(content)
    return {node.attrs["id"] or "" for node in tree.css("[id]")}


def _has_h1(content: str) -> bool:
    return LexborHTMLParser(content).css_first("h1") is not None


def _nav_html(items: Sequence[NavItem], slugs: Mapping[str, str], titles: Mapping[str, str]) -> str:
    lines = []
    for item in items:
        if item.page is not None and item.page in slugs:
            label = html.escape(titles.get(item.page) or item.title)
            entry = f'<a href="#{slugs[item.page]}">{label}</a>'
        else:
            entry = f"<span>{html.escape(item.title)}</span>"
        if item.children:
            entry += _nav_html(item.children, slugs, titles)
        lines.append(f"<li>{entry}</li>")
    return "<ol>" + "".join(lines) + "</ol>"


def nav_pages(items: Iterable[NavItem]) -> list[str]:
    """Return the page keys of a navigation tree in reading order, each once."""
    order: list[str] = []
    for item in items:
        if item.page is not None and item.page not in order:
            order.append(item.page)
        order.extend(key for key in nav_pages(item.children) if key not in order)
    return order


def human_date(iso: str) -> str:
    """Return ``2026-11-20`` as ``20 November 2026`` (other text unchanged)."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def _no_asset(_path: str) -> bytes | None:
    return None


def csp(script: str) -> str:
    """Return the file's Content-Security-Policy: nothing may load from anywhere."""
    parts = ["default-src 'none'", "img-src data:", "style-src 'unsafe-inline'"]
    if script:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        parts.append(f"script-src 'sha256-{digest}'")
    parts += ["base-uri 'none'", "form-action 'none'"]
    return "; ".join(parts)


def assemble(
    pages: Sequence[EditionPage],
    nav: Sequence[NavItem],
    meta: EditionMeta,
    read_asset: Callable[[str], bytes | None] = _no_asset,
) -> Edition:
    """Join the pages listed in ``nav`` into one self-contained HTML document."""
    by_key = {page.key: page for page in pages}
    keys = nav_pages(nav)
    problems = [
        f"navigation names {key}, which was not rendered" for key in keys if key not in by_key
    ]
    order = [by_key[key] for key in keys if key in by_key]
    slugs = unique_slugs(page.key for page in order)
    ids = {page.key: _collect_ids(page.content) for page in order}
    included = {page.key: page for page in order}
    rewriter = _PageRewriter(included, slugs, ids, meta.site_url, read_asset)

    sections = []
    for page in order:
        body = rewriter.rewrite(page)
        if not _has_h1(page.content):
            body = f"<h1>{html.escape(page.title)}</h1>\n{body}"
        top = f'<p class="top"><a href="#contents">{meta.words.markup("edition.back")}</a></p>'
        sections.append(f'<section class="page" id="{slugs[page.key]}">\n{body}\n{top}\n</section>')
    problems += rewriter.problems

    main = "\n".join(sections)
    version = meta.version or hashlib.sha256(main.encode()).hexdigest()[:8]
    date = max((page.last_reviewed for page in order), default="")
    titles = {page.key: page.title for page in order}
    document = _document(
        meta, version, date, toc=_nav_html(nav, slugs, titles), main=main, slugs=slugs
    )
    return Edition(
        html=document,
        version=version,
        date=date,
        pages=[page.key for page in order],
        problems=problems,
    )


def _document(
    meta: EditionMeta,
    version: str,
    date: str,
    *,
    toc: str,
    main: str,
    slugs: Mapping[str, str],
) -> str:
    esc = html.escape
    t = meta.words.markup
    stamp = t("edition.version", version=version)
    if date:
        when = Markup('<time datetime="{}">{}</time>').format(date, human_date(date))
        stamp += " · " + t("edition.checked", date=when)
    online = ""
    get_app = ""
    if meta.site_url:
        link = Markup('<a href="{0}">{0}</a>').format(meta.site_url)
        online = " " + t("edition.online", link=link)
        scan = t("edition.get_app_scan") if meta.qr_svg else ""
        get_app = Markup(
            '<section class="get-app" aria-labelledby="get-app-title">'
            '<h2 id="get-app-title">{}</h2><p>{}</p>{}</section>'
        ).format(
            t("edition.get_app_title"),
            t("edition.get_app", link=link, scan=scan),
            Markup(meta.qr_svg),  # noqa: S704 (SVG from the core QR drawer; its text escaped)
        )
    emergency = ""
    if meta.emergency_page in slugs:
        target = slugs[meta.emergency_page]
        emergency = f'<p class="sos"><a href="#{target}">{t("emergency.now")}</a></p>'
    search = (
        f'<p class="find" hidden><label for="find">{t("edition.search")}</label> '
        '<input type="search" id="find" autocomplete="off"> '
        f'<output id="found" data-one="{t("edition.one_match")}" '
        f'data-many="{t("edition.matches")}"></output></p>'
    )
    script = f"<script>{meta.script}</script>" if meta.script else ""
    favicon = ""
    if meta.logo_svg:
        svg = base64.b64encode(meta.logo_svg.encode()).decode()
        favicon = f'<link rel="icon" href="data:image/svg+xml;base64,{svg}">'
    copyright_line = f"<p>{esc(meta.copyright)}</p>" if meta.copyright else ""
    return f"""<!doctype html>
<html lang="{esc(meta.words.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp(meta.script)}">
<meta name="color-scheme" content="light dark">
<meta name="description" content="{esc(meta.description)}">
<meta name="generator" content="{GENERATOR} {esc(version)}">
<title>{t("edition.title", site=meta.site_name)}</title>
{favicon}
<style>{meta.css}</style>
</head>
<body>
<header id="top">
<p class="brand">{meta.logo_svg}<span>{esc(meta.site_name)}</span></p>
<p class="stamp">{stamp}</p>
<p>{esc(meta.description)} {t("edition.whole")}{online}</p>
{copyright_line}
{emergency}
{get_app}
{search}
</header>
<nav id="contents" aria-labelledby="contents-title">
<h2 id="contents-title">{t("edition.contents")}</h2>
{toc}
</nav>
<main>
{main}
</main>
<footer><p>{esc(meta.site_name)} · {stamp}</p></footer>
{script}
</body>
</html>
"""
