"""The FastAPI application: its settings, the middleware in front of it (Guard), the error handlers, and the
routes of the JSON API (api.py) and of the HTML pages (pages.py)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from .._version import __version__
from . import api, pages
from .dependencies import Settings
from .errors import BadUpload, HTTPError, error_body
from .guard import MULTIPART_SLACK, Guard, route_path
from .schemas import BEARER_SCHEME
from .uploads import MAX_UPLOAD, MAX_UPLOADS
from .uploads import analyse as _analyse_upload  # the analysis each app is built with (a test may stub it)

__all__ = ["MAX_UPLOAD", "BadUpload", "Settings", "build"]  # BadUpload: what the upload's analysis may raise

log = logging.getLogger(__name__)

WRITES = {("POST", "/api/articles")}  # what the Guard checks: the token, and the body's size before it is read


def build(db: Path, uploads: Path, token: str | None = None, max_uploads: int = MAX_UPLOADS) -> FastAPI:
    """The app over the store file ``db``, writing uploads under ``uploads`` only; with a ``token``, adding
    articles needs it (``Authorization: Bearer``)."""
    app = FastAPI(title="recoupe", version=__version__, description="Cross-checked news: stories, sources, "
                  "quotes and claims of an analysed corpus." + (" Adding articles needs the server's token."
                                                                 if token else ""))
    app.state.settings = Settings(db, uploads, token, max_uploads, _analyse_upload)
    app.add_middleware(Guard, token=token, writes=WRITES, max_body=MAX_UPLOAD + MULTIPART_SLACK)
    app.exception_handler(HTTPError)(_http_error)
    app.exception_handler(Exception)(_unexpected)
    app.exception_handler(RequestValidationError)(_invalid)
    app.exception_handler(StarletteHTTPException)(_starlette)
    app.include_router(api.reads)
    app.include_router(api.writes(token_needed=bool(token)))
    pages.add_to(app)
    if token:
        openapi = app.openapi

        def with_scheme() -> dict[str, Any]:
            schema = openapi()
            schema.setdefault("components", {}).setdefault("securitySchemes", {})["bearer"] = dict(BEARER_SCHEME)
            return schema

        app.openapi = with_scheme  # type: ignore[method-assign]
    return app


async def _http_error(request: Request, err: HTTPError) -> JSONResponse | HTMLResponse:
    """An HTTPError: JSON under /api/, an error page elsewhere."""
    if route_path(request.scope).startswith("/api/"):
        return JSONResponse(error_body(err.status, err.message, err.errors), status_code=err.status,
                            headers=err.headers)
    return HTMLResponse(pages.render_page("web_error.html", status=err.status, message=err.message),
                        status_code=err.status, headers=err.headers)


async def _unexpected(request: Request, err: Exception) -> JSONResponse | HTMLResponse:
    """Any other exception: a 500 that tells nothing of the server's paths or code."""
    # logged with its traceback for whoever runs the server; the client learns nothing of paths or code
    log.error("%s %s failed", request.method, request.url.path, exc_info=err)
    message = "internal error: the server could not answer this request"
    if route_path(request.scope).startswith("/api/"):
        return JSONResponse(error_body(500, message), status_code=500)
    return HTMLResponse(pages.render_page("web_error.html", status=500, message=message), status_code=500)


async def _invalid(request: Request, err: RequestValidationError) -> JSONResponse:
    """Parameters or body that do not fit the route: 422, one line per problem."""
    errors = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in err.errors()]
    return JSONResponse(error_body(422, "invalid request", errors), status_code=422)


async def _starlette(request: Request, err: StarletteHTTPException) -> JSONResponse:
    """Starlette's own errors (no such path, method not allowed) in the one JSON shape."""
    headers = getattr(err, "headers", None)
    if err.status_code == 405:  # GET and POST of one path are two routes: Allow lists both
        methods = {m for route in request.app.routes if route.matches(request.scope)[0] != Match.NONE
                   for m in (getattr(route, "methods", None) or ())}
        headers = {"Allow": ", ".join(sorted(methods))}
    return JSONResponse(error_body(err.status_code, str(err.detail)), status_code=err.status_code,
                        headers=headers)
