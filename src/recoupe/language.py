"""Language of a text (per field: a title may be English over a French body), with lingua.

Long texts use lingua's low-accuracy mode over all its languages: fast to load and exact on
paragraphs. Short texts such as titles need the high-accuracy models, which are loaded only for the
usual languages of news (``lang.NEWS_LANGUAGES``), since all of them take ten seconds and a gigabyte.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from . import lang
from .records import Article, with_origin

if TYPE_CHECKING:
    from lingua import LanguageDetector

SHORT = 120  # characters under which a text is "short" for lingua's low-accuracy mode
SAMPLE = 5000  # characters of a text that lingua reads
SEEN = 1024  # samples whose language a process remembers: copies repeat a text, and titles, word for word


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when lingua cannot tell."""
    return _detect(text[:SAMPLE])


@lru_cache(maxsize=SEEN)
def _detect(sample: str) -> str | None:
    """``detect`` of a sample: lingua takes about 10 microseconds a character (20 ms an article), most of the
    time of reading and cleaning, and its answer depends on the sample alone."""
    if not sample.strip():
        return None
    detector = _long_detector() if len(sample) >= SHORT else _short_detector()
    found = detector.detect_language_of(sample)
    if found is None:
        return None
    return found.iso_code_639_1.name.lower()


def load() -> None:
    """Load the detectors and their models now: lingua loads them at first use, which takes seconds that
    should not count against the first file's time limit."""
    _long_detector().detect_language_of("Le ministre a annoncé lundi un plan. The minister announced a plan.")
    _short_detector().detect_language_of("Le plan du ministre")


@lru_cache(maxsize=1)
def _long_detector() -> LanguageDetector:
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


@lru_cache(maxsize=1)
def _short_detector() -> LanguageDetector:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    news = (Language.from_iso_code_639_1(IsoCode639_1.from_str(code)) for code in lang.NEWS_LANGUAGES)
    return LanguageDetectorBuilder.from_languages(*news).build()


def annotate(article: Article) -> Article:
    """Set the language of the body and, separately, of the title (a field may differ from the body)."""
    detected = detect(article.text)
    body = detected or article.language  # the input's own label only when lingua cannot tell
    title = detect(article.title) if article.title else None
    provenance = with_origin(article.provenance, "language", "text") if detected else article.provenance
    return replace(article, language=body, title_language=title or body, provenance=provenance)
