"""Options of the ``pocketguide/csp`` plugin, validated when ``mkdocs.yml`` is loaded."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CspConfig(Config):
    """Options of the ``pocketguide/csp`` plugin."""

    enabled = c.Type(bool, default=True)
    """Put a Content-Security-Policy ``<meta>`` in every page. Off under ``mkdocs serve``
    (its live-reload script is inline and added after the build)."""

    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns, relative to the site root, of HTML files left without the policy.
    Pages that already declare a policy (the single-file edition) are always left alone."""
