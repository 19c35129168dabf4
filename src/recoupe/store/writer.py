"""The store's one writer (one SQLite file, WAL mode): articles keyed by their key, runs and their inputs.

An article's key covers its raw content, its metadata and the analyser (``identity``). Analysing the same
corpus twice stores nothing twice, and adding files keeps everything already stored. A stored version of an
article never changes once stored: the same raw text sent again with other metadata is stored beside it as
a new version (``save_versions``), and an analysis writes only what it finds (story, the story's date). What
else changes in a stored row (a repair: ``articles``) is recorded in ``article_log`` with what it replaced.
All writes go through one connection owned by ``Store``; readers open their own (``Store.reader``).
"""
from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import identity
from ..errors import StoreError
from ..records import PROVENANCE_FIELDS, Article, Corpus, Entity, Mention, Quote, Removal, StoryChange, free_id
from ..serialize import dumps, edge, lookups, removals, removals_from, story_bundle
from .reader import feed_rows, story_changes
from .schema import connect, migrate

if TYPE_CHECKING:
    from ..fetch import Fetched

log = logging.getLogger(__name__)

_LOOKUP = 500  # keys per SELECT ... IN (...): under SQLite's limit on bound parameters
_COLUMNS = ("hash", "id", "path", "url", "title", "outlet", "published", "page_date", "language",
            "title_language", "text", "removed", "credits", "story", "first_seen", "last_seen", "page_date_note",
            "raw_hash", "version", "version_of")
