"""Uploads under a path prefix, and uploads not lost on a restart (issue 20).

The home page's upload form posts to its own ``action`` (relative to the page) and asks for its job at the
Location the API answers: served under a prefix (a proxy's ``root_path``, or a Starlette Mount), both start with
it. An upload stored in the uploads folder whose analysis the server never ended (killed, restarted) is queued
again when the app starts, once; an upload already analysed is not."""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.routing import Mount

from recoupe.store import Store
from recoupe.web import create_app

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
