"""The tables, and the ordered migrations that bring a database to them.

Per-document facts (what ingest → nlp → events found in one article) hang off ``documents``
and are replaced with it. Derived rows (actors, events, stories: what the cross-article
stages computed over every article) are replaced all together by ``Store.replace_derived``.
Where a record has nested parts, the row keeps key columns for queries plus a JSON
``payload`` with the whole record (see ``codec.py``), so a field added to a model dataclass
with a default is stored without a migration.

Migrations: a new database gets ``METADATA.create_all`` and is stamped with the latest
version; an existing one runs every migration whose version is above the one it records.
So a later change edits the tables here AND appends a migration that upgrades an old
database to them (e.g. an ``ALTER TABLE ... ADD COLUMN``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from dateline.errors import StoreError

log = logging.getLogger(__name__)

METADATA = sa.MetaData()


def _fk(column: str, ondelete: str | None = "CASCADE") -> sa.ForeignKey:
    return sa.ForeignKey(column, ondelete=ondelete)


schema_version = sa.Table(
    "schema_version",
    METADATA,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.String, nullable=False),
    sa.Column("applied_at", sa.String, nullable=False),
)

meta = sa.Table(
    "meta",
    METADATA,
    sa.Column("key", sa.String, primary_key=True),
    sa.Column("value", sa.String, nullable=True),
)

# --- per-document facts ---

documents = sa.Table(
    "documents",
    METADATA,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("path", sa.String, nullable=False),
    sa.Column("title", sa.String),
    sa.Column("published", sa.Date),
    sa.Column("source", sa.String),
    sa.Column("dateline", sa.String),
    sa.Column("url", sa.String),
    sa.Column("format", sa.String, nullable=False),
    sa.Column("content_hash", sa.String, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("tokens", sa.Integer, nullable=False, default=0),
    sa.Column("facts_hash", sa.String, nullable=False),  # sha256 of everything saved with the document
    sa.Column("ingested_at", sa.String, nullable=False),
    sa.Column("story", sa.String),  # derived
    sa.Column("duplicate_of", sa.String),  # derived
)

sentences = sa.Table(
    "sentences",
    METADATA,
    sa.Column("document", sa.String, _fk("documents.id"), primary_key=True),
    sa.Column("index", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
)

mentions = sa.Table(
    "mentions",
    METADATA,
    sa.Column("document", sa.String, _fk("documents.id"), primary_key=True),
    sa.Column("kind", sa.String, primary_key=True),  # entity | date
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("label", sa.String),  # entity label (PERSON, GPE, ...); None for dates
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("sentence", sa.Integer, nullable=False),
    sa.Column("date_start", sa.Date),  # resolved date range (dates only)
    sa.Column("date_end", sa.Date),
    sa.Column("granularity", sa.String),
    sa.Column("relative", sa.Boolean),
    sa.Index("ix_mentions_label", "kind", "label"),
)

event_reports = sa.Table(
    "event_reports",
    METADATA,
    sa.Column("document", sa.String, _fk("documents.id"), primary_key=True),
    sa.Column("index", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("type", sa.String, nullable=False),
    sa.Column("series", sa.String),
    sa.Column("ordinal", sa.Integer),
    sa.Column("start", sa.Date),
    sa.Column("end", sa.Date),
    sa.Column("payload", sa.JSON, nullable=False),  # the whole EventReport
    sa.Index("ix_event_reports_series", "series"),
)

person_mentions = sa.Table(
    "person_mentions",
    METADATA,
    sa.Column("document", sa.String, _fk("documents.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("role", sa.String),
    sa.Column("affiliation", sa.String),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),  # the whole PersonMention
    sa.Index("ix_person_mentions_name", "name"),
)

# --- derived: actors ---

actors = sa.Table(
    "actors",
    METADATA,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("code", sa.String),
    sa.Column("payload", sa.JSON, nullable=False),  # the Actor without aliases and roles
)

actor_aliases = sa.Table(
    "actor_aliases",
    METADATA,
    sa.Column("actor", sa.String, _fk("actors.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("text", sa.String, nullable=False),
    sa.Column("document", sa.String, nullable=False),
    sa.Column("reason", sa.String, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Index("ix_actor_aliases_text", "text"),
)

actor_roles = sa.Table(
    "actor_roles",
    METADATA,
    sa.Column("actor", sa.String, _fk("actors.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("title", sa.String, nullable=False),
    sa.Column("affiliation", sa.String),
    sa.Column("normalized", sa.String),
    sa.Column("first_seen", sa.Date),
    sa.Column("last_seen", sa.Date),
    sa.Column("payload", sa.JSON, nullable=False),
)

# --- derived: stories ---

stories = sa.Table(
    "stories",
    METADATA,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("title", sa.String),
    sa.Column("payload", sa.JSON, nullable=False),  # the Story without its documents
)

story_documents = sa.Table(
    "story_documents",
    METADATA,
    sa.Column("story", sa.String, _fk("stories.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("document", sa.String, _fk("documents.id"), nullable=False),
    sa.Index("ix_story_documents_document", "document"),
)

# --- derived: events ---

events = sa.Table(
    "events",
    METADATA,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("type", sa.String, nullable=False),
    sa.Column("title", sa.String),
    sa.Column("organization", sa.String),
    sa.Column("series", sa.String),
    sa.Column("ordinal", sa.Integer),
    sa.Column("start", sa.Date),
    sa.Column("end", sa.Date),
    sa.Column("city", sa.String),
    sa.Column("country", sa.String),
    sa.Column("mode", sa.String),
    sa.Column("status", sa.String, nullable=False),
    sa.Column("chair", sa.String),
    sa.Column("story", sa.String),
    sa.Column("payload", sa.JSON, nullable=False),  # the Event without its child rows below
    sa.Index("ix_events_series", "series", "ordinal"),
    sa.Index("ix_events_start", "start"),
)

event_documents = sa.Table(
    "event_documents",
    METADATA,
    sa.Column("event", sa.String, _fk("events.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("document", sa.String, _fk("documents.id"), nullable=False),
    sa.Index("ix_event_documents_document", "document"),
)

participations = sa.Table(
    "participations",
    METADATA,
    sa.Column("event", sa.String, _fk("events.id"), primary_key=True),
    sa.Column("part", sa.String, primary_key=True),  # participant | received_by
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("actor", sa.String, nullable=False),
    sa.Column("role", sa.String),
    sa.Column("affiliation", sa.String),
    sa.Column("name", sa.String),
    sa.Column("payload", sa.JSON, nullable=False),  # the whole Participation
    sa.Index("ix_participations_actor", "actor"),
)

evidence = sa.Table(
    "evidence",
    METADATA,
    sa.Column("event", sa.String, _fk("events.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("field", sa.String, nullable=False),
    sa.Column("document", sa.String, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Index("ix_evidence_document", "document"),
)

conflicts = sa.Table(
    "conflicts",
    METADATA,
    sa.Column("event", sa.String, _fk("events.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("field", sa.String, nullable=False),
    sa.Column("chosen", sa.String, nullable=False),
    sa.Column("rule", sa.String, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),  # the whole Conflict (with its versions)
)

PER_DOCUMENT = (sentences, mentions, event_reports, person_mentions)
# children before parents: the order to delete in
DERIVED = (
    conflicts,
    evidence,
    participations,
    event_documents,
    events,
    story_documents,
    stories,
    actor_roles,
    actor_aliases,
    actors,
)


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sa.Connection], None]


def _create_v1(conn: sa.Connection) -> None:
    METADATA.create_all(conn)


MIGRATIONS: list[Migration] = [
    Migration(1, "documents, per-document facts, derived actors/events/stories", _create_v1),
]

LATEST_VERSION = MIGRATIONS[-1].version
_PG_MIGRATION_LOCK = 0x6461_7465  # any constant: serialises concurrent migrations on PostgreSQL


def migrate(conn: sa.Connection, label: str) -> None:
    """Bring the database behind ``conn`` to the latest version (inside the caller's transaction)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_PG_MIGRATION_LOCK)))
    tables = set(sa.inspect(conn).get_table_names())
    now = datetime.now(UTC).isoformat(timespec="seconds")
    if schema_version.name not in tables:
        if tables:
            raise StoreError(f"{label}: not a Dateline database (it has tables but no schema_version)")
        METADATA.create_all(conn)
        conn.execute(
            schema_version.insert(),
            [{"version": m.version, "description": m.description, "applied_at": now} for m in MIGRATIONS],
        )
        return
    current = conn.scalar(sa.select(sa.func.max(schema_version.c.version))) or 0
    if current > LATEST_VERSION:
        raise StoreError(
            f"{label}: schema version {current} is newer than this Dateline knows ({LATEST_VERSION}): upgrade Dateline"
        )
    for migration in MIGRATIONS:
        if migration.version > current:
            log.info("migrating store to version %d: %s", migration.version, migration.description)
            migration.apply(conn)
            conn.execute(
                schema_version.insert().values(
                    version=migration.version, description=migration.description, applied_at=now
                )
            )
