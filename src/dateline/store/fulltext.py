"""Full-text search over stored articles: SQLite FTS5 or PostgreSQL's tsvector (see schema.create_dialect_structures).

A query is words and "quoted phrases", all of which must match. Snippets mark the matched
words with MARK_START and MARK_END (control characters no article text is stored with), so
that a page can escape the snippet first and then turn only these marks into markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from dateline.store.schema import PG_TSVECTOR

MARK_START, MARK_END = "\x02", "\x03"
_TERMS = re.compile(r'"([^"]*)"|(\w+)')


@dataclass(frozen=True)
class Hit:
    """A document that matches a search, and a snippet of its text with the matches marked."""

    document: str
    title: str | None
    published: date | None
    snippet: str


def terms(query: str) -> list[str]:
    """The words and quoted phrases of a query (punctuation outside phrases ignored)."""
    found = []
    for phrase, word in _TERMS.findall(query):
        text = " ".join(re.findall(r"\w+", phrase)) if phrase else word
        if text:
            found.append(text)
    return found


def search(conn: sa.Connection, query: str, limit: int, offset: int) -> tuple[int, list[Hit]]:
    """(number of matching documents, the page of hits), best match first."""
    wanted = terms(query)
    if not wanted:
        return 0, []
    if conn.dialect.name == "postgresql":
        return _search_postgres(conn, wanted, limit, offset)
    return _search_sqlite(conn, wanted, limit, offset)


def _search_sqlite(conn: sa.Connection, wanted: list[str], limit: int, offset: int) -> tuple[int, list[Hit]]:
    match = " ".join('"' + term.replace('"', '""') + '"' for term in wanted)
    total = conn.scalar(sa.text("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH :q"), {"q": match})
    rows = conn.execute(
        sa.text(
            "SELECT d.id, d.title, d.published, snippet(documents_fts, 1, :a, :b, '…', 24) AS snippet "
            "FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid "
            "WHERE documents_fts MATCH :q ORDER BY rank, d.id LIMIT :limit OFFSET :offset"
        ),
        {"q": match, "a": MARK_START, "b": MARK_END, "limit": limit, "offset": offset},
    )
    return int(total or 0), [_hit(r) for r in rows]


def _search_postgres(conn: sa.Connection, wanted: list[str], limit: int, offset: int) -> tuple[int, list[Hit]]:
    # websearch_to_tsquery reads "quoted phrases" and plain words, and never fails on user input.
    query = " ".join(f'"{term}"' if " " in term else term for term in wanted)
    options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=40, MinWords=15, MaxFragments=2"
    total = conn.scalar(
        sa.text(f"SELECT count(*) FROM documents WHERE {PG_TSVECTOR} @@ websearch_to_tsquery('english', :q)"),
        {"q": query},
    )
    rows = conn.execute(
        sa.text(
            "SELECT id, title, published, ts_headline('english', text, q, :options) AS snippet "
            f"FROM (SELECT id, title, published, text, q, ts_rank({PG_TSVECTOR}, q) AS rank "
            f"      FROM documents, websearch_to_tsquery('english', :q) AS q WHERE {PG_TSVECTOR} @@ q "
            "      ORDER BY rank DESC, id LIMIT :limit OFFSET :offset) AS best ORDER BY rank DESC, id"
        ),
        {"q": query, "options": options, "limit": limit, "offset": offset},
    )
    return int(total or 0), [_hit(r) for r in rows]


def _hit(row: sa.Row) -> Hit:
    published = row.published
    if isinstance(published, str):  # SQLite text queries return dates as stored
        published = date.fromisoformat(published)
    return Hit(row.id, row.title, published, row.snippet or "")
