"""Translations against their English page (I18N001-I18N007), with and without git."""

# ruff: noqa: E501  (the tables hold exact finding lines; one line each reads best)

from __future__ import annotations

import os
import subprocess
from datetime import date
from typing import TYPE_CHECKING

import pytest

from pocketguide.findings import Severity
from pocketguide.validators import parity
from pocketguide.validators.config import CheckConfig, apply_site_options
from pocketguide.validators.content import RULES, check_content
from pocketguide.validators.parity import Page, check_parity, last_changed

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

TODAY = date(2026, 11, 22)

EN = """---
title: Risks
description: What can go wrong.
last_reviewed: 2026-11-01
next_review: 2027-11-01
---

# Risks

Sit down with a friend [@who-ketamine].

!!! danger "Danger"
    Do not mix with alcohol [@nhs-ketamine].

??? warning "Warning"
    It can hurt your bladder.

Call [112](tel:112).
"""

ES = """---
title: Riesgos
description: Qué puede salir mal.
last_reviewed: 2026-11-01
next_review: 2027-11-01
translated_from: 2026-11-01
---

# Riesgos

Siéntate con un amigo [@who-ketamine].

!!! error "Peligro"
    No lo mezcles con alcohol [@nhs-ketamine].

???+ caution "Cuidado"
    Puede dañar tu vejiga.

Llama al [112](tel:112).
"""


def _pages(**texts: str) -> list[Page]:
    return [Page(rel, f"docs/{rel}", text) for rel, text in texts.items()]


def _lines(findings: list) -> list[str]:
    return sorted(f.format() for f in findings)


def test_a_faithful_translation_has_no_findings() -> None:
    # error and caution count as danger and warning boxes; ???+ is a box like !!!
    pages = [Page("risks.md", "docs/risks.md", EN), Page("risks.es.md", "docs/risks.es.md", ES)]
    assert check_parity(pages, changed={"risks.md": date(2026, 11, 1)}) == []


def test_boxes_of_each_kind_are_counted() -> None:
    es = ES.replace("???+ caution", "!!! danger")
    found = check_parity(_pages(**{"risks.md": EN, "risks.es.md": es}))
    assert _lines(found) == [
        "docs/risks.es.md:16:1: I18N004 2 danger boxes here, 1 danger box in docs/risks.md (line 12) — keep the boxes of docs/risks.md: remove this one (or change its kind), or add it there",
        "docs/risks.es.md:1:1: I18N004 0 warning boxes here, 1 warning box in docs/risks.md (line 15) — translate each warning box of docs/risks.md as a '!!! warning' box",
    ]


def test_boxes_in_code_blocks_do_not_count() -> None:
    es = ES + "\n```text\n!!! danger\n```\n"
    assert check_parity(_pages(**{"risks.md": EN, "risks.es.md": es})) == []


def test_tel_numbers_compare_digits() -> None:
    es = ES.replace("(tel:112)", "(tel:1-1-2)") + '\n<a href="tel:+34 900 000 000">900</a>\n'
    assert _lines(check_parity(_pages(**{"risks.md": EN, "risks.es.md": es}))) == [
        "docs/risks.es.md:21:10: I18N003 links to tel:+34900000000, which docs/risks.md does not — use the numbers of docs/risks.md: check this number against it and the data"
    ]


def test_out_of_date_translation_names_both_dates() -> None:
    pages = _pages(**{"risks.md": EN, "risks.es.md": ES})
    found = check_parity(pages, changed={"risks.md": date(2026, 11, 20)})
    assert _lines(found) == [
        "docs/risks.es.md:6:1: I18N005 (warn) out of date: docs/risks.md changed on 2026-11-20, after translated_from 2026-11-01 — update the translation to match docs/risks.md, then change translated_from to 2026-11-20"
    ]
    assert check_parity(pages, changed={"risks.md": date(2026, 10, 1)}) == []
    assert check_parity(pages, changed=None) == []  # no git: skipped
    assert check_parity(pages, changed={}) == []  # a page git does not know


