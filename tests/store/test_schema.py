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
