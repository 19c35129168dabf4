"""Concurrent use of one store, for real: `recoupe serve` answers reads while uploads through it and a
`recoupe analyze` run in another process write to the same SQLite file. No request fails, no write is lost."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from web._jobs import finished
from web.test_browser import serve

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))  # corpusgen, the story generator

READS = ("/api/stories", "/api/articles?limit=5", "/api/entities?limit=5", "/api/corpora", "/")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    """60 generated articles as files for `analyze`, and 3 others to upload."""
    from corpusgen import SEED, Generator, load_bases, write_txt

    articles, _ = Generator(SEED + 1, load_bases()).corpus(63)
    folder = tmp_path_factory.mktemp("concurrent-corpus")
    paths = write_txt(articles[:60], folder)
    uploads = [write_txt([a], tmp_path_factory.mktemp("upload"))[0] for a in articles[60:]]
    assert len(paths) == 60
    return folder, [{"name": f"late-{k}.txt", "text": p.read_text(encoding="utf-8")} for k, p in enumerate(uploads)]


@pytest.mark.slow
def test_reads_answer_while_uploads_and_an_analysis_write(seeds_run: Path, generated, tmp_path: Path) -> None:
    corpus, uploads = generated
    db = tmp_path / "store.sqlite"
    shutil.copy(seeds_run / "recoupe.sqlite", db)
    failures: list[str] = []
    reads = 0
    waits: list[float] = []
    done = threading.Event()

    with serve(db, tmp_path / "serve.log") as base, httpx.Client(base_url=base, timeout=120) as client:
        def read_all_the_time() -> None:
            nonlocal reads
            while not done.is_set():
                for path in READS:
                    try:
                        began = time.monotonic()
                        response = client.get(path)
                        waits.append(time.monotonic() - began)
                        if response.status_code != 200:
                            failures.append(f"GET {path}: {response.status_code} {response.text[:200]}")
                    except httpx.HTTPError as err:
                        failures.append(f"GET {path}: {type(err).__name__}: {err}")
                    reads += 1

        added: list[str] = []

        def upload_all() -> None:
            for k, item in enumerate(uploads):
                try:
                    if k % 2:
                        response = client.post("/api/articles", json={"text": item["text"]})
                    else:
                        response = client.post("/api/articles", files={"file": (item["name"], item["text"])})
                    if response.status_code != 202:
                        failures.append(f"upload {item['name']}: {response.status_code} {response.text[:300]}")
                        continue
                    job = finished(client, response)  # an httpx client asks for the job as the test client does
                    if job["status"] != "done":
                        failures.append(f"upload {item['name']}: job {job['status']}: {job}")
                    else:
                        added.extend(a["id"] for a in job["articles"])
                except httpx.HTTPError as err:
                    failures.append(f"upload {item['name']}: {type(err).__name__}: {err}")

        readers = [threading.Thread(target=read_all_the_time) for _ in range(2)]
        uploader = threading.Thread(target=upload_all)
        for thread in readers:
            thread.start()
        analysis = subprocess.Popen([sys.executable, "-m", "recoupe", "analyze", str(corpus), "--db", str(db),
                                     "--out", str(tmp_path / "out")], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE)
        time.sleep(3)  # the analysis is reading files when the first upload comes
        uploader.start()
        uploader.join(timeout=600)
        code = analysis.wait(timeout=600)
        done.set()
        for thread in readers:
            thread.join(timeout=120)

    waits.sort()
    print(f"{reads} reads, median {waits[len(waits) // 2]:.3f} s, slowest {waits[-1]:.2f} s; {len(added)} uploads")
    assert code == 0, analysis.stderr.read().decode() if analysis.stderr else ""
    assert failures == []
    assert reads > 20 and len(added) == len(uploads)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [row[0] for row in conn.execute("SELECT id FROM articles")]
        runs = conn.execute("SELECT count(*) FROM runs").fetchone()[0]
        latest = [json.loads(row[0]) for row in conn.execute(
            "SELECT data FROM stories WHERE run = (SELECT max(id) FROM runs)")]
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert len(ids) == len(set(ids))  # no id twice
    assert set(added) <= set(ids)  # every upload is kept
    assert sum(i["status"] == "ok" for i in report["inputs"]) == 60
    assert {a for i in report["inputs"] for a in i["articles"]} <= set(ids)  # and every file analysed
    assert runs == 1 + 1 + len(uploads)  # the seeds' analysis, this one, one per upload
    assert {a for story in latest for a in story["articles"]} == set(ids)  # the last analysis covers them all
