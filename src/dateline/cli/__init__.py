"""The `dateline` command: thin Typer commands over the library, one module per group.

``app.py`` holds the Typer app, shared options and error handling; ``render.py`` how output is
printed (untrusted text made safe, tables for terminals and pipes). ``ingest_commands.py``
(ingest), ``document_commands.py`` (documents, document), ``query_commands.py`` (events, event,
actor, who, series; ``event_view.py`` draws one event) and ``export_commands.py`` (export)
and ``serve_command.py`` (serve) register their commands on the app, in the order ``--help`` lists them.
"""

# imported in the order the commands are listed (registers commands)
from dateline.cli import ingest_commands, document_commands, query_commands, export_commands, serve_command  # noqa: F401, I001
from dateline.cli.app import app, main

__all__ = ["app", "main"]
