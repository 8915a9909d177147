"""Map a problem found in built HTML back to a line of the page's Markdown source.

selectolax gives no source positions, and the HTML a link ends up in is not the Markdown it was
written in (``mixing.md#risks`` becomes ``../mixing/#risks``). So each HTML finding brings a
list of *needles*, most specific first: the URL as it appears in the HTML, the fragment
(``#risks``), the target's file name (``mixing``), then the link text or alt text. The first
needle found in the Markdown wins. When the same needle occurs several times on a page, the
n-th problem with it maps to its n-th occurrence, so two broken copies of a link get two
different lines. A needle found nowhere gives line 0 ("somewhere in this file").
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit


def link_needles(url: str, text: str = "") -> list[str]:
    """Return the strings to look for in Markdown for a link or image ``url`` with ``text``."""
    parts = urlsplit(url)
    needles = [url, unquote(url)]
    if url.startswith("./"):
        needles.append(url[2:])
    if parts.fragment:
        needles.append("#" + parts.fragment)
    name = posixpath.basename(parts.path.rstrip("/"))
    stem = posixpath.splitext(name)[0]
    if parts.path.rstrip("/") and stem not in {"", ".", ".."}:
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

    def locate(self, needles: list[str]) -> tuple[int, int]:
        """Return the 1-based ``(line, col)`` of the best needle, or ``(0, 0)`` if none occurs."""
        for needle in needles:
            hits = self._occurrences(needle)
            if hits:
                index = self._asked[needle]
                self._asked[needle] += 1
                return hits[index] if index < len(hits) else hits[0]
        return 0, 0

    def _occurrences(self, needle: str) -> list[tuple[int, int]]:
        hits = []
        for number, line in enumerate(self._lines, start=1):
            start = line.find(needle)
            while start != -1:
                hits.append((number, start + 1))
                start = line.find(needle, start + len(needle))
        return hits
