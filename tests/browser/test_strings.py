"""In Chromium: a guide built with ``theme.language: es`` speaks Spanish in what its scripts
write (the offline status line, the offline page's "you asked for") as well as in its HTML."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from pocketguide.devserver import serve_in_thread

from .pwa_helpers import install

if TYPE_CHECKING:
    import logging
    from collections.abc import Callable
    from pathlib import Path

    from playwright.sync_api import BrowserContext

pytestmark = pytest.mark.browser

SPANISH = {"name": "material", "language": "es", "font": False}


def test_spanish_status_line_offline_page_and_header(
    tmp_path: Path,
    context: BrowserContext,
    build_site: Callable[..., tuple[Path, list[logging.LogRecord]]],
) -> None:
    plugins = [
        {"search": {"lang": "es"}},
        {"pocketguide/pwa": {"icon": "docs/assets/icon.png"}},
        {"pocketguide/share": {"qr": False}},
    ]
    overrides = {"theme": SPANISH, "plugins": plugins, "markdown_extensions": ["attr_list"]}
    site, _ = build_site(tmp_path, "pwa", overrides)
    server = serve_in_thread(site)
    page = context.new_page()
    try:
        install(page, server.url)
        status = page.locator("[data-pg-status]")
        assert status.inner_text().startswith("Guardada para usarla sin conexión (")
        assert page.locator("header a.pg-emergency").inner_text().strip() == "Emergencia"

        context.set_offline(True)
        page.goto(server.url + "offline/?from=/mixing/")
        asked = page.locator("[data-pg-asked]")
        assert asked.inner_text() == "Pediste /mixing/. Vuelve a intentarlo cuando tengas señal."
        assert asked.locator("a").get_attribute("href") == "/mixing/"
    finally:
        context.set_offline(False)
        page.close()
        server.stop()
