"""Issue 15, the web app's items: writes from other sites and DNS rebinding (2), a store path with ``#``, ``?``
or ``%`` (3), ids holding ``/`` (8), an upload name used twice (9), 405 without Allow, HEAD, server paths
shown (10), a 3,000-article story page (11), and the cap on the records of one upload.

Each test reproduces its defect as it was reported (it fails on the code before the fix). Where only the write
matters, the analysis of an upload is replaced by a stub (an upload re-analyses the store: seconds).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import sqlite3
import stat
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from recoupe.records import Article, Claim, Corpus, Entity, InputReport, Origin, Passage, Quote, ReuseEdge, Span, Story
from recoupe.store import Store
from recoupe.web import create_app

from ._jobs import added, finished

ARTICLE = ("Le tramway de Valmont inauguré\n\nLe maire de Valmont, Claire Dubois, a inauguré lundi la nouvelle "
           "ligne de tramway, qui reliera le centre à l'aéroport en vingt minutes.\n").encode()
OTHER = ("Le pont de Valmont rouvert\n\nLe préfet Marc Lefort a rouvert mardi le pont de Valmont, fermé depuis "
         "trois mois pour des travaux de consolidation.\n").encode()
TOKEN = "hardening-test-token-0123456789"


@pytest.fixture
def store(seeds_run: Path, tmp_path: Path) -> Path:
    db = tmp_path / "data" / "store.sqlite"
    db.parent.mkdir()
    shutil.copy(seeds_run / "recoupe.sqlite", db)
    return db


def _error(response, status: int, *words: str) -> dict:
    assert response.status_code == status, (response.status_code, response.text)
    body = response.json()
    assert set(body) == {"ok", "error", "errors", "status"} and body["status"] == status
    for word in words:
        assert word in body["error"], (word, body["error"])
    return body


def _serve(monkeypatch: pytest.MonkeyPatch, args: list[str], env: dict[str, str] | None = None) -> tuple[str, Any]:
    """`recoupe serve ARGS` through the CLI, uvicorn stubbed: (what it printed, the app it would run)."""
    import uvicorn
    from typer.testing import CliRunner

    from recoupe.cli import app

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kwargs: seen.update(kwargs, app=application))
    monkeypatch.delenv("RECOUPE_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", *args], env=env or {})
    assert result.exit_code == 0, result.output
    return result.output, seen["app"]


# -- 2. writes: a token made by `serve`, other sites refused, the Host checked ----------------------------------
def test_serve_makes_a_token_keeps_it_and_needs_it(monkeypatch: pytest.MonkeyPatch, store: Path,
                                                   analysed: list) -> None:
    output, app = _serve(monkeypatch, ["--db", str(store)])
    kept = store.with_name("store.sqlite.token")
    token = kept.read_text().strip()
    assert len(token) >= 40 and token in output and str(kept) in output
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    _error(client.post("/api/articles", files={"file": ("a.txt", ARTICLE)}), 401, "Authorization: Bearer")
    assert not analysed
    ok = client.post("/api/articles", files={"file": ("a.txt", ARTICLE)}, headers={"Authorization": f"Bearer {token}"})
    assert finished(client, ok)["status"] == "done"
    assert 'id="upload-token"' in client.get("/").text and token not in client.get("/").text  # never in a page
    # the next serve of the store takes the same token, and does not print it again
    output, app = _serve(monkeypatch, ["--db", str(store)])
    assert token not in output and str(kept) in output
    again = TestClient(app, base_url="http://127.0.0.1:8000")
    assert finished(again, again.post("/api/articles", json={"text": "Le maire a parlé lundi."},
                                      headers={"Authorization": f"Bearer {token}"}))["status"] == "done"


@pytest.mark.parametrize("spoil", ["others may read", "a link", "empty"])
def test_serve_refuses_a_token_file_it_cannot_trust(monkeypatch: pytest.MonkeyPatch, store: Path, spoil: str) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from recoupe.cli import app

    kept = store.with_name("store.sqlite.token")
    if spoil == "a link":
        (store.parent / "elsewhere").write_text(TOKEN)
        kept.symlink_to(store.parent / "elsewhere")
    else:
        kept.write_text(TOKEN if spoil == "others may read" else "")
        kept.chmod(0o644 if spoil == "others may read" else 0o600)
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: pytest.fail("served with a token file not to be trusted"))
    monkeypatch.delenv("RECOUPE_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", str(store)], env={})
    assert result.exit_code == 2 and "token file" in result.output, result.output


def test_serve_runs_open_only_when_told_and_warns(monkeypatch: pytest.MonkeyPatch, store: Path,
                                                  analysed: list) -> None:
    output, app = _serve(monkeypatch, ["--db", str(store), "--no-token"])
    assert "warning" in output and "--no-token" in output
    assert not store.with_name("store.sqlite.token").exists()
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    assert finished(client, client.post("/api/articles", files={"file": ("a.txt", ARTICLE)}))["status"] == "done"
    # and even open, another site's page cannot write
    _error(client.post("/api/articles", files={"file": ("b.txt", OTHER)},
                       headers={"Origin": "https://evil.example"}), 403, "another site")
    assert len(analysed) == 1


CROSS_SITE = [
    {"Origin": "https://evil.example"}, {"Origin": "http://evil.example:8000"}, {"Origin": "null"},
    {"Origin": "http://127.0.0.1:9999"}, {"Origin": "file://"}, {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"}, {"Sec-Fetch-Site": "cross-site", "Origin": "http://127.0.0.1:8000"},
    {"Sec-Fetch-Site": "same-origin", "Origin": "https://evil.example"}, {"Origin": "http://[::1"},
    {"Origin": "http://127.0.0.1:8000.evil.example"}, {"Origin": "http://127.0.0.1:8000@evil.example"},
]


@pytest.mark.parametrize("headers", CROSS_SITE, ids=[json.dumps(h) for h in CROSS_SITE])
@pytest.mark.parametrize("token", ["", TOKEN])
def test_writes_from_another_site_are_refused(store: Path, analysed: list, headers: dict, token: str) -> None:
    """A page of any site the user visits can POST a form (multipart) to the server: with no token, it was
    taken. Refused now from its Origin or Sec-Fetch-Site, with the token or without."""
    client = TestClient(create_app(store, token=token), base_url="http://127.0.0.1:8000")
    auth = {"Authorization": f"Bearer {token}"} if token else {}
    before = hashlib.sha256(store.read_bytes()).hexdigest()
    _error(client.post("/api/articles", files={"file": ("forged.txt", ARTICLE, "text/plain")},
                       headers={**headers, **auth}), 403, "another site")
    _error(client.post("/api/articles", json={"text": "Le maire a démissionné."}, headers={**headers, **auth}), 403)
    assert not analysed and hashlib.sha256(store.read_bytes()).hexdigest() == before
    assert not (store.parent / "uploads").exists()


@pytest.mark.parametrize("headers", [{}, {"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"},
                                     {"Sec-Fetch-Site": "none"}, {"Origin": "HTTP://127.0.0.1:8000"}])
def test_writes_from_the_servers_own_pages_and_programs_pass(store: Path, analysed: list, headers: dict) -> None:
    client = TestClient(create_app(store, token=""), base_url="http://127.0.0.1:8000")
    response = client.post("/api/articles", files={"file": ("a.txt", ARTICLE)}, headers=headers)
    assert finished(client, response)["status"] == "done"


def test_an_origin_behind_a_proxy_is_the_base_url(store: Path, analysed: list) -> None:
    client = TestClient(create_app(store, token="", base_url="https://news.example/recoupe/"),
                        base_url="http://127.0.0.1:8000")
    ok = client.post("/api/articles", json={"text": "Le maire a parlé lundi."},
                     headers={"Origin": "https://news.example", "Sec-Fetch-Site": "same-origin"})
    assert finished(client, ok)["status"] == "done"
    _error(client.post("/api/articles", json={"text": "x"}, headers={"Origin": "https://news.example.evil"}), 403)


def test_dns_rebinding_is_refused_and_links_ignore_the_host(monkeypatch: pytest.MonkeyPatch, store: Path) -> None:
    """A site whose name is made to point at 127.0.0.1 reads the server as its own origin: its requests name
    that site in Host. They were answered, and the `next` links were built from that Host."""
    _, app = _serve(monkeypatch, ["--db", str(store), "--port", "8000"])
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil", "[::2]:8000",
                 "127.0.0.1:80:80", "10.0.0.1"):
        for path in ("/api/articles?limit=1", "/", "/api/stories"):
            _error(client.get(path, headers={"Host": host}), 400, "does not answer to")
        assert client.head("/", headers={"Host": host}).status_code == 400
    for host in ("127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "localhost."):
        page = client.get("/api/articles?limit=1", headers={"Host": host})
        assert page.status_code == 200, (host, page.text)
        assert page.json()["next"] == "http://127.0.0.1:8000/api/articles?limit=1&offset=1"
    # a name given with --host, or --allow-host, is answered; links follow --base-url
    _, app = _serve(monkeypatch, ["--db", str(store), "--host", "recoupe.lan", "--allow-host", "news.lan",
                                  "--base-url", "https://news.example/r"])
    client = TestClient(app)
    for host in ("recoupe.lan:8000", "news.lan", "news.example"):
        page = client.get("/api/articles?limit=1", headers={"Host": host})
        assert page.status_code == 200 and page.json()["next"] == "https://news.example/r/api/articles?limit=1&offset=1"
    _error(client.get("/", headers={"Host": "evil.example"}), 400)


def test_links_are_relative_without_a_base_url(store: Path) -> None:
    client = TestClient(create_app(store, token=""))
    page = client.get("/api/articles", params={"limit": 2}, headers={"Host": "evil.example"}).json()
    assert page["next"] == "/api/articles?limit=2&offset=2"


# -- 3. a store whose path holds '#', '?' or '%' ----------------------------------------------------------------
@pytest.mark.parametrize("name", ["db.sqlite", "d?b.sqlite", "d%41b.sqlite", "d%b #1?.sqlite"])
def test_store_path_with_uri_characters(monkeypatch: pytest.MonkeyPatch, seeds_run: Path, tmp_path: Path,
                                        name: str) -> None:
    db = tmp_path / "Enquête #3" / "100% ?sûr" / name
    db.parent.mkdir(parents=True)
    shutil.copy(seeds_run / "recoupe.sqlite", db)
    _, app = _serve(monkeypatch, ["--db", str(db)])
    client = TestClient(app, base_url="http://127.0.0.1:8000")
    story = client.get("/api/stories").json()["items"][0]["id"]
    for path in ("/", "/api/stories", "/api/corpora", f"/stories/{story}", "/articles/001_c9b7af977afe6370"):
        assert client.get(path).status_code == 200, path
    made = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(p.parent == db.parent and p.name.startswith(name) for p in made), made  # no other file opened


# -- 8. ids holding '/' and other characters ---------------------------------------------------------------------
ODD_IDS = ["a/b", "x%2Fy", "é ?#", "urn:uuid:1/2/3", "../etc/passwd", "a//b/"]


@pytest.fixture
def odd_store(tmp_path: Path) -> Path:
    """Articles, a story and an entity whose ids hold '/', '%', '?', '#', spaces and accents."""
    articles = [Article(id=aid, path=f"/srv/news/in/{k}.jsonl", content_hash=hashlib.sha256(aid.encode()).hexdigest(),
                        text=f"Claire Dubois a parlé lundi à Valmont ({k}).", title=f"Article {aid}", story="s/1")
                for k, aid in enumerate(ODD_IDS)]
    story = Story("s/1", "Valmont", tuple(ODD_IDS), None, (Origin("o/1", "AFP", tuple(ODD_IDS), ("same wire",)),))
    entity = Entity("e/1 #x", "Claire Dubois", "PER", tuple(Span(aid, "Claire Dubois", 0, 13) for aid in ODD_IDS))
    db = tmp_path / "odd.sqlite"
    with Store(db) as s:
        s.save(Corpus(inputs=(InputReport("/srv/news/in", "ok", None, tuple(ODD_IDS)),), articles=tuple(articles),
                      stories=(story,), entities=(entity,)))
    return db


def test_ids_with_slashes_are_reachable(odd_store: Path, tmp_path: Path) -> None:
    """Through a real `recoupe serve` (the test client decodes a path twice: "%252F" would reach the app as
    "/"), requests written byte for byte."""
    import html
    import http.client

    from .test_browser import serve

    def get(conn: http.client.HTTPConnection, path: str) -> tuple[int, str]:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode()

    with serve(odd_store, tmp_path / "serve.log") as base:
        conn = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
        for aid in ODD_IDS:
            status, text = get(conn, f"/api/articles/{quote(aid, safe='')}")
            assert status == 200 and json.loads(text)["id"] == aid, (aid, text)
            status, text = get(conn, f"/articles/{quote(aid, safe='')}")
            assert status == 200 and html.escape(f"Article {aid}", quote=False) in text, aid
        status, text = get(conn, f"/api/stories/{quote('s/1', safe='')}")
        assert status == 200 and json.loads(text)["id"] == "s/1"
        status, text = get(conn, f"/api/entities/{quote('e/1 #x', safe='')}")
        assert status == 200 and json.loads(text)["name"] == "Claire Dubois"
        links = set()  # every link of the served pages leads somewhere
        for path in ("/", f"/stories/{quote('s/1', safe='')}", f"/entities/{quote('e/1 #x', safe='')}"):
            status, text = get(conn, path)
            assert status == 200, path
            links |= {html.unescape(h) for h in re.findall(r'href="(/(?:stories|articles|entities)/[^"#]+)', text)}
        assert {f"/articles/{quote(a, safe='')}" for a in ODD_IDS} | {"/stories/s%2F1"} <= links, links
        for link in sorted(links):
            assert get(conn, link)[0] == 200, link
        conn.close()


# -- 9. an upload name used twice --------------------------------------------------------------------------------
def test_an_upload_never_replaces_an_earlier_one(store: Path, analysed: list) -> None:
    client = TestClient(create_app(store, token=""))
    for data in (ARTICLE, OTHER, ARTICLE, b"Un troisieme texte, sur le marche de Valmont, ouvert samedi."):
        response = client.post("/api/articles", files={"file": ("valmont.txt", data, "text/plain")})
        assert finished(client, response)["status"] == "done"
    paths = [p for p, _ in analysed]
    assert [p.name for p in paths] == ["valmont.txt", "valmont-2.txt", "valmont.txt", "valmont-3.txt"]
    for path, data in analysed:  # each article's file still holds the bytes it was read from
        assert path.read_bytes() == data
    assert sorted(p.name for p in (store.parent / "uploads").iterdir()) == [
        "valmont-2.txt", "valmont-3.txt", "valmont.txt"]


def test_an_earlier_article_keeps_its_file_with_the_real_analysis(store: Path) -> None:
    client = TestClient(create_app(store, token=""))
    first = client.post("/api/articles", files={"file": ("valmont.txt", ARTICLE, "text/plain")})
    second = client.post("/api/articles", files={"file": ("valmont.txt", OTHER, "text/plain")})
    (a,), (b,) = added(client, first), added(client, second)
    with sqlite3.connect(store) as conn:
        paths = dict(conn.execute("SELECT id, path FROM articles WHERE id IN (?, ?)", (a, b)).fetchall())
    assert Path(paths[a]).read_bytes() == ARTICLE and Path(paths[b]).read_bytes() == OTHER


# -- 10. 405 with Allow, HEAD, no server paths --------------------------------------------------------------------
@pytest.mark.parametrize(("method", "path", "allow"), [
    ("DELETE", "/api/stories", "GET, HEAD"), ("PUT", "/api/articles", "GET, HEAD, POST"),
    ("POST", "/api/stories/x", "GET, HEAD"), ("PATCH", "/api/articles/a/b", "GET, HEAD"),
    ("POST", "/", "GET, HEAD"), ("DELETE", "/articles/x", "GET, HEAD"), ("POST", "/openapi.json", "GET, HEAD")])
def test_405_says_what_is_allowed(store: Path, method: str, path: str, allow: str) -> None:
    response = TestClient(create_app(store, token="")).request(method, path)
    _error(response, 405)
    assert response.headers["Allow"] == allow


def test_head_is_answered_wherever_get_is(store: Path) -> None:
    client = TestClient(create_app(store, token=""))
    story = client.get("/api/stories").json()["items"][0]["id"]
    for path in ("/", "/api/stories", "/api/articles?limit=2", "/api/articles/001_c9b7af977afe6370",
                 f"/api/stories/{story}", f"/stories/{story}", "/articles/001_c9b7af977afe6370", "/openapi.json",
                 "/api/corpora", "/api/articles/nope"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == got.status_code, (path, head.status_code)
        assert head.content == b"" and head.headers["content-length"] == str(len(got.content)), path
        assert head.headers["content-type"] == got.headers["content-type"]


def test_no_server_path_in_pages_or_api(store: Path, seeds_run: Path) -> None:
    client = TestClient(create_app(store, token=""))
    with sqlite3.connect(store) as conn:
        stored = dict(conn.execute("SELECT id, path FROM articles").fetchall())
    assert all(Path(p).is_absolute() for p in stored.values())  # the store keeps where it read them
    for aid, path in stored.items():
        folder = str(Path(path).parent)
        answer = client.get(f"/api/articles/{aid}")
        assert answer.json()["path"] == Path(path).name
        assert folder not in answer.text and str(seeds_run) not in answer.text
        page = client.get(f"/articles/{aid}")
        assert Path(path).name in page.text and folder not in page.text and "/tmp/" not in page.text


# -- 11. a 3,000-article story, by page ----------------------------------------------------------------------------
N_BIG = 3000


@pytest.fixture(scope="module")
def big_story(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with one story of 3,000 articles: 6,000 quotes, 3,000 reuse edges, 300 claims supported by 40
    articles each. Records are written straight to the store (no NLP)."""
    ids = [f"big-{k:05d}" for k in range(N_BIG)]
    body = "Le conseil municipal de Valmont a voté lundi le budget du nouveau tramway. " * 8
    articles = tuple(Article(id=aid, path=f"/srv/news/{aid}.txt", content_hash=hashlib.sha256(aid.encode()).hexdigest(),
                             text=f"{body}({aid})", title=f"Le budget du tramway ({aid})", story="big")
                     for aid in ids)
    origins = tuple(Origin(f"o{j}", label, tuple(ids[j::3]), ("synthetic",)) for j, label in enumerate(
        ("AFP", "Reuters", "Le Monde")))
    story = Story("big", "Le budget du tramway", tuple(ids), "2024-05", origins)
    quotes = tuple(Quote(f"q{k}-{j}", aid, "Le budget est voté", 10 * j, 10 * j + 18, "Claire Dubois")
                   for k, aid in enumerate(ids) for j in range(2))
    reuse = tuple(ReuseEdge(ids[k], ids[k + 1], "copy", 0.9, (Passage("Le conseil municipal", "Le conseil municipal",
                                                                      0, 0, 0.9),) * 2) for k in range(N_BIG - 1))
    claims = tuple(Claim(f"c{k}", "big", f"Le budget du tramway est de {k} millions d'euros.", "corroborated", 3,
                         tuple(Span(ids[(k * 7 + j) % N_BIG], "Le conseil municipal de Valmont a voté lundi", 0, 44)
                               for j in range(40))) for k in range(300))
    db = tmp_path_factory.mktemp("big") / "big.sqlite"
    with Store(db) as s:
        s.save(Corpus(inputs=(InputReport("/srv/news", "ok", None, tuple(ids)),), articles=articles,
                      stories=(story,), quotes=quotes, reuse=reuse, claims=claims))
    return db


