"""Named entities: spaCy mentions, corrected across the corpus and merged across spellings and languages.

1. spaCy's mentions, cleaned ("l'ONU" is "ONU"; "président de la Turquie" is no person);
2. names spaCy missed where the text cites a source ("Kommersant, …, a rapporté", "selon X", "agence X",
   a title ending "– X", a byline), and acronyms defined in parentheses ("… extérieur (SVR)");
3. a gazetteer built from the corpus: a name found in one article is looked for in all the others;
4. merging: one folded form, one country or city (CLDR names in several languages), one acronym definition,
   full names alike once transliteration is folded (Naryshkin, Narychkine) and whose first names agree.
   A bare surname joins the only full name that ends with it; when several people share it, the only one
   named in its own article; else it stays on its own ("Biden" beside "Joe Biden" and "Hunter Biden");
5. the type is a weighted vote over the mentions: spaCy's label 1, a title ("M." 3, "président" or an
   apposition "le directeur de la CIA, X" 2) for PER, "agence X" 3 for ORG, a country 3 or a city 1 for LOC.
"""
from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from . import lang
from .grouping import disjoint
from .grouping import members as grouped
from .lang import PARTICLES
from .records import Article, Entity, EntityType, Mention
from .text import name_key

if TYPE_CHECKING:
    from nicknames import NickNamer
    from scipy.cluster.hierarchy import DisjointSet
    from spacy.tokens import Doc, Token

log = logging.getLogger(__name__)

_LABELS: Mapping[str, EntityType] = {
    "PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "MISC": "MISC",
    "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
}
_ORDER: tuple[EntityType, ...] = ("LOC", "PER", "ORG", "MISC")  # last tie-break only
_HONORIFICS = lang.union("HONORIFICS")
_TITLE_NOUNS = lang.union("TITLE_NOUNS")  # words that introduce a person's name (grammar, not names)
_ORG_NOUNS = lang.union("ORG_NOUNS")
_REPORT = lang.union("REPORTING_VERBS")
_SOURCE_PREFIX = re.compile(
    r"^(?:" + lang.alternation(lang.union("SOURCE_LABELS") | lang.union("BYLINE_WORDS") | lang.union("WITH_WORDS"))
    + r")\s*:?\s*", re.IGNORECASE)
