"""What the routes are given (FastAPI dependencies): the app's settings, and a reader of its store per request.

The settings are fixed when the app is built and kept on ``app.state``; a route asks for them, or for a
reader, in its signature (``settings: AppSettings``, ``r: StoreReader``) instead of closing over them.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request

from ..store.reader import Reader
from .errors import EmptyStore

Analyse = Callable[[Path, Path], dict[str, Any]]  # (store, uploaded file) -> what the upload added


@dataclass(frozen=True, slots=True)
class Settings:
    """What one app serves and where it writes."""

    db: Path  # the store file
    uploads: Path  # the only folder uploads are written to
    token: str | None  # needed to add articles, when set
    max_uploads: int  # files kept in the uploads folder at most
    analyse: Analyse  # the analysis of an upload with everything stored (uploads.analyse)
    base_url: str | None = None  # where the app is served from, without a final "/": links start with it
    max_records: int = 1_000  # articles (records of a JSONL or WARC file) one upload may hold at most
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


AppSettings = Annotated[Settings, Depends(app_settings)]
StoreReader = Annotated[Reader, Depends(reader)]
