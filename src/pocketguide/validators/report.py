"""What the checks print: paths as the editor sees them, text, JSON or SARIF, the exit status.

Shared by ``scripts/check_links.py`` and ``scripts/check_content.py`` so both behave alike:
every finding in one run, a summary line last, exit 1 when any error remains.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pocketguide.findings import count_errors, summary_line, to_json, to_sarif

if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping, Sequence

    from pocketguide.findings import Finding

FORMATS = ("text", "json", "sarif")


def display(path: Path) -> str:
    """Return ``path`` relative to the working directory when it is below it (posix)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--format`` and ``--config`` to a checker's argument parser."""
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="checks settings: a pyproject.toml ([tool.pocketguide.checks]) or a YAML file "
        "with a 'checks:' block (default: ./pyproject.toml)",
    )


def render(
    findings: Sequence[Finding],
    fmt: str,
    *,
    tool: str,
    rules: Mapping[str, str],
    checked: int,
    what: str,
) -> str:
    """Return the report: one line per finding plus a summary, or a JSON / SARIF document."""
    if fmt == "json":
        return to_json(findings)
    if fmt == "sarif":
        return to_sarif(findings, tool, rules)
    lines = [f.format() for f in findings]
    lines.append(summary_line(findings, checked, what))
    return "\n".join(lines)


def exit_status(findings: Sequence[Finding]) -> int:
    """Return 1 when any finding is an error, else 0."""
    return 1 if count_errors(findings) else 0


def print_report(
    findings: Sequence[Finding],
    fmt: str,
    *,
    tool: str,
    rules: Mapping[str, str],
    checked: int,
) -> int:
    """Print the report of ``checked`` pages and return the exit status."""
    print(render(findings, fmt, tool=tool, rules=rules, checked=checked, what="pages"))
    return exit_status(findings)
