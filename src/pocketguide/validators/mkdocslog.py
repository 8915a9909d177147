"""MkDocs' own warnings about links and images, as findings at their Markdown line.

``mkdocs build --strict`` counts every warning and stops at the end of the build, after all
pages and plugins have run. ``make site`` holds the warnings back, runs the link check on the
complete site, and passes each warning through here:

- a warning about a link, an anchor or an image in a page is placed at its line in the page's
  Markdown and given the link check's rule code (:func:`translate`);
- when the link check already reports that line (its own words, its fix), the MkDocs warning
  is dropped as the same problem (:func:`merge`);
- any other warning (a setting, a theme problem) is printed as MkDocs wrote it.

So an editor never sees a MkDocs link warning without a line. The message forms are those of
MkDocs 1.6 (``mkdocs/structure/pages.py``, frozen with 1.x) and of ``pocketguide/edition``;
``tests/unit/test_mkdocslog.py`` builds a real page with each mistake, so a change in either
fails there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pocketguide.findings import Finding
from pocketguide.validators.report import display
from pocketguide.validators.sourcemap import SourceLocator, link_needles

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

LEVEL = re.compile(r"^(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL)\s+-\s+(?P<text>.*)$")
"""One record of MkDocs' log as printed to a pipe (``WARNING -  text``)."""
STRICT_ABORT = re.compile(r"^Aborted with .* in strict mode!$")
"""MkDocs' last line when only the count of warnings stopped a complete build."""

_DOC = r"Doc file '(?P<src>[^']+)' contains "
_MKDOCS = [
    # (pattern, rule code, what is wrong, how to fix)
    (
        re.compile(_DOC + r"a link '(?P<url>[^']*)', but the target.* is not found among"),
        "LNK001",
        "link '{url}' points to a page or file that does not exist",
        "link to an existing Markdown file, e.g. [text](emergency.md)",
    ),
    (
        re.compile(_DOC + r"an unrecognized relative link '(?P<url>[^']*)'"),
        "LNK001",
        "link '{url}' points to no Markdown file",
        "link to the Markdown file itself, e.g. [text](emergency.md)",
    ),
    (
        re.compile(
            _DOC + r"a link '(?P<url>[^']*)', but (?:the doc .* does not contain an "
            r"anchor|there is no such anchor on this page)"
        ),
        "LNK002",
        "'{url}': no heading or element with that anchor",
        "use the anchor of an existing heading (see the page's table of contents)",
    ),
    (
        re.compile(_DOC + r"an absolute link '(?P<url>[^']*)'"),
        "LNK004",
        "'{url}' is an absolute link; it breaks when the guide lives under a sub-path",
        "link relatively to the Markdown file, e.g. [text](other-page.md)",
    ),
]
# pocketguide/edition reports what it could not put in the one-file edition, per page.
_EDITION = [
    (
        re.compile(r"^(?P<src>[^:\s]+\.md): image '(?P<url>[^']*)' is on another site"),
        "LNK020",
        "<img src> '{url}' loads from another site: it tells that site who reads the page",
        "copy the file into docs/ and link it relatively (or drop it)",
    ),
    (
        re.compile(r"^(?P<src>[^:\s]+\.md): image '(?P<url>[^']*)' not found"),
        "LNK003",
        "<img src> '{url}' does not exist in the built site",
        "add the file under docs/ or fix the path",
    ),
    (
        re.compile(r"^(?P<src>[^:\s]+\.md): link to missing anchor (?P<url>#\S+) on "),
        "LNK002",
        "'{url}': no heading or element with that anchor",
        "use the anchor of an existing heading (see the page's table of contents)",
    ),
]
_PREFIX = re.compile(r"^[\w./-]+: ")
"""A plugin logger's prefix (``pocketguide: ``, ``pocketguide/edition: ``)."""
_IMAGE_BEFORE = re.compile(r"(?:!\[[^\]]*\]\(\s*<?|\bsrc\s*=\s*[\"']?)$")


@dataclass(frozen=True)
class Translation:
    """The warnings that became findings, and those left as MkDocs wrote them."""

    findings: list[Finding]
    unknown: list[str]


def translate(warnings: Iterable[str], docs_dir: Path) -> Translation:
    """Turn MkDocs' link and image warnings into findings at their Markdown line."""
    findings: dict[tuple[str, int, str], Finding] = {}
    unknown: list[str] = []
    locators: dict[str, SourceLocator | None] = {}
    for warning in warnings:
        finding = _finding(warning, docs_dir, locators)
        if finding is None:
            unknown.append(warning)
        else:  # MkDocs and the edition may both tell of one mistake: the first word stays
            findings.setdefault((finding.path, finding.line or id(finding), finding.code), finding)
    return Translation(sorted(findings.values()), unknown)


def merge(checked: list[Finding], translated: Iterable[Finding]) -> list[Finding]:
    """Add the translated warnings the link check did not already report: a finding of the
    same kind at the same line is the same mistake (a missing page or file is one kind, as
    MkDocs does not tell an image from a link)."""
    seen = {(f.path, f.line, _KIND.get(f.code, f.code)) for f in checked if f.line}
    more = [
        f
        for f in translated
        if not f.line or (f.path, f.line, _KIND.get(f.code, f.code)) not in seen
    ]
    return sorted([*checked, *more])


_KIND = {"LNK003": "LNK001"}


def _finding(
    warning: str, docs_dir: Path, locators: dict[str, SourceLocator | None]
) -> Finding | None:
    text = warning.strip()
    for pattern, code, what, fix in _MKDOCS:
        match = pattern.match(text)
        if match:
            return _place(match, code, what, fix, text, docs_dir, locators)
    text = _PREFIX.sub("", text, count=1)
    for pattern, code, what, fix in _EDITION:
        match = pattern.match(text)
        if match:
            return _place(match, code, what, fix, text, docs_dir, locators)
    return None


def _place(  # noqa: PLR0917 (one row of the tables above, and where to look)
    match: re.Match[str],
    code: str,
    what: str,
    fix: str,
    text: str,
    docs_dir: Path,
    locators: dict[str, SourceLocator | None],
) -> Finding:
    src, url = match["src"], match["url"]
    if src not in locators:
        try:
            locators[src] = SourceLocator((docs_dir / src).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            locators[src] = None
    locator = locators[src]
    line, col = locator.locate(link_needles(url)) if locator is not None else (0, 0)
    if code == "LNK001" and locator is not None and line:
        before = locator.text.splitlines()[line - 1][: col - 1]
        if _IMAGE_BEFORE.search(before):
            code, what = "LNK003", "<img src> '{url}' does not exist in the built site"
            fix = "add the file under docs/ or fix the path"
    suggestion = re.search(r"Did you mean '([^']*)'\?", text)
    if suggestion:
        fix = f"did you mean '{suggestion[1]}'?"
    return Finding(display(docs_dir / src), line, col, code, what.format(url=url), fix)
