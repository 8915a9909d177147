"""``make site`` on an editor's most common mistakes: each is named at its Markdown line.

A broken link, a broken anchor, a missing image and an image from another site each print
``docs/page.md:LINE:COL: CODE what — how to fix`` and nothing else about them (MkDocs' own
warning is placed at the same line and dropped as the same problem), exit 1, and leave
``site/`` and ``dist/`` exactly as they were. Each test copies the guide into ``tmp_path``
(see ``test_build_hostile``) and runs the real build.
"""

# ruff: noqa: E501  (exact finding lines read best on one line)

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.build.test_build_hostile import (
    append,
    disable_edition,
    guide,
    line_count,
    make_site,
    tree,
)

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["guide"]  # the fixture, shared with the hostile-input tests

FAIL = "make site: 1 error(s) found (see above); {root}/site/ and {root}/dist/ were not changed."
ANCHOR_FIX = "use the anchor of an existing heading (see the page's table of contents)"
MISTAKES = {
    # mistake: (the line added at the end of docs/effects.md, the one finding printed)
    "broken-link": (
        "Read [the page on tests](testing-kits.md) first.",
        "{page}:{n}:26: LNK001 link 'testing-kits.md' points to a page or file that does not exist — link to an existing Markdown file, e.g. [text](emergency.md)",
    ),
    "broken-anchor": (
        "Call for help [now](emergency.md#call-for-helpp).",
        f"{{page}}:{{n}}:21: LNK002 '../emergency/#call-for-helpp': no element with id 'call-for-helpp' on 'emergency/' — {ANCHOR_FIX}",
    ),
    "missing-image": (
        "![A bladder](assets/bladder.png)",
        "{page}:{n}:14: LNK003 <img src> 'assets/bladder.png' does not exist in the built site — add the file under docs/ or fix the path",
    ),
    "external-html-image": (
        '<img src="https://other.example/x.png" alt="A chart">',
        "{page}:{n}:11: LNK020 <img src> loads 'https://other.example/x.png' from another origin — copy the file into docs/ and link it relatively (or drop it)",
    ),
    "external-markdown-image": (
        "![A chart](https://other.example/x.png)",
        "{page}:{n}:12: LNK020 <img src> loads 'https://other.example/x.png' from another origin — copy the file into docs/ and link it relatively (or drop it)",
    ),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_each_mistake_is_named_at_its_line_and_changes_nothing(
    guide: Path, mistake: str, capfd: pytest.CaptureFixture[str]
) -> None:
    line, expected = MISTAKES[mistake]
    append(guide, "effects.md", f"\n{line}\n")
    before = tree(guide)

    assert make_site(guide) == 1

    out, err = capfd.readouterr()
    page = f"{guide}/docs/effects.md"
    findings = [row for row in out.splitlines() if row.startswith(str(guide))]
    assert findings == [expected.format(page=page, n=line_count(guide, "effects.md"))]
    assert out.splitlines()[-1] == FAIL.format(root=guide)
    # MkDocs' and the edition's own words for the same mistake are not shown beside ours.
    assert "WARNING" not in out + err
    assert "Aborted with" not in out + err
    assert "replaced by its alt text" not in out + err
    assert tree(guide) == before


def test_a_mistake_in_a_site_without_the_edition_is_named_too(
    guide: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    disable_edition(guide)
    line, expected = MISTAKES["broken-link"]
    append(guide, "effects.md", f"\n{line}\n")
    before = tree(guide)

    assert make_site(guide) == 1

    out = capfd.readouterr().out
    page = f"{guide}/docs/effects.md"
    assert [row for row in out.splitlines() if row.startswith(str(guide))] == [
        expected.format(page=page, n=line_count(guide, "effects.md"))
    ]
    assert tree(guide) == before
