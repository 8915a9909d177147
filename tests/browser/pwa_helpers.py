"""Small steps the PWA browser tests share: wait until saved, read caches, go offline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pocketguide.content.swdata import read_build
from pocketguide.plugins.pwa.chunks import CHUNK_DIR

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Page

    from pocketguide.devserver import Server

SAVED_TIMEOUT_MS = 30_000
#: The cache entry where the service worker notes when it last checked every saved file.
CHECKED_MARKER = "?__pg-checked"


def wait_until_saved(page: Page) -> None:
    """Wait for the client script to report that every precache entry is cached."""
    # A locator, not wait_for_function: the guide's CSP forbids the eval that one needs.
    page.locator("html[data-pg-offline='saved']").wait_for(
        state="attached", timeout=SAVED_TIMEOUT_MS
    )


def wait_for_state(page: Page, state: str) -> None:
    """Wait for the client script to set ``data-pg-offline`` to ``state`` (e.g. ``error``)."""
    page.locator(f"html[data-pg-offline='{state}']").wait_for(
        state="attached", timeout=SAVED_TIMEOUT_MS
    )


def wait_until_kept(page: Page) -> None:
    """Wait until the files kept for later (the one-file edition) are saved too."""
    page.locator("html[data-pg-send='ready']").wait_for(state="attached", timeout=SAVED_TIMEOUT_MS)


def later_revisions(site: Path) -> dict[str, str]:
    """Return ``{url: revision}`` of the files a built ``sw.js`` keeps for later."""
    later = read_build((site / "sw.js").read_text(encoding="utf-8")).get("later") or []
    assert isinstance(later, list)
    return {str(e["url"]): e["revision"] for e in later}


def install(page: Page, url: str) -> None:
    """First online visit: open ``url`` and wait until the guide is saved for offline use."""
    page.goto(url)
    wait_until_saved(page)


def cache_keys(page: Page) -> dict[str, list[str]]:
    """Return every cache name with its request URLs, as the page's origin sees them."""
    keys: dict[str, list[str]] = page.evaluate(
        """async () => {
            const out = {};
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                out[name] = (await cache.keys()).map((request) => request.url);
            }
            return out;
        }"""
    )
    return keys


def cached_digests(page: Page) -> dict[str, str]:
    """Return ``{request url: SHA-256 hex of the body}`` for every entry of every cache."""
    digests: dict[str, str] = page.evaluate(
        """async () => {
            const out = {};
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) {
                    const body = await (await cache.match(request)).arrayBuffer();
                    const digest = await crypto.subtle.digest("SHA-256", body);
                    out[request.url] = Array.from(new Uint8Array(digest),
                        (b) => b.toString(16).padStart(2, "0")).join("");
                }
            }
            return out;
        }"""
    )
    return digests


def go_offline(page: Page, server: Server) -> None:
    """Cut the network twice: the browser goes offline and the server answers nothing."""
    page.context.set_offline(True)
    server.site.down = True


def precache_urls(site: Path) -> list[str]:
    """Return the site-relative URLs the built ``sw.js`` precaches."""
    entries = read_build((site / "sw.js").read_text(encoding="utf-8"))["entries"]
    assert isinstance(entries, list)
    return [str(entry["url"]) for entry in entries]


def revisions(site: Path) -> dict[str, str]:
    """Return ``{url: revision}`` from a built ``sw.js``."""
    entries = read_build((site / "sw.js").read_text(encoding="utf-8"))["entries"]
    assert isinstance(entries, list)
    return {str(e["url"]): e["revision"] for e in entries}


def page_urls(site: Path) -> list[str]:
    """Return the URL a reader uses for every precached HTML page (``x/`` for ``x/index.html``)."""
    urls = []
    for url in precache_urls(site):
        if url.endswith("index.html"):
            urls.append(url.removesuffix("index.html"))
        elif url.endswith(".html"):
            urls.append(url)
    return urls


def chunk_ids(site: Path) -> dict[str, list[str]]:
    """Return ``{url: [chunk id, ...]}`` for every precached file the build cut into chunks."""
    build = read_build((site / "sw.js").read_text(encoding="utf-8"))
    chunking = build["chunks"]
    entries = build["entries"]
    assert isinstance(chunking, dict)
    assert isinstance(entries, list)
    ids = chunking["ids"]
    return {str(e["url"]): [ids[i] for i in e["chunks"]] for e in entries if "chunks" in e}


def chunk_files_to_update(old: Path, new: Path, urls: set[str]) -> set[str]:
    """The chunk files a phone holding every file of ``old`` downloads to rebuild ``urls`` of
    ``new``: each chunk it does not already hold, once."""
    held = {chunk for chunks in chunk_ids(old).values() for chunk in chunks}
    wanted = chunk_ids(new)
    return {f"{CHUNK_DIR}{chunk}.txt" for url in urls for chunk in wanted[url] if chunk not in held}
