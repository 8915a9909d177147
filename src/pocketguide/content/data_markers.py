"""Markers that render the guide's data into a page's Markdown (pure string functions).

An editor writes a marker as an HTML comment, ``<!-- data:NAME -->`` or
``<!-- data:NAME ARGUMENT -->``; the build replaces it with Markdown made from
``docs/data/*.yml`` before citations are numbered, so the citations it writes are numbered
like any other. An unknown marker, a wrong argument, or a marker whose data file is missing
is an error at the page's line and column.

Every marker renders in the page's language: the data's words come from the overlays merged
by :func:`~pocketguide.content.data.load_data` (``language=``), and the fixed words around
them (table headers, "(our rating)", "Last checked", "a, b and c") from the strings tables
(``data.*`` and ``sms.text_*`` keys of ``strings/<language>.yml``); English without them.

Block markers (tables and lists) stand on a line of their own; inside an indented block (an
admonition) the output is indented the same way. Inline markers may sit inside a sentence.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

import phonenumbers
from babel.dates import format_date

from pocketguide.content import sms
from pocketguide.content.data import digits
from pocketguide.content.lines import outside_fences
from pocketguide.content.strings import FALLBACK, Strings, load
from pocketguide.findings import Finding

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from pocketguide.content.data import Country, Emergency, GuideData, Helpline, Mixing, Substance

MARKER_RE = re.compile(r"<!--\s*data:(?P<body>.*?)-->")
"""A data marker; ``body`` is the marker's name and its argument, if any."""

_CODE_SPAN_RE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")


@dataclass(frozen=True)
class Marker:
    """What a marker needs: which data file, whether it takes an argument, block or inline."""

    data: str
    block: bool
    argument: str = ""
    """What the argument names (``a substance id``), or ``""`` when it takes none."""


MARKERS = {
    "mixing-scale": Marker("mixing", block=True),
    "mixing-table": Marker("mixing", block=True),
    "mixing-rating": Marker("mixing", block=False, argument="a substance id"),
    "mixing-list": Marker("mixing", block=True, argument="a rating"),
    "mixing-names": Marker("mixing", block=False, argument="a rating"),
    "call-rule": Marker("emergency", block=False),
    "red-flags": Marker("emergency", block=True),
    "emergency-table": Marker("emergency", block=True),
    "emergency-inline": Marker("emergency", block=False),
    "sms-emergency": Marker("emergency", block=True),
    "helplines": Marker("helplines", block=True, argument="a country code"),
    "helplines-card": Marker("helplines", block=False),
}
"""Every marker, by name."""


def has_markers(markdown: str) -> bool:
    """Tell whether a page uses any data marker (most pages do not)."""
    return "data:" in markdown and MARKER_RE.search(markdown) is not None


def render_markers(
    markdown: str,
    data: GuideData,
    path: str,
    first_line: int = 1,
    *,
    address: str = "",
    words: Strings | None = None,
) -> tuple[str, list[Finding]]:
    """Replace every data marker outside code blocks; return the Markdown and any errors.

    ``first_line`` is the file line of the first line of ``markdown``. A marker in error is
    left as written (an invisible comment), so one build reports every marker in error.
    ``address`` is the guide's public address (``site_url``), which the SMS text carries.
    ``words`` are the page's words around the data (table headers, "Last checked", the SMS
    link and text, "a, b and c"), in its language; English without them. ``data`` should be
    loaded in the same language (``load_data(..., language=)``) for the data's own words.
    """
    lines = markdown.split("\n")
    findings: list[Finding] = []
    out: dict[int, list[str]] = {}
    for index, line in outside_fences(lines):
        if "data:" not in line:
            continue
        rendered = line
        block: list[str] | None = None
        prose = _CODE_SPAN_RE.sub(lambda m: " " * len(m.group()), line)  # same columns
        for match in reversed(list(MARKER_RE.finditer(prose))):
            where = (path, first_line + index, match.start() + 1)
            text, problem = _render_one(
                match.group("body"), data, line, match, where, address=address, site_words=words
            )
            if problem is not None:
                findings.append(problem)
                continue
            if MARKERS[match.group("body").split()[0]].block:
                indent = line[: len(line) - len(line.lstrip())]
                block = [f"{indent}{row}" if row else "" for row in ["", *text.split("\n"), ""]]
            else:
                rendered = rendered[: match.start()] + text + rendered[match.end() :]
        out[index] = block if block is not None else [rendered]
    result = [row for index, line in enumerate(lines) for row in out.get(index, [line])]
    return "\n".join(result), sorted(findings)


