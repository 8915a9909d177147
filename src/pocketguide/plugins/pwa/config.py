"""Options of the ``pocketguide/pwa`` plugin, validated when ``mkdocs.yml`` is loaded."""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings, ValidationError

from pocketguide.content import pages
from pocketguide.content import strings as pg_strings

if TYPE_CHECKING:
    from collections.abc import Iterable

_HEX_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def _with_hints(warnings: ConfigWarnings, known: Iterable[str]) -> ConfigWarnings:
    """Say what to do about an unknown option: MkDocs' own warning only names it."""
    options = sorted(known)
    hinted: ConfigWarnings = []
    for key, message in warnings:
        hint = ""
        if message == f"Unrecognised configuration name: {key}":
            close = difflib.get_close_matches(key, options, n=1)
            hint = (
                f" — did you mean '{close[0]}'?" if close else f" — use one of {', '.join(options)}"
            )
        hinted.append((key, message + hint))
    return hinted


class Colour(c.Type[str]):
    """A CSS hex colour such as ``#4a148c``."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not _HEX_COLOUR.match(text):
            msg = f"'{text}' is not a hex colour — write it like '#4a148c'"
            raise ValidationError(msg)
        return text.lower()


class IconSource(c.File):
    """The icon source image; it must exist, and the message says what to put there."""

    def __init__(self) -> None:
        super().__init__(exists=True)

    def validate(self, value: object) -> str:
        """Validate, adding how to fix a missing setting or file to MkDocs' message."""
        try:
            path: str = super().validate(value)
        except ValidationError as exc:
            msg = (
                f"{str(exc).rstrip('.')} — use a square PNG of at least 512 px, "
                "relative to mkdocs.yml, e.g. 'docs/assets/icon.png'"
            )
            raise ValidationError(msg) from None
        return path


class Shortcut(Config):
    """One home-screen shortcut (long-press on the app icon)."""

    name = c.Type(str)
    """Label shown in the shortcut menu."""
    page = c.Type(str)
    """The Markdown page it opens, relative to ``docs/`` (``emergency.md``)."""
    description = c.Type(str, default="")
    """Optional longer text for assistive technology."""

    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        """Validate, with a hint for mistyped keys."""
        failed, warnings = super().validate()
        return failed, _with_hints(warnings, self._schema_keys)


class PwaConfig(Config):
    """Options of the ``pocketguide/pwa`` plugin."""

    enabled = c.Type(bool, default=True)
    """Build the manifest, icons and service worker. Off: none of them, and no registration."""

    icon = IconSource()
    """Square source image (PNG, at least 512 px) for every icon size. Required."""

    name = c.Optional(c.Type(str))
    """Full app name in the manifest; defaults to ``site_name``."""

    short_name = c.Optional(c.Type(str))
    """Name under the home-screen icon (at most 12 characters); defaults to ``name``
    when that is short enough."""

    description = c.Optional(c.Type(str))
    """Manifest description; defaults to ``site_description``."""

    theme_color = Colour(default="#4a148c")
    """Colour of the browser UI and the status bar."""

    background_color = Colour(default="#ffffff")
    """Splash-screen background while the app starts."""

    categories = c.ListOfItems(c.Type(str), default=["health", "medical", "education"])
    """Manifest ``categories``, for app stores and launchers; ``[]`` for none."""

    dir = c.Optional(c.Choice(("ltr", "rtl", "auto")))
    """Manifest text direction. Left out: ``rtl`` when ``theme.language`` is Arabic, Hebrew,
    Persian or Urdu (``ar``, ``he``, ``fa``, ``ur``), else ``ltr``."""

    shortcuts = c.ListOfItems(c.SubConfig(Shortcut), default=[])
    """Home-screen shortcuts; each names a page that must exist."""

    emergency_page = pages.OptionalPage()
    """The page the offline fallback page links to first. Left out: ``emergency.md`` when
    ``docs/`` has it, else none; ``null`` or ``''``: none; a page named here must exist."""

    precache_exclude = c.ListOfItems(c.Type(str), default=[])
    """Extra glob patterns (relative to the site root) left out of the offline copy.
    Source maps, the sitemap and unused search languages are always left out."""

    precache_later = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns (relative to the site root) of files kept in the offline copy but left
    out of the first save: the service worker fetches them at low priority once every other
    file is saved, and the status line says when they are ready (``pocketguide.html``, the
    one-file edition a reader passes on)."""

    max_file_size = c.Type(int, default=2 * 1024 * 1024)
    """Files larger than this many bytes are left out of the offline copy, with a warning.
    The search index is never left out: offline search would be lost without a word."""

    cache_prefix = c.Type(str, default="pocketguide")
    """Prefix of the cache names; only caches with this prefix for this site's own scope are
    ever deleted."""

    self_destroying = c.Type(bool, default=False)
    """Escape hatch: build a service worker that deletes its caches and unregisters itself,
    for pulling a broken release off phones."""

    strings = pg_strings.option()
    """Reader-facing texts that replace those of ``theme.language`` (keys of
    ``pocketguide/content/strings/en.yml``), for the whole site."""

    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        """Check rules that span options after each option is valid on its own."""
        failed, warnings = super().validate()
        if self.short_name is not None and len(self.short_name) > 12:
            failed.append(
                (
                    "short_name",
                    ValidationError(
                        f"'{self.short_name}' is {len(self.short_name)} characters — home screens "
                        "cut names after about 12; use a shorter name"
                    ),
                )
            )
        if not re.fullmatch(r"[a-z][a-z0-9-]*", self.cache_prefix or ""):
            failed.append(
                (
                    "cache_prefix",
                    ValidationError(
                        "use lowercase letters, digits and '-' only, e.g. 'pocketguide'"
                    ),
                )
            )
        return failed, _with_hints(warnings, self._schema_keys)
