"""Build tests of pocketguide/edition on the fixture site ``tests/fixtures/sites/edition``."""

from __future__ import annotations

import logging
import shutil
import zipfile
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from selectolax.lexbor import LexborHTMLParser

from pocketguide.plugins.edition.singlefile import external_references
from pocketguide.plugins.edition.sitezip import make_site_zip, site_files

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "edition"


def build_fixture(tmp_path: Path, config_file: str) -> Path:
    """Copy the fixture into ``tmp_path``, build it with ``config_file``, return the site dir."""
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    site = tmp_path / "site"
    config = load_config(str(project / config_file), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return site


@pytest.fixture(scope="module", params=["mkdocs.yml", "mkdocs_flat_urls.yml"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("edition"), request.param)


@pytest.fixture(scope="module")
def tree(site: Path) -> LexborHTMLParser:
    return LexborHTMLParser((site / "pocketguide.html").read_text(encoding="utf-8"))


def test_pages_in_nav_order_unlisted_left_out(tree: LexborHTMLParser) -> None:
    sections = [node.attrs["id"] for node in tree.css("main > section.page")]
    assert sections == ["index", "emergency", "help-uk"]
    titles = [node.text() for node in tree.css("main > section.page h1")]
    # A page without a heading gets its title as MkDocs gives it: the nav title wins.
    assert titles == ["Fixture Guide", "Emergency", "In the UK"]
    assert [a.text() for a in tree.css("#contents a")] == ["Home", "Emergency", "In the UK"]


def test_every_internal_link_lands_on_an_anchor(tree: LexborHTMLParser) -> None:
    ids = {node.attrs["id"] for node in tree.css("[id]")}
    hrefs = [a.attrs["href"] or "" for a in tree.css("a[href^='#']")]
    assert "#emergency--recovery-position" in hrefs
    assert "#help-uk--phone-lines" in hrefs
    assert "#emergency--fn:1" in hrefs
    assert [href for href in hrefs if href[1:] not in ids] == []


def test_links_to_files_and_unlisted_pages_go_to_the_hosted_guide(tree: LexborHTMLParser) -> None:
    hrefs = [a.attrs["href"] or "" for a in tree.css("section#index a")]
    assert "https://fixture.example/guide/assets/card.txt" in hrefs
    assert "https://fixture.example/guide/pocketguide.html" in hrefs
    unlisted = [href for href in hrefs if "unlisted" in href]
    assert unlisted in (
        ["https://fixture.example/guide/unlisted/"],
        ["https://fixture.example/guide/unlisted.html"],
    )


def test_pages_link_to_the_file_in_the_site(site: Path) -> None:
    tree = LexborHTMLParser(next(site.glob("index.html")).read_text(encoding="utf-8"))
    assert tree.css_first("a[href='pocketguide.html']").text() == "Save the whole guide as one file"
    assert (site / "pocketguide.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_a_docs_file_of_the_same_name_stops_the_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    (project / "docs" / "pocketguide.html").write_text("mine", encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    message = (
        "docs/pocketguide.html: a file of that name would be overwritten by the single-file "
        "edition — rename it, or set pocketguide/edition's filename"
    )
    with pytest.raises(Abort, match="Aborted with a BuildError!"):
        build(config)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [message]


def test_self_contained_with_image_logo_and_stamp(site: Path, tree: LexborHTMLParser) -> None:
    text = (site / "pocketguide.html").read_text(encoding="utf-8")
    assert external_references(text) == []
    img = tree.css_first("section#help-uk img")
    assert (img.attrs["src"] or "").startswith("data:image/svg+xml;base64,")
    assert tree.css_first(".brand svg") is not None
    stamp = tree.css_first(".stamp").text()
    assert stamp.endswith("facts checked up to 21 November 2026")
    assert tree.css_first(".sos a").attrs["href"] == "#emergency"
    assert tree.css_first("script") is not None
    assert (site / "pocketguide.html").stat().st_size < 300 * 1024


def test_two_builds_give_the_same_file(tmp_path: Path) -> None:
    first = build_fixture(tmp_path / "a", "mkdocs.yml") / "pocketguide.html"
    second = build_fixture(tmp_path / "b", "mkdocs.yml") / "pocketguide.html"
    assert first.read_bytes() == second.read_bytes()


def test_site_zip_holds_the_built_site(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "pocketguide-site.zip"
    make_site_zip(site, out)
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == sorted([*site_files(site), "HOSTING.md", "_headers"])
        assert archive.read("pocketguide.html") == (site / "pocketguide.html").read_bytes()


def test_limits_and_missing_emergency_page_warn_and_fail_strict(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="mkdocs")
    with pytest.raises(Abort, match="Aborted with 2 warnings in strict mode!"):
        build_fixture(tmp_path, "mkdocs_tight.yml")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    size_kib = round((tmp_path / "site" / "pocketguide.html").stat().st_size / 1024)
    assert warnings == [
        "pocketguide: emergency_page 'unlisted.md' is not in the navigation, so not in the"
        " file — add it to nav in mkdocs.yml, or set emergency_page to ''",
        f"pocketguide: pocketguide.html is {size_kib} KiB, over max_size_kib (1)"
        " — shorten pages or shrink images",
    ]
    html = (tmp_path / "site" / "pocketguide.html").read_text(encoding="utf-8")
    assert "<script>" not in html
    assert 'class="sos"' not in html
