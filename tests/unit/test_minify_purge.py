"""pocketguide.plugins.minify.purge: one stylesheet without the rules nothing can match, and
without the custom properties nothing reads."""

from __future__ import annotations

import pytest
import tinycss2

from pocketguide.plugins.minify import minify, purge
from pocketguide.sitefiles import hashed_name

PAGE = (
    '<html class="no-js"><body data-md-color-scheme="default" dir="ltr">'
    '<input data-md-color-scheme="slate" data-md-color-media="(prefers-color-scheme: dark)">'
    '<article class="md-typeset md-content__inner" id="main"><table><td>x</td></table></article>'
    '<template id="pg-stale"><aside class="pg-stale"><p class="pg-stale__page">old</p></aside>'
    "</template>"
    "<script>document.body.classList.add('pg-inline-added')</script>"
    "<style>.pg-own{width:var(--pg-style-read)}</style>"
    '<script type="application/json">{"features": ["navigation.top"]}</script>'
    "</body></html>"
)
BUNDLE = 'e.classList.add("md-search-result__item");h("div",{class:"md-tooltip2"})'


@pytest.fixture(scope="module")
def used() -> set[str]:
    return purge.page_tokens(PAGE) | purge.script_tokens(BUNDLE)


@pytest.mark.parametrize(
    "token",
    [
        # what a page or its scripts offer a selector
        "article",  # element names
        "data-md-color-scheme",  # attribute names
        "slate",  # attribute values
        "(prefers-color-scheme: dark)",  # whole values, spaces and all
        "md-content__inner",  # each class
        "main",  # ids
        "pg-stale__page",  # inside a <template> a script clones
        "pg-inline-added",  # words of inline scripts
        "pg-style-read",  # and of inline styles (a custom property they read)
        "md-search-result__item",  # words of script files
        "md-tooltip2",
    ],
)
def test_page_and_script_tokens(used: set[str], token: str) -> None:
    assert token in used


def test_page_tokens_miss_what_is_nowhere(used: set[str]) -> None:
    assert not {"md-annotation", "rtl", "pink", "kbd"} & used


@pytest.mark.parametrize(
    ("selector", "required"),
    [
        # selector                                         names it needs
        (".md-typeset table:not([class]) td>:first-child", ["md-typeset", "table", "td"]),
        ("#__drawer:checked~.md-container", ["__drawer", "md-container"]),
        ("[data-md-color-scheme=slate] .md-header", ["data-md-color-scheme", "slate", "md-header"]),
        (
            '[data-md-color-media="(prefers-color-scheme)"]',
            ["data-md-color-media", "(prefers-color-scheme)"],
        ),
        ("[class~=x]", ["class", "x"]),
        ("[href^=http]", ["href"]),  # prefix match: the value is not a whole word
        ("[type=checkbox i]", ["type"]),  # case-insensitive: no exact value
        (".md-nav__link::after", ["md-nav__link"]),
        ("a:is(.md-a,.md-b):hover", ["a"]),  # inside :is() nothing is required
        ("*", []),
        (":root", []),
        ("HTML BODY", ["html", "body"]),
    ],
)
def test_required_tokens(selector: str, required: list[str]) -> None:
    (rule,) = tinycss2.parse_stylesheet(f"{selector}{{}}")
    assert purge.required_tokens(rule.prelude) == required


def test_a_rule_used_only_by_a_script_survives(used: set[str]) -> None:
    css = ".md-search-result__item{color:red}.md-annotation{color:blue}"
    assert purge.purge(css, used) == ".md-search-result__item{color:red}"


def test_an_unused_rule_goes_and_a_used_one_stays(used: set[str]) -> None:
    css = ".md-typeset td{padding:0}.md-typeset kbd{padding:1px}[dir=rtl] .md-typeset{margin:0}"
    assert purge.purge(css, used) == ".md-typeset td{padding:0}"


