"""Tests of :mod:`pocketguide.devserver`, the static server for ``make preview`` and browser tests.

A tiny site tree in ``tmp_path``, served on 127.0.0.1 at a free port, asked with ``http.client``
(which, unlike urllib, does not follow redirects).
"""

from __future__ import annotations

import gzip
import http.client
from typing import TYPE_CHECKING

import pytest

from pocketguide import devserver
from pocketguide.devserver import Answer, Server, Site, Throttle, cache_control

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

FILES = {
    "index.html": b"<h1>Home</h1>" * 20,
    "x/index.html": b"<h1>X</h1>",
    "404.html": b"<h1>Not found</h1>",
    "sw.js": b"self.addEventListener('fetch', () => {});",
    "assets/javascripts/bundle.79ae519e.min.js": b"console.log(1);" * 50,
    "assets/icons/icon-192.png": b"\x89PNG fake" * 50,
    "manifest.webmanifest": b'{"name": "Guide"}',
}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("devserver") / "site"
    for name, data in FILES.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return site


# One server per module: stopping one waits for its half-second poll.
@pytest.fixture(scope="module")
def root_server(root: Path) -> Iterator[Server]:
    with Server(Site(root=root)) as running:
        yield running


@pytest.fixture
def server(root_server: Server) -> Server:
    """The site served at ``/``, with an empty request log and no failing files."""
    root_server.site.reset()
    root_server.site.fail.clear()
    root_server.site.answers.clear()
    return root_server


@pytest.fixture(scope="module")
def guide(root: Path) -> Iterator[Server]:
    """The same site under the sub-path ``/guide/``."""
    with Server(Site(root=root, base_path="/guide/")) as running:
        yield running


def get(
    server: Server, path: str, method: str = "GET", **headers: str
) -> tuple[int, dict[str, str], bytes]:
    """Return status, headers (lowercase names) and body of one request."""
    host, port = server.httpd.server_address[:2]
    connection = http.client.HTTPConnection(str(host), port, timeout=10)
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("path", "status", "body"),
    [
        # request path   status   body served
        ("/", 200, FILES["index.html"]),
        ("/index.html", 200, FILES["index.html"]),
        ("/x/", 200, FILES["x/index.html"]),
        ("/x/index.html", 200, FILES["x/index.html"]),
        ("/x/?h=ketamine", 200, FILES["x/index.html"]),
        ("/missing/", 404, FILES["404.html"]),
        ("/x/missing.html", 404, FILES["404.html"]),
    ],
)
def test_files_directory_urls_and_404(server: Server, path: str, status: int, body: bytes) -> None:
    assert get(server, path)[0::2] == (status, body)


def test_directory_without_slash_redirects(server: Server) -> None:
    status, headers, body = get(server, "/x")

    assert (status, headers["location"], body) == (301, "/x/", b"")


def test_path_outside_the_site_is_forbidden(server: Server) -> None:
    assert get(server, "/../secret.txt")[0] == 403


@pytest.mark.parametrize(
    ("path", "status", "body"),
    [
        # request path under base /guide/   status   body
        ("/guide/", 200, FILES["index.html"]),
        ("/guide/x/", 200, FILES["x/index.html"]),
        ("/x/", 404, FILES["404.html"]),
        ("/", 404, FILES["404.html"]),
        ("/guide/nope", 404, FILES["404.html"]),
    ],
)
def test_sub_path_base(guide: Server, path: str, status: int, body: bytes) -> None:
    assert get(guide, path)[0::2] == (status, body)


def test_sub_path_redirect_keeps_the_base(guide: Server) -> None:
    status, headers, _ = get(guide, "/guide/x")

    assert (status, headers["location"]) == (301, "/guide/x/")


def test_url_names_the_base_path(guide: Server) -> None:
    assert guide.url == f"http://127.0.0.1:{guide.httpd.server_address[1]}/guide/"


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        # request path                                   Content-Type
        ("/", "text/html; charset=utf-8"),
        ("/sw.js", "application/javascript"),
        ("/manifest.webmanifest", "application/manifest+json"),
        ("/assets/icons/icon-192.png", "image/png"),
    ],
)
def test_content_types(server: Server, path: str, content_type: str) -> None:
    assert get(server, path)[1]["content-type"] == content_type


@pytest.mark.parametrize(
    ("path", "accept", "gzipped"),
    [
        # request path                 Accept-Encoding   answered gzipped?
        ("/", "gzip, deflate", True),
        ("/", "", False),
        ("/assets/javascripts/bundle.79ae519e.min.js", "gzip", True),
        ("/manifest.webmanifest", "gzip", True),
        ("/assets/icons/icon-192.png", "gzip", False),  # not text
        ("/missing/", "gzip", True),  # the 404 page too
    ],
)
def test_gzip_only_when_asked_and_only_text(
    server: Server, path: str, accept: str, gzipped: bool
) -> None:
    _, headers, body = get(server, path, **{"Accept-Encoding": accept})
    served = gzip.decompress(body) if gzipped else body

    assert (headers.get("content-encoding"), headers.get("vary")) == (
        ("gzip", "Accept-Encoding") if gzipped else (None, None)
    )
    assert headers["content-length"] == str(len(body))
    assert served in FILES.values()


def test_gzip_can_be_turned_off(root: Path) -> None:
    with Server(Site(root=root, gzip=False)) as plain:
        _, headers, body = get(plain, "/", **{"Accept-Encoding": "gzip"})

    assert "content-encoding" not in headers
    assert body == FILES["index.html"]


