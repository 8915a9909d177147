"""Line scanning shared by the plugins and the checks (core layer): skip fenced code blocks,
and map lines of Markdown that plugins have changed back to the lines of the file."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

_FENCE_RE = re.compile(r"\s*(`{3,}|~{3,})")


def outside_fences(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Yield ``(index, line)`` for lines outside fenced code blocks (fence lines excluded).

    A fence closes on a line of the same character, at least as long, with nothing after it;
    fences may be indented (inside list items, as pymdownx.superfences allows).
    """
    fence = ""
    for index, line in enumerate(lines):
        match = _FENCE_RE.match(line)
        if fence:
            marks = match.group(1) if match else ""
            closes = marks[:1] == fence[0] and len(marks) >= len(fence)
            if match and closes and not line[match.end() :].strip():
                fence = ""
            continue
        if match:
            fence = match.group(1)
            continue
        yield index, line


def written_lines(written: list[str], rendered: list[str]) -> list[tuple[int, bool]]:
    """For each rendered line, return ``(index of the written line, same text?)``.

    Lines a renderer left alone map to themselves; lines it put in place of others (a data
    marker's table, say) map to the first line they replaced, with ``False``.

    >>> written_lines(["a", "<!-- m -->", "b"], ["a", "x", "y", "b"])
    [(0, True), (1, False), (1, False), (2, True)]
    """
    out: list[tuple[int, bool]] = []
    matcher = SequenceMatcher(None, written, rendered, autojunk=False)
    for tag, i1, _, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += [(i1 + k, True) for k in range(j2 - j1)]
        else:
            out += [(min(i1, max(len(written) - 1, 0)), False)] * (j2 - j1)
    return out