def test_dead_selectors_leave_a_list_and_live_ones_keep_their_order(used: set[str]) -> None:
    css = ".md-annotation,.md-typeset td,.pg-stale,kbd{margin:0}"
    assert purge.purge(css, used) == ".md-typeset td,.pg-stale{margin:0}"


def test_a_list_with_a_vendor_prefix_stays_whole_or_goes_whole(used: set[str]) -> None:
    css = (
        ".md-typeset::-webkit-scrollbar,.md-annotation::-moz-selection{width:4px}"
        ".md-annotation::-webkit-scrollbar,.md-annotation::-moz-selection{width:2px}"
    )
    assert purge.purge(css, used) == (
        ".md-typeset::-webkit-scrollbar,.md-annotation::-moz-selection{width:4px}"
    )


def test_negation_never_requires_its_argument(used: set[str]) -> None:
    css = ".md-typeset :not(.md-annotation){margin:0}"
    assert purge.purge(css, used) == css


def test_palette_rules_stay_for_the_schemes_the_toggle_offers(used: set[str]) -> None:
    css = (
        "[data-md-color-scheme=slate]{--md-hue:232deg}"
        "[data-md-color-scheme=slate][data-md-color-primary=pink]{--md-primary:#e92063}"
    )
    assert purge.purge(css, used) == "[data-md-color-scheme=slate]{--md-hue:232deg}"


def test_media_queries_stay_balanced_and_empty_ones_go(used: set[str]) -> None:
    css = (
        "@media screen and (min-width:60em){.md-typeset td{margin:0}.md-annotation{margin:1px}}"
        "@media print{.md-annotation{display:none}}"
        "@supports (display:grid){@media (max-width:30em){.pg-stale{display:grid}}}"
    )
    out = purge.purge(css, used)
    assert out == (
        "@media screen and (min-width:60em){.md-typeset td{margin:0}}"
        "@supports (display:grid){@media (max-width:30em){.pg-stale{display:grid}}}"
    )
    assert out.count("{") == out.count("}")


def test_other_at_rules_stay_as_they_are(used: set[str]) -> None:
    css = (
        "@keyframes md-annotation-pulse{0%{opacity:0}to{opacity:1}}"
        "@font-face{font-family:x;src:local(x)}"
        "@page{margin:1cm}"
    )
    assert purge.purge(css, used) == css


def test_dropped_names_go_even_when_used(used: set[str]) -> None:
    css = "[data-md-color-switching] *{transition:none}.md-typeset{margin:0}"
    dropped = purge.DROPPED | {"md-typeset"}
    used_too = used | {"data-md-color-switching"}
    assert purge.purge(css, used_too, dropped) == ""
    assert purge.purge(css, used_too) == css


def test_comments_and_source_map_links_go(used: set[str]) -> None:
    css = "/* a */.md-typeset td{margin:0}\n/*# sourceMappingURL=main.57a0d79d.min.css.map*/"
    assert purge.purge(css, used) == ".md-typeset td{margin:0}"


def test_merge_keeps_the_order_of_the_stylesheets(used: set[str]) -> None:
    sheets = [
        '@charset "UTF-8";.md-typeset td{margin:0}',
        ".md-annotation{margin:1px}",
        '.pg-stale:before{content:"‼"}',
    ]
    assert purge.merge(sheets, used) == (
        '@charset "UTF-8";.md-typeset td{margin:0}.pg-stale:before{content:"‼"}'
    )
    assert purge.merge(sheets[:2], used) == ".md-typeset td{margin:0}"


def test_merge_refuses_a_stylesheet_with_import(used: set[str]) -> None:
    with pytest.raises(ValueError, match="@import"):
        purge.merge(['@import "x.css";.md-typeset{margin:0}'], used)
    with pytest.raises(ValueError, match=r"^assets/b\.css has @import, .* — copy the imported"):
        purge.merge(
            [".md-typeset{margin:0}", '@import "x.css";'], used, names=["a.css", "assets/b.css"]
        )


