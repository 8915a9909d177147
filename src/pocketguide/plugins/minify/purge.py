"""One stylesheet instead of three, without the rules nothing in the site can use. Pure.

Material ships every rule for every feature and every colour (137 KiB before gzip); a page of
the guide uses about a quarter of them, and the browser matches every element against all of
them again each time a script changes a class. The purge is conservative: a selector stays
unless it names a class, id, element or attribute (or an exact attribute value) that appears
nowhere in the built pages, in the scripts they load, or in the templates those scripts clone.
Material's bundle builds its search results, tooltips and so on from class names written in
its code, so every word of a script counts as used. What is inside ``:not()``, ``:is()``,
``:where()``, ``:has()`` and other functional pseudo-classes is never required, and at-rules
other than ``@media`` and ``@supports`` stay as they are.

Custom properties go the same way once the rules are purged: of the 134 the guide's pages
get, 87 are read by nothing left (Material's icons for features the guide does not use, code
and diagram colours), 15 KiB of 69 KiB.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

import tinycss2
import tinycss2.ast
from selectolax.lexbor import LexborHTMLParser

from pocketguide.sitefiles import hashed_name

from . import minify

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from tinycss2.ast import Node

DROPPED = frozenset({"data-md-color-switching"})
"""Names whose rules are left out although pages use them, because they cost more than they
give. Material's palette sets ``data-md-color-switching`` on ``<body>`` on every page load and
removes it a moment later, to stop colour transitions while it applies the palette; its rules
(``[data-md-color-switching] *``) make the browser restyle every element of the page twice,
on every page. Without them, switching between light and dark animates the few colours that
have a transition (a quarter of a second) instead of changing at once."""

_WORD = re.compile(r"[A-Za-z_][\w-]*")
_TEMPLATE = re.compile(r"^<template\b[^>]*>(?P<inner>.*)</template>$", re.DOTALL | re.IGNORECASE)
_GROUPING = frozenset({"media", "supports"})
_VAR = re.compile(r"var\(\s*--(?P<name>[\w-]+)")


def page_tokens(html: str) -> set[str]:
    """Return what a page can offer a selector: element and attribute names, ids, classes,
    attribute values (whole and word by word) and every word of its inline scripts and styles
    (a style may read a custom property).

    The content of ``<template>`` elements counts too: scripts clone it into the page.
    """
    tree = LexborHTMLParser(html)
    tokens: set[str] = set()
    for node in tree.css("*"):
        tokens.add((node.tag or "").lower())
        for name, value in node.attributes.items():
            tokens.add(name.lower())
            if value:
                tokens.add(value)
                tokens.update(value.split())
    for code in tree.css("script, style"):
        tokens.update(script_tokens(code.text(deep=True)))
    for template in tree.css("template"):
        match = _TEMPLATE.match(template.html or "")
        if match:
            tokens |= page_tokens(match["inner"])
    return tokens


def script_tokens(js: str) -> set[str]:
    """Return every word of a script: a class name it adds is one of them."""
    return set(_WORD.findall(js))


def _split_selectors(prelude: Sequence[Node]) -> list[list[Node]]:
    selectors: list[list[Node]] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return selectors


def _attribute_tokens(block: tinycss2.ast.SquareBracketsBlock) -> list[str]:
    parts = [t for t in block.content if t.type not in {"whitespace", "comment"}]
    if not parts or parts[0].type != "ident":
        return []  # a namespace prefix or something unusual: require nothing
    required = [parts[0].lower_value]
    rest = parts[1:]
    exact = len(rest) == 2 and rest[0].type == "literal" and rest[0].value in {"=", "~="}
    if exact and rest[1].type in {"ident", "string"}:
        required.append(rest[1].value)
    return required


def required_tokens(selector: Sequence[Node]) -> list[str]:
    """Return the names a complex selector needs in the page to match anything.

    Classes, ids, element names, attribute names and the values of ``[name=value]`` and
    ``[name~=word]``. Pseudo-classes, pseudo-elements and everything inside functional
    pseudo-classes (``:not(.x)`` matches pages without ``x``) require nothing.
    """
    tokens = [t for t in selector if t.type != "comment"]
    required: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if token.type == "literal" and token.value == "." and following is not None:
            if following.type == "ident":
                required.append(following.value)
            index += 2
            continue
        if token.type == "literal" and token.value == ":":
            index += 1
            if index < len(tokens) and tokens[index].type == "literal":
                index += 1  # "::" of a pseudo-element
            index += 1  # its name, or the whole function block
            continue
        if token.type == "hash":
            required.append(token.value)
        elif token.type == "ident":
            required.append(token.lower_value)
        elif isinstance(token, tinycss2.ast.SquareBracketsBlock):
            required.extend(_attribute_tokens(token))
        index += 1
    return required


def _serialize(nodes: Iterable[Node]) -> str:
    return str(tinycss2.serialize(list(nodes))).strip()


def _grouped(rule: Node) -> list[Node] | None:
    """The rules inside an ``@media`` or ``@supports`` block; None for any other rule."""
    if not (isinstance(rule, tinycss2.ast.AtRule) and rule.lower_at_keyword in _GROUPING):
        return None
    return list(
        tinycss2.parse_rule_list(rule.content or [], skip_comments=True, skip_whitespace=True)
    )


def _regroup(rule: tinycss2.ast.AtRule, body: list[str]) -> list[str]:
    """The ``@media`` or ``@supports`` block around ``body``; nothing when it is empty."""
    return [f"@{rule.at_keyword} {_serialize(rule.prelude)}{{{''.join(body)}}}"] if body else []


def _purge_rules(
    rules: Iterable[Node], used: set[str] | frozenset[str], dropped: frozenset[str]
) -> list[str]:
    out = []
    for rule in rules:
        if isinstance(rule, tinycss2.ast.QualifiedRule):
            kept = _live_selectors(rule.prelude, used, dropped)
            if kept:
                out.append(f"{kept}{{{_serialize(rule.content)}}}")
        elif (inner := _grouped(rule)) is not None:
            out += _regroup(rule, _purge_rules(inner, used, dropped))
        elif isinstance(rule, tinycss2.ast.AtRule) and rule.lower_at_keyword == "charset":
            continue  # one @charset leads the merged file (see merge)
        elif not isinstance(rule, tinycss2.ast.ParseError):
            out.append(_serialize([rule]))
    return out


def _live_selectors(
    prelude: Sequence[Node], used: set[str] | frozenset[str], dropped: frozenset[str]
) -> str:
    """Return the selector list without its dead selectors ("" when none is left).

    A list that holds a vendor-prefixed pseudo-class or -element stays whole or goes whole:
    a browser drops a list with one selector it does not know, and removing that one would
    make the rest apply where it did not before.
    """
    selectors = _split_selectors(prelude)

    def live(selector: Sequence[Node]) -> bool:
        needed = required_tokens(selector)
        return all(name in used and name not in dropped for name in needed)

    texts = [_serialize(s) for s in selectors]
    if any(":-" in text for text in texts):
        return ",".join(texts) if any(live(s) for s in selectors) else ""
    return ",".join(text for text, s in zip(texts, selectors, strict=True) if live(s))


def purge(css: str, used: set[str] | frozenset[str], dropped: frozenset[str] = frozenset()) -> str:
    """Return ``css`` without the selectors that need a name missing from ``used`` or present
    in ``dropped``; rules left with no selector, and ``@media`` blocks left empty, go too.

    Comments (source map links included) and ``@charset`` are removed.
    """
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_purge_rules(rules, used, dropped))


def merge(
    sheets: Sequence[str],
    used: set[str] | frozenset[str],
    dropped: frozenset[str] = frozenset(),
    *,
    names: Sequence[str] = (),
) -> str:
    """Purge each stylesheet and join them in order (the cascade is unchanged), then drop the
    custom properties nothing reads any more.

    Raises ValueError for a stylesheet with ``@import``, which must stay at the top of its own
    file; the message names it from ``names`` (the sheets' paths), when given.
    """
    parts = []
    for number, css in enumerate(sheets):
        rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
        if any(
            isinstance(rule, tinycss2.ast.AtRule) and rule.lower_at_keyword == "import"
            for rule in rules
        ):
            name = names[number] if number < len(names) else f"stylesheet {number + 1}"
            msg = f"{name} has @import, which cannot be merged — copy the imported rules in"
            raise ValueError(msg)
        parts.append("".join(_purge_rules(rules, used, dropped)))
    body = drop_unused_properties("".join(parts), used)
    return f'@charset "UTF-8";{body}' if not body.isascii() else body


def _declarations(rule: Node) -> list[tinycss2.ast.Declaration] | None:
    """The rule's declarations; None for an at-rule, or when its block holds anything else (a
    nested rule)."""
    if not isinstance(rule, tinycss2.ast.QualifiedRule):
        return None
    content = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
    declarations = [d for d in content if isinstance(d, tinycss2.ast.Declaration)]
    return declarations if len(declarations) == len(content) else None


def _property_reads(rules: Iterable[Node], declared: dict[str, set[str]], read: set[str]) -> None:
    """Note what each custom property's values read (``declared``) and every property that
    anything else reads (``read``)."""
    for rule in rules:
        if (inner := _grouped(rule)) is not None:
            _property_reads(inner, declared, read)
            continue
        declarations = _declarations(rule)
        if declarations is None:
            read.update(_VAR.findall(_serialize([rule])))
            continue
        for declaration in declarations:
            names = set(_VAR.findall(_serialize(declaration.value)))
            if declaration.name.startswith("--"):
                declared.setdefault(declaration.name[2:], set()).update(names)
            else:
                read |= names


def _is_dead(declaration: tinycss2.ast.Declaration, dead: set[str]) -> bool:
    return declaration.name.startswith("--") and declaration.name[2:] in dead


def _without_properties(rules: Iterable[Node], dead: set[str]) -> list[str]:
    out = []
    for rule in rules:
        if (inner := _grouped(rule)) is not None:
            out += _regroup(rule, _without_properties(inner, dead))
            continue
        declarations = _declarations(rule)
        if declarations is None or not any(_is_dead(d, dead) for d in declarations):
            out.append(_serialize([rule]))
            continue
        kept = [d for d in declarations if not _is_dead(d, dead)]
        if kept:
            block = "".join(_serialize([d]) for d in kept).rstrip(";")  # each ends with ";"
            out.append(f"{_serialize(rule.prelude)}{{{block}}}")
    return out


def drop_unused_properties(css: str, used: set[str] | frozenset[str]) -> str:
    """Return ``css`` without the custom properties (``--name: value``) that nothing reads.

    A property is read when an ordinary property's value, or the value of another property
    that is read, has ``var(--name)``, or when ``name`` is in ``used`` (a script or page may
    read or set it). Rules left empty, and ``@media`` blocks left empty, go too.
    """
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    declared: dict[str, set[str]] = {}
    read: set[str] = set()
    _property_reads(rules, declared, read)
    live: set[str] = set()
    pending = [*read, *(name for name in declared if name in used)]
    while pending:
        name = pending.pop()
        if name not in live:
            live.add(name)
            pending.extend(declared.get(name, ()))
    dead = set(declared) - live
    return "".join(_without_properties(rules, dead)) if dead else css


@dataclass(frozen=True)
class Merge:
    """What joining a site's stylesheets writes: one new file and the pages linking it."""

    name: str
    """The new stylesheet's site path, named after its content."""
    css: bytes
    pages: dict[str, str]
    """Every page that linked the stylesheets, now linking ``name`` instead."""
    joined: tuple[str, ...]
    """The stylesheets ``name`` replaces (site paths), in cascade order."""
    before: int
    """Their size in bytes, as read."""


