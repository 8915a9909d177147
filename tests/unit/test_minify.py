"""pocketguide.plugins.minify.minify: smaller pages and stylesheets, same meaning."""

from __future__ import annotations

import pytest

from pocketguide.plugins.minify import minify

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
