"""pocketguide/theme's build-time markup: tables wrapped the way Material's bundle wrapped them,
admonition icons read from Material's stylesheet and written into the titles."""

from __future__ import annotations

from pocketguide.plugins.theme.markup import (
    DEFAULT_ICON,
    WRAP_CLOSE,
    WRAP_OPEN,
    Icon,
    admonition_icons,
    inline_admonition_icons,
    wrap_tables,
)

# Material's stylesheet in miniature: the icons as custom properties, then the rules using them.
STYLESHEET = (
    ':root{--md-admonition-icon--note:url("data:image/svg+xml;charset=utf-8,<svg'
    " xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'><path d='M1 1h2'/></svg>\");"
    '--md-admonition-icon--warning:url("data:image/svg+xml;charset=utf-8,<svg'
    " xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><path d='M2 2h4'/></svg>\")}"
    ".md-typeset .admonition-title:before,.md-typeset summary:before{position:absolute;"
    "background-color:#448aff;-webkit-mask-image:var(--md-admonition-icon--note);"
    "mask-image:var(--md-admonition-icon--note)}"
    ".md-typeset .warning>.admonition-title:before,.md-typeset .warning>summary:before"
    "{background-color:#ff9100;-webkit-mask-image:var(--md-admonition-icon--warning);"
    "mask-image:var(--md-admonition-icon--warning)}"
    # A type whose image is missing keeps Material's own icon.
    ".md-typeset .tip>.admonition-title:before{background-color:#00bfa5;"
    "mask-image:var(--md-admonition-icon--tip)}"
)
NOTE = Icon(view_box="0 0 24 24", body="<path d='M1 1h2'/>", color="#448aff")
WARNING = Icon(view_box="0 0 16 16", body="<path d='M2 2h4'/>", color="#ff9100")


def test_a_plain_table_is_wrapped_for_sideways_scrolling() -> None:
    html = "<p>x</p><table>\n<tr><td>1</td></tr>\n</table><p>y</p>"
    assert wrap_tables(html) == (
        f"<p>x</p>{WRAP_OPEN}<table>\n<tr><td>1</td></tr>\n</table>{WRAP_CLOSE}<p>y</p>"
    )


def test_attributes_other_than_class_still_get_the_wrapper() -> None:
    html = '<table id="t" data-x="class"><tr><td>1</td></tr></table>'
    assert wrap_tables(html) == f"{WRAP_OPEN}{html}{WRAP_CLOSE}"


def test_a_table_with_a_class_is_left_alone() -> None:
    html = '<table class="plain"><tr><td>1</td></tr></table>'
    assert wrap_tables(html) == html


def test_nested_tables_close_their_own_wrappers() -> None:
    inner = '<table class="x"><tr><td>in</td></tr></table>'
    html = f"<table><tr><td>{inner}</td></tr></table><table><tr><td>2</td></tr></table>"
    assert wrap_tables(html) == (
        f"{WRAP_OPEN}<table><tr><td>{inner}</td></tr></table>{WRAP_CLOSE}"
        f"{WRAP_OPEN}<table><tr><td>2</td></tr></table>{WRAP_CLOSE}"
    )


def test_tags_in_any_case_and_a_stray_end_tag() -> None:
    upper = "<TABLE><tr></tr></TABLE >"
    assert wrap_tables(upper) == f"{WRAP_OPEN}{upper}{WRAP_CLOSE}"
    assert wrap_tables("</table><p>x</p>") == "</table><p>x</p>"


def test_words_that_start_like_table_are_not_tags() -> None:
    html = "<tablet>not a table</tablet><p>a <code>&lt;table&gt;</code></p>"
    assert wrap_tables(html) == html


def test_icons_and_colours_are_read_from_materials_rules() -> None:
    assert admonition_icons(STYLESHEET) == {DEFAULT_ICON: NOTE, "warning": WARNING}


def test_a_stylesheet_without_admonitions_has_no_icons() -> None:
    assert admonition_icons("body{color:red}.md-typeset .warning{mask-image:none}") == {}


def svg(icon: Icon) -> str:
    return (
        f'<svg class="pg-admonition-icon" viewBox="{icon.view_box}" fill="{icon.color}"'
        f' aria-hidden="true">{icon.body}</svg>'
    )


ICONS = {DEFAULT_ICON: NOTE, "warning": WARNING}


def test_an_admonition_title_gets_its_types_icon() -> None:
    html = (
        '<div class="admonition warning">\n<p class="admonition-title">Careful</p>\n'
        "<p>Text</p>\n</div>"
    )
    assert inline_admonition_icons(html, ICONS) == (
        '<div class="admonition warning">\n'
        f'<p class="admonition-title pg-icon">{svg(WARNING)}Careful</p>\n<p>Text</p>\n</div>'
    )


def test_the_first_class_with_an_icon_picks_it_and_an_unknown_type_gets_the_default() -> None:
    both = '<div class="admonition inline warning"><p class="admonition-title">A</p></div>'
    assert svg(WARNING) in inline_admonition_icons(both, ICONS)
    unknown = '<div class="admonition made-up"><p class="admonition-title">B</p></div>'
    assert inline_admonition_icons(unknown, ICONS) == (
        f'<div class="admonition made-up"><p class="admonition-title pg-icon">{svg(NOTE)}B</p>'
        "</div>"
    )


def test_a_collapsible_blocks_summary_gets_its_icon() -> None:
    html = '<details class="warning" open="open">\n<summary>Open me</summary>\n</details>'
    assert inline_admonition_icons(html, ICONS) == (
        '<details class="warning" open="open">\n'
        f'<summary class="pg-icon">{svg(WARNING)}Open me</summary>\n</details>'
    )


def test_without_a_title_or_an_icon_the_block_is_left_to_materials_stylesheet() -> None:
    untitled = '<div class="admonition warning">\n<p>No title</p>\n</div>'
    assert inline_admonition_icons(untitled, ICONS) == untitled
    titled = '<div class="admonition tip"><p class="admonition-title">Tip</p></div>'
    assert inline_admonition_icons(titled, {"warning": WARNING}) == titled
    assert inline_admonition_icons(titled, {}) == titled
