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


COSINE_ROWS = 512  # rows of the product computed at a time: memory follows the pairs kept, not n × n


def _cosines(matrix: sparse.csr_matrix, floor: float) -> sparse.coo_matrix:
    """The pairs (row < col) whose cosine reaches ``floor``, in row-major order. Computed a block of
    rows at a time against the rows from the block's first on (each value is the sum the whole
    product gives: a row's terms are added in the same order), so no n × n product is ever held."""
    n = matrix.shape[0]
    rows, cols, data = [], [], []
    for start in range(0, n, COSINE_ROWS):
        block = (matrix[start : start + COSINE_ROWS] @ matrix[start:].T).tocoo()  # each row's columns as found
        row, col = block.row.astype(np.int64) + start, block.col.astype(np.int64) + start
        keep = (row < col) & (block.data >= floor)
        rows.append(row[keep])
        cols.append(col[keep])
        data.append(block.data[keep])
    if not rows:
        return sparse.coo_matrix((n, n))
    return sparse.coo_matrix((np.concatenate(data), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))


def _tfidf(texts: list[str], **options: object) -> sparse.csr_matrix:
    if not any(t.strip() for t in texts):
        return sparse.csr_matrix((len(texts), 1))
    try:
        return TfidfVectorizer(sublinear_tf=True, dtype=np.float64, **options).fit_transform(texts)  # type: ignore[arg-type]
    except ValueError:  # every text empty after stop words
        return sparse.csr_matrix((len(texts), 1))


def similar_pairs(profiles: Sequence[Profile], weights: Weights = WEIGHTS) -> dict[tuple[int, int], float]:
    """The similarity of every pair of profiles (by position, i < j) that share words or names.

    Computed on arrays, pair by pair as the weighted sum, floor, date bonus and local scaling
    above say (each value the same float a loop over pairs gives, in the same order)."""
    if len(profiles) < 2:
        return {}
    n = len(profiles)
    words = _tfidf([p.text for p in profiles], stop_words="english")
    names = _tfidf([" ".join(p.names) for p in profiles], token_pattern=r"\S+", lowercase=False)
    word_cos, name_cos = _cosines(words, weights.floor / 2), _cosines(names, weights.floor / 2)
    word_keys = word_cos.row.astype(np.int64) * n + word_cos.col
    name_keys = name_cos.row.astype(np.int64) * n + name_cos.col
    values = weights.text * word_cos.data
    order = np.argsort(word_keys, kind="stable")
    at = np.minimum(np.searchsorted(word_keys[order], name_keys), max(len(word_keys) - 1, 0))
    found = word_keys[order][at] == name_keys if len(word_keys) else np.zeros(len(name_keys), dtype=bool)
    values[order[at[found]]] += weights.names * name_cos.data[found]  # a pair with words and names
    keys = np.concatenate([word_keys, name_keys[~found]])  # names alone come after, as a dict fills
    values = np.concatenate([values, weights.names * name_cos.data[~found]])
    keep = values >= weights.floor  # words and names must bring a pair this far: a date alone never does
    keys, values = keys[keep], values[keep]
    first, second = keys // n, keys % n
    anchors = np.array([p.anchor.toordinal() if p.anchor else np.nan for p in profiles])
    apart = np.abs(anchors[first] - anchors[second])
    near = ~np.isnan(apart) & (apart <= weights.near_days)
    values[near] += weights.near_bonus
    return _locally_scaled(n, first, second, values, weights)


def _locally_scaled(
    n: int, first: np.ndarray, second: np.ndarray, values: np.ndarray, weights: Weights
) -> dict[tuple[int, int], float]:
    """Each pair's value over the geometric mean of both documents' reach (see the module's text)."""
    k = weights.neighbours
    ends = np.concatenate([first, second])
    both = np.concatenate([values, values])
    order = np.lexsort((-both, ends))  # each document's values, highest first
    ends, both = ends[order], both[order]
    starts = np.searchsorted(ends, np.arange(n))
    rank = np.arange(len(ends)) - starts[ends]
    top = np.zeros((n, k))
    top[ends[rank < k], rank[rank < k]] = both[rank < k]
    total = np.zeros(n)
    for column in range(k):  # summed left to right, as sum() adds the highest first
        total = total + top[:, column]
    reach = np.maximum(total / k, weights.reach_floor)
    means = np.array([product**0.5 for product in (reach[first] * reach[second]).tolist()])  # C pow, as before
    scaled = values / means if len(values) else values
    return dict(zip(zip(first.tolist(), second.tolist(), strict=True), scaled.tolist(), strict=True))
