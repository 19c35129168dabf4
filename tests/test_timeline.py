"""Story dates and timelines: relative dates resolved against the article's date, precision never invented."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import Measured, floors

from recoupe.dates import dates_in
from recoupe.records import Article, Corpus, Story
from recoupe.timeline import build, date_stories

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


# -- a story's date from what its leads support (date_stories on articles written here) --------------------

def _articles(*leads: tuple[str | None, str]) -> list[Article]:
    """One article per (published, text), the text's first sentence its title."""
    return [Article(id=f"a{n}", path=f"a{n}.txt", content_hash=str(n), text=text, title=text.split(". ")[0],
                    published=published) for n, (published, text) in enumerate(leads)]


def _event(articles: list[Article], dated_elsewhere: tuple[str, ...] = ("2023-05-02", "2024-02-10")) -> str | None:
    """The event date of one story of ``articles``, in a corpus whose other articles are dated ``dated_elsewhere``."""
    others = _articles(*((d, "Un autre sujet.") for d in dated_elsewhere))
    others = [replace(a, id=f"other{n}") for n, a in enumerate(others)]
    story = Story("s", "", tuple(a.id for a in articles))
    dated, _ = date_stories([story], articles + others)
    return dated[0].event_date


@pytest.mark.parametrize("lead", [
    "C'est le 14 mars que le conseil municipal de Brest a voté son budget. Le débat a duré six heures.",  # fr
    "The city council of Leeds approved its budget on March 14. The debate lasted six hours.",           # en
    "El ayuntamiento de Cádiz aprobó su presupuesto el 14 de marzo. El debate duró seis horas.",         # es
    "Der Stadtrat von Kassel hat am 14. März den Haushalt beschlossen. Die Debatte dauerte sechs Stunden.",  # de
    "Il consiglio comunale di Parma ha approvato il bilancio il 14 marzo. Il dibattito è durato sei ore.",  # it
    "Le budget de Brest est voté. Ce mardi 14, le conseil municipal a tranché après six heures.",  # a Tuesday
])
def test_a_day_the_lead_names_inside_the_published_month(lead: str) -> None:
    assert _event(_articles(("2023-03", lead))) == "2023-03-14"
    # an article without a date of its own names the day of the month its story is dated by another
    assert _event(_articles((None, lead), ("2023-03", "Le budget est voté."))) == "2023-03-14"


@pytest.mark.parametrize("lead", [
    "Le conseil municipal de Brest a voté son budget mardi. Le débat a duré six heures.",  # no known week
    "Ce jeudi 14, le conseil municipal de Brest a voté son budget.",  # 14 March 2023 was no Thursday
    "Le conseil municipal de Brest votera son budget le 14 avril.",  # a day of another month
])
def test_a_month_stays_a_month_without_a_day_inside_it(lead: str) -> None:
    assert _event(_articles(("2023-03", lead))) == "2023-03"


def test_a_publication_day_outweighs_a_day_a_lead_names() -> None:
    # the lead recalls an earlier day of the month; the article dated to the day tells when the story is
    recalled = "La digue, fragilisée le 2 mars, a cédé. Les habitants ont été évacués."
    assert _event(_articles(("2023-03", recalled), ("2023-03-14", "La digue a cédé."))) == "2023-03-14"


@pytest.mark.parametrize("lead", [
    "Le pont de Nantes s'est effondré dans la nuit du dimanche 10 septembre. Aucun blessé n'est signalé.",  # fr
    "The Leeds bridge collapsed on Sunday, September 10. Nobody was hurt.",                                # en
    "El puente de Cádiz se derrumbó el domingo 10 de septiembre. No hubo heridos.",                        # es
    "Die Brücke in Kassel ist am Sonntag, dem 10. September eingestürzt. Niemand wurde verletzt.",        # de
    "Il ponte di Parma è crollato domenica 10 settembre. Nessun ferito.",                                  # it
    "A ponte do Porto desabou no domingo, 10 de setembro. Não houve feridos.",                             # pt
])
def test_an_undated_lead_weekday_pins_the_year_near_the_corpus(lead: str) -> None:
    # the corpus is dated 2023-2024: of 2022-2025, 10 September was a Sunday in 2023 only
    assert _event(_articles((None, lead))) == "2023-09-10"


@pytest.mark.parametrize("lead", [
    "Le pont de Nantes s'est effondré dimanche 10 septembre. Aucun blessé n'est signalé.",
    "The Leeds bridge collapsed on Sunday, September 10. Nobody was hurt.",
    "El puente de Cádiz se derrumbó el domingo 10 de septiembre. No hubo heridos.",
    "Die Brücke in Kassel ist am Sonntag, 10. September eingestürzt. Niemand wurde verletzt.",
])
def test_two_fitting_years_give_no_year(lead: str) -> None:
    # a corpus dated 2015 and 2024: 10 September was a Sunday in 2017 and in 2023
    assert _event(_articles((None, lead)), ("2015-06-01", "2024-01-15")) is None
    assert _event(_articles((None, lead)), ()) is None  # nothing dated in the corpus: no window


@pytest.mark.parametrize("lead", [
    "Un incendie a détruit mardi un entrepôt du port de Nantes. Les pompiers sont restés sur place.",
    "A fire destroyed a warehouse in the port of Leeds on Tuesday. Firefighters stayed on site.",
    "Un incendio destruyó el martes un almacén del puerto de Cádiz. Los bomberos siguen allí.",
    "Ein Brand hat am Dienstag ein Lagerhaus im Hafen von Kassel zerstört. Die Feuerwehr blieb vor Ort.",
])
def test_a_bare_weekday_stays_unresolved(lead: str) -> None:
    assert _event(_articles((None, lead))) is None


def test_a_pinned_day_dates_its_lead_and_the_timeline() -> None:
    # the statement is pinned (Thursday 18 May: 2023 in the window); the visit it reports, sixteen days
    # earlier, is beyond a lead's week: it is a dated event of the timeline, not the story's date
    text = ("Les élus de Brest ont visité le 2 mai le chantier du port, a indiqué ce jeudi 18 mai le maire. "
            "La visite a duré trois heures.")
    articles = _articles((None, text))
    dated, _ = date_stories([Story("s", "", ("a0",))], articles)
    assert dated[0].event_date is None  # alone, the article has no corpus around it to pin a year
    assert _event(articles) == "2023-05-18"
    story = replace(dated[0], event_date="2023-05-18")
    assert [e.date for e in build(story, articles)] == ["2023-05-02", "2023-05-18"]
