"""A small static server for ``site/``, as a phone would see it: for ``make preview`` and tests.

It serves the site under its sub-path, with the caching headers the hosting guide asks for,
gzip for text, and knobs that tests need: a request log, files made to fail or to answer
whatever a test chooses (a status, a body, a redirect), and a throttle that emulates a slow
mobile link (so that the service worker's downloads are slowed too).
Loopback only.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import mimetypes
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote, unquote, urlsplit

from pocketguide import buildinfo
from pocketguide.sitefiles import is_immutable, site_path

HOST = "127.0.0.1"
CONTROL = frozenset(chr(code) for code in (*range(32), 127))
"""Characters no file name in a site has; in a request path they are an attack or a typo
(a NUL makes ``Path.resolve`` raise, CR and LF would end a header line)."""
TEXT_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "image/svg+xml",
    "application/xml",
)
mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("application/javascript", ".js")


@dataclass
class Throttle:
    """Emulated link: bytes per second down and a fixed round-trip delay per request."""

    bytes_per_second: float
    round_trip: float

    def wait_for(self, size: int) -> None:
        """Sleep as long as the link would take to deliver ``size`` bytes."""
        time.sleep(self.round_trip + size / self.bytes_per_second)


@dataclass(frozen=True)
class Answer:
    """A made-up answer for one path, as a broken host, a Wi-Fi login page or a redirect
    would give: ``Answer(200, b"<title>Log in</title>")``, ``Answer(302, location=...)``."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Site:
    """What the server serves and how; tests change ``fail`` and ``answers`` and read
    ``requests``."""

    root: Path
    base_path: str = "/"
    gzip: bool = True
    throttle: Throttle | None = None
    fail: set[str] = field(default_factory=set)  # site-relative paths answered with HTTP 500
    answers: dict[str, Answer] = field(default_factory=dict)  # site-relative path -> answer
    requests: list[str] = field(default_factory=list)  # site-relative paths, in order
    down: bool = False  # drop every connection unanswered, like a phone with no signal
    sent_bytes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, path: str, size: int) -> None:
        """Log one request and the bytes sent for it."""
        with self.lock:
            self.requests.append(path)
            self.sent_bytes += size

    def reset(self) -> None:
        """Forget the requests logged so far."""
        with self.lock:
            self.requests.clear()
            self.sent_bytes = 0


def cache_control(path: str) -> str:
    """Return the Cache-Control header the hosting guide recommends for ``path``: the rule
    ``dist/``'s ``_headers`` file is written with (:func:`pocketguide.sitefiles.is_immutable`)."""
    return "public, max-age=31536000, immutable" if is_immutable(path) else "no-cache"


