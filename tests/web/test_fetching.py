"""Articles fetched from the web by the web app (issue 22): POST /api/fetch and POST /api/feeds answer 202 with a
job at once (or refuse what can be told at once: not http(s), too many, none, no token, another site, too many
writes), the job runs ``collect`` then the analysis of its WARC as an upload's, and tells each address's outcome;
the /fetch and /feeds pages.

The first tests run a stand-in for ``collect`` that gives what each test sets (collect.py's and fetch.py's records),
so that the web side is tested on its own; the slow ones at the end fetch from the local news site
(tests/fetch_site.py) with the real collect and the real analysis."""
from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from recoupe.collect import Collected, Read
from recoupe.feeds import Item, Listing
from recoupe.fetch import Fetched, canonical
from recoupe.records import Skip
from recoupe.web import app as web_app
from recoupe.web import create_app, fetching

from ._jobs import finished

TOKEN = "t0ken-for-the-fetch-tests-0123456789"


@dataclass
class Stand:
    """A stand-in for collect: records each call, writes a WARC in the folder it is given when told to, and
    gives ``fetched`` and ``listings``."""

    fetched: tuple[Fetched, ...] = ()
    listings: tuple[Read, ...] = ()
    warc: str | None = "recoupe-20260101T000000-abcdef.warc.gz"
    calls: list[dict[str, Any]] = field(default_factory=list)

    def __call__(self, store: Any, folder: Path, **options: Any) -> Collected:
        self.calls.append(dict(options, folder=folder))
        for page in self.fetched:
            options["progress"](page)
        path = None
        if self.warc:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / self.warc
            path.write_bytes(b"WARC/1.1\r\n")  # what the analysis stand-in reads back
        return Collected(path, self.fetched, self.listings)


def _page(url: str, outcome: Any, final_url: str | None = None, status: int | None = None, code: str | None = None,
          reason: str | None = None) -> Fetched:
    return Fetched(url, canonical(url) or url, outcome, final_url, status, code=code, reason=reason)


PAGES = (_page("https://news.example/a.html", "fetched", "https://news.example/a.html", 200),
         _page("https://news.example/private/b.html", "disallowed", code="R030",
                 reason="robots.txt of news.example disallows /private/b.html"))


