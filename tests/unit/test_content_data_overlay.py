"""Translations of the data: overlays beside each data file give its words in another language."""

# ruff: noqa: E501  (the tables hold exact finding lines; one line each reads best)

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest

from pocketguide.content import sms
from pocketguide.content.data import Country, Emergency, GuideData, load_data, overlay_file
from pocketguide.content.data_markers import render_markers, sentence_list
from pocketguide.content.sources import load_sources
from pocketguide.content.strings import load
from pocketguide.validators.config import CheckConfig
from pocketguide.validators.content import check_content

FIXTURE = Path(__file__).parents[1] / "fixtures" / "sites" / "data" / "docs"
SOURCES, _ = load_sources(FIXTURE / "sources.yml")
SPANISH = load("es")

MIXING_ES = """\
ratings:
  dangerous: {label: Peligrosa, meaning: "Evítala. Esta mezcla puede matar."}
  caution: {label: Precaución, meaning: "Riesgo real."}
  lower-risk: {label: Menor riesgo, meaning: "Sin efecto peligroso conocido."}
substances:
  alcohol: {name: Alcohol, short: alcohol, risk: "desmayo, atragantarse", also_called: [bebida, chupe]}
  benzos: {name: Benzos, short: benzos, risk: "desmayo, respiración", also_called: [xanax, valium]}
  mdma: {name: MDMA, short: MDMA, risk: esfuerzo del corazón}
  cannabis: {name: Cannabis, short: cannabis, risk: más fuerte junto}
"""

EMERGENCY_ES = """\
call_rule: Llama si no despierta, o si tomó algo más [@nhs-999].
red_flags:
  - no despierta
  - respira despacio o ronca
countries:
  GB: {country: Reino Unido, short: RU, reaches: "ambulancia, policía, bomberos y guardacostas"}
  EU: {country: Unión Europea, short: UE, reaches: "ambulancia, policía y bomberos"}
"""

HELPLINES_ES = """\
GB FRANK:
  country: Reino Unido
  about: orientación gratuita sobre drogas. Lo que cuentas es privado.
  phone_note: A cualquier hora, de día o de noche.
  hours: 24 horas al día
  cost: gratis
US SAMHSA National Helpline:
  country: Estados Unidos
  about: gratis y confidencial, en inglés y español.
AU National Alcohol and Other Drug Hotline:
  country: Australia
  about: te pasa con la línea de ayuda de tu estado.
"""

OVERLAYS = {"mixing": MIXING_ES, "emergency": EMERGENCY_ES, "helplines": HELPLINES_ES}


def data_dir(tmp_path: Path, **overlays: str) -> Path:
    """The fixture's data with ``name=text`` overlays written as ``<name>.es.yml``."""
    folder = tmp_path / "data"
    shutil.copytree(FIXTURE / "data", folder)
    for name, text in overlays.items():
        (folder / f"{name}.es.yml").write_text(text, encoding="utf-8")
    return folder


def show(path: Path) -> str:
    return f"docs/data/{path.name}"


def findings(tmp_path: Path, name: str, text: str) -> list[str]:
    folder = data_dir(tmp_path, **{name: text})
    _, found = load_data(folder, SOURCES, display=show, language="es")
    return [f.format() for f in found]


def test_spanish_words_replace_the_english_and_facts_stay(tmp_path: Path) -> None:
    folder = data_dir(tmp_path, **OVERLAYS)
    english, _ = load_data(folder, SOURCES)
    data, problems = load_data(folder, SOURCES, display=show, language="es")
    assert problems == []
    assert data.language == "es" and english.language == "en"
    assert data.mixing is not None and english.mixing is not None
    assert data.mixing.ratings["dangerous"].label == "Peligrosa"
    alcohol = data.mixing.by_id("alcohol")
    assert alcohol is not None
    assert (alcohol.risk, alcohol.also_called) == ("desmayo, atragantarse", ("bebida", "chupe"))
    assert (alcohol.rating, alcohol.sources) == (
        english.mixing.substances[0].rating,
        english.mixing.substances[0].sources,
    )
    assert data.emergency is not None
    assert data.emergency.red_flags == ("no despierta", "respira despacio o ronca")
    assert [(c.short, c.numbers) for c in data.emergency.numbers] == [
        ("RU", ("999", "112")),
        ("UE", ("112",)),
    ]
    assert data.helplines is not None
    frank = data.helplines[0]
    assert (frank.about, frank.hours, frank.cost, frank.phone, frank.text) == (
        "orientación gratuita sobre drogas. Lo que cuentas es privado.", "24 horas al día", "gratis",
        "+443001236600", "82111",
    )  # fmt: skip
    assert data.raw == english.raw  # the published data keeps the English words


