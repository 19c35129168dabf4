"""The workbench in a real browser (issue 20): the /articles filter form, the export links of a list and of a
story's claims, quotes and reuse (files downloaded and read), an old story link that redirects, the interface in
French and English, and full-page screenshots of the main pages written to test-artifacts/ (not committed).

Debian's chromium driven by Playwright against `recoupe serve` (test_browser.serve), over one store for the
module: a copy of the seeds' store with a few articles more (``EXTRA``: other languages, outlets and dates, for
the filters to choose among). The redirect has a small store of its own, with a story merged into another.
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from recoupe import export

from .test_browser import ARTIFACTS, browser, page, serve  # noqa: F401  (fixtures, shared)

pytestmark = pytest.mark.slow  # a real browser against a served app

# id, language, outlet, published: the articles added to the seeds' (all French, four outlets, two dated)
EXTRA = (("x-en-cnn-2024-03", "en", "CNN", "2024-03-02"), ("x-en-cnn-2024-05", "en", "CNN", "2024-05-20"),
         ("x-en-cnn-2024-06", "en", "CNN", "2024-06"), ("x-en-cnn-2023", "en", "CNN", "2023-12-31"),
         ("x-en-cnn-undated", "en", "CNN", None), ("x-en-reuters-2024", "en", "Reuters", "2024-04-01"),
         ("x-de-cnn-2024", "de", "CNN", "2024-04-10"))
FILTERS = {"language": "en", "outlet": "CNN", "since": "2024-01-01", "until": "2024-06-30"}
MATCHING = {"x-en-cnn-2024-03", "x-en-cnn-2024-05", "x-en-cnn-2024-06"}  # a month overlapping the range is in it


def _json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def _store_with_more_articles(seeds_db: Path, folder: Path) -> Path:
    """A copy of the seeds' store with the ``EXTRA`` articles stored (as read, not analysed: in no story)."""
    from recoupe.records import Article
    from recoupe.store import Store

    db = folder / "store.sqlite"
    shutil.copy(seeds_db, db)
    with Store(db) as store:
        store.save_articles([Article(id=i, path=f"{i}.txt", content_hash=f"k-{i}", text=f"Text of {i}.",
                                     title=f"Title {i}", outlet=outlet, published=date, language=language)
                             for i, language, outlet, date in EXTRA])
    return db


