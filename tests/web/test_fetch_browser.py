"""The "add URLs" form and the feeds page in a real browser (issue 22), against `recoupe serve --fetch-private`
and the local news site (tests/fetch_site.py, on 127.0.0.1: a private address, hence the option). The form's
job ends with the article fetched and the robots.txt refusal named; a feed followed on /feeds brings its items
in, and checking it again adds nothing. Debian's chromium driven by Playwright, as in test_browser.py."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from recoupe.store import Store

from .test_browser import CHROMIUM, CHROMIUM_ARGS, UPLOAD_TIMEOUT_MS, _json, serve

pytestmark = pytest.mark.slow  # a real browser against a served app fetching from a local site

NEWS_1 = "Effondrement d'une passerelle à Brévanne : trois blessés légers"  # tests/fetch_site.py's /news/1.html


def _empty_store(db: Path) -> Path:
    with Store(db):
        pass
    return db


def _watched(page: Any) -> list[str]:
    """Script errors and anything the CSP refused on ``page``, as they come."""
    problems: list[str] = []
    page.on("pageerror", lambda err: problems.append(str(err)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    return problems


def _job_done(page: Any) -> str:
    """The status line once the page's job has ended (its message kept)."""
    page.wait_for_selector("#job-progress", state="visible", timeout=20_000)
    page.wait_for_selector("#job-progress", state="hidden", timeout=UPLOAD_TIMEOUT_MS)
    return str(page.locator("#job-status").inner_text())


def test_the_form_fetches_a_page_and_names_the_robots_refusal(site: Any, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: see test_browser.py"
    db = _empty_store(tmp_path / "store.sqlite")
    with serve(db, tmp_path / "server.log", no_token=True, options=["--fetch-private"]) as base, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            problems = _watched(page)
            page.goto(base + "/")
            page.click("nav.top >> text=Add URLs")
            page.wait_for_url("**/fetch")
            page.evaluate("window.__samePage = true")  # gone if the page reloads
            page.fill("#fetch-urls", f"{site.url('/news/1.html')}\n\n{site.url('/private/secret.html')}\n")
            with page.expect_response(lambda r: r.url.endswith("/api/fetch")) as posted:
                page.click("#fetch-button")
            assert posted.value.status == 202, posted.value.text()
            assert page.locator("#fetch-button").is_disabled()
            assert _job_done(page) == "added 1 article"
            assert page.evaluate("window.__samePage") is True and page.locator("#fetch-button").is_enabled()
            rows = page.locator("#job-fetched tbody tr")
            assert rows.count() == 2
            assert rows.nth(0).locator("td").all_inner_texts()[:2] == [site.url("/news/1.html"), "fetched"]
            url, outcome, why = rows.nth(1).locator("td").all_inner_texts()
            assert (url, outcome) == (site.url("/private/secret.html"), "refused by robots.txt")
            assert "robots.txt" in why and "/private/" in why and "[R030]" in why, why
            assert not any(hit.path.startswith("/private/") for hit in site.requests)  # never asked for
            (article,) = _json(base + "/api/articles")["items"]
            link = page.locator("#job-added a").first
            assert link.inner_text() == NEWS_1
            assert link.get_attribute("href") == f"{base}/articles/{article['id']}"
            link.click()
            page.wait_for_url(f"**/articles/{article['id']}")
            assert page.locator("h1").first.inner_text().strip() == NEWS_1
            assert not problems, problems
        finally:
            browser.close()


def test_a_feed_followed_brings_its_items_and_a_second_check_nothing(site: Any, tmp_path: Path) -> None:
    """On the French page: follow /feed.xml (news 1–3), the list shows it; "check now" adds nothing new."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: see test_browser.py"
    db = _empty_store(tmp_path / "store.sqlite")
    feed = site.url("/feed.xml")
    with serve(db, tmp_path / "server.log", no_token=True, options=["--fetch-private"]) as base, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(20_000)
            problems = _watched(page)
            page.goto(base + "/feeds?lang=fr")
            assert page.locator("p.empty").inner_text() == "La base ne suit encore aucun flux."
            page.fill("#feed-url", feed)
            page.select_option("#feed-kind", "feed")
            page.click("#feed-button")
            assert _job_done(page).startswith("3 articles ajoutés")
            assert page.locator("#job-added li").count() == 3
            assert re.fullmatch(rf"{re.escape(feed)} — flux RSS \(.+\), liste 3 éléments",
                                page.locator("#job-listings li").inner_text())
            page.click("#job-status a")  # "see the feeds as they are now"
            page.wait_for_selector("table.feeds")
            cells = page.locator("table.feeds tbody tr").first.locator("td").all_inner_texts()
            assert feed in cells[0] and cells[1] == "flux" and cells[3:5] == ["3", "3"], cells  # as followed
            requests = len(site.requests)
            page.click("table.feeds button")  # "check now"
            assert _job_done(page).startswith("0 article ajouté ")
            assert page.locator("#job-added").is_hidden()
            assert page.locator("#job-fetched").is_hidden()  # no page asked for: all were fetched before
            assert page.locator("#job-listings li").inner_text().endswith("liste 3 éléments")
            again = [h.path for h in site.requests[requests:]]
            assert "/feed.xml" in again and not [p for p in again if p.startswith("/news/")], again  # no page again
            page.click("#job-status a")
            page.wait_for_selector("table.feeds")
            cells = page.locator("table.feeds tbody tr").first.locator("td").all_inner_texts()
            assert cells[3:5] == ["3", "0"], cells
            assert _json(base + "/api/articles")["total"] == 3
            assert not problems, problems
        finally:
            browser.close()
