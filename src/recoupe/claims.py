"""Claims: the statements of fact of a story, grouped across wording and language, with their support.

Each sentence of a story that states something is cut into its facts: a sentence often carries two
("Peskov confirmed the talks, adding that they were held at the request of the US"), so it is cut where
it passes to another statement (", ajoutant", ", adding", "; "). Facts of different articles are linked
when they say the same thing: their multilingual embeddings (``embed.py``) are close, read whole or
without the frame that attributes them ("Le Kremlin a déclaré que …"), with a bonus for the rare words
they share; or moderately close when each is the other's best match in its article. Linked facts form
a claim when most of their pairs are linked (no chaining), one fact per article unless the article
repeats itself. A claim's support is the whole sentence of each fact (so a sentence of two facts
supports two claims), and its independent origins are counted from ``story.origins``. Facts that tell
one thing with another value are kept apart and their claims conflict, saying what differs: related facts
of any two languages giving one slot (a count, a bearing: ``conflicts.py``) two values, or facts of one
language in the same words but another number, another organisation or the opposite polarity. A count
that a later day's article gives otherwise is an update, not a conflict (docs/claims.md).

The thresholds were measured on hand-labelled sentence pairs of the seeds and checked end to end on
newstest2014 (a French article and its English translation as one story: a sentence should join its
translation, never another sentence, and nothing should conflict).
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from . import conflicts, embed, lang
from .conflicts import Slot
from .grouping import merge_linked
from .records import Article, Claim, Evidence, Story
from .text import fold, sentences

if TYPE_CHECKING:
    import numpy as np

MIN_WORDS = 6  # shorter sentences state no fact of their own ("Ce n'est pas un bluff.")
CLAUSE_WORDS = 5  # a cut leaves a fact only when both sides keep this many words
SAME = 0.75  # similarity from which two facts of different articles say the same thing
CLOSE = 0.60  # ... enough when each is the other's best match in its article
LEXICAL = 0.3  # weight of the shared rare words in the similarity
STEM = 5  # letters that make a word's stem: "confirmé", "confirmed" and "confirme" are one
SAME_ARTICLE = 0.80  # two facts of one article join a claim only this close: the article repeats itself
LINK_SHARE = 0.5  # two groups merge when at least half of their cross pairs are linked
CONFLICT = 0.80  # facts this close that differ in a number, an organisation or polarity conflict
RELATED = 0.30  # facts this close that give one slot two values conflict (dev: the conflicting pairs 0.33-0.82)
SLOT_CONTEXT = 0.6  # ... with words this close around the slot (dev: 0.5 gains one true conflict for three false)
CONTEXT_WORDS = 6
OVERLAP = 0.5  # ... and, in one language, share this much of their words

_WORD = re.compile(r"\w+")
_CONTENT = re.compile(r"\w{3,}")
# an organisation by its acronym where it says whose someone is: "chef du FSB", "head of the SVR" (not "PDG",
# "CEO", a channel cited)
_ACRONYM = re.compile(r"\b(?:du|de|des|of) (?:the |la |l['’])?([A-ZА-Я]{2,6})\b")
_NUMBER = re.compile(r"\b" + conflicts.DIGITS)  # numbers as conflicts.py reads them
_THAT = lang.union("COMPLEMENTIZERS")
# "que", "that" as words; "qu'" elided onto the next one
_THAT_RE = lang.alternation(w for w in _THAT if w[-1] in "'’") + "|(?:" + lang.alternation(
    w for w in _THAT if w[-1] not in "'’") + r")\b"
_ADDING = lang.alternation(lang.union("ADDING_PARTICIPLES"))
_ACCORDING_TO = lang.alternation(lang.union("ACCORDING_TO"))
# where a sentence passes to a second statement; the cue opens the second clause. The French gerund
# (", tout en soulignant") and English coordination ("and said") are grammar, kept here
_CUT = re.compile(
    r"(?<=;)\s+"
    r"|(?<=:)\s+(?=[«“\"])"
    r"|,\s+(?=(?:en |tout en )?(?:" + lang.alternation(lang.get("fr").ADDING_PARTICIPLES) + r")\b)"
    r"|,\s+(?=(?:" + _ADDING + "|" + lang.alternation(lang.union("CONTRAST") | lang.union("WHEREAS")) + r")\b)"
    r"|\s+(?=and (?:said|added|stressed|noted)\b)")
# a negated statement (French needs its second particle: "ne … que" only restricts) and a denial; a
# denial denied ("n'a pas démenti") asserts. Negation is grammar, kept here.
_NOT = re.compile(
    r"\b(?:n['’]|ne\s)(?:[\w'’-]+\s+){0,4}?(?:pas|jamais|aucun|aucune|rien|plus|personne|guère|nullement|point)\b"
    r"|\b(?:aucun|aucune|rien|personne|nul|nulle)\b(?:\s+[\w'’-]+){0,4}?\s+(?:ne\b|n['’])"
    r"|\b(?:not|never|no|nobody|nothing|none|neither|nor|cannot|no longer)\b|\w+n['’]t\b", re.IGNORECASE)
_DENY = re.compile(r"\b(?:(?:" + lang.alternation(lang.union("DENIAL_STEMS")) + r")\w*|"
                   + lang.alternation(lang.union("DENIALS")) + r")\b", re.IGNORECASE)
_RELATIVE = re.compile(r",\s*(?:qui|who|which|dont|lequel|laquelle)\b[^,]*,")
_QUOTES = "«»“”\"'’‘ \u00a0\u202f"
# the frame that attributes a statement: what was said, not who said it, tells two facts apart ("Le
# Kremlin a déclaré que P", "P », a déclaré Peskov", "ajoutant que P", "according to X, P")
_SAID = "(?:" + lang.alternation(lang.union("FRAME_VERBS")) + ")"
_FRAMES = [re.compile(p, re.IGNORECASE) for p in (
    r"^(?:en |tout en )?(?:" + _ADDING + r"|and said|and added)\b\s*(?::|" + _THAT_RE + ")?",
    r"^.{0,200}?\b" + _SAID + r"(?:[\s,]+[\w'’-]+){0,4}?[\s,]+(?:" + _THAT_RE + ")",
    r"^(?:" + _ACCORDING_TO + r")\b[^,]{0,80},",
    r"[,»”\"]\s*(?:a|ont|avait|had|has)?\s*(?:[\w'’-]+\s+){0,2}?" + _SAID + r"\b[^,]{0,80}$",
    r",\s*(?:a-t-il|a-t-elle|ont-ils)\s+\w+\W*$",
    r",\s*(?:" + _ACCORDING_TO + r")\b[^,]{0,80}$",
)]
# an attribution that attributes nothing: "Le porte-parole du Conseil de sécurité a déclaré à CNN."
_BARE_SAID = re.compile(r"[^,«»“”\"]{0,100}\b" + _SAID + r"(?:\s+(?:à|au|aux|to)\s+[^,«»“”\"]{1,40})?$", re.IGNORECASE)
# a negated attribution: "n'a pas confirmé que P" says nothing of P, against "a confirmé que P"
_NOT_SAID = re.compile(r"(?:\bn['’]|\bne\s)(?:[\w'’-]+\s+){0,2}?(?:pas|jamais|nullement|point)\s+(?:[\w'’-]+\s+)?"
                       + _SAID + r"|\b(?:not|never|n['’]t)\s+(?:[\w'’-]+\s+)?" + _SAID, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Fact:
    """One statement of a sentence: the sentence's offsets (the evidence) and the clause's own text."""

    article: str
    sentence: int  # index of the sentence among the story's sentences
    start: int  # the whole sentence, in the article's text
    end: int
    at: int  # where the clause starts in the article's text
    text: str  # the clause (the whole sentence when it states one thing)
    core: str  # the clause without the frame that attributes it
    numbers: frozenset[str]
    acronyms: frozenset[str]
    negated: bool
    language: str | None
    slots: tuple[Slot, ...]  # the counts and bearings it gives (``conflicts``)


def extract(story: Story, articles: Sequence[Article]) -> list[Claim]:
    """The claims of one story: support per article, independent origins counted, conflicts marked."""
    import numpy as np

    by_id = {a.id: a for a in articles}
    members = [by_id[i] for i in story.articles if i in by_id]
    facts = _facts(members)
    if not facts:
        return []
    vectors = embed.encode([f.text for f in facts] + [f.core for f in facts])
    n = len(facts)
    # the closer of the two readings: the whole clause, or its core without the attribution
    cosine = np.maximum(vectors[:n] @ vectors[:n].T, vectors[n:] @ vectors[n:].T)
    score = cosine + LEXICAL * _shared_words(facts)
    disagreements = _disagreeing(facts, cosine, score, by_id)
    apart = set(disagreements)
    groups = _group(facts, cosine, score, apart)
    origin_of = {aid: o.id for o in story.origins for aid in o.articles}
    claims = [_claim(story, g, facts, score, origin_of, by_id) for g in groups]
    return _conflicts(claims, groups, disagreements)


# -- facts ------------------------------------------------------------------------------------------

def _facts(articles: Sequence[Article]) -> list[_Fact]:
    """The facts of the sentences that state something, in article and text order."""
    found: list[_Fact] = []
    index = 0
    for article in articles:
        for start, end in sentences(article.text):
            clauses = _statements(article.text[start:end])
            if clauses is None:
                continue
            for at, clause in clauses:
                found.append(_fact(article, index, start, end, start + at, clause))
            index += 1
    return found


@lru_cache(maxsize=65536)  # copies repeat sentences word for word: each is read once
def _statements(sentence: str) -> tuple[tuple[int, str], ...] | None:
    """The clauses of a sentence that states something (``_clauses``); None when it states nothing (``_states``)."""
    return tuple(_clauses(sentence)) if _states(sentence) else None


def _states(sentence: str) -> bool:
    """A sentence states something: words enough, not a question, not a bare attribution or announcement."""
    bare = sentence.strip(_QUOTES + ".…),")
    words = [w for w in bare.split() if any(c.isalpha() for c in w)]  # a link is one word, however long
    return len(words) >= MIN_WORDS and not bare.endswith(("?", ":")) and not _BARE_SAID.match(bare)


def _clauses(sentence: str) -> list[tuple[int, str]]:
    """The clauses of a sentence (offset, text), cut where it passes to another statement."""
    cuts = [0] + [m.end() for m in _CUT.finditer(sentence)] + [len(sentence)]
    pieces: list[tuple[int, int]] = []
    carry = None  # a piece too short to state a fact opens the next one ("ajoutant :" before a quote)
    for a, b in pairwise(cuts):
        a = carry if carry is not None else a
        carry = None
        if len(_WORD.findall(sentence[a:b])) >= CLAUSE_WORDS:
            pieces.append((a, b))
        elif b < len(sentence):
            carry = a
        elif pieces:
            pieces[-1] = (pieces[-1][0], b)
        else:
            pieces.append((a, b))
    return [(a, sentence[a:b].rstrip(" ,;:")) for a, b in pieces]


def _fact(article: Article, index: int, start: int, end: int, at: int, clause: str) -> _Fact:
    """One clause of a sentence with what conflicts are read from: numbers, acronyms, polarity."""
    core, numbers, acronyms, negated, slots = _reading(clause, article.language)
    return _Fact(article=article.id, sentence=index, start=start, end=end, at=at, text=clause, core=core,
                 numbers=numbers, acronyms=acronyms, negated=negated, language=article.language, slots=slots)


@lru_cache(maxsize=65536)  # a clause that copies repeat is read once
def _reading(clause: str, language: str | None) -> tuple[str, frozenset[str], frozenset[str], bool, tuple[Slot, ...]]:
    """What a fact's clause says in its language: its core, numbers, acronyms, polarity and slots."""
    return (_core(clause), frozenset(conflicts.number_as_written(m.group(0)) for m in _NUMBER.finditer(clause)),
            frozenset(_ACRONYM.findall(clause)), _negated(clause), conflicts.slots(clause, language))


