"""A bounded hostile-input pass over the readers the build trusts: ``make fuzz`` (not a test).

    python scripts/fuzz.py [--seconds 240] [--memory-mb 1500] [--examples 1500] [--seed 0]

Hypothesis builds inputs from hostile pieces (nested brackets, deep lists and quotes, NUL and
stray bytes, YAML anchors and aliases, unclosed tags, broken IPv6 URLs, raw scripts…) mixed
with ordinary text, and checks four targets, each in its own process with a memory limit
(``RLIMIT_AS``) and a CPU limit, stopped at its share of ``--seconds`` if it runs over:

- ``markdown``: the content check of a page never raises, and its cheap scans refuse every
  slow shape (a page stopped by ``page_seconds`` is a failure: a shape the scans miss); a
  page it lets through renders with the guide's Markdown extensions within 10 s;
- ``front-matter`` and ``registry``: the YAML readers never raise and their messages stay
  short (an alias bomb once made a 3 GB message);
- ``html``: ``check_links`` on a built page never raises.

It prints, per target, the examples tried, how often each hostile piece was used, the codes
of the findings they got, the slowest example, and every failure with its input. Exit status
1 when anything failed or a target was stopped by a limit.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

TARGETS = ("markdown", "front-matter", "registry", "html")
MARKDOWN_EXTENSIONS = [
    *("abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc"),
    *("pymdownx.details", "pymdownx.superfences", "pymdownx.tasklist"),
]
RENDER_SECONDS = 10.0
MAX_MESSAGE = 2000
FRONT_MATTER = (
    "---\ntitle: T\ndescription: D.\nlast_reviewed: 2026-11-01\nnext_review: 2027-11-01\n---\n"
)


def pieces() -> dict[str, Callable[[int], str]]:
    """Named hostile pieces of text, each made from one size ``n``."""
    return {
        "nested-brackets": lambda n: "[" * n + "x" + "]" * n,
        "open-brackets": lambda n: "[" * n,
        "nested-parens-link": lambda n: "[a](" + "(" * n + "x" + ")" * n + ")",
        "deep-list": lambda n: "".join("    " * i + "- item\n" for i in range(min(n, 400))),
        "deep-quote": lambda n: "> " * n + "quoted\n",
        "emphasis-run": lambda n: "*_" * n + "x",
        "backtick-run": lambda n: "`" * n + "x",
        "nul": lambda n: "a\x00b" * (n % 5 + 1),
        "broken-ipv6": lambda n: f"[svc](http://[::{n}) and <http://[fe80::{n}>",
        "raw-script": lambda n: f"<script>alert({n})</script><iframe srcdoc='<script>x</script>'>",
        "raw-style": lambda n: (
            f"<style>.md-content{{display:none}}</style><p style='x' onclick='{n}'>"
        ),
        "unclosed-divs": lambda n: "<div>" * n,
        "html-comment": lambda n: "<!-- " * n + "-->",
        "yaml-alias": lambda n: f"&a{n} [x, x]\n*a{n}\n<<: *a{n}",
        "citation-noise": lambda n: "[@" * n + "id]",
        "long-line": lambda n: "word " * (n * 10),
        "javascript-link": lambda n: f"[x](javascript:alert({n})) [y]: vbscript:x",
    }


def strategy(st: Any) -> Any:
    """Return a strategy of ``(text, kinds used)``: hostile pieces joined with plain text."""
    named = pieces()
    # Small sizes, sizes around the limits (16, 512) and large ones.
    sizes = st.one_of(st.integers(1, 40), st.sampled_from([16, 17, 512, 513]), st.integers(1, 6000))
    piece = st.tuples(st.sampled_from(sorted(named)), sizes).map(
        lambda kn: (kn[0], named[kn[0]](kn[1]))
    )
    plain = st.text(alphabet=st.characters(codec="utf-8"), max_size=200).map(lambda t: ("", t))
    glue = st.sampled_from(["", "\n", "\n\n", "    ", ": ", "- "]).map(lambda t: ("", t))
    parts = st.lists(st.one_of(piece, plain, glue), min_size=1, max_size=8)
    return parts.map(lambda ps: ("".join(t for _, t in ps), [k for k, _ in ps if k]))


class Run:
    """What one target tried: counts, pieces used, the slowest example, failures."""

    def __init__(self, target: str) -> None:
        self.target = target
        self.tried = 0
        self.kinds: Counter[str] = Counter()
        self.codes: Counter[str] = Counter()
        self.slowest = (0.0, "")
        self.failures: list[str] = []
        self.started = time.monotonic()

    def example(self, kinds: list[str], codes: list[str], seconds: float) -> None:
        self.tried += 1
        self.codes.update(codes)
        self.kinds.update(set(kinds))
        if seconds > self.slowest[0]:
            self.slowest = (seconds, "+".join(sorted(set(kinds))) or "plain text")
        if self.tried % 25 == 0:
            print(json.dumps({"progress": self.tried}), flush=True)

    def report(self) -> dict[str, object]:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return {
            "target": self.target,
            "tried": self.tried,
            "kinds": dict(self.kinds.most_common()),
            "codes": dict(self.codes.most_common()),
            "slowest": [round(self.slowest[0], 2), self.slowest[1]],
            "failures": self.failures,
            "seconds": round(time.monotonic() - self.started, 1),
            "max_rss_mb": usage.ru_maxrss // 1024,
        }


def check_markdown(text: str, folder: Path) -> list[str]:
    """The content check never raises; what it lets through renders in time."""
    import markdown  # noqa: PLC0415 (the worker imports what its target needs)

    from pocketguide.findings import Finding  # noqa: PLC0415
    from pocketguide.validators.config import CheckConfig  # noqa: PLC0415
    from pocketguide.validators.content import check_page  # noqa: PLC0415
    from pocketguide.validators.limits import UNSAFE, PageTimeout, time_limit  # noqa: PLC0415

    page = folder / "page.md"
    page.write_bytes((FRONT_MATTER + text).encode("utf-8", "surrogatepass"))
    checks = CheckConfig(page_seconds=5)
    findings = check_page(page, "page.md", {}, set(), checks=checks, today=date(2026, 12, 1))
    assert all(isinstance(f, Finding) and f.line >= 0 for f in findings)
    assert all(len(f.message) < MAX_MESSAGE for f in findings), "a message is not bounded"
    codes = [f.code for f in findings]
    assert "CNT005" not in codes, "stopped by page_seconds: a slow shape the scans miss"
    if any(code in UNSAFE for code in codes):
        return codes
    try:
        with time_limit(RENDER_SECONDS):
            markdown.markdown(FRONT_MATTER + text, extensions=MARKDOWN_EXTENSIONS)
    except PageTimeout:
        msg = f"passed the content check, but rendering took more than {RENDER_SECONDS:g} s"
        raise AssertionError(msg) from None
    return codes


def check_front_matter(text: str, folder: Path) -> list[str]:
    from pocketguide.content.frontmatter import parse_front_matter  # noqa: PLC0415

    del folder
    _, findings = parse_front_matter(FRONT_MATTER[:-4] + text + "\n---\nbody\n", "p.md")
    assert all(len(f.message) < MAX_MESSAGE for f in findings), "a message is not bounded"
    return [f.code for f in findings]


def check_registry(text: str, folder: Path) -> list[str]:
    from pocketguide.content.sources import parse_sources  # noqa: PLC0415

    del folder
    entry = "- id: a\n  title: T\n  publisher: P\n  url: https://x.org/\n  accessed: 2026-01-01\n"
    codes = []
    for registry in (text, entry + "  year: " + text + "\n", entry + "  note:\n    " + text):
        _, findings = parse_sources(registry, "sources.yml")
        assert all(len(f.message) < MAX_MESSAGE for f in findings), "a message is not bounded"
        codes += [f.code for f in findings]
    return codes


def check_html(text: str, folder: Path) -> list[str]:
    from pocketguide.validators.config import CheckConfig  # noqa: PLC0415
    from pocketguide.validators.links import check_links  # noqa: PLC0415

    site = folder / "site"
    (site / "hostile").mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text('<a href="hostile/">x</a>', encoding="utf-8")
    (site / "hostile" / "index.html").write_bytes(text.encode("utf-8", "surrogatepass"))
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    report = check_links(site, folder / "docs", folder / "mkdocs.yml", CheckConfig())
    return [f.code for f in report.findings]


CHECKS: dict[str, Callable[[str, Path], list[str]]] = {
    "markdown": check_markdown,
    "front-matter": check_front_matter,
    "registry": check_registry,
    "html": check_html,
}


def worker(target: str, examples: int, seed: int, memory_mb: int, cpu_seconds: int) -> int:
    """Run one target in this process, under the limits; print its report as JSON."""
    import hypothesis  # noqa: PLC0415 (a test dependency: only make fuzz needs it)
    from hypothesis import strategies as st  # noqa: PLC0415

    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    run = Run(target)
    check = CHECKS[target]

    @hypothesis.seed(seed)
    @hypothesis.settings(
        max_examples=examples,
        deadline=None,  # timed here instead: the slowest example is reported
        database=None,
        derandomize=False,
        suppress_health_check=list(hypothesis.HealthCheck),
        report_multiple_bugs=True,
    )
    @hypothesis.given(strategy(st))
    def fuzz(example: tuple[str, list[str]]) -> None:
        text, kinds = example
        started = time.monotonic()
        codes: list[str] = []
        try:
            with tempfile.TemporaryDirectory(prefix="pg-fuzz-") as folder:
                codes = check(text, Path(folder))
        finally:
            run.example(kinds, codes, time.monotonic() - started)

    try:
        fuzz()
    except BaseException as exc:  # a MemoryError or RecursionError is a finding too
        run.failures.append(f"{type(exc).__name__}: {str(exc)[:MAX_MESSAGE]}")
    print(json.dumps(run.report()), flush=True)
    return 0


def supervise(args: argparse.Namespace) -> int:
    """Run every target in a child process, each for its share of the time; print a report."""
    share = args.seconds / len(TARGETS)
    failed = False
    print(
        f"make fuzz: {len(TARGETS)} targets, up to {args.examples} examples each, "
        f"{share:.0f} s and {args.memory_mb} MB each, seed {args.seed}"
    )
    for target in TARGETS:
        command = [sys.executable, __file__, "--worker", target]
        seed = args.seed + TARGETS.index(target)  # other inputs for each target
        command += ["--examples", str(args.examples), "--seed", str(seed)]
        command += ["--memory-mb", str(args.memory_mb), "--cpu-seconds", str(int(share) + 5)]
        started = time.monotonic()
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=share, check=False
            )
            out, status = done.stdout, done.returncode
        except subprocess.TimeoutExpired as exc:
            out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
            status = None
        lines = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
        result = next((line for line in reversed(lines) if "target" in line), None)
        took = time.monotonic() - started
        if result is None:
            tried = max((line.get("progress", 0) for line in lines), default=0)
            why = "the time limit" if status is None else f"exit status {status} (a limit?)"
            print(f"\n{target}: stopped by {why} after {took:.0f} s, at least {tried} examples")
            failed = True
            continue
        failed |= bool(result["failures"])
        print_result(result)
    print(f"\nmake fuzz: {'FAILED' if failed else 'no failure'}")
    return 1 if failed else 0


def print_result(result: dict[str, Any]) -> None:
    slow_seconds, slow_kinds = result["slowest"]
    print(
        f"\n{result['target']}: {result['tried']} examples in {result['seconds']} s, "
        f"max RSS {result['max_rss_mb']} MB, slowest {slow_seconds} s ({slow_kinds}), "
        f"{len(result['failures'])} failure(s)"
    )
    kinds = ", ".join(f"{kind} {count}" for kind, count in result["kinds"].items())
    print(f"  pieces used: {kinds}")
    codes = ", ".join(f"{code} {count}" for code, count in result["codes"].items())
    print(f"  findings: {codes or 'none'}")
    for failure in result["failures"]:
        print("  FAILURE: " + failure.replace("\n", "\n    "))


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments; supervise, or be one target's worker."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=240, help="whole run (default 240)")
    parser.add_argument("--memory-mb", type=int, default=1500, help="per target (default 1500)")
    parser.add_argument("--examples", type=int, default=1500, help="per target (default 1500)")
    parser.add_argument("--seed", type=int, default=int(os.environ.get("FUZZ_SEED", "0")))
    parser.add_argument("--worker", choices=TARGETS, help=argparse.SUPPRESS)
    parser.add_argument("--cpu-seconds", type=int, default=60, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args.worker, args.examples, args.seed, args.memory_mb, args.cpu_seconds)
    return supervise(args)


if __name__ == "__main__":
    sys.exit(main())
