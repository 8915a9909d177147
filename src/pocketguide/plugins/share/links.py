"""Public addresses of pages, from ``site_url`` and MkDocs' site-relative page URLs."""

from __future__ import annotations


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
