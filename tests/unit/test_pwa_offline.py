"""Unit tests of :mod:`pocketguide.plugins.pwa.offline`: the page for pages not saved."""

from __future__ import annotations

import pytest
import yaml

from pocketguide.content.strings import load
from pocketguide.plugins.pwa.offline import OFFLINE_SRC, offline_markdown, offline_url

ENGLISH = load("en")


@pytest.mark.parametrize(
    ("use_directory_urls", "expected"),
    [
        # use_directory_urls   where the offline page is written
        (True, "offline/index.html"),
        (False, "offline.html"),
    ],
)
def test_offline_url(use_directory_urls: bool, expected: str) -> None:
    assert offline_url(use_directory_urls) == expected


def test_offline_src_matches_the_urls() -> None:
    assert OFFLINE_SRC == "offline.md"


def test_offline_markdown_front_matter_keeps_it_out_of_search() -> None:
    text = offline_markdown("emergency.md", ENGLISH)
    _, front, _ = text.split("---\n", 2)

    assert yaml.safe_load(front) == {
        "title": "Not saved on this phone",
        "description": "This page is not part of the guide saved on this phone.",
        "search": {"exclude": True},
    }


@pytest.mark.parametrize(
    ("emergency_page", "emergency_link"),
    [
        # emergency_page option     first link of the page
        ("emergency.md", "- [**Emergency: what to do now**](emergency.md)"),
        ("help/sos.md", "- [**Emergency: what to do now**](help/sos.md)"),
        (None, None),
    ],
)
def test_offline_markdown_links_emergency_first_then_home(
    emergency_page: str | None, emergency_link: str | None
) -> None:
    lines = offline_markdown(emergency_page, ENGLISH).splitlines()
    links = [line for line in lines if line.startswith("- [")]

    home = "- [Home page of the guide](index.md)"
    assert links == ([emergency_link, home] if emergency_link else [home])


def test_offline_markdown_says_the_page_is_not_saved_never_pretends_to_be_it() -> None:
    body = offline_markdown("emergency.md", ENGLISH).split("---\n", 2)[2]

    assert body.splitlines()[:4] == [
        "",
        "# This page is not saved on this phone",
        "",
        "You seem to be offline, and this page is not part of the copy of the guide on this phone.",
    ]
    assert "{: data-pg-asked }" in body


def test_offline_markdown_in_spanish_front_matter_and_links() -> None:
    text = offline_markdown("emergency.md", load("es"))
    _, front, body = text.split("---\n", 2)

    assert yaml.safe_load(front)["title"] == "No está guardada en este teléfono"
    assert "# Esta página no está guardada en este teléfono" in body.splitlines()
    assert [line for line in body.splitlines() if line.startswith("- [")] == [
        "- [**Emergencia: qué hacer ahora**](emergency.md)",
        "- [Página de inicio de la guía](index.md)",
    ]


def test_offline_markdown_front_matter_survives_a_title_with_colons_and_quotes() -> None:
    words = load("en", {"offline.title": 'Offline: "not saved" # here'})
    front = offline_markdown(None, words).split("---\n", 2)[1]

    assert yaml.safe_load(front)["title"] == 'Offline: "not saved" # here'
