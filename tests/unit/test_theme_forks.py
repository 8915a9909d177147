"""The partials copied from Material (no block exists for them) stay Material's files apart from
their marked changes, so a Material release that changes the originals fails here, not in a
reader's browser.

A change sits between ``{# pg: why #}`` and ``{# /pg #}``; one that replaces Material's text
ends its opening comment with ``| was: <Material's text>``. The test puts Material's text back
for those spans (removes the others), removes all Jinja comments from our copy and from
Material's installed file, and compares the two with runs of whitespace made one space.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from material import templates

from pocketguide.content import themeparts

MATERIAL = Path(templates.__file__).parent
MARKED = re.compile(
    r"\{#-?\s*pg:(?:(?!#\}).)*?(?:\|\s*was:\s*(?P<was>(?:(?!#\}).)*?))?\s*-?#\}"
    r".*?\{#-?\s*/pg\s*-?#\}",
    re.DOTALL,
)
COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)

FORKS = [
    # ours (under pocketguide/theme/), Material's original
    ("partials/header.html", "partials/header.html"),
    ("partials/search.html", "partials/search.html"),
    # md-storage.html includes Material's storage helpers unchanged.
    ("partials/md-storage.html", "partials/javascripts/base.html"),
]


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", COMMENT.sub("", text)).strip()


def unmarked(text: str) -> str:
    return normalised(MARKED.sub(lambda match: match.group("was") or "", text))


@pytest.mark.parametrize(("ours", "original"), FORKS, ids=[ours for ours, _ in FORKS])
def test_a_copied_template_is_materials_apart_from_its_marked_changes(
    ours: str, original: str
) -> None:
    copy = unmarked((themeparts.SHARED / ours).read_text(encoding="utf-8"))
    upstream = normalised((MATERIAL / original).read_text(encoding="utf-8"))
    diff = "\n".join(
        difflib.unified_diff(
            upstream.replace("> ", ">\n").splitlines(),
            copy.replace("> ", ">\n").splitlines(),
            f"material/templates/{original}",
            f"pocketguide/theme/{ours} (marked changes removed)",
            lineterm="",
        )
    )
    assert copy == upstream, (
        f"{ours} differs from the installed Material's {original} outside its marked changes: "
        f"copy Material's new file and apply the marked changes again\n{diff}"
    )


def test_marked_changes_are_found_and_removed() -> None:
    text = 'a {# pg: why #}<b x="1">{# /pg #} c {#- pg: two\nlines -#}d\n{#- /pg -#} e'
    assert unmarked(text) == "a c e"
    assert unmarked('<a {# pg: why | was: href="x" #}href="y"{# /pg #}>') == '<a href="x">'
    assert unmarked("<a {# pg: why, with | in it #}b{# /pg #}>") == "<a >"
    header = (themeparts.SHARED / "partials/header.html").read_text(encoding="utf-8")
    assert len(MARKED.findall(header)) == 4
