"""The emergency text message: SMS counting, the text of each country, the link, the marker."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from urllib.parse import unquote

import pytest
from mkdocs.config import load_config

from pocketguide.content import sms
from pocketguide.content.data import load_data
from pocketguide.content.data_markers import render_markers
from pocketguide.content.sources import load_sources

PROJECT = Path(__file__).parents[2]
SOURCES, _ = load_sources(PROJECT / "docs" / "sources.yml")
GUIDE, _ = load_data(PROJECT / "docs" / "data", SOURCES)
FIXTURE = PROJECT / "tests" / "fixtures" / "sites" / "data" / "docs"
FIXTURE_DATA, _ = load_data(FIXTURE / "data", load_sources(FIXTURE / "sources.yml")[0])
# The cases tests/js/sms.test.js checks pg-sms.js against: both must count alike.
CASES = json.loads((PROJECT / "tests" / "js" / "sms-cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["why"] for case in CASES])
def test_segments_count_like_a_phone(case: dict[str, object]) -> None:
    text = str(case["text"]) * int(str(case.get("repeat", 1)))
    count = sms.segments(text)
    assert (count.encoding, count.units, count.segments) == (
        case["encoding"],
        case["units"],
        case["segments"],
    )


def test_every_text_of_the_built_guide_fits_in_two_sms() -> None:
    """The texts the build writes, with the site_url of mkdocs.yml and a longer sub-path."""
    assert GUIDE.emergency is not None
    site_url = load_config(str(PROJECT / "mkdocs.yml")).site_url
    assert site_url
    for address in (site_url, "https://pocketguide.example/guide/"):
        texts = sms.texts(GUIDE.emergency, address)
        codes = {country.code for country in GUIDE.emergency.numbers}
        assert set(texts) == {*codes, ""}
        for code, text in texts.items():
            count = sms.segments(text)
            assert count.segments <= sms.MAX_SEGMENTS, (code, count, text)
            assert address in text
        assert sms.too_long(texts) == []


def test_each_text_holds_its_own_numbers_and_the_fallback_all_of_them() -> None:
    assert GUIDE.emergency is not None
    texts = sms.texts(GUIDE.emergency, "https://x.example/")
    for country in GUIDE.emergency.numbers:
        assert all(number in texts[country.code] for number in country.numbers)
        assert all(number in texts[""] for number in country.numbers)
    assert "Call 999 (UK)." in texts["GB"]
    assert "US/Canada 911" in texts[""]  # one number, said once


def test_regions_send_eu_members_to_112_and_keep_listed_countries() -> None:
    assert GUIDE.emergency is not None
    regions = sms.regions(GUIDE.emergency)
    assert regions["DE"] == regions["FR"] == "EU"
    assert regions["GB"] == "GB"
    assert "JP" not in regions


def test_too_long_names_the_country_and_the_count() -> None:
    assert GUIDE.emergency is not None
    wordy = dataclasses.replace(GUIDE.emergency, sms_rule="Call now. " * 30)
    problems = sms.too_long(sms.texts(wordy, "https://x.example/"))
    assert problems[0].startswith("the text for GB takes 3 SMS (")
    assert problems[-1].startswith("the text for a reader of no listed country takes")


def test_no_sms_rule_means_no_texts() -> None:
    assert GUIDE.emergency is not None
    assert sms.texts(dataclasses.replace(GUIDE.emergency, sms_rule=None), "x") == {}


def test_marker_renders_a_link_whose_draft_is_the_fallback_text() -> None:
    text, findings = render_markers(
        "<!-- data:sms-emergency -->", GUIDE, "docs/page.md", address="https://x.example/"
    )
    assert findings == []
    assert GUIDE.emergency is not None
    expected = sms.texts(GUIDE.emergency, "https://x.example/")
    body = text.split('href="sms:?body=', 1)[1].split('"', 1)[0]
    assert unquote(body) == expected[""]
    assert "It fits in 2 text messages" in text


def test_marker_without_sms_rule_or_over_two_sms_is_an_error_at_its_line() -> None:
    _, findings = render_markers("intro\n\n<!-- data:sms-emergency -->", FIXTURE_DATA, "p.md")
    assert [f.format() for f in findings] == [
        "p.md:3:1: MRK005 marker data:sms-emergency needs sms_rule in "
        f"{FIXTURE_DATA.paths['emergency']} — add sms_rule: the call rule as plain text short "
        "enough to text"
    ]
    assert GUIDE.emergency is not None
    wordy = dataclasses.replace(GUIDE, emergency=dataclasses.replace(
        GUIDE.emergency, sms_rule="Call now. " * 30))  # fmt: skip
    _, findings = render_markers("<!-- data:sms-emergency -->", wordy, "p.md")
    assert [f.code for f in findings] == ["MRK006"]
    assert "over 2" in findings[0].message
