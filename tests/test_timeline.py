"""Story dates and timelines: relative dates resolved against the article's date, precision never invented."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Measured, floors

from recoupe.dates import dates_in
from recoupe.records import Corpus

FLOORS = floors("timeline")

BARRAGE = "\n\n".join((
    "Rupture d'une digue près de Valence : des centaines d'habitants évacués",
    'Publié le 15 novembre 2022',
    'Une digue du Rhône a cédé lundi près de Valence, a déclaré la préfecture de la Drôme, obligeant les '
    "autorités à évacuer des centaines d'habitants des quartiers voisins.",
    'Les pompiers de la Drôme ont installé des barrages de sacs de sable toute la nuit, selon la '
    "préfecture, qui a ouvert un centre d'accueil dans un gymnase municipal.",
    "La même digue avait déjà été fragilisée par une crue en septembre, selon les services de l'État, qui"
    ' avaient alors promis des travaux de renforcement.',
    "Le maire de Valence a demandé une enquête sur l'entretien de l'ouvrage et sur les travaux promis par"
    " l'État.",
)) + "\n"

# the same report reposted without its date line: it takes the story's date
REPOST = "\n\n".join((
    "Rupture d'une digue près de Valence : des centaines d'habitants évacués",
    'Une digue du Rhône a cédé lundi près de Valence, a déclaré la préfecture de la Drôme, obligeant les '
    "autorités à évacuer des centaines d'habitants des quartiers voisins.",
    'Les pompiers de la Drôme ont installé des barrages de sacs de sable toute la nuit, selon la '
    "préfecture, qui a ouvert un centre d'accueil dans un gymnase municipal.",
    "Le maire de Valence a demandé une enquête sur l'entretien de l'ouvrage et sur les travaux promis par"
    " l'État.",
)) + "\n"

RATES = "\n\n".join((
    'Central bank of Norway raises interest rates again',
    'Published on November 16, 2022',
    'The Norges Bank raised its key interest rate by a quarter point on Monday, Governor Ida Wolden Bache'
    ' told reporters in Oslo, citing persistent inflation.',
    'Inflation in Norway reached a record level last month, according to Statistics Norway, driven by '
    'electricity and food prices.',
    'Economists at DNB Markets said the Norges Bank would probably raise rates once more before the end '
    'of the year.',
)) + "\n"

# no date anywhere: neither on the page nor in the text
LIBRARY = "\n\n".join((
    'Une nouvelle médiathèque ouvre ses portes à Quimper',
    "La ville de Quimper a inauguré une médiathèque de trois étages dans l'ancien bâtiment des douanes, a"
    ' annoncé la municipalité dans un communiqué.',
    'Le bâtiment rénové accueille plus de quatre-vingt mille livres, une salle de concert et un atelier '
    'numérique ouvert aux lycéens de la ville.',
    'La maire de Quimper a salué un projet attendu depuis longtemps par les habitants du centre '
    'historique.',
)) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    from recoupe import analyze

    folder: Path = tmp_path_factory.mktemp("timeline")
    for name, text in {"fr_barrage": BARRAGE, "fr_barrage_repost": REPOST, "en_rates": RATES,
                       "fr_bibliotheque": LIBRARY}.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return analyze([folder])


def _story(corpus: Corpus, article: str):
    return next(s for s in corpus.stories if article in s.articles)


def _article(corpus: Corpus, article: str):
    return next(a for a in corpus.articles if a.id == article)


# -- the seeds --------------------------------------------------------------------------------------------

def test_seed_floors(seeds_scores: dict[str, float], measured: Measured) -> None:
    for measure in FLOORS:
        measured.score("timeline", measure, seeds_scores[measure])
    assert seeds_scores["event_date"] >= FLOORS["event_date"]  # 1.0: a score is at most 1
    assert seeds_scores["published_date"] >= FLOORS["published_date"]


def test_seed_republication_noted(seeds_articles: dict[str, dict]) -> None:
    republished = seeds_articles["001"]
    assert republished["published"] != "2024-04-14"
    assert "2024-04-14" in (republished.get("page_date_note") or "")
    assert "republication" in republished["page_date_note"]


def test_seed_month_precision_kept(seeds_report: dict) -> None:
    # only 002 is dated, and only to the month ("date 2022-11"): no day may appear
    assert [s["event_date"] for s in seeds_report["stories"]] == ["2022-11"]
    assert seeds_report["timeline"]
    assert all(len(e["date"]) == 7 for e in seeds_report["timeline"])
    assert all(a["published"] in ("2022-11", None) for a in seeds_report["articles"])


def test_seed_timeline_sentences_are_exact(seeds_report: dict) -> None:
    texts = {a["id"]: a["text"] for a in seeds_report["articles"]}
    story = seeds_report["stories"][0]
    for event in seeds_report["timeline"]:
        if event["text"] != story["title"]:
            assert any(event["text"] in texts[i] for i in event["articles"])


# -- relative dates ---------------------------------------------------------------------------------------

def test_lundi_resolved_against_publication(corpus: Corpus) -> None:
    story = _story(corpus, "fr_barrage")
    assert story.event_date == "2022-11-14"  # "lundi" in an article published Tuesday 15 November 2022
    assert _article(corpus, "fr_barrage").published == "2022-11-15"  # its own date is kept
    main = next(e for e in corpus.timeline if e.story == story.id and e.date == "2022-11-14")
    assert set(main.articles) == {"fr_barrage", "fr_barrage_repost"}


def test_undated_article_inherits_story_date(corpus: Corpus) -> None:
    assert "fr_barrage_repost" in _story(corpus, "fr_barrage").articles
    repost = _article(corpus, "fr_barrage_repost")
    assert repost.published == "2022-11-14"
    assert repost.page_date is None and repost.page_date_note is None


def test_month_without_year(corpus: Corpus) -> None:
    story = _story(corpus, "fr_barrage")
    flood = [e for e in corpus.timeline if e.story == story.id and e.date == "2022-09"]
    assert len(flood) == 1 and "en septembre" in flood[0].text


def test_english_monday_and_last_month(corpus: Corpus) -> None:
    story = _story(corpus, "en_rates")
    assert story.event_date == "2022-11-14"
    events = {e.date: e for e in corpus.timeline if e.story == story.id}
    assert "last month" in events["2022-10"].text
    assert events["2022-10"].text in _article(corpus, "en_rates").text
    assert set(events) == {"2022-10", "2022-11-14"}


def test_timeline_order(corpus: Corpus) -> None:
    for story in corpus.stories:
        dates = [e.date for e in corpus.timeline if e.story == story.id]
        assert dates == sorted(dates)
    barrage = [e.date for e in corpus.timeline if e.story == _story(corpus, "fr_barrage").id]
    assert barrage == ["2022-09", "2022-11-14"]


def test_story_without_date(corpus: Corpus) -> None:
    story = _story(corpus, "fr_bibliotheque")
    assert story.event_date is None
    assert _article(corpus, "fr_bibliotheque").published is None
    assert not [e for e in corpus.timeline if e.story == story.id]


# -- the resolver on its own --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "reference", "expected"), [
    ("a déclaré lundi", "2022-11-15", ["2022-11-14"]),
    ("a déclaré lundi", "2022-11", []),  # a month-precise date cannot place a weekday
    ("sera perturbée jeudi", "2022-12-06", ["2022-12-08"]),  # future tense points ahead
    ("à la fin du mois dernier", "2022-11", ["2022-10"]),
    ("fin mars, des pourparlers", "2022-11-14", ["2022-03"]),
    ("en novembre dernier", "2022-11-14", ["2021-11"]),
    ("in October", "2022-03-02", ["2021-10"]),  # the latest October not after the reference
    ("vendredi 3 mars 2023", None, ["2023-03-03"]),
    ("en 2022, la guerre", "2022-11-14", []),  # a year alone is no date
])
def test_dates_in(text: str, reference: str | None, expected: list[str]) -> None:
    assert dates_in(text, reference) == expected
