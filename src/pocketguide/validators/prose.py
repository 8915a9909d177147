"""Blank out the parts of a Markdown page that are not the author's own prose.

Each function returns text of exactly the same shape (same lines, same lengths), with the
skipped parts replaced by spaces, so a regular-expression match on the result gives the line
and column in the original file.

- ``mask_code``: fenced code blocks, inline code and HTML comments (never shown as prose).
- ``mask_markup``: also link targets ``](...)``, reference definitions, URLs, HTML tags,
  attribute lists ``{#id .class}`` and citation markers ``[@id]``.
- ``mask_quotes``: also quotations (``"..."``, ``“...”`` and ``>`` block quotes) and
  proper names such as Narcotics Anonymous: the wording rules respect other people's words.
"""

from __future__ import annotations

import re

from pocketguide.content.lines import outside_fences

CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
LINK_TARGET = re.compile(r"(?<=\])\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S.*$", re.MULTILINE)
URL = re.compile(r"(?:https?://|www\.)[^\s<>()\]]+", re.IGNORECASE)
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
ATTR_LIST = re.compile(r"\{:?\s*[#.][^{}\n]*\}")
CITATION = re.compile(r"\[@[^\[\]\n]*\]")
QUOTE = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")
BLOCK_QUOTE = re.compile(r"^\s{0,3}>.*$", re.MULTILINE)
PROPER_NAMES = re.compile(r"\b(?:Narcotics|Alcoholics|Cocaine|Crystal Meth) Anonymous\b")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def mask_code(text: str) -> str:
    """Blank fenced code blocks (fences included, the core's rule for them:
    :func:`pocketguide.content.lines.outside_fences`), inline code and HTML comments."""
    lines = COMMENT.sub(_blank, text).split("\n")
    prose = dict(outside_fences(lines))
    return "\n".join(
        CODE_SPAN.sub(_blank, line) if index in prose else " " * len(line)
        for index, line in enumerate(lines)
    )


def mask_markup(text: str) -> str:
    """Blank code plus everything that is markup rather than words a reader reads."""
    text = mask_code(text)
    for pattern in (REF_DEFINITION, LINK_TARGET, URL, TAG, ATTR_LIST, CITATION):
        text = pattern.sub(_blank, text)
    return text


def mask_quotes(text: str) -> str:
    """Blank markup, quotations, block quotes and proper names."""
    text = mask_markup(text)
    for pattern in (QUOTE, BLOCK_QUOTE, PROPER_NAMES):
        text = pattern.sub(_blank, text)
    return text


def blank_front_matter(text: str, body_line: int) -> str:
    """Blank the lines before ``body_line`` (1-based), i.e. the front matter block."""
    lines = text.split("\n")
    keep = max(body_line - 1, 0)
    return "\n".join([" " * len(line) for line in lines[:keep]] + lines[keep:])


def position(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based ``(line, col)`` of character ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
