"""Stories, reuse and independent origins (issue #5): the seeds, and a mixed corpus written for the tests."""
from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest
from conftest import DATA, SEEDS, Measured, floors

from recoupe import analyze, stories
from recoupe.records import Article

MIXED = DATA / "mixed"

FLOORS = floors("stories")


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_seed_floors(seeds_scores: dict[str, float], measure: str, measured: Measured) -> None:
    measured.score("stories", measure, seeds_scores[measure])
    assert seeds_scores[measure] >= FLOORS[measure], f"{measure} = {seeds_scores[measure]:.3f}"


@pytest.fixture(scope="module")
def mixed():
    return analyze([SEEDS, MIXED])


def _story_of(corpus, prefix: str) -> str:
    return next(a.story for a in corpus.articles if a.id.startswith(prefix))


def test_mixed_corpus_clustering(mixed) -> None:
    groups = sorted(sorted(a[:12] for a in s.articles) for s in mixed.stories)
    assert groups == sorted([
        ["000_97c0f5ab", "001_c9b7af97", "002_a4a6c44a", "003_39167952", "004_7cf43ca1", "en_ankara_me"],
        ["en_earthquak"],
        ["fr_burns_nar"],  # the same two men, four months later: another story
        ["fr_greve_snc", "fr_greve_snc"],
    ])


def test_english_article_joins_the_french_story(mixed) -> None:
    assert _story_of(mixed, "en_ankara") == _story_of(mixed, "000")


def test_near_duplicate_with_other_boilerplate_is_a_copy_and_one_origin(mixed) -> None:
    (edge,) = [e for e in mixed.reuse if e.source.startswith("fr_greve") and e.target.startswith("fr_greve")]
    assert edge.kind == "copy" and edge.score == 1.0
    # the repost shows no date and cites nobody: the direction is not known, and not invented
    assert {edge.source, edge.target} == {"fr_greve_sncf", "fr_greve_sncf_repost"}
    assert not edge.directed and edge.why == "direction unknown"
    story = next(s for s in mixed.stories if "fr_greve_sncf" in s.articles)
    assert [sorted(o.articles) for o in story.origins] == [["fr_greve_sncf", "fr_greve_sncf_repost"]]
    assert story.origins[0].label == "unknown"  # "selon l'Insee" cites a source of figures, not a wire


def test_seed_origins_and_labels(seeds_report: dict) -> None:
    (story,) = seeds_report["stories"]
    origins = {o["label"]: sorted(a[:3] for a in o["articles"]) for o in story["origins"]}
    assert origins == {"Anadolu": ["000", "001"], "RT": ["002", "004"], "CNN": ["003"]}


def test_quoting_the_same_statement_is_partial_reuse(seeds_report: dict) -> None:
    kinds = {frozenset((e["source"][:3], e["target"][:3])): e["kind"] for e in seeds_report["reuse"]}
    assert kinds[frozenset(("000", "003"))] == "partial"
    assert kinds[frozenset(("001", "003"))] == "partial"
    assert kinds[frozenset(("000", "001"))] in ("copy", "translation")


def test_passages_are_exact_text_of_both_articles(seeds_report: dict) -> None:
    text = {a["id"]: a["text"] for a in seeds_report["articles"]}
    for edge in seeds_report["reuse"]:
        for p in edge["passages"]:
            assert text[edge["source"]][p["source_start"]:].startswith(p["source"])
            assert text[edge["target"]][p["target_start"]:].startswith(p["target"])


def test_every_article_has_its_story(seeds_report: dict) -> None:
    (story,) = seeds_report["stories"]
    assert all(a["story"] == story["id"] for a in seeds_report["articles"])


# -- republications and the event signature (texts written for these tests) ---------------------------

WIRE_FR = (
    "Le port de Saint-Nazaire a été bloqué toute la journée par une centaine de dockers opposés au projet de "
    "fusion des terminaux. Les grévistes ont installé des barrages devant les quatre entrées du site dès six "
    "heures du matin. La direction du grand port maritime a dénoncé une action illégale et annoncé des "
    "poursuites. Les syndicats réclament l'abandon pur et simple du projet présenté en conseil de surveillance. "
    "Une réunion avec le préfet de Loire-Atlantique est prévue à Nantes dans la soirée. Trois navires "
    "porte-conteneurs attendaient au large en fin d'après-midi, selon la capitainerie."
)
WIRE_EN = (
    "Dockers blocked the port of Saint-Nazaire all day on Tuesday to protest against the planned merger of its "
    "terminals. Strikers set up barricades at the four gates of the site from six in the morning. The port "
    "authority condemned an illegal action and said it would take legal steps. Unions demand that the plan "
    "presented to the supervisory board be dropped altogether. A meeting with the regional prefect is due in "
    "Nantes in the evening. Three container ships were waiting offshore in the late afternoon, the harbour "
    "master said."
)