def test_missing_translation_is_an_error_when_required() -> None:
    pages = _pages(**{"risks.md": EN, "risks.es.md": ES, "help.md": EN})
    (warned,) = check_parity(pages)
    (required,) = check_parity(pages, require_translations=True)
    assert warned.severity is Severity.WARN
    assert required.format() == (
        "docs/help.md:1:1: I18N001 no Spanish translation: docs/help.es.md does not exist — "
        "translate this page into docs/help.es.md (until then its readers get the English page)"
    )


def test_only_languages_with_a_page_are_required() -> None:
    assert check_parity(_pages(**{"risks.md": EN, "help.md": EN})) == []
    pages = _pages(**{"risks.md": EN, "risks.es.md": ES, "risks.fr.md": ES, "help.md": EN})
    codes = sorted((f.path, f.code) for f in check_parity(pages, languages=("es",)))
    # risks.fr.md is not a translation then, but an English page of its own
    assert codes == [("docs/help.md", "I18N001"), ("docs/risks.fr.md", "I18N001")]


def test_an_english_page_may_carry_its_code() -> None:
    pages = _pages(**{"risks.en.md": EN, "risks.es.md": ES, "help.en.md": EN})
    assert _lines(check_parity(pages)) == [
        "docs/help.en.md:1:1: I18N001 (warn) no Spanish translation: docs/help.es.md does not exist — translate this page into docs/help.es.md (until then its readers get the English page)"
    ]


def test_unreadable_pages_count_as_present_and_are_not_compared() -> None:
    pages = [*_pages(**{"risks.md": EN}), Page("risks.es.md", "docs/risks.es.md", None)]
    assert check_parity(pages) == []


def test_translated_from_is_required_on_translations_only() -> None:
    es = ES.replace("translated_from: 2026-11-01\n", "")
    found = check_parity(_pages(**{"risks.md": EN, "risks.es.md": es}))
    assert _lines(found) == [
        "docs/risks.es.md:1:1: I18N006 (warn) translation has no 'translated_from' date — add 'translated_from: YYYY-MM-DD', the date of the docs/risks.md text it translates"
    ]


def test_the_codes_are_listed() -> None:
    assert {f"I18N00{n}" for n in range(1, 8)} <= set(RULES)


def test_fixture_gives_exact_findings(
    tmp_path: Path, validator_case: Callable[[str, str, Path], Path]
) -> None:
    root = validator_case("content", "i18n-parity", tmp_path)
    checks, problems = apply_site_options(CheckConfig(), root / "mkdocs.yml")
    assert problems == []
    findings = check_content(root / "docs", checks, today=TODAY).findings
    prefix = root.as_posix() + "/"
    assert sorted(f.format().removeprefix(prefix) for f in findings) == [
        "docs/help.es.md:1:1: I18N006 (warn) translation has no 'translated_from' date — add 'translated_from: YYYY-MM-DD', the date of the "
        f"{prefix}docs/help.md text it translates",
        f"docs/index.md:1:1: I18N001 (warn) no Spanish translation: {prefix}docs/index.es.md does not exist — translate this page into {prefix}docs/index.es.md (until then its readers get the English page)",
        f"docs/orphan.es.md:1:1: I18N007 (warn) translation of {prefix}docs/orphan.md, which does not exist — name it after its English page (X.md becomes X.<lang>.md), or add the English page",
        f"docs/risks.es.md:11:54: I18N002 cites 'nhs-ketamine', which {prefix}docs/risks.md does not cite — cite the same sources as {prefix}docs/risks.md: remove it, or cite it in the English page too",
        f"docs/risks.es.md:13:1: I18N004 1 danger box here, none in {prefix}docs/risks.md — keep the boxes of {prefix}docs/risks.md: remove this one (or change its kind), or add it there",
        f"docs/risks.es.md:18:18: I18N003 links to tel:061, which {prefix}docs/risks.md does not — use the numbers of {prefix}docs/risks.md: check this number against it and the data",
        f"docs/risks.es.md:1:1: I18N002 does not cite 'who-ketamine', which {prefix}docs/risks.md:10 cites — translate the sentence at {prefix}docs/risks.md:10 with its [@who-ketamine]",
        f"docs/risks.es.md:1:1: I18N003 has no link to tel:112, which {prefix}docs/risks.md:19 has — translate the sentence at {prefix}docs/risks.md:19 with its tel: link",
    ]


