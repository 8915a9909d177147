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

    merge_css = c.Type(bool, default=True)
    """Join the stylesheets every page links (Material's two and the guide's own) into one
    file, ``assets/stylesheets/guide.<content hash>.min.css``, without the rules that can match
    nothing in the built pages or in the scripts they load and the custom properties nothing
    reads, and remove the originals from the site. One request before the first paint instead
    of three, a third of the bytes, and less work for the browser each time a script
    restyles the page. Off under ``mkdocs serve``."""

    defer_scripts = c.Type(bool, default=True)
    """Give the script files at the end of each page (guide.js or Material's bundle, then the
    guide's own) ``defer``, so that none of them holds up the first paint. They still run in
    order, before ``DOMContentLoaded``. Off under ``mkdocs serve``."""

    exclude = c.ListOfItems(c.Type(str), default=[])
    """Glob patterns, relative to the site root, of files left exactly as written."""