@pytest.fixture
def stand(monkeypatch: pytest.MonkeyPatch) -> Stand:
    made = Stand(fetched=PAGES)
    monkeypatch.setattr(web_app, "_collect", made)
    return made


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The analysis of an upload or a fetch's WARC replaced by one that records the file and says it added one
    article."""
    calls: list[Path] = []

    def stub(db: Path, path: Path) -> dict[str, Any]:
        assert path.is_file()
        calls.append(path)
        return {"ok": True, "articles": ["a-1"], "run": 7, "skipped": ["recoupe-x.warc.gz, record 3: too short"]}

    monkeypatch.setattr(web_app, "_analyse_upload", stub)
    return calls


def _error(response: Any, status: int, *expected: str) -> dict[str, Any]:
    body: dict[str, Any] = response.json()
    assert response.status_code == status, response.text
    assert set(body) == {"ok", "error", "errors", "status"} and body["status"] == status
    for words in expected:
        assert words in body["error"], body
    return body


def test_a_fetch_answers_202_and_its_job_tells_each_address(tmp_path: Path, stand: Stand,
                                                             analysed: list[Path]) -> None:
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    response = client.post("/api/fetch", json={"urls": ["  https://news.example/a.html ", "",
                                                        "https://news.example/private/b.html"]})
    assert response.status_code == 202, response.text
    body = response.json()
    assert set(body) == {"job", "status", "href"} and body["status"] == "queued"
    assert response.headers["Location"] == body["href"] == f"/api/jobs/{body['job']}"
    job = finished(client, response)
    assert (job["status"], job["kind"], job["error"]) == ("done", "fetch", None), job
    (call,) = stand.calls
    assert call["urls"] == ["https://news.example/a.html", "https://news.example/private/b.html"]  # trimmed
    assert (call["feeds"], call["sitemaps"], call["public_only"]) == ([], [], True)
    assert call["folder"] == tmp_path / "uploads"  # where a stopped server finds it again (jobs.resume)
    assert analysed == [tmp_path / "uploads" / "recoupe-20260101T000000-abcdef.warc.gz"]
    assert job["file"] == "recoupe-20260101T000000-abcdef.warc.gz" and job["run"] == 7
    assert [a["id"] for a in job["articles"]] == ["a-1"] and job["articles"][0]["href"] == "/articles/a-1"
    assert job["fetched"] == [
        {"url": "https://news.example/a.html", "outcome": "fetched", "final_url": "https://news.example/a.html",
         "http_status": 200, "redirects": [], "code": None, "reason": None},
        {"url": "https://news.example/private/b.html", "outcome": "disallowed", "final_url": None,
         "http_status": None, "redirects": [], "code": "R030",
         "reason": "robots.txt of news.example disallows /private/b.html"}]
    # the fetch's skips first, then the analysis's
    assert job["skipped"] == ["https://news.example/private/b.html: robots.txt of news.example disallows "
                              "/private/b.html [R030]", "recoupe-x.warc.gz, record 3: too short"]
    assert job["progress"]["stage"] == "fetching" and job["progress"]["done"] == 2 == job["progress"]["total"]


def test_a_form_sends_the_lines_of_its_text_area(tmp_path: Path, stand: Stand, analysed: list[Path]) -> None:
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    response = client.post("/api/fetch", data={"urls": "https://news.example/a.html\r\n\r\nhttp://b.example/x?y=1\n"})
    assert finished(client, response)["status"] == "done"
    assert stand.calls[0]["urls"] == ["https://news.example/a.html", "http://b.example/x?y=1"]
    response = client.post("/api/fetch", data={"feeds": "https://news.example/feed.xml"})
    assert finished(client, response)["status"] == "done"
    assert (stand.calls[1]["urls"], stand.calls[1]["feeds"]) == ([], ["https://news.example/feed.xml"])


@pytest.mark.parametrize(("body", "status", "words"), [
    ({"urls": ["https://a.example/", "", "ftp://files.example/x"]}, 422,
     "urls, line 3: not an http(s) URL: 'ftp://files.example/x'"),
    ({"urls": ["javascript:alert(1)"]}, 422, "urls, line 1: not an http(s) URL"),
    ({"urls": ["https://"]}, 422, "urls, line 1: not an http(s) URL: 'https://'"),
    ({"urls": ["https://a.example/a b"]}, 422, "urls, line 1: not an http(s) URL"),
    ({"urls": ["https://a.example:99999/"]}, 422, "urls, line 1"),
    ({"feeds": ["file:///etc/passwd"]}, 422, "feeds, line 1: not an http(s) URL: 'file:///etc/passwd'"),
    ({"urls": [f"https://a.example/{n}" for n in range(101)]}, 413, "101 addresses in one request: at most 100"),
    ({"urls": [f"https://a.example/{n}" for n in range(60)], "feeds": [f"https://a.example/f{n}" for n in range(41)]},
     413, "101 addresses"),
    ({"urls": ["", "  "]}, 422, "no address given"),
    ({}, 422, "no address given"),
    ({"urls": "https://a.example/"}, 422, "invalid request (urls: "),
    ({"pages": ["https://a.example/"]}, 422, "invalid request (pages: "),
])
def test_what_can_be_told_at_once_is_refused_at_once(tmp_path: Path, stand: Stand, body: dict[str, Any],
                                                     status: int, words: str) -> None:
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    _error(client.post("/api/fetch", json=body), status, words)
    assert stand.calls == [] and not (tmp_path / "uploads").exists()


def test_a_hundred_addresses_are_taken(tmp_path: Path, stand: Stand, analysed: list[Path]) -> None:
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    response = client.post("/api/fetch", json={"urls": [f"https://a.example/{n}" for n in range(100)]})
    assert finished(client, response)["status"] == "done" and len(stand.calls[0]["urls"]) == 100


def test_other_bodies_are_refused(tmp_path: Path, stand: Stand) -> None:
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    _error(client.post("/api/fetch", content=b"https://a.example/", headers={"Content-Type": "text/plain"}), 415,
           "unsupported Content-Type 'text/plain'")
    _error(client.post("/api/fetch", content=b"{not json", headers={"Content-Type": "application/json"}), 422,
           "invalid request")
    _error(client.post("/api/fetch", files={"urls": ("u.txt", b"https://a.example/")}), 415)
    assert stand.calls == []


def test_nothing_new_is_a_job_done_with_no_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   analysed: list[Path]) -> None:
    seen = _page("https://news.example/a.html", "duplicate", code=None, reason=None)
    feed = _page("https://news.example/feed.xml", "fetched", status=200)
    stand = Stand(fetched=(seen,), listings=(Read("https://news.example/feed.xml",
                                                  Listing("https://news.example/feed.xml", "rss", "Les nouvelles",
                                                          (Item("https://news.example/a.html"),)), feed),), warc=None)
    monkeypatch.setattr(web_app, "_collect", stand)
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    job = finished(client, client.post("/api/fetch", json={"feeds": ["https://news.example/feed.xml"]}))
    assert (job["status"], job["articles"], job["run"], job["file"]) == ("done", [], None, ""), job
    assert analysed == []  # nothing to analyse
    assert job["listings"] == [{"url": "https://news.example/feed.xml", "outcome": "fetched", "kind": "rss",
                                "title": "Les nouvelles", "item_count": 1, "code": None, "reason": None}]
    assert [f["outcome"] for f in job["fetched"]] == ["duplicate"]


def test_a_feed_that_cannot_be_read_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = _page("https://news.example/feed.xml", "http-error", status=500, code="R033",
                   reason="HTTP error: 500 Internal Server Error")
    stand = Stand(listings=(Read("https://news.example/feed.xml", None, gone),
                            Read("https://news.example/menu.html", None,
                                 _page("https://news.example/menu.html", "fetched", status=200),
                                 Skip("https://news.example/menu.html", "R038",
                                      "not a feed or a sitemap: an HTML page"))), warc=None)
    monkeypatch.setattr(web_app, "_collect", stand)
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    job = finished(client, client.post("/api/fetch", json={"feeds": ["https://news.example/feed.xml",
                                                                     "https://news.example/menu.html"]}))
    assert job["status"] == "done" and job["articles"] == []
    assert job["listings"] == [{"url": "https://news.example/feed.xml", "outcome": "http-error", "kind": None,
                                "title": None, "item_count": 0, "code": "R033",
                                "reason": "HTTP error: 500 Internal Server Error"},
                               {"url": "https://news.example/menu.html", "outcome": "fetched", "kind": None,
                                "title": None, "item_count": 0, "code": "R038",
                                "reason": "not a feed or a sitemap: an HTML page"}]
    assert job["skipped"] == ["https://news.example/feed.xml: HTTP error: 500 Internal Server Error [R033]",
                              "https://news.example/menu.html: not a feed or a sitemap: an HTML page [R038]"]


def test_pages_fetched_with_no_article_in_them_end_done_with_the_reasons(
        tmp_path: Path, stand: Stand, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(db: Path, path: Path) -> dict[str, Any]:
        raise web_app.BadUpload(f"no article could be read from {path.name}",
                                [f"{path.name}, record 1: no article text found (a page of links) [R005]"])

    monkeypatch.setattr(web_app, "_analyse_upload", refuse)
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    job = finished(client, client.post("/api/fetch", json={"urls": ["https://news.example/a.html"]}))
    assert (job["status"], job["articles"], job["error"], job["file"]) == ("done", [], None, ""), job
    assert job["skipped"][-1].endswith("no article text found (a page of links) [R005]")
    assert list((tmp_path / "uploads").iterdir()) == []  # as a refused upload: not queued again at each start


def test_a_failing_fetch_fails_its_job_naming_nothing_of_the_server(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(store: Any, folder: Path, **options: Any) -> Collected:
        raise OSError(f"disk trouble in {folder}")

    monkeypatch.setattr(web_app, "_collect", crash)
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    job = finished(client, client.post("/api/fetch", json={"urls": ["https://news.example/a.html"]}))
    assert (job["status"], job["error"]) == ("failed", "internal error: the server could not fetch")
    assert str(tmp_path) not in str(job)


def test_the_server_may_be_told_to_fetch_its_own_network(tmp_path: Path, stand: Stand,
                                                         analysed: list[Path]) -> None:
    client = TestClient(create_app(tmp_path / "store.sqlite", token="", public_only=False))
    assert finished(client, client.post("/api/fetch", json={"urls": ["http://127.0.0.1:8000/"]}))["status"] == "done"
    assert stand.calls[0]["public_only"] is False


def test_a_fetch_is_a_write_the_guard_checks(tmp_path: Path, stand: Stand, analysed: list[Path]) -> None:
    """The token, where a write comes from, and the rate of writes (uploads and fetches counted together)."""
    app = create_app(tmp_path / "store.sqlite", token=TOKEN, upload_rate="2/60")
    client = TestClient(app)
    body = {"urls": ["https://news.example/a.html"]}
    for path, sent in (("/api/fetch", body), ("/api/feeds", {"url": "https://news.example/feed.xml"})):
        _error(client.post(path, json=sent), 401, "needs 'Authorization: Bearer <token>'")
        _error(client.post(path, json=sent, headers={"Authorization": f"Bearer {TOKEN}",
                                                     "Origin": "https://elsewhere.example"}), 403, "another site")
    good = {"Authorization": f"Bearer {TOKEN}"}
    assert finished(client, client.post("/api/fetch", json=body, headers=good), **good)["status"] == "done"
    upload = client.post("/api/articles", json={"text": "Le maire a parlé lundi."}, headers=good)
    assert upload.status_code == 202
    refused = client.post("/api/fetch", json=body, headers=good)
    _error(refused, 429, "too many uploads from this client")
    assert int(refused.headers["Retry-After"]) >= 1
    assert len(stand.calls) == 1


def test_following_a_feed_queues_its_first_check(tmp_path: Path, stand: Stand, analysed: list[Path],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    followed: list[tuple[str, str]] = []
    monkeypatch.setattr(fetching, "follow", lambda settings, url, kind: followed.append((url, kind)))
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    job = finished(client, client.post("/api/feeds", json={"url": " https://news.example/feed.xml "}))
    assert job["status"] == "done" and followed == [("https://news.example/feed.xml", "feed")]
    assert (stand.calls[0]["urls"], stand.calls[0]["feeds"], stand.calls[0]["sitemaps"]) == (
        [], ["https://news.example/feed.xml"], [])
    job = finished(client, client.post("/api/feeds", data={"url": "https://news.example/sitemap.xml",
                                                           "kind": "sitemap"}))
    assert job["status"] == "done" and followed[-1] == ("https://news.example/sitemap.xml", "sitemap")
    assert stand.calls[1]["sitemaps"] == ["https://news.example/sitemap.xml"]
    _error(client.post("/api/feeds", json={"url": "ftp://news.example/feed.xml"}), 422,
           "url, line 1: not an http(s) URL")
    _error(client.post("/api/feeds", json={"url": "https://news.example/feed.xml", "kind": "podcast"}), 422,
           "invalid request (kind: ")
    _error(client.post("/api/feeds", json={"url": ""}), 422, "no address given")
    assert len(followed) == 2 and len(stand.calls) == 2


def test_jobs_of_fetches_and_uploads_run_one_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       analysed: list[Path]) -> None:
    """A fetch held in its collect: the upload sent after it waits, then both end."""
    go = threading.Event()
    stand = Stand(fetched=PAGES)

    def held(store: Any, folder: Path, **options: Any) -> Collected:
        assert go.wait(60)
        return stand(store, folder, **options)

    monkeypatch.setattr(web_app, "_collect", held)
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    first = client.post("/api/fetch", json={"urls": ["https://news.example/a.html"]})
    second = client.post("/api/articles", json={"text": "Le maire a parlé lundi."})
    while client.get(first.json()["href"]).json()["status"] != "running":
        pass
    assert client.get(second.json()["href"]).json()["status"] == "queued"
    go.set()
    assert finished(client, first)["status"] == finished(client, second)["status"] == "done"
    assert analysed[0].name.startswith("recoupe-") and analysed[1].suffix == ".json"


# -- pages -----------------------------------------------------------------------------------------------------
def test_the_fetch_page_posts_its_text_area_to_the_api(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "store.sqlite", token=TOKEN))
    page = client.get("/fetch")
    assert page.status_code == 200
    form = re.search(r'<form class="upload fetch" id="fetch-form" method="post" action="api/fetch">', page.text)
    assert form, page.text
    assert '<label for="fetch-urls">' in page.text and '<textarea name="urls" id="fetch-urls"' in page.text
    assert 'aria-describedby="fetch-hint"' in page.text and "100 at most" in page.text
    assert 'id="fetch-token"' in page.text  # the server has a token
    assert "never those of its own network" in page.text
    assert '<a href="/fetch">Add URLs</a>' in page.text and '<a href="/feeds">Feeds</a>' in page.text
    script = page.text.split('<script nonce="', 1)[1]
    assert "fetch(form.action" in script and 'headers.get("Location")' in script
    assert not re.search(r"""["'`]/api/""", script)  # relative to the page: works under a prefix
    assert 'id="fetch-token"' not in TestClient(create_app(tmp_path / "store.sqlite", token="")).get("/fetch").text
    assert "never those of its own network" not in TestClient(
        create_app(tmp_path / "store.sqlite", token="", public_only=False)).get("/fetch").text


