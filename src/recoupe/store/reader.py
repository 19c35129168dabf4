"""Read queries over a recoupe store, for the web app and the API: paginated, one connection each.

Everything is read from the latest analysis (run) unless a run is named. Rows come back as the
report.json shapes, so that the API, the pages and the static report speak one language.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import lineage
from ..records import StoryChange
from ..serialize import stored_article

MAX_LIMIT = 200
SEARCH_CAP = 1000  # a text search ranks its latest matches only, this many (bm25 over a bounded set)
COUNT_CAP = 1000  # a search or a filtered list counts its rows past the page asked for up to this many
STORY_SCAN = 1000  # a search of claims reads the claims of this many stories of a run (the largest)
QUOTE_SCAN = 50_000  # a search of quotes reads this many quotes of a run


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list, with the total and where it starts; ``capped``: the list was counted up to a bound
    (a search's or a filtered list's, ``capped_count``) and ``total`` is that bound, the list holds more."""

    items: list[dict[str, Any]]
    total: int
    offset: int
    limit: int
    capped: bool = False


DATED = "coalesce(published, page_date)"  # an article's date: when it was published, else the page's date
SORTS = ("newest", "oldest")  # article lists by date


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """What narrows a list of articles: its language, its outlet, a date range, and an order by date.

    Dates are ISO prefixes (``2024``, ``2024-04``, ``2024-04-14``), inclusive at both ends; an article dated to
    the month only (``2022-11``) is in a range that overlaps its month. With a date range, undated articles
    are left out. ``sort``: ``newest`` or ``oldest`` by date, undated articles last; None: newest stored first.
    """

    language: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    sort: str | None = None

    def where(self) -> tuple[list[str], list[object]]:
        """The SQL conditions (parameterised) and their arguments."""
        where, args = list[str](), list[object]()
        if self.language:
            where.append("language = ?")
            args.append(self.language)
        if self.outlet:
            where.append("outlet = ?")
            args.append(self.outlet)
        if self.since:  # the end of its period ("2022-11" runs to "2022-11~") is on or after ``since``
            where.append(f"{DATED} || '~' >= ?")
            args.append(self.since)
        if self.until:  # its start is on or before the end of ``until``'s period
            where.append(f"{DATED} <= ? || '~'")
            args.append(self.until)
        return where, args

    def order(self) -> str | None:
        """The ORDER BY of the sort asked for; None for the default. Undated last: SQLite sorts NULL first, so
        that ``newest`` (descending) has them last as it is, the order of the date indexes read backwards."""
        if self.sort not in SORTS:
            return None
        if self.sort == "newest":
            return f"{DATED} DESC, last_seen DESC, articles.rowid DESC"
        return f"{DATED} IS NULL, {DATED} ASC, last_seen DESC, articles.rowid DESC"