def test_a_large_story_is_served_by_page(big_story: Path) -> None:
    client = TestClient(create_app(big_story, token=""))
    began = time.monotonic()
    page = client.get("/stories/big")
    took = time.monotonic() - began
    assert page.status_code == 200 and len(page.content) < 1_000_000, len(page.content)
    print(f"story page: {len(page.content):,} bytes in {took:.2f} s")
    assert "3000 articles" in page.text and "Articles 1–50 of 3000" in page.text
    assert 'href="?offset=50&amp;limit=50"' in page.text
    last = client.get("/stories/big", params={"offset": 2950, "limit": 50})
    assert last.status_code == 200 and "Articles 2951–3000 of 3000" in last.text and len(last.content) < 1_000_000
    assert "big-02999" in last.text and "big-00000" not in last.text
    biggest = client.get("/stories/big", params={"limit": 200})
    assert biggest.status_code == 200 and len(biggest.content) < 1_000_000, len(biggest.content)

    first = client.get("/api/stories/big")
    assert first.status_code == 200 and len(first.content) < 1_000_000, len(first.content)
    body = first.json()
    assert body["total"] == {"article_count": N_BIG, "claim_count": 300, "quote_count": 2 * N_BIG,
                             "reuse_count": N_BIG - 1}
    assert len(body["articles"]) == len(body["article_info"]) == 50 and body["next"].startswith("/api/stories/big?")
    assert sum(o["size"] for o in body["origins"]) == N_BIG
    assert {c["support_total"] for c in body["claims"]} == {40} and {len(c["support"]) for c in body["claims"]} == {20}
    seen: dict[str, list] = {"articles": [], "claims": [], "quotes": [], "reuse": []}
    url: str | None = "/api/stories/big?limit=200"
    while url:
        part = client.get(url).json()
        assert len(json.dumps(part)) < 1_000_000
        seen["articles"] += part["articles"]
        seen["claims"] += [c["id"] for c in part["claims"]]
        seen["quotes"] += [q["id"] for q in part["quotes"]]
        seen["reuse"] += [(e["source"], e["target"]) for e in part["reuse"]]
        url = part["next"]
    assert {f"{k[:-1] if k != 'reuse' else k}_count": len(set(v)) for k, v in seen.items()} == body["total"]
    assert {f"{k[:-1] if k != 'reuse' else k}_count": len(v) for k, v in seen.items()} == body["total"]


