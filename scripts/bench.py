"""``make bench``: what the guide costs a phone, beside stock Material on the same docs.

Prints (1) build time with and without our plugins, (2) install size (precached files, gzip
bytes, and bytes Chromium downloads from the first visit until the guide is saved offline),
(3) time to offline-ready on an emulated slow 4G link; (3b) the same with and without the
one-file edition kept offline (fetched after the first save), and the bytes it costs a phone,
(4) bytes of an update after a one-page edit, (5) Lighthouse mobile scores (median of three,
then each run's performance score) on the home page and an inner page, (6) how long a first
search takes on a slow phone (4x CPU slowdown): from "/" to the first result, (7) how often
search puts a right page in the first three results for the everyday queries of
``tests/search/queries.yml``, and the size of the search index, (8) build time and install
size at about 600 pages (the guide's pages copied until there are 600; no explicit nav, and
no one-file edition, which is meant for a small guide).

"Stock" is the same docs built with a temporary ``mkdocs.yml`` that has no ``pocketguide/*``
plugins (so none of their templates, styles or scripts). Not a test: numbers vary by machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from mkdocs.utils.yaml import yaml_load

from pocketguide import buildinfo, searchscore
from pocketguide.content import swdata
from pocketguide.devserver import Server, Site
from pocketguide.plugins.pwa import precache

if TYPE_CHECKING:
    from collections.abc import Iterator

PROJECT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SLOW_4G = (1_600_000 / 8, 0.150)  # bytes per second down, round trip in seconds
INNER_PAGE = "mixing/"
EDITED_PAGE = "docs/mixing.md"
LIGHTHOUSE_DIR = Path(tempfile.gettempdir()) / "pocketguide-lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SAVED = "document.documentElement.dataset.pgOffline === 'saved'"
KEPT = "document.documentElement.dataset.pgSend === 'ready'"
EDITION = "pocketguide.html"
EDITION_KEPT = "      precache_later:\n        - pocketguide.html\n"
SEARCH_WORD = "bladder"
SEARCH_QUERIES = PROJECT / "tests" / "search" / "queries.yml"
SEARCH_INDEX = "search/search_index.json"
CPU_SLOWDOWN = 4  # Lighthouse's mobile setting
HELD_FRAME_MS = 500


def wait_saved(page: Any, timeout: float = 120.0, state: str = SAVED) -> None:
    """Poll until the guide says it is saved offline (or ``state`` holds). (``wait_for_function``
    evaluates its predicate with ``eval`` in the page, which the guide's CSP rightly blocks.)"""
    from playwright.sync_api import Error  # noqa: PLC0415 (bench-only dependency)

    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            if page.evaluate(state):
                return
        except Error:  # the page is navigating (reload after an update)
            pass
        time.sleep(0.05)
    sys.exit("bench: the guide was not saved offline in time")


class SharedLink:
    """A slow link shared by every request, like a phone's radio: each response waits one
    round trip, then takes its turn on the link for ``size / bytes_per_second`` seconds.

    (A per-request sleep would give every parallel download the full bandwidth.)
    """

    def __init__(self, bytes_per_second: float, round_trip: float) -> None:
        self.bytes_per_second = bytes_per_second
        self.round_trip = round_trip
        self.lock = threading.Lock()

    def wait_for(self, size: int) -> None:
        """Delay one response of ``size`` bytes."""
        time.sleep(self.round_trip)
        with self.lock:
            time.sleep(size / self.bytes_per_second)


@dataclass
class Variant:
    """One way of building the same docs: ours, or stock Material."""

    name: str
    root: Path
    build_seconds: float = 0.0

    @property
    def site(self) -> Path:
        """The built site."""
        return self.root / "site"


def copy_sources(target: Path, source: Path = PROJECT) -> Path:
    """Copy what a build reads (from the project, or an earlier copy) into ``target``."""
    target.mkdir(parents=True)
    shutil.copy2(source / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs",):
        shutil.copytree(source / folder, target / folder)
    return target


def stock_config(config: dict[str, Any]) -> dict[str, Any]:
    """Return ``mkdocs.yml`` without our plugins (they bring their templates, CSS and JS)."""
    stock = dict(config)
    plugins = []
    for item in config.get("plugins", []):
        name = item if isinstance(item, str) else next(iter(item))
        if not name.startswith("pocketguide/"):
            plugins.append(item)
    stock["plugins"] = plugins
    stock["theme"] = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    stock["theme"].pop("favicon", None)
    for key in ("extra_css", "extra_javascript"):
        stock.pop(key, None)
    stock["strict"] = False
    return stock


def build(root: Path, *, strict: bool = True) -> float:
    """Build ``root/mkdocs.yml`` into ``root/site``; return the seconds it took."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"]
    if strict:
        command.append("--strict")
    started = time.perf_counter()
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"bench: build in {root} failed:\n{result.stderr[-3000:]}")
    return seconds


def prepare(work: Path) -> tuple[Variant, Variant]:
    """Copy the project twice and build it as ours and as stock Material."""
    ours = Variant("ours", copy_sources(work / "ours"))
    stock = Variant("stock", copy_sources(work / "stock", ours.root))
    with (ours.root / "mkdocs.yml").open(encoding="utf-8") as handle:
        config = yaml_load(handle)
    (stock.root / "mkdocs.yml").write_text(
        yaml.safe_dump(stock_config(config), sort_keys=False), encoding="utf-8"
    )
    for variant in (ours, stock):
        runs = [build(variant.root, strict=variant is ours) for _ in range(3)]
        variant.build_seconds = statistics.median(runs)
    return ours, stock


SCALE_PAGES = 600


def scaled(variant: Variant, work: Path, pages: int = SCALE_PAGES) -> Variant:
    """A copy of ``variant`` with its pages copied (``x01-effects.md``…) until the site has at
    least ``pages`` pages, no explicit nav and no one-file edition; built non-strict, because a
    large site may warn (a search index left out of the offline copy, say) and the bench
    reports sizes, not checks."""
    copy = Variant(variant.name, copy_sources(work / f"{variant.name}-{pages}", variant.root))
    docs = copy.root / "docs"
    originals = sorted(docs.glob("*.md"))
    total, round_ = len(originals), 0
    while total < pages:
        round_ += 1
        for page in originals:
            if total >= pages:
                break
            shutil.copy2(page, docs / f"x{round_:02d}-{page.name}")
            total += 1
    with (copy.root / "mkdocs.yml").open(encoding="utf-8") as handle:
        config = yaml_load(handle)
    config.pop("nav", None)
    config["plugins"] = [
        item
        for item in config.get("plugins", [])
        if (item if isinstance(item, str) else next(iter(item))) != "pocketguide/edition"
    ]
    (copy.root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    copy.build_seconds = statistics.median(build(copy.root, strict=False) for _ in range(3))
    return copy


def report_scale(ours: Variant, stock: Variant, work: Path) -> None:
    """Print (8): build time and install size of both variants at about 600 pages."""
    big = {v.name: scaled(v, work) for v in (ours, stock)}
    pages = sum(1 for _ in big["ours"].site.rglob("index.html"))
    print(f"(8) {SCALE_PAGES} pages (the guide's pages copied; {pages} index.html files)")
    row(
        "build time (median of 3)",
        f"{big['ours'].build_seconds:.2f} s",
        f"{big['stock'].build_seconds:.2f} s",
    )
    files = {name: precache_size(v.site) for name, v in big.items()}
    row("files saved offline (stock: every file)", str(files["ours"][0]), str(files["stock"][0]))
    row("their size gzipped, as downloaded", kib(files["ours"][2]), kib(files["stock"][2]))
    index = {name: v.site / SEARCH_INDEX for name, v in big.items()}
    row(
        "search index gzipped",
        kib(gzip_bytes(index["ours"])),
        kib(gzip_bytes(index["stock"])),
    )


def gzip_bytes(path: Path) -> int:
    """Return the size of a file gzipped like the server does."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def report_languages(ours: Variant) -> None:
    """Print (2)'s rows for each language other than the default (its own offline copy)."""
    for folder, worker in buildinfo.language_workers(buildinfo.read(ours.site)):
        count, raw, packed = precache_size(ours.site, worker)
        row(f"{folder}: files saved offline", str(count), "")
        row(f"{folder}: their size (gzipped, as downloaded)", f"{kib(raw)} ({kib(packed)})", "")
        row(
            f"{folder}: downloaded from its home page until saved",
            kib(first_visit(ours.site, None, folder)[0]),
            "",
        )


def precache_size(site: Path, worker: str = swdata.SW_NAME) -> tuple[int, int, int]:
    """Return (files, raw bytes, gzip bytes to download) of what ``sw.js`` (or a language's,
    ``es/sw.js``) precaches (pages as one pack of chunks, the rest file by file); for a site
    without one, of every file it has, each gzipped (the cost of saving all of stock Material
    offline)."""
    sw = site / worker
    if sw.is_file():
        build = swdata.read_build(sw.read_text("utf-8"))
        paths = [site / str(e["url"]) for e in swdata.read_precache(sw.read_text("utf-8"))]
        download = precache.download_size(build, precache.read_site(site))
        return len(paths), sum(p.stat().st_size for p in paths), download
    paths = [p for p in site.rglob("*") if p.is_file()]
    return len(paths), sum(p.stat().st_size for p in paths), sum(gzip_bytes(p) for p in paths)


@contextmanager
def fresh_phone(site: Path, throttle: SharedLink | None = None) -> Iterator[tuple[Server, Any]]:
    """Serve ``site`` at ``/`` and open a page in a fresh Chromium profile (nothing cached, no
    worker); yield (server, page). The context closes on exit."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (bench-only dependency)

    with (
        Server(Site(root=site, base_path="/", throttle=throttle)) as server,  # type: ignore[arg-type]
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile,
    ):
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, service_workers="allow"
        )
        try:
            yield server, context.new_page()
        finally:
            context.close()


def first_visit(site: Path, throttle: SharedLink | None, folder: str = "") -> tuple[int, float]:
    """Open the home page (of the language in ``folder``, ``es/``) in a fresh Chromium profile;
    return (bytes served, seconds) until the guide says it is saved offline (or, without a
    service worker, until ``load``)."""
    with fresh_phone(site, throttle) as (server, page):
        started = time.perf_counter()
        page.goto(server.url + folder)
        offline = (site / folder / swdata.SW_NAME).is_file()
        if offline:
            wait_saved(page)
        seconds = time.perf_counter() - started
        # The moment the guide is saved: what comes after (the one-file edition kept for
        # later) is (3b)'s figure. Without a worker, late requests (icons) land in the count.
        sent = server.site.sent_bytes
        time.sleep(0.5)
        return (sent if offline else server.site.sent_bytes), seconds


def time_to_kept(site: Path, throttle: SharedLink) -> tuple[float, float, int]:
    """Open the home page in a fresh profile on ``throttle``; return the seconds until the guide
    is saved offline, until the one-file edition kept for later is saved too, and the bytes
    served by then."""
    with fresh_phone(site, throttle) as (server, page):
        started = time.perf_counter()
        page.goto(server.url)
        wait_saved(page)
        saved = time.perf_counter() - started
        wait_saved(page, state=KEPT)
        kept = time.perf_counter() - started
        return saved, kept, server.site.sent_bytes


def without_edition_kept(ours: Variant, work: Path) -> Variant:
    """The same guide built with the one-file edition left out of the offline copy."""
    plain = Variant("no-edition", copy_sources(work / "no-edition", ours.root))
    config = plain.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if text.count(EDITION_KEPT) != 1:
        sys.exit(f"bench: mkdocs.yml no longer keeps {EDITION} with precache_later")
    config.write_text(
        text.replace(EDITION_KEPT, "").replace(
            "      precache_exclude:\n", f"      precache_exclude:\n        - {EDITION}\n", 1
        ),
        encoding="utf-8",
    )
    build(plain.root)
    return plain


def report_edition_kept(ours: Variant, work: Path, runs: int = 3) -> None:
    """Print (3b): time to offline-ready with and without the edition kept, and its bytes."""
    plain = without_edition_kept(ours, work)
    print("(3b) the one-file edition kept offline, to pass on (slow 4G as in (3))")
    with_edition = [time_to_kept(ours.site, SharedLink(*SLOW_4G)) for _ in range(runs)]
    without = [first_visit(plain.site, SharedLink(*SLOW_4G))[1] for _ in range(runs)]
    saved = statistics.median(run[0] for run in with_edition)
    kept = statistics.median(run[1] for run in with_edition)
    row("offline-ready, edition kept (median of 3)", f"{saved:.2f} s", "")
    row("  ...and the edition ready to send", f"{kept:.2f} s", "")
    row("offline-ready, edition not kept (median of 3)", f"{statistics.median(without):.2f} s", "")
    edition = ours.site / EDITION
    row(
        "extra bytes: downloaded gzipped / stored",
        f"{kib(gzip_bytes(edition))} / {kib(edition.stat().st_size)}",
        "",
    )
    sent = statistics.median(run[2] for run in with_edition)
    print(f"  served until the edition was saved too: {kib(sent)} (median of {runs})")


def update_bytes(ours: Variant, work: Path) -> tuple[int, list[str]]:
    """Edit one page, build v2, and count the bytes a phone on v1 downloads to update.

    Returns (bytes served from the switch to v2 until saved again, precached files changed).
    """
    # From the copy v1 was built from: the project may have changed since.
    v2 = Variant("v2", copy_sources(work / "v2", ours.root))
    page_file = v2.root / EDITED_PAGE
    page_file.write_text(
        page_file.read_text(encoding="utf-8") + "\nThis sentence is new in version 2.\n",
        encoding="utf-8",
    )
    build(v2.root)
    kept = bool(swdata.read_build((v2.site / swdata.SW_NAME).read_text("utf-8")).get("later"))
    changed = sorted(
        str(entry["url"])
        for entry in swdata.read_precache((v2.site / swdata.SW_NAME).read_text("utf-8"))
        if not (ours.site / str(entry["url"])).is_file()
        or (ours.site / str(entry["url"])).read_bytes()
        != (v2.site / str(entry["url"])).read_bytes()
    )
    with fresh_phone(ours.site) as (server, page):
        page.goto(server.url)
        # v1 whole, the one-file edition kept for later included: a phone that has had the
        # guide for a while holds both, and only then does an update start.
        wait_saved(page)
        if kept:
            wait_saved(page, state=KEPT)
        server.site.reset()
        server.site.root = v2.site
        page.reload()
        button = page.locator(".pg-update button")
        button.wait_for(timeout=60_000)
        with page.expect_event("load", timeout=60_000):
            button.click()
        wait_saved(page)
        if kept:
            wait_saved(page, state=KEPT)
        time.sleep(0.5)
        return server.site.sent_bytes, changed


def first_search(site: Path) -> float:
    """Open the inner page on a slowed CPU, wait until it is idle, then press "/" and type a
    word; return the seconds until the first result shows (the search index is loaded and
    built only then in ours, at page load in stock Material)."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (bench-only dependency)

    with Server(Site(root=site, base_path="/")) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True)
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(server.url + INNER_PAGE, wait_until="load")
        time.sleep(2)  # stock Material builds its index after load: let it finish
        started = time.perf_counter()
        page.keyboard.press("/")
        page.keyboard.type(SEARCH_WORD)
        page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=60_000)
        seconds = time.perf_counter() - started
        browser.close()
        return seconds


