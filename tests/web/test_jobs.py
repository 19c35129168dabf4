"""Uploads as jobs (issue 20): POST /api/articles answers 202 with a job at once, one worker analyses the
uploads in the order they came, and GET /api/jobs/{id} tells the stage, then what was added (the articles and
their stories, as the store holds them) or why it failed."""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from recoupe.web import app as web_app
from recoupe.web import create_app, jobs
from recoupe.web import uploads as up

from ._jobs import finished

TOKEN = "t0ken-for-the-job-tests-0123456789"
ARTICLE = ("Le tramway de Valmont inauguré\n\nLe maire de Valmont, Claire Dubois, a inauguré lundi la nouvelle "
           "ligne de tramway, qui reliera le centre à l'aéroport en vingt minutes. « C'est un grand jour pour la "
           "ville », a déclaré Claire Dubois devant la presse.\n").encode()
OTHER = ("Un incendie à Brisac\n\nUn incendie a détruit mardi un entrepôt de la zone industrielle de Brisac, "
         "ont indiqué les pompiers, qui n'ont signalé aucun blessé.\n").encode()


def _error_shape(response: Any, status: int) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert response.status_code == status, response.text
    assert set(body) == {"ok", "error", "errors", "status"} and body["status"] == status
    return body


def _wait_for(client: TestClient, href: str, status: str) -> dict[str, Any]:
    deadline = time.monotonic() + 60
    while (job := client.get(href).json())["status"] != status:
        assert time.monotonic() < deadline and job["status"] not in ("done", "failed"), job
        time.sleep(0.01)
    return job


def test_an_upload_answers_202_with_a_job_at_once(tmp_path: Path, analysed: list) -> None:
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    response = client.post("/api/articles", files={"file": ("valmont.txt", ARTICLE, "text/plain")})
    assert response.status_code == 202, response.text
    body = response.json()
    assert set(body) == {"job", "status", "href"} and body["status"] == "queued"
    assert body["href"] == f"/api/jobs/{body['job']}" == response.headers["Location"]
    assert len(body["job"]) >= 20  # secrets.token_urlsafe(16): 128 random bits
    job = finished(client, response)
    assert (job["status"], job["file"], job["error"]) == ("done", "valmont.txt", None)
    assert [a["id"] for a in job["articles"]] == ["valmont"]  # what the stub says it added
    assert job["articles"][0]["href"] == "/articles/valmont" and job["articles"][0]["story"] is None  # no store
    assert job["created"] <= job["started"] <= job["finished"]
    ((path, data),) = analysed
    assert path == tmp_path / "uploads" / "valmont.txt" and data == ARTICLE
    again = client.post("/api/articles", json={"text": "Le maire a parlé lundi."})
    assert again.json()["job"] != body["job"]
    assert finished(client, again)["status"] == "done"