def _render_one(  # noqa: PLR0911 (one return per kind of mistake)
    body: str,
    data: GuideData,
    line: str,
    match: re.Match[str],
    where: tuple[str, int, int],
    *,
    address: str = "",
    site_words: Strings | None = None,
) -> tuple[str, Finding | None]:
    words = body.split()
    name = words[0] if words else ""
    marker = MARKERS.get(name)
    if marker is None:
        known = ", ".join(MARKERS)
        message = f"unknown data marker '{match.group().strip()}'"
        return "", Finding(*where, "MRK001", message, f"use one of: {known}")
    args = words[1:]
    if marker.argument and len(args) != 1:
        message = f"marker data:{name} needs {marker.argument}"
        fix = f"write <!-- data:{name} ARGUMENT --> with {marker.argument}"
        return "", Finding(*where, "MRK002", message, fix)
    if not marker.argument and args:
        message = f"marker data:{name} takes no argument, but has '{' '.join(args)}'"
        return "", Finding(*where, "MRK002", message, f"write <!-- data:{name} -->")
    if marker.block and line.strip() != match.group():
        message = f"marker data:{name} makes a table or list, so it must be alone on its line"
        return "", Finding(*where, "MRK004", message, "put it on a line of its own")
    source = getattr(data, marker.data)
    if source is None and marker.data in data.broken:
        return match.group(), None  # the data file's own findings say what to fix
    if source is None:
        file = data.paths.get(marker.data, f"docs/data/{marker.data}.yml")
        message = f"marker data:{name} needs {file}, which is missing or has errors"
        return "", Finding(*where, "MRK003", message, f"create {file} or fix the errors in it")
    arg = args[0] if args else ""
    if name == "sms-emergency":
        assert data.emergency is not None
        file = data.paths.get("emergency", "")
        return _sms_marker(data.emergency, address, where, file, site_words)
    text = _RENDERERS[name](data, arg, _words(site_words))
    if text is None:
        message = f"marker data:{name} names {marker.argument} that is not in the data: '{arg}'"
        fix = f"use one of: {', '.join(_choices(name, data))}"
        return "", Finding(*where, "MRK002", message, fix)
    return text, None


def _choices(name: str, data: GuideData) -> list[str]:
    """What the argument of marker ``name`` may be, for the fix of a wrong one."""
    if name in {"mixing-list", "mixing-names"} and data.mixing:
        return list(data.mixing.ratings)
    if name == "mixing-rating" and data.mixing:
        return [s.id for s in data.mixing.substances]
    return list(dict.fromkeys(h.code for h in data.helplines or ()))


# ---- Markdown helpers ----


def plain(text: str) -> str:
    """Escape plain text from the data for Markdown: HTML characters and emphasis marks.

    >>> plain("a*b <c>")
    'a\\\\*b &lt;c&gt;'
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def cell(text: str) -> str:
    """Escape plain text for a table cell (a ``|`` would end the cell)."""
    return text.replace("|", r"\|")


def cite(ids: Iterable[str]) -> str:
    """Return ``[@a; @b]`` for the ids, each once, in order."""
    unique = list(dict.fromkeys(ids))
    return "[" + "; ".join(f"@{i}" for i in unique) + "]"


@cache
def _english() -> Strings:
    return load(FALLBACK)


def _words(words: Strings | None) -> Strings:
    """The site's words, or the English ones."""
    return words if words is not None else _english()


_SPANISH_Y = re.compile(r"[\\\[*_]*h?[ií](?![aeoáéó])", re.IGNORECASE)
_SPANISH_O = re.compile(r"[\\\[*_]*h?[oó]", re.IGNORECASE)


def _joiner(word: str, following: str, language: str) -> str:
    """Spanish says ``e`` for ``y`` before an /i/ sound, ``u`` for ``o`` before an /o/ one.

    >>> [_joiner("y", "ibuprofeno", "es"), _joiner("y", "hielo", "es")]
    ['e', 'y']
    >>> [_joiner("o", "opioides", "es"), _joiner("and", "ice", "en")]
    ['u', 'and']
    """
    if language.split("-", maxsplit=1)[0] == "es":
        if word == "y" and _SPANISH_Y.match(following):
            return "e"
        if word == "o" and _SPANISH_O.match(following):
            return "u"
    return word


