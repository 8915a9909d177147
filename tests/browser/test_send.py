"""Passing the guide on with no signal, in Chromium: "Send the whole guide" (the share sheet,
else a download), "Text the emergency steps" (an sms: draft), and the received file.

The guide is saved by one online visit; then the network is cut twice (the browser offline,
the server answering nothing) before anything is sent. The file sent must be byte for byte
the one ``make site`` puts in ``dist/``.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
from typing import TYPE_CHECKING
from urllib.parse import unquote

import pytest
import zxingcpp
from PIL import Image

from pocketguide.content import sms
from pocketguide.content.data import load_data
from pocketguide.content.sources import load_sources
from pocketguide.plugins.edition.sitezip import make_dist

from .conftest import PROJECT, SITE_URL
from .pwa_helpers import go_offline, install, wait_until_kept

if TYPE_CHECKING:
    from pathlib import Path

    from playwright.sync_api import Browser, BrowserContext, Page, Route

    from pocketguide.devserver import Server

    from .conftest import Project

pytestmark = pytest.mark.browser

STAMP = re.compile(rb'<meta name="generator" content="pocketguide edition ([^"]+)">')
# A share sheet that keeps what it was given: the file's name, type and bytes (base64).
SHARE_STUB = """
    window.__shared = [];
    Object.defineProperty(navigator, "canShare", {
        configurable: true,
        value: (data) => Boolean(data && data.files && data.files.length),
    });
    Object.defineProperty(navigator, "share", {
        configurable: true,
        value: async (data) => {
            const file = data.files[0];
            const bytes = new Uint8Array(await file.arrayBuffer());
            let text = "";
            for (const byte of bytes) { text += String.fromCharCode(byte); }
            window.__shared.push({ name: file.name, type: file.type, base64: btoa(text) });
        },
    });
"""
# A browser that cannot share files at all.
NO_SHARE = """
    delete Navigator.prototype.share;
    delete Navigator.prototype.canShare;
"""


@pytest.fixture(scope="module")
def dist(guide: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``dist/`` as ``make site`` writes it from the built site."""
    folder = tmp_path_factory.mktemp("dist")
    make_dist(guide.site, folder)
    return folder


def expected_name(edition: bytes) -> str:
    stamp = STAMP.search(edition)
    assert stamp is not None
    return f"pocket-guide-to-ketamine-{stamp[1].decode()}.html"


def saved_then_offline(context: BrowserContext, server: Server, script: str) -> Page:
    """One online visit until the guide and its one-file edition are saved; then no network."""
    context.add_init_script(script)
    page = context.new_page()
    install(page, server.url)
    wait_until_kept(page)
    status = page.locator("[data-pg-send-status]").inner_text()
    assert status == "The whole guide as one file, to send to a friend, is saved too."
    go_offline(page, server)
    return page


def shared(page: Page) -> list[dict[str, str]]:
    for _ in range(100):
        found: list[dict[str, str]] = page.evaluate("window.__shared")
        if found:
            return found
        page.wait_for_timeout(100)
    return []


def test_share_sheet_gets_the_dist_file_offline_from_the_dialog_and_the_outreach_page(
    context: BrowserContext, server: Server, dist: Path
) -> None:
    edition = (dist / "pocketguide.html").read_bytes()
    page = saved_then_offline(context, server, SHARE_STUB)

    # The Share dialog of an inner page, offline: the page and the file come from the cache.
    page.goto(server.url + "mixing/")
    page.locator("header [popovertarget='pg-share']").first.click()
    dialog = page.locator("#pg-share")
    dialog.get_by_role("button", name="Send the whole guide").click()
    (sent,) = shared(page)
    assert sent["name"] == expected_name(edition)
    assert sent["type"] == "text/html"
    assert base64.b64decode(sent["base64"]) == edition
    dialog.locator(".pg-send__status").get_by_text(f"Sent {sent['name']}.").wait_for()

    page.goto(server.url + "outreach/")
    page.locator("article .pg-send").get_by_role("button", name="Send the whole guide").click()
    (again,) = shared(page)
    assert again == sent


