"""The data files: loading with positions, schema errors in the editor's words, cross-checks."""

# ruff: noqa: E501  (the tables hold exact finding lines; one line each reads best)

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files as package_files
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from pocketguide.content.data import (
    NAMES,
    GuideData,
    Helpline,
    SourceRating,
    Substance,
    load_data,
    parse_data,
)
from pocketguide.content.sources import load_sources

FIXTURE = Path(__file__).parents[1] / "fixtures" / "sites" / "data" / "docs"
SOURCES, _ = load_sources(FIXTURE / "sources.yml")
PATH = "docs/data/x.yml"

MIXING = """\
ratings:
  dangerous: {label: Dangerous, meaning: "Avoid."}
  caution: {label: Caution, meaning: "Real risk."}
  lower-risk: {label: Lower risk, meaning: "No known dangerous effect."}
substances:
  - id: alcohol
    name: Alcohol
    short: alcohol
    group: downers
    rating: dangerous
    risk: passing out
    sources:
      - {source: tripsit-combos, rating: dangerous}
"""

HELPLINE = """\
- country: United Kingdom
  code: GB
  name: FRANK
  about: Free drug advice.
  phone: "+443001236600"
  phone_display: "0300 123 6600"
  source: frank-contact
  checked: 2026-11-20
"""

EMERGENCY = """\
call_rule: Call now [@nhs-999].
red_flags: [cannot be woken]
red_flags_sources: [nhs-999]
numbers:
  - country: United Kingdom
    short: UK
    code: GB
    numbers: ["999", "112"]
    reaches: ambulance
    source: nhs-999
    checked: 2026-11-20
"""


def findings(name: str, text: str, **options: object) -> list[str]:
    return [f.format() for f in parse_data(name, text, PATH, SOURCES, **options).findings]  # type: ignore[arg-type]


def test_fixture_data_loads_with_no_finding() -> None:
    data, problems = load_data(FIXTURE / "data", SOURCES, today=date(2026, 12, 1))
    assert problems == []
    assert data.mixing is not None and data.emergency is not None and data.helplines is not None
    assert [s.id for s in data.mixing.substances] == ["alcohol", "benzos", "mdma", "cannabis"]
    assert data.cited() == [
        "tripsit-combos", "saferparty-ketamine", "nhs-999", "eu-112", "frank-contact", "samhsa-helpline",
    ]  # fmt: skip


def test_source_label_is_the_data_label_or_the_registry_publisher() -> None:
    data, _ = load_data(FIXTURE / "data", SOURCES)
    assert data.mixing is not None
    benzos = data.mixing.by_id("benzos")
    assert benzos is not None
    assert benzos.sources == (
        SourceRating("tripsit-combos", "caution", "TripSit"),
        SourceRating("saferparty-ketamine", "dangerous", "Saferparty Zürich"),
    )


@pytest.mark.parametrize(
    ("ours", "theirs", "disagree"),
    [
        # our rating, the sources' ratings, derived disagree
        ("dangerous", ["dangerous"], False),
        ("dangerous", ["caution"], True),
        ("caution", ["caution", "lower-risk"], True),
        ("caution", ["unrated"], False),  # a source that gives no rating does not disagree
        ("lower-risk", ["unrated", "lower-risk"], False),
    ],
)
def test_disagree_is_derived(ours: str, theirs: list[str], disagree: bool) -> None:
    sources = tuple(SourceRating(f"s{i}", r, f"S{i}") for i, r in enumerate(theirs))
    substance = Substance("x", "X", "x", "g", ours, "risk", (), sources)
    assert substance.disagree is disagree
    assert [s.rating for s in substance.disagreeing] == [
        r for r in theirs if r not in {ours, "unrated"}
    ]


