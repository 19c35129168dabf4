"""The FastAPI application: its settings, the middleware in front of it (Guard), the error handlers, the
routes of the JSON API (api.py) and of the HTML pages (pages.py), the API's documentation pages (Swagger UI and
ReDoc, their files served from the package: they work offline) and the favicon."""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import fastapi_offline
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from .._version import __version__
from ..render.views import served_href
from . import api, jobs, pages
from .dependencies import Settings, known_query
from .errors import BadUpload, HTTPError, Moved, error_body
from .fetching import collect as _collect  # what each app's fetch jobs run (a test may stub it)
from .guard import MULTIPART_SLACK, Guard, route_path
from .ratelimit import UPLOAD_RATE, Limiter, UploadRate
from .schemas import BEARER_SCHEME
from .uploads import MAX_RECORDS, MAX_UPLOAD, MAX_UPLOADS
from .uploads import analyse as _analyse_upload  # the analysis each app is built with (a test may stub it)

# BadUpload: what the upload's analysis may raise; UploadRate: what build() takes as upload_rate
__all__ = ["MAX_UPLOAD", "BadUpload", "Settings", "UploadRate", "build"]

log = logging.getLogger(__name__)

# what the Guard checks: origin, token, the client's rate of writes, and the body's size before it is read
WRITES = {("POST", "/api/articles"), ("POST", "/api/fetch"), ("POST", "/api/feeds")}
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")  # what a 405's Allow is looked up among
DOCS_FILES = Path(fastapi_offline.__file__).parent / "static"  # Swagger UI's and ReDoc's scripts and styles
DOCS_ASSETS = "/docs-assets"  # where they are served
STATIC = Path(__file__).parent / "static"  # the favicon
ICONS = {"/favicon.ico": ("favicon.ico", "image/vnd.microsoft.icon"), "/favicon.svg": ("favicon.svg", "image/svg+xml")}


def build(db: Path, uploads: Path, token: str | None = None, max_uploads: int = MAX_UPLOADS, *,
          hosts: Iterable[str] | None = None, base_url: str | None = None,
          max_records: int = MAX_RECORDS, upload_rate: UploadRate | None = UPLOAD_RATE,
          public_only: bool = True) -> FastAPI:
    """The app over the store file ``db``, writing uploads under ``uploads`` only; with a ``token``, adding
    articles needs it (``Authorization: Bearer``). With ``hosts``, only requests naming one of them in their
    Host header are answered; links to further pages start with ``base_url`` (else they are relative, never
    built from the Host header). An upload of more than ``max_records`` articles is refused, and so is one
    client's upload past ``upload_rate`` (by default 60 a minute; None: no limit), with 429 and Retry-After (a
    fetch counts as an upload). With ``public_only``, a fetch asked by a client never reaches an address of the
    server's own network (loopback, private…)."""
    app = FastAPI(title="recoupe", version=__version__, description="Cross-checked news: stories, sources, "
                  "quotes and claims of an analysed corpus." + (" Adding articles needs the server's token."
                                                                 if token else ""),
                  docs_url=None, redoc_url=None,  # served below, from the package's files
                  lifespan=_lifespan)
    base = base_url.rstrip("/") if base_url else None
    app.state.settings = Settings(db, uploads, token, max_uploads, _analyse_upload, _collect, base_url=base,
                                  max_records=max_records, public_only=public_only)
    origin = urlsplit(base) if base else None
    app.add_middleware(Guard, token=token, writes=WRITES, max_body=MAX_UPLOAD + MULTIPART_SLACK, hosts=hosts,
                       origins=[f"{origin.scheme}://{origin.netloc}"] if origin else [],
                       limiter=Limiter(upload_rate) if upload_rate else None)
    app.exception_handler(HTTPError)(_http_error)
    app.exception_handler(Moved)(_moved)
    app.exception_handler(Exception)(_unexpected)
    app.exception_handler(RequestValidationError)(_invalid)
    app.exception_handler(StarletteHTTPException)(_starlette)
    app.include_router(api.reads, dependencies=[Depends(known_query)])
    app.include_router(api.writes(token_needed=bool(token)))
    pages.add_to(app)
    add_docs(app)
    if token:
        openapi = app.openapi

        def with_scheme() -> dict[str, Any]:
            schema = openapi()
            schema.setdefault("components", {}).setdefault("securitySchemes", {})["bearer"] = dict(BEARER_SCHEME)
            return schema

        app.openapi = with_scheme  # type: ignore[method-assign]
    return app


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """What the app does when the server starts: the uploads a stopped server left unanalysed are queued again
    (``jobs.resume``; the jobs on ``app.state.resumed``). An app mounted in another one is started by it only if
    that app's lifespan runs this one's."""
    app.state.resumed = await run_in_threadpool(jobs.resume, app.state, app.state.settings)
    yield


def add_docs(app: FastAPI) -> None:
    """The API's documentation, Swagger UI at /docs and ReDoc at /redoc, whose scripts and styles are files of
    the package (fastapi-offline's) served under /docs-assets, never a CDN; and the favicon."""
    app.mount(DOCS_ASSETS, StaticFiles(directory=DOCS_FILES), name="docs-assets")
    app.add_api_route("/docs", swagger_ui, methods=["GET"], include_in_schema=False)
    app.add_api_route("/redoc", redoc, methods=["GET"], include_in_schema=False)
    for path in ICONS:
        app.add_api_route(path, favicon, methods=["GET"], include_in_schema=False)


def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over the app's OpenAPI document; its scripts carry the request's CSP nonce."""
    root = str(request.scope.get("root_path", ""))
    page = get_swagger_ui_html(openapi_url=f"{root}{request.app.openapi_url}", title="recoupe API",
                               swagger_js_url=f"{root}{DOCS_ASSETS}/swagger-ui-bundle.js",
                               swagger_css_url=f"{root}{DOCS_ASSETS}/swagger-ui.css",
                               swagger_favicon_url=f"{root}/favicon.svg",
                               swagger_ui_parameters={"validatorUrl": None})  # no badge fetched from elsewhere
    return _with_nonce(page, request)


def redoc(request: Request) -> HTMLResponse:
    """ReDoc over the app's OpenAPI document, without Google's fonts."""
    root = str(request.scope.get("root_path", ""))
    page = get_redoc_html(openapi_url=f"{root}{request.app.openapi_url}", title="recoupe API",
                          redoc_js_url=f"{root}{DOCS_ASSETS}/redoc.standalone.js",
                          redoc_favicon_url=f"{root}/favicon.svg", with_google_fonts=False)
    return _with_nonce(page, request)


def _with_nonce(page: HTMLResponse, request: Request) -> HTMLResponse:
    """A page of FastAPI's whose every <script> is given the request's CSP nonce (the Guard's CSP allows no
    other script)."""
    html = bytes(page.body).decode().replace("<script", f'<script nonce="{request.state.csp_nonce}"')
    return HTMLResponse(html)


def favicon(request: Request) -> FileResponse:
    """The icon of the pages, /favicon.ico (where browsers look for it) or /favicon.svg."""
    name, media = ICONS[route_path(request.scope)]
    return FileResponse(STATIC / name, media_type=media, headers={"Cache-Control": "public, max-age=86400"})


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
