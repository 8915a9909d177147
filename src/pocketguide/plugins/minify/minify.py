"""Smaller HTML and CSS for phones on thin data plans. Pure, framework-free.

Material's own assets are already minified (``*.min.css``, ``*.min.js``, content-hashed);
what is left is every page's HTML and the guide's own small stylesheets. The minifier trims
the whitespace around inline scripts, so their Content-Security-Policy hashes must be taken
after it (pocketguide/csp runs later), and pages that carry their own policy are skipped.
"""

from __future__ import annotations

import posixpath
import re

import minify_html

_STYLE = re.compile(r"^<style>(?P<css>.*)</style>$", re.DOTALL)


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
