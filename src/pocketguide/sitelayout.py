"""Where a built site lives on the web, and how its URLs and files relate (core layer).

Pure: no MkDocs and no plugin. The link check, pocketguide/minify and the build manifest
resolve URLs and name pages with these functions, so they all follow the same rules.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from pathlib import Path


HAS_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
"""An absolute URL (``https:``, ``mailto:``…); what urlsplit takes as a scheme."""


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
