"""PHN001: phone numbers typed into a page that are not in the data."""

# ruff: noqa: E501  (the tables hold exact finding lines; one line each reads best)

from __future__ import annotations

from pathlib import Path

import pytest

from pocketguide.content.data import load_data
from pocketguide.content.sources import load_sources
from pocketguide.validators.numbers import check_numbers, known_numbers

FIXTURE = Path(__file__).parents[1] / "fixtures" / "sites" / "data" / "docs"
SOURCES, _ = load_sources(FIXTURE / "sources.yml")
DATA, _ = load_data(FIXTURE / "data", SOURCES)
KNOWN = known_numbers(DATA)


def test_known_numbers_hold_every_form_of_every_number() -> None:
    expected = {
        "999", "112",  # emergency numbers
        "+443001236600", "443001236600", "03001236600", "82111",  # FRANK: E.164, digits, national, text
        "+18006624357", "18006624357",  # SAMHSA, displayed as 1-800-662-4357
        "+611800250015", "1800250015",  # a local-only Australian number, displayed 1800 250 015
    }  # fmt: skip
    assert expected <= KNOWN
    assert "08001234567" not in KNOWN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # page text, exact findings (every one a warning)
        ("Call [999](tel:999) or [112](tel:112).", []),
        ("Call FRANK on 0300 123 6600 or text 82111.", []),
        ("Call [+44 300 123 6600](tel:+443001236600).", []),
        ("In Australia: 1800 250\n  015.", []),
        ("Call 911 now.", ["p.md:1:6: PHN001 (warn) phone number 911 is not in the data"]),
        ("Dial 999, 112 or 000.", ["p.md:1:18: PHN001 (warn) phone number 000 is not in the data"]),
        ("Ring 0800 123 4567.", ["p.md:1:6: PHN001 (warn) phone number 0800 123 4567 is not in the data"]),
        ("[TTY](tel:+18004874889)", ["p.md:1:7: PHN001 (warn) phone number tel:+18004874889 is not in the data"]),
        ('<a href="sms:85258">text</a>', ["p.md:1:10: PHN001 (warn) phone number sms:85258 is not in the data"]),
        ("Text 85258.", ["p.md:1:6: PHN001 (warn) phone number 85258 is not in the data"]),
        # not phone numbers: years, dates, counts, decimals, thousands, code, links
        ("In 2017, 426 people; 3,609 by 2026-11-22; 1.5 times; 105 × 148 mm; 24 hours.", []),
        ("`0800 123 4567` and [a page](https://example.org/12345678).", []),
        ("About 120 languages, 1 in 10, 12,000 people.", []),
    ],
)  # fmt: skip
def test_numbers_not_in_the_data(text: str, expected: list[str]) -> None:
    findings = check_numbers(text, "p.md", KNOWN)
    assert [f.format().split(" — ")[0] for f in findings] == expected


def test_allow_list_takes_any_written_form() -> None:
    text = "Our office: 0800 123 4567."
    assert check_numbers(text, "p.md", KNOWN, allow=["0800-123-4567"]) == []
    assert check_numbers(text, "p.md", KNOWN)[0].fix == (
        "show it with a data marker (docs/data/emergency.yml or helplines.yml), or add it to the "
        "phone_allow setting if it is not a helpline"
    )
