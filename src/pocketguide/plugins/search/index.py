"""Make Material's search index find what people type: pure functions over its JSON.

Material's search plugin writes ``search/search_index.json`` (``config`` and one ``docs`` entry
per page and section); its worker builds a lunr index from it in the browser. This module
rewrites that file, so the same worker finds more:

- words split on punctuation (brackets, slashes, hyphens, quotes), not only on spaces and
  hyphens, so "(Xanax, Valium)" gives "xanax" and "valium";
- stemming in the page's language ("benzodiazepines" and "benzodiazepine" are one word);
- other names written into two extra fields of each entry that uses any name of a group:
  ``aliases`` (from its text) and ``title_aliases`` (from its title, weighted like a title);
- words written with a hyphen also joined ("k-hole" is found by "khole").

The query side (typos, the word being typed) is ``search-query.js`` in pocketguide/theme.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import snowballstemmer

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from .names import Group

# Word separators: white space and punctuation (ASCII and typographic). A JavaScript and a
# Python regular expression alike: the worker splits with it, and so does this module.
SEPARATOR = r"[\s\-–—‐‑/\\()\[\]{}<>\"“”‘’'`.,;:!?¿¡…|+*=&%#@~^_]+"
# lunr's pipeline in the worker: stemming, then dropping words like "the" (no trimmer: the
# separator already leaves no punctuation at either end of a word).
PIPELINE = ["stemmer", "stopWordFilter"]
ALIASES = "aliases"
# The index config's list of names of a few words (written as one), for the query.
PHRASES = "phrases"
TITLE_ALIASES = "title_aliases"
# Material weighs a word in a title 1000 times one in the text: any title that holds one
# word of a question then beats the section that answers all of it ("side" found "Side
# effects" before "on their side" in the recovery position). Three times is enough.
TITLE_BOOST = 3.0
# Material's worker ranks a page's own entry (its title and first lines) 2 to 2.5 times above
# its sections for the same words; a question is more often answered by a section. Halved, a
# page still comes first for its own title ("bladder": "Bladder and kidneys").
PAGE_BOOST = 0.5
# Words used by more entries than this share are not added as other names: a name of a few
# words ("stop using", "top up") would otherwise add "using" and "up" to every entry that
# uses another name of its group, and questions with those words would go there.
COMMON_SHARE = 0.1
COMMON_MIN = 10
# An alias counts as often as the name it stands for is used, up to this many times.
MAX_REPEAT = 3
# lunr-languages codes (Material's search.lang) to Snowball stemmers. English is Porter's
# first algorithm, as lunr's own English stemmer; a language not listed is matched unstemmed.
STEMMERS = {
    "en": "porter",
    "es": "spanish",
    "fr": "french",
    "de": "german",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "ro": "romanian",
    "sv": "swedish",
    "no": "norwegian",
    "da": "danish",
    "fi": "finnish",
    "hu": "hungarian",
    "ru": "russian",
    "tr": "turkish",
}
_TAG = re.compile(r"<[^>]*>")
_WORDS = re.compile(SEPARATOR)
_HYPHENATED = re.compile(r"\b(\w+)[-‐‑](\w+)\b")


@lru_cache(maxsize=8)
def stemmer(language: str) -> Callable[[str], str]:
    """The stemmer of a language (lunr-languages code); unknown languages keep words as they
    are.

    >>> stemmer("en")("benzodiazepines"), stemmer("es")("benzodiacepinas"), stemmer("xx")("k")
    ('benzodiazepin', 'benzodiacepin', 'k')
    """
    name = STEMMERS.get(language)
    if name is None:
        return str
    return snowballstemmer.stemmer(name).stemWord  # type: ignore[no-any-return]


def words(text: str) -> list[str]:
    """The words of a title or text as the worker sees them: tags dropped, entities decoded,
    lower case, split on the separator.

    >>> words("<p>Benzos (Xanax, Valium) and K-hole&nbsp;&amp; “booze”</p>")
    ['benzos', 'xanax', 'valium', 'and', 'k', 'hole', 'booze']
    """
    plain = html.unescape(_TAG.sub(" ", text)).lower()
    return [word for word in _WORDS.split(plain) if word]


def joined(text: str) -> list[str]:
    """Hyphenated words written as one, as people type them when they skip the hyphen.

    >>> joined("The K-hole, 2-FDCK and re-dosing")
    ['khole', '2fdck', 'redosing']
    """
    plain = html.unescape(_TAG.sub(" ", text)).lower()
    return [a + b for a, b in _HYPHENATED.findall(plain)]


def _count(phrase: tuple[str, ...], stems: list[str]) -> int:
    size = len(phrase)
    return sum(1 for i in range(len(stems) - size + 1) if tuple(stems[i : i + size]) == phrase)


class Expander:
    """Finds which names of each group an index entry uses, and returns the others."""

    def __init__(self, groups: Iterable[Group], language: str) -> None:
        self.stem = lru_cache(maxsize=None)(stemmer(language))
        # A name of one letter ("k", "g") is added to entries but never found in them: a
        # single letter in a text is as often an initial or "e.g." as the drug.
        self.groups = [
            (
                group,
                list(
                    dict.fromkeys(
                        self._phrase(name) for name in group if len(name.replace(" ", "")) > 1
                    )
                ),
            )
            for group in groups
        ]

    def _phrase(self, name: str) -> tuple[str, ...]:
        return tuple(self.stem(word) for word in words(name))

    def aliases(self, text: str) -> list[str]:
        """The other names of every group the text uses, each as often as the group's names
        are used (at most ``MAX_REPEAT`` times), in group order.

        >>> Expander([("benzos", "xanax", "valium"), ("coke", "cocaine")], "en").aliases(
        ...     "<p>Benzos and benzo pills</p>"
        ... )
        ['xanax', 'valium', 'xanax', 'valium']
        """
        stems = [self.stem(word) for word in words(text)]
        present = set(stems)
        found: list[str] = []
        for group, phrases in self.groups:
            uses = Counter(
                {
                    i: _count(phrase, stems)
                    for i, phrase in enumerate(phrases)
                    if phrase and phrase[0] in present
                }
            )
            total = min(sum(uses.values()), MAX_REPEAT)
            if not total:
                continue
            used = {" ".join(phrases[i]) for i, n in uses.items() if n}
            others = [name for name in group if " ".join(self._phrase(name)) not in used]
            # A name of a few words is also written as one, as the query joins known names:
            # "passed out" finds "passedout" wherever a text says "passed out" or "unconscious".
            mine = [name for name in group if " ".join(self._phrase(name)) in used]
            joined_names = [one_word(name) for name in others + mine if len(words(name)) > 1]
            found.extend([*others, *joined_names] * total)
        return found


def one_word(name: str) -> str:
    """A name of a few words written as one, as the query sends a known name.

    >>> one_word("Passed out"), one_word("K-hole")
    ('passedout', 'khole')
    """
    return "".join(words(name))


def phrases(groups: Iterable[Group]) -> list[str]:
    """Every name of a few words, written as one: the query sends typed words that make one
    of these as one word too.

    >>> phrases([("unconscious", "passed out"), ("comedown", "day after", "passed out")])
    ['dayafter', 'passedout']
    """
    return sorted({one_word(name) for group in groups for name in group if len(words(name)) > 1})


def _common_words(docs: list[dict[str, Any]], stem: Callable[[str], str]) -> set[str]:
    """The stems used by more than ``COMMON_SHARE`` of the entries (and more than
    ``COMMON_MIN``: on a small site every word is in a good share of the entries)."""
    seen: Counter[str] = Counter()
    for doc in docs:
        seen.update({stem(word) for word in words(f"{doc.get('title', '')} {doc.get('text', '')}")})
    least = max(COMMON_SHARE * len(docs), COMMON_MIN)
    return {word for word, count in seen.items() if count > least}


def _rare(aliases: list[str], common: set[str], stem: Callable[[str], str]) -> list[str]:
    """The words of ``aliases`` that are not common: "top up" adds "top", not "up", so that a
    question with "up" in it is not sent to every page about taking more."""
    return [word for alias in aliases for word in words(alias) if stem(word) not in common]


def improve(
    index: dict[str, Any], groups: Iterable[Group], language: str
) -> tuple[dict[str, Any], int]:
    """Return Material's search index with the separator, pipeline, title weight and aliases
    above, and how many entries gained aliases."""
    groups = list(groups)
    expander = Expander(groups, language)
    config = dict(index["config"])
    config[PHRASES] = phrases(groups)
    config["separator"] = SEPARATOR
    config["pipeline"] = PIPELINE
    fields = {name: dict(spec) for name, spec in config.get("fields", {}).items()}
    fields["title"] = {"boost": TITLE_BOOST}
    fields[TITLE_ALIASES] = {"boost": TITLE_BOOST}
    fields[ALIASES] = {"boost": 1.0}
    config["fields"] = fields
    common = _common_words(index["docs"], expander.stem)
    docs = []
    gained = 0
    for doc in index["docs"]:
        entry = dict(doc)
        if "#" not in doc["location"]:
            entry["boost"] = doc.get("boost", 1.0) * PAGE_BOOST
        title = _rare(expander.aliases(doc.get("title", "")), common, expander.stem)
        title += joined(doc.get("title", ""))
        text = _rare(expander.aliases(doc.get("text", "")), common, expander.stem)
        text += joined(doc.get("text", ""))
        if title:
            entry[TITLE_ALIASES] = " ".join(title)
        if text:
            entry[ALIASES] = " ".join(text)
        gained += bool(title or text)
        docs.append(entry)
    return {**index, "config": config, "docs": docs}, gained
