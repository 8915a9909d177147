"""Build tests of ``pocketguide/pwa`` on the fixture site ``tests/fixtures/sites/pwa/``.

Each variant is built once per module (about half a second each) and shared by its tests.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import pytest
from mkdocs.exceptions import Abort
from PIL import Image

from pocketguide.content.swdata import read_build, revision_of
from pocketguide.plugins.pwa.manifest import ICONS

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    Builder = Callable[..., tuple[Path, list[logging.LogRecord]]]
    Copier = Callable[[Path, str], Path]

CASE = "pwa"
ICON = "docs/assets/icon.png"
PWA_LOGGER = "mkdocs.plugins.pocketguide.plugins.pwa.plugin"
PAGES = [  # (use_directory_urls=True url, use_directory_urls=False url)
    ("404.html", "404.html"),
    ("emergency/index.html", "emergency.html"),
    ("index.html", "index.html"),
    ("mixing/index.html", "mixing.html"),
    ("offline/index.html", "offline.html"),
    ("topics/effects/index.html", "topics/effects.html"),
]
SUMMARY = re.compile(
    r"^pocketguide/pwa: offline copy: (?P<files>\d+) files \((?P<html>\d+) HTML\), "
    r"\d+\.\d KiB, \d+\.\d KiB to download gzipped; left out (?P<left>\d+) files: (?P<reasons>.+)$"
)


def plugins(**pwa: Any) -> list[dict[str, Any]]:
    """The fixture's ``plugins:`` list with ``pwa`` options changed."""
    options = {
        "icon": ICON,
        "shortcuts": [
            {"name": "Emergency", "page": "emergency.md", "description": "What to do right now"}
        ],
        **pwa,
    }
    return [{"search": {"lang": "en"}}, {"pocketguide/pwa": options}]


def sw(site: Path) -> dict[str, Any]:
    return read_build((site / "sw.js").read_text(encoding="utf-8"))


def revisions(site: Path) -> dict[str, str | None]:
    return {entry["url"]: entry["revision"] for entry in sw(site)["entries"]}


def manifest(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "manifest.webmanifest").read_text("utf-8"))
    return data


def html_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def pwa_messages(records: list[logging.LogRecord]) -> list[tuple[str, str]]:
    """The plugin's log lines a reader of ``mkdocs build`` sees (INFO and up)."""
    return [
        (r.levelname, r.getMessage())
        for r in records
        if r.name == PWA_LOGGER and r.levelno >= logging.INFO
    ]


@pytest.fixture(scope="module")
def source(copy_fixture_site: Copier, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the fixture (with a snapshot of overrides/) that rebuilds start from."""
    return copy_fixture_site(tmp_path_factory.mktemp("source"), CASE)


@pytest.fixture(scope="module")
def built(build_fixture: Builder, source: Path) -> tuple[Path, list[logging.LogRecord]]:
    """The fixture as written: directory URLs, no site_url."""
    return build_fixture(source)


def copy_source(source: Path, target: Path) -> Path:
    """Copy the module's source copy (not its site) to ``target``, a different path."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("site"))
    return target


@pytest.fixture(scope="module")
def site(built: tuple[Path, list[logging.LogRecord]]) -> Path:
    return built[0]


@pytest.fixture(scope="module")
def flat(build_site: Builder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``use_directory_urls: false``."""
    return build_site(tmp_path_factory.mktemp("flat"), CASE, {"use_directory_urls": False})[0]


@pytest.fixture(scope="module")
def subpath(build_site: Builder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Served under a sub-path."""
    overrides = {"site_url": "https://example.org/guide/"}
    return build_site(tmp_path_factory.mktemp("subpath"), CASE, overrides)[0]


# ---- URL variants ----


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        # build     manifest id, start_url, scope
        ("site", ("/", "./", "./")),
        ("flat", ("/", "./", "./")),
        ("subpath", ("/guide/", "./", "./")),
    ],
)
def test_manifest_id_start_url_and_scope(
    request: pytest.FixtureRequest, variant: str, expected: tuple[str, str, str]
) -> None:
    data = manifest(request.getfixturevalue(variant))

    assert (data["id"], data["start_url"], data["scope"]) == expected


