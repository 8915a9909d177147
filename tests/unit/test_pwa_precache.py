"""Unit tests of :mod:`pocketguide.plugins.pwa.precache` over sites given as ``{url: bytes}``."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

import pytest

from pocketguide.content.swdata import (
    BUILD_MARKER,
    read_build,
    read_precache,
    render_sw,
    revision_of,
)
from pocketguide.plugins.pwa.chunks import ChunkPlan, plan_chunks
from pocketguide.plugins.pwa.precache import (
    Entry,
    Plan,
    build_data,
    download_size,
    gzip_size,
    plan_precache,
    read_site,
    search_language_files,
    summary_line,
)

if TYPE_CHECKING:
    from pathlib import Path

LUNR = "assets/javascripts/lunr/"
TEMPLATE = f'"use strict";\nconst BUILD = {BUILD_MARKER};\nconsole.log(BUILD.version);\n'
BIG = 10_000


def sha16(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def site(*urls: str) -> dict[str, bytes]:
    """A site whose every file holds its own URL as bytes (so revisions differ)."""
    return {url: url.encode() for url in urls}


def plan(files: dict[str, bytes], **options: object) -> Plan:
    arguments: dict[str, object] = {"languages": ["en"], "max_file_size": BIG, **options}
    return plan_precache(files, **arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # bytes           first 16 hex digits of SHA-256
        (b"", "e3b0c44298fc1c14"),
        (b"abc", "ba7816bf8f01cfea"),
        (b"<h1>Emergency</h1>", sha16(b"<h1>Emergency</h1>")),
    ],
)
def test_revision_of(data: bytes, expected: str) -> None:
    assert revision_of(data) == expected


@pytest.mark.parametrize(
    ("languages", "expected"),
    [
        # configured search languages   lunr files Material's worker loads
        (["en"], set()),
        ([], set()),
        (
            ["de"],
            {f"{LUNR}min/lunr.stemmer.support.min.js", f"{LUNR}min/lunr.de.min.js"},
        ),
        (
            ["en", "de"],
            {
                f"{LUNR}min/lunr.stemmer.support.min.js",
                f"{LUNR}min/lunr.de.min.js",
                f"{LUNR}min/lunr.multi.min.js",
            },
        ),
        (
            ["ja"],
            {
                f"{LUNR}min/lunr.stemmer.support.min.js",
                f"{LUNR}min/lunr.ja.min.js",
                f"{LUNR}tinyseg.js",
            },
        ),
        (
            ["th", "th"],
            {
                f"{LUNR}min/lunr.stemmer.support.min.js",
                f"{LUNR}min/lunr.th.min.js",
                f"{LUNR}wordcut.js",
            },
        ),
    ],
)
def test_search_language_files(languages: list[str], expected: set[str]) -> None:
    assert search_language_files(languages) == expected


def test_plan_sorts_entries_by_url_and_revisions_them_by_content() -> None:
    files = site("index.html", "about/index.html", "assets/stylesheets/extra.css", "404.html")

    result = plan(dict(reversed(list(files.items()))))

    assert result.entries == [
        Entry("404.html", sha16(b"404.html"), 8),
        Entry("about/index.html", sha16(b"about/index.html"), 16),
        Entry("assets/stylesheets/extra.css", sha16(b"assets/stylesheets/extra.css"), 28),
        Entry("index.html", sha16(b"index.html"), 10),
    ]
    assert result.excluded == {}
    assert result.warnings == []


@pytest.mark.parametrize(
    "url",
    [
        # url: every file gets a revision, whether or not its name carries a hash
        "assets/javascripts/bundle.79ae519e.min.js",
        "assets/javascripts/workers/search.a7633da7.min.js",
        "assets/stylesheets/guide.e92ad433.min.css",
        "assets/javascripts/pwa.js",
        "search/search_index.json",
    ],
)
def test_every_file_gets_a_revision_even_with_a_hashed_name(url: str) -> None:
    (entry,) = plan(site(url)).entries

    assert entry.revision == sha16(url.encode())


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        # url                                              reason it is left out
        ("sw.js", "the service worker itself"),
        ("assets/javascripts/bundle.79ae519e.min.js.map", "source maps"),
        ("assets/stylesheets/main.57a0d79d.min.css.map", "source maps"),
        ("sitemap.xml", "sitemap (for search engines)"),
        ("sitemap.xml.gz", "sitemap (for search engines)"),
        (
            "_pg/pack.0123abcd0123abcd0123abcd0123abcd.txt",
            "chunks the service worker downloads pages in",
        ),
        (
            "_pg/c/0123abcd0123abcd0123abcd0123abcd.txt",
            "chunks the service worker downloads pages in",
        ),
        (f"{LUNR}min/lunr.de.min.js", "search language files not configured"),
        (f"{LUNR}min/lunr.stemmer.support.min.js", "search language files not configured"),
        (f"{LUNR}min/lunr.multi.min.js", "search language files not configured"),
        (f"{LUNR}tinyseg.js", "search language files not configured"),
        (f"{LUNR}wordcut.js", "search language files not configured"),
    ],
)
def test_fixed_excludes_with_reasons(url: str, reason: str) -> None:
    result = plan(site("index.html", url))

    assert [entry.url for entry in result.entries] == ["index.html"]
    assert result.excluded == {url: reason}
    assert result.warnings == []


@pytest.mark.parametrize(
    ("languages", "kept"),
    [
        # configured languages   lunr files kept in the precache
        (["en"], []),
        (["de"], [f"{LUNR}min/lunr.de.min.js", f"{LUNR}min/lunr.stemmer.support.min.js"]),
        (
            ["en", "de"],
            [
                f"{LUNR}min/lunr.de.min.js",
                f"{LUNR}min/lunr.multi.min.js",
                f"{LUNR}min/lunr.stemmer.support.min.js",
            ],
        ),
        (
            ["fr", "ja"],
            [
                f"{LUNR}min/lunr.fr.min.js",
                f"{LUNR}min/lunr.ja.min.js",
                f"{LUNR}min/lunr.multi.min.js",
                f"{LUNR}min/lunr.stemmer.support.min.js",
                f"{LUNR}tinyseg.js",
            ],
        ),
    ],
)
def test_lunr_files_are_kept_only_for_configured_languages(
    languages: list[str], kept: list[str]
) -> None:
    lunr = [
        f"{LUNR}min/lunr.{name}.min.js"
        for name in ("de", "fr", "ja", "ru", "multi", "stemmer.support")
    ]
    files = site(*lunr, f"{LUNR}tinyseg.js", f"{LUNR}wordcut.js")

    result = plan(files, languages=languages)

    assert [entry.url for entry in result.entries] == kept
    assert sorted(result.excluded) == sorted(set(files) - set(kept))
    assert set(result.excluded.values()) == {"search language files not configured"}


def test_extra_excludes_name_their_reason() -> None:
    result = plan(
        site("index.html", "assets/icons/icon-512.png"),
        extra_excludes={"assets/icons/icon-512.png": "install-time icons", "gone.png": "x"},
    )

    assert [entry.url for entry in result.entries] == ["index.html"]
    assert result.excluded == {"assets/icons/icon-512.png": "install-time icons"}
    assert result.warnings == []


def test_user_globs_exclude_and_warn_when_they_match_nothing() -> None:
    files = site("index.html", "drafts/a/index.html", "drafts/b/index.html", "img/big.jpg")

    result = plan(files, exclude=["drafts/*", "*.jpg", "*.pdf", "draft/*"])

    assert [entry.url for entry in result.entries] == ["index.html"]
    assert result.excluded == {
        "drafts/a/index.html": "left out by precache_exclude",
        "drafts/b/index.html": "left out by precache_exclude",
        "img/big.jpg": "left out by precache_exclude",
    }
    assert result.warnings == [
        "precache_exclude pattern '*.pdf' matches no file — remove it or fix the pattern",
        "precache_exclude pattern 'draft/*' matches no file — remove it or fix the pattern",
    ]


def test_later_globs_keep_files_out_of_the_first_save_and_warn_when_unused() -> None:
    files = site("index.html", "pocketguide.html", "sitemap.xml")

    result = plan(files, later=["pocketguide.html", "*.pdf", "sitemap.xml"])

    assert [entry.url for entry in result.entries] == ["index.html"]
    assert result.later == [Entry("pocketguide.html", sha16(b"pocketguide.html"), 16)]
    # A fixed exclude wins: the sitemap is never kept, so its pattern is unused.
    assert result.excluded == {"sitemap.xml": "sitemap (for search engines)"}
    assert result.warnings == [
        "precache_later pattern '*.pdf' matches no file — remove it or fix the pattern",
        "precache_later pattern 'sitemap.xml' matches no file — remove it or fix the pattern",
    ]


def test_build_data_lists_later_files_apart_and_they_change_the_version() -> None:
    options: dict[str, object] = {
        "cache_prefix": "pg",
        "offline_page": "offline.html",
        "content_date": None,
        "self_destroying": False,
    }
    entries = [Entry("index.html", "aaaa", 1)]
    without = build_data(entries, **options)  # type: ignore[arg-type]
    kept = build_data(entries, later=[Entry("g.html", "bbbb", 9)], **options)  # type: ignore[arg-type]
    changed = build_data(entries, later=[Entry("g.html", "cccc", 9)], **options)  # type: ignore[arg-type]

    assert "later" not in without
    assert kept["later"] == [{"url": "g.html", "revision": "bbbb", "size": 9}]
    assert kept["entries"] == without["entries"]
    assert len({without["version"], kept["version"], changed["version"]}) == 3


@pytest.mark.parametrize(
    ("size", "kept"),
    [
        # file size (max_file_size 100)   precached?
        (99, True),
        (100, True),
        (101, False),
    ],
)
def test_a_file_over_max_file_size_is_left_out_with_a_warning(size: int, kept: bool) -> None:
    files = {"index.html": b"<p>", "media/video.mp4": b"x" * size}

    result = plan(files, max_file_size=100)

    assert [entry.url for entry in result.entries] == (
        ["index.html", "media/video.mp4"] if kept else ["index.html"]
    )
    if kept:
        assert result.excluded == {}
        assert result.warnings == []
    else:
        assert result.excluded == {"media/video.mp4": "over max_file_size"}
        assert result.warnings == [
            f"media/video.mp4 is {size} bytes, over max_file_size (100), and won't be saved "
            "for offline use — make it smaller or raise max_file_size"
        ]


def test_an_excluded_big_file_gets_no_size_warning() -> None:
    result = plan({"a.js.map": b"x" * 500, "b.pdf": b"y" * 500}, exclude=["*.pdf"], max_file_size=1)

    assert result.entries == []
    assert result.warnings == []


def test_excluded_summary_counts_reasons_largest_group_first() -> None:
    files = site(
        "index.html",
        "a.js.map",
        "b.css.map",
        "c.js.map",
        "sitemap.xml",
        "sitemap.xml.gz",
        f"{LUNR}min/lunr.de.min.js",
    )

    result = plan(files)

    assert result.excluded_summary() == (
        "3 source maps, 2 sitemap (for search engines), 1 search language files not configured"
    )


def test_plan_is_deterministic_whatever_the_input_order() -> None:
    files = site("b.html", "a.html", "c/index.html", "x.js.map", "sitemap.xml")

    first = plan(files, exclude=["nothing/*"])
    second = plan(dict(sorted(files.items())), exclude=["nothing/*"])

    assert first == second


def test_build_data_fields_and_version() -> None:
    entries = [
        Entry("index.html", "0123456789abcdef", 10),
        Entry("b.12345678.min.js", "fedcba9876543210", 5),
    ]
    listed = [
        {"url": "index.html", "revision": "0123456789abcdef", "size": 10},
        {"url": "b.12345678.min.js", "revision": "fedcba9876543210", "size": 5},
    ]

    data = build_data(
        entries,
        cache_prefix="pocketguide",
        offline_page="offline/index.html",
        content_date="2026-03-01",
        self_destroying=False,
    )

    assert data == {
        "version": hashlib.sha256(json.dumps(listed, sort_keys=True).encode()).hexdigest()[:12],
        "chunks": None,
        "contentDate": "2026-03-01",
        "cachePrefix": "pocketguide",
        "offlinePage": "offline/index.html",
        "selfDestroying": False,
        "entries": listed,
    }


@pytest.mark.parametrize(
    ("entries", "same_version"),
    [
        # entries of the second build                        same version as the first?
        ([Entry("index.html", "aaaa", 1)], True),
        ([Entry("index.html", "bbbb", 1)], False),  # one revision changed
        ([Entry("index.html", "aaaa", 1), Entry("x.html", "cccc", 1)], False),  # file added
        ([], False),
    ],
)
def test_version_follows_the_revisions(entries: list[Entry], same_version: bool) -> None:
    options: dict[str, object] = {
        "cache_prefix": "pg",
        "offline_page": "offline.html",
        "content_date": None,
        "self_destroying": False,
    }
    first = build_data([Entry("index.html", "aaaa", 1)], **options)  # type: ignore[arg-type]
    second = build_data(entries, **options)  # type: ignore[arg-type]

    assert (first["version"] == second["version"]) is same_version


def test_render_sw_and_read_build_round_trip() -> None:
    data = build_data(
        [Entry("index.html", "0123456789abcdef", 10), Entry("ü/ä.html", "fedcba9876543210", 3)],
        cache_prefix="pocketguide",
        offline_page="offline.html",
        content_date=None,
        self_destroying=True,
    )

    sw_js = render_sw(TEMPLATE, data)

    assert read_build(sw_js) == data
    assert read_precache(sw_js) == data["entries"]
    assert sw_js.splitlines()[0] == '"use strict";'
    assert sw_js.splitlines()[2] == "console.log(BUILD.version);"
    assert '"selfDestroying":true' in sw_js
    assert sw_js.isascii()  # non-ASCII URLs are \u-escaped


def test_render_sw_is_byte_identical_for_equal_data_in_any_key_order() -> None:
    data = {"b": 1, "a": [1, 2], "c": {"y": 1, "x": 2}}

    assert render_sw(TEMPLATE, data) == render_sw(TEMPLATE, dict(reversed(data.items())))
    assert render_sw(TEMPLATE, data).splitlines()[1] == (
        'const BUILD = {"a":[1,2],"b":1,"c":{"x":2,"y":1}};'
    )


@pytest.mark.parametrize(
    "template",
    [
        # templates without exactly one marker
        "const BUILD = {};\n",
        f"const BUILD = {BUILD_MARKER};\nconst AGAIN = {BUILD_MARKER};\n",
        "const BUILD = __POCKETGUIDE_BUILD__;\n",  # marker without its quotes
    ],
    ids=["none", "twice", "unquoted"],
)
def test_render_sw_needs_exactly_one_marker(template: str) -> None:
    with pytest.raises(ValueError, match=r"^the sw.js template must contain "):
        render_sw(template, {})
    with pytest.raises(ValueError) as raised:
        render_sw(template, {})
    assert str(raised.value) == (
        'the sw.js template must contain "__POCKETGUIDE_BUILD__" exactly once'
    )


@pytest.mark.parametrize(
    "sw_js",
    [
        # built files that carry no BUILD line
        "",
        "self.addEventListener('fetch', () => {});\n",
        "  const BUILD = {};\n",  # indented: not the line the build writes
    ],
)
def test_read_build_without_the_build_line(sw_js: str) -> None:
    with pytest.raises(ValueError) as raised:
        read_build(sw_js)

    assert str(raised.value) == (
        "no 'const BUILD = …;' line in sw.js — was it built by pocketguide/pwa?"
    )


def test_gzip_size_is_deterministic_and_smaller_for_repetitive_text() -> None:
    data = b"<p>Call the emergency number now.</p>\n" * 100

    assert gzip_size(data) == gzip_size(data)
    assert gzip_size(data) < len(data) // 10


def test_read_site_returns_posix_paths_of_files_only(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "index.html").write_bytes(b"<p>b")
    (tmp_path / "index.html").write_bytes(b"<p>home")
    (tmp_path / "empty").mkdir()

    assert read_site(tmp_path) == {"a/b/index.html": b"<p>b", "index.html": b"<p>home"}


def data_for(entries: list[Entry], chunk_plan: ChunkPlan | None = None) -> dict[str, object]:
    """``build_data`` with fixed settings: only the entries and the chunk plan vary."""
    return build_data(
        entries,
        chunk_plan=chunk_plan,
        cache_prefix="pocketguide",
        offline_page="offline/index.html",
        content_date=None,
        self_destroying=False,
    )


def test_build_data_lists_each_cut_file_s_chunks_and_type() -> None:
    files = {
        "index.html": b"<p>home</p>\n" * 200,
        "search/search_index.json": b'{"docs":[]}',
        "b.12345678.min.js": b"js",
    }
    entries = plan(files).entries
    chunk_plan = plan_chunks(files, [entry.url for entry in entries])

    data = data_for(entries, chunk_plan)

    listed = {str(item["url"]): item for item in data["entries"]}  # type: ignore[attr-defined]
    assert listed["index.html"]["chunks"] == chunk_plan.files["index.html"]
    assert listed["index.html"]["type"] == "text/html; charset=utf-8"
    assert listed["search/search_index.json"]["type"] == "application/json"
    assert "chunks" not in listed["b.12345678.min.js"]
    assert data["chunks"] == chunk_plan.as_json()
    # The version follows the revisions alone: chunking the same files the same way adds nothing.
    assert data["version"] == data_for(entries)["version"]


def test_download_size_counts_the_pack_once_and_every_file_outside_it() -> None:
    page = b"<header>same on every page</header>\n" * 40
    files = {
        "a.html": page + b"<p>a</p>",
        "b.html": page + b"<p>b</p>",
        "search/search_index.json": b'{"docs":[{"text":"a"}]}' * 30,
        "app.js": b"console.log(1);\n" * 30,
    }
    entries = plan(files).entries
    chunk_plan = plan_chunks(files, [entry.url for entry in entries])
    data = data_for(entries, chunk_plan)
    served = {**files, **chunk_plan.outputs()}

    expected = sum(
        gzip_size(served[url])
        for url in (chunk_plan.pack_url, "search/search_index.json", "app.js")
    )
    assert download_size(data, served) == expected
    unchunked = data_for(entries)
    assert download_size(unchunked, files) == sum(gzip_size(body) for body in files.values())


def test_summary_line_with_and_without_left_out_files() -> None:
    files = {"index.html": b"a" * 2048, "app.js": b"b" * 1024, "x.js.map": b"c"}
    result = plan(files)
    data = {"entries": [entry.as_json() for entry in result.entries]}
    packed = (gzip_size(files["index.html"]) + gzip_size(files["app.js"])) / 1024

    assert summary_line(result, files, data) == (
        f"offline copy: 2 files (1 HTML), 3.0 KiB, {packed:.1f} KiB to download gzipped; "
        "left out 1 file: 1 source maps"
    )
    empty = plan({"index.html": b""})
    assert summary_line(empty, {"index.html": b""}, {"entries": [{"url": "index.html"}]}) == (
        "offline copy: 1 files (1 HTML), 0.0 KiB, 0.0 KiB to download gzipped"
    )


def test_the_search_index_is_saved_whatever_its_size() -> None:
    # A 600-page site's index is about 3 MB, over the 2 MiB default: offline search must stay.
    files = {"search/search_index.json": b"{}" * 300, "big.pdf": b"x" * 600, "a.html": b"<p>"}
    result = plan(files, max_file_size=100)

    assert [entry.url for entry in result.entries] == ["a.html", "search/search_index.json"]
    assert result.excluded == {"big.pdf": "over max_file_size"}
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("big.pdf is 600 bytes")