def test_english_ignores_overlays_and_a_missing_overlay_is_no_finding(tmp_path: Path) -> None:
    plain, _ = load_data(FIXTURE / "data", SOURCES)
    folder = data_dir(tmp_path, mixing="ratings: [broken\n")
    for language in (None, "en", "en-GB"):
        data, problems = load_data(folder, SOURCES, language=language)
        assert problems == [] and data.mixing == plain.mixing and data.language == "en"
    data, problems = load_data(FIXTURE / "data", SOURCES, language="es")
    assert problems == [] and data.mixing == plain.mixing and data.language == "es"


def test_a_region_falls_back_to_the_language(tmp_path: Path) -> None:
    folder = data_dir(tmp_path, mixing=MIXING_ES)
    assert overlay_file(folder, "mixing", "es-MX") == folder / "mixing.es.yml"
    (folder / "mixing.es-MX.yml").write_text(
        MIXING_ES.replace("Peligrosa", "Peligrosísima"), encoding="utf-8"
    )
    data, _ = load_data(folder, SOURCES, language="es-MX")
    assert data.mixing is not None and data.mixing.ratings["dangerous"].label == "Peligrosísima"
    assert overlay_file(folder, "emergency", "es") is None


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        # file, overlay text, exact findings
        ("mixing", MIXING_ES.replace("label: Peligrosa,", "label: Peligrosa, rating: caution,"), [
            "docs/data/mixing.es.yml:2:33: DAT009 'rating' is a fact, not a word to translate — remove it: facts live only in mixing.yml",
        ]),
        ("mixing", MIXING_ES.replace("mdma: {name: MDMA,", "mdma: {nme: MDMA,"), [
            "docs/data/mixing.es.yml:8:3: DAT011 (warn) substance 'mdma' has no 'name' here: readers see the English — add 'name:'",
            "docs/data/mixing.es.yml:8:10: DAT009 'nme' is not a word field — did you mean 'name'? Or remove it (words here: name, short, risk, also_called; facts live only in mixing.yml)",
        ]),
        ("mixing", MIXING_ES + "sources: [tripsit-combos]\n", [
            "docs/data/mixing.es.yml:10:1: DAT009 'sources' is a fact, not a word to translate — remove it: facts live only in mixing.yml",
        ]),
        ("mixing", MIXING_ES.replace("  cannabis:", "  canabis:"), [
            "docs/data/mixing.es.yml:5:1: DAT011 (warn) no translation of substance 'cannabis': readers see the English — add 'cannabis:' under 'substances:' with name, short, risk, also_called",
            "docs/data/mixing.es.yml:9:3: DAT010 substance 'canabis' is not in mixing.yml — did you mean 'cannabis'? Or remove it (translate only what mixing.yml has)",
        ]),
        ("mixing", MIXING_ES.replace("risk: esfuerzo del corazón", "risk: 3"), [
            "docs/data/mixing.es.yml:8:41: DAT004 'risk' must be text, not the number 3 — write the translated text",
        ]),
        ("mixing", MIXING_ES.replace("also_called: [bebida, chupe]", "also_called: bebida"), [
            "docs/data/mixing.es.yml:6:88: DAT004 'also_called' must be a list of text, not 'bebida' — write [first, second] or one '- item' a line",
        ]),
        ("mixing", MIXING_ES.replace("benzos: {name: Benzos, short: benzos,", "benzos: {name: Benzos, name: Benzodiacepinas, short: benzos,"), [
            "docs/data/mixing.es.yml:7:26: DAT006 'name' is written twice here — keep one 'name' (YAML would silently use the last one)",
        ]),
        ("mixing", "ratings: [\n", [
            "docs/data/mixing.es.yml:2:1: DAT001 data file is not valid YAML: expected the node content, but found '<stream end>' — fix the YAML here; put text that contains ': ' or ' #' in quotes",
        ]),
        ("emergency", EMERGENCY_ES.replace("  - respira despacio o ronca\n", ""), [
            "docs/data/emergency.es.yml:3:3: DAT010 'red_flags' has 1 item; emergency.yml has 2 — translate each sign once, in the same order as there",
        ]),
        ("emergency", EMERGENCY_ES.replace("GB: {", 'GB: {numbers: ["999"], '), [
            "docs/data/emergency.es.yml:6:8: DAT009 'numbers' is a fact, not a word to translate — remove it: facts live only in emergency.yml",
        ]),
        ("emergency", EMERGENCY_ES.replace("  EU:", "  ES:"), [
            "docs/data/emergency.es.yml:5:1: DAT011 (warn) no translation of country 'EU': readers see the English — add 'EU:' under 'countries:' with country, short, reaches",
            "docs/data/emergency.es.yml:7:3: DAT010 country 'ES' is not in emergency.yml — did you mean 'EU'? Or remove it (translate only what emergency.yml has)",
        ]),
        ("emergency", EMERGENCY_ES + "sms_rule: Llama.\n", [
            "docs/data/emergency.es.yml:8:1: DAT010 'sms_rule' is not in emergency.yml — remove it, or add it to emergency.yml first",
        ]),
        ("emergency", EMERGENCY_ES.split("red_flags:", maxsplit=1)[0] + "countries:" + EMERGENCY_ES.split("countries:")[1], [
            "docs/data/emergency.es.yml:1:1: DAT011 (warn) no 'red_flags' here: readers see the English — add 'red_flags:'",
        ]),
        ("helplines", HELPLINES_ES.replace("  hours: 24 horas al día\n", "  hours: 24 horas al día\n  phone: \"+443001236600\"\n"), [
            "docs/data/helplines.es.yml:6:3: DAT009 'phone' is a fact, not a word to translate — remove it: facts live only in helplines.yml",
        ]),
        ("helplines", HELPLINES_ES.replace("  about: gratis y confidencial, en inglés y español.\n", "  about: gratis y confidencial.\n  hours: siempre\n"), [
            "docs/data/helplines.es.yml:10:3: DAT010 helpline 'US SAMHSA National Helpline' has no 'hours' in helplines.yml — remove it here, or add it to helplines.yml first",
        ]),
        ("helplines", HELPLINES_ES.replace("GB FRANK:", "GB Frank:"), [
            "docs/data/helplines.es.yml:1:1: DAT010 helpline 'GB Frank' is not in helplines.yml — did you mean 'GB FRANK'? Or remove it (translate only what helplines.yml has)",
            "docs/data/helplines.es.yml:1:1: DAT011 (warn) no translation of helpline 'GB FRANK': readers see the English — add 'GB FRANK:' with country, about, phone_note, hours, cost, card_name",
        ]),
        ("helplines", "- country: Reino Unido\n", [
            "docs/data/helplines.es.yml:1:1: DAT004 the file must be a set of 'key: value' lines, not a list — write each translation under its key: an id, a country code, or 'GB FRANK'",
        ]),
    ],
    ids=[
        "fact-in-entry", "misspelt-word", "fact-at-top", "unknown-id", "not-text", "not-a-list",
        "duplicate-key", "yaml-syntax", "red-flags-count", "numbers", "unknown-country",
        "field-the-base-lacks", "untranslated-list", "helpline-phone", "helpline-field-the-base-lacks",
        "unknown-helpline", "not-a-mapping",
    ],
)  # fmt: skip
def test_exact_findings(tmp_path: Path, name: str, text: str, expected: list[str]) -> None:
    assert findings(tmp_path, name, text) == expected


