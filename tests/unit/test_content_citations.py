"""Citations: finding ids, reporting bad ones, numbering and rendering."""

from __future__ import annotations

import pytest

from pocketguide.content.citations import (
    Citation,
    check_citations,
    find_citations,
    number_sources,
    render_citations,
    render_with_numbers,
)


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # markdown, [(id, line, col)] with first_line=1
        ("No citations here.", []),
        ("Call now [@nhs-999].", [("nhs-999", 1, 11)]),
        ("Two [@a; @b2] and [@a].", [("a", 1, 6), ("b2", 1, 10), ("a", 1, 20)]),
        ("Tight [@a;@b] and loose [ @c ] [@d ]", [("a", 1, 8), ("b", 1, 11), ("d", 1, 33)]),
        ("Line one\n\nLine three [@x]", [("x", 3, 13)]),
        ("Code `[@a]` and ``[@b] `x` `` then [@c]", [("c", 1, 37)]),
        ("```\n[@a]\n```\n[@b]", [("b", 4, 2)]),
        ("~~~~ md\n[@a]\n~~~\n[@b]\n~~~~\n[@c]", [("c", 6, 2)]),
        ("- item\n\n    ```\n    [@a]\n    ```\n- [@b]", [("b", 6, 4)]),
        ("Link [@handle](https://x.org) and ref [@x][y]", []),
        (r"Escaped \[@a] is literal", []),
        ("Bad [@Bad Id] [@] [@a, @b] [@a; b] [@-a]", []),
        ("Footnote [^1] and email me@example.org [x@y]", []),
    ],
)
def test_find_citations(markdown: str, expected: list[tuple[str, int, int]]) -> None:
    assert find_citations(markdown) == [Citation(*c) for c in expected]


def test_find_citations_offsets_lines() -> None:
    assert find_citations("\n[@a]", first_line=7) == [Citation("a", 8, 2)]


FIX_SYNTAX = " — write [@id] or [@id1; @id2]; ids use lowercase letters, digits and hyphens"
FIX_UNKNOWN = " — add it to docs/sources.yml or fix the id"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # markdown (known ids: a, b), exact formatted findings with first_line=10
        ("Fine [@a; @b].", []),
        ("Unknown [@nope] and [@a; @zz]", [
            "p.md:10:10: CI001 unknown source 'nope'" + FIX_UNKNOWN,
            "p.md:10:26: CI001 unknown source 'zz'" + FIX_UNKNOWN,
        ]),
        ("x [@Bad Id]\n[@]\n[@a, @b]\n[@a; b]", [
            "p.md:10:3: CI002 malformed citation '[@Bad Id]'" + FIX_SYNTAX,
            "p.md:11:1: CI002 malformed citation '[@]'" + FIX_SYNTAX,
            "p.md:12:1: CI002 malformed citation '[@a, @b]'" + FIX_SYNTAX,
            "p.md:13:1: CI002 malformed citation '[@a; b]'" + FIX_SYNTAX,
        ]),
        ("```\n[@Bad Id] [@nope]\n```", []),
    ],
)  # fmt: skip
def test_check_citations(markdown: str, expected: list[str]) -> None:
    findings = check_citations(markdown, "p.md", {"a", "b"}, first_line=10)
    assert [f.format() for f in findings] == expected


def test_check_citations_names_the_registry() -> None:
    (finding,) = check_citations("[@x]", "p.md", set(), registry="site/refs.yml")
    assert finding.fix == "add it to site/refs.yml or fix the id"


def test_number_sources_in_order_of_first_use() -> None:
    citations = find_citations("[@c] then [@a; @c] then [@b] [@a]")
    assert number_sources(citations) == {"c": 1, "a": 2, "b": 3}


def sup(*numbers: int) -> str:
    links = ", ".join(f'<a href="#pg-source-{n}">{n}</a>' for n in numbers)
    return f'<sup class="pg-cite">[{links}]</sup>'


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # markdown (numbers: a=1, b=2), rendered markdown
        ("Say [@a].", f"Say {sup(1)}."),
        ("[@b; @a] and [@a]", f"{sup(2, 1)} and {sup(1)}"),
        ("Unknown [@x] stays; [@a; @x] too", "Unknown [@x] stays; [@a; @x] too"),
        ("`[@a]` and\n```\n[@a]\n```\n[@Bad Id]", "`[@a]` and\n```\n[@a]\n```\n[@Bad Id]"),
        ("Keep\r\nline ends [@a]\r\n", f"Keep\r\nline ends {sup(1)}\r\n"),
    ],
)
def test_render(markdown: str, expected: str) -> None:
    assert render_with_numbers(markdown, {"a": 1, "b": 2}) == expected


def test_render_calls_number_for_each_id() -> None:
    seen: list[str] = []

    def number_for(cited: str) -> int:
        seen.append(cited)
        return 9

    assert render_citations("[@a] [@b; @c]", number_for) == f"{sup(9)} {sup(9, 9)}"
    assert sorted(seen) == ["a", "b", "c"]
