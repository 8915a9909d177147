"""Unit tests of the hosting archive (pocketguide.plugins.edition.sitezip)."""

from __future__ import annotations

import zipfile

import pytest

from pocketguide.plugins.edition.sitezip import (
    header_rules,
    headers_text,
    make_dist,
    make_site_zip,
    site_files,
)

SITE = {
    "index.html": b"<h1>home</h1>",
    "emergency/index.html": b"<h1>emergency</h1>",
    "404.html": b"<h1>not found</h1>",
    "sw.js": b"self.x = 1;",
    "manifest.webmanifest": b"{}",
    "search/search_index.json": b"{}",
    "assets/javascripts/bundle.79ae519e.min.js": b"js",
    "assets/stylesheets/main.57a0d79d.min.css": b"css",
    "assets/javascripts/lunr/min/lunr.en.min.js": b"lunr",
    "assets/icon.png": b"\x89PNG",
    ".nojekyll": b"",
}


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    for name, data in SITE.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


@pytest.mark.parametrize(
    # file of the site, rule it gets (None: left to the host's default)
    ("path", "rule"),
    [
        ("index.html", ("/", "no-cache")),
        ("emergency/index.html", ("/emergency/", "no-cache")),
        ("404.html", ("/404.html", "no-cache")),
        ("pocketguide.html", ("/pocketguide.html", "no-cache")),
        ("sw.js", ("/sw.js", "no-cache")),
        ("manifest.webmanifest", ("/manifest.webmanifest", "no-cache")),
        ("search/search_index.json", ("/search/search_index.json", "no-cache")),
        (
            "assets/javascripts/bundle.79ae519e.min.js",
            ("/assets/javascripts/bundle.79ae519e.min.js", "public, max-age=31536000, immutable"),
        ),
        # The chunk folder: one rule for its hundreds of content-named files.
        (
            "_pg/c/0a1b2c3d4e5f60718293a4b5c6d7e8f9.txt",
            ("/_pg/*", "public, max-age=31536000, immutable"),
        ),
        (
            "_pg/pack.0a1b2c3d4e5f60718293a4b5c6d7e8f9.txt",
            ("/_pg/*", "public, max-age=31536000, immutable"),
        ),
        ("assets/javascripts/lunr/min/lunr.en.min.js", None),
        ("assets/icon.png", None),
    ],
)
def test_header_rules(path, rule):
    assert header_rules([path]) == ([rule] if rule else [])


def test_chunk_folder_gets_one_rule_however_many_files_it_holds():
    chunks = [f"_pg/c/{n:032x}.txt" for n in range(500)]
    assert header_rules(
        ["index.html", "_pg/pack.0a1b2c3d4e5f60718293a4b5c6d7e8f9.txt", *chunks]
    ) == [
        ("/_pg/*", "public, max-age=31536000, immutable"),
        ("/", "no-cache"),
    ]


def test_headers_text_sets_cache_control_once_per_path(site):
    text = headers_text(site_files(site))
    assert "/*\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n" in text
    assert "/sw.js\n  Cache-Control: no-cache\n" in text
    assert "$rules" not in text
    rule_paths = [line for line in text.splitlines() if line.startswith("/")]
    assert len(rule_paths) == len(set(rule_paths)) == 9
    assert text.count("\n  Cache-Control: ") == 8  # every rule but /*


def test_zip_holds_the_site_byte_identical_plus_hosting_files(site, tmp_path):
    out = tmp_path / "dist" / "pocketguide-site.zip"
    make_site_zip(site, out)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert names == sorted([*SITE, "HOSTING.md", "_headers"])
        for name, data in SITE.items():
            assert archive.read(name) == data, name
        assert archive.read("HOSTING.md").startswith(b"# Hosting Pocket Guide\n")
        assert archive.read("_headers").decode() == headers_text(SITE)
        infos = archive.infolist()
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {info.external_attr >> 16 for info in infos} == {0o100644}


def test_zip_is_deterministic(site, tmp_path):
    make_site_zip(site, tmp_path / "a.zip")
    (site / "sw.js").touch()  # a newer mtime must not change the archive
    make_site_zip(site, tmp_path / "b.zip")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_site_keeps_its_own_headers_file(site, tmp_path):
    (site / "_headers").write_bytes(b"/*\n  X-Mine: 1\n")
    make_site_zip(site, tmp_path / "own.zip")
    with zipfile.ZipFile(tmp_path / "own.zip") as archive:
        assert archive.read("_headers") == b"/*\n  X-Mine: 1\n"
        assert archive.namelist().count("_headers") == 1


EDITION = b'<!doctype html><meta name="generator" content="pocketguide edition 1a2b3c4d">guide'


def test_make_dist_writes_both_editions(site, tmp_path):
    (site / "pocketguide.html").write_bytes(EDITION)
    dist = tmp_path / "dist"
    assert make_dist(site, dist) == [dist / "pocketguide.html", dist / "pocketguide-site.zip"]
    assert (dist / "pocketguide.html").read_bytes() == EDITION
    with zipfile.ZipFile(dist / "pocketguide-site.zip") as archive:
        assert archive.read("pocketguide.html") == EDITION


@pytest.mark.parametrize(
    ("files", "copied"),
    [
        # root files of the site                              editions copied to dist/
        ({"guide-offline.html": EDITION}, ["guide-offline.html"]),  # filename: set
        ({}, []),  # pocketguide/edition: enabled: false
        ({"pocketguide.html": b"<!doctype html><h1>a page</h1>"}, []),  # not an edition
    ],
    ids=["renamed", "disabled", "unstamped"],
)
def test_make_dist_copies_the_editions_the_build_made(site, tmp_path, files, copied):
    for name, data in files.items():
        (site / name).write_bytes(data)
    dist = tmp_path / "dist"
    assert make_dist(site, dist) == [
        *(dist / name for name in copied),
        dist / "pocketguide-site.zip",
    ]
    assert sorted(p.name for p in dist.iterdir()) == sorted([*copied, "pocketguide-site.zip"])
