"""An option naming a page a site may not have (the Emergency page), shared by the plugins.

``emergency_page`` is read by ``pocketguide/pwa`` (the offline page's first link),
``pocketguide/share`` (the Emergency link in the header) and ``pocketguide/edition`` (the red
link at the top of the file). Each resolves it the same way:

- left out: ``emergency.md`` when ``docs/`` has that page, else no Emergency page;
- ``null`` or ``''``: no Emergency page;
- a page: that page, which must exist (the build stops and says how to fix it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mkdocs.config.base import BaseConfigOption, ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable

DEFAULT_EMERGENCY = "emergency.md"

AUTO = "(emergency.md if docs/ has it)"
"""The value of an ``emergency_page`` left out of ``mkdocs.yml``. It cannot name a page (no page
path starts with a parenthesis and has spaces and a slash), so it never hides a real setting."""


class OptionalPage(BaseConfigOption[str]):
    """A page relative to ``docs/``; ``null`` or ``''`` for none; left out, :data:`AUTO`."""

    def __init__(self) -> None:
        super().__init__()
        self.default = AUTO

    def run_validation(self, value: object) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            msg = (
                f"{value!r} is not a page — name a Markdown page relative to docs/, or '' for none"
            )
            raise ValidationError(msg)
        return value.strip()


def resolve_page(value: str, exists: Callable[[str], bool]) -> str | None:
    """Return the page an :class:`OptionalPage` names (``None``: no page), or raise ``LookupError``
    when the site named a page that is not there. ``exists`` says whether ``docs/`` has a page.

    >>> resolve_page(AUTO, lambda page: False) is None
    True
    >>> resolve_page(AUTO, lambda page: page == "emergency.md")
    'emergency.md'
    >>> resolve_page("", lambda page: True) is None
    True
    """
    if value == AUTO:
        return DEFAULT_EMERGENCY if exists(DEFAULT_EMERGENCY) else None
    if not value:
        return None
    if not exists(value):
        raise LookupError(value)
    return value
