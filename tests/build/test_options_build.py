"""Build tests of the options where sites differ: no Emergency page, the site's language and
direction, and offline search on a site whose index is over ``max_file_size``.

They build the ``pwa`` and ``share`` fixture sites (``tests/fixtures/sites/``) with changed
options, the way another service's site would set them.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

import pytest
from mkdocs.exceptions import Abort, ConfigurationError
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from pocketguide.content.strings import load
from pocketguide.content.swdata import read_build

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    Builder = Callable[..., tuple[Path, list[logging.LogRecord]]]

ICON = "docs/assets/icon.png"
NAV = [
    {"Home": "index.md"},
    {"Mixing": "mixing.md"},
    {"Topics": [{"Effects": "topics/effects.md"}]},
]


def pwa_and_share(pwa: dict[str, Any] | None = None, **share: Any) -> list[Any]:
    return [
        {"search": {"lang": "en"}},
        {"pocketguide/pwa": {"icon": ICON, **(pwa or {})}},
        {"pocketguide/share": {"qr": False, **share}},  # QR codes need a site_url
    ]


def no_emergency_page(root: Path) -> None:
    """A site with no Emergency page (and no link to one)."""
    (root / "docs" / "emergency.md").unlink()
    index = root / "docs" / "index.md"
    text = index.read_text(encoding="utf-8").replace("[Emergency](emergency.md)", "Emergency")
    index.write_text(text, encoding="utf-8")


def html(site: Path, url: str) -> HTMLParser:
    return HTMLParser((site / url).read_text(encoding="utf-8"))


def pocketguide_warnings(records: list[logging.LogRecord]) -> list[str]:
    return [
        r.getMessage()
        for r in records
        if r.name.startswith("mkdocs.plugins.pocketguide") and r.levelno >= logging.WARNING
    ]


def scripts_strings(page: HTMLParser) -> dict[str, str]:
    block = page.css_first("script#pg-strings")
    assert block is not None
    assert block.attributes["type"] == "application/json"
    data: dict[str, str] = json.loads(block.text())
    return data


# ---- an optional Emergency page ----


@pytest.mark.parametrize(
    ("prepare", "emergency_page"),
    [
        # the site                 emergency_page in pwa and share
        (no_emergency_page, None),  # left out, and docs/ has no emergency.md
        (None, ""),  # the site has the page, but says none
    ],
    ids=["left-out-no-page", "empty"],
)
def test_a_site_without_an_emergency_page_builds_without_one(
    build_site: Builder, tmp_path: Path, prepare: Any, emergency_page: str | None
) -> None:
    options = {} if emergency_page is None else {"emergency_page": emergency_page}
    site, records = build_site(
        tmp_path,
        "pwa",
        {"plugins": pwa_and_share(options, **options), "nav": NAV, "site_url": "https://x.test/"},
        prepare=prepare,
    )

    assert pocketguide_warnings(records) == []
    offline = html(site, "offline/index.html")
    links = [a.text() for a in offline.css("article li a")]
    assert links == ["Home page of the guide"]
    for url in ("index.html", "mixing/index.html", "offline/index.html", "404.html"):
        page = html(site, url)
        assert page.css("header a.pg-emergency") == [], url
        assert len(page.css("header button.pg-share-button")) == 1, url


def test_emergency_md_is_used_when_left_out_and_present(
    build_site: Builder, tmp_path: Path
) -> None:
    site, records = build_site(tmp_path, "pwa", {"plugins": pwa_and_share()})
    assert pocketguide_warnings(records) == []

    assert [
        a.attributes["href"] for a in html(site, "mixing/index.html").css("a.pg-emergency")
    ] == ["../emergency/"]
    first = html(site, "offline/index.html").css_first("article li a")
    assert (first.text(), first.attributes["href"]) == (
        "Emergency: what to do now",
        "../emergency/",
    )


# ---- the site's language: every reader-facing text, and the manifest ----


@pytest.fixture(scope="module")
def spanish(build_site: Builder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    theme = {"name": "material", "language": "es", "font": False}
    site, records = build_site(
        tmp_path_factory.mktemp("es"), "pwa", {"plugins": pwa_and_share(), "theme": theme}
    )
    assert pocketguide_warnings(records) == []
    return site


def test_spanish_header_emergency_link_and_share_dialog(spanish: Path) -> None:
    page = html(spanish, "mixing/index.html")

    assert page.css_first("header a.pg-emergency span").text() == "Emergencia"
    assert page.css_first("button.pg-share-button").attributes["aria-label"] == (
        "Compartir esta página"
    )
    assert page.css_first("#pg-share-title").text() == "Compartir esta página"
    assert page.css_first(".pg-share__copy").text() == "Copiar enlace"
    assert page.css_first("template#pg-stale").html is not None
    assert "Esta página debía revisarse el <time" in page.html


def test_spanish_offline_page(spanish: Path) -> None:
    page = html(spanish, "offline/index.html")

    assert page.css_first("article h1").text() == "Esta página no está guardada en este teléfono"
    assert [a.text() for a in page.css("article li a")] == [
        "Emergencia: qué hacer ahora",
        "Página de inicio de la guía",
    ]


def test_spanish_texts_for_the_scripts(spanish: Path) -> None:
    texts = scripts_strings(html(spanish, "index.html"))

    assert texts == load("es").for_scripts()
    assert texts["saving"] == "Guardando la guía para usarla sin conexión…"
    assert texts["update_now"] == "Actualizar ahora"


def test_spanish_manifest_language_and_direction(spanish: Path) -> None:
    manifest = json.loads((spanish / "manifest.webmanifest").read_text(encoding="utf-8"))

    assert (manifest["lang"], manifest["dir"]) == ("es", "ltr")


def test_site_strings_option_overrides_and_an_unknown_language_warns_once(
    build_site: Builder, tmp_path: Path
) -> None:
    theme = {"name": "material", "language": "ar", "font": False}
    plugins = pwa_and_share({"strings": {"emergency": "طوارئ"}, "categories": ["health"]})
    site, records = build_site(
        tmp_path, "pwa", {"plugins": plugins, "theme": theme, "strict": False}
    )

    warnings = pocketguide_warnings(records)
    assert len(warnings) == 1
    assert warnings[0].startswith("mkdocs.yml: strings: ")
    assert "theme.language 'ar' has no table in Pocket Guide" in warnings[0]
    assert html(site, "index.html").css_first("a.pg-emergency span").text() == "طوارئ"
    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert (manifest["dir"], manifest["categories"]) == ("rtl", ["health"])


def test_dir_option_wins_over_the_language(build_site: Builder, tmp_path: Path) -> None:
    site, _ = build_site(tmp_path, "pwa", {"plugins": pwa_and_share({"dir": "rtl"})})

    manifest = json.loads((site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert (manifest["lang"], manifest["dir"]) == ("en", "rtl")


def test_a_mistyped_strings_key_fails_a_strict_build(build_site: Builder, tmp_path: Path) -> None:
    with pytest.raises(Abort, match="Aborted with 1 warnings in strict mode!"):
        build_site(tmp_path, "pwa", {"plugins": pwa_and_share({"strings": {"emergancy": "SOS"}})})


# ---- offline search is never dropped ----


def many_pages(root: Path) -> None:
    """Forty pages of text: a search index far over the small max_file_size below."""
    for n in range(40):
        words = " ".join(f"word{n}x{i} recovery position breathing" for i in range(60))
        (root / "docs" / "topics" / f"gen{n}.md").write_text(
            f"---\ntitle: Page {n}\n---\n\n# Page {n}\n\n{words}\n", encoding="utf-8"
        )


def test_a_search_index_over_max_file_size_is_still_saved_for_offline_use(
    build_site: Builder, tmp_path: Path
) -> None:
    limit = 20_000
    site, records = build_site(
        tmp_path,
        "pwa",
        {"plugins": pwa_and_share({"max_file_size": limit}), "strict": False},
        prepare=many_pages,
    )

    index = site / "search" / "search_index.json"
    assert index.stat().st_size > 2 * limit
    entries = read_build((site / "sw.js").read_text(encoding="utf-8"))["entries"]
    saved = {entry["url"]: entry for entry in entries}
    assert saved["search/search_index.json"]["size"] == index.stat().st_size
    assert not any("search_index.json" in w for w in pocketguide_warnings(records))


# ---- the content plugin's requirements are settings ----


def plain_pages(root: Path) -> None:
    """Another service's pages: one with no front matter, one with a key of its own."""
    (root / "docs" / "mixing.md").write_text("# Mixing\n\nPlain text.\n", encoding="utf-8")
    (root / "docs" / "topics" / "effects.md").write_text(
        "---\ntitle: Effects\nauthor: Sam\n---\n\n# Effects\n\nText.\n", encoding="utf-8"
    )


