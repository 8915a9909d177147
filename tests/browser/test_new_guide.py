"""A guide made by ``pocketguide new`` builds with its own ``make test`` and works offline.

The template is written to a temporary folder and built by its own Makefile, with the
``pocketguide`` this test runs (in CI, the installed wheel: nothing is copied from this
repository). Chromium then checks that the site is installable and that every page opens
with the network off after one visit.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pocketguide import scaffold
from pocketguide.build import QUIET_MKDOCS
from pocketguide.devserver import Server, Site

from .pwa_helpers import go_offline, install, page_urls

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import BrowserContext, Page

BASE_PATH = "/new-guide/"
TITLES = {"": "About this guide", "emergency/": "Emergency", "topic/": "Topic"}


@pytest.fixture(scope="module")
def new_guide(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """Run ``pocketguide new`` and then the new guide's ``make test``; return its folder
    and what ``make test`` printed."""
    root = tmp_path_factory.mktemp("new") / "my-guide"
    assert scaffold.create(root)
    # The template's Makefile installs the builder into .venv/; this one already has it.
    venv = root.parent / "venv"
    venv.mkdir()
    (venv / "bin").symlink_to(Path(sys.executable).parent, target_is_directory=True)
    (venv / ".installed").touch()
    env = {**os.environ, **QUIET_MKDOCS, "SITE_URL": f"https://guide.example{BASE_PATH}"}
    result = subprocess.run(
        ["make", "--no-print-directory", "test", f"VENV={venv}"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    return root, output


@pytest.fixture
def server(new_guide: tuple[Path, str]) -> Iterator[Server]:
    """The new guide's site, served under its sub-path."""
    with Server(Site(root=new_guide[0] / "site", base_path=BASE_PATH)) as running:
        yield running


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A tab in a fresh profile."""
    return context.new_page()


def test_make_test_builds_and_checks_with_no_finding(new_guide: tuple[Path, str]) -> None:
    root, output = new_guide
    lines = output.splitlines()
    # make site's checks, then make test's second pass over docs/ and the published site/.
    assert lines.count("4 pages checked: 0 errors, 0 warnings") == 2
    assert lines.count("7 built pages checked: 0 errors, 0 warnings") == 2
    assert any(line.startswith("make site: built site/ in ") for line in lines)
    assert (root / "site" / "sw.js").is_file()
    assert (root / "dist" / "guide.html").is_file()


def test_the_new_guide_is_installable(page: Page, server: Server) -> None:
    install(page, server.url)
    cdp = page.context.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == []
    assert manifest["url"] == f"{server.url}manifest.webmanifest"
    active = page.evaluate("async () => (await navigator.serviceWorker.ready).active.scriptURL")
    assert active == f"{server.url}sw.js"


def test_every_page_of_the_new_guide_opens_offline(
    page: Page, server: Server, new_guide: tuple[Path, str]
) -> None:
    install(page, server.url)
    go_offline(page, server)
    urls = page_urls(new_guide[0] / "site")
    assert set(TITLES) | {"sources/"} <= set(urls)
    for url in urls:
        response = page.goto(server.url + url)
        assert response is not None
        assert response.ok, url
        if url in TITLES:
            heading = page.locator("article h1").first.inner_text().removesuffix("¶")
            assert heading == TITLES[url], url
