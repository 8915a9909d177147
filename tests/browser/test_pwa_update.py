"""Updates in Chromium: only changed files download, and a failed download strands no one."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Error as PlaywrightError

from pocketguide.devserver import Answer

from .conftest import Project, build_with_config_change, copy_project
from .pwa_helpers import (
    CHECKED_MARKER,
    cache_keys,
    chunk_files_to_update,
    chunk_ids,
    go_offline,
    install,
    later_revisions,
    page_urls,
    revisions,
    wait_until_kept,
)

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

    from pocketguide.devserver import Server

EDITED_PAGE = "mixing.md"
EDITED_URL = "mixing/index.html"
MARKER = "This sentence exists only in version two of the guide."
PORTAL = b"<!doctype html><title>Wi-Fi login</title><h1>Please log in to continue</h1>"
FOREVER = (("Cache-Control", "public, max-age=31536000, immutable"),)
# Requests the browser itself makes on every visit, not the service worker's downloads.
BROWSER_OWN = {"sw.js", "manifest.webmanifest", "assets/icons/icon-192.png"}


@pytest.fixture(scope="session")
def guide_v2(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The same guide with one page edited: what a phone finds after an editor's change."""
    project = copy_project(tmp_path_factory.mktemp("guide-v2") / "project")
    page = project.root / "docs" / EDITED_PAGE
    page.write_text(page.read_text(encoding="utf-8") + f"\n{MARKER}\n", encoding="utf-8")
    project.build()
    return project


def changed_urls(old: Project, new: Project) -> set[str]:
    """Precache URLs whose revision differs between two builds (or that are new)."""
    before, after = revisions(old.site), revisions(new.site)
    return {url for url, revision in after.items() if before.get(url) != revision}


def article_text(page: Page) -> str:
    """The text of the page's main content."""
    return page.locator("article").inner_text()


def wait_for_failed_install(page: Page, server: Server, failing: str) -> None:
    """Wait until the new worker asked for ``failing`` and the browser then gave up on it."""
    for _ in range(100):
        if failing in server.site.requests:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"the new service worker never asked for {failing} within 10 s")
    for _ in range(100):
        settled = page.evaluate(
            """async () => {
                const registration = await navigator.serviceWorker.getRegistration();
                return Boolean(registration && !registration.installing && !registration.waiting);
            }"""
        )
        if settled:
            return
        time.sleep(0.1)
    pytest.fail("the new service worker neither failed nor finished installing within 10 s")


def test_one_page_edit_downloads_only_what_changed(
    context: BrowserContext, server: Server, guide: Project, guide_v2: Project
) -> None:
    changed = changed_urls(guide, guide_v2)
    assert EDITED_URL in changed
    page = context.new_page()
    install(page, server.url + "mixing/")

    server.site.root = guide_v2.site
    server.site.reset()
    page.reload()
    page.locator(".pg-update").wait_for(timeout=20_000)

    # The edited page and the search index are rebuilt from chunks the phone already holds plus
    # the few new ones, one small file each; nothing else is downloaded.
    assert set(chunk_ids(guide_v2.site)) >= changed - BROWSER_OWN
    new_chunks = chunk_files_to_update(guide.site, guide_v2.site, changed)
    assert 1 <= len(new_chunks) <= 6
    assert set(server.site.requests) - BROWSER_OWN == new_chunks
    # Until the reader taps, the page is still all version one, even after a reload.
    page.reload()
    assert MARKER not in article_text(page)
    assert (
        page.locator(".pg-update")
        .inner_text()
        .startswith("A newer version of this guide is available.")
    )

    with page.expect_navigation():
        page.locator(".pg-update button").click()
    page.locator("article").get_by_text(MARKER).wait_for(timeout=10_000)
    wait_until_kept(page)  # v2's one-file edition, fetched after v2 took over

    caches = cache_keys(page)
    kept = {**revisions(guide_v2.site), **later_revisions(guide_v2.site)}
    expected = {f"{server.url}{url}?__pg={revision}" for url, revision in kept.items()} | {
        server.url + CHECKED_MARKER
    }
    assert list(caches) == [f"pocketguide-precache-v1-{server.url}"]
    assert set(next(iter(caches.values()))) == expected