_TITLE_SOURCE = re.compile(r"\s[–—|-]\s+([^–—|]+?)\s*$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})  # CLDR regions that are not countries
_SOUNDS = (("chtch", "s"), ("shch", "s"), ("sch", "s"), ("tch", "s"), ("ch", "s"), ("sh", "s"), ("kh", "h"),
           ("zh", "j"), ("ph", "f"), ("ou", "u"), ("w", "v"), ("y", "i"), ("j", "i"), ("ck", "k"), ("q", "k"),
           ("x", "ks"))


@dataclass(slots=True)
class _Span:
    """One mention being built: its tokens in the article's Doc, its type votes and its name words."""

    article: str
    doc: Doc
    first: int
    last: int  # exclusive
    votes: Counter[str] = field(default_factory=Counter)
    lead: int = 0  # honorific tokens at the start ("M. Burns"): part of the mention, not of the name
    tail: int = 0  # a possessive clitic at the end ("Durov's"): part of the mention as written, not of the name
    words: tuple[str, ...] = ()  # the name's tokens, set once: the offsets never change
    key: str = ""

    def __post_init__(self) -> None:
        self.words = tuple(t.text for t in self.doc[self.first + self.lead:self.last])
        self.key = name_key(" ".join(self.words))

    @property
    def start(self) -> int:
        return self.doc[self.first].idx

    @property
    def end(self) -> int:
        token = self.doc[self.last - 1]
        return token.idx + len(token.text)

    @property
    def name_end(self) -> int:
        """Where the name ends in the text: before a possessive clitic."""
        token = self.doc[self.last - 1 - self.tail]
        return token.idx + len(token.text)

    @property
    def core(self) -> tuple[str, ...]:
        """The name words less lower-case particles: "Mme von der Leyen" -> ("Leyen",)."""
        return tuple(w for w in self.words if w not in PARTICLES) or self.words


def extract(articles: Sequence[Article], docs: Mapping[str, Doc]) -> list[Entity]:
    """Corpus-wide entities, each with every mention (article, text, offsets into the clean text)."""
    from . import nlp

    order = {a.id: i for i, a in enumerate(articles)}
    parsed = [(a, docs[a.id]) for a in articles if a.id in docs]
    # an article with no model gets its tokens only: the names found in the others are looked for there
    tokenized = [(a, nlp.tokenized(a)) for a in articles if a.id not in docs and a.text]
    lower = {t.lower_ for _, doc in parsed for t in doc if t.text.islower()}
    spans: list[_Span] = []
    taken: dict[str, set[int]] = defaultdict(set)
    defs: list[tuple[str, int, int]] = []  # (acronym, long form span, acronym span)
    cited: set[tuple[str, ...]] = set()  # names that titles and bylines give as sources
    for article, doc in parsed:
        since = len(spans)  # this article's spans are the ones added from here on
        try:
            for span in _found(article.id, doc, lower):
                if not taken[article.id] & set(range(span.first, span.last)):
                    _add(spans, taken, span)
            defs += _acronyms(article.id, doc, spans, taken, since)
            cited.update(_cited(article))
        except Exception:  # the per-document boundary: one odd article never costs the corpus its entities
            log.exception("entities: article %s skipped", article.id)
    _gazetteer(parsed, spans, taken, cited, lower)
    _inflected(tokenized, spans, taken)
    _repeated(tokenized, spans, taken)
    for span in spans:  # the mention is the name as written, "Durov's" as much as Turkish "Durov'un"
        if span.last < len(span.doc) and span.doc[span.last].text in _POSSESSIVES:
            span.last, span.tail = span.last + 1, 1
    for span in spans:
        span.votes.update(_evidence(span))
    texts = {a.id: a.text for a, _ in parsed + tokenized}
    groups = _merge(spans, defs)
    entities = _translations(groups, texts, order)
    entities.sort(key=lambda e: (order[e.mentions[0].article], e.mentions[0].start))
    return _unique(entities)


def _add(spans: list[_Span], taken: dict[str, set[int]], span: _Span) -> None:
    spans.append(span)
    taken[span.article].update(range(span.first, span.last))


def _found(article: str, doc: Doc, lower: set[str]) -> Iterable[_Span]:
    """spaCy's mentions, cleaned, then the names the text cites as sources that spaCy missed."""
    found: dict[tuple[int, int], _Span] = {}
    for ent in doc.ents:
        label = _LABELS.get(ent.label_)
        if label is not None and (span := _clean(article, doc, ent.start, ent.end, label)) is not None:
            found[span.first, span.last] = span
    for first, last in _cues(doc):
        known = found.get((first, last))
        if known is None and _name_like(doc, first, last, lower):
            found[first, last] = _Span(article, doc, first, last, Counter({"ORG": 1}))
        elif known is not None and set(known.votes) == {"MISC"}:
            known.votes["ORG"] += 1  # "Mediapart a révélé": who speaks is a person or an organisation
    return found.values()


def _clean(article: str, doc: Doc, first: int, last: int, label: EntityType) -> _Span | None:
    """Trim articles and punctuation off a spaCy mention; None when what is left is no name."""
    # "l'ONU" is "ONU"; English sentence-initial "The White House" too, but French "Le Monde" keeps its article
    while first < last and (doc[first].is_punct or doc[first].pos_ == "DET" and (
            doc[first].text.islower() or doc.lang_ == "en")):
        first += 1
    opening = next((t.i for t in doc[first:last] if t.text == "("), last)  # "World Health Organization (WHO"
    if not any(t.text == ")" for t in doc[opening:last]):
        last = opening
    while last > first and (doc[last - 1].is_punct or doc[last - 1].text in ("'s", "’s")):
        last -= 1
    if last <= first or not any(c.isupper() for c in doc[first:last].text):
        return None
    head = doc[first]
    if head.is_stop and head.text[:1].isupper() and last > first + 1 and doc[first + 1].text.islower():
        return None  # "Un grand journal moscovite": a sentence-initial common noun phrase
    lead = 0
    while first + lead < last - 1 and doc[first + lead].lower_ in _HONORIFICS:
        lead += 1
    if label == "PER":
        words = [t for t in doc[first + lead:last] if t.is_alpha or "-" in t.text]
        if any(not t.text[:1].isupper() and t.lower_ not in PARTICLES for t in words):
            # "président Poutine" keeps "Poutine"; "président de la Turquie" and "Premier ministre" are no one
            cut = last
            while cut > first and doc[cut - 1].text[:1].isupper():
                cut -= 1
            if cut == last or cut == first or doc[cut - 1].lower_ in PARTICLES | {"of", "the", "l'", "l’"}:
                return None
            return _Span(article, doc, cut, last, Counter({"PER": 2}))
    return _Span(article, doc, first, last, Counter({label: 1}), lead)


def _cues(doc: Doc) -> Iterable[tuple[int, int]]:
    """Capitalised runs the text cites as a source or calls an organisation: "X, …, a rapporté", "selon X",
    "agence X"."""
    for tok in doc:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _REPORT:
            j = tok.i - 1
            while j > 0 and (doc[j].pos_ in ("AUX", "PART") or doc[j].lower_ in ("ne", "n'", "n’")):
                j -= 1
            if doc[j].text == ",":  # an apposition between the name and its verb
                k = j - 1
                while k > max(0, j - 30) and doc[k].text != "," and not doc[k].is_sent_start:
                    k -= 1
                if doc[k].text != ",":
                    continue
                j = k - 1
            first = end = j + 1
            while first > 0 and end - first < 5 and _capital(doc[first - 1]):
                first -= 1
                if doc[first].is_sent_start:
                    break
            while first < end and doc[first].is_stop:  # "Le Figaro a rapporté": the name is "Figaro"
                first += 1
            if first < end:
                yield first, end
        elif tok.lower_ in ("selon", "après", "according") or tok.lower_ in _ORG_NOUNS:
            if tok.lower_ == "après" and (tok.i == 0 or doc[tok.i - 1].lower_ not in ("d'", "d’")):
                continue
            i = tok.i + 1 + (tok.lower_ == "according")
            while i < len(doc) and i - tok.i < 5 and (doc[i].pos_ in ("DET", "ADJ") and doc[i].text.islower()
                                                      or _press(doc, i) or doc[i].lower_ in _ORG_NOUNS):
                i += 1
            last = i
            while last < len(doc) and last - i < 5 and _capital(doc[last]):
                last += 1
            if last > i:
                yield i, last


def _press(doc: Doc, i: int) -> bool:
    """A word of "agence de presse", skipped between an organisation noun and its name."""
    word = doc[i].lower_
    return word in ("presse", "press", "news") or word == "de" and i + 1 < len(doc) and doc[i + 1].lower_ == "presse"


def _capital(tok: Token) -> bool:
    return tok.text[:1].isupper() and any(c.isalpha() for c in tok.text) and not tok.is_punct


def _name_like(doc: Doc, first: int, last: int, lower: set[str]) -> bool:
    """A capitalised run that is a name, not a sentence-initial common word ("Lundi", "Officials")."""
    tokens = doc[first:last]
    if any(t.pos_ in ("PRON", "DET", "ADP", "CCONJ", "SCONJ", "AUX", "NUM") or t.is_stop for t in tokens):
        return False
    if last - first == 1 and (first == 0 or doc[first].is_sent_start or not doc[first - 1].text.strip()):
        word = doc[first].lower_
        # a capital that only the sentence start explains: the word is written lower case elsewhere, or is
        # a common word of the model's vocabulary; without vectors (English sm) the tagger has to say PROPN
        if doc.vocab.vectors.shape[0]:
            return word not in lower and not doc.vocab.has_vector(word)
        return word not in lower and doc[first].pos_ == "PROPN"
    return True


def _cited(article: Article) -> Iterable[tuple[str, ...]]:
    """Names that a title ("… – Kommersant") or a byline ("AA", "Source : X") gives as the source."""
    found = [m.group(1) for m in [_TITLE_SOURCE.search(article.title or "")] if m]
    found += [_SOURCE_PREFIX.sub("", credit.replace("\u00a0", " ")) for credit in article.credits]
    for name in found:
        words = tuple(name.split())
        if 0 < len(words) <= 4 and all(w[:1].isupper() for w in words):
            yield words


def _acronyms(article: str, doc: Doc, spans: list[_Span], taken: dict[str, set[int]],
              since: int) -> list[tuple[str, int, int]]:
    """Acronyms defined in parentheses, "Service de renseignement extérieur (SVR)": (acronym, long, short)."""
    ends = {s.last: i for i, s in enumerate(spans[since:], since)}
    starts = {s.first: i for i, s in enumerate(spans[since:], since)}
    found = []
    for tok in doc[1:-2]:
        if tok.text != "(" or doc[tok.i + 2].text != ")" or not _ACRONYM.match(doc[tok.i + 1].text):
            continue
        long_index = ends.get(tok.i)
        if long_index is not None and spans[long_index].votes.keys() & {"PER", "LOC"}:
            continue  # "Marine Le Pen (RN)", "MOSCOU (AFP)": an affiliation or a dateline, not a definition
        if long_index is None:
            first = _phrase_before(doc, tok.i)
            if first is None or taken[article] & set(range(first, tok.i)):
                continue
            long_index = len(spans)
            _add(spans, taken, _Span(article, doc, first, tok.i, Counter({"ORG": 1})))
        short_index = starts.get(tok.i + 1)
        if short_index is None:
            short_index = len(spans)
            _add(spans, taken, _Span(article, doc, tok.i + 1, tok.i + 2, Counter({"ORG": 1})))
        found.append((doc[tok.i + 1].text, long_index, short_index))
    return found


def _phrase_before(doc: Doc, end: int) -> int | None:
    """The start of the lower-case noun phrase that ends at ``end``: "service russe de renseignement extérieur"."""
    first = end
    while first > 0 and (doc[first - 1].pos_ in ("NOUN", "ADJ", "PROPN") or doc[first - 1].lower_ in ("de", "d'")):
        first -= 1
    while first < end and doc[first].pos_ not in ("NOUN", "PROPN"):
        first += 1
    return first if end - first >= 2 else None


def _gazetteer(parsed: Sequence[tuple[Article, Doc]], spans: list[_Span], taken: dict[str, set[int]],
               cited: set[tuple[str, ...]], lower: set[str]) -> None:
    """Look for every name found somewhere in every article, on token boundaries, case-sensitive."""
    names = {s.words for s in spans if s.words[0][:1].isupper()} | cited
    for span in spans:  # "Sergei Lavrov" makes "Lavrov" worth looking for too, "Ursula von der Leyen" "von der Leyen"
        words = span.words
        if span.votes["PER"] and 2 <= len(span.core) <= 4 and all(w[:1].isupper() for w in span.core):
            cut = len(words) - 1
            while cut > 1 and words[cut - 1] in PARTICLES:
                cut -= 1
            names.add(words[cut:])
    by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for words in sorted(names, key=len, reverse=True):
        if len(words) > 1 or len(words[0]) > 1:
            by_first[words[0]].append(words)
    for article, doc in parsed:
        i = 0
        while i < len(doc):
            hit = next((w for w in by_first.get(doc[i].text, ()) if w == tuple(t.text for t in doc[i:i + len(w)])), ())
            if not hit or doc[i].is_stop or taken[article.id] & set(range(i, i + len(hit))) or (
                    len(hit) == 1 and doc[i].is_sent_start and doc[i].lower_ in lower):  # "Cook the pasta"
                i += 1
                continue
            # a name a title or byline cites as a source is an outlet; the others take their entity's type
            _add(spans, taken, _Span(article.id, doc, i, i + len(hit), Counter({"ORG": 1} if hit in cited else {})))
            i += len(hit)


def _inflected(tokenized: Sequence[tuple[Article, Doc]], spans: list[_Span], taken: dict[str, set[int]]) -> None:
    """Look for the corpus's names and the countries and cities of CLDR in the texts of languages with no
    model, through transliteration and inflection: a capitalised word, or the word less a suffix after an
    apostrophe (Turkish "Prigojin'in"), a Russian case ending ("Пескова") or a genitive s ("Durows"), that
    sounds like a name word (``_sound``: Prigojin, Prigozhin, Prigojine) or is within ``_alike`` of one. A hit
    takes the words of the name it matched, so that it merges with that name's entity."""
    # sound of a name's first word -> its names, in the corpus's order (a dict, not a set: of two names as long
    # that a word may begin, the first found wins, whatever the process's string hashing)
    names: dict[str, dict[tuple[str, ...], None]] = defaultdict(dict)
    for span in spans:
        if span.words[0][:1].isupper() and len(span.words) <= 4 and len(span.words[0]) > 1:
            names[_sound(span.words[0])][span.words] = None
            if span.votes["PER"] and len(span.core) > 1:  # "Vladimir Leontiev" makes "Leontiev" a name too
                names[_sound(span.core[-1])][span.core[-1:]] = None
    index = _by_prefix(names)

    def first_words(word: str) -> list[tuple[str, ...]]:
        """The names whose first word the word may be."""
        found: list[tuple[str, ...]] = []
        for stem in _stems(word):
            key = _sound(stem)
            alike = [key] if key in names else []
            if len(key) >= 5:
                alike += [hit for hit in _alike_in(key, index, 3) if hit != key]
            found += [name for hit in alike for name in names[hit]]
        return found

    def sounds_like(word: str, name_word: str) -> bool:
        return any(_alike(_sound(stem), _sound(name_word)) for stem in _stems(word))

    for article, doc in tokenized:
        i = 0
        while i < len(doc):
            token = doc[i]
            if not token.text[:1].isupper() or token.is_stop or i in taken[article.id]:
                i += 1
                continue
            matched: tuple[int, tuple[str, ...]] | None = None
            for name in first_words(token.text):
                end = i + len(name)
                if end <= len(doc) and all(sounds_like(doc[k].text, w) for k, w in zip(range(i + 1, end), name[1:],
                                                                                          strict=True)):
                    if matched is None or len(name) > len(matched[1]):
                        matched = end, name
            if matched is None:
                place = next((stem for stem in _stems(token.text) if name_key(stem) in _places()
                              or name_key(stem) in _cities()), None)
                if place is not None:
                    matched = i + 1, (place,)
            if matched is None:
                i += 1
                continue
            end, name = matched
            span = _Span(article.id, doc, i, end, Counter())
            span.words, span.key = name, name_key(" ".join(name))
            _add(spans, taken, span)
            i = end


def _repeated(tokenized: Sequence[tuple[Article, Doc]], spans: list[_Span], taken: dict[str, set[int]]) -> None:
    """Names no other article gives, in the texts of languages with no model: a run of two to four capitalised
    words inside a sentence (no stop word, none taken), kept when the corpus writes it twice, or when its
    last word stands alone elsewhere in the article ("Мария Захарова", later "Захарова"); its bare last word
    is then a mention too."""
    def capital(token: Token) -> bool:  # "Захарова", not "МИД": an acronym before a name is another name
        return token.text[:1].isupper() and not token.text.isupper() and token.is_alpha and not token.is_stop

    runs: dict[str, list[tuple[Article, Doc, int, int]]] = defaultdict(list)
    for article, doc in tokenized:
        i = 0
        while i < len(doc):
            end = i
            while end < len(doc) and end - i < 4 and capital(doc[end]) and end not in taken[article.id]:
                end += 1
            if end - i >= 2 and not doc[i].is_sent_start:
                runs[name_key(doc[i:end].text)].append((article, doc, i, end))
            i = max(end, i + 1)
    for found in runs.values():
        article, doc, first, last = found[0]
        surname = set(_stems(doc[last - 1].text))  # "Захарова", then "По словам Захаровой"
        alone = [t.i for t in doc if t.i not in range(first, last) and t.i not in taken[article.id]
                 and not t.is_sent_start and t.text[:1].isupper() and surname & set(_stems(t.text))]
        if len(found) < 2 and not alone:
            continue
        words = tuple(t.text for t in doc[first:last])
        for where, its_doc, start, end in found:
            if not taken[where.id] & set(range(start, end)):
                _add(spans, taken, _Span(where.id, its_doc, start, end, Counter()))
        for i in alone:
            if i not in taken[article.id]:
                span = _Span(article.id, doc, i, i + 1, Counter())
                span.words, span.key = words, name_key(" ".join(words))  # one entity with its full name
                _add(spans, taken, span)


_POSSESSIVES = frozenset({"'s", "’s"})
_APOSTROPHE_SUFFIX = re.compile(r"^(\w{2,}?)['’]\w{1,5}$")
# Russian noun and adjective case endings, longest first: "Пескова" is "Песков" in the genitive
_CASE_ENDINGS = ("ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ом", "ем", "ым", "им", "ую", "а", "я", "у",
                 "ю", "е", "ы", "и")
NAME_LIKENESS = 85  # rapidfuzz ratio from which two sounded name words of 5 letters or more may be one (_alike)


def _stems(word: str) -> list[str]:
    """The word, and what it is less the inflection a name may carry in the news languages."""
    forms = [word]
    if (m := _APOSTROPHE_SUFFIX.match(word)) is not None:
        forms.append(m.group(1))
    if re.search("[а-яё]$", word):
        stem = next((word[:-len(e)] for e in _CASE_ENDINGS if word.endswith(e) and len(word) - len(e) >= 3), None)
        if stem is not None:  # "Пескова" is "Песков"; "Москвы" is "Москва"
            forms += [stem, stem + "а", stem + "я"]
    if word.endswith("s") and len(word) > 4:
        forms.append(word[:-1])
    return forms


def _evidence(span: _Span) -> Counter[str]:
    """Type votes from the words around a mention: a title, an organisation noun, a country or city name."""
    doc, votes = span.doc, Counter[str]()
    before = doc[span.first - 1].lower_ if span.first else ""
    after = doc[span.last].lower_ if span.last < len(doc) else ""
    if span.lead or before in _HONORIFICS:
        votes["PER"] += 3
    elif _title(before):
        votes["PER"] += 2
    # an apposition closed by a comma: "le directeur de la CIA, Bill Burns, a", "Kommersant, a Moscow daily, said"
    # ("Selon le WSJ, le conseiller …, Jake Sullivan" has no verb after the second comma: no apposition)
    side = _apposition(doc, span.first - 2, -1) if before == after == "," else []
    if after == "," and span.last + 1 < len(doc) and (doc[span.last + 1].pos_ == "DET"
                                                      or _title(doc[span.last + 1].lower_)):
        words = _apposition(doc, span.last + 1, 1)
        close = span.last + 1 + len(words)
        if close + 1 < len(doc) and doc[close].text == "," and doc[close + 1].pos_ in ("VERB", "AUX"):
            side += words
    if any(_title(w) for w in side):
        votes["PER"] += 2
    elif any(w in _ORG_NOUNS for w in side):
        votes["ORG"] += 2
    k = span.first - 1
    while k >= max(0, span.first - 4) and (doc[k].pos_ == "ADJ" and doc[k].text.islower() or _press(doc, k)):
        k -= 1
    if k >= 0 and doc[k].lower_ in _ORG_NOUNS or doc.lang_ == "en" and after in _ORG_NOUNS:
        votes["ORG"] += 3  # "l'agence Anadolu", "the Kommersant newspaper"
    if _country(span):
        votes["LOC"] += 3
    elif span.key in _cities():
        votes["LOC"] += 1  # weaker: "Davis" is a surname as well as an Antarctic station
    return votes


def _title(word: str) -> bool:
    """A word that introduces a person: "président", "spokesman", "vice-président", "director-general"."""
    return word in _TITLE_NOUNS or word.rsplit("-", 1)[-1] in _TITLE_NOUNS


def _apposition(doc: Doc, i: int, step: int) -> list[str]:
    """The lower-cased words of an apposition read from ``i`` away from its name, up to a verb, a comma or "and"."""
    words: list[str] = []
    while 0 <= i < len(doc) and len(words) < 8 and doc[i].pos_ not in ("VERB", "AUX", "PUNCT", "CCONJ"):
        words.append(doc[i].lower_)
        i += step
    return words


def _country(span: _Span) -> str | None:
    """The ISO code of the country a mention names, in English, French or the country's own language."""
    code = _places().get(span.key)
    if code is None and span.votes["LOC"] and len(span.words) == 1:
        code = _codes().get(span.words[0])  # "USA", "US" only where spaCy saw a place: "AI" may be anything
    return code


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    """Folded country name -> ISO code, from CLDR (Babel: the news languages, the country's own languages)
    and countryinfo's English common names and spellings ("Turkey", "Czech Republic"); ambiguous names dropped."""
    import countryinfo
    from babel import Locale, UnknownLocaleError
    from babel.languages import get_official_languages

    names: dict[str, set[str]] = defaultdict(set)

    def add(name: str | None, code: str) -> None:
        for part in re.split(r"\s*[()]\s*", name or ""):
            if part and name_key(part):
                names[name_key(part)].add(code)

    locales = [Locale(code) for code in lang.NEWS_LANGUAGES]
    for territory in map(str, locales[0].territories):
        if len(territory) != 2 or not territory.isalpha() or territory in _NOT_COUNTRIES:
            continue
        for locale in locales:
            add(locale.territories.get(territory), territory)
        for language in get_official_languages(territory, de_facto=True):
            try:
                add(Locale.parse(language).territories.get(territory), territory)
            except UnknownLocaleError:  # a language CLDR has no locale for
                continue
    for country in countryinfo.all_countries():
        code = str(country.iso(2))
        add(country.name(), code)
        add(country.native_name(), code)
        for alt in country.alt_spellings():
            if alt not in (code, country.iso(3)):
                add(alt, code)
    return {name: next(iter(codes)) for name, codes in names.items() if len(codes) == 1}


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """ISO alpha-2 and alpha-3 codes -> alpha-2 ("USA" -> "US")."""
    import countryinfo

    countries = countryinfo.all_countries()
    return {str(c): str(country.iso(2)) for country in countries for c in (country.iso(2), country.iso(3))}


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Folded city name -> time zone, from CLDR's exemplar cities in the news languages (Moscou, Moscow, Moskau,
    Москва)."""
    from babel import Locale
    from babel.core import get_global

    aliases: Mapping[str, str] = get_global("zone_aliases")
    locales = [Locale(code) for code in lang.NEWS_LANGUAGES]
    names: dict[str, set[str]] = defaultdict(set)
    for zone in set(get_global("zone_territories")) | set(aliases):
        canonical = aliases.get(zone, zone)
        found = {z.split("/")[-1].replace("_", " ") for z in (zone, canonical)}
        found |= {(locale.time_zones.get(zone) or {}).get("city") or "" for locale in locales}
        for name in found:
            if name_key(name) and name_key(name) not in _places():
                names[name_key(name)].add(canonical)
    return {name: zones.pop() for name, zones in names.items() if len(zones) == 1}


@lru_cache(maxsize=65536)  # read for every capitalised word of a text without a model, and for each pair of forms
def _sound(word: str) -> str:
    """A transliteration-blind key for one name word: Naryshkin, Narychkine, Narishkin -> "narisin"."""
    key = name_key(word).replace(" ", "")
    for spelt, said in _SOUNDS:
        key = key.replace(spelt, said)
    key = re.sub(r"(.)\1+", r"\1", key)
    return key[:-1] if len(key) > 4 and key.endswith("e") else key


def _alike(a: str, b: str) -> bool:
    """Two sounded name words that may be one: equal, an initial of the other, or close (Sergey, Sergueï)."""
    from rapidfuzz.fuzz import ratio

    if a == b or len(a) == 1 and b.startswith(a) or len(b) == 1 and a.startswith(b):
        return True
    return min(len(a), len(b)) >= 5 and ratio(a, b) >= NAME_LIKENESS


def _merge(spans: list[_Span], defs: list[tuple[str, int, int]]) -> list[list[_Span]]:
    """Group mentions into entities; see the module docstring for the rules."""
    union = disjoint(range(len(spans)))
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, span in enumerate(spans):
        by_key[_country(span) or _cities().get(span.key) or span.key].append(i)
    acronyms: dict[str, list[tuple[int, int]]] = defaultdict(list)  # acronym -> (short span, long span)
    for acronym, long_index, short_index in defs:
        union.merge(short_index, long_index)
        for _, other in acronyms[acronym]:  # one acronym, two long forms: one body only if their words agree
            a, b = set(spans[other].key.split()), set(spans[long_index].key.split())
            if len(a & b) * 2 >= min(len(a), len(b)):
                union.merge(other, long_index)
        acronyms[acronym].append((short_index, long_index))
    people = _people(spans, by_key, union)
    people_index = _by_prefix(people)
    left: dict[str, list[int]] = defaultdict(list)
    named: dict[str, list[int]] = defaultdict(list)  # article -> its spans of several name words
    for i, span in enumerate(spans):
        if len(span.core) > 1:
            named[span.article].append(i)
    for members in by_key.values():
        span = spans[members[0]]
        word = span.core[0] if len(span.core) == 1 else ""
        if span.words == (word,) and word in acronyms:
            for i in members:  # the definition in the same article, else the only one in the corpus
                here = next((s for s, _ in acronyms[word] if spans[s].article == spans[i].article), None)
                roots = {union[here]} if here is not None else {union[s] for s, _ in acronyms[word]}
                union.merge(i, roots.pop()) if len(roots) == 1 else left[span.key].append(i)
        elif word and (surname := _surname(word, people, people_index)) and not _country(span):
            for i in members:  # the only person of that surname, else the only one named in the same article
                roots = {union[j] for j in people[surname]}
                if len(roots) > 1:
                    roots &= {union[j] for j in named[spans[i].article]}
                union.merge(i, roots.pop()) if len(roots) == 1 else left[span.key].append(i)
        else:
            left[span.key] += members
    for members in left.values():
        for i in members[1:]:
            union.merge(members[0], i)
    return [[spans[i] for i in group] for group in grouped(union, range(len(spans)))]


# The cosine of two organisations' names (multilingual USE, ``embed.py``) from which they are one organisation
# named in two languages or two wordings, when each is the other's closest. Measured on the organisations of
# the development corpus (44 names of two words or more): the same body scores 0.94 ("Office national
# antifraude", "Office national de lutte anti-fraude"), 0.87 ("Agence internationale de l'énergie atomique",
# "International Atomic Energy Agency"), 0.78, 0.68, 0.63, 0.61; two bodies score up to 0.745 ("ministère des
# Affaires étrangères", "ministère de l'Intérieur"). At 0.80 no two bodies merge; the looser wordings stay apart.
SAME_ORGANISATION = 0.80


def _translations(groups: list[list[_Span]], texts: Mapping[str, str], order: Mapping[str, int]) -> list[Entity]:
    """The entities of the mention groups, with those of one organisation named in two languages joined
    ("Agence internationale de l'énergie atomique", "International Atomic Energy Agency"): organisations whose
    names of two words or more are each the other's closest by embedding, at ``SAME_ORGANISATION`` or above."""
    drafts = [_entity(members, texts, order) for members in groups]
    named = [i for i, e in enumerate(drafts) if e.type == "ORG" and len(e.name.split()) >= 2]
    if len(named) < 2:
        return drafts
    from . import embed

    vectors = embed.encode([drafts[i].name for i in named])
    cosine = vectors @ vectors.T
    for k in range(len(named)):
        cosine[k, k] = -1.0
    closest = cosine.argmax(axis=1)
    union = disjoint(range(len(groups)))
    for a, b in enumerate(closest):
        if closest[b] == a and a < b and cosine[a, b] >= SAME_ORGANISATION:
            union.merge(named[a], named[b])
    # an entity left alone is its draft; only a joined one is voted and named again
    return [drafts[group[0]] if len(group) == 1 else _entity([span for i in group for span in groups[i]], texts, order)
            for group in grouped(union, range(len(groups)))]


