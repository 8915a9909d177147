"""The wheel is the package: everything a site needs must be inside it.

The wheel is built from a copy of the project's packaging files, as a release would be, and
listed: every file under ``src/pocketguide`` that is not Python (templates, scripts,
stylesheets, schemas, the new-guide template) must be in it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PACKAGE = PROJECT / "src" / "pocketguide"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """Build the wheel from a clean copy of the project (no stale build/ folder)."""
    root = tmp_path_factory.mktemp("wheel")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(PROJECT / name, root / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(PROJECT / "src", root / "src", ignore=ignore)
    out = root / "out"
    command = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
    result = subprocess.run(
        [*command, "--wheel-dir", str(out), str(root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    (built,) = out.glob("pocketguide-*.whl")
    return zipfile.ZipFile(built)


def data_files() -> list[str]:
    """Every file under ``src/pocketguide`` that is not Python code, as a wheel names it."""
    names = []
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_dir() or "__pycache__" in path.parts or path.suffix in {".py", ".pyc"}:
            continue
        names.append(path.relative_to(PACKAGE.parent).as_posix())
    return names


def test_the_package_has_data_files() -> None:
    files = data_files()
    assert "pocketguide/plugins/pwa/templates/sw.js" in files
    assert "pocketguide/template/mkdocs.yml" in files


def test_every_data_file_is_in_the_wheel(wheel: zipfile.ZipFile) -> None:
    inside = set(wheel.namelist())
    missing = [name for name in data_files() if name not in inside]
    assert not missing, "not in the wheel (add them to [tool.setuptools.package-data]): " + str(
        missing
    )


def test_every_module_is_in_the_wheel(wheel: zipfile.ZipFile) -> None:
    inside = set(wheel.namelist())
    modules = [
        path.relative_to(PACKAGE.parent).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if "__pycache__" not in path.parts
    ]
    assert [name for name in modules if name not in inside] == []


def test_metadata_names_the_licence_and_the_command(wheel: zipfile.ZipFile) -> None:
    info = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    metadata = wheel.read(info).decode()
    assert "License-Expression: MIT" in metadata.splitlines()
    licence = next(n for n in wheel.namelist() if n.endswith(".dist-info/licenses/LICENSE"))
    assert wheel.read(licence).startswith(b"MIT License")
    points = next(n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt"))
    text = wheel.read(points).decode()
    assert "[console_scripts]\npocketguide = pocketguide.cli:main" in text
    assert "pocketguide/pwa = pocketguide.plugins.pwa.plugin:PwaPlugin" in text
