"""HTML snippets the ``pocketguide/content`` plugin adds to pages (pure string functions).

The snippets are raw HTML blocks inside the page's Markdown, so every text that comes from
the registry or front matter is escaped here.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from babel.dates import format_date, format_skeleton
from markupsafe import Markup

from pocketguide.content import strings
from pocketguide.content.lines import outside_fences

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import date

    from pocketguide.content.frontmatter import Reviewer
    from pocketguide.content.sources import Source

SOURCES_MARKER = "<!-- pocketguide:sources -->"
"""Marker on the Sources page that the full registry list replaces."""

_ATX_H1_RE = re.compile(r" {0,3}#(?:[ \t]|$)")
_SETEXT_H1_RE = re.compile(r" {0,3}=+[ \t]*")
_ATX_RE = re.compile(r" {0,3}#{1,6}(?:[ \t]+(.*)|$)")
_SETEXT_RE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")


def _english(locale: str) -> bool:
    return locale.replace("-", "_").split("_")[0] == "en"


def spell_month(day: date, locale: str = "en") -> str:
    """Return ``November 2026``, with the month named in ``locale`` (Babel's CLDR data,
    which Material already depends on; never the machine's own locale), in that language's
    order and words (``diciembre de 2026`` in ``es``)."""
    if _english(locale):
        return str(format_date(day, "MMMM y", locale=locale))
    return str(format_skeleton("yMMMM", day, locale=locale))


def spell_day(day: date, locale: str = "en") -> str:
    """Return ``20 November 2026`` (``20 de noviembre de 2026`` in ``es``).

    English keeps day-month-year everywhere (CLDR's ``en`` is month first); other languages
    take CLDR's own long form.
    """
    if _english(locale):
        return str(format_date(day, "d MMMM y", locale=locale))
    return str(format_skeleton("yMMMMd", day, locale=locale))


def _day(day: date, locale: str = "en") -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), spell_day(day, locale))


def _english_words() -> strings.Strings:
    return strings.load("en")


def reviewed_line(
    last_reviewed: date,
    next_review: date,
    reviewers: Iterable[Reviewer] = (),
    words: strings.Strings | None = None,
) -> str:
    """Return the small line under the page title that says what checking happened.

    Each recorded sign-off is named ("Clinically reviewed by NAME, ROLE, on DATE."); a page
    with none says plainly that it awaits clinical review. In the site's ``words``.
    """
    words = words or _english_words()
    locale = words.language
    signed = [
        words.markup("review.signed", name=r.name, role=r.role, date=_day(r.date, locale))
        for r in reviewers
    ]
    month = Markup('<time datetime="{}">{}</time>').format(
        f"{next_review:%Y-%m}", spell_month(next_review, locale)
    )
    parts = [
        words.markup("review.checked", date=_day(last_reviewed, locale)),
        *(signed or [words.markup("review.awaiting")]),
        words.markup("review.next", month=month),
    ]
    return f'<p class="pg-reviewed">{" ".join(parts)}</p>'


def insert_after_title(markdown: str, html: str) -> str:
    """Put an HTML block right after the page's first level-1 heading (or at the top)."""
    lines = markdown.split("\n")
    at = _title_end(lines)
    block = ["", html, ""]
    return "\n".join([*lines[:at], *block, *lines[at:]])


def _title_end(lines: list[str]) -> int:
    """Return the index of the line after the first ``# Title`` (ATX or setext), else 0."""
    for index, line in outside_fences(lines):
        setext = index > 0 and lines[index - 1].strip() and _SETEXT_H1_RE.fullmatch(line.rstrip())
        if _ATX_H1_RE.match(line) or setext:
            return index + 1
    return 0


def source_item(
    source: Source, anchor: str, *, note: bool = False, words: strings.Strings | None = None
) -> str:
    """Return one ``<li>``: linked title, who, year, DOI, the day it was accessed and, with
    ``note``, the registry's note on what was read."""
    parts = [f'<a href="{escape(source.url)}">{escape(source.title)}</a>.']
    who = ", ".join(filter(None, [source.by, str(source.year) if source.year else ""]))
    if who:
        parts.append(f"{escape(who)}.")
    if source.doi:
        href = escape(quote(source.doi, safe="/:;()"))
        parts.append(f'doi:<a href="https://doi.org/{href}">{escape(source.doi)}</a>.')
    if source.accessed:
        words = words or _english_words()
        parts.append(words.markup("sources.accessed", date=_day(source.accessed, words.language)))
    if note and source.note:
        parts.append(f'<span class="pg-source-note">{escape(source.note)}</span>')
    return f'<li id="{anchor}">{" ".join(parts)}</li>'


def sources_section(
    numbered: Iterable[tuple[int, Source]],
    anchor: str = "sources",
    words: strings.Strings | None = None,
) -> str:
    """Return the "Sources" section for the bottom of a page, items ``pg-source-N``."""
    words = words or _english_words()
    items = "\n".join(source_item(source, f"pg-source-{n}", words=words) for n, source in numbered)
    # data-search-exclude: the lists would double the search index and match every query.
    return (
        f'<h2 id="{anchor}" data-search-exclude>{words.markup("sources.heading")}</h2>\n'
        f'<ol class="pg-sources" data-search-exclude>\n{items}\n</ol>'
    )


def append_sources(
    markdown: str,
    numbers: Mapping[str, int],
    sources: Mapping[str, Source],
    words: strings.Strings | None = None,
) -> str:
    """Append the page's numbered sources (ids without an entry are skipped).

    The heading's id is ``sources``, or ``pg-sources`` when the page has its own heading
    called "Sources" (the Sources page does), so that ids stay unique.
    """
    numbered = sorted((n, sources[i]) for i, n in numbers.items() if i in sources)
    if not numbered:
        return markdown
    anchor = "pg-sources" if _has_sources_heading(markdown) else "sources"
    return f"{markdown.rstrip()}\n\n{sources_section(numbered, anchor, words)}\n"


def _has_sources_heading(markdown: str) -> bool:
    """Whether a Markdown heading would get the id ``sources`` ("Sources" or ``{#sources}``)."""
    lines = markdown.split("\n")
    for index, line in outside_fences(lines):
        atx = _ATX_RE.match(line)
        text = (atx.group(1) or "") if atx else ""
        if not atx and index > 0 and _SETEXT_RE.fullmatch(line.rstrip()):
            text = lines[index - 1]
        if "{#sources}" in text or text.strip().strip("#").strip().casefold() == "sources":
            return True
    return False


def registry_list(sources: Iterable[Source], words: strings.Strings | None = None) -> str:
    """Return every source, sorted by title, each with the anchor ``source-<id>``."""
    ordered = sorted(sources, key=lambda s: (s.title.casefold(), s.id))
    items = "\n".join(source_item(s, f"source-{s.id}", note=True, words=words) for s in ordered)
    return f'<ul class="pg-sources pg-sources--all">\n{items}\n</ul>'
