"""Content-Security-Policy for built pages: hashes of inline code, the policy, the meta tag.

Pure and framework-free. The policy allows only the guide's own origin and, for inline
``<script>`` and ``<style>`` elements, exactly the code the build wrote (a SHA-256 hash of
each), so nothing injected later can run. What a policy cannot allow without weakening it
(``onclick=`` handlers, ``javascript:`` links, ``style=`` attributes) is reported instead.

The text hashed is the raw text between the tags, as the browser's tokenizer reads it; it is
read with a tokenizer-shaped pattern rather than a DOM parser, because parsers hand back text
that may differ from those bytes and because findings need a line and column. The pattern
steps over comments, attribute values and the text of ``<textarea>``, ``<title>``,
``<iframe>``, ``<noscript>``… as the browser does, so ``<iframe srcdoc="<script>…">`` or
``<textarea><script>…`` never adds a hash for code the page does not run.

Only code the build wrote may be hashed: :func:`strip_inline_code` removes the ``<script>``
and ``<style>`` elements of a page's own Markdown before the theme is added.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pocketguide.htmltags import ATTRS, JS_TYPES, attributes

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

META_NAME = "Content-Security-Policy"

_RAW_ELEMENTS = "script|style|textarea|title|xmp|iframe|noembed|noframes|noscript"
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    rf"|<(?P<raw>{_RAW_ELEMENTS})\b{ATTRS.replace('attrs', 'rattrs')}>"
    r"(?P<body>.*?)(?:</(?P=raw)(?=[\s/>])[^>]*>?|\Z)"
    rf"|<(?P<tag>[a-zA-Z][^\s/>]*){ATTRS}>",
    re.IGNORECASE | re.DOTALL,
)
"""One token of a page: a comment, an element whose text is not markup (with that text), or
any other start tag. Searching token after token skips what the browser skips."""
_CHARSET = re.compile(r"<meta\s[^>]*charset[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class Inline:
    """A piece of inline code the policy cannot hash, and where it is (1-based)."""

    line: int
    col: int
    what: str


def sha256_source(code: str) -> str:
    """Return the CSP hash source for inline code, e.g. ``'sha256-47DEQpj8...='``."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _tokens(html: str) -> list[re.Match[str]]:
    return [m for m in _TOKEN.finditer(html) if m["raw"] or m["tag"]]


def _is_code(match: re.Match[str]) -> bool:
    """Tell whether a raw-text token is code the browser runs: a style, or an inline script."""
    tag = match["raw"].lower()
    if tag == "style":
        return True
    attrs = attributes(match["rattrs"])
    return (
        tag == "script" and "src" not in attrs and attrs.get("type", "").strip().lower() in JS_TYPES
    )


def inline_code(html: str) -> tuple[list[str], list[str]]:
    """Return the hash sources of the inline scripts and of the ``<style>`` elements, in order.

    Scripts with ``src`` and data blocks (``type="application/json"``) are not code to hash.
    """
    scripts: list[str] = []
    styles: list[str] = []
    for match in _tokens(html):
        if match["raw"] and _is_code(match):
            into = styles if match["raw"].lower() == "style" else scripts
            into.append(sha256_source(match["body"]))
    return _unique(scripts), _unique(styles)


def strip_inline_code(html: str) -> tuple[str, list[str]]:
    """Remove every ``<script>`` and ``<style>`` element from a page's own content.

    Returns the content and what was removed (``<script>``, ``<style>``), in order. Called on
    the Markdown's HTML before the theme and the other plugins add theirs: a page's author
    never writes code the policy would then allow by hash.
    """
    removed: list[str] = []
    out: list[str] = []
    last = 0
    for match in _tokens(html):
        if match["raw"] and match["raw"].lower() in {"script", "style"}:
            out.append(html[last : match.start()])
            last = match.end()
            removed.append(f"<{match['raw'].lower()}>")
    out.append(html[last:])
    return "".join(out), removed


def style_attributes(html: str) -> list[str]:
    """Return the hash sources of every ``style=`` attribute value, in order, each once.

    Markdown writes them (table column alignment, ``style="text-align: right"``), and so do
    icon SVGs. The value is hashed as the browser reads it (character references decoded);
    a policy with ``'unsafe-hashes'`` and these hashes in ``style-src`` allows exactly them.
    """
    found: list[str] = []
    for tag in _tokens(html):
        value = attributes(tag["rattrs"] or tag["attrs"] or "").get("style")
        if value is not None:
            found.append(sha256_source(html_lib.unescape(value)))
    return _unique(found)


