"""The API's lists as CSV and NDJSON (``?_format=``), over a store built from the seeds (issue 20)."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from recoupe import export
from recoupe.web import create_app


@pytest.fixture(scope="module")
def client(seeds_run: Path, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("export-api") / "store.sqlite"
    shutil.copy(seeds_run / "recoupe.sqlite", db)
    return TestClient(create_app(db, token=""))


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.text, newline="")))


def test_stories_as_csv(client: TestClient) -> None:
    page = client.get("/api/stories").json()
    response = client.get("/api/stories", params={"_format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="stories.csv"'
    assert response.headers["x-total-count"] == str(page["total"]) and "link" not in response.headers
    assert response.text.splitlines()[0] == ",".join(export.COLUMNS["stories"])
    assert [(r["id"], r["title"], int(r["articles"]), int(r["origins"])) for r in _rows(response)] == [
        (s["id"], s["title"], s["article_count"], s["origin_count"]) for s in page["items"]]


def test_claims_as_csv_by_page_with_outlets(client: TestClient) -> None:
    story = client.get("/api/stories").json()["items"][0]["id"]
    query = {"story": story, "limit": 3, "offset": 1}
    page = client.get("/api/claims", params=query).json()
    response = client.get("/api/claims", params={**query, "_format": "csv"})
    assert response.status_code == 200 and response.headers["content-disposition"].endswith('"claims.csv"')
    rows = _rows(response)
    assert [(r["id"], r["article"], r["outlet"], r["sentence"]) for r in rows] == [
        (c["id"], s["article"], s["outlet"] or "", s["text"]) for c in page["items"] for s in c["support"]]
    assert response.headers["x-total-count"] == str(page["total"]) and page["total"] > 4
    assert response.headers["link"] == f'<{page["next"].replace("offset=4", "_format=csv&offset=4")}>; rel="next"'


def test_quotes_as_ndjson(client: TestClient) -> None:
    page = client.get("/api/quotes", params={"limit": 5}).json()
    response = client.get("/api/quotes", params={"limit": 5, "_format": "ndjson"})
    assert response.headers["content-type"] == "application/x-ndjson"
    rows = [json.loads(line) for line in response.text.splitlines()]
    assert [{k: r[k] for k in q} for r, q in zip(rows, page["items"], strict=True)] == page["items"]
    outlets = {a["id"]: a["outlet"] for a in client.get("/api/articles").json()["items"]}
    assert all(r["outlet"] == outlets[r["article"]] for r in rows)


def test_json_stays_the_default_and_other_formats_are_refused(client: TestClient) -> None:
    assert client.get("/api/articles").json() == client.get("/api/articles", params={"_format": "json"}).json()
    response = client.get("/api/articles", params={"_format": "xml"})
    assert response.status_code == 422 and response.json()["ok"] is False
    assert "_format" in response.json()["errors"][0]


def test_search_and_entities_export_their_rows(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "Kommersant", "_format": "csv"})
    assert [r["id"] for r in _rows(found)] == ["004_7cf43ca13d9dcb39"]
    entities = client.get("/api/entities", params={"q": "Burns", "_format": "csv"})
    assert _rows(entities)[0]["name"] == "Bill Burns"
