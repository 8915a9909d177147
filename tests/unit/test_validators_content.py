"""Pure parts of check_content: lexicon, forbidden content, masks, headings, readability."""

from __future__ import annotations

import pytest

from pocketguide.validators.lexicon import check_forbidden, check_wording
from pocketguide.validators.prose import mask_code, mask_markup, mask_quotes, position
from pocketguide.validators.readability import score, sections, syllables, visible_text_blocks
from pocketguide.validators.structure import Heading, check_headings, check_images, headings


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # prose (already on one line) -> [(code, term)] found by the stigma rules
        ("He is an addict.", [("WRD001", "addict")]),
        ("Former addicts are welcome.", [("WRD001", "Former addicts")]),
        ("Stop the drug abuse talk.", [("WRD001", "drug abuse")]),
        ("Substance abuse is a dated term.", [("WRD001", "Substance abuse")]),
        ("abusing ketamine", [("WRD001", "abusing ketamine")]),
        ("A ketamine abuser.", [("WRD001", "ketamine abuser")]),
        ("No junkies here.", [("WRD001", "junkies")]),
        ("She got clean.", [("WRD001", "got clean")]),
        ("I'm clean now.", [("WRD001", "I'm clean")]),
        ("They are dirty.", [("WRD001", "They are dirty")]),
        ("clean for 3 years", [("WRD001", "clean for 3")]),
        ("a dirty urine test", [("WRD001", "dirty urine")]),
        ("Drug users know this.", [("WRD001", "Drug users")]),
        ("Ask a user.", [("WRD001", "user")]),
        ("Is relapse common?", [("WRD002", "relapse")]),
        ("an overdose victim", [("WRD002", "overdose victim")]),
        ("He is addicted to it.", [("WRD002", "addicted to")]),
        # Not stigma: equipment, clinical words, quotes, code, links, names, software users.
        ("Use clean needles and clean equipment.", []),
        ("Get clean straws from the service.", []),
        ("Keep your kit clean.", []),
        ("A panic attack passes. A detox service can help.", []),
        ("Addiction is a health condition.", []),
        ('She said "I was an addict" and that is her word.', []),
        ("She said “I was a junkie” once.", []),
        ("> I was an addict for ten years.", []),
        ("Run `addict --help` to see.", []),
        ("See [the guide](https://example.org/addict-guide/).", []),
        ("Narcotics Anonymous meets weekly.", []),
        ("iPhone users tap Share. Screen reader users hear it.", []),
        ("The user interface is simple.", []),
    ],
)
def test_stigma_lexicon(text: str, expected: list[tuple[str, str]]) -> None:
    found = check_wording(mask_quotes(text), "p.md", ("ketamine",))
    assert [f.code for f in found] == [code for code, _ in expected]
    got = [
        (f.code, text[f.col - 1 : f.col - 1 + len(term)])
        for f, (_, term) in zip(found, expected, strict=True)
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "names", "terms"),
    [
        # The guide's own drug names (the `substances` setting) join the general words.
        ("abusing ketamine. A ketamine habit.", (), []),
        ("abusing ketamine. A ketamine habit.", ("ketamine",), ["abusing ketamine",
                                                                "ketamine habit"]),
        ("Nitrous oxide abuse. Poppers users.", ("nitrous oxide", "poppers"),
         ["Nitrous oxide abuse", "Poppers users"]),
        ("A ketamine abuser.", (), ["abuser"]),
        ("Child abuse is a crime.", ("ketamine",), []),
    ],
)  # fmt: skip
def test_stigma_rules_name_a_guides_drugs(
    text: str, names: tuple[str, ...], terms: list[str]
) -> None:
    found = check_wording(mask_quotes(text), "p.md", names)
    assert [
        text[f.col - 1 : f.col - 1 + len(term)] for f, term in zip(found, terms, strict=True)
    ] == terms


def test_stigma_finding_names_term_and_replacement() -> None:
    [finding] = check_wording(mask_quotes("Line one.\nHe is an addict."), "docs/p.md")
    assert finding.format() == (
        "docs/p.md:2:10: WRD001 'addict' is stigmatising language — "
        "write 'person who uses drugs (or people who use drugs)' instead"
    )


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # visible text -> forbidden codes
        ("Take 50 mg.", ["FBD001"]),
        ("0.5-1 mg/kg", ["FBD001"]),
        ("between 10 and 20 milligrams", ["FBD001"]),
        ("25 micrograms", ["FBD001"]),
        ("a dose of 1 gram", ["FBD001"]),
        ("mg/kg doses", ["FBD001"]),
        ("20 micrograms of ketamine per litre of blood", []),  # a legal limit, not a dose
        ("no 4G signal", []),
        ("There is no normal dose.", ["FBD002"]),
        ("the usual amount", ["FBD002"]),
        ("a low dose", []),
        ("how to reach a k-hole", ["FBD003"]),
        ("the best way to get into a K hole", ["FBD003"]),
        ("a k-hole dose", ["FBD003"]),
        ("If someone is in a k-hole, stay with them.", []),
        ("use a 27 gauge needle", ["FBD004"]),
        ("a 30G needle", ["FBD004"]),
        ("how to inject", ["FBD004"]),
        ("preparing a shot", ["FBD004"]),
        ("inject it into a vein", ["FBD004"]),
        ("Do not share needles; get new ones from a needle service.", []),
    ],
)
def test_forbidden_content(text: str, codes: list[str]) -> None:
    assert [f.code for f in check_forbidden(mask_markup(text), "p.md")] == codes