def test_an_overlay_in_error_leaves_the_english_words(tmp_path: Path) -> None:
    folder = data_dir(
        tmp_path,
        mixing=MIXING_ES.replace("label: Peligrosa,", "label: Peligrosa, rating: caution,"),
    )
    data, problems = load_data(folder, SOURCES, language="es")
    assert [f.code for f in problems] == ["DAT009"]
    assert data.mixing is not None and data.mixing.ratings["dangerous"].label == "Dangerous"


def test_an_untranslated_word_is_shown_in_english(tmp_path: Path) -> None:
    folder = data_dir(tmp_path, mixing=MIXING_ES.replace(", risk: esfuerzo del corazón", ""))
    data, problems = load_data(folder, SOURCES, language="es")
    assert [(f.code, f.severity.value) for f in problems] == [("DAT011", "warn")]
    assert data.mixing is not None
    mdma = data.mixing.by_id("mdma")
    assert mdma is not None and mdma.risk == "heart strain"


@pytest.fixture
def spanish(tmp_path: Path) -> GuideData:
    data, problems = load_data(data_dir(tmp_path, **OVERLAYS), SOURCES, language="es")
    assert problems == []
    return data


@pytest.mark.parametrize(
    ("marker", "markdown"),
    [
        # marker, exact Markdown it becomes on a Spanish page
        ("<!-- data:mixing-table -->", """
| Mezclada con | Nuestra valoración | Riesgo principal |
|---|---|---|
| [Alcohol](#alcohol) | **Peligrosa** | desmayo, atragantarse |
| [Benzos](#benzos) | **Peligrosa** (TripSit: precaución) | desmayo, respiración |
| [MDMA](#mdma) | Precaución (TripSit: menor riesgo) | esfuerzo del corazón |
| [Cannabis](#cannabis) | Menor riesgo | más fuerte junto |

[@tripsit-combos; @saferparty-ketamine]
"""),
        ("<!-- data:mixing-scale -->", """
Peligrosa
:   Evítala. Esta mezcla puede matar.

Precaución
:   Riesgo real.

Menor riesgo
:   Sin efecto peligroso conocido.
"""),
        ("<!-- data:mixing-rating benzos -->", "**Peligrosa (nuestra valoración). Las fuentes no coinciden: TripSit precaución.**"),
        ("<!-- data:mixing-rating alcohol -->", "**Peligrosa.**"),
        ("<!-- data:mixing-list dangerous -->", "\n- Alcohol\n- Benzos\n"),
        ("<!-- data:mixing-names dangerous -->", "alcohol y benzos"),
        ("<!-- data:call-rule -->", "Llama si no despierta, o si tomó algo más [@nhs-999]."),
        ("<!-- data:red-flags -->", "\n- no despierta\n- respira despacio o ronca\n\n[@nhs-999; @eu-112]\n"),
        ("<!-- data:emergency-table -->", """
| Dónde estás | Llama al |
|---|---|
| Reino Unido | [999](tel:999) o [112](tel:112) |
| Unión Europea | [112](tel:112) |

[@nhs-999; @eu-112]
"""),
        ("<!-- data:emergency-inline -->", "**RU** 999 o 112 · **UE** 112 [@nhs-999; @eu-112]"),
        ("<!-- data:helplines GB -->", """
**FRANK**: orientación gratuita sobre drogas. Lo que cuentas es privado.

- Teléfono: [+44 300 123 6600](tel:+443001236600) (desde dentro del país: 0300 123 6600). A cualquier hora, de día o de noche.
- Mensaje de texto: 82111
- Sitio web: <https://www.talktofrank.com>
- Horario: 24 horas al día
- Precio: gratis
- Última revisión: 20 de noviembre de 2026

[@frank-contact]
"""),
        ("<!-- data:helplines AU -->", """
**National Alcohol and Other Drug Hotline**: te pasa con la línea de ayuda de tu estado.

- Teléfono: 1800 250 015 (solo desde dentro del país)
- Última revisión: 20 de noviembre de 2026

[@samhsa-helpline]
"""),
        ("<!-- data:helplines-card -->", "**RU** FRANK 0300 123 6600 [@frank-contact] · **Estados Unidos** SAMHSA National Helpline 1-800-662-4357 [@samhsa-helpline]"),
    ],
    ids=lambda v: v.split()[1] + (v.split()[2] if len(v.split()) > 3 else "") if v.startswith("<!--") else "",
)  # fmt: skip
def test_markers_render_in_spanish(spanish: GuideData, marker: str, markdown: str) -> None:
    text, problems = render_markers(marker, spanish, "docs/page.es.md", words=SPANISH)
    assert problems == []
    assert text == markdown


