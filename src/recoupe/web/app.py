"""The FastAPI application: routes of the JSON API and of the HTML pages, the error handlers, uploads."""
from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, File, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__, views
from ..reader import MAX_LIMIT, Page, Reader
from .errors import BadUpload, EmptyStore, HTTPError, NotFound, TooLarge, error_body

MAX_UPLOAD = 5 * 1024 * 1024  # bytes: a news article, even as a WARC of a few pages, is far below
UPLOAD_TYPES = (".txt", ".html", ".htm", ".json", ".jsonl", ".warc", ".warc.gz")

Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
RunId = Annotated[int | None, Query(ge=1, le=2**62, description="analysis id (default: the latest)")]
Status = Annotated[str | None, Query(pattern="^(corroborated|single_source|conflicting)$")]
Upload = Annotated[UploadFile | None, File(description="an article file")]


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

    text: str = Field(min_length=1, max_length=MAX_UPLOAD)
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


def build(db: Path, uploads: Path) -> FastAPI:
    """The app over the store file ``db``, writing uploads under ``uploads`` only."""
    app = FastAPI(title="recoupe", version=__version__, description="Cross-checked news: stories, sources, "
                  "quotes and claims of an analysed corpus.")
    write_lock = threading.Lock()  # one writer: uploads are analysed and stored one at a time

    @contextmanager
    def reader() -> Iterator[Reader]:
        if not db.exists():
            raise EmptyStore(f"no store at {db}: run `recoupe analyze … --db {db}` first")
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
        if request.url.path.startswith("/api/"):
            return JSONResponse(error_body(err.status, err.message, err.errors), status_code=err.status)
        return HTMLResponse(_render("web_error.html", status=err.status, message=err.message), status_code=err.status)

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

    @api.post("/articles", response_model=UploadOut, status_code=201, summary="Add articles (file or JSON)")
    async def upload(request: Request, file: Upload = None) -> dict[str, Any]:
        if file is not None:
            saved = await _save_upload(file, uploads)
        else:
            try:
                body = NewArticle.model_validate(await request.json())
            except (ValueError, json.JSONDecodeError) as err:
                raise BadUpload("send a file (multipart) or a JSON body with at least 'text'",
                                [str(err)[:500]]) from None
            saved = _save_json(body, uploads)
        with write_lock:
            return _analyse_upload(db, saved)

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
        return _render("web_stories.html", page=page, run=run_id, max_upload=MAX_UPLOAD, types=UPLOAD_TYPES)

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

    return app


def _render(template: str, **context: Any) -> str:
    from ..report import environment

    return environment().get_template(template).render(href=views.served_href, **context)


async def _save_upload(file: UploadFile, uploads: Path) -> Path:
    """Check an uploaded file's type and size, and write it under the uploads folder only."""
    name = Path(file.filename or "upload.txt").name  # never a path: "../../x" becomes "x"
    lower = name.lower()
    if not lower.endswith(UPLOAD_TYPES):
        raise BadUpload(f"unsupported file type '{name}': send one of {', '.join(UPLOAD_TYPES)}")
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise TooLarge(f"'{name}' is over the {MAX_UPLOAD // (1024 * 1024)} MB limit")
    if not data.strip():
        raise BadUpload(f"'{name}' is empty")
    return _write(uploads, name, data)


def _save_json(body: NewArticle, uploads: Path) -> Path:
    record = {k: v for k, v in body.model_dump().items() if v is not None}
    data = json.dumps(record, ensure_ascii=False).encode()
    return _write(uploads, f"upload-{hashlib.sha256(data).hexdigest()[:12]}.json", data)


def _write(uploads: Path, name: str, data: bytes) -> Path:
    safe = re.sub(r"[^\w.-]", "_", name).lstrip(".") or "upload.txt"
    uploads.mkdir(parents=True, exist_ok=True)
    target = (uploads / safe).resolve()
    if target.parent != uploads.resolve():  # belt and braces: nothing is written outside the folder
        raise BadUpload(f"invalid file name '{name}'")
    target.write_bytes(data)
    return target


def _analyse_upload(db: Path, path: Path) -> dict[str, Any]:
    """Analyse an uploaded file with everything stored (whose parses and embeddings the store keeps), and
    store the new analysis."""
    from ..pipeline import analyze
    from ..store import Store

    with Store(db) as store:
        corpus = analyze([path], store=store)
        skipped = [s.message for s in corpus.skips]
        added = [a for i in corpus.inputs for a in i.articles]
        if not added:
            raise BadUpload(f"no article could be read from {path.name}", skipped)
        run = store.save(corpus)
    return {"ok": True, "articles": added, "run": run, "skipped": skipped}
