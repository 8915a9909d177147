"""pocketguide.plugins.csp.policy: hashes of inline code, the policy and the meta tag."""

from __future__ import annotations

import base64
import hashlib

import pytest

from pocketguide.htmltags import has_policy
from pocketguide.plugins.csp import policy


def _sha(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


def test_sha256_source_of_empty_script_is_the_well_known_hash() -> None:
    assert policy.sha256_source("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


@pytest.mark.parametrize(
    ("html", "scripts", "styles"),
    [
        # html                                                   scripts hashed         styles
        ("<script>a()</script>", ["a()"], []),
        ("<SCRIPT>a()</SCRIPT >", ["a()"], []),
        ('<script type="module">a()</script>', ["a()"], []),
        ("<script type=text/javascript>a()</script>", ["a()"], []),
        ('<script src="x.js"></script>', [], []),
        ('<script src="x.js" defer>ignored()</script>', [], []),
        ('<script id="__config" type="application/json">{"a": 1}</script>', [], []),
        ('<script data-x="a>b">c()</script>', ["c()"], []),
        ("<script>if (a &amp;&amp; b) x('</p>')</script>", ["if (a &amp;&amp; b) x('</p>')"], []),
        ("<script>\n  a()\n</script><script>\n  a()\n</script>", ["\n  a()\n"], []),
        ("<style>.a{color:red}</style><script>b()</script>", ["b()"], [".a{color:red}"]),
        ("<p>no code</p>", [], []),
    ],
)
def test_inline_code_hashes_exactly_the_text_between_the_tags(
    html: str, scripts: list[str], styles: list[str]
) -> None:
    assert policy.inline_code(html) == ([_sha(s) for s in scripts], [_sha(s) for s in styles])


@pytest.mark.parametrize(
    ("html", "found"),
    [
        # html                                                   (line, col, what)
        ('<button onclick="go()">Go</button>', [(1, 1, "<button onclick=…> event handler")]),
        ("<p>\n  <img src=x.png onerror=alert(1)>", [(2, 3, "<img onerror=…> event handler")]),
        ('<a href="javascript:void(0)">x</a>', [(1, 1, '<a href="javascript:…"> URL')]),
        ('<a href=" JavaScript:go()">x</a>', [(1, 1, '<a href="javascript:…"> URL')]),
        ('<span style="color:red">x</span>', [(1, 1, "<span style=…> attribute")]),
        ('<script>x = "<b onclick=y>"</script><b>', []),
        ('<a href="#onclick" data-online="1" class="x">x</a>', []),
    ],
)
def test_blocked_inline_names_what_a_hash_policy_cannot_allow(
    html: str, found: list[tuple[int, int, str]]
) -> None:
    assert [(i.line, i.col, i.what) for i in policy.blocked_inline(html)] == found


def test_build_policy_allows_own_origin_and_hashed_code_only() -> None:
    text = policy.build_policy(["'sha256-b'", "'sha256-a'", "'sha256-b'"], ["'sha256-c'"])
    assert text == (
        "default-src 'none'; script-src 'self' 'sha256-a' 'sha256-b'; "
        "style-src 'self' 'sha256-c'; img-src 'self' data:; font-src 'self'; "
        "connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'self'; "
        "form-action 'self'"
    )
    assert "unsafe" not in text
    assert "frame-ancestors" not in text  # ignored (with a console error) in a <meta>


def test_header_policy_adds_frame_ancestors() -> None:
    assert policy.build_policy(header=True).endswith("; frame-ancestors 'self'")


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # page                                              where the meta lands (M)
        ('<html><head><meta charset="utf-8"><title>', '<html><head><meta charset="utf-8">M<title>'),
        ("<html><head><meta charset=utf-8><script>", "<html><head><meta charset=utf-8>M<script>"),
        ('<html lang="en"><head><title>x', '<html lang="en"><head>M<title>x'),
        ("<p>fragment", "M<p>fragment"),
    ],
)
def test_add_policy_puts_the_meta_before_any_script(html: str, expected: str) -> None:
    meta = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
    assert policy.add_policy(html, "default-src 'none'") == expected.replace("M", meta)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<meta http-equiv="Content-Security-Policy" content="x">', True),
        ("<meta http-equiv=content-security-policy content=x>", True),
        ('<meta name="description" content="Content-Security-Policy">', False),
        ("<p>Content-Security-Policy</p>", False),
    ],
)
def test_has_policy(html: str, expected: bool) -> None:
    assert has_policy(html) is expected