def _people(spans: list[_Span], by_key: Mapping[str, list[int]], union: DisjointSet[int]) -> dict[str, list[int]]:
    """Join the full names of one person (2-4 capitalised words, typed PER by something): sounded surname ->
    one span per full form."""
    people: dict[str, list[int]] = defaultdict(list)
    for members in by_key.values():
        core = spans[members[0]].core
        if 2 <= len(core) <= 4 and all(w[:1].isupper() for w in core) and any(spans[i].votes["PER"] for i in members):
            people[_sound(core[-1])].append(members[0])
    for forms in people.values():
        alike = {a: [b for b in forms if b != a and _same_person(spans[a].core, spans[b].core)] for a in forms}
        # "J. Biden" beside "Joe Biden" and "Jill Biden": an initial must not bridge two people
        bridges = {a for a in forms if len(_sound(spans[a].core[0])) == 1 and len(alike[a]) > 1}
        for a in set(forms) - bridges:
            for b in set(alike[a]) - bridges:
                union.merge(a, b)
    return people


def _surname(word: str, people: Mapping[str, list[int]], index: Mapping[str, list[str]]) -> str | None:
    """The sounded surname of ``people`` (``index``: ``_by_prefix`` of them) a bare name word is: its own
    sound, else the only one alike ("Prigogine", a misspelt "Prigojine")."""
    sound = _sound(word)
    if sound in people or len(sound) < 5:
        return sound if sound in people else None
    alike = _alike_in(sound, index, 2)
    return alike[0] if len(alike) == 1 else None


