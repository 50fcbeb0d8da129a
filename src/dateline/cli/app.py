"""The Typer app, its shared options and the one place that exits the process.

This is the only module that exits the process. Exit status: 0 all went well, 1 some input
was rejected or a record was not found, 2 a usage error (bad arguments, unreadable store).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING
from typing import Annotated as Arg

import typer
from rich.console import Console
from rich.markup import escape

from dateline.errors import DatelineError, NotFoundError, UsageError

if TYPE_CHECKING:
    from dateline.store import Store

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
console = Console()
err_console = Console(stderr=True)

DbOption = Arg[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql:// URL (default: $DATELINE_DB or dateline.db)"),
]


def _fail(err: DatelineError) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {escape(str(err))}", markup=True, highlight=False, soft_wrap=True)
    return typer.Exit(1 if isinstance(err, NotFoundError) else 2)


@contextmanager
def open_db(db: str | None) -> Iterator[Store]:
    """Open the store for a command; any DatelineError inside ends the command (exit 1 or 2)."""
    from dateline.store import open_store  # imported here: SQLAlchemy loads only for commands that need it

    try:
        with open_store(db) as store:
            yield store
    except DatelineError as err:
        raise _fail(err) from err


@app.callback()
def _main(verbose: Arg[bool, typer.Option("--verbose", "-v", help="log what happens")] = False) -> None:
    level = logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(message)s")


def main() -> None:
    try:
        app()
    except UsageError as err:
        err_console.print(f"error: {err}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
