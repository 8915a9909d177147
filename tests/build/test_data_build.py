"""One fact, one place: build the data fixture and follow each fact into every page that shows it.

The fixture's pages show docs/data/*.yml only through markers: the mixing table and rating
lines, the avoid list, the card, the emergency table, the helplines, and the one-file edition
that is made from the built pages. A change to one value in the data must change every one of
them, and the open JSON published with the site must validate against its published schema.
"""

# ruff: noqa: E501  (the tables hold exact HTML; one line each reads best)

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from jsonschema import Draft202012Validator

from pocketguide.build import QUIET_MKDOCS
from pocketguide.content import swdata

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

BUILD_DAY = "2026-12-01"
EPOCH = "1796083200"  # 2026-12-01T00:00:00Z: MkDocs' build date comes from SOURCE_DATE_EPOCH
PAGES = ("mixing", "who-should-avoid", "card", "emergency", "getting-help")


@pytest.fixture(scope="module", autouse=True)
def fixed_build_date() -> object:
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    yield
    if old is None:
        del os.environ["SOURCE_DATE_EPOCH"]
    else:
        os.environ["SOURCE_DATE_EPOCH"] = old


def build(
    tmp_path: Path,
    build_site: Callable[..., tuple[Path, list[object]]],
    edits: dict[str, tuple[str, str]] | None = None,
) -> Path:
    """Build the fixture with ``{file: (old, new)}`` replaced in its docs/; return site/."""

    def edit(root: Path) -> None:
        for rel, (old, new) in (edits or {}).items():
            path = root / "docs" / rel
            text = path.read_text(encoding="utf-8")
            assert old in text, (rel, old)
            path.write_text(text.replace(old, new, 1), encoding="utf-8")

    site, _ = build_site(tmp_path, "data", prepare=edit)
    return site


def read(site: Path, page: str) -> str:
    path = site / "pocketguide.html" if page == "edition" else site / page / "index.html"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, build_site: Callable[..., tuple[Path, list[object]]]
) -> Path:
    return build(tmp_path_factory.mktemp("data"), build_site)


# What each fact looks like where it shows, before and after one change to the data.
BENZOS_DANGEROUS = {
    "mixing": [
        '<td><a href="#benzos">Benzos</a></td>\n<td><strong>Dangerous</strong> (TripSit: caution)</td>',
        "<p><strong>Dangerous (our rating). Sources disagree: TripSit caution.</strong> Breathing can stop",
    ],
    "who-should-avoid": ["<ul>\n<li>Alcohol</li>\n<li>Benzos</li>\n</ul>"],
    "card": ["<p><strong>alcohol and benzos.</strong> With ketamine"],
}
BENZOS_CAUTION = {
    "mixing": [
        '<td><a href="#benzos">Benzos</a></td>\n<td>Caution (Saferparty Zürich: dangerous)</td>',
        "<p><strong>Caution (our rating). Sources disagree: Saferparty Zürich dangerous.</strong> Breathing can stop",
    ],
    "who-should-avoid": ["<ul>\n<li>Alcohol</li>\n</ul>"],
    "card": ["<p><strong>alcohol.</strong> With ketamine"],
}
UK_TWO_NUMBERS = {
    "emergency": [
        '<td>United Kingdom</td>\n<td><a href="tel:999">999</a> or <a href="tel:112">112</a></td>'
    ],
    "card": ["<p><strong>UK</strong> 999 or 112 · <strong>EU</strong> 112"],
}
UK_ONE_NUMBER = {
    "emergency": ['<td>United Kingdom</td>\n<td><a href="tel:999">999</a></td>'],
    "card": ["<p><strong>UK</strong> 999 · <strong>EU</strong> 112"],
}
FRANK_OLD = {
    "getting-help": [
        '<li>Phone: <a href="tel:+443001236600">+44 300 123 6600</a> (from inside the country: 0300 123 6600).'
    ],
    "card": ["<strong>UK</strong> FRANK 0300 123 6600 <sup"],
}
FRANK_NEW = {
    "getting-help": [
        '<li>Phone: <a href="tel:+443001236611">+44 300 123 6611</a> (from inside the country: 0300 123 6611).'
    ],
    "card": ["<strong>UK</strong> FRANK 0300 123 6611 <sup"],
}


def assert_shows(site: Path, expected: dict[str, list[str]], absent: dict[str, list[str]]) -> None:
    """Every expected fragment is on its page and in the one-file edition; no old one is left."""
    edition = read(site, "edition")
    for page, fragments in expected.items():
        html = read(site, page)
        for fragment in fragments:
            assert fragment in html, (page, fragment)
            assert in_edition(page, fragment) in edition, ("edition", fragment)
    for page, fragments in absent.items():
        for fragment in fragments:
            assert fragment not in read(site, page), (page, fragment)
            assert in_edition(page, fragment) not in edition, ("edition", fragment)


def in_edition(page: str, fragment: str) -> str:
    """The one-file edition prefixes each id in a page with the page's name: #x -> #mixing--x."""
    return fragment.replace('href="#', f'href="#{page}--')


