"""Conflicts by meaning (issue 18): slots read in French and English, compared across languages; a later
article's count is an update, not a conflict. Texts written for these tests."""
from __future__ import annotations

import pytest

from recoupe import claims, conflicts
from recoupe.records import Article, Origin, Story


def _differ(a: str, la: str, b: str, lb: str) -> tuple[str, str] | None:
    found = conflicts.differing(conflicts.slots(a, la), conflicts.slots(b, lb))
    return (found[0].text, found[1].text) if found else None


@pytest.mark.parametrize(("a", "la", "b", "lb", "differs"), [
    # one count, two values, across languages
    ("la liste des dix passagers du vol", "fr", "seven passengers were on board", "en",
     ("dix passagers", "seven passengers")),
    ("un juge d'instruction l'a mis en examen", "fr", "deux juges d'instruction l'ont inculpé", "fr",
     ("un juge", "deux juges")),
    # one measure in two units: a thousandfold apart is two values, a conversion is one
    ("le réservoir retient 18 millions de m3 d'eau", "fr", "a reservoir of 18 cubic kilometres", "en",
     ("18 millions de m3", "18 cubic kilometres")),
    ("ses hommes ont avancé de 200 kilomètres", "fr", "his men advanced 124 miles", "en", None),
    # a bound agrees with any value inside it
    ("à moins de 400 km de Moscou", "fr", "within 200 km of Moscow", "en", None),
    ("l'eau est montée de plus de 10 mètres", "fr", "the water rose by 11 metres", "en", None),
    # a compass point of one place: the east is not the south; the south-west is in the south
    ("le barrage, dans l'est de l'Ukraine", "fr", "the dam in southern Ukraine", "en",
     ("l'est de l'Ukraine", "southern Ukraine")),
    ("dans le sud-ouest de la Russie", "fr", "in southern Russia", "en", None),
])
def test_slots_compare_across_languages(a: str, la: str, b: str, lb: str, differs: tuple[str, str] | None) -> None:
    assert _differ(a, la, b, lb) == differs


@pytest.mark.parametrize(("text", "language"), [
    ("Il est de Paris.", "fr"),  # "est" the verb, no bearing
    ("Arrêté le 24 août 2024 au Bourget.", "fr"),  # a date and a year, no count
    ("He was arrested on 24 August 2024.", "en"),
])
def test_dates_and_verbs_give_no_slot(text: str, language: str) -> None:
    assert conflicts.slots(text, language) == ()


def test_a_place_is_one_key_across_scripts_and_spellings() -> None:
    assert {conflicts.name_key(w) for w in ("Ukraine", "Ucrânia", "Ucraina", "Украина")} == {"ukra"}
    assert conflicts.name_key("Yermak") == conflicts.name_key("Iermak")


CRASH = ("Dix passagers se trouvaient à bord de l'avion qui s'est écrasé mercredi près de Tver.",
         "Seven passengers were on board the plane that crashed on Wednesday near Tver.")
OTHER = ("Les enquêteurs de l'aviation civile se sont rendus sur place dans la soirée.",
         "The emergencies ministry opened an inquiry into the causes of the accident.")


def _story(published: tuple[str | None, str | None]) -> tuple[Story, list[Article]]:
    articles = [Article(id=f"{code}_crash", path=f"{code}.txt", content_hash=code, text=f"{fact} {other}",
                        title="", language=code, published=day)
                for code, fact, other, day in zip(("fr", "en"), CRASH, OTHER, published, strict=True)]
    origins = tuple(Origin(id=f"o-{a.id}", label="unknown", articles=(a.id,)) for a in articles)
    return Story(id="s-crash", title="crash", articles=tuple(a.id for a in articles), origins=origins), articles


def _holding(found: list, text: str):  # type: ignore[no-untyped-def]
    return next(c for c in found if any(e.text.startswith(text[:30]) for e in c.support))


def test_two_outlets_giving_two_counts_conflict_both_ways_and_say_what_differs() -> None:
    story, articles = _story(("2023-08-23", "2023-08-23"))
    found = claims.extract(story, articles)
    fr, en = _holding(found, CRASH[0]), _holding(found, CRASH[1])
    assert fr.status == en.status == "conflicting"
    assert fr.conflicts_with == (en.id,) and en.conflicts_with == (fr.id,)
    assert fr.differs == ("count", ("Dix passagers", "Seven passengers"))
    assert all(c.status != "conflicting" for c in found if c not in (fr, en))


def test_a_later_day_s_count_updates_and_does_not_conflict() -> None:
    story, articles = _story(("2023-08-23", "2023-08-24"))
    found = claims.extract(story, articles)
    fr, en = _holding(found, CRASH[0]), _holding(found, CRASH[1])
    assert fr.status == en.status == "updated"
    assert fr.updates == (en.id,) and en.updates == (fr.id,) and not fr.conflicts_with


def test_undated_articles_give_no_update() -> None:
    # which came later is not known: the two counts stay a conflict, shown both ways
    story, articles = _story((None, "2023-08-24"))
    assert {c.status for c in claims.extract(story, articles) if c.conflicts_with} == {"conflicting"}
