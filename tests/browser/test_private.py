"""Private: the built guide talks to no other origin, runs under its Content-Security-Policy
with zero violations, and stores nothing that identifies the reader (pocketguide/csp)."""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

import pytest

from pocketguide.devserver import Server, Site

from .conftest import BASE_PATH
from .pwa_helpers import go_offline, install, page_urls, wait_until_saved

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import BrowserContext, ConsoleMessage, Page

    from .conftest import Project

# Collects every violation the page reports, from the very first script on.
WATCH_CSP = """
window.__pgViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__pgViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} at ` +
      `${event.sourceFile}:${event.lineNumber}`,
  );
});
"""
# What Material keeps in localStorage, under the site's path: the palette choice and which
# content tab was picked. Neither says anything about the reader.
ALLOWED_STORAGE = re.compile(r"^/[^\s]*\.__(palette|tabs|consent|source)$")


class Watcher:
    """Every request, console error and CSP violation of one browser context."""

    def __init__(self, context: BrowserContext) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        context.add_init_script(WATCH_CSP)
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("console", self._console)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url')})")

    def violations(self, page: Page) -> list[str]:
        """Return the violations the page has seen so far."""
        found: list[str] = page.evaluate("window.__pgViolations || []")
        return found

    def other_origins(self, server: Server) -> list[str]:
        """Return every request that went anywhere but the guide's own server."""
        origin = server.url.removesuffix(BASE_PATH)
        return [url for url in self.requests if not url.startswith((origin + "/", "data:"))]


@pytest.fixture
def watched(context: BrowserContext) -> Watcher:
    """The test's browser profile, watched from its first request."""
    return Watcher(context)


@pytest.fixture
def page(context: BrowserContext, watched: Watcher) -> Page:
    """A tab in a fresh, watched profile."""
    return context.new_page()


def search(page: Page, query: str) -> list[str]:
    """Type ``query`` in Material's search and return the result titles."""
    page.locator("label.md-header__button[for='__search']").click()
    # Material's search listens to key events, so type rather than fill.
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    return results.all_inner_texts()


def test_every_page_carries_a_policy_without_unsafe_script_sources(guide: Project) -> None:
    pages = [p for p in guide.site.rglob("*.html") if p.name != "pocketguide.html"]
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policies = re.findall(
            r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html
        )
        assert len(policies) == 1, path
        directives = dict(d.strip().split(" ", 1) for d in policies[0].split(";"))
        assert directives["default-src"] == "'none'"
        assert directives["script-src"].startswith("'self' 'sha256-"), path
        assert "unsafe" not in directives["script-src"], path
        assert "unsafe" not in directives["style-src"], path
        assert html.index("Content-Security-Policy") < html.index("<script"), path


def test_crawl_online_and_offline_stays_on_the_origin_with_zero_csp_violations(
    page: Page, watched: Watcher, server: Server, guide: Project
) -> None:
    install(page, server.url)
    urls = page_urls(guide.site)
    seen: dict[str, list[str]] = {}
    for state in ("online", "offline"):
        if state == "offline":
            go_offline(page, server)
        for url in urls:
            page.goto(server.url + url)
            seen[f"{state} {url}"] = watched.violations(page)
        assert search(page, "bladder"), state
        seen[f"{state} search"] = watched.violations(page)
    assert {where: found for where, found in seen.items() if found} == {}
    assert watched.errors == []
    assert len(watched.requests) > len(urls)
    assert watched.other_origins(server) == []


def test_search_palette_manifest_and_worker_work_under_the_policy(
    page: Page, watched: Watcher, server: Server
) -> None:
    install(page, server.url + "mixing/")
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    assert any("Bladder" in title for title in search(page, "bladder"))
    page.keyboard.press("Escape")
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    toggles = page.locator("form[data-md-component='palette'] label:visible")
    for _ in range(3):  # auto -> light -> dark -> auto
        toggles.first.click()
        if page.locator("body").get_attribute("data-md-color-scheme") != scheme:
            break
    assert page.locator("body").get_attribute("data-md-color-scheme") != scheme
    cdp = page.context.new_cdp_session(page)
    assert cdp.send("Page.getAppManifest")["errors"] == []
    assert watched.violations(page) == []
    assert watched.errors == []


@pytest.fixture
def editable_server(guide: Project, tmp_path: Path) -> Iterator[Server]:
    """A server of a copy of the guide that the test may change."""
    root = tmp_path / "site"
    shutil.copytree(guide.site, root)
    with Server(Site(root=root, base_path=BASE_PATH)) as running:
        yield running


def test_update_prompt_works_under_the_policy(
    page: Page, watched: Watcher, editable_server: Server
) -> None:
    install(page, editable_server.url)
    worker = editable_server.site.root / "sw.js"
    worker.write_text(worker.read_text(encoding="utf-8") + "\n// v2\n", encoding="utf-8")
    page.reload()
    bar = page.locator(".pg-update")
    bar.wait_for(timeout=15_000)
    button = bar.get_by_role("button")
    box = button.bounding_box()
    assert box is not None
    assert box["width"] >= 44
    assert box["height"] >= 44
    with page.expect_event("load", timeout=15_000):
        button.click()
    wait_until_saved(page)
    assert watched.violations(page) == []
    assert watched.errors == []


def test_no_cookies_and_nothing_identifying_stored(
    page: Page, context: BrowserContext, server: Server
) -> None:
    install(page, server.url)
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    search(page, "help")
    page.goto(server.url + "emergency/")
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    local = page.evaluate("Object.keys(localStorage)")
    assert local
    assert [key for key in local if not ALLOWED_STORAGE.match(key)] == []
    assert page.evaluate("Object.keys(sessionStorage)") == []
    databases = page.evaluate("indexedDB.databases().then((dbs) => dbs.map((db) => db.name))")
    assert databases == []
    assert all(name.startswith("pocketguide-") for name in page.evaluate("caches.keys()"))
