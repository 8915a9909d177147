"""Outreach tools in Chromium: Emergency and Share buttons, QR codes, install help, print,
the stale-content notice, redirects and published URLs, dark mode and larger text.

The real guide is built once per session (``guide`` in conftest.py, ``site_url`` =
``SITE_URL``, served under ``/guide/``). Most tests use a light incognito context with service
workers blocked; the offline redirect test installs the guide in a full profile.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
import zxingcpp
from PIL import Image

from pocketguide.devserver import Server, Site

from .conftest import BASE_PATH, SITE_URL
from .pwa_helpers import go_offline, install

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, BrowserContext, Locator, Page

    from .conftest import Project

PUBLISHED_URLS = Path(__file__).parents[1] / "published_urls.txt"
PHONE = {"width": 390, "height": 844}
RED_BUTTON = "rgb(183, 28, 28)"
MIN_TAP = 44  # CSS px, WCAG 2.5.5 target size
REFRESH = re.compile(r"""http-equiv=["']?refresh""", re.IGNORECASE)


@pytest.fixture(scope="module")
def site(guide: Project) -> Iterator[Server]:
    """One server of the built guide for the whole module (these tests only read)."""
    with Server(Site(root=guide.site, base_path=BASE_PATH)) as running:
        yield running


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    """A phone-sized incognito tab with service workers blocked (fast, nothing cached)."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    yield context.new_page()
    context.close()


@pytest.fixture
def no_js_tab(browser: Browser) -> Iterator[Page]:
    """A phone-sized tab with JavaScript turned off."""
    context = browser.new_context(
        viewport=PHONE, service_workers="block", java_script_enabled=False
    )
    yield context.new_page()
    context.close()


def decode_qr(element: Locator) -> list[str]:
    """Screenshot ``element`` and return every QR code zxing-cpp finds in it."""
    image = Image.open(io.BytesIO(element.screenshot()))
    return [result.text for result in zxingcpp.read_barcodes(image)]


def header_emergency(page: Page) -> Locator:
    return page.locator("header").get_by_role("link", name="Emergency", exact=True)


def published_paths() -> list[str]:
    lines = PUBLISHED_URLS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """Return each page's size in points, from the page objects of an uncompressed PDF."""
    count = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes, "no MediaBox in the PDF"
    return [(float(boxes[0][0]), float(boxes[0][1]))] * count


# --- Emergency button ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["", "mixing/", "card/", "install/", "emergency/"])
def test_emergency_button_is_a_red_plain_link_on_every_page(
    no_js_tab: Page, site: Server, path: str
) -> None:
    no_js_tab.goto(site.url + path)
    button = header_emergency(no_js_tab)
    assert button.is_visible()
    box = button.bounding_box()
    assert box is not None
    assert box["width"] >= MIN_TAP
    assert box["height"] >= MIN_TAP
    assert button.evaluate("e => getComputedStyle(e).backgroundColor") == RED_BUTTON
    button.click()
    no_js_tab.wait_for_url(f"{site.url}emergency/")
    assert no_js_tab.locator(".md-content h1").inner_text().startswith("Emergency")


# --- Share dialog ---------------------------------------------------------------------------


def test_share_dialog_qr_code_decodes_to_the_page_public_url(tab: Page, site: Server) -> None:
    tab.goto(site.url + "mixing/")
    tab.get_by_role("button", name="Share this page").click()
    dialog = tab.locator("#pg-share")
    assert dialog.is_visible()
    qr = dialog.locator("svg.pg-qr")
    box = qr.bounding_box()
    assert box is not None
    assert box["width"] >= 200  # about 5 cm on a phone: scannable from another phone
    assert decode_qr(qr) == [f"{SITE_URL}mixing/"]
    assert dialog.locator(".pg-share__url").get_by_role("link").inner_text() == f"{SITE_URL}mixing/"


def test_offline_fallback_page_shares_the_guide_home(tab: Page, site: Server) -> None:
    tab.goto(site.url + "offline/")
    assert tab.locator("#pg-share").get_attribute("data-share-url") == SITE_URL


def test_share_button_uses_the_web_share_api_where_the_browser_has_it(
    tab: Page, site: Server
) -> None:
    tab.add_init_script(
        """
        window.__shared = [];
        Object.defineProperty(Navigator.prototype, "share", {
          configurable: true,
          value(data) { window.__shared.push(data); return Promise.resolve(); },
        });
        Object.defineProperty(Navigator.prototype, "canShare", {
          configurable: true, value() { return true; },
        });
        """
    )
    tab.goto(site.url + "emergency/")
    tab.get_by_role("button", name="Share this page").click()
    dialog = tab.locator("#pg-share")
    assert not dialog.get_by_role("button", name="Copy link").is_visible()
    dialog.get_by_role("button", name="Share…").click()
    tab.wait_for_function("window.__shared.length === 1")
    shared = tab.evaluate("window.__shared[0]")
    title = tab.locator("meta[name=description]").get_attribute("content")
    assert shared == {
        "title": "Emergency: what to do right now",
        "text": title,
        "url": f"{SITE_URL}emergency/",
    }
    assert dialog.get_by_role("status").inner_text() == "Shared."


