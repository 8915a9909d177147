"""check_links on hostile built pages: deep nesting, unparsable URLs, odd page names.

Lexbor's parse time grows faster than the nesting depth (100,000 nested ``<div>`` took 8
minutes), so pages nested deeper than ``max_html_depth`` are reported and not parsed. The
time is measured and printed (``pytest -s``), not asserted.
"""

# ruff: noqa: E501  (the tables hold exact finding lines; one line each reads best)

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING
from urllib.parse import quote

import pytest

from pocketguide.validators.config import CheckConfig
from pocketguide.validators.html import Depth, nesting_depth
from pocketguide.validators.links import check_links

if TYPE_CHECKING:
    from pathlib import Path

HOME = '<!doctype html><html><head><title>Home</title></head><body><article class="md-content__inner">{body}</article></body></html>'


@pytest.mark.parametrize(
    ("html", "limit", "expected"),
    [
        # html                                               limit  Depth(depth, offset)
        ("<div><div></div></div><div></div>", 5, Depth(2)),
        ("<div><div><div>", 2, Depth(3, 10)),
        ("<p><p><p><li><li><br><img><hr>", 2, Depth(0)),
        ("<!-- <div><div><div> --><div>", 2, Depth(1)),
        ("<script>for(i=0;i<n;i++)'<div><div><div>'</script><div>", 2, Depth(1)),
        ("<STYLE>a<b{}</style ><textarea><div><div><div></textarea>", 1, Depth(0)),
        ("<svg><path/><path/><g><path/></g></svg>", 2, Depth(2)),
        ("</div></div><div>", 5, Depth(1)),
        ("<div title='a>b'><div", 5, Depth(1)),
        ("a < b and c<d", 5, Depth(0)),
    ],
    ids=[
        "siblings",
        "too-deep",
        "not-nested",
        "comment",
        "script",
        "raw-text",
        "svg",
        "stray-close",
        "unterminated",
        "text",
    ],
)
def test_nesting_depth(html: str, limit: int, expected: Depth) -> None:
    assert nesting_depth(html, limit) == expected


def write_site(root: Path, pages: dict[str, str]) -> tuple[Path, Path, Path]:
    """Write a small built site (pages and a search index), an empty docs/ and mkdocs.yml."""
    site, docs, config = root / "site", root / "docs", root / "mkdocs.yml"
    docs.mkdir(parents=True)
    config.write_text("site_name: T\n", encoding="utf-8")
    for name, body in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(body, encoding="utf-8")
    locations = [quote(name.removesuffix("index.html")) for name in pages]
    index = {"docs": [{"location": loc, "title": "", "text": ""} for loc in locations]}
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    return site, docs, config


def run(root: Path, pages: dict[str, str], *codes: str) -> list[str]:
    site, docs, config = write_site(root, pages)
    started = time.perf_counter()
    report = check_links(site, docs, config, CheckConfig())
    print(f"check_links: {time.perf_counter() - started:.2f} s")  # measured, not asserted
    return [f.format() for f in report.findings if f.code in codes]


@pytest.mark.parametrize(
    ("tag", "col"),
    [
        # 100,000 nested elements, never closed; column of the first element past 512
        ("<div>", 1 + 5 * 510),  # <html><body> and 510 <div>s are 512
        ("<details><summary>s</summary>", 1 + 29 * 509 + 9),  # the <summary> in the 510th
    ],
    ids=["div", "details"],
)
def test_100k_nested_elements_are_reported_not_parsed(tmp_path: Path, tag: str, col: int) -> None:
    hostile = "<!doctype html><html><body>\n" + tag * 100_000 + '<a href="nowhere/">x</a>'
    links = '<a href="hostile/">hostile</a>'
    found = run(
        tmp_path,
        {"index.html": HOME.format(body=links), "hostile/index.html": hostile},
        "LNK041",
        "LNK001",
    )
    assert found == [
        f"{tmp_path}/site/hostile/index.html:2:{col}: LNK041 elements nest more than 512 levels deep here; the page was not checked — close the HTML elements you open (or raise max_html_depth)"
    ]


def test_a_page_at_the_limit_is_parsed_and_checked(tmp_path: Path) -> None:
    page = "<div>" * 400 + '<a href="nowhere/">x</a>' + "</div>" * 400
    found = run(tmp_path, {"index.html": HOME.format(body=page)}, "LNK041", "LNK001")
    assert found == [
        f"{tmp_path}/site/index.html:0:0: LNK001 link 'nowhere/' points to a page or file that does not exist (in the theme) — link to an existing Markdown file, e.g. [text](emergency.md)"
    ]


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        # a broken URL on a page           the finding
        (
            '<a href="http://[::1">service</a>',
            "'http://[::1' is not a valid URL (Invalid IPv6 URL)",
        ),
        (
            '<div style="background:url(http://[::1)"></div>',
            "'http://[::1' is not a valid URL (Invalid IPv6 URL)",
        ),
        (
            '<img alt="x" src="https://[x]:80:80/a.png">',
            "'https://[x]:80:80/a.png' is not a valid URL ('x' does not appear to be an IPv4 or IPv6 address)",
        ),
    ],
    ids=["a-href", "style-url", "img-src"],
)
def test_an_unparsable_url_is_a_finding_not_a_crash(tmp_path: Path, body: str, shown: str) -> None:
    found = run(tmp_path, {"index.html": HOME.format(body=body)}, "LNK005")
    assert found == [
        f"{tmp_path}/site/index.html:0:0: LNK005 {shown} (in the theme) — fix the address, e.g. close the [ ] around an IPv6 host"
    ]


@pytest.mark.parametrize(
    "name",
    [
        # page folders with spaces and non-ASCII letters (Material URL-encodes the location)
        "my page/index.html",
        "ünï 名前/index.html",
        "a%b/index.html",
    ],
)
def test_page_names_with_spaces_or_unicode_are_in_the_search_index(
    tmp_path: Path, name: str
) -> None:
    links = f'<a href="{quote(name.removesuffix("index.html"))}">page</a>'
    pages = {"index.html": HOME.format(body=links), name: HOME.format(body="page")}
    assert run(tmp_path, pages, "LNK014", "LNK001", "LNK015") == []
