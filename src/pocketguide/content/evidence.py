"""The facts that matter most rest on primary sources (rule CI012).

Every citation group inside a danger or warning box (``!!! danger``, ``??? warning``,
``???+ warning`` and Material's aliases of both), and every citation group on a page that must
cite primary sources (the emergency page and the card by default), must include at least one
source of a primary kind: government, regulator, label, peer-reviewed or service. News and
encyclopedias may back what they themselves report, never a safety step on their own.

One pure function serves the build (on the rendered Markdown, data blocks included) and
``check_content`` (on the page as written).
"""

from __future__ import annotations

import re
from fnmatch import fnmatch
from typing import TYPE_CHECKING

from pocketguide.content.citations import find_groups
from pocketguide.content.lines import outside_fences, written_lines
from pocketguide.content.sources import PRIMARY_KINDS
from pocketguide.findings import Finding

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Mapping

    from pocketguide.content.sources import Source

PRIMARY_PAGES = ("emergency.md", "card.md")
"""Pages (globs inside ``docs/``) where every citation needs a primary source."""

BOX_TYPES = frozenset({"danger", "error", "warning", "caution", "attention"})
"""Admonition types drawn as a danger or warning box (Material styles the aliases alike)."""

_BOX_RE = re.compile(r"(?:!!!|\?\?\?\+?)[ \t]+([\w-]+)")
_TAB = 4


def is_primary_page(page: str, patterns: Iterable[str]) -> bool:
    """Whether ``page`` (a path inside ``docs/``) matches one of the ``primary_pages`` globs."""
    return any(fnmatch(page, pattern) for pattern in patterns)


def box_types(lines: list[str]) -> dict[int, str]:
    """Map each line index inside a danger or warning box (its title line too) to the box type.

    A box holds the lines indented further than its ``!!!`` line, and blank lines; an inner
    box of another type inside a danger box is still inside the danger box.
    """
    inside: dict[int, str] = {}
    open_boxes: list[tuple[int, str]] = []  # (indent of the !!! line, type)
    for index, line in outside_fences(lines):
        if not line.strip():
            if open_boxes and open_boxes[-1][1]:
                inside[index] = open_boxes[-1][1]
            continue
        indent = len(line.expandtabs(_TAB)) - len(line.expandtabs(_TAB).lstrip())
        while open_boxes and indent < open_boxes[-1][0] + _TAB:
            open_boxes.pop()
        outer = open_boxes[-1][1] if open_boxes else ""
        match = _BOX_RE.match(line.lstrip())
        if match:
            kind = match.group(1).lower()
            open_boxes.append((indent, kind if kind in BOX_TYPES else outer))
        current = open_boxes[-1][1] if open_boxes else ""
        if current:
            inside[index] = current
    return inside


def check_primary_citations(
    markdown: str,
    path: str,
    sources: Mapping[str, Source],
    *,
    first_line: int = 1,
    whole_page: bool = False,
    primary_kinds: Collection[str] = PRIMARY_KINDS,
    written: str | None = None,
) -> list[Finding]:
    """Return CI012 for each citation group that needs a primary source and has none.

    ``whole_page`` is true for a page listed in ``primary_pages``: then every group needs one;
    otherwise only groups inside a danger or warning box. Ids missing from ``sources`` are left
    to CI001. ``first_line`` is the file line of the first line of ``markdown``.

    ``written`` is the page as written when ``markdown`` is rendered from it (data blocks in
    place of their markers): a finding in a rendered block points at the line it replaced.
    """
    lines = markdown.split("\n")
    boxed = box_types(lines)
    if written is None:
        where = [(index, True) for index in range(len(lines))]
    else:
        where = written_lines(written.split("\n"), lines)
    findings = []
    for group in find_groups(markdown, first_line):
        index = group.line - first_line
        box = boxed.get(index)
        if not box and not whole_page:
            continue
        known = [(cited, sources[cited].kind) for cited in group.ids if cited in sources]
        if not known or any(kind in primary_kinds for _, kind in known):
            continue
        context = f"in a '{box}' box" if box else "on a page that must cite primary sources"
        listed = ", ".join(f"{cited} ({kind})" for cited, kind in known)
        line, same = where[index]
        message = f"citation {context} has no primary source: {listed}"
        if not same:
            message += " (in the block rendered here)"
        fix = f"add a source of a primary kind ({', '.join(primary_kinds)}) to this citation"
        col = group.col if same else 1
        findings.append(Finding(path, first_line + line, col, "CI012", message, fix))
    return findings
