"""A translation says what its English page says: the same sources, numbers and warning boxes.

Translations use mkdocs-static-i18n's suffix layout: the Spanish version of ``docs/X.md`` is
``docs/X.es.md`` (see ``language``). Each translation records in its front matter the date
of the English text it translates, ``translated_from: YYYY-MM-DD``. This module compares
every translation with its English page, from the pages' texts alone (no files, no git):

- I18N001 a page has no translation in a language that has at least one page; reported at
  the English page, line 1. A warning, an error when ``require_translations`` is on (the
  ``pocketguide/content`` option a release build sets from ``POCKETGUIDE_RELEASE``);
- I18N002 the citation ids differ: an id only the translation cites is reported where it
  cites it; an id only the English page cites, at the translation's line 1, naming the
  English line;
- I18N003 the ``tel:`` numbers differ (digits and ``+`` compared), reported the same way;
- I18N004 the number of danger boxes or of warning boxes differs (``!!!``, ``???`` and
  ``???+`` forms, Material's aliases counted with their kind: ``error`` is a danger box,
  ``caution`` and ``attention`` warning boxes, as in ``pocketguide.content.evidence``);
- I18N005 the English page changed after ``translated_from`` (a warning, at that line);
- I18N006 a translation without ``translated_from`` (a warning, at line 1);
- I18N007 a translation whose English page does not exist (a warning, at line 1).

When an English page last changed comes from git (:func:`last_changed`, two git commands
per run, whatever the number of pages): the date of the last commit that touched it, or today
when it has changes not yet committed (or was never committed). Without git, or outside a
repository, there are no dates and I18N005 is skipped, with no finding.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from pocketguide.content.citations import find_citations
from pocketguide.content.frontmatter import parse_front_matter
from pocketguide.content.lines import outside_fences
from pocketguide.findings import Finding, Severity
from pocketguide.validators.language import language_name, page_language
from pocketguide.validators.prose import mask_code, position

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

RULES = {
    "I18N001": "page missing in a language that has pages",
    "I18N002": "translation cites other sources than its English page",
    "I18N003": "translation has other tel: numbers than its English page",
    "I18N004": "translation has another number of danger or warning boxes",
    "I18N005": "translation older than its English page",
    "I18N006": "translation without translated_from",
    "I18N007": "translation of a page that does not exist",
}

TEL = re.compile(r"\]\(\s*<?tel:([^)\s>]+)|href=[\"']tel:([^\"']+)[\"']", re.IGNORECASE)
BOX = re.compile(r"(?:!!!|\?\?\?\+?)[ \t]+([\w-]+)")
BOX_KINDS = {
    "danger": "danger",
    "error": "danger",
    "warning": "warning",
    "caution": "warning",
    "attention": "warning",
}
"""Admonition types counted by I18N004, and the kind each counts as."""

GIT_TIMEOUT = 30.0


@dataclass(frozen=True)
class Page:
    """One page of ``docs/``: its path inside ``docs/``, as printed, and its text.

    ``text`` is ``None`` for a page that exists but could not be read (its own finding says
    why); it then counts as present and is not compared.
    """

    rel: str
    path: str
    text: str | None


@dataclass
class _Facts:
    """What a page must keep in translation, with where each is written (line, col)."""

    cites: dict[str, tuple[int, int]] = field(default_factory=dict)
    tels: dict[str, tuple[int, int]] = field(default_factory=dict)
    boxes: dict[str, list[int]] = field(default_factory=dict)
    keys: frozenset[str] = frozenset()
    translated_from: object = None
    translated_at: tuple[int, int] = (1, 1)
    front_matter: bool = True


def check_parity(
    pages: list[Page],
    *,
    default: str = "en",
    languages: tuple[str, ...] = (),
    changed: Mapping[str, date] | None = None,
    require_translations: bool = False,
) -> list[Finding]:
    """Return the I18N findings for ``pages`` (all of ``docs/``).

    ``changed`` maps an English page's path inside ``docs/`` to the day it last changed (see
    :func:`last_changed`); ``None`` skips I18N005.
    """
    translations: dict[str, list[tuple[str, Page]]] = {}
    originals: dict[str, Page] = {}  # by the path of X.md, also for a page named X.en.md
    for page in pages:
        lang = page_language(page.rel, default, languages)
        if lang.translation:
            translations.setdefault(lang.language, []).append((lang.base, page))
        else:
            originals.setdefault(lang.base, page)
    findings = []
    for code in sorted(translations):
        have = {base for base, _ in translations[code]}
        findings += [
            _missing(page, base, code, require_translations=require_translations)
            for base, page in originals.items()
            if base not in have
        ]
        for base, page in translations[code]:
            english = originals.get(base)
            if english is None:
                findings.append(_orphan(page, base))
            elif page.text is not None and english.text is not None:
                findings += _compare(page, english, changed)
    return findings


def _missing(page: Page, base: str, code: str, *, require_translations: bool) -> Finding:
    wanted = f"{page.path.removesuffix(page.rel)}{base.removesuffix('.md')}.{code}.md"
    message = f"no {language_name(code)} translation: {wanted} does not exist"
    fix = f"translate this page into {wanted} (until then its readers get the English page)"
    severity = Severity.ERROR if require_translations else Severity.WARN
    return Finding(page.path, 1, 1, "I18N001", message, fix, severity)


def _orphan(page: Page, base: str) -> Finding:
    english = page.path.removesuffix(page.rel) + base
    message = f"translation of {english}, which does not exist"
    fix = "name it after its English page (X.md becomes X.<lang>.md), or add the English page"
    return Finding(page.path, 1, 1, "I18N007", message, fix, Severity.WARN)


def _compare(page: Page, english: Page, changed: Mapping[str, date] | None) -> list[Finding]:
    ours, theirs = _facts(page), _facts(english)
    en = english.path
    findings = _differences(page.path, "I18N002", ours.cites, theirs.cites, en, _cite_messages(en))
    findings += _differences(page.path, "I18N003", ours.tels, theirs.tels, en, _tel_messages(en))
    findings += _boxes(page.path, ours.boxes, theirs.boxes, en)
    if not ours.front_matter:
        return findings  # broken front matter: its own finding (FM001) comes first
    since = ours.translated_from
    if "translated_from" not in ours.keys:
        fix = f"add 'translated_from: YYYY-MM-DD', the date of the {en} text it translates"
        message = "translation has no 'translated_from' date"
        findings.append(Finding(page.path, 1, 1, "I18N006", message, fix, Severity.WARN))
    elif isinstance(since, date) and not isinstance(since, datetime) and changed is not None:
        day = changed.get(english.rel)
        if day is not None and day > since:
            line, col = ours.translated_at
            message = f"out of date: {en} changed on {day}, after translated_from {since}"
            fix = f"update the translation to match {en}, then change translated_from to {day}"
            findings.append(Finding(page.path, line, col, "I18N005", message, fix, Severity.WARN))
    return findings


def _facts(page: Page) -> _Facts:
    text = page.text or ""
    facts = _Facts()
    fm, problems = parse_front_matter(text, page.path, required=())
    body_line = 1
    if fm is not None:
        body_line = fm.body_line
        facts.keys = frozenset(fm.data)
        facts.translated_from = fm.data.get("translated_from")
        facts.translated_at = fm.at("translated_from")
    elif text.startswith("---") and problems:
        facts.front_matter = False
        close = text.find("\n---", 3)
        body_line = text.count("\n", 0, close) + 3 if close != -1 else 1
    body = "\n".join(text.split("\n")[body_line - 1 :])
    for cite in find_citations(body, body_line):
        facts.cites.setdefault(cite.id, (cite.line, cite.col))
    masked = mask_code(text)
    for match in TEL.finditer(masked):
        group = 1 if match.group(1) else 2
        number = re.sub(r"[^\d+]", "", match.group(group))
        if number:  # at the "tel:" itself
            facts.tels.setdefault(number, position(masked, match.start(group) - len("tel:")))
    lines = masked.split("\n")
    for index, line in outside_fences(lines):
        box = BOX.match(line.lstrip())
        kind = BOX_KINDS.get(box.group(1).lower()) if box else None
        if kind:
            facts.boxes.setdefault(kind, []).append(index + 1)
    return facts


_Messages = tuple[str, str, str, str]
"""(only here: message, fix; only in English: message, fix), formatted with ``item`` and
``line``."""


def _cite_messages(en: str) -> _Messages:
    return (
        f"cites '{{item}}', which {en} does not cite",
        f"cite the same sources as {en}: remove it, or cite it in the English page too",
        f"does not cite '{{item}}', which {en}:{{line}} cites",
        f"translate the sentence at {en}:{{line}} with its [@{{item}}]",
    )


def _tel_messages(en: str) -> _Messages:
    return (
        f"links to tel:{{item}}, which {en} does not",
        f"use the numbers of {en}: check this number against it and the data",
        f"has no link to tel:{{item}}, which {en}:{{line}} has",
        f"translate the sentence at {en}:{{line}} with its tel: link",
    )


def _differences(  # noqa: PLR0917 (both sides and the words for what differs)
    path: str,
    code: str,
    ours: Mapping[str, tuple[int, int]],
    theirs: Mapping[str, tuple[int, int]],
    en: str,
    words: _Messages,
) -> list[Finding]:
    """Findings for each item only one side has: at the translation's line, or at its line 1."""
    findings = []
    for item in sorted(set(ours) - set(theirs), key=lambda i: (ours[i], i)):
        line, col = ours[item]
        message, fix = words[0].format(item=item), words[1]
        findings.append(Finding(path, line, col, code, message, fix))
    for item in sorted(set(theirs) - set(ours), key=lambda i: (theirs[i], i)):
        line = theirs[item][0]
        message = words[2].format(item=item, line=line)
        fix = words[3].format(item=item, line=line)
        findings.append(Finding(path, 1, 1, code, message, fix))
    return findings


