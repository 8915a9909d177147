"""Config tests of ``pocketguide/pwa``: ``load_config`` returns exact ``(errors, warnings)``.

Also checks ``schema.json`` (editor completion for ``mkdocs.yml``) against ``PwaConfig``.
"""

from __future__ import annotations

import io
import json
import re
from importlib import resources
from typing import TYPE_CHECKING, Any

import pytest
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import Abort
from PIL import Image

from pocketguide.content.pages import AUTO, OptionalPage
from pocketguide.plugins.pwa.config import Colour, PwaConfig, Shortcut
from pocketguide.plugins.pwa.plugin import PwaPlugin

if TYPE_CHECKING:
    from pathlib import Path

ICON = "docs/assets/icon.png"
ICON_HINT = (
    " — use a square PNG of at least 512 px, relative to mkdocs.yml, e.g. 'docs/assets/icon.png'"
)
NO_ICON = "Required configuration not provided" + ICON_HINT


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder with ``mkdocs.yml`` and the icon source; returns the config file's path."""
    (tmp_path / "docs" / "assets").mkdir(parents=True)
    out = io.BytesIO()
    Image.new("RGBA", (512, 512), (74, 20, 140, 255)).save(out, format="PNG")
    (tmp_path / ICON).write_bytes(out.getvalue())
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text("site_name: Test\n", encoding="utf-8")
    return config_file


def load(options: dict[str, Any], config_file: Path) -> tuple[list[tuple[str, str]], ...]:
    """Return ``(errors, warnings)`` as ``(option, message)`` pairs."""
    errors, warnings = PwaPlugin().load_config(options, str(config_file))
    return [(key, str(error)) for key, error in errors], [(key, str(w)) for key, w in warnings]


def test_defaults(project: Path) -> None:
    plugin = PwaPlugin()

    assert plugin.load_config({"icon": ICON}, str(project)) == ([], [])
    assert dict(plugin.config) == {
        "enabled": True,
        "icon": str(project.parent / ICON),
        "name": None,
        "short_name": None,
        "description": None,
        "theme_color": "#4a148c",
        "background_color": "#ffffff",
        "categories": ["health", "medical", "education"],
        "dir": None,
        "shortcuts": [],
        "emergency_page": AUTO,
        "precache_exclude": [],
        "precache_later": [],
        "max_file_size": 2 * 1024 * 1024,
        "cache_prefix": "pocketguide",
        "self_destroying": False,
        "strings": {},
    }


@pytest.mark.parametrize(
    ("options", "errors", "warnings"),
    [
        # options                                  exact errors                   exact warnings
        ({}, [("icon", NO_ICON)], []),
        (
            {"icon": ICON, "theme_color": "purple"},
            [("theme_color", "'purple' is not a hex colour — write it like '#4a148c'")],
            [],
        ),
        (
            {"icon": ICON, "background_color": "#fffff"},
            [("background_color", "'#fffff' is not a hex colour — write it like '#4a148c'")],
            [],
        ),
        (
            {"icon": ICON, "theme_color": 123},
            [("theme_color", "Expected type: <class 'str'> but received: <class 'int'>")],
            [],
        ),
        (
            {"icon": ICON, "short_name": "Pocket Guide K"},
            [
                (
                    "short_name",
                    "'Pocket Guide K' is 14 characters — home screens cut names after about 12; "
                    "use a shorter name",
                )
            ],
            [],
        ),
        (
            {"icon": ICON, "cache_prefix": "Pocket Guide"},
            [("cache_prefix", "use lowercase letters, digits and '-' only, e.g. 'pocketguide'")],
            [],
        ),
        (
            {"icon": ICON, "cache_prefix": "9lives"},
            [("cache_prefix", "use lowercase letters, digits and '-' only, e.g. 'pocketguide'")],
            [],
        ),
        (
            {"icon": ICON, "cache_prefix": ""},
            [("cache_prefix", "use lowercase letters, digits and '-' only, e.g. 'pocketguide'")],
            [],
        ),
        (
            {"icon": ICON, "theme_colour": "#ffffff"},
            [],
            [
                (
                    "theme_colour",
                    "Unrecognised configuration name: theme_colour — did you mean 'theme_color'?",
                )
            ],
        ),
        (
            {"icon": ICON, "max_file_size": "2 MB"},
            [("max_file_size", "Expected type: <class 'int'> but received: <class 'str'>")],
            [],
        ),
        (
            {"icon": ICON, "shortcuts": [{"name": "Emergency"}]},
            [("shortcuts", "Sub-option 'page': Required configuration not provided.")],
            [],
        ),
        (
            {"icon": ICON, "shortcuts": [{"name": "Emergency", "page": "e.md", "url": "/e/"}]},
            [],
            [
                (
                    "shortcuts",
                    "Sub-option 'url': Unrecognised configuration name: url — "
                    "use one of description, name, page",
                )
            ],
        ),
        (
            {"icon": ICON, "precache_exclude": "*.pdf"},
            [("precache_exclude", "Expected a list of items, but a <class 'str'> was given.")],
            [],
        ),
        (
            # a missing icon does not hide the rules checked across options
            {"short_name": "Much too long a name", "cache_prefix": "PG"},
            [
                ("icon", NO_ICON),
                (
                    "short_name",
                    "'Much too long a name' is 20 characters — home screens cut names after "
                    "about 12; use a shorter name",
                ),
                ("cache_prefix", "use lowercase letters, digits and '-' only, e.g. 'pocketguide'"),
            ],
            [],
        ),
    ],
)
def test_load_config_errors_and_warnings(
    project: Path,
    options: dict[str, Any],
    errors: list[tuple[str, str]],
    warnings: list[tuple[str, str]],
) -> None:
    assert load(options, project) == (errors, warnings)