_INSERT = (f"INSERT INTO articles ({', '.join(_COLUMNS)}, analyser) VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})")
# what an analysis finds about a stored article; the rest of its row is the version as it was read, and stays
# what an analysis finds for an article, written over the stored row; not ``published``: the row keeps the
# article's own date (the date its story establishes is the analysis's, in its report), so that a later run
# does not read a story's date as the article's own
_ANALYSED = ("story", "page_date_note", "last_seen")


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
        """Store articles as they are read (``save_versions``); return each one's id in the store (key -> id)."""
        return {key: stored.id for key, stored in self.save_versions(articles).items()}

    def save_versions(self, articles: Sequence[Article]) -> dict[str, Article]:
        """Store articles as they are read, before the analysis ends, so that a run stopped midway keeps them;
        return each one as the store has it (its key as given -> the stored version).

        An article whose key is stored is that version, as stored; so is one that reads the same as a stored
        version of its raw text (``identity.same_reading``): that version's key and id come back. One whose raw
        text is stored otherwise is a new version (id ``<first>~v<n>``). A new article whose id another process
        stored meanwhile for other content takes the next free "~n" id. Nothing stored changes but ``last_seen``,
        and a row that no longer reads as its own input does (``_reread``: repaired, and recorded).
        """
        now = datetime.now(UTC).isoformat(timespec="seconds")
        out: dict[str, Article] = {}
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")  # ids and versions are read and taken in one write transaction
                for article in articles:
                    stored = self._stored_version(article)
                    if stored is None:
                        stored = self._new_version(article)
                        self.conn.execute(_INSERT, (*_row(stored, now), identity.ANALYSER))
                    else:
                        if stored.content_hash == article.content_hash:
                            self._reread(article, stored, now)
                        self.conn.execute("UPDATE articles SET last_seen = ? WHERE hash = ?",
                                          (now, stored.content_hash))
                    out[article.content_hash] = stored
        except sqlite3.Error as err:
            raise StoreError(f"cannot write to the store {self.path}: {err} [{StoreError.code}]") from err
        return out

    def _reread(self, article: Article, stored: Article, now: str) -> None:
        """The same input read again (the same key) reads to what is stored: a row that does not (changed since it
        was stored) is repaired from its input, and what it held recorded."""
        changed = identity.differences(article, stored)
        if not changed:
            return
        new = dict(zip(_COLUMNS, _row(article, now), strict=True))
        old = dict(zip(_COLUMNS, _row(stored, now), strict=True))
        self.conn.execute(f"UPDATE articles SET {', '.join(f'{c} = ?' for c in changed)} WHERE hash = ?",
                          (*(new[c] for c in changed), stored.content_hash))
        detail = (f"its {', '.join(changed)} differed from what its input reads to; it held "
                  + "; ".join(f"{c}: {_short(old[c])}" for c in changed))
        self.conn.execute("INSERT INTO article_log (at, article, hash, event, detail) VALUES (?, ?, ?, ?, ?)",
                          (now, stored.id, stored.content_hash, "re-read", detail))
        log.warning("stored article %s re-read: %s", stored.id, detail)

    def _stored_version(self, article: Article) -> Article | None:
        """The stored version that ``article`` is: the one with its key, or one of its raw text that reads the same."""
        row = self.conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM articles WHERE hash = ?",
                                (article.content_hash,)).fetchone()
        if row is not None:
            return _article(row)
        return next((v for v in self._versions(identity.raw_of(article)) if identity.same_reading(article, v)), None)

    def _versions(self, raw: str) -> list[Article]:
        """The stored versions of one raw text, first version first."""
        rows = self.conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM articles WHERE raw_hash = ? "
                                 "ORDER BY version, rowid", (raw,)).fetchall()
        return [_article(row) for row in rows]

    def _new_version(self, article: Article) -> Article:
        """``article`` with the id and version the store gives it: a new article keeps its id if it is free, a
        new version of a stored raw text is numbered after the stored ones."""
        versions = self._versions(identity.raw_of(article))
        if not versions:
            wanted = article.id if article.version == 1 else article.version_of or article.id
            return replace(article, id=free_id(wanted, self._id_taken), version=1, version_of=None, story=None)
        first = versions[0].version_of or versions[0].id
        number = max(v.version for v in versions) + 1
        return replace(article, id=free_id(identity.version_id(first, number), self._id_taken), version=number,
                       version_of=first, story=None)

    def save(self, corpus: Corpus, *, whole_store: bool = False) -> int:
        """Store an analysis: a run with its inputs, entities, quotes, stories and reuse, and for each article what
        the analysis found (story, dates); an article not stored yet is stored; the changes of story ids it knows
        are added to those stored. Return the run id.

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
                    _INSERT + " ON CONFLICT(hash) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in _ANALYSED),
                    [(*_row(a, now), identity.ANALYSER) for a in corpus.articles])
                self.conn.executemany(  # where each field came from, as the report says it (not a column: schema 7)
                    "INSERT INTO provenance (hash, data) VALUES (?, ?) ON CONFLICT(hash) DO UPDATE SET data = "
                    "excluded.data", [(a.content_hash, dumps(p)) for a, p in self._own_provenance(corpus.articles)])
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

    def _own_provenance(self, articles: Sequence[Article]) -> list[tuple[Article, dict[str, str]]]:
        """Each article's provenance as the store keeps it: a date its story gave ("story") is not its own, so
        the source of its own date stays as stored."""
        dated = [a.content_hash for a in articles if dict(a.provenance).get("published") == "story"]
        stored = dict(self._lookup("SELECT hash, data FROM provenance WHERE hash IN ({})", (), dated))
        out = []
        for article in articles:
            data = dict(article.provenance)
            if data.get("published") == "story":
                del data["published"]
                own = json.loads(str(stored[article.content_hash])) if article.content_hash in stored else {}
                if "published" in own:
                    data["published"] = own["published"]
            out.append((article, data))
        return out

    def _save_stories(self, run: int | None, corpus: Corpus) -> None:
        """Stories with their origins, claims, timeline and brief, and reuse edges, as report.json has them; the
        changes of story ids that the analysis knows, each kept once."""
        lookup = lookups(corpus)
        for story in corpus.stories:
            data = story_bundle(story, corpus, lookup)
            self.conn.execute(
                "INSERT INTO stories (run, id, data, title, articles, origins, event_date) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (run, story.id, dumps(data), story.title, len(story.articles),
                 len(story.origins), story.event_date))
        self.conn.executemany("INSERT OR IGNORE INTO story_changes (old, new, change, run) VALUES (?, ?, ?, ?)",
                              [(c.old, c.new, c.change, c.run) for c in corpus.story_changes])
        story_of = {a: s.id for s in corpus.stories for a in s.articles}
        self.conn.executemany("INSERT INTO reuse (run, source, target, data, story) VALUES (?, ?, ?, ?, ?)",
                              [(run, e.source, e.target, dumps(edge(e)),
                                story_of.get(e.source)) for e in corpus.reuse])

    def parses(self, model: str, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored parses (DocBin bytes) by ``model`` of these articles: ``identity.parse_key`` -> bytes."""
        rows = self._lookup("SELECT hash, data FROM parses WHERE model = ? AND hash IN ({})", (model,), keys)
        return {str(h): bytes(data) for h, data in rows}  # type: ignore[call-overload]

    def save_parses(self, model: str, parses: Mapping[str, bytes]) -> None:
        """Keep parses by ``model`` (``identity.parse_key`` -> DocBin bytes); one stored under the same key is
        replaced."""
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

    def _write(self, sql: str, rows: list[tuple[object, ...]], *, apart: bool = False) -> None:
        """Run ``sql`` over ``rows`` in one transaction; ``apart``: on a connection of its own, so that any thread
        may call it (the fetcher's threads record each page as it comes; SQLite serialises the writers)."""
        try:
            with self.reader() if apart else nullcontext(self.conn) as conn, conn:
                conn.executemany(sql, rows)
        except sqlite3.Error as err:
            raise StoreError(f"cannot write to the store {self.path}: {err} [{StoreError.code}]") from err

    def stories(self, run: int) -> list[dict[str, object]]:
        """The stories of one analysis, each with origins, claims, timeline and brief (report.json shapes)."""
        with self.reader() as conn:
            rows = conn.execute("SELECT data FROM stories WHERE run = ? ORDER BY rowid", (run,)).fetchall()
        return [json.loads(row[0]) for row in rows]

    def story_articles(self, run: int) -> dict[str, tuple[str, ...]]:
        """The stories of one analysis by their articles: story id -> article ids."""
        with self.reader() as conn:
            rows = conn.execute("SELECT id, json_extract(data, '$.articles') FROM stories WHERE run = ? ORDER BY rowid",
                                (run,)).fetchall()
        return {str(story): tuple(json.loads(articles)) for story, articles in rows}

    def story_changes(self) -> list[StoryChange]:
        """Every change of story ids stored, oldest first (``lineage``)."""
        with self.reader() as conn:
            return story_changes(conn)

    def save_fetches(self, fetched: Sequence[Fetched]) -> None:
        """Keep what became of fetched URLs (``fetch.Fetched``), a row each, in the order given."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self._write(
            "INSERT INTO fetches (canonical, url, outcome, code, reason, status, final_url, redirects, warc, record, "
            "fetched_at, seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(f.canonical, f.url, f.outcome, f.code, f.reason, f.status, f.final_url, json.dumps(list(f.redirects)),
              f.warc, f.record, f.fetched_at or now, f.seconds) for f in fetched], apart=True)

    def fetched_urls(self) -> set[str]:
        """The canonical URLs fetched: those whose last outcome is "fetched", "duplicate" rows aside (a URL found
        fetched already stays fetched; one that timed out, then was fetched, is fetched)."""
        with self.reader() as conn:
            # SQLite gives a bare column of an aggregate query from the row that max() picked: each URL's last row
            rows = conn.execute("SELECT canonical, outcome, max(rowid) FROM fetches WHERE outcome != 'duplicate' "
                                "GROUP BY canonical").fetchall()
        return {str(canonical) for canonical, outcome, _ in rows if outcome == "fetched"}

    def add_feed(self, url: str, kind: str) -> None:
        """Watch a feed or sitemap; one added already is left as it is (and keeps the date it was first added)."""
        self._write("INSERT OR IGNORE INTO feeds (url, kind, added) VALUES (?, ?, ?)",
                    [(url, kind, datetime.now(UTC).isoformat(timespec="seconds"))])

    def feed_checked(self, url: str, *, title: str | None, items: int, new: int, error: str | None) -> None:
        """Record a reading of a watched feed: now, how many items it listed and how many were new, and why it
        failed (``error``, None when it did not); a title None keeps the one known. A feed not added is not
        recorded (``add_feed`` first)."""
        self._write("UPDATE feeds SET checked = ?, title = coalesce(?, title), items = ?, new = ?, error = ? "
                    "WHERE url = ?", [(datetime.now(UTC).isoformat(timespec="seconds"), title, items, new, error,
                                       url)])

    def feeds(self) -> list[dict[str, Any]]:
        """The feeds and sitemaps watched, in the order they were added, with their last reading."""
        with self.reader() as conn:
            return feed_rows(conn)

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        """A connection of its own, closed on exit."""
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
        """Every stored article, in the order they were first stored.

        A row that is not a consistent article is repaired first, and the repair recorded in ``article_log``
        with what it replaced (and logged): an id held by two rows is given to the first only, the next takes a
        free "~n" id; removed lines or credits that are not readable become none. It never stops a run.
        """
        with self.reader() as conn:
            rows = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM articles ORDER BY rowid").fetchall()
            given = dict(conn.execute("SELECT hash, data FROM provenance").fetchall())
        articles: list[Article] = []
        repairs: list[_Repair] = []
        held: set[str] = set()
        for row in rows:
            problems: list[str] = []
            article = _with_provenance(_article(row, problems), given)
            for column in problems:
                old = row[_COLUMNS.index(column)]
                repairs.append(_Repair(article, column, "[]", old, "repaired",
                                       f"{column} was not readable, now none; it was {_short(old)}"))
            if article.id in held:
                renamed = replace(article, id=free_id(article.id, lambda i: i in held or self._id_taken(i)))
                repairs.append(_Repair(renamed, "id", renamed.id, article.id, "renamed",
                                       f"its id '{article.id}' was held by another stored article too"))
                article = renamed
            held.add(article.id)
            articles.append(article)
        if repairs:
            self._repair(repairs)
        return articles

    def _repair(self, repairs: Sequence[_Repair]) -> None:
        """Make the repairs that no other process made meanwhile, each with its record."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with self.conn:
                self.conn.execute("BEGIN IMMEDIATE")
                for fix in repairs:
                    done = self.conn.execute(
                        f"UPDATE articles SET {fix.column} = ? WHERE hash = ? AND {fix.column} IS ?",
                        (fix.value, fix.article.content_hash, fix.old)).rowcount
                    if done:
                        self.conn.execute(
                            "INSERT INTO article_log (at, article, hash, event, detail) VALUES (?, ?, ?, ?, ?)",
                            (now, fix.article.id, fix.article.content_hash, fix.event, fix.detail))
                        log.warning("stored article %s %s: %s", fix.article.id, fix.event, fix.detail)
        except sqlite3.Error as err:
            raise StoreError(f"cannot write to the store {self.path}: {err} [{StoreError.code}]") from err

    def record(self, article: Article, event: str, detail: str) -> None:
        """Keep in ``article_log`` a change made to what is stored of an article (a parse made again...)."""
        self._write("INSERT INTO article_log (at, article, hash, event, detail) VALUES (?, ?, ?, ?, ?)",
                    [(datetime.now(UTC).isoformat(timespec="seconds"), article.id, article.content_hash, event,
                      detail)])

    def log_of(self, article_id: str) -> list[tuple[str, str, str]]:
        """What was changed of a stored article, oldest first: (when, event, detail)."""
        with self.reader() as conn:
            rows = conn.execute("SELECT at, event, detail FROM article_log WHERE article = ? ORDER BY rowid",
                                (article_id,)).fetchall()
        return [(str(at), str(event), str(detail)) for at, event, detail in rows]


