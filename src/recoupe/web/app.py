"""The FastAPI application: its settings, the middleware in front of it (Guard), the error handlers, and the
routes of the JSON API (api.py) and of the HTML pages (pages.py)."""
from __future__ import annotations

import logging
from collections.abc import Iterable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from .._version import __version__
from ..render.views import served_href
from . import api, pages
from .dependencies import Settings
from .errors import BadUpload, HTTPError, Moved, error_body
from .guard import MULTIPART_SLACK, Guard, route_path
from .schemas import BEARER_SCHEME
from .uploads import MAX_RECORDS, MAX_UPLOAD, MAX_UPLOADS
from .uploads import analyse as _analyse_upload  # the analysis each app is built with (a test may stub it)

__all__ = ["MAX_UPLOAD", "BadUpload", "Settings", "build"]  # BadUpload: what the upload's analysis may raise

log = logging.getLogger(__name__)

WRITES = {("POST", "/api/articles")}  # what the Guard checks: origin, token, and the body's size before it is read
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")  # what a 405's Allow is looked up among


def build(db: Path, uploads: Path, token: str | None = None, max_uploads: int = MAX_UPLOADS, *,
          hosts: Iterable[str] | None = None, base_url: str | None = None,
          max_records: int = MAX_RECORDS) -> FastAPI:
    """The app over the store file ``db``, writing uploads under ``uploads`` only; with a ``token``, adding
    articles needs it (``Authorization: Bearer``). With ``hosts``, only requests naming one of them in their
    Host header are answered; links to further pages start with ``base_url`` (else they are relative, never
    built from the Host header). An upload of more than ``max_records`` articles is refused."""
    app = FastAPI(title="recoupe", version=__version__, description="Cross-checked news: stories, sources, "
                  "quotes and claims of an analysed corpus." + (" Adding articles needs the server's token."
                                                                 if token else ""))
    base = base_url.rstrip("/") if base_url else None
    app.state.settings = Settings(db, uploads, token, max_uploads, _analyse_upload, base_url=base,
                                  max_records=max_records)
    origin = urlsplit(base) if base else None
    app.add_middleware(Guard, token=token, writes=WRITES, max_body=MAX_UPLOAD + MULTIPART_SLACK, hosts=hosts,
                       origins=[f"{origin.scheme}://{origin.netloc}"] if origin else [])
    app.exception_handler(HTTPError)(_http_error)
    app.exception_handler(Moved)(_moved)
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


async def _moved(request: Request, err: Moved) -> RedirectResponse:
    """A story asked for by an id it had before: 301 to the story that tells it now, page or API alike, the query
    kept."""
    api_prefix = "/api" if route_path(request.scope).startswith("/api/") else ""
    query = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"{api.base(request)}{api_prefix}{served_href('story', err.story_id)}{query}",
                            status_code=301)


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
    if err.status_code == 405:
        headers = {"Allow": ", ".join(allowed(request.app, request.scope))}
    return JSONResponse(error_body(err.status_code, str(err.detail)), status_code=err.status_code,
                        headers=headers)


def allowed(app: FastAPI, scope: MutableMapping[str, Any]) -> list[str]:
    """The methods some route of ``app`` takes on the path of ``scope`` (HEAD wherever GET is: the Guard
    answers it). Each method is tried on the app's router, whose routes include the included routers: a
    FastAPI included router is one route there, which matches a method without listing its methods."""
    methods = {m for m in METHODS
               if any(route.matches({**scope, "method": m})[0] == Match.FULL for route in app.router.routes)}
    return sorted(methods | ({"HEAD"} if "GET" in methods else set()))
