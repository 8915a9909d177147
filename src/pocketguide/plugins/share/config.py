"""Options of the ``pocketguide/share`` plugin, validated when ``mkdocs.yml`` is loaded."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError

from pocketguide.content import pages
from pocketguide.content import strings as pg_strings


class Days(c.Type[int]):
    """A whole number of days, 1 or more."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        days = super().run_validation(value)
        if days < 1:
            msg = f"{days} is not a number of days — use 1 or more"
            raise ValidationError(msg)
        return days


class ShareConfig(Config):
    """Options of the ``pocketguide/share`` plugin."""

    enabled = c.Type(bool, default=True)
    """Add the Share dialog, the Emergency link data and the stale-content dates to pages."""

    qr = c.Type(bool, default=True)
    """Draw a QR code of each page's public address in the Share dialog. Needs ``site_url``;
    without it the build warns and leaves the codes out."""

    emergency_page = pages.OptionalPage()
    """The page the Emergency button in the header opens, relative to ``docs/``. Left out:
    ``emergency.md`` when ``docs/`` has it, else no button; ``null`` or ``''``: no button; a
    page named here must exist."""

    help_page = c.Optional(c.Type(str))
    """Page the stale-content notice links to for how to update (``install.md``). Must exist
    when set."""

    send_file = c.Type(str, default="pocketguide.html")
    """The one-file edition (``pocketguide/edition``'s ``filename``) that "Send the whole
    guide" hands to the share sheet, or saves. Left out when the site has no such file;
    ``""`` leaves it out always."""

    stale_after_days = Days(default=183)
    """Show the stale-content notice when the copy on the phone is older than this many days
    (about 6 months) and no newer version has reached it."""

    strings = pg_strings.option()
    """Reader-facing texts that replace those of ``theme.language`` (keys of
    ``pocketguide/content/strings/en.yml``), for the whole site."""
