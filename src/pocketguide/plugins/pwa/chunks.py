"""Cut the offline copy's pages into content-defined chunks, so a phone downloads each piece once.

Every page repeats the same header, navigation, share dialog and footer. Gzip compresses each
file on its own and cannot see that, so downloading 24 pages one by one pays for the same
markup 24 times. Here each page (and the search index) is cut into chunks at points chosen by
the bytes around them, not by position: an edit moves only the cut points next to it, and the
chunks elsewhere keep their ids. The service worker then

- on the first visit, downloads one *pack* (every distinct chunk of the pages and the published
  data, once) and rebuilds each page from it;
- on an update, rebuilds the new pages from chunks of the pages it already holds and fetches
  only the chunks it lacks, one small file each.

Every rebuilt file is checked against its SHA-256 revision, and a file that cannot be rebuilt
is downloaded whole, so chunks only ever save bytes; they cannot change what a reader sees.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pocketguide.sitefiles import TRANSPORT_DIR

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

#: Where the chunks and the pack are written, inside the site (never precached themselves):
#: :data:`pocketguide.sitefiles.TRANSPORT_DIR`.
CHUNK_DIR = f"{TRANSPORT_DIR}c/"
#: Files worth cutting (the pages and the search index: text that repeats across files), with
#: the content type the service worker stores a rebuilt one under.
CHUNKED_TYPES = {".html": "text/html; charset=utf-8", ".json": "application/json"}
CHUNKED_SUFFIXES = tuple(CHUNKED_TYPES)
#: Chunked files whose chunks stay out of the pack: the search index, which the first page a
#: phone opens has just downloaded, so the service worker finds it in the browser's HTTP cache.
#: Every other chunked file (the pages, the published data) comes in the pack.
UNPACKED_PREFIXES = ("search/",)

# Cut only right after a tag, an object or a line ends, so chunks are whole pieces of markup.
_CUT_AFTER = re.compile(rb"[>}\n]")
_WINDOW = 24  # bytes before a candidate that decide whether to cut there
_MASK = (1 << 6) - 1  # cut at about one candidate in 64 ...
MIN_SIZE = 512  # ... but never make a chunk smaller than this
MAX_SIZE = 8192  # nor larger than this: then cut at the last candidate that passes a looser
_BACKUP_MASK = (1 << 4) - 1  # rule (one in 16), still chosen by content, so pages stay in step
#: Hex digits of SHA-256 in a chunk's or the pack's name: 128 bits. Hosts and browsers keep
#: ``_pg/`` for a year as immutable, so a name must never stand for two different bodies across
#: all builds ever published; at 128 bits a clash is out of reach (about 2**64 chunks for even
#: odds), where 8 digits would clash after some 77,000.
ID_HEX_DIGITS = 32


def split(data: bytes) -> list[bytes]:
    """Cut ``data`` into chunks whose concatenation is ``data``.

    A cut falls after a ``>``, ``}`` or newline whose preceding bytes hash to a chosen value,
    so the same text gives the same cuts wherever it sits in a file.
    """
    chunks = []
    start = 0
    backup = 0  # the last candidate since ``start`` that passes the looser rule (0: none)
    candidates = [match.end() for match in _CUT_AFTER.finditer(data)]
    for end in [*candidates, len(data)]:
        while end - start > MAX_SIZE:  # no cut for too long: the backup, else by size
            cut_at = backup or start + MAX_SIZE
            chunks.append(data[start:cut_at])
            start, backup = cut_at, 0
        last = end == len(data)
        if end - start < MIN_SIZE and not last:
            continue
        digest = zlib.crc32(data[end - _WINDOW : end])
        cut = end - start == MAX_SIZE or digest & _MASK == 0
        if end > start and (cut or last):
            chunks.append(data[start:end])
            start, backup = end, 0
        elif digest & _BACKUP_MASK == 0:
            backup = end
    return chunks


@dataclass
class ChunkPlan:
    """Chunk ids and sizes, each file's chunk list, and the pack.

    ``ids[:packed]`` are the pack's chunks, in the order the pack holds them.
    """

    ids: list[str] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    files: dict[str, list[int]] = field(default_factory=dict)  # url -> indexes into ids
    packed: int = 0
    bodies: list[bytes] = field(default_factory=list)

    @property
    def pack(self) -> bytes:
        """The pack: the bodies of the first ``packed`` chunks, end to end."""
        return b"".join(self.bodies[: self.packed])

    @property
    def pack_url(self) -> str:
        """The pack's url, named by its content so that any cache may keep it."""
        return f"{TRANSPORT_DIR}pack.{content_id(self.pack)}.txt"

    def chunk_url(self, index: int) -> str:
        """The url of one chunk, named by its content."""
        return f"{CHUNK_DIR}{self.ids[index]}.txt"

    def outputs(self) -> dict[str, bytes]:
        """Return every file to write into the site: ``{url: bytes}``."""
        written = {self.chunk_url(i): body for i, body in enumerate(self.bodies)}
        if self.packed:
            written[self.pack_url] = self.pack
        return written

    def as_json(self) -> dict[str, object]:
        """Return what ``sw.js`` needs besides each entry's chunk list."""
        return {
            "dir": CHUNK_DIR,
            "ids": self.ids,
            "sizes": self.sizes,
            "pack": {"url": self.pack_url, "count": self.packed} if self.packed else None,
        }


def content_id(body: bytes) -> str:
    """The name of a chunk or pack: the first :data:`ID_HEX_DIGITS` hex digits of its SHA-256.

    >>> content_id(b"abc")
    'ba7816bf8f01cfea414140de5dae2223'
    """
    return hashlib.sha256(body).hexdigest()[:ID_HEX_DIGITS]


def is_chunked(url: str) -> bool:
    """Whether the service worker rebuilds ``url`` from chunks."""
    return url.endswith(CHUNKED_SUFFIXES)


def content_type(url: str) -> str:
    """The content type of a file the service worker rebuilds from chunks."""
    return CHUNKED_TYPES[url[url.rindex(".") :]]


def plan_chunks(files: Mapping[str, bytes], urls: Iterable[str]) -> ChunkPlan:
    """Cut the files at ``urls`` that are worth cutting; return their chunk plan.

    Chunks of packed files come first, then the rest. The pack orders its chunks by where in
    a page they sit: the headers of all pages together, then their menus, and so on. Chunks
    that differ only a little (the menu marks the current page) then sit close enough for gzip
    to send the second one as a few references to the first; in page order they would not
    (measured on the guide: 80 KiB gzipped instead of 95).
    """
    cut = {url: split(files[url]) for url in sorted(urls) if is_chunked(url)}
    place: dict[bytes, tuple[int, float, int]] = {}  # body -> (unpacked?, position, first use)
    for url, bodies in sorted(cut.items(), key=lambda item: _unpacked(item[0])):
        for number, body in enumerate(bodies):
            place.setdefault(body, (_unpacked(url), number / len(bodies), len(place)))
    unique = sorted(place, key=place.__getitem__)
    index = {body: i for i, body in enumerate(unique)}
    return ChunkPlan(
        ids=[content_id(body) for body in unique],
        sizes=[len(body) for body in unique],
        files={url: [index[body] for body in bodies] for url, bodies in cut.items()},
        packed=sum(1 for where in place.values() if not where[0]),
        bodies=unique,
    )


def _unpacked(url: str) -> int:
    return 1 if url.startswith(UNPACKED_PREFIXES) else 0
