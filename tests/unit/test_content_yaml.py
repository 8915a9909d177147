"""Hostile YAML: anchors and aliases are refused before anything is built, with a position.

A "billion laughs" is nine aliases of nine aliases: composing it is cheap (PyYAML shares the
nodes), but any ``repr`` or loop over the built value expands it to a billion strings. The
registry once printed such a ``year`` in its message (3 GB, then a MemoryError).
"""

# ruff: noqa: E501  (the tables hold exact finding lines; one line each reads best)

from __future__ import annotations

import pytest

from pocketguide.content import _yaml
from pocketguide.content.frontmatter import parse_front_matter
from pocketguide.content.sources import parse_sources


def laughs(levels: int, indent: str = "") -> str:
    """Return YAML lines defining ``&l0`` … ``&l<levels-1>``, each nine aliases of the last."""
    lines = [f'{indent}  - &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"{indent}  - &l{i} [{','.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines)


REGISTRY_BOMB = f"""\
- id: bomb-anchor
  title: Bomb
  publisher: X
  note:
{laughs(10, "  ")}
  year: *l8
  url: https://example.org/
  accessed: 2026-01-01
"""


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # YAML text                      (0-based line, col, problem)
        ("a: &x 1\nb: *x\n", (0, 3, "anchor '&x' is not allowed")),
        ("a: 1\nb: *x\n", (1, 3, "alias '*x' is not allowed")),
        ("base: &b {k: 1}\nmore:\n  <<: *b\n", (0, 6, "anchor '&b' is not allowed")),
        (f"x: &{'n' * 60} 1\n", (0, 3, f"anchor '&{'n' * 37}...' is not allowed")),
    ],
    ids=["anchor", "alias-alone", "merge", "long-name"],
)
def test_anchors_and_aliases_are_refused_where_they_are(
    text: str, problem: tuple[int, int, str]
) -> None:
    node, found = _yaml.compose(text)
    assert node is None
    assert found == _yaml.YamlProblem(*problem, _yaml.ALIAS_FIX)


@pytest.mark.parametrize(
    "text",
    [
        # text with & and * that are not anchors or aliases
        "url: https://x.org/?a=1&b=2\nnote: '*not* an alias'\n",
        "title: Rock & roll\nstars: a * b\n",
    ],
)
def test_ampersands_and_stars_in_values_are_fine(text: str) -> None:
    node, found = _yaml.compose(text)
    assert found is None
    assert node is not None


def test_a_syntax_error_is_still_reported_by_compose() -> None:
    assert _yaml.compose("a: b & c\nd: [1\n") == (
        None,
        _yaml.YamlProblem(2, 0, "expected ',' or ']', but got '<stream end>'"),
    )


def test_registry_alias_bomb_is_one_finding_at_its_line() -> None:
    sources, findings = parse_sources(REGISTRY_BOMB, "docs/sources.yml")
    assert sources == {}
    assert [f.format() for f in findings] == [
        "docs/sources.yml:5:7: SR001 source registry is not valid YAML: anchor '&l0' is not allowed — write the value out in full (YAML anchors and aliases are not allowed here)"
    ]


def test_front_matter_alias_is_an_fm001_at_its_line() -> None:
    page = "---\ntitle: &t Mixing\ndescription: *t\nlast_reviewed: 2026-01-01\nnext_review: 2027-01-01\n---\n# Mixing\n"
    fm, findings = parse_front_matter(page, "docs/mixing.md")
    assert fm is None
    assert [f.format() for f in findings] == [
        "docs/mixing.md:2:8: FM001 front matter is not valid YAML: anchor '&t' is not allowed — write the value out in full (YAML anchors and aliases are not allowed here)"
    ]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        # a built value       how a message shows it
        ("x" * 100, repr("x" * 37 + "...")),
        ("2020", "'2020'"),
        (20, "20"),
        ([["lol"] * 9] * 9, "a list"),
        ({"k": 1}, "a set of keys"),
        (None, "None"),
    ],
)
def test_describe_is_bounded(value: object, shown: str) -> None:
    assert _yaml.describe(value) == shown


def test_a_long_url_value_is_cut_in_the_message() -> None:
    text = f"- id: a\n  title: T\n  publisher: P\n  kind: other\n  year: 2020\n  url: {'w' * 500}\n  accessed: 2026-01-01\n"
    _, findings = parse_sources(text, "s.yml")
    assert [f.format() for f in findings] == [
        f"s.yml:6:3: SR004 'url' must be a full web address, not '{'w' * 37}...' — write it as https://example.org/page"
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        # YAML text (the mapping "a:" is one level)   (0-based line, col, problem)
        (
            "a: " + "[" * 20_000 + "]" * 20_000,
            (0, 3 + 63, "lists and keys are nested more than 64 levels deep"),
        ),
        (
            "".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "v\n",
            (64, 128, "lists and keys are nested more than 64 levels deep"),
        ),
    ],
    ids=["flow", "block"],
)
def test_collections_nested_too_deep_are_refused_at_once(
    text: str, problem: tuple[int, int, str]
) -> None:
    assert _yaml.compose(text) == (None, _yaml.YamlProblem(*problem, _yaml.DEPTH_FIX))


def test_the_guides_registry_is_well_within_the_limits() -> None:
    from pathlib import Path

    registry = Path(__file__).resolve().parents[2] / "docs" / "sources.yml"
    assert _yaml.refused(registry.read_text("utf-8")) is None