@pytest.mark.parametrize(
    ("items", "last", "joined"),
    [
        (["alcohol", "opioides", "inhibidores"], "and", "alcohol, opioides e inhibidores"),
        (["alcohol", "hielo"], "and", "alcohol y hielo"),
        (["GHB", "opioides"], "or", "GHB u opioides"),
        (["[999](tel:999)", "[112](tel:112)"], "or", "[999](tel:999) o [112](tel:112)"),
    ],
)
def test_spanish_lists_say_e_and_u_where_spanish_does(
    items: list[str], last: str, joined: str
) -> None:
    assert sentence_list(items, last, SPANISH) == joined


def test_the_spanish_sms_uses_the_spanish_rule_and_words(spanish: GuideData) -> None:
    assert spanish.emergency is not None
    rule = "Emergencia por ketamina: si no despierta, llama ya."
    emergency = dataclasses.replace(spanish.emergency, sms_rule=rule)
    texts = sms.texts(emergency, "https://x.example/", SPANISH)
    assert texts == {
        "GB": f"{rule} Llama al 999 o 112 (RU). Web: https://x.example/",
        "EU": f"{rule} Llama al 112 (UE). Web: https://x.example/",
        "": f"{rule} Llama: RU 999 o 112, UE 112. Web: https://x.example/",
    }
    data = dataclasses.replace(spanish, emergency=emergency)
    text, problems = render_markers(
        "<!-- data:sms-emergency -->", data, "p.es.md", address="https://x.example/", words=SPANISH
    )
    assert problems == []
    body = text.split('href="sms:?body=', 1)[1].split('"', 1)[0]
    assert unquote(body) == texts[""]
    assert ">Enviar por SMS los pasos de emergencia</a>" in text
    assert "Cabe en 1 mensaje de texto" in text


