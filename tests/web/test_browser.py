"""The served web app in a real browser: Debian's chromium driven by Playwright, against `recoupe serve`.

The server runs as a subprocess (the venv's python, `-m recoupe serve`) over a temporary copy of a store,
on a free loopback port; it is always terminated. Chromium is never downloaded by Playwright: `make test`
installs Debian's package when it is missing, and the tests fail (not skip) when it is not there.
Screenshots of the story page and of a search are written to test-artifacts/ at the repository root.
"""
from __future__ import annotations

import dataclasses
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
UPLOAD_TIMEOUT_MS = 90_000  # an upload re-analyses the whole corpus

pytestmark = pytest.mark.slow  # a real browser against a served app

PAYLOADS = ('<script>window.__xss=1</script>', '<img src=x onerror="window.__xss=1">',
            '" onmouseover="window.__xss=1')


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(db: Path, log: Path, ready_s: float = 60, no_token: bool | None = None,
          options: Sequence[str] = ()) -> Iterator[str]:
    """`recoupe serve` over ``db`` in a subprocess; yields its base URL; always terminates it. ``no_token``
    None: served open (``--no-token``) unless RECOUPE_TOKEN is in the environment, for the tests that upload
    without a token; False: as `recoupe serve` is by default (writes need its token). ``options``: more of
    `recoupe serve`'s (``--fetch-private``)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    if no_token is None:
        no_token = not os.environ.get("RECOUPE_TOKEN")
    open_mode = ["--no-token"] if no_token else []
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "recoupe", "serve", "--db", str(db), "--host", "127.0.0.1",
                                 "--port", str(port), *open_mode, *options], stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + ready_s
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"the server exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
                try:
                    with urllib.request.urlopen(base + "/api/corpora", timeout=2) as response:
                        if response.status == 200:
                            break
                except (urllib.error.URLError, OSError):
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(f"the server was not ready in {ready_s} s:\n{log.read_text(errors='replace')}")
                time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install -y chromium`; "
                    "`make test` does it) — these tests never download a browser through Playwright")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    errors: list[str] = []
    pg.on("pageerror", lambda err: errors.append(str(err)))
    pg.errors = errors  # type: ignore[attr-defined]
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture(scope="module")
def seeds_server(seeds_run: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "store.sqlite"
    shutil.copy(seeds_run / "recoupe.sqlite", db)
    with serve(db, folder / "server.log") as base:
        yield base


def _json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def _open_story(page, base: str) -> None:
    page.goto(base + "/")
    links = page.locator("a.story-link")
    assert links.count() >= 1, "no story on the home page"
    links.first.click()
    page.wait_for_url("**/stories/**")


def test_story_page_shows_source_matrix(page, seeds_server: str) -> None:
    _open_story(page, seeds_server)
    assert page.locator("table.matrix").is_visible()
    assert page.get_by_text("Source matrix").is_visible()
    headers = set(page.locator("table.matrix th").all_inner_texts())
    assert {"Anadolu", "RT", "CNN"} <= headers
    assert page.locator("table.matrix td.cell", has_text="●").count() >= 5
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "story.png"), full_page=True)
    page.set_viewport_size({"width": 420, "height": 900})  # a narrow screen as well
    page.screenshot(path=str(ARTIFACTS / "story-narrow.png"), full_page=True)
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_story_page_names_each_claims_outlets_and_origins(page, seeds_server: str) -> None:
    """Issue 18: a claim's passages say their outlet (or "unnamed outlet"), language and date, and its origins
    are named beside their count."""
    _open_story(page, seeds_server)
    claims = page.locator("details.claims")
    assert claims.is_visible()
    headers = claims.locator("thead th").all_inner_texts()
    assert headers == ["verdict", "independent origins", "claim", "supporting passages"], headers
    origins = " ".join(claims.locator("ul.origins li").all_inner_texts())
    assert all(name in origins for name in ("Anadolu", "RT", "CNN")), origins
    # each passage's article by its label (issue 20): outlet · date
    outlets = {t.split(" · ")[0] for t in claims.locator("ul.passages li > a").all_inner_texts()}
    assert {"AA", "CNN", "unnamed outlet"} <= outlets, outlets  # seed 002 names no outlet
    first = claims.locator("tr.corroborated").first
    assert "· 2022-11 fr" in first.inner_text()
    link = first.locator("ul.passages li > a").first.get_attribute("href") or ""
    assert link.startswith("/articles/") and "-at-" in link, link
    page.set_viewport_size({"width": 420, "height": 900})
    ARTIFACTS.mkdir(exist_ok=True)
    claims.screenshot(path=str(ARTIFACTS / "claims-narrow.png"))
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_brief_citation_leads_to_the_sentence(page, seeds_server: str) -> None:
    _open_story(page, seeds_server)
    cites = page.locator(".brief a.cite")
    assert cites.count() > 0, ("the story page shows no brief citation (.brief a.cite): the brief is empty — "
                               "claims/brief are not finished or not stored for this story")
    href = cites.first.get_attribute("href") or ""
    path, _, anchor = href.partition("#")
    assert path.startswith("/articles/") and anchor.startswith(path.removeprefix("/articles/") + "-at-"), href
    cites.first.click()
    page.wait_for_url(f"**{path}#*")
    assert page.url.endswith(href)
    target = page.locator(f'.body [id="{anchor}"]')
    assert target.count() == 1, f"no element id={anchor} inside .body of {page.url}"
    assert page.locator("h1 a").first.inner_text().strip()  # the article's title
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_entity_page_from_article(page, seeds_server: str) -> None:
    page.goto(seeds_server + "/articles/003_39167952c1edab4e")
    ents = page.locator(".body a.ent")
    assert ents.count() > 0, "no entity link (a.ent) in the article body"
    name, href = ents.first.inner_text(), ents.first.get_attribute("href")
    with page.expect_navigation() as nav:
        ents.first.click()
    assert nav.value is not None and nav.value.ok, f"entity link {href} answered {nav.value and nav.value.status}"
    assert "/entities/" in page.url, f"entity link {href} does not lead to /entities/…"
    assert page.get_by_text("Spellings").is_visible()
    assert name in page.locator("p", has_text="Spellings").inner_text()
    assert page.locator("ul.mentions li").count() >= 1


def test_search_box_leads_to_the_article(page, seeds_server: str) -> None:
    """Issue 20: a word typed in the nav's search box, submitted, gives the article whose text holds it; its
    link leads to the article."""
    page.goto(seeds_server + "/outlets")
    box = page.locator("nav form.search input[name=q]")
    box.fill("titre privé")  # in the text of 004 only
    box.press("Enter")
    page.wait_for_url("**/search?q=*")
    results = page.locator("a.result-link")
    assert results.count() == 1, page.locator("main, body").inner_text()
    assert results.first.is_visible()
    assert page.locator("p.snippet mark").first.inner_text() == "titre privé"
    assert page.locator("nav form.search input[name=q]").input_value() == "titre privé"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    title = results.first.inner_text()
    results.first.click()
    page.wait_for_url("**/articles/004_7cf43ca13d9dcb39")
    assert page.locator("h1").first.inner_text().strip() == title
    assert page.locator(".body").get_attribute("lang") == "fr"
    assert "titre privé" in page.locator(".body").inner_text()
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_upload_through_the_form(page, seeds_server: str, tmp_path: Path) -> None:
    title = "Le tramway de Valmont inauguré"
    upload = tmp_path / "valmont-tramway.txt"
    upload.write_text(f"{title}\n\nLe maire de Valmont, Claire Dubois, a inauguré lundi la nouvelle ligne de "
                      "tramway, qui reliera le centre à l'aéroport en vingt minutes. « C'est un grand jour pour "
                      "la ville », a déclaré Claire Dubois devant la presse.\n", encoding="utf-8")
    page.goto(seeds_server + "/")
    page.set_input_files("#upload-file", str(upload))
    with page.expect_response(lambda r: r.url.endswith("/api/articles") and r.request.method == "POST",
                              timeout=UPLOAD_TIMEOUT_MS) as posted:
        page.click("#upload button[type=submit]")
    assert posted.value.status == 202, f"POST /api/articles answered {posted.value.status}"
    page.wait_for_selector("#upload-added a", timeout=UPLOAD_TIMEOUT_MS)  # the job done, the page not reloaded
    stories = page.locator("a.story-link").all_inner_texts()
    found = _json(seeds_server + "/api/articles?q=Valmont")["items"]
    assert [a["title"] for a in found] == [title], found
    new_id = found[0]["id"]
    assert new_id.startswith("valmont-tramway"), new_id
    page.goto(f"{seeds_server}/articles/{new_id}")
    assert page.locator("h1").first.inner_text().strip() == title, f"stories now: {stories}"
    assert "Claire Dubois" in page.locator(".body").inner_text()


# -- XSS ----------------------------------------------------------------------------------------------
def _poisoned_store(folder: Path) -> Path:
    """A small corpus whose title, body, quote speaker and entity names carry script payloads."""
    from recoupe import analyze
    from recoupe.store import Store

    docs = folder / "docs"
    docs.mkdir()
    p1, p2, p3 = PAYLOADS
    body = ("Le maire de Valmont, Claire Dubois, a inauguré lundi la nouvelle ligne de tramway {p}, qui reliera "
            "le centre à l'aéroport. « Ce tramway {p} change la ville », a déclaré Claire Dubois lundi. "
            "Le préfet Marc Lefort {p} a salué le projet.")
    (docs / "a.txt").write_text(f"Tramway {p1} {p2} à Valmont {p3}\n\n{body.format(p=p1)}\n\n{body.format(p=p2)}\n",
                                encoding="utf-8")
    (docs / "b.txt").write_text(f"Valmont {p3} inaugure son tramway {p2}\n\n{body.format(p=p3)}\n\n"
                                f"{body.format(p=p1)}\n", encoding="utf-8")
    corpus = analyze([docs])
    assert corpus.articles, corpus.skips
    evil = " ".join(PAYLOADS)
    # the cleaner strips tags from a .txt body, so the stored title and text get the raw payloads too
    # (appended: the offsets of mentions and quotes stay right)
    corpus = dataclasses.replace(
        corpus,
        articles=tuple(dataclasses.replace(a, title=f"{a.title} {evil}", text=f"{a.text}\n\n{evil}")
                       for a in corpus.articles),
        entities=tuple(dataclasses.replace(e, name=f"{e.name} {evil}") for e in corpus.entities),
        quotes=tuple(dataclasses.replace(q, speaker=f"{q.speaker or 'Claire Dubois'} {evil}") for q in corpus.quotes),
        stories=tuple(dataclasses.replace(s, title=f"{s.title} {evil}") for s in corpus.stories))
    assert corpus.entities and corpus.quotes and corpus.stories, "the poisoned corpus needs entities, quotes, a story"
    db = folder / "evil.sqlite"
    with Store(db) as store:
        store.save(corpus)
    return db


def _poke(page, selector: str, limit: int = 60) -> None:
    """Hover over (and click, for what is not a link) the elements that could carry injected handlers."""
    elements = page.locator(selector)
    for i in range(min(elements.count(), limit)):
        el = elements.nth(i)
        if not el.is_visible():
            continue
        el.hover(timeout=5_000)
        tag = el.evaluate("e => e.tagName.toLowerCase()")
        if tag != "a":  # a dispatched click runs handlers without following a link inside
            el.dispatch_event("click")


def _assert_clean(page, where: str) -> None:
    page.wait_for_timeout(150)  # let an injected <img onerror> fire
    assert page.evaluate("typeof window.__xss") == "undefined", f"script ran on {where}"
    assert page.evaluate("document.querySelectorAll('img[src=x]').length") == 0, f"an injected <img> on {where}"
    scripts = page.evaluate("[...document.scripts].map(s => s.textContent).join('\\n')")
    assert "__xss" not in scripts, f"an injected <script> on {where}"
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_no_script_injection(page, tmp_path: Path) -> None:
    db = _poisoned_store(tmp_path)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve(db, tmp_path / "server.log") as base:
        page.goto(base + "/")
        _assert_clean(page, "/")
        _poke(page, "a, td, th, h1")
        _assert_clean(page, "/ (hovered)")
        assert any("<script>" in t for t in page.locator("a.story-link").all_inner_texts()), \
            "the payload should show as text in the story title"

        page.locator("a.story-link").first.click()
        page.wait_for_url("**/stories/**")
        _assert_clean(page, page.url)
        _poke(page, "a, q, h1, h2, h3, td, th, li, circle, line, text, summary")
        _assert_clean(page, page.url + " (hovered)")

        article_id = _json(base + "/api/articles")["items"][0]["id"]
        page.goto(f"{base}/articles/{article_id}")
        _assert_clean(page, page.url)
        assert "<img src=x" in page.locator(".body").inner_text()
        assert "<script>" in page.locator("h1").first.inner_text()
        _poke(page, "a, q, span, td, h1, h2, li")
        _assert_clean(page, page.url + " (hovered)")

        entity_id = _json(base + "/api/entities")["items"][0]["id"]
        page.goto(f"{base}/entities/{entity_id}")
        _assert_clean(page, page.url)
        assert "<script>" in page.locator("h1").inner_text()
        _poke(page, "a, h1, li, strong, p")
        _assert_clean(page, page.url + " (hovered)")

        for listing, shown in (("/search?q=Valmont", "a.result-link"), ("/search?q=" + quote(PAYLOADS[0]), "mark"),
                               ("/articles", "a.article-link"), ("/entities", "a.entity-link")):
            page.goto(base + listing)
            _assert_clean(page, page.url)
            assert any("<script>" in t for t in page.locator(shown).all_inner_texts()), \
                f"the payload should show as text in {shown} on {listing}"
            _poke(page, "a, q, span, td, li, p, mark")
            _assert_clean(page, page.url + " (hovered)")
    assert not dialogs, dialogs
