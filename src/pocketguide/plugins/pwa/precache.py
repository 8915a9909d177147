"""Decide what the offline copy holds, and embed that list in ``sw.js``.

Pure functions over a built site directory: the list is sorted, revisioned by content hash and
bounded, so two builds of the same input give byte-identical ``sw.js`` and an update fetches
only the files whose bytes changed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from fnmatch import fnmatch
from typing import TYPE_CHECKING

from pocketguide.content.swdata import SW_NAME, revision_of
from pocketguide.sitefiles import TRANSPORT_DIR

from . import chunks

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path


# Always left out, with the reason the build summary gives.
FIXED_EXCLUDES: tuple[tuple[str, str], ...] = (
    (SW_NAME, "the service worker itself"),
    ("*.map", "source maps"),
    ("sitemap.xml", "sitemap (for search engines)"),
    ("sitemap.xml.gz", "sitemap (for search engines)"),
    (f"{TRANSPORT_DIR}*", "chunks the service worker downloads pages in"),
)
LUNR_DIR = "assets/javascripts/lunr/"
#: Saved whatever their size: without the index, search silently stops working offline. A big
#: index is cut into chunks like the pages (see :mod:`.chunks`), so it is still fetched once.
NEVER_TOO_BIG: tuple[str, ...] = ("search/search_index.json",)


@dataclass(frozen=True)
class Entry:
    """One file of the offline copy.

    Every file has a ``revision``, even one whose name carries a hash (Material's
    ``bundle.79ae519e.min.js``): the service worker stores no body it has not checked against
    it, so a host's "not found" page or a Wi-Fi login page sent with status 200 is refused.
    """

    url: str
    revision: str
    size: int

    def as_json(self) -> dict[str, object]:
        """Return the entry as the service worker reads it."""
        return {"url": self.url, "revision": self.revision, "size": self.size}


@dataclass
class Plan:
    """The precache list plus what was left out and why."""

    entries: list[Entry] = field(default_factory=list)
    later: list[Entry] = field(default_factory=list)
    """Kept offline too, but fetched after the guide is saved (``precache_later``)."""
    excluded: dict[str, str] = field(default_factory=dict)  # url -> reason
    warnings: list[str] = field(default_factory=list)

    def excluded_summary(self) -> str:
        """Return e.g. ``6 source maps, 1 sitemap (for search engines)``, largest group first."""
        counts = Counter(self.excluded.values())
        return ", ".join(f"{n} {reason}" for reason, n in sorted(counts.items(), key=_by_count))


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])


def search_language_files(languages: Iterable[str]) -> set[str]:
    """Return the lunr files Material's search worker loads for ``languages``.

    English needs none; any other language needs the stemmer support and its own file, and
    more than one language needs ``lunr.multi``.
    """
    langs = sorted(set(languages))
    needed: set[str] = set()
    others = [lang for lang in langs if lang != "en"]
    if others:
        needed.add(f"{LUNR_DIR}min/lunr.stemmer.support.min.js")
        needed.update(f"{LUNR_DIR}min/lunr.{lang}.min.js" for lang in others)
        if "ja" in others:
            needed.add(f"{LUNR_DIR}tinyseg.js")
        if "th" in others:
            needed.add(f"{LUNR_DIR}wordcut.js")
    if len(langs) > 1:
        needed.add(f"{LUNR_DIR}min/lunr.multi.min.js")
    return needed


def plan_precache(
    files: Mapping[str, bytes],
    *,
    languages: Iterable[str],
    exclude: Iterable[str] = (),
    extra_excludes: Mapping[str, str] | None = None,
    max_file_size: int,
    later: Iterable[str] = (),
) -> Plan:
    """Return the precache plan for a site given as ``{site-relative url: bytes}``.

    ``exclude`` are the editor's glob patterns; each must match something, or the plan warns.
    ``extra_excludes`` maps exact urls to a reason (files the build knows nobody loads).
    ``later`` are glob patterns of files kept offline but out of the first save: the service
    worker fetches them once every other file is saved (the one-file edition, to pass on).
    """
    plan = Plan()
    languages_needed = search_language_files(languages)
    patterns = list(exclude)
    later_patterns = list(later)
    used: set[str] = set()
    for url in sorted(files):
        data = files[url]
        reason = _fixed_reason(url, languages_needed) or (extra_excludes or {}).get(url)
        if reason is None:
            for pattern in patterns:
                if fnmatch(url, pattern):
                    used.add(pattern)
                    reason = "left out by precache_exclude"
                    break
        if reason is None and len(data) > max_file_size and url not in NEVER_TOO_BIG:
            reason = "over max_file_size"
            plan.warnings.append(
                f"{url} is {len(data)} bytes, over max_file_size ({max_file_size}), and won't be "
                "saved for offline use — make it smaller or raise max_file_size"
            )
        if reason is not None:
            plan.excluded[url] = reason
            continue
        deferred = [pattern for pattern in later_patterns if fnmatch(url, pattern)]
        used.update(deferred)
        (plan.later if deferred else plan.entries).append(Entry(url, revision_of(data), len(data)))
    plan.warnings.extend(
        f"{option} pattern '{pattern}' matches no file — remove it or fix the pattern"
        for option, listed in (("precache_exclude", patterns), ("precache_later", later_patterns))
        for pattern in listed
        if pattern not in used
    )
    return plan


def _fixed_reason(url: str, languages_needed: set[str]) -> str | None:
    for pattern, reason in FIXED_EXCLUDES:
        if fnmatch(url, pattern):
            return reason
    if url.startswith(LUNR_DIR) and url not in languages_needed:
        return "search language files not configured"
    return None


def build_data(
    entries: Iterable[Entry],
    *,
    chunk_plan: chunks.ChunkPlan | None = None,
    cache_prefix: str,
    offline_page: str,
    content_date: str | None,
    self_destroying: bool,
    later: Iterable[Entry] = (),
) -> dict[str, object]:
    """Return what ``sw.js`` embeds; ``version`` is derived from every entry's revision.

    With a ``chunk_plan``, each file it cut also lists its chunks (indexes into the plan's ids)
    and the content type to store it under. ``later`` entries are fetched whole, after the
    others are saved.
    """
    listed = [e.as_json() for e in entries]
    deferred = [e.as_json() for e in later]
    hashed = json.dumps([listed, deferred] if deferred else listed, sort_keys=True)
    version = hashlib.sha256(hashed.encode()).hexdigest()[:12]
    cut = chunk_plan.files if chunk_plan else {}
    for item in listed:
        url = str(item["url"])
        if url in cut:
            item["chunks"] = cut[url]
            item["type"] = chunks.content_type(url)
    data: dict[str, object] = {
        "chunks": chunk_plan.as_json() if chunk_plan else None,
        "version": version,
        "contentDate": content_date,
        "cachePrefix": cache_prefix,
        "offlinePage": offline_page,
        "selfDestroying": self_destroying,
        "entries": listed,
    }
    if deferred:
        data["later"] = deferred
    return data


def gzip_size(data: bytes) -> int:
    """Return the size of ``data`` gzip-compressed as a web server would (level 6, no name)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def read_site(site_dir: Path) -> dict[str, bytes]:
    """Return every file under ``site_dir`` as ``{posix relative path: bytes}``."""
    return {
        path.relative_to(site_dir).as_posix(): path.read_bytes()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


def download_size(build: Mapping[str, object], site: Mapping[str, bytes]) -> int:
    """Return the gzip bytes a phone downloads to save everything ``build`` lists from nothing.

    That is the pack once (when the build has one) plus every file the pack does not hold
    whole, each gzipped as a web server would. A real first visit costs less: the service
    worker takes what the page already loaded from the HTTP cache.
    """
    chunking = build.get("chunks")
    pack = chunking.get("pack") if isinstance(chunking, dict) else None
    packed = int(pack["count"]) if pack else 0
    total = gzip_size(site[str(pack["url"])]) if pack else 0
    entries = build["entries"]
    assert isinstance(entries, list)
    for entry in entries:
        indexes = entry.get("chunks")
        if not (pack and indexes and max(indexes) < packed):
            total += gzip_size(site[str(entry["url"])])
    return total


def summary_line(plan: Plan, site: Mapping[str, bytes], build: Mapping[str, object]) -> str:
    """Return the one-line build summary: what is saved for offline use, and what is not."""
    raw = sum(entry.size for entry in plan.entries)
    pages = sum(1 for entry in plan.entries if entry.url.endswith(".html"))
    line = (
        f"offline copy: {len(plan.entries)} files ({pages} HTML), {raw / 1024:.1f} KiB, "
        f"{download_size(build, site) / 1024:.1f} KiB to download gzipped"
    )
    if plan.later:
        kib = sum(entry.size for entry in plan.later) / 1024
        line += f"; then {len(plan.later)} more kept offline ({kib:.1f} KiB, fetched after)"
    if plan.excluded:
        count = len(plan.excluded)
        line += f"; left out {count} file{'' if count == 1 else 's'}: {plan.excluded_summary()}"
    return line


_STYLESHEET = re.compile(r"""<link\b[^>]*?\bhref=["']?([^"' >]+\.css)\b""", re.IGNORECASE)


def linked_stylesheets(site: Mapping[str, bytes]) -> set[str]:
    """Return the site paths of the stylesheets the HTML pages of ``site`` link.

    >>> sorted(linked_stylesheets({"es/a/index.html": b'<link rel=stylesheet href=../../x.css>'}))
    ['x.css']
    """
    found: set[str] = set()
    for path, body in site.items():
        if not path.endswith(".html"):
            continue
        folder = posixpath.dirname(path)
        for href in _STYLESHEET.findall(body.decode("utf-8", "replace")):
            if "//" not in href:
                found.add(posixpath.normpath(posixpath.join(folder, href.split("?")[0])))
    return found
