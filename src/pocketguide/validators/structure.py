"""Page structure in Markdown: one h1, no skipped heading levels, images with alt text.

Headings are read from the code-masked source (``prose.mask_code``), so a ``#`` comment in a
code block is not a heading. ATX (``## Title``) and setext (``Title`` over ``===``/``---``)
headings both count.

Rule codes: HDG001 not exactly one h1; HDG002 skipped level; IMG001 image without alt text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pocketguide.findings import Finding
from pocketguide.validators.prose import position

ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
MD_IMAGE_NO_ALT = re.compile(r"!\[\s*\](?=[(\[])")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ALT = re.compile(r"\balt\s*=", re.IGNORECASE)


@dataclass(frozen=True)
class Heading:
    """A heading: level 1-6, its text and 1-based line."""

    level: int
    text: str
    line: int


def headings(code_masked: str) -> list[Heading]:
    """Return the headings of a page body whose code is already blanked."""
    lines = code_masked.split("\n")
    found = []
    for index, line in enumerate(lines):
        match = ATX.match(line)
        if match:
            found.append(Heading(len(match.group(1)), (match.group(2) or "").strip(), index + 1))
            continue
        previous = lines[index - 1] if index else ""
        setext = SETEXT.match(line)
        if setext and previous.strip() and not ATX.match(previous) and not _is_list(previous):
            level = 1 if setext.group(1)[0] == "=" else 2
            if level == 2 and len(setext.group(1)) < 3:
                continue
            found.append(Heading(level, previous.strip(), index))
    return found


def _is_list(line: str) -> bool:
    return bool(re.match(r"^\s*(?:[-*+]|\d+[.)])\s", line) or line.lstrip().startswith("|"))


def check_headings(items: list[Heading], path: str, first_line: int = 1) -> list[Finding]:
    """Return HDG001 (no h1 or several) and HDG002 (skipped level) findings."""
    findings = []
    h1s = [h for h in items if h.level == 1]
    if not h1s:
        findings.append(
            Finding(path, first_line, 1, "HDG001", "page has no h1 heading", "start with '# Title'")
        )
    for extra in h1s[1:]:
        message = f"second h1 heading '{extra.text}' (a page has one h1, its title)"
        findings.append(Finding(path, extra.line, 1, "HDG001", message, "make it '## ...'"))
    previous = 1 if not h1s else 0
    for heading in items:
        if heading.level > previous + 1:
            message = f"heading '{heading.text}' jumps from h{previous} to h{heading.level}"
            fix = f"make it {'#' * (previous + 1)} (h{previous + 1})"
            findings.append(Finding(path, heading.line, 1, "HDG002", message, fix))
        previous = heading.level
    return findings


def check_images(code_masked: str, path: str) -> list[Finding]:
    """Return IMG001 for Markdown images with empty alt text and ``<img>`` without ``alt``."""
    fix = "describe the image in the brackets: ![what it shows](file.png)"
    findings = []
    for match in MD_IMAGE_NO_ALT.finditer(code_masked):
        line, col = position(code_masked, match.start())
        findings.append(Finding(path, line, col, "IMG001", "image has no alt text", fix))
    for match in HTML_IMG.finditer(code_masked):
        if not HTML_ALT.search(match.group()):
            line, col = position(code_masked, match.start())
            fix_html = 'add alt="what it shows" (alt="" only for decoration)'
            findings.append(
                Finding(path, line, col, "IMG001", "<img> has no alt attribute", fix_html)
            )
    return findings
