"""Dates as precise as the text makes them: ``YYYY-MM-DD``, ``YYYY-MM`` when only the month is known.

dateparser reads the many written forms ("dimanche, 14 avril 2024", "Nov. 15, 2022", "25 июня 2023 года")
in every language of ``lang.NEWS_LANGUAGES``; this module decides the precision and refuses anything
without an explicit year, so that no day or year is invented. Numeric dates are read here: dateparser
takes "06/07/2023" for the 7th of June whatever the page's language.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from . import lang

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_YEAR = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
# "24/06/2023", "06-06-2023", "14.11.2022": day and month in one order or the other, then the year
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2((?:19|20)\d\d)(?![\d/-]|\.\d)")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _locale_words(names: tuple[str, ...], first: int) -> dict[str, int]:
    """The words dateparser's locales of ``lang.NEWS_LANGUAGES`` give for ``names`` (its keys: "january",
    "monday"...), in lower case without a final dot: word -> number, counted from ``first``."""
    from dateparser.languages.loader import default_loader

    words: dict[str, int] = {}
    for code in lang.NEWS_LANGUAGES:
        info = default_loader.get_locale(code).info
        for number, name in enumerate(names, first):
            for word in info.get(name, ()):
                words.setdefault(word.lower().rstrip("."), number)
    return words


@lru_cache(maxsize=1)
def month_words() -> dict[str, int]:
    """Every way of writing a month that the language files and dateparser's locales give, folded to lower
    case without a final dot: word -> month number. Words under three letters are left out (Turkish "Ha")."""
    words = lang.merged("MONTHS") | lang.merged("MONTH_ABBREVIATIONS")
    for word, number in _locale_words(_MONTH_NAMES, 1).items():
        if len(word) >= 3:
            words.setdefault(word, number)
    return words


@lru_cache(maxsize=1)
def weekday_words() -> dict[str, int]:
    """Every weekday name that the language files and dateparser's locales give, in lower case: word -> 0
    (Monday)..6. Only names of five letters or more: abbreviations ("mer", "sam", "mi") are common words; and
    no short form of a longer name ("segunda" of "segunda-feira", "pazar" of "pazartesi"): alone it is an
    ordinary word ("pela segunda vez", a market)."""
    words = {word.lower(): number for word, number in lang.merged("WEEKDAYS").items()}
    for word, number in _locale_words(_WEEKDAY_NAMES, 0).items():
        if len(word) >= 5:
            words.setdefault(word, number)
    return {word: number for word, number in words.items()
            if not any(other != word and other.startswith(word) for other in words)}


@lru_cache(maxsize=1)
def _date_words() -> re.Pattern[str]:
    """A written date names a month (a word that starts like one) or has a numeric day/month beside the year."""
    return re.compile(r"(?<!\w)(" + lang.alternation(month_words()) + r")\w*\.?(?!\w)"
                      r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}", re.IGNORECASE)


@lru_cache(maxsize=4096)  # the same dates recur across a corpus, and dateparser takes milliseconds
def parse_date(text: str, day_first: bool = False) -> str | None:
    """Return the date written in ``text`` as ISO at the precision given, or None when no year is written.

    A numeric date whose day and month could be swapped ("06/07/2023") is read day first only when
    ``day_first`` says the page writes dates that way (a label in a language that does); a dotted one
    ("06.07.2023") always is, as every convention that writes dots puts the day first.
    """
    iso = _ISO.match(text)
    if iso:
        year, month, day = iso.groups()
        try:  # "2019-13" or "2019-02-30" is no date
            date(int(year), int(month), int(day or 1))
        except ValueError:
            return None
        return f"{year}-{month}-{day}" if day else f"{year}-{month}"
    if not _YEAR.search(text):
        return None
    named = _date_words().search(text)
    if named is None:
        return None
    if (numeric := _NUMERIC.search(text)) is not None and not named.group(1):
        return _numeric_date(numeric, day_first)
    data = _parser().get_date_data(text)
    if data.date_obj is None:
        return None
    if data.period == "day":
        return data.date_obj.strftime("%Y-%m-%d")
    if data.period == "month":
        return data.date_obj.strftime("%Y-%m")
    return None  # a year alone has no place in a YYYY-MM(-DD) field


def _numeric_date(m: re.Match[str], day_first: bool) -> str | None:
    """The day a numeric date names, when its order can be told (see ``parse_date``)."""
    first, separator, second, year = int(m.group(1)), m.group(2), int(m.group(3)), int(m.group(4))
    if separator == "." or first > 12 or first == second or (day_first and second <= 12):
        day, month = first, second
    elif second > 12:
        day, month = second, first  # month first, as in the United States
    else:
        return None  # "06/07/2023" with nothing to say which is the month: not a date we can trust
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def looks_like_date(text: str) -> bool:
    """Cheap test: does the text hold a year and a month or numeric date (worth parsing)?"""
    return bool(_YEAR.search(text) and _date_words().search(text)) or bool(_ISO.match(text))


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(lang.NEWS_LANGUAGES), settings={"PREFER_DAY_OF_MONTH": "first"})


# -- dates a sentence states or implies, resolved against the article's own date -------------------------

# the weekday words come from the language files, the month words from them and dateparser's locales; the
# grammar of dates around them ("le 3 mars", "fin mars", "lundi prochain", "next Monday", tense cues) is
# French and English, kept here
_MONTHS: dict[str, int] = lang.merged("MONTHS")
_MONTH_RE = lang.alternation(_MONTHS)
_WEEKDAYS: dict[str, int] = lang.merged("WEEKDAYS")
_DAY_RE = lang.alternation(_WEEKDAYS)


@lru_cache(maxsize=1)
def _written_dates() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Two patterns over every language's month words, built at first use (dateparser's locales load then):

    - a written date with its year ("vendredi 3 mars 2023", "Nov. 15, 2022", "24 giugno 2023", "5 de junho
      de 2023", "25 июня 2023 года", "2022-11-14", "15/11/2022", "14.11.2022");
    - a day and month without the year ("le 14 novembre", "on November 14", "Aug 24", "6 Haziran"), where
      three-letter words count only when the language files list them (Portuguese "set" or "out" beside a
      number are too often other words).
    """
    every = lang.alternation(month_words())
    listed = lang.merged("MONTHS").keys() | lang.merged("MONTH_ABBREVIATIONS").keys()
    named = lang.alternation({w for w in month_words() if len(w) >= 4} | listed)
    absolute = re.compile(
        rf"\b(?:(?:{_DAY_RE}),?\s+)?(?:(?:le\s+)?\d{{1,2}}(?:er|st|nd|rd|th|\.)?\s+(?:de\s+)?)?(?:{every})\.?"
        rf"(?:\s+\d{{1,2}}(?:st|nd|rd|th)?,?)?\s+(?:de\s+|of\s+)?(?:19|20)\d\d\b"
        r"|\b(?:19|20)\d\d-\d{2}(?:-\d{2})?\b|\b\d{1,2}([/.-])\d{1,2}\1(?:19|20)\d\d\b", re.IGNORECASE)
    day_month = re.compile(
        rf"\b(?:(?P<d1>\d{{1,2}})(?:er|st|nd|rd|th|\.)?\s+(?:de\s+)?(?P<m1>{named})"
        rf"|(?P<m2>{named})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)\b", re.IGNORECASE)
    return absolute, day_month


