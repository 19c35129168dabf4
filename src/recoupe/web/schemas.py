"""The shapes of the JSON API, as its OpenAPI document states them: query parameters, response and request
models (pydantic), the documented error responses, and the hand-written request body of an upload."""
from __future__ import annotations

from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

from ..store.reader import MAX_LIMIT
from .fetching import MAX_URL, MAX_URLS
from .ratelimit import UploadRate
from .uploads import MAX_RECORDS, MAX_UPLOAD, UPLOAD_TYPES

Offset = Annotated[int, Query(ge=0, le=10_000_000, description="items to skip")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
RunId = Annotated[int | None, Query(ge=1, le=2**62, description="analysis id (default: the latest)")]
SearchText = Annotated[str | None, Query(max_length=200)]  # a text, or a name, to look for
Status = Annotated[str | None, Query(pattern="^(corroborated|single_source|conflicting)$")]
EntityType = Annotated[Literal["PER", "ORG", "LOC", "MISC"] | None, Query(alias="type", title="Type",
    description="the type of the entities listed: PER, ORG, LOC or MISC (default: all)")]
Item = TypeVar("Item", bound=BaseModel)  # what a PageOut lists


# The answers of the GET routes. A field name has one meaning in every answer: ``articles``, ``origins``,
# ``mentions`` and ``skipped`` are lists wherever they appear, and a list's size is ``article_count``,
# ``origin_count``, ``mention_count`` or ``skipped_count`` (API_COUNTS: the store's columns renamed in the API's
# answers; `recoupe export` and the pages keep the store's names). A field that a stored item may lack (a
# claim's ``updates``) is optional, and left out of the answer where the item has none.
API_COUNTS: dict[str, dict[str, str]] = {  # a list's table (export.TABLES) -> {store's name: the API's name}
    "stories": {"articles": "article_count", "origins": "origin_count"},
    "runs": {"articles": "article_count", "skipped": "skipped_count"},
    "entities": {"mentions": "mention_count"},
    "outlets": {"articles": "article_count"},
    "feeds": {"items": "item_count", "new": "new_count"},
    "story totals": {"articles": "article_count", "claims": "claim_count", "quotes": "quote_count",
                     "reuse": "reuse_count"},  # a story's ``total``
}


class RunItem(BaseModel):
    """An analysis stored: when it started, how many articles it analysed and how many inputs it skipped."""

    id: int
    started: str
    article_count: int
    skipped_count: int


class StoryItem(BaseModel):
    """A story of the story list: its counts of articles and of independent origins."""

    id: str
    title: str
    article_count: int
    origin_count: int
    event_date: str | None = None


class ArticleItem(BaseModel):
    """An article of a list or a search: its metadata, without its text (the article's own route has it)."""

    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    page_date: str | None = None
    language: str | None = None
    url: str | None = None
    story: str | None = None


class EntityItem(BaseModel):
    """A person, organisation, place or other name (``type``: PER, ORG, LOC, MISC) and how often it is named."""

    id: str
    name: str
    type: str
    mention_count: int


class OutletItem(BaseModel):
    """An outlet named by stored articles: how many articles it has and the dates of its first and last."""

    name: str
    article_count: int
    first: str | None = None
    last: str | None = None


class QuoteOut(BaseModel):
    """A quote: its text at ``start``..``end`` of its article, who said it (as written, the entity when one is
    known, and what kind of speaker), whether it is direct speech, and the group of quotes of the same words."""

    id: str
    article: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_entity: str | None = None
    speaker_kind: str | None = None
    direct: bool
    group: str | None = None


class PassageOut(BaseModel):
    """A passage two articles share: its text and where it starts in the source and in the target."""

    source: str
    target: str
    source_start: int
    target_start: int
    score: float


class ReuseOut(BaseModel):
    """A reuse edge between two articles (``kind``: copy, translation, shared passages), directed from source
    to target when ``directed``, with ``why`` and the passages shared."""

    source: str
    target: str
    kind: str
    score: float
    directed: bool
    why: str | None = None
    passages: list[PassageOut] = []


class ClaimOrigin(BaseModel):
    """An independent origin of a claim, with its articles that support the claim."""

    id: str
    label: str
    articles: list[str]


class SupportOut(BaseModel):
    """A sentence that supports a claim: its article (outlet, language, date) and its place in the text."""

    article: str
    text: str
    start: int
    end: int
    outlet: str | None = None
    language: str | None = None
    published: str | None = None


class Differs(BaseModel):
    """What two conflicting claims disagree on: the slot (a number, a date, a name) and its values."""

    slot: str
    values: list[str]


class ClaimOut(BaseModel):
    """A claim of a story: corroborated, single_source or conflicting, by how many independent origins, its
    supporting sentences, the claims it conflicts with or updates. On a story's page, ``support`` holds its
    first sentences and ``support_total`` counts them all."""

    id: str
    story: str
    text: str
    status: str
    independent_origins: int
    origins: list[ClaimOrigin]
    support: list[SupportOut]
    conflicts_with: list[str] = []
    differs: Differs | None = None
    updates: list[str] | None = None
    support_total: int | None = None


class ArticleInfo(BaseModel):
    """An article of a story's page: title, outlet, date and language (its id as title if it is not stored)."""

    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None


class OriginOut(BaseModel):
    """An independent origin of a story: its articles on this page, why they are one origin, and ``size``, how
    many articles it has in all."""

    id: str
    label: str
    articles: list[str]
    why: list[str] = []
    size: int


class EventOut(BaseModel):
    """An event of a story's timeline: its date, what happened, and the articles that tell it."""

    date: str
    text: str
    articles: list[str]


class BriefLine(BaseModel):
    """A sentence of a story's brief, the articles it cites and the claim it states."""

    text: str
    cites: list[str]
    claim: str | None = None


class StoryTotals(BaseModel):
    """How many articles, claims, quotes and reuse edges a story has in all (its page shows ``limit`` of each)."""

    article_count: int
    claim_count: int
    quote_count: int
    reuse_count: int


class PageOut(BaseModel, Generic[Item]):
    """A page of a list: its items, the total, and the link to the next page. ``total_capped``: a search or a
    filtered list counts its matches up to a bound, and ``total`` is then that bound (there are more)."""

    items: list[Item]
    total: int
    offset: int
    limit: int
    next: str | None = None
    total_capped: bool | None = None


class StoryOut(BaseModel):
    """A story, its lists by page: the articles (ids, and ``article_info``), claims, quotes and reuse edges
    from ``offset``, at most ``limit`` of each; ``total`` counts each list whole, ``next`` is the next page.
    Each origin lists its articles on this page, and ``size`` counts them all."""

    id: str
    title: str
    event_date: str | None = None
    articles: list[str]
    article_info: list[ArticleInfo]
    origins: list[OriginOut]
    claims: list[ClaimOut]
    quotes: list[QuoteOut]
    reuse: list[ReuseOut]
    timeline: list[EventOut] = []
    brief: list[BriefLine] = []
    previous_ids: list[str] = []
    total: StoryTotals
    offset: int
    limit: int
    next: str | None = None


class Removal(BaseModel):
    """A line removed from an article's text (boilerplate, a caption, a credit) and why."""

    text: str
    reason: str


class ArticleOut(BaseModel):
    """A stored article, the latest version of its id: its clean text, metadata, and what cleaning removed
    (``removals``; ``removed``: their texts). ``path``: the name of the file it was read from."""

    id: str
    path: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    page_date: str | None = None
    language: str | None = None
    title_language: str | None = None
    text: str
    credits: list[str] = []
    story: str | None = None
    page_date_note: str | None = None
    version: int | None = None
    version_of: str | None = None
    removals: list[Removal] = []
    removed: list[str] = []
    content_hash: str
    entity_method: str | None = None


class MentionOut(BaseModel):
    """Where an entity is named: the article, the words as written, their place in the text."""

    article: str
    text: str
    start: int
    end: int


class EntityOut(BaseModel):
    """An entity of an analysis with every mention and its spellings."""

    id: str
    name: str
    type: str
    mentions: list[MentionOut]
    spellings: list[str]


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


class FeedItem(BaseModel):
    """A feed (RSS, Atom) or sitemap the store follows: when it was added and last checked (ISO 8601 UTC), what
    it is (rss, atom, sitemap…: as it read at its last check), the items it listed then and how many of them were
    new (not fetched before), and why its last check failed (None when it did not)."""

    url: str
    kind: str | None = None
    title: str | None = None
    added: str | None = None
    checked: str | None = None
    item_count: int | None = None
    new_count: int | None = None
    error: str | None = None


Address = Annotated[str, Field(max_length=10 * MAX_URL)]  # checked by the route, which names the line refused


class FetchIn(BaseModel):
    """Pages to fetch and analyse (``urls``), feeds (RSS, Atom) and sitemaps whose new items to fetch and analyse;
    http(s) addresses, one an item (a blank item is left out; an error names an item by its line, from 1)."""

    model_config = ConfigDict(extra="forbid")

    urls: list[Address] = Field(default=[], description="pages, as a text area gives them, one a line")
    feeds: list[Address] = Field(default=[], description="RSS or Atom feeds: their items not fetched before")
    sitemaps: list[Address] = Field(default=[], description="sitemaps (news sitemaps, indexes): their items not "
                                    "fetched before")


class FeedIn(BaseModel):
    """A feed or sitemap for the store to follow."""

    model_config = ConfigDict(extra="forbid")

    url: Address
    kind: Literal["feed", "sitemap"] = Field(default="feed", description="feed: RSS or Atom; sitemap: a sitemap, "
                                             "a news sitemap or a sitemap index")


class JobQueued(BaseModel):
    """An upload or a fetch taken: its job's id, and where to ask how it goes (also the Location header)."""

    job: str
    status: Literal["queued"] = "queued"
    href: str


class JobProgress(BaseModel):
    """Where a job's analysis is: the pipeline's stage, and its items done of ``total`` (0: not counted)."""

    stage: str
    done: int
    total: int


class JobArticle(BaseModel):
    """An article a job added: its page (``href``), its API item, and the story it went into."""

    id: str
    title: str | None = None
    href: str
    api: str
    story: str | None = None
    story_href: str | None = None


class JobFetched(BaseModel):
    """A page a fetch job asked for and what became of it: ``outcome`` fetched, duplicate (fetched before),
    disallowed (robots.txt), refused (the host, or an address the server may not fetch), timeout, http-error,
    redirect-loop, too-large, not-html or bad-url; when not fetched, its R0xx ``code`` and the ``reason`` in
    words."""

    url: str
    outcome: str
    final_url: str | None = None
    http_status: int | None = None
    redirects: list[str] = []
    code: str | None = None
    reason: str | None = None


class JobListing(BaseModel):
    """A feed or sitemap a fetch job read: how its document was fetched (``outcome``, as a page's), what it is
    (``kind``: rss, atom, sitemap, sitemap-index, news-sitemap; None when it could not be read) and the items it
    lists."""

    url: str
    outcome: str
    kind: str | None = None
    title: str | None = None
    item_count: int = 0
    code: str | None = None
    reason: str | None = None


class JobOut(BaseModel):
    """An upload's or a fetch's job: queued, running (``progress``; a fetch's stage "fetching" first), done (the
    articles added, each with its story, the analysis stored as ``run``, the records skipped; a fetch's pages
    and listings, each with its outcome) or failed (``error`` and ``errors``, the upload's problems as a refusal
    would name them). Kept in the server's memory (the last 100 finished jobs) until it restarts; what an
    analysis stored is never lost with it. Times are seconds since the epoch. ``file``: the upload as stored, or
    the WARC a fetch wrote in the uploads folder (empty before, and when nothing was fetched)."""

    job: str
    kind: Literal["upload", "fetch"] = "upload"
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
    fetched: list[JobFetched] = []
    listings: list[JobListing] = []


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


FETCH_ERRORS: dict[int | str, dict[str, Any]] = {
    **{k: v for k, v in UPLOAD_ERRORS.items() if k in (400, 403, 415, 429)},
    413: {"model": ErrorOut, "description": f"more than {MAX_URLS} addresses in one request, or a body over "
          f"{MAX_UPLOAD // (1024 * 1024)} MB"},
    422: {"model": ErrorOut, "description": "an address that is not http(s) (the error names its field and line), "
          "no address at all, or a body that is not the JSON or form described"}}


def fetch_description(what: str, token_needed: bool) -> str:
    """What POST /api/fetch or POST /api/feeds (``what`` it takes, in words) does."""
    return (f"Takes {what}, as JSON or as a form (application/x-www-form-urlencoded: each field a text, one "
            f"address a line). Only http(s) addresses, {MAX_URLS} at most a request; refused at once otherwise "
            "(the errors below). Else the answer is 202 with a job (its status at `href`, also the Location "
            "header), queued with the uploads: the pages, and the items of the feeds and sitemaps not fetched "
            "before, fetched politely (robots.txt honoured, one request at a time per host), kept in a WARC "
            "file, then analysed with everything stored; the job names what became of each address. The server "
            "fetches public addresses only, unless it was started with `recoupe serve --fetch-private`. Refused "
            "from another site's pages (Origin, Sec-Fetch-Site); counted in the rate of uploads."
            + (" Needs `Authorization: Bearer <token>`." if token_needed else ""))


def fetch_responses(token_needed: bool) -> dict[int | str, dict[str, Any]]:
    """The answers of POST /api/fetch and POST /api/feeds: 202 and its refusals (401 where a token is needed)."""
    return {**QUEUED, **FETCH_ERRORS, **(UNAUTHORIZED if token_needed else {})}


def fetch_request(model: type[BaseModel], token_needed: bool) -> dict[str, Any]:
    """The request body of POST /api/fetch or POST /api/feeds (``model``), read by hand: JSON, or a form whose
    fields are texts (the lists' items one a line); and its security requirement where a token is needed."""
    schema = model.model_json_schema()
    fields = {name: {"type": "string", "description": prop.get("description", "")} if prop.get("type") == "array"
              else {k: v for k, v in prop.items() if k != "title"} for name, prop in schema["properties"].items()}
    form = {"type": "object", "properties": fields, **({"required": schema["required"]} if "required" in schema
                                                       else {})}
    doc: dict[str, Any] = {"requestBody": {"required": True, "content": {
        "application/json": {"schema": schema}, "application/x-www-form-urlencoded": {"schema": form}}}}
    if token_needed:
        doc["security"] = [{"bearer": []}]
    return doc


BEARER_SCHEME = {"type": "http", "scheme": "bearer", "description": "the server's RECOUPE_TOKEN"}
