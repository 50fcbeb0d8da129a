"""Every query the CLI, the API and the pages run is served by an index, on SQLite and PostgreSQL.

The statements are recorded as the real query functions run them, then EXPLAINed. PostgreSQL
runs EXPLAIN with ``enable_seqscan = off``: on a small table the planner would rather scan,
but with scans priced out a "Seq Scan" is left only where no index can serve the query.
SQLite's EXPLAIN QUERY PLAN says "SCAN t" (no index) or "SEARCH t USING INDEX" / "SCAN t
USING INDEX". The listing commands that read everything by nature (``documents``,
``export``) are not in this list. bench/query_plans.py shows the same plans on 100,000 documents.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from dateline import queries
from dateline.store import Store
from web_store import build_web_store

# What each command or page asks, as the query functions do it.
QUESTIONS: dict[str, Callable[[Store], Any]] = {
    "events": queries.list_events,
    "event ID": lambda st: queries.find_event(st, "ev-0001"),
    "event PREFIX": lambda st: queries.find_event(st, "ev-00"),
    "actor NAME (exact)": lambda st: queries.find_actors(st, "Ivan Petrov"),
    "actor NAME (code)": lambda st: queries.find_actors(st, "rur"),
    "actor NAME (part)": lambda st: queries.find_actors(st, "iv petr"),
    "actor's events": lambda st: queries.actor_parts(st, "person:ivan-petrov"),
    "who ROLE COUNTRY": lambda st: queries.who_held(st, "Minister of Transport", "RUR", date(2021, 5, 4)),
    "series": queries.series,
    "series names": lambda st: st.coded_actors(),
    "events by country and dates": lambda st: queries.event_page(
        st, queries.EventFilter(country="RUR", date_from=date(2021, 1, 1), date_to=date(2022, 1, 1))
    ),
    "events by actor": lambda st: queries.event_page(st, queries.EventFilter(actor="person:anna-lee")),
    "events by series": lambda st: queries.event_page(st, queries.EventFilter(series="Council of Harbour Ministers")),
    "recent events": lambda st: queries.event_page(st, queries.EventFilter(newest_first=True), 15),
    "search": lambda st: queries.search(st, "coastal shipping"),
    "document page": lambda st: (st.annotated("doc_a"), st.events_of_document("doc_a"), st.story_of("doc_a")),
    "documents page": lambda st: st.document_page(50),
    "stories page": lambda st: (st.story_page(50), st.story("story-0001")),
    "actor page": lambda st: st.actor("person:ivan-petrov"),
}

SKIP = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SET|SHOW|PRAGMA|select pg_catalog|select current_schema)", re.I)
SQLITE_FULL_SCAN = re.compile(r"\bSCAN (\w+)(?! USING)(?! VIRTUAL)\s*$")


def record(store: Store, question: Callable[[Store], Any]) -> list[tuple[str, Any]]:
    engine = store._session.engine
    seen: list[tuple[str, Any]] = []

    def listen(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if not SKIP.match(statement):
            seen.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", listen)
    try:
        question(store)
    finally:
        sa.event.remove(engine, "before_cursor_execute", listen)
    return seen


def plan(store: Store, statement: str, parameters: Any) -> str:
    with store._session.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET enable_seqscan = off")
            rows = conn.exec_driver_sql("EXPLAIN " + statement, parameters).all()
            return "\n".join(r[0] for r in rows)
        rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
        return "\n".join(r[-1] for r in rows)


def full_scans(plan_text: str, dialect: str) -> list[str]:
    if dialect == "postgresql":
        return [line.strip() for line in plan_text.splitlines() if "Seq Scan" in line]
    return [line.strip() for line in plan_text.splitlines() if SQLITE_FULL_SCAN.search(line.strip())]


@pytest.mark.parametrize("question", list(QUESTIONS))
def test_every_query_uses_an_index(store_target: str, question: str) -> None:
    with build_web_store(store_target) as store:
        statements = record(store, QUESTIONS[question])
        assert statements, "the question ran no SQL"
        dialect = store._session.engine.dialect.name
        problems = []
        for statement, parameters in statements:
            scans = full_scans(plan(store, statement, parameters), dialect)
            if scans:
                problems.append(f"{' '.join(statement.split())[:300]}\n    -> {scans}")
        assert not problems, "\n".join(problems)
