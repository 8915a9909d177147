"""The site's languages and the one being built (``pocketguide.languages``)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pytest
from mkdocs.exceptions import PluginError

from pocketguide import languages
from pocketguide.languages import Language

if TYPE_CHECKING:
    from pathlib import Path


def config(i18n: dict[str, Any] | None = None, *, current: str | None = None) -> Any:
    """A stand-in for MkDocs' config: ``theme.language`` and, maybe, the i18n plugin."""
    plugins: dict[str, Any] = {}
    if i18n is not None:
        plugins["i18n"] = SimpleNamespace(config=i18n, current_language=current)
    return SimpleNamespace(theme={"language": "fr"}, plugins=plugins)


TWO = {
    "languages": [
        {"locale": "es", "name": "Español", "nav_translations": {"Mixing": "Mezclas"}},
        {"locale": "en", "name": "English", "default": True},
        {"locale": "de", "name": "Deutsch", "build": False},
    ]
}
ENGLISH = Language(code="en", name="English", prefix="", default=True)
SPANISH = Language(code="es", name="Español", prefix="es/", default=False)


def test_a_site_without_i18n_has_its_theme_language_at_the_root() -> None:
    assert languages.site_languages(config()) == (Language(code="fr", name="fr"),)
    assert languages.current(config()) == Language(code="fr", name="fr")
    assert languages.others(config()) == ()


def test_the_default_language_comes_first_and_unbuilt_ones_are_left_out() -> None:
    assert languages.site_languages(config(TWO)) == (ENGLISH, SPANISH)


@pytest.mark.parametrize(
    ("building", "expected"), [(None, ENGLISH), ("en", ENGLISH), ("es", SPANISH)]
)
def test_the_language_of_the_pass_is_the_i18n_plugins_current_one(
    building: str | None, expected: Language
) -> None:
    site = config(TWO, current=building)
    assert languages.current(site) == expected
    assert languages.others(site) == tuple(x for x in (ENGLISH, SPANISH) if x != expected)


def test_each_language_writes_its_files_in_its_folder() -> None:
    assert ENGLISH.path("sw.js") == "sw.js"
    assert SPANISH.path("sw.js") == "es/sw.js"
    assert (ENGLISH.folder, ENGLISH.to_root) == (".", "")
    assert (SPANISH.folder, SPANISH.to_root) == ("es", "../")
    both = (ENGLISH, SPANISH)
    assert languages.in_folder("mixing/index.html", ENGLISH, both)
    assert not languages.in_folder("es/mixing/index.html", ENGLISH, both)
    assert languages.in_folder("es/mixing/index.html", SPANISH, both)
    assert not languages.in_folder("assets/x.css", SPANISH, both)


def test_navigation_titles_are_translated_for_the_language_being_built() -> None:
    assert languages.translate_nav(config(TWO, current="es"), "Mixing") == "Mezclas"
    assert languages.translate_nav(config(TWO, current="es"), "Emergency") == "Emergency"
    assert languages.translate_nav(config(TWO, current="en"), "Mixing") == "Mixing"
    assert languages.translate_nav(config(), "Mixing") == "Mixing"


def test_a_page_is_named_without_its_language() -> None:
    translated = SimpleNamespace(
        src_uri="mixing.es.md", norm_src_uri="mixing.md", localization="es"
    )
    english = SimpleNamespace(src_uri="mixing.md")
    assert languages.source_name(translated) == "mixing.md"  # type: ignore[arg-type]
    assert languages.source_name(english) == "mixing.md"  # type: ignore[arg-type]


def test_the_i18n_plugin_must_come_after_the_offline_copy(tmp_path: Path) -> None:
    yml = tmp_path / "mkdocs.yml"
    yml.write_text("site_name: x\nplugins:\n  - i18n:\n      x: 1\n  - pocketguide/pwa\n")
    site = SimpleNamespace(
        plugins={"i18n": None, "pocketguide/pwa": None}, config_file_path=str(yml)
    )
    with pytest.raises(PluginError) as raised:
        languages.check_order(site, "pocketguide/pwa")  # type: ignore[arg-type]
    assert str(raised.value) == (
        f"{yml}:3:1: LNG001 the i18n plugin is listed before pocketguide/pwa — list it after "
        "pocketguide/pwa (last), so each language's offline copy is made from its own pages"
    )
    site.plugins = {"pocketguide/pwa": None, "i18n": None}
    languages.check_order(site, "pocketguide/pwa")  # type: ignore[arg-type]
