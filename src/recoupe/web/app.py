"""The FastAPI application: routes of the JSON API and of the HTML pages, the error handlers, uploads."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from .._version import __version__
from ..render import views
from ..render.templates import render
from ..store.reader import MAX_LIMIT, Page, Reader
from . import uploads as up
from .errors import BadUpload, EmptyStore, HTTPError, NotFound, TooLarge, UnsupportedMedia, error_body
from .guard import MULTIPART_SLACK, Guard, route_path
from .uploads import MAX_UPLOAD, MAX_UPLOADS, UPLOAD_TYPES

log = logging.getLogger(__name__)

Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
RunId = Annotated[int | None, Query(ge=1, le=2**62, description="analysis id (default: the latest)")]
Status = Annotated[str | None, Query(pattern="^(corroborated|single_source|conflicting)$")]


class PageOut(BaseModel):
    """A page of a list: its items, the total, and the link to the next page."""

    items: list[dict[str, Any]]
    total: int
    offset: int
    limit: int
    next: str | None = None


class ErrorOut(BaseModel):
    """Every JSON error has this shape."""

    ok: bool = False
    error: str
    errors: list[str]
    status: int


class NewArticle(BaseModel):
    """An article sent as JSON: its text, and what is known of it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_UPLOAD, pattern=r"\S", description="the article's text")
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)
    published: str | None = Field(default=None, max_length=64)
    language: str | None = Field(default=None, max_length=16)


class UploadOut(BaseModel):
    """What an upload added: the articles analysed, the new analysis id, and what was skipped."""

    ok: bool = True
    articles: list[str]
    run: int
    skipped: list[str]


ERRORS: dict[int | str, dict[str, Any]] = {status: {"model": ErrorOut} for status in (404, 413, 422)}
UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "a malformed multipart body, or an invalid Content-Length"},
    413: {"model": ErrorOut, "description": f"the file or the body is over {MAX_UPLOAD // (1024 * 1024)} MB"},
    415: {"model": ErrorOut, "description": "neither multipart/form-data nor application/json"},
    422: {"model": ErrorOut, "description": "more than one file, content not what its name says, invalid JSON, "
          "or no article in it"},
    507: {"model": ErrorOut, "description": "the uploads folder is full (RECOUPE_MAX_UPLOADS)"}}
UNAUTHORIZED: dict[int | str, dict[str, Any]] = {401: {
    "model": ErrorOut, "description": "no token, or the wrong one (the server has RECOUPE_TOKEN set)",
    "headers": {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "Bearer"}}}}


