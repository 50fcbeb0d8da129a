"""Regular expressions made from words met in text (a surname, a city), compiled once per word, and
alternations of many phrases written as a trie.

``re``'s own cache holds 512 patterns; a stream of articles brings a new surname or city in
almost every one, so patterns built per article would be compiled again and again, and would
push the fixed patterns of the stages out of that cache as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=1 << 13)
def whole_word(word: str, before: str = r"[\w-]") -> re.Pattern[str]:
    """``word`` literally, not preceded by a character of the class ``before`` nor followed by a
    word character or hyphen: ``(?<!BEFORE)WORD(?![\\w-])``."""
    return re.compile(rf"(?<!{before}){re.escape(word)}(?![\w-])")


_GAP = " "  # a unit of the trie: any run of spaces or hyphens between two words of a phrase


def phrase_union(phrases: Iterable[str], gap: str = r"[\s-]+") -> str:
    """A regular expression for any of ``phrases`` (lower case; words apart by spaces or hyphens, matched
    by ``gap``), written as a trie: phrases that share a beginning share its test, so a long list costs
    about as much as a short one at each position of a text. Where several phrases match at one place,
    the longest wins, as in an alternation sorted longest first. Compile it with ``re.IGNORECASE`` for
    phrases in any case."""
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for unit in _GAP.join(re.split(r"[\s-]+", phrase.strip().lower())):
            node = node.setdefault(unit, {})
        node[""] = {}  # a phrase ends here
    return _trie_pattern(root, gap)


def _trie_pattern(node: dict[str, dict], gap: str) -> str:
    branches = [
        (gap if unit == _GAP else re.escape(unit)) + _trie_pattern(child, gap)
        for unit, child in sorted(node.items())
        if unit
    ]
    if not branches:
        return ""
    ends_here = "" in node
    if len(branches) == 1 and not ends_here:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends_here else "")  # greedy: the longer phrase first
