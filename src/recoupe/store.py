"""SQLite store (one file, WAL mode): articles keyed by content hash, runs and their inputs.

Analysing the same corpus twice stores nothing twice (an article is upserted on its hash), and adding
files keeps everything already stored. All writes go through one connection owned by ``Store``;
readers open their own (``Store.reader``).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .errors import StoreError
from .records import Article, Corpus, Removal

SCHEMA_VERSION = 1
_MIGRATIONS = {
    1: """
    CREATE TABLE articles (
        hash TEXT PRIMARY KEY,
        id TEXT NOT NULL,
        path TEXT NOT NULL,
        url TEXT,
        title TEXT NOT NULL,
        outlet TEXT,
        published TEXT,
        page_date TEXT,
        language TEXT,
        title_language TEXT,
        text TEXT NOT NULL,
        removed TEXT NOT NULL,   -- JSON list of {text, reason}
        credits TEXT NOT NULL,   -- JSON list of strings
        story TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    );
    CREATE INDEX articles_id ON articles(id);
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        articles INTEGER NOT NULL,
        skipped INTEGER NOT NULL
    );
    CREATE TABLE inputs (
        run INTEGER NOT NULL REFERENCES runs(id),
        path TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        articles TEXT NOT NULL  -- JSON list of article ids
    );
    """,
}
_COLUMNS = ("hash", "id", "path", "url", "title", "outlet", "published", "page_date", "language",
            "title_language", "text", "removed", "credits", "story", "first_seen", "last_seen")


class Store:
    """The one writer of a recoupe SQLite file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = _connect(self.path)
            self._migrate()
        except (sqlite3.Error, OSError) as err:
            raise StoreError(f"cannot open the store {self.path}: {err} [{StoreError.code}]") from err

    def close(self) -> None:
        """Close the writing connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self.conn:
                self.conn.executescript(_MIGRATIONS[target])
                self.conn.execute(f"PRAGMA user_version = {target}")

    def save(self, corpus: Corpus) -> int:
        """Store a run's articles (upserted on their content hash) and inputs; return the run id."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with self.conn:
                run = self.conn.execute(
                    "INSERT INTO runs (started, articles, skipped) VALUES (?, ?, ?)",
                    (now, len(corpus.articles), sum(i.status == "skipped" for i in corpus.inputs))).lastrowid
                self.conn.executemany(
                    f"INSERT INTO articles ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
                    "ON CONFLICT(hash) DO UPDATE SET " + ", ".join(
                        f"{c} = excluded.{c}" for c in _COLUMNS if c not in ("hash", "first_seen")),
                    [_row(a, now) for a in corpus.articles])
                self.conn.executemany(
                    "INSERT INTO inputs (run, path, status, reason, articles) VALUES (?, ?, ?, ?, ?)",
                    [(run, i.path, i.status, i.reason, json.dumps(list(i.articles))) for i in corpus.inputs])
        except sqlite3.Error as err:
            raise StoreError(f"cannot write to the store {self.path}: {err} [{StoreError.code}]") from err
        return int(run or 0)

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        """A read connection of its own, closed on exit."""
        conn = _connect(self.path)
        try:
            yield conn
        finally:
            conn.close()

    def articles(self) -> list[Article]:
        """Every stored article, in the order they were first stored."""
        with self.reader() as conn:
            rows = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM articles ORDER BY rowid").fetchall()
        return [_article(row) for row in rows]


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def _row(a: Article, now: str) -> tuple[object, ...]:
    removed = json.dumps([{"text": r.text, "reason": r.reason} for r in a.removed], ensure_ascii=False)
    return (a.content_hash, a.id, a.path, a.url, a.title, a.outlet, a.published, a.page_date, a.language,
            a.title_language, a.text, removed, json.dumps(list(a.credits), ensure_ascii=False), a.story,
            now, now)


def _article(row: tuple[object, ...]) -> Article:
    v = dict(zip(_COLUMNS, row, strict=True))
    removed = tuple(Removal(r["text"], r["reason"]) for r in json.loads(str(v["removed"])))
    return Article(
        id=str(v["id"]), path=str(v["path"]), content_hash=str(v["hash"]), text=str(v["text"]),
        title=str(v["title"]), removed=removed, url=_opt(v["url"]), outlet=_opt(v["outlet"]),
        published=_opt(v["published"]), page_date=_opt(v["page_date"]), language=_opt(v["language"]),
        title_language=_opt(v["title_language"]), credits=tuple(json.loads(str(v["credits"]))),
        story=_opt(v["story"]))


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