def merge_site(
    pages: Mapping[str, str],
    locate: Callable[[str, str], str | None],
    read: Callable[[str], str],
    dropped: frozenset[str] = DROPPED,
) -> Merge | None:
    """Join the stylesheets the pages link into one, purged against the pages and the script
    files they load; None when no page links a stylesheet.

    ``pages`` maps site paths to HTML; ``locate(page, url)`` returns the site file a URL on a
    page points at (None for other origins and missing files); ``read(path)`` a file's text.
    Raises ValueError when the pages do not all link the same stylesheets in one folder, or
    one of them has ``@import``.
    """
    linked = {
        page: [locate(page, href) for href in minify.stylesheets(html)]
        for page, html in pages.items()
    }
    sheets = minify.common_stylesheets(linked)
    if not sheets:
        if any(linked.values()):
            msg = (
                "pages link different stylesheets (or ones in several folders) — link the same "
                "ones from every page"
            )
            raise ValueError(msg)
        return None
    used: set[str] = set()
    scripts: set[str] = set()  # each script file once, however many pages load it
    for page, html in pages.items():
        if linked[page]:
            used |= page_tokens(html)
            scripts.update(filter(None, (locate(page, src) for src in minify.scripts(html))))
    for script in sorted(scripts):
        used |= script_tokens(read(script))
    texts = [read(sheet) for sheet in sheets]
    css = merge(texts, used, dropped, names=sheets).encode("utf-8")
    folder = PurePosixPath(sheets[0]).parent
    name = hashed_name(str(folder / "guide"), css)
    relinked = {}
    for page, html in pages.items():
        hrefs = [h for h, s in zip(minify.stylesheets(html), linked[page], strict=True) if s]
        if hrefs:
            new = minify.retarget(hrefs[0], PurePosixPath(name).name)
            relinked[page] = minify.replace_stylesheets(html, hrefs, new)
    before = sum(len(text.encode("utf-8")) for text in texts)
    return Merge(name, css, relinked, tuple(sheets), before)
