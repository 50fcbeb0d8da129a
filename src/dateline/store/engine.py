"""Connecting: a target (file path or URL) becomes a SQLAlchemy engine; foreign errors become StoreError.

SQLite files run in WAL mode with a 30 s busy timeout and foreign keys on; write transactions
start with ``BEGIN IMMEDIATE`` so that two writers queue on the lock instead of failing when a
reader tries to become a writer. ``postgresql://`` URLs use the psycopg (v3) driver.
"""

from __future__ import annotations

import logging
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import StaticPool

from dateline.errors import StoreError, StoreUnavailable
from dateline.store.target import Target

log = logging.getLogger(__name__)

T = TypeVar("T")

BUSY_TIMEOUT_S = 30
WRITE_ATTEMPTS = 8
WRITE_OPTION = "dateline_write"  # execution option that makes SQLite begin with BEGIN IMMEDIATE
# waits between tries when a PostgreSQL connection fails (a server restart takes a few seconds)
PG_RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0)
_PG_TRANSIENT_STATES = {"57P01", "57P02", "57P03", "40001", "40P01"}


def store_error(target: Target, err: BaseException) -> StoreError:
    """A StoreError naming the target and the reason ``err`` gives; StoreUnavailable when the
    store itself failed (see :func:`store_level`)."""
    kind = StoreUnavailable if store_level(err) else StoreError
    return kind(f"{target.label}: {target.reason(err)}")


