"""The offline editions in Chromium: the single HTML file over file://, and the hosting zip.

The single file is opened with the network off and every request routed: anything that is
not the file itself fails the test. The zip is unpacked, served on 127.0.0.1 and must install
and work offline like ``site/``.
"""

from __future__ import annotations

import re
import zipfile
from typing import TYPE_CHECKING

import pytest
from mkdocs.config import load_config
from selectolax.lexbor import LexborHTMLParser

from pocketguide.devserver import Server, Site
from pocketguide.plugins.edition.sitezip import make_site_zip, site_files

from .conftest import BASE_PATH
from .pwa_helpers import go_offline, install, page_urls

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Browser, BrowserContext, Page, Route

    from .conftest import Project

pytestmark = pytest.mark.browser

ALL_LINKS_LAND = """() => Array.from(document.querySelectorAll('a[href^="#"]'))
    .map((a) => a.getAttribute('href'))
    .filter((href) => !document.getElementById(decodeURIComponent(href.slice(1))))"""


def nav_sources(nav: list[object]) -> list[str]:
    """Flatten ``mkdocs.yml``'s ``nav`` into the Markdown paths it lists, in order."""
    found: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found += nav_sources(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.append(value)
    return found


def built_heading(site: Path, source: str) -> str:
    """Return the ``<h1>`` the built site shows for a Markdown page."""
    stem = source.removesuffix(".md")
    folder = "" if stem == "index" else stem.removesuffix("/index") + "/"
    tree = LexborHTMLParser((site / folder / "index.html").read_text(encoding="utf-8"))
    heading = tree.css_first("article h1")
    assert heading is not None, source
    for permalink in heading.css("a.headerlink"):
        permalink.decompose()
    return heading.text().strip()


@pytest.fixture
def offline_file(browser: Browser) -> Iterator[tuple[BrowserContext, list[str], list[str]]]:
    """A context with the network off that fails (and records) every non-file request."""
    ctx = browser.new_context(offline=True, viewport={"width": 390, "height": 844})
    outside: list[str] = []
    errors: list[str] = []

    def only_files(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    ctx.route("**/*", only_files)
    ctx.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    ctx.on("weberror", lambda error: errors.append(str(error.error)))
    yield ctx, outside, errors
    ctx.close()


def open_file(ctx: BrowserContext, path: Path) -> Page:
    page = ctx.new_page()
    page.goto(path.as_uri())
    return page


def test_single_file_works_offline_from_file_url(
    offline_file: tuple[BrowserContext, list[str], list[str]], guide: Project
) -> None:
    ctx, outside, errors = offline_file
    edition = guide.site / "pocketguide.html"
    page = open_file(ctx, edition)

    headings = [h.strip() for h in page.locator("main section.page h1").all_inner_texts()]
    nav = nav_sources(load_config(str(guide.root / "mkdocs.yml")).nav or [])
    expected = [built_heading(guide.site, source) for source in nav]
    assert len(expected) > 3
    assert [h for h in expected if h not in headings] == []

    assert page.evaluate(ALL_LINKS_LAND) == []
    page.locator(".sos a").click()
    assert page.url.endswith("#emergency")
    assert page.locator(".stamp").inner_text().startswith("Version ")

    assert outside == []
    assert errors == []
    assert edition.stat().st_size <= 300 * 1024


def test_single_file_search_filters_pages(
    offline_file: tuple[BrowserContext, list[str], list[str]], guide: Project
) -> None:
    ctx, outside, errors = offline_file
    page = open_file(ctx, guide.site / "pocketguide.html")
    sections = page.locator("main section.page")
    total = sections.count()
    page.locator("#find").fill("recovery position")
    visible = page.locator("main section.page:not([hidden])")
    assert 0 < visible.count() < total
    assert re.fullmatch(r"1 page matches|\d+ pages match", page.locator("#found").inner_text())
    page.locator("#find").fill("")
    assert page.locator("main section.page:not([hidden])").count() == total
    assert outside == []
    assert errors == []


def test_single_file_reads_with_javascript_off(browser: Browser, guide: Project) -> None:
    ctx = browser.new_context(offline=True, java_script_enabled=False)
    page = open_file(ctx, guide.site / "pocketguide.html")
    assert page.locator("#contents a").count() > 3
    assert page.locator("main section.page").first.is_visible()
    assert not page.locator(".find").is_visible()  # the search needs JavaScript: not shown
    ctx.close()


@pytest.fixture
def unzipped(guide: Project, tmp_path: Path) -> Path:
    """The hosting zip of the built guide, unpacked into a fresh folder."""
    archive = tmp_path / "pocketguide-site.zip"
    make_site_zip(guide.site, archive)
    root = tmp_path / "hosted"
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(root)
    return root


def test_zip_holds_every_file_of_the_site_byte_identical(guide: Project, unzipped: Path) -> None:
    assert site_files(unzipped) == sorted([*site_files(guide.site), "HOSTING.md", "_headers"])
    for name in site_files(guide.site):
        assert (unzipped / name).read_bytes() == (guide.site / name).read_bytes(), name


def test_unzipped_site_installs_and_works_offline(context: BrowserContext, unzipped: Path) -> None:
    page = context.new_page()
    with Server(Site(root=unzipped, base_path=BASE_PATH)) as server:
        install(page, server.url)
        cdp = page.context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        go_offline(page, server)
        urls = page_urls(unzipped)
        assert len(urls) > 3
        for url in urls:
            response = page.goto(server.url + url)
            assert response is not None
            assert response.ok, url


def test_single_file_has_no_accessibility_violations(browser: Browser, guide: Project) -> None:
    """Every axe rule in dark mode; in light mode only contrast (the rest does not change).

    axe takes tens of seconds on a page this long, so it runs one and a half times, not twice.
    """
    from axe_playwright_python.sync_playwright import Axe

    found = {}
    for scheme, options in [("dark", None), ("light", {"runOnly": ["color-contrast"]})]:
        ctx = browser.new_context(offline=True, color_scheme=scheme)
        page = open_file(ctx, guide.site / "pocketguide.html")
        violations = Axe().run(page, options=options).response["violations"]
        found[scheme] = [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
        ctx.close()
    assert found == {"dark": [], "light": []}
