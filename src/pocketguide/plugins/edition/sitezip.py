"""Pack the built site into a deterministic zip for any static host (pure, no MkDocs).

The archive holds every file of ``site/`` plus ``HOSTING.md`` (how to host it) and
``_headers`` (cache rules in the Netlify / Cloudflare Pages format, generated from the files).
Entries are sorted and carry a fixed timestamp and mode, so one site always gives the same
bytes.
"""

from __future__ import annotations

import errno
import zipfile
from importlib.resources import files as package_files
from string import Template
from typing import TYPE_CHECKING

from pocketguide import buildinfo
from pocketguide.sitefiles import HASHED, TRANSPORT_DIR

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

#: The whole site as one archive, in ``dist/``.
SITE_ZIP = "pocketguide-site.zip"
#: Names the archive adds at its root, unless the site already has its own.
HOSTING_FILES = ("HOSTING.md", "_headers")
_NO_CACHE_NAMES = {"sw.js", "manifest.webmanifest", "search/search_index.json"}
_FOREVER = "public, max-age=31536000, immutable"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_TEMPLATES = package_files("pocketguide.plugins.edition") / "templates"


def site_files(site_dir: Path) -> list[str]:
    """Return every file under ``site_dir`` as a sorted list of POSIX relative paths, but the
    build manifest (it describes the site; it is not part of it)."""
    return sorted(
        rel
        for p in site_dir.rglob("*")
        if p.is_file() and (rel := p.relative_to(site_dir).as_posix()) != buildinfo.NAME
    )


def header_rules(paths: Iterable[str]) -> list[tuple[str, str]]:
    """Return ``(url path, Cache-Control)`` rules for the files of a site.

    Pages are matched by the address they are served at (``x/index.html`` -> ``/x/``). The
    chunk folder (``_pg/``, every file named by its content) gets one rule for all its files:
    it holds hundreds, and Cloudflare Pages reads at most 100 rules.

    >>> header_rules(["index.html", "a/index.html", "sw.js", "x.12345678.min.js", "x.png"])
    [('/a/', 'no-cache'), ('/', 'no-cache'), ('/sw.js', 'no-cache'), \
('/x.12345678.min.js', 'public, max-age=31536000, immutable')]
    >>> name = "0a1b2c3d4e5f60718293a4b5c6d7e8f9.txt"  # 128 bits of SHA-256
    >>> header_rules([f"_pg/pack.{name}", f"_pg/c/{name}"])
    [('/_pg/*', 'public, max-age=31536000, immutable')]
    """
    rules = []
    paths = sorted(paths)
    if any(path.startswith(TRANSPORT_DIR) for path in paths):
        rules.append((f"/{TRANSPORT_DIR}*", _FOREVER))
    for path in paths:
        if path.startswith(TRANSPORT_DIR):
            continue
        if HASHED.search(path):
            rules.append((f"/{path}", _FOREVER))
        elif path == "index.html" or path.endswith("/index.html"):
            rules.append(("/" + path.removesuffix("index.html"), "no-cache"))
        elif path.endswith(".html") or path in _NO_CACHE_NAMES:
            rules.append((f"/{path}", "no-cache"))
    return rules


def headers_text(paths: Iterable[str]) -> str:
    """Return the ``_headers`` file for a site's files."""
    rules = "\n".join(f"{url}\n  Cache-Control: {value}" for url, value in header_rules(paths))
    template = Template((_TEMPLATES / "_headers").read_text(encoding="utf-8"))
    return template.substitute(rules=rules)


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, so the mode below is honoured by unzip
    info.external_attr = 0o100644 << 16
    return info


def make_site_zip(site_dir: Path, out: Path) -> None:
    """Write ``out``: the site's files, ``HOSTING.md`` and ``_headers``, sorted, fixed times.

    A site that already has its own ``HOSTING.md`` or ``_headers`` keeps it.
    """
    paths = site_files(site_dir)
    extra = {
        "HOSTING.md": (_TEMPLATES / "HOSTING.md").read_bytes(),
        "_headers": headers_text(paths).encode("utf-8"),
    }
    entries = dict.fromkeys(paths) | {
        name: data for name, data in extra.items() if name not in paths
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(entries):
            data = entries[name]
            payload = (site_dir / name).read_bytes() if data is None else data
            archive.writestr(_entry(name), payload, compresslevel=9)


def make_dist(site_dir: Path, dist_dir: Path, editions: Iterable[str] | None = None) -> list[Path]:
    """Fill ``dist_dir`` with the editions to pass around; return the files written.

    Each one-file edition in the site (``editions``, site-relative names; by default those
    the build manifest names, see :func:`pocketguide.buildinfo.editions`), copied, and
    :data:`SITE_ZIP` (:func:`make_site_zip`). No edition (``pocketguide/edition`` off) gives
    the zip alone. An edition the manifest names but the site lacks is an error that names
    it (:class:`FileNotFoundError`), raised before ``dist_dir`` is touched.
    """
    names = buildinfo.editions(site_dir) if editions is None else list(editions)
    for name in names:
        if not (site_dir / name).is_file():
            msg = f"the edition {name} named by the build is not in the site"
            raise FileNotFoundError(errno.ENOENT, msg, str(site_dir / name))
    dist_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        single = dist_dir / name  # es/pocketguide.html: each language's in its folder
        single.parent.mkdir(parents=True, exist_ok=True)
        single.write_bytes((site_dir / name).read_bytes())
        written.append(single)
    archive = dist_dir / SITE_ZIP
    make_site_zip(site_dir, archive)
    return [*written, archive]
