"""Check external links, only when asked (``check_links.py --external``), politely.

- Redirects are followed (urllib follows up to 10) and each URL is fetched once per run.
- Every request has a timeout; at most ``per_host`` requests run at once against one host.
- ``429``/``503`` with ``Retry-After`` wait as asked (up to ``max_wait`` seconds), and the
  whole host waits with them, then retry.
- ``403``, ``429``, ``999`` and Cloudflare's ``cf-mitigated`` answers block robots: the link is
  "unknown" (a warning), not "broken".
- A JSON cache file remembers working URLs for ``ttl`` seconds. Failures and unknowns are
  never cached, so a broken link is rechecked on every run.

Only the standard library is used (``urllib`` and ``concurrent.futures``).
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pocketguide.findings import Finding, Severity

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from email.message import Message
    from pathlib import Path

    from pocketguide.validators.links import ExternalLink

DEFAULT_CACHE = ".cache/pocketguide-external-links.json"
DAY = 24 * 60 * 60
ROBOT_BLOCKS = frozenset({403, 429, 999})
RETRY_STATUSES = frozenset({429, 503})
USER_AGENT = "pocketguide-linkcheck/0.1 (+offline harm-reduction guide; checks links weekly)"


@dataclass(frozen=True)
class UrlResult:
    """What one URL answered: ``state`` is ``ok``, ``broken`` or ``unknown``."""

    url: str
    state: str
    status: int | None
    detail: str
    final_url: str
    checked_at: float = 0.0


class LinkCache:
    """Working URLs seen within the last ``ttl`` seconds, stored as JSON at ``path``."""

    def __init__(self, path: Path, ttl: float, now: Callable[[], float] = time.time) -> None:
        self.path, self.ttl, self.now = path, ttl, now
        self.entries: dict[str, dict[str, object]] = {}
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            loaded = {}
        if isinstance(loaded, dict):
            self.entries = {k: v for k, v in loaded.items() if isinstance(v, dict)}

    def get(self, url: str) -> UrlResult | None:
        """Return the cached result if it is a success younger than the expiry."""
        entry = self.entries.get(url)
        if not entry or entry.get("state") != "ok":
            return None
        checked = entry.get("checked_at")
        if not isinstance(checked, int | float) or self.now() - checked > self.ttl:
            return None
        status = entry.get("status")
        return UrlResult(
            url,
            "ok",
            status if isinstance(status, int) else None,
            "cached",
            str(entry.get("final_url", url)),
            float(checked),
        )

    def put(self, result: UrlResult) -> None:
        """Remember a success; forget the URL on anything else (failures are never cached)."""
        if result.state == "ok":
            self.entries[result.url] = asdict(result)
        else:
            self.entries.pop(result.url, None)

    def save(self) -> None:
        """Write the cache file (creating its folder)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.entries, indent=1, sort_keys=True), encoding="utf-8")


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Return the wait a ``Retry-After`` header asks for (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError, IndexError):
        return None


def classify(status: int, headers: Message | None) -> str:
    """Return ``ok``, ``unknown`` (robots blocked) or ``broken`` for an HTTP status."""
    if 200 <= status < 300:
        return "ok"
    if status in ROBOT_BLOCKS or (headers is not None and headers.get("cf-mitigated")):
        return "unknown"
    return "broken"


class _Hosts:
    """Per-host concurrency limit plus a shared "not before" time set by ``Retry-After``."""

    def __init__(self, per_host: int) -> None:
        self.per_host = per_host
        self.lock = threading.Lock()
        self.slots: dict[str, threading.BoundedSemaphore] = {}
        self.not_before: dict[str, float] = {}

    def slot(self, host: str) -> threading.BoundedSemaphore:
        with self.lock:
            return self.slots.setdefault(host, threading.BoundedSemaphore(self.per_host))

    def wait_turn(self, host: str, sleep: Callable[[float], None]) -> None:
        with self.lock:
            wait = self.not_before.get(host, 0.0) - time.monotonic()
        if wait > 0:
            sleep(wait)

    def back_off(self, host: str, seconds: float) -> None:
        with self.lock:
            until = time.monotonic() + seconds
            self.not_before[host] = max(self.not_before.get(host, 0.0), until)


