"""Crash safety, for real: `recoupe analyze` killed with SIGKILL at random points, then started again,
stores exactly the articles a clean run stores, and its store passes SQLite's integrity check each time."""
from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))  # corpusgen, the story generator

RECOUPE = Path(sys.executable).with_name("recoupe")
KILLS = 4
COLUMNS = ("hash", "id", "path", "url", "title", "outlet", "published", "page_date", "language", "text",
           "removed", "credits", "story")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 generated articles as text files, and a few bad files that a run must skip, not die on."""
    from corpusgen import SEED, Generator, load_bases, write_txt

    articles, _ = Generator(SEED, load_bases()).corpus(200)
    folder = tmp_path_factory.mktemp("crash-corpus")
    write_txt(articles, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.html").write_bytes(bytes(range(256)) * 8)
    return folder


def analyze(corpus: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([str(RECOUPE), "analyze", str(corpus), "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def stored(db: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as conn:
        return sorted(conn.execute(f"SELECT {', '.join(COLUMNS)} FROM articles").fetchall())


def integrity(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


@pytest.mark.slow
def test_killed_runs_resume_to_what_a_clean_run_stores(corpus: Path, tmp_path: Path) -> None:
    start = time.monotonic()
    clean = analyze(corpus, tmp_path / "clean")
    assert clean.wait(timeout=600) == 0, clean.stderr.read().decode() if clean.stderr else ""
    took = time.monotonic() - start
    expected = stored(tmp_path / "clean" / "recoupe.sqlite")
    assert len(expected) > 150  # 200 files; exact copies are one article

    out, db = tmp_path / "killed", tmp_path / "killed" / "recoupe.sqlite"
    rng = random.Random(20221114)
    killed_midway = 0
    for _ in range(KILLS):
        run = analyze(corpus, out)
        delay = rng.uniform(1.0, 0.9 * took)  # anywhere from reading the files to saving the analysis
        time.sleep(delay)
        if run.poll() is None:
            run.send_signal(signal.SIGKILL)
            killed_midway += 1
            print(f"killed after {delay:.1f} s of a clean run's {took:.1f} s;", end=" ")
        run.wait(timeout=60)
        if db.exists():
            assert integrity(db) == "ok"
            so_far = [row[:3] + row[9:10] for row in stored(db)]  # hash, id, path, text: the analysis sets the rest
            assert set(so_far) <= {row[:3] + row[9:10] for row in expected}
            assert len({row[1] for row in so_far}) == len(so_far)  # no id twice
            print(f"{len(so_far)} articles stored")
    assert killed_midway >= KILLS - 1  # the kills fell inside runs, not after them

    final = analyze(corpus, out)
    assert final.wait(timeout=600) == 0, final.stderr.read().decode() if final.stderr else ""
    assert integrity(db) == "ok"
    assert stored(db) == expected
    with sqlite3.connect(db) as conn:  # the killed runs left no analysis behind: only the finished one
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM inputs WHERE status = 'skipped'").fetchone()[0] == 2