def test_a_missing_file_is_not_an_error(tmp_path: Path) -> None:
    data, problems = load_data(tmp_path, SOURCES)
    assert problems == []
    assert data == GuideData(paths={name: (tmp_path / f"{name}.yml").as_posix() for name in NAMES})


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        # file, YAML text, exact findings
        ("mixing", MIXING.replace("rating: dangerous\n    risk", "rating: dangerus\n    risk"), [
            "docs/data/x.yml:10:13: DAT004 'rating' is 'dangerus'; it must be one of dangerous, caution, lower-risk — did you mean 'dangerous'?",
        ]),
        ("mixing", MIXING.replace("    name: Alcohol\n", ""), [
            "docs/data/x.yml:6:5: DAT002 this entry has no 'name' — add 'name:'",
        ]),
        ("mixing", MIXING.replace("    risk: passing out\n", "    risk: passing out\n    colour: red\n"), [
            "docs/data/x.yml:12:5: DAT003 unknown field 'colour' — remove it (fields here: id, name, short, group, rating, risk, also_called, sources, note)",
        ]),
        ("mixing", MIXING.replace("    short: alcohol", "    shrt: alcohol"), [
            "docs/data/x.yml:6:5: DAT002 this entry has no 'short' — add 'short:'",
            "docs/data/x.yml:8:5: DAT003 unknown field 'shrt' — did you mean 'short'? Or remove it (fields here: id, name, short, group, rating, risk, also_called, sources, note)",
        ]),
        ("mixing", MIXING.replace("    risk: passing out\n", "    risk: passing out\n    disagree: false\n"), [
            "docs/data/x.yml:12:5: DAT003 'disagree' is worked out by the build, never written — remove it: the build compares each source's rating with ours",
        ]),
        ("mixing", MIXING.replace("source: tripsit-combos", "source: tripsit-combo"), [
            "docs/data/x.yml:13:18: DAT005 unknown source 'tripsit-combo' — did you mean 'tripsit-combos'? Otherwise add it to the source registry or fix the id",
        ]),
        ("mixing", MIXING + MIXING.split("substances:\n")[1], [
            "docs/data/x.yml:14:9: DAT006 id 'alcohol' is used twice (first on line 6) — give each entry its own, or merge them",
        ]),
        ("mixing", MIXING.replace("name: Alcohol", "name: Alcohol\n    name: Booze"), [
            "docs/data/x.yml:8:5: DAT006 'name' is written twice here — keep one 'name' (YAML would silently use the last one)",
        ]),
        ("mixing", MIXING.replace("id: alcohol", "id: Alcohol drinks"), [
            "docs/data/x.yml:6:9: DAT004 'id' 'Alcohol drinks' is not in the right form — use lowercase letters, digits and single hyphens: the heading 'GHB or GBL' has the id ghb-or-gbl",
        ]),
        ("mixing", MIXING.replace('meaning: "Real risk."', 'meaning: " "'), [
            "docs/data/x.yml:3:38: DAT004 'meaning' is empty — write the text, or remove the line if the field is optional",
        ]),
        ("mixing", MIXING.replace("      - {source: tripsit-combos, rating: dangerous}\n", "      []\n").replace("sources:\n      []", "sources: []"), [
            "docs/data/x.yml:12:14: DAT004 'sources' needs at least 1 item — add one",
        ]),
        ("mixing", "ratings: [\n", [
            "docs/data/x.yml:2:1: DAT001 data file is not valid YAML: expected the node content, but found '<stream end>' — fix the YAML here; put text that contains ': ' or ' #' in quotes",
        ]),
        ("mixing", "# nothing yet\n", [
            "docs/data/x.yml:1:1: DAT001 data file is empty — write the data, or delete the file if no page uses it",
        ]),
        ("helplines", HELPLINE.replace("code: GB", "code: NO"), [
            "docs/data/x.yml:2:9: DAT004 'code' must be text, not false — write the two capital letters of the country, in quotes: \"GB\" (\"NO\" unquoted reads as false)",
        ]),
        ("helplines", HELPLINE.replace("checked: 2026-11-20", "checked: 2026-02-30"), [
            "docs/data/x.yml:8:12: DAT001 value cannot be read: day is out of range for month — write a real date as YYYY-MM-DD, or put the text in quotes",
        ]),
        ("helplines", HELPLINE.replace("checked: 2026-11-20", "checked: last week"), [
            "docs/data/x.yml:8:12: DAT004 'checked' 'last week' is not in the right form — write the day it was checked, unquoted, as YYYY-MM-DD",
        ]),
        ("helplines", HELPLINE.replace('  phone_display: "0300 123 6600"\n', ""), [
            "docs/data/x.yml:5:3: DAT002 'phone' is given without 'phone_display' — add 'phone_display:' or remove 'phone'",
        ]),
        ("helplines", HELPLINE.replace('"+443001236600"', '"0300 123 6600"'), [
            "docs/data/x.yml:5:10: DAT004 'phone' '0300 123 6600' is not in the right form — write + then the country code and number, no spaces, in quotes: \"+443001236600\"; or a short number in quotes: \"111\"",
        ]),
        ("helplines", HELPLINE.replace('"+443001236600"', '"+4430012366"'), [
            "docs/data/x.yml:5:10: DAT008 '+4430012366' is not a phone number that can be dialled — check the number against its source: + then the country code and number",
        ]),
        ("helplines", HELPLINE.replace('"0300 123 6600"', '"0300 123 6606"'), [
            "docs/data/x.yml:6:18: DAT008 phone_display '0300 123 6606' is not the same number as phone '+443001236600' — write the number as dialled in the country (03001236600) or fix 'phone'",
        ]),
        ("helplines", HELPLINE.replace('"+443001236600"', '"116123"').replace('"0300 123 6600"', '"116 123"'), []),
        ("helplines", HELPLINE.replace('"+443001236600"', '"11612"').replace('"0300 123 6600"', '"11612"'), [
            "docs/data/x.yml:5:10: DAT008 (warn) '11612' is not a short number of GB as far as we know — check it against its source, or write it in E.164 form (+ and country code)",
        ]),
        ("emergency", EMERGENCY.replace('["999", "112"]', "[999, 000]"), [
            "docs/data/x.yml:8:15: DAT004 item 1 of 'numbers' must be text, not the number 999 — write the digits in quotes, as dialled: \"000\" (unquoted, 000 reads as the number 0)",
            "docs/data/x.yml:8:20: DAT004 item 2 of 'numbers' must be text, not the number 0 — write the digits in quotes, as dialled: \"000\" (unquoted, 000 reads as the number 0)",
        ]),
        ("emergency", EMERGENCY.replace('"112"]', '"113"]'), [
            "docs/data/x.yml:8:22: DAT008 (warn) '113' is not an emergency number of GB as far as we know — check the number against its source",
        ]),
        ("emergency", EMERGENCY.replace("red_flags_sources: [nhs-999]", "red_flags_sources: [nhs-999, nope]"), [
            "docs/data/x.yml:3:30: DAT005 unknown source 'nope' — add it to the source registry or fix the id",
        ]),
    ],
    ids=[
        "bad-rating", "missing-field", "unknown-field", "misspelt-field", "derived-field", "unknown-source",
        "duplicate-id", "duplicate-key", "bad-id", "empty-text", "no-sources", "yaml-syntax",
        "empty-file", "norway", "impossible-date", "not-a-date", "phone-without-display",
        "phone-not-e164", "phone-not-a-number", "display-not-the-phone", "short-number",
        "unknown-short-number", "unquoted-numbers", "not-an-emergency-number", "unknown-list-source",
    ],
)  # fmt: skip
def test_exact_findings(name: str, text: str, expected: list[str]) -> None:
    assert findings(name, text) == expected


