"""Spanish pages: language from the file name, the Spanish lexicon and reading ease (INFLESZ)."""

# ruff: noqa: E501  (the tables hold exact finding lines; one line each reads best)

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from pocketguide.content.frontmatter import parse_front_matter
from pocketguide.validators.config import CheckConfig, config_from_mapping
from pocketguide.validators.content import check_content
from pocketguide.validators.language import PageLanguage, language_name, page_language
from pocketguide.validators.lexicon import check_forbidden, check_wording
from pocketguide.validators.readability import check_readability
from pocketguide.validators.readability_es import (
    band,
    check_readability_es,
    score_es,
    syllables_es,
    vowel_nuclei,
)
from pocketguide.validators.structure import headings

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    ("rel", "default", "languages", "expected"),
    [
        ("emergency.es.md", "en", (), PageLanguage("es", "emergency.md", translation=True)),
        ("help/card.pt_BR.md", "en", (), PageLanguage("pt_BR", "help/card.md", translation=True)),
        ("emergency.md", "en", (), PageLanguage("en", "emergency.md", translation=False)),
        ("notes.old.md", "en", (), PageLanguage("en", "notes.old.md", translation=False)),
        ("v1.2.md", "en", (), PageLanguage("en", "v1.2.md", translation=False)),
        (
            "emergency.fr.md",
            "en",
            ("es",),
            PageLanguage("en", "emergency.fr.md", translation=False),
        ),
        ("emergency.md", "es", (), PageLanguage("es", "emergency.md", translation=False)),
        ("emergency.en.md", "es", (), PageLanguage("en", "emergency.md", translation=True)),
        ("emergency.en.md", "en", (), PageLanguage("en", "emergency.md", translation=False)),
    ],
)
def test_page_language_from_the_suffix(
    rel: str, default: str, languages: tuple[str, ...], expected: PageLanguage
) -> None:
    assert page_language(rel, default, languages) == expected


def test_language_name() -> None:
    assert (language_name("es"), language_name("xx")) == ("Spanish", "xx")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Un drogadicto también es una persona.", [("WRD001", "drogadicto")]),
        ("No llames yonqui a nadie.", [("WRD001", "yonqui")]),
        ("Las toxicómanas del barrio.", [("WRD001", "toxicómanas")]),
        ("Los adictos no eligen.", [("WRD001", "Los adictos")]),
        ("Es un adicto.", [("WRD001", "un adicto")]),
        ("Es exadicta.", [("WRD001", "exadicta")]),
        ("El abuso de drogas es un término viejo.", [("WRD001", "abuso de drogas")]),
        ("Dicen que abusa de la ketamina.", [("WRD001", "abusa de la ketamina")]),
        ("No es abusar del alcohol.", [("WRD001", "abusar del alcohol")]),
        # Not about a person who uses drugs: left alone.
        ("Habla de abuso sexual con alguien de confianza.", []),
        ("Es adicto a la ketamina.", []),
        ("Las jeringas limpias evitan infecciones.", []),
        # English words in a Spanish page are not checked by the English lexicon.
        ("Un addict o un user: palabras inglesas.", []),
    ],
)
def test_spanish_stigma_lexicon(text: str, expected: list[tuple[str, str]]) -> None:
    found = check_wording(text, "p.es.md", ("ketamine",), "es")
    assert [(f.code, f.message.split("'")[1]) for f in found] == expected


def test_spanish_stigma_finding_gives_the_person_first_wording() -> None:
    (finding,) = check_wording("Un yonqui.", "docs/p.es.md", language="es")
    assert finding.format() == (
        "docs/p.es.md:1:4: WRD001 'yonqui' is stigmatising language — "
        "write 'persona que usa drogas (o personas que usan drogas)' instead"
    )