PREFIX = 2  # letters that two alike sounded names share at their start: the block a fuzzy lookup searches


def _by_prefix(sounds: Iterable[str]) -> dict[str, list[str]]:
    """Sounded names by their first ``PREFIX`` letters, so that a fuzzy lookup compares a name with its block
    only, not with every name of the corpus."""
    index: dict[str, list[str]] = defaultdict(list)
    for sound in sounds:
        index[sound[:PREFIX]].append(sound)
    return index


def _alike_in(sound: str, index: Mapping[str, list[str]], limit: int) -> list[str]:
    """The sounded names of ``index`` alike to this one (rapidfuzz ratio of ``NAME_LIKENESS`` or more), best first."""
    from rapidfuzz import process
    from rapidfuzz.fuzz import ratio

    return [hit for hit, _, _ in process.extract(sound, index.get(sound[:PREFIX], []), scorer=ratio,
                                                 score_cutoff=NAME_LIKENESS, limit=limit)]


def _same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two full names with one surname: the first name of the shorter is a forename of the longer, in another
    spelling (Sergueï, Sergei) or as its hypocoristic (Bill, William)."""
    short, full = sorted((a, b), key=len)
    return any(_alike(_sound(short[0]), _sound(w)) or _hypocoristic(short[0], w) for w in full[:-1])


@lru_cache(maxsize=4096)
def _hypocoristic(a: str, b: str) -> bool:
    """One first name is the other's short form (Bill, William; Joe, Joseph), by the nicknames dataset."""
    x, y = name_key(a), name_key(b)
    namer = _nicknamer()
    return x != y and (y in namer.nicknames_of(x) or x in namer.nicknames_of(y))


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    from nicknames import NickNamer

    return NickNamer()


