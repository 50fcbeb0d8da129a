"""The batch runner over the real NLP model and a real store: skip unchanged, isolate failures, derive."""

from __future__ import annotations

import json

import pytest

from dateline import pipeline
from dateline.errors import InputError, StoreError
from dateline.ingest import iter_documents
from dateline.model import Annotated, Extraction
from dateline.pipeline import IngestReport, ProgressEvent, ingest, process_documents
from dateline.store import open_store
from ingest_articles import article_text, write_corpus


def test_process_documents_keeps_order_and_passes_errors_through(tmp_path):
    write_corpus(tmp_path, 3)
    items = [*iter_documents([tmp_path]), InputError("x.txt", "empty file")]
    items.insert(1, InputError("y.txt", "binary file"))
    outcomes = list(process_documents(items, batch_size=2))
    assert [o.path if isinstance(o, InputError) else o[0].document.id for o in outcomes] == [
        "art-000", "y.txt", "art-001", "art-002", "x.txt",
    ]  # fmt: skip
    annotated, extraction = outcomes[0]
    assert isinstance(annotated, Annotated) and isinstance(extraction, Extraction)
    assert annotated.spacy_doc is None  # dropped after extraction: outcomes are small and picklable
    assert annotated.sentences and any(e.label == "PERSON" for e in annotated.entities)
    assert extraction.document == annotated.document


def _failing_on(doc_id: str, real):
    """A stage that behaves like ``real`` except on one article, where it raises (fault injection)."""

    def stage(arg, *args, **kwargs):
        documents = list(arg) if isinstance(arg, list) else [arg.document]
        if any(d.id == doc_id for d in documents):
            raise RuntimeError(f"injected failure on {doc_id}")
        return real(arg, *args, **kwargs)

    return stage


def test_an_article_failing_in_extraction_is_rejected_alone(tmp_path, monkeypatch):
    write_corpus(tmp_path, 3)
    monkeypatch.setattr(pipeline, "extract", _failing_on("art-001", pipeline.extract))
    outcomes = list(process_documents(iter_documents([tmp_path])))
    assert [type(o).__name__ for o in outcomes] == ["tuple", "InputError", "tuple"]
    error = outcomes[1]
    assert error.path == str(tmp_path / "art-001.txt")
    assert error.reason == "event extraction failed unexpectedly (RuntimeError: injected failure on art-001)"


def test_an_article_failing_in_nlp_is_found_in_its_batch(tmp_path, monkeypatch):
    write_corpus(tmp_path, 4)
    monkeypatch.setattr(pipeline, "annotate", _failing_on("art-002", pipeline.annotate))
    outcomes = list(process_documents(iter_documents([tmp_path]), batch_size=4))
    assert [o.path if isinstance(o, InputError) else o[0].document.id for o in outcomes] == [
        "art-000", "art-001", str(tmp_path / "art-002.txt"), "art-003",
    ]  # fmt: skip
    assert "NLP failed unexpectedly (RuntimeError" in outcomes[2].reason


def test_ingest_stores_reports_and_derives(store_target, tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 4)
    (corpus / "empty.txt").write_bytes(b"")
    events: list[ProgressEvent] = []
    with open_store(store_target) as store:
        report = ingest([corpus, tmp_path / "missing.txt"], store, progress=events.append, batch_size=3)
        assert isinstance(report, IngestReport)
        assert (report.stored, report.unchanged, report.derived) == (4, 0, True)
        assert [str(e) for e in report.rejected] == [
            f"{corpus / 'empty.txt'}: empty file", f"{tmp_path / 'missing.txt'}: no such file or directory",
        ]  # fmt: skip
        assert report.words == sum(len(article_text(i).split()) for i in range(4))
        assert [d.id for d in store.documents()] == ["art-000", "art-001", "art-002", "art-003"]
        assert not store.derived_is_stale()
        stored = store.document("art-001")
        assert (stored.source, stored.dateline, str(stored.published)) == ("TASS", "Beijing", "2021-05-02")
        assert store.entities("art-001")

    kinds = [e.kind for e in events]
    assert kinds[0] == "start" and kinds[-2:] == ["derive", "done"]
    assert kinds.count("stored") == 4 and kinds.count("rejected") == 2
    assert all(e.files_total == 5 for e in events)
    done = [e.files_done for e in events]
    assert done == sorted(done) and done[-1] == 5
    assert events[-1].stored == 4 and events[-1].rejected == 2


def test_reingest_changes_nothing_and_changed_content_replaces_facts(store_target, tmp_path):
    paths = write_corpus(tmp_path, 3)
    with open_store(store_target) as store:
        ingest([tmp_path], store)
        before = {d.id: d.content_hash for d in store.documents()}
        assert "Anna Lee" in " | ".join(e.text for e in store.entities("art-001"))
        again = ingest([tmp_path], store)
        assert (again.stored, again.unchanged, again.rejected, again.derived) == (0, 3, (), False)
        assert {d.id: d.content_hash for d in store.documents()} == before

        paths[1].write_text(article_text(1).replace("Anna Lee", "Maria Lopez"), encoding="utf-8")
        changed = ingest([tmp_path], store)
        assert (changed.stored, changed.unchanged, changed.derived) == (1, 2, True)
        names = " | ".join(e.text for e in store.entities("art-001"))
        assert "Maria Lopez" in names and "Anna Lee" not in names
        assert "Maria Lopez" in store.document("art-001").text
        assert store.document("art-001").content_hash != before["art-001"]


def test_stale_derived_records_are_rebuilt_even_when_nothing_is_new(store_target, make_article):
    with open_store(store_target) as store:
        store.save_article(*make_article("left-stale"))  # as a batch killed before deriving leaves it
        assert store.derived_is_stale()
        report = ingest([], store)
        assert (report.stored, report.derived) == (0, True)
        assert not store.derived_is_stale()


def test_a_store_failure_rejects_the_article_and_the_batch_goes_on(tmp_path, monkeypatch):
    write_corpus(tmp_path / "c", 3)
    with open_store(str(tmp_path / "s.db")) as store:
        real_save = store.save_article

        def save(annotated, extraction):  # the store refusing one article (fault injection)
            if annotated.document.id == "art-001":
                raise StoreError(f"{store.label}: disk I/O error")
            return real_save(annotated, extraction)

        monkeypatch.setattr(store, "save_article", save)
        report = ingest([tmp_path / "c"], store)
    assert report.stored == 2
    assert [str(e) for e in report.rejected] == [
        f"{tmp_path / 'c' / 'art-001.txt'}: storing failed: {tmp_path / 's.db'}: disk I/O error"
    ]


def test_records_of_one_file_are_named_by_id_in_errors(tmp_path, monkeypatch):
    feed = tmp_path / "feed.jsonl"
    records = [json.dumps({"id": f"r{i}", "text": article_text(i)}) for i in range(3)]
    feed.write_text("\n".join(records), encoding="utf-8")
    monkeypatch.setattr(pipeline, "extract", _failing_on("r1", pipeline.extract))
    outcomes = list(process_documents(iter_documents([feed])))
    assert str(outcomes[1]) == (
        f"{feed}: article 'r1': event extraction failed unexpectedly (RuntimeError: injected failure on r1)"
    )


@pytest.mark.parametrize("batch_size", [1, 5])
def test_batch_size_does_not_change_results(tmp_path, batch_size):
    write_corpus(tmp_path, 3)
    outcomes = list(process_documents(iter_documents([tmp_path]), batch_size=batch_size))
    reference = list(process_documents(iter_documents([tmp_path]), batch_size=2))
    assert [o[0] for o in outcomes] == [o[0] for o in reference]
