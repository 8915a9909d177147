"""pocketguide/theme keeps Material's bundle for whatever a site uses that guide.js does not do:
features, Markdown extensions, a script of its own, annotations in a page."""

from __future__ import annotations

from typing import Any

import pytest

from pocketguide.plugins.theme.features import (
    Need,
    describe,
    extension_needs,
    extra_needs,
    feature_needs,
    page_needs,
    script_needs,
)


@pytest.mark.parametrize(
    ("features", "needed"),
    [
        # features, the ones that need Material's bundle
        (["navigation.top", "navigation.footer", "search.highlight"], []),
        (["navigation.tabs", "navigation.sections", "toc.integrate"], []),
        (["content.code.copy", "navigation.top"], ["content.code.copy"]),
        (
            ["navigation.instant", "navigation.tracking", "search.suggest", "search.share"],
            ["navigation.instant", "search.suggest", "search.share"],
        ),
        (
            ["content.code.annotate", "content.tooltips", "content.tabs.link"],
            ["content.code.annotate", "content.tooltips", "content.tabs.link"],
        ),
        (
            ["announce.dismiss", "toc.follow", "header.autohide"],
            ["announce.dismiss", "header.autohide"],
        ),
        # A name guide.js does not know (a later Material's, or a typo) keeps the bundle too.
        (["content.code.annotations"], ["content.code.annotations"]),
        (["content.code.copy", "content.code.copy"], ["content.code.copy"]),
    ],
)
def test_features_guide_js_does_not_do_need_the_bundle(
    features: list[str], needed: list[str]
) -> None:
    assert feature_needs(features) == [Need(name, "theme.features") for name in needed]


@pytest.mark.parametrize(
    ("extensions", "configs", "needed"),
    [
        # extensions, their options, what needs the bundle
        (["pymdownx.tabbed"], {}, []),
        (
            ["pymdownx.tabbed"],
            {"pymdownx.tabbed": {"alternate_style": True}},
            [Need("content tabs' underline", "pymdownx.tabbed: alternate_style")],
        ),
        (
            ["pymdownx.blocks.tab"],
            {"pymdownx.blocks.tab": {"alternate_style": True}},
            [Need("content tabs' underline", "pymdownx.blocks.tab: alternate_style")],
        ),
        (["pymdownx.superfences"], {"pymdownx.superfences": {}}, []),
        (
            ["pymdownx.superfences"],
            {"pymdownx.superfences": {"custom_fences": [{"name": "math", "class": "arithmatex"}]}},
            [],
        ),
        (
            ["pymdownx.superfences"],
            {"pymdownx.superfences": {"custom_fences": [{"name": "mermaid", "class": "mermaid"}]}},
            [Need("mermaid diagrams", "pymdownx.superfences: custom_fences")],
        ),
        (["admonition", "pymdownx.arithmatex"], {"pymdownx.arithmatex": {"generic": True}}, []),
    ],
)
def test_extensions_whose_output_the_bundle_finishes_need_it(
    extensions: list[str], configs: dict[str, dict[str, Any]], needed: list[Need]
) -> None:
    assert extension_needs(extensions, configs) == needed


@pytest.mark.parametrize(
    ("script", "needed"),
    [
        # a site's script, what in it needs the bundle
        ("document$.subscribe(function () { init() })", []),
        ("document$ .subscribe(() => mermaid.run())", []),
        ("console.log('no observables')", []),
        ("document$.pipe(x).subscribe(f)", ["document$.pipe"]),
        ("location$.subscribe(f); location$.subscribe(g)", ["location$.subscribe"]),
        ("viewport$.subscribe(f); document$.subscribe(g)", ["viewport$.subscribe"]),
        ("var d = document$;", ["document$"]),
        ("keyboard$.subscribe(function (key) {})", ["keyboard$.subscribe"]),
        ("const price$ = of(1)", []),  # not one of Material's names
        ("/* global document$ */\n// uses location$ (a comment)\ndocument$.subscribe(f)", []),
        ("fetch('https://x.org/a'); location$.subscribe(f) // after", ["location$.subscribe"]),
    ],
)
def test_a_sites_script_needs_the_bundle_for_more_than_document_subscribe(
    script: str, needed: list[str]
) -> None:
    assert script_needs("extra_javascript: x.js", script) == [
        Need(name, "extra_javascript: x.js") for name in needed
    ]


@pytest.mark.parametrize(
    ("extra", "needed"),
    [
        # mkdocs.yml's extra, what in it needs the bundle
        ({}, []),
        ({"social": [{"icon": "x", "link": "y"}], "homepage": "/"}, []),
        (
            {"analytics": {"provider": "google", "property": "G-X"}},
            [Need("analytics", "extra.analytics")],
        ),
        (
            {"analytics": {"provider": "google"}, "consent": {"title": "Cookies"}},
            [Need("analytics", "extra.analytics"), Need("cookie consent", "extra.consent")],
        ),
        ({"version": {"provider": "mike"}}, [Need("version selector", "extra.version")]),
        ({"version": None}, []),
    ],
)
def test_extra_settings_the_bundle_runs(extra: dict[str, Any], needed: list[Need]) -> None:
    assert extra_needs(extra) == needed


@pytest.mark.parametrize(
    ("markdown", "line"),
    [
        # a page's Markdown, the line of its first content annotation (0: none)
        ("Text (1)\n{ .annotate }\n\n1. Note", 2),
        ("Text\n{: .annotate }", 2),
        ('<div class="note annotate" markdown>', 1),
        ("``` py\ncode # (1)!\n```", 0),  # code annotations: content.code.annotate
        ("``` md\nText (1)\n{ .annotate }\n```\n\nText\n{ .annotate }", 7),
        ("``` md\nText (1)\n{ .annotate }\n```", 0),  # the syntax shown, not used
        ("{ .annotated-list }", 0),
        ("Plain text about annotate.", 0),
    ],
)
def test_content_annotations_in_a_page(markdown: str, line: int) -> None:
    expected = [Need("content annotations", f"a.md:{line}")] if line else []
    assert page_needs("a.md", markdown) == expected


def test_one_line_names_each_need_once_with_where_it_was_found() -> None:
    needs = [
        Need("content.code.copy", "theme.features"),
        Need("content annotations", "a.md"),
        Need("content annotations", "b.md"),
        Need("content annotations", "c.md"),
        Need("location$.subscribe", "extra_javascript: x.js"),
    ]
    assert describe(needs) == (
        "content.code.copy (theme.features), content annotations (a.md and 2 more), "
        "location$.subscribe (extra_javascript: x.js)"
    )
