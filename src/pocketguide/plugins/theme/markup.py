"""Page markup that Material's bundle used to add in the browser, added when the page is built.

Material wraps each content table without a ``class`` in two ``div`` s so that a wide table
scrolls sideways on its own instead of widening the page. Done in the browser, after the first
paint, that move restyles the whole article; done here, it costs the reader nothing.
"""

from __future__ import annotations

import re

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
