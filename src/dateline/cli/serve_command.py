"""Command: serve (the HTTP API and pages over a store, with uvicorn)."""

from __future__ import annotations

import ipaddress
from typing import Annotated as Arg

import typer

from dateline.cli.app import DbOption, app, err_console
from dateline.cli.help import UserCommand
from dateline.errors import DatelineError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command(cls=UserCommand)
def serve(
    db: DbOption = None,
    host: Arg[str, typer.Option("--host", help="address to listen on; anything but loopback must be given here")] = (
        "127.0.0.1"
    ),
    port: Arg[int, typer.Option("--port", min=1, max=65535, help="TCP port")] = 8000,
) -> None:
    """Serve the record over HTTP: pages at /, the JSON API under /api/, its description at /docs.

    Read-only: there are no write endpoints. It listens on 127.0.0.1 unless --host names another address.

    Example: dateline serve --db demo.db   (then open http://127.0.0.1:8000/)
    """
    import uvicorn  # imported here: only this command needs the web stack

    from dateline.web import create_app

    try:
        web_app = create_app(db)
    except DatelineError as err:
        err_console.print(f"error: {err}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from err
    label = web_app.state.store.label
    if not is_loopback(host):
        err_console.print(f"warning: listening on {host}, reachable from other machines", markup=False)
    err_console.print(f"serving {label} at http://{host}:{port}/ (API docs at /docs); Ctrl-C stops", markup=False)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")
