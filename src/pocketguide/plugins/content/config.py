"""Options of the ``pocketguide/content`` plugin, validated when ``mkdocs.yml`` is loaded."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ConfigErrors, ConfigWarnings, ValidationError

from pocketguide.content.evidence import PRIMARY_PAGES
from pocketguide.content.sources import KINDS, PRIMARY_KINDS


class MarkdownPage(c.Type[str]):
    """A Markdown file path relative to ``docs/``, such as ``sources.md``."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip().replace("\\", "/")
        if not text.endswith(".md") or text.startswith("/"):
            msg = f"'{text}' is not a Markdown page — give its path inside docs/, like 'sources.md'"
            raise ValidationError(msg)
        return text


class ContentConfig(Config):
    """Options of the ``pocketguide/content`` plugin."""

    enabled = c.Type(bool, default=True)
    """Check front matter, number citations, list sources and show review dates.
    Off: pages build as plain Markdown, ``[@id]`` stays as written and ``<!-- data:... -->``
    markers stay invisible comments (the data does not show)."""

    sources = c.File(exists=False, default="docs/sources.yml")
    """The source registry (a YAML list of sources), relative to ``mkdocs.yml``. Without the
    file, no source can be cited (unless ``require_sources`` makes it an error)."""

    require_sources = c.Type(bool, default=False)
    """The registry must exist: the build stops without it. On for the guide."""

    require_review_dates = c.Type(bool, default=False)
    """Every page must have front matter with ``title``, ``description``, ``last_reviewed``
    and ``next_review`` (FM002), and only known keys (FM007). Off: a page needs no front
    matter, and what it sets is still checked (dates real and in order). On for the guide."""

    sources_page = MarkdownPage(default="sources.md")
    """The page, inside ``docs/``, whose ``<!-- pocketguide:sources -->`` marker is replaced
    by every source in the registry, sorted by title."""

    primary_pages = c.ListOfItems(c.Type(str), default=list(PRIMARY_PAGES))
    """Pages (globs inside ``docs/``) where every citation must include a source of a primary
    kind; citations inside danger and warning boxes need one on every page."""

    primary_kinds = c.ListOfItems(c.Choice(KINDS), default=list(PRIMARY_KINDS))
    """Source kinds (the registry's ``kind``) that count as primary."""

    primary_citations = c.Choice(("error", "warn", "ignore"), default="error")
    """What a citation that needs a primary source and has none (CI012) is: ``error`` stops
    the build; ``warn`` logs it (a strict build still stops); ``ignore`` skips the rule. The
    checks use the same level unless ``pyproject.toml`` sets a severity for CI012."""

    require_clinical_review = c.Type(bool, default=False)
    """A release build: every page must record who clinically reviewed it (``reviewed_by``
    in its front matter), or the build stops. Off: pages without one say they await clinical
    review. ``mkdocs.yml`` sets it from the environment: ``!ENV [POCKETGUIDE_RELEASE, false]``."""

    require_translations = c.Type(bool, default=False)
    """A release build: every page must exist in every language that has at least one page
    (``X.es.md`` beside ``X.md``); ``scripts/check_content.py`` reports a missing one (I18N001)
    as an error instead of a warning. ``mkdocs.yml`` sets it from the environment:
    ``!ENV [POCKETGUIDE_RELEASE, false]``."""

    data_dir = c.Dir(exists=False, default="docs/data")
    """The folder of the data files (``mixing.yml``, ``emergency.yml``, ``helplines.yml``),
    relative to ``mkdocs.yml``. Pages show the data through ``<!-- data:... -->`` markers;
    a file that does not exist is fine until a marker needs it."""

    data_licence = c.Optional(c.Type(str))
    """The licence of the published data, as an SPDX id such as ``CC-BY-4.0``. Set: each data
    file is published as ``data/<name>.json`` (with its schema) for other apps to reuse.
    Unset: the data is not published."""

    def validate(self) -> tuple[ConfigErrors, ConfigWarnings]:
        """With ``require_sources``, the registry must exist (the message says how to fix)."""
        failed, warnings = super().validate()
        if self.require_sources and self.sources and not Path(self.sources).is_file():
            failed.append(
                (
                    "sources",
                    ValidationError(
                        f"the source registry '{self.sources}' does not exist, and "
                        "require_sources is on — create it (a YAML list of sources), point "
                        "'sources' at it, or set require_sources: false"
                    ),
                )
            )
        return failed, warnings
