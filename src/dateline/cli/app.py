"""The Typer app, its shared options and the one place that exits the process.

Exit status: 0 all went well, 1 some input was rejected or a record (or the store) was not
found, 2 a usage error (bad arguments, unreadable store).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from typing import Annotated as Arg

import click
import typer
from typer.core import TyperGroup

from dateline.cli.render import clean, console, err_console, warn
from dateline.errors import DatelineError, NotFoundError, UsageError

if TYPE_CHECKING:
    from dateline.store import Store

__all__ = ["DbOption", "JsonOption", "app", "console", "err_console", "main", "open_db"]

HELP = """Turn news articles into a sourced record of meetings: who met, when, where, in what role.

Start with `dateline ingest FOLDER` (it creates the store), then ask it: `dateline events`,
`dateline event ID`, `dateline actor NAME`, `dateline who ROLE COUNTRY`, `dateline series`.
Every query command takes --json for scripts. The store is dateline.db in the current folder
unless --db or $DATELINE_DB names another (a SQLite file or a postgresql:// URL).
"""

_VERBOSE = ("-v", "--verbose")


class _Group(TyperGroup):
    """Commands in the order they are defined; ``-v`` accepted after the command name too."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        end = args.index("--") if "--" in args else len(args)
        flags = [a for a in args[:end] if a in _VERBOSE]
        rest = [a for a in args[:end] if a not in _VERBOSE] + args[end:]
        return super().parse_args(ctx, flags + rest)


app = typer.Typer(
    cls=_Group,
    add_completion=False,
    no_args_is_help=True,
    help=HELP,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DbOption = Arg[
    str | None,
    typer.Option(
        "--db",
        metavar="STORE",
        help="SQLite file or postgresql:// URL (default: $DATELINE_DB, else dateline.db)",
        show_default=False,
    ),
]
JsonOption = Arg[bool, typer.Option("--json", help="print one JSON document (shaped like the export) instead")]


def _fail(err: DatelineError) -> typer.Exit:
    warn(f"error: {err}")
    return typer.Exit(1 if isinstance(err, NotFoundError) else 2)


STALE_WARNING = (
    "warning: articles were stored after the events, actors and stories were last derived (an ingest "
    "is running or was interrupted); they answer without those articles until it ends or "
    "`dateline rebuild` runs"
)


@contextmanager
def open_db(
    db: str | None, *, create: bool = False, need_documents: bool = True, readonly: bool | None = None
) -> Iterator[Store]:
    """Open the store for a command; any DatelineError inside ends the command (exit 1 or 2).

    Query commands open an existing store only (a missing file or an empty database is an
    error naming it, and nothing is created) and read-only (a SQLite file with ``mode=ro``:
    they work in folders the user cannot write); ``ingest`` passes ``create=True``; a command
    that writes to an existing store (``rebuild``) passes ``readonly=False``.
    """
    from dateline.store import open_store  # imported here: SQLAlchemy loads only for commands that need it

    try:
        with open_store(db, create=create, readonly=not create if readonly is None else readonly) as store:
            if need_documents and not create and store.document_count() == 0:
                hint = "`dateline ingest PATH` adds them"
                raise NotFoundError(f"{store.label}: the store holds no documents yet ({hint})")
            if not create and readonly is None and store.derived_is_stale():
                warn(STALE_WARNING)
            yield store
    except DatelineError as err:
        raise _fail(err) from err


@app.callback()
def _main(verbose: Arg[bool, typer.Option(*_VERBOSE, help="log what happens (on stderr)")] = False) -> None:
    level = logging.INFO if verbose else logging.WARNING
    handler = logging.StreamHandler()
    handler.setFormatter(_CleanFormatter("%(levelname)s %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])


class _CleanFormatter(logging.Formatter):
    """Log lines quote file names and ids: control characters in them never reach the terminal."""

    def format(self, record: logging.LogRecord) -> str:
        return clean(super().format(record))


def main(*args: Any) -> None:
    try:
        app(*args)
    except UsageError as err:
        warn(f"error: {err}")
        sys.exit(2)


if __name__ == "__main__":
    main()
