"""What the build refuses to read: input that would crash, hang or leak, found before parsing.

Python-Markdown and MkDocs trust their input. Nested brackets make link matching quadratic
(100 KB of them ran for more than ten minutes), a list 300 levels deep overflows the stack,
a NUL byte is published as it is, ``http://[::1`` makes MkDocs raise, and a symlink in
``docs/`` publishes whatever it points at. Each is found here with cheap scans, before any
parser sees the page, and reported at its line and column:

- CNT001 the page is not UTF-8 (at the first bad byte); CNT002 a NUL byte;
- CNT003 the page is larger than ``max_page_kib``;
- CNT004 nesting deeper than ``max_nesting`` (indented lists, ``>`` quotes, brackets) or
  raw HTML nested deeper than ``max_html_depth``;
- CNT005 the page's checks took longer than ``page_seconds`` (a shape no scan knows);
- CNT006 a symlink under ``docs/`` (or the theme's ``custom_dir``) that points outside it;
- CNT007 a URL that cannot be parsed;
- CNT008 a file name with ``?``, ``#``, ``%``, ``\\`` or a control character: each changes
  what the file's web address means (a query, a fragment, an escape), so the page or file
  is published but cannot be opened or saved offline. Spaces and letters of any language
  are fine.

Pages with any of these are not handed to MkDocs (see :data:`UNSAFE`).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pocketguide.findings import Finding
from pocketguide.validators.html import nesting_depth
from pocketguide.validators.prose import position

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pocketguide.validators.config import CheckConfig

RULES = {
    "CNT002": "NUL byte in the page",
    "CNT003": "page too large",
    "CNT004": "nested too deep",
    "CNT005": "page took too long to check",
    "CNT006": "symlink out of its folder",
    "CNT007": "URL cannot be parsed",
    "CNT008": "file name breaks its web address",
}
UNSAFE = frozenset({"CNT001", *RULES, "FM001", "SR000", "SR001", "HTM001", "HTM002", "HTM003"})
"""Codes that stop the build before MkDocs reads ``docs/``: MkDocs would crash, hang, drop
the front matter silently, or publish what nobody wrote (raw code, see ``rawhtml``)."""

_INDENT = re.compile(r"[ \t]*")
_QUOTES = re.compile(r"(?:[ \t]*>)+")
_URL = re.compile(r"(?<![\w/])(?:[A-Za-z][A-Za-z0-9+.-]*:)?//[^\s<>\"'()]+")
_BRACKETS = re.compile(r"\\.|[\[\]()]|\n[ \t]*\n")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_BAD_NAME = re.compile(r"[?#%\\\x00-\x1f\x7f]")


class PageTimeout(Exception):  # noqa: N818 (it is the reason, not an error of the code)
    """The page's checks ran past ``page_seconds``."""


def read_page(
    data: bytes, path: str, checks: CheckConfig, what: str = "page"
) -> tuple[str | None, list[Finding]]:
    """Decode a page's bytes, refusing what no parser should see (CNT001-CNT003).

    ``what`` names the file in messages (``page``, or ``file`` for the source registry).
    """
    limit = checks.max_page_kib
    if len(data) > limit * 1024:
        message = f"the {what} is {len(data) // 1024} KiB, more than max_page_kib ({limit})"
        fix = "split it into several pages (or raise max_page_kib)"
        return None, [Finding(path, 1, 1, "CNT003", message, fix)]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[start : exc.start].decode("utf-8", errors="replace")) + 1
        message = f"cannot read the {what}: byte 0x{data[exc.start]:02x} is not UTF-8"
        return None, [Finding(path, line, col, "CNT001", message, "save it as UTF-8")]
    nul = text.find("\x00")
    if nul != -1:
        count = text.count("\x00")
        more = f" ({count} in the {what})" if count > 1 else ""
        message = f"NUL byte in the {what}{more}"
        fix = "delete it (it is invisible in most editors; it comes from a bad copy and paste)"
        return None, [Finding(path, *position(text, nul), "CNT002", message, fix)]
    return text, []


