"""``make site`` killed with SIGKILL at moments spread over a real build of the guide.

Each kill must leave ``site/`` and ``dist/`` whole: both old, both new, or (only inside the
microseconds between the two swaps, with the journal present) the new site beside the old
``dist/``. The next run, even a failing one, must then leave both old or both new, never
delete a complete build, and leave nothing beside them. "Old" and "new" are the bytes of a
complete build before and after one page was edited (builds are byte-identical when nothing
changed). The failure injection at each step is in tests/unit/test_publish.py and
test_build_driver.py; this test checks the same promise against real kills.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pocketguide.build import QUIET_MKDOCS

PROJECT = Path(__file__).resolve().parents[2]
COMMAND = [sys.executable, "-m", "pocketguide.build"]


def digest(folder: Path) -> str:
    """One hash of every file's path and bytes ('missing' when the folder is not there)."""
    if not folder.is_dir():
        return "missing"
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        sha.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return sha.hexdigest()


def copy_guide(root: Path) -> Path:
    root.mkdir(parents=True)
    for name in ("docs",):
        shutil.copytree(PROJECT / name, root / name)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy(PROJECT / name, root / name)
    return root


def run(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **QUIET_MKDOCS}
    return subprocess.run(COMMAND, cwd=root, env=env, capture_output=True, text=True, check=False)


def edit(root: Path) -> None:
    page = root / "docs" / "effects.md"
    page.write_text(page.read_text("utf-8") + "\nOne more sentence to read.\n", "utf-8")


def state(root: Path, old: tuple[str, str], new: tuple[str, str]) -> tuple[str, str]:
    names = {old[0]: "old", new[0]: "new"}, {old[1]: "old", new[1]: "new"}
    site, dist = digest(root / "site"), digest(root / "dist")
    return names[0].get(site, f"other {site[:8]}"), names[1].get(dist, f"other {dist[:8]}")


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")
def test_a_real_kill_at_any_moment_leaves_a_whole_pair(tmp_path: Path) -> None:
    published = copy_guide(tmp_path / "published")
    started = time.monotonic()
    assert run(published).returncode == 0
    seconds = time.monotonic() - started
    old = digest(published / "site"), digest(published / "dist")
    reference = tmp_path / "reference"
    shutil.copytree(published, reference)
    edit(reference)
    assert run(reference).returncode == 0
    new = digest(reference / "site"), digest(reference / "dist")
    assert old[0] != new[0] and old[1] != new[1]

    seen = []
    for fraction in (0.1, 0.5, 0.8, 0.9, 0.97, 1.1):
        root = tmp_path / f"kill-{fraction}"
        shutil.copytree(published, root)  # the old build, as published
        edit(root)

        env = {**os.environ, **QUIET_MKDOCS}
        process = subprocess.Popen(
            COMMAND, cwd=root, env=env, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        time.sleep(seconds * fraction)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        after_kill = state(root, old, new)
        journal = (root / ".site-publish.json").exists()
        assert after_kill in {("old", "old"), ("new", "new")} or (
            journal and after_kill == ("new", "old")
        ), after_kill

        bad = root / "docs" / "broken.md"
        bad.write_bytes(b"---\ntitle: Broken\n---\nA NUL \x00 here.\n")
        failing = run(root)  # the next run fails, and must not delete a complete build
        bad.unlink()
        after_next = state(root, old, new)
        seen.append((fraction, after_kill, journal, after_next))
        assert failing.returncode == 1
        assert after_next in {("old", "old"), ("new", "new")}, after_next
        assert sorted(p.name for p in root.iterdir() if p.name.startswith(".")) == []
    print(f"full build {seconds:.1f} s", *seen, sep="\n")  # where each kill landed (pytest -s)
