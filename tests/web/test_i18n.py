"""The served pages in French and English (issue 20): the interface language of a request is ``?lang=`` first,
else the best of its Accept-Language, else English; ``<html lang>`` is that language, every article's text keeps
its own ``lang``; a ``lang`` given in the query is kept in the links of the nav and of the pagers.

Over a small real store (Store.save), articles in English and French, two of one outlet, one of another.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from recoupe.web import create_app

FRENCH_BROWSER = {"Accept-Language": "fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    from recoupe.records import Article, Corpus, Story
    from recoupe.store import Store

    def art(i: str, outlet: str | None, language: str, published: str | None, text: str) -> Article:
        return Article(id=i, path=f"{i}.txt", content_hash=f"k-{i}", text=text, title=f"Title of {i}",
                       outlet=outlet, language=language, published=published)

    articles = (art("wire-1", "Wire", "en", "2024-03-01", "The bridge over the Valmont river reopened on Monday."),
                art("gazette-1", "La Gazette", "fr", "2024-03-02", "Le pont sur la Valmont a rouvert lundi."),
                art("gazette-2", "La Gazette", "fr", "2024-03-10", "Le maire a parlé au conseil."),
                art("anon-1", None, "en", None, "An unsigned note on the river."))
    db = tmp_path_factory.mktemp("i18n") / "store.sqlite"
    with Store(db) as store:
        story = Story("s-bridge", "The bridge reopens", ("wire-1", "gazette-1"))
        store.save(Corpus(articles=articles, stories=(story,)))
    return TestClient(create_app(db, token=""))


def _get(client: TestClient, url: str, headers: dict[str, str] | None = None, status: int = 200) -> str:
    response = client.get(url, headers=headers or {})
    assert response.status_code == status, (url, response.status_code, response.text[:500])
    return response.text


def _html_lang(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)">', html)
    assert found, html[:200]
    return found.group(1)


def _nav(html: str) -> str:
    return html.split('<nav class="top">')[1].split("</nav>")[0]


def test_lang_fr_in_the_query_gives_french_pages(client: TestClient) -> None:
    html = _get(client, "/?lang=fr")
    assert _html_lang(html) == "fr"
    nav = _nav(html)
    assert ">Sujets</a>" in nav and ">Personnes et organisations</a>" in nav and ">Médias</a>" in nav
    assert ">Rechercher</button>" in nav and 'placeholder="articles, affirmations, citations…"' in nav
    assert "<h1>Sujets</h1>" in html and "<th>Origines indépendantes</th>" in html and "1 sujet." in html
    assert "Stories" not in nav and "Envoyer et analyser" in html
    articles = _get(client, "/articles?lang=fr")
    assert "<th>Titre</th>" in articles and "média sans nom" in articles and "plus récents d’abord" in articles


def test_a_french_browser_gets_french_pages(client: TestClient) -> None:
    html = _get(client, "/articles", headers=FRENCH_BROWSER)
    assert _html_lang(html) == "fr"
    assert ">Sujets</a>" in _nav(html) and "<h1>Articles</h1>" in html and "<th>Titre</th>" in html
    # asked by the browser, not the query: the links are left as they are
    assert 'href="/articles"' in _nav(html) and "lang=fr" not in _nav(html).split('<span class="langs">')[0]
    # the query wins over the browser
    assert _html_lang(_get(client, "/articles?lang=en", headers=FRENCH_BROWSER)) == "en"
    # a browser preferring a language the interface lacks gets its next choice
    assert _html_lang(_get(client, "/", headers={"Accept-Language": "de-DE,de;q=0.9,fr;q=0.5,en;q=0.3"})) == "fr"
    assert _html_lang(_get(client, "/", headers={"Accept-Language": "de-DE,en;q=0.5,fr;q=0.4"})) == "en"


def test_english_is_the_default(client: TestClient) -> None:
    for headers in (None, {"Accept-Language": "de-DE,de;q=0.9"}, {"Accept-Language": "*"}):
        html = _get(client, "/", headers=headers)
        assert _html_lang(html) == "en"
        assert ">Stories</a>" in _nav(html) and "<h1>Stories</h1>" in html and "1 story." in html


def test_an_unknown_lang_is_english_not_an_error(client: TestClient) -> None:
    for url in ("/?lang=xx", "/articles?lang=", "/outlets?lang=fr-CA-bogus!"):
        html = _get(client, url, headers=FRENCH_BROWSER)
        assert _html_lang(html) == ("fr" if "fr-CA" in url else "en"), url
    assert ">Stories</a>" in _nav(_get(client, "/?lang=xx")) and "lang=xx" not in _get(client, "/?lang=xx")


def test_french_counts_have_french_plurals(client: TestClient) -> None:
    def count(url: str) -> str:
        html = _get(client, url)
        return html.split('<p class="meta count">')[1].split("</p>")[0]

    assert count("/articles?lang=fr&outlet=Nobody").startswith("Correspondant à ces filtres : 0 article.")
    assert count("/articles?lang=fr&outlet=Wire").startswith("Correspondant à ces filtres : 1 article.")
    assert count("/articles?lang=fr&outlet=La+Gazette").startswith("Correspondant à ces filtres : 2 articles.")
    assert count("/articles?outlet=Nobody").startswith("Matching these filters: 0 articles.")
    assert count("/outlets?lang=fr").startswith("2 médias, ceux qui ont le plus d’articles d’abord.")
    assert "1 article ne nomme aucun média." in count("/outlets?lang=fr")


def test_article_text_keeps_its_own_lang(client: TestClient) -> None:
    french_ui = _get(client, "/articles/wire-1?lang=fr")
    assert _html_lang(french_ui) == "fr"
    assert '<div class="body" lang="en">' in french_ui and "<th>média</th>" in french_ui
    english_ui = _get(client, "/articles/gazette-1")
    assert _html_lang(english_ui) == "en" and '<div class="body" lang="fr">' in english_ui
    assert '<h1 id="article-gazette-1" lang="fr">' in english_ui


def test_links_keep_the_lang_of_the_query(client: TestClient) -> None:
    html = _get(client, "/articles?lang=fr&limit=1")
    nav = _nav(html)
    for path in ("/", "/articles", "/entities", "/outlets"):
        assert f'href="{path}?lang=fr"' in nav, path
    assert '<input type="hidden" name="lang" value="fr">' in nav  # the search keeps it too
    pager = html.split('<p class="pager">')[1].split("</p>")[0]
    assert "1–1 sur 4." in pager and 'rel="next">suivants</a>' in pager
    assert re.search(r'href="/articles\?[^"]*offset=1[^"]*&amp;lang=fr" rel="next"', pager), pager
    assert 'href="/articles/wire-1?lang=fr"' in html or 'href="/articles/gazette-2?lang=fr"' in html
    # no lang in the query: none added
    assert not re.search(r'href="[^"]*lang=', _get(client, "/articles?limit=1").split('<span class="langs">')[1]
                         .split("</span>", 1)[1])


def test_the_language_switch(client: TestClient) -> None:
    html = _get(client, "/articles?lang=fr&outlet=Wire")
    switch = html.split('<span class="langs">')[1].split("</span>")[0]
    assert '<strong aria-current="true" lang="fr">FR</strong>' in switch
    assert 'href="/articles?outlet=Wire&amp;lang=en"' in switch and ">EN</a>" in switch
    english = _get(client, "/")
    assert 'href="/?lang=fr"' in english.split('<span class="langs">')[1]
    assert '<strong aria-current="true" lang="en">EN' in english


def test_the_error_page_speaks_the_language_of_the_request(client: TestClient) -> None:
    html = _get(client, "/articles?since=yesterday&lang=fr", status=400)
    assert _html_lang(html) == "fr" and ">Sujets</a>" in _nav(html)


def test_the_static_report_is_english_unless_french(tmp_path: Path) -> None:
    from recoupe.report import render_index

    data = {"version": "0", "articles": [], "inputs": [], "entities": [], "quotes": [], "stories": [],
            "claims": [], "timeline": [], "brief": [], "reuse": []}
    assert _html_lang(render_index(data)) == "en" and "<h1>recoupe report</h1>" in render_index(data)
    french = render_index(data, "fr")
    assert _html_lang(french) == "fr" and "<h1>rapport recoupe</h1>" in french
    assert "0 article, depuis 0 entrée" in french
