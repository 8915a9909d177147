"""Accessible (WCAG 2.2 AA): axe-core on every page in both palettes, tap targets, text zoom,
narrow screens, reduced motion and the Emergency page by keyboard alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from axe_playwright_python.sync_playwright import Axe

from .pwa_helpers import page_urls

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, Page

    from pocketguide.devserver import Server

    from .conftest import Project

PHONE = {"width": 390, "height": 844}
# Everything in the header a finger can press.
# Every visible control in the header a finger can press (the search form's own icons,
# inside the search field, are not header buttons), with its size.
HEADER_CONTROLS = """() =>
[...document.querySelectorAll(
  ".md-header a[href], .md-header button, .md-header .md-header__button")]
  .filter((el) => !el.closest(".md-search") && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== "hidden")
  .map((el) => {
    const box = el.getBoundingClientRect();
    const name = el.getAttribute("aria-label") || el.title || el.textContent.trim();
    return [name, box.width, box.height];
  })
"""


@pytest.fixture
def tab(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh tab; ``@pytest.mark.parametrize("tab", [options], indirect=True)`` sets up the
    context (palette, viewport, reduced motion)."""
    options = {"viewport": PHONE, **getattr(request, "param", {})}
    context = browser.new_context(**options)
    yield context.new_page()
    context.close()


def short(violation: dict[str, object]) -> str:
    """Return one line per axe violation: rule, impact and the first offending element."""
    nodes = violation["nodes"]
    assert isinstance(nodes, list)
    return (
        f"{violation['id']} ({violation['impact']}): {nodes[0]['target']} and {len(nodes) - 1} more"
    )


ALL_TRANSITIONS_DONE = "() => document.getAnimations().every(a => a.playState !== 'running')"


def test_axe_finds_no_violation_on_any_page_in_light_or_dark(
    tab: Page, server: Server, guide: Project
) -> None:
    axe = Axe()
    found = {}
    for url in page_urls(guide.site):
        for palette, scheme in (("light", "default"), ("dark", "slate")):
            # Material follows the system setting by default, and follows it when it changes.
            tab.emulate_media(color_scheme=palette)
            if palette == "light":
                tab.goto(server.url + url)
            body = tab.locator(f"body[data-md-color-scheme='{scheme}']")
            body.wait_for(state="attached", timeout=5_000)
            # Links and the header title fade to their new colours (short CSS transitions):
            # measure the end colours, not one frame of a fade a busy machine has stretched.
            tab.wait_for_function(ALL_TRANSITIONS_DONE, timeout=5_000)
            violations = axe.run(tab).response["violations"]
            if violations:
                found[f"{palette} {url}"] = [short(v) for v in violations]
    assert found == {}


@pytest.mark.parametrize(
    "tab",
    [{"viewport": PHONE}, {"viewport": {"width": 1280, "height": 800}}],
    indirect=True,
    ids=["phone", "desktop"],
)
def test_header_tap_targets_are_at_least_44_px(tab: Page, server: Server) -> None:
    tab.goto(server.url + "mixing/")
    sizes = {f"{i}: {name}": (w, h) for i, (name, w, h) in enumerate(tab.evaluate(HEADER_CONTROLS))}
    assert len(sizes) >= 4
    small = {name: size for name, size in sizes.items() if min(size) < 44}
    assert small == {}


@pytest.mark.parametrize(
    ("tab", "zoom"),
    [
        ({"viewport": {"width": 320, "height": 640}}, 1),
        ({"viewport": PHONE}, 2),
        ({"viewport": {"width": 320, "height": 640}}, 2),
    ],
    indirect=["tab"],
    ids=["320px", "200%-text", "320px-200%-text"],
)
def test_no_sideways_scrolling_and_emergency_reachable(
    tab: Page, zoom: int, server: Server, guide: Project
) -> None:
    wide = {}
    width = tab.viewport_size["width"] if tab.viewport_size else 0
    for url in page_urls(guide.site):
        tab.goto(server.url + url)
        # Text zoom scales the root font size, which every Material size is relative to.
        tab.evaluate(
            "(zoom) => { const root = document.documentElement;"
            " root.style.fontSize = parseFloat(getComputedStyle(root).fontSize) * zoom + 'px'; }",
            zoom,
        )
        overflow = tab.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 1:  # subpixel rounding
            wide[url] = overflow
        # The Emergency button (where the header has one) stays on screen.
        for emergency in tab.locator(".md-header a[href$='emergency/']:visible").all():
            box = emergency.bounding_box()
            assert box is not None, url
            assert 0 <= box["x"] <= width - box["width"], url
    assert wide == {}


