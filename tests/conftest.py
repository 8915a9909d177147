"""Helpers shared by every test layer.

``build_site`` builds a fixture site from ``tests/fixtures/sites/<case>/`` in a temporary
folder, in process, the way ``mkdocs build`` does (startup, build, shutdown), and returns the
site folder and every record logged under ``mkdocs`` during the build.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

PROJECT = Path(__file__).resolve().parents[1]
FIXTURE_SITES = PROJECT / "tests" / "fixtures" / "sites"
VALIDATOR_FIXTURES = PROJECT / "tests" / "fixtures" / "validators"


class _Records(logging.Handler):
    """Keep every record, at every level, in order."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def copy_fixture_site(tmp_path: Path, case: str) -> Path:
    """Copy ``tests/fixtures/sites/<case>/`` to ``tmp_path/<case>/`` and return that folder.

    No templates are copied: the plugins add theirs to Material's theme, as on any site.
    """
    root = tmp_path / case.replace("/", "-")
    shutil.copytree(FIXTURE_SITES / case, root)
    return root


def build_fixture(
    root: Path,
    config_overrides: Mapping[str, Any] | None = None,
    *,
    command: Literal["build", "serve"] = "build",
) -> tuple[Path, list[logging.LogRecord]]:
    """Build the site whose ``mkdocs.yml`` is in ``root`` (already copied) into ``root/site``.

    ``config_overrides`` replace top-level keys of ``mkdocs.yml`` (``site_url``, ``plugins``…).
    Exceptions (``Abort`` after a ``PluginError``) propagate; the records are then in caplog.
    """
    options = {"site_dir": str(root / "site"), **(config_overrides or {})}
    handler = _Records()
    logger = logging.getLogger("mkdocs")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        config = load_config(str(root / "mkdocs.yml"), **options)
        config.plugins.on_startup(command=command, dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    return Path(config.site_dir), handler.records


def build_site(
    tmp_path: Path,
    case: str,
    config_overrides: dict[str, Any] | None = None,
    *,
    command: Literal["build", "serve"] = "build",
    prepare: Callable[[Path], object] | None = None,
) -> tuple[Path, list[logging.LogRecord]]:
    """Copy fixture site ``case`` into ``tmp_path`` and build it; see :func:`build_fixture`.

    ``prepare`` gets the copied folder before the build, to edit a page or add a file.
    """
    root = copy_fixture_site(tmp_path, case)
    if prepare is not None:
        prepare(root)
    return build_fixture(root, config_overrides, command=command)


@pytest.fixture(name="build_site", scope="session")
def build_site_fixture() -> Callable[..., tuple[Path, list[logging.LogRecord]]]:
    """:func:`build_site` as a fixture (test modules cannot import a ``conftest`` reliably)."""
    return build_site


@pytest.fixture(name="copy_fixture_site", scope="session")
def copy_fixture_site_fixture() -> Callable[[Path, str], Path]:
    """:func:`copy_fixture_site` as a fixture, for tests that run MkDocs themselves."""
    return copy_fixture_site


@pytest.fixture(name="build_fixture", scope="session")
def build_fixture_fixture() -> Callable[..., tuple[Path, list[logging.LogRecord]]]:
    """:func:`build_fixture` as a fixture, to build a copy made with ``copy_fixture_site``."""
    return build_fixture


def assemble_validator_case(family: str, case: str, tmp_path: Path) -> Path:
    """Copy a validator family's ``base`` into ``tmp_path``, then the case's own files over it.

    ``*.bin`` files lose that suffix (raw bytes ruff must not read); ``delete.txt`` lists base
    files the case removes.
    """
    root = tmp_path / case
    shutil.copytree(VALIDATOR_FIXTURES / family / "base", root)
    if case == "base":
        return root
    case_dir = VALIDATOR_FIXTURES / family / case
    shutil.copytree(case_dir, root, dirs_exist_ok=True)
    for raw in root.rglob("*.bin"):
        raw.rename(raw.with_suffix(""))
    deletions = root / "delete.txt"
    if deletions.exists():
        for line in deletions.read_text().split():
            (root / line).unlink()
    return root


@pytest.fixture(name="validator_case", scope="session")
def validator_case_fixture() -> Callable[[str, str, Path], Path]:
    """:func:`assemble_validator_case` as a fixture: ``validator_case(family, case, tmp_path)``."""
    return assemble_validator_case
