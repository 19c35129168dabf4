"""Articles fetched from the web by the web app (issue 22): the "add URLs" form (``POST /api/fetch``) and the
feeds the store follows (the /feeds page, ``POST /api/feeds``, a feed checked again).

A request names pages, feeds and sitemaps; what can be told at once is refused at once (an address that is not
http(s), more than MAX_URLS of them, none). Else a job of the uploads' queue (jobs.py, one at a time) runs
``collect``: the pages and the feeds' items not fetched before, fetched politely into one WARC of the uploads
folder, each outcome saved in the store; then the analysis of that WARC, the very one of an upload. The WARC
lands where uploads do so that a server stopped before its analysis ended queues it again when it starts
(``jobs.resume``), as it would an upload.

A visitor may not make the server fetch its own network: with ``Settings.public_only`` (the default; off with
`recoupe serve --fetch-private`), an address that is loopback, private, link-local… is refused, at every redirect
too (fetch.Fetcher's ``public_only``).
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlsplit

from ..store.reader import Reader
from . import jobs, uploads
from .errors import BadUpload, TooLarge

if TYPE_CHECKING:
    from ..collect import Collected, Read
    from ..fetch import Fetched
    from ..store import Store
    from .dependencies import Settings


MAX_URLS = 100  # pages, feeds and sitemaps one request may name: a fetch job of 100 pages on one host takes minutes
MAX_URL = 2_000  # characters of one address (browsers and servers commonly stop near 2,000)
Listed = Literal["feed", "sitemap"]  # what a followed address is said to be when it is added


def collect(store: Store, folder: Path, **options: Any) -> Collected:
    """``recoupe.collect.collect``, imported at the first fetch (its HTTP client and parsers with it): what each
    app's fetch jobs run unless a test gives its own (``Settings.collect``)."""
    from ..collect import collect as fetch_and_store

    return fetch_and_store(store, folder, **options)


def lines(text: str | None) -> list[str]:
    """The lines of a form's text area, as typed (blank ones too: an error names a line by its number)."""
    return (text or "").splitlines()


def checked(field: str, given: Sequence[str]) -> tuple[str, ...]:
    """The addresses of one field of a request (``urls``, ``feeds``, ``sitemaps``: one a line), spaces around
    them and blank lines left out, in order; BadUpload (422) naming the first line that is not an http(s) URL."""
    kept = []
    for number, line in enumerate(given, start=1):
        url = line.strip()
        if url and not web_address(url):
            shown = "".join(c if c.isprintable() else "?" for c in url[:200]) + ("…" if len(url) > 200 else "")
            raise BadUpload(f"{field}, line {number}: not an http(s) URL: '{shown}'",
                            [f"{field}, line {number}: only http:// and https:// addresses of at most {MAX_URL} "
                             "characters are fetched"])
        if url:
            kept.append(url)
    return tuple(kept)