def blocked_inline(html: str, *, hashed_styles: bool = False) -> list[Inline]:
    """Return inline code that a hash-based policy blocks: event handlers, ``javascript:``
    URLs and (unless the policy allows them by hash, ``hashed_styles``) ``style``
    attributes, with their line and column."""
    found: list[Inline] = []
    for tag in _tokens(html):
        name = tag["raw"] or tag["tag"]
        for attr, value in attributes(tag["rattrs"] or tag["attrs"] or "").items():
            what = None
            if attr.startswith("on"):
                what = f"<{name} {attr}=…> event handler"
            elif attr == "style" and not hashed_styles:
                what = f"<{name} style=…> attribute"
            elif attr in {"href", "src", "action"} and value.strip().lower().startswith(
                "javascript:"
            ):
                what = f'<{name} {attr}="javascript:…"> URL'
            if what:
                line = html.count("\n", 0, tag.start()) + 1
                col = tag.start() - (html.rfind("\n", 0, tag.start()) + 1) + 1
                found.append(Inline(line, col, what))
    return found


#: What the policy allows before a site's ``allow``: the guide's own origin only.
BASE_SOURCES: dict[str, tuple[str, ...]] = {
    "default-src": ("'none'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "manifest-src": ("'self'",),
    "worker-src": ("'self'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}
#: Directives a site's ``allow`` may name: the ones above (but ``default-src``) and the other
#: fetch directives, which ``default-src 'none'`` otherwise blocks.
ALLOWED_DIRECTIVES = frozenset(
    {*BASE_SOURCES, "media-src", "frame-src", "child-src", "object-src", "prefetch-src"}
    - {"default-src"}
)
#: Sources ``allow`` may not add: each would let injected code run, which hashes are there to
#: prevent.
REFUSED_SOURCES = frozenset({"'unsafe-inline'", "'unsafe-eval'", "*", "'strict-dynamic'"})
_SOURCE = re.compile(r"^[^\s;,]+$")


def allow_problem(directive: str, sources: Iterable[str]) -> str | None:
    """Say what is wrong with one entry of a site's ``allow`` option, or ``None`` if nothing.

    >>> allow_problem("img-src", ["https://img.example.org"]) is None
    True
    >>> allow_problem("script-src", ["'unsafe-inline'"])
    "'unsafe-inline' would let injected code run — allow a file's origin, never inline code"
    """
    if directive not in ALLOWED_DIRECTIVES:
        return f"'{directive}' is not a directive the policy can widen — use one of " + ", ".join(
            sorted(ALLOWED_DIRECTIVES)
        )
    for source in sources:
        if source.lower() in REFUSED_SOURCES:
            return (
                f"{source} would let injected code run — allow a file's origin, never inline code"
            )
        if not _SOURCE.match(source):
            return f"'{source}' is not one source — write one origin or keyword per list item"
    return None


def build_policy(
    script_hashes: Iterable[str] = (),
    style_hashes: Iterable[str] = (),
    *,
    header: bool = False,
    style_attribute_hashes: Iterable[str] = (),
    allow: Mapping[str, Iterable[str]] | None = None,
) -> str:
    """Return the policy: the guide's own origin only, inline code by hash only.

    ``style_attribute_hashes`` (of ``style=`` values) go into ``style-src`` after
    ``'unsafe-hashes'``, which lets a hash match an attribute (CSP Level 3). ``allow`` adds a
    site's own sources per directive (checked by :func:`allow_problem` when the site's
    configuration is loaded). ``header=True`` adds the directives a ``<meta>`` policy may not
    carry (browsers ignore them there with a console error): ``frame-ancestors``.
    """
    sources = {name: list(values) for name, values in BASE_SOURCES.items()}
    sources["script-src"] += sorted(set(script_hashes))
    attribute_hashes = sorted(set(style_attribute_hashes))
    if attribute_hashes:
        sources["style-src"].append("'unsafe-hashes'")
    sources["style-src"] += sorted(set(style_hashes) | set(attribute_hashes))
    for name, extra in (allow or {}).items():
        kept = sources.setdefault(name, [])
        kept += [source for source in extra if source not in kept]
    directives = [f"{name} {' '.join(values)}" for name, values in sources.items()]
    if header:
        directives.append("frame-ancestors 'self'")
    return "; ".join(directives)


def add_policy(html: str, policy: str) -> str:
    """Return ``html`` with a policy ``<meta>`` right after the charset (or ``<head>``),
    before any script, so that it governs all of them."""
    tag = f'<meta http-equiv="{META_NAME}" content="{policy}">'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return tag + html
    return html[: anchor.end()] + tag + html[anchor.end() :]


def site_policy(
    pages: Iterable[str],
    *,
    hash_style_attributes: bool = False,
    allow: Mapping[str, Iterable[str]] | None = None,
) -> str:
    """Return one policy for a whole site (for a ``_headers`` file): every page's hashes."""
    scripts: list[str] = []
    styles: list[str] = []
    attributes_: list[str] = []
    for html in pages:
        page_scripts, page_styles = inline_code(html)
        scripts += page_scripts
        styles += page_styles
        if hash_style_attributes:
            attributes_ += style_attributes(html)
    return build_policy(
        scripts, styles, header=True, style_attribute_hashes=attributes_, allow=allow
    )


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
