"""Read and check the guide's data files: mixing ratings, emergency numbers, helplines.

Facts that show on several pages live once, in ``docs/data/<name>.yml``, and every page,
the card and the editions are rendered from them. Each file is read with positions (a
node tree, built value by value, so a bad value is reported at its own line), checked
against its JSON Schema (``schemas/<name>.schema.json``, shipped with the package) and then
cross-checked: every source id exists in the registry, ids and country codes are unique,
numbers can be dialled, and a ``checked`` date older than its review interval is a warning.

Every problem is a :class:`~pocketguide.findings.Finding` at the file's line and column,
never an exception. What is derived (whether sources disagree about a mix) is computed here
and never written in the data.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cache
from importlib.resources import files as package_files
from typing import TYPE_CHECKING, Any, TypeVar, cast

import phonenumbers
import yaml
from jsonschema import Draft202012Validator

from pocketguide.content import _yaml
from pocketguide.content.frontmatter import add_years
from pocketguide.findings import Finding, Severity

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping
    from pathlib import Path

    from jsonschema.exceptions import ValidationError

    from pocketguide.content.sources import Source

NAMES = ("mixing", "emergency", "helplines")
"""The data files, ``docs/data/<name>.yml``; each has ``schemas/<name>.schema.json``."""

REVIEW_YEARS: Mapping[str, int] = {"emergency": 1, "helplines": 1}
"""How long a ``checked`` date stays fresh, per file (numbers change; check them yearly)."""

DERIVED = {"disagree": "the build compares each source's rating with ours"}
"""Fields the published data has but the data files must not: they are computed."""

UNRATED = "unrated"
"""A source's rating when it lists no rating for a mix: it neither agrees nor disagrees."""

RULES = {
    "DAT001": "data file cannot be read",
    "DAT002": "data field missing",
    "DAT003": "unknown data field",
    "DAT004": "data value not allowed",
    "DAT005": "data cites an unknown source",
    "DAT006": "data id or key used twice",
    "DAT007": "data checked too long ago",
    "DAT008": "phone number cannot be dialled or does not match",
    "DAT009": "a translation holds a fact or an unknown field",
    "DAT010": "a translation names what the data file does not have",
    "DAT011": "a translation leaves words in English",
}

_T = TypeVar("_T")

Path_ = tuple[str | int, ...]
"""Where a value is in a data file: keys and list indexes from the top."""


@dataclass(frozen=True)
class Rating:
    """One step of the rating scale: ``Dangerous`` and what it means."""

    key: str
    label: str
    meaning: str


@dataclass(frozen=True)
class SourceRating:
    """One source's own rating of a mix; ``label`` is the short name readers see."""

    source: str
    rating: str
    label: str


@dataclass(frozen=True)
class Substance:
    """One row of the mixing data: our rating and each source's."""

    id: str
    name: str
    short: str
    group: str
    rating: str
    risk: str
    also_called: tuple[str, ...]
    sources: tuple[SourceRating, ...]
    note: str | None = None

    @property
    def disagreeing(self) -> tuple[SourceRating, ...]:
        """The sources whose own rating differs from ours (``unrated`` ones do not)."""
        return tuple(s for s in self.sources if s.rating not in {self.rating, UNRATED})

    @property
    def disagree(self) -> bool:
        """Whether any source rates this mix differently from us (derived, never written)."""
        return bool(self.disagreeing)


@dataclass(frozen=True)
class Mixing:
    """``docs/data/mixing.yml``: the rating scale and the substances in file order."""

    ratings: Mapping[str, Rating]
    substances: tuple[Substance, ...]

    def by_id(self, ident: str) -> Substance | None:
        """Return the substance with that id, or None."""
        return next((s for s in self.substances if s.id == ident), None)


@dataclass(frozen=True)
class Country:
    """The emergency numbers of one country or region."""

    country: str
    short: str
    code: str
    numbers: tuple[str, ...]
    reaches: str
    source: str
    checked: str


@dataclass(frozen=True)
class Emergency:
    """``docs/data/emergency.yml``: when to call, the red flags, and the numbers."""

    call_rule: str
    red_flags: tuple[str, ...]
    red_flags_sources: tuple[str, ...]
    numbers: tuple[Country, ...]
    call_rule_sources: tuple[str, ...] = ()
    sms_rule: str | None = None
    """The call rule short enough to text (plain text; see :mod:`pocketguide.content.sms`)."""


@dataclass(frozen=True)
class Helpline:
    """One helpline of ``docs/data/helplines.yml``."""

    country: str
    code: str
    name: str
    about: str
    source: str
    checked: str
    phone: str | None = None
    phone_display: str | None = None
    phone_note: str | None = None
    text: str | None = None
    web: str | None = None
    hours: str | None = None
    cost: str | None = None
    local_only: bool = False
    card: bool = False
    card_name: str | None = None
    """A shorter name for the printed card (``name`` when absent)."""


