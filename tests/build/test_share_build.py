"""Build tests of the pocketguide/share plugin on tests/fixtures/sites/share/."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from mkdocs.exceptions import Abort
from selectolax.lexbor import LexborHTMLParser as HTMLParser

if TYPE_CHECKING:
    from collections.abc import Callable

    BuildSite = Callable[..., tuple[Path, list[logging.LogRecord]]]

FIXTURE = Path(__file__).parents[1] / "fixtures" / "sites" / "share"
QR_WARNING = (
    "pocketguide: QR codes need site_url: set site_url in mkdocs.yml (or the SITE_URL "
    "environment variable) to the guide's public address; building without them"
)


def share_plugin(**options: Any) -> list[Any]:
    return [{"pocketguide/share": {"help_page": "card.md", **options}}]


def page(site: Path, url: str) -> HTMLParser:
    return HTMLParser((site / url / "index.html").read_text(encoding="utf-8"))


def share_records(records: list[logging.LogRecord]) -> list[tuple[str, str]]:
    return [
        (r.levelname, r.getMessage())
        for r in records
        if r.name.startswith("mkdocs.plugins.pocketguide") and r.levelno >= logging.INFO
    ]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, build_site: BuildSite) -> Path:
    site, records = build_site(tmp_path_factory.mktemp("share"), "share")
    assert share_records(records) == []
    return site


@pytest.mark.parametrize(
    ("url", "emergency_href"),
    [
        # page           Emergency link, relative to the page
        ("", "emergency/"),
        ("emergency", "./"),
        ("card", "../emergency/"),
    ],
)
def test_every_page_has_the_emergency_link_and_share_button(
    built: Path, url: str, emergency_href: str
) -> None:
    tree = page(built, url)
    links = tree.css("header a.pg-emergency")
    assert [a.attributes["href"] for a in links] == [emergency_href]
    assert links[0].text(strip=True) == "Emergency"
    current = links[0].attributes.get("aria-current")
    assert current == ("page" if url == "emergency" else None)
    button = tree.css_first("header button.pg-share-button")
    assert button is not None
    assert button.attributes["popovertarget"] == "pg-share"
    assert button.attributes["aria-label"] == "Share this page"


def test_page_not_found_keeps_the_emergency_link_and_shares_the_guide(built: Path) -> None:
    tree = HTMLParser((built / "404.html").read_text(encoding="utf-8"))
    links = tree.css("header a.pg-emergency")
    assert [a.attributes["href"] for a in links] == ["/guide/emergency/"]
    dialog = tree.css_first("#pg-share")
    assert dialog.attributes["data-share-url"] == "https://fixture.example/guide/"
    assert dialog.attributes["data-share-title"] == "Fixture Guide"


def test_share_dialog_carries_the_public_url_title_and_description(built: Path) -> None:
    dialog = page(built, "card").css_first("#pg-share")
    assert dialog is not None
    assert dialog.attributes["data-share-url"] == "https://fixture.example/guide/card/"
    assert dialog.attributes["data-share-title"] == "Card"
    assert dialog.attributes["data-share-text"] == 'A card with "quotes" & ampersands.'
    assert "popover" in dialog.attributes
    qr = dialog.css_first("figure.pg-share__qr svg.pg-qr")
    assert qr is not None
    assert qr.css_first("title").text() == "QR code: https://fixture.example/guide/card/"


def test_freshness_json_has_the_page_review_date_and_the_newest_last_reviewed(
    built: Path,
) -> None:
    block = page(built, "").css_first("script#pg-freshness")
    assert block.attributes["type"] == "application/json"
    assert json.loads(block.text()) == {
        "next_review": "2027-01-10",
        "guide_date": "2026-03-01",
        "stale_after_days": 183,
        "position": "start",
    }
    urgent = page(built, "emergency").css_first("script#pg-freshness")
    assert json.loads(urgent.text())["position"] == "end"
    template = page(built, "").css_first("template#pg-stale")
    assert template is not None
    assert "card/#keep-the-guide-up-to-date" in template.html


def test_markers_become_the_home_qr_code_and_the_review_date(built: Path) -> None:
    card = page(built, "card").css_first(".pg-card")
    assert card.css_first("svg.pg-qr title").text() == "QR code: https://fixture.example/guide/"
    assert card.css_first(".pg-card__date").text() == "Facts checked 2 February 2026."
    assert "share:" not in card.html


def test_without_site_url_the_build_warns_once_and_leaves_qr_codes_out(
    tmp_path: Path, build_site: BuildSite
) -> None:
    site, records = build_site(tmp_path, "share", {"site_url": "", "strict": False})
    assert share_records(records) == [("WARNING", QR_WARNING)]
    for url in ("", "emergency", "card"):
        html = (site / url / "index.html").read_text(encoding="utf-8")
        assert "pg-qr" not in html
        assert "share:qr-home" not in html
    dialog = page(site, "card").css_first("#pg-share")
    assert dialog.attributes["data-share-url"] == ""


def test_without_site_url_a_strict_build_fails(tmp_path: Path, build_site: BuildSite) -> None:
    with pytest.raises(Abort):
        build_site(tmp_path, "share", {"site_url": ""})


def test_qr_off_means_no_codes_and_no_warning(tmp_path: Path, build_site: BuildSite) -> None:
    site, records = build_site(
        tmp_path, "share", {"site_url": "", "plugins": share_plugin(qr=False)}
    )
    assert share_records(records) == []
    assert "pg-qr" not in (site / "card" / "index.html").read_text(encoding="utf-8")


def test_disabled_plugin_leaves_pages_without_outreach_parts(
    tmp_path: Path, build_site: BuildSite
) -> None:
    site, _ = build_site(tmp_path, "share", {"plugins": share_plugin(enabled=False)})
    html = (site / "index.html").read_text(encoding="utf-8")
    for part in ("pg-emergency", "pg-share", "pg-freshness"):
        assert part not in html


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"emergency_page": "sos.md"},
            "mkdocs.yml:0:0: SHARE001 pocketguide/share: emergency_page 'sos.md' is not a "
            "page in docs/ — create it or set emergency_page to an existing page ('' for none)",
        ),
        (
            {"help_page": "install.md"},
            "mkdocs.yml:0:0: SHARE001 pocketguide/share: help_page 'install.md' is not a "
            "page in docs/ — create it or set help_page to an existing page",
        ),
    ],
)
def test_a_missing_page_stops_the_build_with_a_fix(
    tmp_path: Path,
    build_site: BuildSite,
    caplog: pytest.LogCaptureFixture,
    options: dict[str, str],
    message: str,
) -> None:
    with pytest.raises(Abort):
        build_site(tmp_path, "share", {"plugins": share_plugin(**options)})
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [message]


@pytest.mark.parametrize(
    ("value", "errors"),
    [
        # stale_after_days      expected (option, message)
        (183, []),
        (1, []),
        (0, [("stale_after_days", "0 is not a number of days — use 1 or more")]),
        (
            "soon",
            [("stale_after_days", "Expected type: <class 'int'> but received: <class 'str'>")],
        ),
    ],
)
def test_stale_after_days_config(value: object, errors: list[tuple[str, str]]) -> None:
    from pocketguide.plugins.share.plugin import SharePlugin

    plugin = SharePlugin()
    failed, warnings = plugin.load_config({"stale_after_days": value})
    assert [(key, str(error)) for key, error in failed] == errors
    assert warnings == []


# ---- the site's language: "Send the whole guide" and "Text the emergency steps" ----


def send_and_text(root: Path) -> None:
    """The data fixture with an SMS rule, and an Emergency page that sends the guide on."""
    data = root / "docs" / "data" / "emergency.yml"
    rule = "sms_rule: Call if they cannot be woken, or took anything else.\n"
    data.write_text(data.read_text(encoding="utf-8") + rule, encoding="utf-8")
    emergency = root / "docs" / "emergency.md"
    markers = "\n<!-- share:send-guide -->\n\n<!-- data:sms-emergency -->\n"
    emergency.write_text(emergency.read_text(encoding="utf-8") + markers, encoding="utf-8")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # theme.language: the Send button, the Save link, the SMS link, its count line
        (
            "es",
            (
                "Enviar la guía completa",
                "Guardar la guía completa en un archivo",
                "Enviar por SMS los pasos de emergencia",
                "Cabe en 1 mensaje de texto: cuándo llamar, los números de emergencia y la "
                "dirección de la guía. Tú eliges a quién enviarlo.",
            ),
        ),
        (
            "en",
            (
                "Send the whole guide",
                "Save the whole guide as one file",
                "Text the emergency steps",
                "It fits in 1 text message: when to call, the emergency numbers and the guide's "
                "address. You choose who to send it to.",
            ),
        ),
    ],
)
def test_send_and_sms_blocks_speak_the_site_language(
    tmp_path: Path, build_site: BuildSite, language: str, expected: tuple[str, str, str, str]
) -> None:
    send, save, text, fits = expected
    theme = {"name": "material", "language": language, "font": False}
    plugins = [
        {"search": {"lang": language}},
        {"pocketguide/content": {"data_licence": "CC-BY-4.0"}},
        {"pocketguide/share": {}},
        "pocketguide/edition",
        {"pocketguide/pwa": {"icon": "docs/assets/icon.png"}},
    ]
    site, records = build_site(
        tmp_path, "data", {"theme": theme, "plugins": plugins}, prepare=send_and_text
    )
    assert [m for level, m in share_records(records) if level != "INFO"] == []
    emergency = page(site, "emergency")

    # In the page (the share:send-guide marker) and in the Share dialog alike.
    blocks = emergency.css("div.pg-send")
    assert len(blocks) == 2
    for block in blocks:
        assert block.css_first("button.pg-send__share").text() == send  # type: ignore[union-attr]
        assert block.css_first("a.pg-send__save").text() == save  # type: ignore[union-attr]
    assert emergency.css_first("a.pg-sms__link").text() == text  # type: ignore[union-attr]
    assert emergency.css_first(".pg-sms__count").text() == fits  # type: ignore[union-attr]
