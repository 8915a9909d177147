"""pocketguide/minify on a fixture site: one purged stylesheet under a content-hashed name,
every page linked to it, the originals gone, and the page's script files deferred."""

from __future__ import annotations

import hashlib
import logging
import re
from typing import TYPE_CHECKING

import pytest

from pocketguide.plugins.minify import minify

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

CASE = "minify"
MERGED = re.compile(r"assets/stylesheets/guide\.([0-9a-f]{8})\.min\.css")

Built = tuple["Path", list[logging.LogRecord]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, build_site: Callable[..., Built]) -> Built:
    """The fixture site, built once."""
    return build_site(tmp_path_factory.mktemp("minify"), CASE)


def pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
    }


def merged(site: Path) -> Path:
    (path,) = site.glob("assets/stylesheets/*.css")
    return path


def test_one_stylesheet_named_after_its_content(built: Built) -> None:
    site, _ = built
    path = merged(site)
    match = MERGED.fullmatch(path.relative_to(site).as_posix())
    assert match is not None
    assert match[1] == hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    # Material's two stylesheets, their source maps and the joined extra_css are gone.
    assert sorted(p.name for p in (site / "assets/stylesheets").iterdir()) == [path.name]


def test_every_page_links_only_the_merged_stylesheet(built: Built) -> None:
    site, _ = built
    name = merged(site).name
    expected = {
        "404.html": f"/guide/assets/stylesheets/{name}",  # absolute: it answers any address
        "index.html": f"assets/stylesheets/{name}",
        "other/index.html": f"../assets/stylesheets/{name}",
    }
    assert {page: minify.stylesheets(html) for page, html in pages(site).items()} == {
        page: [href] for page, href in expected.items()
    }


def test_rules_stay_for_pages_and_scripts_and_the_dark_palette(built: Built) -> None:
    site, _ = built
    css = merged(site).read_text(encoding="utf-8")
    assert ".fx-used{" in css  # a class in a page
    assert ".fx-marked{" in css  # a class only mark.js adds
    assert ".md-search-result__item{" in css  # a class only Material's bundle adds
    assert "[data-md-color-scheme=slate]" in css  # the palette toggle's other scheme
    assert ".fx-unused" not in css
    assert "data-md-color-switching" not in css  # purge.DROPPED
    assert "sourceMappingURL" not in css


def test_script_files_are_deferred_in_their_order(built: Built) -> None:
    site, _ = built
    html = pages(site)["other/index.html"]
    names = [src.rsplit("/", 1)[-1] for src in re.findall(r"<script defer src=([^ >]+)>", html)]
    assert names[0].startswith("bundle.")  # Material's, then extra_javascript
    assert names[1:] == ["mark.js"]
    assert "<script src=" not in html


def test_two_builds_write_the_same_stylesheet(
    built: Built, tmp_path: Path, build_site: Callable[..., Built]
) -> None:
    site, _ = built
    again, _ = build_site(tmp_path, CASE)
    assert merged(again).read_bytes() == merged(site).read_bytes()


def test_the_log_says_what_was_joined(built: Built) -> None:
    site, records = built
    messages = [r.getMessage() for r in records if r.name.endswith("minify.plugin")]
    name = merged(site).relative_to(site).as_posix()
    assert any(
        re.fullmatch(
            rf"pocketguide/minify: one stylesheet, {re.escape(name)}: 3 joined, "
            r"\d+\.\d KiB -> \d+\.\d KiB",
            message,
        )
        for message in messages
    ), messages


def test_merge_and_defer_can_be_turned_off(
    tmp_path: Path, build_site: Callable[..., Built]
) -> None:
    plugins = [
        {"search": {"lang": "en"}},
        {"pocketguide/minify": {"merge_css": False, "defer_scripts": False}},
    ]
    site, _ = build_site(tmp_path, CASE, {"plugins": plugins})
    html = pages(site)["index.html"]
    assert [href.rsplit("/", 1)[-1] for href in minify.stylesheets(html)] == [
        *(p.name for p in sorted(site.glob("assets/stylesheets/*.min.css"))),
        "guide.css",
    ]
    assert " defer" not in html


def test_pages_link_the_merged_stylesheet_even_when_nothing_else_changes_them(
    tmp_path: Path, build_site: Callable[..., Built]
) -> None:
    """Relinking is the only change to a page when HTML minifying and ``defer`` are off."""
    plugins = [
        {"search": {"lang": "en"}},
        {"pocketguide/minify": {"html": False, "defer_scripts": False}},
    ]
    site, _ = build_site(tmp_path, CASE, {"plugins": plugins})
    name = merged(site).name
    for page, html in pages(site).items():
        assert [href.rsplit("/", 1)[-1] for href in minify.stylesheets(html)] == [name], page


def test_serve_leaves_stylesheets_and_scripts_alone(
    tmp_path: Path, build_site: Callable[..., Built]
) -> None:
    site, _ = build_site(tmp_path, CASE, command="serve")
    html = pages(site)["index.html"]
    assert len(minify.stylesheets(html)) == 4  # main, palette, one.css, two.css
    assert "defer" not in html
