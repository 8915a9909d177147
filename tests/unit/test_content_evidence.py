"""CI012: citations in warning boxes and on primary pages include a primary source."""

# ruff: noqa: E501  (the tables hold exact finding lines; one line each reads best)

from __future__ import annotations

import pytest

from pocketguide.content.citations import CitationGroup, find_groups
from pocketguide.content.evidence import box_types, check_primary_citations, is_primary_page
from pocketguide.content.sources import Source

SOURCES = {
    ident: Source(ident, ident, "P", (), 2024, "https://example.org/", None, 1, kind)
    for ident, kind in [
        ("gov", "government"),
        ("paper", "peer-reviewed"),
        ("news", "news"),
        ("wiki", "encyclopedia"),
    ]
}
FIX = " — add a source of a primary kind (government, regulator, label, peer-reviewed, service) to this citation"


def test_find_groups_gives_each_group_and_where_its_bracket_is() -> None:
    text = "A [@gov; @news] b [@paper].\n`[@code]` [@Bad Id]\n\n  [@wiki]"
    assert find_groups(text, 10) == [
        CitationGroup(("gov", "news"), 10, 3),
        CitationGroup(("paper",), 10, 19),
        CitationGroup(("wiki",), 13, 3),
    ]


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # markdown, {line index: box type}
        ("!!! danger\n    in\nout", {0: "danger", 1: "danger"}),
        ('!!! warning "Title"\n\n    in\n\n    in\nout', {0: "warning", 1: "warning", 2: "warning", 3: "warning", 4: "warning"}),
        ("??? caution\n    in", {0: "caution", 1: "caution"}),
        ("???+ Danger inline end\n    in", {0: "danger", 1: "danger"}),
        ("!!! note\n    in\n!!! tip", {}),
        ("!!! danger\n    !!! note\n        inner\n    back\nout", {0: "danger", 1: "danger", 2: "danger", 3: "danger"}),
        ("!!! note\n    !!! error\n        inner\n    back in note", {1: "error", 2: "error"}),
        ("- item\n\n    !!! attention\n        in the list\n    list again", {2: "attention", 3: "attention"}),
        ("!!! danger\n    ```\n!!! not a box\n    ```\n    in", {0: "danger", 4: "danger"}),
        ("!!!danger\n    no space: not a box", {}),
    ],
    ids=["danger", "blank-lines", "details", "open-details-and-classes", "other-types", "nested-note", "nested-error", "in-a-list", "fence", "no-space"],
)  # fmt: skip
def test_box_types(markdown: str, expected: dict[int, str]) -> None:
    assert box_types(markdown.split("\n")) == expected


@pytest.mark.parametrize(
    ("markdown", "whole_page", "expected"),
    [
        # markdown (file line 5 onwards), primary page?, exact findings
        ("Outside [@news].\n\n!!! danger\n    In a box [@news; @wiki].", False, [
            f"p.md:8:14: CI012 citation in a 'danger' box has no primary source: news (news), wiki (encyclopedia){FIX}",
        ]),
        ("!!! warning\n    Fine [@news; @gov] and [@paper].", False, []),
        ("!!! warning\n    Unknown ids are CI001's [@nope] [@nope; @news].", False, [
            f"p.md:6:37: CI012 citation in a 'warning' box has no primary source: news (news){FIX}",
        ]),
        ("Anywhere on this page [@wiki].\n\n!!! note\n    [@news]", True, [
            f"p.md:5:23: CI012 citation on a page that must cite primary sources has no primary source: wiki (encyclopedia){FIX}",
            f"p.md:8:5: CI012 citation on a page that must cite primary sources has no primary source: news (news){FIX}",
        ]),
        ("Call now [@gov].", True, []),
        ("```\n!!! danger\n    [@news]\n```", False, []),
    ],
    ids=["box", "primary-in-box", "unknown-ids", "primary-page", "primary-page-ok", "fenced"],
)  # fmt: skip
def test_check_primary_citations(markdown: str, whole_page: bool, expected: list[str]) -> None:
    findings = check_primary_citations(
        markdown, "p.md", SOURCES, first_line=5, whole_page=whole_page
    )
    assert [f.format() for f in findings] == expected


def test_primary_kinds_are_configurable() -> None:
    markdown = "!!! danger\n    [@paper]"
    assert check_primary_citations(markdown, "p.md", SOURCES) == []
    found = check_primary_citations(markdown, "p.md", SOURCES, primary_kinds=("government",))
    assert [f.format() for f in found] == [
        "p.md:2:5: CI012 citation in a 'danger' box has no primary source: paper (peer-reviewed)"
        " — add a source of a primary kind (government) to this citation",
    ]


@pytest.mark.parametrize(
    ("page", "patterns", "expected"),
    [
        ("emergency.md", ("emergency.md", "card.md"), True),
        ("help/emergency.md", ("emergency.md",), False),
        ("help/uk.md", ("help/*",), True),
        ("mixing.md", (), False),
    ],
)
def test_is_primary_page(page: str, patterns: tuple[str, ...], expected: bool) -> None:
    assert is_primary_page(page, patterns) is expected


def test_findings_in_rendered_blocks_point_at_the_line_they_replaced() -> None:
    written = "Intro [@gov].\n\n<!-- data:demo -->\n\n!!! danger\n    Written [@news]."
    rendered = (
        "Intro [@gov].\n\n!!! warning\n    From data [@wiki].\n\n!!! danger\n    Written [@news]."
    )
    findings = check_primary_citations(rendered, "p.md", SOURCES, first_line=7, written=written)
    assert [f.format() for f in findings] == [
        "p.md:9:1: CI012 citation in a 'warning' box has no primary source: wiki (encyclopedia)"
        f" (in the block rendered here){FIX}",
        f"p.md:12:13: CI012 citation in a 'danger' box has no primary source: news (news){FIX}",
    ]