class _Repair(NamedTuple):
    """A repair of one column of a stored article, made only while the column still holds ``old``."""

    article: Article  # as repaired
    column: str
    value: object
    old: object
    event: str
    detail: str


def _row(a: Article, now: str) -> tuple[object, ...]:
    removed = dumps(removals(a.removed))
    return (a.content_hash, a.id, a.path, a.url, a.title, a.outlet, a.published, a.page_date, a.language,
            a.title_language, a.text, removed, dumps(list(a.credits)), a.story,
            now, now, a.page_date_note, identity.raw_of(a), a.version, a.version_of)


def _article(row: Sequence[object], problems: list[str] | None = None) -> Article:
    """The article of a stored row; removed lines or credits that cannot be read are none (their column named
    in ``problems``)."""
    v = dict(zip(_COLUMNS, row, strict=True))
    removed: tuple[Removal, ...] = ()
    credits: tuple[str, ...] = ()
    try:
        removed = removals_from(json.loads(str(v["removed"])))
    except (ValueError, TypeError, KeyError):
        (problems if problems is not None else []).append("removed")
    try:
        read = json.loads(str(v["credits"]))
        if not isinstance(read, list) or not all(isinstance(c, str) for c in read):
            raise TypeError("not a list of strings")
        credits = tuple(read)
    except (ValueError, TypeError):
        (problems if problems is not None else []).append("credits")
    return Article(
        id=str(v["id"]), path=str(v["path"]), content_hash=str(v["hash"]), text=str(v["text"]),
        title=str(v["title"]), removed=removed, url=_opt(v["url"]), outlet=_opt(v["outlet"]),
        published=_opt(v["published"]), page_date=_opt(v["page_date"]), language=_opt(v["language"]),
        title_language=_opt(v["title_language"]), credits=credits,
        story=_opt(v["story"]), page_date_note=_opt(v["page_date_note"]),
        raw_hash=str(v["raw_hash"] or v["hash"]), version=_number(v["version"]), version_of=_opt(v["version_of"]))


def _with_provenance(article: Article, given: Mapping[str, str]) -> Article:
    """``article`` with the provenance stored for it (none when there is none, or it cannot be read)."""
    try:
        data = json.loads(given.get(article.content_hash) or "{}")
        pairs = tuple((str(k), str(v)) for k, v in data.items() if k in PROVENANCE_FIELDS)
    except (ValueError, AttributeError):
        pairs = ()
    return replace(article, provenance=pairs) if pairs else article


def _number(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        return 1


def _short(value: object, most: int = 200) -> str:
    text = repr(value)
    return text if len(text) <= most else text[:most] + "…"


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
