"""The JSON API under /api/: lists in pages (``PageOut``), single items, the upload of articles, and articles
fetched from the web (pages, feeds followed: fetching.py).

``reads`` holds every GET route (an upload's job too); ``writes(token_needed)`` the upload and the fetches, whose
documentation says whether the server's token is needed: each answers 202 with a job at once, and the job
(jobs.py) analyses the upload, or fetches then analyses, in the background. A list answers ``?_format=csv``
or ``?_format=ndjson`` with the page's rows as ``recoupe export`` writes them (export.py), JSON by default. A
handler parses the request, calls one view function (views.py), the upload (uploads.accept, then jobs.py) or a
fetch (fetching.py), and returns what it gives. The GET handlers have no docstrings: FastAPI would publish them
as the operations' descriptions.
"""
from __future__ import annotations

import io
import json
from dataclasses import asdict
from functools import partial
from typing import Annotated, Any, Literal, TypeVar, get_origin
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from .. import export
from ..render.views import served_href
from ..store.reader import Page, Reader
from . import fetching, jobs, schemas, uploads, views
from .dependencies import AppSettings, StoreReader
from .errors import BadUpload, NotFound, TooLarge, UnsupportedMedia
from .guard import route_path
from .schemas import ERRORS, EntityType, Limit, NewArticle, Offset, PageOut, RunId, SearchText, Status, StoryOut
from .uploads import MAX_UPLOAD

Body = TypeVar("Body", bound=schemas.BaseModel)  # a request body read by hand (``_json_or_form``)

reads = APIRouter(prefix="/api", responses=ERRORS)
Format = Annotated[Literal["json", "csv", "ndjson"], Query(
    alias="_format", title="Format", description="json (default): a page as PageOut; csv (a header row) or "
    "ndjson (one object a line): the page's rows, as `recoupe export` writes them, the next page in the Link header")]
# a list's 200 in the two other formats (the JSON one is PageOut)
AS_ROWS: dict[int | str, dict[str, Any]] = {200: {"content": {
    "text/csv": {"schema": {"type": "string"}}, "application/x-ndjson": {"schema": {"type": "string"}}}}}
Listed = dict[str, Any] | Response
# what narrows /api/articles as the /articles page's form does (views.article_filter): empty is none
Narrow = Annotated[str | None, Query(max_length=200, description="the language or outlet the articles have")]
Day = Annotated[str | None, Query(pattern=r"^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$", description="YYYY, YYYY-MM or "
                                  "YYYY-MM-DD: the articles dated from (since) or up to (until) it, inclusive")]
DateOrder = Annotated[Literal["newest", "oldest"] | None, Query(
    description="newest or oldest first by date, undated articles last (default: newest stored first)")]
# a GET route: its answer checked against its response model, and the fields an item lacks left out (not null)
get = partial(reads.get, response_model_exclude_unset=True)


@get("/corpora", response_model=PageOut[schemas.RunItem], responses=AS_ROWS,
     summary="Analyses stored, latest first")
def corpora(request: Request, r: StoreReader, offset: Offset = 0, limit: Limit = 50, fmt: Format = "json") -> Listed:
    return _page(request, r.runs(offset, limit), "runs", r, fmt)


@get("/stories", response_model=PageOut[schemas.StoryItem], responses=AS_ROWS,
     summary="Stories, largest first")
def stories(request: Request, r: StoreReader, run: RunId = None, offset: Offset = 0,
            limit: Limit = 50, fmt: Format = "json") -> Listed:
    return _page(request, r.stories(views.latest(r, run), offset, limit), "stories", r, fmt)


@get("/stories/{story_id:path}", response_model=StoryOut, responses=schemas.MOVED,
     summary="A story: origins, timeline, brief; its articles, claims, quotes and reuse edges by page")
def story(request: Request, story_id: str, r: StoreReader, run: RunId = None, offset: Offset = 0,
          limit: Limit = 50) -> dict[str, Any]:
    page = views.story(r, run, story_id, offset, limit)
    totals = {schemas.API_COUNTS["story totals"][k]: n for k, n in page["total"].items()}
    return dict(page, total=totals, next=next_link(request, offset + limit) if views.has_more(page) else None)


@get("/claims", response_model=PageOut[schemas.ClaimOut], responses=AS_ROWS,
     summary="Claims of a story")
def claims(request: Request, r: StoreReader, story: str, status: Status = None, run: RunId = None,
           offset: Offset = 0, limit: Limit = 50, fmt: Format = "json") -> Listed:
    return _page(request, views.claims(r, run, story, status, offset, limit), "claims", r, fmt)