@dataclass(frozen=True)
class GuideData:
    """Every data file that exists and has no error; ``raw`` keeps each as JSON-ready data."""

    mixing: Mixing | None = None
    emergency: Emergency | None = None
    helplines: tuple[Helpline, ...] | None = None
    raw: Mapping[str, object] = field(default_factory=dict)
    paths: Mapping[str, str] = field(default_factory=dict)
    """The display path of each data file, existing or not (for findings about markers)."""
    broken: frozenset[str] = frozenset()
    """The data files that exist but have errors (reported in the file; not again per marker)."""
    language: str = "en"
    """The language of the words: the data files' own (``en``), or the one whose overlays
    (``<name>.<language>.yml``) were merged over them. ``raw`` is always the data files'."""

    def cited(self) -> list[str]:
        """Return every source id the data cites, in file order, each once."""
        ids: list[str] = []
        if self.mixing:
            ids += [s.source for sub in self.mixing.substances for s in sub.sources]
        if self.emergency:
            emergency = self.emergency
            ids += [*emergency.call_rule_sources, *emergency.red_flags_sources]
            ids += [c.source for c in emergency.numbers]
        if self.helplines:
            ids += [h.source for h in self.helplines]
        return list(dict.fromkeys(ids))


@cache
def schema(name: str) -> dict[str, Any]:
    """Return the JSON Schema of data file ``name`` (``mixing``, ``emergency``, ``helplines``)."""
    text = (package_files("pocketguide.content") / "schemas" / f"{name}.schema.json").read_text(
        encoding="utf-8"
    )
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def load_data(
    data_dir: Path,
    sources: Mapping[str, Source],
    *,
    display: Callable[[Path], str] = lambda p: p.as_posix(),
    today: date | None = None,
    review_years: Mapping[str, int] = REVIEW_YEARS,
    language: str | None = None,
) -> tuple[GuideData, list[Finding]]:
    """Read every data file in ``data_dir`` that exists; a missing file is not an error.

    ``today`` turns on the review-interval warnings (the checks pass it; the build does not,
    so an old date never fails a strict build). ``display`` gives the path shown in findings.

    ``language`` other than English (``es``, ``es-MX``): the words of each valid data file come
    from its overlay, ``<name>.es.yml`` beside it, when there is one (see
    :data:`OVERLAY_WORDS`); the facts, and ``raw``, stay the data file's. A missing overlay is
    no finding: readers see the English words.
    """
    raw: dict[str, object] = {}
    models: dict[str, object] = {}
    paths: dict[str, str] = {}
    broken: set[str] = set()
    findings: list[Finding] = []
    for name in NAMES:
        path = data_dir / f"{name}.yml"
        paths[name] = display(path)
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            message = f"cannot read the data file: {exc}"
            findings.append(Finding(paths[name], 0, 0, "DAT001", message, "save it as UTF-8"))
            broken.add(name)
            continue
        loaded = parse_data(
            name, text, paths[name], sources, today=today, years=review_years.get(name)
        )
        findings += loaded.findings
        if loaded.model is not None:
            raw[name], models[name] = loaded.data, loaded.model
        else:
            broken.add(name)
            continue
        overlay = (
            None if is_base_language(language) else overlay_file(data_dir, name, language or "")
        )
        if overlay is not None:
            models[name], problems = _read_overlay(
                name, overlay, display(overlay), loaded, paths[name]
            )
            findings += problems
    data = GuideData(
        mixing=_typed(models.get("mixing"), Mixing),
        emergency=_typed(models.get("emergency"), Emergency),
        helplines=_helplines(models.get("helplines")),
        raw=raw,
        paths=paths,
        broken=frozenset(broken),
        language=BASE_LANGUAGE if is_base_language(language) else str(language),
    )
    return data, findings


