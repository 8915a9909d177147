"""Build the content fixture site with the real MkDocs and check what readers get."""

# ruff: noqa: E501  (the tables hold exact finding lines; one line each reads best)

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

FIXTURE = Path(__file__).parents[1] / "fixtures" / "sites" / "content"

BAD_PAGE = """\
---
title: Bad
description: Cites what does not exist.
last_reviewed: 2026-11-20
next_review: 2027-11-20
---

# Bad

Fine [@who-ketamine], unknown [@nope] and [@who-ketamine; @gone].
Malformed [@Bad Id].
"""


def build_fixture(
    root: Path, edits: dict[str, str | None] | None = None, **options: object
) -> Path:
    """Copy the fixture into ``root``, apply file edits (None deletes), build; return site/."""
    shutil.copytree(FIXTURE, root)
    for rel, text in (edits or {}).items():
        if text is None:
            (root / rel).unlink()
        else:
            (root / rel).write_text(text, encoding="utf-8")
    config = load_config(config_file=str(root / "mkdocs.yml"), **options)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return root / "site"


def build_errors(
    root: Path, caplog: pytest.LogCaptureFixture, edits: dict[str, str | None]
) -> list[str]:
    """Build, expect MkDocs to abort, and return the error lines it logged."""
    with (
        caplog.at_level(logging.WARNING),
        pytest.raises(Abort, match=r"^Aborted with a BuildError!$"),
    ):
        build_fixture(root, edits)
    assert "Traceback" not in caplog.text
    return [
        line
        for r in caplog.records
        if r.levelno >= logging.ERROR
        for line in r.getMessage().split("\n")
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("content") / "site-root")


def sup(*numbers: int) -> str:
    links = ", ".join(f'<a href="#pg-source-{n}">{n}</a>' for n in numbers)
    return f'<sup class="pg-cite">[{links}]</sup>'