# Every visible piece of text in the article except citation numbers (superscript by design),
# with the kind of block it is in and its font size in px.
ARTICLE_TEXT = """() => {
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.data.trim() || el.closest("sup") || !el.checkVisibility()) continue;
    const block = el.closest(".admonition, details") ? "warning"
      : el.closest("table") ? "table" : "";
    found.push([block, parseFloat(getComputedStyle(el).fontSize), node.data.trim().slice(0, 30)]);
  }
  return found;
}"""


def test_warnings_are_at_body_size_and_no_reading_text_under_14_px(
    tab: Page, server: Server, guide: Project
) -> None:
    """On a phone, the boxed warnings are as large as the text around them (Material sets them
    smaller), and tables and notes are at least 14 px."""
    small, warnings = {}, 0
    for url in page_urls(guide.site):
        tab.goto(server.url + url)
        body = tab.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('article')).fontSize)"
        )
        assert body >= 16, url
        for block, size, text in tab.evaluate(ARTICLE_TEXT):
            warnings += block == "warning"
            if size < 14 or (block == "warning" and size < body):
                small[f"{url} {block} {text!r}"] = size
    assert warnings > 0  # the control: the guide's pages do have warnings
    assert small == {}


def transition_seconds(tab: Page) -> float:
    """Return the transition duration of Material's header buttons, in seconds."""
    value = tab.evaluate(
        "getComputedStyle(document.querySelector('.md-header__button')).transitionDuration"
    )
    return float(str(value).split(",")[0].removesuffix("s"))


@pytest.mark.parametrize(
    ("tab", "longest"),
    [({"reduced_motion": "no-preference"}, 1.0), ({"reduced_motion": "reduce"}, 0.001)],
    indirect=["tab"],
    ids=["motion", "reduced"],
)
def test_reduced_motion_turns_transitions_off(tab: Page, longest: float, server: Server) -> None:
    tab.goto(server.url)
    seconds = transition_seconds(tab)
    assert seconds <= longest
    if longest >= 1:
        assert seconds > 0.1  # the control: Material animates when motion is welcome


def focused(tab: Page) -> str:
    """Return the ``href`` of the focused element ("" when it is not a link)."""
    href: str = tab.evaluate("document.activeElement.getAttribute('href') || ''")
    return href


def tab_until(tab: Page, wanted: str, presses: int) -> bool:
    """Press Tab until the focused link's href ends with / starts with ``wanted``."""
    for _ in range(presses):
        tab.keyboard.press("Tab")
        href = focused(tab)
        if href.endswith(wanted) or href.startswith(wanted):
            return True
    return False


def test_emergency_page_is_usable_with_the_keyboard_alone(tab: Page, server: Server) -> None:
    tab.goto(server.url)
    assert tab_until(tab, "emergency/", 15)
    outline = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/emergency/")
    assert tab_until(tab, "tel:", 60)
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Tab")
    assert focused(tab).startswith("tel:")


IN_MENU = "!!document.activeElement.closest('.md-sidebar--primary')"


def test_closed_menu_on_a_phone_is_out_of_the_tab_order(tab: Page, server: Server) -> None:
    """The closed menu is off the screen (render.css hides it): Tab never lands in it unseen,
    and once it is open its links take the focus."""
    tab.goto(server.url + "mixing/")
    for _ in range(40):
        tab.keyboard.press("Tab")
        assert not tab.evaluate(IN_MENU), focused(tab)
    tab.goto(server.url + "mixing/")
    tab.locator(".md-header label[for=__drawer]").click()
    link = tab.locator(".md-sidebar--primary").get_by_role("link", name="Safer use")
    link.focus()
    assert tab.evaluate(IN_MENU)
    assert focused(tab).endswith("safer-use/")
