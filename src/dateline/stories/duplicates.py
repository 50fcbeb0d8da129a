"""Near-duplicate copies: which documents nearly copy an earlier one, kept current as articles arrive.

Two documents are near-copies when their MinHash signatures (word 3-shingles) estimate a Jaccard
similarity of at least ``DUPLICATE_JACCARD`` and share an LSH band (datasketch's ``MinHashLSH``
finds the candidates). Each copy points at the earliest copy (by publication date, then id).

Where a copy points depends only on the documents joined to it by near-copy links (a document
meets only the earlier documents it is linked to), so the copies of one connected group of links
do not depend on any other document. The store keeps each document's band keys (an index: the
documents a new text shares a band with are found by a lookup, not by comparing it with every
text) and the links found; a derive recomputes the copies of the groups a new or changed text can
join (its band neighbours and every document linked to them or to it) with the same function
over those documents alone, and keeps the rest. ``near_copies`` over every document, as
``dateline rebuild`` runs it, gives the same answer.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from datasketch import LeanMinHash, MinHash, MinHashLSH

from dateline.model import Document

DUPLICATE_JACCARD = 0.8  # ECB+ train: 11 pairs at 0.84-1.0 are reprints; no pair across events above 0.05
NUM_PERM = 128
# the bands MinHashLSH cuts a signature into at this threshold (its own choice of bands and rows).
# The store files band keys made by ``band_keys``: a change to the shingles, the bands or the key
# needs a schema migration that drops the signatures (as v6 does), so every key is made again
BANDS = MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=NUM_PERM).hashranges


def _minhash(text: str) -> LeanMinHash:
    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}
    signature = MinHash(num_perm=NUM_PERM, seed=1)
    signature.update_batch([s.encode() for s in shingles])
    return LeanMinHash(signature)


def signature_bytes(text: str) -> bytes:
    """A text's MinHash signature as bytes (what the store keeps, so a derive computes it once)."""
    lean = _minhash(text)
    buffer = bytearray(lean.bytesize())
    lean.serialize(buffer)
    return bytes(buffer)


def band_keys(signature: bytes) -> tuple[tuple[int, str], ...]:
    """(band, key) of each LSH band of a stored signature, the key a short digest of the band's
    values: two documents MinHashLSH would offer as candidates (equal values in a band) share a
    key; a rare digest collision only adds a document to those recomputed, never changes a result."""
    values = LeanMinHash.deserialize(signature).hashvalues
    return tuple(
        (band, hashlib.blake2b(values[start:end].tobytes(), digest_size=8).hexdigest())
        for band, (start, end) in enumerate(BANDS)
    )


def by_age(document: Document) -> tuple[date, str]:
    return (document.published or date.max, document.id)


@dataclass(frozen=True)
class Copies:
    """Each copy → the earliest copy, and the near-copy links (pairs of ids in id order) found."""

    of: dict[str, str]
    links: frozenset[tuple[str, str]]


def near_copies(documents: Sequence[Document], stored: dict[str, bytes] | None = None) -> Copies:
    """The near-copies among ``documents``: each document that nearly copies an earlier one (by
    publication date, then id) → the earliest copy, and every pair linked as near-copies.

    ``stored`` holds signatures made earlier by ``signature_bytes`` (by document id); the others are computed."""
    lsh = MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=NUM_PERM)
    signatures: dict[str, LeanMinHash] = {}
    copies: dict[str, str] = {}
    links: set[tuple[str, str]] = set()
    order: dict[str, int] = {}
    for document in sorted(documents, key=by_age):
        kept = (stored or {}).get(document.id)
        signature = LeanMinHash.deserialize(kept) if kept is not None else _minhash(document.text)
        matches = [m for m in lsh.query(signature) if signature.jaccard(signatures[m]) >= DUPLICATE_JACCARD]
        if matches:
            original = min(matches, key=lambda m: order[m])
            copies[document.id] = copies.get(original, original)
            links.update((min(m, document.id), max(m, document.id)) for m in matches)
        order[document.id] = len(order)
        signatures[document.id] = signature
        lsh.insert(document.id, signature)
    return Copies(copies, frozenset(links))


def affected(fresh: Iterable[str], neighbours: Iterable[str], links: Iterable[tuple[str, str]]) -> set[str]:
    """The documents whose copies a derive must recompute: the ``fresh`` ones (new or changed
    texts), the ``neighbours`` they share a band with, and every document linked to these through
    the stored ``links``, however far."""
    linked: dict[str, set[str]] = {}
    for a, b in links:
        linked.setdefault(a, set()).add(b)
        linked.setdefault(b, set()).add(a)
    found = set(fresh) | set(neighbours)
    todo = list(found)
    while todo:
        for other in linked.get(todo.pop(), ()):
            if other not in found:
                found.add(other)
                todo.append(other)
    return found


def update_copies(
    documents: dict[str, Document],
    fresh: dict[str, bytes],
    neighbours: Collection[str],
    links: Collection[tuple[str, str]],
    copies: dict[str, str],
    signatures_of: Callable[[Collection[str]], dict[str, bytes]],
) -> tuple[Copies, set[str]]:
    """The near-copies of every document after ``fresh`` texts (id → signature) arrived, from what
    the last derive kept: the stored ``links`` and ``copies``, the stored documents sharing a band
    with a fresh text (``neighbours``); ``signatures_of`` reads stored signatures. Returns the
    copies and links of all documents (equal to ``near_copies`` over all of them) and the
    documents recomputed (whose links replace the stored ones)."""
    redo = affected(fresh, neighbours, links) & documents.keys()
    signatures = {**signatures_of(sorted(redo - fresh.keys())), **{k: v for k, v in fresh.items() if k in redo}}
    found = near_copies([documents[i] for i in sorted(redo)], signatures)
    kept_of = {c: o for c, o in copies.items() if c not in redo and c in documents}
    kept_links = {p for p in links if not redo & set(p) and p[0] in documents and p[1] in documents}
    merged = {**kept_of, **found.of}
    in_order = sorted(merged, key=lambda c: by_age(documents[c]))  # as ``near_copies`` meets them: by age
    return Copies({c: merged[c] for c in in_order}, frozenset(kept_links | found.links)), redo
