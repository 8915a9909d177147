"""The page a reader sees for a page that is not saved on the phone while offline."""

from __future__ import annotations

OFFLINE_SRC = "offline.md"


def offline_url(use_directory_urls: bool) -> str:
    """Return the site-relative URL the offline page is written to."""
    return "offline/index.html" if use_directory_urls else "offline.html"


def offline_markdown(emergency_page: str) -> str:
    """Return the offline page as Markdown; MkDocs resolves the ``.md`` links.

    It never pretends to be the page that was asked for: it says the page is not saved and
    links to Emergency first, then home. The client script fills ``data-pg-asked``.
    """
    return f"""---
title: Not saved on this phone
description: This page is not part of the guide saved on this phone.
search:
  exclude: true
---

# This page is not saved on this phone

You seem to be offline, and this page is not part of the copy of the guide on this phone.
{{: data-pg-asked }}

- [**Emergency: what to do now**]({emergency_page})
- [Home page of the guide](index.md)
"""
