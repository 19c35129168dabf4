"""Conflicts by meaning: two articles of one story that give one thing two values (docs/claims.md).

A fact's *slots* are read from its words in the language it is written in (``lang``: NUMBER_WORDS,
MULTIPLIERS, UNITS, BEARINGS): a **count**, a number in digits or words, scaled ("18 millions de m3"),
with what it counts: a unit, converted to one measure ("200 km", "124 miles"), or the noun after it
("dix passagers", "seven passengers"); and a **bearing**, the compass point of a named place ("dans l'est
de l'Ukraine", "in southern Ukraine"). What a slot is about (its key: the measure, the counted noun's
stem, the place's name) is compared through transliteration, so that "Ukraine", "Ucrânia" and "Украина"
are one place.

Two facts give one slot two values when they share its key and none of their values agree (within
``TOLERANCE``: 124 miles are 200 km). Whether that is a conflict or an update (a later article revises a
toll) is the caller's to say from the articles' dates. Slots are read by patterns, not from a parse: a
number next to a noun is a count of it; the patterns say which language they read.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from . import lang
from .text import fold

TOLERANCE = 0.05  # two measures within 5% are one value: conversions and rounding ("124 miles", "200 km")
ABOUT = 0.25  # "environ 40 000", "about 40,000": a quarter either way
KEY_LETTERS = 4  # letters of a word's transliterated key: "passagers" and "passengers" are "pass"
# each unit symbol of ``lang.UNITS`` in its measure's base unit (metres, cubic metres, kilograms...)
METRES = {"km": ("length", 1000.0), "m": ("length", 1.0), "mi": ("length", 1609.34), "nmi": ("length", 1852.0),
          "m3": ("volume", 1.0), "km3": ("volume", 1e9), "kg": ("mass", 1.0), "t": ("mass", 1000.0),
          "ha": ("area", 1e4), "%": ("share", 1.0)}
# digits with thousands groups ("3 000", "3,000") or decimals ("6,2", "6.2")
DIGITS = r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?!\d)(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")


@dataclass(frozen=True, slots=True)
class Slot:
    """One value a fact gives: its kind ("count", "bearing"), what it is about (``key``), the value (a count:
    the range it allows, a bound or a rounding widening it; a bearing: its compass point), and where it is
    written in the fact (``text``, ``start``)."""

    kind: str
    key: str
    value: tuple[float, float] | str
    text: str
    start: int


def slots(text: str, language: str | None) -> tuple[Slot, ...]:
    """The counts and bearings a fact gives, read in its language (in every language when unknown)."""
    counts, bearings = _patterns(language if language in lang.LANGUAGES else None)
    found = [s for m in counts.finditer(text) if (s := _count(m, language)) is not None]
    points = _words(language, "BEARINGS")
    found += [Slot("bearing", name_key(m.group("place")),
                   str(points[(m.group("point") or m.group("adjective")).lower()]),
                   m.group(0), m.start()) for m in bearings.finditer(text)]
    return tuple(found)


def differing(a: Sequence[Slot], b: Sequence[Slot]) -> tuple[Slot, Slot] | None:
    """The first slot that two facts both give, with values that never agree: one value of each side."""
    for kind, key in dict.fromkeys((s.kind, s.key) for s in a):
        mine = [s for s in a if (s.kind, s.key) == (kind, key)]
        theirs = [s for s in b if (s.kind, s.key) == (kind, key)]
        if theirs and not any(_same(x.value, y.value) for x in mine for y in theirs):
            return mine[0], theirs[0]
    return None


def name_key(word: str) -> str:
    """A word's key across scripts and spellings: transliterated (anyascii), lower case, a hard "c" read
    as "k" and "y" as "i" ("Ucrânia", "Ucraina", "Ukraine", "Украина"; "Yermak", "Iermak"), cut to
    ``KEY_LETTERS`` letters."""
    from anyascii import anyascii

    plain = re.sub(r"[^a-z]", "", anyascii(word).lower())
    plain = re.sub(r"c(?![eihy])", "k", plain).replace("y", "i")
    return plain[:KEY_LETTERS]


def _same(x: tuple[float, float] | str, y: tuple[float, float] | str) -> bool:
    """Two values agree: two counts whose ranges meet, two bearings of which one holds the other."""
    if isinstance(x, tuple) and isinstance(y, tuple):
        return x[0] <= y[1] and y[0] <= x[1]
    return set(str(x)) <= set(str(y)) or set(str(y)) <= set(str(x))  # the south-west is in the south


def _count(match: re.Match[str], language: str | None) -> Slot | None:
    number, scale, what = match.group("number"), match.group("scale"), match.group("what")
    words = _words(language, "NUMBER_WORDS")
    if number[0].isdigit():
        if _YEAR.match(number) and not scale:
            return None  # a year, not a count
        value = float(number_as_written(number))
    else:
        value = float(words[number.lower()])  # type: ignore[arg-type]
    if scale:
        value *= float(_words(language, "MULTIPLIERS")[scale.lower()])  # type: ignore[arg-type]
    unit = _words(language, "UNITS").get(what.lower())
    key = name_key(what)
    if unit is not None:
        key, factor = METRES[str(unit)]
        value *= factor
    elif fold(what) in _calendar():
        return None  # a date: "24 août"
    bound = _words(language, "BOUNDS").get((match.group("bound") or "").lower())
    low, high = value * (1 - TOLERANCE), value * (1 + TOLERANCE)
    if bound == "at_most":
        low = 0.0
    elif bound == "at_least":
        high = float("inf")
    elif bound == "about":
        low, high = value * (1 - ABOUT), value * (1 + ABOUT)
    return Slot("count", key, (low, high), match.group(0), match.start())


def number_as_written(digits: str) -> str:
    """One spelling per number (``DIGITS``): "3 000", "3,000" and "3000" are "3000"; "6,2" and "6.2" are "6.2"."""
    text = re.sub(r"[\s\u00a0\u202f]", "", digits)
    head, _, tail = text.replace(",", ".").rpartition(".")
    if head and len(tail) == 3:
        return (head + tail).replace(".", "")  # a thousands group
    return text.replace(",", ".")


@lru_cache(maxsize=1)
def _calendar() -> frozenset[str]:
    return frozenset(fold(w) for w in lang.union("MONTHS") | lang.union("MONTH_ABBREVIATIONS") | lang.union("WEEKDAYS"))


@cache  # read for every number and bearing of every fact
def _words(language: str | None, name: str) -> dict[str, object]:
    table = getattr(lang.get(language), name) if language in lang.LANGUAGES else lang.merged(name)
    return {word.lower(): value for word, value in table.items()}


@cache
def _patterns(language: str | None) -> tuple[re.Pattern[str], re.Pattern[str]]:
    numbers = lang.alternation(_words(language, "NUMBER_WORDS"))
    bounds = lang.alternation(_words(language, "BOUNDS"))
    scales = lang.alternation(_words(language, "MULTIPLIERS"))
    units = lang.alternation(_words(language, "UNITS"))
    points = lang.alternation(_words(language, "BEARINGS"))
    # a number, a multiplier, "de"/"of", then a unit or the noun it counts
    counts = re.compile(
        rf"(?:(?<![\w-])(?P<bound>(?i:{bounds}))\s+)?(?<![\w.,])(?P<number>{DIGITS}|(?i:{numbers}))(?![\w])\s*(?:(?P<scale>(?i:{scales}))\s+)?"
        rf"(?:(?i:de|d['’]|of)\s*)?(?P<what>(?i:{units})(?!\w)|[^\W\d_][\w-]{{2,}})", re.UNICODE)
    # French "l'est de l'Ukraine", "au sud de Kherson"; English "the east of Ukraine", "southern Ukraine": a
    # compass noun only after an article ("Il est de Paris" is no bearing), an adjective ("-ern") alone
    adjectives = lang.alternation(w for w in _words(language, "BEARINGS") if w.endswith("ern"))
    place = r"(?P<place>[A-ZÀ-ÝА-ЯЁ][\w-]+)"
    bearings = re.compile(
        rf"(?:(?:\bl['’]|\b(?:le|au|du|the)\s+)(?P<point>(?i:{points}))|(?<![\w-])(?P<adjective>(?i:{adjectives})))"
        rf"(?![\w-])\s+(?:de\s+l['’]|de\s+la\s+|du\s+|des\s+|de\s+|of\s+the\s+|of\s+)?{place}")
    return counts, bearings