@pytest.fixture(scope="module")
def seeds_server(seeds_run: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("workbench")
    with serve(_store_with_more_articles(seeds_run / "recoupe.sqlite", folder), folder / "server.log") as base:
        yield base


def _listed(pg) -> list[str]:
    """The ids of the articles listed on an /articles page, in order."""
    return [i.removeprefix("row-") for i in pg.locator("table.articles tr[id^=row-]").evaluate_all(
        "rows => rows.map(r => r.id)")]


def _api_ids(base: str, path: str, **query: Any) -> list[str]:
    return [a["id"] for a in _json(f"{base}{path}?{urlencode(query)}")["items"]]


# -- filters --------------------------------------------------------------------------------------------------
def test_the_filter_form_lists_exactly_the_matching_articles(page, seeds_server: str) -> None:  # noqa: F811
    page.goto(seeds_server + "/articles")
    assert len(_listed(page)) == 5 + len(EXTRA)
    form = page.locator("form.filters")
    form.locator("select[name=language]").select_option("en")
    form.locator("select[name=outlet]").select_option("CNN")
    form.locator("input[name=since]").fill(FILTERS["since"])
    form.locator("input[name=until]").fill(FILTERS["until"])
    form.locator("button[type=submit]").click()
    page.wait_for_url("**/articles?*")
    asked = parse_qs(urlsplit(page.url).query)
    assert {k: asked[k] for k in FILTERS} == {k: [v] for k, v in FILTERS.items()}, page.url
    listed = _listed(page)
    assert set(listed) == MATCHING, listed
    assert listed == _api_ids(seeds_server, "/api/articles", **FILTERS, sort="newest")
    assert "3 articles" in page.locator("p.count").inner_text()
    # the form shows the filters it applied
    assert form.locator("select[name=language]").input_value() == "en"
    assert form.locator("input[name=until]").input_value() == FILTERS["until"]

    # sorted the other way, through the form: the filters kept, the order reversed
    form.locator("select[name=sort]").select_option("oldest")
    form.locator("button[type=submit]").click()
    page.wait_for_url("**sort=oldest*")
    oldest = _listed(page)
    assert oldest == _api_ids(seeds_server, "/api/articles", **FILTERS, sort="oldest") == listed[::-1], oldest
    assert oldest[0] == "x-en-cnn-2024-03"

    # one a page: the pager's links keep the filters and the order
    page.goto(page.url + "&limit=1")
    assert _listed(page) == oldest[:1]
    page.locator("p.pager a[rel=next]").click()
    page.wait_for_url("**offset=1*")
    kept = parse_qs(urlsplit(page.url).query)
    assert {k: kept[k] for k in [*FILTERS, "sort"]} == {**{k: [v] for k, v in FILTERS.items()}, "sort": ["oldest"]}
    assert _listed(page) == oldest[1:2]
    page.locator("p.pager a[rel=prev]").click()
    page.wait_for_url("**offset=0*")
    assert _listed(page) == oldest[:1]
    # the language switch keeps them too
    page.locator("nav .langs a[hreflang=fr]").click()
    page.wait_for_url("**lang=fr*")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert _listed(page) == oldest[:1] and "outlet=CNN" in page.url and "since=2024-01-01" in page.url
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_a_date_that_is_not_one_is_said_on_the_page(page, seeds_server: str) -> None:  # noqa: F811
    response = page.goto(seeds_server + "/articles?since=yesterday")
    assert response is not None and response.status == 400
    assert "'yesterday' is not a date" in page.locator("main").inner_text()


# -- export ---------------------------------------------------------------------------------------------------
def _download(pg, link) -> tuple[str, str]:
    """Click an export link; the file's suggested name and its text."""
    with pg.expect_download() as info:
        link.click()
    download = info.value
    path = download.path()
    assert path is not None, download.failure()
    return download.suggested_filename, Path(path).read_text(encoding="utf-8")


def _csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_the_filtered_article_list_downloads_as_csv_and_ndjson(page, seeds_server: str) -> None:  # noqa: F811
    page.goto(f"{seeds_server}/articles?{urlencode(FILTERS)}")
    listed = _listed(page)
    api = _json(f"{seeds_server}/api/articles?{urlencode({**FILTERS, 'sort': 'newest'})}")["items"]
    name, text = _download(page, page.locator("p.exports a.export-csv"))
    assert name == "articles.csv"
    columns, rows = _csv(text)
    assert columns == list(export.COLUMNS["articles"]) and "outlet" in columns
    assert [r["id"] for r in rows] == listed == [a["id"] for a in api]
    assert [(r["outlet"], r["language"], r["published"]) for r in rows] == [
        (a["outlet"], a["language"], a["published"]) for a in api]
    name, text = _download(page, page.locator("p.exports a.export-ndjson"))
    assert name == "articles.ndjson"
    records = [json.loads(line) for line in text.splitlines()]
    assert [{k: r[k] for k in a} for r, a in zip(records, api, strict=True)] == api
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_a_storys_claims_quotes_and_reuse_download(page, seeds_server: str) -> None:  # noqa: F811
    story = _json(seeds_server + "/api/stories")["items"][0]["id"]
    page.goto(f"{seeds_server}/stories/{story}")
    exports = page.locator("p.exports")
    assert exports.is_visible()

    name, text = _download(page, exports.locator(".export", has_text="claims").locator("a.export-csv"))
    assert name == "claims.csv"
    columns, rows = _csv(text)
    claims = _json(f"{seeds_server}/api/claims?story={story}")["items"]
    assert columns == list(export.COLUMNS["claims"]) and "outlet" in columns
    assert [(r["id"], r["article"], r["outlet"]) for r in rows] == [
        (c["id"], s["article"], s["outlet"] or "") for c in claims for s in c["support"]]
    assert len({r["id"] for r in rows}) == len(claims) > 4

    name, text = _download(page, exports.locator(".export", has_text="quotes").locator("a.export-ndjson"))
    assert name == "quotes.ndjson"
    quotes = _json(f"{seeds_server}/api/quotes?story={story}")["items"]
    records = [json.loads(line) for line in text.splitlines()]
    assert [r["id"] for r in records] == [q["id"] for q in quotes] and len(quotes) > 10
    outlets = {a["id"]: a["outlet"] for a in _json(seeds_server + "/api/articles")["items"]}
    assert all(r["outlet"] == outlets[r["article"]] for r in records)

    name, text = _download(page, exports.locator(".export", has_text="reuse").locator("a.export-csv"))
    assert name == "reuse.csv"
    columns, rows = _csv(text)
    reuse = _json(f"{seeds_server}/api/reuse?story={story}")["items"]
    assert columns == list(export.COLUMNS["reuse"]) and {"source_outlet", "target_outlet"} <= set(columns)
    assert [(r["source"], r["target"], r["kind"]) for r in rows] == [
        (e["source"], e["target"], e["kind"]) for e in reuse] and reuse
    assert all(r["source_outlet"] == (outlets[r["source"]] or "") for r in rows)
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_an_outlets_articles_and_a_searchs_download(page, seeds_server: str) -> None:  # noqa: F811
    page.goto(seeds_server + "/outlets/CNN")
    listed = [h.rsplit("/", 1)[1] for h in page.locator("ul.articles a.article-link").evaluate_all(
        "links => links.map(a => a.href)")]
    name, text = _download(page, page.locator("p.exports a.export-csv"))
    columns, rows = _csv(text)
    assert name == "articles.csv" and "outlet" in columns
    assert [r["id"] for r in rows] == listed and len(listed) == 1 + sum(o == "CNN" for _, _, o, _ in EXTRA)
    assert {r["outlet"] for r in rows} == {"CNN"}

    page.goto(seeds_server + "/search?q=Kommersant")
    found = [h.rsplit("/", 1)[1] for h in page.locator("a.result-link").evaluate_all(
        "links => links.map(a => a.href)")]
    name, text = _download(page, page.locator("p.exports a.export-ndjson"))
    records = [json.loads(line) for line in text.splitlines()]
    assert name == "articles.ndjson" and [r["id"] for r in records] == found == ["004_7cf43ca13d9dcb39"]
    assert records[0]["outlet"] == "rt.com"
    assert not page.errors, page.errors  # type: ignore[attr-defined]


# -- an old story link ----------------------------------------------------------------------------------------
def test_an_old_story_link_lands_on_the_story_that_tells_it_now(page, tmp_path: Path) -> None:  # noqa: F811
    """s-a was merged into s-b, then s-b into s-c (tests/web/test_api.py): /stories/s-a, followed in the browser,
    ends on s-c's page."""
    from recoupe.records import Article, Corpus, Story, StoryChange
    from recoupe.store import Store

    articles = tuple(Article(id=i, path=f"{i}.txt", content_hash=f"k-{i}", text=f"Texte {i}.", title=f"Article {i}")
                     for i in "abc")
    merged, again = StoryChange("s-a", "s-b", "merged_into", "1"), StoryChange("s-b", "s-c", "merged_into", "2")
    db = tmp_path / "store.sqlite"
    with Store(db) as store:
        store.save(Corpus(articles=articles, stories=tuple(Story(f"s-{i}", f"Story {i}", (i,)) for i in "abc")))
        store.save(Corpus(articles=articles, stories=(Story("s-b", "Story b", ("a", "b"), previous_ids=("s-a",)),
                                                      Story("s-c", "Story c", ("c",))), story_changes=(merged,)))
        store.save(Corpus(articles=articles, stories=(Story("s-c", "Story c now", ("a", "b", "c"),
                                                            previous_ids=("s-a", "s-b")),),
                          story_changes=(merged, again)))
    with serve(db, tmp_path / "server.log") as base:
        response = page.goto(base + "/stories/s-a?lang=fr")
        assert response is not None and response.ok
        assert response.request.redirected_from is not None  # it came through the 301
        assert response.request.redirected_from.url == base + "/stories/s-a?lang=fr"
        assert page.url == base + "/stories/s-c?lang=fr"
        assert page.locator("h1").inner_text().strip() == "Sujet : Story c now"  # French: lang kept
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.goto(base + "/stories/s-never").status == 404  # type: ignore[union-attr]
    assert not page.errors, page.errors  # type: ignore[attr-defined]


# -- both languages -------------------------------------------------------------------------------------------
def test_a_french_browser_gets_french_pages_and_the_switch_is_kept(browser, seeds_server: str) -> None:  # noqa: F811
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    try:
        pg = context.new_page()
        pg.set_default_timeout(20_000)
        pg.goto(seeds_server + "/")
        assert pg.locator("html").get_attribute("lang") == "fr"
        assert pg.locator("h1").inner_text() == "Sujets"
        assert pg.locator("nav.top a", has_text="Personnes et organisations").is_visible()
        assert pg.locator("nav .langs strong[aria-current]").inner_text() == "FR"

        pg.locator("nav .langs a[hreflang=en]").click()
        pg.wait_for_url("**/?lang=en")
        assert pg.locator("html").get_attribute("lang") == "en"
        assert pg.locator("h1").inner_text() == "Stories"
        pg.locator("nav.top a", has_text="People and organisations").click()  # a link: the choice kept
        pg.wait_for_url("**/entities?lang=en")
        assert pg.locator("html").get_attribute("lang") == "en"
        assert pg.locator("h1").inner_text() == "People, organisations and places"
        pg.locator("a.story-link, a.entity-link").first.click()
        pg.wait_for_url("**lang=en*")
        assert pg.locator("html").get_attribute("lang") == "en"

        pg.goto(seeds_server + "/entities")  # no choice in the link: the browser's language again
        assert pg.locator("html").get_attribute("lang") == "fr"
        assert pg.locator("h1").inner_text() != "People, organisations and places"
    finally:
        context.close()


# -- screenshots ----------------------------------------------------------------------------------------------
def _shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000


def test_screenshots_of_the_main_pages(page, seeds_server: str) -> None:  # noqa: F811
    """Home, a story, an article, an entity and an outlet, each checked and saved as test-artifacts/<name>.png."""
    page.goto(seeds_server + "/")
    assert page.locator("h1").inner_text() == "Stories"
    assert page.locator("a.story-link").count() == 1 and page.locator("#upload").is_visible()
    _shot(page, "home")

    story = _json(seeds_server + "/api/stories")["items"][0]
    page.locator("a.story-link").first.click()
    page.wait_for_url(f"**/stories/{story['id']}")
    assert page.locator("h1").inner_text().strip().endswith(story["title"])
    assert page.locator("table.matrix").is_visible() and page.locator("p.exports").is_visible()
    _shot(page, "story")

    article = _json(seeds_server + "/api/articles/003_39167952c1edab4e")
    page.goto(seeds_server + "/articles/003_39167952c1edab4e")
    assert page.locator("h1").inner_text().strip() == article["title"]
    assert page.locator(".body a.ent").first.is_visible()
    _shot(page, "article")

    page.locator(".body a.ent", has_text="Bill Burns").first.click()
    page.wait_for_url("**/entities/**")
    assert page.locator("h1").inner_text().startswith("Bill Burns")
    assert page.locator("ul.mentions li").count() >= 1
    _shot(page, "entity")

    page.goto(seeds_server + "/outlets")
    page.locator("main a", has_text="CNN").first.click()
    page.wait_for_url("**/outlets/CNN")
    assert page.locator("h1").inner_text().startswith("CNN")
    assert "003_39167952c1edab4e" in " ".join(page.locator("main a").evaluate_all("a => a.map(x => x.href)"))
    _shot(page, "outlet")
    assert not page.errors, page.errors  # type: ignore[attr-defined]