@dataclass(frozen=True)
class Fetcher:
    """Fetches one URL with retries; shared by the worker threads of one run."""

    timeout: float = 10.0
    retries: int = 2
    max_wait: float = 30.0
    per_host: int = 2
    sleep: Callable[[float], None] = time.sleep

    def check_all(
        self, urls: Iterable[str], cache: LinkCache, workers: int = 8
    ) -> dict[str, UrlResult]:
        """Return a result per URL: from the cache when fresh, else fetched (then cached)."""
        todo = sorted(set(urls))
        results: dict[str, UrlResult] = {}
        fetch_list = []
        for url in todo:
            cached = cache.get(url)
            if cached is not None:
                results[url] = cached
            else:
                fetch_list.append(url)
        hosts = _Hosts(self.per_host)
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            for result in pool.map(lambda u: self.fetch(u, hosts), fetch_list):
                results[result.url] = result
                cache.put(result)
        return results

    def fetch(self, url: str, hosts: _Hosts) -> UrlResult:
        """Return what ``url`` answers, honouring the host's limits."""
        host = urlsplit(url).netloc.lower()
        with hosts.slot(host):
            for attempt in range(self.retries + 1):
                hosts.wait_turn(host, self.sleep)
                result, wait = self._once(url)
                if wait is None or attempt == self.retries:
                    return result
                if wait > self.max_wait:
                    detail = f"{result.detail}; asked to wait {wait:.0f} s"
                    return UrlResult(url, result.state, result.status, detail, url, time.time())
                hosts.back_off(host, wait)
        return result

    def _once(self, url: str) -> tuple[UrlResult, float | None]:
        """Fetch once; the second value is the wait before a retry, or None for "done"."""
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
        now = time.time()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status = int(response.status)
                return UrlResult(
                    url, classify(status, None), status, f"HTTP {status}", response.geturl(), now
                ), None
        except urllib.error.HTTPError as exc:
            status, headers = exc.code, exc.headers
            result = UrlResult(
                url, classify(status, headers), status, f"HTTP {status}", exc.geturl() or url, now
            )
            if status in RETRY_STATUSES:
                wait = retry_after_seconds(headers.get("Retry-After") if headers else None, now)
                return result, wait
            return result, None
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return UrlResult(url, "broken", None, f"no answer: {reason}", url, now), None


def check_external_links(
    links: Iterable[ExternalLink],
    cache_path: Path,
    *,
    timeout: float = 10.0,
    ttl: float = 7 * DAY,
    fetcher: Fetcher | None = None,
) -> list[Finding]:
    """Fetch every distinct external link and return a finding for each place it is broken."""
    places = list(links)
    cache = LinkCache(cache_path, ttl)
    results = (fetcher or Fetcher(timeout=timeout)).check_all((p.url for p in places), cache)
    cache.save()
    return findings_for(places, results)


def findings_for(places: Iterable[ExternalLink], results: Mapping[str, UrlResult]) -> list[Finding]:
    """Return LNK030 (broken, error) and LNK031 (unknown, warning) findings per link place."""
    findings = []
    for place in places:
        result = results.get(place.url)
        if result is None or result.state == "ok":
            continue
        if result.state == "broken":
            message = f"external link '{place.url}' is broken ({result.detail})"
            fix = "update the link or replace the source"
            findings.append(Finding(place.path, place.line, place.col, "LNK030", message, fix))
        else:
            message = (
                f"external link '{place.url}' could not be verified "
                f"({result.detail}: the site blocks robots)"
            )
            fix = "open it in a browser to confirm"
            findings.append(
                Finding(place.path, place.line, place.col, "LNK031", message, fix, Severity.WARN)
            )
    return findings