def search_hits(site: Path) -> tuple[float, list[str]]:
    """Run every query of tests/search/queries.yml in the site's search box (a phone-sized
    window); return the top-3 hit rate and one line per miss."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (bench-only dependency)

    queries = searchscore.load_queries(SEARCH_QUERIES)
    with Server(Site(root=site, base_path="/")) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(server.url + INNER_PAGE, wait_until="load")
        outcomes = searchscore.run_queries(page, queries, server.url)
        browser.close()
    return searchscore.hit_rate(outcomes), searchscore.report(outcomes)


def lighthouse_ready() -> Path:
    """Install Lighthouse (pinned in scripts/lighthouse/package.json) into a throwaway folder."""
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    package = PROJECT / "scripts" / "lighthouse" / "package.json"
    installed = LIGHTHOUSE_DIR / "package.json"
    if binary.exists() and installed.read_bytes() == package.read_bytes():
        return binary
    LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
    shutil.copy2(package, installed)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=LIGHTHOUSE_DIR,
        check=True,
    )
    return binary


@dataclass
class LighthouseRun:
    """One Lighthouse run: the four category scores (0-100) and when Chromium painted."""

    scores: dict[str, int]
    first_paint_ms: float  # the first frame Chromium actually drew (not Lighthouse's estimate)
    load_ms: float

    @property
    def held(self) -> bool:
        """True when the first frame came long after ``load``. On this page that is headless
        Chromium holding frames back (the README explains it under "Commands"), not work the
        page did."""
        return self.first_paint_ms > self.load_ms + HELD_FRAME_MS


def lighthouse(binary: Path, url: str, out: Path) -> LighthouseRun:
    """Run Lighthouse (mobile, its default) once."""
    flags = " ".join(CHROMIUM_ARGS)
    subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={flags}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        check=True,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    observed = report["audits"]["metrics"]["details"]["items"][0]
    start = observed["observedNavigationStart"]
    return LighthouseRun(
        scores={name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        first_paint_ms=observed["observedFirstPaint"] - start,
        load_ms=observed["observedLoad"] - start,
    )


def lighthouse_runs(binary: Path, site: Path, work: Path) -> dict[str, list[LighthouseRun]]:
    """Three Lighthouse runs each on the home page and an inner page."""
    results = {}
    with Server(Site(root=site, base_path="/")) as server:
        for label, path in (("home", ""), ("inner", INNER_PAGE)):
            results[label] = [
                lighthouse(binary, server.url + path, work / f"lh-{i}.json") for i in range(3)
            ]
    return results


def run_list(runs: list[LighthouseRun]) -> str:
    """Each run's performance score; a held first frame is marked with its time."""
    return ", ".join(
        f"{run.scores['performance']}"
        + (f" (first frame at {run.first_paint_ms / 1000:.1f} s)" if run.held else "")
        for run in runs
    )


