"""The polite downloader (issue 22) against the local test site (tests/fetch_site.py): every route's outcome, the
politeness (robots.txt, per-host delay, user agent, retries, limits), and the WARC read back into the articles."""
from __future__ import annotations

import io
import socket
import time
from pathlib import Path

import pytest
from fetch_site import ARTICLES, MB, Site

from recoupe import fetch
from recoupe.fetch import USER_AGENT, Fetched, Fetcher, Politeness, canonical

FAST = Politeness(delay=0.1, timeout=1.0, deadline=3.0, retries=1, backoff=0.05, max_bytes=1 * MB)


def _records(warc: Path) -> list[tuple[str, str, str | None]]:
    """(type, WARC-Target-URI, HTTP status) of each record of a WARC."""
    from warcio.archiveiterator import ArchiveIterator

    with open(warc, "rb") as fh:
        return [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI"),
                 r.http_headers.get_statuscode() if r.http_headers and r.rec_type == "response" else None)
                for r in ArchiveIterator(fh)]


def _fetch(site: Site, tmp_path: Path, *paths: str, politeness: Politeness = FAST, warc: str = "run.warc.gz",
           **options: object) -> list[Fetched]:
    with Fetcher(tmp_path / warc, politeness, **options) as fetcher:  # type: ignore[arg-type]
        return fetcher.pages([site.url(path) for path in paths])


def _gaps(site: Site, host: str) -> list[float]:
    times = [hit.at for hit in site.requests if hit.host == host]
    return [b - a for a, b in zip(times, times[1:], strict=False)]


def test_canonical() -> None:
    assert canonical("HTTP://Example.ORG:80/a/b?utm_source=x&id=3&fbclid=y#top") == "http://example.org/a/b?id=3"
    assert canonical("https://example.org:443/news/1.html?page=2&mc_cid=z") == "https://example.org/news/1.html?page=2"
    assert canonical("https://example.org") == "https://example.org/"
    assert canonical("http://127.0.0.1:8080/x#frag") == "http://127.0.0.1:8080/x"
    for bad in ("ftp://example.org/a", "mailto:someone@example.org", "not a url", "http://", "/news/1.html"):
        assert canonical(bad) is None, bad


def test_articles_fetched_in_order_and_recorded(site: Site, tmp_path: Path) -> None:
    paths = [a.path for a in ARTICLES]
    found = _fetch(site, tmp_path, *paths)
    assert [f.url for f in found] == [site.url(p) for p in paths]
    assert all(f.ok and f.status == 200 and f.final_url == f.url and f.skip() is None for f in found), found
    assert all(f.warc == str(tmp_path / "run.warc.gz") and f.record and f.record.startswith("urn:uuid:")
               for f in found)
    records = _records(tmp_path / "run.warc.gz")
    assert records[0][0] == "warcinfo"
    for path in paths:
        assert ("response", site.url(path), "200") in records and ("request", site.url(path), None) in records
    assert ("response", site.url("/robots.txt"), "200") in records
    assert len(site.hits("/robots.txt")) == 1  # read once for the host


def test_robots_disallowed_path_is_never_requested(site: Site, tmp_path: Path) -> None:
    (private, public) = _fetch(site, tmp_path, "/private/secret.html", "/news/1.html")
    assert private.outcome == "disallowed" and private.code == "R030" and private.status is None
    assert private.reason == f"robots.txt disallows: robots.txt of 127.0.0.1:{site.port} disallows /private/secret.html"
    skip = private.skip()
    assert skip is not None and (skip.path, skip.code) == (site.url("/private/secret.html"), "R030")
    assert public.ok
    assert site.hits("/private/secret.html") == []


def test_robots_txt_4xx_allows_all_and_5xx_disallows_all(site: Site, tmp_path: Path) -> None:
    site.add("/robots.txt", b"<h1>Not found</h1>", status=404)
    (private,) = _fetch(site, tmp_path, "/private/secret.html")
    assert private.ok, private.reason

    with Site() as down:
        down.add("/robots.txt", b"<h1>Unavailable</h1>", status=503)
        (page,) = _fetch(down, tmp_path, "/news/1.html", warc="down.warc.gz")
        assert page.outcome == "disallowed" and page.code == "R030"
        assert f"robots.txt of 127.0.0.1:{down.port} answered 503 Service Unavailable" in (page.reason or "")
        assert down.hits("/news/1.html") == [] and len(down.hits("/robots.txt")) == 2  # tried again once


