"""pocketguide/search on a fixture site: Material's index is rewritten with the separator,
stemming, weights and other names; the synonyms file stays out of the site."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

import pytest
from mkdocs.exceptions import Abort

from pocketguide.plugins.search.index import PIPELINE, SEPARATOR

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

CASE = "search"
Built = tuple["Path", list[logging.LogRecord]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, build_site: Callable[..., Built]) -> Built:
    return build_site(tmp_path_factory.mktemp("search"), CASE)


def index(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "search/search_index.json").read_text("utf-8"))
    return data


def entry(site: Path, location: str) -> dict[str, Any]:
    return next(doc for doc in index(site)["docs"] if doc["location"] == location)


def test_the_index_splits_on_punctuation_stems_and_weighs_titles_less(built: Built) -> None:
    site, _ = built
    config = index(site)["config"]
    assert (config["separator"], config["pipeline"]) == (SEPARATOR, PIPELINE)
    assert config["fields"] == {
        "title": {"boost": 3.0},
        "text": {"boost": 1.0},
        "tags": {"boost": 1000000.0},
        "title_aliases": {"boost": 3.0},
        "aliases": {"boost": 1.0},
    }


def test_entries_carry_the_other_names_of_the_names_they_use(built: Built) -> None:
    site, _ = built
    benzos = entry(site, "mixing/#benzos")
    assert benzos["title_aliases"] == "benzodiazepines xanax"
    # "Benzos (Xanax, Valium)": two names of the group used, the third added twice.
    assert benzos["aliases"] == "benzodiazepines benzodiazepines"
    alcohol = entry(site, "mixing/#alcohol")
    assert alcohol["title_aliases"] == "booze drink bevvy"
    assert alcohol["aliases"] == "booze drink bevvy"
    assert entry(site, "")["aliases"] == "khole"


def test_page_entries_weigh_less_and_the_sources_page_least(built: Built) -> None:
    site, _ = built
    assert entry(site, "mixing/")["boost"] == 0.5
    assert entry(site, "sources/")["boost"] == pytest.approx(0.025)
    assert "boost" not in entry(site, "mixing/#benzos")


def test_the_synonyms_file_is_read_at_build_time_only(built: Built) -> None:
    site, records = built
    assert not (site / "data/synonyms.yml").exists()
    messages = [r.getMessage() for r in records if r.name.endswith("search.plugin")]
    assert len(messages) == 1
    assert messages[0].startswith(
        "pocketguide/search: search index: 5 entries, 4 with other names (4 groups, "
        "language en); 0.6 KiB -> 1.0 KiB ("
    )


def test_a_named_synonyms_file_that_is_missing_stops_the_build(
    tmp_path: Path, build_site: Callable[..., Built], caplog: pytest.LogCaptureFixture
) -> None:
    plugins = [{"search": {"lang": "en"}}, {"pocketguide/search": {"synonyms": "names.yml"}}]
    with (
        caplog.at_level(logging.ERROR),
        pytest.raises(Abort, match=r"^Aborted with a BuildError!$"),
    ):
        build_site(tmp_path, CASE, {"plugins": plugins})
    names = tmp_path / CASE / "docs" / "names.yml"
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [
        f"{names}:0:0: NAM003 synonyms file not found — create it or fix 'synonyms:'"
    ]


def test_switched_off_the_index_is_materials(
    tmp_path: Path, build_site: Callable[..., Built]
) -> None:
    plugins = [{"search": {"lang": "en"}}, {"pocketguide/search": {"enabled": False}}]
    site, _ = build_site(tmp_path, CASE, {"plugins": plugins})
    assert index(site)["config"]["separator"] == r"[\s\-]+"
    assert "aliases" not in entry(site, "mixing/#benzos")
    assert (site / "data/synonyms.yml").exists()


def test_a_spanish_index_uses_the_spanish_names_only(
    tmp_path: Path, build_site: Callable[..., Built]
) -> None:
    def spanish(root: Path) -> None:
        data = root / "docs" / "data"
        (data / "synonyms.es.yml").write_text(
            "groups:\n  - [benzos, benzodiacepinas, tranquilizantes]\n", encoding="utf-8"
        )
        (data / "mixing.es.yml").write_text(
            "substances:\n  alcohol: {name: Alcohol, short: alcohol, also_called: [trago]}\n",
            encoding="utf-8",
        )

    theme = {"name": "material", "language": "es", "font": False}
    plugins = [{"search": {"lang": ["en", "es"]}}, "pocketguide/search"]
    site, records = build_site(
        tmp_path, CASE, {"theme": theme, "plugins": plugins}, prepare=spanish
    )
    benzos = entry(site, "mixing/#benzos")
    assert benzos["title_aliases"] == "benzodiacepinas tranquilizantes"
    assert entry(site, "mixing/#alcohol")["title_aliases"] == "trago"
    assert not (site / "data/synonyms.es.yml").exists()
    messages = [r.getMessage() for r in records if r.name.endswith("search.plugin")]
    assert "(2 groups, language es)" in messages[0]
