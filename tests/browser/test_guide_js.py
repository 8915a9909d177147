"""guide.js (pocketguide/theme) in Chromium: what Material's bundle did for the guide still
works without it: search by keyboard, highlighting, back-to-top, the table of contents, menu
sections and the palette in a dark room."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from pocketguide.devserver import Server, Site

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from playwright.sync_api import Browser, Page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def test_search_by_keyboard_alone_opens_the_best_result_with_its_words_marked(
    tab: Page, server: Server
) -> None:
    tab.goto(server.url + "mixing/", wait_until="load")
    tab.keyboard.press("/")
    query = tab.locator("input.md-search__input")
    assert query.evaluate("e => e === document.activeElement")
    assert tab.locator("#__search").is_checked()
    tab.keyboard.type("bladder")
    first = tab.locator(".md-search-result__item").first
    first.wait_for(state="visible")
    assert "matching document" in tab.locator(".md-search-result__meta").inner_text()
    # Arrow down moves to the first result's link; arrow up comes back to the query.
    tab.keyboard.press("ArrowDown")
    assert tab.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    tab.keyboard.press("ArrowUp")
    assert query.evaluate("e => e === document.activeElement")
    # Enter opens the best-scored result, with the search words marked on that page.
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/bladder-and-kidneys/**")
    assert "h=bladder" in tab.url
    marks = tab.locator(".md-content mark[data-md-highlight]")
    marks.first.wait_for(state="attached")
    assert all(text.lower() == "bladder" for text in marks.all_text_contents())
    assert not tab.locator("#__search").is_checked()


def test_escape_closes_search_and_an_unknown_word_says_so(tab: Page, server: Server) -> None:
    tab.goto(server.url, wait_until="load")
    tab.locator(".md-header label.md-header__button[for=__search]").click()
    tab.keyboard.type("zzxqy")
    tab.locator(".md-search-result__meta", has_text="No matching documents").wait_for()
    assert tab.locator(".md-search-result__item").count() == 0
    tab.keyboard.press("Escape")
    assert not tab.locator("#__search").is_checked()
    assert tab.locator(".md-search-result__list").get_attribute("role") == "presentation"


def test_search_says_when_its_index_cannot_load_and_tries_again(tab: Page, server: Server) -> None:
    # Offline before the guide is saved, the index cannot load: "No matching documents" would
    # tell the reader that the guide has nothing on it.
    tab.goto(server.url + "mixing/", wait_until="load")
    tab.route("**/search/search_index.json", lambda route: route.abort())
    tab.keyboard.press("/")
    tab.keyboard.type("bladder")
    meta = tab.locator(".md-search-result__meta")
    meta.filter(has_text="Search could not load").wait_for()
    assert "No matching" not in meta.inner_text()
    assert tab.locator(".md-search-result__item").count() == 0
    # With the index back (signal again), the next word typed searches.
    tab.unroute("**/search/search_index.json")
    tab.keyboard.type(" kidneys")
    tab.locator(".md-search-result__item").first.wait_for(state="visible")
    assert "matching document" in meta.inner_text()


def test_back_to_top_appears_when_scrolling_up_and_goes_to_the_top(
    tab: Page, server: Server
) -> None:
    tab.goto(server.url + "mixing/", wait_until="load")
    # Material's styles fade the button out with [hidden] rather than remove it.
    shown = tab.locator("[data-md-component=top]:not([hidden])")
    tab.mouse.wheel(0, 3000)
    tab.wait_for_timeout(300)
    assert tab.evaluate("window.scrollY") > 2000
    assert shown.count() == 0  # scrolling down: out of the way
    tab.mouse.wheel(0, -400)
    shown.wait_for()
    shown.click()
    tab.locator("[data-md-component=top][hidden]").wait_for(state="attached")
    assert tab.evaluate("window.scrollY") == 0


def test_table_of_contents_follows_the_reader(browser: Browser, server: Server) -> None:
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    try:
        tab = context.new_page()
        tab.goto(server.url + "mixing/#benzos", wait_until="load")
        toc = tab.locator(".md-sidebar--secondary [data-md-component=toc]")
        active = toc.locator("a.md-nav__link--active")
        active.wait_for()
        assert active.get_attribute("href") == "#benzos"
        assert toc.locator("a.md-nav__link--passed[href='#alcohol']").count() == 1
        tab.goto(server.url + "mixing/#lithium")
        toc.locator("a.md-nav__link--active[href='#lithium']").wait_for()
        assert toc.locator("a.md-nav__link--active").count() == 1
    finally:
        context.close()


def test_menu_sections_say_whether_they_are_open(tab: Page, server: Server) -> None:
    tab.goto(server.url, wait_until="load")
    tab.locator(".md-header label[for=__drawer]").click()
    label = tab.locator(".md-sidebar--primary label.md-nav__link", has_text="Health risks")
    nav = tab.locator(f"nav[aria-labelledby='{label.get_attribute('id')}']")
    assert nav.get_attribute("aria-expanded") == "false"
    label.click()
    nav.get_by_role("link", name="Bladder and kidneys").wait_for(state="visible")
    assert nav.get_attribute("aria-expanded") == "true"
    # A link within the page (here: the menu's first entry) closes the menu again.
    tab.keyboard.press("Escape")
    assert not tab.locator("#__drawer").is_checked()


def test_n_and_p_go_to_the_next_and_previous_page(tab: Page, server: Server) -> None:
    tab.goto(server.url + "mixing/", wait_until="load")
    tab.keyboard.press("n")
    tab.wait_for_url(server.url + "safer-use/")
    tab.keyboard.press("p")
    tab.wait_for_url(server.url + "mixing/")


def test_details_open_for_printing_and_for_a_link_into_them(
    browser: Browser,
    tmp_path_factory: pytest.TempPathFactory,
    build_site: Callable[..., tuple[Path, list[object]]],
) -> None:
    """On the theme fixture (the guide has no <details> yet): a folded block opens while the
    page is printed and closes after, and opens when a link points inside it."""
    site, _ = build_site(tmp_path_factory.mktemp("theme-details"), "theme")
    context = browser.new_context(viewport=PHONE, service_workers="block")
    try:
        with Server(Site(root=site, base_path="/guide/")) as server:
            tab = context.new_page()
            tab.goto(server.url + "other/", wait_until="load")
            details = tab.locator(".md-content details")
            assert details.get_attribute("open") is None
            tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
            assert details.get_attribute("open") is not None
            tab.evaluate("window.dispatchEvent(new Event('afterprint'))")
            assert details.get_attribute("open") is None
            tab.get_by_role("link", name="Jump into the folded text").click()
            tab.locator(".md-content details[open]").wait_for(state="attached")
            tab.goto(server.url + "other/#inside")  # opened from the address, too
            tab.reload()
            tab.locator(".md-content details[open]").wait_for(state="attached")
    finally:
        context.close()


def test_following_the_system_setting_follows_a_change_while_the_page_is_open(
    tab: Page, server: Server
) -> None:
    tab.emulate_media(color_scheme="light")
    tab.goto(server.url + "mixing/", wait_until="load")
    assert tab.locator("body").get_attribute("data-md-color-scheme") == "default"
    tab.emulate_media(color_scheme="dark")
    tab.locator("body[data-md-color-scheme=slate]").wait_for(state="attached")
    tab.emulate_media(color_scheme="light")
    tab.locator("body[data-md-color-scheme=default]").wait_for(state="attached")
