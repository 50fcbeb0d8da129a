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
    # the MinHash signature the last derive computed (v4); NULL once the document is saved anew,
    # so a NULL also marks the documents stored since the last derive
    sa.Column("minhash", sa.LargeBinary),
    sa.Index("ix_documents_story", "story"),  # v2
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
    sa.Column("digest", sa.String),  # of the whole record: a derive rewrites only what changed (v4)
    sa.Column("kind", sa.String, nullable=False),
    sa.Column("name", sa.String, nullable=False),
    sa.Column("code", sa.String),
    sa.Column("payload", sa.JSON, nullable=False),  # the Actor without aliases and roles
    sa.Column("folded", sa.String),  # actors.names.fold(name): what name searches compare (v2)
    sa.Index("ix_actors_folded", "folded"),
    sa.Index("ix_actors_code", "code"),
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
    sa.Column("folded", sa.String),  # actors.names.fold(text) (v2)
    sa.Index("ix_actor_aliases_text", "text"),
    sa.Index("ix_actor_aliases_folded", "folded"),
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
    sa.Index("ix_actor_roles_affiliation", "affiliation"),
)

# Each word of an actor's folded name, aliases and code, for searches by the start of a word (v2).
# Compared byte by byte ("C" collation on PostgreSQL) so that a prefix is a range of the index.
actor_words = sa.Table(
    "actor_words",
    METADATA,
    sa.Column("word", sa.String().with_variant(sa.String(collation="C"), "postgresql"), primary_key=True),
    sa.Column("actor", sa.String, _fk("actors.id"), primary_key=True),
)

# --- derived: stories ---

