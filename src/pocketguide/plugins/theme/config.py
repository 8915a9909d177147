"""Options of the ``pocketguide/theme`` plugin, validated when ``mkdocs.yml`` is loaded."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ThemeConfig(Config):
    """Options of the ``pocketguide/theme`` plugin."""

    enabled = c.Type(bool, default=True)
    """Load ``assets/javascripts/guide.js`` instead of Material's JavaScript bundle, leave the
    bundle out of the site, and wrap tables for scrolling when the page is built. Off: stock
    Material behaviour (its bundle is loaded and saved for offline use)."""
