"""The guide's own pages keep the content contract (docs/*.md and docs/sources.yml).

Each test runs once per page, with the page's path as its id, so a failure names the page.
The front matter is read here with plain PyYAML on purpose: these tests check the pages, not
the content plugin's parser.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest
import yaml

from pocketguide.content.citations import find_citations
from pocketguide.content.data import GuideData, load_data
from pocketguide.content.data_markers import render_markers
from pocketguide.content.evidence import check_primary_citations, is_primary_page
from pocketguide.content.frontmatter import add_years
from pocketguide.content.sources import Source, check_hosts, load_sources
from pocketguide.validators.config import apply_site_options, load_check_config

DOCS = Path(__file__).resolve().parents[2] / "docs"
MKDOCS_YML = DOCS.parent / "mkdocs.yml"
PAGES = sorted(DOCS.rglob("*.md"))
IDS = [page.relative_to(DOCS).as_posix() for page in PAGES]

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
MILLIGRAMS = re.compile(r"\d\s*(mg|milligrams?)\b", re.IGNORECASE)
NORMAL_DOSE = re.compile(r"\b(normal|usual|typical|standard)\s+(dose|amount)s?\b", re.IGNORECASE)
# Stigmatising words about people (NIDA "Words Matter"). "Clean" and "dirty" are fine
# about water or equipment, so only their uses about a person are caught.
STIGMA = re.compile(
    r"\b(abuse[sd]?|abusers?|abusing|addicts?|junkies?|junky|druggies?|"
    r"(?:get|gets|got|getting|stay|stays|stayed|staying|be|being|been|is|are|was|were|am)"
    r"\s+(?:clean|dirty))\b",
    re.IGNORECASE,
)
TEL_LINK = re.compile(r"\[([^\]]+)\]\(tel:([^)]*)\)")


@cache
def registry() -> dict[str, Source]:
    sources, findings = load_sources(DOCS / "sources.yml")
    assert findings == [], "\n".join(finding.format() for finding in findings)
    return sources


@cache
def guide_data() -> GuideData:
    data, findings = load_data(DOCS / "data", registry())
    errors = [f.format() for f in findings if f.severity == "error"]
    assert errors == [], "\n".join(errors)
    return data


def rendered_body(page: Path) -> str:
    """The page's body with its data markers replaced, as the build does."""
    _, body, first_line = split_page(page)
    text, findings = render_markers(body, guide_data(), page.name, first_line)
    assert findings == [], "\n".join(f.format() for f in findings)
    return text


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_data_markers_render(page: Path) -> None:
    rendered_body(page)


def split_page(page: Path) -> tuple[dict[str, object], str, int]:
    """Return the page's front matter, its body, and the file line where the body starts."""
    text = page.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    assert match, f"{page.name}: the file must start with a --- front matter block"
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict), f"{page.name}: front matter must be a mapping"
    return data, text[match.end() :], match.group(0).count("\n") + 1


def prose_lines(body: str) -> list[tuple[int, str]]:
    """Body lines outside fenced code, with their 0-based index in the body."""
    lines, fenced = [], False
    for index, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((index, line))
    return lines


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_front_matter_has_the_four_keys_with_the_right_types(page: Path) -> None:
    data, _, _ = split_page(page)
    assert isinstance(data.get("title"), str) and data["title"].strip()
    assert isinstance(data.get("description"), str) and data["description"].strip()
    assert len(data["description"]) <= 160, f"description is {len(data['description'])} chars"
    assert type(data.get("last_reviewed")) is date, "last_reviewed must be a YYYY-MM-DD date"
    assert type(data.get("next_review")) is date, "next_review must be a YYYY-MM-DD date"
    assert isinstance(data.get("changes_fast", False), bool)


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_next_review_is_after_last_review_and_not_too_far(page: Path) -> None:
    data, _, _ = split_page(page)
    last, upcoming = data["last_reviewed"], data["next_review"]
    assert isinstance(last, date) and isinstance(upcoming, date)
    years = 1 if data.get("changes_fast") else 3
    assert last < upcoming <= add_years(last, years), (
        f"next_review {upcoming} must be after {last} and at most {years} year(s) later"
    )


@pytest.mark.parametrize(
    "name", ["law.md", "getting-help.md", "emergency.md"], ids=lambda name: name
)
def test_pages_with_laws_or_phone_numbers_are_reviewed_every_year(name: str) -> None:
    data, _, _ = split_page(DOCS / name)
    assert data.get("changes_fast") is True


# Pages another helper owns that do not cite yet. strict: the entry must go once they do.
UNCITED_FOR_NOW: dict[str, str] = {}


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(
            page,
            marks=pytest.mark.xfail(strict=True, reason=UNCITED_FOR_NOW[name]),
        )
        if name in UNCITED_FOR_NOW
        else page
        for page, name in zip(PAGES, IDS, strict=True)
    ],
    ids=IDS,
)
def test_page_cites_at_least_one_source(page: Path) -> None:
    _, body, _ = split_page(page)
    assert find_citations(body), "cite a source for the page's claims: [@id]"


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_every_cited_id_is_in_the_registry(page: Path) -> None:
    _, body, first_line = split_page(page)
    unknown = [
        f"{page.name}:{cite.line}:{cite.col}: {cite.id}"
        for cite in find_citations(body, first_line)
        if cite.id not in registry()
    ]
    assert unknown == []


