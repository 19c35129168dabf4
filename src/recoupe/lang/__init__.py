"""Language knowledge, one module per language: the words every stage reads, in one place per language.

Like spaCy's ``lang/<code>/``: ``lang/fr.py`` and ``lang/en.py`` each define the same named lists, plain
data (frozensets of lower-case words or phrases, dicts, tuples), and the stages build their sets and
regular expressions from them. Most stages read a text without knowing its language, so they take the
union over every language (``union``, ``merged``); adding a language is adding its file here and its
code to ``LANGUAGES`` (and its spaCy model to its ``SPACY_MODELS``, if it has one).

What stays in the stages: grammar that arranges a few function words into a pattern (French negation
"ne … pas", inversion "a-t-il", elision "l'", tense cues), and the word lists written inside a function.
Such patterns say which language they read.

The lists (``LISTS`` gives each one's type; lists marked *folded* are matched on ``text.fold``-ed
text and written folded: no accents, straight apostrophes, lower case):

Names and people
  HONORIFICS        abbreviations before a name, with and without their period: m., mme, mr, dr
                    (speakers: a speaker's name; entities: a person's mention; origins: no outlet)
  TITLE_ABBREVIATIONS  abbreviated titles before a name, lower case, without their period: me (maître),
                    sen, gov: never the speaker's name, and their period ends no sentence (speakers, quotes)
  GENDER_WORDS      words that tell the grammatical gender of the person a phrase names or a pronoun
                    points to -> "m" or "f": la, mme, elle, spokeswoman, she (speakers: "a-t-elle dit")
  TITLE_NOUNS       nouns that introduce a person's name: président, minister (entities: type votes)
  ROLE_NOUNS        nouns that make an unnamed speaker an official: porte-parole, official (speakers)
  GENERIC_ROLES     role nouns that name nobody in particular, so that "le responsable" may point
                    back to whoever spoke last (speakers)
  LEADER_TITLES     titles held by one person: a complement "du président de la Turquie" names
                    someone else than the speaker (speakers)
  ORG_NOUNS         nouns that introduce an organisation's name: agence, newspaper (entities)
  ORG_SPEAKERS      words that make a speaker an organisation: gouvernement, ministry, and names used
                    as nouns, Kremlin, Pentagon (speakers)
  TITLE_PREPOSITIONS  prepositions between a title and what it heads: ministre de, secretary of (speakers)
  PARTICLES         (``lang.names``, one list for every language) lower-case words inside names: von der
                    (entities; speakers read a subset, ``speakers.NAME_PARTICLES``)
  AGENCIES          (``lang.agencies``, one table for every language) the news agencies, each with its
                    spellings and scripts, and the phrases of every news language (fr en es de it pt tr ru)
                    by which a text credits one: "(avec AFP)", "told Reuters", "сообщает ТАСС" (origins)

Speech
  SPEECH_VERBS      lemmas of the verbs that attribute speech: déclarer, say (speakers, quotes)
  SPEECH_FORMS      every written form of those verbs the patterns look for -> its lemma: regular
                    forms made by the language file's own conjugation, irregular ones listed (speakers)
  PARTICIPLE_ENDINGS  endings of present participles: ant, ing (", ajoutant que": speakers, quotes)
  REPORTING_VERBS   lemmas of the verbs whose subject cites a source: rapporter, report (entities)
  FRAME_VERBS       written forms that frame an attributed statement: déclaré, said (claims)
  ADDING_PARTICIPLES  participles by which a sentence passes to a second statement: ajoutant, adding
                    (claims)
  DENIALS           written forms of denial verbs: nié, denied (claims); DENIAL_STEMS: stems read
                    with any ending: dément (claims)
  SAID_WITHOUT_THAT forms after which a reported clause may follow without "that": said (quotes)
  SUBJECT_OPENERS   words that open such a clause's subject: the, he (quotes)

Function words
  DETERMINERS       determiners and articles: le, the (speakers)
  DETERMINER_PRONOUNS  determiners that may also stand alone before a verb: that, some (speakers)
  DEFINITE_ARTICLES le, the (origins: no outlet)
  SUBJECT_PRONOUNS  subject pronouns -> 1 (singular) or 2 (plural): il, they (speakers, origins)
  RELATIVE_PRONOUNS qui, which; STRESSED_PRONOUNS: lui, eux, set off after a subject (speakers)
  AUXILIARIES       auxiliaries before a participle: a, s'est, has (speakers, quotes)
  AUX_ADVERBS       adverbs and negations between an auxiliary and its participle: déjà, not (speakers)
  ADVERB_ENDINGS    endings of adverbs skipped wherever adverbs are: ment (speakers)
  FINITE_VERBS      finite forms that make what follows a clause: est, was (speakers)
  AFTER_VERB_WORDS  words between an inverted verb and its subject: lundi, on monday (speakers)
  NP_STOPS          words that end a speaker's noun phrase: dans, during (speakers)
  SENTENCE_OPENERS  capitalised words opening a sentence that are no name: ensuite, however (speakers)
  COMPLEMENTIZERS   que, qu', that (quotes, claims)
  ACCORDING_TO      selon, d'après, according to (quotes, claims)
  POSTPOSITIONS     words that follow the source they credit, as "according to" precedes it: German
                    "zufolge", Turkish "göre" (after a case ending: "Peskov'a göre"); none in French or
                    English (quotes)
  CONTRAST          mais, but; WHEREAS: alors que, while (quotes, claims: where a clause is cut)
  AND_WORDS         et, and; WITH_WORDS: avec, with (clean: outlets of a credit; entities, clean:
                    credit lines)

Quantities and places
  NUMBER_WORDS      numbers written as words -> their value: dix, seven (conflicts)
  MULTIPLIERS       words that scale a number: millions, billion -> 1000000, 1000000000 (conflicts)
  UNITS             units of measure, as written -> their symbol: kilomètres, miles -> km, mi (conflicts;
                    the symbols' conversions are ``conflicts.METRES``)
  BEARINGS          compass points, as nouns or adjectives -> N, S, E, W, NE...: sud, eastern (conflicts)
  BOUNDS            words before a number that make it a bound -> "at_most", "at_least", "about": moins
                    de, more than, environ (conflicts: "à moins de 400 km" agrees with "200 km")

Dates
  MONTHS            month names -> 1..12; MONTH_ABBREVIATIONS: janv, sept -> 1..12 (dates)
  WEEKDAYS          weekday names -> 0 (Monday)..6 (speakers, dates, origins)
  RELATIVE_DAYS     hier, today -> days from the article's date (dates)
  LAST_MONTH        "mois dernier", "last month" (dates)

Text and pages
  ABBREVIATIONS     abbreviations, as written, whose period ends no sentence: M., Dr. (text.sentences)
  QUOTE_ABBREVIATIONS  the same, lower case, for the quote stage's own sentence cut (quotes)
  READ_MORE_MARKERS *folded* openings of read-more lines: lire aussi, read more (text, clean, origins)
  SEE_ALSO_POINTERS short "see also" pointers, as written, that body detection scores as furniture
                    (textblocks)
  FURNITURE_WORDS   words of buttons, menus and footers (textblocks)
  PROMOTIONS        *folded* phrases that mark a promotion line wherever they stand; PROMOTION_WORDS:
                    *folded* the same, read as word endings (cookies); PROMOTION_LABELS: *folded* lines
                    that are nothing else (publicite) (clean)
  COMMENT_FORM_OPENINGS  *folded* openings of comment-form lines; COMMENT_FORM_NOTICES: *folded* notices
                    found anywhere in one; COMMENT_COUNT_LABELS: *folded* "12 commentaires" (clean)
  SOURCE_LABELS     labels of a source line: source (clean, entities); CREDIT_LABELS: credits (clean)
  BYLINE_WORDS      par, by (clean, entities); CORRESPONDENT_BYLINES: "de notre correspondant", read
                    with any ending (clean)
  SECTION_NAMES     *folded* names of a site's sections and rubrics, which stand alone above a headline:
                    international, monde, world (clean: never a headline)
  READING_TIMES     *folded* phrases of a reading-time line: min de lecture, min read (clean)
  PUBLISHED_LABELS  *folded* labels of a publication date: publie le, posted on; UPDATED_LABELS:
                    *folded* mis a jour; DATE_LEADS: *folded* the word before a bare date: le, on (clean)
  BRIEF_PHRASES     the brief's sentences in this language: "only", "disagree", "quoted" templates, "an
                    unnamed outlet", and each news language's name as the brief marks a quotation:
                    "in_en": "en anglais" (brief; every language file has the same keys)
  SPACY_MODELS      importable spaCy model packages, best first; empty when there is none (nlp)
"""
from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from .names import PARTICLES

