"""Commands: export (the contract's JSON, or one CSV file per table)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated as Arg

import typer

from dateline.cli.app import DbOption, app, open_db
from dateline.cli.help import UserCommand
from dateline.cli.render import warn


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"


@app.command(cls=UserCommand)
def export(
    format: Arg[
        ExportFormat,
        typer.Option("--format", "-f", metavar="json|csv", help="json (one object) or csv (a folder of files)"),
    ],
    db: DbOption = None,
    out: Arg[
        Path | None,
        typer.Option("--out", "-o", metavar="PATH", help="JSON: the file (default stdout); CSV: a folder (required)"),
    ] = None,
    excel_safe: Arg[
        bool,
        typer.Option("--excel-safe", help="CSV: cells starting with = + - @ get a leading ' (shown, not run)"),
    ] = False,
) -> None:
    """Export everything as JSON, or as one CSV file per table.

    Example: dateline export --format json --out dateline.json

    Files are replaced all-or-nothing (written beside the target, then renamed): a failed
    export leaves the previous one intact.
    """
    from dateline import export as exporter

    if format is ExportFormat.csv and out is None:
        raise typer.BadParameter("--format csv needs --out FOLDER", param_hint="--out")
    with open_db(db, need_documents=False) as store:
        if format is ExportFormat.csv:
            assert out is not None
            paths = exporter.write_csv(store, out, safe_cells=excel_safe)
            warn(f"wrote {len(paths)} CSV files to {out}")
            return
        text = exporter.dumps(exporter.export_json(store))
        if out is None:
            sys.stdout.write(text)
            return
        exporter.write_file(out, text)