def test_story_page_lists_stay_right_for_a_small_story(store: Path) -> None:
    """The seeds' story (5 articles, 52 claims, 57 quotes, 3 reuse edges): its graph is drawn, as every
    article and edge is on the first page; its quotes and claims go on to a second page of 50."""
    client = TestClient(create_app(store, token=""))
    story = client.get("/api/stories").json()["items"][0]["id"]
    first = client.get(f"/api/stories/{story}").json()
    assert first["total"]["article_count"] == 5 == len(first["articles"]) and first["total"]["quote_count"] > 50
    assert first["next"] == f"/api/stories/{story}?offset=50"
    whole = client.get(f"/api/stories/{story}", params={"limit": 200}).json()
    assert whole["next"] is None and {f"{k.rstrip('s')}_count": len(whole[k]) for k in ("articles", "claims", "quotes",
                                                                                      "reuse")} == whole["total"]
    page = client.get(f"/stories/{story}").text
    assert "Copy graph" in page and 'href="?offset=50&amp;limit=50"' in page
    assert "Copy graph" in client.get(f"/stories/{story}", params={"limit": 200}).text
    tiny = client.get(f"/stories/{story}", params={"limit": 2})
    assert "Articles 1–2 of 5" in tiny.text and "Copy graph:" not in tiny.text and "?offset=2&amp;limit=2" in tiny.text