def test_crawl_delay_wins_when_longer(site: Site, tmp_path: Path) -> None:
    site.add("/robots.txt", b"User-agent: *\nCrawl-delay: 0.4\nDisallow: /private/\n", "text/plain")
    found = _fetch(site, tmp_path, "/news/1.html", "/news/2.html")
    assert all(f.ok for f in found)
    gaps = _gaps(site, f"127.0.0.1:{site.port}")
    assert len(gaps) == 2 and min(gaps) >= 0.4, gaps


def test_slow_host_times_out_after_its_retries(site: Site, tmp_path: Path) -> None:
    (slow,) = _fetch(site, tmp_path, "/slow.html")
    assert slow.outcome == "timeout" and slow.code == "R032" and slow.status is None and slow.record is None
    assert slow.reason == f"timed out: 127.0.0.1:{site.port} did not answer /slow.html within 1 s (2 tries)"
    assert len(site.hits("/slow.html")) == 2
    assert 2.0 <= slow.seconds < 4.0  # two tries of the 1 s timeout, not the 5 s the host takes


def test_server_error_is_an_http_error_after_the_retries(site: Site, tmp_path: Path) -> None:
    (error,) = _fetch(site, tmp_path, "/error.html")
    assert error.outcome == "http-error" and error.code == "R033" and error.status == 500
    assert error.reason == (f"HTTP error: 127.0.0.1:{site.port} answered 500 Internal Server Error for "
                            "/error.html (2 tries)")
    assert len(site.hits("/error.html")) == 2  # retries=1
    responses = [r for r in _records(tmp_path / "run.warc.gz") if r[0] == "response" and r[1] == error.url]
    assert responses == [("response", error.url, "500")] * 2  # each answer kept


def test_retry_after_is_honoured_up_to_a_minute(site: Site, tmp_path: Path) -> None:
    site.add("/busy.html", b"busy", status=429, headers=(("Retry-After", "1"),))
    site.add("/closed.html", b"come back tomorrow", status=503, headers=(("Retry-After", "86400"),))
    busy, closed = _fetch(site, tmp_path, "/busy.html", "/closed.html")
    assert busy.outcome == "http-error" and busy.status == 429
    first, second = site.hits("/busy.html")
    assert second.at - first.at >= 1.0  # not the 0.05 s backoff
    assert closed.outcome == "http-error" and closed.status == 503
    assert len(site.hits("/closed.html")) == 1  # asked to wait a day: not tried again in this run


def test_redirect_loop(site: Site, tmp_path: Path) -> None:
    (loop,) = _fetch(site, tmp_path, "/loop")
    assert loop.outcome == "redirect-loop" and loop.code == "R034" and loop.status == 302
    assert loop.redirects == (site.url("/loop"),)
    assert "redirects /loop back to" in (loop.reason or "")
    assert len(site.hits("/loop")) == 1


def test_redirect_bound(site: Site, tmp_path: Path) -> None:
    for n in range(4):
        site.add(f"/hop{n}", b"", status=302, headers=(("Location", f"/hop{n + 1}"),))
    site.add("/hop4", b"<html><body>end</body></html>")
    (bounded,) = _fetch(site, tmp_path, "/hop0", politeness=Politeness(delay=0.01, max_redirects=3))
    assert bounded.outcome == "redirect-loop" and bounded.reason == (
        f"too many redirects: more than 3 from {site.url('/hop0')}")
    assert site.hits("/hop4") == []
    (followed,) = _fetch(site, tmp_path, "/hop1", politeness=Politeness(delay=0.01, max_redirects=3),
                         warc="second.warc.gz")
    assert followed.ok and followed.final_url == site.url("/hop4") and len(followed.redirects) == 3


def test_moved_page_is_fetched_with_its_redirect_recorded(site: Site, tmp_path: Path) -> None:
    (moved,) = _fetch(site, tmp_path, "/moved")
    assert moved.ok and moved.status == 200
    assert moved.redirects == (site.url("/moved"),) and moved.final_url == site.url("/news/1.html")
    records = _records(tmp_path / "run.warc.gz")
    assert ("response", site.url("/moved"), "301") in records
    assert ("response", site.url("/news/1.html"), "200") in records


