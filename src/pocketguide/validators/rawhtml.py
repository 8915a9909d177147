"""Raw HTML in Markdown: the small set a guide page may use, everything else an error.

Pages are Markdown; raw HTML is for layout the Markdown cannot say (``<div class="grid
cards" markdown>``, ``<p class=...>``, a ``<button>`` that a script of the guide wires up)
and for markers in comments (``<!-- share:qr-home -->``). Code must never come from a page:
the Content-Security-Policy allows inline code by hash, and a hash only protects when the
build wrote what it hashes. So:

- HTM001 an element outside :data:`ALLOWED` (``<script>``, ``<iframe>``, ``<style>``,
  ``<object>``, ``<embed>``, ``<svg>``, ``<form>``, ``<meta>``…);
- HTM002 an attribute that runs or styles code: ``on*`` event handlers, ``srcdoc``,
  ``style`` (blocked by the policy anyway);
- HTM003 a ``javascript:``, ``vbscript:`` or ``data:`` URL in an attribute or a Markdown link
  (``data:image/…`` stays allowed for images).

Code blocks, inline code and comments are blanked out first, so examples in code are fine.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from pocketguide.findings import Finding
from pocketguide.validators.prose import position

RULES = {
    "HTM001": "raw HTML element not allowed",
    "HTM002": "raw HTML attribute not allowed",
    "HTM003": "script URL",
}
ALLOWED = frozenset(
    {
        *("a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "button", "caption", "cite"),
        *("code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em"),
        *("figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins"),
        *("kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "s", "samp", "small", "source"),
        *("span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th"),
        *("thead", "time", "tr", "u", "ul", "var", "wbr"),
    }
)
"""Elements a page may write as raw HTML: text-level and layout elements that run nothing."""

URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "action", "formaction", "xlink:href", "data", "poster", "cite"}
)
_TAG_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_BAD_SCHEME = re.compile(r"(?:javascript|vbscript|data):", re.IGNORECASE)
_IMAGE_DATA = re.compile(r"data:image/(?:png|jpeg|gif|webp|avif);", re.IGNORECASE)
_SPACE = re.compile(r"[\x00-\x20]+")
_MARKDOWN_URL = re.compile(
    r"\]\(\s*<?\s*(?P<a>(?:javascript|vbscript|data):)|^\s{0,3}\[[^\]]+\]:\s*<?(?P<b>(?:javascript|vbscript|data):)",
    re.IGNORECASE | re.MULTILINE,
)
_FIX_ELEMENT = (
    "write it in Markdown, or use an allowed element (README: For editors, Raw HTML); "
    "code belongs in the guide's own script files"
)


def check_raw_html(masked: str, path: str) -> list[Finding]:
    """Return HTM001-HTM003 for the raw HTML in a page whose code is blanked out."""
    scanner = _Scanner(path)
    scanner.feed(masked)
    scanner.close()
    for match in _MARKDOWN_URL.finditer(masked):
        start = match.start("a") if match.group("a") else match.start("b")
        scheme = (match.group("a") or match.group("b")).lower()
        message = f"link to a {scheme} URL"
        fix = "link to a page of the guide or a web address (https://…)"
        scanner.findings.append(Finding(path, *position(masked, start), "HTM003", message, fix))
    return sorted(scanner.findings)


class _Scanner(HTMLParser):
    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.findings: list[Finding] = []

    def _add(self, code: str, message: str, fix: str) -> None:
        line, col = self.getpos()
        self.findings.append(Finding(self.path, line, col + 1, code, message, fix))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not _TAG_NAME.fullmatch(tag):  # <https://x.org> autolinks, <a@b.org> e-mails
            return
        if tag not in ALLOWED:
            self._add("HTM001", f"raw <{tag}> is not allowed in a page", _FIX_ELEMENT)
            return
        for name, value in attrs:
            if name.startswith("on"):
                message = f"<{tag} {name}=…>: event handlers are not allowed in a page"
                self._add("HTM002", message, "remove it; behaviour belongs in the guide's scripts")
            elif name in {"srcdoc", "style"}:
                message = f"<{tag} {name}=…> is not allowed in a page"
                fix = "remove it; use a class from the guide's stylesheets for looks"
                self._add("HTM002", message, fix)
            elif name in URL_ATTRIBUTES and value and _is_script_url(name, value):
                scheme = _SPACE.sub("", value).split(":", 1)[0].lower()
                message = f'<{tag} {name}="{scheme}:…"> URL is not allowed in a page'
                self._add("HTM003", message, "link to a page of the guide or an https:// address")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _is_script_url(name: str, value: str) -> bool:
    text = _SPACE.sub("", value)
    if not _BAD_SCHEME.match(text):
        return False
    return not (name in {"src", "srcset"} and _IMAGE_DATA.match(text))
