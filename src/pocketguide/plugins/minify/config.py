"""Options of the ``pocketguide/minify`` plugin, validated when ``mkdocs.yml`` is loaded."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class MinifyConfig(Config):
    """Options of the ``pocketguide/minify`` plugin."""

    enabled = c.Type(bool, default=True)
    """Minify the built pages and the guide's own stylesheets. Off under ``mkdocs serve``."""

    html = c.Type(bool, default=True)
    """Minify every ``*.html`` file in the site (about 10% fewer bytes after gzip)."""

    css = c.Type(bool, default=True)
    """Minify stylesheets that are not minified yet (not ``*.min.css``)."""

    bundle_css = c.Type(bool, default=True)
    """Join the ``extra_css`` stylesheets in ``assets/stylesheets/`` into one file,
    ``assets/stylesheets/guide.css``, in the same order: one request instead of several before
    the first paint, and nothing downloaded twice. Off under ``mkdocs serve``."""

    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns, relative to the site root, of files left exactly as written."""
