"""The Spanish edition in Chromium: accessible in both palettes, saved on its own after one
visit, a language switcher that works offline, Spanish search, and updates of one language
that leave the other alone."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

from pocketguide import searchscore
from pocketguide.content.swdata import read_build

from .conftest import PROJECT, Project, copy_project
from .pwa_helpers import go_offline, install, wait_until_kept

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Browser, BrowserContext, Page

    from pocketguide.devserver import Server

PHONE = {"width": 390, "height": 844}
ES = "es/"
SITE_NAME_ES = "Guía de bolsillo de la ketamina"
STRINGS_ES = PROJECT / "src" / "pocketguide" / "content" / "strings" / "es.yml"
# Every file a phone that reads Spanish may download: its own folder, the shared theme files
# and the chunks the service worker rebuilds files from.
SHARED = ("assets/", "_pg/")
ALL_TRANSITIONS_DONE = "() => document.getAnimations().every(a => a.playState !== 'running')"
# The language links a reader can see: the header's menu, or the list at the top of the page.
ENGLISH_LINKS = ".md-header .md-select a[hreflang=en]:visible, .pg-languages a[hreflang=en]:visible"
EDITED_PAGE_ES = "mixing.es.md"
AXE_PAGES = (
    "es/",
    "es/emergency/",
    "es/mixing/",
    "es/card/",
    "es/bladder-and-kidneys/",
    "es/offline/",
)
MARKER_ES = "Esta frase solo existe en la versión dos de la guía."


def es_precache(site: Path) -> list[str]:
    """The site-root-relative URLs the built ``es/sw.js`` precaches."""
    build = read_build((site / ES / "sw.js").read_text(encoding="utf-8"))
    assert build["root"] == "../"
    entries = build["entries"]
    assert isinstance(entries, list)
    return [str(entry["url"]) for entry in entries]


def es_pages(site: Path) -> list[str]:
    """The URL a reader uses for every Spanish page (``es/x/`` for ``es/x/index.html``)."""
    return [
        url.removesuffix("index.html")
        for url in es_precache(site)
        if url.endswith(".html") and url.startswith(ES)
    ]


def built_title(site: Path, url: str) -> str:
    """The ``<title>`` of a built page, as the browser shows it."""
    file = site / (url + "index.html" if url.endswith("/") else url)
    found = re.search(r"<title>(.*?)</title>", file.read_text(encoding="utf-8"), re.S)
    assert found, url
    return found.group(1).replace("&amp;", "&").strip()


def english_download(path: str) -> bool:
    """Whether a site-relative path is outside what a Spanish-only phone needs (an English
    page, the English search index or one-file edition, the root worker...)."""
    return not path.startswith((ES, *SHARED))


def string_es(key: str, **values: str) -> str:
    """A text of the Spanish strings file with its {slots} filled."""
    text = str(yaml.safe_load(STRINGS_ES.read_text(encoding="utf-8"))[key])
    for name, value in values.items():
        text = text.replace(f"{{{name}}}", value)
    return text


def short(violation: dict[str, object]) -> str:
    """One line per axe violation: rule, impact and the first offending element."""
    nodes = violation["nodes"]
    assert isinstance(nodes, list)
    return f"{violation['id']} ({violation['impact']}): {nodes[0]['target']} (+{len(nodes) - 1})"


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    """A fresh tab at phone size, without a service worker (it plays no part in axe)."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    yield context.new_page()
    context.close()


# ---- 1. axe on every Spanish page, light and dark ----


def test_axe_finds_no_violation_on_any_spanish_page_in_light_or_dark(
    tab: Page, server: Server, guide: Project
) -> None:
    # The pages whose blocks differ most (tables, warnings, numbers to call, forms); every
    # page of both languages shares the rest of the template, checked page by page in English.
    urls = AXE_PAGES
    assert set(urls) <= set(es_pages(guide.site))
    axe = Axe()
    found = {}
    for url in urls:
        for palette, scheme in (("light", "default"), ("dark", "slate")):
            tab.emulate_media(color_scheme=palette)
            if palette == "light":
                tab.goto(server.url + url)
                assert tab.evaluate("document.documentElement.lang") == "es", url
            tab.locator(f"body[data-md-color-scheme='{scheme}']").wait_for(
                state="attached", timeout=5_000
            )
            tab.wait_for_function(ALL_TRANSITIONS_DONE, timeout=5_000)
            violations = axe.run(tab).response["violations"]
            if violations:
                found[f"{palette} {url}"] = [short(v) for v in violations]
    assert found == {}


# ---- 2. one Spanish visit saves every Spanish page, and no English one ----


def test_one_spanish_visit_saves_every_spanish_page_and_no_english_one(
    context: BrowserContext, server: Server, guide: Project
) -> None:
    pages = es_pages(guide.site)
    assert len(pages) >= 20
    page = context.new_page()
    install(page, server.url + "es/mixing/")
    wait_until_kept(page)  # es/pocketguide.html, fetched after the first save
    downloaded = list(server.site.requests)
    print("first Spanish visit downloaded:", sorted(set(downloaded)))
    assert {"es/mixing/index.html", "es/sw.js", "es/pocketguide.html"} <= set(downloaded)
    assert [path for path in downloaded if english_download(path)] == []

    go_offline(page, server)
    for url in pages:
        response = page.goto(server.url + url)
        assert response is not None, url
        assert response.ok, url
        assert page.evaluate("document.documentElement.lang") == "es", url
        assert page.title() == built_title(guide.site, url), url
        assert page.title().endswith(SITE_NAME_ES), url

    # The English page is not on this phone: offline it does not open.
    try:
        page.goto(server.url + "mixing/")
    except PlaywrightError as error:
        print("offline English page:", str(error).splitlines()[0])  # no internet
    else:
        assert page.title() != built_title(guide.site, "mixing/")
        assert page.evaluate("document.documentElement.lang") != "en"