def test_failed_download_keeps_v1_and_retries_later(
    context: BrowserContext, server: Server, guide: Project, guide_v2: Project
) -> None:
    page = context.new_page()
    install(page, server.url + "mixing/")

    # The edited page's new chunks fail, and so does the whole page, tried after them.
    edited_chunks = chunk_files_to_update(guide.site, guide_v2.site, {EDITED_URL})
    server.site.root = guide_v2.site
    server.site.fail = {EDITED_URL, *edited_chunks}
    server.site.reset()
    page.reload()
    wait_for_failed_install(page, server, EDITED_URL)
    assert page.locator(".pg-update").count() == 0

    # With no signal, every page of version one still opens, and the edited page is v1's.
    go_offline(page, server)
    for url in page_urls(guide.site):
        response = page.goto(server.url + url)
        assert response is not None
        assert response.ok, url
    page.goto(server.url + "mixing/")
    assert MARKER not in article_text(page)

    # Signal again: the next visit retries, fetching only changed files, never all of them.
    page.context.set_offline(False)
    server.site.down = False
    server.site.fail = set()
    server.site.reset()
    page.reload()
    page.locator(".pg-update").wait_for(timeout=20_000)
    retried = set(server.site.requests) - BROWSER_OWN
    assert retried == edited_chunks  # what the failed try already saved is not fetched again


