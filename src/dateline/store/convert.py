"""Rows in and out: model dataclasses become table rows here, and child rows are grouped for reading."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from itertools import groupby
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from dateline.actors.names import fold
from dateline.model import Actor, Annotated, Event, Extraction, SharedPassage, Story
from dateline.store import schema as s
from dateline.store.codec import decode_as, encode


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def upsert(conn: sa.Connection, table: sa.Table, values: dict[str, Any], keys: Sequence[str]) -> None:
    """Insert ``values``, or update the row with the same ``keys``: one statement, built once per shape."""
    conn.execute(_upsert_statement(conn.dialect.name, table, tuple(values), tuple(keys)), values)


@cache
def _upsert_statement(dialect: str, table: sa.Table, columns: tuple[str, ...], keys: tuple[str, ...]) -> Any:
    stmt = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    updates = {name: stmt.excluded[name] for name in columns if name not in keys}
    return stmt.on_conflict_do_update(index_elements=list(keys), set_=updates)


def insert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(table.insert(), rows)


def digest(record: object) -> str:
    """A digest of a whole derived record, to write only what changed: a frozen dataclass's repr
    spells out every field (strings quoted, dates and numbers exactly), so equal digests mean
    equal records and equal records give equal digests in any process."""
    return hashlib.sha1(repr(record).encode(), usedforsecurity=False).hexdigest()


def evidence_dict(row: Any) -> dict[str, Any]:
    return {
        "document": row.document,
        "start": row.start,
        "end": row.end,
        "text": row.text,
        "field": row.field,
    }


def document_row(annotated: Annotated, facts_hash: str) -> dict[str, Any]:
    doc = annotated.document
    return {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "published": doc.published,
        "source": doc.source,
        "dateline": doc.dateline,
        "url": doc.url,
        "format": doc.format,
        "content_hash": doc.content_hash,
        "text": doc.text,
        "tokens": annotated.tokens,
        "facts_hash": facts_hash,
        "ingested_at": now(),
        "minhash": None,  # computed by the next derive: NULL marks the document as stored since
    }


@dataclass(frozen=True)
class FactPayloads:
    """The ``encode``d event reports and person mentions of an extraction, in its order."""

    events: list[Any]
    persons: list[Any]


def insert_facts(
    conn: sa.Connection, annotated: Annotated, extraction: Extraction, payloads: FactPayloads | None = None
) -> None:
    """Insert one article's sentences, mentions, event reports and person mentions (``payloads``: their
    encoded forms when the caller has them already, else they are encoded here)."""
    doc_id = annotated.document.id
    if payloads is None:
        payloads = FactPayloads([encode(r) for r in extraction.events], [encode(p) for p in extraction.persons])
    insert(
        conn,
        s.sentences,
        [{"document": doc_id, "index": x.index, "start": x.start, "end": x.end} for x in annotated.sentences],
    )
    entity_rows = [
        {"document": doc_id, "kind": "entity", "seq": i, "text": m.text, "label": m.label,
         "start": m.start, "end": m.end, "sentence": m.sentence}
        for i, m in enumerate(annotated.entities)
    ]  # fmt: skip
    date_rows = [
        {"document": doc_id, "kind": "date", "seq": i, "text": m.text, "label": None,
         "start": m.char_start, "end": m.char_end, "sentence": m.sentence, "date_start": m.start,
         "date_end": m.end, "granularity": m.granularity, "relative": m.relative}
        for i, m in enumerate(annotated.dates)
    ]  # fmt: skip
    insert(conn, s.mentions, entity_rows)
    insert(conn, s.mentions, date_rows)
    insert(
        conn,
        s.event_reports,
        [
            {"document": doc_id, "index": r.index, "type": r.type, "series": r.series,
             "ordinal": r.ordinal, "start": r.start, "end": r.end, "payload": payload}
            for r, payload in zip(extraction.events, payloads.events, strict=True)
        ],
    )  # fmt: skip
    insert(
        conn,
        s.person_mentions,
        [
            {"document": doc_id, "seq": i, "name": p.name, "role": p.role, "affiliation": p.affiliation,
             "start": p.evidence.start, "end": p.evidence.end, "payload": payload}
            for i, (p, payload) in enumerate(zip(extraction.persons, payloads.persons, strict=True))
        ],
    )  # fmt: skip


def insert_actors(conn: sa.Connection, actors: Iterable[Actor]) -> None:
    actor_rows, alias_rows, role_rows = [], [], []
    words: set[tuple[str, str]] = set()
    for actor in actors:
        forms = [actor.name, actor.code or "", *(a.text for a in actor.aliases)]
        words |= {(word, actor.id) for form in forms for word in fold(form).split()}
        payload = {k: v for k, v in encode(actor).items() if k not in ("aliases", "roles")}
        actor_rows.append(
            {
                "id": actor.id,
                "digest": digest(actor),
                "kind": actor.kind,
                "name": actor.name,
                "code": actor.code,
                "payload": payload,
                "folded": fold(actor.name),
            }
        )
        alias_rows += [
            {"actor": actor.id, "seq": i, "text": a.text, "document": a.document, "reason": a.reason,
             "payload": encode(a), "folded": fold(a.text)}
            for i, a in enumerate(actor.aliases)
        ]  # fmt: skip
        role_rows += [
            {"actor": actor.id, "seq": i, "title": r.title, "affiliation": r.affiliation,
             "normalized": r.normalized, "first_seen": r.first_seen, "last_seen": r.last_seen,
             "payload": encode(r)}
            for i, r in enumerate(actor.roles)
        ]  # fmt: skip
    insert(conn, s.actors, actor_rows)
    insert(conn, s.actor_aliases, alias_rows)
    insert(conn, s.actor_roles, role_rows)
    insert(conn, s.actor_words, [{"word": w, "actor": a} for w, a in sorted(words)])


def insert_stories(conn: sa.Connection, stories: Iterable[Story], *, links: bool = True) -> None:
    """The stories with their documents, and (``links``) each document's story and original."""
    story_rows, member_rows, link_rows = [], [], {}
    for story in stories:
        payload = {k: v for k, v in encode(story).items() if k != "documents"}
        story_rows.append({"id": story.id, "digest": digest(story), "title": story.title, "payload": payload})
        member_rows += [{"story": story.id, "seq": i, "document": d} for i, d in enumerate(story.documents)]
        duplicates = dict(story.duplicates)
        for doc_id in story.documents:
            link_rows[doc_id] = {"b_id": doc_id, "b_story": story.id, "b_dup": duplicates.get(doc_id)}
    insert(conn, s.stories, story_rows)
    insert(conn, s.story_documents, member_rows)
    if links and link_rows:
        d = s.documents
        conn.execute(
            d.update()
            .where(d.c.id == sa.bindparam("b_id"))
            .values(story=sa.bindparam("b_story"), duplicate_of=sa.bindparam("b_dup")),
            list(link_rows.values()),
        )


