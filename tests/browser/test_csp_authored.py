"""In Chromium: code written in a page's Markdown never runs, whatever the build lets through.

Before, with the edition off, ``<script>`` and ``<iframe srcdoc="<script>…">`` in a page were
hashed into its policy and both dialogs fired; a ``<style>`` hid the page's content. Built here
with plain ``mkdocs`` (no ``make site`` content check), so pocketguide/csp alone is tested.
"""

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

AUTHORED = """

Visible text.

<script>alert('raw-script-ran')</script>

<style>.md-content{display:none}</style>

<iframe title="x" srcdoc="<script>parent.alert('srcdoc-ran')</script>"></iframe>
"""


def test_code_written_in_a_page_does_not_run(
    tmp_path: Path,
    browser: Browser,
    build_site: Callable[..., tuple[Path, list[logging.LogRecord]]],
) -> None:
    def add_code(root: Path) -> None:
        page = root / "docs" / "other.md"
        page.write_text(page.read_text("utf-8") + AUTHORED, "utf-8")

    site, _ = build_site(tmp_path, "csp", prepare=add_code)
    dialogs: list[str] = []
    server = serve_in_thread(site)
    page = browser.new_page()
    try:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(server.url + "other/", wait_until="load")
        page.wait_for_timeout(500)  # give a srcdoc frame time to run, if it could
        assert dialogs == []
        assert page.locator(".md-content").is_visible()
        assert page.get_by_text("Visible text.").is_visible()
    finally:
        page.close()
        server.stop()