# what each of the two must find in a text to match at all, searched first: most sentences hold no year, and
# many no figure, and the two patterns try every month word of every language at every word (most of the
# timeline stage's time)
_HAS_YEAR = re.compile(r"(?:19|20)\d\d")
_HAS_DIGIT = re.compile(r"\d")


# a month named alone after a preposition ("en septembre", "in October", "fin mars", "mi-juillet")
_MONTH_ALONE = re.compile(
    rf"\b(?:en|in|fin|début|debut|courant|early|late|end of|beginning of|mois d[e']\s*|mi-|mid-|(?P<last>last))\s*"
    rf"(?:de\s+|d')?(?P<m>{_MONTH_RE})\b(?P<dernier>\s+dernier)?", re.IGNORECASE)
_LAST_MONTH = re.compile(r"\b(?:" + lang.alternation(lang.union("LAST_MONTH")) + r")\b", re.IGNORECASE)
# "hier", "today" -> days from the reference, earliest first ("avant-hier" holds "hier": both are found)
_RELATIVE_DAYS: dict[str, int] = lang.merged("RELATIVE_DAYS")
_DAY_WORDS = {re.compile(r"\b(?:" + lang.alternation(w for w, n in _RELATIVE_DAYS.items() if n == shift) + r")\b",
                         re.IGNORECASE): shift for shift in sorted(set(_RELATIVE_DAYS.values()))}
