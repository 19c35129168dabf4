"""Stories, reuse and independent origins (issue #5): the seeds, and a mixed corpus written for the tests."""
from __future__ import annotations

import pytest
from conftest import DATA, SEEDS, Measured, floors

from recoupe import analyze

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


def test_quoting_the_same_statement_is_a_quote_not_reuse(seeds_report: dict) -> None:
    # 003 (CNN) carries the NSC spokesperson's quotes that Anadolu's 000 and 001 carry: a shared quotation
    # (report contract: reuse kind "quote"), not a copy; the two Anadolu translations are one text
    kinds = {frozenset((e["source"][:3], e["target"][:3])): e["kind"] for e in seeds_report["reuse"]}
    assert kinds[frozenset(("000", "003"))] == "quote"
    assert kinds[frozenset(("001", "003"))] == "quote"
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
