"""Page markup that Material adds or draws in the browser, added when the page is built.

- **Tables.** Material's bundle wraps each content table without a ``class`` in two ``div`` s
  so that a wide table scrolls sideways on its own instead of widening the page. Done in the
  browser, after the first paint, that move restyles the whole article; done here, it costs
  the reader nothing.
- **Admonition icons.** Material's stylesheet draws each icon as a CSS mask of an SVG image.
  Chromium builds every distinct SVG image as a document of its own (parsed, styled, laid out
  and painted) before the page's first frame. Written into the title as inline SVG, the same
  icon is a few elements of the page itself. The icons and their colours are read from
  Material's stylesheet, so they stay Material's.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

# A table's start or end tag; the start tag's attributes are kept as written.
_TABLE_TAG = re.compile(r"<table(?P<attrs>\s[^>]*)?>|</table\s*>", re.IGNORECASE)
_CLASS_ATTR = re.compile(r"(?:^|\s)class\s*=", re.IGNORECASE)
WRAP_OPEN = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
WRAP_CLOSE = "</div></div>"


def wrap_tables(html: str) -> str:
    """Return ``html`` with every ``<table>`` that has no ``class`` attribute wrapped the way
    Material's stylesheet expects (``.md-typeset__scrollwrap > .md-typeset__table > table``).

    Tables with a class are left alone, as Material's bundle left them. Nested tables are
    matched by depth; an end tag with no start tag is copied unchanged.
    """
    out: list[str] = []
    open_tables: list[bool] = []  # per open table: was it wrapped?
    last = 0
    for match in _TABLE_TAG.finditer(html):
        out.append(html[last : match.start()])
        last = match.end()
        if match.group(0)[1] != "/":
            wrapped = not _CLASS_ATTR.search(match.group("attrs") or "")
            open_tables.append(wrapped)
            out.append(WRAP_OPEN + match.group(0) if wrapped else match.group(0))
        elif open_tables and open_tables.pop():
            out.append(match.group(0) + WRAP_CLOSE)
        else:
            out.append(match.group(0))
    out.append(html[last:])
    return "".join(out)


@dataclass(frozen=True)
class Icon:
    """An admonition type's icon as Material draws it."""

    view_box: str
    body: str  # the markup inside the ``<svg>``
    color: str


# In Material's stylesheet, each icon is a custom property holding an SVG data URL ...
_ICON_VAR = re.compile(
    r"--md-admonition-icon--(?P<name>[\w-]+):\s*url\(\"data:image/svg\+xml;charset=utf-8,"
    r"(?P<svg><svg\b.*?</svg>)\"\)"
)
# ... used by one rule per type, which also sets the colour. The rule's selectors name the
# type's title (and its collapsible ``summary``); the untyped selector is the default.
_ICON_RULE = re.compile(
    r"(?P<selectors>[^{}]+)\{(?P<body>[^{}]*\bmask-image:\s*var\(--md-admonition-icon--"
    r"(?P<name>[\w-]+)\)[^{}]*)\}"
)
_TITLE_SELECTOR = re.compile(
    r"\.md-typeset (?:\.(?P<type>[\w-]+)\s*>\s*)?\.admonition-title:before"
)
_COLOR = re.compile(r"(?:^|;)\s*background-color:\s*(?P<color>[^;]+)")
_VIEW_BOX = re.compile(r"""\sviewBox=(['"])(?P<box>[^'"]*)\1""")
_SVG_BODY = re.compile(r"<svg\b[^>]*>(?P<body>.*)</svg>", re.DOTALL)
DEFAULT_ICON = ""  # the key of the icon for a type Material has no rule for

# The start of an admonition as Python-Markdown writes it, and of a collapsible block as
# pymdownx.details writes it, up to and with the title's start tag, where the icon goes.
_ADMONITION_TITLE = re.compile(
    r'<div class="admonition(?P<types>(?: [\w-]+)*)">\s*(?P<title><p class="admonition-title">)'
)
_DETAILS_SUMMARY = re.compile(r'<details class="(?P<types>[\w -]*)"[^>]*>\s*(?P<title><summary>)')
ICON_CLASS = "pg-icon"  # on a title that carries its icon (render.css hides Material's)
SVG_CLASS = "pg-admonition-icon"
_TITLE_WITH_ICON = {
    '<p class="admonition-title">': f'<p class="admonition-title {ICON_CLASS}">',
    "<summary>": f'<summary class="{ICON_CLASS}">',
}


def admonition_icons(css: str) -> dict[str, Icon]:
    """Return the icon of each admonition type (``{"warning": Icon(...)}``) that Material's
    stylesheet draws; the key ``DEFAULT_ICON`` holds the one for titles of any other type.

    A type whose rule or image is not in the form Material writes is left out, and keeps
    Material's own icon in the page.
    """
    images = {match["name"]: match["svg"] for match in _ICON_VAR.finditer(css)}
    icons: dict[str, Icon] = {}
    for rule in _ICON_RULE.finditer(css):
        image = images.get(rule["name"])
        color = _COLOR.search(rule["body"])
        if image is None or color is None:
            continue
        view_box = _VIEW_BOX.search(image)
        body = _SVG_BODY.search(image)
        if view_box is None or body is None:
            continue
        icon = Icon(view_box=view_box["box"], body=body["body"], color=color["color"].strip())
        for selector in rule["selectors"].split(","):
            title = _TITLE_SELECTOR.fullmatch(selector.strip())
            if title:
                icons[title["type"] or DEFAULT_ICON] = icon
    return icons


def inline_admonition_icons(html: str, icons: dict[str, Icon]) -> str:
    """Return ``html`` with each admonition's icon written into its title as inline SVG.

    The first of the block's classes that has an icon picks it; a block with none gets the
    default icon, as in Material. A block without a title, or when no icon fits, is left as
    it is and Material's stylesheet still draws its icon.
    """

    def svg(types: str) -> str | None:
        icon = next((icons[name] for name in types.split() if name in icons), None)
        icon = icon or icons.get(DEFAULT_ICON)
        if icon is None:
            return None
        return (
            f'<svg class="{SVG_CLASS}" viewBox="{html_lib.escape(icon.view_box)}"'
            f' fill="{html_lib.escape(icon.color)}" aria-hidden="true">{icon.body}</svg>'
        )

    def add_icon(match: re.Match[str]) -> str:
        image = svg(match["types"])
        if image is None:
            return match[0]
        before_title = match[0][: match.start("title") - match.start()]
        return before_title + _TITLE_WITH_ICON[match["title"]] + image

    return _DETAILS_SUMMARY.sub(add_icon, _ADMONITION_TITLE.sub(add_icon, html))
