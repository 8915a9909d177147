"""The shape of a built site: where it lives on the web, and which Markdown made each page.

Read from ``mkdocs.yml`` without running MkDocs: ``site_url`` (a sub-path such as
``/guide/`` changes what absolute links must start with), ``use_directory_urls`` and
``docs_dir``. Pages map back to their Markdown source with MkDocs' own naming rule.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

import yaml

from pocketguide.findings import Finding

if TYPE_CHECKING:
    from pathlib import Path


HAS_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
"""An absolute URL (``https:``, ``mailto:``…); what urlsplit takes as a scheme."""


class _MkDocsLoader(yaml.SafeLoader):
    """SafeLoader that reads ``!ENV`` like MkDocs and tolerates any other tag."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else []
        names, default = [str(v) for v in values[:-1]], values[-1] if values else None
    for name in names:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)])
    return default


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    del loader, suffix, node
    return None


_MkDocsLoader.add_constructor("!ENV", _env)
_MkDocsLoader.add_multi_constructor("", _any_tag)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


@dataclass(frozen=True)
class SiteLayout:
    """Where a built site lives and where each of its pages came from.

    ``base_path`` is the URL path of the site root, ``/`` or e.g. ``/guide/``. ``sources``
    maps a site-relative page (``emergency/index.html``) to its Markdown file.
    """

    site_dir: Path
    docs_dir: Path
    site_url: str = ""
    base_path: str = "/"
    use_directory_urls: bool = True
    sources: dict[str, Path] = field(default_factory=dict)

    def own_url_path(self, url: str) -> str | None:
        """Return the URL path of an absolute URL into this site, or None for anything else.

        ``https://example.org/shop/`` is not this site when it lives at
        ``https://example.org/guide/``: it is an external link.
        """
        if not self.site_url:
            return None
        mine, other = urlsplit(self.site_url), urlsplit(url)
        if (mine.scheme, mine.netloc) != (other.scheme, other.netloc):
            return None
        path = other.path or "/"
        inside = path.startswith(self.base_path) or path + "/" == self.base_path
        return path if inside else None  # elsewhere on the same host: another website


def read_mkdocs_config(config_file: Path) -> tuple[dict[str, Any], list[Finding]]:
    """Return the parsed ``mkdocs.yml`` (``!ENV`` resolved), or an empty dict and a finding."""
    try:
        loaded = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_MkDocsLoader)  # noqa: S506
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        message = f"cannot read the MkDocs configuration: {exc}".splitlines()[0]
        return {}, [Finding(str(config_file), 0, 0, "LNK040", message, "fix mkdocs.yml")]
    return (loaded if isinstance(loaded, dict) else {}), []


def load_layout(
    site_dir: Path, docs_dir: Path, config_file: Path
) -> tuple[SiteLayout, list[Finding]]:
    """Return the layout of ``site_dir`` built from ``docs_dir`` with ``config_file``."""
    config, problems = read_mkdocs_config(config_file)
    site_url = str(config.get("site_url") or "")
    base = urlsplit(site_url).path or "/"
    if not base.endswith("/"):
        base += "/"
    directory_urls = config.get("use_directory_urls", True) is not False
    layout = SiteLayout(
        site_dir=site_dir,
        docs_dir=docs_dir,
        site_url=site_url if site_url.endswith("/") or not site_url else site_url + "/",
        base_path=base,
        use_directory_urls=directory_urls,
        sources=source_map(docs_dir, use_directory_urls=directory_urls),
    )
    return layout, problems


def page_for_source(src: str, *, use_directory_urls: bool) -> str:
    """Return the site-relative HTML file MkDocs writes for Markdown file ``src`` (posix)."""
    folder, name = posixpath.split(src)
    stem = posixpath.splitext(name)[0]
    if stem in {"index", "README"}:
        out = "index.html"
    elif use_directory_urls:
        out = f"{stem}/index.html"
    else:
        out = f"{stem}.html"
    return posixpath.join(folder, out)


def source_map(docs_dir: Path, *, use_directory_urls: bool) -> dict[str, Path]:
    """Map each page MkDocs would build from ``docs_dir`` to its Markdown file."""
    pages: dict[str, Path] = {}
    for md in sorted(docs_dir.rglob("*.md")):
        rel = md.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        page = page_for_source(rel, use_directory_urls=use_directory_urls)
        # index.md wins over README.md, as in MkDocs.
        if page not in pages or md.stem == "index":
            pages[page] = md
    return pages


def url_of_page(page: str) -> str:
    """Return the site-relative URL of a page file: ``a/index.html`` is ``a/``."""
    if page == "index.html":
        return ""
    if page.endswith("/index.html"):
        return page[: -len("index.html")]
    return page


@dataclass(frozen=True)
class Target:
    """Where an internal URL points: a site-relative path (maybe a folder) and a fragment."""

    path: str
    fragment: str
    escapes: bool = False  # the URL leaves the site (above its root or outside base_path)


def resolve(url: str, page: str, layout: SiteLayout) -> Target | None:
    """Resolve ``url`` found on ``page`` (site-relative file) to a target in the site.

    Returns None for URLs that are not internal: other origins and schemes (``mailto:``,
    ``data:``…). Query strings are dropped: a static host ignores them.
    """
    text = url.strip()
    if HAS_SCHEME.match(text) or text.startswith("//"):
        parts = urlsplit(text)
        own = layout.own_url_path(text) if parts.scheme in {"http", "https"} else None
        if own is None:
            return None
        path, fragment = own, unquote(parts.fragment)
    else:  # the common case, a relative URL: no need for the full parser
        rest, _, fragment = text.partition("#")
        path = rest.partition("?")[0]
        fragment = unquote(fragment)
    if not path:
        return Target(page, fragment)
    path = unquote(path)
    if path.startswith("/"):
        if not path.startswith(layout.base_path) and path + "/" != layout.base_path:
            return Target(path, fragment, escapes=True)
        joined = path[len(layout.base_path) :]
    else:
        folder = page.rpartition("/")[0]
        joined = f"{folder}/{path}" if folder else path
    trailing = path.endswith(("/", "/.", "/..")) or path in {".", ".."}
    normal = posixpath.normpath(joined) if joined else "."
    if normal == ".." or normal.startswith("../"):
        return Target(path, fragment, escapes=True)
    normal = "" if normal == "." else normal
    if trailing and normal:
        normal += "/"
    return Target(normal, fragment)


def existing_file(target_path: str, files: set[str]) -> str | None:
    """Return the site file a static host serves for ``target_path``, or None.

    ``""`` and ``a/`` serve ``index.html`` and ``a/index.html``; ``a`` serves the file ``a``
    or, after the usual redirect, ``a/index.html``.
    """
    if target_path == "" or target_path.endswith("/"):
        candidate = target_path + "index.html"
        return candidate if candidate in files else None
    if target_path in files:
        return target_path
    folder_index = target_path + "/index.html"
    return folder_index if folder_index in files else None


def list_files(site_dir: Path) -> set[str]:
    """Return every file under ``site_dir`` as a site-relative posix path."""
    return {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