def _read_overlay(
    name: str, path: Path, shown: str, base: Loaded, base_path: str
) -> tuple[object, list[Finding]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        message = f"cannot read the data file: {exc}"
        return base.model, [Finding(shown, 0, 0, "DAT001", message, "save it as UTF-8")]
    return parse_overlay(name, text, shown, base, base_path)


def _typed(value: object, kind: type[_T]) -> _T | None:
    return value if isinstance(value, kind) else None


def _helplines(value: object) -> tuple[Helpline, ...] | None:
    if isinstance(value, tuple) and all(isinstance(h, Helpline) for h in value):
        return value
    return None


@dataclass
class Loaded:
    """One parsed data file: JSON-ready data, positions, findings, and the model if valid."""

    data: object = None
    findings: list[Finding] = field(default_factory=list)
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    unreadable: set[Path_] = field(default_factory=set)
    warnings: list[Finding] = field(default_factory=list)
    """Warnings found while building the model (they do not make it invalid)."""
    model: object = None

    def at(self, where: Path_) -> tuple[int, int]:
        """Return the 1-based position of the value at ``where`` (or of the nearest parent)."""
        while where and where not in self.values:
            where = where[:-1]
        return self.values.get(where, (1, 1))

    def key_at(self, where: Path_) -> tuple[int, int]:
        """Return where the key of ``where`` is written (or its value, for list items)."""
        return self.keys.get(where) or self.at(where)


def parse_data(
    name: str,
    text: str,
    path: str,
    sources: Mapping[str, Source],
    *,
    today: date | None = None,
    years: int | None = None,
) -> Loaded:
    """Parse, validate and cross-check the text of data file ``name``; never raises."""
    loaded = Loaded()
    node, problem = _yaml.compose(text)
    if problem is not None:
        line, col = (problem.line + 1, problem.col + 1) if problem.line >= 0 else (1, 1)
        message = f"data file is not valid YAML: {problem.problem}"
        loaded.findings.append(Finding(path, line, col, "DAT001", message, _yaml.SYNTAX_FIX))
        return loaded
    if node is None:
        message = "data file is empty"
        fix = "write the data, or delete the file if no page uses it"
        loaded.findings.append(Finding(path, 1, 1, "DAT001", message, fix))
        return loaded
    reader = _Reader(path, loaded)
    loaded.data = reader.value(node, (), set())
    loaded.findings += schema_findings(loaded, schema(name), path)
    checks = _Checks(path, loaded, sources)
    checks.source_ids()
    if loaded.findings:
        return _finish(loaded)
    loaded.model = checks.model(name)
    loaded.findings += loaded.warnings
    if today is not None and years is not None:
        loaded.findings += _stale(loaded, path, name, today, years)
    return _finish(loaded)


def _finish(loaded: Loaded) -> Loaded:
    loaded.findings = sorted(set(loaded.findings))
    return loaded


class _Reader:
    """Builds JSON-ready data from a node tree, recording where every key and value is."""

    def __init__(self, path: str, loaded: Loaded) -> None:
        self.path = path
        self.loaded = loaded

    def report(self, node: yaml.Node, code: str, message: str, fix: str) -> None:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        self.loaded.findings.append(Finding(self.path, line, col, code, message, fix))

    def value(self, node: yaml.Node, where: Path_, seen: set[int]) -> object:
        self.loaded.values[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if id(node) in seen:  # an alias of a node that contains it
            self.report(node, "DAT001", "a YAML alias refers to itself", "write the value out")
            return None
        inner = seen | {id(node)}
        if isinstance(node, yaml.MappingNode):
            out: dict[str, object] = {}
            for key, key_node, value_node in _yaml.pairs(node):
                if key in out:
                    message = f"'{key}' is written twice here"
                    fix = f"keep one '{key}' (YAML would silently use the last one)"
                    self.report(key_node, "DAT006", message, fix)
                    continue
                here = (*where, key)
                self.loaded.keys[here] = (
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                )
                out[key] = self.value(value_node, here, inner)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, (*where, i), inner) for i, item in enumerate(node.value)]
        built, problem = _yaml.build(node)
        if problem is not None:
            self.loaded.unreadable.add(where)
            message = f"value cannot be read: {problem.problem}"
            self.report(node, "DAT001", message, _yaml.VALUE_FIX)
            return None
        if isinstance(built, date | datetime):
            return built.isoformat()  # JSON has no dates; the schema checks the form
        return built


# ---- schema errors, in the editor's words ----

_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a set of 'field: value' lines",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "nothing",
}


def schema_findings(loaded: Loaded, spec: Mapping[str, Any], path: str) -> list[Finding]:
    """Return one finding per schema error, each at the key or value it is about."""
    validator = Draft202012Validator(spec, format_checker=Draft202012Validator.FORMAT_CHECKER)
    findings: list[Finding] = []
    for error in validator.iter_errors(loaded.data):
        if tuple(error.absolute_path) not in loaded.unreadable:  # reported as DAT001
            findings += _explain(error, loaded, path)
    return sorted(set(findings))