@pytest.mark.parametrize("path", ["/huge.html", "/endless.html"])
def test_huge_page_is_too_large_and_not_read(site: Site, tmp_path: Path, path: str) -> None:
    """/huge.html announces its 50 MB (Content-Length), /endless.html does not: both stop at the 1 MB limit."""
    start = time.monotonic()
    (huge,) = _fetch(site, tmp_path, path)
    assert huge.outcome == "too-large" and huge.code == "R012"
    assert ("announces 50.0 MB" if path == "/huge.html" else "sent over 1.0 MB") in (huge.reason or "")
    assert time.monotonic() - start < 2.0
    time.sleep(0.2)  # what the site wrote before it saw the client hang up
    assert site.sent[path] < 20 * MB  # the client hung up: the site could not write the rest
    assert huge.record is None and not any(r[1] == site.url(path) for r in _records(tmp_path / "run.warc.gz"))


def test_trickling_host_is_cut_at_the_deadline(site: Site, tmp_path: Path) -> None:
    (trickle,) = _fetch(site, tmp_path, "/trickle.html")
    assert trickle.outcome == "timeout" and trickle.code == "R032"
    assert trickle.reason == f"timed out: 127.0.0.1:{site.port} took over 3 s to send /trickle.html; cut"
    assert 3.0 <= trickle.seconds < 4.5 and len(site.hits("/trickle.html")) == 1


def test_not_html_is_named_and_still_recorded(site: Site, tmp_path: Path) -> None:
    (feed,) = _fetch(site, tmp_path, "/feed.xml")
    assert feed.outcome == "not-html" and feed.code == "R035" and feed.status == 200
    assert feed.reason == f"not an HTML page: 127.0.0.1:{site.port} sent application/rss+xml for /feed.xml"
    assert feed.record and ("response", site.url("/feed.xml"), "200") in _records(tmp_path / "run.warc.gz")


def test_feed_and_sitemap_through_document(site: Site, tmp_path: Path) -> None:
    with Fetcher(tmp_path / "run.warc.gz", FAST) as fetcher:
        fetched, body = fetcher.document(site.url("/feed.xml"), accept="application/rss+xml")
        again, same = fetcher.document(site.url("/feed.xml"))  # a feed is read again at each run
        missing, none = fetcher.document(site.url("/nothing.xml"))
    assert fetched.ok and again.ok and body == same
    assert body is not None and body.startswith(b'<?xml version="1.0"') and b"<rss" in body
    assert all(site.url(a.path).encode() in body for a in ARTICLES[:3])
    assert missing.outcome == "http-error" and missing.status == 404 and none is None
    assert [r[2] for r in _records(tmp_path / "run.warc.gz") if r[1] == site.url("/feed.xml")
            and r[0] == "response"] == ["200", "200"]


def test_user_agent_names_recoupe_on_every_request(site: Site, tmp_path: Path) -> None:
    _fetch(site, tmp_path, "/news/1.html", "/moved", "/error.html", "/private/secret.html")
    assert len(site.requests) == 5  # robots.txt, /news/1.html, /moved (→ /news/1.html: a duplicate), 2 × /error
    assert {hit.user_agent for hit in site.requests} == {USER_AGENT}
    assert USER_AGENT.startswith("recoupe/")


def test_per_host_delay_holds_and_hosts_are_fetched_in_parallel(site: Site, tmp_path: Path) -> None:
    delay = 0.2
    paths = [a.path for a in ARTICLES]
    urls = [site.url(p) for p in paths] + [site.url(p, "localhost") for p in paths]
    start = time.monotonic()
    with Fetcher(tmp_path / "run.warc.gz", Politeness(delay=delay, timeout=2, hosts_at_once=2)) as fetcher:
        found = fetcher.pages(urls)
    elapsed = time.monotonic() - start
    assert all(f.ok for f in found), [f.reason for f in found if not f.ok]
    for host in (f"127.0.0.1:{site.port}", f"localhost:{site.port}"):
        gaps = _gaps(site, host)
        assert len(gaps) == 4 and min(gaps) >= delay, (host, gaps)  # robots.txt, then 4 pages
    # one host after the other would take 2 × 4 delays; in parallel, the two hosts' requests interleave
    assert elapsed < 8 * delay
    by_host = [[h.at for h in site.requests if h.host.startswith(name)] for name in ("127.0.0.1", "localhost")]
    assert by_host[0][0] < by_host[1][-1] and by_host[1][0] < by_host[0][-1]


