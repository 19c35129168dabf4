"""The JSON API against its own OpenAPI schema (schemathesis 4), in-process over a copy of the seeds store.

Every GET operation under /api/ is fuzzed with a few generated requests and checked by
`case.call_and_validate()`: no 5xx, and status codes, content types, headers and bodies as documented.
POST /api/articles is left out: each accepted upload re-analyses the whole corpus (seconds per example);
test_web_api.py and test_web_browser.py cover it.
"""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings

from recoupe.web import create_app

# The schema is loaded when the module is imported, before fixtures exist: the app is built over a path in a
# folder of its own, and the store is copied there (from the seeds_run fixture) before any request is made.
DB = Path(tempfile.mkdtemp(prefix="recoupe-schema-")) / "store.sqlite"
app = create_app(DB)
schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(method="GET", path_regex="^/api/")


@pytest.fixture(scope="module", autouse=True)
def store(seeds_run: Path) -> Iterator[Path]:
    shutil.copy(seeds_run / "recoupe.sqlite", DB)
    yield DB
    shutil.rmtree(DB.parent, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=12, deadline=5_000, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_get_operations_conform(case) -> None:
    case.call_and_validate()


def test_schema_covers_every_get_operation() -> None:
    paths = {op.ok().path for op in schema.get_all_operations()}
    assert paths == {"/api/corpora", "/api/stories", "/api/stories/{story_id}", "/api/claims", "/api/reuse",
                     "/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/entities/{entity_id}",
                     "/api/quotes", "/api/search"}


def test_existing_items_conform() -> None:
    """Generated ids are almost always unknown (404): the operations are also validated on real ids."""
    from fastapi.testclient import TestClient

    client = TestClient(app)
    story = client.get("/api/stories").json()["items"][0]["id"]
    article = client.get("/api/articles").json()["items"][0]["id"]
    entity = client.get("/api/entities", params={"q": "Burns"}).json()["items"][0]["id"]
    calls = [("/api/stories/{story_id}", {"story_id": story}, None),
             ("/api/articles/{article_id}", {"article_id": article}, None),
             ("/api/entities/{entity_id}", {"entity_id": entity}, None),
             ("/api/claims", None, {"story": story, "status": "corroborated", "limit": 2}),
             ("/api/reuse", None, {"story": story}),
             ("/api/quotes", None, {"article": article}),
             ("/api/search", None, {"q": "Ankara", "entity": "Burns"}),
             ("/api/articles", None, {"entity": entity, "limit": 1})]
    for path, params, query in calls:
        case = schema[path]["GET"].Case(path_parameters=params, query=query)
        response = case.call_and_validate()
        assert response.status_code == 200, (path, response.text)