def build(db: Path, uploads: Path, token: str | None = None, max_uploads: int = MAX_UPLOADS) -> FastAPI:
    """The app over the store file ``db``, writing uploads under ``uploads`` only; with a ``token``, adding
    articles needs it (``Authorization: Bearer``)."""
    app = FastAPI(title="recoupe", version=__version__, description="Cross-checked news: stories, sources, "
                  "quotes and claims of an analysed corpus." + (" Adding articles needs the server's token."
                                                                 if token else ""))
    app.add_middleware(Guard, token=token, writes={("POST", "/api/articles")}, max_body=MAX_UPLOAD + MULTIPART_SLACK)
    write_lock = threading.Lock()  # one writer: uploads are analysed and stored one at a time

    @contextmanager
    def reader() -> Iterator[Reader]:
        if not db.exists():
            # the file's name only: where the server keeps its files is no business of a client
            raise EmptyStore(f"no store yet: run `recoupe analyze … --db {db.name}` first, or upload an article")
        r = Reader(db)
        try:
            yield r
        finally:
            r.close()

    def latest(r: Reader, run: int | None) -> int:
        found = r.run(run)
        if found is None:
            raise NotFound(f"no analysis {run} in the store" if run else "the store holds no analysis yet")
        return found

    def page_out(request: Request, page: Page) -> dict[str, Any]:
        nxt = None
        if page.offset + page.limit < page.total:
            nxt = str(request.url.include_query_params(offset=page.offset + page.limit, limit=page.limit))
        return {"items": page.items, "total": page.total, "offset": page.offset, "limit": page.limit, "next": nxt}

    @app.exception_handler(HTTPError)
    async def _http_error(request: Request, err: HTTPError) -> JSONResponse | HTMLResponse:
        if route_path(request.scope).startswith("/api/"):
            return JSONResponse(error_body(err.status, err.message, err.errors), status_code=err.status,
                                headers=err.headers)
        return HTMLResponse(_render("web_error.html", status=err.status, message=err.message), status_code=err.status,
                            headers=err.headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, err: Exception) -> JSONResponse | HTMLResponse:
        # logged with its traceback for whoever runs the server; the client learns nothing of paths or code
        log.error("%s %s failed", request.method, request.url.path, exc_info=err)
        message = "internal error: the server could not answer this request"
        if route_path(request.scope).startswith("/api/"):
            return JSONResponse(error_body(500, message), status_code=500)
        return HTMLResponse(_render("web_error.html", status=500, message=message), status_code=500)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, err: RequestValidationError) -> JSONResponse:
        errors = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in err.errors()]
        return JSONResponse(error_body(422, "invalid request", errors), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _starlette(request: Request, err: StarletteHTTPException) -> JSONResponse:
        headers = getattr(err, "headers", None)
        if err.status_code == 405:  # GET and POST of one path are two routes: Allow lists both
            from starlette.routing import Match

            methods = {m for route in app.routes if route.matches(request.scope)[0] != Match.NONE
                       for m in (getattr(route, "methods", None) or ())}
            headers = {"Allow": ", ".join(sorted(methods))}
        return JSONResponse(error_body(err.status_code, str(err.detail)), status_code=err.status_code,
                            headers=headers)

    api = APIRouter(prefix="/api", responses=ERRORS)

    @api.get("/corpora", response_model=PageOut, summary="Analyses stored, latest first")
    def corpora(request: Request, offset: Offset = 0, limit: Limit = 50) -> dict[str, Any]:
        with reader() as r:
            return page_out(request, r.runs(offset, limit))

    @api.get("/stories", response_model=PageOut, summary="Stories, largest first")
    def stories(request: Request, run: RunId = None, offset: Offset = 0, limit: Limit = 50) -> dict[str, Any]:
        with reader() as r:
            return page_out(request, r.stories(latest(r, run), offset, limit))

    @api.get("/stories/{story_id}", summary="A story: origins, claims, timeline, brief")
    def story(story_id: str, run: RunId = None) -> dict[str, Any]:
        with reader() as r:
            data = r.story(latest(r, run), story_id)
        if data is None:
            raise NotFound(f"no story {story_id}")
        return data

    @api.get("/claims", response_model=PageOut, summary="Claims of a story")
    def claims(request: Request, story: str, status: Status = None, run: RunId = None, offset: Offset = 0,
               limit: Limit = 50) -> dict[str, Any]:
        with reader() as r:
            run_id = latest(r, run)
            if r.story(run_id, story) is None:
                raise NotFound(f"no story {story}")
            return page_out(request, r.claims(run_id, story, offset, limit, status))

    @api.get("/reuse", response_model=PageOut, summary="Reuse edges (copies, translations, shared passages)")
    def reuse(request: Request, story: str | None = None, run: RunId = None, offset: Offset = 0,
              limit: Limit = 50) -> dict[str, Any]:
        with reader() as r:
            return page_out(request, r.reuse(latest(r, run), story, offset, limit))

    @api.get("/articles", response_model=PageOut, summary="Articles, newest first; q searches the text")
    def articles(request: Request, q: str | None = Query(None, max_length=200), entity: str | None = None,
                 run: RunId = None, offset: Offset = 0, limit: Limit = 50) -> dict[str, Any]:
        with reader() as r:
            run_id = latest(r, run) if entity else None
            return page_out(request, r.articles(offset, limit, text=q, entity=entity, run=run_id))

    @api.get("/articles/{article_id}", summary="An article: clean text, metadata, removed boilerplate")
    def article(article_id: str) -> dict[str, Any]:
        with reader() as r:
            data = r.article(article_id)
        if data is None:
            raise NotFound(f"no article {article_id}")
        return data

    @api.post("/articles", response_model=UploadOut, status_code=201, summary="Add articles (file or JSON)",
              description=f"One file per request as the multipart field `file` ({', '.join(UPLOAD_TYPES)}; "
              f"{MAX_UPLOAD // (1024 * 1024)} MB at most; its bytes must be what its name says), or a JSON "
              "body with at least `text`. The articles are analysed with everything stored, and a new analysis "
              "is stored." + (" Needs `Authorization: Bearer <token>`." if token else ""),
              responses={**UPLOAD_ERRORS, **(UNAUTHORIZED if token else {})}, openapi_extra=_upload_doc(bool(token)))
    async def upload(request: Request) -> dict[str, Any]:
        if not request.scope.get("state", {}).get("write_checked"):  # never unchecked, whatever the path
            raise RuntimeError("a write reached the route without the token and size checks")
        media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
        if media == "multipart/form-data":
            name, data = await _one_file(request)
        elif media == "application/json" or media.endswith("+json"):
            name, data = _json_upload(await request.body())
        else:
            raise UnsupportedMedia(f"unsupported Content-Type '{media[:100]}': send the file as multipart/form-data "
                                   "(field 'file') or the article as application/json")

        def add() -> dict[str, Any]:  # in a worker thread: the analysis takes seconds, other requests go on
            stored_name = up.checked(name, data) if name is not None else _json_name(data)
            with write_lock, up.stored(uploads, stored_name, data, max_uploads) as path:
                return _analyse_upload(db, path)

        return await run_in_threadpool(add)

    @api.get("/entities", response_model=PageOut, summary="People, organisations, places, most named first")
    def entities(request: Request, q: str | None = Query(None, max_length=200), run: RunId = None,
                 offset: Offset = 0, limit: Limit = 50) -> dict[str, Any]:
        with reader() as r:
            return page_out(request, r.entities(latest(r, run), offset, limit, q))

    @api.get("/entities/{entity_id}", summary="An entity with every spelling and mention")
    def entity(entity_id: str, run: RunId = None) -> dict[str, Any]:
        with reader() as r:
            data = r.entity(latest(r, run), entity_id)
        if data is None:
            raise NotFound(f"no entity {entity_id}")
        return data

    @api.get("/quotes", response_model=PageOut, summary="Quotes, of an article or of a speaker")
    def quotes(request: Request, article: str | None = None, speaker: str | None = None, run: RunId = None,
               offset: Offset = 0, limit: Limit = 50) -> dict[str, Any]:
        with reader() as r:
            return page_out(request, r.quotes(latest(r, run), offset, limit, article, speaker))

    @api.get("/search", response_model=PageOut, summary="Articles by text and/or by entity name")
    def search(request: Request, q: str | None = Query(None, max_length=200),
               entity: str | None = Query(None, max_length=200), run: RunId = None, offset: Offset = 0,
               limit: Limit = 50) -> dict[str, Any]:
        with reader() as r:
            run_id = latest(r, run)
            ids = [e["id"] for e in r.entities(run_id, 0, MAX_LIMIT, entity).items] if entity else []
            if entity and not ids:
                return page_out(request, Page([], 0, offset, limit))
            page = r.articles(offset, limit, text=q, entity=ids[0] if ids else None, run=run_id)
            return page_out(request, page)

    app.include_router(api)

    # -- pages --------------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, offset: Offset = 0, limit: Limit = 50) -> str:
        with reader() as r:
            run_id = r.run()
            page = r.stories(run_id, offset, limit) if run_id else Page([], 0, offset, limit)
        return _render("web_stories.html", page=page, run=run_id, max_upload=MAX_UPLOAD, types=UPLOAD_TYPES,
                       token_needed=bool(token), csp_nonce=request.state.csp_nonce)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str) -> str:
        with reader() as r:
            run_id = latest(r, None)
            data = r.story(run_id, story_id)
            if data is None:
                raise NotFound(f"no story {story_id}")
            edges = r.reuse(run_id, story_id).items
            said = [q for aid in data["articles"] for q in r.quotes(run_id, 0, MAX_LIMIT, article=aid).items]
            names = r.names(run_id, {q["speaker_entity"] for q in said if q["speaker_entity"]})
        by_speaker: dict[str, list[dict[str, Any]]] = {}
        for q in said:
            who = names.get(q["speaker_entity"] or "") or q["speaker"] or "speaker unknown"
            by_speaker.setdefault(who, []).append(q)
        return _render("web_story.html", story=views.story(data, edges), by_speaker=by_speaker)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str) -> str:
        with reader() as r:
            data = r.article(article_id)
            if data is None:
                raise NotFound(f"no article {article_id}")
            run_id = r.run()
            mentions = r.mentions(run_id, article_id) if run_id else []
            said = r.quotes(run_id, 0, MAX_LIMIT, article=article_id).items if run_id else []
        names = {m["entity"]: (m["name"], m["type"]) for m in mentions}
        return _render("web_article.html", a=views.article(data, mentions, said, names))

    @app.get("/entities/{entity_id}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(entity_id: str) -> str:
        with reader() as r:
            data = r.entity(latest(r, None), entity_id)
            if data is None:
                raise NotFound(f"no entity {entity_id}")
            texts = {aid: (r.article(aid) or {}).get("text", "") for aid in {m["article"] for m in data["mentions"]}}
        for m in data["mentions"]:
            text = texts.get(m["article"], "")
            m["before"], m["after"] = text[max(0, m["start"] - 60):m["start"]], text[m["end"]:m["end"] + 60]
        return _render("web_entity.html", entity=data)

    if token:
        openapi = app.openapi

        def with_scheme() -> dict[str, Any]:
            schema = openapi()
            schemes = schema.setdefault("components", {}).setdefault("securitySchemes", {})
            schemes["bearer"] = {"type": "http", "scheme": "bearer", "description": "the server's RECOUPE_TOKEN"}
            return schema

        app.openapi = with_scheme  # type: ignore[method-assign]
    return app


def _upload_doc(token: bool) -> dict[str, Any]:
    """The request body of POST /api/articles (read by hand, so that the body is checked before it is parsed)."""
    form = {"type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary", "description": "one article file"}}}
    doc: dict[str, Any] = {"requestBody": {"required": True, "content": {
        "multipart/form-data": {"schema": form}, "application/json": {"schema": NewArticle.model_json_schema()}}}}
    if token:
        doc["security"] = [{"bearer": []}]
    return doc


