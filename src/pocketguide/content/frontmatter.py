"""Read and check the front matter block at the top of a guide page.

MkDocs silently drops front matter that is not valid YAML (``mkdocs/utils/meta.py`` catches
every exception), so a page with a typo would build without its title or review dates. This
module parses the block itself, maps every problem to a line and column in the file, and checks
the content contract: ``title``, ``description`` (at most 160 characters), ``last_reviewed``
and ``next_review`` (YAML dates, next after last, at most 3 years on, or 1 year for pages that
set ``changes_fast: true``), and the optional clinical sign-off ``reviewed_by``: one reviewer
or a list, each with ``name``, ``role`` and ``date`` (a real day, not in the future). Nobody
is ever invented: a page without a recorded reviewer says that it awaits clinical review.
A translation (``X.es.md``) also sets ``translated_from``: the date of the English text it
translates, a YAML date like the review dates.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

import yaml

from pocketguide.content import _yaml
from pocketguide.findings import Finding, Severity

if TYPE_CHECKING:
    from collections.abc import Mapping

REQUIRED_KEYS = ("title", "description", "last_reviewed", "next_review")
"""Keys every page must set when review dates are required (``require_review_dates``, on for
the guide), in the order they are reported when missing."""


def required_keys(require_review_dates: bool) -> tuple[str, ...]:
    """Return the keys every page must set: :data:`REQUIRED_KEYS` under the guide's contract,
    none otherwise (a site's pages then need no front matter; what they set is still checked).
    """
    return REQUIRED_KEYS if require_review_dates else ()


OPTIONAL_KEYS = frozenset(
    {
        "changes_fast",  # ours: law and helplines, reviewed at least yearly
        "hide",  # Material: hide navigation, toc, footer
        "icon",  # Material: page icon in the navigation
        "reviewed_by",  # ours: clinical sign-off, a list of {name, role, date}
        "search",  # Material: search boost / exclude
        "status",  # Material: page status badge
        "subtitle",  # Material: subtitle in the navigation
        "tags",  # Material: tags plugin
        "template",  # MkDocs: per-page template
        "translated_from",  # ours: a translation's English text date (X.es.md), a YAML date
    }
)
"""Keys a page may set; anything else is reported as a warning (a likely typo)."""

MAX_DESCRIPTION = 160
MAX_REVIEW_YEARS = 3
MAX_REVIEW_YEARS_FAST = 1
DUE_SOON_DAYS = 30

_MKDOCS_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MKDOCS_META_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_OPEN_RE = re.compile(r"---[ \t]*\r?")
_CLOSE_RE = re.compile(r"(?:---|\.\.\.)[ \t]*\r?")
_DATE_FIX = "write it unquoted as YYYY-MM-DD, for example 2026-11-20"
REVIEWER_KEYS = ("name", "role", "date")
"""Fields of one ``reviewed_by`` entry, all required."""

_REVIEWER_EXAMPLE = "reviewed_by: [{name: ..., role: ..., date: YYYY-MM-DD}]"
_REVIEW_FIX = "check the page against its sources, then update last_reviewed and next_review"
_EXAMPLES = {
    "title": "Mixing drugs",
    "description": "One sentence on what the page covers.",
    "last_reviewed": "2026-11-20",
    "next_review": "2027-11-20",
}


@dataclass(frozen=True)
class Reviewer:
    """One recorded clinical sign-off of a page."""

    name: str
    role: str
    date: date


@dataclass(frozen=True)
class FrontMatter:
    """A page's front matter and the Markdown after it.

    ``body_line`` is the 1-based line of the file where ``body`` starts. ``positions`` maps
    each key to the 1-based ``(line, col)`` where it is written, for findings about it; keys
    inside lists and mappings are dotted (``reviewed_by.0.date``; ``reviewed_by.0`` is the
    first item).
    """

    data: dict[str, object]
    body: str
    body_line: int
    path: str = ""
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False)

    def at(self, key: str) -> tuple[int, int]:
        """Return where ``key`` is written, or the top of the file when it is absent."""
        return self.positions.get(key, (1, 1))


def parse_front_matter(
    text: str,
    path: str,
    today: date | None = None,
    *,
    required: tuple[str, ...] = REQUIRED_KEYS,
) -> tuple[FrontMatter | None, list[Finding]]:
    """Parse and check the leading ``---`` block of ``text`` (the content of ``path``).

    Returns ``(None, findings)`` when there is no block or it is not valid YAML; otherwise
    the parsed front matter and any schema findings. ``today`` (default: the real today)
    is the latest day a reviewer may have signed off. ``required``: the keys a page must set
    (see :func:`required_keys`); with none, a page without a block is fine. Never raises.
    """
    lines = text.removeprefix("\ufeff").split("\n")
    if not _OPEN_RE.fullmatch(lines[0]):
        if not required:
            return None, []
        return None, [
            Finding(
                path,
                1,
                1,
                "FM002",
                "page has no front matter",
                f"start the file with a --- block holding {_listed(required)}",
            )
        ]
    close = next((i for i in range(1, len(lines)) if _CLOSE_RE.fullmatch(lines[i])), None)
    if close is None:
        return None, [
            Finding(
                path,
                1,
                1,
                "FM001",
                "front matter is never closed",
                "add a line with --- after the last key",
            )
        ]
    source = "\n".join(lines[1:close]) + "\n"
    data, positions, findings = _load_mapping(source, path)
    if data is None:
        return None, findings
    fm = FrontMatter(data, "\n".join(lines[close + 1 :]), close + 2, path, positions)
    return fm, findings + check_schema(fm, today, required=required)


def markdown_start_line(text: str) -> int:
    """Return the file line where the Markdown that MkDocs hands to plugins starts.

    MkDocs (``mkdocs/utils/meta.py``) removes a front matter block that holds a YAML mapping,
    and the blank lines after it; anything else stays in the Markdown. Knowing this from the
    file alone keeps line numbers right when an earlier plugin has already changed the page.
    """
    match = _MKDOCS_META_RE.match(text)
    if match is None:
        return 1
    try:
        data = yaml.load(match.group(1), Loader=_MKDOCS_LOADER)  # noqa: S506 (a safe loader)
    except Exception:  # MkDocs keeps the block as Markdown on any error, so do we
        return 1
    if not isinstance(data, dict):
        return 1
    rest = text[match.end() :]
    skipped = match.end() + len(rest) - len(rest.lstrip("\n"))
    return text.count("\n", 0, skipped) + 1


def _load_mapping(
    source: str, path: str
) -> tuple[dict[str, object] | None, dict[str, tuple[int, int]], list[Finding]]:
    """Load the YAML between the fences; positions are 1-based in the file (YAML starts on 2)."""

    def where(line: int, col: int) -> tuple[int, int]:
        return (line + 2, col + 1) if line >= 0 else (1, 1)

    def syntax(problem: _yaml.YamlProblem, key: str = "") -> Finding:
        line, col = where(problem.line, problem.col)
        what = f"value of '{key}' cannot be read" if key else "front matter is not valid YAML"
        return Finding(
            path,
            line,
            col,
            "FM001",
            f"{what}: {problem.problem}",
            problem.fix or (_yaml.VALUE_FIX if key else _yaml.SYNTAX_FIX),
        )

    node, problem = _yaml.compose(source)
    if problem is not None:
        return None, {}, [syntax(problem)]
    if node is None:
        return {}, {}, []
    if not isinstance(node, yaml.MappingNode):
        line, col = where(node.start_mark.line, node.start_mark.column)
        return (
            None,
            {},
            [
                Finding(
                    path,
                    line,
                    col,
                    "FM001",
                    "front matter is not a list of 'key: value' lines",
                    "write one 'key: value' per line, for example 'title: Mixing'",
                )
            ],
        )
    data: dict[str, object] = {}
    positions: dict[str, tuple[int, int]] = {}
    findings: list[Finding] = []
    for key, key_node, value_node in _yaml.pairs(node):
        line, col = where(key_node.start_mark.line, key_node.start_mark.column)
        if key in positions:
            findings.append(
                Finding(
                    path,
                    line,
                    col,
                    "FM001",
                    f"key '{key}' is set twice",
                    f"keep one '{key}' line (YAML would silently use the last one)",
                )
            )
            continue
        positions[key] = (line, col)
        _nested_positions(key, value_node, positions)
        value, problem = _yaml.build(value_node)
        if problem is not None:
            findings.append(syntax(problem, key))
            continue
        data[key] = value
    if findings:
        return None, positions, findings
    return data, positions, []


def _nested_positions(prefix: str, node: yaml.Node, positions: dict[str, tuple[int, int]]) -> None:
    """Record where each item and key inside ``node`` is written, as dotted keys."""
    children: list[tuple[str, yaml.Node, yaml.Node]] = []
    if isinstance(node, yaml.SequenceNode):
        children = [(str(i), item, item) for i, item in enumerate(node.value)]
    elif isinstance(node, yaml.MappingNode):
        children = _yaml.pairs(node)
    for name, at, value in children:
        key = f"{prefix}.{name}"
        positions.setdefault(key, (at.start_mark.line + 2, at.start_mark.column + 1))
        _nested_positions(key, value, positions)


def check_schema(
    fm: FrontMatter, today: date | None = None, *, required: tuple[str, ...] = REQUIRED_KEYS
) -> list[Finding]:
    """Check parsed front matter against the content contract (``today`` and ``required``:
    see :func:`parse_front_matter`)."""
    findings = [
        _at(fm, key, "FM002", f"missing required key '{key}'", f"add '{key}: {_EXAMPLES[key]}'")
        for key in required
        if key not in fm.data
    ]
    findings += _check_text(fm)
    findings += _check_dates(fm)
    findings += _check_reviewers(fm, today or date.today())
    # Under the guide's contract every key is known; another site's templates may read any.
    findings += [
        _at(fm, key, "FM007", f"unknown key '{key}'", _unknown_fix(key), severity=Severity.WARN)
        for key in fm.data
        if required and key not in REQUIRED_KEYS and key not in OPTIONAL_KEYS
    ]
    return findings


def _check_text(fm: FrontMatter) -> list[Finding]:
    findings = []
    for key in ("title", "description"):
        value = fm.data.get(key)
        if key in fm.data and (not isinstance(value, str) or not value.strip()):
            message = f"'{key}' must be text, not {_describe(value)}"
            findings.append(
                _at(fm, key, "FM003", message, f"write one line of text after '{key}:'")
            )
    description = fm.data.get("description")
    if isinstance(description, str) and len(description) > MAX_DESCRIPTION:
        message = f"description is {len(description)} characters, more than {MAX_DESCRIPTION}"
        fix = "shorten it: it is the search snippet and the share text"
        findings.append(_at(fm, "description", "FM004", message, fix))
    return findings


def _check_dates(fm: FrontMatter) -> list[Finding]:
    findings = []
    dates: dict[str, date] = {}
    for key in ("last_reviewed", "next_review", "translated_from"):
        value = fm.data.get(key)
        if isinstance(value, date) and not isinstance(value, datetime):
            dates[key] = value
        elif key in fm.data:
            message = f"'{key}' must be a date, not {_describe(value)}"
            findings.append(_at(fm, key, "FM003", message, _DATE_FIX))
    fast = fm.data.get("changes_fast", False)
    if not isinstance(fast, bool):
        message = f"'changes_fast' must be true or false, not {_describe(fast)}"
        fix = "write 'changes_fast: true' or remove the line"
        findings.append(_at(fm, "changes_fast", "FM003", message, fix))
        fast = False
    if "last_reviewed" not in dates or "next_review" not in dates:
        return findings
    last, nxt = dates["last_reviewed"], dates["next_review"]
    years = MAX_REVIEW_YEARS_FAST if fast else MAX_REVIEW_YEARS
    limit = add_years(last, years)
    if nxt <= last:
        message = f"next_review {nxt} is not after last_reviewed {last}"
        fix = f"set next_review to a later date, at the latest {limit}"
        findings.append(_at(fm, "next_review", "FM005", message, fix))
    elif nxt > limit:
        plural = "s" if years > 1 else ""
        message = f"next_review {nxt} is more than {years} year{plural} after last_reviewed {last}"
        why = " (pages with changes_fast: true are reviewed yearly)" if fast else ""
        fix = f"set next_review on or before {limit}{why}"
        findings.append(_at(fm, "next_review", "FM006", message, fix))
    return findings


def _check_reviewers(fm: FrontMatter, today: date) -> list[Finding]:
    """FM008 for a ``reviewed_by`` that does not record real sign-offs; FM007 for unknown keys."""
    if "reviewed_by" not in fm.data:
        return []
    value = fm.data["reviewed_by"]
    items, prefix = ([value], "reviewed_by") if isinstance(value, dict) else (value, "")
    if not isinstance(items, list) or not items:
        message = (
            "'reviewed_by' is empty"
            if items == []
            else f"'reviewed_by' must list who reviewed the page, not {_describe(value)}"
        )
        fix = f"write {_REVIEWER_EXAMPLE}, or remove it until someone has signed off"
        return [_at(fm, "reviewed_by", "FM008", message, fix)]
    findings = []
    for number, item in enumerate(items, 1):
        base = prefix or f"reviewed_by.{number - 1}"
        who = f"reviewer {number}"
        if not isinstance(item, dict):
            message = f"{who} must have name, role and date, not {_describe(item)}"
            findings.append(_at(fm, base, "FM008", message, f"write {_REVIEWER_EXAMPLE}"))
            continue
        for key in REVIEWER_KEYS:
            if key not in item:
                message = f"{who} has no '{key}'"
                fix = f"add '{key}:' as recorded at sign-off; never make one up"
                findings.append(_at(fm, base, "FM008", message, fix))
        for key in ("name", "role"):
            text = item.get(key)
            if key in item and (not isinstance(text, str) or not text.strip()):
                message = f"{who}'s '{key}' must be text, not {_describe(text)}"
                fix = f"write the reviewer's {key} after '{key}:'"
                findings.append(_at(fm, f"{base}.{key}", "FM008", message, fix))
        day = item.get("date")
        if "date" in item and (not isinstance(day, date) or isinstance(day, datetime)):
            message = f"{who}'s 'date' must be a date, not {_describe(day)}"
            findings.append(_at(fm, f"{base}.date", "FM008", message, _DATE_FIX))
        elif isinstance(day, date) and day > today:
            message = f"{who}'s 'date' {day} is in the future"
            fix = "write the day the reviewer signed off"
            findings.append(_at(fm, f"{base}.date", "FM008", message, fix))
        findings += [
            _at(fm, f"{base}.{key}", "FM007", f"unknown key '{key}' in {who}",
                "use name, role and date", severity=Severity.WARN)
            for key in item
            if key not in REVIEWER_KEYS
        ]  # fmt: skip
    return findings


def reviewers(fm: FrontMatter) -> tuple[Reviewer, ...]:
    """Return the page's recorded sign-offs; entries that fail the schema are left out."""
    value = fm.data.get("reviewed_by")
    items = [value] if isinstance(value, dict) else value if isinstance(value, list) else []
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        name, role, day = item.get("name"), item.get("role"), item.get("date")
        if (
            isinstance(name, str)
            and name.strip()
            and isinstance(role, str)
            and role.strip()
            and isinstance(day, date)
            and not isinstance(day, datetime)
        ):
            out.append(Reviewer(name.strip(), role.strip(), day))
    return tuple(out)


def clinical_review_status(fm: FrontMatter, *, required: bool) -> Finding | None:
    """Return FM012 when clinical sign-off is required (a release build) and none is recorded."""
    if not required or "reviewed_by" in fm.data:
        return None
    line, col = fm.at("last_reviewed")
    message = "page has no 'reviewed_by', and this build requires clinical sign-off"
    fix = f"add {_REVIEWER_EXAMPLE} once a named clinician has reviewed the page; never make one up"
    return Finding(fm.path, line, col, "FM012", message, fix)


def _at(
    fm: FrontMatter,
    key: str,
    code: str,
    message: str,
    fix: str,
    *,
    severity: Severity = Severity.ERROR,
) -> Finding:
    """Return a finding placed where ``key`` is written in the page."""
    line, col = fm.at(key)
    return Finding(fm.path, line, col, code, message, fix, severity)


def review_status(fm: FrontMatter, today: date) -> Finding | None:
    """Return a finding when the page's review is overdue (error) or due within 30 days (warn)."""
    nxt = fm.data.get("next_review")
    if not isinstance(nxt, date) or isinstance(nxt, datetime):
        return None
    days = (nxt - today).days
    if days < 0:
        return _at(
            fm, "next_review", "FM010", f"review overdue: next_review was {nxt}", _REVIEW_FIX
        )
    if days <= DUE_SOON_DAYS:
        when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
        message = f"review due {when}, on {nxt}"
        return _at(fm, "next_review", "FM011", message, _REVIEW_FIX, severity=Severity.WARN)
    return None


def add_years(day: date, years: int) -> date:
    """Return the same calendar day ``years`` later (29 February becomes 28 February)."""
    if day.year + years > date.max.year:
        return date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _listed(keys: tuple[str, ...]) -> str:
    """Return ``a, b, c and d``."""
    return f"{', '.join(keys[:-1])} and {keys[-1]}" if len(keys) > 1 else "".join(keys)


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}" if value.strip() else "empty text"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, datetime):
        return f"a date and time ({value.isoformat(sep=' ')})"
    kinds = {int: "a number", float: "a number", list: "a list", dict: "a set of keys"}
    return kinds.get(type(value), type(value).__name__)


def _unknown_fix(key: str) -> str:
    known = sorted((*REQUIRED_KEYS, *OPTIONAL_KEYS))
    close = difflib.get_close_matches(key, known, n=1)
    if close:
        return f"did you mean '{close[0]}'? Otherwise remove it"
    return "remove it, or check the spelling against the content contract"
