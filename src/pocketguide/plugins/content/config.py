"""Options of the ``pocketguide/content`` plugin, validated when ``mkdocs.yml`` is loaded."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError


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

    sources = c.File(exists=True, default="docs/sources.yml")
    """The source registry (a YAML list of sources), relative to ``mkdocs.yml``."""

    sources_page = MarkdownPage(default="sources.md")
    """The page, inside ``docs/``, whose ``<!-- pocketguide:sources -->`` marker is replaced
    by every source in the registry, sorted by title."""

    data_dir = c.Dir(exists=False, default="docs/data")
    """The folder of the data files (``mixing.yml``, ``emergency.yml``, ``helplines.yml``),
    relative to ``mkdocs.yml``. Pages show the data through ``<!-- data:... -->`` markers;
    a file that does not exist is fine until a marker needs it."""

    data_licence = c.Optional(c.Type(str))
    """The licence of the published data, as an SPDX id such as ``CC-BY-4.0``. Set: each data
    file is published as ``data/<name>.json`` (with its schema) for other apps to reuse.
    Unset: the data is not published."""
