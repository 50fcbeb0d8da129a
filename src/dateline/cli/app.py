"""The Typer app, its shared options and the one place that exits the process.

This is the only module that exits the process. Exit status: 0 all went well, 1 some input
was rejected or a record was not found, 2 a usage error (bad arguments, unreadable store).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated as Arg

import typer
from rich.console import Console

from dateline.errors import DatelineError, NotFoundError, UsageError

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
console = Console()
err_console = Console(stderr=True)

DbOption = Arg[
    str | None,
    typer.Option("--db", help="SQLite file or postgresql:// URL (default: $DATELINE_DB or dateline.db)"),
]


def _fail(err: DatelineError) -> typer.Exit:
    err_console.print(f"[red]error:[/red] {err}", markup=True, highlight=False)
    return typer.Exit(1 if isinstance(err, NotFoundError) else 2)


@app.callback()
def _main(verbose: Arg[bool, typer.Option("--verbose", "-v", help="log what happens")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")


def main() -> None:
    try:
        app()
    except UsageError as err:
        err_console.print(f"error: {err}", markup=False, highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