stories = sa.Table(
    "stories",
    METADATA,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("digest", sa.String),  # of the whole record: a derive rewrites only what changed (v4)
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

# passages of five or more words two documents share (stories/reuse.py): each pair once, in id order
shared_passages = sa.Table(
    "shared_passages",
    METADATA,
    sa.Column("document", sa.String, _fk("documents.id"), primary_key=True),
    sa.Column("other", sa.String, _fk("documents.id"), primary_key=True),
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("other_start", sa.Integer, nullable=False),
    sa.Column("other_end", sa.Integer, nullable=False),
    sa.Column("words", sa.Integer, nullable=False),
    sa.Index("ix_shared_passages_other", "other"),
)

# the pairs of documents compared for shared passages by the last derive (v4): a passage depends
# only on the two texts, so a pair compared before, both documents unchanged, is not compared again
passage_pairs = sa.Table(
    "passage_pairs",
    METADATA,
    sa.Column("document", sa.String, _fk("documents.id"), primary_key=True),
    sa.Column("other", sa.String, _fk("documents.id"), primary_key=True),
    sa.Index("ix_passage_pairs_other", "other"),
)

# the person names (one surface form per name key) the last derive compared with one another, and
# the pairs of them that may name one person (v5): whether a pair fits depends on its two names
# alone, so the next derive compares only the pairs with a name not held here
person_names = sa.Table(
    "person_names",
    METADATA,
    sa.Column("name", sa.String, primary_key=True),
)
person_name_pairs = sa.Table(
    "person_name_pairs",
    METADATA,
    sa.Column("name", sa.String, primary_key=True),
    sa.Column("other", sa.String, primary_key=True),
    sa.Index("ix_person_name_pairs_other", "other"),
)

# the near-duplicate index (v6): each document's LSH band keys (of its stored MinHash signature),
# so the documents a new text shares a band with are found by lookup, and the near-copy links
# the last derive found (``stories/duplicates.py``)
minhash_bands = sa.Table(
    "minhash_bands",
    METADATA,
    sa.Column("document", sa.String, _fk("documents.id"), primary_key=True),
    sa.Column("band", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("key", sa.String, nullable=False),
    sa.Index("ix_minhash_bands_key", "band", "key"),
)
near_copy_links = sa.Table(
    "near_copy_links",
    METADATA,
    sa.Column("document", sa.String, _fk("documents.id"), primary_key=True),
    sa.Column("other", sa.String, _fk("documents.id"), primary_key=True),
)

# --- derived: events ---

events = sa.Table(
    "events",
    METADATA,
    sa.Column("id", sa.String, primary_key=True),
    sa.Column("digest", sa.String),  # of the whole record: a derive rewrites only what changed (v4)
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
    # paging and filtering (v2): held or planned events by date, by country, by story, by type
    sa.Index("ix_events_status_start", "status", "start", "id"),
    sa.Index("ix_events_country_start", "country", "start"),
    sa.Index("ix_events_story", "story"),
    sa.Index("ix_events_type_status", "type", "status", "series"),
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
    sa.Index("ix_participations_affiliation", "affiliation"),
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
    near_copy_links,
    minhash_bands,
    person_name_pairs,
    person_names,
    passage_pairs,
    shared_passages,
    conflicts,
    evidence,
    participations,
    event_documents,
    events,
    story_documents,
    stories,
    actor_words,
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


# Indexes added by v2 (created by create_all on a new database, by the migration on an old one).
_V2_INDEXES = (
    "ix_actors_folded", "ix_actors_code", "ix_actor_aliases_folded", "ix_actor_roles_affiliation",
    "ix_events_status_start", "ix_events_country_start", "ix_events_story", "ix_events_type_status",
    "ix_participations_affiliation", "ix_documents_story",
)  # fmt: skip


def _query_indexes_v2(conn: sa.Connection) -> None:
    """Folded name columns, indexes for every query the CLI, API and pages run, full-text search."""
    from dateline.actors.names import fold

    for table in (actors, actor_aliases):
        if "folded" not in {c["name"] for c in sa.inspect(conn).get_columns(table.name)}:
            conn.execute(sa.text(f"ALTER TABLE {table.name} ADD COLUMN folded VARCHAR"))
    for table, source in ((actors, "name"), (actor_aliases, "text")):
        keys = [c.name for c in table.primary_key.columns]
        rows = conn.execute(sa.select(*table.primary_key.columns, table.c[source])).all()
        if rows:
            stmt = table.update().values(folded=sa.bindparam("b_folded"))
            for key in keys:
                stmt = stmt.where(table.c[key] == sa.bindparam(f"b_{key}"))
            params = [{**{f"b_{k}": getattr(r, k) for k in keys}, "b_folded": fold(getattr(r, source))} for r in rows]
            conn.execute(stmt, params)
    for table in METADATA.sorted_tables:
        for index in table.indexes:
            if index.name in _V2_INDEXES:
                index.create(conn, checkfirst=True)
    actor_words.create(conn, checkfirst=True)
    conn.execute(actor_words.delete())
    words = {(word, r.actor) for r in conn.execute(sa.select(actor_aliases.c.actor, actor_aliases.c.folded))
             for word in (r.folded or "").split()}  # fmt: skip
    words |= {(word, r.id) for r in conn.execute(sa.select(actors.c.id, actors.c.folded, actors.c.code))
              for word in f"{r.folded or ''} {(r.code or '').lower()}".split()}  # fmt: skip
    if words:
        conn.execute(actor_words.insert(), [{"word": w, "actor": a} for w, a in sorted(words)])
    create_dialect_structures(conn)


def create_dialect_structures(conn: sa.Connection) -> None:
    """Full-text search over documents' title and text, kept current by the database itself,
    and the newest-first index of documents (NULLS LAST is spelled differently by each database).

    SQLite: an FTS5 table with ``documents`` as external content, maintained by triggers
    (only a change of title or text re-indexes a document). PostgreSQL: a GIN index on the
    ``english`` tsvector of title and text, which ``fulltext.search`` queries by the same expression.
    """
    if conn.dialect.name == "postgresql":
        for statement in (
            f"CREATE INDEX IF NOT EXISTS ix_documents_fulltext ON documents USING GIN ({PG_TSVECTOR})",
            "CREATE INDEX IF NOT EXISTS ix_documents_published ON documents (published DESC NULLS LAST, id)",
        ):
            conn.execute(sa.text(statement))
        return
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_documents_published ON documents (published DESC, id)")
    for statement in _SQLITE_FULLTEXT:
        conn.exec_driver_sql(statement)
    conn.exec_driver_sql("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")


PG_TSVECTOR = "to_tsvector('english', coalesce(title, '') || ' ' || text)"
_SQLITE_FULLTEXT = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); "
    "END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END",
)


def _shared_passages_v3(conn: sa.Connection) -> None:
    shared_passages.create(conn, checkfirst=True)  # filled by the next rebuild


def _incremental_v4(conn: sa.Connection) -> None:
    """Columns and the table an incremental derive keeps (filled by the next derive)."""
    for table, column, kind in (
        (documents, "minhash", "BYTEA" if conn.dialect.name == "postgresql" else "BLOB"),
        (actors, "digest", "VARCHAR"),
        (stories, "digest", "VARCHAR"),
        (events, "digest", "VARCHAR"),
    ):
        if column not in {c["name"] for c in sa.inspect(conn).get_columns(table.name)}:
            conn.execute(sa.text(f"ALTER TABLE {table.name} ADD COLUMN {column} {kind}"))
    passage_pairs.create(conn, checkfirst=True)


def _person_names_v5(conn: sa.Connection) -> None:
    """The tables of person names compared (filled by the next derive)."""
    person_names.create(conn, checkfirst=True)
    person_name_pairs.create(conn, checkfirst=True)


def _near_copies_v6(conn: sa.Connection) -> None:
    """The near-duplicate index; every signature is dropped, so the next derive computes each
    signature again and files its band keys (the index then holds every document)."""
    minhash_bands.create(conn, checkfirst=True)
    near_copy_links.create(conn, checkfirst=True)
    conn.execute(documents.update().values(minhash=None))


MIGRATIONS: list[Migration] = [
    Migration(1, "documents, per-document facts, derived actors/events/stories", _create_v1),
    Migration(2, "query indexes, folded actor names and words, full-text search over documents", _query_indexes_v2),
    Migration(3, "passages of five or more words shared by two documents", _shared_passages_v3),
    Migration(4, "cached MinHash signatures, record digests and compared pairs for an incremental derive",
              _incremental_v4),
    Migration(5, "person names compared and the pairs that fit, for an incremental derive", _person_names_v5),
    Migration(6, "near-duplicate index: LSH band keys of each document, near-copy links", _near_copies_v6),
]

LATEST_VERSION = MIGRATIONS[-1].version
_PG_MIGRATION_LOCK = 0x6461_7465  # any constant: serialises concurrent migrations on PostgreSQL


def check_version(conn: sa.Connection, label: str) -> None:
    """For a read-only store: raise StoreError unless it is a Dateline store of the latest version."""
    tables = set(sa.inspect(conn).get_table_names())
    if not tables:
        raise StoreError(f"{label}: an empty database: nothing ingested yet (`dateline ingest` creates the tables)")
    if schema_version.name not in tables:
        raise StoreError(f"{label}: not a Dateline database (it has tables but no schema_version)")
    current = conn.scalar(sa.select(sa.func.max(schema_version.c.version))) or 0
    if current != LATEST_VERSION:
        raise StoreError(
            f"{label}: schema version {current}, this Dateline reads {LATEST_VERSION}: "
            + ("upgrade Dateline" if current > LATEST_VERSION else "run `dateline ingest` on it once to migrate it")
        )


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
        create_dialect_structures(conn)
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
