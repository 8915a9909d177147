"""Property tests: the content readers never crash, whatever text they are given."""

from __future__ import annotations

from datetime import date
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from pocketguide.content.citations import (
    check_citations,
    find_citations,
    number_sources,
    render_with_numbers,
)
from pocketguide.content.data import GuideData, parse_data
from pocketguide.content.data_markers import render_markers
from pocketguide.content.frontmatter import parse_front_matter, review_status
from pocketguide.content.render import append_sources, insert_after_title, registry_list
from pocketguide.content.sources import Source, parse_sources
from pocketguide.findings import Finding

# Text built from the characters that matter to YAML and Markdown, plus anything at all.
SYNTAX = [*"-:.[]{}@;`~#'\"!&*|>?%\n\t \\,", "---\n", "...\n", "```\n", "[@", "\r\n"]
KEYS = ["title", "description", "last_reviewed", "next_review", "changes_fast", "id", "url"]
VALUES = ["2026-11-20", "2026-02-30", "2027-11-20 10:00:00", "true", "x" * 170, "[a", "&a", "*a"]
pieces = st.one_of(st.sampled_from(SYNTAX + KEYS + VALUES), st.text(max_size=5), st.characters())
markup = st.lists(pieces, max_size=60).map("".join)
front_matter_text = st.builds(lambda a, b: "---\n" + a + "\n---\n" + b, markup, markup)


@settings(max_examples=200, deadline=None)
@given(st.one_of(markup, front_matter_text, st.text()))
def test_parse_front_matter_never_raises(text: str) -> None:
    fm, findings = parse_front_matter(text, "p.md")
    assert all(isinstance(f, Finding) and f.line >= 1 for f in findings)
    if fm is None:
        assert findings
    else:
        assert fm.body_line >= 2
        status = review_status(fm, date(2027, 11, 1))
        assert status is None or status.code in {"FM010", "FM011"}


@settings(max_examples=200, deadline=None)
@given(st.one_of(markup, st.text()))
def test_citation_functions_never_raise(text: str) -> None:
    citations = find_citations(text, first_line=3)
    assert all(c.line >= 3 and c.col >= 1 for c in citations)
    findings = check_citations(text, "p.md", {"a"}, first_line=3)
    assert all(f.code in {"CI001", "CI002"} for f in findings)
    numbers = number_sources(citations)
    rendered = render_with_numbers(text, numbers)
    assert find_citations(rendered) == []


@settings(max_examples=200, deadline=None)
@given(st.one_of(markup, st.text()))
def test_parse_sources_never_raises(text: str) -> None:
    sources, findings = parse_sources("- id: a\n  " + text, "s.yml")
    assert all(isinstance(f, Finding) for f in findings)
    assert all(s.id == key for key, s in sources.items())


@settings(max_examples=200, deadline=None)
@given(st.one_of(markup, st.text()))
def test_render_helpers_never_raise(text: str) -> None:
    out = insert_after_title(text, "<p>X</p>")
    assert out.count("<p>X</p>") == text.count("<p>X</p>") + 1
    source = Source("a", text, text or None, (text,), 2020, "https://x.org/", None, 1)
    section = append_sources(text, {"a": 1}, {"a": source})
    assert section.endswith("</ol>\n")
    assert f'<a href="https://x.org/">{escape(text)}</a>' in registry_list([source])


DATA_PIECES = [
    "ratings:\n", "substances:\n", "  - id: a\n", "    rating: dangerous\n", "numbers: [", '"999"',
    "checked: 2026-02-30\n", "phone: \"+443001236600\"\n", "&x ", "*x", "<<: *x\n", "- ",
    "code: NO\n",
]  # fmt: skip
data_text = st.lists(st.one_of(st.sampled_from(DATA_PIECES), pieces), max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["mixing", "emergency", "helplines"]), st.one_of(data_text, st.text()))
def test_parse_data_never_raises(name: str, text: str) -> None:
    loaded = parse_data(name, text, "docs/data/x.yml", {})
    assert all(isinstance(f, Finding) and f.line >= 1 for f in loaded.findings)
    assert (loaded.model is None) == any(f.severity == "error" for f in loaded.findings)


MARKERS_TEXT = [
    "<!-- data:",
    " -->",
    "mixing-table",
    "helplines GB",
    "call-rule",
    "```\n",
    "`",
    "    ",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(MARKERS_TEXT), pieces), max_size=40).map("".join))
def test_render_markers_never_raises_and_leaves_other_text_alone(text: str) -> None:
    rendered, findings = render_markers(text, GuideData(), "p.md")
    assert all(f.code.startswith("MRK") for f in findings)
    if "<!--" not in text:
        assert rendered == text
