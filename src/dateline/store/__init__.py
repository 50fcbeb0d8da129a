"""The store: the only package that knows SQL (SQLAlchemy Core; a SQLite file or PostgreSQL).

``open_store(target)`` opens, creates or migrates the database and returns a ``Store``.
"""

from dateline.store.store import Store, open_store

__all__ = ["Store", "open_store"]
