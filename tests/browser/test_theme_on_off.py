"""The same scenarios with pocketguide/theme on (guide.js) and off (Material's bundle), on a
phone (390×844) and a desktop (1400×700): the page loads with no errors and offers document$,
the menu, search (without widening a phone's page), the palette toggle, the Share dialog, and on
a desktop a table of contents that fits the window and scrolls."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from pocketguide.devserver import Server, Site

from .conftest import BASE_PATH, Project, copy_project, english_only

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from playwright.sync_api import Browser, Page

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1400, "height": 700}}
# The page with the longest table of contents (a heading per drug).
LONG_TOC = "mixing/"


@pytest.fixture(scope="module")
def stock_guide(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The guide with pocketguide/theme off: Material's bundle, its templates.

    In English only: with mkdocs-static-i18n's per-page language links, Material's bundle
    looks for a sitemap.xml beside each page (a 404 in the console; see README), which is
    Material's and that plugin's, not what these scenarios compare."""
    project = copy_project(tmp_path_factory.mktemp("stock") / "project")
    english_only(project)
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  - pocketguide/theme\n", "  - pocketguide/theme:\n      enabled: false\n"),
        encoding="utf-8",
    )
    project.build()
    return project


@pytest.fixture(params=["theme", "stock"])
def site(request: pytest.FixtureRequest, guide: Project) -> Iterator[Server]:
    project = guide if request.param == "theme" else request.getfixturevalue("stock_guide")
    with Server(Site(root=project.site, base_path=BASE_PATH)) as running:
        yield running


@pytest.fixture(params=list(SIZES))
def size(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def tab(browser: Browser, size: str) -> Iterator[Page]:
    """A page of the given size; any script error or console error fails the test."""
    context = browser.new_context(viewport=SIZES[size], service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    yield page
    context.close()
    assert errors == []


def page_width(tab: Page) -> int:
    return int(tab.evaluate("document.documentElement.scrollWidth"))


def test_a_page_loads_and_gives_document_subscribers_the_document(
    tab: Page, site: Server, size: str
) -> None:
    tab.goto(site.url + LONG_TOC, wait_until="load")
    assert tab.evaluate(
        """() => new Promise(resolve => document$.subscribe(doc => resolve(doc === document)))"""
    )
    assert page_width(tab) <= SIZES[size]["width"]


def test_the_menu_shows_every_section(tab: Page, site: Server, size: str) -> None:
    tab.goto(site.url, wait_until="load")
    menu = tab.locator(".md-sidebar--primary")
    if size == "phone":
        assert not menu.locator("a", has_text="Mixing").first.is_visible()
        tab.locator(".md-header label[for=__drawer]").click()
    link = menu.get_by_role("link", name="Mixing", exact=True).first
    link.wait_for(state="visible")
    # On a phone the menu slides in: measure where it comes to rest.
    menu.evaluate("e => Promise.all(e.getAnimations().map(a => a.finished))")
    box = link.bounding_box()
    assert box is not None
    assert 0 <= box["x"] < SIZES[size]["width"]


def test_search_finds_a_page_without_widening_the_page(tab: Page, site: Server, size: str) -> None:
    tab.goto(site.url + LONG_TOC, wait_until="load")
    query = tab.locator("input.md-search__input")
    if size == "phone":  # a button opens search; on a desktop the box is in the header
        tab.locator(".md-header label.md-header__button[for=__search]").click()
    query.click()
    tab.keyboard.type("bladder")  # Material's bundle reads the box on keyup
    first = tab.locator(".md-search-result__item").first
    first.wait_for(state="visible")
    assert "bladder" in first.inner_text().lower()
    # The overlay's growing circle (a transition on a phone): measure once it has grown.
    tab.locator(".md-search__overlay").evaluate(
        "e => Promise.all(e.getAnimations().map(a => a.finished))"
    )
    width = SIZES[size]["width"]
    assert page_width(tab) <= width
    box = first.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= width
    # On a phone search covers the page, which is held still underneath (Material's lock).
    locked = tab.locator("body[data-md-scrolllock]").count() == 1
    assert locked == (size == "phone")


def test_the_palette_toggle_goes_through_light_and_dark(tab: Page, site: Server) -> None:
    tab.emulate_media(color_scheme="light")
    tab.goto(site.url, wait_until="load")
    body = tab.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    toggle = tab.locator("[data-md-component=palette] label:not([hidden])")
    toggle.click()  # "follow the system" → light
    toggle.click()  # light → dark
    tab.locator("body[data-md-color-scheme=slate]").wait_for(state="attached")
    tab.reload(wait_until="load")
    assert body.get_attribute("data-md-color-scheme") == "slate"  # the choice is kept


def test_the_share_dialog_opens(tab: Page, site: Server, size: str) -> None:
    tab.goto(site.url + LONG_TOC, wait_until="load")
    tab.get_by_role("button", name="Share this page").click()
    dialog = tab.locator("#pg-share")
    dialog.wait_for(state="visible")
    box = dialog.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= SIZES[size]["width"]


def test_the_table_of_contents_fits_the_window_and_scrolls(
    tab: Page, site: Server, size: str
) -> None:
    if size != "desktop":
        pytest.skip("the table of contents is a sidebar on a wide screen only")
    tab.goto(site.url + LONG_TOC, wait_until="load")
    wrap = tab.locator(".md-sidebar--secondary .md-sidebar__scrollwrap")
    wrap.wait_for(state="visible")
    # Material's bundle sets the height in an animation frame after the page has loaded.
    sizes = wrap.evaluate(
        """e => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() =>
            resolve({bottom: e.getBoundingClientRect().bottom, client: e.clientHeight,
                     content: e.scrollHeight}))))"""
    )
    assert sizes["content"] > sizes["client"], sizes  # longer than the window: it must scroll
    assert sizes["bottom"] <= SIZES["desktop"]["height"], sizes
    last = wrap.locator("a.md-nav__link").last
    below = last.evaluate("e => e.getBoundingClientRect().top")
    assert below > sizes["bottom"]  # the last entry is out of sight, until the list scrolls
    tab.mouse.move(1300, 300)
    tab.mouse.wheel(0, 5000)
    tab.wait_for_function(
        "e => e.scrollTop + e.clientHeight >= e.scrollHeight - 1", arg=wrap.element_handle()
    )
    box = last.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= SIZES["desktop"]["height"]


def test_a_sites_document_script_runs_under_guide_js(
    browser: Browser,
    tmp_path_factory: pytest.TempPathFactory,
    build_site: Callable[..., tuple[Path, list[object]]],
) -> None:
    """A site script written as Material's documentation shows (document$.subscribe) runs once
    per page under guide.js, which then stays in place of Material's bundle; a subscriber
    added after the page is ready is called at once."""

    def add_script(root: Path) -> None:
        (root / "docs/extra.js").write_text(
            "document$.subscribe(function (doc) {\n"
            "  var runs = Number(doc.body.getAttribute('data-runs') || 0) + 1;\n"
            "  doc.body.setAttribute('data-runs', String(runs));\n"
            "});\n",
            encoding="utf-8",
        )
        config = root / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8") + "extra_javascript:\n  - extra.js\n",
            encoding="utf-8",
        )

    site, _ = build_site(tmp_path_factory.mktemp("document-script"), "theme", prepare=add_script)
    assert (site / "assets/javascripts/guide.js").exists()
    context = browser.new_context(viewport=SIZES["phone"], service_workers="block")
    try:
        with Server(Site(root=site, base_path="/guide/")) as server:
            tab = context.new_page()
            errors: list[str] = []
            tab.on("pageerror", lambda error: errors.append(str(error)))
            tab.goto(server.url + "other/", wait_until="load")
            assert tab.locator("body").get_attribute("data-runs") == "1"
            late = tab.evaluate(
                "() => { let got = null; document$.subscribe(d => { got = d; });"
                " return got === document; }"
            )
            assert late
            assert errors == []
    finally:
        context.close()


def test_navigation_tracking_under_guide_js_puts_the_section_read_in_the_address(
    browser: Browser,
    tmp_path_factory: pytest.TempPathFactory,
    build_site: Callable[..., tuple[Path, list[object]]],
) -> None:
    def long_page_with_tracking(root: Path) -> None:
        text = "\n\n".join(
            f"## Part {n}\n\n" + "A line of text to read.\n\n" * 12 for n in range(1, 13)
        )
        (root / "docs/long.md").write_text(f"# Long\n\n{text}\n", encoding="utf-8")
        config = root / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace(
                "  font: false\n", "  font: false\n  features:\n    - navigation.tracking\n"
            ),
            encoding="utf-8",
        )

    site, _ = build_site(
        tmp_path_factory.mktemp("tracking"), "theme", prepare=long_page_with_tracking
    )
    assert (site / "assets/javascripts/guide.js").exists()
    context = browser.new_context(viewport=SIZES["desktop"], service_workers="block")
    try:
        with Server(Site(root=site, base_path="/guide/")) as server:
            tab = context.new_page()
            tab.goto(server.url + "long/", wait_until="load")
            history = tab.evaluate("history.length")
            tab.mouse.wheel(0, 3000)
            active = tab.locator(".md-sidebar--secondary a.md-nav__link--active")
            active.wait_for()
            tab.wait_for_url(f"**/long/{active.get_attribute('href')}")
            assert active.get_attribute("href") != "#part-1"
            tab.mouse.wheel(0, -20000)  # back above the first section: the page's own address
            tab.wait_for_url(server.url + "long/")
            assert tab.evaluate("history.length") == history  # replaced, not added
    finally:
        context.close()


