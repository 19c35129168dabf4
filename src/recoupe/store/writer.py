"""The store's one writer (one SQLite file, WAL mode): articles keyed by content hash, runs and their inputs.

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

from ..errors import StoreError
from ..records import Article, Corpus, Entity, Mention, Quote, free_id
from ..serialize import dumps, edge, removals, removals_from, story_bundle
from .schema import connect, migrate

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
            self.conn = connect(self.path)
            migrate(self.conn)
        except (sqlite3.Error, OSError) as err:
            raise StoreError(f"cannot open the store {self.path}: {err} [{StoreError.code}]") from err

    def close(self) -> None:
        """Close the writing connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _id_taken(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

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
        for story in corpus.stories:
            data = story_bundle(story, corpus)
            self.conn.execute(
                "INSERT INTO stories (run, id, data, title, articles, origins, event_date) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (run, story.id, dumps(data), story.title, len(story.articles),
                 len(story.origins), story.event_date))
        story_of = {a: s.id for s in corpus.stories for a in s.articles}
        self.conn.executemany("INSERT INTO reuse (run, source, target, data, story) VALUES (?, ?, ?, ?, ?)",
                              [(run, e.source, e.target, dumps(edge(e)),
                                story_of.get(e.source)) for e in corpus.reuse])

    def parses(self, model: str, hashes: Sequence[str]) -> dict[str, bytes]:
        """The stored parses (DocBin bytes) of these articles by ``model``: content hash -> bytes."""
        rows = self._lookup("SELECT hash, data FROM parses WHERE model = ? AND hash IN ({})", (model,), hashes)
        return {str(h): bytes(data) for h, data in rows}  # type: ignore[call-overload]

    def save_parses(self, model: str, parses: Mapping[str, bytes]) -> None:
        """Keep the parses of articles (content hash -> DocBin bytes) by ``model``."""
        self._write("INSERT OR REPLACE INTO parses (hash, model, data) VALUES (?, ?, ?)",
                    [(h, model, data) for h, data in parses.items()])

    def vectors(self, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        """The stored embeddings of these keys: key -> float32 bytes."""
        rows = self._lookup("SELECT key, data FROM vectors WHERE key IN ({})", (), keys)
        return {bytes(k): bytes(data) for k, data in rows}  # type: ignore[call-overload]

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
        conn = connect(self.path)
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


def _row(a: Article, now: str) -> tuple[object, ...]:
    removed = dumps(removals(a.removed))
    return (a.content_hash, a.id, a.path, a.url, a.title, a.outlet, a.published, a.page_date, a.language,
            a.title_language, a.text, removed, dumps(list(a.credits)), a.story,
            now, now, a.page_date_note)


def _article(row: tuple[object, ...]) -> Article:
    v = dict(zip(_COLUMNS, row, strict=True))
    removed = removals_from(json.loads(str(v["removed"])))
    return Article(
        id=str(v["id"]), path=str(v["path"]), content_hash=str(v["hash"]), text=str(v["text"]),
        title=str(v["title"]), removed=removed, url=_opt(v["url"]), outlet=_opt(v["outlet"]),
        published=_opt(v["published"]), page_date=_opt(v["page_date"]), language=_opt(v["language"]),
        title_language=_opt(v["title_language"]), credits=tuple(json.loads(str(v["credits"]))),
        story=_opt(v["story"]), page_date_note=_opt(v["page_date_note"]))


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
