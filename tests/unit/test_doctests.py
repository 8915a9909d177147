"""The examples in the package's docstrings are tests too: an example that lies fails.

They run against the ``pocketguide`` that Python imports, so in CI (where the built wheel is
installed, not the source tree) the examples are checked in the installed package.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import pocketguide

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(pocketguide.__path__, prefix="pocketguide.")
)


def test_every_module_is_found() -> None:
    assert "pocketguide.build" in MODULES
    assert "pocketguide.content.sources" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(module):
        runner.run(test, out=lambda text: pytest.fail(text, pytrace=False))
    assert runner.failures == 0