def web_address(url: str) -> bool:
    """Whether ``url`` is an http(s) address with a host, without spaces or control characters. Only the
    request's shape: fetch.canonical normalises it when the job runs, and the fetcher names what it refuses."""
    if len(url) > MAX_URL or any(c.isspace() or not c.isprintable() for c in url):
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # raises ValueError for a port that is not one
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def asked(urls: Sequence[str] = (), feeds: Sequence[str] = (), sitemaps: Sequence[str] = ()
          ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The pages, feeds and sitemaps of a request, each field ``checked``; TooLarge (413) past MAX_URLS in all,
    BadUpload (422) when there is none."""
    pages, listed, maps = checked("urls", urls), checked("feeds", feeds), checked("sitemaps", sitemaps)
    count = len(pages) + len(listed) + len(maps)
    if count > MAX_URLS:
        raise TooLarge(f"{count} addresses in one request: at most {MAX_URLS}; send the others in another request")
    if not count:
        raise BadUpload("no address given: send 'urls' (pages, one a line), 'feeds' or 'sitemaps'")
    return pages, listed, maps


def queue(state: Any, settings: Settings, urls: Sequence[str] = (), feeds: Sequence[str] = (),
          sitemaps: Sequence[str] = ()) -> jobs.Job:
    """A fetch job for addresses already ``asked``, queued behind the uploads and fetches before it."""
    work = partial(run, settings, tuple(urls), tuple(feeds), tuple(sitemaps))
    return jobs.of(state, settings.db).submit("", work, kind="fetch")


def run(settings: Settings, urls: Sequence[str], feeds: Sequence[str] = (),
        sitemaps: Sequence[str] = ()) -> dict[str, Any]:
    """The work of a fetch job: ``settings.collect``, then the analysis of the WARC it wrote as an upload's
    (``settings.analyse``, one writer at a time). Gives what a job keeps (jobs.Jobs): the articles added and the
    analysis stored, ``skipped`` (the fetch's failures, then the analysis's), each page's and each listing's
    outcome, the WARC's name. Nothing fetched, or nothing in it that is an article, is a job done with no
    article and every reason told, not a failure (a WARC without an article is kept and stored as read when the
    store holds articles to analyse it with, else removed, as a refused upload is; the store keeps each page's
    outcome either way). Slow (a polite fetcher waits between two requests to a host):
    the jobs' worker thread runs it."""
    from ..store import Store

    told = _Told(uploads.reported(), len(urls) if not (feeds or sitemaps) else 0)
    with Store(settings.db) as store:
        collected = settings.collect(store, settings.uploads, urls=list(urls), feeds=list(feeds),
                                     sitemaps=list(sitemaps), public_only=settings.public_only, progress=told)
    skipped = [s.message for s in collected.skips]
    out: dict[str, Any] = {"articles": [], "run": None, "skipped": skipped,
                           "fetched": [tried(f) for f in collected.fetched],
                           "listings": [read(entry) for entry in collected.listings],
                           "file": collected.warc.name if collected.warc else ""}
    if collected.warc is None or not any(f.ok for f in collected.fetched):
        return out
    with settings.write_lock:
        try:
            analysed = settings.analyse(settings.db, collected.warc)
        except BadUpload as err:  # pages fetched, none an article (a page of links, a teaser): each reason told
            run = _stored_as_read(settings.db, collected.warc)
            if run is None:  # nothing stored to analyse it with: removed, as a refused upload is (left in the
                collected.warc.unlink(missing_ok=True)  # folder, every start would queue it again)
                return dict(out, skipped=skipped + list(err.errors), file="")
            return dict(out, skipped=skipped + list(err.errors), run=run)
    return dict(out, articles=analysed.get("articles", []), run=analysed.get("run"),
                skipped=skipped + list(analysed.get("skipped", [])))


def _stored_as_read(db: Path, warc: Path) -> int | None:
    """Store an analysis of the store's articles with ``warc`` among its inputs, read to no article, so that the
    fetched pages stay on disk as fetched (the record a journalist may cite) and a restart knows them read; the
    run's id, or None when the store holds no article to analyse (nothing is then stored)."""
    from ..pipeline import analyze, save
    from ..store import Store

    with Store(db) as store:
        corpus = analyze([warc], store=store)
        if not corpus.articles:
            return None
        return save(corpus, store)[1]


class _Told:
    """``collect``'s progress (one fetch.Fetched per page, from the fetcher's threads) told to the job as the
    stage "fetching": pages done, of ``total`` (0 when the feeds' items are not known before they are read)."""

    def __init__(self, progress: uploads.Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0
        self._lock = threading.Lock()

    def __call__(self, fetched: Fetched) -> None:
        if self.progress is None:
            return
        with self._lock:
            self.done += 1
            self.progress("fetching", self.done, max(self.total, self.done) if self.total else 0, fetched.url)


def tried(fetched: Fetched) -> jobs.Tried:
    """A page's fetch.Fetched as its job tells it."""
    return jobs.Tried(fetched.url, fetched.outcome, fetched.final_url, fetched.status, tuple(fetched.redirects),
                      fetched.code, fetched.reason)


def read(entry: Read) -> jobs.Read:
    """A feed or sitemap a job read (collect.Read: what it listed, how its document was fetched, why it is neither
    a feed nor a sitemap), as its job tells it."""
    how, listing, why = entry.fetched, entry.listing, entry.skip
    if listing is None:
        return jobs.Read(entry.url, how.outcome, code=why.code if why else None, reason=why.reason if why else None)
    return jobs.Read(entry.url, how.outcome, listing.kind, listing.title, len(listing.items))


def follow(settings: Settings, url: str, kind: Listed) -> None:
    """Add a feed (RSS, Atom) or a sitemap to those the store follows (the store made if there is none); one
    followed already is kept as it is."""
    from ..store import Store

    with Store(settings.db) as store:
        store.add_feed(url, kind)


def followed(settings: Settings) -> list[dict[str, Any]]:
    """The feeds and sitemaps the store follows (Reader.feeds: url, kind, title, added, checked, items, new,
    error), in the order they were added; none while there is no store."""
    if not settings.db.exists():
        return []
    reader = Reader(settings.db, any_thread=True)
    try:
        return reader.feeds()
    finally:
        reader.close()
