"""In Chromium: a guide built with ``theme.language: es`` speaks Spanish in what its scripts
write (the offline status line, the offline page's "you asked for", the SMS count line, the
Save status) as well as in its HTML."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import unquote

import pytest

from pocketguide.devserver import serve_in_thread

from .pwa_helpers import install

if TYPE_CHECKING:
    import logging
    from collections.abc import Callable
    from pathlib import Path

    from playwright.sync_api import Browser, BrowserContext

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


def send_and_text(root: Path) -> None:
    """The data fixture with an SMS rule, and an Emergency page that sends the guide on."""
    data = root / "docs" / "data" / "emergency.yml"
    rule = "sms_rule: Call if they cannot be woken, or took anything else.\n"
    data.write_text(data.read_text(encoding="utf-8") + rule, encoding="utf-8")
    emergency = root / "docs" / "emergency.md"
    markers = "\n<!-- share:send-guide -->\n\n<!-- data:sms-emergency -->\n"
    emergency.write_text(emergency.read_text(encoding="utf-8") + markers, encoding="utf-8")


def test_spanish_sms_count_and_save_status(
    tmp_path: Path,
    browser: Browser,
    build_site: Callable[..., tuple[Path, list[logging.LogRecord]]],
) -> None:
    plugins = [
        {"search": {"lang": "es"}},
        {"pocketguide/content": {"data_licence": "CC-BY-4.0"}},
        {"pocketguide/share": {}},
        "pocketguide/edition",
        {"pocketguide/pwa": {"icon": "docs/assets/icon.png"}},
    ]
    site, _ = build_site(
        tmp_path, "data", {"theme": SPANISH, "plugins": plugins}, prepare=send_and_text
    )
    server = serve_in_thread(site)
    context = browser.new_context(locale="es-ES", service_workers="block", accept_downloads=True)
    try:
        page = context.new_page()
        page.goto(server.url + "emergency/")
        link = page.locator("article a.pg-sms__link")
        body = unquote((link.get_attribute("href") or "").removeprefix("sms:?body="))
        # es-ES: Spain's text is the European Union's, so the draft holds the number there.
        assert page.locator("article .pg-sms__count").inner_text() == (
            f"Cabe en 1 mensaje de texto ({len(body)} caracteres): cuándo llamar, el número de "
            "emergencia de aquí y la dirección de la guía. Tú eliges a quién enviarlo."
        )

        block = page.locator("article .pg-send")
        with page.expect_download() as download_info:
            block.get_by_role("link", name="Guardar la guía completa en un archivo").click()
        name = download_info.value.suggested_filename
        status = block.locator(".pg-send__status")
        assert status.inner_text().startswith(f"Se guardó {name} (")
        assert status.inner_text().endswith(
            " KB). Envíalo desde la aplicación de descargas o de "
            "archivos por Bluetooth, Nearby Share, AirDrop o una aplicación de chat."
        )
    finally:
        context.close()
        server.stop()