@pytest.fixture(scope="session")
def guide_v2_style(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The guide with one more style rule (a site stylesheet, joined into the guide's one
    stylesheet): version two has a new stylesheet name and bytes."""
    project = copy_project(tmp_path_factory.mktemp("guide-v2-style") / "project")
    sheet = project.root / "docs" / "assets" / "stylesheets" / "extra.css"
    sheet.parent.mkdir(parents=True, exist_ok=True)
    sheet.write_text(".pg-status { letter-spacing: 0.01em; }\n", encoding="utf-8")
    config = project.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\nextra_css:\n  - assets/stylesheets/extra.css\n",
        encoding="utf-8",
    )
    project.build()
    return project


def stylesheet_of(project: Project) -> str:
    """The precached URL of the guide's one stylesheet in ``project``."""
    (url,) = [url for url in revisions(project.site) if url.startswith("assets/stylesheets/")]
    return url


def test_a_login_page_instead_of_the_new_stylesheet_keeps_v1_and_is_retried(
    context: BrowserContext, server: Server, guide: Project, guide_v2_style: Project
) -> None:
    old_css, new_css = stylesheet_of(guide), stylesheet_of(guide_v2_style)
    assert old_css != new_css
    page = context.new_page()
    install(page, server.url + "mixing/")

    server.site.root = guide_v2_style.site
    server.site.answers = {new_css: Answer(200, PORTAL, headers=FOREVER)}
    server.site.reset()
    page.reload()
    wait_for_failed_install(page, server, new_css)
    assert page.locator(".pg-update").count() == 0
    assert page.locator("[data-pg-status]").inner_text().startswith("Saved for offline use (")

    # Version one is whole, offline too: its pages ask for its own stylesheet, from the cache.
    go_offline(page, server)
    page.goto(server.url + "effects/")
    assert page.locator(f"link[href$='{old_css.rsplit('/', 1)[1]}']").count() == 1
    fetched = page.evaluate("async (url) => (await fetch(url)).text()", server.url + old_css)
    assert fetched == (guide.site / old_css).read_text(encoding="utf-8")

    # The host is fixed: the next visit offers version two, with its real stylesheet.
    page.context.set_offline(False)
    server.site.down = False
    server.site.answers = {}
    page.reload()
    page.locator(".pg-update").wait_for(timeout=20_000)


def test_a_tab_opened_before_the_first_save_reloads_after_a_later_update(
    context: BrowserContext, server: Server, guide_v2: Project
) -> None:
    # Tab B opens the edited page before the guide is saved, and stays open; the first save
    # takes it over without a reload (its page is that version's).
    old_tab = context.new_page()
    install(old_tab, server.url + "mixing/")
    assert old_tab.evaluate("Boolean(navigator.serviceWorker.controller)") is True

    # Version two is published; the reader accepts it in another tab.
    server.site.root = guide_v2.site
    tab = context.new_page()
    tab.goto(server.url)
    tab.locator(".pg-update").wait_for(timeout=20_000)
    with old_tab.expect_navigation(timeout=20_000):
        tab.locator(".pg-update button").click()

    # Tab B was reloaded: its page is version two, like the search index it now gets.
    old_tab.locator("article").get_by_text(MARKER).wait_for(timeout=10_000)


def test_a_page_of_the_guide_without_a_worker_deletes_only_this_guide_s_caches(
    context: BrowserContext, server: Server, guide_self_destroying: Project
) -> None:
    server.site.root = guide_self_destroying.site
    origin = server.url.removesuffix("/guide/")
    ours = f"pocketguide-precache-v1-{server.url}"
    others = [
        f"pocketguide-precache-v1-{origin}/other-guide/",  # another copy on the same origin
        f"pocketguide-precache-v1-{server.url}inner/",  # a guide under this one's path
        f"pocketguide-precache-v1-{origin}/",  # a guide at the origin's root
        f"workbox-precache-v2-{server.url}",  # another tool, same scope
        "my-app-cache",
    ]
    page = context.new_page()
    page.goto(server.url + "manifest.webmanifest")  # same origin, runs no script of ours
    page.evaluate(
        "async (names) => { for (const n of names) await caches.open(n); }", [ours, *others]
    )

    page.goto(server.url)  # its script unregisters the worker and deletes our caches
    page.locator("html[data-pg-offline='off']").wait_for(state="attached", timeout=10_000)

    assert sorted(page.evaluate("caches.keys()")) == sorted(others)


@pytest.fixture(scope="session")
def guide_self_destroying(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The guide built with the escape hatch on (``self_destroying: true``)."""
    return build_with_config_change(
        tmp_path_factory.mktemp("guide-off") / "project",
        "  - pocketguide/pwa:\n",
        "  - pocketguide/pwa:\n      self_destroying: true\n",
    )


def test_escape_hatch_removes_worker_and_caches(
    context: BrowserContext, server: Server, guide_self_destroying: Project
) -> None:
    page = context.new_page()
    install(page, server.url)
    assert cache_keys(page)

    server.site.root = guide_self_destroying.site
    server.site.reset()
    page.reload()
    # Installing the escape-hatch worker deletes the offline copy at once...
    count: object = None
    for _ in range(100):
        try:
            count = page.evaluate("async () => (await caches.keys()).length")
        except PlaywrightError:
            count = "navigating"  # the dying worker may already reload the page it controlled
        if count == 0:
            break
        time.sleep(0.1)
    assert count == 0
    # ...so the next visit gets the network's pages, which remove the worker itself.
    try:
        page.reload()
    except PlaywrightError:
        page.wait_for_load_state()  # the dying worker reloaded the page first
    state: object = None
    for _ in range(100):
        try:
            state = page.evaluate(
                """async () => ({
                    registrations: (await navigator.serviceWorker.getRegistrations()).length,
                    caches: (await caches.keys()).length,
                })"""
            )
        except PlaywrightError:
            state = "navigating"  # the dying worker may reload the page it controlled
        if state == {"registrations": 0, "caches": 0}:
            break
        time.sleep(0.1)
    assert state == {"registrations": 0, "caches": 0}
    fresh = context.new_page()
    fresh.goto(server.url)
    fresh.locator("html[data-pg-offline='off']").wait_for(state="attached", timeout=10_000)
