"""``patterns.phrase_union``: an alternation of phrases written as a trie finds what the plain
alternation sorted longest first finds."""

from __future__ import annotations

import re

import pytest

from dateline.patterns import phrase_union

PHRASES = [
    "northern council",
    "northern council of ministers",
    "northern council of ministers for trade",
    "north sea forum",
    "nordic-baltic eight",
    "union of coastal states",
    "union of coastal and island states",
    "island states",
]


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    written = (re.escape(p).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]+") for p in phrases)
    return re.compile(r"\b(?:" + "|".join(sorted(written, key=len, reverse=True)) + r")\b", re.I)


@pytest.mark.parametrize(
    "text",
    [
        "The Northern Council of Ministers for Trade met; the Northern Council of Ministers did not.",
        "Ministers of the Northern Council-of Ministers arrived, then the NORTH SEA FORUM.",
        "The Nordic Baltic Eight and the Nordic-Baltic Eight are one; the Union of Coastal and Island States",
        "Union of Coastal Statesmen is no body, nor is the northern councillor; island states are.",
    ],
)
def test_the_trie_finds_what_the_longest_first_alternation_finds(text: str) -> None:
    trie = re.compile(r"\b(?:" + phrase_union(PHRASES) + r")\b", re.I)
    expected = [m.span() for m in _alternation([p.replace("-", " ") for p in PHRASES]).finditer(text)]
    assert [m.span() for m in trie.finditer(text)] == expected
    assert expected  # every text names at least one phrase


def test_the_longest_phrase_that_ends_at_a_word_boundary_wins() -> None:
    trie = re.compile(r"\b(?:" + phrase_union(PHRASES) + r")\b", re.I)
    found = trie.search("the Northern Council of Ministers for Trade")
    assert found is not None and found.group() == "Northern Council of Ministers for Trade"
    # "for Traders" does not end at a word boundary: the phrase before it does
    found = trie.search("the Northern Council of Ministers for Traders")
    assert found is not None and found.group() == "Northern Council of Ministers"
