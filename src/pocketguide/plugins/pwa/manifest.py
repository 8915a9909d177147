"""Build the web app manifest from plain values (no MkDocs objects)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pocketguide.sitefiles import site_path

MANIFEST_NAME = "manifest.webmanifest"

#: Languages written right to left (Arabic, Hebrew, Persian, Urdu, and a few more).
RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"})


def direction_for(language: str) -> str:
    """Return the manifest ``dir`` for a language tag: ``rtl`` or ``ltr``.

    >>> direction_for("ar"), direction_for("fa-IR"), direction_for("es")
    ('rtl', 'rtl', 'ltr')
    """
    return "rtl" if language.split("-", maxsplit=1)[0].lower() in RTL_LANGUAGES else "ltr"


@dataclass(frozen=True)
class IconSpec:
    """One icon file the build writes: its site-relative path, pixel size and purpose."""

    path: str
    size: int
    purpose: str = "any"


# Every icon the manifest and the page head declare. Sizes are checked against the pixels.
ICONS: tuple[IconSpec, ...] = (
    IconSpec("assets/icons/icon-192.png", 192),
    IconSpec("assets/icons/icon-512.png", 512),
    IconSpec("assets/icons/icon-maskable-512.png", 512, "maskable"),
    IconSpec("assets/icons/apple-touch-icon-180.png", 180, "apple"),
    IconSpec("assets/icons/favicon-48.png", 48, "favicon"),
)


def install_only_icons() -> dict[str, str]:
    """Return the icons only the browser's installer fetches; pages never load them offline.

    The 192 px icon stays in the offline copy: Chromium loads it with every page to check
    installability and for the shortcuts, and would log a download error offline.
    """
    return {
        icon.path: "install-time icons (the browser fetches them when installing)"
        for icon in ICONS
        if icon.purpose != "favicon" and icon.size != 192
    }


@dataclass(frozen=True)
class ManifestInput:
    """Everything the manifest is made of, already resolved to strings."""

    name: str
    short_name: str
    description: str
    lang: str
    site_url: str | None
    theme_color: str
    background_color: str
    categories: tuple[str, ...]
    shortcuts: tuple[tuple[str, str, str], ...]  # (name, url from the manifest, description)
    direction: str = "ltr"
    root: str = ""  # from the manifest to the site root: "" or "../" for es/


def short_name_for(name: str) -> str:
    """Pick a home-screen label: the name itself if short, else its first word(s) up to 12."""
    if len(name) <= 12:
        return name
    words: list[str] = []
    for word in name.split():
        if len(" ".join([*words, word])) > 12:
            break
        words.append(word)
    return " ".join(words) or name[:12]


def build_manifest(data: ManifestInput) -> dict[str, object]:
    """Return the manifest as a dict; URLs are relative to the manifest, which sits at the root
    of its language (the site root, or the language's folder: ``root`` leads back to the icons).

    ``start_url`` and ``scope`` are ``./`` so the app works under any sub-path; ``id`` is the
    absolute path from ``site_url`` so that it stays stable if the start page ever changes.
    """
    icons = [
        {
            "src": data.root + icon.path,
            "sizes": f"{icon.size}x{icon.size}",
            "type": "image/png",
            "purpose": icon.purpose,
        }
        for icon in ICONS
        if icon.purpose in {"any", "maskable"}
    ]
    shortcuts = [
        {
            "name": name,
            "short_name": name,
            **({"description": text} if text else {}),
            "url": url,
            "icons": [{"src": data.root + ICONS[0].path, "sizes": "192x192", "type": "image/png"}],
        }
        for name, url, text in data.shortcuts
    ]
    return {
        "id": site_path(data.site_url),
        "name": data.name,
        "short_name": data.short_name,
        "description": data.description,
        "lang": data.lang,
        "dir": data.direction,
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "orientation": "any",
        "theme_color": data.theme_color,
        "background_color": data.background_color,
        **({"categories": list(data.categories)} if data.categories else {}),
        "icons": icons,
        "shortcuts": shortcuts,
    }


def manifest_json(data: ManifestInput) -> str:
    """Return the manifest as stable, pretty JSON (same input, same bytes)."""
    return json.dumps(build_manifest(data), indent=2, ensure_ascii=False) + "\n"
