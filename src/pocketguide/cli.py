"""The ``pocketguide`` command: start a new guide, build it, check a built site.

pocketguide new my-guide      # a new guide from the template, ready for `make site`
pocketguide build [...]       # what `make site` runs (see pocketguide.build)
pocketguide check [site]      # check docs/ and a built site again, offline list included
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pocketguide import __version__, scaffold

USAGE_ERROR = 2
"""Exit status for a command that was refused before it did anything."""


def _new(args: argparse.Namespace) -> int:
    try:
        written = scaffold.create(args.folder, site_name=args.name)
    except scaffold.ScaffoldError as exc:
        print(f"pocketguide new: {exc}", file=sys.stderr)
        return USAGE_ERROR
    print(f"pocketguide new: wrote {len(written)} files in {args.folder}/")
    print(scaffold.next_steps(args.folder))
    return 0


def _build(args: argparse.Namespace) -> int:
    from pocketguide import build  # noqa: PLC0415 (MkDocs loads only when building)

    return build.main(args.rest)


def _check(args: argparse.Namespace) -> int:
    from pocketguide import build  # noqa: PLC0415 (MkDocs loads only when checking)
    from pocketguide.validators.content import run_content_checks  # noqa: PLC0415
    from pocketguide.validators.links import run_link_checks  # noqa: PLC0415

    site, docs, config_file = args.site, args.docs_dir, args.config_file
    if not (site / "index.html").is_file():
        print(f"pocketguide check: {site}/ has no index.html — run `make site` first")
        return 1
    checks, problems = build.load_checks(config_file)
    pages = len(list(docs.rglob("*.md")))
    errors = build.report(problems + run_content_checks(docs, checks), pages, "pages")
    links = run_link_checks(site, docs, config_file, checks)
    errors += build.report(links, len(list(site.rglob("*.html"))), "built pages")
    return 1 if errors else 0


def parser() -> argparse.ArgumentParser:
    """The command line, one subcommand per task."""
    top = argparse.ArgumentParser(prog="pocketguide", description=__doc__.split("\n", 1)[0])
    top.add_argument("--version", action="version", version=f"pocketguide {__version__}")
    commands = top.add_subparsers(dest="command", required=True)

    new = commands.add_parser("new", help="start a new guide in a new folder")
    new.add_argument("folder", type=Path, help="the folder to create (it must not hold files)")
    new.add_argument("--name", help="the guide's name (default: from the folder's name)")
    new.set_defaults(run=_new)

    build = commands.add_parser("build", help="build site/ and dist/ and check them")
    build.add_argument("rest", nargs=argparse.REMAINDER, help="options of `make site`")
    build.set_defaults(run=_build)

    check = commands.add_parser("check", help="check docs/ and a built site/ again")
    check.add_argument("site", type=Path, nargs="?", default=Path("site"))
    check.add_argument("--docs-dir", type=Path, default=Path("docs"))
    check.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    check.set_defaults(run=_check)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the ``pocketguide`` command; return its exit status."""
    args = parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