def insert_passages(conn: sa.Connection, passages: Iterable[SharedPassage]) -> None:
    rows = []
    ordered = sorted(passages, key=lambda p: (p.document, p.other, p.start, p.other_start))
    for (document, other), group in groupby(ordered, key=lambda p: (p.document, p.other)):
        rows += [{"document": document, "other": other, "seq": seq, "start": p.start, "end": p.end,
                  "other_start": p.other_start, "other_end": p.other_end, "words": p.words}
                 for seq, p in enumerate(group)]  # fmt: skip
    insert(conn, s.shared_passages, rows)


def insert_events(conn: sa.Connection, events: Iterable[Event]) -> None:
    rows: dict[sa.Table, list[dict[str, Any]]] = defaultdict(list)
    children = ("participants", "received_by", "documents", "evidence", "conflicts")
    for e in events:
        payload = {k: v for k, v in encode(e).items() if k not in children}
        rows[s.events].append(
            {"id": e.id, "digest": digest(e), "type": e.type, "title": e.title, "organization": e.organization,
             "series": e.series, "ordinal": e.ordinal, "start": e.start, "end": e.end,
             "city": e.location.city, "country": e.location.country, "mode": e.mode, "status": e.status,
             "chair": e.chair, "story": e.story, "payload": payload}
        )  # fmt: skip
        rows[s.event_documents] += [{"event": e.id, "seq": i, "document": d} for i, d in enumerate(e.documents)]
        for part, people in (("participant", e.participants), ("received_by", e.received_by)):
            rows[s.participations] += [
                {"event": e.id, "part": part, "seq": i, "actor": p.actor, "role": p.role,
                 "affiliation": p.affiliation, "name": p.name, "payload": encode(p)}
                for i, p in enumerate(people)
            ]  # fmt: skip
        rows[s.evidence] += [
            {"event": e.id, "seq": i, "field": x.field, "document": x.document, "start": x.start,
             "end": x.end, "text": x.text}
            for i, x in enumerate(e.evidence)
        ]  # fmt: skip
        rows[s.conflicts] += [
            {"event": e.id, "seq": i, "field": c.field, "chosen": c.chosen, "rule": c.rule,
             "payload": encode(c)}
            for i, c in enumerate(e.conflicts)
        ]  # fmt: skip
    for table in (s.events, s.event_documents, s.participations, s.evidence, s.conflicts):
        insert(conn, table, rows[table])


