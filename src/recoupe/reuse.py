"""Text reuse: which article copies or translates which, passage by passage, and in which direction.

Pairs are aligned sentence by sentence: every pair within a story, and across stories each article with
its nearest neighbours (the candidates of story clustering), so that a clustering error does not hide a
copy. Multilingual embeddings find translated and paraphrased sentences; within one language, word
trigram containment finds lightly edited copies too (Ferret's measure: Lyon, Malcolm & Dickerson 2001;
the METER corpus of newspaper reuse, Clough et al. 2002); across languages, sentences are aligned in
order (a translation keeps its source's order: Vecalign, Thompson & Koehn 2019), which lets a loose
translation count sentence pairs that one cosine threshold would miss.

A pair that shares most of its sentences is a ``copy`` or a ``translation``; one that shares a few is a
``partial`` reuse, which corroborates rather than copies; one that shares only a sentence or two that lie
inside quotation marks is a ``quote``: the same statement quoted by two outlets, not a copied text.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, islice
from typing import TYPE_CHECKING

from . import embed
from .records import Article, Passage, ReuseEdge, ReuseKind, Story
from .text import fold, sentences

if TYPE_CHECKING:
    import numpy as np

SAME_LANGUAGE = 0.80  # cosine of two sentences of one language that say the same thing
CONTAINMENT = 0.4  # share of the shorter sentence's word trigrams found in the other: an edited copy, when
# the two also say alike (cosine IN_ORDER or more: a short sentence's few trigrams recur in unrelated ones)
CROSS_LANGUAGE = 0.65  # ... of a sentence and its translation (embeddings of two languages sit further apart:
# on newstest2014 fr-en, a sentence and its translation score 0.79 in the median, 0.66 at the 10th percentile)
IN_ORDER = 0.60  # a sentence pair this close counts when it keeps the order of others (IN_ORDER_PASSAGES at least)
PARTIAL_CROSS_LANGUAGE = 0.75  # a few sentences of two languages, not a whole translation (or one sentence,
# all of a short text), must be this close,
IN_ORDER_PASSAGES = 3  # ... unless this many of them follow each other in order: a translated passage
MIN_WORDS = 5  # shorter sentences ("Il a dit non.") match by chance
COPY_RATIO = 90  # rapidfuzz ratio of two sentences copied word for word (typography aside)
WHOLE = 0.5  # share of the shorter article's sentences aligned for a copy or a translation
QUOTED = 0.5  # share of a passage inside quotation marks (on either side) for it to be a quotation
QUOTE_SENTENCES = 2  # a statement quoted by two outlets shares a sentence or two of it; longer identical runs
# are one rendering of it (a wire's translation or transcript) passed on: reuse
FRAMING_WORDS = 8  # the words around a quotation, when more than a verb and a name ("a écrit X sur Telegram")
# and alike in both texts (CONTAINMENT), were copied with it: the passage is reuse, not a shared quotation
MAX_PAIRS = 5000  # pairs aligned per story at most: a huge story is aligned on its first pairs only
CROSS_STORY_NEIGHBOURS = 5  # across stories, each article is aligned with this many nearest articles

_WORDS = re.compile(r"\w+")


@dataclass(slots=True)
class _Sentences:
    spans: list[tuple[int, int]]
    vectors: np.ndarray
    trigrams: list[set[tuple[str, ...]]]
    quoted: list[tuple[int, int]]


def align(articles: Sequence[Article], stories: Sequence[Story]) -> list[ReuseEdge]:
    """Reuse edges between the articles of each story and between neighbours across stories, directed from
    the earlier or cited text."""
    by_id = {a.id: a for a in articles}
    pairs = candidate_pairs(articles, stories)
    cut = _sentences([by_id[i] for i in dict.fromkeys(i for pair in pairs for i in pair)])
    edges = []
    for a, b in pairs:
        edge = _edge(by_id[a], by_id[b], cut)
        if edge is not None:
            edges.append(edge)
    return edges


def candidate_pairs(articles: Sequence[Article], stories: Sequence[Story]) -> list[tuple[str, str]]:
    """Every pair within a story (``MAX_PAIRS`` at most each), then nearest neighbours of two stories."""
    pairs = [pair for s in stories for pair in islice(combinations(s.articles, 2), MAX_PAIRS)]
    if len(articles) > 1:
        from .stories import neighbours, vectors

        story_of = {a: s.id for s in stories for a in s.articles}
        ids = [a.id for a in articles]
        for i, j in neighbours(vectors(articles), k=CROSS_STORY_NEIGHBOURS):
            if story_of.get(ids[i]) != story_of.get(ids[j]):
                pairs.append((ids[i], ids[j]))
    return list(dict.fromkeys(pairs))


def _sentences(articles: Sequence[Article]) -> dict[str, _Sentences]:
    from .quotes import quotations

    spans = {a.id: [(s, e) for s, e in sentences(a.text) if len(_WORDS.findall(a.text[s:e])) >= MIN_WORDS]
             for a in articles}
    texts = [a.text[s:e] for a in articles for s, e in spans[a.id]]
    vectors = embed.encode(texts)
    out, row = {}, 0
    for a in articles:
        n = len(spans[a.id])
        trigrams = [_trigrams(a.text[s:e]) for s, e in spans[a.id]]
        out[a.id] = _Sentences(spans[a.id], vectors[row:row + n], trigrams, quotations(a.text))
        row += n
    return out


@lru_cache(maxsize=16384)
def _folded(sentence: str) -> str:
    """``fold`` of a sentence, remembered: its trigrams and every copy test of a pair that aligns it read it."""
    return fold(sentence)


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = _WORDS.findall(_folded(text))
    return {tuple(words[k:k + 3]) for k in range(len(words) - 2)}


def _edge(a: Article, b: Article, cut: Mapping[str, _Sentences]) -> ReuseEdge | None:
    sa, sb = cut[a.id], cut[b.id]
    if not sa.spans or not sb.spans:
        return None
    same_language = a.language == b.language
    similarity = sa.vectors @ sb.vectors.T
    shorter = min(len(sa.spans), len(sb.spans))
    in_order = False  # a run of sentences translated in order: kept whatever their cosine
    if same_language:
        matched = _one_to_one(similarity, _close_in_one_language(similarity, sa, sb))
    else:
        matched = _one_to_one(similarity, list(zip(*(similarity >= CROSS_LANGUAGE).nonzero(), strict=True)))
        chain = _in_order(similarity)
        if len(chain) >= max(IN_ORDER_PASSAGES, len(matched) + 1):
            matched, in_order = chain, True
    if not matched:
        return None
    passages = [Passage(a.text[slice(*sa.spans[i])], b.text[slice(*sb.spans[j])], sa.spans[i][0], sb.spans[j][0],
                        round(score, 3)) for score, i, j in matched]
    coverage = len(passages) / shorter
    kind: ReuseKind
    if coverage >= WHOLE and (same_language or len(passages) > 1 or passages[0].score >= PARTIAL_CROSS_LANGUAGE):
        kind = "copy" if same_language and _copied(passages) else "translation"
    else:
        kind = "partial"
        if not same_language and not in_order:  # a translated statement, not sentences that merely say alike
            passages = [p for p in passages if p.score >= PARTIAL_CROSS_LANGUAGE]
            if not passages:
                return None
        if len(passages) <= QUOTE_SENTENCES and all(_quotation(p, sa, sb) for p in passages):
            kind = "quote"
    passages.sort(key=lambda p: p.source_start)
    source, target, directed, why = _direction(a, b)
    if source is b:
        passages = [Passage(p.target, p.source, p.target_start, p.source_start, p.score) for p in passages]
        passages.sort(key=lambda p: p.source_start)
    return ReuseEdge(source=source.id, target=target.id, kind=kind, score=round(coverage, 3),
                     passages=tuple(passages), directed=directed, why=why)


def _close_in_one_language(similarity: np.ndarray, sa: _Sentences, sb: _Sentences) -> list[tuple[int, int]]:
    """Sentence pairs of one language that say the same thing (cosine) or share most of their wording."""
    close = set(zip(*(similarity >= SAME_LANGUAGE).nonzero(), strict=True))
    for i, j in zip(*(similarity >= IN_ORDER).nonzero(), strict=True):
        x, y = sa.trigrams[i], sb.trigrams[j]
        if x and y and len(x & y) >= CONTAINMENT * min(len(x), len(y)):
            close.add((i, j))
    return list(close)


def _one_to_one(similarity: np.ndarray, pairs: Sequence[tuple[int, int]]) -> list[tuple[float, int, int]]:
    """Greedy one-to-one alignment of the given sentence pairs, best cosine first."""
    used_a: set[int] = set()
    used_b: set[int] = set()
    out = []
    for score, i, j in sorted(((float(similarity[i, j]), int(i), int(j)) for i, j in pairs), reverse=True):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            out.append((score, i, j))
    return out


def _in_order(similarity: np.ndarray) -> list[tuple[float, int, int]]:
    """The longest chain of sentence pairs at ``IN_ORDER`` or closer that keeps the order of both texts
    (the heaviest among equally long ones): how much of one text runs through the other as a translation."""
    points = sorted((int(i), int(j)) for i, j in zip(*(similarity >= IN_ORDER).nonzero(), strict=True))
    best: list[tuple[int, float, int]] = []  # per point: chain length, total score, previous point
    for k, (i, j) in enumerate(points):
        here = (1, float(similarity[i, j]), -1)
        for m in range(k):
            length, total, _ = best[m]
            if points[m][0] < i and points[m][1] < j and (length + 1, total) > here[:2]:
                here = (length + 1, total + float(similarity[i, j]), m)
        best.append(here)
    if not best:
        return []
    k = max(range(len(best)), key=lambda n: best[n][:2])
    chain = []
    while k >= 0:
        i, j = points[k]
        chain.append((float(similarity[i, j]), i, j))
        k = best[k][2]
    return chain[::-1]


def _copied(passages: Sequence[Passage]) -> bool:
    """Most aligned sentences are word for word the same (typography aside): a copy, not a rewrite."""
    from rapidfuzz import fuzz

    same = sum(fuzz.ratio(_folded(p.source), _folded(p.target)) >= COPY_RATIO for p in passages)
    return same >= WHOLE * len(passages)


def _quotation(passage: Passage, sa: _Sentences, sb: _Sentences) -> bool:
    """The passage is a quotation both texts carry: mostly inside quotation marks (on either side), with
    no copied framing around it."""
    (inside_a, around_a), (inside_b, around_b) = (_split_quoted(passage.source, passage.source_start, sa),
                                                  _split_quoted(passage.target, passage.target_start, sb))
    if inside_a < QUOTED * len(passage.source) and inside_b < QUOTED * len(passage.target):
        return False
    x, y = _trigrams(around_a), _trigrams(around_b)
    framing = min(len(_WORDS.findall(around_a)), len(_WORDS.findall(around_b))) >= FRAMING_WORDS
    return not (framing and len(x & y) >= CONTAINMENT * min(len(x), len(y)))


def _split_quoted(text: str, start: int, cut: _Sentences) -> tuple[int, str]:
    """How many characters of a passage lie inside quotation marks of its article, and the words outside."""
    end = start + len(text)
    inside = [(max(a, start) - start, min(b, end) - start) for a, b in cut.quoted if a < end and b > start]
    around, last = [], 0
    for a, b in inside:
        around.append(text[last:a])
        last = b
    around.append(text[last:])
    return sum(b - a for a, b in inside), " ".join(around)


def _direction(a: Article, b: Article) -> tuple[Article, Article, bool, str]:
    """Earlier publication first; failing dates, the article whose outlet the other one cites."""
    if a.published and b.published and len(a.published) == len(b.published) and a.published != b.published:
        first, second = (a, b) if a.published < b.published else (b, a)
        return first, second, True, f"published {first.published}, before {second.published}"
    from .origins import cited_sources

    for first, second in ((a, b), (b, a)):
        outlet = fold(first.outlet or "")
        if outlet and any(fold(name) == outlet for name in cited_sources(second)):
            return first, second, True, f"{second.id} cites {first.outlet}"
    return a, b, False, "direction unknown"
