"""Wire the pure content modules into MkDocs events; no logic of its own.

Front matter is parsed here a second time because MkDocs swallows YAML errors
(``mkdocs/utils/meta.py``); a page with broken front matter must stop the build.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import get_build_date

from pocketguide import buildinfo, languages
from pocketguide.content import render, strings, themeparts
from pocketguide.content.citations import (
    check_citations,
    find_citations,
    number_sources,
    render_with_numbers,
)
from pocketguide.content.data import GuideData, is_base_language, load_data
from pocketguide.content.data_markers import has_markers, render_markers
from pocketguide.content.data_publish import is_data_file, publish_files
from pocketguide.content.evidence import check_primary_citations, is_primary_page
from pocketguide.content.frontmatter import (
    FrontMatter,
    clinical_review_status,
    markdown_start_line,
    parse_front_matter,
    required_keys,
    reviewers,
)
from pocketguide.content.sources import Source, load_sources
from pocketguide.findings import Finding, Severity
from pocketguide.plugins.content.config import ContentConfig

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
PARTS = themeparts.plugin_parts(__package__, css=["assets/stylesheets/pg-content.css"])


class ContentPlugin(BasePlugin[ContentConfig]):
    """Numbered citations, per-page source lists, review dates and strict front matter."""

    def __init__(self) -> None:
        self.sources: dict[str, Source] = {}
        self.english = GuideData()
        """The data as written (English words): checked once, published as it is."""
        self.data = GuideData()
        """The data in the language being built (``theme.language``)."""
        self._by_language: dict[str, GuideData] = {}
        self.errors: list[Finding] = []
        self._config_dir = Path()
        self._registry = ""

    # Before pocketguide/minify's on_config (0), which joins the stylesheets linked by then.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Add the citation styles to the theme, and load the registry once per build; a
        broken registry stops the build at once.

        See https://www.mkdocs.org/dev-guide/plugins/#on_config.
        """
        if not self.config.enabled:
            log.info("disabled: citations are not rendered and front matter is not checked")
            return None
        themeparts.attach(config, "pocketguide/content", PARTS, any_theme=True)
        self._config_dir = Path(config.config_file_path or ".").parent
        self._registry = self._relative(self.config.sources)
        findings: list[Finding] = []
        self.sources = {}
        if self._has_registry():  # required ones are checked when mkdocs.yml is loaded
            self.sources, findings = load_sources(Path(self.config.sources), self._registry)
        self.errors = []
        _raise_errors(findings)
        # Review dates of the data are the checks' business: a strict build never fails on them.
        self.english, findings = load_data(
            Path(self.config.data_dir), self.sources, display=lambda p: self._relative(str(p))
        )
        self.data, self._by_language = self.english, {}
        _raise_errors(findings)
        return None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Read the data's words in the language being built, from the translations beside
        the data files (``mixing.es.yml``…); an error in one stops the build.

        Once per language: mkdocs-static-i18n builds each with the same config and plugins.
        See https://www.mkdocs.org/dev-guide/plugins/#on_pre_build.
        """
        if not self.config.enabled:
            return
        self._by_language = {}
        self.data = self._data_for(languages.current(config).code)
        errors, self.errors = self.errors, []
        _raise_errors(errors)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer | None:
        """Rebuild when the registry changes under ``mkdocs serve``."""
        if self.config.enabled:
            if self._has_registry():
                server.watch(self.config.sources)
            if Path(self.config.data_dir).is_dir():  # a missing folder cannot be watched
                server.watch(self.config.data_dir)
        return server

    @event_priority(-110)
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Publish the data as JSON instead of its YAML; warn when the Sources page is missing."""
        if not self.config.enabled:
            return None
        for file in list(files):  # the data is published as JSON, not as its YAML
            if file.abs_src_path and is_data_file(Path(file.abs_src_path), self.config.data_dir):
                files.remove(file)
        if self.config.data_licence:
            generated = date.fromisoformat(get_build_date())
            published = publish_files(  # as written: the translations are not published
                self.english, self.sources, licence=self.config.data_licence, generated=generated
            )
            for name, text in published.items():
                files.append(File.generated(config, name, content=text))
        if self._has_registry() and files.get_file_from_path(self.config.sources_page) is None:
            log.warning(
                "sources_page '%s' is not in %s — create it with the marker %s, "
                "or point the 'sources_page' option at the page that has it",
                self.config.sources_page,
                self._relative(config.docs_dir),
                render.SOURCES_MARKER,
            )
        return None

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Check front matter and citations; render citations, the review line and sources.

        Errors of every page are collected and raised together in ``on_env``, so one build
        reports them all. See https://www.mkdocs.org/dev-guide/plugins/#on_page_markdown.
        """
        if not self.config.enabled:
            return None
        path = self._relative(page.file.abs_src_path or page.file.src_uri)
        text = page.file.content_string
        # MkDocs hands us the text after the front matter, perhaps changed by plugins before.
        first_line = markdown_start_line(text)
        findings = check_citations(markdown, path, self.sources, first_line, self._registry)
        if has_markers(markdown):
            # Before numbering, so the citations the data writes are numbered like any other;
            # after the check, so its line numbers are the page's own.
            language = languages.page_language(page.file, config)
            markdown, marker_findings = render_markers(
                markdown,
                self._data_for(language),
                path,
                first_line,
                address=config.site_url or "",
                words=strings.for_site(config, language),
            )
            findings += marker_findings
        findings += self._primary_citations(markdown, page, path, first_line)
        if page.file.generated_by is None:
            required = required_keys(self.config.require_review_dates)
            fm, fm_findings = parse_front_matter(text, path, required=required)
            findings = fm_findings + findings
            if fm is not None:
                status = clinical_review_status(fm, required=self.config.require_clinical_review)
                findings = [status, *findings] if status else findings
            if fm is not None and not _errors(findings):
                markdown = self._review_line(markdown, page, fm, config)
        if _errors(findings):
            self.errors += _errors(findings)
            return None
        numbers = number_sources(find_citations(markdown))
        markdown = render_with_numbers(markdown, numbers)
        markdown = render.append_sources(markdown, numbers, self.sources, strings.for_site(config))
        if languages.source_name(page.file) == self.config.sources_page:
            markdown = self._fill_registry(markdown, path, config)
        return markdown

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Stop the build with every page error found, before any page is written; give the
        shared templates the site's words (``pg_t``)."""
        if self.config.enabled:
            errors, self.errors = self.errors, []
            _raise_errors(errors)
            strings.install(env, config)
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Record where the registry and the data are in the build manifest, for the checks.

        https://www.mkdocs.org/dev-guide/plugins/#on_post_build
        """
        if not self.config.enabled:
            return
        registry = {"sources": self._registry, "data_dir": self._relative(self.config.data_dir)}
        buildinfo.record(Path(config.site_dir), registry=registry)

    def _data_for(self, language: str) -> GuideData:
        """The data with the words of ``language``, read once per build; the errors of its
        translations are collected like page errors, and a word left in English is logged."""
        if is_base_language(language):
            return self.english
        if language not in self._by_language:
            data, findings = load_data(
                Path(self.config.data_dir),
                self.sources,
                display=lambda p: self._relative(str(p)),
                language=language,
            )
            for finding in findings:
                if finding.severity is not Severity.ERROR:
                    log.info(finding.format())  # the checks warn; a strict build goes on
            self.errors += _errors(findings)
            self._by_language[language] = data
        return self._by_language[language]

    def _primary_citations(
        self, markdown: str, page: Page, path: str, first_line: int
    ) -> list[Finding]:
        """CI012 as errors, or logged as warnings, as the ``primary_citations`` option says."""
        if self.config.primary_citations == "ignore":
            return []
        text = page.file.content_string
        findings = check_primary_citations(
            markdown,
            path,
            self.sources,
            first_line=first_line,
            whole_page=is_primary_page(languages.source_name(page.file), self.config.primary_pages),
            primary_kinds=self.config.primary_kinds,
            written="\n".join(text.split("\n")[first_line - 1 :]),
        )
        if self.config.primary_citations == "warn":
            for finding in findings:
                log.warning(finding.format())
            return []
        return findings

    def _review_line(self, markdown: str, page: Page, fm: FrontMatter, config: MkDocsConfig) -> str:
        """Show the review dates and sign-offs under the title; ISO strings in ``page.meta``.
        A page without both dates (allowed unless ``require_review_dates``) shows none."""
        last, nxt = fm.data.get("last_reviewed"), fm.data.get("next_review")
        if not isinstance(last, date) or not isinstance(nxt, date):
            return markdown
        page.meta["last_reviewed"] = last.isoformat()
        page.meta["next_review"] = nxt.isoformat()
        line = render.reviewed_line(last, nxt, reviewers(fm), strings.for_site(config))
        return render.insert_after_title(markdown, line)

    def _fill_registry(self, markdown: str, path: str, config: MkDocsConfig) -> str:
        if render.SOURCES_MARKER not in markdown:
            log.warning(
                "%s: the marker %s is missing — add it where the list of all sources belongs",
                path,
                render.SOURCES_MARKER,
            )
            return markdown
        listing = render.registry_list(self.sources.values(), strings.for_site(config))
        return markdown.replace(render.SOURCES_MARKER, listing, 1)

    def _has_registry(self) -> bool:
        return bool(self.config.sources) and Path(self.config.sources).is_file()

    def _relative(self, path: str) -> str:
        """Return ``path`` relative to the folder of ``mkdocs.yml``, with forward slashes."""
        try:
            return Path(os.path.relpath(path, self._config_dir)).as_posix()
        except ValueError:  # another drive on Windows
            return Path(path).as_posix()


def _errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


def _raise_errors(findings: list[Finding]) -> None:
    errors = _errors(findings)
    if errors:
        raise PluginError("\n".join(f.format() for f in errors))
