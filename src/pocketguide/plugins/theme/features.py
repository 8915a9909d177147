"""What a site uses of Material's JavaScript bundle that ``guide.js`` does not do.

``pocketguide/theme`` replaces Material's bundle with the guide's small script. On a site that
relies on a part of the bundle the script lacks (code copy buttons, annotations, instant
navigation, a script of its own that uses Material's observables…), that part would be lost
without a word. So the plugin asks :func:`bundle_needs` first, and keeps Material's bundle, with
one line naming what needs it, when the answer is not empty.

Pure functions over ``mkdocs.yml``'s values and file texts; the plugin reads the files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pocketguide.content.lines import outside_fences

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

GUIDE_JS_FEATURES = frozenset(
    {
        # Templates and stylesheets only: they work without any script.
        "content.action.edit",
        "content.action.view",
        "navigation.expand",
        "navigation.footer",
        "navigation.indexes",
        "navigation.path",
        "navigation.prune",
        "navigation.sections",
        "navigation.tabs",
        "navigation.tabs.sticky",
        "toc.integrate",
        # What guide.js does itself.
        "navigation.top",
        "navigation.tracking",
        "search.highlight",
        "toc.follow",
    }
)
"""``theme.features`` that work with ``guide.js``. Any other feature (``content.code.copy``,
``navigation.instant``, ``search.suggest``…, and any name a later Material adds) needs the
bundle."""

OBSERVABLES = re.compile(
    r"\b(document|location|target|keyboard|viewport|tablet|screen|print|alert|progress|component)"
    r"\$(\s*\.\s*(\w+))?"
)
"""Material's observables on ``window`` (its documented hooks for a site's own scripts)."""

DOCUMENT_SUBSCRIBE = ("document", "subscribe")
"""The one use ``guide.js`` provides: ``document$.subscribe(fn)`` calls ``fn(document)`` once
the page is ready (what Material's documentation shows for ``extra_javascript``)."""

# Comments, which may name the observables without using them: /* … */, and // … where // begins
# a line or follows a space or ; { } (not the // of a URL in a string).
_COMMENTS = re.compile(r"/\*.*?\*/|(?:^|(?<=[\s;{}]))//[^\n]*", re.DOTALL | re.MULTILINE)

# A Markdown attribute list asking for content annotations: { .annotate } (Material's syntax).
ANNOTATE = re.compile(r"\{[^}\n]*\.annotate\b[^}\n]*\}|class=[\"'][^\"']*\bannotate\b")


@dataclass(frozen=True, order=True)
class Need:
    """One thing a site uses that needs Material's bundle, and where it was found."""

    name: str
    where: str

    def __str__(self) -> str:
        return f"{self.name} ({self.where})"


def feature_needs(features: Iterable[str]) -> list[Need]:
    """``theme.features`` that ``guide.js`` does not do."""
    return [
        Need(name, "theme.features")
        for name in dict.fromkeys(features)
        if name not in GUIDE_JS_FEATURES
    ]


def extension_needs(
    extensions: Iterable[str], configs: Mapping[str, Mapping[str, Any]]
) -> list[Need]:
    """Markdown extensions whose output Material's bundle finishes in the browser.

    - ``pymdownx.tabbed`` and ``pymdownx.blocks.tab`` with ``alternate_style``: the bundle
      draws the active tab's underline and scrolls long tab bars (switching tabs is CSS);
    - a ``pymdownx.superfences`` custom fence of class ``mermaid``: the bundle draws diagrams.
    """
    needs: list[Need] = []
    for name in extensions:
        options = configs.get(name) or {}
        if name in ("pymdownx.tabbed", "pymdownx.blocks.tab") and options.get("alternate_style"):
            needs.append(Need("content tabs' underline", f"{name}: alternate_style"))
        if name == "pymdownx.superfences":
            for fence in options.get("custom_fences") or ():
                if isinstance(fence, dict) and fence.get("class") == "mermaid":
                    needs.append(Need("mermaid diagrams", f"{name}: custom_fences"))
    return needs


EXTRA_NEEDS = {
    "analytics": "analytics",
    "consent": "cookie consent",
    "version": "version selector",
}
"""``extra`` settings whose feature Material's bundle runs (web analytics and its consent
dialog, mike's version selector)."""


def extra_needs(extra: Mapping[str, Any]) -> list[Need]:
    """``extra`` settings (:data:`EXTRA_NEEDS`) that need Material's bundle."""
    return [Need(what, f"extra.{key}") for key, what in EXTRA_NEEDS.items() if extra.get(key)]


def script_needs(where: str, text: str) -> list[Need]:
    """Uses of Material's observables in a site's own script (or template) other than
    ``document$.subscribe``, which ``guide.js`` provides."""
    found: dict[str, None] = {}
    for match in OBSERVABLES.finditer(_COMMENTS.sub(" ", text)):
        if (match.group(1), match.group(3)) != DOCUMENT_SUBSCRIBE:
            found[f"{match.group(1)}${'.' + match.group(3) if match.group(3) else ''}"] = None
    return [Need(name, where) for name in found]


def page_needs(where: str, markdown: str) -> list[Need]:
    """Content annotations (``{ .annotate }``) in a page's Markdown, outside fenced code (a page
    that shows the syntax in a code block uses none); the first one's line is named."""
    for index, line in outside_fences(markdown.splitlines()):
        if ANNOTATE.search(line):
            return [Need("content annotations", f"{where}:{index + 1}")]
    return []


def describe(needs: Iterable[Need]) -> str:
    """The needs in one line, the same thing found in several pages named once."""
    by_name: dict[str, list[str]] = {}
    for need in needs:
        by_name.setdefault(need.name, []).append(need.where)
    parts = []
    for name, places in by_name.items():
        more = f" and {len(places) - 1} more" if len(places) > 1 else ""
        parts.append(f"{name} ({places[0]}{more})")
    return ", ".join(parts)
