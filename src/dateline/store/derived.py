"""Writing the cross-article records: all of them (``dateline rebuild``), or only what changed.

A derive after a batch recomputes the records and hands them all over (``model.Derived``); most
are what the store already holds. Each actor, story and event row keeps a digest of its whole
record (``convert.digest``), so ``write_changes`` reads the stored digests, deletes the records
that are gone or differ (with their child rows) and inserts the new and changed ones; a document's
story link is updated only where it changed, and the shared passages of a pair of documents only
where the pair is new or one of its documents was stored anew. Either way the store ends up with
the same rows as ``replace_all`` would write.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from dateline.model import Derived, NamePairs
from dateline.store import convert
from dateline.store import schema as s

log = logging.getLogger(__name__)

# each derived parent table, the child tables that hang off it and the column naming the parent
_CHILDREN: dict[sa.Table, tuple[tuple[sa.Table, ...], str]] = {
    s.actors: ((s.actor_words, s.actor_roles, s.actor_aliases), "actor"),
    s.stories: ((s.story_documents,), "story"),
    s.events: ((s.conflicts, s.evidence, s.participations, s.event_documents), "event"),
}


_PG_DERIVE_LOCK = 0x6465_7269  # any constant: one derive writes at a time on PostgreSQL


def serialise(conn: sa.Connection) -> None:
    """Wait for any other derive's write to end (SQLite's write lock does this already): the
    rows compared and written below are then the ones the other derive committed."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_DERIVE_LOCK)))


def compared_pairs(conn: sa.Connection) -> set[tuple[str, str]]:
    """The pairs of documents stored as compared for shared passages."""
    q = s.passage_pairs.c
    return {(r.document, r.other) for r in conn.execute(sa.select(q.document, q.other))}


def holds_kept_passages(derived: Derived, compared: set[tuple[str, str]]) -> bool:
    """Whether every pair the derive did not compare again is still stored as compared."""
    return (derived.compared - derived.compared_now) <= compared


def replace_all(conn: sa.Connection, derived: Derived) -> None:
    """Delete every derived row and write ``derived`` in full."""
    conn.execute(s.documents.update().values(story=None, duplicate_of=None))
    for table in s.DERIVED:
        conn.execute(table.delete())
    convert.insert_actors(conn, derived.actors)
    convert.insert_stories(conn, derived.stories)
    convert.insert_events(conn, derived.events)
    convert.insert_passages(conn, derived.passages)
    _insert_pairs(conn, derived.compared_now)
    _store_signatures(conn, derived.signatures)
    _update_names(conn, derived.name_pairs)
    _update_near_copies(conn, derived)


def write_changes(conn: sa.Connection, derived: Derived, compared: set[tuple[str, str]]) -> dict[str, int]:
    """Bring the stored derived rows to ``derived``, writing only what differs; the counts written.
    ``compared``: the pairs stored as compared (``compared_pairs``)."""
    written = {}
    for table, records, insert in (
        (s.actors, derived.actors, convert.insert_actors),
        (s.stories, derived.stories, lambda c, r: convert.insert_stories(c, r, links=False)),
        (s.events, derived.events, convert.insert_events),
    ):
        stored = {row.id: row.digest for row in conn.execute(sa.select(table.c.id, table.c.digest))}
        fresh = {record.id: (convert.digest(record), record) for record in records}  # type: ignore[attr-defined]
        gone = [key for key, value in stored.items() if key not in fresh or fresh[key][0] != value]
        new = [record for key, (value, record) in fresh.items() if stored.get(key) != value]
        children, column = _CHILDREN[table]
        for child in children:
            _delete(conn, child, ({column: key} for key in gone))
        _delete(conn, table, ({"id": key} for key in gone))
        insert(conn, new)
        written[table.name] = len(new)
    written["documents"] = _update_links(conn, derived.stories)
    written["shared_passages"] = _update_passages(conn, derived, compared)
    _store_signatures(conn, derived.signatures)
    written["person_name_pairs"] = _update_names(conn, derived.name_pairs)
    _update_near_copies(conn, derived)
    return written


def _delete(conn: sa.Connection, table: sa.Table, keys: Iterable[dict[str, Any]]) -> None:
    rows = [{f"b_{k}": v for k, v in key.items()} for key in keys]
    if rows:
        stmt = table.delete()
        for name in rows[0]:
            stmt = stmt.where(table.c[name[2:]] == sa.bindparam(name))
        conn.execute(stmt, rows)


def _update_links(conn: sa.Connection, stories: Sequence[Any]) -> int:
    """Each document's story and the document it copies, where they changed."""
    wanted: dict[str, tuple[str | None, str | None]] = {}
    for story in stories:
        duplicates = dict(story.duplicates)
        for doc_id in story.documents:
            wanted[doc_id] = (story.id, duplicates.get(doc_id))
    d = s.documents.c
    changed = []
    for row in conn.execute(sa.select(d.id, d.story, d.duplicate_of)):
        story, duplicate = wanted.get(row.id, (None, None))
        if (story, duplicate) != (row.story, row.duplicate_of):
            changed.append({"b_id": row.id, "b_story": story, "b_dup": duplicate})
    if changed:
        conn.execute(
            s.documents.update()
            .where(d.id == sa.bindparam("b_id"))
            .values(story=sa.bindparam("b_story"), duplicate_of=sa.bindparam("b_dup")),
            changed,
        )
    return len(changed)