def test_copy_link_is_the_fallback_with_a_visible_confirmation(
    browser: Browser, site: Server
) -> None:
    context = browser.new_context(viewport=PHONE, service_workers="block")
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site.url))
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    tab = context.new_page()
    tab.add_init_script("delete Navigator.prototype.share; delete Navigator.prototype.canShare;")
    try:
        tab.goto(site.url + "card/")
        tab.get_by_role("button", name="Share this page").click()
        dialog = tab.locator("#pg-share")
        assert not dialog.get_by_role("button", name="Share…").is_visible()
        dialog.get_by_role("button", name="Copy link").click()
        status = dialog.get_by_role("status")
        status.filter(has_text="Link copied").wait_for()
        assert status.inner_text() == "Link copied. Paste it into a message or chat."
        assert tab.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}card/"
    finally:
        context.close()


def test_share_dialog_and_qr_code_work_with_javascript_off(no_js_tab: Page, site: Server) -> None:
    no_js_tab.goto(site.url + "install/")
    no_js_tab.get_by_role("button", name="Share this page").click()
    dialog = no_js_tab.locator("#pg-share")
    assert dialog.is_visible()
    assert decode_qr(dialog.locator("svg.pg-qr")) == [f"{SITE_URL}install/"]
    assert not dialog.get_by_role("button", name="Copy link").is_visible()
    dialog.get_by_role("button", name="Close").click()
    assert not dialog.is_visible()


# --- Install help ---------------------------------------------------------------------------

FAKE_INSTALL_OFFER = """() => {
  const offer = new Event("beforeinstallprompt", { cancelable: true });
  window.__prompted = 0;
  offer.prompt = () => { window.__prompted += 1; return Promise.resolve(); };
  offer.userChoice = Promise.resolve({ outcome: "accepted", platform: "web" });
  window.dispatchEvent(offer);
  return offer.defaultPrevented;
}"""


def test_install_button_appears_only_when_the_browser_offers_to_install(
    tab: Page, site: Server
) -> None:
    tab.goto(site.url + "install/")
    button = tab.get_by_role("button", name="Install Pocket Guide")
    assert not button.is_visible()
    assert tab.evaluate(FAKE_INSTALL_OFFER) is True
    button.click()
    assert tab.evaluate("window.__prompted") == 1
    tab.get_by_text("Installed. Look for Pocket Guide on your home screen.").wait_for()
    assert not button.is_visible()


def test_other_pages_leave_the_browser_install_offer_alone(tab: Page, site: Server) -> None:
    tab.goto(site.url + "mixing/")
    assert tab.evaluate(FAKE_INSTALL_OFFER) is False


def test_install_page_covers_each_phone_and_the_offline_status_line(
    tab: Page, site: Server
) -> None:
    tab.goto(site.url + "install/")
    headings = [
        h.removesuffix("¶") for h in tab.locator(".md-content h2, .md-content h3").all_inner_texts()
    ]
    for heading in ("Android", "Chrome", "Samsung Internet", "Firefox", "iPhone and iPad"):
        assert heading in headings
    text = tab.locator(".md-content").inner_text()
    assert "Add to Home Screen" in text
    assert "Saved for offline use" in text
    # The words the page tells readers to look for are the ones the PWA really shows (its
    # texts come from the page's strings block, in the guide's language).
    shown = json.loads(tab.locator("script#pg-strings").text_content() or "{}")
    assert shown["saved"].startswith("Saved for offline use")
    assert shown["update_available"].startswith("A newer version of this guide is available")
    assert "A newer version of this guide is available" in text


def test_manifest_has_home_screen_shortcuts_to_emergency_and_mixing(
    tab: Page, site: Server
) -> None:
    manifest_url = f"{site.url}manifest.webmanifest"
    manifest = tab.request.get(manifest_url).json()
    shortcuts = {s["name"]: s["url"] for s in manifest["shortcuts"]}
    assert set(shortcuts) == {"Emergency", "Mixing"}
    for name, path in (("Emergency", "emergency/"), ("Mixing", "mixing/")):
        url = tab.evaluate("([u, base]) => new URL(u, base).href", [shortcuts[name], manifest_url])
        assert url == f"{site.url}{path}"
        assert tab.request.get(url).ok


