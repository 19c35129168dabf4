"""The JSON API's typed answers (issue 20): every GET route under /api/ states its answer's every field in the
OpenAPI document (so that a client can be generated), answers what the store holds unchanged (no field dropped
by its model, none added as null), and gives a field name one meaning: a name that is a list in one answer is
never a count in another (the counts are ``article_count``, ``origin_count``, ``mention_count``,
``skipped_count``)."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from recoupe.store.reader import Reader
from recoupe.web import create_app, views
from recoupe.web.schemas import API_COUNTS


@pytest.fixture(scope="module")
def client(seeds_run: Path, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("models") / "store.sqlite"
    shutil.copy(seeds_run / "recoupe.sqlite", db)
    client = TestClient(create_app(db, token=""))
    client.db = db  # type: ignore[attr-defined]
    return client


@pytest.fixture(scope="module")
def openapi(client: TestClient) -> dict[str, Any]:
    return client.get("/openapi.json").json()


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _untyped(doc: dict[str, Any], schema: dict[str, Any], where: str, seen: set[str]) -> list[str]:
    """The places under ``schema`` that say nothing of their content: ``{}``, an object without properties
    (``additionalProperties`` only), an array without typed items."""
    ref = schema.get("$ref")
    if ref in seen:
        return []
    seen = seen | {ref} if ref else seen
    schema = _resolve(doc, schema)
    if not schema or schema == {"additionalProperties": True}:
        return [where]
    found = []
    for key in ("anyOf", "oneOf", "allOf"):
        for i, part in enumerate(schema.get(key, [])):
            found += _untyped(doc, part, f"{where}|{i}", seen)
    if any(k in schema for k in ("anyOf", "oneOf", "allOf")):
        return found
    kind = schema.get("type")
    if kind == "array":
        return found + _untyped(doc, schema.get("items", {}), f"{where}[]", seen)
    if kind == "object" or "properties" in schema or "additionalProperties" in schema:
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        if not props and not (isinstance(extra, dict) and extra):  # a map must say what its values are
            return found + [where]
        for name, sub in props.items():
            found += _untyped(doc, sub, f"{where}.{name}", seen)
        if isinstance(extra, dict) and extra:
            found += _untyped(doc, extra, f"{where}.*", seen)
        return found
    return found if kind else found + [where]


def _get_answers(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The JSON schema of each GET route's 200 answer under /api/."""
    return {path: op["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            for path, op in doc["paths"].items() if path.startswith("/api/") and "get" in op}


def test_every_get_answer_is_typed_to_its_leaves(openapi: dict[str, Any]) -> None:
    answers = _get_answers(openapi)
    assert len(answers) == 14
    untyped = {path: bad for path, schema in answers.items() if (bad := _untyped(openapi, schema, path, set()))}
    assert untyped == {}
    for path, schema in answers.items():  # and each is a named model a client generator can name
        assert "$ref" in schema, path


def test_the_lists_items_are_their_own_models(openapi: dict[str, Any]) -> None:
    answers = _get_answers(openapi)
    items = {path: _resolve(openapi, _resolve(openapi, s)["properties"]["items"]["items"])["title"]
             for path, s in answers.items() if "items" in _resolve(openapi, s).get("properties", {})}
    assert items == {"/api/corpora": "RunItem", "/api/stories": "StoryItem", "/api/claims": "ClaimOut",
                     "/api/reuse": "ReuseOut", "/api/articles": "ArticleItem", "/api/entities": "EntityItem",
                     "/api/outlets": "OutletItem", "/api/quotes": "QuoteOut", "/api/search": "ArticleItem",
                     "/api/feeds": "FeedItem"}
    story = _resolve(openapi, answers["/api/stories/{story_id}"])
    assert story["properties"]["claims"]["items"] == {"$ref": "#/components/schemas/ClaimOut"}
    assert "additionalProperties" not in story


def _field_kinds(doc: dict[str, Any]) -> dict[str, set[str]]:
    """Each property name of the document's models and the JSON types it has (arrays and numbers)."""
    kinds: dict[str, set[str]] = {}
    for schema in doc["components"]["schemas"].values():
        for name, prop in schema.get("properties", {}).items():
            for part in prop.get("anyOf", [prop]):
                kind = _resolve(doc, part).get("type")
                if kind in ("array", "integer", "number"):
                    kinds.setdefault(name, set()).add("count" if kind != "array" else "list")
    return kinds


def test_a_field_name_is_a_list_or_a_count_never_both(openapi: dict[str, Any]) -> None:
    kinds = _field_kinds(openapi)
    assert {name for name, k in kinds.items() if len(k) > 1} == set()
    assert kinds["articles"] == kinds["origins"] == kinds["mentions"] == kinds["skipped"] == {"list"}
    assert kinds["article_count"] == kinds["origin_count"] == kinds["mention_count"] == {"count"}


def _kinds_in(value: Any, found: dict[str, set[str]]) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, list) or (isinstance(v, int | float) and not isinstance(v, bool)):
                found.setdefault(k, set()).add("list" if isinstance(v, list) else "count")
            _kinds_in(v, found)
    elif isinstance(value, list):
        for v in value:
            _kinds_in(v, found)


def _answers(client: TestClient) -> dict[str, Any]:
    story = client.get("/api/stories").json()["items"][0]["id"]
    article = client.get("/api/articles").json()["items"][0]["id"]
    entity = client.get("/api/entities", params={"q": "Burns"}).json()["items"][0]["id"]
    paths = ["/api/corpora", "/api/stories", f"/api/stories/{story}", f"/api/claims?story={story}",
             "/api/reuse", "/api/articles", f"/api/articles/{article}", "/api/entities", f"/api/entities/{entity}",
             "/api/quotes", "/api/search?q=Ankara"]
    answers = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text)
        answers[path] = response.json()
    return answers


