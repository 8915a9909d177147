"""Read and check the one source registry, ``docs/sources.yml``.

The registry is a YAML list; each entry has ``id``, ``title``, ``publisher`` and/or
``authors``, ``kind``, ``year`` (of publication), ``url`` and ``accessed`` (the date it was
read), and may have a ``doi`` and a ``note``. A living page with no publication date has
``undated: true`` instead of a ``year``. Every problem is a finding with the line and column of
the field, never an exception:

- SR000 unreadable file, SR001 not YAML or not a list of entries, SR002 a required field
  missing, SR003 duplicate id, SR004-SR008 a field of the wrong form, SR009 unknown field
  (warn), SR010 unknown ``kind``;
- SR011 no ``kind``; SR012 ``year`` later than the year of ``accessed``; SR013 ``undated``
  that is not ``true``, or given with a ``year``; SR014 a ``doi`` that is not a DOI;
  SR015 a doi.org ``url`` with no ``doi`` field (warn);
- SR016 a host known to be a mirror, scrape, aggregator or marketing site, from a list the
  caller passes in (:func:`check_hosts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import yaml

from pocketguide.content import _yaml
from pocketguide.content.citations import ID_RE
from pocketguide.findings import Finding, Severity

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from pathlib import Path

REQUIRED_FIELDS = ("id", "title", "url", "accessed")
"""Fields every entry needs; it also needs ``publisher`` or ``authors`` (or both), and
``year`` unless it is ``undated: true``."""

OPTIONAL_FIELDS = frozenset({"publisher", "authors", "note", "year", "undated", "doi", "kind"})

KINDS = (
    "government",
    "regulator",
    "label",
    "peer-reviewed",
    "service",
    "news",
    "encyclopedia",
    "other",
)
"""What a source is: who stands behind it decides what it may be cited for."""

PRIMARY_KINDS = ("government", "regulator", "label", "peer-reviewed", "service")
"""Kinds that stand behind a safety fact themselves: a citation in a warning box, or on the
emergency page and the card, needs at least one source of these kinds (configurable)."""

BLOCKED_HOSTS = {
    "pages.dev": "anyone can host a copy of any page here",
    "uk-times.com": "news aggregator that reposts other sites' stories",
    "120ty.net": "unofficial copy of a drug label",
    "ecstasymdma.com": "copies other services' leaflets",
    "addictionfriend.com": "rehab marketing site",
    "globalauthorid.com": "copy of a paper's abstract, not the paper",
    "peeref.com": "copy of a paper's abstract, not the paper",
    "ouci.dntb.gov.ua": "index of papers that cite a paper, not the paper",
    "discovery.researcher.life": "topic listing of papers, not a paper",
    "github.com/josikinzz": "third-party scrape of harm-reduction sites",
    "dev.dancesafe.org": "development copy of dancesafe.org",
    "mdedge9-ma1.mdedge.com": "mirror of mdedge.com",
    "dailymail.co.uk": "tabloid: not a source for safety facts",
    "docslib.org": "copy of a document uploaded by someone else",
    "studyres.com": "copy of a document uploaded by someone else",
}
"""Hosts (or host and path prefix) never cited, each with why; subdomains match too."""

DOI_RE = re.compile(r"10\.\d{4,9}/\S+")
"""A DOI as Crossref describes it: ``10.``, a registrant code of 4-9 digits, ``/``, a suffix."""
_DOI_HOSTS = frozenset({"doi.org", "dx.doi.org", "www.doi.org"})
_ALL_FIELDS = ", ".join((*REQUIRED_FIELDS, *sorted(OPTIONAL_FIELDS)))
MIN_YEAR = 1800
MAX_YEAR = 2100


@dataclass(frozen=True)
class Source:
    """One registry entry. ``line`` is where the entry starts in the registry file."""

    id: str
    title: str
    publisher: str | None
    authors: tuple[str, ...]
    year: int | None
    url: str
    accessed: date | None
    line: int
    kind: str = "other"
    doi: str | None = None
    undated: bool = False
    positions: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False)
    note: str | None = None
    """What was read and what was not (shown on the page that lists every source)."""
    """Where each field is written: 1-based ``(line, col)`` in the registry file."""

    def at(self, key: str) -> tuple[int, int]:
        """Return where ``key`` is written, or where the entry starts when it is absent."""
        return self.positions.get(key, (self.line, 1))

    @property
    def by(self) -> str:
        """Return who published it: the authors, the publisher, or both."""
        names = ", ".join(self.authors)
        return "; ".join(part for part in (names, self.publisher or "") if part)


def load_sources(path: Path, name: str | None = None) -> tuple[dict[str, Source], list[Finding]]:
    """Read the registry at ``path``; an unreadable file is a finding, never an exception.

    ``name`` is the path shown in findings (default: ``path`` as given).
    """
    name = str(path) if name is None else name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        message = f"cannot read the source registry: {reason}"
        fix = "create the file, or point the 'sources' option of pocketguide/content at it"
        return {}, [Finding(name, 0, 0, "SR000", message, fix)]
    return parse_sources(text, name)


def parse_sources(text: str, path: str) -> tuple[dict[str, Source], list[Finding]]:
    """Parse and check the registry's text; ``path`` is used in the findings."""
    node, problem = _yaml.compose(text)
    if problem is not None:
        line, col = (problem.line + 1, problem.col + 1) if problem.line >= 0 else (1, 1)
        fix = problem.fix or _yaml.SYNTAX_FIX
        message = f"source registry is not valid YAML: {problem.problem}"
        return {}, [Finding(path, line, col, "SR001", message, fix)]
    if node is None:
        return {}, []
    if not isinstance(node, yaml.SequenceNode):
        message = "source registry must be a list of entries"
        fix = "start each entry with '- id: ...'"
        return {}, [Finding(path, *_pos(node), "SR001", message, fix)]
    sources: dict[str, Source] = {}
    findings: list[Finding] = []
    for entry in node.value:
        source, problems = _read_entry(entry, path)
        findings += problems
        if source is None:
            continue
        if source.id in sources:
            first = sources[source.id].line
            message = f"duplicate source id '{source.id}' (first used on line {first})"
            fix = "give each source its own id, or merge the two entries"
            findings.append(Finding(path, source.line, 1, "SR003", message, fix))
            continue
        sources[source.id] = source
    return sources, findings


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _read_entry(entry: yaml.Node, path: str) -> tuple[Source | None, list[Finding]]:
    line, col = _pos(entry)
    if not isinstance(entry, yaml.MappingNode):
        message = "source entry must be a set of 'field: value' lines"
        fix = "write the entry as '- id: ...' followed by its other fields"
        return None, [Finding(path, line, col, "SR001", message, fix)]
    values: dict[str, object] = {}
    where: dict[str, tuple[int, int]] = {}
    findings: list[Finding] = []
    for key, key_node, value_node in _yaml.pairs(entry):
        where[key] = _pos(key_node)
        value, problem = _yaml.build(value_node)
        if problem is not None:
            message = f"value of '{key}' cannot be read: {problem.problem}"
            fix = _yaml.VALUE_FIX
            findings.append(Finding(path, problem.line + 1, problem.col + 1, "SR001", message, fix))
            continue
        values[key] = value
        if key not in REQUIRED_FIELDS and key not in OPTIONAL_FIELDS:
            message = f"unknown field '{key}'"
            fix = f"remove it, or use one of {_ALL_FIELDS}"
            findings.append(Finding(path, *where[key], "SR009", message, fix, Severity.WARN))
    checker = _EntryChecker(path, values, where, (line, col))
    source = checker.source()
    return source, findings + checker.findings


