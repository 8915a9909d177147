"""The package is a builder for any guide: nothing in src/ names this guide's drug."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
GUIDE_WORDS = re.compile(rb"ketamine", re.IGNORECASE)


def source_files() -> list[Path]:
    """Every file of the package's source, build leftovers (egg-info, caches) aside."""
    return sorted(
        path
        for path in SRC.rglob("*")
        if path.is_file()
        and not any(part.endswith(".egg-info") or part == "__pycache__" for part in path.parts)
    )


def test_the_source_files_are_found() -> None:
    names = {path.name for path in source_files()}
    assert {"build.py", "sw.js", "mkdocs.yml"} <= names


def test_nothing_in_src_names_the_guides_drug() -> None:
    hits = [
        f"{path.relative_to(SRC.parent)}:{number}: {line.strip().decode(errors='replace')}"
        for path in source_files()
        for number, line in enumerate(path.read_bytes().splitlines(), 1)
        if GUIDE_WORDS.search(line)
    ]
    assert hits == []
