"""Quality gate on the seed corpus: the score floors of the foundation issue (#3), pinned to the gold."""
from __future__ import annotations

import hashlib

import pytest
from conftest import GOLD, SEEDS, Measured, corpus_sha256, floors

# a changed gold or seed file must be a reviewed change, not a silent one (both in tests/gold/floors.json)
GOLD_SHA256 = corpus_sha256()

FLOORS = floors("seeds_quality")


def _corpus_hash() -> str:
    digest = hashlib.sha256(GOLD.read_bytes())
    for path in sorted(SEEDS.glob("*.txt")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def test_gold_corpus_is_the_reviewed_one(measured: Measured) -> None:
    measured.digest(_corpus_hash())
    assert _corpus_hash() == GOLD_SHA256


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_score_floor(seeds_scores: dict[str, float], measure: str, measured: Measured) -> None:
    measured.score("seeds_quality", measure, seeds_scores[measure])
    assert seeds_scores[measure] >= FLOORS[measure], f"{measure} = {seeds_scores[measure]:.3f}"


def test_every_removed_line_is_listed_and_nothing_else_lost(seeds_articles: dict, gold: dict) -> None:
    """Each gold boilerplate string is in the article's removed list, and each must_keep in its text."""
    from score import contains

    for key, gold_article in gold["articles"].items():
        article = seeds_articles[key]
        removed = "\n".join(article["removed"])
        for boilerplate in gold_article["boilerplate"]:
            assert contains(removed, boilerplate), (key, boilerplate)
        for keep in gold_article["must_keep"]:
            assert contains(article["text"], keep), (key, keep)


def test_no_body_paragraph_is_removed(seeds_articles: dict) -> None:
    """Every removal is boilerplate: no removed line is one of the article's news paragraphs."""
    for key, article in seeds_articles.items():
        for removal in article["removals"]:
            assert removal["reason"] != "outside the article body" or len(removal["text"].split()) < 25, (
                key, removal)


def test_republication_page_date_is_not_the_published_date(seeds_articles: dict) -> None:
    article = seeds_articles["001"]
    assert article["page_date"] == "2024-04-14"
    assert article["published"] != "2024-04-14"


def test_month_stays_a_month(seeds_articles: dict) -> None:
    assert seeds_articles["002"]["published"] == "2022-11"


def test_title_language_is_per_field(seeds_articles: dict) -> None:
    article = seeds_articles["003"]
    assert (article["language"], article["title_language"]) == ("fr", "en")


def test_outlets_from_url_source_line_and_byline(seeds_articles: dict) -> None:
    assert seeds_articles["004"]["url"] == "https://www.rt.com/russia/566501-russia-us-secret-talks/"
    assert seeds_articles["004"]["outlet"] == "rt.com"
    assert seeds_articles["001"]["outlet"] == "TRTWorld"
    assert seeds_articles["003"]["outlet"] == "CNN"
    assert seeds_articles["000"]["outlet"] == "AA"