_WEEKDAY = re.compile(rf"\b(?P<pre>ce\s+|this\s+|next\s+|last\s+)?(?P<d>{_DAY_RE})(?P<post>\s+prochain|\s+dernier)?\b",
                      re.IGNORECASE)
# a weekday with its day number and no month ("jeudi 16,", "Thursday 16"): placed only in a known month
_WEEKDAY_NUMBER = re.compile(rf"\b(?P<d>{_DAY_RE}),?\s+(?P<n>\d{{1,2}})(?:er|st|nd|rd|th)?\b(?![/.:-]?\d)",
                             re.IGNORECASE)
# the last verb before a weekday tells whether it points back ("a déclaré lundi") or ahead ("sera
# perturbée jeudi", "expire vendredi"): past is the default, as news mostly reports what happened
_FUTURE_WORDS = re.compile(r"\b(?:sera|seront|aura|auront|fera|feront|va|vont|will|shall|expire|expires|"
                     r"devrait|devraient|is due|are due|\w+(?:era|eront|ira|iront))\b", re.IGNORECASE)
_PAST_WORDS = re.compile(r"\b(?:a|ont|avait|avaient|était|étaient|has|had|have|was|were|\w+ed)\b",
                   re.IGNORECASE)


def month_shift(year: int, month: int, by: int) -> tuple[int, int]:
    """The (year, month) ``by`` months after (negative: before) the given one."""
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def bounds(iso: str) -> tuple[date, date]:
    """First and last day covered by a ``YYYY-MM-DD`` or ``YYYY-MM`` date."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    first = date(parts[0], parts[1], 1)
    year, month = month_shift(parts[0], parts[1], 1)
    return first, date(year, month, 1) - timedelta(days=1)


def signed_gap(a: str, b: str) -> int:
    """Days from the span of ``b`` to the span of ``a`` (0 when they overlap, negative when ``a`` is earlier)."""
    a0, a1 = bounds(a)
    b0, b1 = bounds(b)
    if a0 > b1:
        return (a0 - b1).days
    if a1 < b0:
        return (a1 - b0).days
    return 0


def dates_in(text: str, reference: str | None = None, past_only: bool = False) -> list[str]:
    """The dates ``text`` states or implies, at the precision given; relative ones need ``reference``.

    Weekdays, "hier" and "today" need a day-precise reference; months without a year ("en septembre",
    "le mois dernier") take the latest such month not after the reference month.
    """
    found: list[str] = []
    taken: list[tuple[int, int]] = []
    absolute, day_month = _written_dates()
    for m in absolute.finditer(text) if _HAS_YEAR.search(text) else ():
        iso = parse_date(m.group(0).removeprefix("le ").removeprefix("Le "))
        taken.append(m.span())
        if iso:
            found.append(iso)
    if reference is None or not _ISO.match(reference):
        return found
    ref0, _ = bounds(reference)
    day_ref = reference.count("-") == 2

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= s or span[0] >= e for s, e in taken)

    def latest(month: int, strict: bool = False) -> tuple[int, int]:
        # the latest such month not after the reference month ("novembre dernier": strictly before)
        return (ref0.year, month) if month < ref0.month + (not strict) else (ref0.year - 1, month)

    for m in day_month.finditer(text) if _HAS_DIGIT.search(text) else ():
        if free(m.span()):
            year, month = latest(month_words()[(m.group("m1") or m.group("m2")).lower()])
            try:
                found.append(date(year, month, int(m.group("d1") or m.group("d2"))).isoformat())
            except ValueError:  # "31 février": not a date
                pass
            taken.append(m.span())
    for m in _MONTH_ALONE.finditer(text):
        if free(m.span()):
            year, month = latest(_MONTHS[m.group("m").lower()], bool(m.group("last") or m.group("dernier")))
            found.append(f"{year:04d}-{month:02d}")
            taken.append(m.span())
    for _ in _LAST_MONTH.finditer(text):
        year, month = month_shift(ref0.year, ref0.month, -1)
        found.append(f"{year:04d}-{month:02d}")
    if not day_ref:
        return found  # a month-precise reference cannot place a day: never invent one
    for pattern, shift in _DAY_WORDS.items():
        if (not past_only or shift <= 0) and pattern.search(text):
            found.append((ref0 + timedelta(days=shift)).isoformat())
    for m in _WEEKDAY.finditer(text):
        if free(m.span()):
            when = _resolve_weekday(text, m, ref0)
            if not past_only or when <= ref0:
                found.append(when.isoformat())
    return found


def refine(iso: str, text: str) -> str:
    """A month-only date made the first day of it that ``text`` states (``days_in_month``); any other date,
    or a month whose text states none of its days, is returned as it is."""
    if iso.count("-") != 1:
        return iso
    days = days_in_month(iso, text)
    return days[0] if days else iso


def days_in_month(month: str, text: str) -> list[str]:
    """The days of ``month`` (``YYYY-MM``) that ``text`` states: "14 novembre", "Nov 14", "14.11.2022", or a
    weekday with its day number ("jeudi 16", which must fall on that weekday). Nothing else places a day: a
    weekday alone has no known week."""
    days = [d for d in dates_in(text, month) if d.startswith(month + "-")]
    year, number = (int(part) for part in month.split("-"))
    day_month = _written_dates()[1]
    for m in _WEEKDAY_NUMBER.finditer(text):
        if day_month.match(text, m.start("n")):
            continue  # "jeudi 16 mars": a day and its month, read above
        try:
            day = date(year, number, int(m.group("n")))
        except ValueError:
            continue
        if day.weekday() == _WEEKDAYS[m.group("d").lower()]:
            days.append(day.isoformat())
    return days


# what may stand between a weekday and its day and month: "Sunday, ", "el domingo ", "Sonntag, den "
_WEEKDAY_GAP = r",?\s+(?:(?:the|den|dem|el)\s+)?"
# a year right after a day and month: the date is written in full and read as it is ("3 mars 2023")
_YEAR_AFTER = re.compile(r",?\s+(?:de\s+|of\s+)?(?:19|20)\d\d\b")


@lru_cache(maxsize=1)
def _weekday_before() -> re.Pattern[str]:
    """A weekday word of any news language ending where a day and month begin."""
    return re.compile(rf"(?<!\w)({lang.alternation(weekday_words())}){_WEEKDAY_GAP}$", re.IGNORECASE)


def pinned_dates(text: str, years: range) -> list[str]:
    """The days ``text`` names by weekday, day and month without a year ("dimanche 10 septembre", "Sunday,
    September 10", "domingo 10 de septiembre", "Sonntag, 10. September"), each dated with the one year of
    ``years`` in which that day falls on that weekday. A day that fits no year, or several, is left out: the
    same weekday and date recur after 5, 6 or 11 years, so only a window of a few years pins the year."""
    out: list[str] = []
    for m in _written_dates()[1].finditer(text) if _HAS_DIGIT.search(text) else ():
        weekday = _weekday_before().search(text, max(0, m.start() - 40), m.start())
        if weekday is None or _YEAR_AFTER.match(text, m.end()):
            continue
        month = month_words()[(m.group("m1") or m.group("m2")).lower()]
        number = int(m.group("d1") or m.group("d2"))
        target = weekday_words()[weekday.group(1).lower()]
        fits = [year for year in years if _weekday_of(year, month, number) == target]
        if len(fits) == 1:
            out.append(date(fits[0], month, number).isoformat())
    return out


def _weekday_of(year: int, month: int, day: int) -> int | None:
    """The weekday (0: Monday) of a day of the calendar, None when there is no such day ("31 juin")."""
    try:
        return date(year, month, day).weekday()
    except ValueError:
        return None


def _resolve_weekday(text: str, m: re.Match[str], ref: date) -> date:
    """Resolve a weekday against the reference day: this week, next, or (by default) the latest past one."""
    target = _WEEKDAYS[m.group("d").lower()]
    pre, post = (m.group("pre") or "").strip().lower(), (m.group("post") or "").strip().lower()
    back = (ref.weekday() - target) % 7  # 0: the reference day itself ("a déclaré lundi" on a Monday)
    ahead = (target - ref.weekday()) % 7
    if pre in ("next",) or post == "prochain":
        return ref + timedelta(days=ahead or 7)
    if pre == "last" or post == "dernier":
        return ref - timedelta(days=back or 7)
    if pre in ("ce", "this"):
        return ref + timedelta(days=target - ref.weekday())  # the same week as the reference
    before = text[max(0, m.start() - 60):m.start()]
    futures = [f.end() for f in _FUTURE_WORDS.finditer(before)]
    pasts = [p.end() for p in _PAST_WORDS.finditer(before)]
    if futures and (not pasts or futures[-1] >= pasts[-1]):
        return ref + timedelta(days=ahead)
    return ref - timedelta(days=back)
