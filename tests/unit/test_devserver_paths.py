"""The preview server's request-path handling under hostile paths.

An open redirect (a directory redirect that echoed ``/\\evil.example/../`` unquoted, which a
browser reads as another host), header injection from a CR/LF in the path, and a NUL byte
that crashed the handler (``Path.resolve``: embedded null byte) and dropped the connection.
"""

from __future__ import annotations

import http.client
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

import pytest

from pocketguide.devserver import Server, Site

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("paths") / "site"
    (root / "x").mkdir(parents=True)
    (root / "assets").mkdir()
    for name in ("index.html", "x/index.html", "assets/index.html", "404.html"):
        (root / name).write_text(f"<h1>{name}</h1>", encoding="utf-8")
    with Server(Site(root=root)) as running:
        yield running


def get(server: Server, path: str) -> tuple[int, list[tuple[str, str]]]:
    """Return the status and the raw headers of one request (the path is sent as it is)."""
    host, port = server.httpd.server_address[:2]
    connection = http.client.HTTPConnection(str(host), port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status, [(k.lower(), v) for k, v in response.getheaders()]
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("path", "location"),
    [
        # request path                Location sent back (quoted, one leading slash)
        ("/%5Cevil.example%2F..", "/%5Cevil.example/../"),
        ("/x%2F%5C%5Cevil.example%2F..%2F..", "/x/%5C%5Cevil.example/../../"),
        ("/%C3%A9%2F..", "/%C3%A9/../"),
        ("/x", "/x/"),
    ],
    ids=["backslash-host", "double-backslash", "non-ascii", "plain"],
)
def test_directory_redirects_stay_on_this_server(server: Server, path: str, location: str) -> None:
    status, headers = get(server, path)

    assert (status, dict(headers)["location"]) == (301, location)
    base = server.url
    assert urlsplit(urljoin(base, location)).netloc == urlsplit(base).netloc


@pytest.mark.parametrize(
    "path",
    [
        # paths with a control character once decoded
        "/assets%0d%0aSet-Cookie:%20pwned=1%2F..",
        "/assets%0aX-Injected:%201%2F..",
        "/%00",
        "/index.html%00.txt",
        "/x%7F/",
    ],
    ids=["crlf-cookie", "lf-header", "nul", "nul-suffix", "del"],
)
def test_control_characters_are_a_bad_request_and_inject_nothing(server: Server, path: str) -> None:
    status, headers = get(server, path)

    assert status == 400
    assert {name for name, _ in headers} == {
        "server",
        "date",
        "connection",
        "content-type",
        "content-length",
    }
    assert get(server, "/")[0] == 200  # and the server still answers


def test_a_protocol_relative_path_is_not_served_from_outside(server: Server) -> None:
    assert get(server, "/%2Fetc%2Fpasswd")[0] == 403
