"""The preview server's hostile paths, as Chromium follows them (tests/unit covers the bytes).

Before: ``/%5Cevil.example%2F..`` answered ``Location: /\\evil.example/../`` and Chromium
went to ``http://evil.example/``; a CR/LF in the path set a cookie.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from pocketguide.devserver import Server, Site

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    root = tmp_path / "site"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text("<title>home</title><h1>home</h1>", encoding="utf-8")
    (root / "assets" / "index.html").write_text("<h1>assets</h1>", encoding="utf-8")
    (root / "404.html").write_text("<h1>not found</h1>", encoding="utf-8")
    with Server(Site(root=root)) as running:
        yield running


@pytest.mark.parametrize(
    "path", ["%5Cevil.example%2F..", "%5C%5Cevil.example%2F..", "%2F%2Fevil.example%2F.."]
)
def test_a_directory_redirect_never_leaves_the_server(
    browser: Browser, server: Server, path: str
) -> None:
    page = browser.new_page()
    try:
        page.goto(server.url + path, wait_until="load")
        assert page.url.startswith(server.url)
    finally:
        page.close()


def test_a_crlf_in_the_path_sets_no_cookie(browser: Browser, server: Server) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        response = page.goto(server.url + "assets%0d%0aSet-Cookie:%20injected=1;%20Path=/%2F..")
        assert response is not None
        assert response.status == 400
        assert context.cookies() == []
    finally:
        context.close()
