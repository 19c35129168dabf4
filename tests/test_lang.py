"""The language registry: every language file defines every list, and what a file says reaches the stages."""
from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from types import ModuleType

import pytest

from recoupe import dates, entities, lang, origins, speakers, text
from recoupe.text import fold


def _files() -> list[ModuleType]:
    return [lang.get(code) for code in lang.LANGUAGES]


@pytest.mark.parametrize("code", lang.LANGUAGES)
def test_every_language_file_defines_every_list_with_its_type(code: str) -> None:
    module = lang.get(code)
    for name, (container, item) in lang.LISTS.items():
        assert hasattr(module, name), f"lang/{code}.py lacks {name}"
        value = getattr(module, name)
        assert type(value) is container, f"{code}.{name} is a {type(value).__name__}, not a {container.__name__}"
        items = value.values() if isinstance(value, dict) else value
        assert all(isinstance(x, item) for x in items), f"{code}.{name} holds something else than {item.__name__}"
        if isinstance(value, dict):
            assert all(isinstance(k, str) for k in value), f"{code}.{name} has a key that is no word"


@pytest.mark.parametrize("code", lang.LANGUAGES)
def test_every_list_of_a_file_is_in_the_registry_and_documented(code: str) -> None:
    public = {n for n in vars(lang.get(code)) if n.isupper() and not n.startswith("_")}
    assert public <= set(lang.LISTS), f"lang/{code}.py defines lists the registry does not name"
    for name in lang.LISTS:
        assert name in (lang.__doc__ or ""), f"{name} is not described in recoupe.lang's docstring"


def test_lists_matched_on_folded_text_are_written_folded() -> None:
    for module in _files():
        for name in lang.FOLDED:
            assert all(fold(w) == w for w in getattr(module, name)), f"{module.__name__}.{name}"


def test_no_word_means_two_things_in_two_languages() -> None:
    for name, (container, _) in lang.LISTS.items():
        if container is dict and name != "BRIEF_PHRASES":  # the brief's sentences are per language, never merged
            lang.merged(name)  # raises on a word two languages give two values


def test_a_form_two_languages_share_is_a_speech_verb_of_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spanish and Italian both write "dice": one form, one speech verb, the first language's lemma."""
    es, it = lang.get("es"), lang.get("it")
    assert es.SPEECH_FORMS["dice"] == "decir" and it.SPEECH_FORMS["dice"] == "dire"
    assert lang.merged("SPEECH_FORMS")["dice"] == "decir"
    monkeypatch.setattr(es, "MONTHS", {**es.MONTHS, "marzo": 5})  # a month is not a shared form: it raises
    with pytest.raises(ValueError, match="marzo"):
        lang.merged("MONTHS")


def test_speech_forms_belong_to_their_own_file_s_verbs() -> None:
    for module in _files():
        assert set(module.SPEECH_FORMS.values()) <= module.SPEECH_VERBS
        assert set(module.SPEECH_FORMS) <= set(speakers.FORMS)


def test_unknown_languages_and_lists_are_refused() -> None:
    with pytest.raises(LookupError):
        lang.get("xx")
    with pytest.raises(KeyError):
        lang.union("NO_SUCH_LIST")


def test_reconciled_lists_are_one_list() -> None:
    # one PARTICLES list; the speaker stage reads the subset it always read (see speakers.NAME_PARTICLES)
    assert entities.PARTICLES is lang.PARTICLES
    assert speakers.NAME_PARTICLES < lang.PARTICLES
    # honorifics (M., Mme, Mr) and title nouns (président, minister) are two lists with two names
    assert speakers._HONORIFICS == entities._HONORIFICS == lang.union("HONORIFICS")
    assert entities._TITLE_NOUNS == lang.union("TITLE_NOUNS")
    assert not lang.union("HONORIFICS") & lang.union("TITLE_NOUNS")
    assert {"m", "mme", "mr"} <= origins._NOT_OUTLETS


def test_a_new_language_file_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding a language is adding a file (here one made in memory) and its code."""
    new = ModuleType("recoupe.lang.xx")
    for name in lang.LISTS:
        setattr(new, name, getattr(lang.get("en"), name))
    new.MONTHS = {"xmonth": 5}
    monkeypatch.setitem(sys.modules, "recoupe.lang.xx", new)
    monkeypatch.setattr(lang, "LANGUAGES", (*lang.LANGUAGES, "xx"))
    assert lang.get("xx") is new
    assert lang.merged("MONTHS")["xmonth"] == 5 and "janvier" in lang.union("MONTHS")


def test_every_month_and_weekday_word_is_read_by_dates() -> None:
    for module in _files():
        for word, month in module.MONTHS.items():
            assert dates.dates_in(f"le 3 {word}", "2023-12-20") == [f"2023-{month:02d}-03"], word
        for word, weekday in module.WEEKDAYS.items():
            day = dates.dates_in(f"a déclaré {word}", "2023-12-20")  # Wednesday 20 December 2023
            assert len(day) == 1 and dates.date.fromisoformat(day[0]).weekday() == weekday, word


def test_every_read_more_marker_is_read() -> None:
    for module in _files():
        for marker in module.READ_MORE_MARKERS:
            assert text.read_more_marker(marker.capitalize() + " : un autre article") == marker


@pytest.fixture
def reloaded(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[ModuleType]]:
    """Stages to reload after a language file is patched; they are reloaded again once it is restored."""
    stages: list[ModuleType] = []
    yield stages
    monkeypatch.undo()
    for stage in stages:
        importlib.reload(stage)


def test_a_word_added_to_a_language_file_reaches_the_stage(monkeypatch: pytest.MonkeyPatch,
                                                           reloaded: list[ModuleType]) -> None:
    fr = lang.get("fr")
    assert dates.dates_in("le 18 brumaire", "2023-12-20") == []
    assert text.read_more_marker("Lisez aussi : un autre article") is None
    monkeypatch.setattr(fr, "MONTHS", {**fr.MONTHS, "brumaire": 11})  # a word of no language file
    monkeypatch.setattr(fr, "READ_MORE_MARKERS", fr.READ_MORE_MARKERS | {"lisez aussi"})
    reloaded += [importlib.reload(dates), importlib.reload(text)]
    assert dates.dates_in("le 18 brumaire", "2023-12-20") == ["2023-11-18"]
    assert dates.looks_like_date("18 brumaire 2023")
    assert text.read_more_marker("Lisez aussi : un autre article") == "lisez aussi"