@pytest.mark.parametrize(
    ("variant", "shortcut_url", "offline_page", "pages"),
    [
        # build       shortcut url       offlinePage in sw.js    HTML files
        ("site", "emergency/", "offline/index.html", [d for d, _ in PAGES]),
        ("flat", "emergency.html", "offline.html", sorted(f for _, f in PAGES)),
        ("subpath", "emergency/", "offline/index.html", [d for d, _ in PAGES]),
    ],
)
def test_directory_urls_on_and_off(
    request: pytest.FixtureRequest,
    variant: str,
    shortcut_url: str,
    offline_page: str,
    pages: list[str],
) -> None:
    built_site = request.getfixturevalue(variant)

    assert [s["url"] for s in manifest(built_site)["shortcuts"]] == [shortcut_url]
    assert sw(built_site)["offlinePage"] == offline_page
    assert html_files(built_site) == pages
    assert (built_site / offline_page).is_file()


def test_manifest_of_the_fixture(site: Path) -> None:
    data = manifest(site)

    assert {key: data[key] for key in ("name", "short_name", "description", "lang")} == {
        "name": "Fixture Guide",
        "short_name": "Fixture",
        "description": "A tiny guide for testing the pocketguide/pwa plugin.",
        "lang": "en",
    }
    assert [(i["src"], i["sizes"], i["purpose"]) for i in data["icons"]] == [
        ("assets/icons/icon-192.png", "192x192", "any"),
        ("assets/icons/icon-512.png", "512x512", "any"),
        ("assets/icons/icon-maskable-512.png", "512x512", "maskable"),
    ]


@pytest.mark.parametrize("spec", ICONS, ids=[icon.path.rsplit("/", 1)[-1] for icon in ICONS])
def test_icons_have_the_declared_pixels(site: Path, spec: Any) -> None:
    with Image.open(site / spec.path) as image:
        assert image.size == (spec.size, spec.size)


def test_icon_source_is_not_published(site: Path) -> None:
    assert not (site / "assets" / "icon.png").exists()


@pytest.mark.parametrize(
    ("page", "head"),
    [
        # page                          tags the template blocks add, relative to the page
        (
            "index.html",
            [
                '<link rel="manifest" href="manifest.webmanifest">',
                '<meta name="theme-color" content="#4a148c">',
                '<link rel="apple-touch-icon" sizes="180x180" '
                'href="assets/icons/apple-touch-icon-180.png">',
                '<script src="assets/javascripts/pwa.js" data-sw="sw.js" data-scope="./" '
                'data-mode="register" data-prefix="pocketguide" defer>',
            ],
        ),
        (
            "topics/effects/index.html",
            [
                '<link rel="manifest" href="../../manifest.webmanifest">',
                '<meta name="theme-color" content="#4a148c">',
                '<link rel="apple-touch-icon" sizes="180x180" '
                'href="../../assets/icons/apple-touch-icon-180.png">',
                '<script src="../../assets/javascripts/pwa.js" data-sw="../../sw.js" '
                'data-scope="../../" data-mode="register" data-prefix="pocketguide" defer>',
            ],
        ),
    ],
)
def test_pages_link_manifest_and_register_the_worker(
    site: Path, page: str, head: list[str]
) -> None:
    html = (site / page).read_text(encoding="utf-8")

    for tag in head:
        assert html.count(tag) == 1, tag


# ---- the precache list ----


def test_sw_lists_every_html_page_the_search_index_and_worker(site: Path) -> None:
    urls = list(revisions(site))

    assert urls == sorted(urls)
    assert [url for url in urls if url.endswith(".html")] == html_files(site)
    assert "search/search_index.json" in urls
    assert [url for url in urls if url.startswith("assets/javascripts/workers/search.")] != []
    assert "manifest.webmanifest" in urls


def test_sw_leaves_out_maps_sitemap_lunr_and_install_icons(site: Path) -> None:
    urls = list(revisions(site))

    assert (site / "sitemap.xml").is_file()
    assert list(site.rglob("*.map")) != []
    assert [u for u in urls if u.endswith(".map") or "sitemap" in u or "/lunr/" in u] == []
    assert "sw.js" not in urls
    assert [u for u in urls if u.startswith("assets/icons/")] == [
        "assets/icons/favicon-48.png",
        "assets/icons/icon-192.png",
    ]