def _explain(error: ValidationError, loaded: Loaded, path: str) -> Iterator[Finding]:
    where: Path_ = tuple(error.absolute_path)
    # The stubs type these as unions with Unset; on a raised error they are the schema's values.
    spec: Any = error.schema
    expected: Any = error.validator_value
    instance, kind, fix_hint = error.instance, str(error.validator), spec.get("x-fix")
    what = _name(where)
    if kind == "required" and isinstance(instance, dict):
        for key in expected:
            if key not in instance:
                message = f"{_owner(where)} has no '{key}'"
                yield Finding(path, *loaded.at(where), "DAT002", message, f"add '{key}:'")
        return
    if kind == "dependentRequired" and isinstance(instance, dict):
        for key, needs in expected.items():
            for need in needs:
                if key in instance and need not in instance:
                    message = f"'{key}' is given without '{need}'"
                    fix = f"add '{need}:' or remove '{key}'"
                    yield Finding(path, *loaded.key_at((*where, key)), "DAT002", message, fix)
        return
    if kind == "additionalProperties" and isinstance(instance, dict):
        known = list(spec.get("properties", {}))
        for key in instance:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                fix = f"did you mean '{close[0]}'? Or remove it" if close else "remove it"
                fix += f" (fields here: {', '.join(known)})"
                message = f"unknown field '{key}'"
                if key in DERIVED:
                    message = f"'{key}' is worked out by the build, never written"
                    fix = f"remove it: {DERIVED[key]}"
                yield Finding(path, *loaded.key_at((*where, key)), "DAT003", message, fix)
        return
    message, fix = _value_problem(kind, error, what)
    yield Finding(path, *loaded.at(where), "DAT004", message, fix_hint or fix)


def _value_problem(kind: str, error: ValidationError, what: str) -> tuple[str, str]:  # noqa: PLR0911
    spec: Any = error.schema
    instance, expected = error.instance, cast("Any", error.validator_value)
    if kind == "type":
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in _as_list(expected))
        fix = "put it in quotes" if expected == "string" else f"write {words}"
        return f"{what} must be {words}, not {_describe(instance)}", fix
    if kind == "enum":
        allowed = ", ".join(str(v) for v in expected)
        close = difflib.get_close_matches(str(instance), [str(v) for v in expected], n=1)
        fix = f"did you mean '{close[0]}'?" if close else f"use one of {allowed}"
        return f"{what} is {_describe(instance)}; it must be one of {allowed}", fix
    if kind in {"minLength", "pattern"} and spec.get("pattern") == r"\S":
        return f"{what} is empty", "write the text, or remove the line if the field is optional"
    if kind in {"pattern", "format"}:
        return f"{what} {_describe(instance)} is not in the right form", "see the data contract"
    if kind == "minItems":
        return f"{what} needs at least {expected} item{'s' if expected != 1 else ''}", "add one"
    if kind == "uniqueItems":
        return f"{what} lists the same value twice", "remove the copy"
    return f"{what}: {error.message}", "see the schema in pocketguide/content/schemas"


def _as_list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _name(where: Path_) -> str:
    """Name a place for an editor: ``'rating'``, ``item 2 of 'numbers'``, ``the file``."""
    if not where:
        return "the file"
    last = where[-1]
    if isinstance(last, int):
        parent = next((p for p in reversed(where[:-1]) if isinstance(p, str)), "")
        list_name = f" of '{parent}'" if parent else ""
        return f"item {last + 1}{list_name}"
    return f"'{last}'"


def _owner(where: Path_) -> str:
    """Name the mapping that misses a field: ``this entry`` or ``'ratings'``."""
    if not where:
        return "the file"
    return "this entry" if isinstance(where[-1], int) else f"'{where[-1]}'"


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    return "a set of fields" if isinstance(value, dict) else type(value).__name__


# ---- cross-checks and the typed model ----


