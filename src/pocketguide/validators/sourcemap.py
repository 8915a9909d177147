"""Map a problem found in built HTML back to a line of the page's Markdown source.

selectolax gives no source positions, and the HTML a link ends up in is not the Markdown it was
written in (``mixing.md#risks`` becomes ``../mixing/#risks``). So each HTML finding brings a
list of *needles*, most specific first: the URL as it appears in the HTML, the fragment
(``#risks``, not matching ``#risks-2``), the target's file name (``mixing``), then the link
text or alt text. The first
needle found in the Markdown wins. When the same URL occurs several times on a page, its n-th
use in the rendered content maps to the n-th occurrence in the Markdown, so two copies of a
link get their own lines. A needle found nowhere gives line 0 ("somewhere in this file").
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit


def link_needles(url: str, text: str = "") -> list[str]:
    """Return the strings to look for in Markdown for a link or image ``url`` with ``text``."""
    needles = [url, unquote(url)]
    try:
        parts = urlsplit(url)
    except ValueError:  # 'http://[::1': only the text as written can be found
        return [n for n in dict.fromkeys([*needles, " ".join(text.split())]) if n.strip()]
    if url.startswith("./"):
        needles.append(url[2:])
    name = posixpath.basename(parts.path.rstrip("/"))
    stem = posixpath.splitext(name)[0]
    has_stem = bool(parts.path.rstrip("/")) and stem not in {"", ".", ".."}
    if parts.fragment:
        if has_stem:
            needles.append(f"{stem}.md#{parts.fragment}")
        needles.append("#" + parts.fragment)
    if has_stem:
        needles.extend([name, stem + ".md"])
    if text.strip():
        needles.append(" ".join(text.split()))
    return [n for n in dict.fromkeys(needles) if n.strip()]


@dataclass
class SourceLocator:
    """Finds needles in one Markdown file; remembers how often each needle was asked for."""

    text: str
    _lines: list[str] = field(init=False)
    _asked: Counter[str] = field(default_factory=Counter, init=False)

    def __post_init__(self) -> None:
        self._lines = self.text.splitlines()

    def locate(self, needles: list[str], nth: int | None = None) -> tuple[int, int]:
        """Return the 1-based ``(line, col)`` of the best needle, or ``(0, 0)`` if none occurs.

        ``nth`` is the 0-based index of this URL among the same URLs on the rendered page;
        without it, the n-th request for a needle gets its n-th occurrence.
        """
        for needle in needles:
            hits = self._occurrences(needle)
            if hits:
                index = self._asked[needle] if nth is None else nth
                self._asked[needle] += 1
                return hits[index] if index < len(hits) else hits[0]
        return 0, 0

    def _occurrences(self, needle: str) -> list[tuple[int, int]]:
        # A needle ending in a word character must not continue in the source: '#risk' is
        # not found inside '#risks'.
        tail = r"(?![\w-])" if re.match(r"[\w-]", needle[-1]) else ""
        pattern = re.compile(re.escape(needle) + tail)
        return [
            (number, match.start() + 1)
            for number, line in enumerate(self._lines, start=1)
            for match in pattern.finditer(line)
        ]