# -- the records of one upload ---------------------------------------------------------------------------------
def _jsonl(n: int) -> bytes:
    return "".join(json.dumps({"id": f"r{k}", "text": f"Le maire a parlé lundi ({k})."}) + "\n"
                   for k in range(n)).encode()


def _warc(n: int) -> bytes:
    out = b""
    for k in range(n):
        html = f"<html><body><p>Le maire de Valmont a parlé lundi ({k}).</p></body></html>".encode()
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
        out += (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{k}>\r\n"
                f"WARC-Target-URI: https://news.example/{k}\r\nContent-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n").encode() + http + b"\r\n\r\n"
    return out


def test_an_upload_over_the_records_limit_is_refused(store: Path, analysed: list) -> None:
    client = TestClient(create_app(store, token=""))
    big = _jsonl(1001)
    assert len(big) < 100_000  # far under the size limit: the number of articles is what is refused
    _error(client.post("/api/articles", files={"file": ("many.jsonl", big)}), 413, "1001 records", "1000",
           "RECOUPE_MAX_UPLOAD_RECORDS")
    assert not analysed and list((store.parent / "uploads").iterdir()) == []
    response = client.post("/api/articles", files={"file": ("enough.jsonl", _jsonl(1000))})
    assert finished(client, response)["status"] == "done"


