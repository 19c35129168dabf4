"""Uploads under a path prefix, and uploads not lost on a restart (issue 20).

The home page's upload form posts to its own ``action`` (relative to the page) and asks for its job at the
Location the API answers: served under a prefix (a proxy's ``root_path``, or a Starlette Mount), both start with
it. An upload stored in the uploads folder whose analysis the server never ended (killed, restarted) is queued
again when the app starts, once; an upload already analysed is not."""
from __future__ import annotations

import html
import logging
import os
import re
import shutil
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.routing import Mount

from recoupe.store import Reader, Store
from recoupe.web import app as web_app
from recoupe.web import create_app, jobs
from recoupe.web import uploads as up

from ._jobs import finished

ARTICLE = ("Le tramway de Valmont inauguré\n\nLe maire de Valmont, Claire Dubois, a inauguré lundi la nouvelle "
           "ligne de tramway, qui reliera le centre à l'aéroport en vingt minutes. « C'est un grand jour pour la "
           "ville », a déclaré Claire Dubois devant la presse.\n").encode()
OTHER = ("Un incendie à Brisac\n\nUn incendie a détruit mardi un entrepôt de la zone industrielle de Brisac, "
         "ont indiqué les pompiers, qui n'ont signalé aucun blessé.\n").encode()


def _empty_store(db: Path) -> Path:
    with Store(db):
        pass
    return db


# -- under a prefix ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("served", ["root_path", "mount"])
def test_the_upload_form_and_its_job_start_with_the_prefix(tmp_path: Path, analysed: list, served: str) -> None:
    app = create_app(_empty_store(tmp_path / "store.sqlite"), token="")
    client = (TestClient(app, root_path="/recoupe") if served == "root_path"
              else TestClient(Starlette(routes=[Mount("/recoupe", app)])))
    for home in ("/recoupe/", "/recoupe/?lang=fr&offset=0", "/recoupe"):  # the last one redirected to "/recoupe/"
        page = client.get(home)
        assert page.status_code == 200, page.text
        form = re.search(r'<form class="upload"[^>]*>', page.text)
        assert form, page.text
        action = urljoin(str(page.url), html.unescape(re.search(r'action="([^"]*)"', form[0])[1]))  # type: ignore[index]
        assert urlsplit(action).path == "/recoupe/api/articles" and 'method="post"' in form[0], (home, form[0])
    script = page.text.split('<script nonce="', 1)[1]
    assert "fetch(form.action" in script and 'headers.get("Location")' in script
    assert not re.search(r"""["'`]/api/""", script)  # no path of the API written in the script itself

    response = client.post(action, files={"file": ("valmont.txt", ARTICLE, "text/plain")})
    assert response.status_code == 202, response.text
    location = response.headers["Location"]
    assert location.startswith("/recoupe/api/jobs/") and location == response.json()["href"]
    job = finished(client, response)  # asked for at its Location
    assert job["status"] == "done" and job["href"] == location
    (article,) = job["articles"]
    assert (article["href"], article["api"]) == ("/recoupe/articles/valmont", "/recoupe/api/articles/valmont")
    assert [path.name for path, _ in analysed] == ["valmont.txt"]


def test_an_articles_links_under_the_prefix_lead_to_it(tmp_path: Path) -> None:
    """The real analysis: the job's links to the stored article, under the prefix, answer."""
    client = TestClient(create_app(_empty_store(tmp_path / "store.sqlite"), token=""), root_path="/recoupe")
    response = client.post("/recoupe/api/articles", files={"file": ("valmont.txt", ARTICLE, "text/plain")})
    job = finished(client, response)
    assert job["status"] == "done", job
    (article,) = job["articles"]
    assert article["api"].startswith("/recoupe/api/articles/") and article["story_href"].startswith("/recoupe/")
    assert client.get(article["api"]).json()["title"] == "Le tramway de Valmont inauguré"
    assert client.get(article["href"]).status_code == 200
    assert article["id"] in client.get(article["story_href"].replace("/recoupe/", "/recoupe/api/", 1)).json()[
        "articles"]


# -- after a restart -------------------------------------------------------------------------------------------
def _resumed(client: TestClient) -> list[jobs.Job]:
    """The jobs the app of a started client (``with TestClient(app)``: its lifespan ran) queued again."""
    resumed: list[jobs.Job] = client.app.state.resumed  # type: ignore[attr-defined]
    return resumed


