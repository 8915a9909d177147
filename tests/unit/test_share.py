"""Unit tests of the pure modules behind the pocketguide/share plugin."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import zxingcpp
from PIL import Image, ImageDraw
from selectolax.lexbor import LexborHTMLParser

from pocketguide.content.qr import QUIET_ZONE, qr_svg
from pocketguide.content.render import spell_day
from pocketguide.plugins.share.freshness import as_date, freshness_data, guide_date
from pocketguide.plugins.share.markers import HOME_QR, LAST_REVIEWED, fill_markers
from pocketguide.plugins.share.send import file_stem, send_block
from pocketguide.sitefiles import public_url


def rasterise(svg: str, scale: int = 8) -> Image.Image:
    """Draw segno's one-path SVG (``M``/``m``/``h`` moves, 1-unit strokes) as a grey image."""
    size = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg)
    path = re.search(r'<path stroke="#000" d="([^"]+)"', svg)
    assert size and path, svg[:200]
    side = int(size.group(1)) * scale
    image = Image.new("L", (side, side), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?", path.group(1)):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            end = x + float(a)
            top = int(y - 0.5) * scale
            draw.rectangle((int(x) * scale, top, int(end) * scale - 1, top + scale - 1), fill=0)
            x = end
    return image


@pytest.mark.parametrize(
    "url",
    [
        "https://pocketguide.example/",
        "https://pocketguide.example/guide/emergency/",
        "https://example.org/a/very/long/path/to/a/page/with-a-long-name/index.html",
    ],
)
def test_qr_svg_decodes_to_the_url(url: str) -> None:
    svg = qr_svg(url, title=f"QR code: {url}")
    results = zxingcpp.read_barcodes(rasterise(svg))
    assert [r.text for r in results] == [url]


def test_qr_svg_is_sized_by_css_and_keeps_a_quiet_zone() -> None:
    svg = qr_svg("https://pocketguide.example/", title="QR code <home>")
    assert svg.startswith('<svg role="img" viewBox="0 0 ')
    assert 'class="pg-qr"' in svg
    assert "width=" not in svg.split(">", 1)[0]
    assert "<title>QR code &lt;home&gt;</title>" in svg
    assert '<path fill="#fff" d="M0 0h' in svg  # white background, readable in dark mode
    assert f"M{QUIET_ZONE} {QUIET_ZONE}.5h" in svg


@pytest.mark.parametrize(
    ("site_url", "page_url", "expected"),
    [
        # site_url                        page.url           public address
        ("https://ex.org/", "", "https://ex.org/"),
        ("https://ex.org/", "emergency/", "https://ex.org/emergency/"),
        ("https://ex.org/guide", "emergency/", "https://ex.org/guide/emergency/"),
        ("https://ex.org/guide/", "/mixing.html", "https://ex.org/guide/mixing.html"),
        (None, "emergency/", None),
        ("", "emergency/", None),
    ],
)
def test_public_url(site_url: str | None, page_url: str, expected: str | None) -> None:
    assert public_url(site_url, page_url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # front-matter value                 date
        (dt.date(2027, 11, 20), dt.date(2027, 11, 20)),
        (dt.datetime(2027, 1, 2, 3, 4, tzinfo=dt.UTC), dt.date(2027, 1, 2)),
        ("2027-11-20", dt.date(2027, 11, 20)),
        (" 2027-11-20 ", dt.date(2027, 11, 20)),
        ("20/11/2027", None),
        (None, None),
        (20271120, None),
    ],
)
def test_as_date(value: object, expected: dt.date | None) -> None:
    assert as_date(value) == expected


def test_guide_date_is_the_newest_last_reviewed() -> None:
    values = [dt.date(2026, 1, 5), "2026-11-22", None, "not a date", dt.date(2025, 12, 31)]
    assert guide_date(values) == dt.date(2026, 11, 22)
    assert guide_date([None]) is None


@pytest.mark.parametrize(
    ("next_review", "guide", "expected"),
    [
        (
            dt.date(2027, 11, 22),
            dt.date(2026, 11, 22),
            {
                "next_review": "2027-11-22",
                "guide_date": "2026-11-22",
                "stale_after_days": 183,
                "position": "start",
            },
        ),
        (
            None,
            None,
            {"next_review": None, "guide_date": None, "stale_after_days": 183, "position": "start"},
        ),
    ],
)
def test_freshness_data(
    next_review: object, guide: dt.date | None, expected: dict[str, object]
) -> None:
    assert freshness_data(next_review, guide, 183) == expected
    assert freshness_data(next_review, guide, 183, urgent=True) == {**expected, "position": "end"}


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 11, 2), "2 November 2026"),
        (dt.date(2027, 1, 31), "31 January 2027"),
    ],
)
def test_spell_date(day: dt.date, expected: str) -> None:
    assert spell_day(day) == expected


@pytest.mark.parametrize(
    ("html", "reviewed", "expected"),
    [
        # page html                         last_reviewed          result
        (f"<p>{HOME_QR}</p>", None, "<p><svg/></p>"),
        (f"<p>On {LAST_REVIEWED}.</p>", dt.date(2026, 11, 22), "<p>On 22 November 2026.</p>"),
        (f"<p>On {LAST_REVIEWED}.</p>", None, "<p>On .</p>"),
        ("<p>no markers</p>", dt.date(2026, 11, 22), "<p>no markers</p>"),
    ],
)
def test_fill_markers(html: str, reviewed: dt.date | None, expected: str) -> None:
    assert fill_markers(html, home_qr="<svg/>", last_reviewed=reviewed) == expected


def test_send_block_is_a_download_link_until_the_script_offers_the_share_sheet() -> None:
    block = send_block("../pocketguide.html", file_stem("Pocket Guide to Ketamine"))
    tree = LexborHTMLParser(block)
    root = tree.css_first("div.pg-send")
    assert root is not None
    assert "data-pg-online" in root.attributes  # the one-file edition leaves it out
    assert root.attributes["data-pg-send-file"] == "../pocketguide.html"
    button = tree.css_first("button.pg-send__share")
    assert button is not None
    assert "hidden" in button.attributes
    link = tree.css_first("a.pg-send__save")
    assert link is not None
    assert link.attributes["href"] == "../pocketguide.html"
    assert link.attributes["download"] == "pocket-guide-to-ketamine.html"


def test_send_block_escapes_what_it_is_given() -> None:
    block = send_block('x.html"><script>', 'a"b')
    assert "<script>" not in block
    assert LexborHTMLParser(block).css_first("a").attributes["href"] == 'x.html"><script>'  # type: ignore[union-attr]
