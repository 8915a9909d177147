"""Start-up in Chromium: the script files are deferred (pocketguide/minify), so a page's
first paint comes before them, and they still do their work, in order."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

    from pocketguide.devserver import Server

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    """A light, phone-sized tab with service workers blocked."""
    context = browser.new_context(viewport=PHONE, service_workers="block", color_scheme="light")
    yield context.new_page()
    context.close()


def test_scripts_are_deferred_and_run_in_document_order(tab: Page, server: Server) -> None:
    tab.goto(server.url + "mixing/")
    tab.locator("[data-pg-status]").wait_for(state="attached")
    deferred = tab.locator("script[src]").evaluate_all("s => s.map(e => [e.src, e.defer])")
    assert deferred
    assert all(is_deferred for _, is_deferred in deferred), deferred
    names = [src.rsplit("/", 1)[-1] for src, _ in deferred]
    names = ["bundle" if name.startswith("bundle.") else name for name in names]
    # pwa.js is in the head; Material's bundle, then the guide's extra_javascript, end <body>.
    assert names == ["pwa.js", "bundle", "share.js", "install.js", "freshness.js"]


def test_material_still_runs_header_title_search_and_drawer(tab: Page, server: Server) -> None:
    tab.goto(server.url + "mixing/")
    # Header title: once the page heading scrolls away, the header shows the page's title.
    title = tab.locator("[data-md-component=header-title]")
    assert "md-header__title--active" not in (title.get_attribute("class") or "")
    tab.mouse.wheel(0, 1500)
    tab.locator(".md-header__title--active").wait_for(state="attached")
    # Search: the worker answers with results.
    tab.locator(".md-header label.md-header__button[for=__search]").click()
    tab.keyboard.type("alcohol")
    tab.locator(".md-search-result__item").first.wait_for(state="visible")
    # Drawer: the menu button opens the navigation.
    tab.goto(server.url + "mixing/")
    tab.locator(".md-header label[for=__drawer]").click()
    drawer = tab.locator(".md-sidebar--primary")
    drawer.get_by_role("link", name="Safer use").wait_for(state="visible")
