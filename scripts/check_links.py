"""Check the links, anchors, images, offline list and privacy of a built site.

    python scripts/check_links.py [site] [--docs docs] [--mkdocs mkdocs.yml]
        [--format text|json|sarif] [--config pyproject.toml] [--list-external]
        [--external [--cache FILE] [--timeout S]]

Exit status 1 when any error is found, else 0. See pocketguide.validators.links for the rules.
Pages and their sources, editions and the source registry come from the site's build manifest
(site/pocketguide-build.json, see pocketguide.buildinfo); --docs and --mkdocs are read for a
site built without one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pocketguide.validators.config import load_check_config
from pocketguide.validators.external import DEFAULT_CACHE, check_external_links
from pocketguide.validators.links import RULES, check_links
from pocketguide.validators.report import add_common_arguments, print_report


def main(argv: list[str] | None = None) -> int:
    """Run the link checks and print the report; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", nargs="?", default="site", help="built site (default: site)")
    parser.add_argument("--docs", default="docs", help="Markdown sources (default: docs)")
    parser.add_argument(
        "--mkdocs", default="mkdocs.yml", help="MkDocs config (default: mkdocs.yml)"
    )
    add_common_arguments(parser)
    parser.add_argument(
        "--list-external", action="store_true", help="list every external <a href> and where"
    )
    parser.add_argument(
        "--external", action="store_true", help="also fetch external links (uses the network)"
    )
    parser.add_argument("--cache", default=DEFAULT_CACHE, help=f"(default: {DEFAULT_CACHE})")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    args = parser.parse_args(argv)

    checks, problems = load_check_config(Path(args.config or "pyproject.toml"))
    report = check_links(Path(args.site), Path(args.docs), Path(args.mkdocs), checks)
    found = problems + report.findings
    if args.external:
        found += check_external_links(report.external, Path(args.cache), timeout=args.timeout)
    findings = checks.apply(found)
    if args.list_external and args.format == "text":
        for link in sorted(report.external, key=lambda e: (e.path, e.line, e.url)):
            print(f"{link.path}:{link.line}:{link.col}: {link.url}")
    return print_report(
        findings, args.format, tool="pocketguide check_links", rules=RULES, checked=report.pages
    )


if __name__ == "__main__":
    sys.exit(main())
