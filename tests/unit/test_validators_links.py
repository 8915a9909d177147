"""Pure parts of check_links: URL resolution, page naming, phone links, source mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from pocketguide.sitelayout import (
    SiteLayout,
    Target,
    existing_file,
    page_for_source,
    resolve,
    url_of_page,
)
from pocketguide.validators.html import css_urls, parse_page, srcset_urls
from pocketguide.validators.phone import check_phone_link, number_of
from pocketguide.validators.privacy import external_css, external_loads, is_external, manifest_urls
from pocketguide.validators.site import read_mkdocs_config
from pocketguide.validators.sourcemap import SourceLocator, link_needles

SUB = SiteLayout(Path("site"), Path("docs"), "https://example.org/guide/", "/guide/")
ROOT = SiteLayout(Path("site"), Path("docs"))


@pytest.mark.parametrize(
    ("url", "page", "layout", "expected"),
    [
        # url, page it is on, layout -> target
        ("emergency/", "index.html", ROOT, Target("emergency/", "")),
        ("../mixing/#alcohol", "emergency/index.html", ROOT, Target("mixing/", "alcohol")),
        ("..", "emergency/index.html", ROOT, Target("", "")),
        ("./", "emergency/index.html", ROOT, Target("emergency/", "")),
        ("#top", "emergency/index.html", ROOT, Target("emergency/index.html", "top")),
        ("", "index.html", ROOT, Target("index.html", "")),
        ("assets/a%20b.png", "index.html", ROOT, Target("assets/a b.png", "")),
        ("page.html?h=naloxone", "index.html", ROOT, Target("page.html", "")),
        ("/guide/assets/x.css", "404.html", SUB, Target("assets/x.css", "")),
        ("/guide", "404.html", SUB, Target("", "")),
        ("/assets/x.css", "404.html", SUB, Target("/assets/x.css", "", escapes=True)),
        ("../../x", "emergency/index.html", ROOT, Target("../../x", "", escapes=True)),
        ("https://example.org/guide/emergency/", "index.html", SUB, Target("emergency/", "")),
    ],
)
def test_resolve(url: str, page: str, layout: SiteLayout, expected: Target) -> None:
    assert resolve(url, page, layout) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://other.org/x",
        "https://example.org/shop/",  # same host, outside the guide's /guide/
        "http://example.org/guide/",  # another scheme is another origin
        "mailto:a@b.org",
        "data:image/png;base64,AA",
        "//cdn.x/y.js",
    ],
)
def test_resolve_ignores_other_origins_and_schemes(url: str) -> None:
    assert resolve(url, "index.html", SUB) is None


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("", "index.html"),
        ("emergency/", "emergency/index.html"),
        ("emergency", "emergency/index.html"),  # a static host redirects to the folder
        ("assets/pic.png", "assets/pic.png"),
        ("missing/", None),
        ("missing.png", None),
    ],
)
def test_existing_file(target: str, expected: str | None) -> None:
    files = {"index.html", "emergency/index.html", "assets/pic.png"}
    assert existing_file(target, files) == expected


@pytest.mark.parametrize(
    ("src", "directory_urls", "page"),
    [
        ("index.md", True, "index.html"),
        ("emergency.md", True, "emergency/index.html"),
        ("emergency.md", False, "emergency.html"),
        ("about/README.md", True, "about/index.html"),
        ("about/method.md", True, "about/method/index.html"),
    ],
)
def test_page_for_source(src: str, directory_urls: bool, page: str) -> None:
    assert page_for_source(src, use_directory_urls=directory_urls) == page


@pytest.mark.parametrize(
    ("page", "url"),
    [("index.html", ""), ("a/index.html", "a/"), ("404.html", "404.html")],
)
def test_url_of_page(page: str, url: str) -> None:
    assert url_of_page(page) == url


def test_read_mkdocs_config_resolves_env_and_tolerates_python_tags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_url: !ENV [SITE_URL, 'https://default.example/']\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    monkeypatch.setenv("SITE_URL", "https://example.org/guide/")
    data, problems = read_mkdocs_config(config)
    assert (data["site_url"], problems) == ("https://example.org/guide/", [])
    monkeypatch.delenv("SITE_URL")
    assert read_mkdocs_config(config)[0]["site_url"] == "https://default.example/"


def test_read_mkdocs_config_reports_broken_yaml(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: [oops\n")
    data, problems = read_mkdocs_config(config)
    assert data == {}
    assert [p.code for p in problems] == ["LNK040"]


@pytest.mark.parametrize(
    ("url", "text", "code"),
    [
        # url, visible text -> problem code (None: fine)
        ("tel:112", "Call 112", None),
        ("tel:+44-20-7946-0000", "+44 20 7946 0000", None),
        ("tel:+18006624357", "1-800-662-4357", None),  # the same digits without +
        ("tel:+443001236600", "0300 123 6600", None),  # national form: trunk 0, no +44
        ("tel:+443001236600", "0300 123 6601", "LNK022"),
        ("tel:+443001236600", "30 0123 6600", "LNK022"),
        ("tel:+18006624357", "+1 (800) 662-4357", None),
        ("sms:+447700900123?body=help", "text +44 7700 900123", None),
        ("sms:?body=Call%20999", "Text the emergency steps", None),  # a draft the reader addresses
        ("sms:?subject=x", "Text us", "LNK021"),  # no number and no body: nothing to send
        ("sms:", "Text us", "LNK021"),
        ("tel:988", "Call or text 988", None),
        ("tel:000", "Call 000 in Australia", None),
        ("tel:1120", "Call 1120", "LNK021"),
        ("tel:0800123456", "0800 123 456", "LNK021"),
        ("tel:1-800-FLOWERS", "1-800-FLOWERS", "LNK021"),
        ("tel:112", "Call emergency services", "LNK022"),
        ("tel:112", "Call 1120", "LNK022"),
        ("tel:911", "999", "LNK022"),
    ],
)
def test_check_phone_link(url: str, text: str, code: str | None) -> None:
    problem = check_phone_link(url, text, ("112", "911", "999", "000", "111", "988"))
    assert (problem.code if problem else None) == code


def test_number_of_strips_separators_and_parameters() -> None:
    assert number_of("tel:+44%2020%207946%200000;ext=2") == "+442079460000"


@pytest.mark.parametrize(
    ("url", "text", "needles"),
    [
        (
            "../mixing/#alcohol",
            "",
            ["../mixing/#alcohol", "mixing.md#alcohol", "#alcohol", "mixing", "mixing.md"],
        ),
        ("old.md", "the old page", ["old.md", "the old page"]),
        ("./", "Home", ["./", "Home"]),
        ("assets/a%20b.png", "", ["assets/a%20b.png", "assets/a b.png", "a%20b.png", "a%20b.md"]),
    ],
)
def test_link_needles(url: str, text: str, needles: list[str]) -> None:
    assert link_needles(url, text) == needles


def test_locator_maps_nth_use_to_nth_occurrence_and_respects_word_ends() -> None:
    source = "a [x](#risk-2)\nb [y](#risk)\nc [z](#risk)\n"
    locator = SourceLocator(source)
    assert locator.locate(["#risk"], 0) == (2, 7)
    assert locator.locate(["#risk"], 1) == (3, 7)
    assert locator.locate(["#risk"], 5) == (2, 7)  # more uses than occurrences: the first
    assert locator.locate(["#nowhere", "[z]"]) == (3, 3)
    assert locator.locate(["#nowhere"]) == (0, 0)


def test_parse_page_reads_ids_links_resources_and_content_flag() -> None:
    html = """<html><head><link rel="stylesheet" href="a.css"><link rel="canonical" href="https://x/">
    <meta http-equiv="refresh" content="0; url=../new/"><style>p{background:url(bg.png)}</style>
    </head><body><a href="../">Home</a><article class="md-content__inner">
    <h2 id="risks">Risks</h2><a name="old"></a><p style="background:url('s.png')">x</p>
    <a href="tel:112">Call <b>112</b></a><img src="p.png" srcset="p.png 1x, p2.png 2x" alt="Pic">
    </article><script id="__config" type="application/json">{"search": "w/search.js"}</script>
    <script src="app.js"></script></body></html>"""
    page = parse_page(html)
    assert page.ids == {"risks", "old", "__config"}
    assert page.is_redirect
    got = [(r.url, r.tag, r.attr, r.loads, r.text, r.in_content) for r in page.refs]
    assert got == [
        ("a.css", "link", "href", True, "", False),
        ("https://x/", "link", "href", False, "", False),
        ("../", "a", "href", False, "Home", False),
        ("s.png", "p", "style", True, "", True),
        ("tel:112", "a", "href", False, "Call 112", True),
        ("p.png", "img", "src", True, "Pic", True),
        ("p.png", "img", "srcset", True, "Pic", True),
        ("p2.png", "img", "srcset", True, "Pic", True),
        ("app.js", "script", "src", True, "", False),
        ("w/search.js", "script", "__config.search", True, "", False),
        ("bg.png", "style", "url()", True, "", False),
        ("../new/", "meta", "refresh", False, "", False),
    ]


@pytest.mark.parametrize(
    ("url", "external"),
    [
        ("https://fonts.googleapis.com/css", True),
        ("//cdn.example/x.js", True),
        ("HTTP://X.ORG", True),
        ("ftp://x.org/f", True),
        ("assets/x.css", False),
        ("/guide/x.css", False),
        ("data:font/woff2;base64,AA", False),
        ("#top", False),
    ],
)
def test_is_external(url: str, external: bool) -> None:
    assert is_external(url) is external


def test_privacy_rule_sees_every_kind_of_external_load() -> None:
    html = """<head><link rel="preconnect" href="https://fonts.gstatic.com">
    <link rel="dns-prefetch" href="//stats.example"><link rel="alternate" href="https://x.org/feed">
    </head><body><a href="https://nhs.uk/" ping="/p https://beacon.example/p">NHS</a>
    <iframe src="https://video.example/e"></iframe>
    <img srcset="https://img.example/a.png 2x"><video poster="https://v.example/p.jpg"></video>
    <div style="background:url(https://bg.example/b.png)"></div></body>"""
    loads = [(r.tag, r.url) for r in external_loads(parse_page(html).refs)]
    assert loads == [
        ("link", "https://fonts.gstatic.com"),
        ("link", "//stats.example"),
        ("a", "https://beacon.example/p"),
        ("iframe", "https://video.example/e"),
        ("img", "https://img.example/a.png"),
        ("video", "https://v.example/p.jpg"),
        ("div", "https://bg.example/b.png"),
    ]


def test_css_and_manifest_urls() -> None:
    css = (
        "@import 'https://f.example/a.css';\n"
        'b{src:url("x.woff2")} i{background:url( https://t.example/p )}'
    )
    assert css_urls(css) == ["https://f.example/a.css", "x.woff2", "https://t.example/p"]
    assert external_css(css) == ["https://f.example/a.css", "https://t.example/p"]
    manifest = {
        "start_url": "./",
        "icons": [{"src": "icon-192.png"}, {"nosrc": 1}],
        "shortcuts": [{"url": "emergency/", "icons": [{"src": "https://x.example/i.png"}]}],
    }
    assert manifest_urls(manifest) == [
        "./",
        "icon-192.png",
        "emergency/",
        "https://x.example/i.png",
    ]
    assert manifest_urls(["not", "a", "manifest"]) == []


def test_srcset_urls() -> None:
    assert srcset_urls("a.png 1x,  b.png 2x ,c.png") == ["a.png", "b.png", "c.png"]