class _Checks:
    """Checks what a schema cannot (registry ids, unique ids, dialable numbers)."""

    def __init__(self, path: str, loaded: Loaded, sources: Mapping[str, Source]) -> None:
        self.path = path
        self.loaded = loaded
        self.sources = sources

    def report(self, where: Path_, code: str, message: str, fix: str) -> None:
        finding = Finding(self.path, *self.loaded.at(where), code, message, fix)
        self.loaded.findings.append(finding)

    def source(self, ident: str, where: Path_) -> None:
        if ident not in self.sources:
            close = difflib.get_close_matches(ident, list(self.sources), n=1, cutoff=0.8)
            hint = f"did you mean '{close[0]}'? Otherwise " if close else ""
            fix = f"{hint}add it to the source registry or fix the id"
            self.report(where, "DAT005", f"unknown source '{ident}'", fix)

    def source_ids(self) -> None:
        """Report every source id missing from the registry, wherever it is written."""
        for where in sorted(self.loaded.values, key=self.loaded.at):
            parent = where[-2] if len(where) > 1 else None
            listed = isinstance(parent, str) and parent.endswith("_sources")
            if where and (where[-1] == "source" or listed):
                ident = _get(self.loaded.data, where)
                if isinstance(ident, str) and ident:
                    self.source(ident, where)

    def unique(self, value: str, seen: dict[str, Path_], where: Path_, what: str) -> None:
        if value in seen:
            first = self.loaded.at(seen[value])[0]
            message = f"{what} '{value}' is used twice (first on line {first})"
            self.report(where, "DAT006", message, "give each entry its own, or merge them")
        seen.setdefault(value, where)

    def model(self, name: str) -> object:
        data: Any = self.loaded.data
        before = len(self.loaded.findings)
        built = {"mixing": self.mixing, "emergency": self.emergency, "helplines": self.helplines}
        model = built[name](data)
        return model if len(self.loaded.findings) == before else None

    def mixing(self, data: Any) -> Mixing:
        ratings = {
            key: Rating(key, value["label"], value["meaning"])
            for key, value in data["ratings"].items()
        }
        seen: dict[str, Path_] = {}
        substances = []
        for i, item in enumerate(data["substances"]):
            self.unique(item["id"], seen, ("substances", i, "id"), "id")
            rated: dict[str, Path_] = {}
            sources = []
            for j, entry in enumerate(item["sources"]):
                where = ("substances", i, "sources", j, "source")
                self.unique(entry["source"], rated, where, "source")
                sources.append(SourceRating(entry["source"], entry["rating"], self.label(entry)))
            substances.append(
                Substance(
                    id=item["id"],
                    name=item["name"],
                    short=item["short"],
                    group=item["group"],
                    rating=item["rating"],
                    risk=item["risk"],
                    also_called=tuple(item.get("also_called") or ()),
                    sources=tuple(sources),
                    note=item.get("note"),
                )
            )
        return Mixing(ratings, tuple(substances))

    def label(self, entry: Mapping[str, str]) -> str:
        if "label" in entry:
            return entry["label"]
        source = self.sources.get(entry["source"])
        return (source.publisher or source.by or source.id) if source else entry["source"]

    def emergency(self, data: Any) -> Emergency:
        seen: dict[str, Path_] = {}
        countries = []
        for i, item in enumerate(data["numbers"]):
            self.unique(item["code"], seen, ("numbers", i, "code"), "country code")
            for j, number in enumerate(item["numbers"]):
                self.emergency_number(number, item["code"], ("numbers", i, "numbers", j))
            countries.append(
                Country(
                    country=item["country"],
                    short=item["short"],
                    code=item["code"],
                    numbers=tuple(item["numbers"]),
                    reaches=item["reaches"],
                    source=item["source"],
                    checked=item["checked"],
                )
            )
        return Emergency(
            call_rule=data["call_rule"],
            red_flags=tuple(data["red_flags"]),
            red_flags_sources=tuple(data["red_flags_sources"]),
            numbers=tuple(countries),
            call_rule_sources=tuple(data.get("call_rule_sources", ())),
            sms_rule=data.get("sms_rule"),
        )

    def emergency_number(self, number: str, code: str, where: Path_) -> None:
        """Warn when the phone numbering data does not know ``number`` as an emergency number
        of that country (a typo, most likely; the data may also lag behind a new number)."""
        if code in phonenumbers.SUPPORTED_REGIONS and not phonenumbers.is_emergency_number(
            number, code
        ):
            message = f"'{number}' is not an emergency number of {code} as far as we know"
            fix = "check the number against its source"
            finding = Finding(self.path, *self.loaded.at(where), "DAT008", message, fix)
            self.loaded.warnings.append(replace(finding, severity=Severity.WARN))

    def helplines(self, data: Any) -> tuple[Helpline, ...]:
        out = []
        for i, item in enumerate(data):
            if "phone" in item:
                self.phone(item, i)
            out.append(Helpline(**item))
        return tuple(out)

    def phone(self, item: Mapping[str, Any], i: int) -> None:
        """An E.164 number must be a real number, and ``phone_display`` the same one."""
        number = item["phone"]
        if not number.startswith("+"):
            self.short_number(item, i)
            return
        try:
            parsed = phonenumbers.parse(number)
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is None or not phonenumbers.is_valid_number(parsed):
            message = f"'{number}' is not a phone number that can be dialled"
            fix = "check the number against its source: + then the country code and number"
            self.report((i, "phone"), "DAT008", message, fix)
            return
        shown = digits(item["phone_display"])
        national = digits(
            phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
        )
        if shown not in {national, number[1:], number}:
            message = (
                f"phone_display '{item['phone_display']}' is not the same number as "
                f"phone '{number}'"
            )
            fix = f"write the number as dialled in the country ({national}) or fix 'phone'"
            self.report((i, "phone_display"), "DAT008", message, fix)

    def short_number(self, item: Mapping[str, Any], i: int) -> None:
        """A short number (``111``) is shown as it is dialled; warn when it is not known."""
        number, code = item["phone"], item["code"]
        if digits(item["phone_display"]) != number:
            message = (
                f"phone_display '{item['phone_display']}' is not the same number as "
                f"phone '{number}'"
            )
            fix = "write the same digits in both"
            self.report((i, "phone_display"), "DAT008", message, fix)
            return
        parsed = (
            phonenumbers.parse(number, code) if code in phonenumbers.SUPPORTED_REGIONS else None
        )
        if parsed is None or not phonenumbers.is_valid_short_number(parsed):
            message = f"'{number}' is not a short number of {code} as far as we know"
            fix = "check it against its source, or write it in E.164 form (+ and country code)"
            finding = Finding(self.path, *self.loaded.at((i, "phone")), "DAT008", message, fix)
            self.loaded.warnings.append(replace(finding, severity=Severity.WARN))


