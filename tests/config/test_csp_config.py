"""Config tests of pocketguide/csp: the allow-list and the style attribute policy."""

from __future__ import annotations

from typing import Any

import pytest

from pocketguide.plugins.csp.plugin import CspPlugin


def test_defaults() -> None:
    plugin = CspPlugin()
    assert plugin.load_config({}) == ([], [])
    assert (plugin.config.allow, plugin.config.style_attributes) == ({}, "hash")


@pytest.mark.parametrize(
    ("options", "errors"),
    [
        # options                                     (option, error) pairs
        ({"allow": {"img-src": ["https://img.test"]}}, []),
        (
            {"allow": {"script-src": ["'unsafe-inline'"]}},
            [
                (
                    "allow",
                    "script-src: 'unsafe-inline' would let injected code run — allow a file's "
                    "origin, never inline code",
                )
            ],
        ),
        (
            {"allow": {"img-scr": ["https://img.test"]}},
            [("allow", "img-scr: 'img-scr' is not a directive the policy can widen — use one of ")],
        ),
        (
            {"style_attributes": "allow"},
            [("style_attributes", "Expected one of: ('hash', 'block') but received: 'allow'")],
        ),
    ],
)
def test_option_errors(options: dict[str, Any], errors: list[tuple[str, str]]) -> None:
    failed, warnings = CspPlugin().load_config(options)
    found = [(key, str(error)) for key, error in failed]
    assert len(found) == len(errors)
    for (key, message), (want_key, start) in zip(found, errors, strict=True):
        assert key == want_key
        assert message.startswith(start), message
    assert warnings == []