def kib(size: float) -> str:
    """Format bytes as KiB."""
    return f"{size / 1024:.1f} KiB"


def row(label: str, ours: str, stock: str) -> None:
    """Print one line of the report."""
    print(f"  {label:<44} {ours:>22} {stock:>22}")


def report_search(ours: Variant, stock: Variant) -> None:
    """Print (7): the top-3 hit rate of ours and stock Material, the index sizes, the misses."""
    queries = len(searchscore.load_queries(SEARCH_QUERIES))
    print(f"(7) search: {queries} everyday queries ({SEARCH_QUERIES.relative_to(PROJECT)})")
    hits = {v.name: search_hits(v.site) for v in (ours, stock)}
    row("a right page in the first three", f"{hits['ours'][0]:.1%}", f"{hits['stock'][0]:.1%}")
    index = {v.name: v.site / SEARCH_INDEX for v in (ours, stock)}
    row(
        "search index (gzipped)",
        f"{kib(index['ours'].stat().st_size)} ({kib(gzip_bytes(index['ours']))})",
        f"{kib(index['stock'].stat().st_size)} ({kib(gzip_bytes(index['stock']))})",
    )
    for name in ("ours", "stock"):
        for line in hits[name][1]:
            print(f"  {name} {line}")


def main(argv: list[str] | None = None) -> int:
    """Build both variants, measure, and print the report."""
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__)
    parser.add_argument("--no-lighthouse", action="store_true", help="skip (5), the slowest")
    parser.add_argument("--search-only", action="store_true", help="build, then only (7)")
    parser.add_argument("--send-only", action="store_true", help="build ours, then only (3b)")
    parser.add_argument("--scale-only", action="store_true", help="build, then only (8)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pocketguide-bench-") as tmp:
        work = Path(tmp)
        if args.send_only:
            ours = Variant("ours", copy_sources(work / "ours"))
            ours.build_seconds = build(ours.root)
            report_edition_kept(ours, work)
            return 0
        ours, stock = prepare(work)
        print(f"{'':46} {'Pocket Guide':>22} {'stock Material':>22}")
        if args.search_only:
            report_search(ours, stock)
            return 0
        if args.scale_only:
            report_scale(ours, stock, work)
            return 0
        print("(1) build")
        row(
            "build time (median of 3)",
            f"{ours.build_seconds:.2f} s",
            f"{stock.build_seconds:.2f} s",
        )
        print("(2) install size")
        files = {v.name: precache_size(v.site) for v in (ours, stock)}
        row(
            "files saved offline (stock: every file)",
            str(files["ours"][0]),
            str(files["stock"][0]),
        )
        row("their size", kib(files["ours"][1]), kib(files["stock"][1]))
        row("their size gzipped, as downloaded", kib(files["ours"][2]), kib(files["stock"][2]))
        visit = {v.name: first_visit(v.site, None) for v in (ours, stock)}
        row(
            "downloaded in Chromium until saved offline",
            kib(visit["ours"][0]),
            kib(visit["stock"][0]) + " (page only)",
        )
        report_languages(ours)
        print("(3) slow 4G (1.6 Mbit/s, 150 ms round trip, at the server)")
        slow = {
            v.name: statistics.median(
                first_visit(v.site, SharedLink(*SLOW_4G))[1] for _ in range(3)
            )
            for v in (ours, stock)
        }
        row(
            "first visit until saved offline (median of 3)",
            f"{slow['ours']:.2f} s",
            f"never (page loaded in {slow['stock']:.2f} s)",
        )
        report_edition_kept(ours, work)
        print(f"(4) update after editing {EDITED_PAGE}")
        sent, changed = update_bytes(ours, work)
        share = 100 * sent / visit["ours"][0]
        row(
            "downloaded by a phone on v1",
            f"{kib(sent)} ({share:.0f}%)",
            "n/a (no offline)",
        )
        print(f"  precached files changed: {', '.join(changed)}")
        if not args.no_lighthouse:
            print("(5) Lighthouse mobile, median of 3 (perf / a11y / best practices / SEO)")
            binary = lighthouse_ready()
            runs = {v.name: lighthouse_runs(binary, v.site, work) for v in (ours, stock)}
            for label in ("home", "inner"):
                cells = {
                    name: " / ".join(
                        f"{statistics.median(run.scores[c] for run in runs[name][label]):.0f}"
                        for c in CATEGORIES
                    )
                    for name in runs
                }
                row(f"{label} page", cells["ours"], cells["stock"])
            for name in runs:
                print(
                    f"  performance, each run ({name}): home {run_list(runs[name]['home'])};"
                    f" inner {run_list(runs[name]['inner'])}"
                )
        print(f'(6) first search on a slow phone ({CPU_SLOWDOWN}x CPU): "/", "{SEARCH_WORD}"')
        searched = {
            v.name: statistics.median(first_search(v.site) for _ in range(3)) for v in (ours, stock)
        }
        row(
            "until the first result shows (median of 3)",
            f"{searched['ours']:.2f} s",
            f"{searched['stock']:.2f} s",
        )
        report_search(ours, stock)
        report_scale(ours, stock, work)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
