"""Where the store lives: a SQLite path or a database URL, and how to name it without its password.

The target is ``--db``, else ``$DATELINE_DB``, else ``dateline.db``. A PostgreSQL URL may leave
the password out (libpq then reads ``~/.pgpass`` or ``$PGPASSFILE``) or name a connection
service (``postgresql:///?service=NAME``, from ``~/.pg_service.conf`` or ``$PGSERVICEFILE``), so
that no password appears in ``ps``. A password is masked in every message whatever characters
it holds: everything between ``://`` and the last ``@`` of the authority is user information,
so an unescaped ``@`` or ``/`` in a password is read as part of the password, not of the host.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote, unquote

import sqlalchemy as sa

from dateline.errors import StoreError

DEFAULT_TARGET = "dateline.db"
_POSTGRES_NAMES = {"postgresql", "postgres", "postgresql+psycopg"}
_SQLITE_WRITE_FAILURES = ("readonly database", "unable to open database file", "disk i/o error")


def split_userinfo(raw: str) -> tuple[str, str | None, str | None, str]:
    """``scheme://user:password@rest`` as (scheme, user, password, rest), percent-decoded.

    The user information ends at the last ``@`` before the query string (or at the last ``@``
    at all when the query holds one too), so a password may contain ``@``, ``/``, ``:``.
    """
    scheme, _, rest = raw.partition("://")
    head = rest.split("?", 1)[0]
    at = head.rfind("@")
    if at < 0:
        return scheme, None, None, rest
    userinfo, rest = rest[:at], rest[at + 1 :]
    user, colon, password = userinfo.partition(":")
    return scheme, unquote(user), unquote(password) if colon else None, rest


def mask(raw: str) -> str:
    """The URL with its password replaced by ``***`` (the user name kept)."""
    scheme, user, password, rest = split_userinfo(raw)
    if user is None:
        return raw
    hidden = ":***" if password is not None else ""
    return f"{scheme}://{quote(user, safe='')}{hidden}@{rest}"


class Target:
    """Where the store lives: the engine URL and a label for messages (never with a password)."""

    def __init__(self, target: str | None, *, readonly: bool = False) -> None:
        raw = target or os.environ.get("DATELINE_DB") or DEFAULT_TARGET
        self.password: str | None = None
        self.readonly = readonly
        self.path: Path | None = None  # the SQLite file, when there is one
        if "://" not in raw:
            self.label = raw
            self.url = sa.URL.create("sqlite", database=raw)
            self.path = Path(raw) if raw != ":memory:" else None
            return
        self.label = mask(raw)
        scheme, user, password, rest = split_userinfo(raw)
        self.password = password or None
        if user is not None:  # re-quoted, so that SQLAlchemy reads the parts as they were meant
            info = quote(user, safe="") + (f":{quote(password, safe='')}" if password is not None else "")
            raw = f"{scheme}://{info}@{rest}"
        try:
            url = sa.make_url(raw)
        except (sa.exc.ArgumentError, ValueError) as err:
            raise StoreError(f"{self.label}: not a database URL ({self._masked(str(err))})") from None
        if url.drivername in _POSTGRES_NAMES:
            url = url.set(drivername="postgresql+psycopg")
        elif url.drivername != "sqlite":
            raise StoreError(
                f"{self.label}: unsupported database {url.drivername!r} "
                "(use a SQLite file path, sqlite:///PATH or postgresql://USER:PASSWORD@HOST/DB)"
            )
        elif url.database and url.database != ":memory:":
            self.path = Path(url.database)
        self.url = url

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def _masked(self, text: str) -> str:
        if self.password:
            text = text.replace(self.password, "***").replace(quote(self.password, safe=""), "***")
        return text

    def reason(self, err: BaseException) -> str:
        """Why ``err`` happened, in one line, without the password; for SQLite write failures
        also the file or folder that blocks the write (the database, its -wal or -shm file)."""
        if isinstance(err, sa.exc.DBAPIError) and err.orig is not None:
            text = str(err.orig)
        elif isinstance(err, OSError) and err.strerror:
            text = err.strerror
        else:
            text = str(err).split("(Background on this error", 1)[0]
        text = self._masked(" ".join(text.split()) or type(err).__name__)
        if "file is not a database" in text:
            text += " (expected a Dateline SQLite file or a postgresql:// URL)"
        if self.path is not None and any(failure in text.lower() for failure in _SQLITE_WRITE_FAILURES):
            blocker = blocking_file(self.path)
            if blocker:
                text += f" ({blocker})"
        return text


def blocking_file(database: Path) -> str | None:
    """What keeps SQLite from writing ``database``: the file itself, its -wal or -shm file, or
    the folder they must be created in, when one of them cannot be written by this user."""
    folder = database.parent if str(database.parent) else Path(".")
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if path.exists() and not os.access(path, os.W_OK):
            return f"{path} is not writable"
    missing = [p.name for p in (Path(f"{database}-wal"), Path(f"{database}-shm")) if not p.exists()]
    if missing and not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is not writable, and SQLite must create {' and '.join(missing)} in it"
    return None
