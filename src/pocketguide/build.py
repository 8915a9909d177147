"""``make site``: build the guide, check it, and only then put it in ``site/`` and ``dist/``.

MkDocs writes its output even when ``--strict`` aborts, so the site and ``dist/`` are built in
scratch folders beside them (``.site-building``, ``.dist-building``). Only when the build and
every check pass, and ``dist/`` is complete, are both put in place together, last
(:mod:`pocketguide.publish`). A failed run leaves the previous ``site/`` and ``dist/`` as they
were and says so. MkDocs never reads pages the content check found unsafe (see
``validators.limits``), and a build that runs past ``build_seconds`` is stopped.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pocketguide import buildinfo, publish
from pocketguide.content import swdata
from pocketguide.findings import Finding, Severity, count_errors, summary_line
from pocketguide.plugins.edition.sitezip import make_dist
from pocketguide.plugins.pwa import precache
from pocketguide.validators import limits, mkdocslog
from pocketguide.validators.config import CheckConfig, apply_site_options, load_check_config
from pocketguide.validators.content import run_content_checks
from pocketguide.validators.limits import UNSAFE
from pocketguide.validators.links import run_link_checks
from pocketguide.validators.report import display
from pocketguide.validators.site import read_mkdocs_config

if TYPE_CHECKING:
    from collections.abc import Iterable

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


def print_summary(site: Path, seconds: float, summary: Summary) -> None:
    """Say what was built: pages, and each language's offline copy."""
    print(f"make site: built {site}/ in {seconds:.1f} s: {summary.format()}")
    for folder, sw in buildinfo.language_workers(buildinfo.read(site)):
        other = summarize(site, sw).format().partition("; ")[2]
        print(f"make site: {folder}: {other}")


def summarize(site_dir: Path, sw: str = swdata.SW_NAME) -> Summary:
    """Read the built ``sw.js`` (or a language's, ``es/sw.js``) and measure what it precaches
    (nothing without one); pages are counted in the whole site."""
    sw_js = site_dir / sw
    # `enabled: false` builds no sw.js: the site has no offline copy, which is not an error.
    build = swdata.read_build(sw_js.read_text(encoding="utf-8")) if sw_js.is_file() else None
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


@dataclass(frozen=True)
class MkDocsRun:
    """How ``mkdocs build`` ended, and the warnings it printed (held back, not shown yet).

    ``complete`` is true when every page and plugin ran and only strict mode's count of
    warnings stopped MkDocs: the site is whole, so the link check can run on it and put each
    warning at its line (:mod:`pocketguide.validators.mkdocslog`).
    """

    status: int
    warnings: list[str] = field(default_factory=list)
    complete: bool = False


def mkdocs_build(config_file: Path, site_dir: Path, *, timeout: float | None = None) -> MkDocsRun:
    """Run ``mkdocs build --strict`` into ``site_dir``; return how it ended.

    MkDocs' messages are printed as they come, except its warnings, which are returned.
    Past ``timeout`` seconds MkDocs is stopped and the status is :data:`TIMED_OUT`.
    """
    env = {**os.environ, **QUIET_MKDOCS}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean"]
    command += ["--config-file", str(config_file), "--site-dir", str(site_dir)]
    warnings: list[str] = []
    aborted: list[str] = []
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    assert process.stdout is not None
    reader = threading.Thread(
        target=_read_log, args=(process.stdout, warnings, aborted), daemon=True
    )
    reader.start()
    try:
        status = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        status = TIMED_OUT
    reader.join()
    process.stdout.close()
    return MkDocsRun(status, warnings, complete=status != TIMED_OUT and bool(aborted))


def _read_log(stream: Iterable[str], warnings: list[str], aborted: list[str]) -> None:
    """Print MkDocs' output line by line (to stderr, as MkDocs does); keep its warnings (with
    their continuation lines) and the strict-mode abort line instead of printing them."""
    held = False
    blank = False  # an empty line is printed only if something but the abort line follows
    for raw in stream:
        line = raw.rstrip("\n")
        if not line.strip():
            blank, held = True, False
            continue
        record = mkdocslog.LEVEL.match(line)
        if record is not None:
            held = record["level"] == "WARNING"
            if held:
                warnings.append(record["text"])
                continue
        elif held and line.startswith(" "):
            warnings[-1] += "\n" + line.strip()
            continue
        else:
            held = False
        if mkdocslog.STRICT_ABORT.match(line):
            aborted.append(line)
            continue
        print("\n" * blank + line, file=sys.stderr, flush=True)
        blank = False


TIMED_OUT = -1
"""What :func:`mkdocs_build` returns as status when it stopped MkDocs at the time limit."""


def replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target`` (one folder; see :mod:`pocketguide.publish`)."""
    publish.publish([publish.Swap(new, target)], publish.journal_for(target))


def theme_files(config_file: Path) -> list[Finding]:
    """Check the theme's ``custom_dir`` as ``docs/`` is checked: MkDocs copies its files too.

    A symlink there that leaves the folder would publish what it points at (CNT006).
    """
    config, _ = read_mkdocs_config(config_file)
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    folder = config_file.parent / custom if isinstance(custom, str) else None
    if folder is None or not folder.is_dir():
        return []
    return limits.check_files(folder, display(folder))


def report(findings: list[Finding], checked: int, what: str) -> int:
    """Print every finding and a summary line; return the number of errors."""
    for finding in findings:
        print(finding.format())
    print(summary_line(findings, checked, what))
    return count_errors(findings)


def check_built(
    run: MkDocsRun, site_dir: Path, docs_dir: Path, config_file: Path, checks: CheckConfig
) -> int:
    """Check a complete site and report it with MkDocs' warnings; return the errors.

    MkDocs' warnings about links and images are put at their lines beside the link check's
    findings (:mod:`pocketguide.validators.mkdocslog`); any other warning, or every warning of
    a build that did not complete, is printed as MkDocs wrote it.
    """
    if run.status != 0 and not run.complete:
        for warning in run.warnings:
            print(f"WARNING -  {warning}", file=sys.stderr)
        return 0
    links = run_link_checks(site_dir, docs_dir, config_file, checks)
    told = mkdocslog.translate(run.warnings, docs_dir)
    for warning in told.unknown:
        print(f"WARNING -  {warning}", file=sys.stderr)
    links = mkdocslog.merge(links, checks.apply(told.findings))
    return report(links, len(list(site_dir.rglob("*.html"))), "built pages")


def load_checks(config_file: Path) -> tuple[CheckConfig, list[Finding]]:
    """The checks' settings: ``pyproject.toml`` beside ``mkdocs.yml``, then the content
    plugin's own options in ``mkdocs.yml`` (the build applies those too)."""
    checks, problems = load_check_config(config_file.parent / "pyproject.toml")
    checks, more = apply_site_options(checks, config_file)
    return checks, problems + more


def main(argv: list[str] | None = None) -> int:
    """Check the Markdown, build, check the site, publish ``site/`` and ``dist/``, summarise."""
    parser = argparse.ArgumentParser(prog="make site", description=__doc__)
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--docs-dir", type=Path, default=Path("docs"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--dist-dir", type=Path, default=Path("dist"))
    args = parser.parse_args(argv)
    site, dist = args.site_dir, args.dist_dir
    journal = publish.journal_for(site)
    if publish.finish(journal):  # a kill interrupted the last publication: complete it first
        print(f"make site: finished putting the last build in {site}/ and {dist}/")
    scratch, scratch_dist = publish.scratch_for(site), publish.scratch_for(dist)
    for folder in (scratch, scratch_dist):  # left by a run killed before it published
        shutil.rmtree(folder, ignore_errors=True)
    checks, problems = load_checks(args.config_file)

    # Content first: every problem in the Markdown in one list, even when the build fails too.
    pages = len(list(args.docs_dir.rglob("*.md")))
    content = problems + run_content_checks(args.docs_dir, checks)
    content += theme_files(args.config_file)
    errors = report(content, pages, "pages")
    unchanged = f"{site}/ and {dist}/ were not changed."
    if any(f.code in UNSAFE and f.severity is Severity.ERROR for f in content):
        why = f"{args.docs_dir}/ holds input that cannot be built safely (see above)"
        print(f"make site: {why}; {unchanged}")
        return 1

    started = time.perf_counter()
    run = mkdocs_build(args.config_file, scratch, timeout=checks.build_seconds)
    seconds = time.perf_counter() - started
    errors += check_built(run, scratch, args.docs_dir, args.config_file, checks)
    written: list[Path] = []
    why = ""
    if run.status == TIMED_OUT:
        why = f"the build took more than build_seconds ({checks.build_seconds:g} s)"
    elif run.status != 0 and not run.complete:
        why = "the build failed (see above)"
    elif errors:
        why = f"{errors} error(s) found (see above)"
    elif run.status != 0:
        why = "MkDocs stopped on its warnings in strict mode (see above)"
    else:
        try:
            written = make_dist(scratch, scratch_dist)
        except OSError as exc:
            why = f"could not write {dist}/ ({exc.strerror or exc})"
    if why:
        for folder in (scratch, scratch_dist):
            shutil.rmtree(folder, ignore_errors=True)
        print(f"make site: {why}; {unchanged}")
        return 1
    summary = summarize(scratch)
    sizes = [(p.stat().st_size, precache.gzip_size(p.read_bytes())) for p in written]
    publish.publish([publish.Swap(scratch, site), publish.Swap(scratch_dist, dist)], journal)
    print_summary(site, seconds, summary)
    for path, (size, packed) in zip(written, sizes, strict=True):
        shown = dist / path.relative_to(scratch_dist)
        print(f"make site: wrote {shown} ({size / 1024:.1f} KiB, {packed / 1024:.1f} KiB gzipped)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
