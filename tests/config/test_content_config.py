"""Options of pocketguide/content: defaults and the exact errors for mistakes."""

# ruff: noqa: E501  (the tables hold exact finding lines; one line each reads best)

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING

import pytest

from pocketguide.plugins.content.config import ContentConfig
from pocketguide.plugins.content.plugin import ContentPlugin

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture
def config_file(tmp_path: Path) -> str:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "sources.yml").write_text("[]\n", encoding="utf-8")
    (tmp_path / "refs.yml").write_text("[]\n", encoding="utf-8")
    return str(tmp_path / "mkdocs.yml")


def load(options: dict[str, object], config_file: str) -> tuple[list[str], list[str]]:
    plugin = ContentPlugin()
    errors, warnings = plugin.load_config(options, config_file)
    return [f"{k}: {e}" for k, e in errors], [f"{k}: {w}" for k, w in warnings]


def test_defaults(config_file: str, tmp_path: Path) -> None:
    plugin = ContentPlugin()
    assert plugin.load_config({}, config_file) == ([], [])
    assert plugin.config.enabled is True
    assert plugin.config.sources == str(tmp_path / "docs" / "sources.yml")
    assert plugin.config.sources_page == "sources.md"
    assert plugin.config.data_dir == str(tmp_path / "docs" / "data")  # need not exist
    assert plugin.config.data_licence is None  # the data is not published
    assert plugin.config.primary_pages == ["emergency.md", "card.md"]
    assert plugin.config.primary_kinds == [
        "government", "regulator", "label", "peer-reviewed", "service",
    ]  # fmt: skip
    assert plugin.config.require_clinical_review is False
    assert plugin.config.primary_citations == "error"


@pytest.mark.parametrize(
    ("options", "errors", "warnings"),
    [
        # options, exact errors, exact warnings
        ({"sources": "refs.yml", "sources_page": "about/sources.md"}, [], []),
        ({"enabled": "yes"}, ["enabled: Expected type: <class 'bool'> but received: <class 'str'>"], []),
        ({"sources_page": "sources.html"}, [
            "sources_page: 'sources.html' is not a Markdown page"
            " — give its path inside docs/, like 'sources.md'",
        ], []),
        ({"sources_page": 3}, ["sources_page: Expected type: <class 'str'> but received: <class 'int'>"], []),
        ({"source": "refs.yml"}, [], ["source: Unrecognised configuration name: source"]),
        ({"data_dir": "facts", "data_licence": "CC-BY-4.0"}, [], []),
        ({"data_licence": 4}, ["data_licence: Expected type: <class 'str'> but received: <class 'int'>"], []),
        ({"primary_pages": ["help/*.md"], "primary_kinds": ["government"], "require_clinical_review": True}, [], []),
        ({"primary_kinds": ["blog"]}, [
            "primary_kinds: Expected one of: ('government', 'regulator', 'label', 'peer-reviewed',"
            " 'service', 'news', 'encyclopedia', 'other') but received: 'blog'",
        ], []),
        ({"primary_citations": "off"}, [
            "primary_citations: Expected one of: ('error', 'warn', 'ignore') but received: 'off'",
        ], []),
        ({"require_clinical_review": "yes"}, [
            "require_clinical_review: Expected type: <class 'bool'> but received: <class 'str'>",
        ], []),
    ],
    ids=["valid", "enabled-type", "page-not-markdown", "page-type", "typo", "evidence", "bad-kind", "level", "release-type", "data", "licence-type"],
)  # fmt: skip
def test_option_errors(
    config_file: str, options: dict[str, object], errors: list[str], warnings: list[str]
) -> None:
    assert load(options, config_file) == (errors, warnings)


def test_missing_registry_names_the_path_when_required(config_file: str, tmp_path: Path) -> None:
    errors, _ = load({"sources": "nope.yml", "require_sources": True}, config_file)
    assert errors == [
        f"sources: the source registry '{tmp_path / 'nope.yml'}' does not exist, and "
        "require_sources is on — create it (a YAML list of sources), point 'sources' at it, "
        "or set require_sources: false"
    ]


def test_missing_registry_is_fine_by_default(config_file: str) -> None:
    plugin = ContentPlugin()
    assert plugin.load_config({"sources": "nope.yml"}, config_file) == ([], [])
    assert (plugin.config.require_sources, plugin.config.require_review_dates) == (False, False)


def test_schema_matches_the_config() -> None:
    text = (resources.files("pocketguide.plugins.content") / "schema.json").read_text("utf-8")
    block = json.loads(text)["properties"]["pocketguide/content"]
    assert block["additionalProperties"] is False
    assert list(block["properties"]) == [key for key, _ in ContentConfig._schema]
    for key, option in ContentConfig._schema:
        assert block["properties"][key]["default"] == option.default, key
        assert block["properties"][key]["title"], key
