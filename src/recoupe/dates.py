"""Dates as precise as the text makes them: ``YYYY-MM-DD``, ``YYYY-MM`` when only the month is known.

dateparser reads the many written forms ("dimanche, 14 avril 2024", "Nov. 15, 2022"); this module only
decides the precision and refuses anything without an explicit year, so that no day or year is invented.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
# a written-out date names a month or has a numeric day/month part beside the year
_DATE_WORDS = re.compile(
    r"\b(janv|févr|fevr|mars|avr|mai|juin|juil|août|aout|sept|oct|nov|déc|dec|jan|feb|mar|apr|may|jun|"
    r"jul|aug|sep)[a-zéû]*\.?\b|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}", re.IGNORECASE)


def parse_date(text: str, languages: tuple[str, ...] = ("fr", "en")) -> str | None:
    """Return the date written in ``text`` as ISO at the precision given, or None when no year is written."""
    iso = _ISO.match(text)
    if iso:
        year, month, day = iso.groups()
        return f"{year}-{month}-{day}" if day else f"{year}-{month}"
    if not _YEAR.search(text) or not _DATE_WORDS.search(text):
        return None
    data = _parser(languages).get_date_data(text)
    if data.date_obj is None:
        return None
    if data.period == "day":
        return data.date_obj.strftime("%Y-%m-%d")
    if data.period == "month":
        return data.date_obj.strftime("%Y-%m")
    return None  # a year alone has no place in a YYYY-MM(-DD) field


def looks_like_date(text: str) -> bool:
    """Cheap test: does the text hold a year and a month or numeric date (worth parsing)?"""
    return bool(_YEAR.search(text) and _DATE_WORDS.search(text)) or bool(_ISO.match(text))


@lru_cache(maxsize=8)
def _parser(languages: tuple[str, ...]) -> DateDataParser:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(languages), settings={"PREFER_DAY_OF_MONTH": "first"})
