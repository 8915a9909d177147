"""Options of the ``pocketguide/theme`` plugin, validated when ``mkdocs.yml`` is loaded."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from pocketguide.content import strings as pg_strings


class ThemeConfig(Config):
    """Options of the ``pocketguide/theme`` plugin."""

    enabled = c.Type(bool, default=True)
    """Load ``assets/javascripts/guide.js`` instead of Material's JavaScript bundle, leave the
    bundle out of the site, and when the page is built wrap tables for scrolling and write
    admonition icons into their titles. Off: stock Material behaviour (its bundle is loaded and
    saved for offline use). On a site that uses what guide.js does not do (see
    ``features.py``), the plugin keeps Material's bundle by itself and says why in one line."""

    strings = pg_strings.option()
    """Reader-facing texts that replace those of ``theme.language`` (keys of
    ``pocketguide/content/strings/en.yml``), for the whole site."""
