"""Tests of :mod:`pocketguide.buildinfo`, the build manifest, and of its readers: ``make_dist``
and the preview server take the editions and the site's path from it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from pocketguide import buildinfo
from pocketguide.devserver import base_path_of
from pocketguide.plugins.edition.sitezip import make_dist

if TYPE_CHECKING:
    from pathlib import Path

STAMP = b'<html><head><meta name="generator" content="pocketguide edition 1.0"></head></html>'


def site_with(tmp_path: Path, files: dict[str, bytes]) -> Path:
    site = tmp_path / "site"
    for name, data in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    return site


def test_sections_recorded_by_each_plugin_are_read_back(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"index.html": b"<h1>Home</h1>", "a.0123abcd.min.css": b"a{}"})

    buildinfo.record(site, registry={"sources": "docs/refs.yml", "data_dir": "docs/data"})
    buildinfo.record(site, editions=["offline-guide.html"])
    buildinfo.record(
        site,
        precache={"sw": "sw.js", "entries": [{"url": "index.html", "revision": "r", "size": 13}]},
        **buildinfo.site_sections(
            site,
            [("index.html", "index.md")],
            site_url="https://example.org/guide",
            use_directory_urls=False,
        ),
    )

    assert buildinfo.read(site) == buildinfo.BuildInfo(
        site_url="https://example.org/guide",
        base_path="/guide/",
        use_directory_urls=False,
        pages={"index.html": "index.md"},
        immutable=["a.0123abcd.min.css"],
        sw="sw.js",
        precache=[{"url": "index.html", "revision": "r", "size": 13}],
        editions=["offline-guide.html"],
        registry="docs/refs.yml",
        data_dir="docs/data",
    )
    assert buildinfo.registry_paths(buildinfo.read(site), tmp_path, tmp_path / "docs") == (
        tmp_path / "docs" / "refs.yml",
        tmp_path / "docs" / "data",
    )


@pytest.mark.parametrize(
    "text",
    [
        # manifest file content                     why it is not read
        "not json",
        json.dumps({"version": 99, "editions": []}),  # another format
        json.dumps(["version", 1]),
    ],
)
def test_an_unreadable_manifest_is_no_manifest(tmp_path: Path, text: str) -> None:
    site = site_with(tmp_path, {buildinfo.NAME: text.encode(), "x.html": STAMP})

    assert buildinfo.read(site) is None
    assert buildinfo.editions(site) == ["x.html"]  # found by their stamp instead
    assert buildinfo.registry_paths(None, tmp_path, tmp_path / "docs") == (
        tmp_path / "docs" / "sources.yml",
        tmp_path / "docs" / "data",
    )


def test_without_the_edition_plugin_a_stamped_file_is_no_edition(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"x.html": STAMP})
    buildinfo.record(site, registry={"sources": "docs/sources.yml"})

    assert buildinfo.editions(site) == []


def test_make_dist_copies_the_editions_the_manifest_names(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"index.html": b"<h1>Home</h1>", "take-away.html": b"<p>all</p>"})
    buildinfo.record(site, editions=["take-away.html"])

    written = make_dist(site, tmp_path / "dist")

    assert [p.name for p in written] == ["take-away.html", "pocketguide-site.zip"]
    assert (tmp_path / "dist" / "take-away.html").read_bytes() == b"<p>all</p>"


def test_make_dist_names_a_missing_edition_and_writes_nothing(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"index.html": b"<h1>Home</h1>"})
    buildinfo.record(site, editions=["gone.html"])

    with pytest.raises(FileNotFoundError) as caught:
        make_dist(site, tmp_path / "dist")

    assert caught.value.strerror == "the edition gone.html named by the build is not in the site"
    assert not (tmp_path / "dist").exists()


def test_the_preview_serves_under_the_path_the_build_recorded(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"index.html": b"<h1>Home</h1>"})
    buildinfo.record(
        site,
        **buildinfo.site_sections(
            site, [], site_url="https://example.org/sub/", use_directory_urls=True
        ),
    )

    # mkdocs.yml is not read: it may name another address than the one the site was built for
    assert base_path_of(site, tmp_path / "missing-mkdocs.yml") == "/sub/"


def test_each_other_language_has_its_folder_and_worker() -> None:
    info = buildinfo.BuildInfo(languages={"es": {"sw": "es/sw.js"}, "fr": {"sw": "fr/sw.js"}})
    assert buildinfo.language_workers(info) == [("es/", "es/sw.js"), ("fr/", "fr/sw.js")]
    assert buildinfo.language_workers(buildinfo.BuildInfo()) == []
    assert buildinfo.language_workers(None) == []
