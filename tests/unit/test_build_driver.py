"""Tests of :mod:`pocketguide.build`, the ``make site`` driver: a failed build never touches
``site/``; a good one replaces it whole and prints a summary.

Two tests run the real ``mkdocs build`` on the ``pwa`` fixture site; the rest use a stand-in.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from PIL import Image

from pocketguide import build
from pocketguide.build import Summary, replace_dir, summarize
from pocketguide.plugins.pwa.precache import BUILD_MARKER, build_data, plan_precache, render_sw

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

SUMMARY = re.compile(
    r"^make site: built (?P<site>\S+)/ in \d+\.\d s: (?P<pages>\d+) pages; "
    r"offline copy (?P<files>\d+) files, \d+\.\d KiB \(\d+\.\d KiB gzipped\)$"
)


def old_site(site: Path) -> None:
    site.mkdir()
    (site / "index.html").write_text("old version", encoding="utf-8")


def write_site(site: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` and a matching ``sw.js`` into ``site``."""
    for name, blob in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(blob)
    plan = plan_precache(files, languages=["en"], max_file_size=10**6)
    data = build_data(
        plan.entries,
        cache_prefix="pg",
        offline_page="offline.html",
        content_date=None,
        self_destroying=False,
    )
    (site / "sw.js").write_text(render_sw(f"const BUILD = {BUILD_MARKER};\n", data), "utf-8")


@pytest.mark.parametrize(
    ("summary", "line"),
    [
        # Summary(pages, files, raw bytes, gzip bytes)      one line
        (
            Summary(5, 20, 409_600, 102_400),
            "5 pages; offline copy 20 files, 400.0 KiB (100.0 KiB gzipped)",
        ),
        (Summary(1, 1, 0, 20), "1 pages; offline copy 1 files, 0.0 KiB (0.0 KiB gzipped)"),
        (Summary(0, 0, 1536, 1023), "0 pages; offline copy 0 files, 1.5 KiB (1.0 KiB gzipped)"),
    ],
)
def test_summary_format(summary: Summary, line: str) -> None:
    assert summary.format() == line


def test_summarize_counts_pages_but_not_redirect_stubs(tmp_path: Path) -> None:
    stub = b'<!doctype html><html><head><meta http-equiv="refresh" content="0; url=../x/">'
    files = {
        "index.html": b"<h1>Home</h1>",
        "x/index.html": b"<h1>X</h1>",
        "old/index.html": stub,
        "app.js": b"console.log(1);\n" * 64,
        "app.js.map": b"{}",
    }
    write_site(tmp_path, files)

    summary = summarize(tmp_path)

    precached = [files[name] for name in ("app.js", "index.html", "old/index.html", "x/index.html")]
    assert (summary.pages, summary.files, summary.raw_bytes) == (2, 4, sum(map(len, precached)))
    assert 0 < summary.gzip_bytes < summary.raw_bytes


def test_summarize_a_site_without_a_service_worker(tmp_path: Path) -> None:
    """``enabled: false`` builds no ``sw.js``; ``make site`` still prints its summary."""
    (tmp_path / "index.html").write_bytes(b"<h1>Home</h1>")

    assert summarize(tmp_path) == Summary(pages=1, files=0, raw_bytes=0, gzip_bytes=0)


@pytest.mark.parametrize(
    "target_exists",
    [
        # is there a site/ to replace?
        True,
        False,
    ],
)
def test_replace_dir(tmp_path: Path, target_exists: bool) -> None:
    new, target = tmp_path / ".site-building", tmp_path / "site"
    new.mkdir()
    (new / "index.html").write_text("new version", encoding="utf-8")
    if target_exists:
        old_site(target)

    replace_dir(new, target)

    assert (target / "index.html").read_text("utf-8") == "new version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_failed_build_leaves_site_untouched_and_returns_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    old_site(site)

    def half_build(config_file: Path, site_dir: Path) -> int:
        site_dir.mkdir()
        (site_dir / "index.html").write_text("half-written new version", encoding="utf-8")
        return 1

    monkeypatch.setattr(build, "mkdocs_build", half_build)

    assert build.main(["--site-dir", str(site)]) == 1
    assert (site / "index.html").read_text("utf-8") == "old version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert capsys.readouterr().out == (
        f"make site: the build failed (see above); {site}/ was not changed.\n"
    )


def test_scratch_left_by_an_interrupted_run_is_cleared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    (tmp_path / ".site-building" / "stale").mkdir(parents=True)

    def good_build(config_file: Path, site_dir: Path) -> int:
        assert not site_dir.exists()  # a clean scratch folder every run
        site_dir.mkdir()
        write_site(site_dir, {"index.html": b"<h1>Home</h1>"})
        return 0

    monkeypatch.setattr(build, "mkdocs_build", good_build)

    assert build.main(["--site-dir", str(site)]) == 0
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == [
        "index.html",
        "sw.js",
    ]


# ---- the real mkdocs build on the fixture site ----


def test_real_failing_build_keeps_site(
    tmp_path: Path,
    copy_fixture_site: Callable[[Path, str], Path],
    capfd: pytest.CaptureFixture[str],
) -> None:
    root = copy_fixture_site(tmp_path, "pwa")
    Image.new("RGB", (64, 64), "red").save(root / "docs" / "assets" / "icon.png")
    site = root / "site"
    old_site(site)

    status = build.main(["--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site)])

    out, err = capfd.readouterr()
    assert status == 1
    assert (site / "index.html").read_text("utf-8") == "old version"
    assert not (root / ".site-building").exists()
    assert "docs/assets/icon.png: the icon is 64x64 px, too small" in err
    assert out.endswith(f"make site: the build failed (see above); {site}/ was not changed.\n")


def test_real_build_replaces_site_and_prints_the_summary(
    tmp_path: Path,
    copy_fixture_site: Callable[[Path, str], Path],
    capfd: pytest.CaptureFixture[str],
) -> None:
    root = copy_fixture_site(tmp_path, "pwa")
    site = root / "site"
    old_site(site)
    (site / "stale.html").write_text("removed page", encoding="utf-8")

    status = build.main(["--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site)])

    out, _ = capfd.readouterr()
    match = SUMMARY.match(out.splitlines()[-1])
    assert status == 0
    assert match is not None, out
    assert (match["site"], match["pages"]) == (str(site), "6")  # 4 pages, offline, 404
    assert int(match["files"]) == summarize(site).files
    assert not (site / "stale.html").exists()
    assert (site / "sw.js").is_file()
    assert "old version" not in (site / "index.html").read_text("utf-8")
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == []
