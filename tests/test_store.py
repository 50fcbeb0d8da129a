"""The store on a real SQLite file and on PostgreSQL: round trips, replacement, errors, concurrency."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dateline.errors import NotFoundError, StoreError
from dateline.model import EventReport
from dateline.store import Store, open_store
from dateline.store.codec import decode, encode
from dateline.store.schema import LATEST_VERSION

TESTS = Path(__file__).resolve().parent


def _by_id(items):
    return sorted(items, key=lambda x: x.id)


def test_article_round_trips(store_target, sample_extraction):
    annotated, extraction = sample_extraction
    doc = annotated.document
    with open_store(store_target) as store:
        assert store.stored_hash(doc.id) is None
        assert store.save_article(annotated, extraction) is True
        assert store.stored_hash(doc.id) == doc.content_hash
        assert store.documents() == [doc]
        assert store.document(doc.id) == doc
        assert store.sentences(doc.id) == list(annotated.sentences)
        assert store.entities(doc.id) == list(annotated.entities)
        assert store.dates(doc.id) == list(annotated.dates)
        assert store.annotated(doc.id) == annotated
        assert store.extractions() == [extraction]
    with open_store(store_target) as reopened:  # durable, and reopening migrates nothing away
        assert reopened.extractions() == [extraction]


def test_documents_and_extractions_are_ordered_by_id(store_target, make_article):
    articles = [make_article(doc_id) for doc_id in ("doc_c", "doc_a", "doc_b")]
    with open_store(store_target) as store:
        for annotated, extraction in articles:
            store.save_article(annotated, extraction)
        assert [d.id for d in store.documents()] == ["doc_a", "doc_b", "doc_c"]
        assert [x.document.id for x in store.extractions()] == ["doc_a", "doc_b", "doc_c"]
        assert sorted(store.document_links()) == ["doc_a", "doc_b", "doc_c"]


def test_missing_records_raise_not_found(store_target):
    with open_store(store_target) as store:
        for call in (store.document, store.entities, store.dates, store.sentences, store.story_of):
            with pytest.raises(NotFoundError, match="'nope'"):
                call("nope")
        with pytest.raises(NotFoundError, match="event 'ev-x'"):
            store.event("ev-x")
        with pytest.raises(NotFoundError, match="actor 'a-x'"):
            store.actor("a-x")


def test_saving_the_same_article_twice_changes_nothing(store_target, sample_extraction, make_derived):
    annotated, extraction = sample_extraction
    with open_store(store_target) as store:
        store.save_article(annotated, extraction)
        actors, events, stories = make_derived([extraction])
        store.replace_derived(actors, events, stories)
        before = (store.documents(), store.extractions(), store.events(), store.document_links())
        assert store.derived_is_stale() is False
        assert store.save_article(annotated, extraction) is False
        assert store.derived_is_stale() is False
        assert (store.documents(), store.extractions(), store.events(), store.document_links()) == before


def test_changed_content_under_the_same_id_replaces_its_facts(store_target, make_article):
    old_annotated, old_extraction = make_article("doc_a")
    text = old_annotated.document.text.replace("Tuesday", "Monday") + " Talks went on into the night."
    new_annotated, new_extraction = make_article("doc_a", text=text)
    new_extraction = dataclasses.replace(new_extraction, events=new_extraction.events[:1])
    with open_store(store_target) as store:
        store.save_article(old_annotated, old_extraction)
        store.replace_derived([], [], [])
        assert store.save_article(new_annotated, new_extraction) is True
        assert store.derived_is_stale() is True
        assert store.documents() == [new_annotated.document]
        new_hash = new_annotated.document.content_hash
        assert store.stored_hash("doc_a") == new_hash != old_annotated.document.content_hash
        assert store.extractions() == [new_extraction]
        assert [d.text for d in store.dates("doc_a")] == [d.text for d in new_annotated.dates]
        assert "Monday" in [d.text for d in store.dates("doc_a")]
        assert store.entities("doc_a") == list(new_annotated.entities)


def test_new_extraction_of_unchanged_text_replaces_facts(store_target, sample_extraction):
    annotated, extraction = sample_extraction
    fewer = dataclasses.replace(extraction, persons=extraction.persons[:1])
    with open_store(store_target) as store:
        store.save_article(annotated, extraction)
        assert store.save_article(annotated, fewer) is True
        assert store.extractions() == [fewer]


def test_derived_records_round_trip_and_are_replaced(store_target, make_article, make_derived):
    articles = [make_article(doc_id) for doc_id in ("doc_a", "doc_b")]
    with open_store(store_target) as store:
        assert store.derived_is_stale() is False  # nothing saved yet: nothing to derive
        for annotated, extraction in articles:
            store.save_article(annotated, extraction)
        assert store.derived_is_stale() is True
        actors, events, stories = make_derived([x for _, x in articles])
        store.replace_derived(actors, events, stories)
        assert store.derived_is_stale() is False
        assert store.actors() == _by_id(actors)
        assert store.events() == events
        assert store.stories() == stories
        assert store.event("ev-0001") == events[0]
        assert store.actor(actors[0].id) == actors[0]
        assert events[0].conflicts and store.events()[0].conflicts == events[0].conflicts
        assert store.document_links() == {"doc_a": ("story-0001", None), "doc_b": ("story-0001", "doc_a")}
        assert store.story_of("doc_b") == "story-0001"
        assert store.duplicate_of("doc_b") == "doc_a"

        actors2, events2, stories2 = make_derived([articles[1][1]])
        events2 = [dataclasses.replace(events2[0], id="ev-0002")]
        store.replace_derived(actors2[:1], events2, stories2)
        assert store.actors() == actors2[:1]
        assert store.events() == events2
        assert store.stories() == stories2
        assert store.document_links() == {"doc_a": (None, None), "doc_b": ("story-0001", None)}


def test_replace_derived_is_one_transaction(store_target, sample_extraction, make_derived):
    annotated, extraction = sample_extraction
    with open_store(store_target) as store:
        store.save_article(annotated, extraction)
        actors, events, stories = make_derived([extraction])
        store.replace_derived(actors, events, stories)
        broken = dataclasses.replace(events[0], id="ev-broken", documents=("no-such-document",))
        with pytest.raises(StoreError, match=r"(?i)foreign key"):
            store.replace_derived([], [broken], [])
        assert store.events() == events
        assert store.actors() == _by_id(actors)


def test_schema_version_is_recorded(store_target):
    with open_store(store_target) as store:
        assert store.schema_version() == LATEST_VERSION >= 1
    with open_store(store_target) as store:
        assert store.schema_version() == LATEST_VERSION


def test_meta_values(store_target):
    with open_store(store_target) as store:
        assert store.get_meta("x") is None
        store.set_meta("x", "1")
        store.set_meta("x", "2")
        assert store.get_meta("x") == "2"


def test_default_target_comes_from_the_environment(tmp_path, monkeypatch, sample_extraction):
    monkeypatch.setenv("DATELINE_DB", str(tmp_path / "env.db"))
    with open_store(None) as store:
        store.save_article(*sample_extraction)
    assert (tmp_path / "env.db").is_file()
    monkeypatch.delenv("DATELINE_DB")
    monkeypatch.chdir(tmp_path)
    with open_store(None) as store:
        assert store.label == "dateline.db"
    assert (tmp_path / "dateline.db").is_file()


def test_sqlite_url_and_wal_mode(tmp_path):
    path = tmp_path / "url.db"
    with open_store(f"sqlite:///{path}") as store:
        assert store.documents() == []
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_error_for_a_directory(tmp_path):
    with pytest.raises(StoreError) as err:
        open_store(str(tmp_path))
    assert str(tmp_path) in str(err.value)
    assert "directory" in str(err.value)


def test_store_error_for_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError) as err:
        open_store(str(path))
    assert str(err.value).startswith(f"{path}: ")
    assert "not a database" in str(err.value)


def test_store_error_for_a_missing_folder(tmp_path):
    with pytest.raises(StoreError, match="does not exist") as err:
        open_store(str(tmp_path / "no" / "such" / "x.db"))
    assert str(tmp_path / "no" / "such" / "x.db") in str(err.value)


def test_store_error_for_another_programs_database(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT)")
    with pytest.raises(StoreError, match="not a Dateline database") as err:
        open_store(str(path))
    assert str(path) in str(err.value)


def test_store_error_for_a_newer_schema(tmp_path):
    path = tmp_path / "future.db"
    open_store(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO schema_version (version, description, applied_at) VALUES (?, 'future', 'now')",
            (LATEST_VERSION + 1,),
        )
    with pytest.raises(StoreError, match="newer than this Dateline"):
        open_store(str(path))


def test_url_password_never_appears_in_errors():
    with pytest.raises(StoreError) as err:
        open_store("postgresql://someone:s3cret-pw@127.0.0.1:1/nothing")
    message = str(err.value)
    assert "s3cret-pw" not in message
    assert message.startswith("postgresql+psycopg://someone:***@127.0.0.1:1/nothing: ") or message.startswith(
        "postgresql://someone:***@127.0.0.1:1/nothing: "
    )
    with pytest.raises(StoreError) as err:
        open_store("mysql://someone:s3cret-pw@127.0.0.1/db")
    assert "s3cret-pw" not in str(err.value)
    assert "unsupported database" in str(err.value)


def test_codec_round_trips_nested_dataclasses(sample_extraction):
    _, extraction = sample_extraction
    for report in extraction.events:
        assert decode(EventReport, encode(report)) == report
    data = encode(extraction.events[0])
    del data["related_to"]  # a record stored before a field existed gets the field's default
    assert decode(EventReport, data).related_to is None


_WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from conftest import build_article
    from dateline.store import open_store

    target, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open_store(target) as store:
        for i in range(count):
            store.save_article(*build_article(f"{{name}}_{{i:03d}}"))
            shared = build_article("shared", text=build_article()[0].document.text + f" Update {{i}}.")
            store.save_article(*shared)
    print("done", name)
    """
)


@pytest.mark.slow
def test_two_processes_write_one_store_at_once(store_target):
    open_store(store_target).close()  # create the schema first, as `dateline ingest` would on its first run
    script = _WRITER.format(tests=str(TESTS))
    env = {**os.environ, "PYTHONPATH": str(TESTS.parent / "src")}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, store_target, name, "50"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name in ("p1", "p2")
    ]
    results = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, results, strict=True):
        assert run.returncode == 0, err
        assert out.startswith("done")
    with open_store(store_target) as store:
        ids = [d.id for d in store.documents()]
        assert len(ids) == 101
        assert sum(1 for i in ids if i.startswith("p1_")) == sum(1 for i in ids if i.startswith("p2_")) == 50
        assert len(store.extractions()) == 101
        assert store.document("shared").text.endswith("Update 49.")


def test_store_is_a_context_manager(tmp_path):
    store = open_store(str(tmp_path / "cm.db"))
    assert isinstance(store, Store)
    with store as same:
        assert same is store
    assert "cm.db" in repr(store)