def test_citations_become_numbered_links(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert f"Ketamine can hurt the bladder {sup(1)}." in html
    assert f"Both say so {sup(2, 1)}." in html
    assert "<code>[@not-a-citation]</code>" in html
    assert "[@also-not-a-citation]" in html


def test_page_lists_its_sources_in_number_order(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    expected = (
        '<h2 id="sources" data-search-exclude>Sources</h2>\n<ol class="pg-sources" data-search-exclude>\n'
        '<li id="pg-source-1"><a href="https://example.org/bladder">Ketamine and the bladder</a>.'
        ' A. Smith, B. Jones, 2020. Accessed <time datetime="2026-11-01">1 November 2026</time>.</li>\n'
        '<li id="pg-source-2"><a href="https://www.who.int/ketamine?a=1&amp;b=2">'
        "Ketamine &lt;fact sheet&gt;</a>. World Health Organization, 2023."
        ' Accessed <time datetime="2026-11-20">20 November 2026</time>.</li>\n</ol>'
    )
    assert expected in html
    assert "unused-source" not in html


def test_review_line_sits_under_the_title(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert (
        '<h1 id="home">Home</h1>\n<p class="pg-reviewed">Facts checked against published sources'
        ' on <time datetime="2026-11-20">20 November 2026</time>. Awaiting clinical review.'
        ' Next review by <time datetime="2027-11">November 2027</time>.</p>'
    ) in html


SIGNED_OFF = """\
---
title: Home
description: A fixture page with a recorded sign-off (test data, not a real person).
last_reviewed: 2026-11-20
next_review: 2027-11-20
reviewed_by:
  - name: Test Reviewer
    role: Test role
    date: 2026-11-21
---

# Home

Ketamine can hurt the bladder [@smith-bladder].
"""


def test_recorded_sign_off_is_named_under_the_title(tmp_path: Path) -> None:
    site = build_fixture(tmp_path / "s", {"docs/index.md": SIGNED_OFF})
    html = (site / "index.html").read_text(encoding="utf-8")
    assert (
        '<h1 id="home">Home</h1>\n<p class="pg-reviewed">Facts checked against published sources'
        ' on <time datetime="2026-11-20">20 November 2026</time>. Clinically reviewed by'
        ' Test Reviewer, Test role, on <time datetime="2026-11-21">21 November 2026</time>.'
        ' Next review by <time datetime="2027-11">November 2027</time>.</p>'
    ) in html
    assert "Awaiting clinical review" not in html


RELEASE = (
    "  - pocketguide/content:\n      require_clinical_review: !ENV [POCKETGUIDE_RELEASE, false]\n"
)


@pytest.mark.parametrize("release", ["true", None], ids=["release", "normal"])
def test_release_build_requires_a_sign_off_on_every_page(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    release: str | None,
) -> None:
    if release is None:
        monkeypatch.delenv("POCKETGUIDE_RELEASE", raising=False)
    else:
        monkeypatch.setenv("POCKETGUIDE_RELEASE", release)
    config = (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8")
    edits = {"mkdocs.yml": config.replace("  - pocketguide/content:\n", RELEASE)}
    if release is None:
        site = build_fixture(tmp_path / "s", {**edits, "docs/index.md": SIGNED_OFF})
        assert "Awaiting clinical review." in (site / "sources" / "index.html").read_text()
        return
    errors = build_errors(tmp_path / "s", caplog, {**edits, "docs/index.md": SIGNED_OFF})
    assert errors == [
        "docs/sources.md:4:1: FM012 page has no 'reviewed_by', and this build requires clinical"
        " sign-off — add reviewed_by: [{name: ..., role: ..., date: YYYY-MM-DD}] once a named"
        " clinician has reviewed the page; never make one up",
    ]


BOXES = """\
---
title: Boxes
description: Citations in warning boxes.
last_reviewed: 2026-11-20
next_review: 2027-11-20
---

# Boxes

Outside a box, any source will do [@unused-source].

!!! danger "Do not mix"
    A danger box needs a primary source [@unused-source].

??? warning
    So does a warning [@unused-source; @smith-bladder].

<!-- demo-block -->
"""


def test_citations_in_warning_boxes_need_a_primary_source(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A hook stands in for the data blocks another plugin renders into the Markdown before
    # this plugin reads it: the rule applies to what is rendered, not only what is written.
    hook = (
        "from mkdocs.plugins import event_priority\n\n"
        "@event_priority(100)\n"
        "def on_page_markdown(markdown, **kwargs):\n"
        "    return markdown.replace('<!-- demo-block -->',"
        " '!!! danger\\n    Rendered from data [@unused-source].')\n"
    )
    config = (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8") + "hooks:\n  - hook.py\n"
    card = "---\ntitle: Card\ndescription: x\nlast_reviewed: 2026-11-20\nnext_review: 2027-11-20\n---\n# Card\n\nCall [@unused-source].\n"
    edits = {"docs/boxes.md": BOXES, "docs/card.md": card, "mkdocs.yml": config, "hook.py": hook}
    assert build_errors(tmp_path / "s", caplog, edits) == [
        "docs/boxes.md:13:41: CI012 citation in a 'danger' box has no primary source:"
        " unused-source (other) — add a source of a primary kind (government, regulator, label,"
        " peer-reviewed, service) to this citation",
        "docs/boxes.md:18:1: CI012 citation in a 'danger' box has no primary source:"
        " unused-source (other) (in the block rendered here) — add a source of a primary kind (government, regulator, label,"
        " peer-reviewed, service) to this citation",
        "docs/card.md:9:6: CI012 citation on a page that must cite primary sources has no primary"
        " source: unused-source (other) — add a source of a primary kind (government, regulator,"
        " label, peer-reviewed, service) to this citation",
    ]


def test_page_meta_keeps_iso_strings(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<meta name="pg-test-meta" content="True 2026-11-20 True 2027-11-20">' in html


def test_sources_page_lists_the_whole_registry_by_title(site: Path) -> None:
    html = (site / "sources" / "index.html").read_text(encoding="utf-8")
    ids = [part.split('"')[0] for part in html.split('<li id="source-')[1:]]
    assert ids == ["unused-source", "who-ketamine", "smith-bladder"]
    assert "<!-- pocketguide:sources -->" not in html
    assert '<h1 id="sources">Sources</h1>\n<p class="pg-reviewed">' in html


def test_every_page_error_is_reported_in_one_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken_yaml = "---\ntitle: Broken: yes\n---\n# Broken\n"
    errors = build_errors(
        tmp_path / "s", caplog, {"docs/bad.md": BAD_PAGE, "docs/broken.md": broken_yaml}
    )
    assert errors == [
        "docs/bad.md:10:32: CI001 unknown source 'nope' — add it to docs/sources.yml or fix the id",
        "docs/bad.md:10:59: CI001 unknown source 'gone' — add it to docs/sources.yml or fix the id",
        "docs/bad.md:11:11: CI002 malformed citation '[@Bad Id]'"
        " — write [@id] or [@id1; @id2]; ids use lowercase letters, digits and hyphens",
        "docs/broken.md:2:14: FM001 front matter is not valid YAML: mapping values are not allowed here"
        " — fix the YAML here; put text that contains ': ' or ' #' in quotes",
    ]


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        # file edits, exact error lines
        ({"docs/index.md": "# No front matter\n"}, [
            "docs/index.md:1:1: FM002 page has no front matter — start the file with a --- block"
            " holding title, description, last_reviewed and next_review",
        ]),
        ({"docs/index.md": "---\ntitle: Home\ndescription: x\nlast_reviewed: 2026-11-20\n---\n# Home\n"}, [
            "docs/index.md:1:1: FM002 missing required key 'next_review' — add 'next_review: 2027-11-20'",
        ]),
        ({"docs/sources.yml": "- id: a\n  title: [oops\n"}, [
            "docs/sources.yml:3:1: SR001 source registry is not valid YAML: expected ',' or ']',"
            " but got '<stream end>' — fix the YAML here; put text that contains ': ' or ' #' in quotes",
        ]),
        ({"docs/sources.yml": "- id: a\n  title: T\n  kind: other\n  publisher: P\n  year: 2020\n  url: x\n  accessed: 2026-01-01\n"}, [
            "docs/sources.yml:6:3: SR004 'url' must be a full web address, not 'x' — write it as https://example.org/page",
        ]),
    ],
    ids=["no-front-matter", "missing-key", "registry-yaml", "registry-url"],
)  # fmt: skip
def test_fatal_errors(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    edits: dict[str, str | None],
    expected: list[str],
) -> None:
    assert build_errors(tmp_path / "s", caplog, edits) == expected


def test_missing_registry_is_a_config_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shutil.copytree(FIXTURE, tmp_path / "s")
    registry = tmp_path / "s" / "docs" / "sources.yml"
    registry.unlink()
    with pytest.raises(Abort, match=r"^Aborted with a configuration error!$"):
        load_config(config_file=str(tmp_path / "s" / "mkdocs.yml"))
    assert [r.getMessage() for r in caplog.records] == [
        "Config value 'plugins': Plugin 'pocketguide/content' option 'sources': the source"
        f" registry '{registry}' does not exist, and require_sources is on — create it (a YAML"
        " list of sources), point 'sources' at it, or set require_sources: false",
    ]


def test_missing_marker_warns_and_fails_strict(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = (
        (FIXTURE / "docs" / "sources.md")
        .read_text(encoding="utf-8")
        .replace("<!-- pocketguide:sources -->", "")
    )
    with (
        caplog.at_level(logging.WARNING),
        pytest.raises(Abort, match="Aborted with 1 warnings in strict mode!"),
    ):
        build_fixture(tmp_path / "s", {"docs/sources.md": page})
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "pocketguide: docs/sources.md: the marker <!-- pocketguide:sources --> is missing"
        " — add it where the list of all sources belongs",
    ]


def test_missing_sources_page_warns_and_fails_strict(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = (
        (FIXTURE / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("  - Sources: sources.md\n", "")
    )
    with (
        caplog.at_level(logging.WARNING),
        pytest.raises(Abort, match="Aborted with 1 warnings in strict mode!"),
    ):
        build_fixture(tmp_path / "s", {"docs/sources.md": None, "mkdocs.yml": config})
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "pocketguide: sources_page 'sources.md' is not in docs — create it with the marker"
        " <!-- pocketguide:sources -->, or point the 'sources_page' option at the page that has it",
    ]


def test_disabled_plugin_leaves_citations_alone(tmp_path: Path) -> None:
    config = (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "  - pocketguide/content:\n", "  - pocketguide/content:\n      enabled: false\n"
    )
    site = build_fixture(tmp_path / "s", {"mkdocs.yml": config, "docs/bad.md": BAD_PAGE})
    html = (site / "bad" / "index.html").read_text(encoding="utf-8")
    assert "unknown [@nope]" in html
    assert "pg-source" not in html


@pytest.mark.parametrize("level", ["warn", "ignore"])
def test_primary_citations_can_be_a_warning_or_skipped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, level: str
) -> None:
    config = (FIXTURE / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "  - pocketguide/content:\n",
        f"  - pocketguide/content:\n      primary_citations: {level}\n",
    ).replace("strict: true\n", "")
    with caplog.at_level(logging.WARNING):
        site = build_fixture(tmp_path / "s", {"mkdocs.yml": config, "docs/boxes.md": BOXES})
    assert (site / "boxes" / "index.html").is_file()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    expected = [
        "pocketguide: docs/boxes.md:13:41: CI012 citation in a 'danger' box has no primary"
        " source: unused-source (other) — add a source of a primary kind (government, regulator,"
        " label, peer-reviewed, service) to this citation",
    ]
    assert [w for w in warnings if "CI012" in w] == (expected if level == "warn" else [])