__all__ = ["LANGUAGES", "NEWS_LANGUAGES", "LISTS", "FOLDED", "SHARED_FORMS", "PARTICLES", "get", "union", "merged",
           "alternation"]

# the languages whose files are read, in this order wherever an order shows
LANGUAGES: tuple[str, ...] = ("fr", "en", "es", "pt", "de", "it", "tr", "ru")
# the languages news commonly arrives in (ISO 639-1), language file or not: the languages the detector
# tells apart on short texts, and those whose written dates are read (with dateparser's own month names)
NEWS_LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "es", "it", "pt", "nl", "ru", "uk", "pl", "tr", "ar")

# every list a language file defines: name -> (container type, type of its items or values)
LISTS: dict[str, tuple[type, type]] = {
    # names and people
    "HONORIFICS": (frozenset, str),
    "TITLE_ABBREVIATIONS": (frozenset, str),
    "GENDER_WORDS": (dict, str),
    "TITLE_NOUNS": (frozenset, str),
    "ROLE_NOUNS": (frozenset, str),
    "GENERIC_ROLES": (frozenset, str),
    "LEADER_TITLES": (frozenset, str),
    "ORG_NOUNS": (frozenset, str),
    "ORG_SPEAKERS": (frozenset, str),
    "TITLE_PREPOSITIONS": (frozenset, str),
    # speech
    "SPEECH_VERBS": (frozenset, str),
    "SPEECH_FORMS": (dict, str),
    "PARTICIPLE_ENDINGS": (frozenset, str),
    "REPORTING_VERBS": (frozenset, str),
    "FRAME_VERBS": (frozenset, str),
    "ADDING_PARTICIPLES": (frozenset, str),
    "DENIALS": (frozenset, str),
    "DENIAL_STEMS": (frozenset, str),
    "SAID_WITHOUT_THAT": (frozenset, str),
    "SUBJECT_OPENERS": (frozenset, str),
    # function words
    "DETERMINERS": (frozenset, str),
    "DETERMINER_PRONOUNS": (frozenset, str),
    "DEFINITE_ARTICLES": (frozenset, str),
    "SUBJECT_PRONOUNS": (dict, int),
    "RELATIVE_PRONOUNS": (frozenset, str),
    "STRESSED_PRONOUNS": (frozenset, str),
    "AUXILIARIES": (frozenset, str),
    "AUX_ADVERBS": (frozenset, str),
    "ADVERB_ENDINGS": (frozenset, str),
    "FINITE_VERBS": (frozenset, str),
    "AFTER_VERB_WORDS": (frozenset, str),
    "NP_STOPS": (frozenset, str),
    "SENTENCE_OPENERS": (frozenset, str),
    "COMPLEMENTIZERS": (frozenset, str),
    "ACCORDING_TO": (frozenset, str),
    "POSTPOSITIONS": (frozenset, str),
    "CONTRAST": (frozenset, str),
    "WHEREAS": (frozenset, str),
    "AND_WORDS": (frozenset, str),
    "WITH_WORDS": (frozenset, str),
    # quantities and places
    "NUMBER_WORDS": (dict, int),
    "MULTIPLIERS": (dict, int),
    "UNITS": (dict, str),
    "BEARINGS": (dict, str),
    "BOUNDS": (dict, str),
    # dates
    "MONTHS": (dict, int),
    "MONTH_ABBREVIATIONS": (dict, int),
    "WEEKDAYS": (dict, int),
    "RELATIVE_DAYS": (dict, int),
    "LAST_MONTH": (frozenset, str),
    # text and pages
    "ABBREVIATIONS": (frozenset, str),
    "QUOTE_ABBREVIATIONS": (frozenset, str),
    "READ_MORE_MARKERS": (frozenset, str),
    "SECTION_NAMES": (frozenset, str),
    "READING_TIMES": (frozenset, str),
    "SEE_ALSO_POINTERS": (frozenset, str),
    "FURNITURE_WORDS": (frozenset, str),
    "PROMOTIONS": (frozenset, str),
    "PROMOTION_WORDS": (frozenset, str),
    "PROMOTION_LABELS": (frozenset, str),
    "COMMENT_FORM_OPENINGS": (frozenset, str),
    "COMMENT_FORM_NOTICES": (frozenset, str),
    "COMMENT_COUNT_LABELS": (frozenset, str),
    "SOURCE_LABELS": (frozenset, str),
    "CREDIT_LABELS": (frozenset, str),
    "BYLINE_WORDS": (frozenset, str),
    "CORRESPONDENT_BYLINES": (frozenset, str),
    "PUBLISHED_LABELS": (frozenset, str),
    "UPDATED_LABELS": (frozenset, str),
    "DATE_LEADS": (frozenset, str),
    "BRIEF_PHRASES": (dict, str),
    "SPACY_MODELS": (tuple, str),
}