def _boxes(
    path: str, ours: Mapping[str, list[int]], theirs: Mapping[str, list[int]], en: str
) -> list[Finding]:
    findings = []
    for kind in ("danger", "warning"):
        here, there = ours.get(kind, []), theirs.get(kind, [])
        if len(here) == len(there):
            continue
        lines = f"line{'s' if len(there) > 1 else ''} {', '.join(map(str, there))}"
        message = (
            f"{_count(len(here), kind)} here, {_count(len(there), kind)} in {en} ({lines})"
            if there
            else f"{_count(len(here), kind)} here, none in {en}"
        )
        if len(here) > len(there):
            line = here[len(there)]
            fix = f"keep the boxes of {en}: remove this one (or change its kind), or add it there"
        else:
            line = 1
            fix = f"translate each {kind} box of {en} as a '!!! {kind}' box"
        findings.append(Finding(path, line, 1, "I18N004", message, fix))
    return findings


def _count(number: int, kind: str) -> str:
    return f"{number} {kind} box{'es' if number != 1 else ''}"


def last_changed(docs_dir: Path, today: date) -> dict[str, date] | None:
    """Map each page of ``docs_dir`` (path inside it) to the day it last changed, from git.

    Two git commands for the whole folder: ``git log`` (the last commit date of each file,
    ``%cs``) and ``git status`` (a file with changes not yet committed, or never committed,
    changed today). ``None`` when git or the repository is not there.
    """
    folder = docs_dir.resolve()
    prefix = _repository_prefix(folder)
    if prefix is None:
        return None
    log = _git(folder, "log", "-z", "--name-only", "--format=%x01%cs", "--", ".")
    status = _git(folder, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".")
    if log is None or status is None:
        return None
    days: dict[str, date] = {}
    day: date | None = None
    for item in log.split("\0"):
        name = item.strip("\n")
        if name.startswith("\x01"):
            day = date.fromisoformat(name[1:11])
            name = name[11:].strip("\n")
        if name and day is not None and name.startswith(prefix):
            days.setdefault(name.removeprefix(prefix), day)  # newest commit first
    entries = iter(status.split("\0"))
    for entry in entries:
        if len(entry) < 4:  # "XY " and a path
            continue
        if entry[0] in "RC":
            next(entries, None)  # a rename's old name follows it
        name = entry[3:]
        if name.startswith(prefix):
            days[name.removeprefix(prefix)] = today
    return days


def _repository_prefix(folder: Path) -> str | None:
    """Return ``folder``'s path inside its git work tree (``docs/``), ``None`` outside one."""
    for parent in (folder, *folder.parents):
        if (parent / ".git").exists():
            rel = folder.relative_to(parent).as_posix()
            return "" if rel == "." else f"{rel}/"
    return None


def _git(folder: Path, *args: str) -> str | None:
    """Run ``git -C folder ...``; its output, or ``None`` when git fails or is missing."""
    try:
        done = subprocess.run(  # fixed arguments, no shell
            ["git", "-C", str(folder), "-c", "core.quotepath=off", *args],
            capture_output=True,
            check=False,
            timeout=GIT_TIMEOUT,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "replace")
