"""``pocketguide new``: the files it writes, and the folders it refuses."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import yaml
from PIL import Image

from pocketguide import __version__, cli, scaffold

if TYPE_CHECKING:
    from pathlib import Path

EXPECTED = [
    ".gitignore",
    "Makefile",
    "README.md",
    "docs/assets/icon.png",
    "docs/emergency.md",
    "docs/index.md",
    "docs/sources.md",
    "docs/sources.yml",
    "docs/topic.md",
    "mkdocs.yml",
    "pyproject.toml",
    "requirements.txt",
]


def written(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_new_writes_a_whole_guide(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "night-bus"
    assert cli.main(["new", str(root)]) == 0
    assert written(root) == EXPECTED
    out = capsys.readouterr().out
    assert out.startswith(f"pocketguide new: wrote 12 files in {root}/\nNext: cd {root} && ")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_name: "Night bus"\n' in config
    assert "custom_dir" not in config  # everything the theme needs ships in the package
    assert (
        (root / "requirements.txt")
        .read_text(encoding="utf-8")
        .endswith(f"\npocketguide=={__version__}\n")
    )
    for path in root.rglob("*"):
        if path.is_file() and path.suffix != ".png":
            assert "{{" not in path.read_text(encoding="utf-8"), path
    assert "\n\t$(BIN)/pocketguide build\n" in (root / "Makefile").read_text(encoding="utf-8")


def test_every_plugin_in_mkdocs_yml_has_a_comment(tmp_path: Path) -> None:
    scaffold.create(tmp_path / "g")
    lines = (tmp_path / "g" / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("plugins:")
    end = lines.index("nav:")
    plugins = [i for i in range(start, end) if lines[i].startswith("  - ")]
    names = [lines[i].strip("- :") for i in plugins]
    assert names == [
        "search",
        "pocketguide/search",
        "pocketguide/content",
        "pocketguide/share",
        "pocketguide/edition",
        "pocketguide/theme",
        "pocketguide/minify",
        "pocketguide/csp",
        "pocketguide/pwa",
    ]
    for i in plugins:
        assert lines[i - 1].startswith("  # "), lines[i]


def test_the_sample_pages_say_they_are_samples(tmp_path: Path) -> None:
    scaffold.create(tmp_path / "g")
    for name in ("index.md", "emergency.md", "topic.md"):
        text = (tmp_path / "g" / "docs" / name).read_text(encoding="utf-8")
        assert text.startswith("---\ntitle: ")
        assert '!!! note "This is a sample page"' in text
        assert "[@sample-" in text


def test_the_icon_is_a_square_png_of_512_px(tmp_path: Path) -> None:
    scaffold.create(tmp_path / "g")
    with Image.open(tmp_path / "g" / "docs" / "assets" / "icon.png") as icon:
        assert (icon.format, icon.size) == ("PNG", (512, 512))
        assert icon.getpixel((0, 0)) == (0x4A, 0x14, 0x8C)
        assert icon.getpixel((256, 256)) == (255, 255, 255)


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "g").mkdir()
    scaffold.create(tmp_path / "g", site_name="Guía: noche & día")
    assert written(tmp_path / "g") == EXPECTED
    config = yaml.load((tmp_path / "g" / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)
    assert config["site_name"] == "Guía: noche & día"


def test_a_folder_with_files_is_refused_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "g"
    root.mkdir()
    (root / "notes.txt").write_text("mine", encoding="utf-8")
    assert cli.main(["new", str(root)]) == 2
    assert written(root) == ["notes.txt"]
    assert (root / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert capsys.readouterr().err == (
        f"pocketguide new: {root}/ already exists and is not empty; nothing was written — "
        "choose a new folder name, or move its files away first\n"
    )


def test_a_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "g").write_text("", encoding="utf-8")
    assert cli.main(["new", str(tmp_path / "g")]) == 2
    assert "is a file — give the name of a new folder" in capsys.readouterr().err


@pytest.mark.parametrize("name", ['My "guide"', "C:\\guide", "Two\nlines", "Tab\there"])
def test_a_name_that_would_break_mkdocs_yml_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(scaffold.ScaffoldError, match="holds a quote, backslash or control"):
        scaffold.create(tmp_path / "g", site_name=name)
    assert not (tmp_path / "g").exists()


def test_check_without_a_built_site_says_what_to_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", str(tmp_path / "site")]) == 1
    assert capsys.readouterr().out.endswith("has no index.html — run `make site` first\n")
