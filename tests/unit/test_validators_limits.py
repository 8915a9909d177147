"""The scans that stop unsafe input before any parser sees it, and the raw HTML policy."""

# ruff: noqa: E501  (the tables hold exact finding lines; one line each reads best)

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

from pocketguide.validators import limits
from pocketguide.validators.config import CheckConfig
from pocketguide.validators.prose import mask_code
from pocketguide.validators.rawhtml import check_raw_html

if TYPE_CHECKING:
    from pathlib import Path

CHECKS = CheckConfig(max_nesting=4, max_html_depth=3, max_page_kib=1)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # page bytes                 findings (or the text when it is readable)
        (b"# Fine\n", "# Fine\n"),
        (b"\xef\xbb\xbf# BOM\n", "# BOM\n"),
        (
            b"a\nb\xc3\xa9 \xe9\n",
            "p.md:2:4: CNT001 cannot read the page: byte 0xe9 is not UTF-8 — save it as UTF-8",
        ),
        (
            b"a\n\n  x\x00y\x00",
            "p.md:3:4: CNT002 NUL byte in the page (2 in the page) — delete it (it is invisible in most editors; it comes from a bad copy and paste)",
        ),
        (
            b"x" * 1025,
            "p.md:1:1: CNT003 the page is 1 KiB, more than max_page_kib (1) — split it into several pages (or raise max_page_kib)",
        ),
    ],
    ids=["utf8", "bom", "not-utf8", "nul", "too-big"],
)
def test_read_page(data: bytes, expected: str) -> None:
    text, findings = limits.read_page(data, "p.md", CHECKS)
    assert (text if text is not None else findings[0].format()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # page text (max_nesting 4, max_html_depth 3)     the CNT004 finding, or none
        ("- a\n    - b\n        - c\n            - d\n                - e\n", []),
        (
            "x\n" + "    " * 5 + "- deep\n",
            ["p.md:2:1: CNT004 indented 5 levels deep (lists or code in lists)"],
        ),
        ("ok\n\n> > > > > five\n", ["p.md:3:1: CNT004 block quotes nested 5 deep"]),
        ("[[[[x]]]] and (([[y]]))", []),
        ("a [[[[[x", ["p.md:1:7: CNT004 brackets nested more than 4 deep"]),
        ("[[[\n\n[[[ x", []),  # a blank line ends the paragraph
        ("\\[\\[\\[\\[\\[ escaped", []),
        ("<div><div><div><div>", ["p.md:1:16: CNT004 raw HTML elements nested more than 3 deep"]),
        ("```\n" + "    " * 9 + "code\n```\n", []),  # code is blanked before the scan
    ],
    ids=[
        "list-at-limit",
        "list",
        "quotes",
        "balanced",
        "brackets",
        "paragraphs",
        "escaped",
        "html",
        "code",
    ],
)
def test_check_nesting(text: str, expected: list[str]) -> None:
    found = limits.check_nesting(mask_code(text), "p.md", CHECKS)
    assert [f.format().split(" — ")[0] for f in found] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # page text                                              CNT007 findings
        ("[a](http://[::1]:8000/x) <https://x.org/a_(b)>", []),
        (
            "see [svc](http://[::1) or //[fe80::1",
            [
                "p.md:1:11: CNT007 'http://[::1' is not a valid URL (Invalid IPv6 URL)",
                "p.md:1:27: CNT007 '//[fe80::1' is not a valid URL (Invalid IPv6 URL)",
            ],
        ),
    ],
)
def test_check_urls(text: str, expected: list[str]) -> None:
    assert [f.format().split(" — ")[0] for f in limits.check_urls(text, "p.md")] == expected


def test_check_files_reports_links_out_of_docs_only(tmp_path: Path) -> None:
    docs, outside = tmp_path / "docs", tmp_path / "secret"
    (docs / "assets").mkdir(parents=True)
    outside.mkdir()
    (outside / "key").write_text("k")
    (docs / "page.md").write_text("# P\n")
    (docs / "same.md").symlink_to(docs / "page.md")  # inside docs/: fine
    (docs / "assets" / "key.txt").symlink_to(outside / "key")
    (docs / "linked").symlink_to(outside)  # a folder: reported, not entered
    found = [f.format() for f in limits.check_files(docs, "docs")]
    assert found == [
        f"docs/linked:1:1: CNT006 'linked' is a link to '{outside}', outside docs/ — copy the file into docs/ instead, or delete the link",
        f"docs/assets/key.txt:1:1: CNT006 'assets/key.txt' is a link to '{outside}/key', outside docs/ — copy the file into docs/ instead, or delete the link",
    ]


def test_time_limit_stops_the_block() -> None:
    started = time.monotonic()
    with pytest.raises(limits.PageTimeout), limits.time_limit(0.2):
        while True:
            pass
    print(f"stopped after {time.monotonic() - started:.2f} s")  # measured, not asserted


