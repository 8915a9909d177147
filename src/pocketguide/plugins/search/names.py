"""Other names for the same thing, as data: groups of words that should find each other.

Two sources, both plain YAML in ``docs/``:

- the synonyms file (``data/synonyms.yml``): ``groups:``, a list of lists of names;
- the mixing data (``data/mixing.yml``, when it exists): each substance's ``name``, ``short``
  and ``also_called`` make one group.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml

from pocketguide.content import _yaml

if TYPE_CHECKING:
    from pathlib import Path

Group = tuple[str, ...]
_PARTS = re.compile(r"\s+(?:or|and)\s+|\s*,\s*", re.IGNORECASE)


class NamesError(ValueError):
    """A names file that cannot be read: ``path:line:col: CODE what — how to fix``.

    NAM001 is YAML that cannot be read, NAM002 a synonyms file without ``groups:``, NAM003 a
    synonyms file named in ``mkdocs.yml`` that does not exist.
    """


def _load(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    # The core reader first: it refuses anchors, aliases and deep nesting at their line, so a
    # names file can never expand into gigabytes (an alias bomb) while it is read.
    _, problem = _yaml.compose(text)
    if problem is not None:
        line, col = (problem.line + 1, problem.col + 1) if problem.line >= 0 else (1, 1)
        msg = f"{path}:{line}:{col}: NAM001 {problem.problem} — {problem.fix or _yaml.SYNTAX_FIX}"
        raise NamesError(msg)
    # Every value as written: "000" is Australia's emergency number, not the integer 0.
    try:
        return yaml.load(text, Loader=yaml.BaseLoader)  # noqa: S506
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = f"{path}:{line}:{col}: NAM001 {exc.problem} — fix the YAML here"
        raise NamesError(msg) from exc


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def _clean(names: list[str]) -> Group:
    seen: dict[str, None] = {}
    for name in names:
        text = " ".join(name.lower().split())
        if text:
            seen[text] = None
    return tuple(seen)


def synonym_groups(path: Path) -> list[Group]:
    """Read a synonyms file: ``groups: [[benzos, xanax, valium], [coke, cocaine]]``.

    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     file = Path(tmp) / "synonyms.yml"
    ...     _ = file.write_text("groups:\\n  - [Coke, cocaine, coke]\\n  - [k-hole, khole]\\n")
    ...     synonym_groups(file)
    [('coke', 'cocaine'), ('k-hole', 'khole')]
    """
    data = _load(path)
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        msg = f"{path}:1:1: NAM002 no 'groups:' list — write 'groups:', then '- [name, other name]'"
        raise NamesError(msg)
    result = []
    for group in groups:
        names = _clean(_names(group))
        if len(names) > 1:
            result.append(names)
    return result


def mixing_groups(path: Path, translation: Path | None = None) -> list[Group]:
    """Read the names of each substance in the mixing data (``substances[]``: ``name``,
    ``short``, ``also_called``), one group each. A plain YAML read: the mixing data's own
    loader checks the file against its schema.

    ``translation``: the mixing data's translation (``mixing.es.yml``, ``substances:`` by id);
    the names it gives stand for the English ones, as on the pages (the English where it
    gives none).

    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     file, es = Path(tmp) / "mixing.yml", Path(tmp) / "mixing.es.yml"
    ...     _ = file.write_text(
    ...         "substances:\\n  - {id: benzos, name: Benzos, short: benzos,"
    ...         " also_called: [Xanax, diazepam]}\\n"
    ...     )
    ...     _ = es.write_text(
    ...         "substances:\\n  benzos: {name: Benzodiacepinas, also_called: [tranquilizantes]}\\n"
    ...     )
    ...     mixing_groups(file), mixing_groups(file, es)
    ([('benzos', 'xanax', 'diazepam')], [('benzodiacepinas', 'benzos', 'tranquilizantes')])
    """
    data = _load(path)
    substances = data.get("substances") if isinstance(data, dict) else None
    words = _load(translation) if translation is not None else None
    translated = words.get("substances") if isinstance(words, dict) else None
    translated = translated if isinstance(translated, dict) else {}
    result = []
    for entry in substances if isinstance(substances, list) else []:
        if not isinstance(entry, dict):
            continue
        own = translated.get(entry.get("id"))
        substance = {**entry, **own} if isinstance(own, dict) else entry
        written = (
            _names(substance.get("name"))
            + _names(substance.get("short"))
            + _names(substance.get("also_called"))
        )
        # "GHB or GBL", "Speed and meth": each part is a name too.
        names = _clean([part for name in written for part in [name, *_PARTS.split(name)]])
        if len(names) > 1:
            result.append(names)
    return result
