"""pocketguide/minify and pocketguide/csp on a fixture site: every HTML file gets one policy
whose hashes are those of its final inline scripts; blocked inline code is reported."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

import pytest

from pocketguide.plugins.csp import policy

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

CASE = "csp"
META = re.compile(r'<meta http-equiv="?Content-Security-Policy"? content="([^"]+)">')

Built = tuple["Path", list[logging.LogRecord]]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, build_site: Callable[..., Built]) -> Built:
    """The fixture site, built once."""
    return build_site(tmp_path_factory.mktemp("csp"), CASE)


def test_every_html_file_gets_one_policy_before_its_first_script(built: Built) -> None:
    site, _ = built
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert pages == ["404.html", "index.html", "old/index.html", "other/index.html", "own.html"]
    for page in pages:
        html = (site / page).read_text(encoding="utf-8")
        assert len(META.findall(html)) == 1, page
        assert META.search(html).start() < html.index("<script"), page  # type: ignore[union-attr]


@pytest.mark.parametrize("page", ["index.html", "404.html", "old/index.html"])
def test_hashes_are_those_of_the_final_inline_scripts(built: Built, page: str) -> None:
    site, _ = built
    html = (site / page).read_text(encoding="utf-8")
    scripts, styles = policy.inline_code(html)
    assert scripts  # Material's palette and scope scripts; the redirect stub's script
    match = META.search(html)
    assert match is not None
    assert match[1] == policy.build_policy(scripts, styles)


def test_pages_are_minified_and_keep_their_head(built: Built) -> None:
    site, _ = built
    html = (site / "other/index.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html><html class=no-js lang=en><head><meta charset=utf-8>")
    assert "\n  " not in html


def test_a_page_with_its_own_policy_keeps_only_that_one(built: Built) -> None:
    site, _ = built
    html = (site / "own.html").read_text(encoding="utf-8")
    assert META.findall(html) == ["default-src 'none'; script-src 'sha256-own'"]
    assert "<script>  own()  </script>" in html  # inline code is never rewritten


def test_blocked_inline_code_is_reported_with_page_and_source(built: Built) -> None:
    _, records = built
    warnings = [r.getMessage() for r in records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert re.fullmatch(
        r"pocketguide/csp: index\.html:\d+:\d+: <button onclick=…> event handler "
        r"\(from index\.md\) cannot run under the Content-Security-Policy — move it into a "
        r"script or stylesheet file",
        warnings[0],
    )


def test_serve_adds_no_policy_and_does_not_minify(
    tmp_path: Path, build_site: Callable[..., Built]
) -> None:
    site, records = build_site(tmp_path, CASE, command="serve")
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" not in html
    assert '<html lang="en" class="no-js">' in html
    assert not [r for r in records if r.name.endswith(("csp.plugin", "minify.plugin"))]


# ---- style= attributes and the allow-list ----

ALIGNED = """

| Name | Dose |
| :--- | ---: |
| a | b |

<span style="color: rebeccapurple">purple</span>
"""


def add_aligned_table(root: Path) -> None:
    page = root / "docs" / "other.md"
    page.write_text(page.read_text("utf-8") + ALIGNED, "utf-8")


def test_style_attributes_markdown_writes_are_allowed_by_hash(
    tmp_path: Path, build_site: Callable[..., Built]
) -> None:
    allow = {"img-src": ["https://img.example.org"], "media-src": ["'self'"]}
    plugins = ["search", "pocketguide/minify", {"pocketguide/csp": {"allow": allow}}]
    site, records = build_site(
        tmp_path, CASE, {"plugins": plugins, "strict": False}, prepare=add_aligned_table
    )

    html = (site / "other/index.html").read_text(encoding="utf-8")
    match = META.search(html)
    assert match is not None
    directives = dict(d.split(" ", 1) for d in match[1].split("; "))
    style_src = directives["style-src"].split()
    assert style_src[:2] == ["'self'", "'unsafe-hashes'"]
    for value in ("text-align: left;", "text-align: right;", "color: rebeccapurple"):
        assert policy.sha256_source(value) in style_src, value
    assert directives["img-src"] == "'self' data: https://img.example.org"
    assert directives["media-src"] == "'self'"
    warnings = [r.getMessage() for r in records if r.levelno == logging.WARNING]
    assert not [w for w in warnings if "style=" in w]


def test_style_attributes_block_warns_about_each_one(
    tmp_path: Path, build_site: Callable[..., Built]
) -> None:
    plugins = ["search", {"pocketguide/csp": {"style_attributes": "block"}}]
    site, records = build_site(
        tmp_path, CASE, {"plugins": plugins, "strict": False}, prepare=add_aligned_table
    )

    warnings = [r.getMessage() for r in records if r.levelno == logging.WARNING]
    styled = [w for w in warnings if "other.html" in w or "other/index.html" in w]
    assert [re.sub(r":\d+:\d+:", ":L:C:", w).split(" (from")[0] for w in styled] == [
        "pocketguide/csp: other/index.html:L:C: <th style=…> attribute",
        "pocketguide/csp: other/index.html:L:C: <th style=…> attribute",
        "pocketguide/csp: other/index.html:L:C: <td style=…> attribute",
        "pocketguide/csp: other/index.html:L:C: <td style=…> attribute",
        "pocketguide/csp: other/index.html:L:C: <span style=…> attribute",
    ]
    html = (site / "other/index.html").read_text(encoding="utf-8")
    assert "'unsafe-hashes'" not in html