def _update_passages(conn: sa.Connection, derived: Derived, compared: set[tuple[str, str]]) -> int:
    """Keep the passages of the pairs compared before (and not again); replace the rest."""
    kept = derived.compared - derived.compared_now
    p = s.shared_passages.c
    stored = compared | {(r.document, r.other) for r in conn.execute(sa.select(p.document, p.other).distinct())}
    stale = sorted(stored - kept)
    for table in (s.shared_passages, s.passage_pairs):
        _delete(conn, table, ({"document": a, "other": b} for a, b in stale))
    convert.insert_passages(conn, derived.passages)
    _insert_pairs(conn, derived.compared_now)
    return len(derived.passages)


def _insert_pairs(conn: sa.Connection, pairs: Iterable[tuple[str, str]]) -> None:
    convert.insert(conn, s.passage_pairs, [{"document": a, "other": b} for a, b in sorted(pairs)])


def _store_signatures(conn: sa.Connection, signatures: Sequence[tuple[str, str, bytes]]) -> None:
    """Keep each MinHash signature unless its document was stored anew meanwhile (another writer)."""
    if signatures:
        d = s.documents.c
        conn.execute(
            s.documents.update()
            .where(d.id == sa.bindparam("b_id"), d.content_hash == sa.bindparam("b_hash"))
            .values(minhash=sa.bindparam("b_minhash")),
            [{"b_id": i, "b_hash": h, "b_minhash": m} for i, h, m in signatures],
        )


_CHUNK = 500  # values bound in one IN (...)


def signatures(conn: sa.Connection, doc_ids: Collection[str]) -> dict[str, bytes]:
    """The kept MinHash signatures of these documents."""
    d, ids, found = s.documents.c, sorted(doc_ids), {}
    for at in range(0, len(ids), _CHUNK):
        stmt = sa.select(d.id, d.minhash).where(d.id.in_(ids[at : at + _CHUNK]), d.minhash.is_not(None))
        found.update({r.id: r.minhash for r in conn.execute(stmt)})
    return found


def near_copy_index(
    conn: sa.Connection, bands: Collection[tuple[int, str]]
) -> tuple[set[str], set[tuple[str, str]], dict[str, str]]:
    """The documents filed under any of ``bands`` ((band, key) pairs), the near-copy links, and
    each copy's original (``documents.duplicate_of``)."""
    b, n, d = s.minhash_bands.c, s.near_copy_links.c, s.documents.c
    wanted, keys, filed = set(bands), sorted({key for _, key in bands}), set()
    for at in range(0, len(keys), _CHUNK):
        rows = conn.execute(sa.select(b.document, b.band, b.key).where(b.key.in_(keys[at : at + _CHUNK])))
        filed.update(r.document for r in rows if (r.band, r.key) in wanted)
    links = {(r.document, r.other) for r in conn.execute(sa.select(n.document, n.other))}
    copied = conn.execute(sa.select(d.id, d.duplicate_of).where(d.duplicate_of.is_not(None)))
    copies = {r.id: r.duplicate_of for r in copied}
    return filed, links, copies


def _update_near_copies(conn: sa.Connection, derived: Derived) -> None:
    """File the band keys of the documents signed anew (their old keys go) and replace the links
    of the documents whose near-copies were recomputed."""
    _delete(conn, s.minhash_bands, ({"document": doc_id} for doc_id in sorted({row[0] for row in derived.bands})))
    convert.insert(conn, s.minhash_bands, [{"document": i, "band": band, "key": key} for i, band, key in derived.bands])
    redo = derived.links_of
    stored = [(r.document, r.other) for r in conn.execute(sa.select(s.near_copy_links))]
    _delete(conn, s.near_copy_links, ({"document": a, "other": b} for a, b in stored if a in redo or b in redo))
    convert.insert(conn, s.near_copy_links, [{"document": a, "other": b} for a, b in sorted(derived.links)])


def name_pairs(conn: sa.Connection) -> NamePairs:
    """The person names stored as compared and the pairs of them that fit."""
    n, p = s.person_names.c, s.person_name_pairs.c
    return NamePairs(
        names=frozenset(conn.scalars(sa.select(n.name))),
        pairs=frozenset((r.name, r.other) for r in conn.execute(sa.select(p.name, p.other))),
    )


def _update_names(conn: sa.Connection, wanted: NamePairs | None) -> int:
    """Store ``wanted`` in place of the names and pairs held (only the difference is written); the
    pairs written. A name no longer held goes with its pairs: a name stored was compared with every other."""
    if wanted is None:
        return 0
    held = name_pairs(conn)
    _delete(conn, s.person_name_pairs, ({"name": a, "other": b} for a, b in sorted(held.pairs - wanted.pairs)))
    _delete(conn, s.person_names, ({"name": name} for name in sorted(held.names - wanted.names)))
    convert.insert(conn, s.person_names, [{"name": name} for name in sorted(wanted.names - held.names)])
    new = sorted(wanted.pairs - held.pairs)
    convert.insert(conn, s.person_name_pairs, [{"name": a, "other": b} for a, b in new])
    return len(new)
