"""The near-duplicate index (issue 11): copies recomputed only where a new text can change them
equal the copies computed over every document, whatever order the texts arrive in."""

from __future__ import annotations

import random
from collections.abc import Collection
from datetime import date, timedelta

from dateline.model import Document
from dateline.stories.duplicates import affected, band_keys, near_copies, signature_bytes, update_copies

WORDS = ["minister", "council", "summit", "delegation", "agreement", "capital", "river", "harbour", "treaty", "trade"]


def _text(rng: random.Random, length: int = 120) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randrange(40)) for _ in range(length))


def _document(doc_id: str, text: str, day: int | None) -> Document:
    published = date(2024, 1, 1) + timedelta(days=day) if day is not None else None
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, title=None, published=published,
                    source=None, dateline=None, url=None, format="txt", content_hash=str(hash(text)))  # fmt: skip


def _corpus(rng: random.Random) -> list[Document]:
    """Originals, reprints with a line added, reprints of reprints, and unrelated texts."""
    documents = []
    for n in range(6):
        base = _text(rng)
        documents.append(_document(f"o{n}", base, rng.choice([None, n, 3])))
        for k in range(rng.randrange(3)):
            copy = base + " " + _text(rng, 3)
            documents.append(_document(f"c{n}-{k}", copy, rng.choice([None, 0, 2, 5])))
            if rng.random() < 0.5:
                documents.append(_document(f"cc{n}-{k}", copy + " " + _text(rng, 2), rng.choice([None, 1, 4])))
    documents += [_document(f"x{n}", _text(rng), n) for n in range(4)]
    return documents


class _Index:
    """What the store keeps between derives: signatures, band keys, links, each copy's original."""

    def __init__(self) -> None:
        self.signatures: dict[str, bytes] = {}
        self.bands: dict[str, tuple[tuple[int, str], ...]] = {}
        self.links: frozenset[tuple[str, str]] = frozenset()
        self.copies: dict[str, str] = {}

    def read(self, ids: Collection[str]) -> dict[str, bytes]:
        return {i: self.signatures[i] for i in ids if i in self.signatures}

    def derive(self, documents: dict[str, Document], fresh_ids: set[str]) -> dict[str, str]:
        fresh = {i: signature_bytes(documents[i].text) for i in sorted(fresh_ids)}
        wanted = {pair for i in fresh for pair in band_keys(fresh[i])}
        filed = {i for i, keys in self.bands.items() if i not in fresh and set(keys) & wanted}
        found, _ = update_copies(documents, fresh, filed, self.links, self.copies, self.read)
        self.signatures.update(fresh)
        self.bands.update({i: band_keys(s) for i, s in fresh.items()})
        self.links = found.links
        self.copies = found.of
        return found.of


def test_copies_kept_current_equal_copies_over_every_document() -> None:
    chains = 0
    for seed in range(6):
        rng = random.Random(seed)
        corpus = _corpus(rng)
        rng.shuffle(corpus)
        index, stored = _Index(), {}
        size = rng.choice([1, 3, 5])
        for at in range(0, len(corpus), size):
            batch = corpus[at : at + size]
            stored.update({d.id: d for d in batch})
            kept = index.derive(stored, {d.id for d in batch})
            whole = near_copies(list(stored.values()))
            assert kept == whole.of and list(kept) == list(whole.of), seed  # the same copies, in the same order
            assert index.links == whole.links
        chains += sum(k.startswith("cc") for k in index.copies)
    assert chains, "the corpora hold copies of copies"


def test_a_changed_text_leaves_its_old_copies() -> None:
    rng = random.Random(7)
    base = _text(rng)
    documents = {"a": _document("a", base, 0), "b": _document("b", base + " x1", 1), "c": _document("c", base, 2)}
    index = _Index()
    assert index.derive(documents, {"a", "b", "c"}) == {"b": "a", "c": "a"}
    documents["a"] = _document("a", _text(rng), 0)  # rewritten: b and c now copy each other only
    assert index.derive(documents, {"a"}) == near_copies(list(documents.values())).of == {"c": "b"}


def test_affected_follows_links_however_far() -> None:
    links = [("a", "b"), ("b", "c"), ("d", "e")]
    assert affected({"c"}, (), links) == {"a", "b", "c"}
    assert affected({"z"}, {"e"}, links) == {"z", "d", "e"}
