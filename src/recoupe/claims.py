"""Claims: the statements of fact of a story, grouped across wording and language, with their support.

Each sentence of a story that states something is a candidate claim. Sentences of different articles
are linked when they say the same thing: close multilingual embeddings (``embed.py``) of the whole
sentence, or of one of its clauses (a sentence often carries two facts: "Peskov confirmed the talks,
adding that they were held at the request of the US"), or moderately close embeddings with several
shared names. Linked sentences form one claim, counted in the story's independent origins. Claims
that say the same thing with different numbers or dates, or one denying what another asserts, conflict.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import embed
from .clean import fold
from .records import Article, Claim, Evidence, Story
from .segment import sentences

MIN_WORDS = 6
SENTENCE = 0.55  # cosine of two sentences that state the same fact
NAMED = 0.50  # ... enough when they also share this many names:
SHARED = 2
CLAUSE = 0.82  # cosine of two clauses (of five words or more) that state the same fact
CLAUSE_WORDS = 5
LINK_SHARE = 0.5  # a group joins another when half their cross pairs are linked (no chaining)
CONFLICT = 0.80  # sentences this close that differ in numbers, dates or negation conflict

_WORD = re.compile(r"\w+")
_NAME = re.compile(r"\b(?:[A-ZÀ-Ý][\w'’-]{2,}|[A-Z]{2,})")
_CLAUSE_CUT = re.compile(r"\s*(?:[;:«»“”\"]|,\s+(?:ajoutant|précisant|soulignant|affirmant|adding|saying|"
                         r"notant|selon|alors que|while|after|avant|après)\b)\s*")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}\b")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_NEGATION = re.compile(r"\b(?:ne|n['’]|pas|jamais|aucun|aucune|démenti|dément|not|never|no|denied|denies)\b",
                       re.IGNORECASE)


@dataclass(slots=True)
class _Sentence:
    article: str
    start: int
    end: int
    text: str
    names: frozenset[str]
    units: list[int]  # rows of the embedding matrix: the sentence, then its clauses


def extract(story: Story, articles: Sequence[Article]) -> list[Claim]:
    """The claims of one story: support per article, independent origins counted, conflicts marked."""
    members = [a for a in articles if a.id in set(story.articles)]
    found, texts = _sentences(members)
    if not found:
        return []
    vectors = embed.encode(texts)
    origin_of = {aid: o.id for o in story.origins for aid in o.articles}
    groups = _group(found, vectors)
    claims = [_claim(story, [found[i] for i in g], origin_of) for g in groups]
    return _conflicts(claims, found, groups, vectors)


def _sentences(articles: Sequence[Article]) -> tuple[list[_Sentence], list[str]]:
    found: list[_Sentence] = []
    texts: list[str] = []
    for article in articles:
        for start, end in sentences(article.text):
            text = article.text[start:end]
            if len(_WORD.findall(text)) < MIN_WORDS or text.rstrip("»”\"' ").endswith("?"):
                continue
            clauses = [c for c in _CLAUSE_CUT.split(text) if len(_WORD.findall(c)) >= CLAUSE_WORDS and c != text]
            rows = list(range(len(texts), len(texts) + 1 + len(clauses)))
            texts.extend([text, *clauses])
            names = frozenset(fold(m.group(0)) for m in _NAME.finditer(text) if m.start() > 0)
            found.append(_Sentence(article.id, start, end, text, names, rows))
    return found, texts


def _linked(a: _Sentence, b: _Sentence, vectors) -> bool:
    cosine = float(vectors[a.units[0]] @ vectors[b.units[0]])
    if cosine >= SENTENCE or (cosine >= NAMED and len(a.names & b.names) >= SHARED):
        return True
    if len(a.units) == 1 and len(b.units) == 1:
        return False
    return float((vectors[a.units] @ vectors[b.units].T).max()) >= CLAUSE


def _group(found: list[_Sentence], vectors) -> list[list[int]]:
    """Sentences of different articles linked best first; groups merge only when mostly linked."""
    scored = []
    apart = set(_disagreeing(found, vectors))  # a conflict is two claims, never one
    for i in range(len(found)):
        for j in range(i + 1, len(found)):
            if found[i].article != found[j].article and (i, j) not in apart and \
                    _linked(found[i], found[j], vectors):
                scored.append((float(vectors[found[i].units[0]] @ vectors[found[j].units[0]]), i, j))
    linked = {(i, j) for _, i, j in scored}
    group = list(range(len(found)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(found))}
    for _, i, j in sorted(scored, reverse=True):
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        cross = [(min(x, y), max(x, y)) for x in members[gi] for y in members[gj]]
        if sum(p in linked for p in cross) < LINK_SHARE * len(cross):
            continue
        for x in members[gj]:
            group[x] = gi
        members[gi].extend(members.pop(gj))
    return sorted((sorted(m) for m in members.values()), key=lambda m: (found[m[0]].article, found[m[0]].start))


def _claim(story: Story, support: list[_Sentence], origin_of: dict[str, str]) -> Claim:
    origins = len({origin_of.get(s.article, s.article) for s in support})
    # the sentence of the article with the most names stands for the claim: the most specific wording
    lead = max(support, key=lambda s: (len(s.names), -s.start))
    digest = hashlib.sha1((f"{story.id}:" + ";".join(f"{s.article}@{s.start}" for s in support)).encode())
    return Claim(id="c-" + digest.hexdigest()[:12], story=story.id, text=lead.text,
                 status="corroborated" if origins >= 2 else "single_source", independent_origins=origins,
                 support=tuple(Evidence(s.article, s.text, s.start, s.end) for s in support))


def _conflicts(claims: list[Claim], found: list[_Sentence], groups: list[list[int]], vectors) -> list[Claim]:
    """Claims holding two nearly identical sentences that differ in numbers, names or negation conflict."""
    from dataclasses import replace

    group_of = {i: k for k, g in enumerate(groups) for i in g}
    against: dict[int, set[int]] = {}
    for i, j in _disagreeing(found, vectors):
        x, y = group_of[i], group_of[j]
        if x != y:
            against.setdefault(x, set()).add(y)
            against.setdefault(y, set()).add(x)
    return [replace(c, status="conflicting", conflicts_with=tuple(sorted(claims[o].id for o in against[k])))
            if k in against else c for k, c in enumerate(claims)]


def _disagreeing(found: list[_Sentence], vectors) -> list[tuple[int, int]]:
    """Pairs of sentences of two articles that say nearly the same thing with a different fact."""
    pairs = []
    for i in range(len(found)):
        for j in range(i + 1, len(found)):
            a, b = found[i], found[j]
            if a.article != b.article and float(vectors[a.units[0]] @ vectors[b.units[0]]) >= CONFLICT \
                    and _differ(a.text, b.text):
                pairs.append((i, j))
    return pairs


def _differ(a: str, b: str) -> bool:
    numbers_a, numbers_b = set(_NUMBER.findall(a)), set(_NUMBER.findall(b))
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return True  # another date, count or amount
    if bool(_NEGATION.search(a)) != bool(_NEGATION.search(b)):
        return True  # one denies what the other asserts
    # the same sentence with another organisation: "chef du FSB" against "directeur du SVR"
    acronyms_a, acronyms_b = set(_ACRONYM.findall(a)), set(_ACRONYM.findall(b))
    return bool(acronyms_a - acronyms_b) and bool(acronyms_b - acronyms_a)