@lru_cache(maxsize=65536)  # each clause's core is read twice: for the fact and for its polarity
def _core(clause: str) -> str:
    """What a clause says, without who said it; the clause itself when little else is left."""
    core = clause
    for frame in _FRAMES:
        core = frame.sub("", core, count=1).strip(_QUOTES + ".,:;")
    return core if len(_WORD.findall(core)) >= CLAUSE_WORDS - 1 else clause


def _negated(clause: str) -> bool:
    """The clause denies, or says that something is not so; a denial denied asserts."""
    # a relative clause tells about someone, not about the fact: "un responsable, qui n'a pas souhaité être cité,"
    clause = _RELATIVE.sub(",", clause)
    core = _core(clause)
    frame = clause.replace(core, " ") if core != clause else ""
    # in the frame only the attribution's own negation counts, not "qui n'a pas souhaité être cité"
    said = bool(_NOT_SAID.search(frame)) != bool(_DENY.search(frame))
    return said != (bool(_NOT.search(core)) != bool(_DENY.search(core)))


def _shared_words(facts: Sequence[_Fact]) -> np.ndarray:
    """Words two facts share, weighted by how few sentences of the story use them (0 to 1, Dice)."""
    import numpy as np

    # the whole clause counts: who said it is part of the claim; "initiative" tells more than "réunion"
    words = [_content_stems(f.text) for f in facts]
    vocabulary = {w: k for k, w in enumerate(sorted(set().union(*words)))}
    present = np.zeros((len(facts), len(vocabulary)), dtype=np.float32)
    for i, ws in enumerate(words):
        present[i, [vocabulary[w] for w in ws]] = 1
    in_sentence = np.zeros((facts[-1].sentence + 1, len(vocabulary)), dtype=bool)
    for f, row in zip(facts, present, strict=True):
        in_sentence[f.sentence] |= row > 0
    idf = np.log(len(in_sentence) / np.maximum(in_sentence.sum(axis=0), 1))
    shared = (present * idf) @ present.T
    mass = shared.diagonal()
    total = mass[:, None] + mass[None, :]
    return np.where(total > 0, 2 * shared / np.where(total > 0, total, 1), 0)


