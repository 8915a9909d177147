"""Unit tests of :mod:`pocketguide.content.strings`: the reader-facing words of a site."""

from __future__ import annotations

import string

import pytest
from markupsafe import Markup

from pocketguide.content.strings import languages, load, table


def slots(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("language", [lang for lang in languages() if lang != "en"])
def test_every_shipped_table_has_the_english_keys_and_slots(language: str) -> None:
    english, other = table("en"), table(language)

    assert sorted(other) == sorted(english)
    for key, text in english.items():
        assert slots(other[key]) == slots(text), key
        assert (other[key].strip() and other[key] != text) or key.startswith("js.size"), key


def test_shipped_languages() -> None:
    assert {"en", "es"} <= set(languages())


def test_spanish_table_and_no_warning() -> None:
    words = load("es")

    assert words.language == "es"
    assert words.text("emergency") == "Emergencia"
    assert words.for_scripts()["saving"] == "Guardando la guía para usarla sin conexión…"
    assert words.warnings == ()


@pytest.mark.parametrize(
    ("language", "chosen"),
    [
        # theme.language   table used
        ("es-MX", "es"),
        ("en", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_region_falls_back_to_its_language(language: str | None, chosen: str) -> None:
    words = load(language)
    assert (words.language, words.warnings) == (chosen, ())


def test_unknown_language_is_english_with_one_warning_naming_it() -> None:
    words = load("fr")

    assert words.language == "en"
    assert words.text("emergency") == "Emergency"
    assert len(words.warnings) == 1
    assert words.warnings[0].startswith(f"strings: {len(table('en'))} texts shown in English (")
    assert "theme.language 'fr' has no table in Pocket Guide (en, es" in words.warnings[0]
    assert words.warnings[0].endswith(
        "— add them under the strings: option of a Pocket Guide plugin"
    )


def test_an_unknown_language_fully_translated_by_the_site_gives_no_warning() -> None:
    words = load("fr", {key: f"fr {key}" for key in table("en")})

    assert words.warnings == ()
    assert words.text("emergency") == "fr emergency"


def test_overrides_win_over_the_language_table() -> None:
    words = load("es", {"emergency": "Urgencias"})

    assert words.text("emergency") == "Urgencias"
    assert words.text("share.title") == "Compartir esta página"
    assert words.warnings == ()


def test_an_unknown_override_key_is_a_warning_with_the_closest_key() -> None:
    words = load("en", {"emergancy": "SOS"})

    assert words.warnings == (
        "strings: unknown key 'emergancy' — it is not used anywhere; did you mean 'emergency'?",
    )


def test_an_override_with_a_slot_nothing_fills_is_a_warning() -> None:
    words = load("en", {"js.saved": "Saved ({size}, {when})."})

    assert words.warnings == (
        "strings: 'js.saved' uses {when}, which nothing fills in — use only {size}, {version}",
    )
    assert words.text("js.saved", size="1 KB") == "Saved (1 KB, {when})."


def test_markup_escapes_text_and_values_but_keeps_markup_values() -> None:
    words = load("en", {"stale.page": "Due <soon> on {date}."})

    assert words.markup("stale.page", date=Markup("<time></time>")) == (
        "Due &lt;soon&gt; on <time></time>."
    )
    assert words.markup("stale.page", date="<b>") == "Due &lt;soon&gt; on &lt;b&gt;."


def test_scripts_get_only_the_js_keys_without_prefix() -> None:
    scripts = load("en").for_scripts()

    assert "emergency" not in scripts
    assert scripts["update_now"] == "Update now"
    assert set(scripts) == {key[3:] for key in table("en") if key.startswith("js.")}


@pytest.mark.parametrize("language", languages())
def test_twelve_month_names_for_the_freshness_notice(language: str) -> None:
    scripts = load(language).for_scripts()
    assert len(scripts["months"].split(" ")) == 12
    assert slots(scripts["date"]) == {"day", "month", "year"}
