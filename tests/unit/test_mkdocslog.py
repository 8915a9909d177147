"""Tests of :mod:`pocketguide.validators.mkdocslog`: MkDocs' link and image warnings become
findings at their Markdown line, and the link check's own finding at that line wins.

The warnings are the real ones: a small site is built in process with each mistake, so a
MkDocs or ``pocketguide/edition`` release that words them differently fails here.
"""

# ruff: noqa: E501  (exact finding lines read best on one line)

from __future__ import annotations

from typing import TYPE_CHECKING

from pocketguide.build import mkdocs_build
from pocketguide.findings import Finding
from pocketguide.validators.mkdocslog import merge, translate

if TYPE_CHECKING:
    from pathlib import Path

PAGE = """# Home

## Steps

Read [the tests](testing-kits.md) and [step one](other.md#step-won).

Back to [the steps](#stepz), [elsewhere](/other/) and [a folder](folder).

![A chart](assets/chart.png)

![A logo](https://other.example/logo.png)

```
[not a link](in-code.md)
```
"""
CONFIG = """site_name: Mistakes
site_url: https://example.org/
theme:
  name: material
  font: false
validation:
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
plugins:
  - pocketguide/edition:
      emergency_page: ""
nav:
  - Home: index.md
  - Other: other.md
"""


def warnings_of(tmp_path: Path) -> tuple[Path, list[str]]:
    """Build the page above with ``make site``'s own runner; return the docs folder and every
    warning MkDocs printed (held back by the runner)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(PAGE, encoding="utf-8")
    (docs / "other.md").write_text("# Other\n\n## Step one\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    run = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert (run.status, run.complete) == (1, True)  # strict mode stopped a complete build
    return docs, run.warnings


def test_every_link_and_image_warning_is_placed_at_its_line(tmp_path: Path) -> None:
    docs, warnings = warnings_of(tmp_path)

    told = translate(warnings, docs)

    page = f"{docs}/index.md"
    anchor_fix = "use the anchor of an existing heading (see the page's table of contents)"
    assert told.unknown == []
    assert [f.format() for f in told.findings] == [
        f"{page}:5:18: LNK001 link 'testing-kits.md' points to a page or file that does not exist — link to an existing Markdown file, e.g. [text](emergency.md)",
        f"{page}:5:50: LNK002 'other.md#step-won': no heading or element with that anchor — {anchor_fix}",
        f"{page}:7:21: LNK002 '#stepz': no heading or element with that anchor — {anchor_fix}",
        f"{page}:7:42: LNK004 '/other/' is an absolute link; it breaks when the guide lives under a sub-path — did you mean 'other.md'?",
        f"{page}:7:58: LNK001 link 'folder' points to no Markdown file — link to the Markdown file itself, e.g. [text](emergency.md)",
        f"{page}:9:12: LNK003 <img src> 'assets/chart.png' does not exist in the built site — add the file under docs/ or fix the path",
        f"{page}:11:11: LNK020 <img src> 'https://other.example/logo.png' loads from another site: it tells that site who reads the page — copy the file into docs/ and link it relatively (or drop it)",
    ]


def test_a_warning_about_anything_else_is_left_as_mkdocs_wrote_it(tmp_path: Path) -> None:
    warning = "Config value 'foo': Unrecognised configuration name: foo"

    told = translate([warning], tmp_path)

    assert (told.findings, told.unknown) == ([], [warning])


def test_the_link_checks_finding_of_the_same_kind_at_the_same_line_wins() -> None:
    ours = Finding("docs/a.md", 5, 23, "LNK003", "image 'x.png' is missing", "fix it")
    same = Finding("docs/a.md", 5, 20, "LNK001", "MkDocs' words", "")  # one kind: not found
    other_kind = Finding("docs/a.md", 5, 40, "LNK004", "MkDocs' words", "")
    other_line = Finding("docs/a.md", 6, 1, "LNK002", "MkDocs' words", "")

    assert merge([ours], [same, other_kind, other_line]) == [ours, other_kind, other_line]