# ---- translations: the words of a data file in another language ----

BASE_LANGUAGE = "en"
"""The language the data files are written in; other languages are overlays beside them."""


@dataclass(frozen=True)
class _Entries:
    """A mapping of entries in an overlay: what each is called and the words it may hold."""

    key: str | None
    """The overlay's top-level key of the mapping, or None when the file is the mapping."""
    what: str
    fields: tuple[str, ...]


OVERLAY_WORDS: Mapping[str, tuple[tuple[str, ...], tuple[_Entries, ...]]] = {
    "mixing": (
        (),
        (
            _Entries("ratings", "rating", ("label", "meaning")),
            _Entries("substances", "substance", ("name", "short", "risk", "also_called")),
        ),
    ),
    "emergency": (
        ("call_rule", "sms_rule", "red_flags"),
        (_Entries("countries", "country", ("country", "short", "reaches")),),
    ),
    "helplines": (
        (),
        (
            _Entries(
                None, "helpline", ("country", "about", "phone_note", "hours", "cost", "card_name")
            ),
        ),
    ),
}
"""The words an overlay (``<name>.<language>.yml``) may translate: top-level fields, then each
mapping of entries. Everything else in the data is a fact and lives only in ``<name>.yml``."""

_LISTS = frozenset({"also_called", "red_flags"})
"""Word fields that are lists of text; the others are text."""


def overlay_file(data_dir: Path, name: str, language: str) -> Path | None:
    """Return ``<name>.<language>.yml`` (or ``<name>.es.yml`` for ``es-MX``) if it exists."""
    tags = [language, language.replace("_", "-").split("-")[0]]
    for tag in dict.fromkeys(tags):
        path = data_dir / f"{name}.{tag}.yml"
        if tag and path.is_file():
            return path
    return None


def overlay_languages(data_dir: Path) -> list[str]:
    """Return the languages the data files have a translation in (``es`` for ``mixing.es.yml``).

    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name in ("mixing.es.yml", "helplines.es-MX.yml", "mixing.yml", "mixing.old.v2.yml"):
    ...         _ = (Path(tmp) / name).write_text("")
    ...     overlay_languages(Path(tmp))
    ['es', 'es-MX']
    """
    found = set()
    for path in data_dir.glob("*.*.yml") if data_dir.is_dir() else ():
        name, _, tag = path.name.removesuffix(".yml").partition(".")
        if name in NAMES and _LANGUAGE_TAG.fullmatch(tag):
            found.add(tag)
    return sorted(found)


_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?")


def is_base_language(language: str | None) -> bool:
    """Whether ``language`` is the data's own (English, ``en-GB`` too): no overlay to read.

    >>> is_base_language("en-GB"), is_base_language("es"), is_base_language(None)
    (True, False, True)
    """
    return (language or BASE_LANGUAGE).replace("_", "-").split("-")[0].lower() == BASE_LANGUAGE


def _base_entries(name: str, group: _Entries, data: Any) -> dict[str, dict[str, Any]]:
    """The base file's entries an overlay mapping translates, by their key there."""
    if name == "mixing" and group.key == "ratings":
        return dict(data["ratings"])
    if name == "mixing":
        return {item["id"]: item for item in data["substances"]}
    if name == "emergency":
        return {item["code"]: item for item in data["numbers"]}
    return {f"{item['code']} {item['name']}": item for item in data}