def test_the_feeds_page_without_a_store(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))
    page = client.get("/feeds")
    assert page.status_code == 200 and "The store follows no feed yet." in page.text
    assert '<form class="upload fetch" id="feed-form" method="post" action="api/feeds">' in page.text
    assert '<label for="feed-url">' in page.text and '<label for="feed-kind">' in page.text
    french = client.get("/feeds?lang=fr").text
    assert "<h1>Flux suivis</h1>" in french and "La base ne suit encore aucun flux." in french
    assert client.get("/api/feeds").json() == {"items": [], "total": 0, "offset": 0, "limit": 50, "next": None}
    assert not (tmp_path / "store.sqlite").exists()  # looking made nothing


def test_the_french_fetch_page(tmp_path: Path) -> None:
    page = TestClient(create_app(tmp_path / "store.sqlite", token="")).get("/fetch?lang=fr").text
    assert '<html lang="fr">' in page and "<h1>Ajouter des articles du web</h1>" in page
    assert "Une adresse par ligne (http:// ou https://), 100 au plus." in page
    outcomes = json.loads(re.search(r"const outcomes = (\{.*?\});", page)[1])  # type: ignore[index]
    assert outcomes["disallowed"] == "refusée par robots.txt"  # what the script writes of each address
    assert '<a href="/feeds?lang=fr">flux</a>' in page  # the link kept in the sentence, the language kept


