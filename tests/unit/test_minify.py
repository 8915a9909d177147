"""pocketguide.plugins.minify.minify: smaller pages and stylesheets, same meaning."""

from __future__ import annotations

import re

import pytest

from pocketguide.plugins.minify import minify
from pocketguide.sitefiles import HASHED, hashed_name

MATERIAL_INLINE = (
    '__md_scope=new URL("..",location),__md_get=(e,_=localStorage,t=__md_scope)=>'
    'JSON.parse(_.getItem(t.pathname+"."+e))'
)


def test_minify_page_keeps_html_head_and_materials_inline_scripts() -> None:
    page = (
        '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8">\n'
        f"    <script>{MATERIAL_INLINE}</script>\n  </head>\n  <body>\n"
        '    <!-- a comment -->\n    <p class="a">One   two</p>\n'
        "    <pre>keep\n   this</pre>\n  </body>\n</html>\n"
    )
    assert minify.minify_page(page) == (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<script>{MATERIAL_INLINE}</script><body><p class=a>One two"
        "<pre>keep\n   this</pre>"
    )


def test_minify_page_trims_inline_scripts_so_hashes_come_after_it() -> None:
    assert minify.minify_page("<script>  own()  </script>") == "<script>own()</script>"


def test_minify_css() -> None:
    css = "/* comment */\n.pg-update {\n  min-width: 44px;\n  color: #ffffff;\n}\n"
    assert minify.minify_css(css) == ".pg-update{color:#fff;min-width:44px}"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        # path                                              minified?
        ("index.html", True),
        ("mixing/index.html", True),
        ("assets/stylesheets/pwa.css", True),
        ("assets/stylesheets/main.57a0d79d.min.css", False),
        ("assets/javascripts/pwa.js", False),
        ("search/search_index.json", False),
        ("assets/icons/icon-192.png", False),
    ],
)
def test_should_minify(path: str, expected: bool) -> None:
    assert minify.should_minify(path) is expected


@pytest.mark.parametrize(
    ("extra_css", "expected", "joined"),
    [
        # extra_css in mkdocs.yml              -> new extra_css                   joined
        (["assets/stylesheets/a.css", "assets/stylesheets/b.css"], [minify.BUNDLE], ["a", "b"]),
        (["assets/stylesheets/a.css"], ["assets/stylesheets/a.css"], []),
        (
            [
                "https://x.org/x.css",
                "assets/stylesheets/a.css",
                "other/c.css",
                "assets/stylesheets/b.css",
            ],
            ["https://x.org/x.css", minify.BUNDLE, "other/c.css"],
            ["a", "b"],
        ),
        (["other/c.css", "other/d.css"], ["other/c.css", "other/d.css"], []),
    ],
)
def test_bundle_plan_joins_local_stylesheets_in_order(
    extra_css: list[str], expected: list[str], joined: list[str]
) -> None:
    assert minify.bundle_plan(extra_css) == (
        expected,
        [f"assets/stylesheets/{name}.css" for name in joined],
    )


PAGE = (
    '<html><head><link rel="icon" href="x.png">'
    '<link rel="stylesheet" href="../assets/stylesheets/main.57a0d79d.min.css">'
    "<link href=../assets/stylesheets/palette.fb2fffe2.min.css rel=stylesheet>"
    '<link rel="stylesheet" href="print.css" media="print">'
    "<!-- <link rel=stylesheet href=commented.css> -->"
    "<script>var s = '<link rel=stylesheet href=in-a-script.css><script src=no.js>';</script>"
    "<link rel=stylesheet href=../assets/stylesheets/guide.css></head><body>"
    '<script type="application/json" id="__config">{"a": 1}</script>'
    "<script src=../assets/javascripts/bundle.a5f9d56c.min.js></script>"
    "<script src=../assets/javascripts/share.js defer></script>"
    "</body></html>"
)
SHEETS = [
    "../assets/stylesheets/main.57a0d79d.min.css",
    "../assets/stylesheets/palette.fb2fffe2.min.css",
    "../assets/stylesheets/guide.css",
]


