"""Property tests: random front matter, Markdown and HTML never crash the checks.

Every finding must also point inside the file it names (line 0 means "the whole file").
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pocketguide.sitelayout import SiteLayout, resolve
from pocketguide.validators.config import CheckConfig
from pocketguide.validators.content import check_page
from pocketguide.validators.html import parse_page
from pocketguide.validators.lexicon import check_forbidden, check_wording
from pocketguide.validators.prose import mask_code, mask_markup, mask_quotes
from pocketguide.validators.readability import score
from pocketguide.validators.sourcemap import SourceLocator, link_needles

MARKDOWN_ALPHABET = list("#-*_`[]()!<>@;:\"“”'{}|=~ \n\t\r\\abcdekhlmnoprstuXYZ0123456789.,/")
markdown_text = st.one_of(
    st.text(alphabet=st.sampled_from(MARKDOWN_ALPHABET), max_size=300),
    st.text(max_size=200),
    st.lists(
        st.sampled_from(
            [
                "# Title",
                "## Part",
                "#### Deep",
                "```",
                "~~~",
                "    code",
                "- item addict",
                "> quote junkie",
                "[a](b.md#c)",
                "![](x.png)",
                "<img src=x>",
                "Take 50 mg.",
                "[@id]",
                "[@bad id;",
                "Text ===",
                "===",
                "---",
                "<!--",
                "-->",
                '"quoted addict"',
                "",
            ]
        ),
        max_size=30,
    ).map("\n".join),
)
front_matter_values = st.one_of(
    st.text(max_size=30),
    st.dates(),
    st.integers(),
    st.booleans(),
    st.none(),
    st.lists(st.integers()),
)
front_matter = st.dictionaries(
    st.sampled_from(["title", "description", "last_reviewed", "next_review", "changes_fast", "x"]),
    front_matter_values,
    max_size=6,
)


@settings(max_examples=150, deadline=None)
@given(text=markdown_text)
def test_masks_keep_shape_and_rules_never_crash(text: str) -> None:
    for masked in (mask_code(text), mask_markup(text), mask_quotes(text)):
        assert [len(x) for x in masked.split("\n")] == [len(x) for x in text.split("\n")]
    lines = text.split("\n")
    for finding in check_wording(mask_quotes(text), "p.md") + check_forbidden(
        mask_markup(text), "p.md"
    ):
        assert 1 <= finding.line <= len(lines)
    assert score(text).words >= 0


@settings(max_examples=120, deadline=None)
@given(meta=front_matter, body=markdown_text, broken=st.booleans())
def test_check_page_never_crashes(meta: dict[str, object], body: str, broken: bool) -> None:
    head = yaml.safe_dump(meta, allow_unicode=True) if meta else ""
    if broken:
        head = head.replace(":", "", 1) + "  : [\n"
    text = f"---\n{head}---\n{body}"
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.md"
        page.write_text(text, encoding="utf-8")
        findings = check_page(
            page, "page.md", {}, set(), checks=CheckConfig(), today=date(2026, 11, 22)
        )
    line_count = len(text.split("\n"))
    assert all(0 <= f.line <= line_count for f in findings)


@settings(max_examples=150, deadline=None)
@given(html=st.text(alphabet=st.sampled_from(list("<>/=\"' ahrefsctimgd#:.1")), max_size=300))
def test_html_and_url_readers_never_crash(html: str) -> None:
    layout = SiteLayout(Path("site"), Path("docs"), "https://example.org/guide/", "/guide/")
    page = parse_page(html)
    locator = SourceLocator(html)
    for ref in page.refs:
        resolve(ref.url, "a/index.html", layout)
        line, col = locator.locate(link_needles(ref.url, ref.text))
        assert line >= 0
        assert col >= 0