def check_nesting(text: str, path: str, checks: CheckConfig) -> list[Finding]:
    """Return CNT004 for the first place nested deeper than the limits (one per page).

    ``text`` is the page with its code blanked out (``prose.mask_code``).
    """
    limit = checks.max_nesting
    fix = f"flatten it: at most {limit} levels (or raise max_nesting)"
    offset = 0
    for line in text.split("\n"):
        if not line.strip():  # blank, or code blanked out by mask_code
            offset += len(line) + 1
            continue
        indent = _INDENT.match(line)
        width = len(indent.group().expandtabs(4)) if indent else 0
        if width // 4 > limit:
            message = f"indented {width // 4} levels deep (lists or code in lists)"
            return [Finding(path, *position(text, offset), "CNT004", message, fix)]
        quotes = _QUOTES.match(line)
        depth = quotes.group().count(">") if quotes else 0
        if depth > limit:
            message = f"block quotes nested {depth} deep"
            return [Finding(path, *position(text, offset), "CNT004", message, fix)]
        offset += len(line) + 1
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in {"[", "("}:
            depth += 1
            if depth > limit:
                message = f"brackets nested more than {limit} deep"
                return [Finding(path, *position(text, match.start()), "CNT004", message, fix)]
        elif token in {"]", ")"}:
            depth = max(depth - 1, 0)
        elif token[0] == "\n":  # a blank line ends the paragraph and every bracket in it
            depth = 0
    html = nesting_depth(text, checks.max_html_depth)
    if html.offset >= 0:
        message = f"raw HTML elements nested more than {checks.max_html_depth} deep"
        fix = "close the HTML elements you open (or raise max_html_depth)"
        return [Finding(path, *position(text, html.offset), "CNT004", message, fix)]
    return []


def check_urls(text: str, path: str) -> list[Finding]:
    """Return CNT007 for each URL that cannot be parsed (MkDocs raises on it)."""
    findings = []
    for match in _URL.finditer(text):
        try:
            urlsplit(match.group())
        except ValueError as exc:
            url = match.group() if len(match.group()) <= 60 else match.group()[:57] + "..."
            message = f"'{url}' is not a valid URL ({exc})"
            fix = "fix the address, e.g. close the [ ] around an IPv6 host"
            findings.append(Finding(path, *position(text, match.start()), "CNT007", message, fix))
    return findings


def check_files(docs_dir: Path, shown: str) -> list[Finding]:
    """Return CNT006 for every symlink under ``docs_dir`` that resolves outside it, and CNT008
    for every name that would break its web address.

    The walk does not follow links, so a linked folder is reported, not entered. ``shown``
    is how ``docs_dir`` is written in findings.
    """
    root = docs_dir.resolve()
    findings = []
    for folder, dirs, files in os.walk(docs_dir):
        for name in sorted([*dirs, *files]):
            entry = Path(folder, name)
            rel = entry.relative_to(docs_dir).as_posix()
            bad = _BAD_NAME.search(name)
            if bad:
                where = f"{shown}/{printable(rel)}"
                message = f"the name '{printable(name)}' holds {bad.group()!r}, which breaks "
                message += "its web address"
                fix = "rename it with letters, digits, spaces, '-' or '_'"
                findings.append(Finding(where, 1, 1, "CNT008", message, fix))
            if not entry.is_symlink():
                continue
            target = entry.resolve()
            if target == root or root in target.parents:
                continue
            message = f"'{rel}' is a link to '{entry.readlink()}', outside {shown}/"
            fix = f"copy the file into {shown}/ instead, or delete the link"
            findings.append(Finding(f"{shown}/{rel}", 1, 1, "CNT006", message, fix))
        dirs.sort()
    return findings


def printable(text: str) -> str:
    """Return ``text`` with control characters written as ``\\xNN`` (a finding is one line)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`PageTimeout` in the block after ``seconds`` (main thread, POSIX only).

    Elsewhere the block runs unbounded; ``make site`` has a limit on the whole build too.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise PageTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
