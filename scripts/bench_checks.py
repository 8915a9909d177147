"""Time check_links and check_content on the real guide and on a generated 500-page site.

    python scripts/bench_checks.py [--pages 500] [--runs 3] [--linkchecker PATH]

Builds both sites into a temporary folder (never touching site/), times each check (best and
median of ``--runs``), and, when a LinkChecker executable is given, crawls the same built sites
with it over a server on 127.0.0.1 and compares: time, and which planted defects each tool
found. LinkChecker is not a dependency: install it in a throwaway venv, e.g.
``python3 -m venv /tmp/lc && /tmp/lc/bin/pip install linkchecker``.

The generated site plants defects with unique tokens (broken links, missing anchors, missing
images, undiallable numbers, a third-party tracking pixel, orphan pages), so "found" means the
tool's report names the token.
"""

from __future__ import annotations

import argparse
import csv
import functools
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

from pocketguide.validators.config import CheckConfig
from pocketguide.validators.content import check_content
from pocketguide.validators.links import check_links

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

PROJECT = Path(__file__).resolve().parents[1]
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
TOPICS = 10
SOURCES = 20
# Planted defects: kind -> page numbers that get one (tokens carry the page number).
DEFECTS = {
    "broken link": range(10, 15),
    "missing anchor": range(20, 25),
    "missing image": range(30, 33),
    "bad phone number": range(40, 42),
    "third-party pixel": range(50, 52),
}
ORPHANS = 3


def token(kind: str, number: int) -> str:
    """Return the unique text a report must contain to count a planted defect as found."""
    return {
        "broken link": f"nowhere-{number}",
        "missing anchor": f"noanchor-{number}",
        "missing image": f"nochart-{number}",
        "bad phone number": f"0800555{number:03d}",
        "third-party pixel": f"pixel-{number}",
        "orphan page": f"orphan-{number}",
    }[kind]


def _page_path(number: int, pages: int) -> str:
    if number > pages - ORPHANS:
        return f"orphan-{number}.md"
    return f"topic-{number % TOPICS:02d}/page-{number:03d}.md"


def _page_text(number: int, pages: int) -> str:
    here = _page_path(number, pages)
    up = "../" * here.count("/")
    linked = pages - ORPHANS
    nxt = _page_path(number % linked + 1, pages)
    other = _page_path((number * 7) % linked + 1, pages)
    lines = [
        "---",
        f"title: Topic page {number}",
        f"description: Generated page {number} for the check benchmark.",
        "last_reviewed: 2026-11-01",
        "next_review: 2027-11-01",
        "---",
        "",
        f"# Topic page {number}",
        "",
        f"Ketamine can make you feel far away from your body [@src-{number % SOURCES}].",
        "Sit down somewhere safe. Stay with a friend you trust.",
        "",
        f"Next: [page {number % linked + 1}]({up}{nxt}). "
        f"See also [section 2 of another page]({up}{other}#section-2).",
        "",
        f"![Diagram of the recovery position]({up}img/diagram.png)",
        "",
        "[Call 112](tel:112) in an emergency. More: [WHO](https://www.who.int/).",
    ]
    for section in (1, 2, 3):
        lines += [
            "",
            f"## Section {section}",
            "",
            "- Drink small sips of water.",
            "- Do not mix with alcohol.",
            "- Tell someone what you took.",
            "",
            "If someone does not wake up, put them on their side and call for help.",
        ]
    lines += ["", *_defects(number, up)]
    return "\n".join(lines) + "\n"


def _defects(number: int, up: str) -> list[str]:
    planted = []
    if number in DEFECTS["broken link"]:
        planted.append(f"Old link: [gone]({up}{token('broken link', number)}.md).")
    if number in DEFECTS["missing anchor"]:
        planted.append(f"See [here](#{token('missing anchor', number)}).")
    if number in DEFECTS["missing image"]:
        planted.append(f"![Chart]({up}img/{token('missing image', number)}.png)")
    if number in DEFECTS["bad phone number"]:
        digits = token("bad phone number", number)
        planted.append(f"[Call {digits}](tel:{digits})")
    if number in DEFECTS["third-party pixel"]:
        pixel = token("third-party pixel", number)
        planted.append(f'<img alt="" src="https://tracker.example/{pixel}.gif">')
    return planted


def generate_site(root: Path, pages: int) -> Path:
    """Write a ``pages``-page guide (docs/ and mkdocs.yml) under ``root``; return the config."""
    docs = root / "docs"
    (docs / "img").mkdir(parents=True)
    (docs / "assets").mkdir()
    shutil.copy(PROJECT / "docs" / "assets" / "icon.png", docs / "assets" / "icon.png")
    shutil.copy(PROJECT / "docs" / "assets" / "icon.png", docs / "img" / "diagram.png")
    for number in range(1, pages + 1):
        path = docs / _page_path(number, pages)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_page_text(number, pages), encoding="utf-8")
    front = (
        "---\ntitle: {t}\ndescription: {t}.\nlast_reviewed: 2026-11-01\n"
        "next_review: 2027-11-01\n---\n\n# {t}\n"
    )
    (docs / "index.md").write_text(
        front.format(t="Generated guide") + "\n[Start here](topic-01/page-001.md).\n"
    )
    (docs / "emergency.md").write_text(
        front.format(t="Emergency") + "\nCall [112](tel:112) [@src-0].\n"
    )
    registry = [
        f"- id: src-{i}\n  title: Source {i}\n  publisher: Example Health\n  kind: service\n"
        "  year: 2025\n"
        f"  url: https://example.org/source-{i}\n  accessed: 2026-11-01\n"
        for i in range(SOURCES)
    ]
    (docs / "sources.yml").write_text("".join(registry))
    nav = ["  - Home: index.md", "  - Emergency: emergency.md"]
    nav += [f"  - Page {n}: {_page_path(n, pages)}" for n in range(1, pages - ORPHANS + 1)]
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Generated guide\nsite_url: https://example.org/guide/\n"
        "theme:\n  name: material\n  font: false\n"
        "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - toc:\n      permalink: true\n"
        "plugins:\n  - search\n  - pocketguide/content\n"
        "  - pocketguide/pwa:\n      icon: docs/assets/icon.png\n"
        "nav:\n" + "\n".join(nav) + "\n"
    )
    return config


