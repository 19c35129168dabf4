"""Uploads as jobs: an accepted upload is analysed in the background, one at a time, and its job tells where
the analysis is (queued, running, done, failed), the stage it is at, and at the end what it added. A fetch (the
"add URLs" form, a feed checked: web/fetching.py) is a job of the same queue: its pages fetched, then analysed
as an upload is, and its job tells besides what became of each URL and each feed read.

Jobs live in the server's memory only, the last MAX_JOBS finished ones (and every one still queued or running):
a restart forgets them, never what an analysis stored, nor an upload: at startup, the uploads whose analysis a
stopped server never ended are queued again (``resume``), each as a new job. A job's id is random
(``secrets.token_urlsafe``): only whoever sent the upload knows it. One worker thread per app runs the analyses
in the order they came (the store takes one writer), started with the first job.
"""
from __future__ import annotations

import logging
import queue
import secrets
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..store.reader import Reader
from .errors import HTTPError

if TYPE_CHECKING:
    from .dependencies import Settings

log = logging.getLogger(__name__)

MAX_JOBS = 100  # finished jobs kept in memory, the oldest forgotten first
State = Literal["queued", "running", "done", "failed"]
Work = Callable[[], dict[str, Any]]  # an upload's analysis: what uploads.analyse returns, or an error raised
Kind = Literal["upload", "fetch"]


@dataclass(frozen=True, slots=True)
class Added:
    """An article an upload added, and the story it went into (None when the store does not say)."""

    id: str
    title: str | None = None
    story: str | None = None


@dataclass(frozen=True, slots=True)
class Tried:
    """A URL a fetch job asked for, and what became of it (fetch.Fetched, as a client is told it)."""

    url: str
    outcome: str  # fetch.Outcome: fetched, duplicate, disallowed, refused, timeout…
    final_url: str | None = None  # after redirects
    http_status: int | None = None  # of the last response
    redirects: tuple[str, ...] = ()
    code: str | None = None  # the R0xx code when not fetched
    reason: str | None = None  # why not, in words


@dataclass(frozen=True, slots=True)
class Read:
    """A feed or sitemap a fetch job read: what it is and lists, or why it could not be read."""

    url: str
    outcome: str  # how its document was fetched (fetch.Outcome)
    kind: str | None = None  # rss, atom, sitemap…: None when it was not read
    title: str | None = None
    item_count: int = 0  # the items it lists
    code: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Job:
    """One upload's analysis as the client sees it; a new record at each step (a snapshot is never changed)."""

    id: str
    file: str  # the name the upload is stored under; a fetch's WARC once written ("" before, and without one)
    kind: Kind = "upload"
    status: State = "queued"
    stage: str | None = None  # the pipeline's stage running now (or last run)
    done: int = 0  # items of the stage done
    total: int = 0  # items of the stage in all, 0 when the stage does not count them
    created: float = field(default_factory=time.time)  # seconds since the epoch
    started: float | None = None
    finished: float | None = None
    articles: tuple[Added, ...] = ()
    run: int | None = None  # the analysis stored
    skipped: tuple[str, ...] = ()  # records of the upload not read, each with its reason
    error: str | None = None  # why it failed
    errors: tuple[str, ...] = ()
    fetched: tuple[Tried, ...] = ()  # a fetch's pages, in the order asked
    listings: tuple[Read, ...] = ()  # a fetch's feeds and sitemaps

    @property
    def ended(self) -> bool:
        return self.status in ("done", "failed")


