"""Front matter: parsing, schema findings at the right place, review status."""

# ruff: noqa: E501  (the tables hold exact finding lines; one line each reads best)

from __future__ import annotations

from datetime import date

import pytest

from pocketguide.content.frontmatter import (
    FrontMatter,
    Reviewer,
    add_years,
    clinical_review_status,
    markdown_start_line,
    parse_front_matter,
    review_status,
    reviewers,
)

GOOD = (
    "---\n"
    "title: Mixing\n"
    "description: Which mixes are most dangerous.\n"
    "last_reviewed: 2026-11-20\n"
    "next_review: 2027-11-20\n"
    "---\n"
    "# Mixing\n"
)


def page(*lines: str) -> str:
    return "---\n" + "".join(f"{line}\n" for line in lines) + "---\nBody\n"


def test_good_page_parses_with_body_and_positions() -> None:
    fm, findings = parse_front_matter(GOOD, "docs/mixing.md")
    assert findings == []
    assert fm == FrontMatter(
        data={
            "title": "Mixing",
            "description": "Which mixes are most dangerous.",
            "last_reviewed": date(2026, 11, 20),
            "next_review": date(2027, 11, 20),
        },
        body="# Mixing\n",
        body_line=7,
        path="docs/mixing.md",
    )
    assert fm.positions == {
        "title": (2, 1),
        "description": (3, 1),
        "last_reviewed": (4, 1),
        "next_review": (5, 1),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # text, exact formatted findings
        ("# No front matter\n", [
            "p.md:1:1: FM002 page has no front matter — start the file with a --- block holding "
            "title, description, last_reviewed and next_review",
        ]),
        ("---\ntitle: x\n", ["p.md:1:1: FM001 front matter is never closed — add a line with --- after the last key"]),
        (page("title: Mixing: the facts"), [
            "p.md:2:14: FM001 front matter is not valid YAML: mapping values are not allowed here"
            " — fix the YAML here; put text that contains ': ' or ' #' in quotes",
        ]),
        (page("title: x", "tags: [a"), [
            "p.md:4:1: FM001 front matter is not valid YAML: expected ',' or ']', but got '<stream end>'"
            " — fix the YAML here; put text that contains ': ' or ' #' in quotes",
        ]),
        (page("title: x", "last_reviewed: 2026-02-30"), [
            "p.md:3:16: FM001 value of 'last_reviewed' cannot be read: day is out of range for month"
            " — write a real date as YYYY-MM-DD, or put the text in quotes",
        ]),
        (page("title: a", "title: b"), [
            "p.md:3:1: FM001 key 'title' is set twice — keep one 'title' line (YAML would silently use the last one)",
        ]),
        (page("- title: a"), [
            "p.md:2:1: FM001 front matter is not a list of 'key: value' lines"
            " — write one 'key: value' per line, for example 'title: Mixing'",
        ]),
        (page("\x07"), [
            "p.md:2:1: FM001 front matter is not valid YAML: character U+0007 is not allowed"
            " — fix the YAML here; put text that contains ': ' or ' #' in quotes",
        ]),
    ],
    ids=["none", "unclosed", "colon", "flow", "bad-date", "duplicate", "list", "control-char"],
)  # fmt: skip
def test_unparsable_front_matter(text: str, expected: list[str]) -> None:
    fm, findings = parse_front_matter(text, "p.md")
    assert fm is None
    assert [f.format() for f in findings] == expected


