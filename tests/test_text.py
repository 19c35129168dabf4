"""Sentences cut the same way on every article, parsed or not (text.sentences). Texts written for the tests."""
from __future__ import annotations

import pytest

from recoupe.text import sentences


@pytest.mark.parametrize(("text", "expected"), [
    ("ANKARA, Nov. 14 (Reuters) - The CIA director met his Russian counterpart. He said so.", 2),
    ("WASHINGTON, Sept. 3 (AP) — Talks resumed. Both sides attended.", 2),
    ("Le 14 nov. 2022, M. Burns a rencontré son homologue russe à Ankara. Il l'a confirmé.", 2),
    ("Il est arrivé le 3 janv. 2024 à Paris. Il est reparti le lendemain.", 2),
    # a month's abbreviation that ends a sentence still ends it
    ("The decision was expected in Nov. The court then adjourned.", 2),
])
def test_a_month_abbreviation_before_a_date_ends_no_sentence(text: str, expected: int) -> None:
    assert len(sentences(text)) == expected