class _Overlay:
    """Checks one overlay against its base file and collects the words to merge."""

    def __init__(self, name: str, path: str, base_path: str, loaded: Loaded) -> None:
        self.name = name
        self.path = path
        self.base_file = base_path.rsplit("/", 1)[-1]
        self.loaded = loaded
        self.findings: list[Finding] = []

    def report(self, where: Path_, code: str, message: str, fix: str, *, key: bool = True) -> None:
        line, col = self.loaded.key_at(where) if key else self.loaded.at(where)
        severity = Severity.WARN if code == "DAT011" else Severity.ERROR
        self.findings.append(Finding(self.path, line, col, code, message, fix, severity))

    def not_a_word(self, where: Path_, field_name: str, words: tuple[str, ...]) -> None:
        """DAT009: a key that is no word field here: a fact, or a typo."""
        facts = self.base_file
        if field_name in _schema_fields(self.name):
            message = f"'{field_name}' is a fact, not a word to translate"
            fix = f"remove it: facts live only in {facts}"
        else:
            close = difflib.get_close_matches(field_name, words, n=1)
            hint = f"did you mean '{close[0]}'? Or remove it" if close else "remove it"
            message = f"'{field_name}' is not a word field"
            fix = f"{hint} (words here: {', '.join(words)}; facts live only in {facts})"
        self.report(where, "DAT009", message, fix)

    def words(self, value: object, where: Path_, field_name: str) -> object:
        """The translated value if it is the right kind, else None (reported)."""
        if field_name in _LISTS:
            if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
                return tuple(value)
            message = f"'{field_name}' must be a list of text, not {_describe(value)}"
            self.report(
                where, "DAT004", message, "write [first, second] or one '- item' a line", key=False
            )
            return None
        if isinstance(value, str) and value.strip():
            return value
        message = f"'{field_name}' must be text, not {_describe(value)}"
        self.report(where, "DAT004", message, "write the translated text", key=False)
        return None

    def fields(
        self, entry: Any, base: Mapping[str, Any], where: Path_, words: tuple[str, ...], who: str
    ) -> dict[str, object]:
        """Check one entry's words against its base entry; return those to merge."""
        out: dict[str, object] = {}
        if not isinstance(entry, dict):
            message = f"{who} must be a set of 'field: text' lines, not {_describe(entry)}"
            self.report(where, "DAT004", message, f"write its words: {', '.join(words)}", key=False)
            return out
        for field_name, value in entry.items():
            here = (*where, field_name)
            if field_name not in words:
                self.not_a_word(here, field_name, words)
            elif field_name not in base and field_name != "also_called":  # names to search by
                message = f"{who} has no '{field_name}' in {self.base_file}"
                fix = f"remove it here, or add it to {self.base_file} first"
                self.report(here, "DAT010", message, fix)
            else:
                checked = self.words(value, here, field_name)
                if checked is not None:
                    out[field_name] = checked
        for field_name in words:
            if field_name in base and field_name not in entry:
                message = f"{who} has no '{field_name}' here: readers see the English"
                self.report(where, "DAT011", message, f"add '{field_name}:'")
        return out

    def entries(self, group: _Entries, base_data: Any) -> dict[str, dict[str, object]]:
        """Check one mapping of entries (``substances:``…); return the words of each."""
        data: Any = self.loaded.data
        where: Path_ = () if group.key is None else (group.key,)
        block = data if group.key is None else data.get(group.key)
        base = _base_entries(self.name, group, base_data)
        out: dict[str, dict[str, object]] = {}
        if block is None:
            block = {}
        if not isinstance(block, dict):
            message = f"'{group.key}' must be a set of entries by key, not {_describe(block)}"
            fix = f"write one '<key>:' a line with its words under it ({', '.join(group.fields)})"
            self.report(where, "DAT004", message, fix, key=False)
            return out
        for key, entry in block.items():
            who = f"{group.what} '{key}'"
            if key not in base:
                lower = {known.lower(): known for known in base}
                close = difflib.get_close_matches(str(key).lower(), lower, n=1, cutoff=0.5)
                hint = f"did you mean '{lower[close[0]]}'? Or remove it" if close else "remove it"
                message = f"{who} is not in {self.base_file}"
                fix = f"{hint} (translate only what {self.base_file} has)"
                self.report((*where, key), "DAT010", message, fix)
                continue
            out[key] = self.fields(entry, base[key], (*where, key), group.fields, who)
        for key in base:
            if key not in block:
                message = f"no translation of {group.what} '{key}': readers see the English"
                under = f" under '{group.key}:'" if group.key else ""
                fix = f"add '{key}:'{under} with {', '.join(group.fields)}"
                self.report(where, "DAT011", message, fix)
        return out

    def top(
        self, words: tuple[str, ...], groups: tuple[_Entries, ...], base: Any
    ) -> dict[str, object]:
        """Check the top-level fields of a mapping overlay; return the words to merge."""
        data: Any = self.loaded.data
        out: dict[str, object] = {}
        known = (*words, *(g.key for g in groups if g.key))
        for key, value in data.items():
            if key not in known:
                self.not_a_word((key,), key, known)
            elif key in words and key not in base:
                message = f"'{key}' is not in {self.base_file}"
                self.report(
                    (key,), "DAT010", message, f"remove it, or add it to {self.base_file} first"
                )
            elif key in words:
                checked = self.words(value, (key,), key)
                if (
                    key == "red_flags"
                    and isinstance(checked, tuple)
                    and len(checked) != len(base[key])
                ):
                    count = len(checked)
                    message = (
                        f"'red_flags' has {count} item{'s' if count != 1 else ''}; "
                        f"{self.base_file} has {len(base[key])}"
                    )
                    fix = "translate each sign once, in the same order as there"
                    self.report((key,), "DAT010", message, fix, key=False)
                elif checked is not None:
                    out[key] = checked
        for key in words:
            if key in base and key not in data:
                self.report(
                    (), "DAT011", f"no '{key}' here: readers see the English", f"add '{key}:'"
                )
        return out


