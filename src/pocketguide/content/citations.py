"""Find, check and render inline citations: ``[@id]`` and ``[@id1; @id2]``.

Ids are lowercase letters, digits and hyphens, and must exist in ``docs/sources.yml``.
Citations inside fenced code blocks and inline code are left alone, as are link texts
(``[@handle](https://...)``) and escaped brackets (``\\[@id]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pocketguide.content.lines import outside_fences
from pocketguide.findings import Finding

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterator, Mapping

ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")
_GROUP_RE = re.compile(r"(?<!\\)\[(@[^\[\]\n]*)\](?![(\[])")
_CODE_SPAN_RE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
_SYNTAX_FIX = "write [@id] or [@id1; @id2]; ids use lowercase letters, digits and hyphens"


@dataclass(frozen=True)
class Citation:
    """One cited id; ``line`` and ``col`` (1-based) point at its ``@``."""

    id: str
    line: int
    col: int


@dataclass(frozen=True)
class CitationGroup:
    """One well-formed ``[@a; @b]`` group; ``line`` and ``col`` (1-based) point at its ``[``."""

    ids: tuple[str, ...]
    line: int
    col: int


@dataclass(frozen=True)
class _Group:
    """One ``[@...]`` group on a line; ``cites`` is empty when it is malformed."""

    line_index: int
    start: int
    end: int
    cites: tuple[tuple[str, int], ...]


def _prose_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """Yield ``(index, line)`` for lines outside fenced code that may hold a citation,
    with inline code blanked to spaces (columns stay the same)."""
    for index, line in outside_fences(lines):
        if "[@" in line:
            yield index, _CODE_SPAN_RE.sub(lambda m: " " * len(m.group()), line)


def _groups(lines: list[str]) -> Iterator[_Group]:
    for index, line in _prose_lines(lines):
        for match in _GROUP_RE.finditer(line):
            cites: list[tuple[str, int]] = []
            offset = match.start(1)
            for part in match.group(1).split(";"):
                text = part.strip()
                at = offset + part.find("@") if text else offset
                if not (text.startswith("@") and ID_RE.fullmatch(text[1:])):
                    cites = []
                    break
                cites.append((text[1:], at + 1))
                offset += len(part) + 1
            yield _Group(index, match.start(), match.end(), tuple(cites))


def find_citations(markdown: str, first_line: int = 1) -> list[Citation]:
    """Return every well-formed citation in reading order.

    ``first_line`` is the file line of the first line of ``markdown`` (the body after the
    front matter starts later in the file).
    """
    return [
        Citation(cited, first_line + group.line_index, col)
        for group in _groups(markdown.split("\n"))
        for cited, col in group.cites
    ]


def find_groups(markdown: str, first_line: int = 1) -> list[CitationGroup]:
    """Return every well-formed citation group in reading order (see :func:`find_citations`)."""
    return [
        CitationGroup(
            tuple(cited for cited, _ in group.cites),
            first_line + group.line_index,
            group.start + 1,
        )
        for group in _groups(markdown.split("\n"))
        if group.cites
    ]


def check_citations(
    markdown: str,
    path: str,
    known: Collection[str],
    first_line: int = 1,
    registry: str = "docs/sources.yml",
) -> list[Finding]:
    """Return ``CI001`` for ids missing from ``known`` and ``CI002`` for malformed groups."""
    lines = markdown.split("\n")
    findings = []
    for group in _groups(lines):
        line = first_line + group.line_index
        if not group.cites:
            text = lines[group.line_index][group.start : group.end]
            message = f"malformed citation '{text}'"
            findings.append(Finding(path, line, group.start + 1, "CI002", message, _SYNTAX_FIX))
        for cited, col in group.cites:
            if cited not in known:
                message = f"unknown source '{cited}'"
                fix = f"add it to {registry} or fix the id"
                findings.append(Finding(path, line, col, "CI001", message, fix))
    return findings


def number_sources(citations: list[Citation]) -> dict[str, int]:
    """Number cited ids 1, 2, 3... in order of first use."""
    numbers: dict[str, int] = {}
    for citation in citations:
        numbers.setdefault(citation.id, len(numbers) + 1)
    return numbers


def render_citations(markdown: str, number_for: Callable[[str], int | None]) -> str:
    """Replace each well-formed group whose ids all have numbers with superscript links.

    ``[@a; @b]`` becomes ``<sup class="pg-cite">[<a href="#pg-source-1">1</a>, ...]</sup>``.
    Groups with an unknown id or bad syntax are left as written, for the checks to report.
    """
    lines = markdown.split("\n")
    for group in reversed(list(_groups(lines))):
        numbers = [number_for(cited) for cited, _ in group.cites]
        if not numbers or None in numbers:
            continue
        links = ", ".join(f'<a href="#pg-source-{n}">{n}</a>' for n in numbers)
        html = f'<sup class="pg-cite">[{links}]</sup>'
        line = lines[group.line_index]
        lines[group.line_index] = line[: group.start] + html + line[group.end :]
    return "\n".join(lines)


def render_with_numbers(markdown: str, numbers: Mapping[str, int]) -> str:
    """Shortcut for :func:`render_citations` with a mapping of id to number."""
    return render_citations(markdown, numbers.get)
