"""The HTTP layer: ``create_app`` builds the FastAPI app that ``dateline serve`` runs.

``/api/...`` answers JSON (one error shape, ``{"error": {"code", "message"}}``); the other
paths are server-rendered pages (Jinja2 with autoescaping) and the package's own static
files. Both call the same library functions as the CLI (``dateline.queries``). There are
no write endpoints.
"""

from dateline.web.app import create_app

__all__ = ["create_app"]
