"""The build manifest: what a build made, written beside the site's files (core layer).

``site/pocketguide-build.json`` records, in the plugins' own words, what the checks,
``make site``'s ``dist/`` and the preview server would otherwise re-derive from MkDocs' rules
or hard-code:

- ``site``: the URL the site is served at, its path (``/guide/``) and ``use_directory_urls``;
- ``pages``: each built page (``emergency/index.html``) and the Markdown file it came from,
  relative to ``docs_dir`` (``emergency.md``);
- ``immutable``: the files named by their content (:func:`pocketguide.sitefiles.is_immutable`),
  which hosts may cache for good;
- ``precache``: the service worker's file (``sw.js``) and its entries (``url``, ``revision``,
  ``size``), from pocketguide/pwa;
- ``editions``: the one-file editions' names, from pocketguide/edition (``[]``: none);
- ``registry``: the source registry and the data folder, relative to ``mkdocs.yml``, from
  pocketguide/content.

Each plugin records its own part at the end of its ``on_post_build``; pocketguide/pwa runs
last and records the site, pages and immutable files from the final file list (without it,
pocketguide/edition records them). A section that is missing means its plugin did not run;
a site with no manifest was built without the plugins, and readers fall back to their old
rules. The file is not precached and not packed into ``dist/``'s site zip: it describes the
site, it is not part of it. It names only files already published, so serving it is harmless.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pocketguide.content.editions import edition_files
from pocketguide.sitefiles import is_immutable, site_path

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from pathlib import Path

NAME = "pocketguide-build.json"
"""The manifest's name at the root of the built site."""
VERSION = 1


@dataclass(frozen=True)
class BuildInfo:
    """A manifest as read back; ``None`` marks a section no plugin wrote."""

    site_url: str = ""
    base_path: str = "/"
    use_directory_urls: bool = True
    pages: dict[str, str] | None = None
    immutable: list[str] = field(default_factory=list)
    sw: str | None = None
    precache: list[dict[str, object]] | None = None
    editions: list[str] | None = None
    registry: str | None = None
    data_dir: str | None = None
    languages: dict[str, dict[str, object]] = field(default_factory=dict)
    """The offline copy (``sw``, ``entries``) of each language other than the default."""


def record(site_dir: Path, **sections: object) -> None:
    """Add or replace sections of the manifest in ``site_dir`` (sorted keys, one run's data)."""
    path = site_dir / NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        data = {"version": VERSION}
    data.update(sections)
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def record_language(site_dir: Path, code: str, precache: object, pages: Mapping[str, str]) -> None:
    """Add one more language's offline copy and pages to the manifest the default wrote.

    Its ``precache`` goes under ``languages.<code>``; its pages join ``pages``.
    """
    data = _raw(site_dir)
    merged = {**dict(data.get("pages") or {}), **pages}
    others = {**dict(data.get("languages") or {}), code: {"precache": precache}}
    files = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    record(
        site_dir,
        pages=dict(sorted(merged.items())),
        languages=others,
        immutable=[f for f in files if is_immutable(f)],
    )


def language_workers(info: BuildInfo | None) -> list[tuple[str, str]]:
    """Return ``(folder, sw)`` for each language other than the default (``("es/",
    "es/sw.js")``), as the build recorded them; none for a site in one language."""
    workers = sorted(str(entry["sw"]) for entry in (info.languages.values() if info else ()))
    return [(sw.rpartition("/")[0] + "/", sw) for sw in workers]


def add_edition(site_dir: Path, name: str) -> None:
    """Add one more language's one-file edition to the manifest's list."""
    data = _raw(site_dir)
    names = [str(n) for n in data.get("editions") or []]
    record(site_dir, editions=sorted({*names, name}))


def site_sections(
    site_dir: Path, pages: Iterable[tuple[str, str]], *, site_url: str, use_directory_urls: bool
) -> dict[str, object]:
    """Return the ``site``, ``pages`` and ``immutable`` sections for the files now in the site.

    ``pages`` holds ``(built page, Markdown source)`` pairs, both posix and relative (to the
    site and to ``docs_dir``).
    """
    files = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file())
    return {
        "site": {
            "url": site_url,
            "path": site_path(site_url),
            "use_directory_urls": use_directory_urls,
        },
        "pages": dict(sorted(pages)),
        "immutable": [f for f in files if is_immutable(f)],
    }


def _raw(site_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((site_dir / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    return data


def read(site_dir: Path) -> BuildInfo | None:
    """Return the manifest of a built site, or None when it has none (or an unreadable one)."""
    data = _raw(site_dir)
    if not data:
        return None
    site = data.get("site") if isinstance(data.get("site"), dict) else {}
    assert isinstance(site, dict)
    precache = data.get("precache") if isinstance(data.get("precache"), dict) else None
    registry = data.get("registry") if isinstance(data.get("registry"), dict) else None
    return BuildInfo(
        site_url=str(site.get("url") or ""),
        base_path=str(site.get("path") or "/"),
        use_directory_urls=site.get("use_directory_urls") is not False,
        pages=_strings(data.get("pages")),
        immutable=_names(data.get("immutable")) or [],
        sw=str(precache["sw"]) if precache and precache.get("sw") else None,
        precache=[e for e in precache.get("entries") or [] if isinstance(e, dict)]
        if precache
        else None,
        editions=_names(data.get("editions")),
        registry=str(registry["sources"]) if registry and registry.get("sources") else None,
        data_dir=str(registry["data_dir"]) if registry and registry.get("data_dir") else None,
        languages={
            str(code): dict(entry["precache"])
            for code, entry in (data.get("languages") or {}).items()
            if isinstance(entry, dict) and isinstance(entry.get("precache"), dict)
        },
    )


def _strings(value: object) -> dict[str, str] | None:
    if not isinstance(value, dict):
        return None
    return {str(k): str(v) for k, v in value.items()}


def _names(value: object) -> list[str] | None:
    if not isinstance(value, list):
        return None
    return [str(v) for v in value]


def editions(site_dir: Path, info: BuildInfo | None = None) -> list[str]:
    """Return the one-file editions of a built site: the manifest's list, or, for a site
    built without one, the files that carry the edition's stamp."""
    info = info or read(site_dir)
    if info is None:
        return edition_files(site_dir)
    return list(info.editions or [])


def registry_paths(info: BuildInfo | None, config_dir: Path, docs_dir: Path) -> tuple[Path, Path]:
    """Return the source registry and the data folder a site was built with (as recorded by
    pocketguide/content, relative to ``mkdocs.yml``; else ``docs/sources.yml`` and
    ``docs/data``)."""
    sources = config_dir / info.registry if info and info.registry else docs_dir / "sources.yml"
    data = config_dir / info.data_dir if info and info.data_dir else docs_dir / "data"
    return sources, data
