"""Which files of a built site are one-file editions: read from the files, not from settings.

``pocketguide/edition`` stamps its file with ``<meta name="generator" content="pocketguide
edition <version>">``. The checks (an edition is a download, not a page to link, index or
save offline) and ``make site`` (which copies editions to ``dist/``) find them by that stamp,
so they agree with the build whatever ``filename:`` says, or when the plugin is off.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

GENERATOR = "pocketguide edition"
"""Start of the generator ``<meta>`` content an edition carries."""
_STAMP = re.compile(rb'<meta name="generator" content="pocketguide edition[ "]')
_HEAD_BYTES = 4096


def is_edition(head: bytes) -> bool:
    """Tell whether the first bytes of an HTML file carry the edition's stamp."""
    return _STAMP.search(head[:_HEAD_BYTES]) is not None


def edition_files(site_dir: Path) -> list[str]:
    """Return the editions at the root of a built site (site-relative names, sorted)."""
    found = []
    for path in sorted(site_dir.glob("*.html")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as page:
                if is_edition(page.read(_HEAD_BYTES)):
                    found.append(path.name)
    return found
