""" "Send the whole guide": the block that hands the one-file edition to the share sheet.

The same block sits in the Share dialog and, through the ``<!-- share:send-guide -->``
marker, on the outreach page. Without JavaScript it is a download link. ``pg-share.js`` reads
the file (from the offline copy when there is no signal), names it for the guide and its
version, and offers the phone's share sheet where the browser can share files.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from pocketguide.content.strings import FALLBACK, load

if TYPE_CHECKING:
    from pocketguide.content.strings import Strings

SEND_GUIDE = "<!-- share:send-guide -->"


def file_stem(site_name: str) -> str:
    """Return the start of the shared file's name, from the guide's name.

    >>> file_stem("Pocket Guide to Night Safety")
    'pocket-guide-to-night-safety'
    >>> file_stem("!!!")
    'guide'
    """
    return re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-") or "guide"


def send_block(href: str, stem: str, words: Strings | None = None) -> str:
    """Return the block for the edition at ``href`` (relative to the page it is on).

    ``words`` are the site's (``share.send``, ``share.save_file``, ``share.send_how``);
    English without them. ``data-pg-online``: the one-file edition leaves the block out (its
    reader holds the file).
    """
    words = words if words is not None else load(FALLBACK)
    href, stem = html.escape(href), html.escape(stem)
    return (
        f'<div class="pg-send" data-pg-online data-pg-send-file="{href}" '
        f'data-pg-send-name="{stem}">'
        '<button type="button" class="md-button md-button--primary pg-send__share" hidden>'
        f"{words.markup('share.send')}</button> "
        f'<a class="md-button pg-send__save" href="{href}" download="{stem}.html">'
        f"{words.markup('share.save_file')}</a>"
        f'<p class="pg-send__how">{words.markup("share.send_how")}</p>'
        '<p class="pg-send__status" role="status" aria-live="polite"></p>'
        "</div>"
    )
