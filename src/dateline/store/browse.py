"""Paged, filtered and indexed reads: what the CLI's queries, the HTTP API and the pages ask.

Every method here answers from indexes (the v2 migration in ``schema.py`` adds them) and
loads into Python only the rows it returns: a page of events with their child rows, the
actors a name matches, one document. Each runs in one read transaction through
``Session.query``, retried like the store's writes when a PostgreSQL server restarts under
it. ``Store`` inherits these methods.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import sqlalchemy as sa

from dateline.errors import NotFoundError
from dateline.model import Actor, Document, Event, RoleHeld, Story
from dateline.store import convert, fulltext
from dateline.store import schema as s
from dateline.store.codec import decode_as

if TYPE_CHECKING:
    from dateline.store.engine import Session

T = TypeVar("T")

MAX_PAGE = 500
PREFIX_MATCHES = 20  # an id prefix that matches more events than this is reported as ambiguous with these


@dataclass(frozen=True)
class EventFilter:
    """Which events: ``status`` "held", "planned" or None (both); the other fields narrow them down."""

    status: str | None = "held"
    date_from: date | None = None  # events that end on or after this day
    date_to: date | None = None  # events that start on or before this day
    country: str | None = None  # ISO alpha-3 of the venue
    actor: str | None = None  # an actor id that took part or received the delegations
    series: str | None = None  # the series name as stored
    type: str | None = None  # meeting | reception | agreement
    story: str | None = None
    newest_first: bool = False  # newest first (undated events left out) instead of oldest first


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a longer list: the items, how many there are in all, and where the page starts."""

    items: list[T]
    total: int
    limit: int
    offset: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def _limits(limit: int, offset: int) -> tuple[int, int]:
    return max(0, min(limit, MAX_PAGE)), max(0, offset)


def _event_query(filt: EventFilter) -> tuple[list[Any], list[Any]]:
    """The WHERE conditions and the ORDER BY of the events ``filt`` asks for."""
    e = s.events.c
    conditions: list[Any] = []
    if filt.status is not None:
        conditions.append(e.status == filt.status)
    if filt.date_from is not None:
        conditions.append(sa.func.coalesce(e.end, e.start) >= filt.date_from)
    if filt.date_to is not None:
        conditions.append(e.start <= filt.date_to)
    if filt.country:
        conditions.append(e.country == filt.country.upper())
    if filt.series:
        conditions.append(e.series == filt.series)
    if filt.type:
        conditions.append(e.type == filt.type)
    if filt.story:
        conditions.append(e.story == filt.story)
    if filt.actor:
        p = s.participations.c
        conditions.append(e.id.in_(sa.select(p.event).where(p.actor == filt.actor)))  # driven by the actor index
    if filt.newest_first:
        conditions.append(e.start.is_not(None))
        return conditions, [e.start.desc(), e.id.desc()]
    return conditions, [e.start.asc().nulls_last(), e.id.asc()]