def test_stylesheets_and_scripts_are_read_from_tags_only() -> None:
    assert minify.stylesheets(PAGE) == SHEETS
    assert minify.scripts(PAGE) == [
        "../assets/javascripts/bundle.a5f9d56c.min.js",
        "../assets/javascripts/share.js",
    ]


def test_replace_stylesheets_puts_one_link_where_the_first_was() -> None:
    new = "../assets/stylesheets/guide.0123abcd.min.css"
    out = minify.replace_stylesheets(PAGE, SHEETS, new)
    assert minify.stylesheets(out) == [new]
    assert out.index(new) < out.index('media="print"')  # where main.css was
    assert 'href="print.css" media="print"' in out  # print-only and other links stay
    assert '<link rel="icon" href="x.png">' in out
    assert "in-a-script.css" in out and "commented.css" in out


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        # page                                             after defer_scripts
        ("<script src=a.js></script>", "<script defer src=a.js></script>"),
        (
            "<script src=a.js></script><script>inline()</script><script src=b.js></script>",
            "<script src=a.js></script><script>inline()</script><script defer src=b.js></script>",
        ),
        (
            '<script src=a.js></script><script type="application/json">{}</script>',
            '<script defer src=a.js></script><script type="application/json">{}</script>',
        ),
        ("<script src=a.js async></script>", "<script src=a.js async></script>"),
        ("<script src=a.js defer></script>", "<script src=a.js defer></script>"),
        ('<script type="module" src=a.js></script>', '<script type="module" src=a.js></script>'),
        ("<script>only()</script>", "<script>only()</script>"),
    ],
)
def test_defer_scripts_only_where_no_inline_script_follows(page: str, expected: str) -> None:
    assert minify.defer_scripts(page) == expected


def test_defer_scripts_on_a_material_page() -> None:
    out = minify.defer_scripts(PAGE)
    assert "<script defer src=../assets/javascripts/bundle.a5f9d56c.min.js>" in out
    assert out.count(" defer") == 2  # share.js had it already


@pytest.mark.parametrize(
    ("linked", "expected"),
    [
        # stylesheets each page links (site paths)                    -> to merge
        (
            {"a.html": ["s/m.css", "s/p.css"], "b.html": ["s/m.css", "s/p.css"]},
            ["s/m.css", "s/p.css"],
        ),
        ({"a.html": ["s/m.css"], "stub.html": []}, ["s/m.css"]),
        ({"a.html": ["s/m.css", "s/p.css"], "b.html": ["s/m.css"]}, []),
        ({"a.html": ["s/m.css", None]}, []),  # another origin, or a file not in the site
        ({"a.html": ["s/m.css", "t/p.css"]}, []),  # two folders: url() would move
        ({"stub.html": []}, []),
    ],
)
def test_common_stylesheets(linked: dict[str, list[str | None]], expected: list[str]) -> None:
    assert minify.common_stylesheets(linked) == expected


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("../assets/stylesheets/main.57a0d79d.min.css", "../assets/stylesheets/g.css"),
        ("/guide/assets/stylesheets/main.css", "/guide/assets/stylesheets/g.css"),
        ("main.css", "g.css"),
    ],
)
def test_retarget(href: str, expected: str) -> None:
    assert minify.retarget(href, "g.css") == expected


def test_hashed_name_changes_with_the_bytes() -> None:
    one = hashed_name("assets/stylesheets/guide", b"a{color:red}")
    two = hashed_name("assets/stylesheets/guide", b"a{color:blue}")
    assert one != two
    assert re.fullmatch(r"assets/stylesheets/guide\.[0-9a-f]{8}\.min\.css", one)
    assert HASHED.search(one)  # what _headers lets hosts cache for a year