# --- Print ----------------------------------------------------------------------------------


@pytest.mark.parametrize("card", ["card/", "es/card/"])
def test_quick_reference_card_prints_on_one_a6_page(tab: Page, site: Server, card: str) -> None:
    tab.goto(site.url + card)
    pdf = tab.pdf(prefer_css_page_size=True, print_background=True)
    pages = pdf_pages(pdf)
    assert len(pages) == 1
    width, height = pages[0]
    assert width == pytest.approx(105 / 25.4 * 72, abs=2)  # A6: 105 x 148 mm
    assert height == pytest.approx(148 / 25.4 * 72, abs=2)


def test_printed_card_has_the_steps_the_qr_code_and_the_review_date(
    tab: Page, site: Server
) -> None:
    tab.goto(site.url + "card/")
    tab.emulate_media(media="print")
    card = tab.locator(".pg-card")
    text = card.inner_text()
    for words in ("Call now if the person", "999", "911", "Most dangerous mixes", "Do not"):
        assert words in text
    assert re.search(r"Facts checked \d{1,2} [A-Z][a-z]+ \d{4}\.", text)
    assert not tab.locator(".md-content h1").is_visible()  # only the card prints
    assert decode_qr(card.locator(".pg-card__qr svg")) == [SITE_URL]


def test_the_spanish_card_prints_in_spanish_with_the_spanish_address(
    tab: Page, site: Server
) -> None:
    tab.goto(site.url + "es/card/")
    tab.emulate_media(media="print")
    card = tab.locator(".pg-card")
    text = card.inner_text()
    for words in ("112", "911", "123"):
        assert words in text
    assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", text)
    assert decode_qr(card.locator(".pg-card__qr svg")) == [f"{SITE_URL}es/"]


def test_print_drops_navigation_and_buttons_and_shows_external_link_addresses(
    tab: Page, site: Server
) -> None:
    tab.goto(site.url + "sources/")
    tab.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", "#pg-share"):
        assert not tab.locator(selector).first.is_visible(), selector
    link = tab.locator(".md-content a[href^='https://']").first
    href = link.get_attribute("href")
    after = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert after in {'" (" attr(href) ")"', f'" ({href})"'}


# --- Stale-content notice -------------------------------------------------------------------


def freshness(tab: Page, url: str) -> dict[str, object]:
    tab.goto(url)
    data = json.loads(tab.locator("#pg-freshness").text_content() or "null")
    assert isinstance(data, dict)
    return data


def spelled(day: dt.date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def at_noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12))


@pytest.mark.parametrize(
    ("path", "when", "lines"),
    [
        # page        phone date: (date, + days)  (page overdue, old copy) shown
        ("mixing/", ("guide_date", 30), (False, False)),
        ("mixing/", ("guide_date", 183), (False, False)),
        ("mixing/", ("guide_date", 184), (False, True)),
        ("emergency/", ("next_review", 0), (False, True)),
        ("emergency/", ("next_review", 1), (True, True)),
    ],
)
def test_stale_notice_follows_the_phone_clock(
    browser: Browser,
    site: Server,
    path: str,
    when: tuple[str, int],
    lines: tuple[bool, bool],
) -> None:
    context = browser.new_context(viewport=PHONE, service_workers="block")
    tab = context.new_page()
    try:
        data = freshness(tab, site.url + path)
        next_review = dt.date.fromisoformat(str(data["next_review"]))
        guide_date = dt.date.fromisoformat(str(data["guide_date"]))
        assert data["stale_after_days"] == 183
        since, days = when
        start = next_review if since == "next_review" else guide_date
        tab.clock.set_fixed_time(at_noon(start + dt.timedelta(days=days)))
        tab.reload()
        notice = tab.locator(".md-content .pg-stale")
        page_line, copy_line = lines
        if not (page_line or copy_line):
            assert notice.count() == 0
            return
        assert notice.is_visible()
        # On the Emergency page the steps come first and the notice goes at the end.
        at_end = notice.evaluate("n => n.parentNode.lastElementChild === n")
        assert at_end is (path == "emergency/")
        after_dates = notice.evaluate("n => n.previousElementSibling.matches('.pg-reviewed')")
        assert after_dates is (path != "emergency/")
        assert notice.locator(".pg-stale__page").is_visible() is page_line
        assert notice.locator(".pg-stale__copy").is_visible() is copy_line
        text = notice.inner_text()
        if page_line:
            assert f"This page was due for a check on {spelled(next_review)}." in text
        if copy_line:
            assert f"guide is from {spelled(guide_date)}, more than 6 months ago" in text
        assert "To update, connect to the internet and open the guide again." in text
        notice.get_by_role("link", name="How to update").click()
        tab.wait_for_url(f"{site.url}install/#keep-the-guide-up-to-date")
    finally:
        context.close()


