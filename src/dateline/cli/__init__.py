"""The `dateline` command: thin Typer commands over the library, one module per group.

``app.py`` holds the Typer app, shared options and error handling; ``ingest_commands.py``
(ingest, documents), ``export_commands.py`` (export) and ``query_commands.py`` (events, event,
actor, who, series) register their commands on it.
"""

from dateline.cli import export_commands, ingest_commands, query_commands  # noqa: F401  (registers commands)
from dateline.cli.app import app, main

__all__ = ["app", "main"]
