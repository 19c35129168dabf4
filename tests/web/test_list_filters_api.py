"""The API narrows and exports what the pages list (issue 20): /api/articles takes the /articles page's filters,
/api/quotes a story's quotes; the pages' export links lead there (the browser downloads them in
test_workbench_browser.py)."""
from __future__ import annotations

import csv
import io
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from recoupe.web import create_app

STORY = "s-0ba2fd8b0a"  # the seeds' one story


@pytest.fixture(scope="module")
def client(seeds_run: Path, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("list-filters") / "store.sqlite"
    shutil.copy(seeds_run / "recoupe.sqlite", db)
    return TestClient(create_app(db, token=""))


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [a["id"] for a in response.json()["items"]]


def test_articles_take_the_filters_of_the_articles_page(client: TestClient) -> None:
    assert _ids(client.get("/api/articles", params={"outlet": "CNN"})) == ["003_39167952c1edab4e"]
    dated = {"since": "2022", "sort": "oldest"}
    assert _ids(client.get("/api/articles", params=dated)) == ["002_a4a6c44a581a7d26", "001_c9b7af977afe6370"]
    assert _ids(client.get("/api/articles", params={**dated, "sort": "newest"})) == [
        "001_c9b7af977afe6370", "002_a4a6c44a581a7d26"]
    assert _ids(client.get("/api/articles", params={"language": "en"})) == []
    assert len(_ids(client.get("/api/articles", params={"outlet": "", "since": ""}))) == 5  # empty: no filter
    for bad in ({"since": "yesterday"}, {"until": "2024-4"}, {"sort": "random"}):
        response = client.get("/api/articles", params=bad)
        assert response.status_code == 422 and response.json()["ok"] is False, bad


def test_the_articles_page_exports_the_rows_it_lists(client: TestClient) -> None:
    page = client.get("/articles", params={"since": "2022", "sort": "oldest", "lang": "fr"}).text
    listed = re.findall(r'<tr id="row-([^"]+)"', page)
    links = [unescape(h) for h in re.findall(r'class="export-(?:csv|ndjson)" href="([^"]+)"', page)]
    assert len(links) == 2 and all(h.startswith("/api/articles?") and "lang=" not in h for h in links), links
    rows = list(csv.DictReader(io.StringIO(client.get(links[0]).text, newline="")))
    assert [r["id"] for r in rows] == listed == ["002_a4a6c44a581a7d26", "001_c9b7af977afe6370"]
    assert "Exporter les articles listés" in page


def test_quotes_of_a_story(client: TestClient) -> None:
    every = client.get("/api/quotes", params={"limit": 200}).json()["items"]
    mine = client.get("/api/quotes", params={"story": STORY, "limit": 200}).json()
    assert [q["id"] for q in mine["items"]] == [q["id"] for q in every] and mine["total"] == len(every) > 10
    one = every[0]["article"]
    both = client.get("/api/quotes", params={"story": STORY, "article": one}).json()["items"]
    assert both and {q["article"] for q in both} == {one}
    assert client.get("/api/quotes", params={"story": "s-never"}).status_code == 404
    page = client.get(f"/stories/{STORY}").text
    links = [unescape(h) for h in re.findall(r'class="export-csv" href="([^"]+)"', page)]
    assert [h.split("?")[0] for h in links] == ["/api/claims", "/api/quotes", "/api/reuse"]
    assert all(f"story={STORY}" in h and client.get(h).status_code == 200 for h in links)


def _exported(client: TestClient, page_path: str, params: dict[str, str] | None = None) -> tuple[str, list[dict]]:
    """A page's CSV export link and the rows it downloads."""
    page = client.get(page_path, params=params or {})
    assert page.status_code == 200, page.text
    (link,) = [unescape(h) for h in re.findall(r'class="export-csv" href="([^"]+)"', page.text)]
    answer = client.get(link)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv"), answer.text
    return link, list(csv.DictReader(io.StringIO(answer.text, newline="")))


def test_the_story_entity_and_outlet_lists_export_what_they_list(client: TestClient) -> None:
    link, stories = _exported(client, "/")
    assert link.startswith("/api/stories?") and [s["id"] for s in stories] == [STORY]
    assert int(stories[0]["articles"]) == 5
    link, people = _exported(client, "/entities", {"type": "PER"})
    assert "type=PER" in link and people and {p["type"] for p in people} == {"PER"}
    api = client.get("/api/entities", params={"type": "PER", "limit": 50}).json()["items"]
    assert [p["id"] for p in people] == [e["id"] for e in api]
    link, outlets = _exported(client, "/outlets")
    assert link.startswith("/api/outlets?") and list(outlets[0]) == ["name", "articles", "first", "last"]
    assert "CNN" in {o["name"] for o in outlets} and sum(int(o["articles"]) for o in outlets) == 4  # one unnamed


def test_outlets_and_entity_types_in_the_api(client: TestClient) -> None:
    outlets = client.get("/api/outlets").json()
    assert outlets["total"] == len(outlets["items"]) and {"name", "article_count"} <= set(outlets["items"][0])
    every = client.get("/api/entities", params={"limit": 200}).json()
    places = client.get("/api/entities", params={"type": "LOC", "limit": 200}).json()
    assert 0 < places["total"] < every["total"] and all(e["type"] == "LOC" for e in places["items"])
    assert client.get("/api/entities", params={"type": "people"}).status_code == 422


def test_entity_types_are_named_in_the_pages_language(client: TestClient) -> None:
    people = client.get("/api/entities", params={"type": "PER", "limit": 1}).json()["items"][0]
    for lang, word in (("en", "person"), ("fr", "personne")):
        listed = client.get("/entities", params={"type": "PER", "lang": lang}).text
        cells = re.findall(r"</a></td><td>([^<]*)</td>", listed)
        assert cells and set(cells) == {word}, (lang, cells[:3])
        page = client.get(f"/entities/{people['id']}", params={"lang": lang}).text
        assert f'<span class="meta">{word}</span>' in page and ">PER<" not in page