@lru_cache(maxsize=65536)  # copies repeat a fact word for word
def _content_stems(text: str) -> frozenset[str]:
    """The stems of the content words of a fact, folded: what ``_shared_words`` counts."""
    return frozenset(w[:STEM] for w in _CONTENT.findall(fold(text)))


def _group(facts: Sequence[_Fact], cosine: np.ndarray, score: np.ndarray,
           apart: set[tuple[int, int]]) -> list[list[int]]:
    """Facts linked best pair first; two groups merge only when most of their cross pairs are linked."""
    linked = _links(facts, cosine, score) - apart

    def veto(cross: Sequence[tuple[int, int]]) -> bool:
        # one article says one thing once, unless it repeats itself
        return any(p in apart for p in cross) or any(
            facts[x].article == facts[y].article and (x, y) not in linked for x, y in cross)

    groups = merge_linked(len(facts), sorted(linked, key=lambda p: -score[p]), linked, LINK_SHARE, veto)
    return _by_sentence(facts, groups)


def _links(facts: Sequence[_Fact], cosine: np.ndarray, score: np.ndarray) -> set[tuple[int, int]]:
    """Pairs that say the same thing: very close, or close and each the other's best match in its article."""
    import numpy as np

    ids = sorted({f.article for f in facts})
    article = np.array([ids.index(f.article) for f in facts])
    same = article[:, None] == article[None, :]
    # best[i, k]: the closest fact of article k to fact i
    across = np.where(same, -np.inf, score)
    best = np.stack([across[:, article == k].max(axis=1) for k in range(len(ids))], axis=1)
    mutual = (score >= best[:, article]) & (score >= best[:, article].T)
    link = ~same & ((score >= SAME) | ((score >= CLOSE) & mutual))
    # an article that says one thing twice: in nearly the same words, or close and both stating what one
    # fact of another article states ("les Etats-Unis ont informé l'Ukraine au préalable", "Nous avons
    # informé l'Ukraine à l'avance")
    sentence = np.array([f.sentence for f in facts])
    shared = (link.astype(np.float32) @ link.astype(np.float32)) > 0
    repeat = same & (sentence[:, None] != sentence[None, :]) & (
        (cosine >= SAME_ARTICLE) | ((score >= SAME) & shared))
    # in one language, another number is another fact (or a conflict), never the same one
    return {(int(i), int(j)) for i, j in np.argwhere(np.triu(link | repeat, 1))
            if facts[i].language != facts[j].language or not _other_numbers(facts[i], facts[j])}


