"""The privacy rule: a built page may make no request to another origin.

This is the one place that decides what counts as an external resource. Links a reader
chooses to follow (``<a href>``) are allowed; anything the browser loads by itself from
another origin (scripts, styles, fonts, images, ``srcset``, iframes, ``preconnect`` and
``dns-prefetch``, CSS ``url()`` in stylesheets and ``style`` attributes, manifest icons) is
not, because it tells a third party that someone is reading about drugs. ``scan_site``
runs the rule on a whole ``site/``; the link check calls the same functions per page.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from pocketguide.findings import Finding
from pocketguide.sitelayout import HAS_SCHEME
from pocketguide.validators.html import css_urls, parse_page

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from pocketguide.validators.html import Ref

CODE = "LNK020"
FIX = "copy the file into docs/ and link it relatively (or drop it)"
LOCAL_SCHEMES = frozenset({"", "data", "blob", "about", "javascript", "mailto", "tel", "sms"})


def is_external(url: str) -> bool:
    """Return True when fetching ``url`` would contact a host other than the site's own."""
    text = url.strip()
    if text.startswith("//"):
        return True
    scheme = HAS_SCHEME.match(text)
    return scheme is not None and scheme.group()[:-1].lower() not in LOCAL_SCHEMES


def external_loads(refs: Iterable[Ref]) -> list[Ref]:
    """Return the refs the browser would load from another origin by itself."""
    return [r for r in refs if r.loads and is_external(r.url)]


def external_css(css: str) -> list[str]:
    """Return the external URLs a stylesheet loads (``url()`` and ``@import``)."""
    return [u for u in css_urls(css) if is_external(u)]


def manifest_urls(manifest: object) -> list[str]:
    """Return every URL a web app manifest makes the browser fetch or open."""
    if not isinstance(manifest, dict):
        return []
    urls = [
        str(manifest[k]) for k in ("start_url", "scope", "id") if isinstance(manifest.get(k), str)
    ]
    for key in ("icons", "screenshots"):
        urls.extend(_srcs(manifest.get(key)))
    for shortcut in manifest.get("shortcuts") or []:
        if isinstance(shortcut, dict):
            if isinstance(shortcut.get("url"), str):
                urls.append(shortcut["url"])
            urls.extend(_srcs(shortcut.get("icons")))
    return urls


def _srcs(items: object) -> list[str]:
    if not isinstance(items, list):
        return []
    return [i["src"] for i in items if isinstance(i, dict) and isinstance(i.get("src"), str)]


def describe(ref: Ref) -> str:
    """Return the finding message for an external resource."""
    return f"<{ref.tag} {ref.attr}> loads '{ref.url}' from another origin"


def scan_site(site_dir: Path) -> list[Finding]:
    """Return one finding per external resource in the HTML, CSS and manifests of a site."""
    findings: list[Finding] = []
    for path in sorted(site_dir.rglob("*")):
        suffix = path.suffix.lower()
        if suffix not in {".html", ".htm", ".css", ".webmanifest"} or not path.is_file():
            continue
        where = str(path)
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            findings.append(Finding(where, 0, 0, "LNK040", f"cannot read the file: {exc}"))
            continue
        if suffix == ".css":
            messages = [f"stylesheet loads '{u}' from another origin" for u in external_css(text)]
        elif suffix == ".webmanifest":
            messages = [f"manifest points at '{u}' on another origin" for u in _manifest(text)]
        else:
            messages = [describe(r) for r in external_loads(parse_page(text).refs)]
        findings.extend(Finding(where, 0, 0, CODE, m, FIX) for m in messages)
    return findings


def _manifest(text: str) -> list[str]:
    try:
        return [u for u in manifest_urls(json.loads(text)) if is_external(u)]
    except ValueError:
        return []
