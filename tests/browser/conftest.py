"""Browser fixtures: Debian's Chromium driven by Playwright, and the real guide built once.

Every browser test in this folder is marked ``browser``. Without ``/usr/bin/chromium`` they
skip with a reason, except in CI (``CI`` set), where a missing browser is an error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pocketguide.build import QUIET_MKDOCS
from pocketguide.devserver import Server, Site

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, BrowserContext, Playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PROJECT = Path(__file__).resolve().parents[2]
BASE_PATH = "/guide/"
SITE_URL = f"https://pocketguide.example{BASE_PATH}"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test in this folder as a browser test."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class Project:
    """A copy of the guide's sources in a temporary folder, and where its site is built."""

    root: Path

    @property
    def site(self) -> Path:
        """The built site folder."""
        return self.root / "site"

    def build(self) -> Path:
        """Run ``mkdocs build --strict`` like ``make site`` does; fail the test on errors."""
        env = {**os.environ, **QUIET_MKDOCS, "SITE_URL": SITE_URL}
        # The build runs in the copy's folder: a relative PYTHONPATH ("src") would point nowhere
        # there, and mkdocs would load the plugins of whichever checkout is installed instead.
        if env.get("PYTHONPATH"):
            env["PYTHONPATH"] = os.pathsep.join(
                str(Path(entry).resolve()) for entry in env["PYTHONPATH"].split(os.pathsep) if entry
            )
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(self.site)],
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-4000:]
        return self.site


def copy_project(target: Path) -> Project:
    """Copy what a build reads (config, docs) into ``target``."""
    target.mkdir(parents=True)
    shutil.copy2(PROJECT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs",):
        shutil.copytree(PROJECT / folder, target / folder)
    return Project(target)


def english_only(project: Project) -> None:
    """Leave the guide in one language: no i18n plugin, no translations."""
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("  # Languages (mkdocs-static-i18n)")
    config.write_text(text[:start] + text[text.index("\nnav:\n", start) + 1 :], "utf-8")
    docs = project.root / "docs"
    for translation in [*docs.glob("*.es.md"), *docs.glob("data/*.es.yml")]:
        translation.unlink()


def build_with_config_change(target: Path, old: str, new: str) -> Project:
    """Copy the guide into ``target``, replace ``old`` (found exactly once) in its
    ``mkdocs.yml`` with ``new``, and build it."""
    project = copy_project(target)
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    config.write_text(text.replace(old, new), encoding="utf-8")
    project.build()
    return project


@pytest.fixture(scope="session")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The real guide, built once per test session (served under ``/guide/``)."""
    project = copy_project(tmp_path_factory.mktemp("guide") / "project")
    project.build()
    return project


@pytest.fixture
def server(guide: Project) -> Iterator[Server]:
    """A fresh server of the built guide for each test, so request logs start empty."""
    with Server(Site(root=guide.site, base_path=BASE_PATH)) as running:
        yield running


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    """Playwright's driver, started once."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI — .ci/run must install Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing — install Debian's chromium to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless, launched once per session."""
    launched = playwright_session.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture
def context(playwright_session: Playwright, tmp_path: Path) -> Iterator[BrowserContext]:
    """A fresh, persistent profile for each test: no service worker, no caches.

    Persistent rather than incognito, because Chromium never offers to install from incognito.
    """
    ctx = playwright_session.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        service_workers="allow",
        viewport={"width": 390, "height": 844},
    )
    yield ctx
    ctx.close()