def test_duplicates_are_fetched_once(site: Site, tmp_path: Path) -> None:
    url = site.url("/news/1.html")
    first, tracked, fragment, moved = _fetch(site, tmp_path, "/news/1.html", "/news/1.html?utm_source=rss",
                                             "/news/1.html#comments", "/moved")
    assert first.ok
    assert (tracked.outcome, tracked.canonical, tracked.code, tracked.skip()) == ("duplicate", url, None, None)
    assert fragment.outcome == "duplicate" and fragment.reason == "already fetched in this run"
    assert moved.outcome == "duplicate" and moved.final_url == url and moved.redirects == (site.url("/moved"),)
    assert len([h for h in site.requests if h.path.startswith("/news/1.html")]) == 1

    (again,) = _fetch(site, tmp_path, "/news/2.html", warc="second.warc.gz",
                      done=[canonical(site.url("/news/2.html"))])
    assert again.outcome == "duplicate" and again.reason == "already fetched by an earlier run"
    assert site.hits("/news/2.html") == []


def test_bad_urls_and_refused_connections(site: Site, tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with Fetcher(tmp_path / "run.warc.gz", FAST) as fetcher:
        bad, refused = fetcher.pages(["ftp://example.org/file", f"http://127.0.0.1:{port}/news.html"])
    assert bad.outcome == "bad-url" and bad.code == "R036" and bad.canonical == "ftp://example.org/file"
    assert refused.outcome == "refused" and refused.code == "R031"  # its robots.txt first
    assert refused.reason.startswith(f"host refused the connection: robots.txt of 127.0.0.1:{port} could not be "
                                     f"read (127.0.0.1:{port}: ")
    assert refused.reason.endswith("(2 tries)); /news.html is not fetched, nor anything else of that host in this run")


def test_public_only_refuses_loopback_at_the_first_hop_and_at_a_redirect(
        site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (first,) = _fetch(site, tmp_path, "/news/1.html", public_only=True)
    assert first.outcome == "refused" and first.code == "R039"
    assert first.reason == "not a public address: 127.0.0.1 resolves to 127.0.0.1, a loopback address"
    assert site.requests == []  # not even its robots.txt

    # the redirect hop: 127.0.0.1 stands for a public host here, and sends the client on to localhost
    check = fetch._check_public
    monkeypatch.setattr(fetch, "_check_public", lambda url: None if url.host == "127.0.0.1" else check(url))
    site.add("/away", b"", status=302, headers=(("Location", site.url("/news/2.html", "localhost")),))
    (away,) = _fetch(site, tmp_path, "/away", warc="second.warc.gz", public_only=True)
    assert away.outcome == "refused" and away.code == "R039" and away.redirects == (site.url("/away"),)
    assert "localhost resolves to" in (away.reason or "") and "a loopback address" in (away.reason or "")
    assert not [h for h in site.requests if h.host.startswith("localhost")]


def test_every_record_is_on_disk_before_the_fetcher_closes(site: Site, tmp_path: Path) -> None:
    """A killed run keeps every record written: each is flushed whole as it is written."""
    from warcio.archiveiterator import ArchiveIterator

    fetcher = Fetcher(tmp_path / "run.warc.gz", FAST)
    try:
        found = fetcher.pages([site.url("/news/1.html"), site.url("/news/2.html")])
        data = (tmp_path / "run.warc.gz").read_bytes()  # the file as a kill now would leave it
        records = [(r.rec_type, r.rec_headers.get_header("WARC-Record-ID"), len(r.content_stream().read()))
                   for r in ArchiveIterator(io.BytesIO(data))]
    finally:
        fetcher.close()
    assert [kind for kind, _, _ in records] == ["warcinfo"] + ["response", "request"] * 3
    ids = {record_id.strip("<>") for _, record_id, _ in records}
    assert {f.record for f in found} <= ids
    assert all(size > 1000 for kind, _, size in records[3:] if kind == "response")  # the pages, whole


@pytest.mark.slow
def test_warc_read_back_gives_the_articles(site: Site, tmp_path: Path) -> None:
    """Issue 22: the WARC of a fetch is analysed as any WARC: one article per page fetched, none for the 301, the
    500s and the loop recorded with it."""
    from recoupe.pipeline import analyze

    found = _fetch(site, tmp_path, "/moved", *[a.path for a in ARTICLES], "/error.html", "/loop")
    assert [f.outcome for f in found] == ["fetched", "duplicate", "fetched", "fetched", "fetched", "http-error",
                                          "redirect-loop"]
    corpus = analyze([tmp_path / "run.warc.gz"])
    articles = {a.url: a for a in corpus.articles}
    assert set(articles) == {site.url(a.path) for a in ARTICLES}
    for expected in ARTICLES:
        article = articles[site.url(expected.path)]
        assert article.title == expected.title
        assert article.published is not None and article.published.startswith(expected.published[:10])
        assert article.language == expected.language
        assert expected.paragraphs[1][:60] in article.text
