"""The build data a service worker carries, and how to read it back.

``sw.js`` holds one JSON blob (the precache entries with their revisions, the chunk plan,
the cache names) at a single injection point. The pwa plugin writes it; the checks and the
benches read it back from the built file. Both sides live here, in the core, so the checks
read what the build wrote without importing the plugin.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

SW_NAME = "sw.js"
BUILD_MARKER = '"__POCKETGUIDE_BUILD__"'
BUILD_LINE = re.compile(r"^const BUILD = (?P<json>.*);$", re.MULTILINE)


def revision_of(data: bytes) -> str:
    """Return the content revision: the first 16 hex digits of the SHA-256 of the bytes.

    >>> revision_of(b"")
    'e3b0c44298fc1c14'
    """
    return hashlib.sha256(data).hexdigest()[:16]


def render_sw(template: str, data: Mapping[str, object]) -> str:
    """Put the build data into the service worker template at its one injection point."""
    if template.count(BUILD_MARKER) != 1:
        msg = f"the sw.js template must contain {BUILD_MARKER} exactly once"
        raise ValueError(msg)
    blob = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return template.replace(BUILD_MARKER, blob)


def read_build(sw_js: str) -> dict[str, object]:
    """Return the build data embedded in a built ``sw.js`` (the inverse of :func:`render_sw`)."""
    match = BUILD_LINE.search(sw_js)
    if match is None:
        msg = "no 'const BUILD = …;' line in sw.js — was it built by pocketguide/pwa?"
        raise ValueError(msg)
    data: dict[str, object] = json.loads(match["json"])
    return data


def read_precache(sw_js: str) -> list[dict[str, object]]:
    """Return the precache entries (``url``, ``revision``, ``size``) embedded in ``sw.js``."""
    entries = read_build(sw_js)["entries"]
    assert isinstance(entries, list)
    return entries
