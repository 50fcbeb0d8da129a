"""Running the real CLI in tests: in-process (Typer's runner) or as a subprocess command line."""

from __future__ import annotations

import sys

from typer.testing import CliRunner

from dateline.cli import app

CLI = [sys.executable, "-c", "from dateline.cli import main; main()"]


def run(*args: str):
    """The CLI in-process; a Python exception inside (not an exit) is raised again."""
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result
