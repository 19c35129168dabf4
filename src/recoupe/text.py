"""Text helpers every stage shares: folding for comparison, name keys, sentences, hosts, read-more markers.

One home for each: a stage that compares, cuts or keys text imports it from here, never from the
reading stage (``clean.py``).
"""
from __future__ import annotations

import re
import sys
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from . import lang

# -- how text is compared: typography, accents and case folded -------------------------------------
TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "«": '"', "»": '"',
                            "„": '"', "\u00a0": " ", "\u202f": " ", "–": "-", "—": "-"})


def fold(text: str) -> str:
    """Fold typography, accents, case and spacing so that two renderings of one text compare equal."""
    text = unicodedata.normalize("NFKC", text).translate(TYPOGRAPHY)
    text = unicodedata.normalize("NFD", text).translate(_combining_marks())
    return re.sub(r"\s+", " ", text).strip().casefold()


@lru_cache(maxsize=1)
def _combining_marks() -> dict[int, None]:
    """Every combining mark (Unicode category Mn), for str.translate to delete at C speed: fold runs on every
    sentence of a corpus, and a Python test per character was most of its time."""
    return dict.fromkeys(c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Mn")


def name_key(text: str) -> str:
    """Lower-case ASCII with punctuation turned to spaces, so "États-Unis" and "Etats Unis" compare equal,
    and names in any script meet their transliterations (anyascii)."""
    from anyascii import anyascii

    words = re.sub(r"[^a-z0-9]+", " ", anyascii(text).lower()).split()
    # "l'agence X", "agence X" and "X Agency" name the same agency
    while len(words) > 1 and words[0] in ("l", "the", "agence", "agency"):
        words = words[1:]
    while len(words) > 1 and words[-1] in ("agence", "agency"):
        words = words[:-1]
    return " ".join(words)


# -- sentences --------------------------------------------------------------------------------------
# A regular expression is enough here and runs on any language: the stages that have a spaCy parse use
# its sentences for grammar, but alignment and citation need the same cut on every article, parsed or not.
# A sentence ends at . ! ? … (and any closing quotes or brackets) before a space and an opening
# capital, digit or quote; a line break always ends one. Paragraphs a scraper ran together ("his
# website.Durov was") end a sentence with no space: a word's full stop right before a capitalised word.
_END = re.compile(r"(?<=[.!?…])[\"'»”’)\]]*\s+(?=[«“„\"'(\[]?\s*[A-ZÀ-ÝĀ-ſА-Я0-9])|\n+"
                  r"|(?<=[a-zß-ÿа-я]{3}[.!?])(?=[A-ZÀ-ÝА-Я][a-zß-ÿа-я])")
# an abbreviation as written (case matters: "No." but not "no."), or an initial
_ABBREV = re.compile(r"(?:\b(?:" + lang.alternation(lang.union("ABBREVIATIONS")) + r")|\b[A-Z])\.$")
# a month's abbreviation before a day or a year: "Nov. 14", "14 nov. 2022" (any case, as datelines write it)
_MONTH = re.compile(r"\b(?i:" + lang.alternation(lang.union("MONTH_ABBREVIATIONS")) + r")\.$")


def sentences(text: str) -> list[tuple[int, int]]:
    """Offsets (start, end) of the sentences of ``text``, stripped of surrounding spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        if "\n" not in m.group(0) and (_ABBREV.search(before := text[max(start, m.start() - 6):m.start()]) or (
                text[m.end():m.end() + 1].isdigit() and _MONTH.search(before))):
            continue  # "M. Burns", "J. Biden", "Nov. 14": an abbreviation, not the end of a sentence
        _add_sentence(text, start, m.start(), spans)
        start = m.end()
    _add_sentence(text, start, len(text), spans)
    return spans


def _add_sentence(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    if piece.strip():
        spans.append((start + lead, end - trail))


# -- where a page comes from, and its furniture -----------------------------------------------------

def host(url: str | None) -> str | None:
    """The host of a URL without "www.", or None when there is no URL or it is not one ("http://[::1")."""
    if not url:
        return None
    try:
        name = urlsplit(url).hostname or ""
    except ValueError:  # "http://[::1": not a URL after all
        return None
    return name.removeprefix("www.") or None


# a read-more line, matched on folded text ("À lire aussi :" reads "a lire aussi :")
READ_MORE = re.compile(r"^(?:" + lang.alternation(lang.union("READ_MORE_MARKERS")) + r")\b\s*[:>»\-]?", re.IGNORECASE)


def read_more_marker(text: str) -> str | None:
    """The marker opening a read-more line ("lire la suite", "en savoir plus"), folded; None if none."""
    m = READ_MORE.match(fold(text))
    return m.group(0).strip(" :>»-") if m else None


# -- a wire's dateline opening a lead: "PARIS (AFP) -", "ANKARA, 14 nov (Reuters) —", "ST. JOSEPH, Mich. (AP) —"
DATELINE = re.compile(r"^[A-ZÀ-Ý][A-ZÀ-Ý'’ .-]{1,30}(?:,[^()]{1,25})?\s*\((?P<agency>[A-Z][\w.]{1,15})\)\s*[-–—]")
