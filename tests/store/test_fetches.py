"""The store's record of fetches and watched feeds (schema 13, issue 22), on real SQLite files."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from recoupe.fetch import Fetched
from recoupe.store import Reader, Store
from recoupe.store.schema import MIGRATIONS, SCHEMA_VERSION


def _ok(url: str, at: str = "2024-05-15T10:00:00+00:00", redirects: tuple[str, ...] = ()) -> Fetched:
    return Fetched(url, url, "fetched", final_url=url, status=200, redirects=redirects, warc="run.warc.gz",
                    record="urn:uuid:00000000-0000-4000-8000-000000000001", fetched_at=at, seconds=0.25)


def _timeout(url: str, at: str = "2024-05-14T10:00:00+00:00") -> Fetched:
    return Fetched(url, url, "timeout", code="R032", reason=f"timed out: no answer from {url} in 20 s",
                    fetched_at=at, seconds=20.0)


def test_fetches_are_saved_as_given(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    moved = _ok("https://gazette.example/b", redirects=("https://gazette.example/old-b",))
    with Store(db) as store:
        store.save_fetches([_ok("https://gazette.example/a"), moved])
    page = Reader(db).fetches(0, 10)
    assert page.total == 2
    assert page.items[0] == {  # latest first
        "canonical": "https://gazette.example/b", "url": "https://gazette.example/b", "outcome": "fetched",
        "code": None, "reason": None, "status": 200, "final_url": "https://gazette.example/b",
        "redirects": ["https://gazette.example/old-b"], "warc": "run.warc.gz",
        "record": "urn:uuid:00000000-0000-4000-8000-000000000001", "fetched_at": "2024-05-15T10:00:00+00:00",
        "seconds": 0.25}
    assert page.items[1]["url"] == "https://gazette.example/a" and page.items[1]["redirects"] == []


def test_fetched_urls_are_those_whose_last_outcome_is_fetched(tmp_path: Path) -> None:
    a, b, c, d = (f"https://gazette.example/{n}" for n in "abcd")
    with Store(tmp_path / "r.sqlite") as store:
        assert store.fetched_urls() == set()
        store.save_fetches([_timeout(a), _ok(b), _timeout(c), _ok(d)])  # yesterday
        store.save_fetches([_ok(a),  # timed out yesterday, fetched today: fetched
                            Fetched(b, b, "duplicate", code=None, fetched_at="2024-05-15T11:00:00+00:00"),
                            Fetched(d, d, "http-error", status=500, code="R033", reason="HTTP error: 500")])
        assert store.fetched_urls() == {a, b}  # c only timed out; d's last try failed


def test_the_last_outcome_is_the_last_saved_even_at_the_same_second(tmp_path: Path) -> None:
    a = "https://gazette.example/a"
    at = "2024-05-15T10:00:00+00:00"
    with Store(tmp_path / "r.sqlite") as store:
        store.save_fetches([_timeout(a, at), _ok(a, at)])
        assert store.fetched_urls() == {a}
        store.save_fetches([_timeout(a, at)])
        assert store.fetched_urls() == set()


def test_fetches_without_a_time_are_given_the_time_they_are_saved(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    with Store(db) as store:
        store.save_fetches([Fetched("https://gazette.example/a", "https://gazette.example/a", "fetched")])
    (row,) = Reader(db).fetches(0, 10).items
    assert row["fetched_at"][:2] == "20" and row["fetched_at"].endswith("+00:00")


def test_reader_pages_of_fetches_filtered_by_outcome(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    with Store(db) as store:
        store.save_fetches([_ok(f"https://gazette.example/ok/{i}") if i % 3 else
                            _timeout(f"https://gazette.example/slow/{i}") for i in range(12)])
    reader = Reader(db)
    slow = reader.fetches(0, 3, outcome="timeout")
    assert (slow.total, slow.offset, slow.limit) == (4, 0, 3)
    assert [r["url"] for r in slow.items] == [f"https://gazette.example/slow/{i}" for i in (9, 6, 3)]
    assert [r["url"] for r in reader.fetches(3, 3, outcome="timeout").items] == ["https://gazette.example/slow/0"]
    assert reader.fetches(0, 100, outcome="fetched").total == 8
    assert reader.fetches(0, 100, outcome="disallowed").items == []
    assert reader.fetches(10, 5).total == 12 and len(reader.fetches(10, 5).items) == 2


def test_a_feed_is_added_once_and_its_readings_recorded(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    with Store(db) as store:
        store.add_feed("https://gazette.example/rss.xml", "feed")
        (first,) = store.feeds()
        store.add_feed("https://gazette.example/rss.xml", "sitemap")  # again: kept as it was
        store.add_feed("https://journal.example/sitemap.xml", "sitemap")
        assert [f["url"] for f in store.feeds()] == ["https://gazette.example/rss.xml",
                                                      "https://journal.example/sitemap.xml"]
        assert store.feeds()[0] == first
        assert first == {"url": "https://gazette.example/rss.xml", "kind": "feed", "title": None,
                         "added": first["added"], "checked": None, "items": None, "new": None, "error": None}
        store.feed_checked("https://gazette.example/rss.xml", title="La Gazette", items=20, new=3, error=None)
        checked = store.feeds()[0]
        assert (checked["title"], checked["items"], checked["new"], checked["error"]) == ("La Gazette", 20, 3, None)
        assert checked["checked"] is not None and checked["added"] == first["added"]
        store.feed_checked("https://gazette.example/rss.xml", title=None, items=0, new=0,
                           error="timed out: no answer in 20 s [R032]")
        failed = store.feeds()[0]
        assert (failed["title"], failed["items"], failed["new"], failed["error"]) == (
            "La Gazette", 0, 0, "timed out: no answer in 20 s [R032]")  # the title known is kept
        store.feed_checked("https://never-added.example/rss", title="X", items=1, new=1, error=None)
        assert len(store.feeds()) == 2
    assert Reader(db).feeds() == store.feeds()


def test_a_schema_12_store_is_migrated_to_13(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    with sqlite3.connect(db) as conn:  # as recoupe left it before fetches and feeds
        conn.create_function("parse_key", 2, lambda *_: None)
        for step in range(1, 13):
            conn.executescript(MIGRATIONS[step])
        conn.execute("PRAGMA user_version = 12")
        conn.execute("INSERT INTO articles (hash, id, path, title, text, removed, credits, first_seen, last_seen) "
                     "VALUES ('h1', 'a', 'a.txt', 'T', 'Le texte.', '[]', '[]', 't0', 't0')")
    reader = Reader(db)  # read before any writer opened it: no tables yet, nothing fetched
    assert reader.fetches(0, 10).items == [] and reader.feeds() == []
    with Store(db) as store:
        store.save_fetches([_ok("https://gazette.example/a")])
        store.add_feed("https://gazette.example/rss.xml", "feed")
        assert store.fetched_urls() == {"https://gazette.example/a"}
        assert [a.id for a in store.articles()] == ["a"]
    with sqlite3.connect(db) as conn:
        assert SCHEMA_VERSION == 13
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 13
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "fetches_canonical" in indexes
        conn.executescript(MIGRATIONS[13])  # written to run again as well
        assert conn.execute("SELECT count(*) FROM fetches").fetchone()[0] == 1