def _git(repo: Path, *args: str, day: str = "2026-10-01T12:00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": day,
        "GIT_COMMITTER_DATE": day,
        "GIT_CONFIG_GLOBAL": os.devnull,
    }
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


@pytest.fixture(name="repo")
def repo_fixture(tmp_path: Path) -> Path:
    """A repository whose docs/ holds risks.md (committed 2026-10-01, changed and committed
    again 2026-11-05) and risks.es.md, translated from the 2026-10-01 text."""
    repo = tmp_path / "guide"
    docs = repo / "docs"
    docs.mkdir(parents=True)
    _git(repo, "init", "-q")
    (docs / "risks.md").write_text(EN)
    (docs / "risks.es.md").write_text(ES.replace("2026-11-01\n---", "2026-10-01\n---"))
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "risks")
    (docs / "risks.md").write_text(EN.replace("Sit down", "Sit"))
    _git(repo, "commit", "-q", "-a", "-m", "risks: shorter", day="2026-11-05T09:00:00")
    return repo


def _i18n(docs: Path) -> list[str]:
    found = check_content(docs, CheckConfig(), today=TODAY).findings
    prefix = docs.as_posix() + "/"
    return [f.format().replace(prefix, "docs/") for f in found if f.code.startswith("I18N")]


def test_git_dates_make_an_out_of_date_finding(repo: Path) -> None:
    assert _i18n(repo / "docs") == [
        "docs/risks.es.md:6:1: I18N005 (warn) out of date: docs/risks.md changed on 2026-11-05, after translated_from 2026-10-01 — update the translation to match docs/risks.md, then change translated_from to 2026-11-05"
    ]


def test_uncommitted_changes_count_as_today(repo: Path) -> None:
    docs = repo / "docs"
    text = (docs / "risks.es.md").read_text().replace("2026-10-01\n---", "2026-11-05\n---")
    (docs / "risks.es.md").write_text(text)
    assert _i18n(docs) == []
    (docs / "risks.md").write_text(EN + "\nMore.\n")
    assert _i18n(docs) == [
        "docs/risks.es.md:6:1: I18N005 (warn) out of date: docs/risks.md changed on 2026-11-22, after translated_from 2026-11-05 — update the translation to match docs/risks.md, then change translated_from to 2026-11-22"
    ]


def test_git_dates_for_the_whole_folder_take_two_git_commands(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real = subprocess.run

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(args[0])
        return real(*args, **kwargs)  # type: ignore[call-overload]

    (repo / "docs" / "new.md").write_text("# New\n")
    monkeypatch.setattr(parity.subprocess, "run", counting)
    days = last_changed(repo / "docs", TODAY)
    assert days == {
        "risks.md": date(2026, 11, 5),
        "risks.es.md": date(2026, 10, 1),
        "new.md": TODAY,
    }
    assert len(calls) == 2


def test_no_repository_or_no_git_means_no_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    assert last_changed(docs, TODAY) is None  # tmp_path is in no repository

    def missing(*_args: object, **_kwargs: object) -> object:
        raise FileNotFoundError("git")

    (tmp_path / ".git").mkdir()
    monkeypatch.setattr(parity.subprocess, "run", missing)
    assert last_changed(docs, TODAY) is None


def test_a_translation_refused_by_the_limits_is_not_compared(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "risks.md").write_text(EN)
    (docs / "risks.es.md").write_text(ES + "\n" + ">" * 40 + " hondo\n")
    found = check_content(docs, CheckConfig(), today=TODAY).findings
    codes = {(f.path.rsplit("/", 1)[-1], f.code) for f in found if f.code != "CI001"}
    assert codes == {("risks.es.md", "CNT004")}  # no I18N finding about its boxes or sources