def test_site_policy_is_the_union_of_every_page() -> None:
    text = policy.site_policy(["<script>a()</script>", "<script>b()</script><style>s</style>"])
    assert text == policy.build_policy([_sha("a()"), _sha("b()")], [_sha("s")], header=True)


@pytest.mark.parametrize(
    ("html", "scripts"),
    [
        # page                                                           code hashed
        ('<iframe srcdoc="<script>evil()</script>"></iframe>', []),
        ("<textarea><script>evil()</script></textarea><script>ok()</script>", ["ok()"]),
        ("<!-- <script>evil()</script> --><script>ok()</script>", ["ok()"]),
        ("<title><script>evil()</script></title>", []),
        ("<noscript><script>evil()</script></noscript>", []),
        ("<p title='<script>evil()</script>'>x</p>", []),
        ("<script>a('</scripty>')</script >", ["a('</scripty>')"]),
    ],
    ids=["srcdoc", "textarea", "comment", "title", "noscript", "attribute", "end-tag"],
)
def test_inline_code_skips_what_the_browser_does_not_run(html: str, scripts: list[str]) -> None:
    assert policy.inline_code(html) == ([policy.sha256_source(s) for s in scripts], [])


def test_strip_inline_code_removes_scripts_and_styles_only() -> None:
    content = (
        "<p>a</p><script>x()</script><style>p{}</style><textarea><script>t</script></textarea>"
        '<!-- share:qr-home --><div class="grid" title="<style>">b</div>'
    )
    assert policy.strip_inline_code(content) == (
        "<p>a</p><textarea><script>t</script></textarea><!-- share:qr-home -->"
        '<div class="grid" title="<style>">b</div>',
        ["<script>", "<style>"],
    )


def test_style_attributes_are_hashed_as_the_browser_reads_them() -> None:
    html = (
        "<td style=\"text-align: right;\">1</td><p style='a:&quot;b&quot;'>"
        '<td style="text-align: right;">2</td><textarea><b style="x"></textarea>'
    )
    assert policy.style_attributes(html) == [
        _sha("text-align: right;"),
        _sha('a:"b"'),
    ]


def test_blocked_inline_leaves_hashed_style_attributes_alone() -> None:
    html = '<td style="x">1</td><a onclick="y()">'
    whats = [i.what for i in policy.blocked_inline(html, hashed_styles=True)]
    assert whats == ["<a onclick=…> event handler"]


def test_build_policy_with_attribute_hashes_and_allow() -> None:
    text = policy.build_policy(
        ["'sha256-s'"],
        ["'sha256-b'"],
        style_attribute_hashes=["'sha256-a'"],
        allow={"img-src": ["https://img.example.org", "data:"], "frame-src": ["https://v.test"]},
    )
    assert text == (
        "default-src 'none'; script-src 'self' 'sha256-s'; "
        "style-src 'self' 'unsafe-hashes' 'sha256-a' 'sha256-b'; "
        "img-src 'self' data: https://img.example.org; font-src 'self'; connect-src 'self'; "
        "manifest-src 'self'; worker-src 'self'; base-uri 'self'; form-action 'self'; "
        "frame-src https://v.test"
    )


@pytest.mark.parametrize(
    ("directive", "sources", "problem"),
    [
        # allow entry                                  what the config error says (start)
        ("img-src", ["https://a.test", "'self'"], None),
        ("default-src", ["https://a.test"], "'default-src' is not a directive the policy can"),
        ("script-src", ["'unsafe-inline'"], "'unsafe-inline' would let injected code run"),
        ("script-src", ["'UNSAFE-EVAL'"], "'UNSAFE-EVAL' would let injected code run"),
        ("img-src", ["*"], "* would let injected code run"),
        ("img-src", ["https://a.test; script-src *"], "'https://a.test; script-src *' is not"),
    ],
)
def test_allow_problem(directive: str, sources: list[str], problem: str | None) -> None:
    found = policy.allow_problem(directive, sources)
    assert found == problem if problem is None else (found or "").startswith(problem)