class Jobs:
    """The jobs of one app: a FIFO queue, one worker thread, and the jobs by id (finished ones bounded)."""

    def __init__(self, db: Path, keep: int = MAX_JOBS) -> None:
        self.db = db
        self.keep = keep
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._queue: queue.Queue[tuple[str, Work]] = queue.Queue()
        self._worker: threading.Thread | None = None

    def submit(self, file: str, work: Work, kind: Kind = "upload") -> Job:
        """A new job for ``work`` (the analysis of the upload stored as ``file``, or a fetch), queued behind the
        others."""
        job = Job(secrets.token_urlsafe(16), file, kind)
        with self._lock:
            self._jobs[job.id] = job
            self._forget()
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="recoupe-uploads", daemon=True)
                self._worker.start()
        self._queue.put((job.id, work))
        return job

    def get(self, job_id: str) -> Job | None:
        """The job with this id, as it is now; None if there is none (or it was forgotten)."""
        with self._lock:
            return self._jobs.get(job_id)

    def pending(self) -> set[str]:
        """The files of the jobs queued or running."""
        with self._lock:
            return {j.file for j in self._jobs.values() if not j.ended}

    def progress(self, job_id: str) -> Callable[[str, int, int, str], None]:
        """The pipeline's progress callback (``advance(stage, done, total, path)``) for one job."""
        def advance(stage: str, done: int, total: int, path: str) -> None:
            self._update(job_id, stage=stage, done=done, total=total)
        return advance

    def _update(self, job_id: str, **changes: Any) -> None:
        with self._lock:
            if job_id in self._jobs:
                self._jobs[job_id] = replace(self._jobs[job_id], **changes)

    def _forget(self) -> None:
        """Drop the oldest finished jobs past ``keep`` (queued and running ones are always kept)."""
        ended = [k for k, j in self._jobs.items() if j.ended]
        for k in ended[: max(0, len(ended) - self.keep)]:
            del self._jobs[k]

    def _work(self) -> None:
        """The worker: run each job's analysis in turn, for as long as the process lives."""
        from .uploads import reporting

        while True:
            job_id, work = self._queue.get()
            self._update(job_id, status="running", started=time.time())
            try:
                with reporting(self.progress(job_id)):
                    result = work()
                done = {"status": "done", "run": result.get("run"), "skipped": tuple(result.get("skipped", ())),
                        "articles": self._added(result.get("articles", [])),
                        "fetched": tuple(result.get("fetched", ())), "listings": tuple(result.get("listings", ()))}
                if result.get("file"):  # a fetch's WARC, named once written
                    done["file"] = result["file"]
            except HTTPError as err:  # the upload's problem: told as it would have been answered
                done = {"status": "failed", "error": err.message, "errors": tuple(err.errors)}
            except Exception as err:  # noqa: BLE001  # logged for whoever runs the server; the client learns no paths
                fetch = (job := self.get(job_id)) is not None and job.kind == "fetch"
                log.error("a fetch failed" if fetch else "the analysis of an upload failed", exc_info=err)
                message = "internal error: the server could not " + ("fetch" if fetch else "analyse this upload")
                done = {"status": "failed", "error": message, "errors": (message,)}
            self._update(job_id, finished=time.time(), **done)
            with self._lock:
                self._forget()

    def _added(self, ids: list[str]) -> tuple[Added, ...]:
        """The articles an analysis added, with their titles and the stories the store now puts them in."""
        if not self.db.exists():
            return tuple(Added(i) for i in ids)
        reader = Reader(self.db, any_thread=True)
        try:
            found = {i: reader.article(i) or {} for i in ids}
        finally:
            reader.close()
        return tuple(Added(i, found[i].get("title"), found[i].get("story")) for i in ids)


_made = threading.Lock()


def of(state: Any, db: Path) -> Jobs:
    """The jobs of an app (kept on its ``app.state``), made with its first upload."""
    with _made:
        jobs: Jobs | None = getattr(state, "jobs", None)
        if jobs is None:
            jobs = state.jobs = Jobs(db)
        return jobs


def resume(state: Any, settings: Settings) -> list[Job]:
    """Queue again, once each and in the order they came, the uploads a stopped server left unanalysed
    (``uploads.unfinished``), as jobs of the app whose ``app.state`` is ``state``; say so in the log. Called when
    the app starts: a problem reading the folder or the store is logged, and nothing is queued. An upload that
    this app already has a job for, queued or running (an app started again in the same process), is left to it."""
    from .uploads import resumed, unfinished

    queue = of(state, settings.db)
    try:
        pending = queue.pending()
        found = [path for path in unfinished(settings) if path.name not in pending]
    except (OSError, sqlite3.Error) as err:
        log.error("cannot tell which uploads were left unanalysed, none is analysed again: %s", err)
        return []
    if not found:
        log.info("no upload left unanalysed in %s", settings.uploads)
        return []
    log.warning("%d upload(s) in %s were never analysed (the server stopped first): queued again: %s",
                len(found), settings.uploads, ", ".join(p.name for p in found))
    return [queue.submit(path.name, resumed(settings, path).analysed) for path in found]
