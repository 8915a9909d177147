"""pocketguide/csp hashes only the inline code the build wrote, never a page's own.

With the edition off nothing else stood in the way: a ``<script>`` or ``<style>`` in the
Markdown was hashed into the policy and ran (``.md-content{display:none}`` hid a page), and a
``<script>`` inside ``<iframe srcdoc>`` or ``<textarea>`` added a hash too.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from pocketguide.plugins.csp import policy

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

META = re.compile(r'<meta http-equiv="?Content-Security-Policy"? content="([^"]+)">')
AUTHORED = """

<script>alert('raw-script-ran')</script>

<style>.md-content{display:none}</style>

<iframe title="x" srcdoc="<script>parent.alert('srcdoc-ran')</script>"></iframe>

<textarea><script>alert('in-textarea')</script></textarea>
"""


def test_code_written_in_a_page_is_removed_and_never_hashed(
    tmp_path: Path, build_site: Callable[..., tuple[Path, list[logging.LogRecord]]]
) -> None:
    def add_code(root: Path) -> None:
        page = root / "docs" / "other.md"
        page.write_text(page.read_text("utf-8") + AUTHORED, "utf-8")

    site, records = build_site(tmp_path, "csp", prepare=add_code)

    errors = [r.getMessage() for r in records if r.levelno == logging.ERROR]
    fix = "a page may not carry code; put it in a script or stylesheet file of the theme"
    assert errors == [
        f"pocketguide/csp: other.md: <script> written in the page was removed — {fix}",
        f"pocketguide/csp: other.md: <style> written in the page was removed — {fix}",
    ]
    html = (site / "other" / "index.html").read_text("utf-8")
    assert "raw-script-ran" not in html
    assert "display:none}" not in html
    match = META.search(html)
    assert match is not None
    for code in (
        "alert('raw-script-ran')",
        ".md-content{display:none}",
        "parent.alert('srcdoc-ran')",
        "alert('in-textarea')",
    ):
        assert policy.sha256_source(code) not in match[1], code
    scripts, styles = policy.inline_code(html)
    assert match[1] == policy.build_policy(scripts, styles)  # the theme's own code still runs
    assert scripts
