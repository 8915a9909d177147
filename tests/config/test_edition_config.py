"""Config tests of pocketguide/edition: exact errors for mistyped options."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from pocketguide.content.pages import AUTO
from pocketguide.plugins.edition.config import EditionConfig
from pocketguide.plugins.edition.plugin import EditionPlugin


def test_defaults_load_without_errors():
    plugin = EditionPlugin()
    assert plugin.load_config({}) == ([], [])
    assert plugin.config.filename == "pocketguide.html"
    assert plugin.config.max_size_kib == 300
    assert plugin.config.emergency_page == AUTO
    assert plugin.config.search is True


@pytest.mark.parametrize(
    # options, (option, message) of each error
    ("options", "errors"),
    [
        (
            {"max_size_kib": "big"},
            [("max_size_kib", "Expected type: <class 'int'> but received: <class 'str'>")],
        ),
        (
            {"search": "yes"},
            [("search", "Expected type: <class 'bool'> but received: <class 'str'>")],
        ),
    ],
)
def test_mistyped_options(options, errors):
    found, _warnings = EditionPlugin().load_config(options)
    assert [(name, str(error)) for name, error in found] == errors


def test_unknown_option_warns():
    errors, warnings = EditionPlugin().load_config({"file_name": "x.html"})
    assert errors == []
    assert [(name, str(w)) for name, w in warnings] == [
        ("file_name", "Unrecognised configuration name: file_name")
    ]


def test_schema_matches_the_config():
    text = (resources.files("pocketguide.plugins.edition") / "schema.json").read_text("utf-8")
    block = json.loads(text)["properties"]["pocketguide/edition"]
    assert block["additionalProperties"] is False
    assert list(block["properties"]) == [key for key, _ in EditionConfig._schema]
    for key, option in EditionConfig._schema:
        # emergency_page has no default a site could write: left out, it means AUTO.
        assert block["properties"][key].get("default", AUTO) == option.default, key
        assert block["properties"][key]["title"], key