class Reader:
    """Read-only access to a store file (a connection of its own, opened per request)."""

    def __init__(self, path: str | Path, *, any_thread: bool = False):
        """``any_thread``: the connection may be used by another thread than the one that opened it, one thread
        at a time (a web request's reader is opened by a dependency in one worker thread and read in another)."""
        self.conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=30, check_same_thread=not any_thread)
        self.conn.row_factory = sqlite3.Row
        self._fts: bool | None = None  # whether the store has its full-text index: read once (``_full_text``)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def run(self, run: int | None = None) -> int | None:
        """The run asked for if it exists, else the latest one; None for an empty store."""
        if run is not None:
            row = self.conn.execute("SELECT id FROM runs WHERE id = ?", (run,)).fetchone()
            return int(row[0]) if row else None
        row = self.conn.execute("SELECT max(id) FROM runs").fetchone()
        return None if row[0] is None else int(row[0])

    def runs(self, offset: int, limit: int) -> Page:
        """Every analysis stored, latest first."""
        total = self.conn.execute("SELECT count(*) FROM runs").fetchone()[0]
        rows = self.conn.execute("SELECT id, started, articles, skipped FROM runs ORDER BY id DESC LIMIT ? OFFSET ?",
                                 (limit, offset)).fetchall()
        return Page([dict(r) for r in rows], total, offset, limit)

    def stories(self, run: int, offset: int, limit: int) -> Page:
        """Stories of a run, largest first, with their counts of articles and independent origins."""
        total = self.conn.execute("SELECT count(*) FROM stories WHERE run = ?", (run,)).fetchone()[0]
        rows = self.conn.execute(
            "SELECT id, title, articles, origins, event_date FROM stories WHERE run = ? "
            "ORDER BY articles DESC, origins DESC, id LIMIT ? OFFSET ?", (run, limit, offset)).fetchall()
        return Page([dict(r) for r in rows], total, offset, limit)

    def story(self, run: int, story_id: str) -> dict[str, Any] | None:
        """A story as stored: origins, claims, timeline, brief, and every article id (read it by page with
        ``article_info`` and ``quotes``)."""
        row = self.conn.execute("SELECT data FROM stories WHERE run = ? AND id = ?", (run, story_id)).fetchone()
        if row is None:
            return None
        data: dict[str, Any] = json.loads(row[0])
        return data

    def story_now(self, run: int, story_id: str) -> str | None:
        """The id under which ``run`` tells the story once called ``story_id``: itself when ``run`` has it, else
        where its merges since lead (``lineage.resolve``); None when no story of ``run`` comes from it."""
        return lineage.resolve(story_id, story_changes(self.conn, before=run), lambda s: self._has_story(run, s))

    def _has_story(self, run: int, story_id: str) -> bool:
        found = self.conn.execute("SELECT 1 FROM stories WHERE run = ? AND id = ?", (run, story_id)).fetchone()
        return found is not None

    def article_info(self, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Title, outlet, date and language of each article, in the order given (its id as title if it is
        not stored)."""
        rows = self.conn.execute(
            "SELECT id, title, outlet, published, language FROM articles WHERE id IN (SELECT value FROM json_each(?)) "
            "ORDER BY last_seen, rowid", (json.dumps(list(article_ids)),))
        found = {r["id"]: dict(r) for r in rows}  # the latest version of an id last
        return [found.get(a, {"id": a, "title": a}) for a in article_ids]

    def reuse(self, run: int, story_id: str | None, offset: int = 0, limit: int = MAX_LIMIT) -> Page:
        """Reuse edges of a run, or of one story."""
        where, args = ("run = ? AND story = ?", (run, story_id)) if story_id else ("run = ?", (run,))
        total = self.conn.execute(f"SELECT count(*) FROM reuse WHERE {where}", args).fetchone()[0]
        rows = self.conn.execute(f"SELECT data FROM reuse WHERE {where} ORDER BY rowid LIMIT ? OFFSET ?",
                                 (*args, limit, offset)).fetchall()
        return Page([json.loads(r[0]) for r in rows], total, offset, limit)

    def articles(self, offset: int, limit: int, text: str | None = None, entity: str | None = None,
                 run: int | None = None, *, filters: ArticleFilter | None = None) -> Page:
        """Stored articles, newest stored first; ``text`` searches title and body (``search_terms``: its words in
        any order, best match first), ``entity`` an entity id; ``filters`` narrow them by language, outlet and
        date, and may sort them by date (``ArticleFilter``)."""
        where, args = ["1"], list[object]()
        source, order = "articles", "last_seen DESC, articles.rowid DESC"
        if text:
            words, literal = search_terms(text) if self._full_text() else ([], [text])
            if words:  # the SEARCH_CAP latest matches, ranked by bm25 (a match in the title weighs more)
                source = ("articles JOIN (SELECT rowid AS hit, bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts "
                          "WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?) AS found "
                          "ON found.hit = articles.rowid")
                args += [" ".join(words), SEARCH_CAP]
                order = "found.score, " + order
            for needle in literal:
                where.append("(text LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\')")
                args += [_contains(needle), _contains(needle)]
        if entity and run is not None:
            where.append("id IN (SELECT article FROM mentions WHERE run = ? AND entity = ?)")
            args += [run, entity]
        if filters is not None:
            more, more_args = filters.where()
            where += more
            args += more_args
            order = filters.order() or order
        clause = " AND ".join(where)
        columns = "id, title, outlet, published, page_date, language, url, story"
        if source == "articles":  # the page's rows picked first, by rowid, from an index that holds every column
            # filtered and sorted (schema 12), and only those read whole: not every matching row with its text
            select = (f"SELECT {columns} FROM articles WHERE rowid IN (SELECT articles.rowid FROM articles WHERE "
                      f"{clause} ORDER BY {order} LIMIT ? OFFSET ?) ORDER BY {order}")
        else:
            select = f"SELECT {columns} FROM {source} WHERE {clause} ORDER BY {order} LIMIT ? OFFSET ?"
        rows = self.conn.execute(select, (*args, limit, offset)).fetchall()
        if clause == "1" and source == "articles":  # the whole list: counted whole (an index's count)
            total = self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            return Page([dict(r) for r in rows], total, offset, limit)
        total, capped = self._capped_count(f"SELECT 1 FROM {source} WHERE {clause}", args, offset)
        if source != "articles":  # a search: only its SEARCH_CAP latest matches are ranked and listed
            capped = capped or self.conn.execute("SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE "
                                                 "articles_fts MATCH ? LIMIT ?)", args[:2]).fetchone()[0] >= SEARCH_CAP
        return Page([dict(r) for r in rows], total, offset, limit, capped)

    def _capped_count(self, select: str, args: Sequence[object], offset: int) -> tuple[int, bool]:
        """How many rows ``select`` gives, counted up to ``offset`` + COUNT_CAP (a count that stops there, so
        that a filtered list's cost does not grow with the store); and whether it stopped there (more rows)."""
        bound = offset + COUNT_CAP
        found = self.conn.execute(f"SELECT count(*) FROM ({select} LIMIT ?)", (*args, bound + 1)).fetchone()[0]
        return min(found, bound), found > bound

    def _full_text(self) -> bool:
        """Whether the store has its full-text index (schema 10, where SQLite has FTS5); without it (a store
        served before its migration, an SQLite without FTS5) the articles are searched by substring."""
        if self._fts is None:
            self._fts = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                          "name = 'articles_fts'").fetchone() is not None
        return self._fts

    def snippets(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The text of each article (its latest stored version), for the snippets of a search page."""
        rows = self.conn.execute(
            "SELECT id, text FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY last_seen, rowid",
            (json.dumps(list(article_ids)),))
        return {r["id"]: r["text"] for r in rows}  # the latest version of an id last

    def languages(self) -> list[str]:
        """The languages of the stored articles, sorted (those of unknown language left out)."""
        rows = self.conn.execute("SELECT DISTINCT language FROM articles WHERE language IS NOT NULL "
                                 "AND language != '' ORDER BY language")
        return [r[0] for r in rows]

    def outlets(self, offset: int, limit: int) -> Page:
        """The outlets named by stored articles, with how many articles each has (distinct ids) and their first
        and last dates, most articles first (those that name no outlet: ``unnamed_outlet``)."""
        where = "outlet IS NOT NULL AND outlet != ''"
        total = self.conn.execute(f"SELECT count(DISTINCT outlet) FROM articles WHERE {where}").fetchone()[0]
        rows = self.conn.execute(
            f"SELECT outlet AS name, count(DISTINCT id) AS articles, min(coalesce(published, page_date)) AS first, "
            f"max(coalesce(published, page_date)) AS last FROM articles WHERE {where} GROUP BY outlet "
            "ORDER BY articles DESC, outlet LIMIT ? OFFSET ?", (limit, offset)).fetchall()
        return Page([dict(r) for r in rows], total, offset, limit)

    def input_paths(self) -> list[str]:
        """The paths of the inputs every stored analysis read (none while a store file has no tables yet)."""
        try:
            return [str(row[0]) for row in self.conn.execute("SELECT DISTINCT path FROM inputs")]
        except sqlite3.OperationalError as err:
            if "no such table" not in str(err):
                raise
            return []  # a store file made, its tables not yet: no analysis stored

    def placed(self, raw_hash: str) -> bool:
        """Whether an article of this raw content is stored and an analysis placed it in a story; raises
        sqlite3.OperationalError for a store older than raw hashes (schema 7)."""
        return self.conn.execute("SELECT 1 FROM articles WHERE raw_hash = ? AND story IS NOT NULL LIMIT 1",
                                 (raw_hash,)).fetchone() is not None

    def outlet_names(self, limit: int) -> list[str]:
        """The names of the ``limit`` outlets with most stored articles (rows), read from the outlets' index only
        (what a filter form offers; ``outlets`` counts and dates them)."""
        rows = self.conn.execute("SELECT outlet FROM articles WHERE outlet IS NOT NULL AND outlet != '' "
                                 "GROUP BY outlet ORDER BY count(*) DESC, outlet LIMIT ?", (limit,))
        return [r[0] for r in rows]

    def unnamed_outlet(self) -> int:
        """How many stored articles (distinct ids) name no outlet."""
        row = self.conn.execute("SELECT count(DISTINCT id) FROM articles WHERE outlet IS NULL OR outlet = ''")
        return int(row.fetchone()[0])

    def outlet_reuse(self, run: int, outlet: str, offset: int = 0, limit: int = MAX_LIMIT) -> Page:
        """Reuse edges of a run with an article of ``outlet`` on either side."""
        ids = "SELECT id FROM articles WHERE outlet = ?"
        where = f"run = ? AND (source IN ({ids}) OR target IN ({ids}))"
        args = (run, outlet, outlet)
        total = self.conn.execute(f"SELECT count(*) FROM reuse WHERE {where}", args).fetchone()[0]
        rows = self.conn.execute(f"SELECT data FROM reuse WHERE {where} ORDER BY rowid LIMIT ? OFFSET ?",
                                 (*args, limit, offset)).fetchall()
        return Page([json.loads(r[0]) for r in rows], total, offset, limit)

    def find_quotes(self, run: int, text: str, offset: int, limit: int) -> Page:
        """Quotes of a run containing ``text`` (or said by a speaker so written), by article and position; the
        first QUOTE_SCAN quotes of the run are searched (``capped``: it has more), so that a search's cost does not
        grow with the store."""
        scanned = ("(SELECT * FROM quotes WHERE run = ? ORDER BY article, start LIMIT ?) "
                   "WHERE text LIKE ? ESCAPE '\\' OR speaker LIKE ? ESCAPE '\\'")
        args = (run, QUOTE_SCAN, _contains(text), _contains(text))
        total = self.conn.execute(f"SELECT count(*) FROM {scanned}", args).fetchone()[0]
        rows = self.conn.execute(
            "SELECT id, article, text, start, end, speaker, speaker_entity, speaker_kind, direct, grp AS 'group' "
            f"FROM {scanned} ORDER BY article, start LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()
        more = self.conn.execute("SELECT count(*) FROM (SELECT 1 FROM quotes WHERE run = ? LIMIT ?)",
                                 (run, QUOTE_SCAN + 1)).fetchone()[0] > QUOTE_SCAN
        return Page([dict(r, direct=bool(r["direct"])) for r in rows], total, offset, limit, more)

    def find_claims(self, run: int, text: str, offset: int, limit: int) -> Page:
        """Claims of a run's stories whose text contains ``text``, each with its story's id and title, by story
        (largest first) and in the story's order; the claims of the STORY_SCAN largest stories are searched
        (``capped``: the run has more), and only those whose stored data holds ``text`` are read."""
        stories = "SELECT id, title, articles, data FROM stories WHERE run = ? ORDER BY articles DESC, id LIMIT ?"
        args: list[object] = [run, STORY_SCAN]
        where = "json_extract(c.value, '$.text') LIKE ? ESCAPE '\\'"
        if not any(c in text for c in '"\\') and text.isprintable():  # as JSON writes it: skip the others
            where = "s.data LIKE ? ESCAPE '\\' AND " + where
            args.append(_contains(text))
        args.append(_contains(text))
        source = f"FROM ({stories}) s, json_each(s.data, '$.claims') c"
        total = self.conn.execute(f"SELECT count(*) {source} WHERE {where}", args).fetchone()[0]
        rows = self.conn.execute(
            f"SELECT s.id AS story, s.title AS story_title, c.value AS claim {source} WHERE {where} "
            "ORDER BY s.articles DESC, s.id, c.key LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()
        more = self.conn.execute("SELECT count(*) FROM (SELECT 1 FROM stories WHERE run = ? LIMIT ?)",
                                 (run, STORY_SCAN + 1)).fetchone()[0] > STORY_SCAN
        return Page([dict(json.loads(r["claim"]), story=r["story"], story_title=r["story_title"]) for r in rows],
                    total, offset, limit, more)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article as report.json has it (the latest stored version of that id)."""
        row = self.conn.execute(
            "SELECT id, path, url, title, outlet, published, page_date, language, title_language, text, removed, "
            "credits, story, page_date_note, hash, version, version_of FROM articles WHERE id = ? "
            "ORDER BY last_seen DESC, rowid DESC LIMIT 1", (article_id,)).fetchone()
        if row is None:
            return None
        return stored_article(row)

    def mentions(self, run: int, article_id: str) -> list[dict[str, Any]]:
        """The entity mentions of one article, with each entity's name and type."""
        rows = self.conn.execute(
            "SELECT m.entity, m.text, m.start, m.end, e.name, e.type FROM mentions m JOIN entities e "
            "ON e.run = m.run AND e.id = m.entity WHERE m.run = ? AND m.article = ? ORDER BY m.start",
            (run, article_id)).fetchall()
        return [dict(r) for r in rows]

    def entities(self, run: int, offset: int, limit: int, name: str | None = None, kind: str | None = None) -> Page:
        """Entities of a run, most mentioned first; ``name`` filters on any spelling, ``kind`` on the type (PER,
        ORG, LOC, MISC)."""
        where, args = "e.run = ?", list[object]([run])
        if kind:
            where += " AND e.type = ?"
            args.append(kind)
        if name:
            where += " AND e.id IN (SELECT entity FROM mentions WHERE run = ? AND text LIKE ? ESCAPE '\\')"
            args += [run, _contains(name)]
        total = self.conn.execute(f"SELECT count(*) FROM entities e WHERE {where}", args).fetchone()[0]
        rows = self.conn.execute(
            f"SELECT e.id, e.name, e.type, (SELECT count(*) FROM mentions m WHERE m.run = e.run AND m.entity = e.id) "
            f"AS mentions FROM entities e WHERE {where} ORDER BY mentions DESC, e.name LIMIT ? OFFSET ?",
            (*args, limit, offset)).fetchall()
        return Page([dict(r) for r in rows], total, offset, limit)

    def entity_types(self, run: int) -> dict[str, int]:
        """How many entities of each type a run has."""
        rows = self.conn.execute("SELECT type, count(*) FROM entities WHERE run = ? GROUP BY type ORDER BY type",
                                 (run,))
        return {r[0]: int(r[1]) for r in rows}

    def names(self, run: int, entity_ids: set[str]) -> dict[str, str]:
        """The names of the given entities (speakers of a page), looked up by id only."""
        ids = sorted(i for i in entity_ids if i)
        rows = self.conn.execute(f"SELECT id, name FROM entities WHERE run = ? AND id IN ({','.join('?' * len(ids))})",
                                 (run, *ids)).fetchall() if ids else []
        return {r["id"]: r["name"] for r in rows}

    def entity(self, run: int, entity_id: str) -> dict[str, Any] | None:
        """One entity with every mention (article, text, offsets) and its spellings."""
        row = self.conn.execute("SELECT id, name, type FROM entities WHERE run = ? AND id = ?",
                                (run, entity_id)).fetchone()
        if row is None:
            return None
        mentions = [dict(r) for r in self.conn.execute(
            "SELECT article, text, start, end FROM mentions WHERE run = ? AND entity = ? ORDER BY article, start",
            (run, entity_id))]
        return dict(row, mentions=mentions, spellings=sorted({m["text"] for m in mentions}))

    def quotes(self, run: int, offset: int, limit: int, article: str | None = None,
               speaker: str | None = None, articles: Sequence[str] | None = None) -> Page:
        """Quotes of a run, of one article, of one speaker entity, of some articles (a story's), or of all that
        are given."""
        where, args = "run = ?", list[object]([run])
        if articles is not None:
            where += " AND article IN (SELECT value FROM json_each(?))"
            args.append(json.dumps(list(articles)))
        if article:
            where, args = where + " AND article = ?", args + [article]
        if speaker:
            where, args = where + " AND speaker_entity = ?", args + [speaker]
        total = self.conn.execute(f"SELECT count(*) FROM quotes WHERE {where}", args).fetchone()[0]
        rows = self.conn.execute(
            "SELECT id, article, text, start, end, speaker, speaker_entity, speaker_kind, direct, grp AS 'group' "
            f"FROM quotes WHERE {where} ORDER BY article, start LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()
        return Page([dict(r, direct=bool(r["direct"])) for r in rows], total, offset, limit)

    def claims(self, run: int, story_id: str, offset: int, limit: int, status: str | None = None) -> Page:
        """Claims of one story, optionally of one status."""
        data = self.story(run, story_id)
        claims = [c for c in (data or {}).get("claims", []) if status is None or c["status"] == status]
        return Page(claims[offset:offset + limit], len(claims), offset, limit)

    def fetches(self, offset: int, limit: int, outcome: str | None = None) -> Page:
        """What became of the URLs fetched, latest first, optionally of one outcome ("fetched", "timeout"...);
        ``redirects`` as a list. Nothing in a store older than fetches (schema 13) that no writer opened since."""
        if not _has_table(self.conn, "fetches"):
            return Page([], 0, offset, limit)
        where, args = ("WHERE outcome = ?", (outcome,)) if outcome is not None else ("", ())
        total = self.conn.execute(f"SELECT count(*) FROM fetches {where}", args).fetchone()[0]
        rows = self.conn.execute(
            "SELECT canonical, url, outcome, code, reason, status, final_url, redirects, warc, record, fetched_at, "
            f"seconds FROM fetches {where} ORDER BY rowid DESC LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()
        return Page([dict(r, redirects=json.loads(r["redirects"] or "[]")) for r in rows], total, offset, limit)

    def feeds(self) -> list[dict[str, Any]]:
        """The feeds and sitemaps watched, in the order they were added, with their last reading."""
        return feed_rows(self.conn)


def story_changes(conn: sqlite3.Connection, before: int | None = None) -> list[StoryChange]:
    """The changes of story ids stored, oldest first; with ``before``, only those of the stories of runs before
    it (what an analysis ``before`` knew). A store of an earlier schema, served without a migration, has none."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'story_changes'").fetchone() is None:
        return []
    where, args = ("WHERE run < ?", (before,)) if before is not None else ("", ())
    rows = conn.execute(f"SELECT old, new, change, run FROM story_changes {where} ORDER BY run, rowid", args)
    return [StoryChange(old, new, change, str(run)) for old, new, change, run in rows]


def feed_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The feeds and sitemaps watched, in the order they were added: url, kind, title, added, and their last
    reading (checked, items, new, error; None before the first). Nothing in a store older than feeds (schema 13)."""
    if not _has_table(conn, "feeds"):
        return []
    cursor = conn.execute("SELECT url, kind, title, added, checked, items, new, error FROM feeds ORDER BY rowid")
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def read_only_uri(path: str | Path) -> str:
    """The SQLite URI that opens ``path`` read-only: the path percent-encoded, so that a ``#``, ``?`` or ``%``
    in a folder's or file's name is part of the name (``file:Enquête #3/db`` would end the path at ``#``)."""
    return "file://" + quote(str(Path(path).absolute()), safe="/") + "?mode=ro"


def search_terms(text: str) -> tuple[list[str], list[str]]:
    """What a search for ``text`` asks of the full-text index: each of its words (split at spaces) as an FTS5
    phrase, quoted, so that no word is FTS syntax (``OR``, ``NEAR``, ``*``, ``"``, ``-`` are searched as written);
    and the words with a character other than a letter or digit in them (``1=1``, ``a%``, ``C++``), which the
    index does not keep and which must be in the title or text as written, case aside (substring, ``_contains``).
    A word of letters and digits only is found in any case and without its diacritics, wherever it is."""
    words, literal = [], []
    for word in text.split():
        if any(c.isalnum() for c in word):
            words.append('"' + word.replace('"', '""') + '"')
        if not all(c.isalnum() for c in word):
            literal.append(word)
    return words, literal


def _contains(text: str) -> str:
    """A LIKE pattern matching ``text`` literally anywhere (``%`` and ``_`` in it are not wildcards)."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
