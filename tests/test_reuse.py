"""Text reuse: passages of five or more words two documents share, stored with both spans and
shown by `dateline document ID` (stories/reuse.py, derive, store, CLI)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from cli_run import run
from dateline.model import Document, SharedPassage
from dateline.store import open_store
from dateline.stories.reuse import passages_between, shared_passages, story_pairs
from dateline.web import create_app

WIRE = (
    "Ministers of the Northern Rivers Compact met in Lakeport on Tuesday and signed an accord on sharing "
    "the water of the Velna basin, the compact's secretariat said. The next meeting will be held in Orsk."
)
REPRINT = (
    "LAKEPORT, May 4 - Ministers of the Northern Rivers Compact met in Lakeport on Tuesday and signed an "
    "accord on sharing the water of the Velna basin. Farmers' groups welcomed the deal; at the end of the "
    "day it was not clear who would pay for the new canals."
)
OTHER = "At the end of the day it was not clear who would pay, a spokeswoman for the farmers said on Friday."


def _doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text)


def test_a_reprinted_sentence_is_one_passage_with_both_spans() -> None:
    (passage,) = shared_passages(_doc("a", WIRE), _doc("b", REPRINT))
    assert WIRE[passage.start : passage.end] == (
        "Ministers of the Northern Rivers Compact met in Lakeport on Tuesday and signed an accord on sharing "
        "the water of the Velna basin"
    )
    assert REPRINT[passage.other_start : passage.other_end] == WIRE[passage.start : passage.end]
    assert passage.words == 23
    assert (passage.document, passage.other) == ("a", "b")


def test_runs_of_common_words_and_short_runs_are_not_passages() -> None:
    # "at the end of the day it was not clear who would pay": common words plus "day", "clear", "pay"
    found = shared_passages(_doc("b", REPRINT), _doc("c", OTHER))
    shared = [OTHER[p.other_start : p.other_end] for p in found]
    assert shared == ["At the end of the day it was not clear who would pay"]
    assert shared_passages(_doc("b", REPRINT), _doc("c", OTHER), min_words=14) == []
    stop_words_only = _doc("d", "It was at the end of the one of them.")
    assert shared_passages(stop_words_only, _doc("e", "So it was at the end of the one of them, again.")) == []


def test_pairs_are_compared_once_and_seen_from_either_side() -> None:
    docs = [_doc("b", REPRINT), _doc("a", WIRE), _doc("c", OTHER)]
    pairs = [*story_pairs([["b", "a"], ["c"]]), ("a", "b"), ("b", "a"), ("c", "c")]
    found = passages_between(docs, pairs)
    assert [(p.document, p.other) for p in found] == [("a", "b")]
    flipped = found[0].seen_from("b")
    assert (flipped.document, flipped.start, flipped.other, flipped.other_start) == ("b", found[0].other_start, "a", 0)
    assert flipped.seen_from("a") == found[0]


def test_document_command_shows_the_passages_a_stored_article_shares(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "wire.txt").write_text(f"Compact ministers sign water accord\n\n{WIRE}\n", encoding="utf-8")
    (folder / "reprint.txt").write_text(f"Water accord signed in Lakeport\n\n{REPRINT}\n", encoding="utf-8")
    db = str(tmp_path / "reuse.db")
    assert run("ingest", str(folder), "--db", db, "--quiet").exit_code == 0
    with open_store(db) as store:
        ids = {Path(d.path).stem: d.id for d in store.documents()}
        stored = store.shared_passages(ids["reprint"])
    assert [(p.document, p.other, p.words) for p in stored] == [(ids["reprint"], ids["wire"], 23)]
    shown = run("document", ids["reprint"], "--db", db)
    assert shown.exit_code == 0, shown.output
    assert "passages shared with other documents (1)" in shown.output
    assert ids["wire"] in shown.output
    record = json.loads(run("document", ids["wire"], "--db", db, "--json").output)
    (passage,) = record["shared_passages"]
    assert passage["other"] == ids["reprint"]
    assert passage["text"].startswith("Ministers of the Northern Rivers Compact") and passage["words"] == 23
    with TestClient(create_app(db)) as client:
        (served,) = client.get(f"/api/documents/{ids['wire']}").json()["shared_passages"]
        assert (served["other"], served["words"]) == (ids["reprint"], 23)
        page = client.get(f"/documents/{ids['reprint']}").text
    assert "Passages shared with other documents" in page
    assert f'title="also in {ids["wire"]} (23 words)"' in page


def test_passages_are_derived_records_replaced_on_rebuild(store_target: str, make_article: Callable[..., Any]) -> None:
    with open_store(store_target) as store:
        for doc_id in ("doc_x", "doc_y"):
            store.save_article(*make_article(doc_id))
        store.replace_derived([], [], [], [SharedPassage("doc_x", 0, 5, "doc_y", 1, 6, 5)])
        assert store.shared_passages("doc_y") == [SharedPassage("doc_y", 1, 6, "doc_x", 0, 5, 5)]
        assert store.shared_passages("doc_x")[0].other == "doc_y"
        store.replace_derived([], [], [])
        assert store.shared_passages("doc_y") == []
