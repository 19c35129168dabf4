"""The pages a journalist navigates by (issue 20): the search box and its results, the lists of articles
(filtered by language, outlet and date, sorted by date), of entities and of outlets, an outlet's page, a story's
claims by verdict, counts written with their plural, and ``lang`` on article text and quoted text.

Over two real stores: the seeds analysed through the CLI (``seeds_run``), and a small newsroom stored through
``Store.save``, whose articles are in three languages and whose reuse edges have a direction.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from recoupe.web import create_app

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "recoupe" / "render" / "templates"


@pytest.fixture(scope="module")
def client(seeds_run: Path, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("pages") / "store.sqlite"
    shutil.copy(seeds_run / "recoupe.sqlite", db)
    return TestClient(create_app(db, token=""))


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """Five articles of four outlets (one with a "/" in its name) and one without, in English, French and
    German; the wire's article is translated by the Gazette, a Gazette article by the Herald, and Blatt shares
    passages with the Gazette (direction unknown)."""
    from recoupe.records import Article, Corpus, Passage, Quote, ReuseEdge, Story
    from recoupe.store import Store

    def art(i: str, outlet: str | None, language: str, published: str | None, text: str) -> Article:
        return Article(id=i, path=f"{i}.txt", content_hash=f"k-{i}", text=text, title=f"Title of {i}",
                       outlet=outlet, language=language, published=published)

    articles = (
        art("wire-1", "Wire", "en", "2024-03-01", "The bridge over the Valmont river reopened on Monday."),
        art("gazette-1", "La Gazette", "fr", "2024-03-02", "Le pont sur la Valmont a rouvert lundi."),
        art("gazette-2", "La Gazette", "fr", "2024-03-10", "Le maire a dit « nous tiendrons parole » au conseil."),
        art("herald-1", "Herald", "en", "2024-03-11", "The mayor said \"we will keep our word\" to the council."),
        art("blatt-1", "Radio Valmont/FM", "de", None, "Der Bürgermeister sprach vor dem Rat über die Brücke."),
        art("anon-1", None, "en", "2023-12-30", "An unsigned note on the river."),
    )
    said = "we will keep our word"
    herald_at = articles[3].text.index(said)
    reuse = (ReuseEdge("wire-1", "gazette-1", "translation", 0.9, (Passage("The bridge", "Le pont", 0, 0, 0.9),),
                       directed=True, why="published earlier"),
             ReuseEdge("gazette-2", "herald-1", "translation", 0.8, (Passage("Le maire", "The mayor", 0, 0, 0.8),),
                       directed=True, why="published earlier"),
             ReuseEdge("gazette-2", "blatt-1", "partial", 0.3, (Passage("Le maire", "Der Bürgermeister", 0, 0, 0.3),),
                       directed=False, why="direction unknown"))
    stories = (Story("s-bridge", "The bridge reopens", ("wire-1", "gazette-1")),
               Story("s-mayor", "The mayor's word", ("gazette-2", "herald-1", "blatt-1")))
    quotes = (Quote("q-1", "herald-1", said, herald_at, herald_at + len(said), "The mayor", None, "named"),)
    db = tmp_path_factory.mktemp("newsroom") / "store.sqlite"
    with Store(db) as store:
        store.save(Corpus(articles=articles, stories=stories, reuse=reuse, quotes=quotes))
    return TestClient(create_app(db, token=""))


def _links(html: str, css_class: str) -> list[str]:
    """The hrefs of the links of one class, in page order."""
    return re.findall(rf'<a class="{css_class}" href="([^"]+)"', html)


def _ids(html: str) -> list[str]:
    """The article ids a list page links to, in order."""
    return [h.removeprefix("/articles/") for h in _links(html, "article-link")]


def _ok(client: TestClient, url: str, **params: str) -> str:
    response = client.get(url, params=params) if params else client.get(url)  # {} would drop url's query
    assert response.status_code == 200, (url, params, response.status_code, response.text[:500])
    return response.text


# -- search -----------------------------------------------------------------------------------------------
def test_every_page_has_the_search_box_and_the_nav_links(client: TestClient) -> None:
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    for url in ("/", "/articles", "/entities", "/outlets", "/outlets/CNN", "/search", f"/stories/{story_id}",
                "/articles/003_39167952c1edab4e", "/articles/nope"):
        html = client.get(url).text
        assert re.search(r'<form class="search" action="/search" method="get"[^>]*><input type="search" name="q"',
                         html), url
        for link in ('href="/articles"', 'href="/entities"', 'href="/outlets"'):
            assert link in html.split("</nav>")[0], (url, link)
        # one main landmark after the nav, and one page heading (axe: landmark-one-main, page-has-heading-one)
        assert html.count("<main") == 1 and html.count("</main>") == 1 and html.index("</nav>") < html.index("<main")
        assert html.count("<h1") == 1, url
        # the served pages name the app's icon (no 404 per page); the static report, read from disk, has none
        assert '<link rel="icon" href="/favicon.svg"' in html.split("</head>")[0], url
    assert client.get("/favicon.svg").status_code == 200


def test_search_finds_an_article_by_a_word_of_its_text_and_shows_where(client: TestClient) -> None:
    html = _ok(client, "/search", q="titre privé")  # in the text of 004 only, not in its title
    assert _links(html, "result-link") == ["/articles/004_7cf43ca13d9dcb39"]
    snippet = re.search(r'<p class="snippet" lang="fr">(.*?)</p>', html, re.S)
    assert snippet and "<mark>titre privé</mark>" in snippet.group(1) and "Kommersant, un" in snippet.group(1)
    assert "rt.com · date unknown · fr" in html  # outlet, date, language
    assert 'value="titre privé"' in html  # the search box keeps what was asked


def test_search_finds_claims_and_quotes(client: TestClient) -> None:
    html = _ok(client, "/search", q="Kommersant")
    assert "1 article, 1 claim, 2 quotes." in html
    claims = html.split('<h2 id="claims">')[1].split('<h2 id="quotes">')[0]
    assert "réunion non annoncée avait lieu à Ankara" in claims
    assert re.search(r'href="/stories/s-[0-9a-f]+#claim-c-[0-9a-f]+"', claims)
    quotes = html.split('<h2 id="quotes">')[1]
    assert quotes.count('<q lang="fr">') == 2 and "— Kommersant" in quotes
    assert 'href="/articles/004_7cf43ca13d9dcb39#004_7cf43ca13d9dcb39-at-' in quotes


def test_search_without_results_or_without_words_says_so(client: TestClient) -> None:
    html = _ok(client, "/search", q="zeppelinqx")
    assert "No article, claim or quote contains “zeppelinqx”." in html and not _links(html, "result-link")
    assert "Type a word or a phrase in the search box" in _ok(client, "/search")
    assert "Type a word or a phrase" in _ok(client, "/search", q="   ")


def test_search_text_is_escaped_and_wildcards_are_literal(client: TestClient) -> None:
    html = _ok(client, "/search", q="<b>%_")
    assert "<b>%_" not in html and "&lt;b&gt;%_" in html
    assert not _links(html, "result-link")  # % and _ match themselves only


# -- the list of articles ------------------------------------------------------------------------------------
def test_articles_newest_first_by_date_undated_last(client: TestClient) -> None:
    html = _ok(client, "/articles")
    # 001 is dated 2024-04-14 (its page), 002 2022-11; the others are undated: newest stored first
    assert _ids(html) == ["001_c9b7af977afe6370", "002_a4a6c44a581a7d26", "004_7cf43ca13d9dcb39",
                          "003_39167952c1edab4e", "000_97c0f5abd93d3957"]
    assert _ids(_ok(client, "/articles", sort="oldest"))[:2] == ["002_a4a6c44a581a7d26", "001_c9b7af977afe6370"]
    assert "5 articles." in html


def test_each_article_filter_narrows_the_list(client: TestClient) -> None:
    assert _ids(_ok(client, "/articles", outlet="CNN")) == ["003_39167952c1edab4e"]
    assert _ids(_ok(client, "/articles", since="2024-01-01")) == ["001_c9b7af977afe6370"]
    assert _ids(_ok(client, "/articles", until="2023-01-01")) == ["002_a4a6c44a581a7d26"]
    # 002 is dated to the month (2022-11): a range that overlaps its month holds it
    assert _ids(_ok(client, "/articles", since="2022-11-15", until="2022-11-20")) == ["002_a4a6c44a581a7d26"]
    assert _ids(_ok(client, "/articles", since="2022-12-01", until="2024-04-13")) == []
    html = _ok(client, "/articles", outlet="CNN", since="2024-01-01")
    assert _ids(html) == [] and "No article matches these filters." in html


def test_language_filter_and_sort_over_three_languages(newsroom: TestClient) -> None:
    assert _ids(_ok(newsroom, "/articles", language="fr")) == ["gazette-2", "gazette-1"]
    assert _ids(_ok(newsroom, "/articles", language="fr", sort="oldest")) == ["gazette-1", "gazette-2"]
    assert _ids(_ok(newsroom, "/articles", language="de")) == ["blatt-1"]
    assert _ids(_ok(newsroom, "/articles", language="en", since="2024")) == ["herald-1", "wire-1"]
    html = _ok(newsroom, "/articles")
    assert _ids(html) == ["herald-1", "gazette-2", "gazette-1", "wire-1", "anon-1", "blatt-1"]
    options = re.search(r'<select name="language">(.*?)</select>', html, re.S)
    assert options and re.findall(r'<option value="(\w*)"', options.group(1)) == ["", "de", "en", "fr"]


def test_the_pager_keeps_the_filters(newsroom: TestClient) -> None:
    html = _ok(newsroom, "/articles", language="en", limit="2")
    assert _ids(html) == ["herald-1", "wire-1"] and "1–2 of 3." in html
    (after,) = re.findall(r'<a href="([^"]+)" rel="next">', html)
    after = after.replace("&amp;", "&")
    assert "language=en" in after and "offset=2" in after and "limit=2" in after
    second = _ok(newsroom, after)
    assert _ids(second) == ["anon-1"] and "3–3 of 3." in second and 'rel="next"' not in second
    (before,) = re.findall(r'<a href="([^"]+)" rel="prev">', second)
    assert _ids(_ok(newsroom, before.replace("&amp;", "&"))) == ["herald-1", "wire-1"]


def test_a_wrong_filter_is_an_error_page_naming_it(client: TestClient) -> None:
    response = client.get("/articles", params={"since": "last week"})
    assert response.status_code == 400 and response.headers["content-type"].startswith("text/html")
    assert "from: &#39;last week&#39; is not a date" in response.text
    response = client.get("/entities", params={"type": "CAT"})
    assert response.status_code == 400 and "type: &#39;CAT&#39; is none of PER, ORG, LOC, MISC" in response.text


# -- entities and outlets ---------------------------------------------------------------------------------------
def test_entities_by_type_most_mentioned_first(client: TestClient) -> None:
    every = client.get("/api/entities", params={"limit": 200}).json()["items"]
    people = [e["id"] for e in every if e["type"] == "PER"]  # the API's order: most mentioned first
    html = _ok(client, "/entities", type="PER", limit="200")
    assert [h.removeprefix("/entities/") for h in _links(html, "entity-link")] == people
    assert f"{len(people)} names, most mentioned first." in html
    assert f'<strong aria-current="page">People ({len(people)})</strong>' in html
    every_html = _ok(client, "/entities", limit="200")
    assert len(_links(every_html, "entity-link")) == len(every)
    burns = _ok(client, "/entities", q="Burns")
    assert re.findall(r'class="entity-link" href="[^"]+">([^<]+)<', burns) == ["Bill Burns"]
    assert "1 name, most mentioned first." in burns


def test_outlets_with_their_article_counts(newsroom: TestClient) -> None:
    html = _ok(newsroom, "/outlets")
    rows = re.findall(r'<a class="outlet-link" href="([^"]+)">([^<]+)</a></td><td>(\d+)</td>', html)
    assert rows == [("/outlets/La%20Gazette", "La Gazette", "2"), ("/outlets/Herald", "Herald", "1"),
                    ("/outlets/Radio%20Valmont%2FFM", "Radio Valmont/FM", "1"), ("/outlets/Wire", "Wire", "1")]
    assert "4 outlets, most articles first. 1 article names no outlet." in html


def test_outlet_page_lists_its_articles_what_it_copied_and_who_copied_it(newsroom: TestClient) -> None:
    html = _ok(newsroom, "/outlets/La%20Gazette")
    assert _ids(html) == ["gazette-2", "gazette-1"] and "2 articles" in html
    copies = html.split('<h2 id="copies">')[1].split("<h2")[0]
    assert "What it copied (1)" in '<h2 id="copies">' + copies
    assert re.findall(r'href="/articles/([^"]+)"', copies) == ["gazette-1", "wire-1"]
    assert "copies" in copies and 'href="/outlets/Wire"' in copies and "translation, 1 passage)" in copies
    copied = html.split('<h2 id="copied">')[1].split("<h2")[0]
    assert re.findall(r'href="/articles/([^"]+)"', copied) == ["gazette-2", "herald-1"]
    assert "is copied by" in copied and 'href="/outlets/Herald"' in copied
    shared = html.split('<h2 id="shared">')[1]
    assert re.findall(r'href="/articles/([^"]+)"', shared) == ["gazette-2", "blatt-1"]
    assert 'href="/outlets/Radio%20Valmont%2FFM"' in shared

    wire = _ok(newsroom, "/outlets/Wire")
    assert _ids(wire) == ["wire-1"] and "What it copied (0)" in wire and "Who copied it (1)" in wire
    slashed = _ok(newsroom, "/outlets/Radio%20Valmont%2FFM")  # a "/" in the name, quoted in the link
    assert _ids(slashed) == ["blatt-1"] and "<h1>Radio Valmont/FM" in slashed
    assert newsroom.get("/outlets/Nobody").status_code == 404
    assert newsroom.get("/outlets/").status_code == 404


def test_seeds_outlet_page_shows_shared_passages(client: TestClient) -> None:
    html = _ok(client, "/outlets/AA")
    assert _ids(html) == ["000_97c0f5abd93d3957"]
    shared = html.split('<h2 id="shared">')[1]  # the seeds' edges have no direction
    assert re.findall(r'href="/articles/([^"]+)"', shared) == [
        "000_97c0f5abd93d3957", "001_c9b7af977afe6370", "000_97c0f5abd93d3957", "003_39167952c1edab4e"]


# -- a story's claims by verdict ---------------------------------------------------------------------------------
def test_story_claims_filtered_by_verdict(client: TestClient) -> None:
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    every = client.get("/api/claims", params={"story": story_id, "limit": 200}).json()["items"]
    corroborated = [c["id"] for c in every if c["status"] == "corroborated"]
    assert corroborated and len(corroborated) < len(every)
    html = _ok(client, f"/stories/{story_id}", verdict="corroborated", limit="200")
    assert re.findall(r'<tr class="(\w+)" id="claim-([^"]+)">', html) == [("corroborated", c) for c in corroborated]
    assert f'<strong aria-current="page">corroborated ({len(corroborated)})</strong>' in html
    paged = _ok(client, f"/stories/{story_id}", verdict="corroborated", limit="2")
    assert "&amp;verdict=corroborated" in re.search(r'<p class="pager">.*?</p>', paged, re.S).group(0)
    assert client.get(f"/stories/{story_id}", params={"verdict": "maybe"}).status_code == 400


# -- plurals and lang -------------------------------------------------------------------------------------------
def test_counts_are_written_with_their_plural(client: TestClient, newsroom: TestClient) -> None:
    assert "1 story." in _ok(client, "/") and "2 stories." in _ok(newsroom, "/")
    assert "1 article ·" in _ok(client, "/outlets/CNN") and "2 articles ·" in _ok(newsroom, "/outlets/La%20Gazette")
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    assert "5 articles · 3 independent origins" in _ok(client, f"/stories/{story_id}")
    one = _ok(newsroom, "/search", q="keep our word")
    assert "1 article, 0 claims, 1 quote." in one
    burns = client.get("/api/entities", params={"q": "Bill Burns"}).json()["items"][0]
    assert f"<h2>{burns['mention_count']} mentions</h2>" in _ok(client, f"/entities/{burns['id']}")


def test_no_template_writes_a_count_with_a_fixed_plural() -> None:
    """Every count goes through macros.count: no ``{{ n }} stories`` left in a template."""
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        fixed = re.findall(r"\}\}\s+(?:stories|articles|origins|passages|mentions|quotes|claims|outlets|inputs)\b",
                           text)
        assert not fixed, (template.name, fixed)


def test_article_text_and_quotes_carry_the_article_language(client: TestClient, newsroom: TestClient) -> None:
    html = _ok(client, "/articles/003_39167952c1edab4e")
    assert '<div class="body" lang="fr">' in html
    assert re.findall(r"<q\b[^>]*>", html) and set(re.findall(r"<q\b[^>]*>", html)) == {'<q lang="fr">'}
    assert '<h1 id="article-003_39167952c1edab4e" lang="en">' in html  # its title is in English
    herald = _ok(newsroom, "/articles/herald-1")
    assert '<div class="body" lang="en">' in herald and '<q lang="en">we will keep our word</q>' in herald
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    story = _ok(client, f"/stories/{story_id}")
    quoted = re.findall(r"<q\b[^>]*>", story)
    assert quoted and set(quoted) == {'<q lang="fr">'}  # quotes by speaker and reuse passages
    assert '<html lang="en">' in story  # the interface itself is in English