@pytest.mark.parametrize(
    ("search", "lunr"),
    [
        # search plugin options      lunr files in the precache
        (
            {"lang": ["en", "de"]},
            ["lunr.de.min.js", "lunr.multi.min.js", "lunr.stemmer.support.min.js"],
        ),
        ({"lang": "fr"}, ["lunr.fr.min.js", "lunr.stemmer.support.min.js"]),
    ],
)
def test_configured_search_languages_keep_their_lunr_files(
    build_site: Builder, tmp_path: Path, search: dict[str, Any], lunr: list[str]
) -> None:
    site, _ = build_site(tmp_path, CASE, {"plugins": [{"search": search}, plugins()[1]]})

    urls = [url for url in revisions(site) if "/lunr/" in url]
    assert urls == [f"assets/javascripts/lunr/min/{name}" for name in lunr]


def test_every_revision_is_the_content_hash_hashed_names_included(site: Path) -> None:
    hashed = [url for url in revisions(site) if re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", url)]
    assert hashed  # Material's search worker and bundle, named by their content
    for url, revision in revisions(site).items():
        assert revision == revision_of((site / url).read_bytes()), url


def test_sw_settings(site: Path) -> None:
    data = sw(site)

    assert {key: data[key] for key in ("cachePrefix", "contentDate", "selfDestroying")} == {
        "cachePrefix": "pocketguide",
        "contentDate": "2026-03-01",  # the newest last_reviewed of the pages
        "selfDestroying": False,
    }
    assert re.fullmatch(r"[0-9a-f]{12}", data["version"])


def test_build_log_summary_line(built: tuple[Path, list[logging.LogRecord]]) -> None:
    site, records = built
    messages = pwa_messages(records)

    assert len(messages) == 1
    level, line = messages[0]
    match = SUMMARY.match(line)
    assert level == "INFO"
    assert match is not None, line
    assert int(match["files"]) == len(sw(site)["entries"])
    assert int(match["html"]) == len(PAGES)
    reasons = match["reasons"].split(", ")
    assert sum(int(reason.split(" ", 1)[0]) for reason in reasons) == int(match["left"])
    assert {reason.split(" ", 1)[1] for reason in reasons} == {
        "search language files not configured",
        "install-time icons (the browser fetches them when installing)",
        "source maps",
        "sitemap (for search engines)",
    }
    assert [r for r in records if r.levelno >= logging.WARNING] == []


# ---- determinism and updates ----


def test_two_builds_of_the_same_input_are_byte_identical(
    site: Path, source: Path, build_fixture: Builder, tmp_path: Path
) -> None:
    again, _ = build_fixture(copy_source(source, tmp_path / "again"))

    for name in ["sw.js", "manifest.webmanifest", *(icon.path for icon in ICONS)]:
        assert (again / name).read_bytes() == (site / name).read_bytes(), name


def test_changing_one_page_changes_only_its_revision_and_the_search_index(
    site: Path, source: Path, build_fixture: Builder, tmp_path: Path
) -> None:
    root = copy_source(source, tmp_path / "changed")
    page = root / "docs" / "mixing.md"
    page.write_text(page.read_text("utf-8").replace("most dangerous", "riskiest"), "utf-8")

    changed, _ = build_fixture(root)

    before, after = revisions(site), revisions(changed)
    assert after.keys() == before.keys()
    assert sorted(url for url in before if before[url] != after[url]) == [
        "mixing/index.html",
        "search/search_index.json",
    ]
    assert sw(changed)["version"] != sw(site)["version"]


# ---- options and modes ----


def test_enabled_false_writes_no_worker_manifest_or_icons(
    build_site: Builder, tmp_path: Path
) -> None:
    site, records = build_site(tmp_path, CASE, {"plugins": plugins(enabled=False)})

    assert not (site / "sw.js").exists()
    assert not (site / "manifest.webmanifest").exists()
    assert not (site / "assets" / "icons").exists()
    assert not (site / "assets" / "javascripts" / "pwa.js").exists()
    assert "manifest" not in (site / "index.html").read_text("utf-8")
    assert pwa_messages(records) == [
        ("INFO", "pocketguide/pwa: disabled: no manifest, icons or service worker")
    ]


def test_self_destroying_builds_a_worker_that_removes_itself(
    build_site: Builder, tmp_path: Path
) -> None:
    site, _ = build_site(tmp_path, CASE, {"plugins": plugins(self_destroying=True)})
    text = (site / "sw.js").read_text("utf-8")

    assert text.count('"selfDestroying":true') == 1
    assert 'data-mode="unregister"' in (site / "index.html").read_text("utf-8")


def test_serve_writes_no_worker_and_pages_unregister(build_site: Builder, tmp_path: Path) -> None:
    site, records = build_site(tmp_path, CASE, command="serve")

    assert not (site / "sw.js").exists()
    for page in html_files(site):
        html = (site / page).read_text("utf-8")
        assert html.count('data-mode="unregister"') == 1, page
        assert 'data-mode="register"' not in html, page
    assert pwa_messages(records) == []


def test_precache_warnings_in_the_build_log(build_site: Builder, tmp_path: Path) -> None:
    overrides = {
        "strict": False,
        "plugins": plugins(precache_exclude=["*.pdf"], max_file_size=100_000),
    }
    site, records = build_site(tmp_path, CASE, overrides)

    # Material's two bundles over 100 000 bytes (its file names carry a content hash).
    big = [
        next(site.glob("assets/javascripts/bundle.*.min.js")),
        next(site.glob("assets/stylesheets/main.*.min.css")),
    ]
    warnings = [message for level, message in pwa_messages(records) if level == "WARNING"]
    assert warnings == [
        *(
            f"pocketguide/pwa: {path.relative_to(site).as_posix()} is {path.stat().st_size} "
            "bytes, over max_file_size (100000), and won't be saved for offline use — "
            "make it smaller or raise max_file_size"
            for path in big
        ),
        "pocketguide/pwa: precache_exclude pattern '*.pdf' matches no file — "
        "remove it or fix the pattern",
    ]
    assert [p.relative_to(site).as_posix() in revisions(site) for p in big] == [False, False]


def test_a_warning_fails_a_strict_build(build_site: Builder, tmp_path: Path) -> None:
    with pytest.raises(Abort) as raised:
        build_site(tmp_path, CASE, {"plugins": plugins(precache_exclude=["*.pdf"])})

    assert str(raised.value) == "Aborted with 1 warnings in strict mode!"


# ---- bad input stops the build with one line ----


def small_icon(root: Path) -> None:
    Image.new("RGB", (100, 100), "red").save(root / "docs" / "assets" / "small.png")


@pytest.mark.parametrize(
    ("pwa", "error"),
    [
        # plugin options                                     the one error line
        (
            {"icon": "docs/assets/small.png"},
            "docs/assets/small.png: the icon is 100x100 px, too small for the 512 px app icon — "
            "use a square PNG of at least 512 px",
        ),
        (
            {"shortcuts": [{"name": "Mixing", "page": "mix.md"}]},
            "mkdocs.yml: plugins.pocketguide/pwa.shortcuts: page 'mix.md' is not in docs/ — "
            "name an existing Markdown page, relative to docs/",
        ),
        (
            {"emergency_page": "sos.md"},
            "mkdocs.yml: plugins.pocketguide/pwa.emergency_page: page 'sos.md' is not in docs/ — "
            "name an existing Markdown page, relative to docs/ (or '' for none)",
        ),
    ],
    ids=["small-icon", "shortcut-page", "emergency-page"],
)
def test_bad_input_stops_the_build_with_one_plugin_error_line(
    build_site: Builder,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    pwa: dict[str, Any],
    error: str,
) -> None:
    with pytest.raises(Abort) as raised:
        build_site(tmp_path, CASE, {"plugins": plugins(**pwa)}, prepare=small_icon)

    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in errors] == [error]
    assert [r.exc_info for r in errors] == [None]
    assert str(raised.value) == "Aborted with a BuildError!"


def test_bad_icon_on_the_command_line_prints_one_line_and_no_traceback(
    tmp_path: Path, copy_fixture_site: Copier
) -> None:
    root = copy_fixture_site(tmp_path, CASE)
    small_icon(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(ICON, "docs/assets/small.png"), "utf-8")

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line] == [
        "ERROR   -  docs/assets/small.png: the icon is 100x100 px, too small for the 512 px "
        "app icon — use a square PNG of at least 512 px",
    ]
    assert [line for line in result.stdout.splitlines() if line] == ["Aborted with a BuildError!"]
