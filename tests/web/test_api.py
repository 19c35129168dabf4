"""The JSON API in-process (ASGI client) over a store built once from the seeds (issue #7)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from recoupe.web import create_app

from ._jobs import added, finished


@pytest.fixture(scope="module")
def client(seeds_run: Path, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("api") / "store.sqlite"
    shutil.copy(seeds_run / "recoupe.sqlite", db)
    client = TestClient(create_app(db))
    client.db = db  # type: ignore[attr-defined]  # the tests look at what was written beside it
    return client


def _error_shape(response) -> None:
    body = response.json()
    assert set(body) == {"ok", "error", "errors", "status"}
    assert body["ok"] is False and body["status"] == response.status_code and body["errors"]


def test_story_list_and_story(client: TestClient) -> None:
    page = client.get("/api/stories").json()
    assert page["total"] == 1 and page["next"] is None
    (item,) = page["items"]
    assert (item["article_count"], item["origin_count"]) == (5, 3) and "articles" not in item
    story = client.get(f"/api/stories/{item['id']}").json()
    assert {o["label"] for o in story["origins"]} == {"Anadolu", "RT", "CNN"}
    assert len(story["article_info"]) == 5


def test_pagination(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    assert first["total"] == 5 and len(first["items"]) == 2 and "offset=2" in first["next"]
    last = client.get("/api/articles", params={"limit": 2, "offset": 4}).json()
    assert len(last["items"]) == 1 and last["next"] is None


def test_article_entities_quotes_and_search(client: TestClient) -> None:
    article = client.get("/api/articles/003_39167952c1edab4e").json()
    assert article["title"] == "CIA Director Bill Burns meeting with Russian counterpart Monday"
    assert "Leave a Reply" in article["removed"]
    burns = client.get("/api/entities", params={"q": "Burns"}).json()["items"][0]
    assert burns["name"] == "Bill Burns" and burns["type"] == "PER"
    entity = client.get(f"/api/entities/{burns['id']}").json()
    assert {"Bill Burns", "Burns", "M. Burns"} <= set(entity["spellings"])
    quotes = client.get("/api/quotes", params={"article": "002_a4a6c44a581a7d26"}).json()["items"]
    assert any("stabilité stratégique" in q["text"] for q in quotes)
    found = client.get("/api/search", params={"q": "Kommersant"}).json()
    assert [a["id"] for a in found["items"]] == ["004_7cf43ca13d9dcb39"]
    by_entity = client.get("/api/search", params={"entity": "Narychkine"}).json()
    assert by_entity["total"] == 5


def test_errors_have_one_shape(client: TestClient) -> None:
    for response in (client.get("/api/stories/nope"), client.get("/api/articles/nope"),
                     client.get("/api/entities/nope"), client.get("/api/articles", params={"limit": 0}),
                     client.post("/api/articles", json={"title": "no text"})):
        assert response.status_code in (404, 422)
        _error_shape(response)


def test_upload_json_keeps_what_is_stored(client: TestClient) -> None:
    text = ("Le directeur de la CIA, Bill Burns, a rencontré lundi à Ankara Sergueï Narychkine, le chef du "
            "renseignement extérieur russe, a confirmé la Maison Blanche mardi à la presse.")
    response = client.post("/api/articles", json={"text": text, "title": "Burns à Ankara", "language": "fr"})
    job = finished(client, response)
    assert job["status"] == "done", job
    (new,) = job["articles"]
    new_id = new["id"]
    assert new["story"] == client.get(f"/api/articles/{new_id}").json()["story"]  # the story it went into
    assert client.get("/api/articles").json()["total"] == 6
    assert client.get(f"/api/articles/{new_id}").json()["text"] == text
    assert len(client.get("/api/corpora").json()["items"]) == 2


def test_upload_refuses_wrong_type_and_never_writes_outside(client: TestClient) -> None:
    response = client.post("/api/articles", files={"file": ("evil.exe", b"MZ....", "application/octet-stream")})
    assert response.status_code == 422
    _error_shape(response)
    body = b"Titre\n\nLe maire a inaugure lundi la nouvelle ligne de tramway, qui reliera le centre a l'aeroport."
    response = client.post("/api/articles", files={"file": ("../../escape.txt", body, "text/plain")})
    assert added(client, response)
    uploads = client.db.parent / "uploads"  # type: ignore[attr-defined]
    assert (uploads / "escape.txt").read_bytes() == body
    assert not (client.db.parent.parent / "escape.txt").exists()  # type: ignore[attr-defined]
    assert not (client.db.parent.parent.parent / "escape.txt").exists()  # type: ignore[attr-defined]


def test_upload_size_limit(client: TestClient) -> None:
    from recoupe.web.app import MAX_UPLOAD

    response = client.post("/api/articles", files={"file": ("big.txt", b"a" * (MAX_UPLOAD + 10), "text/plain")})
    assert response.status_code == 413
    _error_shape(response)


def test_pages_render(client: TestClient) -> None:
    home = client.get("/")
    assert home.status_code == 200 and "Stories" in home.text
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    page = client.get(f"/stories/{story_id}")
    assert "Source matrix" in page.text and "Quotes by speaker" in page.text
    assert client.get("/articles/001_c9b7af977afe6370").status_code == 200
    assert client.get("/articles/nope").status_code == 404


def test_an_old_story_id_answers_301_to_the_story_that_tells_it_now(tmp_path: Path) -> None:
    """Issue 17: s-a was merged into s-b (run 2), s-b into s-c (run 3): s-a's page and API answer 301 to s-c's,
    the query kept; within run 2, s-a leads to s-b; an id no story ever had is still a 404."""
    from recoupe.records import Article, Corpus, Story, StoryChange
    from recoupe.store import Store

    articles = tuple(Article(id=i, path=f"{i}.txt", content_hash=f"k-{i}", text=f"Texte {i}.", title=i) for i in "abc")
    merged, again = StoryChange("s-a", "s-b", "merged_into", "1"), StoryChange("s-b", "s-c", "merged_into", "2")
    db = tmp_path / "store.sqlite"
    with Store(db) as store:
        store.save(Corpus(articles=articles, stories=tuple(Story(f"s-{i}", i, (i,)) for i in "abc")))
        store.save(Corpus(articles=articles, stories=(Story("s-b", "b", ("a", "b"), previous_ids=("s-a",)),
                                                      Story("s-c", "c", ("c",))), story_changes=(merged,)))
        store.save(Corpus(articles=articles, stories=(Story("s-c", "c", ("a", "b", "c"), previous_ids=("s-a", "s-b")),),
                          story_changes=(merged, again)))
    client = TestClient(create_app(db, token=""))
    page = client.get("/stories/s-a", follow_redirects=False)
    assert page.status_code == 301 and page.headers["location"] == "/stories/s-c"
    api = client.get("/api/stories/s-a", params={"limit": 2}, follow_redirects=False)
    assert api.status_code == 301 and api.headers["location"] == "/api/stories/s-c?limit=2"
    story = client.get("/api/stories/s-a").json()  # followed
    assert (story["id"], story["previous_ids"], story["articles"]) == ("s-c", ["s-a", "s-b"], ["a", "b", "c"])
    earlier = client.get("/api/stories/s-a", params={"run": 2}, follow_redirects=False)
    assert earlier.headers["location"] == "/api/stories/s-b?run=2"
    assert client.get("/api/stories/s-b", params={"run": 2}).json()["id"] == "s-b"
    for missing in (client.get("/api/stories/s-never"), client.get("/stories/s-never")):
        assert missing.status_code == 404
    _error_shape(client.get("/api/stories/s-never"))
    served = TestClient(create_app(db, token="", base_url="https://news.example/recoupe"))
    assert served.get("/stories/s-b", follow_redirects=False).headers["location"] == \
        "https://news.example/recoupe/stories/s-c"


# -- issue 20: strict query parameters, no server paths --------------------------------------------------------
VALUES = {"offset": "0", "limit": "1", "run": "1", "story": "s-a", "status": "corroborated", "q": "Texte",
          "entity": "x", "article": "a", "speaker": "x"}  # a valid value of each query parameter the API takes


@pytest.fixture
def small(tmp_path: Path) -> TestClient:
    """The app over a store of two articles in one story, one read from a POSIX path, one from a Windows one."""
    from recoupe.records import Article, Corpus, InputReport, Story
    from recoupe.store import Store

    articles = (Article(id="a", path="/srv/news/in/a.txt", content_hash="k-a", text="Texte a.", title="a"),
                Article(id="b", path="C:\\data\\in\\b.txt", content_hash="k-b", text="Texte b.", title="b"))
    db = tmp_path / "store.sqlite"
    with Store(db) as store:
        store.save(Corpus(inputs=(InputReport("/srv/news/in", "ok", None, ("a", "b")),), articles=articles,
                          stories=(Story("s-a", "a", ("a", "b")),)))
    return TestClient(create_app(db, token=""))


def _api_gets(client: TestClient) -> list[tuple[str, list[str]]]:
    """Every GET operation of the API, its path's parameters filled in, with the query parameters its OpenAPI
    document declares."""
    paths = client.get("/openapi.json").json()["paths"]
    return [(re.sub(r"\{[^}]+\}", "s-a" if "/stories/" in path else "a", path),
             [p["name"] for p in ops["get"].get("parameters", []) if p["in"] == "query"])
            for path, ops in sorted(paths.items()) if path.startswith("/api/") and "get" in ops]


def test_unknown_query_parameters_are_refused_on_every_api_route(small: TestClient) -> None:
    gets = _api_gets(small)
    assert len(gets) >= 11 and ("/api/articles/a", []) in gets
    for path, declared in gets:
        takes = f"it takes {', '.join(declared)}" if declared else "it takes none"
        given = {name: VALUES.get(name, "x") for name in declared}
        for method in (small.get, small.head):
            response = method(path, params={**given, "limt": "5"})
            assert response.status_code == 422, (path, response.status_code)
        body = small.get(path, params={**given, "limt": "5"}).json()
        _error_shape(small.get(path, params={**given, "limt": "5"}))
        assert body["error"] == f"unknown query parameter 'limt': {takes}", body
        two = small.get(path, params={"bogus": "1", "limt": "5", **given}).json()
        assert two["error"] == f"unknown query parameters 'bogus', 'limt': {takes}"
        assert two["errors"] == [f"unknown query parameter '{n}': {takes}" for n in ("bogus", "limt")]
        for taken in (given, {**given, "_format": "csv"}):  # what it declares, and the export format: taken
            assert "unknown query parameter" not in small.get(path, params=taken).text, (path, taken)
    assert small.get("/api/claims", params={"story": "s-a", "status": "conflicting", "limit": 1}).status_code == 200


def test_unknown_query_comes_before_a_missing_store(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "none.sqlite", token=""))
    assert client.get("/api/stories", params={"limt": 5}).status_code == 422
    assert client.get("/api/stories", params={"limit": 5}).status_code == 404  # no store yet
    assert client.get("/", params={"utm_source": "x"}).status_code != 422  # pages are not the API


def test_no_server_path_in_any_api_answer(small: TestClient) -> None:
    """GET /api/articles/{id} gives the name of the file an article was read from, never its folder (a POSIX
    or a Windows path); no other answer of the API names it either."""
    assert small.get("/api/articles/a").json()["path"] == "a.txt"
    assert small.get("/api/articles/b").json()["path"] == "b.txt"
    for path, declared in _api_gets(small) + [("/api/articles/b", [])]:
        text = small.get(path, params={name: VALUES.get(name, "x") for name in declared}).text
        assert "/srv" not in text and "news/in" not in text and "C:" not in text and "data\\\\" not in text, path
