"""The stage contract: the order is built from what each stage needs and provides, and a broken one is
refused before anything runs; a stage that changes what it does not declare is stopped."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

from recoupe import pipeline
from recoupe.pipeline import CORPUS_STAGES, Clock, Findings, Stage, _Context, _run, check_order, order


def _names(stages: tuple[Stage, ...]) -> list[str]:
    return [s.name for s in stages]


def test_declared_order_meets_every_contract() -> None:
    check_order(pipeline.ARTICLE_STAGES)
    built = order(CORPUS_STAGES, ("articles",))
    check_order(built, ("articles",))
    assert _names(built) == _names(CORPUS_STAGES)


def test_order_is_rebuilt_from_a_shuffled_declaration() -> None:
    shuffled = list(CORPUS_STAGES)
    random.Random(14).shuffle(shuffled)
    built = _names(order(shuffled, ("articles",)))
    for before, after in [("parse", "entities"), ("entities", "quotes"), ("stories", "reuse"), ("reuse", "origins"),
                          ("origins", "claims"), ("claims", "brief"), ("dates", "timeline")]:
        assert built.index(before) < built.index(after), built


def test_a_stage_whose_needs_nobody_provides_is_refused() -> None:
    without_reuse = [s for s in CORPUS_STAGES if s.name != "reuse"]
    with pytest.raises(ValueError, match="reuse"):
        order(without_reuse, ("articles",))


def test_two_stages_providing_one_field_are_refused() -> None:
    twice = (*CORPUS_STAGES, Stage("redate", requires=("stories",), provides=("stories.event_date",), run=print))
    with pytest.raises(ValueError, match="redate.*stories.event_date"):
        check_order(twice, ("articles",))


def test_a_stage_changing_what_it_does_not_declare_is_stopped() -> None:
    def sneaky(found: Findings, run: object) -> Findings:
        return replace(found, claims=(), stories=[])  # type: ignore[arg-type]  # declares claims only

    stage = Stage("sneaky", requires=("articles",), provides=("claims",), run=sneaky)
    with pytest.raises(RuntimeError, match="sneaky.*stories"):
        _run((stage,), Findings(articles=()), _Context(Clock(None)))
