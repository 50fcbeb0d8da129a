"""Commands: export_commands."""

from __future__ import annotations

from dateline.cli.app import app  # noqa: F401
