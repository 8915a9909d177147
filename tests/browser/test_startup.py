"""Start-up in Chromium: the scripts are deferred and still do their work in order, their
start-up changes nothing that would make the browser restyle every element, and the first
frame draws no SVG image.

A page's first paint comes before its scripts run (they are deferred, pocketguide/minify).
After that paint, any change to a class of ``<html>`` or to the colour attributes of ``<body>``
makes the browser recompute the style of every element, which phones feel as a stalled page.
An SVG used as a CSS image is a document of its own, built before the frame that shows it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

    from pocketguide.devserver import Server

PHONE = {"width": 390, "height": 844}
# Every element or ::before/::after box the page draws with an SVG image as a CSS image.
SVG_IMAGES = """() => {
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    if (!el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })) continue;
    for (const part of [null, "::before", "::after"]) {
      const style = getComputedStyle(el, part);
      if (part && style.content === "none") continue;
      const images = [style.maskImage, style.webkitMaskImage, style.backgroundImage,
                      style.listStyleImage, style.borderImageSource];
      if (images.some((image) => /image\\/svg|\\.svg\\b/.test(image))) {
        found.push(el.tagName + "." + el.classList.value + (part || ""));
      }
    }
  }
  return found;
}"""
# Each admonition title's icon: its box against the title's, its fill, and Material's ::before.
ICONS = """() => [...document.querySelectorAll(".admonition-title")].map((title) => {
  const icon = title.querySelector("svg.pg-admonition-icon");
  if (!icon) return null;
  const outer = title.getBoundingClientRect(), box = icon.getBoundingClientRect();
  return {
    rem: parseFloat(getComputedStyle(document.documentElement).fontSize),
    width: box.width, height: box.height, left: box.left - outer.left,
    fill: getComputedStyle(icon).fill, before: getComputedStyle(title, "::before").content,
    text: title.textContent,
  };
})"""
# Every change of a class or of <body>'s palette attributes, and whether the page was still
# being parsed then.
WATCH = """
window.__pgChanges = [];
new MutationObserver((records) => {
  for (const r of records) {
    const now = r.target.getAttribute(r.attributeName);
    if (now !== r.oldValue) {
      window.__pgChanges.push({
        on: r.target.nodeName, name: r.attributeName, from: r.oldValue, to: now,
        parsing: document.readyState === "loading",
      });
    }
  }
}).observe(document, {
  subtree: true, attributes: true, attributeOldValue: true,
  attributeFilter: ["class", "data-md-color-scheme", "data-md-color-primary",
                    "data-md-color-accent"],
});
"""


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    """A light, phone-sized tab with service workers blocked, watching the page from the start."""
    context = browser.new_context(viewport=PHONE, service_workers="block", color_scheme="light")
    context.add_init_script(WATCH)
    yield context.new_page()
    context.close()


def started(tab: Page, url: str) -> list[dict[str, object]]:
    """Open ``url``, wait until the page has loaded, pwa.js has started and guide.js has had
    two frames after ``load`` (its first look at the scroll position), and return the changes
    seen so far."""
    tab.goto(url, wait_until="load")
    tab.locator("[data-pg-status]").wait_for(state="attached")
    tab.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    changes: list[dict[str, object]] = tab.evaluate("window.__pgChanges")
    return changes


@pytest.mark.parametrize("page", ["", "mixing/"])
def test_startup_changes_no_page_wide_class_or_colour(tab: Page, server: Server, page: str) -> None:
    changes = started(tab, server.url + page)
    late = [c for c in changes if c["on"] in {"HTML", "BODY"} and not c["parsing"]]
    assert late == []


def test_a_dark_phone_gets_the_dark_palette_while_the_page_is_parsed(
    browser: Browser, server: Server
) -> None:
    """With the phone in dark mode and no saved choice, the page is dark from its first paint:
    the palette is applied while <body> is parsed, not after the page has been shown light."""
    context = browser.new_context(viewport=PHONE, service_workers="block", color_scheme="dark")
    context.add_init_script(WATCH)
    try:
        changes = started(context.new_page(), server.url + "mixing/")
    finally:
        context.close()
    scheme = [c for c in changes if c["name"] == "data-md-color-scheme"]
    assert [(c["on"], c["to"], c["parsing"]) for c in scheme] == [("BODY", "slate", True)]


def test_html_gets_materials_classes_while_the_head_is_parsed(tab: Page, server: Server) -> None:
    changes = [c for c in started(tab, server.url) if c["on"] == "HTML"]
    assert changes
    assert all(c["parsing"] for c in changes)
    assert set(str(changes[-1]["to"]).split()) == {"js", "js-focus-visible"}


def test_scripts_are_deferred_and_run_in_document_order(tab: Page, server: Server) -> None:
    tab.goto(server.url + "mixing/")
    tab.locator("[data-pg-status]").wait_for(state="attached")
    deferred = tab.locator("script[src]").evaluate_all("s => s.map(e => [e.src, e.defer])")
    assert deferred
    assert all(is_deferred for _, is_deferred in deferred), deferred
    names = [src.rsplit("/", 1)[-1] for src, _ in deferred]
    # pwa.js is in the head; guide.js (pocketguide/theme, in place of Material's bundle), then
    # the scripts the plugins link (extra_javascript), end <body>.
    assert names == [
        "pwa.js",
        "guide.js",
        "pg-share.js",
        "pg-sms.js",
        "pg-freshness.js",
        "pg-install.js",
    ]


def test_guide_js_runs_header_title_search_and_drawer(tab: Page, server: Server) -> None:
    tab.goto(server.url + "mixing/")
    # Header title: once the page heading scrolls away, the header shows the page's title.
    title = tab.locator("[data-md-component=header-title]")
    assert "md-header__title--active" not in (title.get_attribute("class") or "")
    tab.mouse.wheel(0, 1500)
    tab.locator(".md-header__title--active").wait_for(state="attached")
    # Search: the worker answers with results.
    tab.locator(".md-header label.md-header__button[for=__search]").click()
    tab.keyboard.type("alcohol")
    tab.locator(".md-search-result__item").first.wait_for(state="visible")
    # Drawer: the menu button opens the navigation.
    tab.goto(server.url + "mixing/")
    tab.locator(".md-header label[for=__drawer]").click()
    drawer = tab.locator(".md-sidebar--primary")
    drawer.get_by_role("link", name="Safer use").wait_for(state="visible")


@pytest.mark.parametrize("page", ["", "mixing/", "emergency/"])
def test_the_first_frame_draws_no_svg_image(tab: Page, server: Server, page: str) -> None:
    """Material draws admonition icons as masks of SVG images; the guide's are inline SVG."""
    tab.goto(server.url + page, wait_until="load")
    assert tab.locator(".admonition-title").count() > 0
    assert tab.evaluate(SVG_IMAGES) == []


def test_admonition_icons_are_drawn_where_material_draws_them(tab: Page, server: Server) -> None:
    tab.goto(server.url + "mixing/", wait_until="load")
    icons = tab.evaluate(ICONS)
    assert icons
    assert None not in icons
    for icon in icons:
        # 1rem square, 0.6rem into the title's padding, coloured, and Material's mask gone.
        assert icon["width"] == icon["height"] == icon["rem"], icon
        assert icon["left"] == pytest.approx(0.6 * icon["rem"]), icon
        assert icon["fill"] not in {"none", "rgb(0, 0, 0)"}, icon
        assert icon["before"] == "none", icon
