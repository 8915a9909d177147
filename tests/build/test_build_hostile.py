"""``make site`` on hostile or odd input: it succeeds completely, or it fails with findings at
a line, exit 1 and ``site/`` and ``dist/`` exactly as they were, never a crash or a hang.

Each test copies the guide itself (``docs/``, ``mkdocs.yml``,
``pyproject.toml``) into ``tmp_path``, applies one change and runs ``make site`` there
(:func:`pocketguide.build.main`). Times are printed (``pytest -s``), not asserted.
"""

# ruff: noqa: E501  (exact finding lines read best on one line)

from __future__ import annotations

import shutil
import sys
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pocketguide import build
from pocketguide.content.swdata import read_precache

if TYPE_CHECKING:
    from collections.abc import Callable

PROJECT = Path(__file__).resolve().parents[2]
TAIL = "make site: {root}/docs/ holds input that cannot be built safely (see above); {root}/site/ and {root}/dist/ were not changed."


@pytest.fixture
def guide(tmp_path: Path) -> Path:
    """A copy of the guide with an old ``site/`` and ``dist/`` to keep or replace."""
    root = tmp_path / "guide"
    root.mkdir()
    for name in ("docs",):
        shutil.copytree(PROJECT / name, root / name)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(PROJECT / name, root / name)
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("old version", encoding="utf-8")
    (root / "dist").mkdir()
    (root / "dist" / "pocketguide.html").write_text("old edition", encoding="utf-8")
    return root