class Handler(BaseHTTPRequestHandler):
    """Serve files from ``site``; directory URLs, redirects and 404 as static hosts do."""

    site: ClassVar[Site]
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        """Stay quiet: tests read ``Site.requests`` instead."""

    def parse_request(self) -> bool:
        """Refuse a path with a control character once decoded, before any handler sees it."""
        if not super().parse_request():
            return False
        if CONTROL.isdisjoint(unquote(urlsplit(self.path).path)):
            return True
        self.send_error(HTTPStatus.BAD_REQUEST, "control character in the path")
        return False

    def do_GET(self) -> None:
        """Answer a GET request."""
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        """Answer a HEAD request."""
        self._answer(with_body=False)

    def _answer(self, *, with_body: bool) -> None:
        site = self.site
        if site.down:
            self.close_connection = True
            return
        path = unquote(urlsplit(self.path).path)
        if path + "/" == site.base_path:
            self._redirect(site.base_path)
            return
        if not path.startswith(site.base_path):
            self._send_file(site.root / "404.html", "404.html", HTTPStatus.NOT_FOUND, with_body)
            return
        relative = path[len(site.base_path) :]
        if relative in site.fail or relative in site.answers:
            self._send_injected(relative, with_body)
            return
        target = (site.root / relative).resolve()
        if site.root.resolve() not in (target, *target.parents):
            self.send_error(HTTPStatus.FORBIDDEN)
            return
        if target.is_dir():
            if relative and not relative.endswith("/"):
                self._redirect(path + "/")
                return
            target = target / "index.html"
            relative += "index.html"
        if target.is_file():
            self._send_file(target, relative, HTTPStatus.OK, with_body)
        else:
            self._send_file(site.root / "404.html", relative, HTTPStatus.NOT_FOUND, with_body)

    def _redirect(self, path: str) -> None:
        """Redirect to ``path`` on this server (decoded; it is quoted again here).

        One leading slash and every other byte quoted: ``/\\evil.example`` or ``//evil.example``
        would otherwise be read by a browser as another host.
        """
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", "/" + quote(path.lstrip("/"), safe="/"))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_injected(self, relative: str, with_body: bool) -> None:
        """Answer a path a test made to fail (500) or gave an answer of its own."""
        site = self.site
        if relative in site.fail:
            site.record(relative, 0)
            self.send_error(HTTPStatus.INTERNAL_SERVER_ERROR, "made to fail by the test")
            return
        answer = site.answers[relative]
        site.record(relative, len(answer.body))
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        if answer.location is not None:
            self.send_header("Location", answer.location)
        for name, value in answer.headers:
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(answer.body)

    def _send_file(self, file: Path, logged: str, status: HTTPStatus, with_body: bool) -> None:
        site = self.site
        body = file.read_bytes() if file.is_file() else b"Not found"
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        encoded = (
            site.gzip
            and kind.startswith(TEXT_TYPES)
            and "gzip" in self.headers.get("Accept-Encoding", "")
        )
        etag = f'"{hashlib.sha256(body).hexdigest()[:16]}{"-gz" if encoded else ""}"'
        if status is HTTPStatus.OK and etag in self.headers.get("If-None-Match", ""):
            # Revalidation, as every static host answers it: headers only, no body again.
            if site.throttle is not None:
                site.throttle.wait_for(0)
            site.record(logged, 0)
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", cache_control(logged))
            self.end_headers()
            return
        if encoded:
            body = gzip.compress(body, compresslevel=6, mtime=0)
        if site.throttle is not None:
            site.throttle.wait_for(len(body))
        site.record(logged, len(body))
        self.send_response(status)
        self.send_header("ETag", etag)
        self.send_header(
            "Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else "")
        )
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache_control(logged))
        if encoded:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if with_body:
            self.wfile.write(body)


class Server:
    """A running server in a background thread; use as a context manager."""

    def __init__(self, site: Site, port: int = 0) -> None:
        handler = type("SiteHandler", (Handler,), {"site": site})
        self.site = site
        self.httpd = ThreadingHTTPServer((HOST, port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The site's root URL, e.g. ``http://127.0.0.1:40123/guide/``."""
        return f"http://{HOST}:{self.httpd.server_address[1]}{self.site.base_path}"

    def __enter__(self) -> Server:
        if not self.thread.is_alive():  # serve_in_thread() has started it already
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop serving and free the port."""
        self.httpd.shutdown()
        self.httpd.server_close()


def serve_in_thread(root: Path, base_path: str = "/", **options: object) -> Server:
    """Start serving ``root`` under ``base_path`` on 127.0.0.1 at a free port."""
    site = Site(root=root, base_path=base_path, **options)  # type: ignore[arg-type]
    return Server(site).__enter__()


def main(argv: list[str] | None = None) -> int:
    """``make preview``: serve a built site until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path, help="the built site, e.g. site/")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument(
        "--base-path",
        default=None,
        help="sub-path to serve under (default: the build manifest's, else site_url in mkdocs.yml)",
    )
    args = parser.parse_args(argv)
    if not (args.root / "index.html").is_file():
        parser.exit(1, f"{args.root}: no index.html — run `make site` first\n")
    base = args.base_path or base_path_of(args.root, Path("mkdocs.yml"))
    server = Server(Site(root=args.root, base_path=base), args.port)
    print(f"Serving {args.root} at {server.url} (Ctrl+C to stop)")
    with contextlib.suppress(KeyboardInterrupt):
        server.httpd.serve_forever()
    return 0


def base_path_of(root: Path, config_file: Path) -> str:
    """Return the path the built site at ``root`` is served under: from its build manifest
    (:mod:`pocketguide.buildinfo`), else from ``site_url`` in ``config_file``."""
    info = buildinfo.read(root)
    if info is not None and info.pages is not None:
        return info.base_path
    from mkdocs.config import load_config  # noqa: PLC0415 (only the CLI needs MkDocs)

    return site_path(load_config(str(config_file)).site_url)


if __name__ == "__main__":
    raise SystemExit(main())
