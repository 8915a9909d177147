"""Unit tests of :mod:`pocketguide.plugins.pwa.manifest` (pure: values in, manifest out)."""

from __future__ import annotations

import json

import pytest

from pocketguide.plugins.pwa.manifest import (
    ICONS,
    ManifestInput,
    build_manifest,
    direction_for,
    install_only_icons,
    manifest_json,
    short_name_for,
)
from pocketguide.sitefiles import site_path


def manifest_input(**changes: object) -> ManifestInput:
    values: dict[str, object] = {
        "name": "Pocket Guide to Ketamine",
        "short_name": "Pocket Guide",
        "description": "Offline harm-reduction facts.",
        "lang": "en",
        "site_url": "https://example.org/",
        "theme_color": "#4a148c",
        "background_color": "#ffffff",
        "categories": ("health", "medical"),
        "shortcuts": (("Emergency", "emergency/", "What to do now"), ("Mixing", "mixing/", "")),
    }
    values.update(changes)
    return ManifestInput(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        # site_url                         path the site is served under
        (None, "/"),
        ("", "/"),
        ("https://example.org", "/"),
        ("https://example.org/", "/"),
        ("https://example.org/guide", "/guide/"),
        ("https://example.org/guide/", "/guide/"),
        ("https://example.org/a/b/?x=1#top", "/a/b/"),
        ("http://127.0.0.1:8000/guide/", "/guide/"),
    ],
)
def test_site_path(site_url: str | None, expected: str) -> None:
    assert site_path(site_url) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # full name                       home-screen label (at most 12 characters)
        ("Pocket Guide", "Pocket Guide"),
        ("Twelve chars", "Twelve chars"),
        ("Pocket Guide to Ketamine", "Pocket Guide"),
        ("Fixture Guide", "Fixture"),
        ("A B C D E F G H", "A B C D E F"),
        ("Supercalifragilistic guide", "Supercalifra"),
        ("", ""),
    ],
)
def test_short_name_for(name: str, expected: str) -> None:
    assert short_name_for(name) == expected
    assert len(short_name_for(name)) <= 12


@pytest.mark.parametrize(
    ("site_url", "expected_id"),
    [
        # site_url                       manifest id (start_url and scope stay "./")
        ("https://example.org/", "/"),
        ("https://example.org/guide/", "/guide/"),
        ("https://example.org/guide", "/guide/"),
        (None, "/"),
    ],
)
def test_build_manifest_scope_fields(site_url: str | None, expected_id: str) -> None:
    manifest = build_manifest(manifest_input(site_url=site_url))

    assert manifest["id"] == expected_id
    assert manifest["start_url"] == "./"
    assert manifest["scope"] == "./"


def test_build_manifest_fields() -> None:
    manifest = build_manifest(manifest_input())

    assert {key: value for key, value in manifest.items() if key not in {"icons", "shortcuts"}} == {
        "id": "/",
        "name": "Pocket Guide to Ketamine",
        "short_name": "Pocket Guide",
        "description": "Offline harm-reduction facts.",
        "lang": "en",
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "orientation": "any",
        "theme_color": "#4a148c",
        "background_color": "#ffffff",
        "categories": ["health", "medical"],
    }


def test_build_manifest_icons_are_192_and_512_any_plus_512_maskable() -> None:
    assert build_manifest(manifest_input())["icons"] == [
        {
            "src": "assets/icons/icon-192.png",
            "sizes": "192x192",
            "type": "image/png",
            "purpose": "any",
        },
        {
            "src": "assets/icons/icon-512.png",
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "any",
        },
        {
            "src": "assets/icons/icon-maskable-512.png",
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
    ]


def test_build_manifest_shortcuts_keep_order_and_omit_empty_description() -> None:
    icon = [{"src": "assets/icons/icon-192.png", "sizes": "192x192", "type": "image/png"}]

    assert build_manifest(manifest_input())["shortcuts"] == [
        {
            "name": "Emergency",
            "short_name": "Emergency",
            "description": "What to do now",
            "url": "emergency/",
            "icons": icon,
        },
        {"name": "Mixing", "short_name": "Mixing", "url": "mixing/", "icons": icon},
    ]


def test_build_manifest_without_shortcuts() -> None:
    assert build_manifest(manifest_input(shortcuts=()))["shortcuts"] == []


def test_manifest_json_is_stable_pretty_json_with_trailing_newline() -> None:
    data = manifest_input(name="Guía de bolsillo")
    text = manifest_json(data)

    assert text == manifest_json(data)
    assert text.endswith("}\n")
    assert '"name": "Guía de bolsillo"' in text  # not escaped to \u00ed
    assert json.loads(text) == build_manifest(data)


def test_icon_specs_paths_sizes_and_purposes() -> None:
    assert [(icon.path, icon.size, icon.purpose) for icon in ICONS] == [
        # path                                      pixels  purpose
        ("assets/icons/icon-192.png", 192, "any"),
        ("assets/icons/icon-512.png", 512, "any"),
        ("assets/icons/icon-maskable-512.png", 512, "maskable"),
        ("assets/icons/apple-touch-icon-180.png", 180, "apple"),
        ("assets/icons/favicon-48.png", 48, "favicon"),
    ]


def test_install_only_icons_are_all_but_the_favicon_and_the_192_icon() -> None:
    """Pages load the favicon; Chromium loads the 192 px icon with every page."""
    reason = "install-time icons (the browser fetches them when installing)"

    assert install_only_icons() == {
        "assets/icons/icon-512.png": reason,
        "assets/icons/icon-maskable-512.png": reason,
        "assets/icons/apple-touch-icon-180.png": reason,
    }


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # theme.language   manifest dir
        ("en", "ltr"),
        ("es", "ltr"),
        ("ar", "rtl"),
        ("he", "rtl"),
        ("fa", "rtl"),
        ("ur", "rtl"),
        ("fa-IR", "rtl"),
        ("AR", "rtl"),
        ("fr-CA", "ltr"),
    ],
)
def test_direction_for_language(language: str, expected: str) -> None:
    assert direction_for(language) == expected


def test_build_manifest_writes_the_direction_and_leaves_out_empty_categories() -> None:
    data = build_manifest(manifest_input(direction="rtl", categories=()))

    assert data["dir"] == "rtl"
    assert "categories" not in data
    assert build_manifest(manifest_input())["dir"] == "ltr"