def test_english_lexicon_only_on_english_pages() -> None:
    assert [f.code for f in check_wording("He was an addict.", "p.md", language="en")] == ["WRD001"]
    assert check_wording("He was an addict.", "p.fr.md", language="fr") == []
    assert check_wording("Un yonqui.", "p.md", language="en") == []


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Toma 20 miligramos.", ["FBD001"]),
        ("Entre 10 y 15 mg.", ["FBD001"]),
        ("0,5 mg por litro de sangre es un límite legal.", []),
        ("No hay una dosis normal.", ["FBD002"]),
        ("La cantidad recomendada no existe.", ["FBD002"]),
        ("Cómo llegar al agujero K.", ["FBD003"]),
        ("La mejor forma de entrar en un k-hole.", ["FBD003"]),
        ("Dosis para un agujero K.", ["FBD003"]),
        ("Para llegar al agujero K, toma más.", ["FBD003"]),
        ("Un agujero K da miedo. Quédate con tu amigo.", []),
        ("Cómo inyectarse.", ["FBD004"]),
        ("Cargar la jeringa.", ["FBD004"]),
        ("Preparar la inyección.", ["FBD004"]),
        ("Disolver el polvo para inyectarlo.", ["FBD004"]),
        ("Inyectarla en la vena.", ["FBD004"]),
        ("Busca un calibre de aguja fino.", ["FBD004"]),
        ("No compartas jeringas: pide jeringas nuevas en un servicio.", []),
    ],
)
def test_spanish_forbidden_content(text: str, codes: list[str]) -> None:
    assert [f.code for f in check_forbidden(text, "p.es.md")] == codes


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("la", 1),
        ("ketamina", 4),  # ke-ta-mi-na
        ("agua", 2),  # a-gua: pyphen finds no break, the vowel count two
        ("poeta", 3),  # po-e-ta: two strong vowels are two syllables
        ("creer", 2),  # cre-er
        ("día", 2),  # dí-a: an accented í is a syllable of its own
        ("reúne", 3),  # re-ú-ne
        ("cuidado", 3),  # cui-da-do: ui is one diphthong
        ("pingüino", 3),  # pin-güi-no
        ("averiguáis", 4),  # a-ve-ri-guáis: a triphthong is one
        ("ahumado", 4),  # a-hu-ma-do: h does not join vowels
        ("hoy", 1),  # y after a vowel is a consonant
        ("y", 1),
        ("emergencia", 4),  # e-mer-gen-cia
        ("rápidamente", 5),  # rá-pi-da-men-te
        ("MDMA", 4),  # an abbreviation: one per letter
    ],
)
def test_spanish_syllables(word: str, count: int) -> None:
    assert syllables_es(word) == count


def test_vowel_nuclei_are_the_fallback_where_hyphenation_undercounts() -> None:
    assert [vowel_nuclei(w) for w in ("agua", "creer", "reúne")] == [2, 2, 3]


@pytest.mark.parametrize(
    ("text", "words", "sentences", "syllables", "inflesz"),
    [
        # 8 words, 16 syllables (1+4+2+2+2+1+1+3), 1 sentence: 206.835 - 62.3*2 - 8
        ("La ketamina puede causar daño en la vejiga.", 8, 1, 16, 74.235),
        # "112" is no word; Lla-ma al. Qué-da-te con tu a-mi-go: 6 words, 11 syllables, 2 sentences
        ("Llama al 112. Quédate con tu amigo.", 6, 2, 11, 206.835 - 62.3 * 11 / 6 - 3),
        # 13 words, 39 syllables (ad-mi-nis-tra-ción, con-co-mi-tan-te, con-si-de-ra-ble-men-te…)
        (
            "La administración concomitante de depresores del sistema nervioso central "
            "incrementa considerablemente el riesgo.",
            13,
            1,
            39,
            6.935,
        ),
    ],
)
def test_inflesz_score(
    text: str, words: int, sentences: int, syllables: int, inflesz: float
) -> None:
    got = score_es(text)
    assert (got.words, got.sentences, got.syllables) == (words, sentences, syllables)
    assert got.inflesz == pytest.approx(inflesz)


def test_inflesz_bands() -> None:
    assert [band(v) for v in (39.9, 40, 55, 65, 80, 90)] == [
        "very hard",
        "somewhat hard",
        "normal",
        "fairly easy",
        "very easy",
        "very easy",
    ]


