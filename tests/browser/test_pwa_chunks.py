"""Install in Chromium downloads each repeated piece of the pages once (pocketguide/pwa chunks)."""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from typing import TYPE_CHECKING

import pytest

from .conftest import Project, build_with_config_change
from .pwa_helpers import (
    cached_digests,
    chunk_ids,
    install,
    later_revisions,
    page_urls,
    precache_urls,
    revisions,
)

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import BrowserContext

    from pocketguide.devserver import Server

NEW_NAME = "Pocket Guide to Ketamine, second edition"


@pytest.fixture(scope="session")
def guide_renamed(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The guide under a new name: a change to the header of every page."""
    return build_with_config_change(
        tmp_path_factory.mktemp("guide-renamed") / "project",
        "site_name: Pocket Guide to Ketamine\n",
        f"site_name: {NEW_NAME}\n",
    )


def test_first_visit_downloads_the_pages_as_one_pack_and_nothing_twice(
    context: BrowserContext, server: Server, guide: Project
) -> None:
    install(context.new_page(), server.url)

    requests = server.site.requests
    packs = [url for url in requests if url.startswith("_pg/pack.")]
    later = set(later_revisions(guide.site))  # the one-file edition: fetched after, whole
    pages = [url for url in requests if url.endswith(".html") and url not in later]
    assert len(packs) == 1
    assert pages == ["index.html"]  # the page the reader opened; the other pages came packed
    assert all(requests.index(url) > requests.index(packs[0]) for url in later & set(requests))
    assert not [url for url in requests if url.startswith("_pg/c/")]
    # What the page loaded (styles, scripts, search index) came from the HTTP cache, not again.
    # Only icons may come twice: Chromium fetches its favicon and manifest icons on its own,
    # outside the page's HTTP cache and sometimes after the service worker asked.
    twice = [url for url, n in Counter(requests).items() if n > 1]
    assert [url for url in twice if not url.startswith("assets/icons/")] == []


def test_files_rebuilt_from_chunks_are_the_site_s_bytes(
    context: BrowserContext, server: Server, guide: Project
) -> None:
    page = context.new_page()
    install(page, server.url)

    digests = cached_digests(page)
    chunked = chunk_ids(guide.site)
    assert len(chunked) > 20
    for url, revision in revisions(guide.site).items():
        if url in chunked:
            key = f"{server.url}{url}?__pg={revision}"
            assert digests[key] == hashlib.sha256((guide.site / url).read_bytes()).hexdigest()


def test_a_host_without_the_chunk_files_still_gets_the_whole_guide(
    context: BrowserContext, server: Server, guide: Project, tmp_path: Path
) -> None:
    """Someone hosts the site but drops ``_pg/``: every file is downloaded whole instead."""
    site = tmp_path / "site"
    shutil.copytree(guide.site, site)
    shutil.rmtree(site / "_pg")
    server.site.root = site
    page = context.new_page()

    install(page, server.url)

    assert any(url.startswith("_pg/pack.") for url in server.site.requests)  # tried, 404
    requested = set(server.site.requests)
    assert {url for url in precache_urls(guide.site) if url.endswith(".html")} <= requested
    page.context.set_offline(True)
    server.site.down = True
    for url in page_urls(guide.site)[:5]:
        response = page.goto(server.url + url)
        assert response is not None
        assert response.ok, url


def test_an_update_that_touches_every_page_downloads_the_pack_not_each_chunk(
    context: BrowserContext, server: Server, guide: Project, guide_renamed: Project
) -> None:
    page = context.new_page()
    install(page, server.url)

    server.site.root = guide_renamed.site
    server.site.reset()
    page.reload()
    page.locator(".pg-update").wait_for(timeout=20_000)

    requests = server.site.requests
    assert len([url for url in requests if url.startswith("_pg/pack.")]) == 1
    assert [url for url in requests if url.endswith(".html")] == []
    assert len([url for url in requests if url.startswith("_pg/c/")]) <= 8  # search index
    with page.expect_navigation():
        page.locator(".pg-update button").click()
    page.get_by_text(NEW_NAME).first.wait_for(state="attached", timeout=10_000)
