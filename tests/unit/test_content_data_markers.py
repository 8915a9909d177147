"""Markers render the data into Markdown: the exact output of each, and each mistake."""

# ruff: noqa: E501  (the tables hold exact Markdown and finding lines; one line each reads best)

from __future__ import annotations

from pathlib import Path

import pytest

from pocketguide.content.data import GuideData, Helpline, load_data
from pocketguide.content.data_markers import (
    MARKERS,
    helpline_block,
    helplines_card,
    render_markers,
)
from pocketguide.content.sources import load_sources

FIXTURE = Path(__file__).parents[1] / "fixtures" / "sites" / "data" / "docs"
SOURCES, _ = load_sources(FIXTURE / "sources.yml")
DATA, _ = load_data(FIXTURE / "data", SOURCES, display=lambda p: f"docs/data/{p.name}")


def render(markdown: str, data: GuideData = DATA) -> str:
    text, findings = render_markers(markdown, data, "docs/page.md")
    assert findings == []
    return text


@pytest.mark.parametrize(
    ("marker", "markdown"),
    [
        # marker, exact Markdown it becomes (block markers get a blank line before and after)
        ("<!-- data:mixing-table -->", """
| Mixed with | Our rating | Main risk |
|---|---|---|
| [Alcohol](#alcohol) | **Dangerous** | passing out, choking |
| [Benzos](#benzos) | **Dangerous** (TripSit: caution) | passing out, breathing |
| [MDMA](#mdma) | Caution (TripSit: lower risk) | heart strain |
| [Cannabis](#cannabis) | Lower risk | stronger together |

[@tripsit-combos; @saferparty-ketamine]
"""),
        ("<!-- data:mixing-scale -->", """
Dangerous
:   Avoid. This mix could kill.

Caution
:   Real risk.

Lower risk
:   No known dangerous effect.
"""),
        ("<!-- data:mixing-rating alcohol -->", "**Dangerous.**"),
        ("<!-- data:mixing-rating benzos -->", "**Dangerous (our rating). Sources disagree: TripSit caution.**"),
        ("<!-- data:mixing-rating cannabis -->", "**Lower risk.**"),  # an unrated source does not disagree
        ("<!-- data:mixing-list dangerous -->", "\n- Alcohol\n- Benzos\n"),
        ("<!-- data:mixing-names dangerous -->", "alcohol and benzos"),
        ("<!-- data:mixing-names caution -->", "MDMA"),
        ("<!-- data:call-rule -->", "Call if they cannot be woken, or took anything else [@nhs-999]."),
        ("<!-- data:red-flags -->", "\n- cannot be woken\n- breathe slowly or snore\n\n[@nhs-999; @eu-112]\n"),
        ("<!-- data:emergency-table -->", """
| Where you are | Call |
|---|---|
| United Kingdom | [999](tel:999) or [112](tel:112) |
| European Union | [112](tel:112) |

[@nhs-999; @eu-112]
"""),
        ("<!-- data:emergency-inline -->", "**UK** 999 or 112 · **EU** 112 [@nhs-999; @eu-112]"),
        ("<!-- data:helplines GB -->", """
**FRANK**: free drug advice. What you say stays private.

- Phone: [+44 300 123 6600](tel:+443001236600) (from inside the country: 0300 123 6600). Any time, day or night.
- Text: 82111
- Web: <https://www.talktofrank.com>
- Hours: 24 hours a day
- Cost: free
- Last checked: 20 November 2026

[@frank-contact]
"""),
        ("<!-- data:helplines AU -->", """
**National Alcohol and Other Drug Hotline**: puts you through to the drug help line in your state.

- Phone: 1800 250 015 (only from inside the country)
- Last checked: 20 November 2026

[@samhsa-helpline]
"""),
        ("<!-- data:helplines-card -->", "**UK** FRANK 0300 123 6600 [@frank-contact] · **United States** SAMHSA National Helpline 1-800-662-4357 [@samhsa-helpline]"),
    ],
    ids=lambda v: v.split()[1] + (v.split()[2] if len(v.split()) > 3 else "") if v.startswith("<!--") else "",
)  # fmt: skip
def test_marker_renders(marker: str, markdown: str) -> None:
    assert render(marker) == markdown


def test_every_marker_is_tested() -> None:
    tested = {"mixing-table", "mixing-scale", "mixing-rating", "mixing-list", "mixing-names", "call-rule",
              "red-flags", "emergency-table", "emergency-inline", "sms-emergency", "helplines", "helplines-card"}  # fmt: skip
    assert set(MARKERS) == tested


def test_inline_markers_sit_in_a_sentence_and_blocks_keep_the_indent() -> None:
    markdown = '!!! danger "Avoid"\n\n    <!-- data:mixing-list dangerous -->\n\nAvoid <!-- data:mixing-names dangerous --> with it.'
    assert render(markdown) == (
        '!!! danger "Avoid"\n\n\n    - Alcohol\n    - Benzos\n\n\nAvoid alcohol and benzos with it.'
    )


