"""`recoupe fetch` and `recoupe watch` against the local news site (tests/fetch_site.py) on 127.0.0.1: pages,
feeds and sitemaps fetched into WARC files, failures named in the report, nothing fetched twice, the WARCs
read back by `recoupe analyze`, and what each round of `watch` adds."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from fetch_site import ARTICLES, Site, article_page
from typer.testing import CliRunner

from recoupe.cli import app, duration

runner = CliRunner()
FAST = ["--delay", "0.05", "--timeout", "1", "--retries", "0"]


def _fetch(site: Site, out: Path, *args: str) -> tuple[int, str, dict]:
    result = runner.invoke(app, ["fetch", *args, "--out", str(out), *FAST])
    found = json.loads((out / "report.json").read_text()) if (out / "report.json").exists() else {}
    return result.exit_code, result.output, found


def test_pages_and_failures_are_in_the_report(site: Site, tmp_path: Path) -> None:
    urls = [site.url("/news/1.html"), site.url("/news/3.html"), site.url("/private/secret.html"),
            site.url("/error.html"), site.url("/news/1.html?utm_source=rss")]
    code, output, report = _fetch(site, tmp_path, *urls)
    assert code == 0, output
    assert sorted(a["url"] for a in report["articles"]) == sorted(urls[:2])
    assert {a["title"] for a in report["articles"]} == {ARTICLES[0].title, ARTICLES[2].title}
    skipped = {s["path"]: s["code"] for s in report["skips"]}
    assert skipped == {urls[2]: "R030", urls[3]: "R033"}  # robots.txt, the 500; the tracked copy is a duplicate
    assert {i["path"] for i in report["inputs"] if i["status"] == "skipped"} == {urls[2], urls[3]}
    assert "1 duplicate" in output and "2 fetched" in output
    assert not site.hits("/private/secret.html")  # disallowed: never asked for
    assert len(site.hits("/news/1.html")) == 1  # fetched once, the tracking parameter dropped


def test_a_second_run_fetches_only_what_is_new_and_the_warcs_read_back(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, first = _fetch(site, out, site.url("/news/1.html"), site.url("/news/2.html"))
    assert code == 0 and len(first["articles"]) == 2
    code, output, second = _fetch(site, out, site.url("/news/1.html"), site.url("/news/4.html"))
    assert code == 0, output
    assert len(site.hits("/news/1.html")) == 1
    assert len(second["articles"]) == 3  # the store's two and the new one
    warcs = sorted((out / "warc").glob("*.warc.gz"))
    assert len(warcs) == 2
    again = runner.invoke(app, ["analyze", str(out / "warc"), "--out", str(tmp_path / "again")])
    assert again.exit_code == 0, again.output
    read_back = json.loads((tmp_path / "again" / "report.json").read_text())
    assert sorted((a["url"], a["title"], a["text"]) for a in read_back["articles"]) == \
        sorted((a["url"], a["title"], a["text"]) for a in second["articles"])


def test_a_feed_is_followed_and_since_last_fetches_its_new_items(site: Site, tmp_path: Path) -> None:
    code, output, report = _fetch(site, tmp_path, "--feed", site.url("/feed.xml"))
    assert code == 0, output
    assert sorted(a["url"] for a in report["articles"]) == [site.url(f"/news/{n}.html") for n in (1, 2, 3)]
    code, output, _ = _fetch(site, tmp_path, "--since-last")
    assert code == 0 and "Nothing new to analyse." in output
    assert len(site.hits("/feed.xml")) == 2 and len(site.hits("/news/2.html")) == 1
    rss = site.hits("/feed.xml")
    assert rss  # the feed is read again, its items are not
    with sqlite3.connect(tmp_path / "recoupe.sqlite") as conn:
        assert conn.execute("SELECT url, kind FROM feeds").fetchall() == [(site.url("/feed.xml"), "feed")]


def test_a_news_sitemap_behind_an_index_gives_its_articles_with_their_dates(site: Site, tmp_path: Path) -> None:
    code, output, report = _fetch(site, tmp_path, "--sitemap", site.url("/sitemap.xml"))
    assert code == 0, output
    assert len(report["articles"]) == 4
    published = {a["url"]: a["published"] for a in report["articles"]}
    assert published[site.url("/news/1.html")] == ARTICLES[0].published[:10]


def test_nothing_fetched_of_what_was_asked_exits_one(site: Site, tmp_path: Path) -> None:
    code, output, _ = _fetch(site, tmp_path, site.url("/private/secret.html"))
    assert code == 1
    assert "robots.txt" in output


def test_nothing_to_fetch_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["fetch", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "nothing to fetch" in result.output


def test_a_urls_file_is_read_without_its_comments(site: Site, tmp_path: Path) -> None:
    listed = tmp_path / "urls.txt"
    listed.write_text(f"# to read\n{site.url('/news/2.html')}\n\n  {site.url('/news/4.html')}  \n")
    code, output, report = _fetch(site, tmp_path / "out", "--urls", str(listed))
    assert code == 0, output
    assert len(report["articles"]) == 2


def test_watch_tells_what_each_round_adds(site: Site, tmp_path: Path) -> None:
    """Round one reads the feed's three articles; between the rounds the site publishes a fourth on the same
    event; round two fetches it alone and says it joined the known story."""
    feed = site.url("/feed.xml")
    runner.invoke(app, ["fetch", "--feed", feed, "--out", str(tmp_path), *FAST])
    fourth = ARTICLES[3]
    site.add("/feed.xml", _feed_with(site, [1, 2, 3, 4]), "application/rss+xml")
    assert article_page(fourth, site.url(fourth.path))  # the site serves it already
    result = runner.invoke(app, ["watch", "--out", str(tmp_path), "--every", "1s", "--times", "1", *FAST])
    assert result.exit_code == 0, result.output
    assert len(site.hits(fourth.path)) == 1 and len(site.hits("/news/1.html")) == 1
    assert "New: 0 stories, 1 article joined a known story, 0 new conflicts" in result.output
    assert f"{fourth.title} joined s-" in result.output
    assert "duplicate" not in result.output  # the feed's items fetched before are not even listed


def _feed_with(site: Site, numbers: list[int]) -> bytes:
    items = "".join(f"<item><title>{ARTICLES[n - 1].title}</title><link>{site.url(f'/news/{n}.html')}</link>"
                    "</item>" for n in numbers)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>{items}</channel></rss>'.encode()


@pytest.mark.parametrize(("text", "seconds"), [("90s", 90), ("15m", 900), ("2h", 7200), ("1d", 86400),
                                               ("30", 30), ("0.5m", 30), ("0m", None), ("soon", None),
                                               ("-5m", None)])
def test_durations(text: str, seconds: float | None) -> None:
    assert duration(text) == seconds


@pytest.mark.slow
def test_a_fetch_killed_midway_resumes_without_fetching_again(site: Site, tmp_path: Path) -> None:
    """A fetch killed while it waits on a slow page: run again, it asks only for what it had not fetched, and
    the pages of the killed run, never analysed, are analysed with the new ones."""
    import os
    import signal
    import subprocess
    import sys
    import time

    urls = [site.url("/news/1.html"), site.url("/news/2.html"), site.url("/slow.html"), site.url("/news/3.html")]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    killed = subprocess.Popen([sys.executable, "-m", "recoupe", "fetch", *urls, "--out", str(tmp_path),
                               "--delay", "0.05", "--timeout", "30", "--retries", "0"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        waited = time.monotonic()
        while not site.hits("/slow.html") and time.monotonic() - waited < 60:
            time.sleep(0.05)
        assert site.hits("/slow.html"), "the first run never reached the slow page"
    finally:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
    assert not (tmp_path / "report.json").exists()  # killed before its analysis
    code, output, report = _fetch(site, tmp_path, *urls)
    assert code == 0, output
    assert len(site.hits("/news/1.html")) == len(site.hits("/news/2.html")) == 1
    assert len(site.hits("/news/3.html")) == 1
    assert sorted(a["url"] for a in report["articles"]) == sorted([urls[0], urls[1], urls[3]])
    assert {s["path"]: s["code"] for s in report["skips"]} == {urls[2]: "R032"}  # the slow page, timed out now
    assert len(list((tmp_path / "warc").glob("*.warc.gz"))) == 2


def test_a_round_whose_pages_are_no_articles_is_stored_and_not_read_again(site: Site, tmp_path: Path) -> None:
    """A paywall's teaser fetched into a store that holds articles: the run is stored with its reason (R037), and
    the next round does not analyse that WARC again."""
    _fetch(site, tmp_path, site.url("/news/1.html"))
    code, output, report = _fetch(site, tmp_path, site.url("/paywall.html"))
    assert code == 0, output
    assert [s["code"] for s in report["skips"]] == ["R037"]
    code, output, _ = _fetch(site, tmp_path, "--since-last")
    assert "Nothing new to analyse." in output
