"""Dates only as precise as the text: a month stays a month, no year means no date."""
from __future__ import annotations

import pytest

from recoupe.dates import days_in_month, parse_date, pinned_dates, refine


@pytest.mark.parametrize(("text", "expected"), [
    ("dimanche, 14 avril 2024", "2024-04-14"),
    ("14 novembre 2022", "2022-11-14"),
    ("Nov. 15, 2022 10:32 AM", "2022-11-15"),
    ("2022-11-14T10:00:00Z", "2022-11-14"),
    ("2022-11", "2022-11"),
    ("novembre 2022", "2022-11"),
    ("lundi", None),
    ("2022", None),
    ("en 2022, la guerre", None),
])
def test_precision(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


# -- issue 16: dates in the languages news arrives in, numeric dates, month refinement --------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("12 marzo 2021", "2021-03-12"),                 # it
    ("3 de fevereiro de 2020", "2020-02-03"),        # pt
    ("9 Ekim 2019", "2019-10-09"),                   # tr
    ("17 сентября 2021 года", "2021-09-17"),         # ru, genitive month and "года"
    ("2. Mai 2018", "2018-05-02"),                   # de
    ("miércoles, 8 de enero de 2020", "2020-01-08"),  # es
    ("octubre de 2019", "2019-10"),                  # a month stays a month
    ("21.09.2019", "2019-09-21"),                    # dots: day first in every convention that writes them
    ("21-09-2019", "2019-09-21"),                    # a day over 12 tells the order
    ("09/21/2019", "2019-09-21"),                    # month first, as the United States write it
    ("05/05/2019", "2019-05-05"),
    ("04/09/2019", None),                            # 4 September or 9 April: nothing says which
    ("31.02.2019", None),                            # not a day of the calendar
    ("2019-13", None),
    ("2019-02-30", None),
])
def test_written_and_numeric_dates(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


def test_an_ambiguous_numeric_date_is_read_day_first_only_when_the_page_says_so() -> None:
    assert parse_date("04/09/2019", day_first=True) == "2019-09-04"


@pytest.mark.parametrize(("month", "text", "expected"), [
    ("2021-03", "ROME, 12 mars (Reuters) - Le ministre a parlé.", "2021-03-12"),
    ("2021-03", "BERLIN, March 12 (dpa) - The minister spoke.", "2021-03-12"),
    ("2021-03", "Le texte du 12.03.2021 a été voté.", "2021-03-12"),
    ("2021-03", "Ce vendredi 12, les députés ont voté.", "2021-03-12"),  # 12 March 2021 was a Friday
    ("2021-03", "Ce jeudi 12, les députés ont voté.", "2021-03"),        # it was no Thursday: no day
    ("2021-03", "Les députés ont voté vendredi.", "2021-03"),            # a weekday alone has no known week
    ("2021-03", "Le 12 avril, les députés voteront.", "2021-03"),        # a day of another month
    ("2021-03-05", "ROME, 12 mars (Reuters) -", "2021-03-05"),           # a day is never changed
])
def test_a_month_is_refined_only_by_a_day_the_text_states_in_it(month: str, text: str, expected: str) -> None:
    assert refine(month, text) == expected


# -- a weekday beside a day and month pins the year, within a window of a few years ------------------------

@pytest.mark.parametrize("text", [
    "Le pont s'est effondré dans la nuit du dimanche 10 septembre, selon la mairie.",  # fr
    "The bridge collapsed on Sunday, September 10, the city said.",                    # en
    "The bridge collapsed on Sunday 10 September.",                                    # en, day first
    "El puente se derrumbó el domingo 10 de septiembre.",                              # es
    "Die Brücke ist am Sonntag, dem 10. September eingestürzt.",                       # de
    "Il ponte è crollato domenica 10 settembre.",                                      # it
    "A ponte desabou no domingo, 10 de setembro.",                                     # pt
    "De brug stortte zondag 10 september in.",                                         # nl
    "Мост обрушился в воскресенье, 10 сентября.",                                      # ru
])
def test_a_weekday_pins_the_one_year_of_a_window_where_it_falls(text: str) -> None:
    # 10 September fell on a Sunday in 2017, 2023 and 2028: of 2022-2025, only 2023 fits
    assert pinned_dates(text, range(2022, 2026)) == ["2023-09-10"]


@pytest.mark.parametrize(("text", "years"), [
    ("Le pont s'est effondré dimanche 10 septembre.", range(2014, 2026)),  # 2017 and 2023: two years, none kept
    ("The bridge collapsed on Sunday, September 10.", range(2014, 2026)),
    ("El puente se derrumbó el domingo 10 de septiembre.", range(2014, 2026)),
    ("Die Brücke ist am Sonntag, 10. September eingestürzt.", range(2014, 2026)),
    ("Le pont s'est effondré lundi 10 septembre.", range(2022, 2026)),     # no Monday 10 September in the window
    ("The bridge collapsed on Sunday.", range(2022, 2026)),                # a weekday alone
    ("Le pont s'est effondré le 10 septembre.", range(2022, 2026)),        # a day without its weekday
    ("Le pont s'est effondré dimanche 10 septembre.", range(0)),           # no window: nothing dated around
    ("Le pont s'est effondré dimanche 10 septembre 2017.", range(2022, 2026)),  # written in full: read as it is
    ("El puente se derrumbó el domingo 31 de junio.", range(2022, 2026)),  # no such day
])
def test_no_year_is_pinned_without_one_fitting_year(text: str, years: range) -> None:
    assert pinned_dates(text, years) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("C'est le 14 mars que le conseil a voté.", ["2023-03-14"]),      # fr
    ("The council voted on March 14.", ["2023-03-14"]),               # en
    ("El consejo votó el 14 de marzo.", ["2023-03-14"]),              # es
    ("Der Rat hat am 14. März abgestimmt.", ["2023-03-14"]),          # de
    ("Ce mardi 14, le conseil a voté.", ["2023-03-14"]),              # 14 March 2023 was a Tuesday
    ("Ce jeudi 14, le conseil a voté.", []),                          # it was no Thursday
    ("Le conseil a voté mardi.", []),                                 # a weekday alone has no known week
    ("Le 14 avril, le conseil votera.", []),                          # a day of another month
])
def test_days_in_month(text: str, expected: list[str]) -> None:
    assert days_in_month("2023-03", text) == expected
