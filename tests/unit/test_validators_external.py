"""External link checks against a local server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

import pytest

from pocketguide.validators.external import (
    Fetcher,
    LinkCache,
    UrlResult,
    check_external_links,
    classify,
    retry_after_seconds,
)
from pocketguide.validators.links import ExternalLink

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


class _State:
    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.active = 0
        self.peak = 0


class _Handler(BaseHTTPRequestHandler):
    state: _State

    def log_message(self, format: str, *args: object) -> None:
        del format, args

    def do_GET(self) -> None:
        state = self.state
        with state.lock:
            state.hits[self.path] += 1
            count = state.hits[self.path]
        self._answer(count)

    def _busy(self) -> None:
        """Work for a while, counted as one request in progress. The count drops before the
        answer is sent: once a client has its answer it may rightly send the next request,
        which must not meet this one still counted."""
        state = self.state
        with state.lock:
            state.active += 1
            state.peak = max(state.peak, state.active)
        time.sleep(0.15)
        with state.lock:
            state.active -= 1

    def _answer(self, count: int) -> None:
        path = self.path
        headers: dict[str, str] = {}
        if path == "/ok" or path.startswith("/busy/"):
            if path.startswith("/busy/"):
                self._busy()
            status = 200
        elif path == "/moved":
            status, headers = 301, {"Location": "/ok"}
        elif path == "/blocked":
            status = 403
        elif path == "/cf":
            status, headers = 403, {"cf-mitigated": "challenge"}
        elif path == "/robot":
            status = 999
        elif path == "/limited":
            status, headers = (429, {"Retry-After": "1"}) if count == 1 else (200, {})
        elif path == "/forever-limited":
            status, headers = 429, {"Retry-After": "3600"}
        elif path == "/slow":
            time.sleep(1.0)
            status = 200
        else:
            status = 404
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def server() -> Iterator[tuple[str, _State]]:
    state = _State()
    handler = type("Handler", (_Handler,), {"state": state})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", state
    finally:
        httpd.shutdown()
        httpd.server_close()


def _fetcher(waits: list[float] | None = None, **kwargs: float) -> Fetcher:
    record = waits if waits is not None else []
    return Fetcher(sleep=record.append, **kwargs)  # type: ignore[arg-type]


def test_states_of_answers(server: tuple[str, _State], tmp_path: Path) -> None:
    base, _ = server
    paths = ["/ok", "/moved", "/missing", "/blocked", "/cf", "/robot"]
    cache = LinkCache(tmp_path / "cache.json", ttl=3600)
    results = _fetcher().check_all([base + p for p in paths], cache)
    got = {p: (results[base + p].state, results[base + p].status) for p in paths}
    assert got == {
        "/ok": ("ok", 200),
        "/moved": ("ok", 200),
        "/missing": ("broken", 404),
        "/blocked": ("unknown", 403),
        "/cf": ("unknown", 403),
        "/robot": ("unknown", 999),
    }
    assert results[base + "/moved"].final_url == base + "/ok"


def test_retry_after_is_honoured_then_retried(server: tuple[str, _State], tmp_path: Path) -> None:
    base, state = server
    waits: list[float] = []
    result = _fetcher(waits).check_all([base + "/limited"], LinkCache(tmp_path / "c.json", 60))
    assert result[base + "/limited"].state == "ok"
    assert state.hits["/limited"] == 2
    assert len(waits) == 1
    assert 0.5 < waits[0] <= 1.0


def test_too_long_retry_after_is_unknown_not_broken(
    server: tuple[str, _State], tmp_path: Path
) -> None:
    base, state = server
    result = _fetcher(max_wait=30).check_all(
        [base + "/forever-limited"], LinkCache(tmp_path / "c.json", 60)
    )
    got = result[base + "/forever-limited"]
    assert (got.state, got.status, got.detail) == ("unknown", 429, "HTTP 429; asked to wait 3600 s")
    assert state.hits["/forever-limited"] == 1


def test_timeout_is_broken(server: tuple[str, _State], tmp_path: Path) -> None:
    base, _ = server
    result = _fetcher(timeout=0.2).check_all([base + "/slow"], LinkCache(tmp_path / "c.json", 60))
    assert result[base + "/slow"].state == "broken"
    assert result[base + "/slow"].detail.startswith("no answer: ")


def test_per_host_concurrency_limit(server: tuple[str, _State], tmp_path: Path) -> None:
    base, state = server
    urls = [f"{base}/busy/{i}" for i in range(8)]
    results = _fetcher(per_host=2).check_all(urls, LinkCache(tmp_path / "c.json", 60), workers=8)
    assert all(r.state == "ok" for r in results.values())
    assert state.peak == 2


def test_cache_keeps_successes_only_and_expires(server: tuple[str, _State], tmp_path: Path) -> None:
    base, state = server
    cache_file = tmp_path / "cache" / "links.json"
    links = [
        ExternalLink(base + "/ok", "docs/a.md", 3, 4),
        ExternalLink(base + "/missing", "docs/a.md", 5, 1),
    ]
    findings = check_external_links(links, cache_file, fetcher=_fetcher())
    assert [(f.code, f.line, f.col) for f in findings] == [("LNK030", 5, 1)]
    assert list(json.loads(cache_file.read_text())) == [base + "/ok"]
    check_external_links(links, cache_file, fetcher=_fetcher())
    assert (state.hits["/ok"], state.hits["/missing"]) == (1, 2)  # the failure is rechecked
    check_external_links(links, cache_file, ttl=0, fetcher=_fetcher())
    assert state.hits["/ok"] == 2  # expired


def test_cache_forgets_a_url_that_broke(tmp_path: Path) -> None:
    cache = LinkCache(tmp_path / "c.json", ttl=60, now=lambda: 1000.0)
    cache.put(UrlResult("u", "ok", 200, "HTTP 200", "u", 990.0))
    assert cache.get("u") is not None
    cache.put(UrlResult("u", "broken", 404, "HTTP 404", "u", 995.0))
    assert cache.get("u") is None
    (tmp_path / "bad.json").write_text("not json")
    assert LinkCache(tmp_path / "bad.json", ttl=60).entries == {}


def test_unknown_is_a_warning_finding(server: tuple[str, _State], tmp_path: Path) -> None:
    base, _ = server
    links = [ExternalLink(base + "/blocked", "docs/a.md", 2, 7)]
    [finding] = check_external_links(links, tmp_path / "c.json", fetcher=_fetcher())
    assert finding.format() == (
        f"docs/a.md:2:7: LNK031 (warn) external link '{base}/blocked' could not be verified "
        "(HTTP 403: the site blocks robots) — open it in a browser to confirm"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("5", 5.0), (None, None), ("soon", None), ("Thu, 01 Jan 1970 00:00:10 GMT", 0.0)],
)
def test_retry_after_seconds(value: str | None, expected: float | None) -> None:
    assert retry_after_seconds(value, now=100.0) == expected


@pytest.mark.parametrize(
    ("status", "state"),
    [(200, "ok"), (204, "ok"), (404, "broken"), (500, "broken"), (999, "unknown")],
)
def test_classify(status: int, state: str) -> None:
    assert classify(status, None) == state