def test_markers_in_code_are_left_alone() -> None:
    markdown = "```\n<!-- data:nope -->\n```\n`<!-- data:mixing-table -->` stays"
    assert render_markers(markdown, DATA, "docs/page.md") == (markdown, [])


def test_plain_text_from_the_data_is_escaped() -> None:
    mixing = DATA.mixing
    assert mixing is not None
    odd = mixing.substances[0].__class__(
        "x", "A | B <i>", "a*b", "g", "caution", "r|s", (), mixing.substances[0].sources
    )
    data = GuideData(mixing=type(mixing)(mixing.ratings, (odd,)), paths=DATA.paths)
    assert render("<!-- data:mixing-table -->", data).split("\n")[3] == (
        r"| [A \| B &lt;i&gt;](#x) | Caution (TripSit: dangerous) | r\|s |"
    )
    assert render("<!-- data:mixing-names caution -->", data) == r"a\*b"


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # page text (line 1 is the file's line 10), exact findings
        ("<!-- data:nope -->", [
            "docs/page.md:10:1: MRK001 unknown data marker '<!-- data:nope -->' — use one of: mixing-scale, mixing-table, mixing-rating, mixing-list, mixing-names, call-rule, red-flags, emergency-table, emergency-inline, sms-emergency, helplines, helplines-card",
        ]),
        ("x\n<!-- data:mixing-rating ghb -->", [
            "docs/page.md:11:1: MRK002 marker data:mixing-rating names a substance id that is not in the data: 'ghb' — use one of: alcohol, benzos, mdma, cannabis",
        ]),
        ("<!-- data:helplines FR -->", [
            "docs/page.md:10:1: MRK002 marker data:helplines names a country code that is not in the data: 'FR' — use one of: GB, US, AU",
        ]),
        ("<!-- data:mixing-list deadly -->", [
            "docs/page.md:10:1: MRK002 marker data:mixing-list names a rating that is not in the data: 'deadly' — use one of: dangerous, caution, lower-risk",
        ]),
        ("Say <!-- data:mixing-rating -->.", [
            "docs/page.md:10:5: MRK002 marker data:mixing-rating needs a substance id — write <!-- data:mixing-rating ARGUMENT --> with a substance id",
        ]),
        ("<!-- data:emergency-table GB -->", [
            "docs/page.md:10:1: MRK002 marker data:emergency-table takes no argument, but has 'GB' — write <!-- data:emergency-table -->",
        ]),
        ("Call: <!-- data:emergency-table -->", [
            "docs/page.md:10:7: MRK004 marker data:emergency-table makes a table or list, so it must be alone on its line — put it on a line of its own",
        ]),
    ],
    ids=["unknown", "unknown-id", "unknown-country", "unknown-rating", "no-argument", "extra-argument", "block-inline"],
)  # fmt: skip
def test_marker_errors(markdown: str, expected: list[str]) -> None:
    text, findings = render_markers(markdown, DATA, "docs/page.md", first_line=10)
    assert [f.format() for f in findings] == expected
    assert text == markdown  # a marker in error stays an invisible comment


def test_a_marker_whose_data_file_is_missing() -> None:
    data = GuideData(paths={"emergency": "docs/data/emergency.yml"})
    _, findings = render_markers("<!-- data:emergency-table -->", data, "docs/page.md")
    assert [f.format() for f in findings] == [
        "docs/page.md:1:1: MRK003 marker data:emergency-table needs docs/data/emergency.yml, which is missing or has errors — create docs/data/emergency.yml or fix the errors in it",
    ]


def test_a_short_helpline_number_shows_as_dialled() -> None:
    line = Helpline(
        country="United Kingdom", code="GB", name="Samaritans", about="Someone to talk to.",
        source="samaritans", checked="2026-12-02", phone="116123", phone_display="116 123",
    )  # fmt: skip
    assert helpline_block(line) == (
        "**Samaritans**: Someone to talk to.\n\n- Phone: [116 123](tel:116123)\n"
        "- Last checked: 2 December 2026\n\n[@samaritans]"
    )


def test_the_card_uses_a_helplines_short_name_when_it_has_one() -> None:
    lines = (
        Helpline(
            country="Australia", code="AU", name="National Alcohol and Other Drug Hotline",
            about="Puts you through to your state's line.", source="scriptwise-support",
            checked="2026-12-02", phone="+611800250015", phone_display="1800 250 015",
            local_only=True, card=True, card_name="Drug hotline",
        ),
        Helpline(
            country="United Kingdom", code="GB", name="Samaritans", about="Someone to talk to.",
            source="samaritans", checked="2026-12-02", phone="116123", phone_display="116 123",
        ),
    )  # fmt: skip
    assert helplines_card(lines, {"GB": "UK"}) == (
        "**Australia** Drug hotline 1800 250 015 [@scriptwise-support]"
    )
