"""HTML snippets: review line, title placement, source lists."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from pocketguide.content.frontmatter import Reviewer
from pocketguide.content.render import (
    append_sources,
    insert_after_title,
    registry_list,
    reviewed_line,
    source_item,
    sources_section,
    spell_day,
)
from pocketguide.content.sources import Source

WHO = Source(
    "who", "Fact <sheet>", "WHO", (), 2023, "https://who.int/?a=1&b=2", date(2026, 1, 5), 1
)
SMITH = Source("smith", "bladder study", None, ("A. Smith",), None, "https://x.org/", None, 7)
PAPER = Source(
    "paper", "Deaths", None, ("C. Doe",), 2024, "https://x.org/p", None, 9, "peer-reviewed",
    "10.1111/dar.13950",
)  # fmt: skip


@pytest.mark.parametrize(
    ("day", "locale", "expected"),
    [
        # day               locale  spelled
        (date(2026, 11, 20), "en", "20 November 2026"),
        (date(2027, 1, 1), "en", "1 January 2027"),
        (date(2026, 11, 20), "fr", "20 novembre 2026"),
        (date(2026, 5, 3), "de", "3. Mai 2026"),  # CLDR's own long form
        (date(2026, 12, 2), "es", "2 de diciembre de 2026"),
    ],
)
def test_spell_day(day: date, locale: str, expected: str) -> None:
    assert spell_day(day, locale) == expected


def test_reviewed_line_without_sign_off_says_it_awaits_clinical_review() -> None:
    assert reviewed_line(date(2026, 11, 20), date(2027, 11, 20)) == (
        '<p class="pg-reviewed">Facts checked against published sources on '
        '<time datetime="2026-11-20">20 November 2026</time>. Awaiting clinical review.'
        ' Next review by <time datetime="2027-11">November 2027</time>.</p>'
    )


def test_reviewed_line_names_each_recorded_reviewer() -> None:
    signed = (
        Reviewer("Test <Reviewer>", "Test role", date(2026, 11, 25)),
        Reviewer("Second Test Reviewer", "Other test role", date(2026, 11, 26)),
    )
    assert reviewed_line(date(2026, 11, 20), date(2027, 11, 20), signed) == (
        '<p class="pg-reviewed">Facts checked against published sources on '
        '<time datetime="2026-11-20">20 November 2026</time>.'
        " Clinically reviewed by Test &lt;Reviewer&gt;, Test role, on"
        ' <time datetime="2026-11-25">25 November 2026</time>.'
        " Clinically reviewed by Second Test Reviewer, Other test role, on"
        ' <time datetime="2026-11-26">26 November 2026</time>.'
        ' Next review by <time datetime="2027-11">November 2027</time>.</p>'
    )


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # markdown, result with X inserted
        ("# Title\nText", "# Title\n\nX\n\nText"),
        ("Intro\n\n# Title\n", "Intro\n\n# Title\n\nX\n\n"),
        ("Title\n=====\nText", "Title\n=====\n\nX\n\nText"),
        (
            "```\n# not a title\n```\n#hashtag\n## Sub",
            "\nX\n\n```\n# not a title\n```\n#hashtag\n## Sub",
        ),
        ("", "\nX\n\n"),
    ],
    ids=["atx", "after-intro", "setext", "no-h1", "empty"],
)
def test_insert_after_title(markdown: str, expected: str) -> None:
    assert insert_after_title(markdown, "X") == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (WHO, '<li id="a"><a href="https://who.int/?a=1&amp;b=2">Fact &lt;sheet&gt;</a>. WHO, 2023.'
              ' Accessed <time datetime="2026-01-05">5 January 2026</time>.</li>'),
        (SMITH, '<li id="a"><a href="https://x.org/">bladder study</a>. A. Smith.</li>'),
        (PAPER, '<li id="a"><a href="https://x.org/p">Deaths</a>. C. Doe, 2024.'
                ' doi:<a href="https://doi.org/10.1111/dar.13950">10.1111/dar.13950</a>.</li>'),
    ],
    ids=["full", "sparse", "doi"],
)  # fmt: skip
def test_source_item(source: Source, expected: str) -> None:
    assert source_item(source, "a") == expected


def test_append_sources_numbers_and_skips_unknown() -> None:
    out = append_sources(
        "Text [1] [2]\n\n", {"smith": 2, "who": 1, "ghost": 3}, {"who": WHO, "smith": SMITH}
    )
    assert out.startswith(
        'Text [1] [2]\n\n<h2 id="sources" data-search-exclude>Sources</h2>\n'
        '<ol class="pg-sources" data-search-exclude>\n'
    )
    assert out.index('id="pg-source-1"') < out.index('id="pg-source-2"')
    assert "pg-source-3" not in out
    assert append_sources("Text", {}, {"who": WHO}) == "Text"


def test_registry_list_sorts_by_title_ignoring_case() -> None:
    out = registry_list([WHO, SMITH])
    assert out.startswith('<ul class="pg-sources pg-sources--all">\n<li id="source-smith">')
    assert out.index('id="source-smith"') < out.index('id="source-who"')


def test_only_the_list_of_every_source_shows_what_was_read() -> None:
    noted = replace(SMITH, note="Abstract read; the full paper was not <re-read>.")
    assert registry_list([noted]).endswith(
        '<span class="pg-source-note">Abstract read; the full paper was not &lt;re-read&gt;.'
        "</span></li>\n</ul>"
    )
    assert "pg-source-note" not in sources_section([(1, noted)])


@pytest.mark.parametrize(
    ("markdown", "anchor"),
    [
        # page markdown, id of the appended Sources heading
        ("# Mixing\n\nText", "sources"),
        ("# Sources\n\nText", "pg-sources"),
        ("## Sources ##\n", "pg-sources"),
        ("Sources\n-------\n", "pg-sources"),
        ("## Where facts come from {#sources}\n", "pg-sources"),
        ("```\n# Sources\n```\n#\n", "sources"),
        ("## Sources of help\n", "sources"),
    ],
)
def test_sources_heading_id_stays_unique(markdown: str, anchor: str) -> None:
    out = append_sources(markdown, {"who": 1}, {"who": WHO})
    assert f'<h2 id="{anchor}" data-search-exclude>Sources</h2>' in out
