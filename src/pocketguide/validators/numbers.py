"""Phone numbers typed into a page instead of coming from the data (warning PHN001).

Emergency numbers and helplines live once, in ``docs/data/emergency.yml`` and
``helplines.yml``, and pages show them through ``<!-- data:... -->`` markers. A number typed
by hand is the copy that goes stale: this check warns about every ``tel:``/``sms:`` link, and
every phone-like number in the prose, that is not in the data. A number that is not a helpline
(a street address, a case number) goes in the ``phone_allow`` setting.

What counts as phone-like in prose: a ``+`` number, or digits in groups with at least five
digits in all ("0300 123 6600", "82111"); and a short number right after "call", "dial",
"ring", "phone" or "text" ("call 999 or 112"). ISO dates are not numbers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pocketguide.content.data import digits
from pocketguide.findings import Finding, Severity
from pocketguide.validators.phone import display_forms, number_of
from pocketguide.validators.prose import mask_code, mask_markup, position

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator

    from pocketguide.content.data import GuideData

LINK = re.compile(r"\]\(((?:tel|sms):[^)\s]+)\)|href=[\"']((?:tel|sms):[^\"']+)[\"']", re.I)
LONG = re.compile(r"(?<![\w+\-/.])(?<!\d,)\+?\d+(?:(?:[ \u00a0-]|\n[ \t]*)\d+)*(?![\w/]|[.,]\d)")
SHORT = re.compile(
    r"\b(?:call|dial|ring|phone|text)(?:\s+or\s+(?:call|dial|ring|phone|text))?"
    r"(?:\s+(?:on|us))?\s+(?P<numbers>\d{2,4}(?:\s*(?:,|or|and)\s*\d{2,4})*)\b",
    re.IGNORECASE,
)
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MIN_DIGITS = 5
FIX = (
    "show it with a data marker (docs/data/emergency.yml or helplines.yml), or add it to the "
    "phone_allow setting if it is not a helpline"
)


def known_numbers(data: GuideData) -> set[str]:
    """Return every digit form of every number in the data: as dialled, E.164, national."""
    numbers: set[str] = set()
    if data.emergency:
        numbers.update(n for c in data.emergency.numbers for n in c.numbers)
    for line in data.helplines or ():
        for value in (line.phone, line.phone_display):
            if value:
                numbers.update(display_forms(digits(value)))
        numbers.update(re.findall(r"\d{3,}", line.text or ""))
    return numbers


def short_numbers(data: GuideData) -> tuple[str, ...]:
    """Return the numbers in the data dialled without a country code (``999``, ``116123``).

    The data's schema and checks vouch for them, so a ``tel:`` link to one is dialable.
    """
    numbers = [n for c in (data.emergency.numbers if data.emergency else ()) for n in c.numbers]
    numbers += [h.phone for h in data.helplines or () if h.phone and not h.phone.startswith("+")]
    return tuple(dict.fromkeys(numbers))


def check_numbers(
    text: str, path: str, known: Collection[str], allow: Collection[str] = ()
) -> list[Finding]:
    """Warn for each ``tel:``/``sms:`` link and phone-like number not in ``known``.

    ``text`` is the whole page (front matter blanked); positions are the file's.
    """
    allowed = set(known) | {digits(a) for a in allow}
    findings = []
    for offset, number, shown in _numbers(text):
        if number in allowed or number.lstrip("+") in allowed:
            continue
        message = f"phone number {shown} is not in the data"
        line, col = position(text, offset)
        findings.append(Finding(path, line, col, "PHN001", message, FIX, Severity.WARN))
    return findings


def _numbers(text: str) -> Iterator[tuple[int, str, str]]:
    """Yield ``(offset, digits, as written)`` for each number a reader may dial."""
    code_free = mask_code(text)
    for match in LINK.finditer(code_free):
        url = match.group(1) or match.group(2)
        yield match.start(1) if match.group(1) else match.start(2), number_of(url), url
    prose = mask_markup(text)
    covered: set[int] = set()
    for match in LONG.finditer(prose):
        shown = " ".join(match.group().split())
        if ISO_DATE.fullmatch(shown):
            continue
        if shown.startswith("+") or len(digits(shown)) >= MIN_DIGITS:
            covered.update(range(match.start(), match.end()))
            yield match.start(), digits(shown), shown
    for match in SHORT.finditer(prose):
        for number in re.finditer(r"\d+", match.group("numbers")):
            offset = match.start("numbers") + number.start()
            if offset not in covered:
                yield offset, number.group(), number.group()