def _article(name: str, text: str, language: str, published: str | None = None) -> Article:
    return Article(id=name, path=f"{name}.txt", content_hash=name, text=text, title=text.split(".")[0],
                   published=published, language=language)


OWN = {
    "fr": ("Notre journal a interrogé les commerçants du quartier, inquiets pour leur saison. Le maire n'a pas "
           "souhaité réagir à nos questions.",
           "Le festival de la plage ouvrira ses portes vendredi avec une affiche renouvelée. Les organisateurs "
           "attendent quarante mille spectateurs sur trois jours, un record pour la ville. La billetterie en "
           "ligne a été prise d'assaut dès son ouverture lundi matin. Des navettes "
           "gratuites relieront la gare au site toute la nuit. La préfecture a promis des renforts de police "
           "et de secouristes pour l'occasion, après les incidents de l'an dernier."),
    "en": ("Our reporter spoke to shopkeepers nearby, who fear for their summer season. The mayor declined to "
           "answer our questions.",
           "The beach festival opens on Friday with a renewed line-up. Organisers expect forty thousand people "
           "over three days, a record for the town. Online ticket sales were overwhelmed as soon as they opened "
           "on Monday morning. Free shuttles will link the station to the site all night. The prefecture "
           "promised extra police and first-aid teams for the occasion, after last year's incidents."),
}


@pytest.mark.parametrize(("wire", "language"), [(WIRE_FR, "fr"), (WIRE_EN, "en")])
def test_an_excerpt_republished_is_a_copy_however_short(wire: str, language: str) -> None:
    first, _, rest = wire.partition(". ")
    excerpt = rest[:len(rest) // 2].rsplit(". ", 1)[0] + ". " + OWN[language][0]  # from the second sentence on
    one_sentence = first + ". " + OWN[language][1]
    articles = [_article("wire", wire, language), _article("excerpt", excerpt, language),
                _article("one_sentence", one_sentence, language)]
    # half of the excerpt is the wire's: a copy, however much shorter; one sentence of it in another story is not
    assert stories.copies(articles, list(combinations(range(3), 2))) == [(0, 1)]


def _features(weekdays: list[frozenset[int]]) -> list[stories._Features]:
    vector = np.ones(4, dtype=np.float32) / 2
    return [stories._Features(_article(f"a{i}", "", "fr"), vector, days, None, None)
            for i, days in enumerate(weekdays)]


def test_a_group_reports_the_day_most_of_its_leads_name() -> None:
    saturday, monday, wednesday, none = frozenset({5}), frozenset({0}), frozenset({2}), frozenset()
    features = _features([saturday, none, none, saturday, monday, wednesday, wednesday, none])
    arrest = stories._Group.of(features, [0, 1, 2, 3, 4])
    charge = stories._Group.of(features, [5, 6, 7])
    undated = stories._Group.of(features, [1, 2])
    assert arrest.signature() == saturday and charge.signature() == wednesday and undated.signature() == none
    # every pair across the two groups counts as two events, the undated leads included
    assert arrest.score(charge) == pytest.approx(undated.score(charge) + stories.PER_DAYS_APART)


def test_a_digest_of_two_wires_does_not_glue_their_stories() -> None:
    museum = ("Le musée des Beaux-Arts de Lyon rouvre ses salles de peinture flamande après deux ans de "
              "travaux. Les toiles restaurées retrouvent un éclairage naturel sous la verrière refaite à neuf. "
              "L'entrée sera gratuite le premier dimanche de chaque mois jusqu'à la fin de l'année. La "
              "conservatrice espère attirer un public plus jeune grâce à des visites guidées en soirée.")
    wires = [_article("port", WIRE_FR, "fr"), _article("museum", museum, "fr"),
             _article("digest", "L'essentiel de l'actualité. " + WIRE_FR + " " + museum, "fr")]
    assert stories.copies(wires, [(0, 1), (0, 2), (1, 2)]) == [(0, 2), (1, 2)]  # both wires are in the digest
    groups = sorted(sorted(s.articles) for s in stories.cluster(wires))
    assert ["museum", "port"] not in groups and ["digest", "museum", "port"] not in groups