def _entity(members: list[_Span], texts: Mapping[str, str], order: Mapping[str, int]) -> Entity:
    """One entity from its mentions: the voted type, the fullest common name, mentions in text order."""
    votes = sum((s.votes for s in members), Counter[str]())
    # a tie goes to the label of the fullest mention ("Antonio Guterres" PER over "Guterres" LOC)
    longest = max(members, key=lambda s: (len(s.words), sum(s.votes.values())))
    kind: EntityType = max(_ORDER, key=lambda t: (votes[t], longest.votes[t], -_ORDER.index(t)))
    if not votes[kind]:
        kind = "MISC"
    names = Counter(texts[s.article][s.doc[s.first + s.lead].idx:s.name_end].replace("\u00a0", " ") for s in members)
    name = max(names, key=lambda n: (n[:1].isupper(), len(n.split()), names[n], len(n)))
    mentions = sorted((Mention(s.article, texts[s.article][s.start:s.end], s.start, s.end) for s in members),
                      key=lambda m: (order[m.article], m.start))
    return Entity("", name, kind, tuple(mentions))


def _unique(entities: list[Entity]) -> list[Entity]:
    """Ids from the type and folded name; a second entity of the same name also hashes its first mention."""
    seen: set[str] = set()
    out = []
    for entity in entities:
        content = f"{entity.type}|{name_key(entity.name)}"
        ident = "e-" + hashlib.sha1(content.encode()).hexdigest()[:12]
        if ident in seen:
            first = entity.mentions[0]
            ident = "e-" + hashlib.sha1(f"{content}|{first.article}|{first.start}".encode()).hexdigest()[:12]
        seen.add(ident)
        out.append(replace(entity, id=ident))
    return out
