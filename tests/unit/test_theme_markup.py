"""pocketguide/theme's build-time markup: tables wrapped the way Material's bundle wrapped them."""

from __future__ import annotations

from pocketguide.plugins.theme.markup import WRAP_CLOSE, WRAP_OPEN, wrap_tables


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
