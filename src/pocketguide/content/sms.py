"""The text message "Text the emergency steps" drafts: its words, and how many SMS it costs.

Built from ``docs/data/emergency.yml``: the short call rule (``sms_rule``), the numbers of the
reader's country, and the guide's address. One text per country plus one for a reader whose
country the phone does not say (the main numbers, each once). Every text must fit in
:data:`MAX_SEGMENTS` SMS: a message cut into more parts arrives late or in the wrong order on
a busy network, and costs more. The words around the data ("Call", "Guide:", "or") come from
the strings tables (``sms.text_*``, ``data.or``), in the page's language.

:func:`segments` counts like a phone does. Text made only of GSM 03.38 characters is sent as
GSM-7: 160 characters in one SMS, 153 in each part of a longer one (the rest of each part
carries the header that joins them); ``€ [ ] { } | ^ ~ \\`` and form feed take two. Any other
character (an emoji, a curly quote) sends the whole text as UCS-2: 70 UTF-16 units in one SMS,
67 per part, and a surrogate pair is never split. ``pg-sms.js`` counts the same way in the
browser; the tests check both against the same cases.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

from babel.languages import get_official_languages

from pocketguide.content.strings import FALLBACK, Strings, load

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from pocketguide.content.data import Country, Emergency

MAX_SEGMENTS = 2

GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
"""Characters of the GSM 03.38 default alphabet (one septet each)."""
GSM_EXTENDED = frozenset("\f^{}\\[~]|€")
"""Characters of its extension table: an escape plus the character (two septets)."""

EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()  # noqa: SIM905
)
"""Countries whose phones the data's ``EU`` entry (112) covers."""


@dataclass(frozen=True)
class Count:
    """How a text is sent: ``gsm-7`` or ``ucs-2``, its length in that encoding, its SMS."""

    encoding: str
    units: int
    segments: int


def _parts(units: list[int], single: int, per_part: int) -> int:
    """Return how many SMS carry ``units`` (each item the width of one character)."""
    total = sum(units)
    if total <= single:
        return 1 if total else 0
    parts, used = 1, 0
    for width in units:  # a character never straddles two parts
        if used + width > per_part:
            parts, used = parts + 1, 0
        used += width
    return parts


def segments(text: str) -> Count:
    """Count the SMS a phone sends ``text`` in.

    >>> segments("Call 999")
    Count(encoding='gsm-7', units=8, segments=1)
    >>> segments("x" * 161).segments, segments("€" * 80).units
    (2, 160)
    >>> segments("Call 999 now 🚑")
    Count(encoding='ucs-2', units=15, segments=1)
    """
    if all(char in GSM_BASIC or char in GSM_EXTENDED for char in text):
        widths = [2 if char in GSM_EXTENDED else 1 for char in text]
        return Count("gsm-7", sum(widths), _parts(widths, 160, 153))
    widths = [len(char.encode("utf-16-le")) // 2 for char in text]
    return Count("ucs-2", sum(widths), _parts(widths, 70, 67))


def _numbers(numbers: tuple[str, ...], words: Strings) -> str:
    return f" {words.text('data.or')} ".join(numbers)


def _fallback_numbers(countries: Iterable[Country], words: Strings) -> str:
    """``UK 999, EU 112, US/Canada 911, …``: every number once, with who dials it."""
    by_number: dict[str, list[str]] = {}
    for country in countries:
        by_number.setdefault(_numbers(country.numbers, words), []).append(country.short)
    return ", ".join(f"{'/'.join(shorts)} {number}" for number, shorts in by_number.items())


def speaking(countries: Iterable[Country], language: str) -> tuple[Country, ...]:
    """The countries where ``language`` is an official language (CLDR, de facto too: the US
    and Mexico have none by law), and ``EU``: 112 works in every EU country.

    >>> from pocketguide.content.data import Country
    >>> places = [Country(c, c, c, ("1",), "", "", "") for c in ("GB", "EU", "US", "MX", "CO")]
    >>> [c.code for c in speaking(places, "es")], [c.code for c in speaking(places, "en-GB")]
    (['EU', 'MX', 'CO'], ['GB', 'EU', 'US'])
    """
    base = language.replace("_", "-").split("-")[0]
    return tuple(
        c
        for c in countries
        if c.code == "EU" or base in get_official_languages(c.code, de_facto=True)
    )


def texts(emergency: Emergency, address: str, words: Strings | None = None) -> dict[str, str]:
    """Return the text for each country code of the data, and ``""`` for any other reader.

    Without an ``sms_rule`` the data has nothing short enough to text: no texts at all.
    ``words``: the site's words (English without them); the texts are in their language.

    The ``""`` text is for a phone whose language names no region (``es``, not ``es-MX``):
    every number, each once. When that takes more than :data:`MAX_SEGMENTS` SMS (a Spanish
    guide for the UK, the EU, North America, Oceania, Spain, Mexico and Colombia), it keeps
    only the numbers of the countries that speak the words' language, and the EU's 112
    (:func:`speaking`): the readers most likely to have such a phone. Each country's own
    text is unchanged, and :func:`too_long` still reports a text that does not fit.
    """
    site = words if words is not None else load(FALLBACK)
    rule = " ".join((emergency.sms_rule or "").split())
    if not rule:
        return {}
    guide = " " + site.text("sms.text_guide", address=address) if address else ""
    out = {
        country.code: f"{rule} "
        + site.text("sms.text_here", numbers=_numbers(country.numbers, site), where=country.short)
        + guide
        for country in emergency.numbers
    }
    out[""] = _fallback(emergency.numbers, rule, guide, site)
    return out


def _fallback(countries: tuple[Country, ...], rule: str, guide: str, words: Strings) -> str:
    def text(chosen: Iterable[Country]) -> str:
        numbers = _fallback_numbers(chosen, words)
        return f"{rule} {words.text('sms.text_main', numbers=numbers)}{guide}"

    whole = text(countries)
    if segments(whole).segments <= MAX_SEGMENTS:
        return whole
    ours = speaking(countries, words.language)
    return text(ours) if ours else whole


def too_long(by_code: Mapping[str, str]) -> list[str]:
    """Return a sentence for each text over :data:`MAX_SEGMENTS` SMS (none when all fit)."""
    problems = []
    for code, text in by_code.items():
        count = segments(text)
        if count.segments > MAX_SEGMENTS:
            who = code or "a reader of no listed country"
            problems.append(
                f"the text for {who} takes {count.segments} SMS ({count.units} "
                f"{count.encoding} characters), over {MAX_SEGMENTS}"
            )
    return problems


def sms_href(text: str) -> str:
    """Return the ``sms:`` link that opens a draft of ``text`` to a number the reader picks.

    >>> sms_href("Call 999 & wait?")
    'sms:?body=Call%20999%20%26%20wait%3F'
    """
    return "sms:?body=" + quote(text, safe="")


def regions(emergency: Emergency) -> dict[str, str]:
    """Map each region a browser may name (``DE``) to the code of its text (``EU``)."""
    codes = {country.code for country in emergency.numbers}
    out = {code: code for code in codes}
    if "EU" in codes:
        out.update({member: "EU" for member in EU_MEMBERS if member not in codes})
    return out


def link_data(emergency: Emergency, address: str, words: Strings | None = None) -> str:
    """Return the JSON the page's script picks the reader's text from (``pg-sms.js``)."""
    return json.dumps(
        {"texts": texts(emergency, address, words), "regions": regions(emergency)},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
