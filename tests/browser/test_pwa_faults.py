"""The offline copy under hostile answers, in Chromium: nothing unchecked is stored, a failed
save is reported, a bad copy heals, and the offline page links only to the guide itself.

The devserver's ``Site.answers`` makes a path answer as a broken host would: a Wi-Fi login page
with status 200, a redirect to another origin, and so on.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

from pocketguide.devserver import Answer, Server, Site

from .pwa_helpers import (
    CHECKED_MARKER,
    cached_digests,
    go_offline,
    install,
    precache_urls,
    revisions,
    wait_for_state,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import BrowserContext, Page

    from .conftest import Project

PORTAL = b"<!doctype html><title>Wi-Fi login</title><h1>Please log in to continue</h1>"
# As a host would send it: kept for a year, so the browser's HTTP cache holds on to it.
FOREVER = (("Cache-Control", "public, max-age=31536000, immutable"),)
EVIL_CSS = b"body{background:rgb(255,0,0)!important}"


def one_url(guide: Project, prefix: str) -> str:
    """The one precached URL that starts with ``prefix``."""
    (url,) = [url for url in precache_urls(guide.site) if url.startswith(prefix)]
    return url


@pytest.fixture
def stylesheet(guide: Project) -> str:
    """The guide's stylesheet, named by a hash of its content."""
    return one_url(guide, "assets/stylesheets/guide.")


