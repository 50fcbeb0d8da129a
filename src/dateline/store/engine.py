"""Connecting: a target (file path or URL) becomes a SQLAlchemy engine; foreign errors become StoreError.

SQLite files run in WAL mode with a 30 s busy timeout and foreign keys on; write transactions
start with ``BEGIN IMMEDIATE`` so that two writers queue on the lock instead of failing when a
reader tries to become a writer. ``postgresql://`` URLs use the psycopg (v3) driver.
"""

from __future__ import annotations

import logging
import os
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import StaticPool

from dateline.errors import StoreError

log = logging.getLogger(__name__)

T = TypeVar("T")

DEFAULT_TARGET = "dateline.db"
BUSY_TIMEOUT_S = 30
WRITE_ATTEMPTS = 8
WRITE_OPTION = "dateline_write"  # execution option that makes SQLite begin with BEGIN IMMEDIATE

_POSTGRES_NAMES = {"postgresql", "postgres", "postgresql+psycopg"}


class Target:
    """Where the store lives: the engine URL and a label for messages (never with a password)."""

    def __init__(self, target: str | None) -> None:
        raw = target or os.environ.get("DATELINE_DB") or DEFAULT_TARGET
        self.password: str | None = None
        if "://" not in raw:
            self.label = raw
            self.url = sa.URL.create("sqlite", database=raw)
            return
        try:
            url = sa.make_url(raw)
        except (sa.exc.ArgumentError, ValueError) as err:
            raise StoreError(f"{_hide_userinfo(raw)}: not a database URL ({err})") from None
        self.password = url.password if isinstance(url.password, str) else None
        self.label = url.render_as_string(hide_password=True)
        if url.drivername in _POSTGRES_NAMES:
            url = url.set(drivername="postgresql+psycopg")
        elif url.drivername != "sqlite":
            raise StoreError(
                f"{self.label}: unsupported database {url.drivername!r} "
                "(use a SQLite file path, sqlite:///PATH or postgresql://USER:PASSWORD@HOST/DB)"
            )
        self.url = url

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def error(self, err: BaseException) -> StoreError:
        """A StoreError naming this target and the reason ``err`` gives."""
        return StoreError(f"{self.label}: {self.reason(err)}")

    def reason(self, err: BaseException) -> str:
        if isinstance(err, sa.exc.DBAPIError) and err.orig is not None:
            text = str(err.orig)
        elif isinstance(err, OSError) and err.strerror:
            text = err.strerror
        else:
            text = str(err).split("(Background on this error", 1)[0]
        text = " ".join(text.split()) or type(err).__name__
        if self.password:
            text = text.replace(self.password, "***")
        if "file is not a database" in text:
            text += " (expected a Dateline SQLite file or a postgresql:// URL)"
        return text


def _hide_userinfo(raw: str) -> str:
    scheme, _, rest = raw.partition("://")
    if "@" in rest.split("/", 1)[0]:
        rest = "***@" + rest.split("@", 1)[1]
    return f"{scheme}://{rest}"


def create_engine(target: Target) -> sa.Engine:
    """The engine for a target, with SQLite's pragmas and transaction handling installed."""
    if not target.is_sqlite:
        return sa.create_engine(target.url, pool_pre_ping=True)
    database = target.url.database or ""
    if database and database != ":memory:":
        path = Path(database)
        if path.is_dir():
            raise StoreError(f"{target.label}: is a directory, not a database file")
        if not path.parent.is_dir():
            raise StoreError(f"{target.label}: folder {str(path.parent)!r} does not exist")
        engine = sa.create_engine(target.url, connect_args={"timeout": BUSY_TIMEOUT_S})
    else:
        engine = sa.create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (the SQLAlchemy recipe for pysqlite).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    write = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _is_locked(err: sa.exc.OperationalError) -> bool:
    text = str(err.orig).lower()
    return "database is locked" in text or "database table is locked" in text


class Session:
    """Runs read and write transactions on an engine and translates every foreign error."""

    def __init__(self, engine: sa.Engine, target: Target) -> None:
        self.engine = engine
        self.target = target

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Turn SQLAlchemy, DBAPI and OS errors raised inside into StoreError."""
        try:
            yield
        except (sa.exc.SQLAlchemyError, OSError) as err:
            raise self.target.error(err) from err

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        with self.errors(), self.engine.connect() as conn, conn.begin():
            yield conn

    def write(self, work: Callable[[sa.Connection], T]) -> T:
        """Run ``work`` in one write transaction; retry it when SQLite says the database is locked."""
        delay = 0.05
        with self.errors():
            for attempt in range(1, WRITE_ATTEMPTS + 1):
                try:
                    with self.engine.connect() as conn:
                        conn.execution_options(**{WRITE_OPTION: True})
                        with conn.begin():
                            return work(conn)
                except sa.exc.OperationalError as err:
                    if not (self.target.is_sqlite and _is_locked(err)) or attempt == WRITE_ATTEMPTS:
                        raise
                    log.info("%s: database is locked, retrying (%d)", self.target.label, attempt)
                    time.sleep(delay * (1 + random.random()))
                    delay = min(delay * 2, 2.0)
        raise AssertionError("unreachable")  # pragma: no cover
