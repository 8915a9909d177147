"""pocketguide/search's pure parts: words as the worker splits them, other names, the
rewritten index, and the names files."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from pocketguide.plugins.search import index, names

if TYPE_CHECKING:
    from pathlib import Path

GROUPS = [
    ("benzos", "benzodiazepines", "xanax", "valium"),
    ("ketamine", "ket", "special k", "k"),
    ("comedown", "day after"),
    ("ghb", "g"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # text as Material's index holds it        words the worker indexes
        ("<p>Benzos (Xanax, Valium)</p>", ["benzos", "xanax", "valium"]),
        ("Opioids/alcohol; GHB-or-GBL", ["opioids", "alcohol", "ghb", "or", "gbl"]),
        ("“Pink cocaine” &amp; 2C-B…", ["pink", "cocaine", "2c", "b"]),
        ("Don’t [7, 8] e.g. ‘tusi’", ["don", "t", "7", "8", "e", "g", "tusi"]),
        ("cetamina: ¿sí? ¡No!", ["cetamina", "sí", "no"]),
    ],
)
def test_words_split_on_punctuation_like_the_worker(text: str, expected: list[str]) -> None:
    assert index.words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>Benzos slow breathing.</p>", ["benzodiazepines", "xanax", "valium"]),
        # stemmed: "benzodiazepine" is a name of the group
        ("one benzodiazepine", ["benzos", "xanax", "valium"]),
        # every use counts, up to three times
        ("xanax, valium, benzos, benzos", ["benzodiazepines"] * 3),
        # a name of a few words is found as those words in that order, and also added as one
        ("the day after is hard", ["comedown", "dayafter"]),
        ("the day is after", []),
        # a one-letter name is added to entries that use another name, never read from them
        ("ket", ["ketamine", "special k", "k", "specialk"]),
        ("e.g. this", []),
        ("GHB", ["g"]),
    ],
)
def test_an_entry_gets_the_other_names_of_each_group_it_uses(
    text: str, expected: list[str]
) -> None:
    assert index.Expander(GROUPS, "en").aliases(text) == expected


def test_spanish_names_are_matched_by_their_spanish_stem() -> None:
    expander = index.Expander([("benzodiacepinas", "benzos", "xanax")], "es")
    assert expander.aliases("una benzodiacepina") == ["benzos", "xanax"]


def test_improve_sets_the_separator_stemming_weights_and_aliases() -> None:
    raw = {
        "config": {
            "lang": ["en"],
            "separator": "[\\s\\-]+",
            "pipeline": ["stopWordFilter"],
            "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}},
        },
        "docs": [
            {"location": "mixing/", "title": "Mixing", "text": "<p>Do not mix.</p>"},
            {"location": "mixing/#benzos", "title": "Benzos", "text": "<p>The K-hole.</p>"},
            {"location": "sources/", "title": "Sources", "text": "", "boost": 0.05},
        ],
    }
    improved, gained = index.improve(raw, GROUPS, "en")
    assert gained == 1
    assert improved["config"] == {
        "lang": ["en"],
        "separator": index.SEPARATOR,
        "pipeline": ["stemmer", "stopWordFilter"],
        "phrases": ["dayafter", "specialk"],
        "fields": {
            "title": {"boost": 3.0},
            "text": {"boost": 1.0},
            "title_aliases": {"boost": 3.0},
            "aliases": {"boost": 1.0},
        },
    }
    assert improved["docs"] == [
        {"location": "mixing/", "title": "Mixing", "text": "<p>Do not mix.</p>", "boost": 0.5},
        {
            "location": "mixing/#benzos",
            "title": "Benzos",
            "text": "<p>The K-hole.</p>",
            "title_aliases": "benzodiazepines xanax valium",
            "aliases": "khole",
        },
        {"location": "sources/", "title": "Sources", "text": "", "boost": pytest.approx(0.025)},
    ]
    assert raw["docs"][0] == {
        "location": "mixing/",
        "title": "Mixing",
        "text": "<p>Do not mix.</p>",
    }


def test_a_synonyms_file_without_groups_is_named(tmp_path: Path) -> None:
    file = tmp_path / "synonyms.yml"
    file.write_text("- [coke, cocaine]\n", encoding="utf-8")
    with pytest.raises(names.NamesError) as caught:
        names.synonym_groups(file)
    assert str(caught.value) == (
        f"{file}:1:1: NAM002 no 'groups:' list — write 'groups:', then '- [name, other name]'"
    )


def test_a_synonyms_file_that_is_not_yaml_is_named_by_line(tmp_path: Path) -> None:
    file = tmp_path / "synonyms.yml"
    file.write_text("groups:\n  - [coke, cocaine\n  - [weed]\n", encoding="utf-8")
    with pytest.raises(names.NamesError) as caught:
        names.synonym_groups(file)
    assert str(caught.value).startswith(f"{file}:3:")
    assert ": NAM001 " in str(caught.value)
    assert " — fix the YAML here" in str(caught.value)


def test_a_names_file_with_an_alias_bomb_is_refused_before_it_expands(tmp_path: Path) -> None:
    file = tmp_path / "synonyms.yml"
    rows = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    rows += [
        f"{b}: &{b} [*{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}]"
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    file.write_text("\n".join(["groups:", *(f"  - {row}" for row in rows)]) + "\n")
    with pytest.raises(names.NamesError) as caught:
        names.synonym_groups(file)
    assert str(caught.value).startswith(f"{file}:2:")
    assert ": NAM001 anchor '&a' is not allowed" in str(caught.value)


def test_numbers_stay_as_written_and_single_names_are_dropped(tmp_path: Path) -> None:
    file = tmp_path / "synonyms.yml"
    file.write_text("groups:\n  - [ambulance, 000, 999]\n  - [alone]\n", encoding="utf-8")
    assert names.synonym_groups(file) == [("ambulance", "000", "999")]


def test_the_mixing_data_gives_each_substance_one_group(tmp_path: Path) -> None:
    file = tmp_path / "mixing.yml"
    file.write_text(
        "ratings: {}\n"
        "substances:\n"
        "  - {id: ghb, name: GHB or GBL, short: GHB or GBL, also_called: [G, gina]}\n"
        "  - {id: caffeine, name: Caffeine, short: caffeine}\n",
        encoding="utf-8",
    )
    assert names.mixing_groups(file) == [("ghb or gbl", "ghb", "gbl", "g", "gina")]


def test_words_most_entries_use_are_not_added_as_other_names() -> None:
    # "top up" adds "top" to the entry that says "redose", not "up": eleven of twelve entries
    # say "up", and a question with "up" in it must not go to every entry about redosing.
    docs = [{"location": f"p{i}/", "title": "", "text": "Sit up."} for i in range(11)]
    docs.append({"location": "redose/", "title": "", "text": "Wait, then redose."})
    raw = {"config": {"fields": {}}, "docs": docs}
    improved, _ = index.improve(raw, [("redose", "top up", "re-dose")], "en")
    assert improved["docs"][-1]["aliases"] == "top re dose topup redose"
