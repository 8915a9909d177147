"""``make site``: build the guide, check it, and only then put it in ``site/`` and ``dist/``.

MkDocs writes its output even when ``--strict`` aborts, so the build goes to a scratch folder
next to ``site/``; ``site/`` is replaced only when the build and every check pass. A failed run
leaves the previous ``site/`` as it was and says so.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from pocketguide.findings import Finding, count_errors, summary_line
from pocketguide.plugins.edition.sitezip import make_dist
from pocketguide.plugins.pwa import precache
from pocketguide.validators.config import apply_site_options, load_check_config
from pocketguide.validators.content import run_content_checks
from pocketguide.validators.links import run_link_checks

# Material and a dependency print a long banner about MkDocs 2 on every run; editors need
# the build's own messages, not that.
QUIET_MKDOCS = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@dataclass(frozen=True)
class Summary:
    """What the reader's phone gets: pages, files saved for offline use and their size."""

    pages: int
    files: int
    raw_bytes: int
    gzip_bytes: int

    def format(self) -> str:
        """Return the summary as one line."""
        return (
            f"{self.pages} pages; offline copy {self.files} files, "
            f"{self.raw_bytes / 1024:.1f} KiB ({self.gzip_bytes / 1024:.1f} KiB to download, "
            "gzipped)"
        )


def summarize(site_dir: Path) -> Summary:
    """Read the built ``sw.js`` and measure what it precaches (nothing without one)."""
    sw_js = site_dir / precache.SW_NAME
    # `enabled: false` builds no sw.js: the site has no offline copy, which is not an error.
    build = precache.read_build(sw_js.read_text(encoding="utf-8")) if sw_js.is_file() else None
    pages = sum(1 for path in site_dir.rglob("*.html") if _is_page(path))
    if build is None:
        return Summary(pages=pages, files=0, raw_bytes=0, gzip_bytes=0)
    entries = build["entries"]
    assert isinstance(entries, list)
    return Summary(
        pages=pages,
        files=len(entries),
        raw_bytes=sum(int(entry["size"]) for entry in entries),
        gzip_bytes=precache.download_size(build, precache.read_site(site_dir)),
    )


def _is_page(path: Path) -> bool:
    """Count real pages, not redirect stubs (they carry a meta refresh and no content)."""
    head = path.read_bytes()[:2048]
    return b'http-equiv="refresh"' not in head


def mkdocs_build(config_file: Path, site_dir: Path) -> int:
    """Run ``mkdocs build --strict`` into ``site_dir``; return its exit status."""
    env = {**os.environ, **QUIET_MKDOCS}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"]
    command += ["--config-file", str(config_file), "--site-dir", str(site_dir)]
    return subprocess.run(command, env=env, check=False).returncode


def replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target`` with two renames, so no half state is left."""
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def report(findings: list[Finding], checked: int, what: str) -> int:
    """Print every finding and a summary line; return the number of errors."""
    for finding in findings:
        print(finding.format())
    print(summary_line(findings, checked, what))
    return count_errors(findings)


def main(argv: list[str] | None = None) -> int:
    """Check the Markdown, build, check the site, publish ``site/`` and ``dist/``, summarise."""
    parser = argparse.ArgumentParser(prog="make site", description=__doc__)
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--docs-dir", type=Path, default=Path("docs"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--dist-dir", type=Path, default=Path("dist"))
    args = parser.parse_args(argv)
    site, dist = args.site_dir, args.dist_dir
    checks, problems = load_check_config(args.config_file.parent / "pyproject.toml")
    checks, more = apply_site_options(checks, args.config_file)
    problems += more

    # Content first: every problem in the Markdown in one list, even when the build fails too.
    pages = len(list(args.docs_dir.rglob("*.md")))
    errors = report(problems + run_content_checks(args.docs_dir, checks), pages, "pages")

    scratch = site.with_name(f".{site.name}-building")
    shutil.rmtree(scratch, ignore_errors=True)
    started = time.perf_counter()
    built = mkdocs_build(args.config_file, scratch) == 0
    seconds = time.perf_counter() - started
    if built:
        links = run_link_checks(scratch, args.docs_dir, args.config_file, checks)
        errors += report(links, len(list(scratch.rglob("*.html"))), "built pages")
    if not built or errors:
        shutil.rmtree(scratch, ignore_errors=True)
        why = "the build failed" if not built else f"{errors} error(s) found"
        print(f"make site: {why} (see above); {site}/ and {dist}/ were not changed.")
        return 1
    replace_dir(scratch, site)
    written = make_dist(site, dist)
    print(f"make site: built {site}/ in {seconds:.1f} s: {summarize(site).format()}")
    for path in written:
        size, packed = path.stat().st_size / 1024, precache.gzip_size(path.read_bytes()) / 1024
        print(f"make site: wrote {path} ({size:.1f} KiB, {packed:.1f} KiB gzipped)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