def test_forbidden_content_counts_quotes_but_not_link_targets() -> None:
    text = 'He said "take 50 mg". See [dosing](https://x.example/50mg).'
    assert [(f.code, f.col) for f in check_forbidden(mask_markup(text), "p.md")] == [("FBD001", 15)]


def test_masks_keep_shape() -> None:
    text = '---\nt: x\n---\n# T `code`\n```\naddict\n```\n<!-- c\nd -->\n[a](b.md "t") [@id] {#x}\n'
    for masked in (mask_code(text), mask_markup(text), mask_quotes(text)):
        assert [len(line) for line in masked.split("\n")] == [
            len(line) for line in text.split("\n")
        ]
    assert mask_code(text).split("\n")[3:7] == ["# T       ", "   ", "      ", "   "]
    assert mask_markup(text).split("\n")[9].rstrip() == "[a]"


def test_position() -> None:
    assert position("ab\ncd\nef", 4) == (2, 2)
    assert position("x", 0) == (1, 1)


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # body -> [(level, text, line)]
        ("# A\n\n## B\n\n### C\n", [(1, "A", 1), (2, "B", 3), (3, "C", 5)]),
        ("Title\n=====\n\nSub\n---\n", [(1, "Title", 1), (2, "Sub", 4)]),
        ("- item\n---\n", []),  # a rule after a list item is not a heading
        ("#hashtag\n", []),
        ("## Closed ##\n", [(2, "Closed", 1)]),
    ],
)
def test_headings(markdown: str, expected: list[tuple[int, str, int]]) -> None:
    assert [(h.level, h.text, h.line) for h in headings(mask_code(markdown))] == expected


def test_headings_in_code_blocks_are_ignored() -> None:
    assert headings(mask_code("# A\n```\n# not a heading\n```\n")) == [Heading(1, "A", 1)]


@pytest.mark.parametrize(
    ("levels", "codes"),
    [
        ([1, 2, 3, 2], []),
        ([2], ["HDG001"]),
        ([1, 1], ["HDG001"]),
        ([1, 3], ["HDG002"]),
        ([1, 2, 4], ["HDG002"]),
    ],
)
def test_check_headings(levels: list[int], codes: list[str]) -> None:
    items = [Heading(level, f"h{i}", i + 1) for i, level in enumerate(levels)]
    assert [f.code for f in check_headings(items, "p.md")] == codes


def test_check_images() -> None:
    text = "![](a.png)\n![Alt](b.png)\n<img src='c.png'>\n<img alt='' src='d.png'>\n![ ][ref]\n"
    assert [(f.line, f.code) for f in check_images(text, "p.md")] == [
        (1, "IMG001"),
        (5, "IMG001"),
        (3, "IMG001"),
    ]


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("the", 1),
        ("ketamine", 3),
        ("Naloxone", 3),
        ("emergency", 4),
        ("water", 2),
        ("MDMA", 4),
        ("unconscious", 3),
        ("being", 2),
    ],
)
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_visible_text_drops_code_urls_tables_and_citations_and_splits_lists() -> None:
    markdown = (
        "Call for help [@nhs] now. See https://example.org/long/url.\n\n"
        "- Sit down\n- Drink water\n\n"
        "```\nlong_code_identifier()\n```\n\n"
        "| a | b |\n|---|---|\n| cell | cell |\n\n"
        '!!! warning "Careful"\n    Stay with a friend.\n'
    )
    assert visible_text_blocks(markdown) == [
        "Call for help now. See",
        "Sit down",
        "Drink water",
        "Stay with a friend.",
    ]


def test_score_counts_list_items_as_sentences() -> None:
    got = score("- Sit down\n- Drink some water\n- Stay with a friend\n")
    assert (got.words, got.sentences) == (9, 3)
    assert got.grade < 2


def test_sections_split_at_h2_with_intro() -> None:
    body = "# T\n\nIntro.\n\n## A\n\nText A.\n\n### A1\n\nMore.\n\n## B\n\nText B."
    items = headings(body)
    parts = sections(body, [Heading(h.level, h.text, h.line + 9) for h in items], 10)
    assert [(h.text, h.line, len(text.split("\n"))) for h, text in parts] == [
        ("T", 10, 4),
        ("A", 14, 8),
        ("B", 22, 3),
    ]
