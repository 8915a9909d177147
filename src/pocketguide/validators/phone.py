"""``tel:`` and ``sms:`` links: a number a phone can dial, and the same number the reader sees.

A valid number is E.164 (``+`` then 8 to 15 digits; spaces, dots, dashes and brackets allowed
for reading) or a known emergency short code (112, 911, 999, 000, 111, 988 by default; other
national numbers can be allowed with the ``emergency_short_codes`` setting). The link text
must show that number, ignoring spaces, dashes, dots and brackets, as dialled or in national
form ("0300 123 6600" for ``tel:+443001236600``); "Call 112" is fine, "Call emergency
services" hides the number the phone will dial.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

SEPARATORS = re.compile(r"[\s\-.()\u00a0\u2011\u2012\u2013]")
E164 = re.compile(r"\+[1-9]\d{7,14}")


@dataclass(frozen=True)
class PhoneProblem:
    """What is wrong with a ``tel:``/``sms:`` link (code LNK021 invalid, LNK022 mismatch)."""

    code: str
    message: str
    fix: str


def number_of(url: str) -> str:
    """Return the dialled number of a ``tel:``/``sms:`` URL with separators removed."""
    rest = unquote(url.split(":", 1)[1]) if ":" in url else ""
    rest = re.split(r"[?;,]", rest, maxsplit=1)[0]
    return SEPARATORS.sub("", rest)


def check_phone_link(url: str, text: str, short_codes: tuple[str, ...]) -> PhoneProblem | None:
    """Return the problem with a ``tel:``/``sms:`` link showing ``text``, or None.

    An ``sms:`` link with no number and a body (``sms:?body=…``) opens a draft the reader
    addresses: there is no number to check.

    >>> check_phone_link("sms:?body=Call%20999", "Text the steps", ("999",)) is None
    True
    """
    number = number_of(url)
    if not number and url.lower().startswith("sms:?") and "body=" in url.lower():
        return None
    if not (E164.fullmatch(number) or number in short_codes):
        codes = ", ".join(short_codes)
        return PhoneProblem(
            "LNK021",
            f"'{url}' is not a number every phone can dial",
            f"write it as +<country code><number> (E.164) or use a short code ({codes})",
        )
    shown = SEPARATORS.sub("", text)
    if not any(_shows(shown, form) for form in display_forms(number)):
        return PhoneProblem(
            "LNK022",
            f"link text '{' '.join(text.split())}' does not show the number it dials ({number})",
            "put the same number in the link text, so readers can dial it by hand",
        )
    return None


def display_forms(number: str) -> list[str]:
    """Return the ways a reader may see ``number``: as dialled, without ``+``, or national.

    ``+18006624357`` may show as ``1-800-662-4357``; ``+443001236600`` as ``0300 123 6600``
    (the national trunk 0 in place of a 1 to 3 digit country code).
    """
    if not number.startswith("+"):
        return [number]
    digits = number[1:]
    return [number, digits] + ["0" + digits[cc:] for cc in (1, 2, 3) if len(digits) - cc >= 6]


def _shows(shown: str, form: str) -> bool:
    return bool(re.search(rf"(?<![\d+]){re.escape(form)}(?!\d)", shown))