def make_site(root: Path) -> int:
    started = time.perf_counter()
    status = build.main(
        [
            *("--config-file", str(root / "mkdocs.yml")),
            *("--docs-dir", str(root / "docs")),
            *("--site-dir", str(root / "site")),
            *("--dist-dir", str(root / "dist")),
        ]
    )
    print(f"took {time.perf_counter() - started:.1f} s", file=sys.stderr)  # not asserted
    return status


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``site/`` and ``dist/`` and every other entry beside them."""
    files = {
        p.relative_to(root).as_posix(): p.read_bytes()
        for d in ("site", "dist")
        for p in (root / d).rglob("*")
        if p.is_file()
    }
    files |= {p.name: b"" for p in root.iterdir() if p.name.startswith(".")}
    return files


def append(root: Path, page: str, text: str | bytes) -> None:
    path = root / "docs" / page
    data = text.encode("utf-8") if isinstance(text, str) else text
    path.write_bytes(path.read_bytes() + data)


def line_count(root: Path, page: str) -> int:
    return (root / "docs" / page).read_bytes().count(b"\n")


def line_of(root: Path, page: str, needle: str) -> int:
    lines = (root / "docs" / page).read_text("utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def laughs() -> str:
    lines = ['    - &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"    - &l{i} [{','.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "\n".join(lines)


CASES: dict[str, tuple[Callable[[Path], object], Callable[[Path], list[str]]]] = {
    # case: (change to the guide, the exact findings printed)
    "sources-alias-bomb": (
        lambda r: append(
            r,
            "sources.yml",
            f"- id: bomb-anchor\n  title: Bomb\n  publisher: X\n  note:\n{laughs()}\n  year: *l8\n  url: https://example.org/\n  accessed: 2026-01-01\n",
        ),
        lambda r: [
            f"{r}/docs/sources.yml:{line_of(r, 'sources.yml', '&l0')}:7: SR001 source registry is not valid YAML: anchor '&l0' is not allowed — write the value out in full (YAML anchors and aliases are not allowed here)"
        ],
    ),
    "registry-not-utf8": (
        lambda r: append(r, "sources.yml", b"- id: caf\xe9\n"),
        lambda r: [
            f"{r}/docs/sources.yml:{line_count(r, 'sources.yml')}:10: CNT001 cannot read the file: byte 0xe9 is not UTF-8 — save it as UTF-8"
        ],
    ),
    "front-matter-alias": (
        lambda r: (r / "docs" / "effects.md").write_text(
            (r / "docs" / "effects.md").read_text("utf-8").replace("title: ", "title: &t ", 1),
            "utf-8",
        ),
        lambda r: [
            f"{r}/docs/effects.md:2:8: FM001 front matter is not valid YAML: anchor '&t' is not allowed — write the value out in full (YAML anchors and aliases are not allowed here)"
        ],
    ),
    "nested-brackets-100kb": (
        lambda r: append(r, "effects.md", "\n" + "[" * 50_000 + "x" + "]" * 50_000 + "\n"),
        lambda r: [
            f"{r}/docs/effects.md:{line_count(r, 'effects.md')}:17: CNT004 brackets nested more than 16 deep — flatten it: at most 16 levels (or raise max_nesting)"
        ],
    ),
    "list-300-levels": (
        lambda r: append(
            r, "effects.md", "\n" + "".join("    " * i + "- item\n" for i in range(300))
        ),
        lambda r: [
            f"{r}/docs/effects.md:{line_count(r, 'effects.md') - 300 + 18}:1: CNT004 indented 17 levels deep (lists or code in lists) — flatten it: at most 16 levels (or raise max_nesting)"
        ],
    ),
    "page-18mb": (
        lambda r: append(
            r,
            "effects.md",
            "\n"
            + "".join("    " * (i % 3000) + "- item\n" for i in range(6000))[:18_000_000]
            + "x" * 18_000_000,
        ),
        lambda r: [
            f"{r}/docs/effects.md:1:1: CNT003 the page is {(r / 'docs' / 'effects.md').stat().st_size // 1024} KiB, more than max_page_kib (512) — split it into several pages (or raise max_page_kib)"
        ],
    ),
    "not-utf8": (
        lambda r: append(r, "effects.md", b"\nCaf\xe9 au lait \xff\xfe.\n"),
        lambda r: [
            f"{r}/docs/effects.md:{line_count(r, 'effects.md')}:4: CNT001 cannot read the page: byte 0xe9 is not UTF-8 — save it as UTF-8"
        ],
    ),
    "nul-byte": (
        lambda r: append(r, "effects.md", "\nA line with a NUL \x00 byte.\n"),
        lambda r: [
            f"{r}/docs/effects.md:{line_count(r, 'effects.md')}:19: CNT002 NUL byte in the page — delete it (it is invisible in most editors; it comes from a bad copy and paste)"
        ],
    ),
    "invalid-ipv6-link": (
        lambda r: append(r, "effects.md", "\nAsk your local [service](http://[::1) for help.\n"),
        lambda r: [
            f"{r}/docs/effects.md:{line_count(r, 'effects.md')}:26: CNT007 'http://[::1' is not a valid URL (Invalid IPv6 URL) — fix the address, e.g. close the [ ] around an IPv6 host"
        ],
    ),
    "file-name-with-question-mark": (
        lambda r: shutil.copy(r / "docs" / "effects.md", r / "docs" / "q?x.md"),
        lambda r: [
            f"{r}/docs/q?x.md:1:1: CNT008 the name 'q?x.md' holds '?', which breaks its web address — rename it with letters, digits, spaces, '-' or '_'",
            # A new English page, and the guide is in Spanish too.
            f"{r}/docs/q?x.md:1:1: I18N001 (warn) no Spanish translation: {r}/docs/q?x.es.md does not exist — translate this page into {r}/docs/q?x.es.md (until then its readers get the English page)",
        ],
    ),
    "symlink-out-of-overrides": (
        lambda r: (
            (r / "secret.txt").write_text("root:x:0:0\n"),
            (r / "overrides").mkdir(),
            (r / "overrides" / "leak.txt").symlink_to(r / "secret.txt"),
            _set_custom_dir(r, "overrides"),
        ),
        lambda r: [
            f"{r}/overrides/leak.txt:1:1: CNT006 'leak.txt' is a link to '{r}/secret.txt', outside {r}/overrides/ — copy the file into {r}/overrides/ instead, or delete the link"
        ],
    ),
    "symlink-out-of-docs": (
        lambda r: (
            (r / "secret.txt").write_text("root:x:0:0\n"),
            (r / "docs" / "assets" / "leak.txt").symlink_to(r / "secret.txt"),
        ),
        lambda r: [
            f"{r}/docs/assets/leak.txt:1:1: CNT006 'assets/leak.txt' is a link to '{r}/secret.txt', outside {r}/docs/ — copy the file into {r}/docs/ instead, or delete the link"
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input_fails_at_its_line_and_changes_nothing(
    guide: Path, case: str, capfd: pytest.CaptureFixture[str]
) -> None:
    change, expected = CASES[case]
    change(guide)
    before = tree(guide)

    status = make_site(guide)

    out, err = capfd.readouterr()
    lines = out.splitlines()
    assert status == 1
    assert [line for line in lines if line.startswith(str(guide))] == expected(guide)
    assert lines[-1] == TAIL.format(root=guide)
    assert "Traceback" not in out + err
    assert tree(guide) == before


def test_raw_script_style_and_srcdoc_are_errors_even_with_the_edition_off(
    guide: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    disable_edition(guide)
    n = line_count(guide, "effects.md")
    append(
        guide,
        "effects.md",
        '\n<script>alert(\'raw-script-ran\')</script>\n\n<iframe title="x" srcdoc="<script>parent.alert(1)</script>"></iframe>\n\n<style>.md-content{display:none}</style>\n\n<p onclick="x()" style="color:red">Hi <a href=" javascript:alert(1)">x</a> [y](javascript:alert(2))</p>\n',
    )
    before = tree(guide)

    assert make_site(guide) == 1

    out = capfd.readouterr().out
    page = f"{guide}/docs/effects.md"
    element = "write it in Markdown, or use an allowed element (README: For editors, Raw HTML); code belongs in the guide's own script files"
    assert [line for line in out.splitlines() if line.startswith(page)] == [
        f"{page}:{n + 2}:1: HTM001 raw <script> is not allowed in a page — {element}",
        f"{page}:{n + 4}:1: HTM001 raw <iframe> is not allowed in a page — {element}",
        f"{page}:{n + 6}:1: HTM001 raw <style> is not allowed in a page — {element}",
        f"{page}:{n + 8}:1: HTM002 <p onclick=…>: event handlers are not allowed in a page — remove it; behaviour belongs in the guide's scripts",
        f"{page}:{n + 8}:1: HTM002 <p style=…> is not allowed in a page — remove it; use a class from the guide's stylesheets for looks",
        f'{page}:{n + 8}:39: HTM003 <a href="javascript:…"> URL is not allowed in a page — link to a page of the guide or an https:// address',
        f"{page}:{n + 8}:80: HTM003 link to a javascript: URL — link to a page of the guide or a web address (https://…)",
    ]
    assert out.splitlines()[-1] == TAIL.format(root=guide)  # MkDocs never ran
    assert tree(guide) == before


def disable_edition(root: Path, option: str = "enabled: false", name: str = "") -> None:
    """Set one option of pocketguide/edition; point the guide's links at ``name`` (or home)."""
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace(
        "  - pocketguide/edition:\n", f"  - pocketguide/edition:\n      {option}\n"
    )
    if not name:  # a list of nothing left empty would be no list at all
        text = text.replace("precache_later:\n        - pocketguide.html\n", "precache_later: []\n")
    text = text.replace("        - pocketguide.html\n", f"        - {name}\n" if name else "")
    config.write_text(text, "utf-8")
    for page in ("about.md", "outreach.md", "about.es.md", "outreach.es.md"):
        path = root / "docs" / page
        path.write_text(
            path.read_text("utf-8").replace("(pocketguide.html)", f"({name or 'index.md'})"),
            "utf-8",
        )


