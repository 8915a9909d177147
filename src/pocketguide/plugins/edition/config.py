"""Options of the ``pocketguide/edition`` plugin, validated when ``mkdocs.yml`` is loaded."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from pocketguide.content import pages
from pocketguide.content import strings as pg_strings


class EditionConfig(Config):
    """Options of the ``pocketguide/edition`` plugin."""

    enabled = c.Type(bool, default=True)
    """Write the single-file edition. Off: nothing is collected or written."""

    filename = c.Type(str, default="pocketguide.html")
    """Name of the file written at the root of the built site."""

    max_size_kib = c.Type(int, default=300)
    """Warn (and so fail a strict build) when the file is larger than this many KiB: it must
    stay small enough to send over a slow connection or Bluetooth."""

    emergency_page = pages.OptionalPage()
    """Page linked in red at the top of the file, relative to ``docs/``. Left out:
    ``emergency.md`` when ``docs/`` has it, else none; ``null`` or ``''``: none; a page named
    here must exist."""

    search = c.Type(bool, default=True)
    """Add the small inline search box (it needs JavaScript; the file reads fine without)."""

    version = c.Type(str, default="")
    """Content version stamped at the top; empty means the first 8 hex digits of a SHA-256
    of the assembled pages, so two files with the same version carry the same content."""

    strings = pg_strings.option()
    """Reader-facing texts that replace those of ``theme.language`` (keys of
    ``pocketguide/content/strings/en.yml``), for the whole site."""