@pytest.mark.parametrize(
    "text",
    [
        # raw HTML the guide uses, and other harmless text
        '<div class="grid cards" markdown>\n\n- x\n\n</div>',
        '<p class="pg-card__head">Card</p> <p data-pg-install-status role="status"></p>',
        '<p><button type="button" class="md-button" data-pg-install hidden>Install</button></p>',
        "Facts checked <!-- share:last-reviewed -->. <!-- data:mixing -->",
        "<https://example.org/> and <someone@example.org>, a < b > c",
        '<img alt="QR" src="data:image/png;base64,AAAA"> <a href="https://x.org/">x</a>',
        "`<script>` in code, and\n\n```html\n<script>x()</script>\n```\n",
        "[a link](page.md) and [ref]: https://x.org/",
    ],
    ids=[
        "div-markdown",
        "p-class",
        "button",
        "comments",
        "autolinks",
        "data-image",
        "code",
        "links",
    ],
)
def test_allowed_raw_html_gives_no_finding(text: str) -> None:
    assert check_raw_html(mask_code(text), "p.md") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # page text                                   findings (code line:col what)
        ("<SCRIPT>x()</SCRIPT>", ["HTM001 1:1 raw <script>"]),
        ("a <svg><script>x</script></svg>", ["HTM001 1:3 raw <svg>", "HTM001 1:8 raw <script>"]),
        (
            "<object data=x></object><embed src=y>",
            ["HTM001 1:1 raw <object>", "HTM001 1:25 raw <embed>"],
        ),
        ('<img src=x onerror="alert(1)" alt="">', ["HTM002 1:1 <img onerror=…>: event"]),
        ('<a href=" JaVa\tscript:alert(1)">x</a>', ['HTM003 1:1 <a href="javascript:…">']),
        ('<img alt="" src="data:text/html;base64,xx">', ['HTM003 1:1 <img src="data:…">']),
        (
            "[x](  javascript:alert(1))\n\n[r]: vbscript:x",
            ["HTM003 1:7 link to a javascript:", "HTM003 3:6 link to a vbscript:"],
        ),
    ],
    ids=[
        "script",
        "svg",
        "object-embed",
        "handler",
        "javascript-href",
        "data-html",
        "markdown-links",
    ],
)
def test_code_in_raw_html_is_an_error_at_its_place(text: str, expected: list[str]) -> None:
    found = [
        f"{f.code} {f.line}:{f.col} {f.message}" for f in check_raw_html(mask_code(text), "p.md")
    ]
    assert len(found) == len(expected), found
    assert all(got.startswith(want) for got, want in zip(found, expected, strict=True)), found


def test_names_that_break_web_addresses_are_reported(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "img#s").mkdir(parents=True)
    for name in ("q?x.md", "a%b.png", "new\nline.md", "ok name ünï 名前.md", "img#s/pic.png"):
        (docs / name).write_text("x")
    found = [f.format() for f in limits.check_files(docs, "docs")]
    fix = "rename it with letters, digits, spaces, '-' or '_'"
    assert found == [
        f"docs/a%b.png:1:1: CNT008 the name 'a%b.png' holds '%', which breaks its web address — {fix}",
        f"docs/img#s:1:1: CNT008 the name 'img#s' holds '#', which breaks its web address — {fix}",
        f"docs/new\\x0aline.md:1:1: CNT008 the name 'new\\x0aline.md' holds '\\n', which breaks its web address — {fix}",
        f"docs/q?x.md:1:1: CNT008 the name 'q?x.md' holds '?', which breaks its web address — {fix}",
    ]


@pytest.mark.parametrize(
    ("raw", "expected", "problems"),
    [
        # [tool.pocketguide.checks] keys       CheckConfig fields set      CFG001 problems
        ({"max_page_kib": 100, "max_nesting": 8}, {"max_page_kib": 100, "max_nesting": 8}, 0),
        (
            {"max_html_depth": 2000, "page_seconds": 5},
            {"max_html_depth": 2000, "page_seconds": 5.0},
            0,
        ),
        ({"build_seconds": 1e300}, {"build_seconds": 900.0}, 1),  # the system timer overflows
        (
            {"page_seconds": float("nan"), "max_nesting": 0},
            {"page_seconds": 60.0, "max_nesting": 16},
            2,
        ),
        ({"max_page_kib": True}, {"max_page_kib": 512}, 1),
    ],
    ids=["ints", "mixed", "too-long", "nan-and-zero", "bool"],
)
def test_limit_settings(raw: dict[str, object], expected: dict[str, object], problems: int) -> None:
    from pocketguide.validators.config import config_from_mapping

    config, found = config_from_mapping(raw, "pyproject.toml")
    assert {key: getattr(config, key) for key in expected} == expected
    assert [f.code for f in found] == ["CFG001"] * problems
