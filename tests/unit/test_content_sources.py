"""The source registry: entries, and one exact finding per rule."""

# ruff: noqa: E501  (the tables hold exact finding lines; one line each reads best)

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from pocketguide.content.sources import (
    Source,
    check_hosts,
    load_sources,
    parse_sources,
)

if TYPE_CHECKING:
    from pathlib import Path

GOOD = """\
- id: who-ketamine
  title: Ketamine fact sheet
  publisher: WHO
  kind: government
  year: 2023
  url: https://www.who.int/ketamine
  accessed: 2026-11-20
- id: smith-2020
  title: Bladder damage
  authors: [A. Smith, B. Jones]
  publisher: BMJ
  kind: peer-reviewed
  year: 2020
  url: http://example.org/a?b=c#d
  doi: 10.1111/j.1464-410X.2012.11028.x
  accessed: 2026-11-01
  note: Review article.
"""


def test_good_registry() -> None:
    sources, findings = parse_sources(GOOD, "docs/sources.yml")
    assert findings == []
    assert sources == {
        "who-ketamine": Source(
            "who-ketamine", "Ketamine fact sheet", "WHO", (), 2023,
            "https://www.who.int/ketamine", date(2026, 11, 20), 1, "government",
        ),
        "smith-2020": Source(
            "smith-2020", "Bladder damage", "BMJ", ("A. Smith", "B. Jones"), 2020,
            "http://example.org/a?b=c#d", date(2026, 11, 1), 8, "peer-reviewed",
            "10.1111/j.1464-410X.2012.11028.x", note="Review article.",
        ),
    }  # fmt: skip
    assert sources["smith-2020"].at("doi") == (15, 3)
    assert sources["smith-2020"].at("undated") == (8, 1)
    assert sources["smith-2020"].by == "A. Smith, B. Jones; BMJ"
    assert sources["who-ketamine"].by == "WHO"