def test_a_malformed_entry_leaves_no_model_but_every_finding() -> None:
    text = MIXING.replace("rating: dangerous\n    risk", "rating: bad\n    risk").replace(
        "tripsit-combos", "nope"
    )
    loaded = parse_data("mixing", text, PATH, SOURCES)
    assert loaded.model is None
    assert [f.code for f in loaded.findings] == ["DAT004", "DAT005"]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # today, exact findings (checked 2026-11-20; interval 1 year)
        (date(2027, 11, 20), []),
        (date(2027, 11, 21), [
            "docs/data/x.yml:8:12: DAT007 (warn) checked 2026-11-20, more than 1 year ago (helplines data) — check it against its source again, then update 'checked'",
        ]),
    ],
)  # fmt: skip
def test_checked_long_ago_is_a_warning(today: date, expected: list[str]) -> None:
    assert findings("helplines", HELPLINE, today=today, years=1) == expected
    loaded = parse_data("helplines", HELPLINE, PATH, SOURCES, today=today, years=1)
    assert loaded.model == (
        Helpline(
            country="United Kingdom", code="GB", name="FRANK", about="Free drug advice.",
            source="frank-contact", checked="2026-11-20", phone="+443001236600",
            phone_display="0300 123 6600",
        ),
    )  # fmt: skip


def test_review_interval_is_configurable(tmp_path: Path) -> None:
    (tmp_path / "helplines.yml").write_text(HELPLINE, encoding="utf-8")
    today = date(2028, 1, 1)
    _, default = load_data(tmp_path, SOURCES, today=today)
    _, longer = load_data(tmp_path, SOURCES, today=today, review_years={"helplines": 2})
    assert [f.code for f in default] == ["DAT007"]
    assert longer == []


@pytest.mark.parametrize("name", NAMES)
def test_shipped_schemas_are_valid_draft_2020_12(name: str) -> None:
    text = (package_files("pocketguide.content") / "schemas" / f"{name}.schema.json").read_text(
        "utf-8"
    )
    Draft202012Validator.check_schema(json.loads(text))