def test_every_page_shows_the_data(site: Path) -> None:
    assert_shows(site, {**BENZOS_DANGEROUS, **UK_TWO_NUMBERS, **FRANK_OLD}, {})
    for page in PAGES:
        assert "<!-- data:" not in read(site, page), page  # every marker replaced
    assert "&lt;!-- data:not-a-marker-in-code --&gt;" in read(site, "mixing")  # code is left alone


@pytest.mark.parametrize(
    ("edits", "before", "after"),
    [
        # one change in the data, what showed before, what shows after
        ({"data/mixing.yml": ("    rating: dangerous\n    risk: passing out, breathing", "    rating: caution\n    risk: passing out, breathing")},
         BENZOS_DANGEROUS, BENZOS_CAUTION),
        ({"data/emergency.yml": ('numbers: ["999", "112"]', 'numbers: ["999"]')},
         UK_TWO_NUMBERS, UK_ONE_NUMBER),
        ({"data/helplines.yml": ('"+443001236600"\n  phone_display: "0300 123 6600"', '"+443001236611"\n  phone_display: "0300 123 6611"')},
         FRANK_OLD, FRANK_NEW),
    ],
    ids=["one-rating", "one-emergency-number", "one-helpline-number"],
)  # fmt: skip
def test_one_change_in_the_data_changes_every_place(
    tmp_path: Path,
    build_site: Callable[..., tuple[Path, list[object]]],
    edits: dict[str, tuple[str, str]],
    before: dict[str, list[str]],
    after: dict[str, list[str]],
) -> None:
    site = build(tmp_path, build_site, edits)
    assert_shows(site, after, before)


def test_citations_from_the_data_are_numbered_with_the_page(site: Path) -> None:
    html = read(site, "emergency")
    assert (
        '<li>breathe slowly or snore</li>\n</ul>\n<p><sup class="pg-cite">'
        '[<a href="#pg-source-1">1</a>, <a href="#pg-source-2">2</a>]</sup></p>'
    ) in html
    assert (
        '<li id="pg-source-2"><a href="https://digital-strategy.ec.europa.eu/en/policies/112">'
        in html
    )