BASE = {
    "title": "title: Mixing",
    "description": "description: Short.",
    "last_reviewed": "last_reviewed: 2026-11-20",
    "next_review": "next_review: 2027-11-20",
}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # lines changed from BASE (None drops the key), exact formatted findings
        ({}, []),
        ({"title": None}, ["p.md:1:1: FM002 missing required key 'title' — add 'title: Mixing drugs'"]),
        ({"next_review": None}, ["p.md:1:1: FM002 missing required key 'next_review' — add 'next_review: 2027-11-20'"]),
        ({"title": "title: 42"}, ["p.md:2:1: FM003 'title' must be text, not a number — write one line of text after 'title:'"]),
        ({"title": "title:"}, ["p.md:2:1: FM003 'title' must be text, not nothing — write one line of text after 'title:'"]),
        ({"description": "description: [a, b]"}, [
            "p.md:3:1: FM003 'description' must be text, not a list — write one line of text after 'description:'",
        ]),
        ({"last_reviewed": "last_reviewed: '2026-11-20'"}, [
            "p.md:4:1: FM003 'last_reviewed' must be a date, not text '2026-11-20'"
            " — write it unquoted as YYYY-MM-DD, for example 2026-11-20",
        ]),
        ({"next_review": "next_review: 2027-11-20 10:00:00"}, [
            "p.md:5:1: FM003 'next_review' must be a date, not a date and time (2027-11-20 10:00:00)"
            " — write it unquoted as YYYY-MM-DD, for example 2026-11-20",
        ]),
        ({"description": "description: " + "x" * 161}, [
            "p.md:3:1: FM004 description is 161 characters, more than 160"
            " — shorten it: it is the search snippet and the share text",
        ]),
        ({"description": "description: " + "x" * 160}, []),
        ({"next_review": "next_review: 2026-11-20"}, [
            "p.md:5:1: FM005 next_review 2026-11-20 is not after last_reviewed 2026-11-20"
            " — set next_review to a later date, at the latest 2029-11-20",
        ]),
        ({"next_review": "next_review: 2029-11-20"}, []),
        ({"next_review": "next_review: 2029-11-21"}, [
            "p.md:5:1: FM006 next_review 2029-11-21 is more than 3 years after last_reviewed 2026-11-20"
            " — set next_review on or before 2029-11-20",
        ]),
        ({"extra": "changes_fast: true"}, []),
        ({"extra": "changes_fast: true", "next_review": "next_review: 2027-11-21"}, [
            "p.md:5:1: FM006 next_review 2027-11-21 is more than 1 year after last_reviewed 2026-11-20"
            " — set next_review on or before 2027-11-20 (pages with changes_fast: true are reviewed yearly)",
        ]),
        ({"extra": "changes_fast: often"}, [
            "p.md:6:1: FM003 'changes_fast' must be true or false, not text 'often'"
            " — write 'changes_fast: true' or remove the line",
        ]),
        ({"extra": "next_reveiw: 2027-01-01"}, [
            "p.md:6:1: FM007 (warn) unknown key 'next_reveiw' — did you mean 'next_review'? Otherwise remove it",
        ]),
        ({"extra": "author: Someone"}, [
            "p.md:6:1: FM007 (warn) unknown key 'author' — remove it, or check the spelling against the content contract",
        ]),
        ({"extra": "hide: [toc]"}, []),
    ],
)  # fmt: skip
def test_schema_findings(changes: dict[str, str | None], expected: list[str]) -> None:
    lines = {**BASE, **changes}
    text = page(*(line for line in lines.values() if line is not None))
    fm, findings = parse_front_matter(text, "p.md")
    assert fm is not None
    assert [f.format() for f in findings] == expected


@pytest.mark.parametrize(
    ("text", "body", "body_line"),
    [
        # text, body, 1-based line where the body starts
        ("---\r\ntitle: a\r\n---\r\nBody", "Body", 4),
        ("\ufeff---\ntitle: a\n...\nBody\nmore", "Body\nmore", 4),
        ("---  \ntitle: a\n---\t\n", "", 4),
        ("---\n---\n# Empty block\n", "# Empty block\n", 3),
    ],
    ids=["crlf", "bom-and-dots", "trailing-space", "empty-block"],
)
def test_fences_and_body(text: str, body: str, body_line: int) -> None:
    fm, _ = parse_front_matter(text, "p.md")
    assert fm is not None
    assert (fm.body, fm.body_line) == (body, body_line)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # today, exact formatted finding or None
        (date(2027, 10, 20), None),
        (date(2027, 10, 21), "p.md:5:1: FM011 (warn) review due in 30 days, on 2027-11-20"),
        (date(2027, 11, 19), "p.md:5:1: FM011 (warn) review due in 1 day, on 2027-11-20"),
        (date(2027, 11, 20), "p.md:5:1: FM011 (warn) review due today, on 2027-11-20"),
        (date(2027, 11, 21), "p.md:5:1: FM010 review overdue: next_review was 2027-11-20"),
    ],
)
def test_review_status(today: date, expected: str | None) -> None:
    fm, _ = parse_front_matter(page(*BASE.values()), "p.md")
    assert fm is not None
    finding = review_status(fm, today)
    fix = " — check the page against its sources, then update last_reviewed and next_review"
    assert (finding.format() if finding else None) == (expected + fix if expected else None)


def test_review_status_without_a_date_is_none() -> None:
    fm = FrontMatter({"next_review": "soon"}, "", 1)
    assert review_status(fm, date(2030, 1, 1)) is None


@pytest.mark.parametrize(
    ("day", "years", "expected"),
    [
        (date(2026, 11, 20), 3, date(2029, 11, 20)),
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(9999, 1, 1), 1, date.max),
    ],
)
def test_add_years(day: date, years: int, expected: date) -> None:
    assert add_years(day, years) == expected


