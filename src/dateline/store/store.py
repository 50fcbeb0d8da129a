"""The Store: every read and write of Dateline's records, in SQLAlchemy Core.

One article is saved in one transaction (``save_article``); the cross-article results are
replaced all together in one transaction (``replace_derived``). Records come back as the
model's frozen dataclasses, equal to the ones that were saved.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections import defaultdict
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any, Self

import sqlalchemy as sa

from dateline.errors import NotFoundError, StoreError
from dateline.model import (
    Actor,
    Annotated,
    DateMention,
    Derived,
    Document,
    EntityMention,
    Event,
    EventReport,
    Extraction,
    NamePairs,
    PersonMention,
    Sentence,
    SharedPassage,
    Story,
)
from dateline.store import convert, derived
from dateline.store import schema as s
from dateline.store.browse import BrowseQueries
from dateline.store.codec import decode_as, dumps_encoded, encode
from dateline.store.engine import Session, create_engine, store_error
from dateline.store.target import Target

log = logging.getLogger(__name__)

STALE_KEY = "derived_stale"
SAVED, DERIVED = "saved:", "derived:"  # the mark's prefix after an article was saved, after a derive


def open_store(target: str | None = None, *, create: bool = True, readonly: bool = False) -> Store:
    """Open (creating or migrating) the store at a SQLite path or a database URL.

    ``None`` means ``$DATELINE_DB`` or ``dateline.db``. Raises StoreError naming the target.
    With ``create=False`` (the query commands) nothing is created: a missing SQLite file or a
    database without any table raises NotFoundError naming the target. ``readonly`` opens
    it for queries only: SQLite with ``mode=ro`` (so it works in a folder or on a file the
    user cannot write), nothing migrated, every write refused.
    """
    where = Target(target, readonly=readonly)
    if not create and where.is_sqlite and not Path(where.url.database or "").is_file():
        raise NotFoundError(f"{where.label}: no such store (`dateline ingest PATH --db {where.label}` creates one)")
    try:
        engine = create_engine(where)
    except (sa.exc.SQLAlchemyError, OSError, ImportError) as err:
        raise store_error(where, err) from err
    store = Store(Session(engine, where))
    try:
        if not create and not store._has_tables():
            raise NotFoundError(f"{where.label}: an empty database, not a Dateline store (`dateline ingest` fills it)")
        if readonly and engine.url.database not in (None, "", ":memory:"):
            with store._session.read() as conn:
                s.check_version(conn, where.label)
        else:
            store._session.write(lambda conn: s.migrate(conn, where.label))
    except BaseException:
        store.close()
        raise
    store._session.retry_transient = True
    return store


# a document's earlier per-document facts, removed before its new ones go in (built once)
_DELETE_FACTS = tuple(table.delete().where(table.c.document == sa.bindparam("doc")) for table in s.PER_DOCUMENT)
# asked once per article read: built once, not per call
_SOURCE_OF = sa.select(s.documents.c.path, s.documents.c.content_hash).where(s.documents.c.id == sa.bindparam("doc"))
_HASH_OF = sa.select(s.documents.c.content_hash).where(s.documents.c.id == sa.bindparam("doc"))


class Store(BrowseQueries):
    """Dateline's records in a SQLite file or a PostgreSQL database. Use ``open_store``.

    The paged, filtered and full-text queries (for the CLI, the HTTP API and the pages) are in
    ``browse.BrowseQueries``.
    """

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def label(self) -> str:
        """The target as given, without any password: for messages."""
        return self._session.target.label

    def __repr__(self) -> str:
        return f"Store({self.label!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._session.engine.dispose()

    # --- bookkeeping ---

    def _has_tables(self) -> bool:
        return self._session.query(lambda conn: bool(sa.inspect(conn).get_table_names()))

    def document_count(self) -> int:
        return self._session.query(
            lambda conn: int(conn.scalar(sa.select(sa.func.count()).select_from(s.documents)) or 0)
        )

    def document_source(self, document_id: str) -> tuple[str, str] | None:
        """(path read from, content hash) of the stored document, or None when no document has this id."""
        row = self._session.query(lambda conn: conn.execute(_SOURCE_OF, {"doc": document_id}).first())
        return None if row is None else (row.path, row.content_hash)

    def schema_version(self) -> int:
        return self._session.query(
            lambda conn: int(conn.scalar(sa.select(sa.func.max(s.schema_version.c.version))) or 0)
        )

    def get_meta(self, key: str) -> str | None:
        return self._session.query(lambda conn: conn.scalar(sa.select(s.meta.c.value).where(s.meta.c.key == key)))

    def set_meta(self, key: str, value: str | None) -> None:
        self._session.write(lambda conn: convert.upsert(conn, s.meta, {"key": key, "value": value}, ["key"]))

    def derived_is_stale(self) -> bool:
        """True when an article was saved since the derived records were last replaced."""
        mark = self.get_meta(STALE_KEY) or ""
        return mark == "1" or mark.startswith(SAVED)  # "1": written by Dateline before schema v4

    def saved_mark(self) -> str | None:
        """A mark that changes with every article saved and every derive written (each time a new
        one): a derive reads it before the articles, and its records are current only if the
        mark has not changed when they are written."""
        return self.get_meta(STALE_KEY)

    # --- per-document facts ---

    def stored_hash(self, document_id: str) -> str | None:
        """The content hash of the stored document, or None when it is not stored."""
        return self._session.query(lambda conn: conn.scalar(_HASH_OF, {"doc": document_id}))

    def save_article(self, annotated: Annotated, extraction: Extraction) -> bool:
        """Store one article and what was found in it, in one transaction.

        Replaces the document's earlier sentences, mentions, event reports and person mentions,
        and marks the derived records stale. Saving exactly what is stored changes nothing and
        returns False; otherwise returns True.
        """
        doc = annotated.document
        if extraction.document.id != doc.id:
            raise StoreError(f"{self.label}: extraction of {extraction.document.id!r} saved with document {doc.id!r}")
        encoded = encode([annotated, extraction])  # hashed whole; its reports and persons are stored as they are
        facts_hash = hashlib.sha256(dumps_encoded(encoded).encode()).hexdigest()
        payloads = convert.FactPayloads(events=encoded[1]["events"], persons=encoded[1]["persons"])

        def work(conn: sa.Connection) -> bool:
            stored = conn.execute(
                sa.select(s.documents.c.content_hash, s.documents.c.facts_hash)
                .where(s.documents.c.id == doc.id)
                .with_for_update()
            ).first()
            if stored is not None and tuple(stored) == (doc.content_hash, facts_hash):
                return False
            convert.upsert(conn, s.documents, convert.document_row(annotated, facts_hash), ["id"])
            for delete in _DELETE_FACTS:
                conn.execute(delete, {"doc": doc.id})
            convert.insert_facts(conn, annotated, extraction, payloads)
            convert.upsert(conn, s.meta, {"key": STALE_KEY, "value": SAVED + uuid.uuid4().hex}, ["key"])
            return True

        changed = self._session.write(work)
        log.debug("%s: %s %s", self.label, "saved" if changed else "unchanged", doc.id)
        return changed

    def documents(self) -> list[Document]:
        """Every stored document, ordered by id."""
        stmt = self._doc_select().order_by(s.documents.c.id)
        return self._session.query(lambda conn: [self._document(row) for row in conn.execute(stmt)])

    def document(self, doc_id: str) -> Document:
        return self._session.query(lambda conn: self._require(conn, doc_id))

    def sentences(self, doc_id: str) -> list[Sentence]:
        stmt = sa.select(s.sentences).where(s.sentences.c.document == doc_id).order_by(s.sentences.c.index)

        def work(conn: sa.Connection) -> list[Sentence]:
            self._require(conn, doc_id)
            return [Sentence(index=r.index, start=r.start, end=r.end) for r in conn.execute(stmt)]

        return self._session.query(work)

    def entities(self, doc_id: str) -> list[EntityMention]:
        return [m for m in self._mentions(doc_id, "entity") if isinstance(m, EntityMention)]

    def dates(self, doc_id: str) -> list[DateMention]:
        return [m for m in self._mentions(doc_id, "date") if isinstance(m, DateMention)]

    def annotated(self, doc_id: str) -> Annotated:
        """The NLP stage's view of a stored document (without the spaCy Doc)."""
        document = self.document(doc_id)
        stmt = sa.select(s.documents.c.tokens).where(s.documents.c.id == doc_id)
        tokens = self._session.query(lambda conn: conn.scalar(stmt)) or 0
        return Annotated(
            document=document,
            sentences=tuple(self.sentences(doc_id)),
            entities=tuple(self.entities(doc_id)),
            dates=tuple(self.dates(doc_id)),
            tokens=tokens,
        )

    def extractions(self) -> list[Extraction]:
        """Every stored document's Extraction, as saved, ordered by document id."""
        reports: dict[str, list[EventReport]] = defaultdict(list)
        persons: dict[str, list[PersonMention]] = defaultdict(list)

        def work(conn: sa.Connection) -> list[Document]:
            reports.clear()
            persons.clear()
            t = s.event_reports
            for row in conn.execute(sa.select(t.c.document, t.c.payload).order_by(t.c.document, t.c.index)):
                reports[row.document].append(decode_as(EventReport, row.payload))
            t = s.person_mentions
            for row in conn.execute(sa.select(t.c.document, t.c.payload).order_by(t.c.document, t.c.seq)):
                persons[row.document].append(decode_as(PersonMention, row.payload))
            return [self._document(row) for row in conn.execute(self._doc_select().order_by(s.documents.c.id))]

        docs = self._session.query(work)
        return [Extraction(document=d, events=tuple(reports[d.id]), persons=tuple(persons[d.id])) for d in docs]

    def mentions_by_document(
        self,
        doc_ids: Sequence[str] | None = None,
        *,
        labels: Collection[str] | None = None,
        date_sentences: int | None = None,
    ) -> dict[str, tuple[list[EntityMention], list[DateMention]]]:
        """Each document's entity and date mentions in text order (every document, or those named);
        only entities of ``labels`` and dates in the first ``date_sentences`` sentences, when given."""
        t = s.mentions
        stmt = sa.select(t).order_by(t.c.document, t.c.kind, t.c.seq)
        if doc_ids is not None:
            stmt = stmt.where(t.c.document.in_(list(doc_ids)))
        if labels is not None:
            stmt = stmt.where((t.c.kind != "entity") | t.c.label.in_(sorted(labels)))
        if date_sentences is not None:
            stmt = stmt.where((t.c.kind != "date") | (t.c.sentence < date_sentences))
        found: dict[str, tuple[list[EntityMention], list[DateMention]]] = {}
        for row in self._session.query(lambda conn: conn.execute(stmt).all()):
            entities, dates = found.setdefault(row.document, ([], []))
            mention = self._mention(row)
            if isinstance(mention, EntityMention):
                entities.append(mention)
            else:
                dates.append(mention)
        return found

    def _mentions(self, doc_id: str, kind: str) -> list[EntityMention | DateMention]:
        t = s.mentions
        stmt = sa.select(t).where(t.c.document == doc_id, t.c.kind == kind).order_by(t.c.seq)

        def work(conn: sa.Connection) -> Sequence[Any]:
            self._require(conn, doc_id)
            return conn.execute(stmt).all()

        rows = self._session.query(work)
        return [self._mention(r) for r in rows]

    @staticmethod
    def _mention(r: Any) -> EntityMention | DateMention:
        if r.kind == "entity":
            return EntityMention(r.text, r.label, r.start, r.end, r.sentence)
        return DateMention(
            text=r.text, char_start=r.start, char_end=r.end, sentence=r.sentence, start=r.date_start,
            end=r.date_end, granularity=r.granularity, relative=bool(r.relative),
        )  # fmt: skip

    @staticmethod
    def _doc_select() -> sa.Select[Any]:
        d = s.documents.c
        return sa.select(
            d.id, d.path, d.text, d.title, d.published, d.source, d.dateline, d.url, d.format, d.content_hash
        )

    @staticmethod
    def _document(row: Any) -> Document:
        return Document(**row._asdict())

    def _require(self, conn: sa.Connection, doc_id: str) -> Document:
        row = conn.execute(self._doc_select().where(s.documents.c.id == doc_id)).first()
        if row is None:
            raise NotFoundError(f"document {doc_id!r} is not in {self.label}")
        return self._document(row)

    # --- derived records ---

    def replace_derived(
        self,
        actors: Sequence[Actor],
        events: Sequence[Event],
        stories: Sequence[Story],
        passages: Sequence[SharedPassage] = (),
    ) -> None:
        """Replace every actor, event, story (and each document's story links) and shared passage
        in one transaction."""
        self.write_derived(Derived(tuple(actors), tuple(events), tuple(stories), tuple(passages)), full=True)

    def write_derived(self, records: Derived, *, full: bool = False) -> dict[str, int] | None:
        """Store the cross-article records in one transaction: every derived row deleted and
        written anew (``full``), or only the rows that differ from what is stored. Returns how
        many records of each table were written (``{"all": 1}`` when ``full``), or None, writing
        nothing, when another writer changed what an incremental derive relied on (articles saved
        since ``records.mark`` was read, passages it kept deleted): derive again then. Derives
        are serialised (SQLite's write lock; a transaction lock on PostgreSQL)."""

        def work(conn: sa.Connection) -> dict[str, int] | None:
            derived.serialise(conn)
            mark = conn.scalar(sa.select(s.meta.c.value).where(s.meta.c.key == STALE_KEY))
            current = records.mark is None or (mark or "") == records.mark  # None: the caller vouches
            if full:
                derived.replace_all(conn, records)
                written: dict[str, int] | None = {"all": 1}
            else:
                compared = derived.compared_pairs(conn) if current else set()
                if not current or not derived.holds_kept_passages(records, compared):
                    return None
                written = derived.write_changes(conn, records, compared)
            if current:
                convert.upsert(conn, s.meta, {"key": STALE_KEY, "value": DERIVED + uuid.uuid4().hex}, ["key"])
            return written

        written = self._session.write(work)
        log.info("%s: %d actors, %d events, %d stories (written: %s)", self.label, len(records.actors),
                 len(records.events), len(records.stories), written)  # fmt: skip
        return written

    def derive_cache(self) -> tuple[set[str], set[tuple[str, str]]]:
        """What the last derive kept for the next: the documents whose MinHash signature is kept
        (not those stored since), and the pairs of documents it compared for shared passages."""
        d, q = s.documents.c, s.passage_pairs.c

        def work(conn: sa.Connection) -> tuple[set[str], set[tuple[str, str]]]:
            signed = set(conn.scalars(sa.select(d.id).where(d.minhash.is_not(None))))
            return signed, {(r.document, r.other) for r in conn.execute(sa.select(q.document, q.other))}

        return self._session.query(work)

    def signatures(self, doc_ids: Collection[str]) -> dict[str, bytes]:
        """The kept MinHash signatures of these documents (those that have one)."""
        return self._session.query(lambda conn: derived.signatures(conn, doc_ids))

    def near_copy_index(
        self, bands: Collection[tuple[int, str]]
    ) -> tuple[set[str], set[tuple[str, str]], dict[str, str]]:
        """What the near-duplicate index holds for a derive: the documents filed under any of these
        (band, key) pairs, every near-copy link kept, and each copy's original as stored."""
        return self._session.query(lambda conn: derived.near_copy_index(conn, bands))

    def name_pairs(self) -> NamePairs:
        """What the last derive kept of person resolution: the names it compared, the pairs that fit."""
        return self._session.query(derived.name_pairs)

    def actors(self) -> list[Actor]:
        """Every actor as saved, ordered by id."""
        return self._load_actors(None)

    def actor(self, actor_id: str) -> Actor:
        found = self._load_actors(actor_id)
        if not found:
            raise NotFoundError(f"actor {actor_id!r} is not in {self.label}")
        return found[0]

    def _load_actors(self, actor_id: str | None) -> list[Actor]:
        stmt = sa.select(s.actors).order_by(s.actors.c.id)
        if actor_id is not None:
            stmt = stmt.where(s.actors.c.id == actor_id)
        return self._session.query(lambda conn: convert.actors_from(conn, conn.execute(stmt).all(), actor_id))

    def events(self) -> list[Event]:
        """Every fused event as saved, ordered by id."""
        return self._load_events(None)

    def event(self, event_id: str) -> Event:
        found = self._load_events(event_id)
        if not found:
            raise NotFoundError(f"event {event_id!r} is not in {self.label}")
        return found[0]

    def _load_events(self, event_id: str | None) -> list[Event]:
        stmt = sa.select(s.events).order_by(s.events.c.id)
        if event_id is not None:
            stmt = stmt.where(s.events.c.id == event_id)
        return self._session.query(lambda conn: convert.events_from(conn, conn.execute(stmt).all(), event_id))

    def stories(self) -> list[Story]:
        """Every story as saved, ordered by id."""

        def work(conn: sa.Connection) -> tuple[Sequence[Any], dict[Any, Any]]:
            base = conn.execute(sa.select(s.stories).order_by(s.stories.c.id)).all()
            return base, convert.grouped(conn, s.story_documents, "story", None)

        base, members = self._session.query(work)
        return [decode_as(Story, {**row.payload, "documents": [m.document for m in members[row.id]]}) for row in base]

    def document_links(self) -> dict[str, tuple[str | None, str | None]]:
        """Each document's (story id, id of the document it duplicates), by document id."""
        d = s.documents.c
        rows = self._session.query(
            lambda conn: conn.execute(sa.select(d.id, d.story, d.duplicate_of).order_by(d.id)).all()
        )
        return {r.id: (r.story, r.duplicate_of) for r in rows}

    def shared_passages(self, doc_id: str) -> list[SharedPassage]:
        """The passages ``doc_id`` shares with other documents, each seen from ``doc_id``, in text order."""
        p = s.shared_passages
        stmt = sa.select(p).where(sa.or_(p.c.document == doc_id, p.c.other == doc_id))
        rows = self._session.query(lambda conn: conn.execute(stmt).all())
        found = [
            SharedPassage(document=r.document, start=r.start, end=r.end, other=r.other,
                          other_start=r.other_start, other_end=r.other_end, words=r.words).seen_from(doc_id)
            for r in rows
        ]  # fmt: skip
        return sorted(found, key=lambda x: (x.start, x.other, x.other_start))

    def story_of(self, doc_id: str) -> str | None:
        return self._link(doc_id)[0]

    def duplicate_of(self, doc_id: str) -> str | None:
        return self._link(doc_id)[1]

    def _link(self, doc_id: str) -> tuple[str | None, str | None]:
        d = s.documents.c
        row = self._session.query(
            lambda conn: conn.execute(sa.select(d.story, d.duplicate_of).where(d.id == doc_id)).first()
        )
        if row is None:
            raise NotFoundError(f"document {doc_id!r} is not in {self.label}")
        return row.story, row.duplicate_of
