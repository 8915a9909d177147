"""``make site`` writes a build manifest, ``site/pocketguide-build.json``, and the checks and
``dist/`` read it: pages and their sources, editions, the registry, the precache plan and the
immutable files, as the plugins made them (see :mod:`pocketguide.buildinfo`).

Each test copies the guide into ``tmp_path`` (see ``test_build_hostile``) and runs the real
build.
"""

from __future__ import annotations

import json
import zipfile
from typing import TYPE_CHECKING

import pytest
from tests.build.test_build_hostile import disable_edition, guide, make_site

from pocketguide import buildinfo
from pocketguide.content.swdata import read_precache
from pocketguide.sitefiles import is_immutable

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["guide"]  # the fixture, shared with the hostile-input tests


@pytest.mark.parametrize(
    ("option", "editions"),
    [
        # pocketguide/edition option   editions in the manifest (None: the plugin never ran)
        ("", ["es/pocketguide.html", "pocketguide.html"]),  # one per language
        ("enabled: false", None),
    ],
    ids=["edition", "no-edition"],
)
def test_the_manifest_records_what_the_build_made(
    guide: Path, option: str, editions: list[str] | None, capfd: pytest.CaptureFixture[str]
) -> None:
    if option:
        disable_edition(guide, option)

    assert make_site(guide) == 0

    out, err = capfd.readouterr()
    assert "Traceback" not in out + err
    site = guide / "site"
    data = json.loads((site / buildinfo.NAME).read_text("utf-8"))
    assert data.get("editions") == editions
    assert data["site"] == {
        "path": "/",
        "url": "https://pocketguide.example/",
        "use_directory_urls": True,
    }
    assert data["registry"] == {"data_dir": "docs/data", "sources": "docs/sources.yml"}
    sources = {p.relative_to(guide / "docs").as_posix() for p in (guide / "docs").rglob("*.md")}
    assert set(data["pages"].values()) - {"offline.md"} == sources
    assert data["pages"]["emergency/index.html"] == "emergency.md"
    assert data["pages"]["index.html"] == "index.md"
    assert data["precache"]["sw"] == "sw.js"
    precached = read_precache((site / "sw.js").read_text("utf-8"))
    assert data["precache"]["entries"] == [
        {key: entry[key] for key in ("url", "revision", "size")} for entry in precached
    ]
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert data["immutable"] == [f for f in files if is_immutable(f)]
    assert any(f.startswith("assets/stylesheets/guide.") for f in data["immutable"])
    # It describes the site and is not part of it: not saved offline, not in the site zip.
    assert buildinfo.NAME not in {e["url"] for e in data["precache"]["entries"]}
    with zipfile.ZipFile(guide / "dist" / "pocketguide-site.zip") as archive:
        assert buildinfo.NAME not in archive.namelist()
    assert sorted(p.name for p in (guide / "dist").iterdir()) == sorted(
        [*{e.split("/")[0] for e in editions or []}, "pocketguide-site.zip"]
    )