def _by_sentence(facts: Sequence[_Fact], groups: list[list[int]]) -> list[list[int]]:
    """Facts left alone are one claim per sentence: the sentence is its own single-source claim."""
    alone: dict[int, list[int]] = {}
    kept = []
    for g in groups:
        if len(g) == 1:
            alone.setdefault(facts[g[0]].sentence, []).extend(g)
        else:
            kept.append(sorted(g))
    kept.extend(alone.values())
    return sorted(kept, key=lambda g: min(g))


# -- claims and conflicts ---------------------------------------------------------------------------

def _claim(story: Story, group: list[int], facts: Sequence[_Fact], score: np.ndarray,
           origin_of: dict[str, str], by_id: dict[str, Article]) -> Claim:
    """The claim of a group of facts: their sentences as support, the origins behind them counted."""
    support = [facts[i] for i in group]
    origins = len({origin_of.get(f.article, f.article) for f in support})
    # the sentence closest to all the others stands for the claim, one that states this fact alone if any
    lead = max(group, key=lambda i: (facts[i].text == _sentence(facts[i], by_id).rstrip(" ,;:"),
                                     sum(float(score[i, j]) for j in group if j != i), -i))
    evidence = tuple(dict.fromkeys(Evidence(f.article, _sentence(f, by_id), f.start, f.end) for f in support))
    digest = hashlib.sha1(f"{story.id}:{';'.join(f'{f.article}@{f.at}' for f in support)}".encode())
    return Claim(id="c-" + digest.hexdigest()[:12], story=story.id, text=_sentence(facts[lead], by_id),
                 status="corroborated" if origins >= 2 else "single_source", independent_origins=origins,
                 support=evidence)