ENTRY = {
    "id": "  - id: a",
    "title": "    title: T",
    "publisher": "    publisher: P",
    "year": "    year: 2020",
    "url": "    url: https://x.org/",
    "accessed": "    accessed: 2026-01-01",
    "kind": "    kind: government",
}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # fields changed from ENTRY (None drops it), exact formatted findings
        ({}, []),
        ({"title": None}, ["s.yml:1:5: SR002 source is missing 'title' — add 'title:' to the entry"]),
        ({"publisher": None}, [
            "s.yml:1:5: SR002 source needs 'publisher' or 'authors' — add who published or wrote it",
        ]),
        ({"publisher": "    authors: Jane Doe"}, []),
        ({"publisher": "    authors: [1, 2]"}, [
            "s.yml:3:5: SR008 'authors' must be text or a list of names"
            " — write 'authors: [Name One, Name Two]'",
            ]),
        ({"title": "    title: 12"}, ["s.yml:2:5: SR008 'title' must be text — write one line of text after 'title:'"]),
        ({"url": "    url: www.x.org"}, [
            "s.yml:5:5: SR004 'url' must be a full web address, not 'www.x.org' — write it as https://example.org/page",
        ]),
        ({"url": "    url: ftp://x.org/f"}, [
            "s.yml:5:5: SR004 'url' must be a full web address, not 'ftp://x.org/f' — write it as https://example.org/page",
        ]),
        ({"url": "    url: https://[::1"}, [
            "s.yml:5:5: SR004 'url' must be a full web address, not 'https://[::1' — write it as https://example.org/page",
        ]),
        ({"year": "    year: '2020'"}, [
            "s.yml:4:5: SR005 'year' must be a year between 1800 and 2100, not '2020'"
            " — write the year of publication, e.g. 'year: 2023'",
        ]),
        ({"year": "    year: 20"}, [
            "s.yml:4:5: SR005 'year' must be a year between 1800 and 2100, not 20"
            " — write the year of publication, e.g. 'year: 2023'",
        ]),
        ({"accessed": "    accessed: Nov 2026"}, [
            "s.yml:6:5: SR006 'accessed' must be a date, not 'Nov 2026'"
            " — write the day you read it, unquoted, as YYYY-MM-DD",
        ]),
        ({"accessed": "    accessed: 2026-02-30"}, [
            "s.yml:6:15: SR001 value of 'accessed' cannot be read: day is out of range for month"
            " — write a real date as YYYY-MM-DD, or put the text in quotes",
        ]),
        ({"id": "  - id: Bad Id"}, [
            "s.yml:1:5: SR007 source id 'Bad Id' is not a valid id"
            " — use lowercase letters, digits and hyphens, for example 'who-naloxone-2023'",
        ]),
        ({"pages": "    pages: 1-9"}, [
            "s.yml:8:5: SR009 (warn) unknown field 'pages'"
            " — remove it, or use one of id, title, url, accessed, authors, doi, kind, note,"
            " publisher, undated, year",
        ]),
        ({"kind": "    kind: blog"}, [
            "s.yml:7:5: SR010 'kind' must be one of government, regulator, label, peer-reviewed,"
            " service, news, encyclopedia, other, not 'blog'"
            " — say what the source is, e.g. 'kind: government'",
        ]),
        ({"year": None}, [
            "s.yml:1:5: SR002 source has no 'year'"
            " — add the year it was published, or 'undated: true' for a page with no date",
        ]),
        ({"year": "    undated: true"}, []),
        ({"kind": None}, [
            "s.yml:1:5: SR011 source has no 'kind' — add 'kind:' with what the source is:"
            " government, regulator, label, peer-reviewed, service, news, encyclopedia, other",
        ]),
        ({"year": "    year: 2027"}, [
            "s.yml:4:5: SR012 'year' 2027 is later than the year it was read ('accessed: 2026-01-01')"
            " — 'year' is the year of publication: check it at the source",
        ]),
        ({"year": "    year: 2026"}, []),
        ({"undated": "    undated: true"}, [
            "s.yml:8:5: SR013 source has both 'year' and 'undated: true'"
            " — keep 'year' if the source gives a publication date, else remove 'year'",
        ]),
        ({"year": "    undated: yes please"}, [
            "s.yml:4:5: SR013 'undated' must be true, not 'yes please'"
            " — write 'undated: true' for a page with no publication date, or remove the line",
            "s.yml:1:5: SR002 source has no 'year'"
            " — add the year it was published, or 'undated: true' for a page with no date",
        ]),
        ({"doi": "    doi: 10.1111/dar.13950"}, []),
        ({"doi": "    doi: https://doi.org/10.1111/dar.13950"}, [
            "s.yml:8:5: SR014 'doi' must look like 10.NNNN/..., not 'https://doi.org/10.1111/dar.13950'"
            " — write only the DOI: 'doi: 10.1111/dar.13950'",
        ]),
        ({"doi": "    doi: PMC123456"}, [
            "s.yml:8:5: SR014 'doi' must look like 10.NNNN/..., not 'PMC123456'"
            " — copy the DOI from the paper's page, e.g. 'doi: 10.1111/dar.13950'",
        ]),
        ({"url": "    url: https://doi.org/10.1016/j.forsciint.2019.03.022"}, [
            "s.yml:5:5: SR015 (warn) 'url' is a DOI link but the entry has no 'doi'"
            " — add 'doi: 10.1016/j.forsciint.2019.03.022' so readers can find the paper anywhere",
        ]),
        ({"url": "    url: https://doi.org/10.1016/j.forsciint.2019.03.022",
          "doi": "    doi: 10.1016/j.forsciint.2019.03.022"}, []),
    ],
)  # fmt: skip
def test_entry_findings(changes: dict[str, str | None], expected: list[str]) -> None:
    fields = {**ENTRY, **changes}
    text = "".join(f"{line}\n" for line in fields.values() if line is not None)
    _, findings = parse_sources(text, "s.yml")
    assert [f.format() for f in findings] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # registry text, exact formatted findings
        ("", []),
        ("- id: a\n  title: [x\n", [
            "s.yml:3:1: SR001 source registry is not valid YAML: expected ',' or ']', but got '<stream end>'"
            " — fix the YAML here; put text that contains ': ' or ' #' in quotes",
        ]),
        ("id: a\n", [
            "s.yml:1:1: SR001 source registry must be a list of entries — start each entry with '- id: ...'",
        ]),
        ("- just text\n", [
            "s.yml:1:3: SR001 source entry must be a set of 'field: value' lines"
            " — write the entry as '- id: ...' followed by its other fields",
        ]),
    ],
)  # fmt: skip
def test_registry_findings(text: str, expected: list[str]) -> None:
    sources, findings = parse_sources(text, "s.yml")
    assert sources == {}
    assert [f.format() for f in findings] == expected