# ---- 3. the language switcher offline ----


def click_english_link(page: Page) -> str:
    """Tap the link to the English page that a reader sees (on a phone the languages sit at
    the top of the page, and the header's language menu is hidden); return where it was."""
    link = page.locator(ENGLISH_LINKS).first
    where: str = link.evaluate("(a) => a.closest('.md-header') ? 'header' : 'page'")
    link.click()
    return where


def test_switcher_offline_says_english_is_not_saved_then_opens_it_once_saved(
    context: BrowserContext, server: Server, guide: Project
) -> None:
    page = context.new_page()
    install(page, server.url + "es/mixing/")
    save = page.locator("[data-pg-save-language=en]")
    save.wait_for(timeout=10_000)

    go_offline(page, server)
    assert click_english_link(page) == "page"  # at 390 px, the list above the title
    page.locator("html[data-pg-language='missing']").wait_for(state="attached", timeout=10_000)
    assert page.url == server.url + "es/mixing/"
    notice = page.locator("[data-pg-language-notice]")
    assert notice.inner_text() == string_es("js.language_missing", language="inglés")
    assert notice.is_visible()

    # Online again, the reader asks for English too.
    page.context.set_offline(False)
    server.site.down = False
    save.click()
    page.locator("html[data-pg-saved-language='en']").wait_for(state="attached", timeout=30_000)

    go_offline(page, server)
    page.reload()  # a fresh page, with no notice left from the first tap
    with page.expect_navigation(timeout=10_000):
        click_english_link(page)
    page.wait_for_load_state()
    assert page.url == server.url + "mixing/"
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.title() == built_title(guide.site, "mixing/")


# ---- 4. Spanish search ----


@pytest.mark.parametrize(
    ("words", "wanted"),
    [
        ("alcohol", "es/mixing/"),
        ("mezclas", "es/mixing/"),
        ("vejiga", "es/bladder-and-kidneys/"),
        ("ambulancia", "es/emergency/"),
    ],
)
def test_spanish_search_finds_the_spanish_page(
    tab: Page, server: Server, words: str, wanted: str
) -> None:
    tab.goto(server.url + "es/safer-use/", wait_until="load")
    tab.locator(".md-header label.md-header__button[for=__search]").click()
    # Material says "Inicializando búsqueda" until the Spanish index is loaded.
    tab.locator(".md-search-result__meta").get_by_text("Teclee").wait_for(timeout=20_000)
    results = searchscore.search_results(tab, words, server.url)
    assert results, words
    assert wanted in results[: searchscore.TOP], results
    assert all(result.startswith(ES) for result in results), results


# ---- 5. an update of one language ----


@pytest.fixture(scope="module")
def guide_v2_es(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The guide with one Spanish page edited, and nothing else."""
    project = copy_project(tmp_path_factory.mktemp("guide-v2-es") / "project")
    page = project.root / "docs" / EDITED_PAGE_ES
    page.write_text(page.read_text(encoding="utf-8") + f"\n{MARKER_ES}\n", encoding="utf-8")
    project.build()
    return project


def test_a_spanish_edit_updates_spanish_phones_without_english_downloads(
    context: BrowserContext, server: Server, guide: Project, guide_v2_es: Project
) -> None:
    assert (guide.site / ES / "sw.js").read_bytes() != (
        guide_v2_es.site / ES / "sw.js"
    ).read_bytes()
    page = context.new_page()
    install(page, server.url + "es/mixing/")
    wait_until_kept(page)

    server.site.root = guide_v2_es.site
    server.site.reset()
    page.reload()
    update = page.locator(".pg-update")
    update.wait_for(timeout=20_000)
    assert update.inner_text().startswith(string_es("js.update_available"))
    with page.expect_navigation():
        update.locator("button").click()
    page.locator("article").get_by_text(MARKER_ES).wait_for(timeout=10_000)
    wait_until_kept(page)
    print("Spanish update downloaded:", sorted(set(server.site.requests)))
    assert "es/sw.js" in server.site.requests
    assert [path for path in server.site.requests if english_download(path)] == []


def test_a_spanish_edit_offers_no_update_to_an_english_phone(
    context: BrowserContext, server: Server, guide: Project, guide_v2_es: Project
) -> None:
    assert (guide.site / "sw.js").read_bytes() == (guide_v2_es.site / "sw.js").read_bytes()
    page = context.new_page()
    install(page, server.url + "mixing/")
    wait_until_kept(page)

    server.site.root = guide_v2_es.site
    server.site.reset()
    page.reload()
    page.wait_for_load_state("load")
    # The browser checks sw.js on each visit; give it the time an update offer takes.
    for _ in range(20):
        if "sw.js" in server.site.requests:
            break
        page.wait_for_timeout(250)
    assert "sw.js" in server.site.requests
    page.wait_for_timeout(2_000)
    assert page.locator(".pg-update").count() == 0
    assert not [path for path in server.site.requests if path.startswith(ES)]
