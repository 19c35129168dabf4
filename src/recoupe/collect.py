"""Collect: what a fetch run brings in. The feeds and sitemaps are read, the pages they list that the store has
not fetched yet are fetched with the URLs given, into one new WARC file, and every outcome is recorded in the
store as it comes, so that a run cut short resumes where it stopped (``recoupe fetch``, ``recoupe watch``, the
web app's "add URLs" and feeds). The analysis of the WARC is the usual one (``pipeline.analyze``).
"""
from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import InputError
from .feeds import Listing, read_listing
from .fetch import Fetched, Fetcher, canonical
from .limits import POLITE, Politeness
from .records import Skip

if TYPE_CHECKING:
    from .store import Store

MAX_SITEMAPS = 50  # sitemaps read from one index, at most (a news site's index lists one per day or month)
WARC_SUFFIX = ".warc.gz"


@dataclass(frozen=True, slots=True)
class Read:
    """A feed or sitemap read: its URL, what it listed (None when it could not be read), how it was fetched,
    and why it could not be read when it was fetched but is neither a feed nor a sitemap."""

    url: str
    listing: Listing | None
    fetched: Fetched
    problem: Skip | None = None

    @property
    def skip(self) -> Skip | None:
        return self.fetched.skip() or self.problem


@dataclass(frozen=True, slots=True)
class Collected:
    """What one fetch run brought in."""

    warc: Path | None  # the WARC written by this run (None when it fetched nothing)
    fetched: tuple[Fetched, ...]  # every page URL's outcome, in the order asked
    listings: tuple[Read, ...]  # every feed and sitemap read

    @property
    def skips(self) -> list[Skip]:
        """Every failure, as the report's skips: the feeds and sitemaps that could not be read, then the pages."""
        found = [r.skip for r in self.listings] + [f.skip() for f in self.fetched]
        return [s for s in found if s is not None]

    @property
    def pages(self) -> list[Fetched]:
        """The pages fetched (not the duplicates nor the failures)."""
        return [f for f in self.fetched if f.ok]


def warc_name(now: datetime | None = None) -> str:
    """A new WARC file's name: the UTC time it was started, then random letters, so that runs never share one."""
    now = now or datetime.now(UTC)
    return f"recoupe-{now:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}{WARC_SUFFIX}"


def collect(store: Store, folder: Path, *, urls: Sequence[str] = (), feeds: Sequence[str] = (),
            sitemaps: Sequence[str] = (), politeness: Politeness = POLITE, public_only: bool = False,
            progress: Callable[[Fetched], None] | None = None) -> Collected:
    """Read ``feeds`` and ``sitemaps`` (the store follows them from now on), then fetch their pages and ``urls``
    that the store has not fetched before, into a new WARC file in ``folder``. Each outcome is saved in the store
    as it comes. A WARC that ends up holding nothing is removed."""
    folder.mkdir(parents=True, exist_ok=True)
    warc = folder / warc_name()
    done = store.fetched_urls()
    with Fetcher(warc, politeness, done=done, public_only=public_only) as fetcher:
        listings: list[Read] = []
        for url, kind in [(u, "feed") for u in feeds] + [(u, "sitemap") for u in sitemaps]:
            store.add_feed(url, kind)
            read = list(_read(fetcher, url, kind))
            listings += read
            items = [i.url for r in read if r.listing for i in r.listing.items]
            new = sum(1 for i in items if canonical(i) not in done)
            first = read[0]
            store.feed_checked(url, title=first.listing.title if first.listing else None, items=len(items),
                               new=new, error=next((s.detail for r in read if (s := r.skip)), None))

        def saved(fetched: Fetched) -> None:
            store.save_fetches([fetched])
            if progress:
                progress(fetched)

        # a feed's items fetched before are left out, not told as duplicates at every round of a watch
        listed = [i.url for r in listings if r.listing for i in r.listing.items if canonical(i.url) not in done]
        fetched = fetcher.pages(_unique([*listed, *urls]), progress=saved)
    store.save_fetches([r.fetched for r in listings])
    if not any(f.ok for f in fetched) and warc.exists():
        warc.unlink()  # only the feeds' own records, or nothing: no page to analyse
    return Collected(warc if warc.exists() else None, tuple(fetched), tuple(listings))


def _read(fetcher: Fetcher, url: str, kind: str) -> Iterator[Read]:
    """A feed, or a sitemap and the sitemaps its index lists (one level: an index of indexes is not followed)."""
    fetched, body = fetcher.document(url, accept=_ACCEPT[kind])
    listing, problem = _listing(fetched, body)
    yield Read(url, listing, fetched, problem)
    for sitemap in (listing.sitemaps[:MAX_SITEMAPS] if listing else ()):
        inner, body = fetcher.document(sitemap, accept=_ACCEPT["sitemap"])
        found, problem = _listing(inner, body)
        yield Read(sitemap, found, inner, problem)


_ACCEPT = {"feed": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8",
           "sitemap": "application/xml, text/xml;q=0.9, */*;q=0.8"}


def _listing(fetched: Fetched, body: bytes | None) -> tuple[Listing | None, Skip | None]:
    if body is None:
        return None, None
    try:
        return read_listing(body, fetched.final_url or fetched.url), None
    except InputError as err:
        return None, Skip(fetched.url, err.code, err.reason)


def _unique(urls: Sequence[str]) -> list[str]:
    """The URLs in their order, each once (as written: the fetcher tells canonical duplicates)."""
    return list(dict.fromkeys(urls))


def warcs(folder: Path) -> list[Path]:
    """The WARC files of a folder that fetch runs wrote, oldest first."""
    return sorted(folder.glob(f"recoupe-*{WARC_SUFFIX}")) if folder.is_dir() else []
