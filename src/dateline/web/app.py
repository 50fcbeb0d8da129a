"""The FastAPI app: one store opened at start-up, the API and page routers, one error shape."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException

from dateline.errors import DatelineError, NotFoundError, UsageError
from dateline.store import open_store
from dateline.web import api, pages
from dateline.web.render import render

log = logging.getLogger(__name__)


def create_app(db: str | None = None) -> FastAPI:
    """The app over the store at ``db`` (a SQLite path or a postgresql:// URL; None: $DATELINE_DB)."""
    store = open_store(db, create=False)  # fails here, before serving, when there is no store to open

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    app = FastAPIOffline(  # FastAPI with the /docs assets served from the package, no CDN
        title="Dateline",
        summary="Meetings, who took part and in what role, each fact with the sentence behind it.",
        lifespan=lifespan,
    )
    app.state.store = store
    app.include_router(api.router)
    app.include_router(pages.router)
    static = files("dateline.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_exception_handler(DatelineError, _dateline_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _server_error)
    return app


def _status_of(err: DatelineError) -> int:
    if isinstance(err, NotFoundError):
        return 404
    return 400 if isinstance(err, UsageError) else 500


def _error(request: Request, status: int, message: str) -> Response:
    code = HTTPStatus(status).phrase.lower().replace(" ", "_")
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    return HTMLResponse(render("error.html", status=status, message=message), status_code=status)


async def _dateline_error(request: Request, err: Exception) -> Response:
    assert isinstance(err, DatelineError)
    status = _status_of(err)
    if status == 500:
        log.error("%s: %s", request.url.path, err)
    return _error(request, status, str(err))


async def _http_error(request: Request, err: Exception) -> Response:
    assert isinstance(err, HTTPException)
    return _error(request, err.status_code, str(err.detail))


async def _validation_error(request: Request, err: Exception) -> Response:
    assert isinstance(err, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(part) for part in e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in err.errors()
    )
    return _error(request, 422, problems or "invalid request")


async def _server_error(request: Request, err: Exception) -> Response:
    log.exception("%s failed", request.url.path, exc_info=err)
    return _error(request, 500, "internal error (logged by the server)")
