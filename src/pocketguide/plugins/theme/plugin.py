"""``pocketguide/theme``: Material's templates and styles, the guide's own script. Wiring only.

Material's bundle (111 KiB) runs about a tenth of a second of start-up work on a phone after
the first paint: it measures every heading, restyles the page for the palette and wraps
tables. The guide uses a few of its features, and ``templates/guide.js`` does just those. The
table markup comes from :mod:`.markup` at build time instead.
"""

from __future__ import annotations

from fnmatch import fnmatch
from importlib import resources
from typing import TYPE_CHECKING

from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import markup
from .config import ThemeConfig

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

_TEMPLATES = resources.files(__package__) / "templates"
SCRIPT = "assets/javascripts/guide.js"
# Material's bundle and its source map: the name carries a hash of the bytes.
MATERIAL_BUNDLE = "assets/javascripts/bundle.*.min.js*"


class ThemePlugin(BasePlugin[ThemeConfig]):
    """Replace Material's JavaScript bundle with the guide's own script."""

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Leave Material's bundle out of the site (no page loads it) and add ``guide.js``.

        https://www.mkdocs.org/dev-guide/plugins/#on_files
        """
        if not self.config.enabled:
            return None
        for file in [f for f in files if fnmatch(f.src_uri, MATERIAL_BUNDLE)]:
            files.remove(file)
        script = (_TEMPLATES / "guide.js").read_text(encoding="utf-8")
        files.append(File.generated(config, SCRIPT, content=script))
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Tell the templates (``overrides/main.html``, the header) which script to load."""
        env.globals["pocketguide_theme"] = {"script": SCRIPT} if self.config.enabled else None
        return env

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Wrap the page's tables for sideways scrolling, as Material's bundle did.

        https://www.mkdocs.org/dev-guide/plugins/#on_page_content
        """
        return markup.wrap_tables(html) if self.config.enabled else None