def _schema_fields(name: str) -> set[str]:
    """Every field name the base file's schema knows, at any depth (facts and words)."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            found.update(
                node.get("properties", {}) if isinstance(node.get("properties"), dict) else ()
            )
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema(name))
    return found


def parse_overlay(
    name: str, text: str, path: str, base: Loaded, base_path: str
) -> tuple[object, list[Finding]]:
    """Check an overlay's text against its valid base file; return the model with its words.

    The model is the base's (English) one when the overlay has an error; a warning (DAT011,
    a word left untranslated) keeps the English of that word only.
    """
    loaded = Loaded()
    node, problem = _yaml.compose(text)
    if problem is not None:
        line, col = (problem.line + 1, problem.col + 1) if problem.line >= 0 else (1, 1)
        message = f"data file is not valid YAML: {problem.problem}"
        return base.model, [
            Finding(path, line, col, "DAT001", message, problem.fix or _yaml.SYNTAX_FIX)
        ]
    if node is None:
        fix = "write the translations, or delete the file to show the English"
        return base.model, [Finding(path, 1, 1, "DAT001", "data file is empty", fix)]
    loaded.data = _Reader(path, loaded).value(node, (), set())
    checks = _Overlay(name, path, base_path, loaded)
    words, groups = OVERLAY_WORDS[name]
    if not isinstance(loaded.data, dict):
        message = f"the file must be a set of 'key: value' lines, not {_describe(loaded.data)}"
        fix = "write each translation under its key: an id, a country code, or 'GB FRANK'"
        loaded.findings.append(Finding(path, 1, 1, "DAT004", message, fix))
        return base.model, sorted(set(loaded.findings))
    top = checks.top(words, groups, base.data) if groups[0].key is not None else {}
    by_group = {g.what: checks.entries(g, base.data) for g in groups}
    findings = sorted({*loaded.findings, *checks.findings})
    if any(f.severity is Severity.ERROR for f in findings):
        return base.model, findings
    return _translated(base.model, top, by_group), findings


def _translated(
    model: object,
    top: Mapping[str, Any],
    by_group: Mapping[str, Mapping[str, Mapping[str, Any]]],
) -> object:
    """The model with the overlay's words in place of the English."""
    if isinstance(model, Mixing):
        ratings = {
            key: replace(rating, **by_group["rating"].get(key, {}))
            for key, rating in model.ratings.items()
        }
        substances = tuple(
            replace(sub, **by_group["substance"].get(sub.id, {})) for sub in model.substances
        )
        return Mixing(ratings, substances)
    if isinstance(model, Emergency):
        numbers = tuple(
            replace(country, **by_group["country"].get(country.code, {}))
            for country in model.numbers
        )
        return replace(model, numbers=numbers, **top)
    assert isinstance(model, tuple)
    words = by_group["helpline"]
    return tuple(replace(line, **words.get(f"{line.code} {line.name}", {})) for line in model)


_NOT_DIGITS = re.compile(r"[^\d+]")


def digits(text: str) -> str:
    """Return a phone number's digits (and a leading ``+``) with spaces and dashes removed.

    >>> digits("0300 123 6600"), digits("+1 (800) 662-4357")
    ('03001236600', '+18006624357')
    """
    return _NOT_DIGITS.sub("", text)


def _stale(loaded: Loaded, path: str, name: str, today: date, years: int) -> list[Finding]:
    """Warn for each ``checked`` date more than ``years`` before ``today``."""
    findings = []
    for where, (line, col) in sorted(loaded.values.items(), key=lambda kv: kv[1]):
        if not where or where[-1] != "checked":
            continue
        value = _get(loaded.data, where)
        if not isinstance(value, str):
            continue
        checked = date.fromisoformat(value)
        if add_years(checked, years) < today:
            plural = "s" if years != 1 else ""
            message = f"checked {checked}, more than {years} year{plural} ago ({name} data)"
            fix = "check it against its source again, then update 'checked'"
            findings.append(Finding(path, line, col, "DAT007", message, fix, Severity.WARN))
    return findings


def _get(data: object, where: Path_) -> object:
    for step in where:
        if isinstance(data, dict) and isinstance(step, str):
            data = data.get(step)
        elif isinstance(data, list) and isinstance(step, int) and step < len(data):
            data = data[step]
        else:
            return None
    return data