def _fill(words: Strings, key: str, **values: str) -> str:
    """The text of ``key`` escaped for Markdown, its slots filled with ``values`` (Markdown)."""
    marks = {name: f"\x00{i}\x00" for i, name in enumerate(values)}
    text = plain(words.text(key, **marks))
    for name, mark in marks.items():
        text = text.replace(mark, values[name])
    return text


def sentence_list(items: Sequence[str], last: str = "and", words: Strings | None = None) -> str:
    """Join ``a, b and c``; ``last`` is ``and`` or ``or``, in the language of ``words``.

    >>> sentence_list(["alcohol", "GHB or GBL", "opioids", "benzos"])
    'alcohol, GHB or GBL, opioids and benzos'
    >>> sentence_list(["999", "112"], "or")
    '999 or 112'
    """
    if len(items) <= 1:
        return "".join(items)
    site = _words(words)
    joiner = _joiner(site.text(f"data.{last}"), items[-1], site.language)
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"


def spell_day(day: date, words: Strings | None = None) -> str:
    """``20 November 2026``: the month named by Babel, in the order of ``js.date`` (the same
    form the page's scripts write dates in; ``20 de noviembre de 2026`` in Spanish)."""
    site = _words(words)
    month = format_date(day, "MMMM", locale=site.language)
    return site.text("js.date", day=day.day, month=month, year=day.year)


def tel(number: str) -> str:
    """Return a ``tel:`` link showing ``number`` as dialled: ``[999](tel:999)``."""
    return f"[{plain(number)}](tel:{digits(number)})"


# ---- mixing ----


def _label(mixing: Mixing, rating: str) -> str:
    return mixing.ratings[rating].label


def mixing_scale(mixing: Mixing, _: str = "", words: Strings | None = None) -> str:
    """The rating scale as a definition list: each label, then what it means."""
    items = [
        f"{plain(r.label)}\n:   {' '.join(r.meaning.split())}" for r in mixing.ratings.values()
    ]
    return "\n\n".join(items)


def mixing_table(mixing: Mixing, _: str = "", words: Strings | None = None) -> str:
    """The quick table: name (linked to its section), our rating, the main risk."""
    site = _words(words)
    head = [cell(plain(site.text(f"data.{key}"))) for key in ("mixed_with", "our_rating", "risk")]
    rows = [f"| {' | '.join(head)} |", "|---|---|---|"]
    for sub in mixing.substances:
        label = _label(mixing, sub.rating)
        rating = f"**{label}**" if sub.rating == "dangerous" else label
        if sub.disagree:
            notes = "; ".join(
                f"{plain(s.label)}: {_label(mixing, s.rating).lower()}" for s in sub.disagreeing
            )
            rating += f" ({cell(notes)})"
        name = cell(f"[{plain(sub.name)}](#{sub.id})")
        rows.append(f"| {name} | {rating} | {cell(plain(sub.risk))} |")
    ids = [s.source for sub in mixing.substances for s in sub.sources]
    return "\n".join([*rows, "", cite(ids)])


def mixing_rating(mixing: Mixing, ident: str, words: Strings | None = None) -> str | None:
    """``**Dangerous.**``, or our rating and the sources that disagree with it."""
    sub = mixing.by_id(ident)
    if sub is None:
        return None
    label = _label(mixing, sub.rating)
    if not sub.disagree:
        return f"**{label}.**"
    others = ", ".join(
        f"{plain(s.label)} {_label(mixing, s.rating).lower()}" for s in sub.disagreeing
    )
    return f"**{_fill(_words(words), 'data.disagree', rating=label, others=others)}**"


def _rated(mixing: Mixing, rating: str) -> list[Substance] | None:
    if rating not in mixing.ratings:
        return None
    return [s for s in mixing.substances if s.rating == rating]


def mixing_list(mixing: Mixing, rating: str, words: Strings | None = None) -> str | None:
    """A bulleted list of the names of every substance with that rating."""
    subs = _rated(mixing, rating)
    if subs is None:
        return None
    return "\n".join(f"- {plain(s.name)}" for s in subs)