def _sentence(fact: _Fact, by_id: dict[str, Article]) -> str:
    """The whole sentence of a fact: its evidence."""
    return by_id[fact.article].text[fact.start:fact.end]


def _conflicts(claims: list[Claim], groups: list[list[int]],
               disagreements: dict[tuple[int, int], Disagreement]) -> list[Claim]:
    """Claims holding two facts that say one thing with another value conflict, both ways, saying what differs;
    or, when the later article revises a count, the two are updates of one another, not a conflict."""
    group_of = {i: k for k, g in enumerate(groups) for i in g}
    against: dict[int, dict[int, Disagreement]] = {}
    for (i, j), what in disagreements.items():
        x, y = group_of[i], group_of[j]
        against.setdefault(x, {})[y] = what
        against.setdefault(y, {})[x] = what.swapped()
    out = []
    for k, claim in enumerate(claims):
        others = against.get(k, {})
        conflicting = {o: w for o, w in others.items() if not w.update}
        updates = tuple(sorted(claims[o].id for o, w in others.items() if w.update))
        if conflicting:
            first = min(conflicting, key=lambda o: claims[o].id)
            claim = replace(claim, status="conflicting", differs=conflicting[first].differs,
                            conflicts_with=tuple(sorted(claims[o].id for o in conflicting)))
        elif updates:
            claim = replace(claim, status="updated")
        out.append(replace(claim, updates=updates) if updates else claim)
    return out


@dataclass(frozen=True, slots=True)
class Disagreement:
    """What two facts disagree on: the slot ("count", "bearing", "negation", "organisation") and the value
    each gives; an ``update`` when the later article revises a count."""

    slot: str
    values: tuple[str, str]
    update: bool = False

    @property
    def differs(self) -> tuple[str, tuple[str, str]]:
        return self.slot, self.values

    def swapped(self) -> Disagreement:
        return replace(self, values=(self.values[1], self.values[0]))


