"""``pocketguide/pwa``: manifest, icons, offline page and service worker. Wiring only.

The logic lives in :mod:`.manifest`, :mod:`.icons` and :mod:`.precache`.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, PrefixedLogger, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from pocketguide import buildinfo, languages
from pocketguide.content import pages, strings, swdata, themeparts

from . import chunks, icons, manifest, offline, precache
from .config import PwaConfig

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = PrefixedLogger("pocketguide/pwa", logging.getLogger(f"mkdocs.plugins.{__name__}"))
PARTS = themeparts.plugin_parts(
    __package__,
    css=["assets/stylesheets/pg-pwa.css"],
    js=["assets/javascripts/pg-install.js"],
)

_TEMPLATES = resources.files(__package__) / "templates"
CLIENT_JS = "assets/javascripts/pwa.js"
SHARED_FOLDER = "assets/"
"""The theme files (styles, scripts, icons) every language's pages use, at the site root."""


class PwaPlugin(BasePlugin[PwaConfig]):
    """Make the built site an installable, offline progressive web app."""

    def __init__(self) -> None:
        self.serving = False
        self.icon_bytes: dict[str, bytes] = {}
        self.content_dates: set[str] = set()
        self.pages: dict[str, str] = {}
        self.short_name = ""
        self.language = languages.Language(code="en", name="en")

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is ``mkdocs serve``: the dev loop gets no service worker.

        https://www.mkdocs.org/dev-guide/plugins/#on_startup
        """
        self.serving = command == "serve"

    # Before pocketguide/minify's on_config (0), which joins the stylesheets linked by then.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Add the install and offline parts to the theme, and decode the icon source once, so
        a bad image stops the build before any work."""
        if not self.config.enabled:
            log.info("disabled: no manifest, icons or service worker")
            return None
        themeparts.attach(config, "pocketguide/pwa", PARTS)
        path = Path(self.config.icon)
        try:
            source = icons.load_source(path.read_bytes(), _relative(path, config))
        except icons.IconError as exc:
            raise PluginError(str(exc)) from None
        background = self.config.background_color
        self.icon_bytes = {
            spec.path: icons.render(source, spec, background) for spec in manifest.ICONS
        }
        self.content_dates = set()
        languages.check_order(config, "pocketguide/pwa")
        self.language = languages.current(config)
        # MkDocs writes 404.html at the site root in every pass: keep the default language's.
        if self.language.default:
            config.theme.static_templates.add("404.html")
        else:
            config.theme.static_templates.discard("404.html")
        return config

    @event_priority(-110)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Add icons, the manifest, the client script and the offline page as generated files.

        Generated here rather than after the build so that other plugins see them.
        """
        if not self.config.enabled:
            return None
        source = files.get_file_from_path(_relative_to(Path(self.config.icon), config.docs_dir))
        if source is not None:
            files.remove(source)  # the big source image is never shown to readers
        for path, data in self.icon_bytes.items():
            files.append(File.generated(config, path, content=data))
        files.append(File.generated(config, CLIENT_JS, content=_template("pwa.js")))
        files.append(
            File.generated(
                config,
                self.language.path(manifest.MANIFEST_NAME),
                content=manifest.manifest_json(self._manifest_input(files, config)),
            )
        )
        emergency = self._emergency_page(files)
        page = File.generated(
            config,
            offline.OFFLINE_SRC,
            content=offline.offline_markdown(emergency, strings.for_site(config)),
            inclusion=InclusionLevel.NOT_IN_NAV,
        )
        # In the language's folder; its links (emergency.md) still name the pages of docs/.
        page.dest_uri = self.language.path(page.dest_uri)
        files.append(page)
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Give templates what they need to link the manifest and start the worker, and the
        site's words (``pg_t``, the scripts' texts)."""
        self.pages = {f.dest_uri: f.src_uri for f in files.documentation_pages()}
        strings.install(env, config)
        env.globals["pocketguide_pwa"] = (
            {
                "theme_color": self.config.theme_color,
                "short_name": self._names(config)[1],
                "mode": "unregister" if self.serving or self.config.self_destroying else "register",
                "prefix": self.config.cache_prefix,
                "client_js": CLIENT_JS,
                "sw": self.language.path(swdata.SW_NAME),
                "scope": self.language.folder,
                "apple_touch_icon": manifest.ICONS[3].path,
                "manifest": self.language.path(manifest.MANIFEST_NAME),
                # The site's other languages: each with its own worker, in its own folder.
                "others": [
                    {
                        "code": other.code,
                        "name": other.name,
                        # Its name in this page's language, for sentences ("inglés").
                        "label": languages.display_name(other.code, self.language.code),
                        "sw": other.path(swdata.SW_NAME),
                        "scope": other.folder,
                    }
                    for other in languages.others(config)
                ],
            }
            if self.config.enabled
            else None
        )
        return env

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Collect review dates: the newest one is the content date of this version."""
        reviewed = page.meta.get("last_reviewed")
        if reviewed:
            self.content_dates.add(str(reviewed))
        return None

    # Runs last, so the search index, redirect stubs and every other plugin's output exist
    # (Material's search plugin and mkdocs-redirects write theirs at the default priority 0).
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Verify icons against their pixels, plan the precache and write ``sw.js``."""
        if not self.config.enabled or self.serving:
            return
        site_dir = Path(config.site_dir)
        everything = precache.read_site(site_dir)
        # This language's files and the theme files every language shares; never another
        # language's pages: a phone saves the language it reads.
        language, all_languages = self.language, languages.site_languages(config)
        site = {
            path: body
            for path, body in everything.items()
            if languages.in_folder(path, language, all_languages)
            or (not language.default and path.startswith(SHARED_FOLDER))
        }
        if not language.default:
            # Each language's pages link their own stylesheet bundle: not the others'.
            used = precache.linked_stylesheets(site)
            site = {p: b for p, b in site.items() if not p.endswith(".css") or p in used}
        problems = icons.verify(manifest.ICONS, site)
        if problems:
            raise PluginError("; ".join(problems) + " — rebuild; the icon files were changed")
        plan = precache.plan_precache(
            site,
            languages=_search_languages(config) if language.default else [language.code],
            exclude=[language.path(p) for p in self.config.precache_exclude],
            extra_excludes={
                **_unused_theme_files(config),
                **manifest.install_only_icons(),
                buildinfo.NAME: "the build manifest",
            },
            max_file_size=self.config.max_file_size,
            later=[language.path(p) for p in self.config.precache_later],
        )
        # The patterns name the default language's files; another language may lack some.
        for warning in plan.warnings if language.default else ():
            log.warning(warning)
        chunk_plan = chunks.plan_chunks(site, [entry.url for entry in plan.entries])
        for url, body in chunk_plan.outputs().items():  # site paths, shared by the languages
            (site_dir / url).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / url).write_bytes(body)
        data = precache.build_data(
            plan.entries,
            chunk_plan=chunk_plan,
            cache_prefix=self.config.cache_prefix,
            offline_page=language.path(offline.offline_url(config.use_directory_urls)),
            content_date=max(self.content_dates, default=None),
            self_destroying=self.config.self_destroying,
            later=plan.later,
        )
        data["root"] = language.to_root
        (site_dir / language.path(swdata.SW_NAME)).write_text(
            swdata.render_sw(_template("sw.js"), data), encoding="utf-8"
        )
        log.info(precache.summary_line(plan, {**site, **chunk_plan.outputs()}, data))
        entries = [entry.as_json() for entry in plan.entries]
        if not language.default:
            # The default language's pass came first (i18n is listed after this plugin).
            buildinfo.record_language(
                site_dir,
                language.code,
                {"sw": language.path(swdata.SW_NAME), "entries": entries},
                self.pages,
            )
            return
        buildinfo.record(
            site_dir,
            precache={"sw": swdata.SW_NAME, "entries": entries},
            **buildinfo.site_sections(
                site_dir,
                self.pages.items(),
                site_url=config.site_url or "",
                use_directory_urls=config.use_directory_urls,
            ),
        )

    def _names(self, config: MkDocsConfig) -> tuple[str, str]:
        name = self.config.name or config.site_name
        short = self.config.short_name or manifest.short_name_for(name)
        if self.language.default:
            self.short_name = short
        # The name under the icon stays the one of the default language (often the brand),
        # unless set: a translated site_name rarely shortens well ("Guía de").
        return name, self.config.short_name or self.short_name or short

    def _manifest_input(self, files: Files, config: MkDocsConfig) -> manifest.ManifestInput:
        name, short_name = self._names(config)
        language = self.language.code
        folder = len(self.language.prefix)  # the manifest sits in the language's folder
        shortcuts = tuple(
            (
                languages.translate_nav(config, s.name),
                self._page_url(files, s.page, "shortcuts")[folder:],
                s.description if self.language.default else "",
            )
            for s in self.config.shortcuts
        )
        return manifest.ManifestInput(
            name=name,
            short_name=short_name,
            description=self.config.description or config.site_description or name,
            lang=language,
            site_url=(config.site_url or "") + self.language.prefix if config.site_url else None,
            theme_color=self.config.theme_color,
            background_color=self.config.background_color,
            categories=tuple(self.config.categories),
            shortcuts=shortcuts,
            direction=self.config.dir or manifest.direction_for(language),
            root=self.language.to_root,
        )

    def _emergency_page(self, files: Files) -> str | None:
        """The page the offline page links to first: see :mod:`pocketguide.content.pages`."""
        try:
            return pages.resolve_page(
                self.config.emergency_page, lambda page: _is_page(files, page)
            )
        except LookupError:
            raise PluginError(
                _not_a_page("emergency_page", self.config.emergency_page, " (or '' for none)")
            ) from None

    def _page_url(self, files: Files, page: str, option: str) -> str:
        file = files.get_file_from_path(page)
        if file is None or not file.is_documentation_page():
            raise PluginError(_not_a_page(option, page))
        return file.url or "./"


def _not_a_page(option: str, page: str, alternative: str = "") -> str:
    return (
        f"mkdocs.yml: plugins.pocketguide/pwa.{option}: page '{page}' is not in docs/ "
        f"— name an existing Markdown page, relative to docs/{alternative}"
    )


def _is_page(files: Files, page: str) -> bool:
    file = files.get_file_from_path(page)
    return file is not None and file.is_documentation_page()


def _template(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


def _relative(path: Path, config: MkDocsConfig) -> str:
    base = Path(config.config_file_path or ".").parent
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return str(path)


def _relative_to(path: Path, directory: str) -> str:
    try:
        return path.resolve().relative_to(Path(directory).resolve()).as_posix()
    except ValueError:
        return ""


def _search_languages(config: MkDocsConfig) -> list[str]:
    for name in ("search", "material/search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            langs = plugin.config.get("lang") or [config.theme.get("language") or "en"]
            return [str(lang) for lang in langs]
    return []


def _unused_theme_files(config: MkDocsConfig) -> dict[str, str]:
    favicon = config.theme.get("favicon")
    default = "assets/images/favicon.png"
    return {default: "theme favicon replaced"} if favicon and favicon != default else {}