@get("/reuse", response_model=PageOut[schemas.ReuseOut], responses=AS_ROWS,
     summary="Reuse edges (copies, translations, shared passages)")
def reuse(request: Request, r: StoreReader, story: str | None = None, run: RunId = None, offset: Offset = 0,
          limit: Limit = 50, fmt: Format = "json") -> Listed:
    return _page(request, r.reuse(views.latest(r, run), story, offset, limit), "reuse", r, fmt)


@get("/articles", response_model=PageOut[schemas.ArticleItem], responses=AS_ROWS,
     summary="Articles, newest first; q searches the text; language, outlet, since, until and sort as on /articles")
def articles(request: Request, r: StoreReader, q: SearchText = None, entity: str | None = None,
             language: Narrow = None, outlet: Narrow = None, since: Day = None, until: Day = None,
             sort: DateOrder = None, run: RunId = None, offset: Offset = 0, limit: Limit = 50,
             fmt: Format = "json") -> Listed:
    filters = views.article_filter(language, outlet, since, until, sort)
    return _page(request, views.articles(r, run, q, entity, offset, limit, filters), "articles", r, fmt)


@get("/articles/{article_id:path}", response_model=schemas.ArticleOut,
     summary="An article: clean text, metadata, removed boilerplate")
def article(article_id: str, r: StoreReader) -> dict[str, Any]:
    return views.article(r, article_id)


@get("/entities", response_model=PageOut[schemas.EntityItem], responses=AS_ROWS,
     summary="People, organisations, places, most named first; q: a spelling contains it; type: of one type")
def entities(request: Request, r: StoreReader, q: SearchText = None, kind: EntityType = None, run: RunId = None,
             offset: Offset = 0, limit: Limit = 50, fmt: Format = "json") -> Listed:
    return _page(request, r.entities(views.latest(r, run), offset, limit, q, kind), "entities", r, fmt)


@get("/outlets", response_model=PageOut[schemas.OutletItem], responses=AS_ROWS,
     summary="Outlets named by the stored articles, most articles first")
def outlets(request: Request, r: StoreReader, offset: Offset = 0, limit: Limit = 50, fmt: Format = "json") -> Listed:
    return _page(request, r.outlets(offset, limit), "outlets", r, fmt)


@get("/entities/{entity_id:path}", response_model=schemas.EntityOut,
     summary="An entity with every spelling and mention")
def entity(entity_id: str, r: StoreReader, run: RunId = None) -> dict[str, Any]:
    return views.entity(r, run, entity_id)


@get("/quotes", response_model=PageOut[schemas.QuoteOut], responses=AS_ROWS,
     summary="Quotes, of an article, of a speaker or of a story's articles")
def quotes(request: Request, r: StoreReader, article: str | None = None, speaker: str | None = None,
           story: str | None = None, run: RunId = None, offset: Offset = 0, limit: Limit = 50,
           fmt: Format = "json") -> Listed:
    return _page(request, views.quotes(r, run, article, speaker, story, offset, limit), "quotes", r, fmt)


@get("/search", response_model=PageOut[schemas.ArticleItem], responses=AS_ROWS,
     summary="Articles by text and/or by entity name")
def search(request: Request, r: StoreReader, q: SearchText = None, entity: SearchText = None,
           run: RunId = None, offset: Offset = 0, limit: Limit = 50, fmt: Format = "json") -> Listed:
    return _page(request, views.search(r, run, q, entity, offset, limit), "articles", r, fmt)


@get("/feeds", response_model=PageOut[schemas.FeedItem],
     summary="Feeds and sitemaps the store follows: when each was checked, what it listed, what was new")
def feeds(request: Request, settings: AppSettings, offset: Offset = 0, limit: Limit = 50) -> Listed:
    found = fetching.followed(settings)
    return _page(request, Page(found[offset:offset + limit], len(found), offset, limit), "feeds")


@get("/jobs/{job_id}", response_model=schemas.JobOut,
     summary="An upload's or a fetch's job: queued, running (its stage), done (what it added) or failed (why)")
def job(request: Request, job_id: str) -> dict[str, Any]:
    found = jobs.of(request.app.state, request.app.state.settings.db).get(job_id)
    if found is None:
        raise NotFound(f"no job '{job_id[:100]}': a job is kept in the server's memory, the last "
                       f"{jobs.MAX_JOBS} finished ones, until the server restarts")
    return job_out(request, found)


