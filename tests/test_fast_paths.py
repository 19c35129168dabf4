"""The quicker ways the quote and date stages find what they find: the same matches as the plain patterns.

``speakers._forms`` looks for speech verbs' forms only where a tree of their letters says one begins;
``dates.dates_in`` runs its written-date patterns only over texts holding a year or a figure. Both must find
exactly what the plain patterns find, on any text: these tests compare them on texts made to sit on every
edge (case, inversions, hyphens and apostrophes around a form, a form cut by the window's ends).
"""
from __future__ import annotations

import random

import pytest

from recoupe import dates, speakers


def _plain(masked: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
    return [m.span() + m.span(1) for m in speakers._FORM_RE.finditer(masked, start, end)]


def _fast(masked: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
    return [m.span() + m.span(1) for m in speakers._forms(masked, start, end)]


def test_a_form_is_found_where_it_starts_and_nothing_else() -> None:
    assert all(speakers._FORM_AT.match(form + " ") for form in speakers.FORMS)
    assert not any(speakers._FORM_AT.match(w) for w in ("di ", "déclar ", "dits ", "redit ", "-dit "))


EDGES = [
    "« Nous partirons », a déclaré le ministre. Il a ajouté qu'il dira tout demain, dit-il.",
    "« C'est fini », déclare-t-elle ; « non », SAID the spokesman, Said Khan said that.",
    "L'homme a-t-il dit que l'accord tenait ? Le communiqué ajoute: « rien ». dites, dits, redit, dit- il",
    "Peskov, görüşmelerin sürdüğünü SÖYLEDİ. Sözcü açıklamada bulundu; İddia etti ki kabul edildi.",
    "Песков заявил, что переговоры продолжатся. «Нет», — сказал он. ЗАЯВИЛ Песков.",
    "Er teilte mit, dass es weitergeht. Sie fügte hinzu: „Wir bleiben.“ teilte er mit. sagte's, sagte-",
    "said'x said’ ’said -said said_ _said 1said said1 saidsaid said",
]


@pytest.mark.parametrize("text", EDGES)
def test_forms_are_found_where_the_plain_pattern_finds_them_in_any_window(text: str) -> None:
    masked = text.replace("« Nous partirons »", "□" * 18)
    assert _fast(masked, 0, len(masked)) == _plain(masked, 0, len(masked)) != []
    for start in range(0, len(masked), 3):
        for end in range(start, len(masked) + 1, 7):
            assert _fast(masked, start, end) == _plain(masked, start, end), (start, end)


def test_forms_in_random_texts_made_of_forms_and_their_neighbours() -> None:
    rng = random.Random(21)
    forms = sorted(speakers.FORMS)
    pieces = [" ", " ", ", ", ". ", "-", "'", "’", "-t-il", "-elle", "x", "□", "\n", "s"]
    for _ in range(300):
        parts = []
        for _ in range(rng.randint(1, 12)):
            form = rng.choice(forms)
            form = rng.choice([form, form.upper(), form.title(), form[:-1], form + form[-1]])
            parts += [form, rng.choice(pieces)]
        text = "".join(parts)
        a, b = sorted(rng.randint(0, len(text)) for _ in range(2))
        assert _fast(text, a, b) == _plain(text, a, b), text


@pytest.mark.parametrize("text", [
    "Le sommet s'est tenu le vendredi 3 mars 2023 à Paris.", "Signed on Nov. 15, 2022 in Bali.",
    "Il 24 giugno 2023 a Roma.", "Em 5 de junho de 2023.", "25 июня 2023 года в Москве.",
    "Published 2022-11-14.", "Dated 15/11/2022 and 14.11.2022.", "Le 14 novembre, il a parlé.", "On Aug 24 he said.",
])
def test_a_written_date_holds_what_its_patterns_are_skipped_without(text: str) -> None:
    """Every written date the patterns find holds a year (the full ones) or a figure (day and month): the
    fast path skips each pattern over texts without, so this must hold for the skip to lose nothing."""
    absolute, day_month = dates._written_dates()
    found = [m.group(0) for m in absolute.finditer(text)] + [m.group(0) for m in day_month.finditer(text)]
    assert found
    for m in absolute.finditer(text):
        assert dates._HAS_YEAR.search(m.group(0))
    for m in day_month.finditer(text):
        assert dates._HAS_DIGIT.search(m.group(0))


def test_dates_without_a_figure_are_still_read() -> None:
    """Relative days, weekdays and months alone need no figure: the skip leaves them be."""
    found = dates.dates_in("Le ministre a déclaré lundi qu'en septembre dernier, hier encore, rien n'avait bougé.",
                           "2023-11-15")
    assert found == ["2023-09", "2023-11-14", "2023-11-13"]