def _ended(client: TestClient, job: jobs.Job, timeout: float = 300) -> dict[str, Any]:
    """A job queued at startup, asked for at the API until it is done or failed."""
    deadline = time.monotonic() + timeout
    while (body := client.get(f"/api/jobs/{job.id}").json())["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, body
        time.sleep(0.02)
    return body


def _interrupted(uploads: Path, name: str, data: bytes, age: float = 0) -> Path:
    """An upload as a server stopped before its analysis ended leaves it: stored under its name in the folder
    (``uploads.stored``), and nothing of it in the store."""
    uploads.mkdir(parents=True, exist_ok=True)
    path = uploads / name
    path.write_bytes(data)
    if age:
        os.utime(path, (time.time() - age, time.time() - age))
    return path


def test_an_upload_left_unanalysed_is_analysed_at_the_next_start_once(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    db, uploads = tmp_path / "store.sqlite", tmp_path / "uploads"
    client = TestClient(create_app(db, token=""))
    assert finished(client, client.post("/api/articles", files={"file": ("valmont.txt", ARTICLE)}))["status"] == "done"
    _interrupted(uploads, "brisac.txt", OTHER)
    (uploads / ".upload-x.part").write_bytes(b"half a wri")  # a write in progress when it stopped: not an upload
    with caplog.at_level(logging.INFO, logger="recoupe.web.jobs"), TestClient(create_app(db, token="")) as client:
        resumed = _resumed(client)
        assert [job.file for job in resumed] == ["brisac.txt"]  # the one analysed is not analysed again
        assert any("queued again: brisac.txt" in r.getMessage() and r.levelno == logging.WARNING
                   for r in caplog.records), caplog.text
        job = _ended(client, resumed[0])
        assert job["status"] == "done", job
        (article,) = job["articles"]
        assert article["title"] == "Un incendie à Brisac" and article["story"]
        assert client.get(f"/api/articles/{article['id']}").json()["title"] == "Un incendie à Brisac"
    reader = Reader(db)
    try:
        inputs = [Path(p).name for (p,) in reader.conn.execute("SELECT path FROM inputs ORDER BY run")]
        assert inputs == ["valmont.txt", "brisac.txt"]
    finally:
        reader.close()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="recoupe.web.jobs"), TestClient(create_app(db, token="")) as again:
        assert _resumed(again) == [] and "no upload left unanalysed" in caplog.text
    assert sorted(p.name for p in uploads.iterdir() if not p.name.startswith(".")) == ["brisac.txt", "valmont.txt"]


def test_uploads_left_are_queued_in_the_order_they_came(tmp_path: Path, analysed: list) -> None:
    uploads = tmp_path / "uploads"
    _interrupted(uploads, "z-first.txt", ARTICLE, age=60)
    _interrupted(uploads, "a-second.json", b'{"text": "Le maire a parl\\u00e9 lundi."}', age=30)
    with TestClient(create_app(tmp_path / "store.sqlite", token="")) as client:  # no store file: nothing analysed
        resumed = _resumed(client)
        assert [job.file for job in resumed] == ["z-first.txt", "a-second.json"]
        assert [_ended(client, job)["status"] for job in resumed] == ["done", "done"]
    assert [path.name for path, _ in analysed] == ["z-first.txt", "a-second.json"]
    assert analysed[0][1] == ARTICLE


def test_an_app_started_again_leaves_its_queued_uploads_to_their_jobs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same app started twice in one process (a test runner's lifespan per test): an upload whose job is still
    queued or running is not queued a second time."""
    go = threading.Event()
    ran: list[str] = []

    def held(db: Path, path: Path) -> dict[str, Any]:
        assert go.wait(60)
        ran.append(path.name)
        return {"ok": True, "articles": [path.stem], "run": 1, "skipped": []}

    monkeypatch.setattr(web_app, "_analyse_upload", held)
    _interrupted(tmp_path / "uploads", "valmont.txt", ARTICLE)
    app = create_app(tmp_path / "store.sqlite", token="")
    with TestClient(app) as client:
        (first,) = _resumed(client)
    with TestClient(app) as client:
        assert _resumed(client) == []
        go.set()
        assert _ended(client, first)["status"] == "done"
    assert ran == ["valmont.txt"]


def test_an_upload_stored_from_another_path_is_not_analysed_again(tmp_path: Path) -> None:
    """The same file analysed elsewhere (``recoupe analyze`` of a copy, an uploads folder since moved): its
    records are articles of the store, in a story, and it is not queued."""
    db = tmp_path / "store.sqlite"
    copy = _interrupted(tmp_path / "elsewhere", "brisac.txt", OTHER)
    up.analyse(db, copy)
    (tmp_path / "uploads").mkdir()
    shutil.copy(copy, tmp_path / "uploads" / "incendie.txt")  # another name, the same bytes
    _interrupted(tmp_path / "uploads", "valmont.txt", ARTICLE)  # not stored: queued
    settings = create_app(db, token="").state.settings
    assert [p.name for p in up.unfinished(settings)] == ["valmont.txt"]


def test_an_upload_refused_at_the_next_start_is_removed_not_queued_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(db: Path, path: Path) -> dict[str, Any]:
        raise web_app.BadUpload(f"no article could be read from {path.name}")

    monkeypatch.setattr(web_app, "_analyse_upload", refuse)
    uploads = tmp_path / "uploads"
    _interrupted(uploads, "empty.html", b"<html><body></body></html>")
    with TestClient(create_app(tmp_path / "store.sqlite", token="")) as client:
        (resumed,) = _resumed(client)
        job = _ended(client, resumed)
        assert (job["status"], job["error"]) == ("failed", "no article could be read from empty.html")
    assert list(uploads.iterdir()) == []  # as the interrupted job would have done
    with TestClient(create_app(tmp_path / "store.sqlite", token="")) as again:
        assert _resumed(again) == []


def test_a_store_that_cannot_be_read_queues_nothing_and_the_app_starts(
        tmp_path: Path, analysed: list, caplog: pytest.LogCaptureFixture) -> None:
    db = tmp_path / "store.sqlite"
    db.write_bytes(b"not a database, " * 100)
    _interrupted(tmp_path / "uploads", "valmont.txt", ARTICLE)
    with caplog.at_level(logging.ERROR, logger="recoupe.web.jobs"), TestClient(create_app(db, token="")) as client:
        assert _resumed(client) == []
        assert client.get("/api/jobs/none").status_code == 404  # the app answers
    assert not analysed
    assert "cannot tell which uploads were left unanalysed" in caplog.text