@pytest.mark.parametrize(
    ("option", "name"),
    [
        # pocketguide/edition option     the edition the build writes
        ("enabled: false", ""),
        ("filename: guide-offline.html", "guide-offline.html"),
    ],
    ids=["disabled", "renamed"],
)
def test_documented_edition_options_build_and_fill_dist(
    guide: Path, option: str, name: str, capfd: pytest.CaptureFixture[str]
) -> None:
    disable_edition(guide, option, name)

    assert make_site(guide) == 0

    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    # One edition per language: the Spanish one in its folder.
    editions = [name, f"es/{name}"] if name else []
    assert sorted(p.name for p in (guide / "dist").iterdir()) == sorted(
        [*([name, "es"] if name else []), "pocketguide-site.zip"]
    )
    assert out.splitlines()[-1].startswith(f"make site: wrote {guide}/dist/pocketguide-site.zip (")
    assert not (guide / "site" / "pocketguide.html").exists()
    for edition in editions:
        assert (guide / "dist" / edition).read_bytes() == (guide / "site" / edition).read_bytes()
    assert sorted(p.name for p in guide.iterdir() if p.name.startswith(".")) == []


def test_page_names_with_spaces_and_non_ascii_letters_publish(
    guide: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    name = "my page ünï 名前"
    effects = (guide / "docs" / "effects.md").read_text("utf-8")
    (guide / "docs" / f"{name}.md").write_text(effects.replace("# ", "# Odd name: ", 1), "utf-8")
    config = guide / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  - Sources: sources.md\n", f'  - Sources: sources.md\n  - Odd: "{name}.md"\n'
        ),
        "utf-8",
    )

    assert make_site(guide) == 0, capfd.readouterr().out

    page = f"{name}/index.html"
    assert (guide / "site" / page).is_file()
    sw = (guide / "site" / "sw.js").read_text("utf-8")
    assert page in {entry["url"] for entry in read_precache(sw)}
    with zipfile.ZipFile(guide / "dist" / "pocketguide-site.zip") as archive:
        assert page in archive.namelist()


def _set_custom_dir(root: Path, folder: str) -> None:
    """Give the copied guide a ``custom_dir`` (it has none: the plugins bring the templates)."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  name: material\n", f"  name: material\n  custom_dir: {folder}\n", 1),
        encoding="utf-8",
    )
