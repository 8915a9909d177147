"""Dates behind the stale-content notice, worked out at build time.

Each page carries them as JSON; ``freshness.js`` compares them with the phone's clock, so the
notice appears even when the copy on the phone has not been updated for months.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable


def as_date(value: object) -> dt.date | None:
    """Return a front-matter value as a date: YAML dates, ISO strings, or ``None``.

    >>> as_date("2027-11-20")
    datetime.date(2027, 11, 20)
    >>> as_date(dt.datetime(2027, 1, 2, 3, 4))
    datetime.date(2027, 1, 2)
    >>> as_date("soon") is None
    True
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def guide_date(last_reviewed: Iterable[object]) -> dt.date | None:
    """Return the guide's content date: the newest ``last_reviewed`` of all its pages."""
    dates = [d for d in (as_date(v) for v in last_reviewed) if d is not None]
    return max(dates, default=None)


def freshness_data(
    next_review: object, guide: dt.date | None, stale_after_days: int, *, urgent: bool = False
) -> dict[str, object]:
    """Return the JSON object a page carries for the notice (ISO dates or ``null``).

    ``urgent`` pages (the Emergency page) get the notice at their end, so that the steps
    come first.
    """
    due = as_date(next_review)
    return {
        "next_review": due.isoformat() if due else None,
        "guide_date": guide.isoformat() if guide else None,
        "stale_after_days": stale_after_days,
        "position": "end" if urgent else "start",
    }
