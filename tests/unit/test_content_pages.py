"""Unit tests of :mod:`pocketguide.content.pages`: an optional page such as the Emergency page."""

from __future__ import annotations

import pytest
from mkdocs.config.base import ValidationError

from pocketguide.content.pages import AUTO, OptionalPage, resolve_page


@pytest.mark.parametrize(
    ("value", "pages", "expected"),
    [
        # option value      pages in docs/                 page used (None: no page)
        (AUTO, {"emergency.md", "index.md"}, "emergency.md"),
        (AUTO, {"index.md"}, None),
        ("", {"emergency.md"}, None),
        ("help/sos.md", {"help/sos.md"}, "help/sos.md"),
    ],
)
def test_resolve_page(value: str, pages: set[str], expected: str | None) -> None:
    assert resolve_page(value, pages.__contains__) == expected


def test_a_named_page_that_is_not_there_is_an_error() -> None:
    with pytest.raises(LookupError, match=r"sos\.md"):
        resolve_page("sos.md", {"emergency.md"}.__contains__)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        # in mkdocs.yml      validated value
        (None, ""),
        ("", ""),
        (" sos.md ", "sos.md"),
    ],
)
def test_option_values(written: object, value: str) -> None:
    assert OptionalPage().validate(written) == value


def test_option_refuses_a_list() -> None:
    with pytest.raises(ValidationError, match="is not a page"):
        OptionalPage().validate(["sos.md"])


def test_option_left_out_is_auto() -> None:
    assert OptionalPage().default == AUTO