SITE = {
    "index.html": (
        '<link rel="stylesheet" href="css/a.css"><link rel="stylesheet" href="css/b.css">'
        '<p class="page-class">x</p><script src="js/app.js"></script>'
    ),
    "sub/index.html": (
        '<link rel="stylesheet" href="../css/a.css"><link rel="stylesheet" href="../css/b.css">'
    ),
    "stub.html": "<script>location.replace('index.html')</script>",
    "css/a.css": ".page-class{color:red}.never{color:blue}",
    "css/b.css": ".script-class{color:green}",
    "js/app.js": 'el.classList.add("script-class")',
}


def locate(page: str, url: str) -> str | None:
    folder = page.rpartition("/")[0]
    path = url.replace("../", "") if folder else url
    return path if path in SITE else None


def test_merge_site_joins_purges_and_relinks() -> None:
    pages = {p: h for p, h in SITE.items() if p.endswith(".html")}
    merged = purge.merge_site(pages, locate, SITE.__getitem__)
    assert merged is not None
    assert merged.css == b".page-class{color:red}.script-class{color:green}"
    assert merged.name == hashed_name("css/guide", merged.css)
    assert merged.joined == ("css/a.css", "css/b.css")
    assert merged.before == len(SITE["css/a.css"]) + len(SITE["css/b.css"])
    name = merged.name.rsplit("/", 1)[1]
    assert {page: minify.stylesheets(html) for page, html in merged.pages.items()} == {
        "index.html": [f"css/{name}"],
        "sub/index.html": [f"../css/{name}"],
    }


def test_merge_site_without_stylesheets_changes_nothing() -> None:
    assert purge.merge_site({"stub.html": SITE["stub.html"]}, locate, SITE.__getitem__) is None


def test_merge_site_refuses_pages_that_link_different_stylesheets() -> None:
    pages = {
        "index.html": SITE["index.html"],
        "other.html": '<link rel="stylesheet" href="css/a.css">',
    }
    with pytest.raises(ValueError, match="pages link different stylesheets"):
        purge.merge_site(pages, locate, SITE.__getitem__)


PROPERTIES = (
    ":root{--read:1px;--chained:var(--read-by-chain);--read-by-chain:red;"
    '--icon:url("data:image/svg+xml,<svg/>");--kept:2px !important}'
    "@media screen{:root{--only-here:3px}.x{--also-unread:1}}"
    ".y{width:var(--read);color:var(--chained)}.z{--unread:1;margin:0}"
)


def test_custom_properties_nothing_reads_go() -> None:
    """``--icon``, ``--only-here``, ``--also-unread`` and ``--unread`` are read by nothing; the
    @media block and ``.x`` are left empty and go; ``.z`` keeps its margin."""
    assert purge.drop_unused_properties(PROPERTIES, {"kept"}) == (
        ":root{--read:1px;--chained:var(--read-by-chain);--read-by-chain:red;"
        "--kept:2px !important}.y{width:var(--read);color:var(--chained)}.z{margin:0}"
    )


def test_a_property_a_page_or_script_names_stays(used: set[str]) -> None:
    css = ":root{--pg-style-read:1px;--md-tooltip2:2px;--nobody:3px}"
    assert purge.drop_unused_properties(css, used) == (
        ":root{--pg-style-read:1px;--md-tooltip2:2px}"
    )


def test_properties_read_in_other_at_rules_stay() -> None:
    css = ":root{--face:x}@font-face{font-family:var(--face)}"
    assert purge.drop_unused_properties(css, set()) == css


def test_merge_drops_properties_only_another_stylesheet_read() -> None:
    """A property one stylesheet declares and another reads is read: the joined file counts."""
    sheets = [":root{--color:red;--gone:1px}", ".md-typeset{color:var(--color)}"]
    assert (
        purge.merge(sheets, {"md-typeset"}) == ":root{--color:red}.md-typeset{color:var(--color)}"
    )
