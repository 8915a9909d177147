"""``pocketguide new``: a new guide from the template shipped in the package.

The template (``pocketguide/template/``) is a whole small guide: ``mkdocs.yml`` with every
plugin explained, three sample pages with front matter and citations, a source registry with
the two sources they cite, the checks' settings (``pyproject.toml``), a Makefile with
``make site`` and ``make test``, and a README. The icon to replace is drawn here, so the
package ships no binary file.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from PIL import Image, ImageDraw

from pocketguide import __version__

TEMPLATE = Path(__file__).parent / "template"
"""The template folder inside the installed package."""

RENAMED = {"gitignore": ".gitignore"}
"""Template files stored under another name (a wheel's package data skips dotfiles)."""

NAME_MARK = "{{ guide_name }}"
"""Where a template file takes the guide's name."""

VERSION_MARK = "{{ pocketguide_version }}"
"""Where a template file takes this package's version (``requirements.txt`` pins it)."""

ICON = Path("docs/assets/icon.png")
ICON_SIZE = 512
ICON_COLOUR = "#4a148c"


class ScaffoldError(Exception):
    """The new guide cannot be written where asked; the message says why and what to do."""


def guide_name(folder: Path) -> str:
    """A readable name from a folder's name.

    >>> guide_name(Path("my-guide"))
    'My guide'
    >>> guide_name(Path("/tmp/night_bus_guide"))
    'Night bus guide'
    """
    words = re.sub(r"[-_.\s]+", " ", folder.resolve().name).strip()
    return words[:1].upper() + words[1:] if words else "My guide"


def template_files() -> list[Path]:
    """Every template file, relative to the template folder, in a stable order."""
    return sorted(
        path.relative_to(TEMPLATE)
        for path in TEMPLATE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


def create(folder: Path, *, site_name: str | None = None) -> list[Path]:
    """Write a new guide into ``folder`` (new or empty); return the files written.

    Raises :class:`ScaffoldError`, before writing anything, when ``folder`` is a file or a
    folder that already holds something.
    """
    if folder.exists() and not folder.is_dir():
        msg = f"{folder} is a file — give the name of a new folder"
        raise ScaffoldError(msg)
    if folder.is_dir() and any(folder.iterdir()):
        msg = (
            f"{folder}/ already exists and is not empty; nothing was written — "
            "choose a new folder name, or move its files away first"
        )
        raise ScaffoldError(msg)
    name = site_name or guide_name(folder)
    if any(mark in '"\\' or ord(mark) < 32 for mark in name):
        # mkdocs.yml writes the name in double quotes, and comments in one line.
        msg = f"the name {name!r} holds a quote, backslash or control character — use plain words"
        raise ScaffoldError(msg)
    written: list[Path] = []
    for relative in template_files():
        target = folder / relative.parent / RENAMED.get(relative.name, relative.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        source = TEMPLATE / relative
        if source.suffix in {".md", ".yml", ".toml", ".txt"} or source.name == "Makefile":
            text = source.read_text(encoding="utf-8").replace(NAME_MARK, name)
            text = text.replace(VERSION_MARK, __version__)
            target.write_text(text, encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    icon = folder / ICON
    icon.parent.mkdir(parents=True, exist_ok=True)
    draw_icon(icon)
    written.append(icon)
    return written


def draw_icon(path: Path) -> None:
    """Write a plain square icon to replace: a white cross on the theme colour."""
    image = Image.new("RGB", (ICON_SIZE, ICON_SIZE), ICON_COLOUR)
    draw = ImageDraw.Draw(image)
    # Inside the central 80 % that maskable icons keep on every launcher shape.
    arm, reach = ICON_SIZE // 10, ICON_SIZE * 3 // 10
    middle = ICON_SIZE // 2
    draw.rectangle((middle - arm, middle - reach, middle + arm, middle + reach), fill="white")
    draw.rectangle((middle - reach, middle - arm, middle + reach, middle + arm), fill="white")
    image.save(path, format="PNG", optimize=True)


def next_steps(folder: Path) -> str:
    """What to do after ``pocketguide new``, as printed."""
    return (
        f"Next: cd {folder} && make site (build and check), then make preview to try it.\n"
        f"Replace the sample pages in docs/, the sources in docs/sources.yml and {ICON}."
    )
