"""Finding words of a Doc by their vocabulary hashes, in one ``Doc.to_array`` pass.

``Doc.to_array`` gives a token attribute (ORTH, LOWER, LEMMA, POS…) of every word as a uint64
hash; ``numpy.isin`` against a sorted array of wanted hashes then finds them all at once,
without building a Token object per word.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy


def hash_array(hashes: Iterable[int]) -> numpy.ndarray:
    """Hashes (or spaCy symbol ids) as a sorted uint64 array, the type ``Doc.to_array`` gives."""
    return numpy.array(sorted(set(hashes)), dtype=numpy.uint64)


def string_hashes(vocab: Any, words: Iterable[str]) -> numpy.ndarray:
    """The vocabulary's hashes of ``words`` (added to its string store) as a ``hash_array``."""
    return hash_array(vocab.strings.add(word) for word in words)


def positions(column: numpy.ndarray, wanted: numpy.ndarray) -> list[int]:
    """The indices of ``column`` (one attribute of ``Doc.to_array``) that hold a wanted hash."""
    return numpy.flatnonzero(numpy.isin(column, wanted)).tolist()
