"""PyYAML with positions: compose a node tree, then build each value on its own.

Building values one by one lets a bad value (``2026-02-30`` raises ``ValueError`` inside
PyYAML) be reported at its own line instead of failing the whole document.

Anchors and aliases (``&name``, ``*name``, and the ``<<: *name`` merges built on them), and
collections nested deeper than :data:`MAX_DEPTH`, are refused before anything is composed.
Nine aliases of nine aliases make a value of a billion items that any ``repr``, ``str`` or
loop over it expands (a "billion laughs"); thousands of nested ``[`` take PyYAML seconds.
The guide's YAML (front matter, the source registry, data files) never needs either.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

# PyYAML raises more than YAMLError on hostile input: ValueError for impossible dates,
# OverflowError for huge ones, RecursionError for deep nesting, TypeError for odd merges.
BUILD_ERRORS = (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)


@dataclass(frozen=True)
class YamlProblem:
    """A YAML error at a 0-based line and column of the YAML text (or ``-1`` if unknown).

    ``fix`` is how to fix it when that is not the usual :data:`SYNTAX_FIX`.
    """

    line: int
    col: int
    problem: str
    fix: str = ""


SYNTAX_FIX = "fix the YAML here; put text that contains ': ' or ' #' in quotes"
"""How to fix YAML that does not parse (the usual cause: an unquoted ': ' or ' #')."""
VALUE_FIX = "write a real date as YYYY-MM-DD, or put the text in quotes"
"""How to fix a value that parses but cannot be built (the usual cause: an impossible date)."""
ALIAS_FIX = "write the value out in full (YAML anchors and aliases are not allowed here)"
"""How to fix an anchor (``&name``) or an alias (``*name``)."""
MAX_DEPTH = 64
"""Deepest nesting of lists and mappings; the guide's YAML needs three or four levels, and
PyYAML's pure-Python parser takes seconds on thousands (then a RecursionError)."""
DEPTH_FIX = "write it flatter: a list of entries with 'key: value' lines"
_OPENS = (
    yaml.BlockSequenceStartToken,
    yaml.BlockMappingStartToken,
    yaml.FlowSequenceStartToken,
    yaml.FlowMappingStartToken,
)
_CLOSES = (yaml.BlockEndToken, yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
MAX_SHOWN = 40
"""Longest value, in characters, that a message quotes; longer ones are cut."""

# libyaml composes about ten times faster; PyYAML's own parser words the errors we report.
_FAST_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def compose(text: str) -> tuple[yaml.Node | None, YamlProblem | None]:
    """Return the single document's node tree, or the syntax error that stopped it.

    The text is composed with libyaml when it is installed; on any error it is composed
    again with pure-Python PyYAML, so messages and positions are the same everywhere. An
    anchor or an alias is a problem at its own position (see the module's docstring).
    """
    problem = refused(text)
    if problem is not None:
        return None, problem
    if _FAST_LOADER is not None:
        fast = None
        try:
            fast = _FAST_LOADER(text)
            return fast.get_single_node(), None
        except BUILD_ERRORS:
            pass  # reported below, in PyYAML's words
        finally:
            if fast is not None:
                fast.dispose()
    return _compose_slowly(text)


def refused(text: str) -> YamlProblem | None:
    """Return the first anchor or alias, or collection nested too deep, found by the scanner.

    Scanning makes tokens, not values, so nothing is expanded, and it stops at the first
    problem. Text that does not scan is left to :func:`compose`, which reports the syntax
    error with its position.
    """
    loader = None
    depth = 0
    try:
        loader = (_FAST_LOADER or yaml.SafeLoader)(text)  # libyaml raises on a lone surrogate
        while (token := loader.get_token()) is not None:  # type: ignore[no-untyped-call]
            mark = token.start_mark
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                what = "anchor '&" if isinstance(token, yaml.AnchorToken) else "alias '*"
                problem = f"{what}{shorten(str(token.value))}' is not allowed"
                return YamlProblem(mark.line, mark.column, problem, ALIAS_FIX)
            if isinstance(token, _OPENS):
                depth += 1
                if depth > MAX_DEPTH:
                    problem = f"lists and keys are nested more than {MAX_DEPTH} levels deep"
                    return YamlProblem(mark.line, mark.column, problem, DEPTH_FIX)
            elif isinstance(token, _CLOSES):
                depth -= 1
    except BUILD_ERRORS:
        return None
    finally:
        if loader is not None:
            loader.dispose()
    return None


def shorten(text: str) -> str:
    """Return ``text`` cut to :data:`MAX_SHOWN` characters (``...`` marks a cut)."""
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 3] + "..."


def describe(value: object) -> str:
    """Return a short, bounded description of a YAML value for a message.

    Scalars are quoted (long text is cut); lists and mappings are named, never printed.
    """
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    if isinstance(value, str):
        return repr(shorten(value))
    return shorten(repr(value))


def _compose_slowly(text: str) -> tuple[yaml.Node | None, YamlProblem | None]:
    loader = None
    try:
        loader = yaml.SafeLoader(text)
        return loader.get_single_node(), None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            return None, YamlProblem(-1, -1, problem)
        return None, YamlProblem(mark.line, mark.column, problem)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0))
        col = exc.position - (text.rfind("\n", 0, max(exc.position, 0)) + 1)
        code = exc.character if isinstance(exc.character, int) else 0
        return None, YamlProblem(line, col, f"character U+{code:04X} is not allowed")
    except BUILD_ERRORS as exc:
        return None, YamlProblem(-1, -1, str(exc) or type(exc).__name__)
    finally:
        if loader is not None:
            loader.dispose()


def build(node: yaml.Node) -> tuple[object, YamlProblem | None]:
    """Turn one node into Python data with PyYAML's safe constructors."""
    constructor = yaml.constructor.SafeConstructor()  # no reader or parser: nodes are made
    try:
        return constructor.construct_document(node), None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or node.start_mark
        return None, YamlProblem(mark.line, mark.column, exc.problem or "invalid value")
    except BUILD_ERRORS as exc:
        mark = node.start_mark
        return None, YamlProblem(mark.line, mark.column, str(exc) or type(exc).__name__)


def pairs(node: yaml.MappingNode) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """Return ``(key text, key node, value node)`` for each entry of a mapping node."""
    out = []
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
        out.append((str(key), key_node, value_node))
    return out
