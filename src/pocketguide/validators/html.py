"""Everything a built page points at, read once with selectolax.

A :class:`Ref` is one URL in a page: a link a reader may follow (``<a href>``, ``rel=next``,
a redirect stub's refresh target) or a resource the browser loads by itself (scripts, styles,
images, ``srcset``, fonts through CSS ``url()``, iframes, preconnects, the manifest). The link
check and the privacy check read the same list, so they cannot disagree about what a page uses.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Elements and attributes whose URL the browser fetches without a click.
RESOURCE_ATTRS: dict[str, tuple[str, ...]] = {
    "a": ("ping",),  # a click also posts to each ping URL: a tracking beacon
    "area": ("ping",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}
# <link rel=...> values that only name another document; every other rel loads something
# (stylesheet, icon, manifest, preload, modulepreload) or contacts a host (preconnect).
NAVIGATION_RELS = frozenset(
    {"canonical", "prev", "next", "alternate", "author", "license", "help", "search", "me"}
)
CONTENT_SELECTOR = "article.md-content__inner"
"""Material's wrapper around the rendered Markdown of a page; the rest is the theme."""

CSS_URL = re.compile(
    r"""url\(\s*(?P<q>['"]?)(?P<url>.*?)(?P=q)\s*\)|@import\s+(?P<q2>['"])(?P<imp>.*?)(?P=q2)"""
)
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?(?P<url>[^'\"]+)", re.IGNORECASE)

MAX_DEPTH = 512
"""Deepest element nesting a page may have. Blink stops nesting at 512 too; lexbor's parse
time grows faster than the depth (100,000 nested ``<div>`` took 8 minutes to check)."""
_TAG_START = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)|<!--")
_NOT_NESTED = frozenset(
    # Void elements (no content), and elements whose end tag may be left out (a <p> or <li>
    # closes the one before): neither makes the tree deeper than the elements around them.
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "option",
        "optgroup",
        "rt",
        "rp",
        "colgroup",
        "caption",
    ]
)
_RAW_TEXT_ELEMENTS = frozenset({"script", "style", "textarea", "title", "xmp", "noembed"})


@dataclass(frozen=True)
class Depth:
    """How deep a page's elements nest; ``offset`` is where it first went past the limit."""

    depth: int
    offset: int = -1


def nesting_depth(html: str, limit: int = MAX_DEPTH) -> Depth:
    """Return the element nesting depth of ``html``, stopping at the first tag past ``limit``.

    One pass over the tags, without a tree: comments and raw text (``<script>``, ``<style>``…)
    are skipped, as the browser's tokenizer skips them. It is an upper bound for the tree a
    parser builds (a parser closes misnested elements sooner), so a page under it is safe to
    parse.
    """
    lowered = html.lower()
    depth = deepest = 0
    pos = 0
    while (match := _TAG_START.search(html, pos)) is not None:
        if match.group(2) is None:  # <!-- comment -->
            end = html.find("-->", match.end())
            pos = len(html) if end == -1 else end + 3
            continue
        closing, name = match.group(1), match.group(2).lower()
        end = html.find(">", match.end())
        if end == -1:
            break
        pos = end + 1
        if name in _NOT_NESTED:
            continue
        if closing:
            depth = max(depth - 1, 0)
            continue
        if html[end - 1] == "/":  # <path/> in SVG: opened and closed at once
            continue
        if name in _RAW_TEXT_ELEMENTS:
            close = lowered.find(f"</{name}", pos)
            pos = len(html) if close == -1 else close
            continue
        depth += 1
        deepest = max(deepest, depth)
        if depth > limit:
            return Depth(depth, match.start())
    return Depth(deepest)


@dataclass(frozen=True)
class Ref:
    """One URL on a page.

    ``loads`` is True for resources the browser fetches by itself. ``text`` is the visible
    text of a link (or an image's alt text); ``in_content`` tells whether the URL is in the
    page's rendered Markdown rather than in the theme around it.
    """

    url: str
    tag: str
    attr: str
    loads: bool
    text: str = ""
    in_content: bool = False


@dataclass
class PageData:
    """What the checks need from one HTML page."""

    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)
    is_redirect: bool = False


def css_urls(css: str) -> list[str]:
    """Return the URLs of ``url(...)`` and ``@import "..."`` in a stylesheet."""
    found = []
    for match in CSS_URL.finditer(css):
        url = match.group("url") if match.group("url") is not None else match.group("imp")
        if url:
            found.append(url.strip())
    return found


def srcset_urls(srcset: str) -> list[str]:
    """Return the image URLs of a ``srcset`` (each candidate is ``url [descriptor]``)."""
    return [c.split()[0] for c in srcset.split(",") if c.strip()]


def element_refs(node: LexborNode, inside: bool) -> list[Ref]:
    """Return the URLs of one element: its link, its resources and its ``style`` urls."""
    tag = node.tag or ""
    attrs = node.attributes
    refs = []
    href = attrs.get("href")
    if tag in {"a", "area"} and href is not None:
        text = " ".join(node.text(deep=True, separator=" ").split())
        refs.append(Ref(href, tag, "href", False, text, inside))
    elif tag == "link" and href is not None:
        rels = set((attrs.get("rel") or "").lower().split())
        loads = not rels or not rels <= NAVIGATION_RELS
        refs.append(Ref(href, tag, "href", loads, "", inside))
    for attr in RESOURCE_ATTRS.get(tag, ()):
        value = attrs.get(attr)
        if value is not None:
            urls = (
                srcset_urls(value)
                if attr == "srcset"
                else value.split()
                if attr == "ping"
                else [value]
            )
            refs.extend(Ref(u, tag, attr, True, attrs.get("alt") or "", inside) for u in urls)
    style = attrs.get("style")
    if style:
        refs.extend(Ref(u, tag, "style", True, "", inside) for u in css_urls(style))
    return refs


def _material_config_refs(text: str) -> list[Ref]:
    """Return the search worker Material's ``__config`` names: search breaks without it."""
    try:
        config = json.loads(text)
    except ValueError:
        return []
    search = config.get("search") if isinstance(config, dict) else None
    return [Ref(search, "script", "__config.search", True)] if isinstance(search, str) else []


def parse_page(html: str) -> PageData:
    """Return the ids and every URL of one HTML page."""
    tree = LexborHTMLParser(html)
    data = PageData()
    content = tree.css_first(CONTENT_SELECTOR)
    in_content = (
        {n.mem_id for n in content.css("[href], [src], [srcset], [style]")} if content else set()
    )
    data.ids.update(node.attributes.get("id") or "" for node in tree.css("[id]"))
    data.ids.update(node.attributes.get("name") or "" for node in tree.css("a[name]"))
    seen: set[int] = set()
    for node in tree.css("[href], [src], [srcset], [data], [poster], [style]"):
        if node.mem_id not in seen:  # lexbor yields a node once per selector it matches
            seen.add(node.mem_id)
            data.refs.extend(element_refs(node, node.mem_id in in_content))
    config = tree.css_first("script#__config")
    if config is not None:
        data.refs.extend(_material_config_refs(config.text()))
    for node in tree.css("style"):
        data.refs.extend(Ref(u, "style", "url()", True) for u in css_urls(node.text()))
    for node in tree.css("meta[http-equiv]"):
        if (node.attributes.get("http-equiv") or "").lower() != "refresh":
            continue
        match = REFRESH_URL.search(node.attributes.get("content") or "")
        if match:
            data.is_redirect = True
            data.refs.append(Ref(match.group("url").strip(), "meta", "refresh", False))
    data.ids.discard("")
    return data