@pytest.mark.parametrize(
    ("path", "header"),
    [
        # site-relative path                                   Cache-Control
        ("index.html", "no-cache"),
        ("x/index.html", "no-cache"),
        ("sw.js", "no-cache"),
        ("manifest.webmanifest", "no-cache"),
        ("assets/javascripts/pwa.js", "no-cache"),
        ("search/search_index.json", "no-cache"),
        ("assets/javascripts/bundle.79ae519e.min.js", "public, max-age=31536000, immutable"),
        (
            "assets/javascripts/workers/search.a7633da7.min.js",
            "public, max-age=31536000, immutable",
        ),
        ("assets/stylesheets/main.57a0d79d.min.css", "public, max-age=31536000, immutable"),
        ("assets/javascripts/bundle.79AE519E.min.js", "no-cache"),  # not lowercase hex
        ("assets/javascripts/bundle.79ae519.min.js", "no-cache"),  # 7 digits
        ("a.b.c", "no-cache"),
    ],
)
def test_cache_control(path: str, header: str) -> None:
    assert cache_control(path) == header


@pytest.mark.parametrize(
    ("path", "header"),
    [
        # request path                                   Cache-Control sent
        ("/", "no-cache"),
        ("/x/", "no-cache"),
        ("/sw.js", "no-cache"),
        ("/assets/javascripts/bundle.79ae519e.min.js", "public, max-age=31536000, immutable"),
    ],
)
def test_cache_control_header_is_sent(server: Server, path: str, header: str) -> None:
    assert get(server, path)[1]["cache-control"] == header


def test_fail_answers_500_and_logs_the_request(server: Server) -> None:
    server.site.fail.add("x/index.html")

    assert get(server, "/x/index.html")[0] == 500
    assert get(server, "/x/")[0] == 200  # the set names exact paths as requested
    assert server.site.requests == ["x/index.html", "x/index.html"]


PORTAL = b"<!doctype html><title>Wi-Fi login</title><h1>Please log in</h1>"


@pytest.mark.parametrize(
    ("answer", "status", "headers", "body"),
    [
        # answer chosen by the test        status  headers expected           body
        (Answer(200, PORTAL), 200, {"content-type": "text/html; charset=utf-8"}, PORTAL),
        (Answer(404, b"gone", "text/plain"), 404, {"content-type": "text/plain"}, b"gone"),
        (
            Answer(302, location="http://127.0.0.1:9/evil.css"),
            302,
            {"location": "http://127.0.0.1:9/evil.css", "content-length": "0"},
            b"",
        ),
        (
            Answer(200, b"x{}", "text/css", headers=(("Access-Control-Allow-Origin", "*"),)),
            200,
            {"access-control-allow-origin": "*", "content-type": "text/css"},
            b"x{}",
        ),
    ],
)
def test_answers_give_a_path_the_chosen_status_body_and_headers(
    server: Server, answer: Answer, status: int, headers: dict[str, str], body: bytes
) -> None:
    server.site.answers["assets/javascripts/bundle.79ae519e.min.js"] = answer

    got_status, got_headers, got_body = get(server, "/assets/javascripts/bundle.79ae519e.min.js")

    assert (got_status, got_body) == (status, body)
    assert {name: got_headers.get(name) for name in headers} == headers
    assert get(server, "/x/")[0::2] == (200, FILES["x/index.html"])  # other paths as before
    assert server.site.requests == ["assets/javascripts/bundle.79ae519e.min.js", "x/index.html"]


def test_request_log_and_sent_bytes(server: Server) -> None:
    get(server, "/")
    get(server, "/x/")
    get(server, "/nope.html")
    get(server, "/sw.js", method="HEAD")

    assert server.site.requests == ["index.html", "x/index.html", "nope.html", "sw.js"]
    assert server.site.sent_bytes == sum(
        len(FILES[name]) for name in ["index.html", "x/index.html", "404.html", "sw.js"]
    )
    server.site.reset()
    assert (server.site.requests, server.site.sent_bytes) == ([], 0)


def test_head_sends_headers_without_body(server: Server) -> None:
    status, headers, body = get(server, "/", method="HEAD")

    assert (status, headers["content-length"], body) == (200, str(len(FILES["index.html"])), b"")


def test_throttle_waits_for_round_trip_plus_transfer(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []
    monkeypatch.setattr("pocketguide.devserver.time.sleep", slept.append)

    Throttle(bytes_per_second=1000, round_trip=0.25).wait_for(500)

    assert slept == [0.75]


def test_main_refuses_a_folder_without_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        devserver.main([str(tmp_path)])

    assert raised.value.code == 1
    assert capsys.readouterr().err == f"{tmp_path}: no index.html — run `make site` first\n"


def test_site_root_without_slash_redirects_to_the_sub_path(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    with devserver.serve_in_thread(tmp_path, base_path="/guide/") as server:
        root = server.url.removesuffix("/guide/")
        connection = http.client.HTTPConnection(root.removeprefix("http://"))
        connection.request("GET", "/guide")
        response = connection.getresponse()
        response.read()
        connection.close()
        assert (response.status, response.getheader("Location")) == (301, "/guide/")


def test_revalidation_with_the_etag_gets_304_and_no_body(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>home</h1>", encoding="utf-8")
    with devserver.serve_in_thread(tmp_path) as server:
        host = server.url.removeprefix("http://").rstrip("/")
        connection = http.client.HTTPConnection(host)
        connection.request("GET", "/index.html")
        first = connection.getresponse()
        first.read()
        etag = first.getheader("ETag")
        connection.request("GET", "/index.html", headers={"If-None-Match": etag or ""})
        second = connection.getresponse()
        body = second.read()
        connection.close()
        assert (first.status, second.status, body) == (200, 304, b"")
        assert server.site.requests == ["index.html", "index.html"]
        assert server.site.sent_bytes == len("<h1>home</h1>")
