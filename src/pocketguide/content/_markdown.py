"""Line scanning shared by the citation and rendering code: skip fenced code blocks."""

from __future__ import annotations

import re
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