def create_engine(target: Target) -> sa.Engine:
    """The engine for a target, with SQLite's pragmas and transaction handling installed.

    A read-only SQLite target opens the file with ``mode=ro``; when that cannot be done because
    the folder is not writable (a WAL database needs its -shm file), with ``immutable=1``,
    which reads the file as it is. A read-only target whose file does not exist is an empty
    in-memory store (nothing is created on disk).
    """
    if not target.is_sqlite:
        options = {"postgresql_readonly": True} if target.readonly else {}
        return sa.create_engine(target.url, pool_pre_ping=True, execution_options=options)
    path = target.path
    if path is not None:
        if path.is_dir():
            raise StoreError(f"{target.label}: is a directory, not a database file")
        if not path.parent.is_dir():
            raise StoreError(f"{target.label}: folder {str(path.parent)!r} does not exist")
    connect = _sqlite_connect
    if path is None or (target.readonly and not path.exists()):
        engine = sa.create_engine("sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool)
    elif target.readonly:
        engine = sa.create_engine(target.url, creator=lambda: _open_readonly(path))
        connect = _sqlite_connect_readonly
    else:
        engine = sa.create_engine(target.url, connect_args={"timeout": BUSY_TIMEOUT_S})
    event.listen(engine, "connect", connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _open_readonly(path: Path) -> sqlite3.Connection:
    uri = f"file:{quote(str(path.resolve()))}"
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchall()  # WAL: fails here without -shm
        return conn
    except sqlite3.OperationalError:
        if os.access(path.parent, os.W_OK):
            raise
        log.info("%s: folder not writable, reading the file as immutable", path)
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)


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


def _sqlite_connect_readonly(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
    dbapi_connection.execute("PRAGMA query_only = ON")


def _sqlite_begin(conn: sa.Connection) -> None:
    write = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _is_locked(err: sa.exc.DBAPIError) -> bool:
    text = str(err.orig).lower()
    locked = "database is locked" in text or "database table is locked" in text
    return isinstance(err, sa.exc.OperationalError) and locked


def _sqlstate(err: sa.exc.SQLAlchemyError) -> str | None:
    orig = getattr(err, "orig", None)
    return getattr(orig, "sqlstate", None) if orig is not None else None


def pg_transient(err: sa.exc.SQLAlchemyError) -> bool:
    """A PostgreSQL failure that may pass if tried again: the connection was lost or refused, the
    server is shutting down or starting, a serialisation conflict. A full disk is not transient."""
    if isinstance(err, sa.exc.DBAPIError) and err.connection_invalidated:
        return True
    state = _sqlstate(err)
    if state is None:  # no answer from a server: refused, reset, timed out
        return isinstance(err, sa.exc.OperationalError | sa.exc.InterfaceError | sa.exc.DisconnectionError)
    return state.startswith("08") or state in _PG_TRANSIENT_STATES


def store_level(err: BaseException) -> bool:
    """True when ``err`` is the store's own failure (disk full, read-only, unreachable, I/O),
    not a problem of the record being written (bad data, a constraint)."""
    if isinstance(err, OSError | sa.exc.DisconnectionError | sa.exc.InterfaceError | sa.exc.TimeoutError):
        return True
    if isinstance(err, sa.exc.DBAPIError) and err.connection_invalidated:
        return True
    if isinstance(err, sa.exc.OperationalError):
        state = _sqlstate(err)  # PostgreSQL: an operator intervention or a resource, not the data
        return state is None or state[:2] in {"08", "53", "57", "58", "XX"}
    return isinstance(err, sa.exc.InternalError) and _sqlstate(err) == "25006"  # read-only transaction


class Session:
    """Runs read and write transactions on an engine and translates every foreign error."""

    def __init__(self, engine: sa.Engine, target: Target) -> None:
        self.engine = engine
        self.target = target
        # PostgreSQL failures are retried only once the store has been reached: a wrong host or
        # port when opening fails at once instead of after every retry
        self.retry_transient = False

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Turn SQLAlchemy, DBAPI and OS errors raised inside into StoreError.

        Failures of the store itself (see :func:`store_level`) become StoreUnavailable.
        """
        try:
            yield
        except (sa.exc.SQLAlchemyError, OSError) as err:
            raise store_error(self.target, err) from err

    def _connect(self) -> sa.Connection:
        """A connection; PostgreSQL connection failures are retried with backoff (a restarting server)."""
        for delay in (*PG_RETRY_DELAYS, None):
            try:
                return self.engine.connect()
            except sa.exc.SQLAlchemyError as err:
                if delay is None or not self._transient(err):
                    raise
                self._wait(err, delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _transient(self, err: sa.exc.SQLAlchemyError) -> bool:
        return self.retry_transient and not self.target.is_sqlite and pg_transient(err)

    def _wait(self, err: BaseException, delay: float) -> None:
        log.warning("%s: %s; retrying in %.1f s", self.target.label, self.target.reason(err), delay)
        time.sleep(delay)

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        with self.errors(), self._connect() as conn, conn.begin():
            yield conn

    def query(self, work: Callable[[sa.Connection], T]) -> T:
        """Run ``work`` in one read transaction, retried like :meth:`write` when a PostgreSQL
        connection fails in a way that may pass (a server restarting under a running batch)."""
        return self._run(work, write=False)

    def write(self, work: Callable[[sa.Connection], T]) -> T:
        """Run ``work`` in one write transaction; retry it when SQLite says the database is locked
        and when a PostgreSQL connection fails in a way that may pass (see :func:`pg_transient`)."""
        return self._run(work, write=True)

    def _run(self, work: Callable[[sa.Connection], T], write: bool) -> T:
        delay = 0.05
        pg_delays = iter(PG_RETRY_DELAYS)
        with self.errors():
            for attempt in range(1, WRITE_ATTEMPTS + 1):
                try:
                    with self.engine.connect() as conn:  # retried here, not in _connect as well
                        if write:
                            conn.execution_options(**{WRITE_OPTION: True})
                        with conn.begin():
                            return work(conn)
                except sa.exc.DBAPIError as err:
                    if self._transient(err):
                        pg_delay = next(pg_delays, None)
                        if pg_delay is None:
                            raise
                        self._wait(err, pg_delay)
                        continue
                    if not (self.target.is_sqlite and _is_locked(err)) or attempt == WRITE_ATTEMPTS:
                        raise
                    log.info("%s: database is locked, retrying (%d)", self.target.label, attempt)
                    time.sleep(delay * (1 + random.random()))
                    delay = min(delay * 2, 2.0)
            raise AssertionError("unreachable")  # pragma: no cover