KEYS = (
    "title: T",
    "description: D",
    "last_reviewed: 2026-11-01",
    "next_review: 2027-11-01",
)
TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # reviewed_by lines after KEYS (the first is line 6), exact formatted findings
        (("reviewed_by: {name: Test Reviewer, role: Test role, date: 2026-11-22}",), []),
        (("reviewed_by:", "  - name: Test Reviewer", "    role: Test role", "    date: 2026-11-02"), []),
        (("reviewed_by: []",), [
            "p.md:6:1: FM008 'reviewed_by' is empty"
            " — write reviewed_by: [{name: ..., role: ..., date: YYYY-MM-DD}], or remove it until someone has signed off",
        ]),
        (("reviewed_by: Test Reviewer",), [
            "p.md:6:1: FM008 'reviewed_by' must list who reviewed the page, not text 'Test Reviewer'"
            " — write reviewed_by: [{name: ..., role: ..., date: YYYY-MM-DD}], or remove it until someone has signed off",
        ]),
        (("reviewed_by:", "  - Test Reviewer"), [
            "p.md:7:5: FM008 reviewer 1 must have name, role and date, not text 'Test Reviewer'"
            " — write reviewed_by: [{name: ..., role: ..., date: YYYY-MM-DD}]",
        ]),
        (("reviewed_by:", "  - name: Test Reviewer", "    role: 7", "    date: 2026-11-23"), [
            "p.md:8:5: FM008 reviewer 1's 'role' must be text, not a number — write the reviewer's role after 'role:'",
            "p.md:9:5: FM008 reviewer 1's 'date' 2026-11-23 is in the future — write the day the reviewer signed off",
        ]),
        (("reviewed_by: {name: ' ', role: Test role, date: 'soon'}",), [
            "p.md:6:15: FM008 reviewer 1's 'name' must be text, not empty text — write the reviewer's name after 'name:'",
            "p.md:6:43: FM008 reviewer 1's 'date' must be a date, not text 'soon'"
            " — write it unquoted as YYYY-MM-DD, for example 2026-11-20",
        ]),
        (("reviewed_by:", "  - name: Test Reviewer", "    email: test@example.org"), [
            "p.md:7:5: FM008 reviewer 1 has no 'role' — add 'role:' as recorded at sign-off; never make one up",
            "p.md:7:5: FM008 reviewer 1 has no 'date' — add 'date:' as recorded at sign-off; never make one up",
            "p.md:8:5: FM007 (warn) unknown key 'email' in reviewer 1 — use name, role and date",
        ]),
    ],
    ids=["mapping", "list", "empty", "text", "item-text", "role-and-future", "blank-name-and-text-date", "missing-and-unknown"],
)  # fmt: skip
def test_reviewed_by_findings(lines: tuple[str, ...], expected: list[str]) -> None:
    fm, findings = parse_front_matter(page(*KEYS, *lines), "p.md", TODAY)
    assert fm is not None
    assert [f.format() for f in findings] == expected


def test_reviewers_are_read_from_a_mapping_or_a_list() -> None:
    one = "reviewed_by: {name: ' Test Reviewer ', role: Test role, date: 2026-11-02}"
    fm, _ = parse_front_matter(page(*KEYS, one), "p.md", TODAY)
    assert fm is not None
    assert reviewers(fm) == (Reviewer("Test Reviewer", "Test role", date(2026, 11, 2)),)
    two = ("reviewed_by:", "  - {name: A Test, role: R, date: 2026-11-02}", "  - Not a reviewer")
    fm, _ = parse_front_matter(page(*KEYS, *two), "p.md", TODAY)
    assert fm is not None
    assert reviewers(fm) == (Reviewer("A Test", "R", date(2026, 11, 2)),)


@pytest.mark.parametrize(
    ("lines", "required", "expected"),
    [
        # extra lines, release switch, exact finding
        ((), False, None),
        ((), True, "p.md:4:1: FM012 page has no 'reviewed_by', and this build requires clinical sign-off"
                   " — add reviewed_by: [{name: ..., role: ..., date: YYYY-MM-DD}] once a named clinician"
                   " has reviewed the page; never make one up"),
        (("reviewed_by: {name: Test Reviewer, role: Test role, date: 2026-11-02}",), True, None),
    ],
)  # fmt: skip
def test_clinical_review_status(
    lines: tuple[str, ...], required: bool, expected: str | None
) -> None:
    fm, _ = parse_front_matter(page(*KEYS, *lines), "p.md", TODAY)
    assert fm is not None
    status = clinical_review_status(fm, required=required)
    assert (status.format() if status else None) == expected


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # file text, line where MkDocs' Markdown starts
        ("---\ntitle: T\n---\n# T\n", 4),
        ("---\ntitle: T\n---\n\n\n# T\n", 6),
        ("---\ntitle: T\n...\n# T\n", 4),
        ("---\n- a list\n---\n# T\n", 1),
        ("---\ntitle: [broken\n---\n# T\n", 1),
        ("# No front matter\n", 1),
    ],
    ids=["plain", "blank-lines", "dots", "not-a-mapping", "broken", "none"],
)
def test_markdown_start_line(text: str, line: int) -> None:
    assert markdown_start_line(text) == line
