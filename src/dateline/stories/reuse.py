"""Text reuse: the passages of at least five words that two documents share, with both spans.

Agency copy travels: one outlet reprints another's paragraph, a press release is quoted whole, a
correction reissues the story. Two documents share a passage where a run of at least
``MIN_WORDS`` words (compared case-folded, punctuation ignored) appears in both. The run is
grown as long as it goes, so a reprinted paragraph is one passage, not many overlapping ones.

Which pairs are compared is the caller's choice (``derive`` compares the documents of each story,
and each copy with its original): comparing every pair of a large store would be quadratic.
A shared run made only of common words ("at the end of the") is not a passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import combinations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from dateline.model import Document, SharedPassage

MIN_WORDS = 5
MIN_CONTENT_WORDS = 2  # a passage needs this many words that are not stop words
_WORD = re.compile(r"\w+(?:['’]\w+)*")

Words = list[tuple[str, int, int]]  # (folded word, start, end) in text order


def words_of(text: str) -> Words:
    return [(m.group().casefold(), m.start(), m.end()) for m in _WORD.finditer(text)]


def _grams(folded: list[str], n: int) -> dict[tuple[str, ...], list[int]]:
    starts: dict[tuple[str, ...], list[int]] = {}
    for i, key in enumerate(zip(*(folded[k:] for k in range(n)), strict=False)):  # each run of n words
        starts.setdefault(key, []).append(i)
    return starts


def _run_length(a: list[str], i: int, b: list[str], j: int) -> int:
    length = 0
    while i + length < len(a) and j + length < len(b) and a[i + length] == b[j + length]:
        length += 1
    return length


class _Tokens:
    """A document's words and the start positions of each run of ``min_words`` of them."""

    def __init__(self, document: Document, min_words: int) -> None:
        self.id = document.id
        self.words = words_of(document.text)
        self.folded = [w for w, _, _ in self.words]
        self.grams = _grams(self.folded, min_words)

    def key_at(self, position: int, min_words: int) -> tuple[str, ...]:
        return tuple(self.folded[position : position + min_words])


def shared_passages(a: Document, b: Document, *, min_words: int = MIN_WORDS) -> list[SharedPassage]:
    """The maximal runs of at least ``min_words`` words that ``a`` and ``b`` share, in ``b``'s order."""
    return _shared(_Tokens(a, min_words), _Tokens(b, min_words), min_words)


def _shared(a: _Tokens, b: _Tokens, min_words: int) -> list[SharedPassage]:
    common = a.grams.keys() & b.grams.keys()
    if not common:
        return []
    words_a, words_b = a.words, b.words
    found: list[SharedPassage] = []
    covered = 0  # b's words before this are inside a passage already found
    for j in sorted(j for key in common for j in b.grams[key]):  # where a shared run starts in b
        if j < covered:
            continue
        length, i = max((_run_length(a.folded, i, b.folded, j), i) for i in a.grams[b.key_at(j, min_words)])
        covered = j + length
        run = b.folded[j:covered]
        if sum(w not in ENGLISH_STOP_WORDS for w in run) >= MIN_CONTENT_WORDS:
            found.append(SharedPassage(
                document=a.id, start=words_a[i][1], end=words_a[i + length - 1][2],
                other=b.id, other_start=words_b[j][1], other_end=words_b[covered - 1][2], words=length,
            ))  # fmt: skip
    return found


def passages_between(documents: Sequence[Document], pairs: Iterable[tuple[str, str]]) -> list[SharedPassage]:
    """The shared passages of each pair of document ids (each pair once, in id order), sorted.

    Each document is split into words once; a pair that shares no run of ``MIN_WORDS`` words is
    dismissed by comparing the two sets of runs."""
    by_id = {d.id: d for d in documents}
    wanted = sorted({tuple(sorted(pair)) for pair in pairs if pair[0] != pair[1]})
    tokens: dict[str, _Tokens] = {}

    def tokens_of(doc_id: str) -> _Tokens:
        if doc_id not in tokens:
            tokens[doc_id] = _Tokens(by_id[doc_id], MIN_WORDS)
        return tokens[doc_id]

    found: list[SharedPassage] = []
    for first, second in wanted:
        if first in by_id and second in by_id:
            found += _shared(tokens_of(first), tokens_of(second), MIN_WORDS)
    return sorted(found, key=lambda p: (p.document, p.other, p.start, p.other_start))


def story_pairs(groups: Iterable[Sequence[str]]) -> list[tuple[str, str]]:
    """Every pair of documents within each group (a story's documents)."""
    return [pair for group in groups for pair in combinations(sorted(group), 2)]
