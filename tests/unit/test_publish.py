"""Publishing ``site/`` and ``dist/`` together: a kill at every step, then the next run.

Each test runs :func:`publish.publish` once to count its file-system steps, then again with
a "kill" (an exception no code catches) at step 1, 2, … N. After each kill both folders must
exist and be whole (old or new); after the next run's :func:`publish.finish` the pair must be
all old (killed before the journal was committed) or all new, with nothing left beside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from pocketguide import publish

if TYPE_CHECKING:
    from pathlib import Path

STEPS = ("_rename", "_exchange", "_unlink", "_remove_tree")


class Killed(BaseException):
    """Stands for SIGKILL: nothing in the code under test catches it."""


def make_folder(path: Path, version: str) -> None:
    path.mkdir()
    (path / "index.html").write_text(f"{path.name.strip('.').split('-')[0]} {version}", "utf-8")
    (path / "more").mkdir()
    (path / "more" / "file.txt").write_text(version, "utf-8")


def state(path: Path) -> str:
    """Return 'old' or 'new' for a whole folder, 'missing', or 'broken'."""
    if not path.exists():
        return "missing"
    files = sorted(p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file())
    versions = {p.read_text("utf-8").rsplit(" ", 1)[-1] for p in path.rglob("*") if p.is_file()}
    if files != ["index.html", "more/file.txt"] or len(versions) != 1:
        return "broken"
    return versions.pop()


def setup(root: Path) -> tuple[list[publish.Swap], Path]:
    root.mkdir()
    make_folder(root / "site", "old")
    make_folder(root / "dist", "old")
    make_folder(root / ".site-building", "new")
    make_folder(root / ".dist-building", "new")
    swaps = [
        publish.Swap(root / ".site-building", root / "site"),
        publish.Swap(root / ".dist-building", root / "dist"),
    ]
    return swaps, publish.journal_for(root / "site")


def count_steps(monkeypatch: pytest.MonkeyPatch, kill_at: int | None) -> list[str]:
    """Wrap each file-system step; raise :class:`Killed` at step ``kill_at`` (1-based)."""
    done: list[str] = []
    for name in STEPS:
        real = getattr(publish, name)

        def step(*args: object, _real: object = real, _name: str = name) -> object:
            done.append(_name)
            if len(done) == kill_at:
                raise Killed
            return _real(*args)  # type: ignore[operator]

        monkeypatch.setattr(publish, name, step)
    return done


@pytest.fixture(params=["exchange", "two-renames"])
def how(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of swapping: one exchange (Linux), or renaming the old folder aside first."""
    if request.param == "two-renames":
        monkeypatch.setattr(publish, "_renameat2", None)
    return str(request.param)


def test_publish_without_a_kill(tmp_path: Path, how: str) -> None:
    swaps, journal = setup(tmp_path / "out")

    publish.publish(swaps, journal)

    assert (state(tmp_path / "out" / "site"), state(tmp_path / "out" / "dist")) == ("new", "new")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["dist", "site"]


def test_a_kill_at_every_step_leaves_a_whole_pair_and_the_next_run_finishes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    with monkeypatch.context() as counting:
        steps = count_steps(counting, None)
        swaps, journal = setup(tmp_path / "count")
        publish.publish(swaps, journal)
    assert len(steps) >= 5
    seen = []
    for kill_at in range(1, len(steps) + 1):
        root = tmp_path / f"kill-{kill_at}"
        swaps, journal = setup(root)
        with monkeypatch.context() as killing:
            count_steps(killing, kill_at)
            with pytest.raises(Killed):
                publish.publish(swaps, journal)
        after_kill = (state(root / "site"), state(root / "dist"))
        committed = journal.exists()

        publish.finish(journal)  # what the next make site does first

        after_next = (state(root / "site"), state(root / "dist"))
        seen.append((steps[kill_at - 1], after_kill, after_next))
        assert "broken" not in after_kill
        if how == "exchange":
            assert "missing" not in after_kill
        done = committed or after_kill == ("new", "new")
        assert after_next == (("new", "new") if done else ("old", "old"))
        leftovers = sorted(p.name for p in root.iterdir() if p.name not in {"site", "dist"})
        # Not committed: make site deletes the scratch folders next, after finish().
        assert leftovers == ([] if done else [".dist-building", ".site-building"])
    print(*seen, sep="\n")  # which step each kill hit, and what it left (pytest -s)


def test_finish_without_a_journal_does_nothing(tmp_path: Path) -> None:
    _, journal = setup(tmp_path / "out")

    assert publish.finish(journal) is False
    assert (state(tmp_path / "out" / "site"), state(tmp_path / "out" / "dist")) == ("old", "old")
