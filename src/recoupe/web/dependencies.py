"""What the routes are given (FastAPI dependencies): the app's settings, a reader of its store per request, and
the check that a request names no query parameter its route does not take.

The settings are fixed when the app is built and kept on ``app.state``; a route asks for them, or for a
reader, in its signature (``settings: AppSettings``, ``r: StoreReader``) instead of closing over them.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant

from ..store.reader import Reader
from .errors import EmptyStore, UnknownQuery

if TYPE_CHECKING:
    from ..collect import Collected

Analyse = Callable[[Path, Path], dict[str, Any]]  # (store, uploaded file) -> what the upload added
# (store, folder, *, urls, feeds, sitemaps, public_only, progress) -> collect.Collected: what a fetch job runs
Collect = Callable[..., "Collected"]
ANY_ROUTE = ("_format",)  # taken by every route: the export format of a list (csv, ndjson), read by the route itself


@dataclass(frozen=True, slots=True)
class Settings:
    """What one app serves and where it writes."""

    db: Path  # the store file
    uploads: Path  # the only folder uploads are written to
    token: str | None  # needed to add articles, when set
    max_uploads: int  # files kept in the uploads folder at most
    analyse: Analyse  # the analysis of an upload with everything stored (uploads.analyse)
    collect: Collect  # what fetches pages and feeds into a WARC of the uploads folder (fetching.collect)
    base_url: str | None = None  # where the app is served from, without a final "/": links start with it
    max_records: int = 1_000  # articles (records of a JSONL or WARC file) one upload may hold at most
    # what a visitor may make the server fetch: public addresses only (never the server's own network), unless
    # `recoupe serve --fetch-private`
    public_only: bool = True
    # one writer: uploads are analysed and stored one at a time
    write_lock: threading.Lock = field(default_factory=threading.Lock, compare=False, repr=False)


async def app_settings(request: Request) -> Settings:
    """The settings of the app serving the request."""
    settings: Settings = request.app.state.settings
    return settings


def reader(settings: Annotated[Settings, Depends(app_settings)]) -> Iterator[Reader]:
    """A reader of the store for one request, closed after it; EmptyStore (404) while there is no store file."""
    if not settings.db.exists():
        # the file's name only: where the server keeps its files is no business of a client
        raise EmptyStore(f"no store yet: run `recoupe analyze … --db {settings.db.name}` first, or upload an article")
    r = Reader(settings.db, any_thread=True)  # FastAPI opens it in one worker thread, the route reads in another
    try:
        yield r
    finally:
        r.close()


def known_query(request: Request) -> None:
    """UnknownQuery (422) for a query parameter that the request's route does not declare (``limt=5`` would
    otherwise be ignored, and the answer look right); ``_format`` is taken everywhere."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return
    taken = query_names(dependant)
    unknown = list(dict.fromkeys(k for k in request.query_params if k not in taken and k not in ANY_ROUTE))
    if unknown:
        takes = f"it takes {', '.join(taken)}" if taken else "it takes none"
        problems = [f"unknown query parameter '{name[:100]}': {takes}" for name in unknown[:20]]
        raise UnknownQuery(problems[0] if len(unknown) == 1 else
                           "unknown query parameters " + ", ".join(f"'{n[:100]}'" for n in unknown[:20]) + f": {takes}",
                           problems)


def query_names(dependant: Dependant) -> tuple[str, ...]:
    """The query parameters a route declares (their names in the URL), its dependencies' too, in order."""
    names = [p.alias for p in dependant.query_params]
    names += [n for sub in dependant.dependencies for n in query_names(sub)]
    return tuple(dict.fromkeys(names))


AppSettings = Annotated[Settings, Depends(app_settings)]
StoreReader = Annotated[Reader, Depends(reader)]
