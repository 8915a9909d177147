"""Markers an editor writes in a page (as HTML comments) that the build fills in.

``<!-- share:qr-home -->`` becomes a QR code of the guide's home address (the printable card
uses it); ``<!-- share:last-reviewed -->`` becomes the page's ``last_reviewed`` date in words,
so a printed card always says when its facts were checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pocketguide.content.render import spell_day

if TYPE_CHECKING:
    import datetime as dt

HOME_QR = "<!-- share:qr-home -->"
LAST_REVIEWED = "<!-- share:last-reviewed -->"


def has_markers(html: str) -> bool:
    """Tell whether a page uses any marker (most pages do not)."""
    return HOME_QR in html or LAST_REVIEWED in html


def fill_markers(
    html: str, *, home_qr: str, last_reviewed: dt.date | None, locale: str = "en"
) -> str:
    """Return ``html`` with every marker replaced; a marker with no value becomes nothing.
    The date is written in the page's language (``locale``)."""
    reviewed = spell_day(last_reviewed, locale) if last_reviewed else ""
    return html.replace(HOME_QR, home_qr).replace(LAST_REVIEWED, reviewed)