class BrowseQueries:
    """The indexed queries; mixed into ``Store`` (which provides ``_session`` and ``label``)."""

    _session: Session
    label: str

    # --- events ---

    def event_page(self, filt: EventFilter = EventFilter(), limit: int = 50, offset: int = 0) -> Page[Event]:
        """Events that pass ``filt``, by start date then id (or newest first), ``limit`` from ``offset``."""
        limit, offset = _limits(limit, offset)
        conditions, order = _event_query(filt)

        def work(conn: sa.Connection) -> Page[Event]:
            total = conn.scalar(sa.select(sa.func.count()).select_from(s.events).where(*conditions)) or 0
            rows = conn.execute(sa.select(s.events).where(*conditions).order_by(*order).limit(limit).offset(offset))
            base = rows.all()
            return Page(convert.events_from(conn, base, [r.id for r in base]), total, limit, offset)

        return self._session.query(work)

    def events_matching(self, filt: EventFilter) -> list[Event]:
        """Every event that passes ``filt``, in the order of ``event_page`` (for listings that want them all)."""
        conditions, order = _event_query(filt)

        def work(conn: sa.Connection) -> list[Event]:
            base = conn.execute(sa.select(s.events).where(*conditions).order_by(*order)).all()
            return convert.events_from(conn, base, sa.select(s.events.c.id).where(*conditions))

        return self._session.query(work)

    def events_by_id_prefix(self, ident: str) -> list[Event]:
        """The event with id ``ident``; else those whose id starts with it (at most PREFIX_MATCHES + 1)."""
        e = s.events.c

        def work(conn: sa.Connection) -> list[Event]:
            base = conn.execute(sa.select(s.events).where(e.id == ident)).all()
            if not base and ident:
                stmt = sa.select(s.events).where(e.id >= ident, e.id < ident + "\U0010ffff")
                base = conn.execute(stmt.order_by(e.id).limit(PREFIX_MATCHES + 1)).all()
            return convert.events_from(conn, base, [r.id for r in base])

        return self._session.query(work)

    def events_by_ids(self, ids: Sequence[str]) -> list[Event]:
        """The events with these ids (those that exist), by id."""
        e = s.events.c

        def work(conn: sa.Connection) -> list[Event]:
            base = conn.execute(sa.select(s.events).where(e.id.in_(list(ids))).order_by(e.id)).all()
            return convert.events_from(conn, base, [r.id for r in base])

        return self._session.query(work)

    def events_of_document(self, doc_id: str) -> list[Event]:
        """Every event a document reports, by start date then id."""
        d = s.event_documents.c
        e = s.events.c

        def work(conn: sa.Connection) -> list[Event]:
            ids = sa.select(d.event).where(d.document == doc_id)
            base = conn.execute(
                sa.select(s.events).where(e.id.in_(ids)).order_by(e.start.asc().nulls_last(), e.id)
            ).all()
            return convert.events_from(conn, base, [r.id for r in base])

        return self._session.query(work)

    def meeting_events_with_series(self) -> list[Event]:
        """Every meeting that names a series (held or planned): what the series view is built from."""
        e = s.events.c

        def work(conn: sa.Connection) -> list[Event]:
            wanted = (e.type == "meeting", e.status.in_(("held", "planned")), e.series.is_not(None))
            base = conn.execute(sa.select(s.events).where(*wanted).order_by(e.id)).all()
            return convert.events_from(conn, base, sa.select(e.id).where(*wanted))

        return self._session.query(work)

    # --- actors ---

    def actors_named(self, folded: str) -> tuple[list[Actor], bool]:
        """Actors whose folded name, alias or code equals ``folded`` (True); else those with, for
        every word of ``folded``, a word of their name or an alias that starts with it (False)."""
        a, al, w = s.actors.c, s.actor_aliases.c, s.actor_words.c
        exact = sa.union(
            sa.select(a.id).where(a.folded == folded),
            sa.select(al.actor).where(al.folded == folded),
            sa.select(a.id).where(a.code == folded.upper()),
        )
        starts = [sa.select(w.actor).where(w.word >= word, w.word < word + "\U0010ffff") for word in folded.split()]
        by_words = sa.intersect(*starts) if len(starts) > 1 else starts[0]

        def work(conn: sa.Connection) -> tuple[list[Actor], bool]:
            for ids, is_exact in ((exact, True), (by_words, False)):
                found = [r[0] for r in conn.execute(ids)]
                if found:
                    base = conn.execute(sa.select(s.actors).where(a.id.in_(found)).order_by(a.id)).all()
                    return convert.actors_from(conn, base, found), is_exact
            return [], False

        return self._session.query(work)

    def actors_by_id(self, ids: Sequence[str]) -> list[Actor]:
        a = s.actors.c

        def work(conn: sa.Connection) -> list[Actor]:
            base = conn.execute(sa.select(s.actors).where(a.id.in_(list(ids))).order_by(a.id)).all()
            return convert.actors_from(conn, base, list(ids))

        return self._session.query(work)

    def roles_of(self, affiliation: str) -> list[tuple[str, RoleHeld]]:
        """(actor id, role) for every role held of ``affiliation`` (a country or organisation code)."""
        r = s.actor_roles.c

        def work(conn: sa.Connection) -> list[tuple[str, RoleHeld]]:
            stmt = sa.select(r.actor, r.payload).where(r.affiliation == affiliation)
            rows = conn.execute(stmt.order_by(r.actor, r.seq))
            return [(row.actor, decode_as(RoleHeld, row.payload)) for row in rows]

        return self._session.query(work)

    def coded_actors(self) -> list[Actor]:
        """Countries and organisations (actors with a code), without aliases or roles."""
        a = s.actors.c

        def work(conn: sa.Connection) -> list[Actor]:
            rows = conn.execute(sa.select(a.payload).where(a.code.is_not(None)).order_by(a.code))
            return [decode_as(Actor, r.payload) for r in rows]

        return self._session.query(work)

    def actor_page(self, limit: int = 50, offset: int = 0, kind: str | None = None) -> Page[Actor]:
        limit, offset = _limits(limit, offset)
        a = s.actors.c
        conditions = [a.kind == kind] if kind else []

        def work(conn: sa.Connection) -> Page[Actor]:
            total = conn.scalar(sa.select(sa.func.count()).select_from(s.actors).where(*conditions)) or 0
            base = conn.execute(sa.select(s.actors).where(*conditions).order_by(a.id).limit(limit).offset(offset)).all()
            return Page(convert.actors_from(conn, base, [r.id for r in base]), total, limit, offset)

        return self._session.query(work)

    # --- documents and stories ---

    def document_page(self, limit: int = 50, offset: int = 0) -> Page[Document]:
        """Documents, newest publication first."""
        limit, offset = _limits(limit, offset)
        d = s.documents.c
        cols = (d.id, d.path, d.text, d.title, d.published, d.source, d.dateline, d.url, d.format, d.content_hash)

        def work(conn: sa.Connection) -> Page[Document]:
            total = conn.scalar(sa.select(sa.func.count()).select_from(s.documents)) or 0
            rows = conn.execute(
                sa.select(*cols).order_by(d.published.desc().nulls_last(), d.id).limit(limit).offset(offset)
            )
            return Page([Document(**r._asdict()) for r in rows], total, limit, offset)

        return self._session.query(work)

    def documents_by_id(self, ids: Sequence[str]) -> list[Document]:
        """The documents with these ids (those that exist), by id."""
        d = s.documents.c
        cols = (d.id, d.path, d.text, d.title, d.published, d.source, d.dateline, d.url, d.format, d.content_hash)

        def work(conn: sa.Connection) -> list[Document]:
            rows = conn.execute(sa.select(*cols).where(d.id.in_(list(ids))).order_by(d.id))
            return [Document(**r._asdict()) for r in rows]

        return self._session.query(work)

    def story_page(self, limit: int = 50, offset: int = 0) -> Page[Story]:
        limit, offset = _limits(limit, offset)
        st = s.stories.c

        def work(conn: sa.Connection) -> Page[Story]:
            total = conn.scalar(sa.select(sa.func.count()).select_from(s.stories)) or 0
            base = conn.execute(sa.select(s.stories).order_by(st.id).limit(limit).offset(offset)).all()
            return Page(self._stories_from(conn, base), total, limit, offset)

        return self._session.query(work)

    def story(self, story_id: str) -> Story:
        def work(conn: sa.Connection) -> list[Story]:
            base = conn.execute(sa.select(s.stories).where(s.stories.c.id == story_id)).all()
            return self._stories_from(conn, base)

        found = self._session.query(work)
        if not found:
            raise NotFoundError(f"story {story_id!r} is not in {self.label}")
        return found[0]

    @staticmethod
    def _stories_from(conn: sa.Connection, base: Sequence[Any]) -> list[Story]:
        members = convert.grouped(conn, s.story_documents, "story", [r.id for r in base])
        return [decode_as(Story, {**row.payload, "documents": [m.document for m in members[row.id]]}) for row in base]

    def search_documents(self, query: str, limit: int = 20, offset: int = 0) -> Page[fulltext.Hit]:
        """Documents matching ``query`` (words; "quoted phrases"), best first, with marked snippets."""
        limit, offset = _limits(limit, offset)
        total, hits = self._session.query(lambda conn: fulltext.search(conn, query, limit, offset))
        return Page(hits, total, limit, offset)
