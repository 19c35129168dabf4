"""The JSON API against its own OpenAPI schema (schemathesis 4), in-process over copies of the seeds store.

Every GET operation under /api/ is fuzzed with a few generated requests and checked by
`case.call_and_validate()`: no 5xx, and status codes, content types, headers and bodies as documented.
POST /api/articles is fuzzed too, 40 derandomized examples a run (an accepted upload re-analyses the whole
store: about a second; most examples are refused before that), valid and invalid ones (negative mode: each
must be refused with a 4xx); once over an open app, once over an app with a token (its 401s documented, and
a request without the token refused). Each runs over a store of its own. test_api.py, test_security.py
and test_browser.py (beside this file) test the uploads' outcomes.
"""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis import GenerationMode
from schemathesis.config import PositiveDataAcceptanceConfig

from recoupe.web import create_app

# The schema is loaded when the module is imported, before fixtures exist: the app is built over a path in a
# folder of its own, and the store is copied there (from the seeds_run fixture) before any request is made.
FOLDER = Path(tempfile.mkdtemp(prefix="recoupe-schema-"))
DB, DB_OPEN, DB_TOKEN = FOLDER / "store.sqlite", FOLDER / "open" / "store.sqlite", FOLDER / "token" / "store.sqlite"
TOKEN = "schema-test-token"
app = create_app(DB, token="")
schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(method="GET", path_regex="^/api/")
uploads = schemathesis.openapi.from_asgi("/openapi.json", create_app(DB_OPEN, token="")).include(
    method="POST", path="/api/articles")
uploads.config.generation.update(modes=[GenerationMode.NEGATIVE, GenerationMode.POSITIVE])
# a file that fits the schema (any bytes) may still be refused for its content (a PNG named .txt, text with no
# article in it): 422, which JSON Schema cannot tell in advance
ACCEPTED = PositiveDataAcceptanceConfig(expected_statuses=["2xx", "401", "413", "422"])
uploads.config.checks.positive_data_acceptance = ACCEPTED
guarded = schemathesis.openapi.from_asgi("/openapi.json", create_app(DB_TOKEN, token=TOKEN)).include(
    method="POST", path="/api/articles")
guarded.config.update(headers={"Authorization": f"Bearer {TOKEN}"})
guarded.config.generation.update(modes=[GenerationMode.NEGATIVE, GenerationMode.POSITIVE])
guarded.config.checks.positive_data_acceptance = ACCEPTED
POST_SETTINGS = settings(max_examples=40, deadline=None, phases=[Phase.explicit, Phase.generate], derandomize=True,
                         suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module", autouse=True)
def store(seeds_run: Path) -> Iterator[Path]:
    for db in (DB, DB_OPEN, DB_TOKEN):
        db.parent.mkdir(exist_ok=True)
        shutil.copy(seeds_run / "recoupe.sqlite", db)
    yield DB
    shutil.rmtree(FOLDER, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=12, deadline=5_000, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_get_operations_conform(case) -> None:
    case.call_and_validate()


@uploads.parametrize()
@POST_SETTINGS
def test_upload_conforms(case) -> None:
    response = case.call_and_validate()
    assert response.status_code < 500, response.text


@guarded.parametrize()
@POST_SETTINGS
def test_upload_with_token_conforms(case) -> None:
    response = case.call_and_validate()
    assert response.status_code < 500, response.text


def test_upload_refusals_are_documented() -> None:
    """The 401 of an app with a token, its security scheme, and the other refusals of an upload."""
    post = guarded["/api/articles"]["POST"]
    case = post.Case(media_type="application/json", body={"text": "Le maire a parlé."}, headers={})
    response = case.call(headers={"Authorization": "Bearer wrong"})
    assert response.status_code == 401
    case.validate_response(response)
    for body, media, status in (({"title": "no text"}, "application/json", 422), ({"text": 5}, "application/json",
                                                                                  422)):
        case = uploads["/api/articles"]["POST"].Case(media_type=media, body=body)
        response = case.call_and_validate()
        assert response.status_code == status


def test_schema_covers_every_get_operation() -> None:
    paths = {op.ok().path for op in schema.get_all_operations()}
    assert paths == {"/api/corpora", "/api/stories", "/api/stories/{story_id}", "/api/claims", "/api/reuse",
                     "/api/articles", "/api/articles/{article_id}", "/api/entities", "/api/entities/{entity_id}",
                     "/api/outlets", "/api/quotes", "/api/search", "/api/feeds", "/api/jobs/{job_id}"}


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
