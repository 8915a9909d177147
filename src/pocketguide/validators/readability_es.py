"""Reading ease of Spanish pages (``X.es.md``), per page and per section: the INFLESZ scale.

The English reading grade (Flesch-Kincaid, ``readability``) is fitted to English words:
Spanish words have more syllables on average, so it rates plain Spanish as hard. Spanish
pages are scored with a measure made for Spanish instead:

    INFLESZ = 206.835 - 62.3 * syllables/words - words/sentences

This is Szigriszt-Pazos' perspicuity formula (1993), a Spanish adaptation of Flesch's
reading ease. Barrio-Cantalejo and colleagues (Anales del Sistema Sanitario de Navarra,
2008) fitted a five-band scale to it for health information written for patients, the
INFLESZ scale: below 40 very hard, 40-55 somewhat hard, 55-65 normal, 65-80 fairly easy,
above 80 very easy. The threshold ``min_inflesz`` (checks settings) is 55 by default, the
bottom of "normal": the same aim as the English grade 8, text most adults read without
effort. Fernández Huerta's older formula is not used: it circulates in more than one form
(one of them misprinted), so tools disagree on its scores, and it has no scale made for
health texts.

Prose is extracted exactly as for English (``readability.visible_text_blocks``: code,
tables, headings, footnote markers and URLs dropped; each paragraph or list item at least one
sentence); words are runs of letters, accents included. Syllables come from pyphen's Spanish
hyphenation dictionary (shipped with the package), raised to a count of vowel nuclei where
hyphenation undercounts: the patterns do not break between two vowels or leave one vowel on
its own, so pyphen finds no break at all in "agua", "creer" or "reúne". The nucleus count
follows Spanish spelling: a diphthong (a weak vowel i, u, ü next to another vowel) is one
syllable, two strong vowels (a, e, o) or an accented í or ú next to a vowel are two, ``h``
and ``y`` are consonants (the word "y" is one syllable). Upper-case abbreviations count one
syllable per letter, as in English.

Findings reuse the English codes: RDG001 page below the threshold (at its h1), RDG002 section
below it (at the section's heading).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import pyphen

from pocketguide.findings import Finding, Severity
from pocketguide.validators.readability import SENTENCE_END, Score, sections, visible_text_blocks

if TYPE_CHECKING:
    from pocketguide.validators.structure import Heading

WORD_ES = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_VOWELS = frozenset("aeiouáéíóúü")
_STRONG = frozenset("aeoáéóíú")  # an accented í or ú never joins a diphthong
_MAX_ABBREVIATION = 5


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    """Load the Spanish hyphenation dictionary once, on first use."""
    return pyphen.Pyphen(lang="es", left=1, right=1)


def vowel_nuclei(word: str) -> int:
    """Return the number of vowel nuclei (syllables) of a Spanish word by its spelling.

    >>> [vowel_nuclei(w) for w in ("agua", "poeta", "día", "cuidado", "hoy", "y")]
    [2, 3, 2, 3, 1, 1]
    """
    lower = word.lower()
    if lower == "y":
        return 1
    count = 0
    previous = ""
    for char in lower:
        if char not in _VOWELS:
            previous = ""
            continue
        if not previous or (previous in _STRONG and char in _STRONG):
            count += 1  # a new run of vowels, or a hiatus inside one
        previous = char
    return count


@lru_cache(maxsize=20000)
def syllables_es(word: str) -> int:
    """Return the syllable count of one Spanish word."""
    if word.isupper() and 1 < len(word) <= _MAX_ABBREVIATION:
        return len(word)
    lower = word.lower().strip("'’")
    hyphenated = len(_dictionary().positions(lower)) + 1
    return max(vowel_nuclei(lower), hyphenated, 1)


def score_es(markdown_text: str) -> Score:
    """Return the readability counts of rendered Spanish Markdown."""
    words = sentences = syllable_total = 0
    for block in visible_text_blocks(markdown_text, WORD_ES):
        block_words = WORD_ES.findall(block)
        words += len(block_words)
        syllable_total += sum(syllables_es(w) for w in block_words)
        ends = len(SENTENCE_END.findall(block))
        sentences += ends + (0 if SENTENCE_END.search(block.rstrip()[-1:] or "") else 1)
    return Score(words, sentences, syllable_total)


def band(value: float) -> str:
    """Return the INFLESZ band of a score.

    >>> band(54.9), band(55), band(80.5)
    ('somewhat hard', 'normal', 'very easy')
    """
    bands = ((40, "very hard"), (55, "somewhat hard"), (65, "normal"), (80, "fairly easy"))
    return next((name for limit, name in bands if value < limit), "very easy")


def check_readability_es(
    body: str,
    items: list[Heading],
    path: str,
    first_line: int,
    *,
    min_inflesz: float,
    min_words: int,
) -> list[Finding]:
    """Return RDG001 for the page and RDG002 per h2 section below ``min_inflesz``."""
    findings = []
    parts = [(heading, score_es(text)) for heading, text in sections(body, items, first_line)]
    page = sum((part for _, part in parts), Score(0, 0, 0))
    h1 = next((h for h in items if h.level == 1), None)
    if page.words >= min_words and page.inflesz < min_inflesz:
        line = h1.line if h1 else first_line
        findings.append(_finding(path, line, "RDG001", "page", page, least=min_inflesz))
    for heading, part in parts:
        if part.words >= min_words and part.inflesz < min_inflesz:
            what = f"section '{heading.text}'"
            findings.append(_finding(path, heading.line, "RDG002", what, part, least=min_inflesz))
    return findings


def _finding(path: str, line: int, code: str, what: str, got: Score, *, least: float) -> Finding:
    per_sentence = got.words / max(got.sentences, 1)
    per_word = got.syllables / got.words
    message = (
        f"{what} scores {got.inflesz:.1f} on the INFLESZ scale ({band(got.inflesz)}), "
        f"below {least:g} ({per_sentence:.0f} words per sentence, "
        f"{per_word:.2f} syllables per word)"
    )
    fix = "use shorter sentences and everyday words (fewer long words); split long list items"
    return Finding(path, line, 1, code, message, fix, Severity.WARN)
