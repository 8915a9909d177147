"""In Chromium: the ``style=`` attributes Markdown writes apply under the policy (allowed by
hash, ``'unsafe-hashes'``), and one the build did not write stays blocked."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from pocketguide.devserver import serve_in_thread

if TYPE_CHECKING:
    import logging
    from collections.abc import Callable
    from pathlib import Path

    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

ALIGNED = """

| Name | Count |
| :--- | ----: |
| a | 12 |

<span id="styled" style="color: rgb(1, 2, 3)">styled</span>
"""


def test_markdown_style_attributes_apply_and_others_stay_blocked(
    tmp_path: Path,
    browser: Browser,
    build_site: Callable[..., tuple[Path, list[logging.LogRecord]]],
) -> None:
    def add_table(root: Path) -> None:
        page = root / "docs" / "other.md"
        page.write_text(page.read_text("utf-8") + ALIGNED, "utf-8")

    site, _ = build_site(tmp_path, "csp", {"strict": False}, prepare=add_table)
    server = serve_in_thread(site)
    page = browser.new_page()
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    try:
        page.goto(server.url + "other/", wait_until="load")
        cell = page.locator("td").nth(1)
        assert cell.evaluate("e => getComputedStyle(e).textAlign") == "right"
        assert page.locator("#styled").evaluate("e => getComputedStyle(e).color") == (
            "rgb(1, 2, 3)"
        )
        # An attribute added after the build (not hashed) is still refused.
        page.evaluate(
            "document.body.insertAdjacentHTML('beforeend',"
            " '<p id=late style=\"color: rgb(9, 9, 9)\">late</p>')"
        )
        assert page.locator("#late").evaluate("e => getComputedStyle(e).color") != ("rgb(9, 9, 9)")
    finally:
        page.close()
        server.stop()
    assert any("style" in v for v in violations)  # only the late attribute
    assert len(violations) == 1
