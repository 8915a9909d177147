"""Reading grade of each page and each section, on the prose a reader actually sees.

The Markdown is rendered with the ``markdown`` package (the extensions the guide uses), then
code, tables (labels, not sentences), headings, admonition titles, footnote markers and URLs
are dropped; link targets vanish with the markup. Every paragraph, list item and definition
counts as at least one sentence, so a bullet list without full stops does not become one
endless sentence.

Score: Flesch-Kincaid grade, ``0.39 * words/sentences + 11.8 * syllables/words - 15.59``.
Syllables come from pyphen's hyphenation dictionary (shipped with the package, nothing is
downloaded), raised to a vowel-group estimate where hyphenation points undercount (pyphen
splits some drug names only once), plus a small table for drug names. Upper-case abbreviations count
one syllable per letter (M-D-M-A).

Rule codes: RDG001 page above the grade threshold; RDG002 section above it (reported at the
section's heading line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import markdown
import pyphen
from selectolax.lexbor import LexborHTMLParser

from pocketguide.findings import Finding, Severity
from pocketguide.validators.prose import CITATION, URL
from pocketguide.validators.structure import Heading

EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables"]
DROP = "pre, code, script, style, table, h1, h2, h3, h4, h5, h6, .admonition-title, sup, .footnote"
BLOCK_TAG = re.compile(
    r"</?(?:p|li|ul|ol|td|th|tr|dt|dd|div|blockquote|br|details|summary)\b[^>]*>"
)
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
KNOWN_SYLLABLES = {
    "naloxone": 3,
    "fentanyl": 3,
    "xylazine": 3,
    "nitazene": 3,
    "nitazenes": 3,
    "benzodiazepine": 6,
    "benzodiazepines": 6,
    "benzos": 2,
    "cocaine": 2,
    "alcohol": 3,
    "opioid": 3,
    "opioids": 3,
}


@lru_cache(maxsize=1)
def _renderer() -> markdown.Markdown:
    """Return one Markdown converter, reused (building one costs more than a page)."""
    return markdown.Markdown(extensions=EXTENSIONS)


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    """Load the hyphenation dictionary once, on first use (it takes most of a second)."""
    return pyphen.Pyphen(lang="en_US", left=1, right=1)


@dataclass(frozen=True)
class Score:
    """Counts and the Flesch-Kincaid grade of a piece of prose."""

    words: int
    sentences: int
    syllables: int

    def __add__(self, other: Score) -> Score:
        """Return the counts of two pieces of prose together."""
        return Score(
            self.words + other.words,
            self.sentences + other.sentences,
            self.syllables + other.syllables,
        )

    @property
    def grade(self) -> float:
        """Return the Flesch-Kincaid grade level (0 for no words)."""
        if not self.words:
            return 0.0
        sentences = max(self.sentences, 1)
        return 0.39 * self.words / sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def inflesz(self) -> float:
        """Return the INFLESZ (Szigriszt-Pazos) score of Spanish prose, counted the same way;
        higher is easier (100 for no words). See :mod:`.readability_es`."""
        if not self.words:
            return 100.0
        sentences = max(self.sentences, 1)
        return 206.835 - 62.3 * self.syllables / self.words - self.words / sentences


@lru_cache(maxsize=20000)
def syllables(word: str) -> int:
    """Return the syllable count of one word."""
    if word.isupper() and 1 < len(word) <= 5:
        return len(word)
    lower = word.lower().strip("'’")
    if lower in KNOWN_SYLLABLES:
        return KNOWN_SYLLABLES[lower]
    groups = len(re.findall(r"[aeiouy]+", lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    hyphenated = len(_dictionary().positions(lower)) + 1
    return max(groups, hyphenated, 1)


def visible_text_blocks(markdown_text: str, word: re.Pattern[str] = WORD) -> list[str]:
    """Render Markdown and return its prose blocks (paragraphs, list items, cells) that hold
    at least one ``word``."""
    renderer = _renderer()
    html = renderer.reset().convert(CITATION.sub("", markdown_text))
    tree = LexborHTMLParser(html)
    for node in tree.css(DROP):
        node.decompose()
    body = tree.body.html if tree.body else ""
    flat = LexborHTMLParser(BLOCK_TAG.sub("\n\n", body or ""))
    text = flat.body.text() if flat.body else ""
    blocks = [" ".join(URL.sub(" ", block).split()) for block in text.split("\n\n")]
    return [b for b in blocks if word.search(b)]


def score(markdown_text: str) -> Score:
    """Return the readability counts of rendered Markdown."""
    words = sentences = syllable_total = 0
    for block in visible_text_blocks(markdown_text):
        block_words = WORD.findall(block)
        words += len(block_words)
        syllable_total += sum(syllables(w) for w in block_words)
        ends = len(SENTENCE_END.findall(block))
        sentences += ends + (0 if SENTENCE_END.search(block.rstrip()[-1:] or "") else 1)
    return Score(words, sentences, syllable_total)


def sections(body: str, items: list[Heading], first_line: int) -> list[tuple[Heading, str]]:
    """Split a page body into its intro (under the h1) and its h2 sections.

    ``items`` are the body's headings with file line numbers; ``first_line`` is the file line
    of the body's first line.
    """
    lines = body.split("\n")
    starts = [h for h in items if h.level <= 2]
    if not starts or starts[0].line > first_line:
        starts.insert(0, Heading(1, "(top of page)", first_line))
    parts = []
    for current, nxt in zip(starts, [*starts[1:], None], strict=True):
        begin = current.line - first_line
        end = (nxt.line - first_line) if nxt else len(lines)
        parts.append((current, "\n".join(lines[begin:end])))
    return parts


def check_readability(
    body: str,
    items: list[Heading],
    path: str,
    first_line: int,
    *,
    max_grade: float,
    min_words: int,
) -> list[Finding]:
    """Return RDG001 for the page and RDG002 per h2 section above ``max_grade``."""
    findings = []
    parts = [(heading, score(text)) for heading, text in sections(body, items, first_line)]
    page = sum((part for _, part in parts), Score(0, 0, 0))  # counts add up across sections
    h1 = next((h for h in items if h.level == 1), None)
    if page.words >= min_words and page.grade > max_grade:
        line = h1.line if h1 else first_line
        findings.append(_finding(path, line, "RDG001", "page", page, max_grade=max_grade))
    for heading, part in parts:
        if part.words >= min_words and part.grade > max_grade:
            what = f"section '{heading.text}'"
            findings.append(_finding(path, heading.line, "RDG002", what, part, max_grade=max_grade))
    return findings


def _finding(
    path: str, line: int, code: str, what: str, got: Score, *, max_grade: float
) -> Finding:
    per_sentence = got.words / max(got.sentences, 1)
    per_word = got.syllables / got.words
    message = (
        f"{what} reads at grade {got.grade:.1f}, above {max_grade:g} "
        f"({per_sentence:.0f} words per sentence, {per_word:.2f} syllables per word)"
    )
    fix = "use shorter sentences and everyday words; split long list items"
    return Finding(path, line, 1, code, message, fix, Severity.WARN)
