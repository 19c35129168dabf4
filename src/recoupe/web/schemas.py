"""The shapes of the JSON API, as its OpenAPI document states them: query parameters, response and request
models (pydantic), the documented error responses, and the hand-written request body of an upload."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

from ..store.reader import MAX_LIMIT
from .ratelimit import UploadRate
from .uploads import MAX_RECORDS, MAX_UPLOAD, UPLOAD_TYPES

Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
RunId = Annotated[int | None, Query(ge=1, le=2**62, description="analysis id (default: the latest)")]
SearchText = Annotated[str | None, Query(max_length=200)]  # a text, or a name, to look for
Status = Annotated[str | None, Query(pattern="^(corroborated|single_source|conflicting)$")]


class PageOut(BaseModel):
    """A page of a list: its items, the total, and the link to the next page."""

    items: list[dict[str, Any]]
    total: int
    offset: int
    limit: int
    next: str | None = None


class StoryOut(BaseModel):
    """A story, its lists by page: the articles (ids, and ``article_info``), claims, quotes and reuse edges
    from ``offset``, at most ``limit`` of each; ``total`` counts each list whole, ``next`` is the next page.
    Each origin lists its articles on this page, and ``size`` counts them all."""

    model_config = ConfigDict(extra="allow")

    id: str
    title: str
    event_date: str | None = None
    articles: list[str]
    article_info: list[dict[str, Any]]
    origins: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    reuse: list[dict[str, Any]]
    timeline: list[dict[str, Any]] = []
    brief: list[dict[str, Any]] = []
    previous_ids: list[str] = []
    total: dict[str, int]
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


class JobQueued(BaseModel):
    """An upload taken: its job's id, and where to ask how it goes (also the Location header)."""

    job: str
    status: Literal["queued"] = "queued"
    href: str


class JobProgress(BaseModel):
    """Where a job's analysis is: the pipeline's stage, and its items done of ``total`` (0: not counted)."""

    stage: str
    done: int
    total: int


class JobArticle(BaseModel):
    """An article an upload added: its page (``href``), its API item, and the story it went into."""

    id: str
    title: str | None = None
    href: str
    api: str
    story: str | None = None
    story_href: str | None = None


class JobOut(BaseModel):
    """An upload's job: queued, running (``progress``), done (the articles added, each with its story, the
    analysis stored as ``run``, the records skipped) or failed (``error`` and ``errors``, the upload's problems
    as a refusal would name them). Kept in the server's memory (the last 100 finished jobs) until it restarts;
    what an analysis stored is never lost with it. Times are seconds since the epoch."""

    job: str
    status: Literal["queued", "running", "done", "failed"]
    href: str
    file: str
    progress: JobProgress | None = None
    created: float
    started: float | None = None
    finished: float | None = None
    articles: list[JobArticle] = []
    run: int | None = None
    skipped: list[str] = []
    error: str | None = None
    errors: list[str] = []


HOST = "a Host header the server does not answer to (`recoupe serve --host`, `--allow-host`)"
ERRORS: dict[int | str, dict[str, Any]] = {
    **{status: {"model": ErrorOut} for status in (404, 413, 422)}, 400: {"model": ErrorOut, "description": HOST}}
MOVED: dict[int | str, dict[str, Any]] = {301: {
    "description": "an id the story had before it was merged into another: Location is that story, the query kept",
    "headers": {"Location": {"schema": {"type": "string"}, "description": "the story that tells it now"}}}}
UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": f"a malformed multipart body, an invalid Content-Length, or {HOST}"},
    403: {"model": ErrorOut, "description": "a write from another site: a browser's Origin or Sec-Fetch-Site "
          "names another site than this server"},
    413: {"model": ErrorOut, "description": f"the file or the body is over {MAX_UPLOAD // (1024 * 1024)} MB, or "
          f"the file holds more articles than the server takes at once ({MAX_RECORDS} by default, "
          "RECOUPE_MAX_UPLOAD_RECORDS)"},
    415: {"model": ErrorOut, "description": "neither multipart/form-data nor application/json"},
    422: {"model": ErrorOut, "description": "more than one file, content not what its name says, invalid JSON, "
          "or an article sent as JSON without text (a file in which the analysis finds no article fails its job)"},
    429: {"model": ErrorOut, "description": f"too many uploads from one client ({UploadRate()} by default, "
          "RECOUPE_UPLOAD_RATE): Retry-After says when to send it again",
          "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "seconds to wait"}}},
    507: {"model": ErrorOut, "description": "the uploads folder is full (RECOUPE_MAX_UPLOADS)"}}
UNAUTHORIZED: dict[int | str, dict[str, Any]] = {401: {
    "model": ErrorOut, "description": "no token, or the wrong one (RECOUPE_TOKEN, or the one `recoupe serve` "
    "printed)",
    "headers": {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "Bearer"}}}}


def upload_description(token_needed: bool) -> str:
    """What POST /api/articles takes and does."""
    return (f"Takes one file per request as the multipart field `file` ({', '.join(UPLOAD_TYPES)}; "
            f"{MAX_UPLOAD // (1024 * 1024)} MB at most; its bytes must be what its name says; a JSONL or WARC "
            f"file of {MAX_RECORDS} records at most by default), or a JSON body with at least `text`. The file "
            "is kept under a name of its own. What can be told at once is refused at once (the errors below); "
            "else the answer is 202 with a job (its status at `href`, also the Location header), whose analysis "
            "of the articles with everything stored runs in the background, one upload at a time, and stores a "
            "new analysis. Refused from another site's pages (Origin, Sec-Fetch-Site)."
            + (" Needs `Authorization: Bearer <token>`." if token_needed else ""))


QUEUED: dict[int | str, dict[str, Any]] = {202: {
    "description": "taken: the job that analyses it (GET its href until its status is done or failed)",
    "headers": {"Location": {"schema": {"type": "string"}, "description": "the job, /api/jobs/{id}"}}}}


def upload_responses(token_needed: bool) -> dict[int | str, dict[str, Any]]:
    """The answers of POST /api/articles: 202 and its refusals (its 401 only where a token is needed)."""
    return {**QUEUED, **UPLOAD_ERRORS, **(UNAUTHORIZED if token_needed else {})}


def upload_request(token_needed: bool) -> dict[str, Any]:
    """The request body of POST /api/articles (read by hand, so that the body is checked before it is parsed),
    and its security requirement where a token is needed."""
    form = {"type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary", "description": "one article file"}}}
    doc: dict[str, Any] = {"requestBody": {"required": True, "content": {
        "multipart/form-data": {"schema": form}, "application/json": {"schema": NewArticle.model_json_schema()}}}}
    if token_needed:
        doc["security"] = [{"bearer": []}]
    return doc


BEARER_SCHEME = {"type": "http", "scheme": "bearer", "description": "the server's RECOUPE_TOKEN"}
