"""The plugins add their templates, styles and scripts to Material's theme themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from mkdocs.config.defaults import MkDocsConfig

from pocketguide.content import themeparts

if TYPE_CHECKING:
    from pathlib import Path


def load(tmp_path: Path, theme: str = "{name: material}", main: str | None = None) -> MkDocsConfig:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    if main is not None:
        (tmp_path / "overrides").mkdir()
        (tmp_path / "overrides" / "main.html").write_text(main, encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(f"site_name: Test\ntheme: {theme}\n", encoding="utf-8")
    config = MkDocsConfig(config_file_path=str(config_file))
    with config_file.open(encoding="utf-8") as handle:
        config.load_file(handle)
    errors, _warnings = config.validate()
    assert not errors
    return config


def test_parts_go_after_custom_dir_and_before_material_once(tmp_path: Path) -> None:
    config = load(
        tmp_path,
        "{name: material, custom_dir: overrides}",
        main='{% extends "pocketguide/main.html" %}',
    )
    material = list(config.theme.dirs[1:])
    parts = themeparts.plugin_parts("pocketguide.plugins.pwa", css=["a.css"], js=["a.js"])
    for _ in range(2):  # a second plugin (or a rebuild) adds nothing twice
        themeparts.attach(config, "pocketguide/pwa", parts)
    assert config.theme.dirs == [
        str(tmp_path / "overrides"),
        str(themeparts.SHARED),
        str(parts.folder),
        *material,
    ]
    assert list(config.extra_css) == [*themeparts.SHARED_CSS, "a.css"]
    (script,) = config.extra_javascript
    assert str(script) == "a.js"
    assert script.defer


def test_every_part_a_plugin_links_is_in_the_package() -> None:
    for package in ("pocketguide.plugins.pwa", "pocketguide.plugins.share"):
        folder = themeparts.plugin_parts(package).folder
        assert (folder / "partials").is_dir()
    assert (themeparts.SHARED / "main.html").is_file()
    for href in themeparts.SHARED_CSS:
        assert (themeparts.SHARED / href).is_file(), href


def test_a_main_html_that_skips_the_plugins_parts_is_named_with_the_fix(tmp_path: Path) -> None:
    config = load(
        tmp_path,
        "{name: material, custom_dir: overrides}",
        main='{#- mine -#}\n{% extends "base.html" %}\n',
    )
    with pytest.raises(themeparts.ThemeError) as caught:
        themeparts.attach(config, "pocketguide/pwa")
    assert str(caught.value) == (
        f"{tmp_path}/overrides/main.html:2:1: THM001 extends 'base.html', so the manifest, the "
        "service worker and the guide's script are left out of every page — make it "
        '{% extends "pocketguide/main.html" %} (its blocks and super() work as before)'
    )


def test_another_theme_is_refused(tmp_path: Path) -> None:
    config = load(tmp_path, "{name: mkdocs}")
    with pytest.raises(themeparts.ThemeError) as caught:
        themeparts.attach(config, "pocketguide/share")
    assert str(caught.value) == (
        f"{tmp_path}/mkdocs.yml:2:1: THM002 pocketguide/share needs Material for MkDocs, but "
        "theme.name is 'mkdocs' — set `theme: {name: material}` in mkdocs.yml"
    )


def test_a_plugin_with_only_styles_adds_them_to_any_theme(tmp_path: Path) -> None:
    config = load(tmp_path, "{name: mkdocs}")
    parts = themeparts.plugin_parts("pocketguide.plugins.content", css=["c.css"])
    themeparts.attach(config, "pocketguide/content", parts, any_theme=True)
    assert str(parts.folder) in config.theme.dirs
    assert str(themeparts.SHARED) not in config.theme.dirs
    assert list(config.extra_css) == ["c.css"]
