"""Issue 20: the API's documentation in a real browser (Debian's chromium, Playwright) cut off from every other
site, against `recoupe serve`: Swagger UI lists the operations and ReDoc finds one, under the app's CSP, with
no request leaving the server and no CSP violation but ReDoc's own logo (an image of another site, blocked)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from .test_browser import CHROMIUM, CHROMIUM_ARGS, serve

pytestmark = pytest.mark.slow  # a real browser against a served app


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from recoupe.records import Article, Corpus, Story
    from recoupe.store import Store

    folder = tmp_path_factory.mktemp("docs-browser")
    with Store(folder / "store.sqlite") as store:
        store.save(Corpus(articles=(Article(id="a", path="a.txt", content_hash="k", text="Texte.", title="a"),),
                          stories=(Story("s-a", "a", ("a",)),)))
    with serve(folder / "store.sqlite", folder / "server.log") as base:
        yield base


@pytest.fixture
def offline_page(server: str) -> Iterator:
    """A page whose requests to any other site than the server are aborted and recorded (``page.outside``),
    as are its console errors and uncaught exceptions (``page.problems``)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`apt-get install -y chromium`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(20_000)
            page.outside, page.problems = [], []

            def route(r) -> None:
                if r.request.url.startswith(server + "/"):
                    r.continue_()
                else:
                    page.outside.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda err: page.problems.append(str(err)))
            yield page
        finally:
            browser.close()


def test_swagger_ui_lists_the_operations_offline(offline_page, server: str) -> None:
    page = offline_page
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock-summary-path")
    shown = set(page.locator(".opblock-summary-path").all_inner_texts())
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/search"} <= shown
    assert page.locator(".opblock-post .opblock-summary-path", has_text="/api/articles").count() == 1
    page.locator(".opblock-summary-path", has_text="/api/corpora").click()  # an operation opens: its parameters
    page.wait_for_selector(".parameters-col_name")
    assert {"offset", "limit"} <= {t.split()[0] for t in page.locator(".parameters-col_name").all_inner_texts()}
    assert page.outside == [] and page.problems == []


def test_redoc_lists_and_searches_offline(offline_page, server: str) -> None:
    page = offline_page
    page.goto(server + "/redoc")
    page.wait_for_selector("li[data-item-id^='operation']")
    assert page.locator("li[data-item-id^='operation']").count() >= 12
    page.fill("input[placeholder='Search...']", "stories")  # the search runs in a worker made from a blob
    page.wait_for_selector("[data-role='search:results'] li", timeout=10_000)
    assert page.locator("[data-role='search:results'] li").count() >= 2
    assert page.outside == []
    assert [p for p in page.problems if "cdn.redoc.ly" not in p] == [], page.problems
