"""Search as people use it, in Chromium: every query of tests/search/queries.yml run offline
on the built guide, and results a phone can read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pocketguide import searchscore
from pocketguide.plugins.search.plugin import INDEX

from .conftest import PROJECT
from .pwa_helpers import go_offline, install, precache_urls

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

    from pocketguide.devserver import Server

    from .conftest import Project

QUERIES = PROJECT / "tests" / "search" / "queries.yml"
TARGET = 0.95
PHONE = {"width": 390, "height": 844}


def test_every_query_finds_a_right_page_in_the_first_three_offline(
    context: BrowserContext, server: Server, guide: Project
) -> None:
    assert INDEX in precache_urls(guide.site)
    page = context.new_page()
    install(page, server.url + "mixing/")
    go_offline(page, server)
    page.reload()
    outcomes = searchscore.run_queries(page, searchscore.load_queries(QUERIES), server.url)
    rate = searchscore.hit_rate(outcomes)
    assert len(outcomes) >= 60
    assert rate >= TARGET, f"top-3 hit rate {rate:.1%}:\n" + "\n".join(searchscore.report(outcomes))


def test_on_a_phone_search_keeps_the_page_width_and_each_result_shows_two_wrapped_lines(
    browser: Browser, server: Server
) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server.url + "mixing/", wait_until="load")
    page.evaluate("window.scrollTo(0, 900)")
    page.locator(".md-header label.md-header__button[for=__search]").click()
    results = searchscore.search_results(page, "bladder pain when i pee", server.url)
    assert results[0] == "bladder-and-kidneys/"
    page.wait_for_timeout(600)  # the overlay's growth (0.4 s) is over
    width, scroll_width, locked = page.evaluate(
        "[innerWidth, document.documentElement.scrollWidth,"
        " document.body.hasAttribute('data-md-scrolllock')]"
    )
    assert (width, scroll_width, locked) == (390, 390, True)
    lines = page.evaluate(
        """() => [...document.querySelectorAll('.pg-search-teaser')].map((p) => {
            const box = p.getBoundingClientRect();
            const line = parseFloat(getComputedStyle(p).lineHeight);
            return [Math.round(box.right), Math.round(box.height / line)];
        })"""
    )
    assert lines, "no result text shown"
    assert all(right <= 390 and 1 <= count <= 2 for right, count in lines), lines
    # The page and its section name each result; the first shows the matched word.
    first = page.locator(".md-search-result__item").first
    assert first.locator("h1").inner_text() == "Bladder and kidneys"
    assert first.locator("mark").count() > 0
    # Closing search lets go of the page where it was.
    page.keyboard.press("Escape")
    assert page.evaluate("[document.body.hasAttribute('data-md-scrolllock'), scrollY]") == [
        False,
        900,
    ]
    context.close()
    assert errors == []


def test_a_name_in_brackets_opens_its_section_with_the_word_marked(
    browser: Browser, server: Server
) -> None:
    # The mixing page names "(Xanax, Valium…)" in brackets: Material's separator kept the
    # brackets in the word, and "valium" found nothing.
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    page.goto(server.url + "emergency/", wait_until="load")
    page.keyboard.press("/")
    assert searchscore.search_results(page, "valium", server.url)[0] == "mixing/"
    page.keyboard.press("Enter")
    page.wait_for_url("**/mixing/?h=valium#benzos")
    marks = page.locator(".md-content mark[data-md-highlight]")
    marks.first.wait_for(state="attached")
    assert {text.lower() for text in marks.all_text_contents()} == {"valium"}
    context.close()
