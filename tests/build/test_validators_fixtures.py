"""One fixture per rule: the exact findings (path, line, code) each one must produce.

Each case under ``tests/fixtures/validators/{links,content}/<case>/`` holds only what differs
from that family's ``base/`` (which itself gives zero findings), a ``delete.txt`` of base files
to remove, and ``expected.txt`` with one ``path:line:code`` per finding. A content case may
add a ``mkdocs.yml`` whose ``pocketguide/content`` options the checks read, as in the guide.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pocketguide.validators.config import CheckConfig, apply_site_options
from pocketguide.validators.content import check_content
from pocketguide.validators.links import check_links

if TYPE_CHECKING:
    from collections.abc import Callable

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "validators"
TODAY = date(2026, 11, 22)


def _cases(family: str) -> list[str]:
    return sorted(p.name for p in (FIXTURES / family).iterdir() if p.name != "base")


def _expected(root: Path) -> list[str]:
    path = root / "expected.txt"
    return sorted(line for line in path.read_text().splitlines() if line) if path.exists() else []


def _got(findings: list, root: Path) -> list[str]:
    prefix = root.as_posix() + "/"
    return sorted(f"{f.path.removeprefix(prefix)}:{f.line}:{f.code}" for f in findings)


@pytest.mark.parametrize("case", ["base", *_cases("links")])
def test_link_rule_fixture(
    case: str, tmp_path: Path, validator_case: Callable[[str, str, Path], Path]
) -> None:
    root = validator_case("links", case, tmp_path)
    report = check_links(root / "site", root / "docs", root / "mkdocs.yml", CheckConfig())
    assert _got(report.findings, root) == _expected(root)


@pytest.mark.parametrize("case", ["base", *_cases("content")])
def test_content_rule_fixture(
    case: str, tmp_path: Path, validator_case: Callable[[str, str, Path], Path]
) -> None:
    root = validator_case("content", case, tmp_path)
    checks, problems = apply_site_options(CheckConfig(), root / "mkdocs.yml")
    assert problems == []
    report = check_content(root / "docs", checks, today=TODAY)
    assert _got(report.findings, root) == _expected(root)


def test_link_base_lists_external_links_at_their_source(
    tmp_path: Path, validator_case: Callable[[str, str, Path], Path]
) -> None:
    root = validator_case("links", "base", tmp_path)
    report = check_links(root / "site", root / "docs", root / "mkdocs.yml", CheckConfig())
    got = sorted(
        (e.url, e.path.removeprefix(root.as_posix() + "/"), e.line) for e in report.external
    )
    assert got == [
        ("https://github.com/squidfunk/mkdocs-material", "site/404.html", 0),
        ("https://www.nhs.uk/", "docs/index.md", 15),
    ]


def test_external_links_from_the_source_list_point_at_the_registry(
    tmp_path: Path, validator_case: Callable[[str, str, Path], Path]
) -> None:
    root = validator_case("links", "base", tmp_path)
    (root / "docs" / "sources.yml").write_text(
        "- id: who\n  title: WHO\n  url: https://www.who.int/ketamine\n"
    )
    page = root / "site" / "emergency" / "index.html"
    html = page.read_text().replace(
        "</article>", '<ol><li><a href="https://www.who.int/ketamine">WHO</a></li></ol></article>'
    )
    page.write_text(html)
    report = check_links(root / "site", root / "docs", root / "mkdocs.yml", CheckConfig())
    prefix = root.as_posix() + "/"
    got = [(e.path.removeprefix(prefix), e.line, e.col) for e in report.external if "who" in e.url]
    assert got == [("docs/sources.yml", 3, 8)]


def test_theme_copy_of_a_problem_already_reported_at_its_source_is_dropped(
    tmp_path: Path, validator_case: Callable[[str, str, Path], Path]
) -> None:
    root = validator_case("links", "lnk021-bad-phone-number", tmp_path)
    (root / "site" / "pocketguide.html").write_text(
        '<html><head><meta name="generator" content="pocketguide edition 1"></head>'
        '<body><a href="tel:0800123456">Call 0800 123 456</a></body></html>'
    )  # a one-file edition, known by its stamp (this site has no build manifest)
    report = check_links(root / "site", root / "docs", root / "mkdocs.yml", CheckConfig())
    assert _got(report.findings, root) == ["docs/index.md:19:LNK021"]


def test_missing_site_is_one_finding(
    tmp_path: Path, validator_case: Callable[[str, str, Path], Path]
) -> None:
    root = validator_case("links", "base", tmp_path)
    report = check_links(root / "nothing", root / "docs", root / "mkdocs.yml", CheckConfig())
    assert [(f.code, f.message) for f in report.findings] == [
        ("LNK040", f"no built site at '{(root / 'nothing').as_posix()}'")
    ]
