"""SQLite store (one file, WAL mode): articles keyed by content hash, runs and their inputs.

Analysing the same corpus twice stores nothing twice (an article is upserted on its hash), and adding
files keeps everything already stored. All writes go through one connection owned by ``Store``;
readers open their own (``Store.reader``).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from .errors import StoreError
from .records import Article, Corpus, Entity, Mention, Quote, Removal, free_id

SCHEMA_VERSION = 6
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
    2: """
    CREATE TABLE entities (
        run INTEGER NOT NULL REFERENCES runs(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        PRIMARY KEY (run, id)
    );
    CREATE TABLE mentions (
        run INTEGER NOT NULL,
        entity TEXT NOT NULL,
        article TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        FOREIGN KEY (run, entity) REFERENCES entities(run, id)
    );
    CREATE INDEX mentions_article ON mentions(run, article);
    CREATE TABLE quotes (
        run INTEGER NOT NULL REFERENCES runs(id),
        id TEXT NOT NULL,
        article TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        speaker TEXT,
        speaker_entity TEXT,
        speaker_kind TEXT NOT NULL,
        direct INTEGER NOT NULL,
        grp TEXT,
        PRIMARY KEY (run, id)
    );
    """,
    3: """
    ALTER TABLE articles ADD COLUMN page_date_note TEXT;
    CREATE TABLE stories (
        run INTEGER NOT NULL REFERENCES runs(id),
        id TEXT NOT NULL,
        data TEXT NOT NULL,  -- JSON of the story as in report.json: origins, claims, timeline, brief
        PRIMARY KEY (run, id)
    );
    CREATE TABLE reuse (
        run INTEGER NOT NULL REFERENCES runs(id),
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        data TEXT NOT NULL  -- JSON of the edge as in report.json
    );
    """,
    4: """
    ALTER TABLE stories ADD COLUMN title TEXT NOT NULL DEFAULT '';
    ALTER TABLE stories ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN origins INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN event_date TEXT;
    ALTER TABLE reuse ADD COLUMN story TEXT;
    CREATE INDEX stories_size ON stories(run, articles DESC);
    CREATE INDEX reuse_story ON reuse(run, story);
    CREATE INDEX quotes_article ON quotes(run, article);
    CREATE INDEX mentions_entity ON mentions(run, entity);
    """,
    5: """
    -- the story list reads only these columns: a covering index keeps it off the large data column
    CREATE INDEX stories_list ON stories(run, articles DESC, origins DESC, id, title, event_date);
    """,
    6: """
    -- what the costly stages computed, kept so that adding articles never computes it again for the stored ones
    CREATE TABLE parses (
        hash TEXT NOT NULL,   -- the article's content hash
        model TEXT NOT NULL,  -- the spaCy pipeline and its version
        data BLOB NOT NULL,   -- a DocBin of the article's parse
        PRIMARY KEY (hash, model)
    );
    CREATE TABLE vectors (
        key BLOB PRIMARY KEY,  -- a hash of the encoder's name and the text
        data BLOB NOT NULL     -- float32 embedding
    );
    """,
}
_LOOKUP = 500  # keys per SELECT ... IN (...): under SQLite's limit on bound parameters
_COLUMNS = ("hash", "id", "path", "url", "title", "outlet", "published", "page_date", "language",
            "title_language", "text", "removed", "credits", "story", "first_seen", "last_seen", "page_date_note")


class StaleAnalysis(Exception):
    """Articles were stored by another process after the analysis read the store: it must run again."""

    def __init__(self, unseen: int) -> None:
        super().__init__(f"{unseen} articles stored meanwhile")
        self.unseen = unseen


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
        """Bring the schema to SCHEMA_VERSION, each step in one transaction: a run killed midway leaves the
        step undone, and of two processes opening a new store at once, the second finds it done."""
        if self._version() > SCHEMA_VERSION:  # its tables are not the ones this version reads and writes
            raise sqlite3.DatabaseError(f"schema version {self._version()} is newer than this recoupe's "
                                        f"({SCHEMA_VERSION}): upgrade recoupe")
        for target in range(self._version() + 1, SCHEMA_VERSION + 1):
            try:
                self.conn.executescript(
                    f"BEGIN IMMEDIATE; {_MIGRATIONS[target]}; PRAGMA user_version = {target}; COMMIT;")
            except sqlite3.OperationalError:
                self.conn.rollback()
                if self._version() < target:  # not another process's migration: a real failure
                    raise

    def _id_taken(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def _version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def save_articles(self, articles: Sequence[Article]) -> dict[str, str]:
        """Store articles as they are read, before the analysis ends, so that a run stopped midway keeps
        them; return each one's id in the store (content hash -> id).

        An article stored already keeps its stored id and its story (the analysis sets it); a new one
        whose id another process stored meanwhile for other content takes the next free "~n" id.
        """
        now = datetime.now(UTC).isoformat(timespec="seconds")
        ids: dict[str, str] = {}
        refresh = [c for c in _COLUMNS if c not in ("hash", "id", "story", "first_seen")]
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")  # ids are read and taken in one write transaction
                for article in articles:
                    row = self.conn.execute("SELECT id FROM articles WHERE hash = ?", (article.content_hash,))
                    found = row.fetchone()
                    ids[article.content_hash] = found[0] if found else free_id(article.id, self._id_taken)
                    values = _row(replace(article, id=ids[article.content_hash], story=None), now)
                    self.conn.execute(
                        f"INSERT INTO articles ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
                        "ON CONFLICT(hash) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in refresh),
                        values)
        except sqlite3.Error as err:
            raise StoreError(f"cannot write to the store {self.path}: {err} [{StoreError.code}]") from err
        return ids

    def save(self, corpus: Corpus, *, whole_store: bool = False) -> int:
        """Store a run's articles (upserted on their content hash) and inputs; return the run id.

        With ``whole_store``, the analysis must cover every article stored: when another process stored
        some after the analysis read the store, nothing is written and ``StaleAnalysis`` is raised.
        """
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")  # the check and the writes see one state of the store
                if whole_store:
                    analysed = {a.content_hash for a in corpus.articles}
                    unseen = sum(row[0] not in analysed for row in self.conn.execute("SELECT hash FROM articles"))
                    if unseen:
                        raise StaleAnalysis(unseen)
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
                self.conn.executemany("INSERT INTO entities (run, id, name, type) VALUES (?, ?, ?, ?)",
                                      [(run, e.id, e.name, e.type) for e in corpus.entities])
                self.conn.executemany(
                    "INSERT INTO mentions (run, entity, article, text, start, end) VALUES (?, ?, ?, ?, ?, ?)",
                    [(run, e.id, m.article, m.text, m.start, m.end) for e in corpus.entities for m in e.mentions])
                self._save_stories(run, corpus)
                self.conn.executemany(
                    "INSERT INTO quotes (run, id, article, text, start, end, speaker, speaker_entity, speaker_kind,"
                    " direct, grp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(run, q.id, q.article, q.text, q.start, q.end, q.speaker, q.speaker_entity, q.speaker_kind,
                      int(q.direct), q.group) for q in corpus.quotes])
        except sqlite3.Error as err:
            raise StoreError(f"cannot write to the store {self.path}: {err} [{StoreError.code}]") from err
        return int(run or 0)

    def _save_stories(self, run: int | None, corpus: Corpus) -> None:
        """Stories with their origins, claims, timeline and brief, and reuse edges, as report.json has them."""
        from .report import claim_dict, edge_dict, story_dict

        for story in corpus.stories:
            data = story_dict(story)
            data["claims"] = [claim_dict(c) for c in corpus.claims if c.story == story.id]
            data["timeline"] = [{"date": e.date, "text": e.text, "articles": list(e.articles)}
                                for e in corpus.timeline if e.story == story.id]
            data["brief"] = [{"text": s.text, "cites": list(s.cites), "claim": s.claim}
                             for b in corpus.briefs if b.story == story.id for s in b.sentences]
            self.conn.execute(
                "INSERT INTO stories (run, id, data, title, articles, origins, event_date) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (run, story.id, json.dumps(data, ensure_ascii=False), story.title, len(story.articles),
                 len(story.origins), story.event_date))
        story_of = {a: s.id for s in corpus.stories for a in s.articles}
        self.conn.executemany("INSERT INTO reuse (run, source, target, data, story) VALUES (?, ?, ?, ?, ?)",
                              [(run, e.source, e.target, json.dumps(edge_dict(e), ensure_ascii=False),
                                story_of.get(e.source)) for e in corpus.reuse])

    def parses(self, model: str, hashes: Sequence[str]) -> dict[str, bytes]:
        """The stored parses (DocBin bytes) of these articles by ``model``: content hash -> bytes."""
        return dict(self._lookup("SELECT hash, data FROM parses WHERE model = ? AND hash IN ({})", (model,), hashes))

    def save_parses(self, model: str, parses: Mapping[str, bytes]) -> None:
        """Keep the parses of articles (content hash -> DocBin bytes) by ``model``."""
        self._write("INSERT OR REPLACE INTO parses (hash, model, data) VALUES (?, ?, ?)",
                    [(h, model, data) for h, data in parses.items()])

    def vectors(self, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        """The stored embeddings of these keys: key -> float32 bytes."""
        return dict(self._lookup("SELECT key, data FROM vectors WHERE key IN ({})", (), keys))

    def save_vectors(self, vectors: Mapping[bytes, bytes]) -> None:
        """Keep embeddings (key -> float32 bytes)."""
        self._write("INSERT OR IGNORE INTO vectors (key, data) VALUES (?, ?)", list(vectors.items()))

    def _lookup(self, sql: str, first: tuple[object, ...], keys: Sequence[object]) -> list[tuple[object, object]]:
        rows: list[tuple[object, object]] = []
        try:
            for i in range(0, len(keys), _LOOKUP):
                chunk = keys[i:i + _LOOKUP]
                rows += self.conn.execute(sql.format(", ".join("?" * len(chunk))), (*first, *chunk)).fetchall()
        except sqlite3.Error as err:
            raise StoreError(f"cannot read the store {self.path}: {err} [{StoreError.code}]") from err
        return rows

    def _write(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        try:
            with self.conn:
                self.conn.executemany(sql, rows)
        except sqlite3.Error as err:
            raise StoreError(f"cannot write to the store {self.path}: {err} [{StoreError.code}]") from err

    def stories(self, run: int) -> list[dict[str, object]]:
        """The stories of one analysis, each with origins, claims, timeline and brief (report.json shapes)."""
        with self.reader() as conn:
            rows = conn.execute("SELECT data FROM stories WHERE run = ? ORDER BY rowid", (run,)).fetchall()
        return [json.loads(row[0]) for row in rows]

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        """A read connection of its own, closed on exit."""
        conn = _connect(self.path)
        try:
            yield conn
        finally:
            conn.close()

    def latest_run(self) -> int | None:
        """The id of the last analysis stored, or None in an empty store."""
        with self.reader() as conn:
            row = conn.execute("SELECT max(id) FROM runs").fetchone()
        return None if row[0] is None else int(row[0])

    def entities(self, run: int) -> list[Entity]:
        """The entities of one analysis, with their mentions."""
        with self.reader() as conn:
            rows = conn.execute("SELECT id, name, type FROM entities WHERE run = ? ORDER BY rowid", (run,)).fetchall()
            mentions: dict[str, list[Mention]] = {}
            for entity, article, text, start, end in conn.execute(
                    "SELECT entity, article, text, start, end FROM mentions WHERE run = ? ORDER BY rowid", (run,)):
                mentions.setdefault(entity, []).append(Mention(article, text, start, end))
        return [Entity(id, name, type_, tuple(mentions.get(id, ()))) for id, name, type_ in rows]

    def quotes(self, run: int) -> list[Quote]:
        """The quotes of one analysis."""
        with self.reader() as conn:
            rows = conn.execute(
                "SELECT id, article, text, start, end, speaker, speaker_entity, speaker_kind, direct, grp "
                "FROM quotes WHERE run = ? ORDER BY rowid", (run,)).fetchall()
        return [Quote(id=r[0], article=r[1], text=r[2], start=r[3], end=r[4], speaker=r[5], speaker_entity=r[6],
                      speaker_kind=r[7], direct=bool(r[8]), group=r[9]) for r in rows]

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
            now, now, a.page_date_note)


def _article(row: tuple[object, ...]) -> Article:
    v = dict(zip(_COLUMNS, row, strict=True))
    removed = tuple(Removal(r["text"], r["reason"]) for r in json.loads(str(v["removed"])))
    return Article(
        id=str(v["id"]), path=str(v["path"]), content_hash=str(v["hash"]), text=str(v["text"]),
        title=str(v["title"]), removed=removed, url=_opt(v["url"]), outlet=_opt(v["outlet"]),
        published=_opt(v["published"]), page_date=_opt(v["page_date"]), language=_opt(v["language"]),
        title_language=_opt(v["title_language"]), credits=tuple(json.loads(str(v["credits"]))),
        story=_opt(v["story"]), page_date_note=_opt(v["page_date_note"]))


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