def test_toc_follow_under_guide_js_keeps_the_section_read_in_view(
    browser: Browser,
    tmp_path_factory: pytest.TempPathFactory,
    build_site: Callable[..., tuple[Path, list[object]]],
) -> None:
    def long_toc(root: Path) -> None:
        text = "\n\n".join(f"## Part {n}\n\n" + "A line.\n\n" * 6 for n in range(1, 41))
        (root / "docs/long.md").write_text(f"# Long\n\n{text}\n", encoding="utf-8")
        config = root / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace(
                "  font: false\n", "  font: false\n  features:\n    - toc.follow\n"
            ),
            encoding="utf-8",
        )

    site, _ = build_site(tmp_path_factory.mktemp("follow"), "theme", prepare=long_toc)
    assert (site / "assets/javascripts/guide.js").exists()
    context = browser.new_context(viewport=SIZES["desktop"], service_workers="block")
    try:
        with Server(Site(root=site, base_path="/guide/")) as server:
            tab = context.new_page()
            tab.goto(server.url + "long/#part-36", wait_until="load")
            wrap = tab.locator(".md-sidebar--secondary .md-sidebar__scrollwrap")
            active = wrap.locator("a.md-nav__link--active[href='#part-36']")
            active.wait_for()
            tab.wait_for_function(
                """e => {
                    const link = e.querySelector("a.md-nav__link--active");
                    const box = link.getBoundingClientRect(), view = e.getBoundingClientRect();
                    return e.scrollTop > 0 && box.top >= view.top && box.bottom <= view.bottom;
                }""",
                arg=wrap.element_handle(),
            )
    finally:
        context.close()
