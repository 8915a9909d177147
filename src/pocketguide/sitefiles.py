"""Names in a built site that the plugins, the checks, ``dist/`` and the preview server share.

Core layer: no plugin, no MkDocs. The rule for content-hashed names (cached for good by hosts
and the service worker), the folder the service worker's chunks live in, and the URL path a
site is served under are decided here once, so a plugin never imports another to learn them.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit

HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")
"""A file whose name carries its content hash: Material's ``bundle.79ae519e.min.js``, the
guide's ``guide.5374eeec.min.css`` (:func:`hashed_name`)."""
TRANSPORT_DIR = "_pg/"
"""Where pocketguide/pwa writes the chunks and the pack; every file there is named by its
content, so the whole folder is immutable."""


def hashed_name(stem: str, data: bytes, suffix: str = ".min.css") -> str:
    """Return ``stem.<8 hex digits of the content's SHA-256><suffix>``.

    Such names are cached for good (hosts and the service worker treat them as immutable), so
    different bytes must always get a different name.

    >>> hashed_name("guide", b"")
    'guide.e3b0c442.min.css'
    """
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:8]}{suffix}"


def is_immutable(path: str) -> bool:
    """Tell whether a site file may be cached forever: a hashed name or a chunk.

    >>> [is_immutable(p) for p in ("a/bundle.79ae519e.min.js", "_pg/c/x.txt", "sw.js")]
    [True, True, False]
    """
    return path.startswith(TRANSPORT_DIR) or HASHED.search(path) is not None


def site_path(site_url: str | None) -> str:
    """Return the path the site is served under, always with a trailing slash.

    >>> site_path("https://example.org/guide")
    '/guide/'
    >>> site_path(None)
    '/'
    """
    path = urlsplit(site_url).path if site_url else "/"
    if not path.endswith("/"):
        path += "/"
    return path


def public_url(site_url: str | None, page_url: str) -> str | None:
    """Return the address a page has on the published guide, or ``None`` without ``site_url``.

    ``page_url`` is MkDocs' ``page.url``: relative to the site root, ``""`` for the home page.

    >>> public_url("https://example.org/guide", "emergency/")
    'https://example.org/guide/emergency/'
    >>> public_url(None, "emergency/") is None
    True
    """
    if not site_url:
        return None
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + page_url.lstrip("/")