class _EntryChecker:
    """Checks the fields of one entry, collecting findings at each field's position."""

    def __init__(
        self,
        path: str,
        values: dict[str, object],
        where: dict[str, tuple[int, int]],
        start: tuple[int, int],
    ) -> None:
        self.path = path
        self.values = values
        self.where = where
        self.start = start
        self.findings: list[Finding] = []

    def report(self, key: str, code: str, message: str, fix: str) -> None:
        line, col = self.where.get(key, self.start)
        self.findings.append(Finding(self.path, line, col, code, message, fix))

    def text(self, key: str) -> str | None:
        value = self.values.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if key in self.values:
            self.report(
                key, "SR008", f"'{key}' must be text", f"write one line of text after '{key}:'"
            )
        return None

    def source(self) -> Source | None:
        ident = self.values.get("id")
        for key in REQUIRED_FIELDS:
            if key not in self.where:  # a value that could not be read is already reported
                self.report(
                    key, "SR002", f"source is missing '{key}'", f"add '{key}:' to the entry"
                )
        if "publisher" not in self.where and "authors" not in self.where:
            message = "source needs 'publisher' or 'authors'"
            self.report("id", "SR002", message, "add who published or wrote it")
        title, publisher, authors = self.text("title"), self.text("publisher"), self.authors()
        year, url, accessed = self.year(), self.url(), self.accessed()
        kind, doi, undated = self.kind(), self.doi(url), self.undated()
        if year is None and "year" not in self.where and not undated:
            message = "source has no 'year'"
            fix = "add the year it was published, or 'undated: true' for a page with no date"
            self.report("id", "SR002", message, fix)
        if year is not None and accessed is not None and year > accessed.year:
            message = f"'year' {year} is later than the year it was read ('accessed: {accessed}')"
            fix = "'year' is the year of publication: check it at the source"
            self.report("year", "SR012", message, fix)
        if not isinstance(ident, str) or not ID_RE.fullmatch(ident):
            if "id" in self.values:
                message = f"source id {_yaml.describe(ident)} is not a valid id"
                fix = "use lowercase letters, digits and hyphens, for example 'who-naloxone-2023'"
                self.report("id", "SR007", message, fix)
            return None
        line = self.start[0]
        return Source(
            ident,
            title or "",
            publisher,
            authors,
            year,
            url or "",
            accessed,
            line,
            kind,
            doi,
            undated,
            dict(self.where),
            self.text("note"),
        )

    def kind(self) -> str:
        value = self.values.get("kind")
        if isinstance(value, str) and value in KINDS:
            return value
        if "kind" in self.values:
            message = f"'kind' must be one of {', '.join(KINDS)}, not {_yaml.describe(value)}"
            self.report("kind", "SR010", message, "say what the source is, e.g. 'kind: government'")
        elif "kind" not in self.where:
            message = "source has no 'kind'"
            fix = f"add 'kind:' with what the source is: {', '.join(KINDS)}"
            self.report("id", "SR011", message, fix)
        return "other"

    def undated(self) -> bool:
        value = self.values.get("undated")
        if "undated" not in self.values:
            return False
        if value is not True:
            message = f"'undated' must be true, not {value!r}"
            fix = "write 'undated: true' for a page with no publication date, or remove the line"
            self.report("undated", "SR013", message, fix)
            return False
        if "year" in self.where:
            message = "source has both 'year' and 'undated: true'"
            fix = "keep 'year' if the source gives a publication date, else remove 'year'"
            self.report("undated", "SR013", message, fix)
        return True

    def doi(self, url: str | None) -> str | None:
        value = self.text("doi")
        if value is not None and not DOI_RE.fullmatch(value):
            bare = DOI_RE.search(value)
            message = f"'doi' must look like 10.NNNN/..., not {value!r}"
            fix = f"write only the DOI: 'doi: {bare.group()}'" if bare else _DOI_FIX
            self.report("doi", "SR014", message, fix)
            return None
        if value is None and "doi" not in self.where and url is not None:
            parts = urlsplit(url)
            bare = DOI_RE.fullmatch(parts.path.lstrip("/"))
            if (parts.hostname or "") in _DOI_HOSTS and bare:
                message = "'url' is a DOI link but the entry has no 'doi'"
                fix = f"add 'doi: {bare.group()}' so readers can find the paper anywhere"
                line, col = self.where.get("url", self.start)
                self.findings.append(
                    Finding(self.path, line, col, "SR015", message, fix, Severity.WARN)
                )
        return value

    def authors(self) -> tuple[str, ...]:
        value = self.values.get("authors")
        if isinstance(value, str) and value.strip():
            return (value.strip(),)
        if isinstance(value, list) and value and all(isinstance(a, str) and a for a in value):
            return tuple(a.strip() for a in value)
        if "authors" in self.values:
            message = "'authors' must be text or a list of names"
            self.report("authors", "SR008", message, "write 'authors: [Name One, Name Two]'")
        return ()

    def year(self) -> int | None:
        value = self.values.get("year")
        if isinstance(value, int) and not isinstance(value, bool) and MIN_YEAR <= value <= MAX_YEAR:
            return value
        if "year" in self.values:
            shown = _yaml.describe(value)
            message = f"'year' must be a year between {MIN_YEAR} and {MAX_YEAR}, not {shown}"
            self.report(
                "year", "SR005", message, "write the year of publication, e.g. 'year: 2023'"
            )
        return None

    def url(self) -> str | None:
        value = self.values.get("url")
        if isinstance(value, str) and _is_web_url(value):
            return value
        if "url" in self.values:
            message = f"'url' must be a full web address, not {_yaml.describe(value)}"
            self.report("url", "SR004", message, "write it as https://example.org/page")
        return None

    def accessed(self) -> date | None:
        value = self.values.get("accessed")
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if "accessed" in self.values:
            message = f"'accessed' must be a date, not {_yaml.describe(value)}"
            fix = "write the day you read it, unquoted, as YYYY-MM-DD"
            self.report("accessed", "SR006", message, fix)
        return None


