"""A site written elsewhere (pages of Material for MkDocs' own documentation, see
tests/fixtures/sites/material-docs/README.md), built with the Pocket Guide plugins: its Material
features still work, its own document$ script runs, and it installs and opens every page
offline after one visit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from pocketguide.devserver import Server, Site

from .pwa_helpers import go_offline, install, page_urls

if TYPE_CHECKING:
    import logging
    from collections.abc import Callable, Iterator
    from pathlib import Path

    from playwright.sync_api import BrowserContext, Page

CASE = "material-docs"
BASE_PATH = "/material/"
Built = tuple["Path", list["logging.LogRecord"]]
# Material 9.8's copy button (its bundle adds one to each code block).
COPY = "button.md-code__button[data-md-type=copy]"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, build_site: Callable[..., Built]) -> Built:
    return build_site(tmp_path_factory.mktemp("material-docs"), CASE)


@pytest.fixture
def server(built: Built) -> Iterator[Server]:
    with Server(Site(root=built[0], base_path=BASE_PATH)) as running:
        yield running


@pytest.fixture
def page(context: BrowserContext, server: Server) -> Iterator[Page]:
    """A tab in a fresh profile that may use the clipboard; a script error fails the test.
    (The console has the CSP's reports of the pages' style attributes and CDN emoji, which
    pocketguide/csp warns about at build time.)"""
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url[:-1])
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    assert errors == []


def test_the_build_keeps_materials_bundle_and_says_which_features_need_it(built: Built) -> None:
    site, records = built
    (line,) = [r.getMessage() for r in records if "bundle is kept" in r.getMessage()]
    for need in (
        "content.code.copy (theme.features)",
        "content.code.annotate (theme.features)",
        "content.tabs.link (theme.features)",
        "content tabs' underline (pymdownx.tabbed: alternate_style)",
        "content annotations (reference/annotations.md",
    ):
        assert need in line
    assert "extra.js" not in line  # document$.subscribe alone is not a reason
    # search.share's link in the search partial is no javascript: URL the CSP would refuse.
    assert not [r.getMessage() for r in records if "javascript:" in r.getMessage()]
    assert list(site.glob("assets/javascripts/bundle.*.min.js"))


def test_code_copy_buttons_copy_the_code(page: Page, server: Server) -> None:
    page.goto(server.url + "reference/code-blocks/", wait_until="load")
    buttons = page.locator(f".md-content {COPY}")
    buttons.first.wait_for()
    assert buttons.count() > 10
    block = page.locator(".md-content pre").filter(has=page.locator(COPY)).first
    block.hover()
    block.locator(COPY).click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip()
    assert copied.strip() == (block.locator("code").text_content() or "").strip()


def test_annotations_open(page: Page, server: Server) -> None:
    page.goto(server.url + "reference/annotations/", wait_until="load")
    markers = page.locator(".md-content .md-annotation__index")
    markers.first.wait_for()
    assert markers.count() >= 5
    # The notes became markers with tooltips: no "(1)" left as text in an annotated block.
    annotated = page.locator(".md-content .annotate")
    assert annotated.count() >= 1
    for text in annotated.all_inner_texts():
        assert "(1)" not in text
    markers.first.click()
    page.locator(".md-content .md-annotation .md-tooltip__inner").first.wait_for(state="visible")


def test_content_tabs_switch_and_are_underlined(page: Page, server: Server) -> None:
    page.goto(server.url + "reference/content-tabs/", wait_until="load")
    # The first set whose tabs hold code (the page's first tabs are empty, to show anchors).
    tabs = page.locator(".md-content .tabbed-set").filter(has=page.locator("pre")).first
    labels = tabs.locator(".tabbed-labels > label")
    blocks = tabs.locator(".tabbed-content > .tabbed-block")
    assert blocks.nth(0).is_visible()
    assert not blocks.nth(1).is_visible()
    labels.nth(1).click()
    blocks.nth(1).wait_for(state="visible")
    assert not blocks.nth(0).is_visible()
    # The active tab's underline is drawn by Material's bundle (a width set on the labels).
    width = tabs.locator(".tabbed-labels").evaluate("e => getComputedStyle(e, '::before').width")
    assert width not in ("0px", "auto", "")


def test_the_sites_own_document_script_ran(page: Page, server: Server) -> None:
    page.goto(server.url + "reference/code-blocks/", wait_until="load")
    page.locator("html[data-extra-runs='1']").wait_for(state="attached")
    blocks = page.locator(".md-content .highlight")
    assert blocks.count() > 10
    assert page.locator(".md-content .highlight[data-extra=seen]").count() == blocks.count()


def test_installable_and_every_page_opens_offline(page: Page, server: Server, built: Built) -> None:
    install(page, server.url)
    cdp = page.context.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    go_offline(page, server)
    urls = page_urls(built[0])
    assert {"", "reference/annotations/", "reference/code-blocks/"} <= set(urls)
    for url in urls:
        response = page.goto(server.url + url)
        assert response is not None
        assert response.ok, url
        if url.startswith("reference/"):
            assert page.locator(".md-content article h1").first.is_visible(), url
    # Offline, the features still work: Material's bundle is saved with the pages.
    page.goto(server.url + "reference/code-blocks/")
    page.locator(f".md-content {COPY}").first.wait_for()
    page.locator("html[data-extra-runs='1']").wait_for(state="attached")