Parents = str | Sequence[str] | sa.Select[Any] | None


def grouped(conn: sa.Connection, table: sa.Table, key: str, parent: Parents) -> dict[str, list[Any]]:
    """Rows of a child table grouped by parent id, in ``seq`` order: of all parents (None), one
    id, a list of ids, or the ids a SELECT gives (for many parents: no list of parameters)."""
    stmt = sa.select(table).order_by(table.c[key], table.c.seq)
    if isinstance(parent, str):
        stmt = stmt.where(table.c[key] == parent)
    elif isinstance(parent, sa.Select):
        stmt = stmt.where(table.c[key].in_(parent))
    elif parent is not None:
        stmt = stmt.where(table.c[key].in_(list(parent)))
    groups: dict[str, list[Any]] = defaultdict(list)
    for row in conn.execute(stmt):
        groups[getattr(row, key)].append(row)
    return groups


def actors_from(conn: sa.Connection, base: Sequence[Any], parents: Parents) -> list[Actor]:
    """Actors (in the order of ``base``, rows of ``actors``) with their aliases and roles (of ``parents``)."""
    aliases = grouped(conn, s.actor_aliases, "actor", parents)
    roles = grouped(conn, s.actor_roles, "actor", parents)
    return [
        decode_as(
            Actor,
            {**row.payload, "aliases": [a.payload for a in aliases[row.id]],
             "roles": [r.payload for r in roles[row.id]]},
        )
        for row in base
    ]  # fmt: skip


def events_from(conn: sa.Connection, base: Sequence[Any], parents: Parents) -> list[Event]:
    """Events (in the order of ``base``, rows of ``events``) with their child rows (of ``parents``)."""
    docs = grouped(conn, s.event_documents, "event", parents)
    parts = grouped(conn, s.participations, "event", parents)
    evidence = grouped(conn, s.evidence, "event", parents)
    conflicts = grouped(conn, s.conflicts, "event", parents)
    result = []
    for row in base:
        people = parts[row.id]
        data = {
            **row.payload,
            "documents": [r.document for r in docs[row.id]],
            "participants": [r.payload for r in people if r.part == "participant"],
            "received_by": [r.payload for r in people if r.part == "received_by"],
            "evidence": [evidence_dict(r) for r in evidence[row.id]],
            "conflicts": [r.payload for r in conflicts[row.id]],
        }
        result.append(decode_as(Event, data))
    return result