@pytest.fixture
def search_worker(guide: Project) -> str:
    """Material's search worker, named by a hash of its content."""
    return one_url(guide, "assets/javascripts/workers/search.")


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A tab in a fresh profile."""
    return context.new_page()


@pytest.fixture
def other_origin(tmp_path: Path) -> Iterator[Server]:
    """A second server: another origin (another port) that allows cross-origin reads."""
    root = tmp_path / "other"
    root.mkdir()
    with Server(Site(root=root)) as running:
        yield running


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def status_text(page: Page) -> str:
    return page.locator("[data-pg-status]").inner_text()


def has_controller(page: Page) -> bool:
    controlled: bool = page.evaluate("Boolean(navigator.serviceWorker.controller)")
    return controlled


def fetched_text(page: Page, url: str) -> str:
    """The body the page gets for ``url`` (through the service worker, when it has one)."""
    text: str = page.evaluate("async (url) => (await fetch(url)).text()", url)
    return text


def assert_saved_bytes_are_the_site_s(page: Page, server: Server, guide: Project) -> None:
    digests = cached_digests(page)
    for url, revision in revisions(guide.site).items():
        key = f"{server.url}{url}?__pg={revision}"
        assert digests[key] == sha256((guide.site / url).read_bytes()), url


def test_a_login_page_sent_as_the_stylesheet_and_search_worker_is_refused_then_healed(
    page: Page, server: Server, guide: Project, stylesheet: str, search_worker: str
) -> None:
    server.site.answers = {
        stylesheet: Answer(200, PORTAL, headers=FOREVER),
        search_worker: Answer(200, PORTAL, headers=FOREVER),
    }

    page.goto(server.url)
    wait_for_state(page, "error")

    assert status_text(page) == (
        "The guide could not be saved for offline use. Part of it did not download correctly. "
        "It will try again on your next visit."
    )
    assert not has_controller(page)
    assert sha256(PORTAL) not in cached_digests(page).values()

    # The host is fixed; the browser's HTTP cache still holds the login page "for a year".
    server.site.answers = {}
    page.reload()
    wait_for_state(page, "saved")
    assert status_text(page).startswith("Saved for offline use (")
    assert_saved_bytes_are_the_site_s(page, server, guide)
    go_offline(page, server)
    page.goto(server.url + "mixing/")
    css = (guide.site / stylesheet).read_text(encoding="utf-8")
    assert fetched_text(page, server.url + stylesheet) == css
    worker = (guide.site / search_worker).read_text(encoding="utf-8")
    assert fetched_text(page, server.url + search_worker) == worker


@pytest.mark.parametrize(
    "body",
    [
        # what the other origin sends: another stylesheet, or even our own bytes
        EVIL_CSS,
        None,
    ],
    ids=["evil-css", "our-own-bytes"],
)
def test_a_redirect_to_another_origin_is_never_stored(  # noqa: PLR0917 (fixtures)
    page: Page,
    server: Server,
    guide: Project,
    stylesheet: str,
    other_origin: Server,
    body: bytes | None,
) -> None:
    served = body if body is not None else (guide.site / stylesheet).read_bytes()
    other_origin.site.answers["evil.css"] = Answer(
        200, served, "text/css", headers=(("Access-Control-Allow-Origin", "*"),)
    )
    server.site.answers[stylesheet] = Answer(302, location=f"{other_origin.url}evil.css")

    page.goto(server.url)
    wait_for_state(page, "error")

    assert not has_controller(page)
    assert f"{server.url}{stylesheet}?__pg={revisions(guide.site)[stylesheet]}" not in (
        cached_digests(page)
    )
    assert stylesheet in server.site.requests  # the redirect was sent, and refused

    server.site.answers = {}
    page.reload()
    wait_for_state(page, "saved")
    assert_saved_bytes_are_the_site_s(page, server, guide)
    page.reload()
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 0, 0)"


def test_too_little_space_is_reported_and_the_next_visit_tries_again(
    page: Page, server: Server
) -> None:
    origin = server.url.removesuffix("/guide/")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Storage.overrideQuotaForOrigin", {"origin": origin, "quotaSize": 150_000})

    page.goto(server.url)
    wait_for_state(page, "error")

    text = status_text(page)
    assert text.startswith(
        "The guide could not be saved for offline use. "
        "This phone does not have enough free space for it ("
    )
    assert text.endswith(" MB). It will try again on your next visit.")
    assert not has_controller(page)

    cdp.send("Storage.overrideQuotaForOrigin", {"origin": origin})  # space freed
    page.reload()
    wait_for_state(page, "saved")


def test_a_failed_file_is_reported_instead_of_saving_for_ever(
    page: Page, server: Server, guide: Project
) -> None:
    server.site.fail = {"assets/javascripts/pg-freshness.js"}

    page.goto(server.url)
    wait_for_state(page, "error")

    assert "could not be saved" in status_text(page)
    server.site.fail = set()
    page.reload()
    wait_for_state(page, "saved")


def test_the_status_line_says_the_copy_may_be_cleared_when_the_browser_says_so(
    page: Page, server: Server
) -> None:
    install(page, server.url)

    assert page.locator("html").get_attribute("data-pg-kept") == "no"
    assert status_text(page).endswith(
        ". The phone may clear it when it runs low on space;"
        " adding the guide to the home screen helps keep it."
    )


def test_the_status_line_says_kept_once_the_browser_keeps_it(page: Page, server: Server) -> None:
    origin = server.url.removesuffix("/guide/")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Browser.grantPermissions", {"origin": origin, "permissions": ["durableStorage"]})

    install(page, server.url)

    assert page.locator("html").get_attribute("data-pg-kept") == "yes"
    assert status_text(page).endswith(". Kept on this phone until you remove it.")
    assert page.evaluate("navigator.storage.persisted()") is True


def put_garbage(page: Page, cache_name: str, key: str) -> None:
    """Store a wrong body under ``key`` in ``cache_name``, as a bad copy or a bug would."""
    page.evaluate(
        """async ([name, key]) => {
            const cache = await caches.open(name);
            await cache.put(key, new Response("STALE GARBAGE", {
                headers: { "Content-Type": "text/html" },
            }));
        }""",
        [cache_name, key],
    )


def test_garbage_already_in_the_cache_is_checked_and_replaced_at_install(
    page: Page, server: Server, guide: Project
) -> None:
    key = f"{server.url}effects/index.html?__pg={revisions(guide.site)['effects/index.html']}"
    page.goto(server.url + "manifest.webmanifest")  # same origin, no service worker yet
    put_garbage(page, f"pocketguide-precache-v1-{server.url}", key)

    install(page, server.url)

    assert_saved_bytes_are_the_site_s(page, server, guide)
    go_offline(page, server)
    page.goto(server.url + "effects/")
    assert "STALE GARBAGE" not in page.content()


def test_garbage_found_by_the_daily_check_is_never_called_saved_and_heals_with_signal(
    page: Page, server: Server, guide: Project
) -> None:
    install(page, server.url)
    name = f"pocketguide-precache-v1-{server.url}"
    key = f"{server.url}emergency/index.html?__pg={revisions(guide.site)['emergency/index.html']}"
    put_garbage(page, name, key)
    # A day later: the worker's note of its last full check is old.
    page.evaluate(
        """async ([name, key]) => {
            const cache = await caches.open(name);
            await cache.put(key, new Response(JSON.stringify({ time: 0 })));
        }""",
        [name, server.url + CHECKED_MARKER],
    )

    # No signal: the bad file is found, and cannot be fetched again yet.
    go_offline(page, server)
    page.reload()
    wait_for_state(page, "incomplete")
    files = len(revisions(guide.site))
    assert status_text(page).startswith(
        f"Part of the offline copy is missing: {files - 1} of {files} files ("
    )
    assert status_text(page).endswith(
        " saved. The rest will be fetched again when you have signal."
    )

    page.context.set_offline(False)
    server.site.down = False
    page.reload()
    wait_for_state(page, "saved")
    assert_saved_bytes_are_the_site_s(page, server, guide)


@pytest.mark.parametrize(
    ("asked", "link"),
    [
        # ?from= value                        link shown (None: no link at all)
        ("/guide/no-such-page/", "/guide/no-such-page/"),
        ("/guide/effects/?h=k-hole", "/guide/effects/?h=k-hole"),
        ("https://evil.example/login", None),
        ("//evil.example/phish", None),
        ("/\\evil.example/phish", None),
        ("/%5Cevil.example", None),  # on this origin, but outside the guide
        ("javascript:alert(document.domain)", None),
        ("/other-site/", None),
        ("guide/effects/", None),  # not a path from the root
    ],
)
def test_the_offline_page_links_only_to_pages_of_the_guide(
    page: Page, server: Server, asked: str, link: str | None
) -> None:
    page.goto(f"{server.url}offline/?from={quote(asked, safe='')}")
    slot = page.locator("[data-pg-asked]")

    if link is None:
        assert slot.locator("a").count() == 0
        assert slot.inner_text() == (
            "You seem to be offline, and this page is not part of the copy of the guide on "
            "this phone."
        )
    else:
        assert slot.locator("a").get_attribute("href") == link
        assert slot.inner_text() == f"You asked for {link}. Try again when you have signal."