# lists matched on folded text, hence written folded (a test checks that folding leaves them unchanged)
FOLDED = frozenset({
    "READ_MORE_MARKERS", "SECTION_NAMES", "READING_TIMES", "PROMOTIONS", "PROMOTION_WORDS", "PROMOTION_LABELS",
    "COMMENT_FORM_OPENINGS",
    "COMMENT_FORM_NOTICES", "COMMENT_COUNT_LABELS", "PUBLISHED_LABELS", "UPDATED_LABELS", "DATE_LEADS",
})


def get(code: str) -> ModuleType:
    """The module of one language of ``LANGUAGES``: ``get("fr")`` is ``recoupe.lang.fr`` (imported once)."""
    if code not in LANGUAGES:
        raise LookupError(f"no language file for {code!r}: the languages are {', '.join(LANGUAGES)}")
    return importlib.import_module(f"{__name__}.{code}")


def union(name: str) -> frozenset[str]:
    """The words of one list over every language (a dict list gives its keys)."""
    _check(name)
    return frozenset(word for code in LANGUAGES for word in getattr(get(code), name))


# dict lists whose values may differ for one word across languages, the first language's standing: a speech
# verb's form that two languages share ("dice", "nega") is a speech verb either way, with each file's own lemma
SHARED_FORMS = frozenset({"SPEECH_FORMS"})


def merged(name: str) -> dict[str, Any]:
    """One dict list over every language, in ``LANGUAGES`` order; a word that two languages give two
    different values is an error, since a stage reading a text of either language could not tell which
    (except in ``SHARED_FORMS``, where the first language's value stands)."""
    _check(name)
    out: dict[str, Any] = {}
    for code in LANGUAGES:
        for word, value in getattr(get(code), name).items():
            if out.setdefault(word, value) != value and name not in SHARED_FORMS:
                raise ValueError(f"{name}: {word!r} is {out[word]!r} in one language and {value!r} in {code}")
    return out


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of words or phrases, escaped, longest first (so that "related
    articles" is tried before "related"); one that matches nothing when there are no words."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(map(re.escape, ordered)) if ordered else "(?!)"


def _check(name: str) -> None:
    if name not in LISTS:
        raise KeyError(f"{name!r} is no list of the language registry (see recoupe.lang.LISTS)")