def writes(token_needed: bool) -> APIRouter:
    """POST /api/articles, /api/fetch and /api/feeds, documented as needing the server's token or not."""
    router = APIRouter(prefix="/api", responses=ERRORS)
    router.post("/articles", response_model=schemas.JobQueued, status_code=202,
                summary="Add articles (file or JSON): a job analyses them",
                description=schemas.upload_description(token_needed),
                responses=schemas.upload_responses(token_needed),
                openapi_extra=schemas.upload_request(token_needed))(upload)
    router.post("/fetch", response_model=schemas.JobQueued, status_code=202,
                summary="Add articles from the web (pages, feeds, sitemaps): a job fetches and analyses them",
                description=schemas.fetch_description("pages (`urls`), feeds (`feeds`) and sitemaps (`sitemaps`)",
                                                      token_needed),
                responses=schemas.fetch_responses(token_needed),
                openapi_extra=schemas.fetch_request(schemas.FetchIn, token_needed))(fetch)
    router.post("/feeds", response_model=schemas.JobQueued, status_code=202,
                summary="Follow a feed or sitemap: a job reads it now, and fetches and analyses its items",
                description=schemas.fetch_description("one feed or sitemap (`url`) for the store to follow (GET "
                                                      "/api/feeds; one followed already stays as it is)",
                                                      token_needed),
                responses=schemas.fetch_responses(token_needed),
                openapi_extra=schemas.fetch_request(schemas.FeedIn, token_needed))(follow)
    return router


async def upload(request: Request, settings: AppSettings) -> JSONResponse:
    """Check and store one file (multipart) or one JSON article, then queue its analysis: 202 with the job."""
    _write_checked(request)
    name, data = await _upload_body(request)
    # in a worker thread: checked and stored (a WARC's records counted), refused here when it can be told now
    accepted = await run_in_threadpool(uploads.accept, settings, name, data)
    return _queued(request, jobs.of(request.app.state, settings.db).submit(accepted.path.name, accepted.analysed))


async def fetch(request: Request, settings: AppSettings) -> JSONResponse:
    """Check the addresses of pages, feeds and sitemaps (JSON or form), then queue their fetch: 202 with the job."""
    _write_checked(request)
    given = await _json_or_form(request, schemas.FetchIn)
    urls, feeds, sitemaps = fetching.asked(given.urls, given.feeds, given.sitemaps)
    return _queued(request, fetching.queue(request.app.state, settings, urls, feeds, sitemaps))


async def follow(request: Request, settings: AppSettings) -> JSONResponse:
    """Check a feed's or sitemap's address, add it to those the store follows, then queue its first check: 202
    with the job."""
    _write_checked(request)
    given = await _json_or_form(request, schemas.FeedIn)
    url = next(iter(fetching.checked("url", [given.url])), None)
    if url is None:
        raise BadUpload("no address given: send the 'url' of a feed or a sitemap")
    await run_in_threadpool(fetching.follow, settings, url, given.kind)
    listed = {"feeds" if given.kind == "feed" else "sitemaps": (url,)}
    return _queued(request, fetching.queue(request.app.state, settings, **listed))


def _write_checked(request: Request) -> None:
    """A write reaches its route through the Guard's checks (origin, token, size, rate) or not at all."""
    if not request.scope.get("state", {}).get("write_checked"):  # never unchecked, whatever the path
        raise RuntimeError("a write reached the route without the token and size checks")


def _queued(request: Request, queued: jobs.Job) -> JSONResponse:
    """202 with a job just queued, its link in the body and in Location."""
    href = f"{base(request)}/api/jobs/{queued.id}"
    return JSONResponse({"job": queued.id, "status": queued.status, "href": href}, status_code=202,
                        headers={"Location": href})


def job_out(request: Request, job: jobs.Job) -> dict[str, Any]:
    """A job as JobOut: its links (page and API) start with the app's base."""
    at = base(request)
    articles = [{"id": a.id, "title": a.title, "href": at + served_href("article", a.id),
                 "api": f"{at}/api{served_href('article', a.id)}",
                 "story": a.story, "story_href": at + served_href("story", a.story) if a.story else None}
                for a in job.articles]
    progress = {"stage": job.stage, "done": job.done, "total": job.total} if job.stage else None
    return {"job": job.id, "kind": job.kind, "status": job.status, "href": f"{at}/api/jobs/{job.id}",
            "file": job.file, "progress": progress, "created": job.created, "started": job.started,
            "finished": job.finished, "articles": articles, "run": job.run, "skipped": list(job.skipped),
            "error": job.error, "errors": list(job.errors),
            "fetched": [dict(asdict(t), redirects=list(t.redirects)) for t in job.fetched],
            "listings": [asdict(r) for r in job.listings]}


