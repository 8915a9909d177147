"""One record type for every problem the build and the checks report.

Every finding prints as ``path:line:col: CODE message — how to fix``, so editors and code
hosts can jump to the place. Validators collect all findings before reporting them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping


class Severity(StrEnum):
    """How much a finding matters; ``ignore`` drops it before reporting."""

    ERROR = "error"
    WARN = "warn"
    IGNORE = "ignore"


@dataclass(frozen=True, order=True)
class Finding:
    """A problem at a place in a source file.

    ``line`` and ``col`` are 1-based; 0 means "the whole file" or "unknown".
    """

    path: str
    line: int
    col: int
    code: str
    message: str
    fix: str = ""
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """Return the one-line, human-readable form of the finding."""
        where = f"{self.path}:{self.line}:{self.col}"
        hint = f" — {self.fix}" if self.fix else ""
        level = "" if self.severity is Severity.ERROR else f" ({self.severity.value})"
        return f"{where}: {self.code}{level} {self.message}{hint}"


def count_errors(findings: Iterable[Finding]) -> int:
    """Return how many findings are errors."""
    return sum(1 for f in findings if f.severity is Severity.ERROR)


def summary_line(findings: Iterable[Finding], checked: int, what: str) -> str:
    """Return the closing line of a report, e.g. ``12 pages checked: 2 errors, 1 warning``."""
    items = list(findings)
    errors = count_errors(items)
    warns = sum(1 for f in items if f.severity is Severity.WARN)
    plural_e = "" if errors == 1 else "s"
    plural_w = "" if warns == 1 else "s"
    return f"{checked} {what} checked: {errors} error{plural_e}, {warns} warning{plural_w}"


def to_json(findings: Iterable[Finding]) -> str:
    """Return findings as a JSON array (stable key order)."""
    return json.dumps([asdict(f) for f in findings], indent=2, sort_keys=True)


_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARN: "warning", Severity.IGNORE: "none"}


def to_sarif(findings: Iterable[Finding], tool: str, rules: Mapping[str, str] | None = None) -> str:
    """Return findings as a SARIF 2.1.0 log, the format code hosts annotate pull requests from.

    ``rules`` maps a finding code to a one-line description of the rule; codes without one are
    described by their code. Findings with ``line`` 0 carry no region (the whole file).
    """
    items = list(findings)
    descriptions = dict(rules or {})
    codes = sorted({f.code for f in items} | set(descriptions))
    index = {code: i for i, code in enumerate(codes)}
    results = []
    for f in items:
        location: dict[str, object] = {"artifactLocation": {"uri": f.path}}
        if f.line > 0:
            location["region"] = {"startLine": f.line, "startColumn": max(f.col, 1)}
        text = f"{f.message} — {f.fix}" if f.fix else f.message
        results.append(
            {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _SARIF_LEVELS[f.severity],
                "message": {"text": text},
                "locations": [{"physicalLocation": location}],
            }
        )
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": tool,
                        "rules": [
                            {"id": c, "shortDescription": {"text": descriptions.get(c, c)}}
                            for c in codes
                        ],
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, sort_keys=True)