def test_without_file_sharing_the_download_saves_the_same_bytes_offline(
    context: BrowserContext, server: Server, dist: Path, tmp_path: Path
) -> None:
    edition = (dist / "pocketguide.html").read_bytes()
    page = saved_then_offline(context, server, NO_SHARE)

    page.goto(server.url + "outreach/")
    block = page.locator("article .pg-send")
    assert block.get_by_role("button", name="Send the whole guide").is_hidden()
    with page.expect_download() as download_info:
        block.get_by_role("link", name="Save the whole guide as one file").click()
    download = download_info.value
    assert download.suggested_filename == expected_name(edition)
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.read_bytes() == edition
    status = block.locator(".pg-send__status").inner_text()
    assert status.startswith(f"Saved {download.suggested_filename} (")
    assert "Bluetooth" in status


def guide_texts() -> dict[str, str]:
    """The texts the build wrote, from the same data (the guide is a copy of the project's)."""
    docs = PROJECT / "docs"
    data, _ = load_data(docs / "data", load_sources(docs / "sources.yml")[0])
    assert data.emergency is not None
    return sms.texts(data.emergency, SITE_URL)


@pytest.mark.parametrize(
    ("locale", "code", "numbers"),
    [
        # the phone's language   its text   numbers the draft must hold
        ("en-GB", "GB", ["999"]),
        ("de-DE", "EU", ["112"]),
        ("en-AU", "AU", ["000"]),
        ("ja-JP", "", ["999", "112", "911", "000", "111"]),  # no listed country: the main ones
    ],
)
def test_sms_draft_holds_the_numbers_and_fits_two_sms(
    browser: Browser, server: Server, locale: str, code: str, numbers: list[str]
) -> None:
    context = browser.new_context(locale=locale, service_workers="block")
    page = context.new_page()
    page.goto(server.url + "emergency/")
    link = page.locator("article a.pg-sms__link")
    href = link.get_attribute("href") or ""
    context.close()

    assert href.startswith("sms:?body=")
    body = unquote(href.removeprefix("sms:?body="))
    assert body == guide_texts()[code]
    assert all(number in body for number in numbers)
    assert SITE_URL in body
    count = sms.segments(body)
    assert count.segments <= 2  # counted: GSM-7 <= 306 septets, UCS-2 <= 134 units
    assert count.units <= (306 if count.encoding == "gsm-7" else 134)


def test_sms_count_shown_is_the_page_s_own_count(browser: Browser, server: Server) -> None:
    context = browser.new_context(locale="en-GB", service_workers="block")
    page = context.new_page()
    page.goto(server.url + "outreach/")
    link = page.locator("article a.pg-sms__link")
    body = unquote((link.get_attribute("href") or "").removeprefix("sms:?body="))
    shown = link.get_attribute("data-pg-sms-segments")
    note = page.locator("article .pg-sms__count").inner_text()
    context.close()
    assert shown == str(sms.segments(body).segments)
    assert f"({len(body)} characters)" in note


def test_received_file_opens_from_file_url_with_every_request_blocked(
    browser: Browser, dist: Path, tmp_path: Path
) -> None:
    edition = (dist / "pocketguide.html").read_bytes()
    received = tmp_path / "Download" / expected_name(edition)
    received.parent.mkdir()
    shutil.copyfile(dist / "pocketguide.html", received)
    context = browser.new_context(offline=True, viewport={"width": 390, "height": 844})
    outside: list[str] = []
    errors: list[str] = []

    def only_the_file(route: Route) -> None:
        if route.request.url == received.as_uri():
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_the_file)
    context.on("weberror", lambda error: errors.append(str(error.error)))
    page = context.new_page()
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(received.as_uri())

    stamp = page.locator("header .stamp").inner_text()
    version = STAMP.search(edition)
    assert version is not None
    assert stamp.startswith(f"Version {version[1].decode()} · facts checked up to ")
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}$", stamp)
    first_screen = page.locator("header .get-app")
    assert first_screen.is_visible()
    assert first_screen.bounding_box()["y"] < 2 * 844  # type: ignore[index]
    assert "When you have a connection again, open" in first_screen.inner_text()
    assert first_screen.get_by_role("link", name=SITE_URL).get_attribute("href") == SITE_URL
    qr = first_screen.locator("svg")
    qr.scroll_into_view_if_needed()
    image = Image.open(io.BytesIO(qr.screenshot()))
    assert [code.text for code in zxingcpp.read_barcodes(image)] == [SITE_URL]
    assert page.locator(".pg-send").count() == 0  # the reader already holds the file
    context.close()
    assert outside == []
    assert errors == []
