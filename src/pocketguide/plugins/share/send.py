""" "Send the whole guide": the block that hands the one-file edition to the share sheet.

The same block sits in the Share dialog and, through the ``<!-- share:send-guide -->``
marker, on the outreach page. Without JavaScript it is a download link. ``pg-share.js`` reads
the file (from the offline copy when there is no signal), names it for the guide and its
version, and offers the phone's share sheet where the browser can share files.
"""

from __future__ import annotations

import html
import re

SEND_GUIDE = "<!-- share:send-guide -->"


def file_stem(site_name: str) -> str:
    """Return the start of the shared file's name, from the guide's name.

    >>> file_stem("Pocket Guide to Night Safety")
    'pocket-guide-to-night-safety'
    >>> file_stem("!!!")
    'guide'
    """
    return re.sub(r"[^a-z0-9]+", "-", site_name.lower()).strip("-") or "guide"


def send_block(href: str, stem: str) -> str:
    """Return the block for the edition at ``href`` (relative to the page it is on).

    ``data-pg-online``: the one-file edition leaves the block out (its reader holds the file).
    """
    href, stem = html.escape(href), html.escape(stem)
    return (
        f'<div class="pg-send" data-pg-online data-pg-send-file="{href}" '
        f'data-pg-send-name="{stem}">'
        '<button type="button" class="md-button md-button--primary pg-send__share" hidden>'
        "Send the whole guide</button> "
        f'<a class="md-button pg-send__save" href="{href}" download="{stem}.html">'
        "Save the whole guide as one file</a>"
        '<p class="pg-send__how">Then send the file to a friend by Bluetooth, Nearby Share, '
        "AirDrop or a chat app. It opens in any browser, with no signal.</p>"
        '<p class="pg-send__status" role="status" aria-live="polite"></p>'
        "</div>"
    )
