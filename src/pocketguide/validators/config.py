"""Settings for the checks: per-rule severity and the few thresholds editors may tune.

The settings live in ``pyproject.toml`` under ``[tool.pocketguide.checks]`` (the default), or
in a small YAML file under a top-level ``checks:`` key (``--config checks.yml``)::

    [tool.pocketguide.checks]
    max_grade = 8              # readability: highest Flesch-Kincaid grade per page and section
    min_words = 40             # readability: sections with fewer words are not scored
    emergency_short_codes = ["112", "911", "999", "000", "111", "988"]
    exempt_pages = ["404.html", "offline/index.html", "offline.html"]
    citation_exempt = ["index.md", "offline.md", "install.md", "sources.md", "about/*"]
    phone_allow = []           # numbers a page may show that are not in docs/data (not helplines)
    substances = []            # the guide's own drug names, for the wording rules ("X abuse")
    default_language = "en"    # the language of pages without a language suffix (X.md)
    languages = []             # codes that count as a page's language suffix (X.es.md);
                               # empty: any language code Babel knows
    min_inflesz = 55           # readability of Spanish pages: lowest INFLESZ score

    [tool.pocketguide.checks.data_review_years]
    emergency = 1              # a 'checked' date older than this is a warning (DAT007)
    helplines = 1
    max_page_kib = 512         # limits on hostile or broken input, see "Limits" below
    max_nesting = 16
    max_html_depth = 512
    page_seconds = 60
    build_seconds = 900

    [tool.pocketguide.checks.severity]
    WRD002 = "error"           # any rule code: "error", "warn" or "ignore"
    LNK015 = "ignore"

    [tool.pocketguide.checks.blocked_hosts]   # never cited (SR016); replaces the default list
    "uk-times.com" = "news aggregator"         # a host matches its subdomains too
    "github.com/josikinzz" = "third-party scrape"   # host and path prefix

The content rules that the build applies too (``primary_pages``, ``primary_kinds``,
``primary_citations``, ``require_clinical_review``, ``require_translations``,
``require_sources``, ``require_review_dates``) are options of ``pocketguide/content`` in
``mkdocs.yml``, the one place for them: :func:`apply_site_options` reads them from there.

A setting that cannot be used is itself a finding (code ``CFG001``), never a crash.

Limits: the Markdown parser slows down faster than its input grows on some shapes (nested
brackets, deep lists), so a page over ``max_page_kib``, nested deeper than ``max_nesting``
levels (list indents, ``>`` quotes, brackets) or with raw HTML nested deeper than
``max_html_depth`` elements is refused before it is parsed; a page whose checks take longer
than ``page_seconds``, or a whole ``mkdocs build`` longer than ``build_seconds``, is stopped.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from pocketguide.content.data import REVIEW_YEARS
from pocketguide.content.evidence import PRIMARY_PAGES
from pocketguide.content.sources import BLOCKED_HOSTS, KINDS, PRIMARY_KINDS
from pocketguide.findings import Finding, Severity
from pocketguide.validators.language import is_language
from pocketguide.validators.site import read_mkdocs_config

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

DEFAULT_SHORT_CODES = ("112", "911", "999", "000", "111", "988")
"""Emergency and crisis numbers a ``tel:``/``sms:`` link may use without a ``+`` country code."""

DEFAULT_EXEMPT_PAGES = ("404.html", "offline/index.html", "offline.html")
"""Generated pages that need not be linked, searchable or precached (site-relative paths):
the not-found and offline fallback pages. One-file editions (downloads to pass on) are exempt
whatever their name: the build manifest names them."""

DEFAULT_CITATION_EXEMPT = ("index.md", "offline.md", "install.md", "sources.md", "about/*")
"""Pages (globs relative to docs/) that need not cite a source: navigation, help, bibliography."""


@dataclass(frozen=True)
class CheckConfig:
    """Every tunable of the checks, with the defaults used when nothing is configured."""

    severity: Mapping[str, Severity] = field(default_factory=dict)
    max_grade: float = 8.0
    min_words: int = 40
    emergency_short_codes: tuple[str, ...] = DEFAULT_SHORT_CODES
    exempt_pages: tuple[str, ...] = DEFAULT_EXEMPT_PAGES
    citation_exempt: tuple[str, ...] = DEFAULT_CITATION_EXEMPT
    phone_allow: tuple[str, ...] = ()
    substances: tuple[str, ...] = ()
    default_language: str = "en"
    """The language of a page without a language suffix (``X.md``); see ``language``."""
    languages: tuple[str, ...] = ()
    """The codes that make ``X.<code>.md`` a translation; empty: any code Babel knows."""
    min_inflesz: float = 55.0
    """Lowest INFLESZ score of a Spanish page or section (see ``readability_es``)."""
    data_review_years: Mapping[str, int] = field(default_factory=lambda: dict(REVIEW_YEARS))
    blocked_hosts: Mapping[str, str] = field(default_factory=lambda: dict(BLOCKED_HOSTS))
    primary_pages: tuple[str, ...] = PRIMARY_PAGES
    primary_kinds: tuple[str, ...] = PRIMARY_KINDS
    require_clinical_review: bool = False
    require_translations: bool = False
    """Every page must exist in every language that has a page (I18N001 is an error)."""
    require_sources: bool = False
    require_review_dates: bool = False
    max_page_kib: int = 512
    max_nesting: int = 16
    max_html_depth: int = 512
    page_seconds: float = 60.0
    build_seconds: float = 900.0
    registry: str = ""
    """The source registry (pocketguide/content's ``sources``); empty: ``docs/sources.yml``."""
    data_dir: str = ""
    """The data folder (pocketguide/content's ``data_dir``); empty: ``docs/data``."""

    def registry_path(self, docs_dir: Path) -> Path:
        """Return the source registry the pages cite."""
        return Path(self.registry) if self.registry else docs_dir / "sources.yml"

    def data_path(self, docs_dir: Path) -> Path:
        """Return the folder of the guide's data files."""
        return Path(self.data_dir) if self.data_dir else docs_dir / "data"

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """Return the findings with configured severities, ``ignore`` ones dropped, sorted."""
        kept = []
        for finding in findings:
            level = self.severity.get(finding.code, finding.severity)
            if level is not Severity.IGNORE:
                kept.append(
                    finding if level is finding.severity else replace(finding, severity=level)
                )
        return sorted(kept)


def load_check_config(path: Path | None) -> tuple[CheckConfig, list[Finding]]:  # noqa: PLR0911
    """Read the checks settings from ``pyproject.toml`` or a YAML file.

    ``None`` or a missing ``pyproject.toml`` gives the defaults. A ``.toml`` file is read from
    ``[tool.pocketguide.checks]``; any other file is YAML with a ``checks:`` block.
    """
    if path is None:
        return CheckConfig(), []
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if path.name == "pyproject.toml":
            return CheckConfig(), []
        return CheckConfig(), [_problem(where, f"cannot read the settings file '{path}'")]
    except (OSError, UnicodeDecodeError) as exc:
        return CheckConfig(), [_problem(where, f"cannot read the settings file: {exc}")]
    raw: object
    try:
        if path.suffix == ".toml":
            raw = tomllib.loads(text).get("tool", {}).get("pocketguide", {}).get("checks", {})
        else:
            loaded = yaml.safe_load(text)
            raw = loaded.get("checks", {}) if isinstance(loaded, dict) else None
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        return CheckConfig(), [_problem(where, f"cannot parse the settings file: {exc}")]
    if not isinstance(raw, dict):
        return CheckConfig(), [_problem(where, "the checks settings must be a table of keys")]
    return config_from_mapping(raw, where)


def config_from_mapping(raw: Mapping[str, object], where: str) -> tuple[CheckConfig, list[Finding]]:
    """Build a :class:`CheckConfig` from parsed settings, reporting each unusable key."""
    problems: list[Finding] = []
    config = CheckConfig()
    for key, value in raw.items():
        if key == "severity":
            levels = _severities(value, where, problems)
            config = replace(config, severity=levels)
        elif key == "max_grade" and _is_number(value):
            config = replace(config, max_grade=float(value))  # type: ignore[arg-type]
        elif key in _LANGUAGE_SETTINGS and _language_value(key, value) is not None:
            config = replace(config, **{key: _language_value(key, value)})  # type: ignore[arg-type]
        elif key == "min_words" and _is_number(value):
            config = replace(config, min_words=int(value))  # type: ignore[call-overload]
        elif key in _INT_LIMITS and _is_number(value) and 0 < value < 2**31:  # type: ignore[operator]
            config = replace(config, **{key: int(value)})  # type: ignore[call-overload]
        elif key in _SECONDS and _is_number(value) and 0 < value <= _MAX_SECONDS:  # type: ignore[operator]
            config = replace(config, **{key: float(value)})  # type: ignore[arg-type]
        elif key in {
            "emergency_short_codes",
            "exempt_pages",
            "citation_exempt",
            "phone_allow",
            "substances",
        } and _is_str_list(value):
            config = replace(config, **{key: tuple(value)})  # type: ignore[arg-type]
        elif key == "data_review_years" and _is_year_table(value):
            years = {**REVIEW_YEARS, **value}  # type: ignore[dict-item]
            config = replace(config, data_review_years=years)
        elif key == "blocked_hosts" and _is_reasons(value):
            config = replace(config, blocked_hosts=dict(value))  # type: ignore[call-overload]
        elif key in _SITE_OPTIONS:
            message = f"{key!r} is an option of pocketguide/content in mkdocs.yml"
            problems.append(_problem(where, message, "move it under pocketguide/content"))
        else:
            problems.append(_problem(where, f"unknown or invalid setting {key!r}: {value!r}"))
    return config, problems


_LANGUAGE_SETTINGS = frozenset({"default_language", "languages", "min_inflesz"})


def _language_value(key: str, value: object) -> object:
    """Return the usable value of a language setting, or ``None``: ``default_language`` a
    language code Babel knows, ``languages`` a list of them, ``min_inflesz`` a number."""
    if key == "min_inflesz":
        return float(value) if _is_number(value) else None  # type: ignore[arg-type]
    if key == "default_language":
        return value if isinstance(value, str) and is_language(value) else None
    codes = value if isinstance(value, list) else [None]
    return tuple(codes) if all(isinstance(c, str) and is_language(c) for c in codes) else None


_SITE_OPTIONS = (
    "primary_pages",
    "primary_kinds",
    "primary_citations",
    "require_clinical_review",
    "require_translations",
    "require_sources",
    "require_review_dates",
)
_PLUGIN = "pocketguide/content"


def apply_site_options(checks: CheckConfig, config_file: Path) -> tuple[CheckConfig, list[Finding]]:
    """Take ``primary_pages``, ``primary_kinds``, ``primary_citations`` (the severity of CI012,
    unless ``pyproject.toml`` sets one), ``require_clinical_review``, ``require_translations``,
    ``require_sources`` and
    ``require_review_dates`` from the
    ``pocketguide/content`` options in ``config_file`` (``mkdocs.yml``, ``!ENV`` resolved),
    so the checks apply what the build applies. A missing file changes nothing.
    """
    if not config_file.is_file():
        return checks, []
    loaded, problems = read_mkdocs_config(config_file)
    where = str(config_file)
    options: object = {}
    for plugin in loaded.get("plugins") or []:
        if isinstance(plugin, dict) and _PLUGIN in plugin:
            options = plugin[_PLUGIN] or {}
    if not isinstance(options, dict):
        return checks, [*problems, _problem(where, f"options of {_PLUGIN} must be a mapping")]
    checks = _site_paths(checks, options, config_file.parent)
    for key in _SITE_OPTIONS:
        if key not in options:
            continue
        value = options[key]
        if key == "primary_citations" and value in {"error", "warn", "ignore"}:
            levels = {"CI012": Severity(value), **checks.severity}  # pyproject wins
            checks = replace(checks, severity=levels)
        elif key in _SITE_SWITCHES and isinstance(value, bool):
            checks = replace(checks, **{key: value})  # type: ignore[arg-type]
        elif key == "primary_pages" and _is_str_list(value):
            checks = replace(checks, primary_pages=tuple(value))
        elif key == "primary_kinds" and _is_str_list(value) and set(value) <= set(KINDS):
            checks = replace(checks, primary_kinds=tuple(value))
        else:
            message = f"{_PLUGIN} option {key!r} cannot be used: {value!r}"
            problems.append(_problem(where, message, "see the options in the README"))
    return checks, problems


def _site_paths(checks: CheckConfig, options: dict[str, object], folder: Path) -> CheckConfig:
    """Take the registry and data folder, relative to ``mkdocs.yml`` as MkDocs reads them."""
    registry, data_dir = options.get("sources"), options.get("data_dir")
    if isinstance(registry, str) and registry:
        checks = replace(checks, registry=(folder / registry).as_posix())
    if isinstance(data_dir, str) and data_dir:
        checks = replace(checks, data_dir=(folder / data_dir).as_posix())
    return checks


_SITE_SWITCHES = frozenset(
    {"require_clinical_review", "require_translations", "require_sources", "require_review_dates"}
)
_INT_LIMITS = frozenset({"max_page_kib", "max_nesting", "max_html_depth"})
_SECONDS = frozenset({"page_seconds", "build_seconds"})
_MAX_SECONDS = 7 * 24 * 3600  # a week; the system timer cannot take much more


def _severities(value: object, where: str, problems: list[Finding]) -> dict[str, Severity]:
    if not isinstance(value, dict):
        problems.append(_problem(where, "'severity' must map rule codes to error/warn/ignore"))
        return {}
    levels: dict[str, Severity] = {}
    for code, level in value.items():
        try:
            levels[str(code)] = Severity(str(level))
        except ValueError:
            problems.append(
                _problem(where, f"severity of {code!r} is {level!r}; use error, warn or ignore")
            )
    return levels


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_year_table(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v > 0
        for k, v in value.items()
    )


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_reasons(value: object) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip()
        for k, v in value.items()
    )


def _problem(
    where: str, message: str, fix: str = "see the settings in pocketguide.validators.config"
) -> Finding:
    return Finding(where, 0, 0, "CFG001", message, fix)