@pytest.mark.parametrize("name", ["mixing", "emergency", "helplines"])
def test_published_json_validates_against_its_published_schema(site: Path, name: str) -> None:
    data = json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))
    schema = json.loads((site / "data" / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(data)) == []
    assert (data["licence"], data["generated"]) == ("CC-BY-4.0", BUILD_DAY)


def test_published_json_holds_derived_fields_and_its_sources(site: Path) -> None:
    mixing = json.loads((site / "data" / "mixing.json").read_text(encoding="utf-8"))
    assert [(s["id"], s["disagree"]) for s in mixing["substances"]] == [
        ("alcohol", False), ("benzos", True), ("mdma", True), ("cannabis", False),
    ]  # fmt: skip
    assert mixing["substances"][1]["also_called"] == ["xanax", "valium"]
    assert mixing["sources"] == {
        "tripsit-combos": {"title": "Drug combinations chart", "publisher": "TripSit", "url": "https://combo.tripsit.me/", "kind": "service"},
        "saferparty-ketamine": {"title": "Ketamine", "publisher": "Saferparty Zürich", "url": "https://www.saferparty.ch/ketamin", "kind": "service"},
    }  # fmt: skip
    helplines = json.loads((site / "data" / "helplines.json").read_text(encoding="utf-8"))
    assert [h["name"] for h in helplines["helplines"]] == [
        "FRANK", "SAMHSA National Helpline", "National Alcohol and Other Drug Hotline",
    ]  # fmt: skip
    assert list(helplines["sources"]) == ["frank-contact", "samhsa-helpline"]


def test_the_json_is_in_the_offline_copy_and_the_yaml_is_not_published(site: Path) -> None:
    build_data = swdata.read_build((site / swdata.SW_NAME).read_text(encoding="utf-8"))
    assert build_data is not None
    urls = {entry["url"] for entry in build_data["entries"]}  # type: ignore[union-attr]
    assert {f"data/{n}.json" for n in ("mixing", "emergency", "helplines")} <= urls
    assert sorted(p.name for p in (site / "data").iterdir()) == [
        "emergency.json", "emergency.schema.json", "helplines.json", "helplines.schema.json",
        "mixing.json", "mixing.schema.json",
    ]  # fmt: skip


def test_a_malformed_entry_fails_make_site_and_keeps_site(
    tmp_path: Path, copy_fixture_site: Callable[[Path, str], Path]
) -> None:
    root = copy_fixture_site(tmp_path, "data")
    mixing = root / "docs" / "data" / "mixing.yml"
    mixing.write_text(
        mixing.read_text(encoding="utf-8").replace("rating: caution\n", "rating: cuation\n", 1),
        encoding="utf-8",
    )
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("old version", encoding="utf-8")

    run = subprocess.run(
        [sys.executable, "-m", "pocketguide.build"],
        cwd=root,
        env={**os.environ, **QUIET_MKDOCS},
        capture_output=True,
        text=True,
        check=False,
    )

    line = (
        "docs/data/mixing.yml:30:13: DAT004 'rating' is 'cuation'; it must be one of dangerous, "
        "caution, lower-risk — did you mean 'caution'?"
    )
    assert run.returncode == 1
    assert run.stdout.splitlines()[0] == line  # check_content, before the build
    assert line in run.stderr  # and the build itself stops on it
    assert run.stdout.splitlines()[-1] == (
        "make site: the build failed (see above); site/ and dist/ were not changed."
    )
    assert [p.name for p in (root / "site").iterdir()] == ["index.html"]
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "old version"


EMERGENCY_ES = """\
call_rule: Llama si no despierta, o si tomó algo más [@nhs-999].
red_flags:
  - no despierta
  - respira despacio o ronca
countries:
  GB: {country: Reino Unido, short: RU, reaches: "ambulancia, policía, bomberos y guardacostas"}
  EU: {country: Unión Europea, short: UE, reaches: "ambulancia, policía y bomberos"}
"""
MIXING_ES = """\
substances:
  benzos: {name: Benzodiacepinas, short: benzos, risk: "desmayo, respiración", also_called: [benzodiacepinas]}
"""


def spanish(root: Path) -> None:
    """Translations of two data files (mixing only in part) and a Spanish Emergency page."""
    (root / "docs" / "data" / "emergency.es.yml").write_text(EMERGENCY_ES, encoding="utf-8")
    (root / "docs" / "data" / "mixing.es.yml").write_text(MIXING_ES, encoding="utf-8")
    page = (root / "docs" / "emergency.md").read_text(encoding="utf-8")
    page = page.replace("# Emergency", "# Emergencia").replace(
        "title: Emergency", "title: Emergencia"
    )
    (root / "docs" / "emergency.es.md").write_text(page, encoding="utf-8")


def test_a_spanish_site_shows_the_spanish_words_and_publishes_the_same_data(
    tmp_path: Path, build_site: Callable[..., tuple[Path, list[object]]], site: Path
) -> None:
    theme = {"name": "material", "language": "es", "font": False}
    spanish_site, _ = build_site(tmp_path, "data", {"theme": theme}, prepare=spanish)
    emergency = read(spanish_site, "emergency")
    assert "<th>Dónde estás</th>\n<th>Llama al</th>" in emergency
    assert (
        '<td>Reino Unido</td>\n<td><a href="tel:999">999</a> o <a href="tel:112">112</a></td>'
        in emergency
    )
    assert "<li>no despierta</li>" in emergency
    mixing = read(spanish_site, "mixing")
    assert (
        '<td><a href="#benzos">Benzodiacepinas</a></td>\n<td><strong>Dangerous</strong> (TripSit: caution)</td>'
        in mixing
    )
    assert "<th>Mezclada con</th>" in mixing  # the ratings have no translation: in English
    assert "<li>Última revisión: 20 de noviembre de 2026</li>" in read(spanish_site, "getting-help")
    for name in ("mixing", "emergency", "helplines"):  # facts and English words, as written
        published = (spanish_site / "data" / f"{name}.json").read_text(encoding="utf-8")
        assert published == (site / "data" / f"{name}.json").read_text(encoding="utf-8"), name
    assert sorted(p.name for p in (spanish_site / "data").iterdir()) == sorted(
        p.name for p in (site / "data").iterdir()
    )  # no translation published as YAML


def test_with_i18n_each_page_shows_the_data_in_its_own_language(
    tmp_path: Path, build_site: Callable[..., tuple[Path, list[object]]]
) -> None:
    """mkdocs-static-i18n sets theme.language after the other plugins' on_config: the Spanish
    build still gets the Spanish words; an untranslated page keeps the English ones."""
    languages = [
        {"locale": "en", "default": True, "name": "English"},
        {"locale": "es", "name": "Español"},
    ]
    plugins = [
        {"search": {"lang": "en"}},
        "pocketguide/content",
        {"i18n": {"docs_structure": "suffix", "languages": languages}},
    ]
    nav = [{"Home": "index.md"}, {"Emergency": "emergency.md"}, {"Getting help": "getting-help.md"}]
    built, _ = build_site(tmp_path, "data", {"plugins": plugins, "nav": nav}, prepare=spanish)
    assert "<th>Dónde estás</th>" in read(built, "es/emergency")
    assert "<li>no despierta</li>" in read(built, "es/emergency")
    assert "<th>Where you are</th>" in read(built, "emergency")
    assert "<li>cannot be woken</li>" in read(built, "emergency")
    assert "<li>Last checked: 20 November 2026</li>" in read(built, "es/getting-help")
    # The untranslated page says so, in Spanish, and its English text is marked as English.
    untranslated = read(built, "es/getting-help")
    assert "Esta página aún no está traducida: se muestra en su idioma original." in untranslated
    assert '<div lang="en">' in untranslated
    assert "data-pg-untranslated" not in read(built, "es/emergency")
