"""Unit tests of the small helpers in ``pocketguide/pwa``'s ``plugin.py`` (stub configs)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pocketguide.plugins.pwa.plugin import (
    _relative,
    _relative_to,
    _search_languages,
    _unused_theme_files,
)


def stub_config(theme: dict[str, Any], plugins: dict[str, Any] | None = None) -> Any:
    return SimpleNamespace(theme=theme, plugins=plugins or {})


def search_plugin(lang: list[str] | None) -> Any:
    return SimpleNamespace(config={"lang": lang})


@pytest.mark.parametrize(
    ("favicon", "expected"),
    [
        # theme.favicon                       default favicon left out of the offline copy?
        (None, {}),
        ("assets/images/favicon.png", {}),
        (
            "assets/icons/favicon-48.png",
            {"assets/images/favicon.png": "theme favicon replaced"},
        ),
    ],
)
def test_unused_theme_files(favicon: str | None, expected: dict[str, str]) -> None:
    assert _unused_theme_files(stub_config({"favicon": favicon})) == expected


@pytest.mark.parametrize(
    ("plugins", "language", "expected"),
    [
        # plugins in mkdocs.yml                              theme.language  search languages
        ({"search": search_plugin(["en", "de"])}, "en", ["en", "de"]),
        ({"material/search": search_plugin(["fr"])}, "en", ["fr"]),
        ({"material/search": search_plugin(None)}, "de", ["de"]),
        ({"material/search": search_plugin([])}, None, ["en"]),
        ({}, "en", []),  # no search plugin: no lunr file is needed
    ],
)
def test_search_languages(
    plugins: dict[str, Any], language: str | None, expected: list[str]
) -> None:
    assert _search_languages(stub_config({"language": language}, plugins)) == expected


@pytest.mark.parametrize(
    ("path", "directory", "expected"),
    [
        # file                              folder          path relative to the folder
        ("docs/assets/icon.png", "docs", "assets/icon.png"),
        ("docs/icon.png", "docs", "icon.png"),
        ("art/icon.png", "docs", ""),  # outside docs/: nothing to remove from the site
    ],
)
def test_relative_to(tmp_path: Path, path: str, directory: str, expected: str) -> None:
    assert _relative_to(tmp_path / path, str(tmp_path / directory)) == expected


def test_relative_names_the_icon_from_the_config_folder(tmp_path: Path) -> None:
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))

    assert _relative(tmp_path / "docs" / "icon.png", config) == "docs/icon.png"  # type: ignore[arg-type]
    assert _relative(Path("/elsewhere/icon.png"), config) == "/elsewhere/icon.png"  # type: ignore[arg-type]
