"""Smaller HTML and CSS for phones on thin data plans. Pure, framework-free.

Material's own assets are already minified (``*.min.css``, ``*.min.js``, content-hashed);
what is left is every page's HTML and the guide's own small stylesheets. The minifier trims
the whitespace around inline scripts, so their Content-Security-Policy hashes must be taken
after it (pocketguide/csp runs later), and pages that carry their own policy are skipped.
"""

from __future__ import annotations

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