HARD = (
    "La administración concomitante de depresores del sistema nervioso central "
    "incrementa considerablemente el riesgo. "
) * 4
PLAIN = "La ketamina puede causar daño en la vejiga. " * 6
EVERYDAY = (
    "Mezclar ketamina con alcohol aumenta el riesgo de vómitos y de perder el conocimiento. "
    "Si alguien vomita y no responde, colócalo de lado y llama a emergencias. "
    "Quédate con esa persona hasta que llegue la ayuda. "
) * 2


def test_hard_spanish_page_and_section_are_reported_with_the_measure() -> None:
    # 100 words, 252 syllables, 10 sentences: 206.835 - 62.3 * 2.52 - 10 = 39.8;
    # the section alone: 52 words, 156 syllables, 4 sentences: 206.835 - 62.3 * 3 - 13 = 6.9
    body = f"# Riesgos\n\n{PLAIN}\n\n## Mezclas\n\n{HARD}\n"
    found = check_readability_es(
        body, headings(body), "docs/r.es.md", 1, min_inflesz=55, min_words=40
    )
    assert [f.format() for f in found] == [
        "docs/r.es.md:1:1: RDG001 (warn) page scores 39.8 on the INFLESZ scale (very hard), below 55 (10 words per sentence, 2.52 syllables per word) — use shorter sentences and everyday words (fewer long words); split long list items",
        "docs/r.es.md:5:1: RDG002 (warn) section 'Mezclas' scores 6.9 on the INFLESZ scale (very hard), below 55 (13 words per sentence, 3.00 syllables per word) — use shorter sentences and everyday words (fewer long words); split long list items",
    ]


def test_plain_spanish_is_not_scored_with_the_english_grade(tmp_path: Path) -> None:
    body = f"# Riesgos\n\n{EVERYDAY}\n"
    assert score_es(body).inflesz == pytest.approx(66.77, abs=0.01)  # "fairly easy"
    # The English grade (11.0) would call this plain Spanish hard…
    assert [
        f.code for f in check_readability(body, headings(body), "x", 1, max_grade=8, min_words=40)
    ] == ["RDG001", "RDG002"]
    # …the Spanish page is scored with INFLESZ instead, and passes.
    (tmp_path / "r.es.md").write_text(body)
    (tmp_path / "r.md").write_text("# Risks\n\nKetamine can hurt your bladder.\n")
    codes = [
        f.code for f in check_content(tmp_path, CheckConfig(), today=date(2026, 11, 22)).findings
    ]
    assert "RDG001" not in codes


def test_language_settings() -> None:
    raw = {"default_language": "es", "languages": ["en", "pt_BR"], "min_inflesz": 60}
    config, problems = config_from_mapping(raw, "pyproject.toml")
    assert problems == []
    assert (config.default_language, config.languages, config.min_inflesz) == (
        "es",
        ("en", "pt_BR"),
        60.0,
    )
    config, problems = config_from_mapping({"languages": ["es", "xx"], "default_language": 3}, "p")
    assert [p.message for p in problems] == [
        "unknown or invalid setting 'languages': ['es', 'xx']",
        "unknown or invalid setting 'default_language': 3",
    ]
    assert (config.default_language, config.languages) == ("en", ())


def test_translated_from_is_a_known_date_key() -> None:
    head = "---\ntitle: T\ndescription: D\nlast_reviewed: 2026-11-01\nnext_review: 2027-11-01\n"
    fm, findings = parse_front_matter(head + "translated_from: 2026-10-30\n---\n", "p.es.md")
    assert findings == []
    assert fm is not None
    assert fm.data["translated_from"] == date(2026, 10, 30)
    _, findings = parse_front_matter(head + "translated_from: soon\n---\n", "p.es.md")
    assert [f.format() for f in findings] == [
        "p.es.md:6:1: FM003 'translated_from' must be a date, not text 'soon' — write it unquoted as YYYY-MM-DD, for example 2026-11-20"
    ]
