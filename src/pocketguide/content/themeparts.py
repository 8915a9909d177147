"""Templates, stylesheets and scripts that the plugins add to Material's theme.

A site gets every part by listing the plugins in ``mkdocs.yml``: nothing is copied into its
``custom_dir``. Each plugin adds the shared parts (``pocketguide/theme/``: ``main.html``, the
header and search partials, the accessibility styles) and its own folder (``theme/`` beside its
``plugin.py``), the way Material's own plugins add their templates: the folders go into the
theme's search path after the site's ``custom_dir`` and before Material, so a site can still
override any of them. The static files in them (``assets/…``) are copied into the site by
MkDocs like any theme file; the stylesheets and scripts are linked through ``extra_css`` and
``extra_javascript``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from mkdocs.config.defaults import MkDocsConfig

SHARED = Path(str(resources.files("pocketguide") / "theme"))
"""The parts every plugin needs: ``main.html`` and the partials it and the header include."""

SHARED_CSS = (
    "assets/stylesheets/pg-a11y.css",
    "assets/stylesheets/pg-type.css",
    "assets/stylesheets/pg-render.css",
)
"""Stylesheets in :data:`SHARED`, linked on every page of a site that uses any plugin."""

MAIN = "pocketguide/main.html"
"""The template a site's own ``main.html`` must extend to keep the plugins' parts."""

_EXTENDS = re.compile(r"""\{%-?\s*extends\s+["']([^"']+)["']""")


class ThemeError(PluginError):
    """The site's theme cannot carry the plugins' parts; the message says what to change."""


@dataclass(frozen=True)
class Parts:
    """One plugin's own folder of theme parts, and which of its files pages link."""

    folder: Path
    css: tuple[str, ...] = ()
    js: tuple[str, ...] = ()


def plugin_parts(package: str, *, css: Iterable[str] = (), js: Iterable[str] = ()) -> Parts:
    """The ``theme/`` folder beside a plugin's module (``__package__`` of its ``plugin.py``)."""
    return Parts(Path(str(resources.files(package) / "theme")), tuple(css), tuple(js))


def check_theme(config: MkDocsConfig, plugin: str) -> None:
    """Stop the build if the plugins' templates would be left out: a theme other than
    Material, or a ``custom_dir`` whose ``main.html`` extends Material's ``base.html`` directly.
    """
    if config.theme.name != "material":
        raise ThemeError(
            f"{_theme_line(config)}: THM002 {plugin} needs Material for MkDocs, but theme.name "
            f"is {config.theme.name!r} — set `theme: {{name: material}}` in mkdocs.yml"
        )
    custom = config.theme.custom_dir
    main = Path(custom) / "main.html" if custom else None
    if main is None or not main.is_file():
        return
    text = main.read_text(encoding="utf-8", errors="replace")
    match = _EXTENDS.search(text)
    if match is None or match.group(1) != MAIN:
        line = text.count("\n", 0, match.start()) + 1 if match else 1
        col = match.start() - text.rfind("\n", 0, match.start()) if match else 1
        found = f"extends {match.group(1)!r}" if match else "extends no template"
        raise ThemeError(
            f"{main}:{line}:{col}: THM001 {found}, so the manifest, the service worker and the "
            f"guide's script are left out of every page — make it "
            f'{{% extends "{MAIN}" %}} (its blocks and super() work as before)'
        )


def attach(
    config: MkDocsConfig, plugin: str, parts: Parts | None = None, *, any_theme: bool = False
) -> None:
    """What each plugin's ``on_config`` calls: :func:`check_theme`, then :func:`add_parts`.

    A plugin whose parts are only styles (``any_theme``) works with any theme: there only its
    own folder is added, without the shared templates, which extend Material's.
    """
    if any_theme and config.theme.name != "material":
        add_parts(config, parts, shared=False)
        return
    check_theme(config, plugin)
    add_parts(config, parts)


def add_parts(config: MkDocsConfig, parts: Parts | None = None, *, shared: bool = True) -> None:
    """Put the shared parts and ``parts`` into the theme's search path (after ``custom_dir``,
    before Material), and link their stylesheets and scripts. Safe to call from every plugin:
    nothing is added twice."""
    dirs = config.theme.dirs
    at = 1 if config.theme.custom_dir and dirs and dirs[0] == config.theme.custom_dir else 0
    for folder in (SHARED if shared else None, parts.folder if parts else None):
        if folder is not None and str(folder) not in dirs:
            # After the parts already added, so a plugin's folder never hides the shared one.
            while at < len(dirs) and _is_ours(dirs[at]):
                at += 1
            dirs.insert(at, str(folder))
    for href in (*(SHARED_CSS if shared else ()), *(parts.css if parts else ())):
        if href not in config.extra_css:
            config.extra_css.append(href)
    linked = {str(script) for script in config.extra_javascript}
    for src in parts.js if parts else ():
        if src not in linked:
            script = ExtraScriptValue(src)
            script.defer = True
            config.extra_javascript.append(script)


def _theme_line(config: MkDocsConfig) -> str:
    """``mkdocs.yml:LINE:1`` of the ``theme:`` key (line 1 if the file cannot be read)."""
    path = Path(config.config_file_path or "mkdocs.yml")
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    line = next((n for n, text in enumerate(lines, 1) if text.startswith("theme:")), 1)
    return f"{path}:{line}:1"


def _is_ours(folder: str) -> bool:
    path = Path(folder)
    return path == SHARED or (path.name == "theme" and SHARED.parent in path.parents)
