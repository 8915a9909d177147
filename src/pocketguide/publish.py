"""Put freshly built folders in place of the published ones, all together and last.

``make site`` builds ``site/`` and ``dist/`` into scratch folders beside them, checks them,
and only then calls :func:`publish`. A kill at any moment must leave a complete pair, old or
new, and the next run must never delete a complete build. So:

1. A journal is written atomically (temporary file, fsync, rename): which scratch folder
   goes where, and the inode of each. From here on the new pair is committed.
2. Each scratch folder takes its target's place. On Linux both names are swapped in one
   system call (``renameat2(RENAME_EXCHANGE)``), so the target never goes missing; elsewhere
   the old folder is renamed aside first.
3. The old folders are removed, then the journal.

Every ``make site`` first calls :func:`finish`, which completes a swap that a kill
interrupted (a target whose inode is not yet the recorded one is swapped now), before it
deletes any scratch folder. The one window left is between two swaps (microseconds): the new
``site/`` beside the old ``dist/``, until the next run finishes the swap.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _load_renameat2() -> object | None:
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library without it
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


_renameat2 = _load_renameat2()


@dataclass(frozen=True)
class Swap:
    """A complete, checked folder (``new``) and the published folder it replaces."""

    new: Path
    target: Path


def scratch_for(target: Path) -> Path:
    """Return the scratch folder a new ``target`` is built in (``site/`` → ``.site-building``)."""
    return target.with_name(f".{target.name}-building")


def journal_for(target: Path) -> Path:
    """Return the journal of a publication whose first target is ``target``."""
    return target.with_name(f".{target.name}-publish.json")


def _aside(new: Path) -> Path:
    return new.with_name(f"{new.name}-old")


def publish(swaps: list[Swap], journal: Path) -> None:
    """Replace each ``target`` with its ``new`` folder; see the module's docstring."""
    record = [
        {"new": str(s.new), "target": str(s.target), "inode": s.new.stat().st_ino} for s in swaps
    ]
    temporary = _temporary(journal)
    with temporary.open("w", encoding="utf-8") as out:
        json.dump(record, out)
        out.flush()
        os.fsync(out.fileno())
    _rename(temporary, journal)
    finish(journal)


def finish(journal: Path) -> bool:
    """Complete the publication ``journal`` records, if any; return whether there was one."""
    _unlink(_temporary(journal))  # a journal a kill cut short: nothing was committed
    try:
        record = json.loads(journal.read_text(encoding="utf-8"))
        swaps = [(Path(i["new"]), Path(i["target"]), int(i["inode"])) for i in record]
    except FileNotFoundError:
        return False
    except (OSError, ValueError, KeyError, TypeError):
        # Only an unreadable disk gets here (the journal is written whole or not at all).
        _unlink(journal)
        return False
    for new, target, inode in swaps:
        if _inode(target) != inode:
            _swap(new, target)
    for new, _, _ in swaps:  # before the journal goes, so a kill here is finished next time
        _remove_tree(new)  # the old published folder, after an exchange
        _remove_tree(_aside(new))  # or there, after two renames
    _unlink(journal)
    return True


def _temporary(journal: Path) -> Path:
    return journal.with_name(journal.name + ".tmp")


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except FileNotFoundError:
        return None


def _swap(new: Path, target: Path) -> None:
    if not target.exists():
        _rename(new, target)
        return
    if _exchange(new, target):
        return
    aside = _aside(new)
    _remove_tree(aside)
    _rename(target, aside)
    _rename(new, target)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two names in one step; False where the system cannot."""
    if _renameat2 is None:
        return False
    status = _renameat2(  # type: ignore[operator]
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if status == 0:
        return True
    code = ctypes.get_errno()
    if code in {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EPERM}:
        return False  # a file system or kernel without RENAME_EXCHANGE
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def _rename(source: Path, destination: Path) -> None:
    source.rename(destination)


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