# --- Links that never break -----------------------------------------------------------------


def test_published_urls_list_is_not_empty_and_has_no_duplicates() -> None:
    paths = published_paths()
    assert "/" in paths
    assert "/emergency/" in paths
    assert len(paths) == len(set(paths))
    assert all(p.startswith("/") and p.endswith("/") for p in paths)


def test_every_published_url_opens_a_page(tab: Page, site: Server) -> None:
    broken = []
    for path in published_paths():
        url = site.url + path.lstrip("/")
        response = tab.request.get(url)
        body = response.text() if response.ok else ""
        stub = REFRESH.search(body) is not None
        if not response.ok or ("md-content" not in body and not stub):
            broken.append(f"{path}: HTTP {response.status}, not a page")
        elif stub:  # a redirect stub: a browser must land on a real page
            tab.goto(url)
            tab.locator(".md-content h1").first.wait_for(timeout=5000)
            if tab.url == url or tab.title().startswith("Redirecting"):
                broken.append(f"{path}: redirect stub goes nowhere")
    assert broken == []


def test_emergency_button_and_redirect_stub_work_offline(
    context: BrowserContext, server: Server
) -> None:
    page = context.new_page()
    install(page, server.url)
    go_offline(page, server)
    page.goto(server.url + "mixing/")
    header_emergency(page).click()
    page.wait_for_url(f"{server.url}emergency/")
    assert page.locator(".md-content h1").inner_text().startswith("Emergency")
    page.goto(server.url + "sos/")
    page.wait_for_url(f"{server.url}emergency/")
    assert page.locator(".md-content h1").inner_text().startswith("Emergency")


# --- Dark mode and larger text --------------------------------------------------------------


def test_palette_choice_is_remembered_across_reloads(tab: Page, site: Server) -> None:
    tab.emulate_media(color_scheme="light")
    tab.goto(site.url + "mixing/")
    body = tab.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    # The toggle cycles: follow the system -> light -> dark.
    for _ in range(2):
        tab.locator("form[data-md-component=palette] label:visible").click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    tab.reload()
    assert tab.locator("body").get_attribute("data-md-color-scheme") == "slate"
    # ...and the toggle offers the next step from the saved choice, not from the first one.
    toggle = tab.locator("form[data-md-component=palette] label:visible")
    assert toggle.get_attribute("title") == "Follow the system setting"
    tab.goto(site.url + "emergency/")
    assert tab.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_follow_the_system_setting_by_default(browser: Browser, site: Server) -> None:
    context = browser.new_context(viewport=PHONE, service_workers="block", color_scheme="dark")
    try:
        tab = context.new_page()
        tab.goto(site.url)
        assert tab.locator("body").get_attribute("data-md-color-scheme") == "slate"
    finally:
        context.close()


def no_horizontal_scroll(tab: Page) -> bool:
    return bool(tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_text_size_follows_the_browser_setting(tab: Page, site: Server) -> None:
    tab.goto(site.url + "mixing/")
    paragraph = tab.locator(".md-content p").first
    root_before = tab.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    text_before = paragraph.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})  # 200 %
    tab.reload()
    root_after = tab.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    text_after = paragraph.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    assert root_after == pytest.approx(2 * root_before)
    assert text_after == pytest.approx(2 * text_before)
    assert no_horizontal_scroll(tab)
    assert header_emergency(tab).is_visible()
    box = header_emergency(tab).bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= PHONE["width"]


def test_page_at_200_percent_zoom_keeps_header_buttons_and_no_sideways_scroll(
    browser: Browser, site: Server
) -> None:
    # A 1280 x 800 window zoomed to 200 % lays out like a 640 x 400 CSS px viewport.
    context = browser.new_context(
        viewport={"width": 640, "height": 400}, device_scale_factor=2, service_workers="block"
    )
    try:
        tab = context.new_page()
        for path in ("", "mixing/", "card/", "install/"):
            tab.goto(site.url + path)
            assert no_horizontal_scroll(tab), path
            for control in (
                header_emergency(tab),
                tab.get_by_role("button", name="Share this page"),
            ):
                assert control.is_visible(), path
                box = control.bounding_box()
                assert box is not None
                assert box["height"] >= MIN_TAP
                assert box["x"] + box["width"] <= 640
    finally:
        context.close()