def test_the_answers_give_a_name_one_meaning(client: TestClient) -> None:
    found: dict[str, set[str]] = {}
    _kinds_in(list(_answers(client).values()), found)
    assert {name for name, k in found.items() if len(k) > 1} == set()
    assert found["articles"] == found["origins"] == found["mentions"] == {"list"}
    assert found["article_count"] == found["origin_count"] == found["mention_count"] == found["skipped_count"] \
        == {"count"}


def _renamed(table: str, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names = API_COUNTS.get(table, {})
    return [{names.get(k, k): v for k, v in item.items()} for item in items]


def test_the_answers_are_what_the_store_holds(client: TestClient) -> None:
    """The models drop nothing and add nothing: each answer is the reader's, its counts renamed."""
    answers = _answers(client)
    r = Reader(client.db)  # type: ignore[attr-defined]
    try:
        run = r.run()
        assert run is not None
        story = answers["/api/stories"]["items"][0]["id"]
        article = answers["/api/articles"]["items"][0]["id"]
        entity = next(p for p in answers if p.startswith("/api/entities/")).rsplit("/", 1)[-1]
        expected = {
            "/api/corpora": _renamed("runs", r.runs(0, 50).items),
            "/api/stories": _renamed("stories", r.stories(run, 0, 50).items),
            f"/api/claims?story={story}": r.claims(run, story, 0, 50).items,
            "/api/reuse": r.reuse(run, None, 0, 50).items,
            "/api/articles": r.articles(0, 50).items,
            "/api/entities": _renamed("entities", r.entities(run, 0, 50).items),
            "/api/quotes": r.quotes(run, 0, 50).items,
            "/api/search?q=Ankara": r.articles(0, 50, text="Ankara", run=run).items}
        for path, items in expected.items():
            assert answers[path]["items"] == items, path
        whole = views.story(r, None, story, 0, 50)
        totals = {API_COUNTS["story totals"][k]: n for k, n in whole["total"].items()}
        got = answers[f"/api/stories/{story}"]
        assert got == dict(whole, total=totals, next=got["next"])
        assert answers[f"/api/articles/{article}"] == views.article(r, article)
        assert answers[f"/api/entities/{entity}"] == views.entity(r, None, entity)
    finally:
        r.close()


def test_a_claim_without_updates_has_no_updates_field(client: TestClient) -> None:
    """A field a stored item lacks is left out of the answer, not given as null."""
    story = client.get("/api/stories").json()["items"][0]["id"]
    claims = client.get("/api/claims", params={"story": story, "limit": 200}).json()["items"]
    assert claims and all(c.get("updates", ["?"]) and c.get("differs", {"slot": "?"}) is not None for c in claims)
    assert any("updates" not in c for c in claims) and all("support_total" not in c for c in claims)


def test_the_csv_export_keeps_the_store_s_names(client: TestClient) -> None:
    """`recoupe export`'s columns are unchanged: only the JSON answers rename the counts."""
    header = client.get("/api/stories", params={"_format": "csv"}).text.splitlines()[0]
    assert header == "id,title,articles,origins,event_date"


def test_a_search_and_a_filtered_list_are_counted_up_to_a_bound(client: TestClient,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 20: a search ranks its SEARCH_CAP latest matches only, a list counts COUNT_CAP rows past the page;
    ``total_capped`` says there are more (absent from an answer counted whole)."""
    from recoupe.store import reader

    whole = client.get("/api/search", params={"q": "Ankara"}).json()
    assert whole["total"] == 5 and "total_capped" not in whole
    monkeypatch.setattr(reader, "SEARCH_CAP", 3)
    capped = client.get("/api/search", params={"q": "Ankara"}).json()
    assert (capped["total"], capped["total_capped"], len(capped["items"])) == (3, True, 3)
    assert {a["id"] for a in capped["items"]} < {a["id"] for a in whole["items"]}
    monkeypatch.setattr(reader, "COUNT_CAP", 2)
    listed = client.get("/api/articles", params={"q": "Ankara", "limit": 1, "offset": 1}).json()
    assert (listed["total"], listed["total_capped"], len(listed["items"])) == (3, True, 1) and listed["next"]
