"""Text reuse: which article copies or translates which, passage by passage, and in which direction.

Within a story, every pair of articles is aligned sentence by sentence: multilingual embeddings find
translated and paraphrased sentences, rapidfuzz tells a word-for-word copy from a translation. A pair
that shares most of its sentences is a ``copy`` or a ``translation``; one that shares a few (the same
statement quoted by two outlets) is a ``partial`` reuse, which corroborates rather than copies.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from . import embed
from .records import Article, Passage, ReuseEdge, ReuseKind, Story
from .text import fold, sentences

if TYPE_CHECKING:
    import numpy as np

SAME_LANGUAGE = 0.80  # cosine of two sentences of one language that say the same thing
CROSS_LANGUAGE = 0.65  # ... of a sentence and its translation (embeddings of two languages sit further apart:
# on newstest2014 fr-en, a sentence and its translation score 0.79 in the median, 0.66 at the 10th percentile)
PARTIAL_CROSS_LANGUAGE = 0.75  # a few sentences of two languages, not a whole translation, must be this close
MIN_WORDS = 5  # shorter sentences ("Il a dit non.") match by chance
COPY_RATIO = 90  # rapidfuzz ratio of two sentences copied word for word (typography aside)
WHOLE = 0.5  # share of the shorter article's sentences aligned for a copy or a translation
MAX_PAIRS = 5000  # pairs aligned per story at most: a huge story is aligned on its first pairs only

_WORDS = re.compile(r"\w+")


@dataclass(slots=True)
class _Sentences:
    spans: list[tuple[int, int]]
    vectors: np.ndarray


def align(articles: Sequence[Article], stories: Sequence[Story]) -> list[ReuseEdge]:
    """Reuse edges between the articles of each story, directed from the earlier or cited text."""
    by_id = {a.id: a for a in articles}
    multi = [s for s in stories if len(s.articles) > 1]
    cut = _sentences([by_id[i] for s in multi for i in s.articles])
    edges = []
    for story in multi:
        pairs = list(combinations(story.articles, 2))[:MAX_PAIRS]
        for a, b in pairs:
            edge = _edge(by_id[a], by_id[b], cut)
            if edge is not None:
                edges.append(edge)
    return edges


def _sentences(articles: Sequence[Article]) -> dict[str, _Sentences]:
    spans = {a.id: [(s, e) for s, e in sentences(a.text) if len(_WORDS.findall(a.text[s:e])) >= MIN_WORDS]
             for a in articles}
    texts = [a.text[s:e] for a in articles for s, e in spans[a.id]]
    vectors = embed.encode(texts)
    out, row = {}, 0
    for a in articles:
        n = len(spans[a.id])
        out[a.id] = _Sentences(spans[a.id], vectors[row:row + n])
        row += n
    return out


def _edge(a: Article, b: Article, cut: Mapping[str, _Sentences]) -> ReuseEdge | None:
    sa, sb = cut[a.id], cut[b.id]
    if not sa.spans or not sb.spans:
        return None
    from rapidfuzz import fuzz

    same_language = a.language == b.language
    threshold = SAME_LANGUAGE if same_language else CROSS_LANGUAGE
    similarity = sa.vectors @ sb.vectors.T
    passages: list[Passage] = []
    used_b: set[int] = set()
    # greedy one-to-one alignment, best pairs first
    order = sorted(((float(similarity[i, j]), i, j) for i, j in zip(*(similarity >= threshold).nonzero(), strict=True)),
                   reverse=True)
    used_a: set[int] = set()
    copied = 0
    for score, i, j in order:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        (s1, e1), (s2, e2) = sa.spans[i], sb.spans[j]
        text_a, text_b = a.text[s1:e1], b.text[s2:e2]
        copied += same_language and fuzz.ratio(fold(text_a), fold(text_b)) >= COPY_RATIO
        passages.append(Passage(text_a, text_b, s1, s2, round(score, 3)))
    if not passages:
        return None
    coverage = len(passages) / min(len(sa.spans), len(sb.spans))
    if coverage >= WHOLE:
        kind: ReuseKind = "copy" if copied >= WHOLE * len(passages) else "translation"
    else:
        kind = "partial"
        if not same_language:  # a translated statement, not sentences that merely say alike
            passages = [p for p in passages if p.score >= PARTIAL_CROSS_LANGUAGE]
            if not passages:
                return None
    passages.sort(key=lambda p: p.source_start)
    source, target, directed, why = _direction(a, b)
    if source is b:
        passages = [Passage(p.target, p.source, p.target_start, p.source_start, p.score) for p in passages]
        passages.sort(key=lambda p: p.source_start)
    return ReuseEdge(source=source.id, target=target.id, kind=kind, score=round(coverage, 3),
                     passages=tuple(passages), directed=directed, why=why)


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