def test_duplicate_ids_keep_the_first() -> None:
    sources, findings = parse_sources(GOOD + GOOD.replace("smith-2020", "other"), "s.yml")
    assert [f.format() for f in findings] == [
        "s.yml:18:1: SR003 duplicate source id 'who-ketamine' (first used on line 1)"
        " — give each source its own id, or merge the two entries",
    ]
    assert list(sources) == ["who-ketamine", "smith-2020", "other"]
    assert sources["who-ketamine"].line == 1


def test_load_sources_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.yml"
    path.write_text(GOOD, encoding="utf-8")
    sources, findings = load_sources(path)
    assert (list(sources), findings) == (["who-ketamine", "smith-2020"], [])


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "No such file or directory"),
        (
            b"\xff\xfe- id: a",
            "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
        ),
    ],
    ids=["missing", "not-utf8"],
)
def test_load_sources_never_raises(tmp_path: Path, content: bytes | None, reason: str) -> None:
    path = tmp_path / "sources.yml"
    if content is not None:
        path.write_bytes(content)
    sources, findings = load_sources(path)
    assert sources == {}
    assert [f.format() for f in findings] == [
        f"{path}:0:0: SR000 cannot read the source registry: {reason}"
        " — create the file, or point the 'sources' option of pocketguide/content at it",
    ]


BLOCKED = {"pages.dev": "anyone can host a copy here", "github.com/josikinzz": "a scrape"}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # source url, exact findings with BLOCKED
        ("https://bbctodays.pages.dev/news", [
            "s.yml:5:5: SR016 source 'a' is on pages.dev: anyone can host a copy here"
            " — cite the primary source instead: the government or regulator page, the paper"
            " (with its DOI), the drug label, or the service's own page",
        ]),
        ("https://PAGES.DEV./x", [
            "s.yml:5:5: SR016 source 'a' is on pages.dev: anyone can host a copy here"
            " — cite the primary source instead: the government or regulator page, the paper"
            " (with its DOI), the drug label, or the service's own page",
        ]),
        ("https://github.com/josikinzz/dosewiki/blob/main/k.md", [
            "s.yml:5:5: SR016 source 'a' is on github.com/josikinzz: a scrape"
            " — cite the primary source instead: the government or regulator page, the paper"
            " (with its DOI), the drug label, or the service's own page",
        ]),
        ("https://github.com/josikinzzz/other", []),
        ("https://github.com/tripsit/drugs", []),
        ("https://notpages.dev/", []),
        ("https://pages.dev.example.org/", []),
    ],
)  # fmt: skip
def test_check_hosts(url: str, expected: list[str]) -> None:
    fields = {**ENTRY, "url": f"    url: {url}"}
    sources, findings = parse_sources("".join(f"{line}\n" for line in fields.values()), "s.yml")
    assert findings == []
    assert [f.format() for f in check_hosts(sources.values(), BLOCKED, "s.yml")] == expected
