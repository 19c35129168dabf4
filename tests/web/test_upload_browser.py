"""The home page's upload form in a real browser (issue 20): the upload is a job, the button is disabled while
it runs, a progress bar shows its stage, and at the end links to the new article and its story appear, the page
not reloaded. Debian's chromium driven by Playwright, against `recoupe serve` (test_browser.serve)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .test_browser import CHROMIUM, CHROMIUM_ARGS, UPLOAD_TIMEOUT_MS, _json, serve

pytestmark = pytest.mark.slow  # a real browser against a served app

TITLE = "Le tramway de Valmont inauguré"
TEXT = (f"{TITLE}\n\nLe maire de Valmont, Claire Dubois, a inauguré lundi la nouvelle ligne de tramway, qui "
        "reliera le centre à l'aéroport en vingt minutes. « C'est un grand jour pour la ville », a déclaré Claire "
        "Dubois devant la presse.\n")


def test_an_upload_shows_its_job_and_ends_with_links(seeds_run: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: see test_browser.py"
    upload = tmp_path / "valmont-tramway.txt"
    upload.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "store.sqlite"
    shutil.copy(seeds_run / "recoupe.sqlite", db)
    with serve(db, tmp_path / "server.log", no_token=True) as base, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            problems: list[str] = []  # script errors, and anything the CSP refused
            page.on("pageerror", lambda err: problems.append(str(err)))
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.goto(base + "/")
            assert page.locator("#upload-progress").is_hidden()
            page.evaluate("window.__samePage = true")  # gone if the page reloads
            page.set_input_files("#upload-file", str(upload))
            with page.expect_response(lambda r: r.url.endswith("/api/articles")) as posted:
                page.click("#upload-button")
            assert posted.value.status == 202, posted.value.text()
            assert posted.value.json()["status"] == "queued"
            # while the job runs: the button disabled, the bar shown, the status polled
            assert page.locator("#upload-button").is_disabled()
            page.wait_for_selector("#upload-progress", state="visible")
            page.wait_for_function("document.getElementById('upload-status').textContent.startsWith('analysing')"
                                   " || document.getElementById('upload-status').textContent.startsWith('waiting')")
            with page.expect_response(lambda r: "/api/jobs/" in r.url) as polled:
                pass
            assert polled.value.status == 200
            # the end: links, the message kept, the page the same one
            page.wait_for_selector("#upload-added a", timeout=UPLOAD_TIMEOUT_MS)
            assert page.locator("#upload-status").inner_text() == "added 1 article"
            assert page.locator("#upload-button").is_enabled() and page.locator("#upload-progress").is_hidden()
            assert page.evaluate("window.__samePage") is True
            (article,) = _json(base + "/api/articles?q=Valmont")["items"]
            links = page.locator("#upload-added a")
            assert links.count() == 2 and links.nth(0).inner_text() == TITLE
            assert links.nth(0).get_attribute("href") == f"{base}/articles/{article['id']}"  # serve's base URL
            story = links.nth(1).get_attribute("href") or ""
            assert story.startswith(f"{base}/stories/")
            links.nth(0).click()
            page.wait_for_url(f"**/articles/{article['id']}")
            assert page.locator("h1").first.inner_text().strip() == TITLE
            assert "Claire Dubois" in page.locator(".body").inner_text()
            page.goto(story)
            assert f'href="/articles/{article["id"]}' in page.content()  # the story holds it
            assert not problems, problems
        finally:
            browser.close()


# the app mounted under /recoupe in another app, as a proxy serving it at a prefix would have it reached
SERVED_UNDER_A_PREFIX = """
import sys
import uvicorn
from starlette.applications import Starlette
from starlette.routing import Mount
from recoupe.web import create_app
app = Starlette(routes=[Mount("/recoupe", create_app(sys.argv[1], token=""))])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def test_the_upload_form_works_under_a_path_prefix(tmp_path: Path) -> None:
    """Served under /recoupe/: the form posts to /recoupe/api/articles, asks for its job under /recoupe/api/jobs/,
    and its links lead to the pages under /recoupe/."""
    import subprocess
    import sys
    import time
    import urllib.request

    from playwright.sync_api import sync_playwright

    from recoupe.store import Store

    from .test_browser import _free_port

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: see test_browser.py"
    upload = tmp_path / "valmont-tramway.txt"
    upload.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "store.sqlite"
    with Store(db):
        pass
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-c", SERVED_UNDER_A_PREFIX, str(db), str(port)], stdout=out,
                                  stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, log.read_text(errors="replace")
            try:
                with urllib.request.urlopen(base + "/recoupe/api/corpora", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, log.read_text(errors="replace")
            time.sleep(0.2)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                page.set_default_timeout(20_000)
                problems: list[str] = []  # script errors, what the CSP refused, and failed requests under the prefix
                page.on("pageerror", lambda err: problems.append(str(err)))
                page.on("console", lambda m: problems.append(m.text) if m.type == "error"
                        and not m.text.startswith("Failed to load resource") else None)
                page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400
                        and r.url.startswith(f"{base}/recoupe/") else None)
                asked: list[str] = []
                page.on("request", lambda r: asked.append(r.url) if "/api/" in r.url else None)
                page.goto(base + "/recoupe/")
                page.set_input_files("#upload-file", str(upload))
                with page.expect_response(lambda r: "/api/articles" in r.url) as posted:
                    page.click("#upload-button")
                assert posted.value.url == f"{base}/recoupe/api/articles", posted.value.url
                assert posted.value.status == 202, posted.value.text()
                page.wait_for_selector("#upload-added a", timeout=UPLOAD_TIMEOUT_MS)
                assert page.locator("#upload-status").inner_text() == "added 1 article"
                job = posted.value.headers["location"]
                assert job.startswith("/recoupe/api/jobs/") and f"{base}{job}" in asked, asked
                assert all(url.startswith(f"{base}/recoupe/api/") for url in asked), asked
                link = page.locator("#upload-added a").first
                assert (link.get_attribute("href") or "").startswith("/recoupe/articles/")
                link.click()
                page.wait_for_url(f"{base}/recoupe/articles/**")
                assert page.locator("h1").first.inner_text().strip() == TITLE
                assert not problems, problems
            finally:
                browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