def test_the_records_limit_from_the_environment(store: Path, analysed: list, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECOUPE_MAX_UPLOAD_RECORDS", "3")
    client = TestClient(create_app(store, token=""))
    for name, data in (("four.jsonl", _jsonl(4)), ("four.warc", _warc(4)), ("four.warc.gz", gzip.compress(_warc(4)))):
        _error(client.post("/api/articles", files={"file": (name, data)}), 413, "4 records", "limit of 3")
    assert not analysed
    for name, data in (("three.jsonl", _jsonl(3)), ("three.warc", _warc(3)), ("one.txt", ARTICLE)):
        assert finished(client, client.post("/api/articles", files={"file": (name, data)}))["status"] == "done", name
    assert len(analysed) == 3


def test_records_limit_is_documented(store: Path) -> None:
    schema = TestClient(create_app(store, token="")).get("/openapi.json").json()
    post = schema["paths"]["/api/articles"]["post"]
    assert "RECOUPE_MAX_UPLOAD_RECORDS" in post["responses"]["413"]["description"]
    assert "403" in post["responses"]



# -- 2. in a browser: another site's page posting to the server ----------------------------------------------
EVIL = """<!doctype html><html><body><form id="f" method="post" enctype="multipart/form-data" action="{target}">
<input type="file" name="file" id="file"></form>
<script>
const text = "Faux\\n\\nLe maire de Valmont a démissionné lundi, a annoncé la préfecture dans un communiqué.";
const data = new FormData();
data.append("file", new Blob([text], {{type: "text/plain"}}), "forged.txt");
window.sent = fetch("{target}", {{method: "POST", body: data, mode: "no-cors", credentials: "include"}})
  .then(() => "sent", (err) => "failed: " + err);
window.submitForm = () => {{
  const files = new DataTransfer();
  files.items.add(new File([text], "forged-form.txt", {{type: "text/plain"}}));
  document.getElementById("file").files = files.files;
  document.getElementById("f").submit();
}};
</script></body></html>"""


@pytest.mark.slow
def test_another_sites_page_cannot_write_in_a_browser(seeds_run: Path, tmp_path: Path) -> None:
    """A page on another site (http://localhost:OTHER) posts a multipart form and a no-cors fetch to the
    server, as any page the user visits could: `recoupe serve` as it starts by default, and with --no-token.
    Nothing is stored. The user's own upload form, given the token `serve` made, still works."""
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    from .test_browser import CHROMIUM, CHROMIUM_ARGS, UPLOAD_TIMEOUT_MS, _json, serve

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: see test_browser.py"
    db = tmp_path / "store.sqlite"
    shutil.copy(seeds_run / "recoupe.sqlite", db)
    evil_page: dict[str, bytes] = {}

    class Evil(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = evil_page["html"]
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    evil = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Evil)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                for no_token in (False, True):
                    with serve(db, tmp_path / f"serve-{no_token}.log", no_token=no_token) as base:
                        evil_page["html"] = EVIL.format(target=f"{base}/api/articles").encode()
                        page = browser.new_page()
                        page.set_default_timeout(20_000)
                        page.goto(f"http://localhost:{evil.server_address[1]}/")
                        assert page.evaluate("window.sent") == "sent"
                        with page.expect_navigation() as refused:
                            page.evaluate("window.submitForm()")
                        assert refused.value is not None and refused.value.status == 403, refused.value
                        assert "another site" in page.content()
                        assert _json(f"{base}/api/articles")["total"] == 5, no_token
                        assert not (tmp_path / "uploads").exists()
                        page.close()
                # the person at the keyboard: the home page's form, with the token `serve` printed and kept
                token = db.with_name("store.sqlite.token").read_text().strip()
                upload = tmp_path / "valmont.txt"
                upload.write_bytes(ARTICLE)
                with serve(db, tmp_path / "serve-form.log", no_token=False) as base:
                    page = browser.new_page()
                    page.set_default_timeout(20_000)
                    page.goto(base + "/")
                    page.set_input_files("#upload-file", str(upload))
                    page.fill("#upload-token", token)
                    with page.expect_response(lambda r: r.url.endswith("/api/articles"),
                                              timeout=UPLOAD_TIMEOUT_MS) as posted:
                        page.click("#upload button[type=submit]")
                    assert posted.value.status == 202
                    page.wait_for_selector("#upload-added a", timeout=UPLOAD_TIMEOUT_MS)  # the job done
                    assert _json(f"{base}/api/articles?q=Valmont")["total"] == 1
            finally:
                browser.close()
    finally:
        evil.shutdown()