def matches(page: Path, *patterns: re.Pattern[str]) -> list[str]:
    """Every match of ``patterns`` in the page's prose, as ``name:line: 'text'``."""
    _, body, first_line = split_page(page)
    return [
        f"{page.name}:{first_line + index}: {match.group()!r}"
        for index, line in prose_lines(body)
        for pattern in patterns
        for match in pattern.finditer(line)
    ]


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_no_milligram_figures_or_normal_dose(page: Path) -> None:
    assert matches(page, MILLIGRAMS, NORMAL_DOSE) == []


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_no_stigmatising_words(page: Path) -> None:
    assert matches(page, STIGMA) == []


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_tel_links_dial_plain_numbers(page: Path) -> None:
    _, body, _ = split_page(page)
    for text, number in TEL_LINK.findall(body):
        assert re.fullmatch(r"\+?\d{3,15}", number), f"tel:{number} ({text})"
        shown = ("+" if text.lstrip().startswith("+") else "") + re.sub(r"\D", "", text)
        assert shown == number, f"[{text}](tel:{number}): show the number it dials"


def test_emergency_numbers_show_the_number_they_dial() -> None:
    links = TEL_LINK.findall(rendered_body(DOCS / "emergency.md"))
    assert {number for _, number in links} >= {"999", "112", "911", "000"}
    assert all(text == number for text, number in links)


@cache
def settings() -> tuple[dict[str, str], tuple[str, ...], tuple[str, ...]]:
    """The guide's blocked hosts (pyproject.toml), primary pages and kinds (mkdocs.yml)."""
    checks, problems = load_check_config(DOCS.parent / "pyproject.toml")
    checks, more = apply_site_options(checks, MKDOCS_YML)
    assert problems + more == []
    return dict(checks.blocked_hosts), checks.primary_pages, checks.primary_kinds


def test_no_source_is_a_mirror_scrape_or_aggregator() -> None:
    found = check_hosts(registry().values(), settings()[0], "sources.yml")
    assert [f.format() for f in found] == []


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_warnings_and_the_emergency_pages_cite_a_primary_source(page: Path) -> None:
    _, body, first_line = split_page(page)
    _, pages, kinds = settings()
    rel = page.relative_to(DOCS).as_posix()
    found = check_primary_citations(
        rendered_body(page),  # as the build checks it: data markers rendered
        page.name,
        registry(),
        first_line=first_line,
        whole_page=is_primary_page(rel, pages),
        primary_kinds=kinds,
        written=body,
    )
    assert [f.format() for f in found] == []


def test_every_registry_entry_is_cited_somewhere() -> None:
    cited = {cite.id for page in PAGES for cite in find_citations(rendered_body(page))}
    assert sorted(set(registry()) - cited) == []


TRANSLATION = re.compile(r"\.(?:es)\.md$")


def test_every_page_is_in_the_nav() -> None:
    # A translation (X.es.md) takes the place of its English page (X.md) in the navigation.
    nav = MKDOCS_YML.read_text(encoding="utf-8").split("\nnav:\n", 1)[1]
    listed = set(re.findall(r":\s*(\S+\.md)\s*$", nav, re.MULTILINE))
    pages = {TRANSLATION.sub(".md", page) for page in IDS}
    assert sorted(pages - listed) == []


def test_seizure_figures_separate_weight_from_number() -> None:
    _, body, _ = split_page(DOCS / "buying-online.md")
    note = body.split('!!! note "Reading these figures correctly"', 1)[1].split("\n## ", 1)[0]
    assert "1,100%" in note and "**weight**" in note
    assert "350%" in note and "**number**" in note


def emergency_number_pattern() -> re.Pattern[str]:
    """Any emergency number of the data, standing alone (not inside a longer number)."""
    emergency = guide_data().emergency
    assert emergency is not None
    numbers = sorted({n for entry in emergency.numbers for n in entry.numbers}, key=len)
    return re.compile(rf"(?<![\d+])(?:{'|'.join(map(re.escape, reversed(numbers)))})(?!\d)")


MARKER = re.compile(r"<!--\s*data:[^>]*-->")


@pytest.mark.parametrize("name", ["emergency.md", "card.md", "effects.md", "safer-use.md"])
def test_the_call_rule_is_the_one_rule_from_the_data(name: str) -> None:
    # One rule for someone who does not respond: each page shows the data's own words.
    _, body, _ = split_page(DOCS / name)
    assert body.count("<!-- data:call-rule -->") == 1
    assert "wait it out" not in MARKER.sub("", body).lower(), "write the rule once, in the data"
    rule = guide_data().emergency
    assert rule is not None
    assert rule.call_rule in rendered_body(DOCS / name)


def test_the_emergency_page_and_the_card_show_the_same_numbers() -> None:
    # Numbers are never typed into either page: both render the same data.
    emergency = guide_data().emergency
    assert emergency is not None
    listed = {number for entry in emergency.numbers for number in entry.numbers}
    EMERGENCY_NUMBER = emergency_number_pattern()  # noqa: N806 (a constant of this test)
    for name in ("emergency.md", "card.md"):
        _, body, _ = split_page(DOCS / name)
        typed = EMERGENCY_NUMBER.findall(MARKER.sub("", body))
        assert typed == [], f"{name}: emergency number typed by hand: {typed}"
        shown = set(EMERGENCY_NUMBER.findall(rendered_body(DOCS / name)))
        assert shown == listed, name
    assert {"<!-- data:red-flags -->"} <= {
        m.group() for m in MARKER.finditer(split_page(DOCS / "card.md")[1])
    }
