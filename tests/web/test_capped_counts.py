"""Counts that stop at a bound, said so on the pages (issue 20): a search or a filtered list of articles counts up
to COUNT_CAP / SEARCH_CAP rows, and its page says "more than 1,000 articles" ("plus de 1 000 articles"), in its
count, its heading and its pager, where the API says ``total_capped``; a count under the bound stays exact.

Over a store of 1,203 cheap articles stored through ``Store.save`` (no analysis): 1,200 of the outlet Wire in
French that all say "pont", and 3 of the Gazette.
"""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from recoupe.store.reader import COUNT_CAP, SEARCH_CAP
from recoupe.web import create_app

NBSP = "\u00a0"  # French groups the digits of 1 000 with a no-break space


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    from recoupe.records import Article, Corpus
    from recoupe.store import Store

    def art(i: int, outlet: str) -> Article:
        return Article(id=f"{outlet.lower()}-{i:04d}", path=f"{outlet}/{i}.txt", content_hash=f"k-{outlet}-{i}",
                       text=f"Le pont numéro {i} a rouvert.", title=f"Pont {i}", outlet=outlet, language="fr",
                       published=f"2024-03-{i % 28 + 1:02d}")

    db = tmp_path_factory.mktemp("crowded") / "store.sqlite"
    with Store(db) as store:
        store.save(Corpus(articles=tuple(art(i, "Wire") for i in range(1200)) + tuple(art(i, "Gazette")
                                                                                  for i in range(3))))
    return TestClient(create_app(db, token=""))


def _page(client: TestClient, url: str, **params: str) -> str:
    response = client.get(url, params=params)
    assert response.status_code == 200, (url, params, response.text[:500])
    return response.text


def test_the_bounds_are_those_of_the_store() -> None:
    assert COUNT_CAP == SEARCH_CAP == 1000  # the figures these pages write


def test_a_filtered_list_past_the_bound_says_more_than(crowded: TestClient) -> None:
    html = _page(crowded, "/articles", outlet="Wire")
    assert "Matching these filters: more than 1,000 articles." in html
    assert "1–50 of more than 1,000." in html and 'rel="next"' in html
    assert "1000 articles" not in html and "of 1000" not in html
    api = crowded.get("/api/articles", params={"q": "pont"}).json()
    assert (api["total"], api["total_capped"]) == (1000, True)  # what the API says of the same kind of count


def test_a_filtered_list_under_the_bound_is_counted_exactly(crowded: TestClient) -> None:
    html = _page(crowded, "/articles", outlet="Gazette")
    assert "Matching these filters: 3 articles." in html and "1–3 of 3." in html
    assert "more than" not in html
    whole = _page(crowded, "/articles")  # the whole list: counted whole, past the bound
    assert "1203 articles." in whole and "1–50 of 1203." in whole and "more than" not in whole


def test_the_count_past_the_page_asked_for_says_more_than_its_bound(crowded: TestClient) -> None:
    html = _page(crowded, "/articles", outlet="Wire", offset="100")  # counted up to 100 + 1,000
    assert "more than 1,100 articles" in html and "101–150 of more than 1,100." in html
    last = _page(crowded, "/articles", outlet="Wire", offset="1150")  # all 1,200 counted: exact
    assert "1200 articles" in last and "1151–1200 of 1200." in last and "more than" not in last


def test_a_search_past_the_bound_says_more_than(crowded: TestClient) -> None:
    html = _page(crowded, "/search", q="pont")
    assert "“pont”: more than 1,000 articles, 0 claims, 0 quotes." in html
    assert '<h2 id="articles">Articles (more than 1,000)</h2>' in html
    few = _page(crowded, "/search", q="rouvert 7")  # "7" is in the text of few articles only
    assert "more than" not in few


def test_the_outlet_page_says_more_than(crowded: TestClient) -> None:
    assert "more than 1,000 articles ·" in _page(crowded, "/outlets/Wire")
    assert "3 articles ·" in _page(crowded, "/outlets/Gazette")


def test_in_french_plus_de_1_000(crowded: TestClient) -> None:
    html = _page(crowded, "/articles", outlet="Wire", lang="fr")
    assert f"plus de 1{NBSP}000 articles" in html and f"1–50 sur plus de 1{NBSP}000." in html
    search = _page(crowded, "/search", q="pont", lang="fr")
    assert f"“pont”: plus de 1{NBSP}000 articles, 0 affirmation" in search
    assert f'<h2 id="articles">Articles (plus de 1{NBSP}000)</h2>' in search
    assert "more than" not in html + search