def _place(code: str, short: str, number: str) -> Country:
    return Country(short, short, code, (number,), "", "", "")


# The countries a Spanish edition will list: the guide's six and Spain, Mexico, Colombia.
PLACES = (
    _place("GB", "Reino Unido", "999"), _place("EU", "UE", "112"), _place("US", "EE. UU.", "911"),
    _place("CA", "Canadá", "911"), _place("AU", "Australia", "000"),
    _place("NZ", "Nueva Zelanda", "111"), _place("ES", "España", "112"),
    _place("MX", "México", "911"), _place("CO", "Colombia", "123"),
)  # fmt: skip


def test_a_spanish_fallback_too_long_for_two_sms_keeps_the_spanish_speaking_countries() -> None:
    """GSM-7 text (no á, í, ó, ú: any of them makes the whole text UCS-2, 134 characters in
    two SMS) fits with the numbers of the countries that speak Spanish, not with all nine."""
    rule = (
        "Emergencia por ketamina: si alguien no despierta, llama ya. Espera solo si responde y "
        "no ha tomado nada (alcohol, G, opioides, benzos, pastillas). Si dudas, llama. Ponlo de lado."
    )
    emergency = Emergency(rule, (), (), PLACES, sms_rule=rule)
    address = "https://pocketguide.example/"
    whole = f"{rule} Llama: Reino Unido 999, UE/España 112, EE. UU./Canadá/México 911, Australia 000, Nueva Zelanda 111, Colombia 123. Web: {address}"
    assert sms.segments(whole).segments > sms.MAX_SEGMENTS
    texts = sms.texts(emergency, address, SPANISH)
    assert texts[""] == f"{rule} Llama: UE/España 112, México 911, Colombia 123. Web: {address}"
    assert sms.segments(texts[""]).segments <= sms.MAX_SEGMENTS
    assert texts["MX"] == f"{rule} Llama al 911 (México). Web: {address}"


def test_a_fallback_that_fits_keeps_every_number(spanish: GuideData) -> None:
    assert spanish.emergency is not None
    emergency = dataclasses.replace(spanish.emergency, numbers=PLACES, sms_rule="Llama ya.")
    assert sms.texts(emergency, "", SPANISH)[""] == (
        "Llama ya. Llama: Reino Unido 999, UE/España 112, EE. UU./Canadá/México 911, "
        "Australia 000, Nueva Zelanda 111, Colombia 123."
    )


def test_the_checks_report_each_translation_against_its_data_file(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURE, docs)
    text = MIXING_ES.replace("label: Peligrosa,", "label: Peligrosa, rating: caution,")
    (docs / "data" / "mixing.es.yml").write_text(text, encoding="utf-8")
    (docs / "data" / "emergency.es.yml").write_text(
        EMERGENCY_ES.replace("  EU:", "  XX:"), encoding="utf-8"
    )
    found = check_content(docs, CheckConfig(), today=date(2026, 12, 1)).findings
    assert sorted((f.path.rsplit("/", 1)[-1], f.code) for f in found if f.code >= "DAT009") == [
        ("emergency.es.yml", "DAT010"),
        ("emergency.es.yml", "DAT011"),
        ("mixing.es.yml", "DAT009"),
    ]
