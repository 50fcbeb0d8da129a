"""Query plans and timings at scale: a generated PostgreSQL (or SQLite) store of N documents and N/2 events.

Fills a fresh store (PostgreSQL: a schema of its own, dropped afterwards unless --keep) with
generated documents (bulk inserts with executemany), events, participants and actors, runs
ANALYZE, then for each question the CLI, the API and the pages ask (the list in
tests/test_query_plans.py) prints how long it took and the plan of each statement it ran:
which indexes, and any full scan. Usage:

    .venv/bin/python bench/query_plans.py [--documents 100000] [--db postgresql://...|FILE] [--keep]

Without --db it uses $DATELINE_TEST_PG_URL.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from dateline.model import Actor, Alias, Event, Evidence, Participation, Place, RoleHeld
from dateline.store import open_store
from dateline.store import schema as s
from test_query_plans import QUESTIONS, full_scans, plan, record

WORDS = (
    "council", "ministers", "meeting", "session", "delegation", "cooperation", "agreement", "security", "trade",
    "transport", "harbour", "shipping", "defence", "foreign", "affairs", "economic", "summit", "signed",
    "memorandum", "talks", "heads", "government",
)
COUNTRIES = ["RUR", "FRE", "SYL", "GEN", "LAT", "ELB", "KAZ", "KGZ"]


def doc_id(i: int) -> str:
    return "doc_a" if i == 0 else f"doc-{i:06d}"  # doc_a: the document the questions ask about


def documents(count: int, rng: random.Random):  # type: ignore[no-untyped-def]
    first = date(2000, 1, 1)
    for i in range(count):
        body = " ".join(rng.choice(WORDS) for _ in range(90))
        yield {
            "id": doc_id(i), "path": f"gen/doc-{i:06d}.txt", "title": f"Report {i} on {rng.choice(WORDS)}",
            "published": first + timedelta(days=i % 9000), "source": "Northwire", "dateline": None,
            "url": None, "format": "txt", "content_hash": f"{i}", "text": f"Report {i}. {body}.", "tokens": 92,
            "facts_hash": f"{i}", "ingested_at": "2026-01-01T00:00:00+00:00",
        }  # fmt: skip


def derived(count: int) -> tuple[list[Actor], list[Event]]:
    people = 5000
    actors = [
        Actor(f"person:p{i}", "person", f"Person Number{i}", (Alias(f"Person Number{i}", "doc_a", "first mention"),),
              (RoleHeld("Minister of Transport", COUNTRIES[i % 8], date(2001, 1, 1), date(2003, 1, 1)),))
        for i in range(people)
    ] + [Actor("person:ivan-petrov", "person", "Ivan Petrov", (Alias("Petrov", "doc_a", "surname"),),
               (RoleHeld("Minister of Transport", "RUR", date(2021, 5, 1), date(2021, 5, 4)),)),
         Actor("person:anna-lee", "person", "Anna Lee"),
         Actor("country:RUR", "country", "Ruritania", code="RUR")]  # fmt: skip
    events = []
    first = date(2000, 1, 1)
    for i in range(count):
        day = first + timedelta(days=(2 * i) % 9000)
        ident = "ev-0001" if i == 0 else f"ev-x{i:06d}"
        who = ["person:ivan-petrov", "person:anna-lee"] if i == 0 else [f"person:p{(i + k) % people}" for k in range(3)]
        parts = tuple(Participation(a, "Minister", COUNTRIES[(i + k) % 8], (doc_id(2 * i),),
                                    (Evidence(doc_id(2 * i), 0, 6, "Report", "participant"),), a)
                      for k, a in enumerate(who))  # fmt: skip
        events.append(Event(
            id=ident, type="meeting", title=f"Meeting {i}", organization="CHM",
            series="Council of Harbour Ministers" if i == 0 else f"Series {i % 300}", ordinal=i // 300 + 1,
            start=day, end=day, location=Place(None, COUNTRIES[i % 8]), mode=None,
            status="planned" if i % 10 == 9 else "held", chair=None, participants=parts, received_by=(),
            next_venue=None, signed=(), documents=(doc_id(2 * i), doc_id(2 * i + 1)),
            evidence=(Evidence(doc_id(2 * i), 0, 6, "Report", "type"),), story=None,
        ))  # fmt: skip
    return actors, events


def fill(target: str, count: int) -> None:
    rng = random.Random(1)
    started = time.perf_counter()
    with open_store(target) as store:
        engine = store._session.engine
        batch: list[dict[str, object]] = []
        with engine.begin() as conn:
            for row in documents(count, rng):
                batch.append(row)
                if len(batch) == 5000:
                    conn.execute(s.documents.insert(), batch)
                    batch = []
            if batch:
                conn.execute(s.documents.insert(), batch)
        print(f"{count} documents inserted in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        actors, events = derived(count // 2)
        store.replace_derived(actors, events, [])
        print(f"{len(actors)} actors, {len(events)} events inserted in {time.perf_counter() - started:.1f} s")
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")


def report(target: str) -> None:
    with open_store(target) as store:
        dialect = store._session.engine.dialect.name
        for name, question in QUESTIONS.items():
            started = time.perf_counter()
            try:
                question(store)
            except Exception as err:  # a question about a record the generated data lacks
                print(f"\n{name}: {type(err).__name__}: {err}")
                continue
            elapsed = (time.perf_counter() - started) * 1000
            statements = record(store, question)
            print(f"\n{name}: {elapsed:.1f} ms, {len(statements)} statements")
            for statement, parameters in statements:
                text = plan(store, statement, parameters) if dialect != "postgresql" else _real_plan(store, statement,
                                                                                                        parameters)
                nodes = sorted({line.strip().lstrip("-> ").split("  (")[0] for line in text.splitlines()
                                if "Scan" in line or "SEARCH" in line or "SCAN" in line})  # fmt: skip
                scans = full_scans(text, dialect)
                print(f"  {' '.join(statement.split())[:90]}…")
                print(f"    {'FULL SCAN ' + str(scans) if scans else 'indexes:'} {'; '.join(nodes)}")


def _real_plan(store, statement: str, parameters) -> str:  # type: ignore[no-untyped-def]
    """The plan PostgreSQL picks with its statistics (sequential scans allowed)."""
    with store._session.engine.connect() as conn:
        return "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, parameters))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--db", default=os.environ.get("DATELINE_TEST_PG_URL"))
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if not args.db:
        parser.error("give --db or set DATELINE_TEST_PG_URL")
    schema = None
    target = args.db
    if "://" in target:
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        engine = sa.create_engine(target.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        target = f"{target}{'&' if '?' in target else '?'}options={quote(f'-csearch_path={schema}')}"
    try:
        fill(target, args.documents)
        report(target)
    finally:
        if schema and not args.keep:
            with engine.begin() as conn:
                conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')


if __name__ == "__main__":
    main()
