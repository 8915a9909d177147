"""Check the Markdown in ``docs/``: front matter, citations, wording, readability, structure.

Front matter, citations and the source registry are read by the shared readers in
``pocketguide.content`` (the same code the ``pocketguide/content`` plugin uses), so the build
and this check can never disagree. This module adds the rules that need the whole guide:

- FM010/FM011 review overdue (error) or due within 30 days (warn), via ``review_status``;
- FM012 no ``reviewed_by`` when ``require_clinical_review`` is on (a release build);
- SR016 a registry entry on a blocked host (mirror, scrape, aggregator, marketing site);
- CI010 a registry entry no page cites (warn); CI011 a content page cites no source;
- CI012 a citation in a danger or warning box, or on a ``primary_pages`` page, with no
  source of a primary kind (with data markers rendered, as the build checks it);
- the stigma lexicon (WRD001/WRD002) and forbidden content (FBD001-FBD004), see ``lexicon``;
- readability per page and section (RDG001/RDG002), see ``readability``;
- one h1, no skipped levels, alt text (HDG001, HDG002, IMG001), see ``structure``;
- a page's language comes from its name (``X.es.md`` is Spanish, see ``language``): the
  stigma lexicon and the reading measure are those of its language (English: Flesch-Kincaid
  grade; Spanish: INFLESZ, see ``readability_es``; other languages: none yet);
- translations against their English page (I18N001-I18N007), see ``parity``;
- the data files in ``docs/data/`` (DAT001-DAT011, see ``pocketguide.content.data``), the
  ``<!-- data:... -->`` markers in pages (MRK001-MRK006), and phone numbers typed into a page
  that are not in the data (PHN001, see ``numbers``).

A page that cannot be read is a finding (CNT001), never a crash; so is input that would make
a parser crash or hang, or publish what nobody wrote (CNT002-CNT007, see ``limits``), and raw
HTML outside the small allowed set (HTM001-HTM003, see ``rawhtml``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from pocketguide.content import data_markers
from pocketguide.content.citations import check_citations, find_citations
from pocketguide.content.data import RULES as DATA_RULES
from pocketguide.content.data import GuideData, load_data, overlay_languages
from pocketguide.content.evidence import check_primary_citations, is_primary_page
from pocketguide.content.frontmatter import (
    clinical_review_status,
    parse_front_matter,
    required_keys,
    review_status,
)
from pocketguide.content.sources import check_hosts, load_sources, parse_sources
from pocketguide.findings import Finding, Severity
from pocketguide.validators import limits, parity, rawhtml
from pocketguide.validators.config import CheckConfig
from pocketguide.validators.language import PageLanguage, page_language, primary
from pocketguide.validators.lexicon import check_forbidden, check_wording
from pocketguide.validators.numbers import check_numbers, known_numbers
from pocketguide.validators.prose import blank_front_matter, mask_code, mask_markup, mask_quotes
from pocketguide.validators.readability import check_readability
from pocketguide.validators.readability_es import check_readability_es
from pocketguide.validators.report import display
from pocketguide.validators.structure import check_headings, check_images, headings

if TYPE_CHECKING:
    from pocketguide.content.sources import Source

RULES = {
    **DATA_RULES,
    "MRK001": "unknown data marker",
    "MRK002": "data marker argument names nothing",
    "MRK003": "data marker needs a missing data file",
    "MRK004": "block data marker not alone on its line",
    "MRK005": "SMS marker without a short call rule",
    "MRK006": "emergency SMS over two text messages",
    "PHN001": "phone number not in the data",
    "CNT001": "page cannot be read",
    "CI001": "citation of an unknown source",
    "CI002": "malformed citation",
    "CI010": "source registry entry cited by no page",
    "CI011": "content page cites no source",
    "CI012": "citation in a warning box or on a primary page without a primary source",
    "WRD001": "stigmatising term",
    "WRD002": "term to avoid",
    "FBD001": "dose figure",
    "FBD002": "'normal dose' wording",
    "FBD003": "route to a K-hole",
    "FBD004": "injection preparation or needle advice",
    "RDG001": "page above the reading grade",
    "RDG002": "section above the reading grade",
    "HDG001": "not exactly one h1",
    "HDG002": "skipped heading level",
    "IMG001": "image without alt text",
    "FM010": "review overdue",
    "FM011": "review due soon",
    "FM008": "reviewed_by does not record a real sign-off",
    "FM012": "clinical sign-off required but not recorded",
    "SR011": "source without a kind",
    "SR012": "source year later than the year it was read",
    "SR013": "'undated' misused",
    "SR014": "doi that is not a DOI",
    "SR015": "DOI link without a doi field",
    "SR016": "source on a blocked host (mirror, scrape, aggregator, marketing)",
    **parity.RULES,
    **limits.RULES,
    **rawhtml.RULES,
}


@dataclass
class ContentReport:
    """All findings of a content run, and how many pages were checked."""

    findings: list[Finding] = field(default_factory=list)
    pages: int = 0


def run_content_checks(
    docs_dir: Path, config: CheckConfig | None = None, *, today: date | None = None
) -> list[Finding]:
    """Check every page in ``docs_dir``, the source registry and the data (where
    pocketguide/content's options put them, see :class:`CheckConfig`); severities applied,
    sorted."""
    checks = config or CheckConfig()
    return checks.apply(check_content(docs_dir, checks, today=today).findings)


def check_content(
    docs_dir: Path, checks: CheckConfig, *, today: date | None = None
) -> ContentReport:
    """Return the raw report (severities not yet applied) for ``docs_dir``."""
    report = ContentReport()
    report.findings += limits.check_files(docs_dir, display(docs_dir))
    refused = {f.path for f in report.findings}
    registry = checks.registry_path(docs_dir)
    sources, problems = _read_registry(registry, checks)
    problems += check_hosts(sources.values(), checks.blocked_hosts, str(registry))
    report.findings += [replace(f, path=display(registry)) for f in problems]
    unusable = not sources and any(f.code in limits.UNSAFE for f in problems)
    data, problems = load_data(
        checks.data_path(docs_dir),
        sources,
        display=display,
        today=today or date.today(),
        review_years=checks.data_review_years,
    )
    # Each translation of the data (mixing.es.yml…) is checked against the file it translates.
    for language in overlay_languages(checks.data_path(docs_dir)):
        _, found = load_data(
            checks.data_path(docs_dir), sources, display=display, language=language
        )
        problems += [f for f in found if f.path.endswith(f".{language}.yml")]
    # An unreadable registry is one finding, not one "unknown source" per id in the data.
    report.findings += [f for f in problems if not (unusable and f.code == "DAT005")]
    cited: set[str] = set(data.cited())
    texts: dict[str, str] = {}
    pages: list[tuple[str, str]] = []
    for page in sorted(docs_dir.rglob("*.md")):
        rel = page.relative_to(docs_dir).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        pages.append((rel, display(page)))
        if f"{display(docs_dir)}/{limits.printable(rel)}" in refused:
            continue  # reported above; never read what a link out of docs/ points at
        report.pages += 1
        found = check_page(
            page,
            rel,
            sources,
            cited,
            checks=checks,
            today=today or date.today(),
            data=data,
            texts=texts,
        )
        # An unreadable registry is one finding, not one "unknown source" per citation.
        report.findings += [f for f in found if not (unusable and f.code == "CI001")]
    report.findings += _check_translations(docs_dir, pages, texts, checks, today or date.today())
    for source in sorted(sources.values(), key=lambda s: s.line):
        if source.id not in cited:
            message = f"source '{source.id}' is not cited by any page"
            fix = f"cite it with [@{source.id}] or remove it from {registry.name}"
            where = display(registry)
            report.findings.append(
                Finding(where, source.line, 1, "CI010", message, fix, Severity.WARN)
            )
    return report


def _check_translations(
    docs_dir: Path,
    pages: list[tuple[str, str]],
    texts: dict[str, str],
    checks: CheckConfig,
    today: date,
) -> list[Finding]:
    """Compare each translation with its English page (``parity``); git is asked only when
    there is a translation."""
    language = checks.default_language
    if not any(page_language(rel, language, checks.languages).translation for rel, _ in pages):
        return []
    return parity.check_parity(
        [parity.Page(rel, path, texts.get(rel)) for rel, path in pages],
        default=language,
        languages=checks.languages,
        changed=parity.last_changed(docs_dir, today),
        require_translations=checks.require_translations,
    )


def _read_registry(registry: Path, checks: CheckConfig) -> tuple[dict[str, Source], list[Finding]]:
    """Read ``sources.yml`` with the same limits as a page (size, UTF-8, NUL) first."""
    if not registry.exists() and not checks.require_sources:
        return {}, []  # a site without a registry (require_sources off in mkdocs.yml)
    try:
        data = registry.read_bytes()
    except OSError:
        return load_sources(registry)  # its finding says the registry is missing
    text, problems = limits.read_page(data, display(registry), checks, "file")
    return parse_sources(text, display(registry)) if text is not None else ({}, problems)


def check_page(
    page: Path,
    rel: str,
    sources: dict[str, Source],
    cited: set[str],
    *,
    checks: CheckConfig,
    today: date,
    data: GuideData | None = None,
    texts: dict[str, str] | None = None,
) -> list[Finding]:
    """Return every finding for one page; adds the ids it cites to ``cited``.

    ``data`` is the guide's data: the page's markers are rendered from it (their errors are
    the build's), and phone numbers in the page are checked against it. ``texts``, when
    given, receives the page's text under ``rel`` when it is within the limits (for
    ``parity``; a page refused by ``limits`` is not compared).
    """
    data = data if data is not None else GuideData()
    path = display(page)
    try:
        raw = page.read_bytes()
    except OSError as exc:
        return [Finding(path, 0, 0, "CNT001", f"cannot read the page: {exc}", "save it as UTF-8")]
    text, problems = limits.read_page(raw, path, checks)
    if text is None:
        # Its citations still count, or their sources would be reported as unused too.
        cited.update(c.id for c in find_citations(raw.decode("utf-8", "replace"), 1))
        return problems
    text = text.replace("\r\n", "\n")
    lang = page_language(rel, checks.default_language, checks.languages)
    try:
        with limits.time_limit(checks.page_seconds):
            found = _check_text(text, lang, path, sources, cited, checks, today, data)
    except limits.PageTimeout:
        message = f"checking the page took more than {checks.page_seconds:g} s"
        fix = "look for very long lines or deep nesting (or raise page_seconds)"
        return [Finding(path, 1, 1, "CNT005", message, fix)]
    except RecursionError:
        message = "the page is nested too deeply for the Markdown parser"
        fix = "flatten nested lists and quotes"
        return [Finding(path, 1, 1, "CNT004", message, fix)]
    if texts is not None and not any(f.code in limits.RULES for f in found):
        texts[rel] = text  # safe to read again: nesting, addresses and time were within limits
    return found


def _check_text(  # noqa: PLR0917 (the page and everything checked against it)
    text: str,
    lang: PageLanguage,
    path: str,
    sources: dict[str, Source],
    cited: set[str],
    checks: CheckConfig,
    today: date,
    data: GuideData,
) -> list[Finding]:
    """Check one page's text; the unsafe shapes first, so no parser ever sees them.

    ``lang`` is the page's language: a translation (``X.es.md``) is exempt from citing, or
    held to primary sources, as its English page ``X.md`` is.
    """
    rel = lang.base
    code_masked = mask_code(text)
    unsafe = limits.check_nesting(code_masked, path, checks) + limits.check_urls(code_masked, path)
    if unsafe:
        cited.update(c.id for c in find_citations(text, 1))  # the page still cites them
        return unsafe
    fm, findings = parse_front_matter(
        text, path, today, required=required_keys(checks.require_review_dates)
    )
    body_line = fm.body_line if fm else 1
    if fm is not None:
        status = review_status(fm, today)
        signed = clinical_review_status(fm, required=checks.require_clinical_review)
        findings += [f for f in (status, signed) if f]
    elif text.startswith("---"):
        # Broken front matter: skip to after its closing line so it is not read as prose.
        close = text.find("\n---", 3)
        body_line = text.count("\n", 0, close) + 3 if close != -1 else 1
    whole = blank_front_matter(text, body_line)
    body = "\n".join(text.split("\n")[body_line - 1 :])
    citations = find_citations(body, body_line)
    cited.update(c.id for c in citations)
    findings += check_citations(body, path, set(sources), body_line)
    marked = data_markers.has_markers(body)
    rendered = body
    if marked:
        rendered, marker_findings = data_markers.render_markers(body, data, path, body_line)
        findings += marker_findings
    if data.emergency or data.helplines:  # a guide without number data has nothing to compare
        findings += check_numbers(whole, path, known_numbers(data), checks.phone_allow)
    findings += check_primary_citations(
        rendered,
        path,
        sources,
        first_line=body_line,
        whole_page=is_primary_page(rel, checks.primary_pages),
        primary_kinds=checks.primary_kinds,
        written=body if marked else None,
    )
    if (
        checks.require_sources
        and not citations
        and not marked
        and not any(fnmatch(rel, p) for p in checks.citation_exempt)
    ):
        message = "page cites no source"
        registry = display(Path(checks.registry)) if checks.registry else "docs/sources.yml"
        fix = f"back its safety claims with [@id] citations from {registry}"
        findings.append(Finding(path, body_line, 1, "CI011", message, fix))
    code_masked = mask_code(whole)
    findings += rawhtml.check_raw_html(code_masked, path)
    findings += check_wording(mask_quotes(whole), path, checks.substances, lang.language)
    findings += check_forbidden(mask_markup(text), path)
    items = headings(code_masked)
    findings += check_headings(items, path, body_line)
    findings += check_images(code_masked, path)
    if primary(lang.language) == "en":
        findings += check_readability(
            body, items, path, body_line, max_grade=checks.max_grade, min_words=checks.min_words
        )
    elif primary(lang.language) == "es":
        findings += check_readability_es(
            body, items, path, body_line, min_inflesz=checks.min_inflesz, min_words=checks.min_words
        )
    return findings
