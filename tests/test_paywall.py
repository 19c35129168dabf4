"""Paywall stubs (issue 22): a page marked not free to read (isAccessibleForFree false, JSON-LD or microdata) that
shows only a short teaser is skipped, R037; a subscriber's copy under the same markup, and a short article without
it, are articles. Every page is written for the tests."""
from __future__ import annotations

import json
from dataclasses import replace

import lxml.html
import pytest

from recoupe.htmlpage import PAYWALL_MAX_WORDS, paywalled
from recoupe.pipeline import prepare
from recoupe.records import Article, Page, Skip
from recoupe.textblocks import tokens

FR_TEASER = [
    "Le conseil municipal de Valbonne a voté mardi soir la fermeture de la piscine pour dix-huit mois de travaux.",
    "Les associations sportives dénoncent une décision prise sans concertation et réclament un bassin provisoire.",
]
EN_TEASER = [
    "The harbour authority approved a plan on Monday to dredge the northern channel before the autumn storms.",
    "Fishermen say the work will close the busiest moorings for most of the season.",
]
EN_FULL = EN_TEASER + [
    "The vote, seven to two, followed three hours of debate in which members of the fishing cooperative asked for "
    "the work to be split into two phases so that half of the moorings could stay open at any time.",
    "Engineers told the board that a single campaign would cost less and finish sooner, because the dredger would "
    "not have to be brought back in the spring, and that the channel had silted faster than forecast.",
    "\u201cWe cannot wait another winter,\u201d said Margaret Olsen, who chairs the authority. \u201cThe pilots "
    "already refuse to bring the larger ships in at low tide.\u201d",
    "The cooperative said it would ask the county to compensate the boats that lose their berths, and that its "
    "members would meet on Thursday to decide whether to challenge the decision.",
    "Work is due to begin in the first week of August and to last eleven weeks, weather permitting.",
]


def _page(paragraphs: list[str], *, head: str = "", title: str = "Headline", after: str = "",
          lang: str = "en") -> Page:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title} | The Coast Herald"
            f"</title><meta property='og:title' content='{title}'>"
            "<meta property='article:published_time' content='2024-05-14T08:00:00Z'>"
            f"{head}</head><body><header><nav><a href='/'>Home</a> <a href='/local'>Local</a> "
            "<a href='/sport'>Sport</a></nav></header><main><article><h1>"
            f"{title}</h1>{body}{after}</article></main><footer><p>\u00a9 The Coast Herald 2024. All rights reserved."
            "</p><a href='/privacy'>Privacy</a></footer></body></html>")
    return Page(id="p", path="p.html", format="html", content=html, is_html=True,
                url="https://coast-herald.example/2024/05/story.html")


def _json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


NEWS_ARTICLE = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Headline",
                "datePublished": "2024-05-14T08:00:00Z"}
SUBSCRIBE_EN = "<div class='paywall'><p>Subscribe to read the rest of this story.</p></div>"
SUBSCRIBE_FR = "<div class='paywall'><p>Abonnez-vous pour lire la suite de cet article.</p></div>"


@pytest.mark.parametrize("value", [False, "false", "False"])
def test_a_french_teaser_marked_in_json_ld_is_skipped(value: object) -> None:
    page = _page(FR_TEASER, head=_json_ld({**NEWS_ARTICLE, "isAccessibleForFree": value}),
                 title="Valbonne : la piscine fermée pendant dix-huit mois", after=SUBSCRIBE_FR, lang="fr")
    result = prepare(page)
    assert isinstance(result, Skip), result
    assert result.code == "R037"
    assert result.reason.startswith("paywall: only a subscriber's teaser (its JSON-LD says isAccessibleForFree "
                                    "false, and the page shows ")
    words = int(result.reason.rsplit("shows ", 1)[1].split()[0])
    assert 30 <= words < PAYWALL_MAX_WORDS  # the two sentences (and the call to subscribe), counted


def test_an_english_teaser_marked_in_microdata_is_skipped() -> None:
    page = _page(EN_TEASER, title="Harbour to dredge the northern channel", after=SUBSCRIBE_EN)
    html = page.content.replace("<article>", "<article itemscope itemtype='https://schema.org/NewsArticle'>"
                                "<meta itemprop='isAccessibleForFree' content='False'>")
    result = prepare(replace(page, content=html))
    assert isinstance(result, Skip) and result.code == "R037", result
    assert "its microdata says isAccessibleForFree false" in result.reason


@pytest.mark.parametrize("markup", [
    {**NEWS_ARTICLE, "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": "False",
                                 "cssSelector": ".paywall"}},
    {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "The Coast Herald"},
                                                  {**NEWS_ARTICLE, "isAccessibleForFree": False}]},
    [{"@type": "Organization", "name": "The Coast Herald"}, {**NEWS_ARTICLE, "isAccessibleForFree": "false"}],
], ids=["hasPart", "graph", "list"])
def test_the_marking_is_found_in_parts_graphs_and_lists(markup: object) -> None:
    page = _page(EN_TEASER, head=_json_ld(markup), title="Harbour to dredge the northern channel", after=SUBSCRIBE_EN)
    result = prepare(page)
    assert isinstance(result, Skip) and result.code == "R037", result


def test_a_subscribers_full_copy_under_the_same_markup_is_kept() -> None:
    markup = {**NEWS_ARTICLE, "isAccessibleForFree": False,
              "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": False, "cssSelector": ".paywall"}}
    page = _page(EN_FULL, head=_json_ld(markup), title="Harbour to dredge the northern channel")
    result = prepare(page)
    assert isinstance(result, Article), result
    assert len(tokens(result.text)) >= PAYWALL_MAX_WORDS
    assert "Margaret Olsen" in result.text and "eleven weeks" in result.text


def test_a_short_article_without_the_markup_is_kept() -> None:
    page = _page(FR_TEASER, title="Valbonne : la piscine fermée pendant dix-huit mois", lang="fr")
    result = prepare(page)
    assert isinstance(result, Article), result
    assert len(tokens(result.text)) < PAYWALL_MAX_WORDS  # as short as the teaser: only the markup tells them apart
    assert "piscine" in result.text and "bassin provisoire" in result.text


def test_a_short_article_marked_free_is_kept() -> None:
    page = _page(EN_TEASER, head=_json_ld({**NEWS_ARTICLE, "isAccessibleForFree": True}),
                 title="Harbour to dredge the northern channel")
    assert isinstance(prepare(page), Article)


@pytest.mark.parametrize(("head", "found"), [
    ('<script type="application/ld+json">{"isAccessibleForFree": false,</script>', None),  # broken JSON: silent
    (_json_ld({**NEWS_ARTICLE, "author": {"@type": "Person", "name": "A", "isAccessibleForFree": False}}), None),
    (_json_ld({**NEWS_ARTICLE, "isAccessibleForFree": "no"}), None),
    ('<span itemprop="isAccessibleForFree">false</span>', "microdata"),
    (_json_ld({**NEWS_ARTICLE, "mainEntity": {"@type": "Article", "isAccessibleForFree": "False"}}), "JSON-LD"),
])
def test_where_the_page_says_it_is_not_free(head: str, found: str | None) -> None:
    tree = lxml.html.fromstring(f"<html><head>{head}</head><body><p>Text.</p></body></html>")
    assert paywalled(tree) == found

