"""The page a reader sees for a page that is not saved on the phone while offline."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pocketguide.content.strings import Strings

OFFLINE_SRC = "offline.md"


def offline_url(use_directory_urls: bool) -> str:
    """Return the site-relative URL the offline page is written to."""
    return "offline/index.html" if use_directory_urls else "offline.html"


def offline_markdown(emergency_page: str | None, words: Strings) -> str:
    """Return the offline page as Markdown, in the site's language; MkDocs resolves the
    ``.md`` links.

    It never pretends to be the page that was asked for: it says the page is not saved and
    links to the Emergency page first (when the site has one), then home. The client script
    fills ``data-pg-asked``.
    """
    emergency = (
        f"- [**{words.text('emergency.now')}**]({emergency_page})\n" if emergency_page else ""
    )
    # JSON strings are YAML strings: any text is safe in the front matter.
    return f"""---
title: {json.dumps(words.text("offline.title"), ensure_ascii=False)}
description: {json.dumps(words.text("offline.description"), ensure_ascii=False)}
search:
  exclude: true
---

# {words.text("offline.heading")}

{words.text("offline.body")}
{{: data-pg-asked }}

{emergency}- [{words.text("home")}](index.md)
"""
