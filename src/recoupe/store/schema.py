"""The store's schema: its migrations, one per version, and how a connection is opened.

Each step runs in one transaction: a run killed midway leaves the step undone, and of two processes
opening a new store at once, the second finds it done.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .. import identity

SCHEMA_VERSION = 13
MIGRATIONS = {
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
    7: """
    -- identity and versions (recoupe/identity.py): ``hash`` is now the article's key (raw content, metadata,
    -- analyser); before, it was the hash of the raw content alone, which is every stored row's raw_hash
    ALTER TABLE articles ADD COLUMN raw_hash TEXT;       -- SHA-256 of the raw content: its versions share it
    ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE articles ADD COLUMN version_of TEXT;     -- the first version's id, for a later version
    ALTER TABLE articles ADD COLUMN analyser TEXT;       -- the recoupe that stored it; NULL: before version 7
    UPDATE articles SET raw_hash = hash;
    CREATE INDEX articles_raw ON articles(raw_hash);
    -- every change to a stored article that is not a new analysis of it: a repair, and what it replaced
    CREATE TABLE article_log (
        at TEXT NOT NULL,
        article TEXT NOT NULL,  -- its id (after the change)
        hash TEXT,
        event TEXT NOT NULL,
        detail TEXT
    );
    CREATE INDEX article_log_article ON article_log(article);
    -- parses keyed by the article's key and the clean text parsed: one is used only for the text it was made from
    CREATE TABLE parses_by_text (
        hash TEXT NOT NULL,   -- identity.parse_key: SHA-256 of the article's key and the clean text parsed
        model TEXT NOT NULL,  -- the spaCy pipeline and its version
        data BLOB NOT NULL,   -- a DocBin of the parse
        PRIMARY KEY (hash, model)
    );
    -- a stored parse goes with its article's text as stored (nlp.parse checks it, and parses again if not)
    INSERT OR IGNORE INTO parses_by_text (hash, model, data)
        SELECT parse_key(articles.hash, articles.text), parses.model, parses.data
        FROM parses JOIN articles ON articles.hash = parses.hash;
    DROP TABLE parses;
    ALTER TABLE parses_by_text RENAME TO parses;
    """,
    8: """
    -- where each article's title, url, outlet, published date and language came from (sidecar, front matter,
    -- the input's record, the page, the text, the story): JSON {field: origin}, keyed by the article's key
    CREATE TABLE provenance (hash TEXT PRIMARY KEY, data TEXT NOT NULL);
    """,
    9: """
    -- story ids that an analysis no longer gave to all of their articles (recoupe/lineage.py), kept across runs so
    -- that an old id always leads to the story that tells it now: ``old``, a story of run ``run``, merged into the
    -- story ``new``, or part of it split off into ``new``
    CREATE TABLE story_changes (
        old TEXT NOT NULL,
        new TEXT NOT NULL,
        change TEXT NOT NULL,  -- merged_into | split_from
        run INTEGER NOT NULL REFERENCES runs(id),
        PRIMARY KEY (old, new, change, run)
    );
    """,
    10: """
    -- the full-text index of the articles' titles and texts (``Reader.articles(text=...)``): an FTS5 table over
    -- the articles' rows (external content: the text is not stored twice), words folded to lower case and
    -- without their diacritics ("Erdoğan" is found by "erdogan"); the triggers keep it in step with every insert,
    -- change of title or text and delete, whoever writes; a store made before gets its index built here, once
    -- (each statement may find its object there: this step is written to run again as well)
    CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text, content='articles', content_rowid='rowid',
                                                 tokenize='unicode61 remove_diacritics 2');
    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
    CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER IF NOT EXISTS articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    """,
    11: """
    -- the filtered lists of articles (``ArticleFilter``, the outlets, the languages) at 20,000 articles and more:
    -- without these, each is a scan of every row (bench/web_latency.py)
    CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet, id);
    CREATE INDEX IF NOT EXISTS articles_language ON articles(language);
    CREATE INDEX IF NOT EXISTS articles_dated ON articles(coalesce(published, page_date));
    """,
    12: """
    -- a filtered list of articles sorted by date (``Reader.articles``) finds its page in one of these indexes alone:
    -- each holds every column a filter or the sort reads, in the sort's order after its first column, so that the
    -- page's rows are picked without reading the other matching rows (their texts); only the page's are read.
    -- An outlet (and a language), a language, none (a date range, the whole list); they replace version 11's
    -- indexes of a language and of a date, which they begin with (each step may find its object done: it runs
    -- again as well)
    DROP INDEX IF EXISTS articles_language;
    DROP INDEX IF EXISTS articles_dated;
    CREATE INDEX IF NOT EXISTS articles_outlet_dated
        ON articles(outlet, coalesce(published, page_date), last_seen, language, published, page_date);
    CREATE INDEX IF NOT EXISTS articles_language_dated
        ON articles(language, coalesce(published, page_date), last_seen, outlet, published, page_date);
    CREATE INDEX IF NOT EXISTS articles_by_date
        ON articles(coalesce(published, page_date), last_seen, language, outlet, published, page_date);
    """,
    13: """
    -- what became of each URL that ``recoupe fetch`` was given (``fetch.Fetched``): a row per try, never changed;
    -- a URL's state is its canonical URL's last row that is not "duplicate" (``Store.fetched_urls``), so that a
    -- URL that timed out and was fetched later is fetched, and the run that found it fetched already changes nothing
    CREATE TABLE IF NOT EXISTS fetches (
        canonical TEXT NOT NULL,   -- courlan-normalised: the key of "fetched once"
        url TEXT NOT NULL,         -- as given
        outcome TEXT NOT NULL,     -- fetched | duplicate | disallowed | refused | timeout | http-error | ...
        code TEXT,                 -- the R0xx code when not fetched
        reason TEXT,
        status INTEGER,            -- HTTP status of the last response
        final_url TEXT,            -- after redirects
        redirects TEXT NOT NULL DEFAULT '[]',  -- JSON list of the URLs redirected through, in order
        warc TEXT,                 -- the WARC file holding the response, and its WARC-Record-ID
        record TEXT,
        fetched_at TEXT NOT NULL,  -- ISO 8601 UTC
        seconds REAL NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS fetches_canonical ON fetches(canonical);
    -- the feeds and sitemaps watched (``recoupe watch``, the web app's feeds page) and their last reading
    CREATE TABLE IF NOT EXISTS feeds (
        url TEXT PRIMARY KEY,
        kind TEXT NOT NULL,    -- what it was added as (a feed, a sitemap), as the caller names it
        title TEXT,
        added TEXT NOT NULL,
        checked TEXT,          -- when it was last read, and what it listed then: its items, how many were new
        items INTEGER,
        new INTEGER,
        error TEXT             -- why the last reading failed (None: it did not)
    );
    """,
}
# steps that need SQLite's FTS5 module: where it is missing, the step is recorded as done without them, and the
# reader searches the articles by substring instead (``Reader.articles``)
NEEDS_FTS5 = {10}


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the store file in WAL mode, foreign keys enforced."""
    conn = sqlite3.connect(path, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def version(conn: sqlite3.Connection) -> int:
    """The schema version of the store behind ``conn``."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema to SCHEMA_VERSION; refuse a store made by a newer recoupe."""
    if version(conn) > SCHEMA_VERSION:  # its tables are not the ones this version reads and writes
        raise sqlite3.DatabaseError(f"schema version {version(conn)} is newer than this recoupe's "
                                    f"({SCHEMA_VERSION}): upgrade recoupe")
    conn.create_function("parse_key", 2, _parse_key, deterministic=True)  # version 7 keys parses by their text
    for target in range(version(conn) + 1, SCHEMA_VERSION + 1):
        script = "" if target in NEEDS_FTS5 and not has_fts5(conn) else MIGRATIONS[target]
        try:
            conn.executescript(f"BEGIN IMMEDIATE; {script}; PRAGMA user_version = {target}; COMMIT;")
        except sqlite3.OperationalError:
            conn.rollback()
            if version(conn) < target:  # not another process's migration: a real failure
                raise


def has_fts5(conn: sqlite3.Connection) -> bool:
    """Whether the SQLite behind ``conn`` has the FTS5 module (full-text search)."""
    try:
        conn.execute("SELECT fts5(NULL)")  # the module's own SQL function: "no such function" without it
    except sqlite3.OperationalError as err:
        return "no such function" not in str(err)
    return True


def _parse_key(key: str | None, text: str | None) -> str | None:
    return None if key is None or text is None else identity.parse_key(key, text)