ALL_OPTIONS = (
    "background_color, cache_prefix, categories, description, dir, emergency_page, enabled, "
    "icon, max_file_size, name, precache_exclude, precache_later, self_destroying, short_name, "
    "shortcuts, strings, theme_color"
)


@pytest.mark.parametrize(
    ("option", "hint"),
    [
        # mistyped option      what the warning suggests
        ("theme_colour", "did you mean 'theme_color'?"),
        ("background_colour", "did you mean 'background_color'?"),
        ("shortname", "did you mean 'short_name'?"),
        ("shortcut", "did you mean 'shortcuts'?"),
        ("selfdestroying", "did you mean 'self_destroying'?"),
        ("exclude", "did you mean 'precache_exclude'?"),
        ("icons", "did you mean 'icon'?"),
        ("kill_switch", f"use one of {ALL_OPTIONS}"),  # the design draft's name for it
    ],
)
def test_unknown_option_warning_says_what_to_do(project: Path, option: str, hint: str) -> None:
    assert load({"icon": ICON, option: 1}, project) == (
        [],
        [(option, f"Unrecognised configuration name: {option} — {hint}")],
    )


def test_unknown_shortcut_key_warning_says_what_to_do(project: Path) -> None:
    shortcut = {"name": "Emergency", "page": "emergency.md", "pgae": "x"}

    assert load({"icon": ICON, "shortcuts": [shortcut]}, project) == (
        [],
        [
            (
                "shortcuts",
                "Sub-option 'pgae': Unrecognised configuration name: pgae — did you mean 'page'?",
            )
        ],
    )


def test_icon_that_does_not_exist(project: Path) -> None:
    missing = project.parent / "docs" / "assets" / "logo.png"

    assert load({"icon": "docs/assets/logo.png"}, project) == (
        [("icon", f"The path '{missing}' isn't an existing file{ICON_HINT}")],
        [],
    )


def test_icon_that_is_a_folder(project: Path) -> None:
    folder = project.parent / "docs" / "assets"

    assert load({"icon": "docs/assets"}, project) == (
        [("icon", f"The path '{folder}' isn't an existing file{ICON_HINT}")],
        [],
    )


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        # colour in mkdocs.yml   value the plugin uses (lowercase)
        ("#4A148C", "#4a148c"),
        ("#ABC", "#abc"),
        ("#000000", "#000000"),
    ],
)
def test_colours_are_stored_lowercase(project: Path, given: str, stored: str) -> None:
    plugin = PwaPlugin()

    assert plugin.load_config({"icon": ICON, "theme_color": given}, str(project)) == ([], [])
    assert plugin.config.theme_color == stored


@pytest.mark.parametrize(
    ("short_name", "ok"),
    [
        # short_name          accepted?
        ("Pocket Guide", True),  # 12 characters
        ("Pocket Guides", False),  # 13
        ("", True),
    ],
)
def test_short_name_limit_is_twelve_characters(project: Path, short_name: str, ok: bool) -> None:
    errors, _ = load({"icon": ICON, "short_name": short_name}, project)

    assert (errors == []) is ok


def test_mistyped_option_in_mkdocs_yml_is_a_warning_naming_plugin_and_option(
    project: Path,
) -> None:
    """What an editor sees in the terminal: MkDocs prefixes the option path; strict aborts."""
    project.write_text(
        "site_name: Test\n"
        "plugins:\n"
        "  - pocketguide/pwa:\n"
        f"      icon: {ICON}\n"
        "      theme_colour: '#ffffff'\n",
        encoding="utf-8",
    )

    with pytest.raises(Abort) as raised:
        load_config(str(project), strict=True)
    config = load_config(str(project))

    assert str(raised.value) == "Aborted with 1 configuration warnings in 'strict' mode!"
    assert config.plugins["pocketguide/pwa"].config.theme_color == "#4a148c"


