"""A page of links is not an article (issue 22): a section page or a menu, whose body as trafilatura finds it is
mostly the text of links, is skipped R005 with the reason in words; an article with many links in its paragraphs
stays an article. Every page is written for the tests."""
from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import lxml.html
from fetch_site import Site

from recoupe.htmlpage import NOT_ARTICLE_LINK_DENSITY
from recoupe.pipeline import analyze, prepare
from recoupe.records import Article, Page, Skip
from recoupe.textblocks import tokens

EN_HEADLINES = [
    "Harbour authority votes to dredge the northern channel before the autumn storms",
    "Fishermen ask the county to pay for the berths they lose during the works",
    "New ferry timetable adds a late crossing on Friday and Saturday nights",
    "Lifeboat crew rescues two kayakers caught by the tide off Gull Point",
    "School governors approve the plan for a second sports hall next year",
    "Coast road to close for three weekends while the sea wall is repaired",
]
FR_HEADLINES = [
    "Le conseil municipal vote la fermeture de la piscine pour dix-huit mois",
    "Les associations sportives réclament un bassin provisoire pendant les travaux",
    "La fête du port reportée à septembre faute de bénévoles",
    "Un nouveau sentier relie la gare au plateau des Oliviers",
    "Le marché du samedi s'installe place de la Mairie dès le mois prochain",
    "La médiathèque ouvre le dimanche matin à titre d'essai jusqu'en décembre",
]


def _page(html: str, url: str = "https://coast-herald.example/local/") -> Page:
    return Page(id="p", path="p.html", format="html", content=html, is_html=True, url=url)


def _html(body: str, *, title: str, lang: str = "en") -> str:
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            "<header><a href='/'>Home</a><nav><a href='/local/'>Local</a> <a href='/sport/'>Sport</a> "
            f"<a href='/weather/'>Weather</a></nav></header><main>{body}</main>"
            "<footer><p>\u00a9 2024. All rights reserved.</p><a href='/privacy'>Privacy</a></footer></body></html>")


def _linked_share(html: str) -> float:
    """The share of the page's <main> words that sit in links, counted on the fixture itself."""
    main = lxml.html.fromstring(html).find(".//main")
    assert main is not None
    linked = sum(len(tokens(a.text_content())) for a in main.iter("a"))
    return linked / len(tokens(main.text_content()))


def _assert_page_of_links(result: Article | Skip) -> None:
    assert isinstance(result, Skip), result
    assert result.code == "R005"
    match = re.fullmatch(r"no article text found \(a page of links, not an article: (\d+) of its (\d+) words are "
                         r"the text of links\)", result.reason)
    assert match, result.reason
    linked, words = map(int, match.groups())
    assert words > 0 and linked > NOT_ARTICLE_LINK_DENSITY * words


def test_an_english_section_page_of_headline_links_is_skipped() -> None:
    items = "".join(f"<li><a href='/local/{i}.html'>{h}</a></li>" for i, h in enumerate(EN_HEADLINES))
    result = prepare(_page(_html(f"<h1>Local news</h1><ul class='teasers'>{items}</ul>", title="Local news")))
    _assert_page_of_links(result)


def test_a_french_section_page_of_teaser_cards_is_skipped() -> None:
    # each card is a link around its heading: the heading's words are link text though no <a> sits inside it
    cards = "".join(f"<div class='card'><a href='/vie-locale/{i}.html'><h3>{h}</h3></a></div>"
                    for i, h in enumerate(FR_HEADLINES))
    html = _html(f"<h1>Vie locale</h1><section>{cards}</section>", title="Vie locale", lang="fr")
    _assert_page_of_links(prepare(_page(html, "https://courrier-sorgeline.example/vie-locale/")))


LIVE_BLOG = [
    "10:02 \u2014 The <a href='/met'>Met Office</a> has raised its warning to <a href='/amber'>amber for wind</a> "
    "along the whole coast, with gusts of <a href='/gusts'>up to 80 miles an hour</a> expected tonight.",
    "10:20 \u2014 <a href='/ferries'>All ferry crossings</a> are cancelled until Wednesday morning, the operator "
    "says; <a href='/refunds'>passengers can claim refunds</a> online or at the terminal.",
    "10:41 \u2014 Power cuts reported in <a href='/gull'>Gull Point</a> and <a href='/harbour'>the harbour "
    "district</a>; the network says <a href='/power'>about 2,000 homes</a> are without electricity.",
    "11:05 \u2014 The council has opened <a href='/halls'>two rest centres</a>, at <a href='/leisure'>the leisure "
    "centre</a> and the school on Mill Lane, for families who have to leave their homes near the sea wall.",
    "11:30 \u2014 <a href='/police'>Police ask drivers</a> to avoid the coast road, where a fallen tree blocks "
    "both lanes near the lighthouse; <a href='/diversion'>a diversion</a> runs through the village.",
]
WIRE_FR = [
    "Le conseil municipal de Valbonne a voté mardi soir la fermeture de la piscine pour dix-huit mois de travaux, "
    "une décision prise par vingt voix contre neuf au terme d'un débat de trois heures.",
    "Lire aussi : <a href='/piscine-budget.html'>Le budget des travaux de la piscine dépasse les prévisions</a>",
    "Les associations sportives dénoncent une décision prise sans concertation et réclament un bassin provisoire, "
    "faute de quoi les clubs de natation perdraient la moitié de leurs licenciés.",
    "Lire aussi : <a href='/clubs.html'>Les clubs de natation cherchent des créneaux dans les communes voisines</a>",
    "Le maire a promis de rencontrer les présidents de club avant la fin du mois et d'étudier la location d'une "
    "structure temporaire sur le parking du stade.",
]


def test_a_live_blog_with_links_in_every_entry_stays_an_article() -> None:
    body = "<article><h1>Live: storm hits the coast</h1>" + "".join(f"<p>{p}</p>" for p in LIVE_BLOG) + "</article>"
    html = _html(body, title="Live: storm hits the coast")
    assert _linked_share(html) > 0.25  # a link in every sentence: more than in any real article measured
    result = prepare(_page(html, "https://coast-herald.example/2024/05/storm-live.html"))
    assert isinstance(result, Article), result
    assert "amber for wind" in result.text and "Mill Lane" in result.text


def test_a_wire_story_with_read_also_links_stays_an_article() -> None:
    body = ("<article><h1>Valbonne : la piscine fermée pendant dix-huit mois</h1>"
            + "".join(f"<p>{p}</p>" for p in WIRE_FR) + "</article>")
    html = _html(body, title="Valbonne : la piscine fermée pendant dix-huit mois", lang="fr")
    assert _linked_share(html) > 0.15
    result = prepare(_page(html, "https://courrier-sorgeline.example/2024/05/piscine.html"))
    assert isinstance(result, Article), result
    assert "bassin provisoire" in result.text and "structure temporaire" in result.text
    assert "communes voisines" not in result.text  # the read-also lines are furniture, cut from the body


def test_the_local_sites_menu_analysed_from_a_file_is_a_skip(tmp_path: Path) -> None:
    with Site() as site, urllib.request.urlopen(site.url("/menu.html"), timeout=10) as response:
        html = response.read()
    path = tmp_path / "menu.html"
    path.write_bytes(html)
    corpus = analyze([path])
    assert corpus.articles == ()
    assert [s.code for s in corpus.skips] == ["R005"]
    assert corpus.skips[0].reason == ("no article text found (a page of links, not an article: 7 of its 7 words "
                                      "are the text of links)")