def test_jobs_run_one_at_a_time_in_order_and_end_with_what_the_store_holds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real analysis, held back until the test lets it go: the first upload is running (at the stage its
    analysis reported), the second waits behind it; both end with the articles and stories the store holds."""
    go = threading.Event()
    ran: list[str] = []

    def held(db: Path, path: Path) -> dict[str, Any]:
        up._progress.get()("waiting for the test", 1, 3, path.name)  # type: ignore[misc]  # set by the worker
        assert go.wait(60)
        ran.append(path.name)
        return up.analyse(db, path)

    monkeypatch.setattr(web_app, "_analyse_upload", held)
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    first = client.post("/api/articles", files={"file": ("valmont.txt", ARTICLE, "text/plain")})
    second = client.post("/api/articles", files={"file": ("brisac.txt", OTHER, "text/plain")})
    assert (first.status_code, second.status_code) == (202, 202)
    running = _wait_for(client, first.json()["href"], "running")
    while running["progress"] is None:
        running = client.get(first.json()["href"]).json()
    assert running["progress"] == {"stage": "waiting for the test", "done": 1, "total": 3}
    assert running["articles"] == [] and running["finished"] is None
    waiting = client.get(second.json()["href"]).json()
    assert (waiting["status"], waiting["progress"], waiting["started"]) == ("queued", None, None)
    go.set()
    one, two = finished(client, first), finished(client, second)
    assert ran == ["valmont.txt", "brisac.txt"] and (one["status"], two["status"]) == ("done", "done"), (one, two)
    assert one["run"] == 1 and two["run"] == 2
    assert one["progress"]["stage"] != "waiting for the test"  # the pipeline's own stages followed
    for job, title in ((one, "Le tramway de Valmont inauguré"), (two, "Un incendie à Brisac")):
        (article,) = job["articles"]
        stored = client.get(article["api"]).json()
        assert stored["title"] == article["title"] == title
        assert article["story"] and stored["story"] == article["story"]
        assert article["story_href"] == f"/stories/{article['story']}"
        assert client.get(article["href"]).status_code == 200
        assert article["id"] in client.get(f"/api{article['story_href']}").json()["articles"]


def test_a_refused_analysis_fails_its_job_with_the_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(db: Path, path: Path) -> dict[str, Any]:
        raise web_app.BadUpload(f"no article could be read from {path.name}", ["valmont.txt: too short"])

    monkeypatch.setattr(web_app, "_analyse_upload", refuse)
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    job = finished(client, client.post("/api/articles", files={"file": ("valmont.txt", ARTICLE, "text/plain")}))
    assert (job["status"], job["error"], job["errors"]) == (
        "failed", "no article could be read from valmont.txt", ["valmont.txt: too short"])
    assert job["articles"] == [] and job["run"] is None
    assert list((tmp_path / "uploads").iterdir()) == []  # the refused file is removed, as before


def test_an_unexpected_failure_names_no_server_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(db: Path, path: Path) -> dict[str, Any]:
        raise OSError(f"disk trouble at {path}")

    monkeypatch.setattr(web_app, "_analyse_upload", crash)
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    response = client.post("/api/articles", json={"text": "Le maire a parlé lundi."})
    job = finished(client, response)
    assert job["status"] == "failed" and job["error"].startswith("internal error")
    assert str(tmp_path) not in client.get(response.json()["href"]).text


def test_what_can_be_told_at_once_is_still_refused_at_once(tmp_path: Path, analysed: list) -> None:
    client = TestClient(create_app(tmp_path / "store.sqlite", token="", max_records=2))
    _error_shape(client.post("/api/articles", files={"file": ("x.html", b"%PDF-1.7", "text/html")}), 422)
    _error_shape(client.post("/api/articles", json={"title": "no text"}), 422)
    jsonl = b"\n".join(b'{"text": "Le maire a parl\\u00e9 lundi %d."}' % n for n in range(3))
    assert "3 records" in _error_shape(client.post("/api/articles", files={"file": ("three.jsonl", jsonl)}),
                                       413)["error"]
    assert not analysed and list((tmp_path / "uploads").iterdir()) == []
    assert jobs.of(client.app.state, tmp_path / "store.sqlite").get("x") is None


def test_unknown_job_is_a_404(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    body = _error_shape(client.get("/api/jobs/nope"), 404)
    assert "no job 'nope'" in body["error"] and "restarts" in body["error"]
    assert client.get("/api/jobs/nope", params={"x": 1}).status_code == 422  # strict query, as every route
    assert "/api/jobs/{job_id}" in client.get("/openapi.json").json()["paths"]


def test_the_token_still_guards_the_upload_not_the_job(tmp_path: Path, analysed: list) -> None:
    client = TestClient(create_app(tmp_path / "store.sqlite", token=TOKEN))
    files = {"file": ("valmont.txt", ARTICLE, "text/plain")}
    _error_shape(client.post("/api/articles", files=files), 401)
    _error_shape(client.post("/api/articles", files=files, headers={"Authorization": "Bearer nope"}), 401)
    assert not analysed and not (tmp_path / "uploads").exists()
    response = client.post("/api/articles", files=files, headers={"Authorization": f"Bearer {TOKEN}"})
    assert finished(client, response)["status"] == "done"  # the job's id is what lets its sender read it
    assert len(analysed) == 1
    doc = client.get("/openapi.json").json()["paths"]["/api/articles"]["post"]
    assert {"202", "401", "413", "422"} <= set(doc["responses"])
    assert "Location" in doc["responses"]["202"]["headers"]


def test_the_history_is_bounded(tmp_path: Path) -> None:
    kept = jobs.Jobs(tmp_path / "none.sqlite", keep=3)
    ids = [kept.submit(f"{n}.txt", lambda n=n: {"articles": [], "run": n, "skipped": []}).id for n in range(5)]
    deadline = time.monotonic() + 30
    while not all((job := kept.get(i)) is None or job.ended for i in ids):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert [kept.get(i) is not None for i in ids] == [False, False, True, True, True]
    assert [kept.get(i).run for i in ids[2:]] == [2, 3, 4]  # type: ignore[union-attr]
    assert jobs.MAX_JOBS == 100


def test_queued_and_running_jobs_are_never_forgotten(tmp_path: Path) -> None:
    kept = jobs.Jobs(tmp_path / "none.sqlite", keep=1)
    go = threading.Event()
    first = kept.submit("a.txt", lambda: {"articles": [], "run": 1, "skipped": []} if go.wait(30) else {})
    rest = [kept.submit(f"{n}.txt", lambda: {"articles": [], "run": 2, "skipped": []}) for n in range(3)]
    assert all(kept.get(j.id) is not None for j in [first, *rest])  # past the bound, none finished
    go.set()
    deadline = time.monotonic() + 30
    while (last := kept.get(rest[-1].id)) is None or not last.ended:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert [kept.get(j.id) is not None for j in [first, *rest]] == [False, False, False, True]


def test_an_upload_removed_by_its_job_as_the_same_one_comes_again_is_stored_anew(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same upload sent twice: the first one's job may refuse it and remove its file just as the second
    is placed (between the check that the name is taken and the reading of the file). The name is then free:
    the second is stored anew, never a 500."""
    folder = tmp_path / "uploads"
    folder.mkdir()
    data = b'{"text": "le texte"}'
    (folder / "a.json").write_bytes(data)
    part = folder / ".part-a"
    part.write_bytes(data)
    real_is_file = Path.is_file

    def removed_meanwhile(path: Path) -> bool:
        if path.name == "a.json" and path.exists():
            path.unlink()  # what the first upload's job does when its analysis refuses the file
            return True
        return real_is_file(path)

    monkeypatch.setattr(Path, "is_file", removed_meanwhile)
    target, backup, new = up._place(folder, part, "a.json", data, 100)
    assert (target, backup, new) == (folder / "a.json", None, True)
    assert target.read_bytes() == data