def _disagreeing(facts: Sequence[_Fact], cosine: np.ndarray, score: np.ndarray,
                 by_id: dict[str, Article]) -> dict[tuple[int, int], Disagreement]:
    """Pairs of facts of two articles that say one thing with another value: close facts of one language
    that differ in a number, polarity or organisation (``_differ``), or related facts (``RELATED``) of any
    two languages that give one slot two values (``conflicts.differing``) in words that say the same thing
    around it (``SLOT_CONTEXT``: "16 000 personnes évacuées" is not "42 000 personnes menacées"). A count
    that an article of a later day gives otherwise is an update, not a conflict; without both days, which
    text came later is not known, and the disagreement stays a conflict (even between two versions of one
    wire: the reader is shown both)."""
    import numpy as np

    found: dict[tuple[int, int], Disagreement] = {}
    slotted: list[tuple[int, int, Slot, Slot]] = []
    # only pairs that both give a slot, or close enough to differ otherwise, can disagree: the others are
    # left out before the loop (most pairs of a large story)
    slots = np.array([bool(f.slots) for f in facts])
    may = (slots[:, None] & slots[None, :]) | (score >= CONFLICT)
    for i, j in np.argwhere(np.triu((cosine >= RELATED) & may, 1)):
        a, b = facts[i], facts[j]
        if a.article == b.article:
            continue
        slot = conflicts.differing(a.slots, b.slots)
        if slot is not None:
            slotted.append((int(i), int(j), *slot))
        elif score[i, j] >= CONFLICT and (what := _differ(a, b, by_id)):
            found[(int(i), int(j))] = what
    if slotted:
        windows = embed.encode([_around(facts[k].text, slot) for i, j, x, y in slotted for k, slot in ((i, x), (j, y))])
        for n, (i, j, x, y) in enumerate(slotted):
            if float(windows[2 * n] @ windows[2 * n + 1]) >= SLOT_CONTEXT:
                found[(i, j)] = Disagreement(x.kind, (x.text, y.text),
                                             update=x.kind == "count" and _later(facts[i], facts[j], by_id))
    return found


def _around(text: str, slot: Slot) -> str:
    """The words around a slot in its fact: ``CONTEXT_WORDS`` on each side."""
    before = text[:slot.start].split()[-CONTEXT_WORDS:]
    after = text[slot.start + len(slot.text):].split()[:CONTEXT_WORDS]
    return " ".join([*before, slot.text, *after])


def _later(a: _Fact, b: _Fact, by_id: dict[str, Article]) -> bool:
    """The two articles are dated to different days: the later one's count revises the other's."""
    x, y = by_id[a.article].published, by_id[b.article].published
    return bool(x and y and len(x) == len(y) == 10 and x != y)


def _other_numbers(a: _Fact, b: _Fact) -> bool:
    """Each gives a number the other lacks: another date, count or amount ("le 14" against "le 16")."""
    return bool(a.numbers and b.numbers and not (a.numbers <= b.numbers or b.numbers <= a.numbers))


def _differ(a: _Fact, b: _Fact, by_id: dict[str, Article]) -> Disagreement | None:
    """What two close facts of one language disagree on: a number, polarity or an organisation."""
    # across languages a translation converts units, spells numbers out and drops negations ("148 kg",
    # "327 pounds"; "n'a pas dérogé", "celebrated"): two languages never conflict on their own words
    if a.language != b.language or a.language is None or _overlap(a.core, b.core) < OVERLAP:
        return None  # a detail sets two facts against each other only when the rest is the same
    if _other_numbers(a, b):  # another date, count or amount
        return Disagreement("number", (", ".join(sorted(a.numbers)), ", ".join(sorted(b.numbers))))
    if a.negated != b.negated:  # one denies what the other asserts
        return Disagreement("negation", ("denied" if a.negated else "asserted", "denied" if b.negated else "asserted"))
    # another organisation in the same words: "chef du FSB" against "directeur du SVR"; an acronym the
    # other article names elsewhere is no disagreement
    only_a = {x for x in a.acronyms - b.acronyms if x not in by_id[b.article].text}
    only_b = {x for x in b.acronyms - a.acronyms if x not in by_id[a.article].text}
    if only_a and only_b:
        return Disagreement("organisation", (", ".join(sorted(only_a)), ", ".join(sorted(only_b))))
    return None


def _overlap(a: str, b: str) -> float:
    """Share of the words of two texts that both use (Dice), negations aside."""
    x, y = _stems(a), _stems(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


@lru_cache(maxsize=65536)
def _stems(text: str) -> frozenset[str]:
    """The content words of a text, cut to their stem, negations aside (one fact meets many others)."""
    return frozenset(w[:STEM] for w in _CONTENT.findall(fold(_DENY.sub(" ", _NOT.sub(" ", text)))) if not w.isdigit())