def _page(request: Request, page: Page, table: str, r: Reader | None = None, fmt: str = "json") -> Listed:
    """A page of a list (of ``table``, export.TABLES) as PageOut, with the link to the next page (this request's
    URL, moved on); as CSV or NDJSON, the page's rows (``export.rows``), the next page in the Link header and the
    list's total in X-Total-Count."""
    nxt = next_link(request, page.offset + page.limit) if page.offset + page.limit < page.total else None
    if fmt not in export.FORMATS:
        renamed = schemas.API_COUNTS.get(table, {})
        items = [{renamed.get(k, k): v for k, v in item.items()} for item in page.items] if renamed else page.items
        out = {"items": items, "total": page.total, "offset": page.offset, "limit": page.limit, "next": nxt}
        return dict(out, total_capped=True) if page.capped else out
    assert r is not None, "a list exported as rows is read through a reader"
    chosen: export.Format = "csv" if fmt == "csv" else "ndjson"
    body = io.StringIO(newline="")
    export.write(table, export.rows(table, page.items, r), chosen, body)
    headers = {"Content-Disposition": f'attachment; filename="{export.filename(table, chosen)}"',
               "X-Total-Count": str(page.total)}
    if nxt:
        headers["Link"] = f'<{nxt}>; rel="next"'
    return Response(body.getvalue(), media_type=export.MEDIA_TYPES[chosen], headers=headers)


def next_link(request: Request, offset: int) -> str:
    """This request's path and query with ``offset`` moved on: after the app's base URL when one is set,
    else relative to the server (never built from the Host header, which any client may set)."""
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"] + [("offset", str(offset))]
    return f"{base(request)}{quote(route_path(request.scope), safe='/')}?{urlencode(query)}"


def base(request: Request) -> str:
    """Where the app's links start: its base URL when one is set, else the prefix it is mounted under (never
    built from the Host header, which any client may set)."""
    return request.app.state.settings.base_url or str(request.scope.get("root_path", ""))


async def _upload_body(request: Request) -> tuple[str | None, bytes]:
    """The file name and bytes of a multipart upload, or (None, the record's bytes) of a JSON article."""
    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if media == "multipart/form-data":
        return await _one_file(request)
    if media == "application/json" or media.endswith("+json"):
        return None, _json_article(await request.body())
    raise UnsupportedMedia(f"unsupported Content-Type '{media[:100]}': send the file as multipart/form-data "
                           "(field 'file') or the article as application/json")


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
    shown = uploads.safe_name(name)[0]
    if len(data) > MAX_UPLOAD:
        raise TooLarge(f"'{shown}' is over the {MAX_UPLOAD // (1024 * 1024)} MB limit")
    if not data.strip():
        raise BadUpload(f"'{shown}' is empty")
    return name, data


def _json_article(body: bytes) -> bytes:
    """An article sent as JSON, checked against NewArticle, as the bytes of the record to store."""
    try:
        article = NewArticle.model_validate_json(body)
    except ValidationError as err:
        problems = [f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in err.errors()[:20]]
        raise BadUpload(f"invalid article JSON ({problems[0]}): send an object with at least 'text'",
                        problems) from None
    record = {k: v for k, v in article.model_dump().items() if v is not None}
    return json.dumps(record, ensure_ascii=False).encode()


async def _json_or_form(request: Request, model: type[Body]) -> Body:
    """The body of a fetch, as ``model``: JSON, or a form (application/x-www-form-urlencoded, the pages' forms
    without their script) whose list fields are texts, one item a line."""
    media = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    try:
        if media == "application/json" or media.endswith("+json"):
            return model.model_validate_json(await request.body())
        if media == "application/x-www-form-urlencoded":
            async with request.form() as form:
                given: dict[str, Any] = {}
                for name, value in form.multi_items():
                    if not isinstance(value, str):
                        raise BadUpload(f"'{name[:100]}': a form of texts, not of files")
                    field = model.model_fields.get(name)
                    if field is not None and get_origin(field.annotation) is list:
                        given.setdefault(name, []).extend(fetching.lines(value))
                    else:
                        given[name] = value
            return model.model_validate(given)
    except ValidationError as err:
        problems = [f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}" for e in err.errors()[:20]]
        raise BadUpload(f"invalid request ({problems[0]}): send {', '.join(model.model_fields)} as JSON or as a "
                        "form", problems) from None
    raise UnsupportedMedia(f"unsupported Content-Type '{media[:100]}': send application/json or "
                           "application/x-www-form-urlencoded")
