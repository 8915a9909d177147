"""Check the guide's Markdown: front matter, citations, wording, readability, translations.

    python scripts/check_content.py [docs] [--format text|json|sarif] [--config pyproject.toml]
        [--mkdocs-config mkdocs.yml] [--today YYYY-MM-DD]

Exit status 1 when any error is found, else 0. See pocketguide.validators.content for the rules.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from pocketguide.validators.config import apply_site_options, load_check_config
from pocketguide.validators.content import RULES, check_content
from pocketguide.validators.report import add_common_arguments, print_report


def main(argv: list[str] | None = None) -> int:
    """Run the content checks and print the report; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("docs", nargs="?", default="docs", help="Markdown pages (default: docs)")
    add_common_arguments(parser)
    parser.add_argument(
        "--today", type=date.fromisoformat, default=None, help="date for review deadlines"
    )
    parser.add_argument(
        "--mkdocs-config",
        metavar="FILE",
        default="mkdocs.yml",
        help="read the pocketguide/content options (primary_pages, primary_kinds, "
        "require_clinical_review) from this file (default: mkdocs.yml, if it exists)",
    )
    args = parser.parse_args(argv)

    checks, problems = load_check_config(Path(args.config or "pyproject.toml"))
    checks, more = apply_site_options(checks, Path(args.mkdocs_config))
    problems += more
    report = check_content(Path(args.docs), checks, today=args.today)
    findings = checks.apply(problems + report.findings)
    return print_report(
        findings, args.format, tool="pocketguide check_content", rules=RULES, checked=report.pages
    )


if __name__ == "__main__":
    sys.exit(main())
