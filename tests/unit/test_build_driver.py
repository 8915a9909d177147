"""Tests of :mod:`pocketguide.build`, the ``make site`` driver: a failed build or check never
touches ``site/`` or ``dist/``; a good run replaces ``site/`` whole and prints a summary.

The content checks, link checks and ``dist/`` editions belong to other modules and have their
own tests; here they are stand-ins, so these tests are about the driver's order and swap. Two
tests run the real ``mkdocs build`` on the ``pwa`` fixture site; the rest stand in for it too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from PIL import Image

from pocketguide import build, publish
from pocketguide.build import MkDocsRun, Summary, replace_dir, summarize
from pocketguide.content.swdata import BUILD_MARKER, render_sw
from pocketguide.findings import Finding, Severity
from pocketguide.plugins.pwa.precache import build_data, plan_precache

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

SUMMARY = re.compile(
    r"^make site: built (?P<site>\S+)/ in \d+\.\d s: (?P<pages>\d+) pages; "
    r"offline copy (?P<files>\d+) files, \d+\.\d KiB \(\d+\.\d KiB to download, gzipped\)$"
)
LINK_ERROR = Finding("docs/index.md", 3, 5, "LNK001", "link to a missing page", "fix the link")
PAGE_WARNING = Finding(
    "docs/index.md", 1, 1, "TXT001", "long sentence", "split it", severity=Severity.WARN
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
            "5 pages; offline copy 20 files, 400.0 KiB (100.0 KiB to download, gzipped)",
        ),
        (
            Summary(1, 1, 0, 20),
            "1 pages; offline copy 1 files, 0.0 KiB (0.0 KiB to download, gzipped)",
        ),
        (
            Summary(0, 0, 1536, 1023),
            "0 pages; offline copy 0 files, 1.5 KiB (1.0 KiB to download, gzipped)",
        ),
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


class Checks:
    """Stand-ins for the steps around the build; tests set the findings they return."""

    def __init__(self) -> None:
        self.content: list[Finding] = []
        self.links: list[Finding] = []
        self.calls: list[str] = []

    def run_content_checks(self, docs_dir: Path, checks: object) -> list[Finding]:
        self.calls.append("content")
        return self.content

    def run_link_checks(
        self, site_dir: Path, docs_dir: Path, config_file: Path, checks: object
    ) -> list[Finding]:
        self.calls.append("links")
        assert site_dir.name == ".site-building"  # checked before it becomes site/
        return self.links

    def make_dist(self, site_dir: Path, dist_dir: Path) -> list[Path]:
        self.calls.append("dist")
        dist_dir.mkdir(exist_ok=True)
        (dist_dir / "pocketguide.html").write_bytes(b"<p>one file</p>" * 10)
        return [dist_dir / "pocketguide.html"]


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Checks:
    stand_in = Checks()
    for name in ("run_content_checks", "run_link_checks", "make_dist"):
        monkeypatch.setattr(build, name, getattr(stand_in, name))
    return stand_in


def fake_mkdocs(
    status: int, warnings: tuple[str, ...] = (), *, complete: bool = False
) -> Callable[..., MkDocsRun]:
    """A stand-in for ``mkdocs build`` that writes a small site and exits with ``status``."""

    def run(config_file: Path, site_dir: Path, *, timeout: float | None = None) -> MkDocsRun:
        assert not site_dir.exists()  # a clean scratch folder every run
        site_dir.mkdir()
        write_site(site_dir, {"index.html": b"<h1>New home</h1>"})
        return MkDocsRun(status, list(warnings), complete=complete)

    return run


def make_site(root: Path, *, config_file: Path | None = None) -> int:
    """Run ``make site`` with every path inside ``root``."""
    return build.main(
        [
            *("--config-file", str(config_file or root / "mkdocs.yml")),
            *("--docs-dir", str(root / "docs")),
            *("--site-dir", str(root / "site")),
            *("--dist-dir", str(root / "dist")),
        ]
    )


def old_outputs(root: Path) -> None:
    old_site(root / "site")
    (root / "dist").mkdir()
    (root / "dist" / "pocketguide.html").write_text("old edition", encoding="utf-8")


def assert_old_outputs(root: Path) -> None:
    assert (root / "site" / "index.html").read_text("utf-8") == "old version"
    assert [p.name for p in (root / "site").iterdir()] == ["index.html"]
    assert (root / "dist" / "pocketguide.html").read_text("utf-8") == "old edition"
    assert not (root / ".site-building").exists()


@pytest.mark.parametrize(
    ("mkdocs_status", "content", "links", "calls", "why"),
    [
        # mkdocs exit  content findings  link findings  steps run  why make site says it stopped
        (1, [], [], ["content"], "the build failed"),
        (1, [LINK_ERROR], [], ["content"], "the build failed"),
        (0, [], [LINK_ERROR], ["content", "links"], "1 error(s) found"),
        (0, [LINK_ERROR], [LINK_ERROR], ["content", "links"], "2 error(s) found"),
    ],
    ids=["build", "build-and-content", "links", "content-and-links"],
)
def test_a_failure_leaves_site_and_dist_untouched_and_returns_1(  # noqa: PLR0917 (table columns)
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    checks: Checks,
    mkdocs_status: int,
    content: list[Finding],
    links: list[Finding],
    calls: list[str],
    why: str,
) -> None:
    old_outputs(tmp_path)
    checks.content, checks.links = content, links
    monkeypatch.setattr(build, "mkdocs_build", fake_mkdocs(mkdocs_status))

    assert make_site(tmp_path) == 1
    assert_old_outputs(tmp_path)
    assert checks.calls == calls
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"make site: {why} (see above); {tmp_path / 'site'}/ and {tmp_path / 'dist'}/ "
        "were not changed."
    )


def test_warnings_that_stopped_a_complete_build_are_shown_after_the_link_check(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    checks: Checks,
) -> None:
    """Strict mode stopped MkDocs after every page was built: the site is checked anyway, and
    a warning that is not about a link or an image is printed as MkDocs wrote it."""
    old_outputs(tmp_path)
    warning = "Config value 'foo': Unrecognised configuration name: foo"
    monkeypatch.setattr(build, "mkdocs_build", fake_mkdocs(1, (warning,), complete=True))

    assert make_site(tmp_path) == 1

    assert_old_outputs(tmp_path)
    assert checks.calls == ["content", "links"]
    out, err = capsys.readouterr()
    assert err.splitlines() == [f"WARNING -  {warning}"]
    assert out.splitlines()[-2:] == [
        "1 built pages checked: 0 errors, 0 warnings",
        "make site: MkDocs stopped on its warnings in strict mode (see above); "
        f"{tmp_path / 'site'}/ and {tmp_path / 'dist'}/ were not changed.",
    ]


def test_success_replaces_site_and_writes_dist(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    checks: Checks,
) -> None:
    old_outputs(tmp_path)
    (tmp_path / "site" / "removed.html").write_text("a page since removed", encoding="utf-8")
    (tmp_path / ".site-building" / "stale").mkdir(parents=True)  # left by an interrupted run
    checks.content = [PAGE_WARNING]  # warnings do not stop the build
    monkeypatch.setattr(build, "mkdocs_build", fake_mkdocs(0))

    assert make_site(tmp_path) == 0

    out = capsys.readouterr().out.splitlines()
    site, dist = tmp_path / "site", tmp_path / "dist"
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == [
        "index.html",
        "sw.js",
    ]
    assert (site / "index.html").read_text("utf-8") == "<h1>New home</h1>"
    assert checks.calls == ["content", "links", "dist"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "site"]
    assert out[0] == PAGE_WARNING.format()
    assert out[1] == "0 pages checked: 0 errors, 1 warning"
    assert out[2] == "1 built pages checked: 0 errors, 0 warnings"
    match = SUMMARY.match(out[3])
    assert match is not None, out[3]
    assert (match["site"], match["pages"], match["files"]) == (str(site), "1", "1")
    assert out[4:] == [f"make site: wrote {dist / 'pocketguide.html'} (0.1 KiB, 0.0 KiB gzipped)"]


# ---- the real mkdocs build on the fixture site ----


def test_real_failing_build_keeps_site_and_dist(
    tmp_path: Path,
    copy_fixture_site: Callable[[Path, str], Path],
    capfd: pytest.CaptureFixture[str],
    checks: Checks,
) -> None:
    root = copy_fixture_site(tmp_path, "pwa")
    Image.new("RGB", (64, 64), "red").save(root / "docs" / "assets" / "icon.png")
    old_outputs(root)

    status = make_site(root)

    out, err = capfd.readouterr()
    assert status == 1
    assert_old_outputs(root)
    assert "docs/assets/icon.png: the icon is 64x64 px, too small" in err
    assert out.splitlines()[-1] == (
        f"make site: the build failed (see above); {root / 'site'}/ and {root / 'dist'}/ "
        "were not changed."
    )


def test_real_build_replaces_site_and_prints_the_summary(
    tmp_path: Path,
    copy_fixture_site: Callable[[Path, str], Path],
    capfd: pytest.CaptureFixture[str],
    checks: Checks,
) -> None:
    root = copy_fixture_site(tmp_path, "pwa")
    old_outputs(root)
    (root / "site" / "stale.html").write_text("removed page", encoding="utf-8")

    status = make_site(root)

    out, _ = capfd.readouterr()
    site = root / "site"
    match = SUMMARY.match(out.splitlines()[-2])
    assert status == 0
    assert match is not None, out
    assert (match["site"], match["pages"]) == (str(site), "6")  # 4 pages, offline, 404
    assert int(match["files"]) == summarize(site).files > 0
    assert not (site / "stale.html").exists()
    assert (site / "sw.js").is_file()
    assert "old version" not in (site / "index.html").read_text("utf-8")
    assert [p.name for p in root.iterdir() if p.name.startswith(".")] == []


# ---- failures and kills at each step: site/ and dist/ change together or not at all ----


class Killed(BaseException):
    """Stands for SIGKILL: nothing in ``make site`` catches it."""


def new_outputs(root: Path) -> tuple[str, str]:
    """What ``site/index.html`` and ``dist/pocketguide.html`` hold (old or new)."""
    return (
        (root / "site" / "index.html").read_text("utf-8"),
        (root / "dist" / "pocketguide.html").read_text("utf-8"),
    )


NEW = ("<h1>New home</h1>", "<p>one file</p>" * 10)
OLD = ("old version", "old edition")


def test_a_failure_writing_dist_leaves_site_and_dist_untouched(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    checks: Checks,
) -> None:
    old_outputs(tmp_path)
    monkeypatch.setattr(build, "mkdocs_build", fake_mkdocs(0))

    def full_disk(site_dir: Path, dist_dir: Path) -> list[Path]:
        dist_dir.mkdir()
        (dist_dir / "pocketguide.html").write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build, "make_dist", full_disk)

    assert make_site(tmp_path) == 1
    assert_old_outputs(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "site"]
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"make site: could not write {tmp_path / 'dist'}/ (No space left on device); "
        f"{tmp_path / 'site'}/ and {tmp_path / 'dist'}/ were not changed."
    )


@pytest.mark.parametrize("step", ["mkdocs", "links", "dist"])
def test_a_kill_before_publishing_keeps_the_old_pair_and_the_next_run_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checks: Checks, step: str
) -> None:
    old_outputs(tmp_path)
    writes = fake_mkdocs(0)

    def killed(*args: object, **kwargs: object) -> object:
        if step == "mkdocs":
            writes(*args, **kwargs)  # a half-written scratch site
        elif step == "dist":
            checks.make_dist(*args)  # type: ignore[arg-type]
        raise Killed

    monkeypatch.setattr(build, "mkdocs_build", killed if step == "mkdocs" else writes)
    monkeypatch.setattr(
        build, "run_link_checks", killed if step == "links" else checks.run_link_checks
    )
    monkeypatch.setattr(build, "make_dist", killed if step == "dist" else checks.make_dist)
    with pytest.raises(Killed):
        make_site(tmp_path)
    assert new_outputs(tmp_path) == OLD

    monkeypatch.setattr(build, "mkdocs_build", fake_mkdocs(1))  # the next build fails
    assert make_site(tmp_path) == 1
    assert_old_outputs(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "site"]


@pytest.mark.parametrize("kill_at", [1, 2])
def test_a_kill_during_the_swap_is_finished_by_the_next_run_even_a_failing_one(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    checks: Checks,
    kill_at: int,
) -> None:
    """Kill at the first swap (site/) or the second (dist/); the next run must not delete
    the complete new build (it once did, and left no site/ at all)."""
    old_outputs(tmp_path)
    monkeypatch.setattr(build, "mkdocs_build", fake_mkdocs(0))
    real_exchange = publish._exchange
    calls: list[Path] = []

    def exchange(first: Path, second: Path) -> bool:
        calls.append(second)
        if len(calls) == kill_at:
            raise Killed
        return real_exchange(first, second)

    monkeypatch.setattr(publish, "_exchange", exchange)
    with pytest.raises(Killed):
        make_site(tmp_path)
    assert new_outputs(tmp_path) == (OLD if kill_at == 1 else (NEW[0], OLD[1]))
    monkeypatch.setattr(publish, "_exchange", real_exchange)
    capsys.readouterr()

    monkeypatch.setattr(build, "mkdocs_build", fake_mkdocs(1))  # the next build fails
    assert make_site(tmp_path) == 1

    out = capsys.readouterr().out.splitlines()
    site, dist = tmp_path / "site", tmp_path / "dist"
    assert out[0] == f"make site: finished putting the last build in {site}/ and {dist}/"
    assert new_outputs(tmp_path) == NEW
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "site"]


def test_a_build_past_build_seconds_is_stopped_and_changes_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    checks: Checks,
) -> None:
    old_outputs(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.pocketguide.checks]\nbuild_seconds = 0.05\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n")

    assert make_site(tmp_path) == 1  # the real mkdocs_build: Python alone starts slower

    assert_old_outputs(tmp_path)
    assert checks.calls == ["content"]
    assert capsys.readouterr().out.splitlines()[-1] == (
        "make site: the build took more than build_seconds (0.05 s); "
        f"{tmp_path / 'site'}/ and {tmp_path / 'dist'}/ were not changed."
    )
