"""The package's layers: no plugin imports another plugin or a check, and no check imports a
plugin.

What plugins and checks share lives in the core (``pocketguide/content/`` and top-level
modules such as ``findings``, ``sitefiles``, ``sitelayout``, ``htmltags``). The imports are
read from the source with :mod:`ast`, relative ones (``from ..pwa import x``) and those
inside functions included.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "pocketguide"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, as an absolute dotted name."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            if module.count(".") < 2:  # ``from pocketguide.plugins import pwa``
                found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def plugin_of(module: str) -> str | None:
    """``pocketguide.plugins.pwa.chunks`` -> ``pwa``; None outside the plugins."""
    parts = module.split(".")
    return parts[2] if parts[:2] == ["pocketguide", "plugins"] and len(parts) > 2 else None


def layer_problems(path: Path) -> list[str]:
    """What ``path`` imports across the layers' lines."""
    name = module_name(path)
    own = plugin_of(name)
    problems = []
    for module in sorted(imported(path)):
        if own is not None and module.startswith("pocketguide.validators"):
            problems.append(f"plugin {own} imports a check ({module})")
        other = plugin_of(module)
        if other is None:
            continue
        if own is not None and other != own:
            problems.append(f"plugin {own} imports plugin {other} ({module})")
        if name.startswith("pocketguide.validators"):
            problems.append(f"validator {name} imports plugin {other} ({module})")
    return problems


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=[module_name(p) for p in SOURCES])
def test_no_plugin_imports_another_or_a_check_and_no_check_imports_a_plugin(path: Path) -> None:
    assert layer_problems(path) == []


@pytest.mark.parametrize(
    ("module", "source", "problems"),
    [
        # module                               source            what the scan reports
        (
            "plugins/minify/x.py",
            "from pocketguide.plugins.csp.policy import ATTRS",
            ["plugin minify imports plugin csp (pocketguide.plugins.csp.policy)"],
        ),
        (
            "plugins/minify/x.py",
            "from ..pwa import manifest",
            ["plugin minify imports plugin pwa (pocketguide.plugins.pwa)"],
        ),
        (
            "validators/x.py",
            "def f():\n    import pocketguide.plugins.pwa.sw",
            ["validator pocketguide.validators.x imports plugin pwa (pocketguide.plugins.pwa.sw)"],
        ),
        (
            "plugins/minify/x.py",
            "from pocketguide.validators.site import resolve",
            ["plugin minify imports a check (pocketguide.validators.site)"],
        ),
        (
            "plugins/share/x.py",
            "from pocketguide.plugins import pwa",
            ["plugin share imports plugin pwa (pocketguide.plugins.pwa)"],
        ),
        ("plugins/minify/x.py", "from . import minify\nfrom pocketguide import sitefiles", []),
    ],
)
def test_the_scan_sees_each_kind_of_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, source: str, problems: list[str]
) -> None:
    root = tmp_path / "pocketguide"
    path = root / module
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.PACKAGE", root)

    assert sorted(set(layer_problems(path))) == problems