def mkdocs_build(config: Path, site: Path) -> float:
    """Build ``config`` into ``site`` (not strict: the generated site has planted defects)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        env={**os.environ, **QUIET},
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def timed(action: Callable[[], object], runs: int) -> tuple[float, float, object]:
    """Return the best and median seconds of ``runs`` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        del format, args


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """Say nothing when a crawler hangs up mid-response."""
        del request, client_address


@functools.cache
def _anchor_rc() -> Path:
    rc = Path(tempfile.mkdtemp(prefix="lc-rc-")) / "linkcheckerrc"
    rc.write_text("[AnchorCheck]\n")
    rc.parent.chmod(0o755)
    rc.chmod(0o644)
    return rc


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 with an ephemeral port while the generator is open."""
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def run_linkchecker(
    executable: str, site: Path, *, anchors: bool, timeout: float
) -> tuple[float, str, int | None]:
    """Crawl the served site; return seconds, the failing URLs, and their count.

    The count is None when LinkChecker did not finish within ``timeout`` seconds.
    """
    with serve(site) as url:
        return _crawl(executable, url, anchors=anchors, timeout=timeout)


def _crawl(
    executable: str, url: str, *, anchors: bool, timeout: float
) -> tuple[float, str, int | None]:
    command = [executable, "--no-status", "--no-warnings", "-o", "csv", url]
    if anchors:
        command[1:1] = ["-f", str(_anchor_rc())]
        command.remove("--no-warnings")  # AnchorCheck reports missing anchors as warnings
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, "", None
    seconds = time.perf_counter() - start
    rows = [
        row
        for row in csv.DictReader(io.StringIO(_csv_body(done.stdout)), delimiter=";")
        if row.get("valid") == "False"
        or (anchors and "anchor" in (row.get("warningstring") or "").lower())
    ]
    report = "\n".join(";".join(str(v) for v in row.values()) for row in rows)
    return seconds, report, len(rows)


def _csv_body(text: str) -> str:
    """Drop LinkChecker's ``# ...`` comment lines; a URL like ``#anchor`` is data."""
    return "\n".join(line for line in text.splitlines() if line and not line.startswith("# "))


def found_tokens(report: str, pages: int) -> dict[str, str]:
    """Return, per defect kind, ``found/planted`` for a tool's report text."""
    kinds = {kind: list(numbers) for kind, numbers in DEFECTS.items()}
    kinds["orphan page"] = list(range(pages - ORPHANS + 1, pages + 1))
    return {
        kind: f"{sum(token(kind, n) in report for n in numbers)}/{len(numbers)}"
        for kind, numbers in kinds.items()
    }


def bench(name: str, config: Path, site: Path, args: argparse.Namespace, pages: int | None) -> None:
    """Build one site, time both checks, and compare with LinkChecker when asked."""
    build = mkdocs_build(config, site)
    docs = config.parent / "docs"
    checks = CheckConfig()
    link_best, link_median, link_report = timed(
        lambda: check_links(site, docs, config, checks), args.runs
    )
    content_best, content_median, content_report = timed(
        lambda: check_content(docs, checks, today=date(2026, 11, 22)), args.runs
    )
    links = link_report.findings  # type: ignore[attr-defined]
    html_pages = link_report.pages  # type: ignore[attr-defined]
    print(f"\n== {name}: {html_pages} HTML pages (mkdocs build {build:.1f} s)")
    print(
        f"check_links   best {link_best:.2f} s, median {link_median:.2f} s, {len(links)} findings"
    )
    content = content_report.findings  # type: ignore[attr-defined]
    print(
        f"check_content best {content_best:.2f} s, median {content_median:.2f} s, "
        f"{len(content)} findings"
    )
    ours = "\n".join(f.format() for f in links)
    if pages:
        print(f"check_links found: {found_tokens(ours, pages)}")
    if not args.linkchecker:
        return
    for anchors in (False, True):
        seconds, report, failures = run_linkchecker(
            args.linkchecker, site, anchors=anchors, timeout=args.timeout
        )
        label = "LinkChecker + AnchorCheck" if anchors else "LinkChecker (defaults)"
        if failures is None:
            print(f"{label}: did not finish within {args.timeout:.0f} s")
            continue
        print(f"{label}: {seconds:.2f} s, {failures} failing URLs")
        if pages:
            print(f"  found: {found_tokens(report, pages)}")
        else:
            for line in report.splitlines()[:20]:
                print(f"  {line[:160]}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=500, help="pages in the generated site")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per check")
    parser.add_argument("--linkchecker", help="path of a linkchecker executable to compare")
    parser.add_argument(
        "--timeout", type=float, default=300, help="seconds before a LinkChecker run is stopped"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-checks-") as folder:
        work = Path(folder)
        work.chmod(0o755)  # LinkChecker drops root privileges to 'nobody'
        bench("real guide", PROJECT / "mkdocs.yml", work / "real-site", args, None)
        config = generate_site(work / "generated", args.pages)
        bench(
            f"generated {args.pages}-page site", config, work / "generated-site", args, args.pages
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