def mixing_names(mixing: Mixing, rating: str, words: Strings | None = None) -> str | None:
    """The short names of every substance with that rating, as a sentence list."""
    subs = _rated(mixing, rating)
    return None if subs is None else sentence_list([plain(s.short) for s in subs], "and", words)


# ---- emergency ----


def call_rule(emergency: Emergency, _: str = "", words: Strings | None = None) -> str:
    """The rule for when to call, as written (Markdown), then its citations."""
    text = " ".join(emergency.call_rule.split())
    return f"{text} {cite(emergency.call_rule_sources)}" if emergency.call_rule_sources else text


def red_flags(emergency: Emergency, _: str = "", words: Strings | None = None) -> str:
    """A bulleted list of the red flags, then the citation line."""
    items = [f"- {flag}" for flag in emergency.red_flags]
    return "\n".join([*items, "", cite(emergency.red_flags_sources)])


def _numbers(country: Country, link: Callable[[str], str], words: Strings | None) -> str:
    return sentence_list([link(n) for n in country.numbers], "or", words)


def emergency_table(emergency: Emergency, _: str = "", words: Strings | None = None) -> str:
    """``| Where you are | Call |`` with a ``tel:`` link for each number, then the citations."""
    site = _words(words)
    head = [cell(plain(site.text(f"data.{key}"))) for key in ("where", "call")]
    rows = [f"| {' | '.join(head)} |", "|---|---|"]
    rows += [f"| {cell(plain(c.country))} | {_numbers(c, tel, words)} |" for c in emergency.numbers]
    return "\n".join([*rows, "", cite(c.source for c in emergency.numbers)])


def emergency_inline(emergency: Emergency, _: str = "", words: Strings | None = None) -> str:
    """``**UK** 999 or 112 · **EU** 112`` and the citations, for the card."""
    parts = [f"**{plain(c.short)}** {_numbers(c, plain, words)}" for c in emergency.numbers]
    return " · ".join(parts) + " " + cite(c.source for c in emergency.numbers)


def _sms_marker(
    emergency: Emergency,
    address: str,
    where: tuple[str, int, int],
    file: str,
    words: Strings | None = None,
) -> tuple[str, Finding | None]:
    """The "Text the emergency steps" link, or why it cannot be made."""
    texts = sms.texts(emergency, address, words)
    file = file or "docs/data/emergency.yml"
    if not texts:
        message = f"marker data:sms-emergency needs sms_rule in {file}"
        fix = "add sms_rule: the call rule as plain text short enough to text"
        return "", Finding(*where, "MRK005", message, fix)
    problems = sms.too_long(texts)
    if problems:
        message = "; ".join(problems)
        fix = f"shorten sms_rule in {file} (or the site_url) so every text fits"
        return "", Finding(*where, "MRK006", message, fix)
    return sms_link(emergency, address, words), None


def sms_link(emergency: Emergency, address: str, words: Strings | None = None) -> str:
    """An ``sms:`` link whose draft holds the call rule, the numbers and the guide's address.

    Raw HTML (a block of its own in the Markdown): without JavaScript the draft lists the
    main numbers; ``pg-sms.js`` picks the text for the phone's country from ``data-pg-sms``
    and shows how many SMS it takes. ``words``: the site's texts (``sms.*``), else English.
    """
    words = _words(words)
    texts = sms.texts(emergency, address, words)
    fallback = texts[""]
    count = sms.segments(fallback)
    fits = words.markup("sms.fits_one" if count.segments == 1 else "sms.fits", count=count.segments)
    data = html.escape(sms.link_data(emergency, address, words))
    return (
        f'<p class="pg-sms"><a class="md-button pg-sms__link" href="{sms.sms_href(fallback)}" '
        f'data-pg-sms="{data}">{words.markup("sms.link")}</a> '
        f'<span class="pg-sms__count">{fits}</span></p>'
    )


# ---- helplines ----


def international(e164: str) -> str:
    """Return an E.164 number grouped for reading: ``+44 300 123 6600``.

    >>> international("+443001236600")
    '+44 300 123 6600'
    """
    parsed = phonenumbers.parse(e164)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _item(words: Strings, key: str, value: str) -> str:
    """One line of a helpline's list: ``- Phone: …`` (the label from ``data.<key>``)."""
    return f"- {plain(words.text(f'data.{key}'))}: {value}"


