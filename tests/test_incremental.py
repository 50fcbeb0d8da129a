"""The derive after each batch (``add_articles``) equals ``rebuild``, whatever the order and batching.

Issue 11: the cross-article stage reuses what the last derive kept (MinHash signatures, the
shared passages of pairs compared before) and writes only the rows that changed. Its result
must be the full rebuild's. Our own test articles (and a reprint of one, so that copies and
shared passages occur) are analysed once, then stored in three orders and batchings, one of
them storing a first version of an article and replacing it later; after the last batch the
export and every document's shared passages are compared with what ``rebuild`` writes over the
same store, and across the three orders (SQLite and PostgreSQL).
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dateline.derive import add_articles, derive, rebuild
from dateline.export import export_json
from dateline.ingest import iter_documents
from dateline.model import Annotated, Document, Extraction
from dateline.pipeline import process_documents
from dateline.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [ROOT / "tests" / "data" / "events", ROOT / "examples"]
Article = tuple[Annotated, Extraction]


def _reprint(document: Document, doc_id: str, extra: str) -> Document:
    return replace(document, id=doc_id, path=f"{document.path}.{doc_id}", text=document.text + extra,
                   content_hash=f"{document.content_hash}-{doc_id}")  # fmt: skip


@pytest.fixture(scope="module")
def articles() -> tuple[list[Article], Article]:
    """Every test article analysed once (with a reprint of the first), and an earlier version of one."""
    documents = sorted((d for d in iter_documents(CORPORA) if isinstance(d, Document)), key=lambda d: d.id)
    reprint = _reprint(documents[0], "reprint", "\n\nThe report was carried by several outlets.")
    first_draft = replace(documents[1], text=documents[1].text[: len(documents[1].text) // 2],
                          content_hash=f"{documents[1].content_hash}-draft")  # fmt: skip
    outcomes = list(process_documents([*documents, reprint, first_draft]))
    assert all(isinstance(o, tuple) for o in outcomes), [o for o in outcomes if not isinstance(o, tuple)]
    done: list[Article] = [o for o in outcomes if isinstance(o, tuple)]
    return done[:-1], done[-1]


def _plans(count: int) -> list[list[list[int]]]:
    """Three orders and batchings of ``count`` articles; -1 stands for the first draft of article 1."""
    shuffled = list(range(count))
    random.Random(11).shuffle(shuffled)
    reverse = list(range(count))[::-1]
    return [
        [list(range(count))],  # one batch, in id order
        [reverse[i : i + 7] for i in range(0, count, 7)],  # reversed, seven at a time
        [[-1, *shuffled[:3]], *[shuffled[i : i + 5] for i in range(3, count, 5)]],  # a draft replaced later
    ]


def _state(store: Store) -> dict[str, Any]:
    """Everything the derive writes: the export, every document's shared passages and story links."""
    documents = [d.id for d in store.documents()]
    return {
        "export": export_json(store),
        "passages": {d: store.shared_passages(d) for d in documents},
        "links": store.document_links(),
        "names": store.name_pairs(),
    }


def test_incremental_derive_equals_rebuild_in_any_order(
    three_targets: list[str], articles: tuple[list[Article], Article]
) -> None:
    corpus, draft = articles
    states = []
    for target, plan in zip(three_targets, _plans(len(corpus)), strict=True):
        with open_store(target) as store:
            for batch in plan:
                for i in batch:
                    store.save_article(*(draft if i < 0 else corpus[i]))
                add_articles(store)
            incremental = _state(store)
            rebuild(store)
            assert _state(store) == incremental
            states.append(incremental)
    export = states[0]["export"]
    assert len(export["documents"]) == len(corpus) and export["events"] and export["stories"]
    assert any(d["duplicate_of"] for d in export["documents"]), "the reprint is marked a copy"
    assert any(states[0]["passages"].values())
    assert states[1] == states[0]
    assert states[2] == states[0]


def test_a_derive_with_nothing_new_writes_nothing(tmp_path: Path, articles: tuple[list[Article], Article]) -> None:
    corpus, _draft = articles
    with open_store(str(tmp_path / "again.db")) as store:
        for article in corpus[:12]:
            store.save_article(*article)
        add_articles(store)
        before = _state(store)
        assert set(add_articles(store).values()) == {0}  # derived again, nothing stored since
        assert _state(store) == before
        store.save_article(*corpus[12])
        written = add_articles(store)
        assert written["documents"] >= 1 and written["stories"] >= 1


def test_a_derive_overtaken_by_a_save_writes_nothing_and_add_articles_derives_again(
    tmp_path: Path, articles: tuple[list[Article], Article]
) -> None:
    """Two ingests on one store: records computed before another writer saved an article are not
    written as current (they would hide that article); add_articles derives again."""
    corpus, _draft = articles
    late = corpus[5][0].document.id
    with open_store(str(tmp_path / "two.db")) as store:
        for article in corpus[:5]:
            store.save_article(*article)
        records = derive(store, reuse=True)
        store.save_article(*corpus[5])  # the other writer, meanwhile
        assert store.write_derived(records) is None
        assert store.derived_is_stale() and not store.stories()
        add_articles(store)
        assert not store.derived_is_stale()
        assert late in {doc for story in store.stories() for doc in story.documents}
