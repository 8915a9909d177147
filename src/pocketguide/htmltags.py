"""Start tags read with a tokenizer-shaped pattern, shared by pocketguide/minify and
pocketguide/csp (core layer: neither imports the other).

A DOM parser hands back text that may differ from the page's bytes; these helpers find tags
in place, so everything else keeps its exact bytes (a policy hash must match them).
"""

from __future__ import annotations

import re

ATTRS = r"""(?P<attrs>(?:[^>"']|"[^"]*"|'[^']*')*)"""
"""The attributes of one start tag, as a regex group; quoted values may contain ``>``."""
JS_TYPES = frozenset({"", "text/javascript", "application/javascript", "module", "text/ecmascript"})
"""Script types the browser runs; anything else (``application/json``…) is data, not code."""
_ATTR = re.compile(r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_POLICY_META = re.compile(
    r"""<meta\s[^>]*http-equiv\s*=\s*["']?content-security-policy""", re.IGNORECASE
)


def attributes(text: str) -> dict[str, str]:
    """Return the attributes of a start tag's text: lower-case names, unquoted values.

    >>> attributes('src="a.js" DEFER type=module')
    {'src': 'a.js', 'defer': '', 'type': 'module'}
    """
    attrs: dict[str, str] = {}
    for match in _ATTR.finditer(text):
        value = match["value"] or ""
        if value[:1] in {'"', "'"}:
            value = value[1:-1]
        attrs.setdefault(match["name"].lower(), value)
    return attrs


def has_policy(html: str) -> bool:
    """Tell whether a page declares its own Content-Security-Policy (it is then left as it
    is: its hashes cover its inline code byte for byte)."""
    return _POLICY_META.search(html) is not None