def _phone(line: Helpline, words: Strings) -> str:
    assert line.phone is not None and line.phone_display is not None  # checked by the schema
    shown = plain(line.phone_display)
    if line.local_only:
        text = _fill(words, "data.only_inside", number=shown)
    else:
        shown_intl = international(line.phone) if line.phone.startswith("+") else line.phone_display
        text = f"[{plain(shown_intl)}](tel:{line.phone})"
        if digits(line.phone_display) != line.phone:
            text += " " + _fill(words, "data.from_inside", number=shown)
    if line.phone_note:
        text += f". {line.phone_note}"
    return _item(words, "phone", text)


def helpline_block(line: Helpline, words: Strings | None = None) -> str:
    """``**Name**: about``, a list of the ways to reach it, and its citation."""
    site = _words(words)
    items = [_phone(line, site)] if line.phone else []
    if line.text:
        items.append(_item(site, "text", plain(line.text)))
    if line.web:
        items.append(_item(site, "web", f"<{line.web}>"))
    for key, value in (("hours", line.hours), ("cost", line.cost)):
        if value:
            items.append(_item(site, key, plain(value)))
    checked = date.fromisoformat(line.checked)
    day = spell_day(checked, site)
    items.append(f"- {_fill(site, 'data.checked', date=plain(day))}")
    return "\n".join([f"**{plain(line.name)}**: {line.about}", "", *items, "", cite([line.source])])


def helplines(lines: tuple[Helpline, ...], code: str, words: Strings | None = None) -> str | None:
    """Every helpline of one country code, as blocks, in file order."""
    chosen = [h for h in lines if h.code == code]
    return "\n\n".join(helpline_block(h, words) for h in chosen) if chosen else None


def helplines_card(lines: tuple[Helpline, ...], shorts: Mapping[str, str]) -> str:
    """``**UK** FRANK 0300 123 6600 [@a] · **US** SAMHSA 1-800-662-4357 [@b], 988 988 [@c]``.

    The helplines with ``card: true``, one country after another (a country's helplines share
    its label), each with its own citation: one long citation group cannot wrap on a narrow
    screen. A helpline's ``card_name``, when it has one, stands for its name. ``shorts`` maps a
    country code to its short label (``GB`` to ``UK``, from the emergency data); a country
    without one shows its full name.
    """
    countries: dict[str, list[str]] = {}
    for line in (h for h in lines if h.card):
        label = shorts.get(line.code, line.country)
        reach = line.phone_display or line.text or ""
        name = line.card_name or line.name
        what = " ".join(filter(None, [plain(name), plain(reach), cite([line.source])]))
        countries.setdefault(label, []).append(what)
    return " · ".join(
        f"**{plain(label)}** {', '.join(items)}" for label, items in countries.items()
    )


def _mixing(render: Callable[[Mixing, str, Strings], str | None]) -> _Renderer:
    def run(data: GuideData, arg: str, words: Strings) -> str | None:
        assert data.mixing is not None  # checked before rendering
        return render(data.mixing, arg, words)

    return run


def _emergency(render: Callable[[Emergency, str, Strings], str]) -> _Renderer:
    def run(data: GuideData, arg: str, words: Strings) -> str | None:
        assert data.emergency is not None
        return render(data.emergency, arg, words)

    return run


def _helplines(data: GuideData, code: str, words: Strings) -> str | None:
    assert data.helplines is not None
    return helplines(data.helplines, code, words)


def _helplines_card(data: GuideData, _: str, __: Strings) -> str:
    assert data.helplines is not None
    shorts = {c.code: c.short for c in data.emergency.numbers} if data.emergency else {}
    return helplines_card(data.helplines, shorts)


_Renderer = Callable[["GuideData", str, Strings], "str | None"]
_RENDERERS: dict[str, _Renderer] = {
    "mixing-scale": _mixing(mixing_scale),
    "mixing-table": _mixing(mixing_table),
    "mixing-rating": _mixing(mixing_rating),
    "mixing-list": _mixing(mixing_list),
    "mixing-names": _mixing(mixing_names),
    "call-rule": _emergency(call_rule),
    "red-flags": _emergency(red_flags),
    "emergency-table": _emergency(emergency_table),
    "emergency-inline": _emergency(emergency_inline),
    "sms-emergency": _emergency(lambda e, _, words: sms_link(e, "", words)),
    "helplines": _helplines,
    "helplines-card": _helplines_card,
}
