"""How alike two reports are: their words, the names they mention, and when they were written.

A document's profile holds its text (title and body), the names spaCy found in it (people,
organisations, places, events …) and its time anchor: the publication date, else the first
full date (day, month and year) in its first two sentences. Two documents' similarity is a weighted sum of

- the cosine of their TF-IDF word vectors (sublinear term frequency, English stop words,
  IDF fitted on the documents being grouped),
- the cosine of their TF-IDF vectors of names (each name one term, case folded),
- a date term: a bonus when both anchors lie within ``near_days`` of each other, nothing
  otherwise. (A penalty for anchors far apart was measured on ECB+ train and lowered F1:
  0.859 → 0.842 at 0.2 beyond 60 days; too many anchors are dates the text only mentions.
  Two sessions of a series stay apart through the events stage's meetings instead.)

A pair is kept only when its words and names reach ``floor`` (the date bonus is added after:
a date alone never makes two articles alike). Each kept value is then scaled to the two
documents' neighbourhoods (local scaling, as in spectral clustering): divided by the geometric
mean of both documents' *reach*, the mean of each one's ``neighbours`` highest similarities
(at least ``reach_floor``). A short report that shares few words with anything still stands out
against its own neighbours, while two reports of one kind of event in a crowded topic must beat
what their neighbours share. The floors keep two lone articles from being scaled up into one
story; they cost some recall (figures in docs/benchmarks.md, issue 11).

The weights, floors and the threshold stories are cut at (``grouping.STORY_THRESHOLD``) were
chosen on ECB+ train (``bench/ecbplus.py --split train``, re-cut with ``dateline rebuild``) and
are reported on ECB+ dev.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from dateline.model import DateMention, Document, EntityMention

ANCHOR_SENTENCES = 2  # a date line or dateline sits in the first sentences; later dates are history
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "WORK_OF_ART", "PRODUCT", "LAW"})


@dataclass(frozen=True)
class Weights:
    """The parts of a pair's similarity (chosen on ECB+ train)."""

    text: float = 0.8
    names: float = 0.2
    near_bonus: float = 0.1
    near_days: int = 7
    floor: float = 0.15  # pairs below this are not kept (they would only lower a mean, or be scaled up)
    neighbours: int = 5  # how many nearest documents make a document's reach (local scaling)
    reach_floor: float = 0.2  # a reach below this counts as this


WEIGHTS = Weights()


@dataclass(frozen=True)
class Profile:
    """What story grouping needs of one document."""

    document: str
    text: str
    names: tuple[str, ...]
    anchor: date | None


def profile(document: Document, entities: Sequence[EntityMention], dates: Sequence[DateMention]) -> Profile:
    """A document's profile from its stored text, entity mentions and resolved dates."""
    names = tuple(" ".join(e.text.lower().split()).replace(" ", "_") for e in entities if e.label in NAME_LABELS)
    anchor = document.published
    if anchor is None:
        dated = [
            d
            for d in dates
            if d.start is not None and d.sentence < ANCHOR_SENTENCES and not d.relative and d.granularity == "day"
        ]
        anchor = min(dated, key=lambda d: d.char_start).start if dated else None
    text = f"{document.title}\n{document.text}" if document.title else document.text
    return Profile(document=document.id, text=text, names=names, anchor=anchor)


def _cosines(matrix: sparse.csr_matrix, floor: float) -> sparse.coo_matrix:
    product = (matrix @ matrix.T).tocoo()
    keep = (product.row < product.col) & (product.data >= floor)
    return sparse.coo_matrix((product.data[keep], (product.row[keep], product.col[keep])), shape=product.shape)


def _tfidf(texts: list[str], **options: object) -> sparse.csr_matrix:
    if not any(t.strip() for t in texts):
        return sparse.csr_matrix((len(texts), 1))
    try:
        return TfidfVectorizer(sublinear_tf=True, dtype=np.float64, **options).fit_transform(texts)  # type: ignore[arg-type]
    except ValueError:  # every text empty after stop words
        return sparse.csr_matrix((len(texts), 1))


def similar_pairs(profiles: Sequence[Profile], weights: Weights = WEIGHTS) -> dict[tuple[int, int], float]:
    """The similarity of every pair of profiles (by position, i < j) that share words or names."""
    if len(profiles) < 2:
        return {}
    words = _tfidf([p.text for p in profiles], stop_words="english")
    names = _tfidf([" ".join(p.names) for p in profiles], token_pattern=r"\S+", lowercase=False)
    pairs: dict[tuple[int, int], float] = {}
    for part, weight in ((words, weights.text), (names, weights.names)):
        cos = _cosines(part, weights.floor / 2)
        for i, j, value in zip(cos.row.tolist(), cos.col.tolist(), cos.data.tolist(), strict=True):
            pairs[(i, j)] = pairs.get((i, j), 0.0) + weight * value
    result = {}
    for (i, j), value in pairs.items():
        if value < weights.floor:  # words and names must bring a pair this far: a date alone never does
            continue
        a, b = profiles[i].anchor, profiles[j].anchor
        if a is not None and b is not None and abs((a - b).days) <= weights.near_days:
            value += weights.near_bonus
        result[(i, j)] = value
    return _locally_scaled(len(profiles), result, weights)


def _locally_scaled(n: int, pairs: dict[tuple[int, int], float], weights: Weights) -> dict[tuple[int, int], float]:
    """Each pair's value over the geometric mean of both documents' reach (see the module's text)."""
    nearest: list[list[float]] = [[] for _ in range(n)]
    for (i, j), value in pairs.items():
        nearest[i].append(value)
        nearest[j].append(value)
    k = weights.neighbours
    reach = [max(sum(sorted(values, reverse=True)[:k]) / k, weights.reach_floor) for values in nearest]
    return {(i, j): value / (reach[i] * reach[j]) ** 0.5 for (i, j), value in pairs.items()}