def test_a_site_with_no_registry_and_no_front_matter_builds_with_content_on(
    build_site: Builder, tmp_path: Path
) -> None:
    plugins = [*pwa_and_share(), "pocketguide/content"]
    site, records = build_site(tmp_path, "pwa", {"plugins": plugins}, prepare=plain_pages)

    assert not (tmp_path / "pwa" / "docs" / "sources.yml").exists()
    assert pocketguide_warnings(records) == []
    page = html(site, "mixing/index.html")
    assert page.css_first("article h1").text() == "Mixing"
    # A page that does set review dates still shows them.
    assert "2026" in html(site, "index.html").css_first("article").text()


@pytest.mark.parametrize(
    ("content", "error"),
    [
        # pocketguide/content options      the build's error (start)
        (
            {"require_sources": True},
            "Config value 'plugins': Plugin 'pocketguide/content' option 'sources': the source "
            "registry",
        ),
        (
            {"require_review_dates": True},
            "docs/mixing.md:1:1: FM002 page has no front matter — start the file with a --- "
            "block holding title, description, last_reviewed and next_review",
        ),
    ],
    ids=["registry", "review-dates"],
)
def test_the_guide_s_requirements_stop_the_build_when_on(
    build_site: Builder,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    content: dict[str, Any],
    error: str,
) -> None:
    plugins = [*pwa_and_share(), {"pocketguide/content": content}]
    with pytest.raises((Abort, ConfigurationError)):
        build_site(tmp_path, "pwa", {"plugins": plugins}, prepare=plain_pages)

    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert any(message.startswith(error) for message in errors), errors
