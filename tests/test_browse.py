"""The store's indexed queries (store/browse.py, store/fulltext.py) and the v2 migration, on SQLite and PostgreSQL."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from dateline import queries
from dateline.derive import add_articles
from dateline.errors import NotFoundError
from dateline.model import Event, Evidence, Participation, Place
from dateline.store import open_store
from dateline.store import schema as s
from dateline.stories.duplicates import band_keys
from web_store import build_web_store


def test_event_page_filters_prefix_and_actors(store_target: str) -> None:
    with build_web_store(store_target) as store:
        assert store.event_page(queries.EventFilter(country="rur")).total == 1
        assert store.event_page(queries.EventFilter(status="planned")).total == 0
        assert store.event_page(queries.EventFilter(status=None, type="meeting")).items[0].id == "ev-0001"
        assert [e.id for e in store.events_by_id_prefix("ev-")] == ["ev-0001"]
        assert store.events_by_id_prefix("ev-0001x") == []
        assert [e.id for e in store.events_of_document("doc_b")] == ["ev-0001"]
        found, exact = store.actors_named("petrov")
        assert [a.id for a in found] == ["person:ivan-petrov"] and exact  # "Petrov" is an alias
        found, exact = store.actors_named("petr")
        assert [a.id for a in found] == ["person:ivan-petrov"] and not exact
        assert [a.id for a in store.actors_named("iv pet")[0]] == ["person:ivan-petrov"]
        assert store.actors_named("iv lee")[0] == []  # every word must start a word of the same actor
        assert store.actors_named("etro")[0] == []  # the start of a word, not any part of it
        assert [a.code for a in store.coded_actors()] == ["RUR"]
        assert [h.actor.name for h in queries.who_held(store, "minister of transport", "rur")] == ["Ivan Petrov"]
        with pytest.raises(NotFoundError):
            queries.find_event(store, "")


def test_search_ranks_marks_and_pages(store_target: str) -> None:
    with build_web_store(store_target) as store:
        page = store.search_documents("harbour ministers", limit=2)
        assert page.total == 3 and len(page.items) == 2
        assert "\x02" in page.items[0].snippet and "\x03" in page.items[0].snippet
        assert store.search_documents("harbour ministers", limit=2, offset=2).items[0].document not in {
            hit.document for hit in page.items
        }
        assert store.search_documents('"Coastal Shipping" margin').total == 1
        assert store.search_documents("***").total == 0


def test_search_follows_changed_text(store_target: str, make_article) -> None:  # type: ignore[no-untyped-def]
    with open_store(store_target) as store:
        annotated, extraction = make_article("doc_a")
        store.save_article(annotated, extraction)
        assert store.search_documents("Northwire").total == 1
        changed = make_article("doc_a", text=annotated.document.text.replace("Northwire", "Ostrawire"))
        store.save_article(*changed)
        assert store.search_documents("Northwire").total == 0
        assert store.search_documents("ostrawire").items[0].document == "doc_a"


def test_version_1_store_is_migrated(store_target: str) -> None:
    """A store made before v2 (no folded names, indexes, full-text table or shared passages) gets them."""
    build_web_store(store_target).close()
    engine = sa.create_engine(open_store(store_target)._session.target.url)
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("DROP INDEX ix_documents_fulltext")
        else:
            for trigger in ("insert", "delete", "update"):
                conn.exec_driver_sql(f"DROP TRIGGER documents_fts_{trigger}")
            conn.exec_driver_sql("DROP TABLE documents_fts")
        conn.exec_driver_sql("DROP INDEX ix_documents_published")
        conn.exec_driver_sql("DROP TABLE actor_words")
        for table in s.METADATA.sorted_tables:
            for index in table.indexes:
                if index.name in s._V2_INDEXES:
                    index.drop(conn)
        conn.exec_driver_sql("ALTER TABLE actors DROP COLUMN folded")
        conn.exec_driver_sql("ALTER TABLE actor_aliases DROP COLUMN folded")
        conn.exec_driver_sql("DROP TABLE shared_passages")  # v3
        conn.exec_driver_sql("DROP TABLE passage_pairs")  # v4
        for table, column in (
            ("documents", "minhash"),
            ("actors", "digest"),
            ("stories", "digest"),
            ("events", "digest"),
        ):
            conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
        conn.execute(s.schema_version.delete().where(s.schema_version.c.version >= 2))
    engine.dispose()
    with open_store(store_target) as store:
        assert store.schema_version() == s.LATEST_VERSION
        assert store.shared_passages("doc_evil") == []
        assert store.search_documents("margin").items[0].document == "doc_evil"
        assert [a.id for a in queries.find_actors(store, "Pétrov")] == ["person:ivan-petrov"]
        assert [a.id for a in queries.find_actors(store, "karl b")] == ["person:karl-berg"]
        add_articles(store)  # the derive's cache (v4) and the near-duplicate index (v6) are filled by the next derive
        signed = store.derive_cache()[0]
        assert signed and signed == set(store.document_links())  # every document's signature kept
        assert store.near_copy_index([(0, "no such key")])[0] == set()
        some = next(iter(signed))
        kept = store.signatures([some])
        assert kept.keys() == {some} and some in store.near_copy_index(band_keys(kept[some]))[0]


def _generated_events(count: int) -> list[Event]:
    countries = ["RUR", "FRE", "SYL", "GEN", "LAT"]
    first = date(2000, 1, 1)
    events = []
    for i in range(count):
        day = first + timedelta(days=i % 9000)
        people = tuple(
            Participation(f"person:p{(i + k) % 2000}", "Minister", countries[(i + k) % 5], (),
                          (Evidence("d", 0, 5, "text", "participant"),), f"Person {(i + k) % 2000}")
            for k in range(3)
        )  # fmt: skip
        events.append(
            Event(
                id=f"ev-{i:06d}", type="meeting", title=f"Meeting {i}", organization="ORG", series=f"Series {i % 40}",
                ordinal=i // 40, start=day, end=day, location=Place(f"City {i % 300}", countries[i % 5]),
                mode="in_person", status="planned" if i % 10 == 0 else "held", chair=None, participants=people,
                received_by=(), next_venue=None, signed=(), documents=(),
                evidence=(Evidence("d", 0, 5, "text", "type"),),
            )
        )  # fmt: skip
    return events


@pytest.mark.slow
def test_a_page_of_50_from_10000_events_is_fast(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with open_store(str(tmp_path / "big.db")) as store:
        store.replace_derived([], _generated_events(10_000), [])
        timings = {}
        for name, filt, offset in (
            ("first page", queries.EventFilter(), 0),
            ("deep page", queries.EventFilter(), 8_000),
            ("newest first", queries.EventFilter(newest_first=True), 0),
            ("country + dates", queries.EventFilter(country="FRE", date_from=date(2010, 1, 1)), 50),
            ("actor", queries.EventFilter(actor="person:p7", status=None), 0),
        ):
            started = time.perf_counter()
            page = queries.event_page(store, filt, 50, offset)
            timings[name] = time.perf_counter() - started
            assert len(page.items) == (50 if name != "actor" else min(50, page.total)), name
        assert queries.event_page(store).total == 9_000
        assert queries.find_event(store, "ev-009999").ordinal == 9999 // 40
        assert max(timings.values()) < 0.5, timings