def test_serve_fetches_public_addresses_unless_told(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from typer.testing import CliRunner

    from recoupe.cli import app

    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kwargs: served.append(application))
    monkeypatch.delenv("RECOUPE_TOKEN", raising=False)
    db = str(tmp_path / "store.sqlite")
    for args, public_only in (([], True), (["--fetch-private"], False)):
        result = CliRunner().invoke(app, ["serve", "--db", db, "--no-token", *args])
        assert result.exit_code == 0, result.output
        assert served[-1].state.settings.public_only is public_only
        assert ("--fetch-private: whoever may add articles can make the server fetch" in result.output) is not \
            public_only


def _english_messages() -> set[str]:
    """The English messages of the fetch pages' templates (and the nav) whose French differs: none of them may
    show on a French page."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file

    from recoupe.render import templates

    found: set[str] = set()
    for name in ("web_fetch.html", "web_feeds.html", "web_job.html", "web_nav.html"):
        for _line, message, _comments, _context in extract_from_file(
                "jinja2", str(Path(templates.__file__).parent / "templates" / name), keywords=DEFAULT_KEYWORDS):
            for english in message if isinstance(message, tuple) else (message,):
                with templates.language("fr"):
                    french = templates.gettext(english)
                if english and french != english:
                    found.add(english)
    return found


def _french(message: str) -> str:
    from recoupe.render import templates

    with templates.language("fr"):
        return templates.gettext(message)


def _said(page: str) -> str:
    """What a reader sees of a page: its text without tags and scripts, its tooltips and labels for screen readers,
    and what its script writes (the values of its messages' objects); addresses left out."""
    import html

    written = [v for found in re.findall(r"const (?:say|outcomes|kinds) = (\{.*?\});", page)
               for v in json.loads(found).values() if isinstance(v, str)]
    attributes = re.findall(r'\b(?:title|aria-label|placeholder)="([^"]*)"', page)
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", " ", page, flags=re.S))
    return re.sub(r"https?://\S+", " ", html.unescape(" ".join([text, *attributes, *written])))  # data, not words


def test_the_french_fetch_and_feeds_pages_have_no_english_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    """Every message of the pages, the script's included (what it writes of a job), in French: none of their
    English messages is on the French pages, and each is on the English ones."""
    monkeypatch.setattr(fetching, "followed", lambda settings: [
        {"url": "https://news.example/feed.xml", "kind": "rss", "title": "Les nouvelles",
         "added": "2026-01-01T00:00:00Z", "checked": None, "items": None, "new": None, "error": None}])
    client = TestClient(create_app(tmp_path / "store.sqlite", token=TOKEN))
    messages = _english_messages()
    assert {"Add URLs", "Feeds followed", "refused by robots.txt", "waiting for the jobs before it…",
            "Check now", "RSS feed"} <= messages
    for path in ("/fetch", "/feeds"):
        french, english = _said(client.get(path + "?lang=fr").text), _said(client.get(path).text)
        # each message as a page shows it: its longest part between placeholders
        shown = {m: max(re.split(r"%\(\w+\)[sd]", m), key=len).strip() for m in messages}
        on_page = {m: re.compile(r"(?<!\w)" + re.escape(part) + r"(?!\w)") for m, part in shown.items()
                   if re.search(r"(?<!\w)" + re.escape(part) + r"(?!\w)", english)}
        left = sorted(m for m, words in on_page.items() if words.search(french) and not words.search(_french(m)))
        assert len(on_page) > 20 and not left, (path, left)


# -- against the local news site (tests/fetch_site.py), the real collect and the real analysis -------------------
def _fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real collect, polite with a shorter delay (the site is the test's own)."""
    from functools import partial

    from recoupe.fetch import Politeness

    monkeypatch.setattr(web_app, "_collect", partial(fetching.collect, politeness=Politeness(
        delay=0.05, timeout=5, deadline=10, retries=0, backoff=0.01)))


@pytest.mark.slow
def test_a_page_fetched_and_a_page_robots_txt_disallows(site: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _fast(monkeypatch)
    client = TestClient(create_app(tmp_path / "store.sqlite", token="", public_only=False))
    job = finished(client, client.post("/api/fetch", json={"urls": [site.url("/news/1.html"),
                                                                     site.url("/private/secret.html")]}))
    assert job["status"] == "done", job
    (article,) = job["articles"]
    assert article["title"] == "Effondrement d'une passerelle à Brévanne : trois blessés légers" and article["story"]
    news, secret = job["fetched"]
    assert (news["outcome"], news["http_status"], news["code"]) == ("fetched", 200, None)
    assert (secret["outcome"], secret["code"]) == ("disallowed", "R030") and "robots.txt" in secret["reason"]
    assert job["skipped"][0].startswith(site.url("/private/secret.html") + ": ")
    assert not any(hit.path.startswith("/private/") for hit in site.requests)
    assert (tmp_path / "uploads" / job["file"]).is_file() and job["file"].endswith(".warc.gz")
    stored = client.get(article["api"]).json()
    assert stored["url"] == site.url("/news/1.html") and "passerelle" in stored["text"]


@pytest.mark.slow
def test_a_feed_followed_then_checked_again_adds_nothing(site: Any, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _fast(monkeypatch)
    client = TestClient(create_app(tmp_path / "store.sqlite", token="", public_only=False))
    feed = site.url("/feed.xml")
    job = finished(client, client.post("/api/feeds", json={"url": feed}))
    assert job["status"] == "done", job
    assert sorted(a["title"][:12] for a in job["articles"]) == sorted(
        client.get(a["api"]).json()["title"][:12] for a in job["articles"]) and len(job["articles"]) == 3
    (listing,) = job["listings"]
    assert (listing["kind"], listing["item_count"]) == ("rss", 3)
    (followed,) = client.get("/api/feeds").json()["items"]
    assert (followed["url"], followed["item_count"], followed["new_count"], followed["error"]) == (feed, 3, 3, None)
    assert followed["checked"]
    again = finished(client, client.post("/api/fetch", json={"feeds": [feed]}))
    assert (again["status"], again["articles"], again["file"]) == ("done", [], ""), again
    assert again["fetched"] == []  # a feed's items fetched before are not asked for again
    assert again["listings"][0]["item_count"] == 3
    (followed,) = client.get("/api/feeds").json()["items"]
    assert (followed["item_count"], followed["new_count"]) == (3, 0)
    assert client.get("/api/articles").json()["total"] == 3
    page = client.get("/feeds").text
    assert feed in page and 'name="feeds" value="' + feed + '"' in page


@pytest.mark.slow
def test_the_server_refuses_to_fetch_its_own_network(site: Any, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _fast(monkeypatch)
    client = TestClient(create_app(tmp_path / "store.sqlite", token=""))  # public_only: the default
    job = finished(client, client.post("/api/fetch", json={"urls": [site.url("/news/1.html")]}))
    assert (job["status"], job["articles"], job["file"]) == ("done", [], ""), job
    (refused,) = job["fetched"]
    assert (refused["outcome"], refused["code"]) == ("refused", "R039") and "127.0.0.1" in refused["reason"]
    assert site.requests == []  # nothing reached the site


@pytest.mark.slow
def test_a_fetch_whose_analysis_a_stopped_server_never_ended_is_analysed_at_the_next_start(
        site: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The WARC is in the uploads folder: the next app over the same store queues it again (jobs.resume)."""
    _fast(monkeypatch)
    analysing, stopped = threading.Event(), threading.Event()

    def never_ends(db: Path, path: Path) -> dict[str, Any]:
        analysing.set()
        assert stopped.wait(120)
        raise RuntimeError("the server was stopped")

    monkeypatch.setattr(web_app, "_analyse_upload", never_ends)
    first = TestClient(create_app(tmp_path / "store.sqlite", token="", public_only=False))
    assert first.post("/api/fetch", json={"urls": [site.url("/news/2.html")]}).status_code == 202
    try:
        assert analysing.wait(60)
        (warc,) = (tmp_path / "uploads").iterdir()
        monkeypatch.undo()  # the next server analyses for real
        with TestClient(create_app(tmp_path / "store.sqlite", token="")) as client:
            (resumed,) = client.app.state.resumed  # type: ignore[attr-defined]
            assert resumed.file == warc.name
            deadline = time.monotonic() + 300
            while (job := client.get(f"/api/jobs/{resumed.id}").json())["status"] not in ("done", "failed"):
                assert time.monotonic() < deadline, job
                time.sleep(0.05)
    finally:
        stopped.set()
    assert job["status"] == "done" and len(job["articles"]) == 1, job
    assert client.get(job["articles"][0]["api"]).json()["url"] == site.url("/news/2.html")


@pytest.mark.slow
def test_a_paywall_teaser_in_an_empty_store_is_told_and_its_warc_not_kept(site: Any, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _fast(monkeypatch)
    client = TestClient(create_app(tmp_path / "store.sqlite", token="", public_only=False))
    job = finished(client, client.post("/api/fetch", json={"urls": [site.url("/paywall.html")]}))
    assert (job["status"], job["articles"], job["file"]) == ("done", [], ""), job
    assert job["fetched"][0]["outcome"] == "fetched" and any("[R037]" in s for s in job["skipped"]), job
    assert list((tmp_path / "uploads").iterdir()) == []


@pytest.mark.slow
def test_a_paywall_teaser_in_a_store_with_articles_keeps_its_warc_stored_as_read(
        site: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The raw page stays on disk as fetched, the analysis stored names it, and a restart does not queue it."""
    _fast(monkeypatch)
    client = TestClient(create_app(tmp_path / "store.sqlite", token="", public_only=False))
    assert finished(client, client.post("/api/fetch", json={"urls": [site.url("/news/1.html")]}))["status"] == "done"
    job = finished(client, client.post("/api/fetch", json={"urls": [site.url("/paywall.html")]}))
    assert (job["status"], job["articles"]) == ("done", []) and job["run"], job
    assert any("[R037]" in s for s in job["skipped"]), job
    assert (tmp_path / "uploads" / job["file"]).is_file()
    with TestClient(create_app(tmp_path / "store.sqlite", token="")) as again:
        assert again.app.state.resumed == []  # type: ignore[attr-defined]
    assert client.get("/api/articles").json()["total"] == 1