def _render(template: str, **context: Any) -> str:
    return render(template, href=views.served_href, **context)


async def _one_file(request: Request) -> tuple[str, bytes]:
    """The name and bytes of the one file of a multipart upload, within the size limit."""
    async with request.form() as form:
        files = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
        if len(files) > 1:
            raise BadUpload(f"one file per request: this request has {len(files)}")
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise BadUpload("send the article as the multipart field 'file' (a file, with its name)")
        name = file.filename or "upload.txt"
        data = await file.read(MAX_UPLOAD + 1)
    shown = up.safe_name(name)[0]
    if len(data) > MAX_UPLOAD:
        raise TooLarge(f"'{shown}' is over the {MAX_UPLOAD // (1024 * 1024)} MB limit")
    if not data.strip():
        raise BadUpload(f"'{shown}' is empty")
    return name, data


def _json_upload(body: bytes) -> tuple[None, bytes]:
    """An article sent as JSON, checked against NewArticle, as the bytes of the record to store."""
    try:
        article = NewArticle.model_validate_json(body)
    except ValidationError as err:
        problems = [f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in err.errors()[:20]]
        raise BadUpload(f"invalid article JSON ({problems[0]}): send an object with at least 'text'",
                        problems) from None
    record = {k: v for k, v in article.model_dump().items() if v is not None}
    return None, json.dumps(record, ensure_ascii=False).encode()


def _json_name(data: bytes) -> str:
    return f"upload-{hashlib.sha256(data).hexdigest()[:12]}.json"


def _analyse_upload(db: Path, path: Path) -> dict[str, Any]:
    """Analyse an uploaded file with everything stored (whose parses and embeddings the store keeps), and
    store the new analysis (analysed again first if another process stored articles meanwhile)."""
    from ..pipeline import analyze, save
    from ..store import Store

    with Store(db) as store:
        corpus = analyze([path], store=store)
        # the reasons name the file, not where the server keeps it
        skipped = [s.message.replace(str(path.parent) + os.sep, "") for s in corpus.skips]
        added = [a for i in corpus.inputs for a in i.articles]
        if not added:
            raise BadUpload(f"no article could be read from {path.name}", skipped)
        _, run = save(corpus, store)
    return {"ok": True, "articles": added, "run": run, "skipped": skipped}