def test_mistyped_option_warning_text(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    project.write_text(
        f"site_name: Test\nplugins:\n  - pocketguide/pwa:\n      icon: {ICON}\n      max_size: 3\n",
        encoding="utf-8",
    )

    load_config(str(project))

    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "Config value 'plugins': Plugin 'pocketguide/pwa' option 'max_size': "
        "Unrecognised configuration name: max_size — did you mean 'max_file_size'?"
    ]


def test_missing_icon_file_stops_loading_with_one_error_line(
    project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    project.write_text(
        "site_name: Test\nplugins:\n  - pocketguide/pwa:\n      icon: docs/logo.png\n",
        encoding="utf-8",
    )

    with pytest.raises(Abort) as raised:
        load_config(str(project))

    assert str(raised.value) == "Aborted with a configuration error!"
    assert [(r.levelname, r.getMessage()) for r in caplog.records if r.levelno >= 30] == [
        (
            "ERROR",
            "Config value 'plugins': Plugin 'pocketguide/pwa' option 'icon': The path "
            f"'{project.parent / 'docs' / 'logo.png'}' isn't an existing file{ICON_HINT}",
        )
    ]


# ---- schema.json: editor completion for the plugin's block in mkdocs.yml ----


def schema() -> dict[str, Any]:
    text = (resources.files("pocketguide.plugins.pwa") / "schema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def plugin_schema() -> dict[str, Any]:
    block: dict[str, Any] = schema()["properties"]["pocketguide/pwa"]
    return block


def test_schema_keys_equal_the_config_options() -> None:
    block = plugin_schema()

    assert list(block["properties"]) == [key for key, _ in PwaConfig._schema]
    assert block["additionalProperties"] is False
    assert block["required"] == ["icon"]


def test_schema_shortcut_keys_equal_the_shortcut_options() -> None:
    items = plugin_schema()["properties"]["shortcuts"]["items"]

    assert list(items["properties"]) == [key for key, _ in Shortcut._schema]
    assert items["required"] == ["name", "page"]
    assert items["additionalProperties"] is False


@pytest.mark.parametrize(
    ("key", "option"), PwaConfig._schema, ids=[k for k, _ in PwaConfig._schema]
)
def test_schema_defaults_equal_the_config_defaults(key: str, option: Any) -> None:
    block = plugin_schema()
    entry = block["properties"][key]

    if key in block["required"]:
        assert "default" not in entry
        assert option.default is None
    else:
        # emergency_page has no default a site could write: left out, it means AUTO.
        assert entry.get("default", AUTO) == option.default
    assert entry["title"]


JSON_TYPES = {bool: "boolean", int: "integer", str: "string"}


def json_type(option: Any) -> str | list[str]:
    """The JSON Schema ``type`` an option of ``PwaConfig`` accepts."""
    if isinstance(option, c.ListOfItems):
        return "array"
    if isinstance(option, c.DictOfItems):
        return "object"
    if isinstance(option, OptionalPage):
        return ["string", "null"]
    if isinstance(option, c.Optional) and isinstance(option.option, c.Choice):
        return ["enum"]  # its "enum" lists the values instead
    if isinstance(option, c.Optional):
        inner: Any = option.option
        return [JSON_TYPES[inner._type], "null"]
    return JSON_TYPES[option._type]


@pytest.mark.parametrize(
    ("key", "option"), PwaConfig._schema, ids=[k for k, _ in PwaConfig._schema]
)
def test_schema_types_equal_the_config_types(key: str, option: Any) -> None:
    entry = plugin_schema()["properties"][key]
    if json_type(option) == ["enum"]:
        assert entry["enum"] == [*option.option.choices, None]
    else:
        assert entry["type"] == json_type(option)


@pytest.mark.parametrize(
    "colour",
    [
        # candidate colours: the schema pattern and the Colour option agree on each
        "#4a148c",
        "#ABC",
        "#abcd",
        "4a148c",
        "#4a148g",
        "purple",
        "#4a148c ",
    ],
)
def test_schema_colour_pattern_agrees_with_the_option(colour: str) -> None:
    pattern = plugin_schema()["properties"]["theme_color"]["pattern"]
    try:
        Colour(default="#000000").run_validation(colour)
    except ValidationError:
        accepted = False
    else:
        accepted = True

    assert (re.search(pattern, colour) is not None) is accepted