_DOI_FIX = "copy the DOI from the paper's page, e.g. 'doi: 10.1111/dar.13950'"


def check_hosts(sources: Iterable[Source], blocked: Mapping[str, str], path: str) -> list[Finding]:
    """Return SR016 for each source whose ``url`` is on a blocked host.

    ``blocked`` maps a host (``uk-times.com``), or a host and path prefix
    (``github.com/josikinzz``), to why it is never cited. A host also matches its
    subdomains (``www.uk-times.com``); a path prefix matches whole path segments.
    """
    rules = {key: _blocked_rule(key) for key in blocked}
    findings = []
    for source in sources:
        match = next((key for key, rule in rules.items() if rule(source.url)), None)
        if match is None:
            continue
        reason = blocked[match]
        message = f"source '{source.id}' is on {match}: {reason}"
        fix = (
            "cite the primary source instead: the government or regulator page, the paper "
            "(with its DOI), the drug label, or the service's own page"
        )
        findings.append(Finding(path, *source.at("url"), "SR016", message, fix))
    return findings


def _blocked_rule(key: str) -> Callable[[str], bool]:
    host, _, prefix = key.strip().lower().partition("/")
    segments = [part for part in prefix.split("/") if part]

    def matches(url: str) -> bool:
        try:
            parts = urlsplit(url)
        except ValueError:
            return False
        name = (parts.hostname or "").rstrip(".")
        if name != host and not name.endswith(f".{host}"):
            return False
        path = [part for part in parts.path.lower().split("/") if part]
        return path[: len(segments)] == segments

    return matches


def _is_web_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return (
        parts.scheme in {"http", "https"}
        and bool(parts.hostname)
        and value.strip() == value
        and " " not in value
    )
