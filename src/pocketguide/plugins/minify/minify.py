"""Smaller, faster pages for phones on thin data plans. Pure, framework-free.

Material's own assets are already minified (``*.min.css``, ``*.min.js``, content-hashed);
what is left is every page's HTML and the guide's own small stylesheets. The minifier trims
the whitespace around inline scripts, so their Content-Security-Policy hashes must be taken
after it (pocketguide/csp runs later), and pages that carry their own policy are skipped.

Pages are also read and rewritten here for what holds up their first paint: the stylesheets
they link (joined into one by :mod:`~pocketguide.plugins.minify.purge`) and the script files
they load (deferred). Tags are found with a tokenizer-shaped pattern, as in
:mod:`pocketguide.htmltags`, so that everything else keeps its exact bytes.
"""

from __future__ import annotations

import html as html_lib
import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import minify_html

from pocketguide.htmltags import ATTRS, JS_TYPES, attributes

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping, Sequence

_STYLE = re.compile(r"^<style>(?P<css>.*)</style>$", re.DOTALL)
# A <link> or <script> start tag, or a comment to step over.
_START = re.compile(rf"<!--.*?-->|<(?P<tag>link|script)\b{ATTRS}>", re.IGNORECASE | re.DOTALL)
_SCRIPT_END = re.compile(r"</script(?=[\s/>])[^>]*>", re.IGNORECASE)


def minify_page(html: str) -> str:
    """Return the page with spaces, comments, optional quotes and closing tags removed.

    ``<html>`` and ``<head>`` stay so that later steps (the policy ``<meta>``) find them.
    """
    return str(minify_html.minify(html, keep_html_and_head_opening_tags=True))


def minify_css(css: str) -> str:
    """Return a stylesheet minified by the same CSS minifier minify-html uses inside pages."""
    out = str(minify_html.minify(f"<style>{css}</style>", minify_css=True))
    match = _STYLE.match(out)
    return match["css"] if match else css


def should_minify(path: str) -> bool:
    """Tell whether a site file is worth minifying: HTML pages and CSS not yet minified."""
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".html"):
        return True
    return name.endswith(".css") and not name.endswith(".min.css")


BUNDLE = "assets/stylesheets/guide.css"
"""Where the guide's own stylesheets are joined into one file."""


def bundle_plan(extra_css: list[str], bundle: str = BUNDLE) -> tuple[list[str], list[str]]:
    """Return (new ``extra_css``, stylesheets joined into ``bundle``).

    Only local files in the bundle's folder are joined, so their relative ``url()`` references
    still resolve; the bundle takes the place of the first of them, so the cascade keeps its
    order. With fewer than two such files nothing changes.
    """
    folder = posixpath.dirname(bundle)
    joined = [
        path
        for path in extra_css
        if "://" not in path and not path.startswith("/") and posixpath.dirname(path) == folder
    ]
    if len(joined) < 2:
        return list(extra_css), []
    first = extra_css.index(joined[0])
    rest = [path for path in extra_css if path not in joined]
    return [*rest[:first], bundle, *rest[first:]], joined


@dataclass(frozen=True)
class Tag:
    """A ``<link>`` or ``<script>`` start tag in a page: where it is and its attributes."""

    start: int
    end: int
    name: str
    attrs: dict[str, str]

    @property
    def is_stylesheet(self) -> bool:
        """A stylesheet for every medium (``media`` absent or ``all``)."""
        rel = self.attrs.get("rel", "").lower().split()
        media = self.attrs.get("media", "all").strip().lower()
        return self.name == "link" and "stylesheet" in rel and media in {"", "all"}

    @property
    def is_code(self) -> bool:
        """A script the browser runs (not a data block such as ``application/json``)."""
        kind = self.attrs.get("type", "").strip().lower()
        return self.name == "script" and kind in JS_TYPES


def tags(html: str) -> Iterator[Tag]:
    """Yield the page's ``<link>`` and ``<script>`` start tags in order (never text inside a
    script that merely looks like one)."""
    pos = 0
    while match := _START.search(html, pos):
        pos = match.end()
        if match["tag"] is None:
            continue  # a comment
        name = match["tag"].lower()
        yield Tag(match.start(), match.end(), name, attributes(match["attrs"]))
        if name == "script":
            close = _SCRIPT_END.search(html, pos)
            pos = close.end() if close else len(html)


def stylesheets(html: str) -> list[str]:
    """Return the ``href`` of each stylesheet the page links for every medium, in order."""
    return [tag.attrs["href"] for tag in tags(html) if tag.is_stylesheet and tag.attrs.get("href")]


def scripts(html: str) -> list[str]:
    """Return the ``src`` of each script file the page loads, in order."""
    return [tag.attrs["src"] for tag in tags(html) if tag.is_code and tag.attrs.get("src")]


def replace_stylesheets(html: str, old: Collection[str], new: str) -> str:
    """Return the page with its links to the stylesheets ``old`` (hrefs as written) replaced
    by one link to ``new``, where the first of them was."""
    parts = []
    pos = 0
    linked = False
    for tag in tags(html):
        if tag.is_stylesheet and tag.attrs.get("href") in old:
            parts.append(html[pos : tag.start])
            if not linked:
                parts.append(f'<link rel="stylesheet" href="{html_lib.escape(new)}">')
                linked = True
            pos = tag.end
    parts.append(html[pos:])
    return "".join(parts)


def defer_scripts(html: str) -> str:
    """Return the page with ``defer`` on the script files that block its parser.

    Deferred scripts still run in document order, once the page is parsed, before
    ``DOMContentLoaded`` (which Material's bundle waits for). A script file is deferred only
    if no inline script comes after it, so inline code never runs before a file it might use.
    """
    found = [tag for tag in tags(html) if tag.is_code]
    last_inline = max((i for i, tag in enumerate(found) if "src" not in tag.attrs), default=-1)
    blocking = [
        tag
        for tag in found[last_inline + 1 :]
        if not {"async", "defer"} & tag.attrs.keys()
        and tag.attrs.get("type", "").strip().lower() != "module"
    ]
    for tag in reversed(blocking):
        at = tag.start + len("<script")
        html = f"{html[:at]} defer{html[at:]}"
    return html


def common_stylesheets(linked: Mapping[str, Sequence[str | None]]) -> list[str]:
    """Return the site files that every page linking stylesheets links, in that same order.

    ``linked`` maps each page to its stylesheets as site paths (None: not a file of the site).
    Returns [] when two pages differ, when one links something outside the site, or when the
    stylesheets are not all in one folder (their relative ``url()`` would change meaning).
    """
    lists = {tuple(sheets) for sheets in linked.values() if sheets}
    if len(lists) != 1:
        return []
    (sheets,) = lists
    if any(sheet is None for sheet in sheets):
        return []
    files = [sheet for sheet in sheets if sheet is not None]
    if len({posixpath.dirname(sheet) for sheet in files}) != 1:
        return []
    return files


def retarget(href: str, name: str) -> str:
    """Return ``href`` pointing at the file ``name`` in the same folder."""
    return href[: href.rfind("/") + 1] + name
