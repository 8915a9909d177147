"""Install and offline behaviour of the real guide in Chromium (pocketguide/pwa)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from .pwa_helpers import (
    CHECKED_MARKER,
    cache_keys,
    go_offline,
    install,
    later_revisions,
    page_urls,
    precache_urls,
    wait_until_kept,
)

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

    from pocketguide.devserver import Server

    from .conftest import Project

OFFLINE_HEADING = "This page is not saved on this phone"


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A tab in a fresh profile."""
    return context.new_page()


def test_installable_with_zero_errors(page: Page, server: Server) -> None:
    install(page, server.url)
    cdp = page.context.new_cdp_session(page)
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    manifest = cdp.send("Page.getAppManifest")
    assert errors == []
    assert manifest["errors"] == []
    assert manifest["url"] == f"{server.url}manifest.webmanifest"


def test_every_precached_file_is_in_one_cache_of_our_own(
    page: Page, server: Server, guide: Project
) -> None:
    install(page, server.url)
    wait_until_kept(page)  # the one-file edition comes after the first save, into the same cache
    caches = cache_keys(page)
    assert list(caches) == [f"pocketguide-precache-v1-{server.url}"]
    stored = {key.split("?__pg=")[0] for key in next(iter(caches.values()))}
    later = set(later_revisions(guide.site))
    assert later == {"pocketguide.html"}
    assert stored == {server.url + url for url in [*precache_urls(guide.site), *later]} | {
        server.url + CHECKED_MARKER
    }


def test_every_page_opens_offline(page: Page, server: Server, guide: Project) -> None:
    install(page, server.url)
    go_offline(page, server)
    opened = []
    for url in page_urls(guide.site):
        response = page.goto(server.url + url)
        assert response is not None
        assert response.ok, url
        heading = page.locator("article h1").first.inner_text()
        if not url.startswith(("offline", "404")):
            assert not heading.startswith(OFFLINE_HEADING), url
        opened.append(url)
    assert len(opened) == len(page_urls(guide.site)) > 3


def test_search_works_offline(page: Page, server: Server) -> None:
    install(page, server.url)
    go_offline(page, server)
    page.goto(server.url + "mixing/")
    page.locator("label.md-header__button[for='__search']").click()
    # Material's search listens to key events, so type rather than fill.
    page.locator("input.md-search__input").press_sequentially("ketamine", delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() > 0


@pytest.mark.parametrize(
    "suffix",
    # url form a reader or a share link may use
    [
        "emergency/",
        "emergency/index.html",
        "emergency",
        "emergency/?h=breathing",
        "emergency/?utm_source=qr&utm_medium=card",
        "emergency/#recovery-position",
    ],
)
def test_url_forms_resolve_offline(page: Page, server: Server, suffix: str) -> None:
    install(page, server.url)
    go_offline(page, server)
    response = page.goto(server.url + suffix)
    assert response is not None
    assert response.ok
    assert page.url.split("?")[0].split("#")[0] in {
        server.url + "emergency/",
        server.url + "emergency/index.html",
    }
    assert "Emergency" in page.title()


def test_unknown_url_offline_gets_the_offline_page(page: Page, server: Server) -> None:
    install(page, server.url)
    go_offline(page, server)
    page.goto(server.url + "no-such-page/")
    assert page.url.startswith(server.url + "offline/")
    assert page.locator("article h1").inner_text().startswith(OFFLINE_HEADING)
    links = page.locator("article a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert any("emergency" in (href or "") for href in hrefs)
    assert page.locator("[data-pg-asked] a").inner_text() == "/guide/no-such-page/"


def test_not_found_page_works_offline(page: Page, server: Server) -> None:
    install(page, server.url)
    go_offline(page, server)
    response = page.goto(server.url + "404.html")
    assert response is not None
    assert response.ok
    assert "404" in page.locator("article").inner_text()


def test_status_line_says_saved_with_size(page: Page, server: Server) -> None:
    install(page, server.url)
    text = page.locator("[data-pg-status]").inner_text()
    assert text.startswith("Saved for offline use (")
    assert "KB" in text or "MB" in text


def test_a_fetch_after_the_caches_are_deleted_does_not_bring_one_back(
    page: Page, server: Server
) -> None:
    # The escape hatch deletes the caches while the old worker still serves the open page; a
    # worker that looked files up with caches.open() created the deleted cache again, empty.
    install(page, server.url)
    after = page.evaluate(
        """async () => {
            for (const name of await caches.keys()) {
                await caches.delete(name);
            }
            const response = await fetch("mixing/");
            await response.text();
            return { status: response.status, caches: await caches.keys() };
        }"""
    )
    assert after == {"status": 200, "caches": []}
