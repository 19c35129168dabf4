"""Text reuse: which article copies or translates which, passage by passage, and in which direction.

Within a story, every pair of articles is aligned sentence by sentence: multilingual embeddings find
translated and paraphrased sentences, rapidfuzz tells a word-for-word copy from a translation. A pair
that shares most of its sentences is a ``copy`` or a ``translation``; one that shares a few is a ``partial``
reuse. A pair whose every aligned passage is a quotation in both texts (with at most its attribution around
it) is a ``quote``: two outlets quoting one official carry the same words without copying each other, so a
quote corroborates, merges no origins and is not counted as reuse. Not when the attribution clause is copied
word for word too, nor when the texts' other sentences run parallel just under the threshold (a translation
of the whole text whose quotation alone was aligned).
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import TYPE_CHECKING

from . import embed
from .records import Article, Passage, ReuseEdge, ReuseKind, Story
from .text import fold, sentences

if TYPE_CHECKING:
    import numpy as np

SAME_LANGUAGE = 0.80  # cosine of two sentences of one language that say the same thing
CROSS_LANGUAGE = 0.75  # ... of a sentence and its translation (embeddings of two languages sit further apart)
MIN_WORDS = 5  # shorter sentences ("Il a dit non.") match by chance
COPY_RATIO = 90  # rapidfuzz ratio of two sentences copied word for word (typography aside)
WHOLE = 0.5  # share of the shorter article's sentences aligned for a copy or a translation
MAX_PAIRS = 5000  # pairs aligned per story at most: a huge story is aligned on its first pairs only
QUOTED = 1 / 3  # share of an aligned passage inside quotation marks, in each text, that makes it a statement
PARALLEL = 0.10  # a sentence pair this far under the threshold still runs parallel (a rewrite, a loose translation)
MIN_PARALLEL = 2  # ... and this many such pairs besides the aligned passages show more than a quotation is shared
ATTRIBUTION_WORDS = 10  # an attribution clause this long, word for word in two texts, was copied ("a déclaré X" is not)

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
    if _shared_quotation(a, b, passages) and not _parallel(similarity, used_a, used_b, threshold - PARALLEL):
        kind: ReuseKind = "quote"
    elif coverage >= WHOLE:
        kind = "copy" if copied >= WHOLE * len(passages) else "translation"
    else:
        kind = "partial"
    passages.sort(key=lambda p: p.source_start)
    source, target, directed, why = _direction(a, b)
    if source is b:
        passages = [Passage(p.target, p.source, p.target_start, p.source_start, p.score) for p in passages]
        passages.sort(key=lambda p: p.source_start)
    return ReuseEdge(source=source.id, target=target.id, kind=kind, score=round(coverage, 3),
                     passages=tuple(passages), directed=directed, why=why)


# -- quotations: a shared quotation is not a copied text -----------------------------------------------
def _shared_quotation(a: Article, b: Article, passages: Sequence[Passage]) -> bool:
    """Every aligned passage is a statement both texts quote: mostly inside quotation marks, or a quotation with
    its attribution ("…", a écrit X sur Telegram), in each text. Two outlets quoting one official share those
    words and nothing else; a copy shares its narrative sentences too, and in one language the words around the
    quotation as well (the same attribution clause, copied with the same rendering of the quotation)."""
    quoted_a, quoted_b = _quoted_spans(a.text), _quoted_spans(b.text)
    for p in passages:
        span_a = (p.source_start, p.source_start + len(p.source))
        span_b = (p.target_start, p.target_start + len(p.target))
        if _inside(*span_a, quoted_a) < QUOTED * len(p.source) or _inside(*span_b, quoted_b) < QUOTED * len(p.target):
            return False
        if a.language == b.language and _copied(_outside(a.text, *span_a, quoted_a),
                                                _outside(b.text, *span_b, quoted_b)):
            return False
    return True


def _copied(x: str, y: str) -> bool:
    """Two attribution clauses of one language written word for word alike (typography aside), each of
    ATTRIBUTION_WORDS words or more: a short one ("a déclaré la ministre") is how anyone writes it."""
    from rapidfuzz import fuzz

    return (len(_WORDS.findall(x)) >= ATTRIBUTION_WORDS and len(_WORDS.findall(y)) >= ATTRIBUTION_WORDS
            and fuzz.ratio(fold(x), fold(y)) >= COPY_RATIO)


def _parallel(similarity: np.ndarray, used_a: set[int], used_b: set[int], floor: float) -> bool:
    """Whether at least MIN_PARALLEL more sentence pairs, one to one and outside the aligned passages, come close
    to the threshold (``floor``): the two texts run parallel beyond the quotation (a translation of the whole
    text whose other sentences the embeddings place just under the threshold), so it is not only quoted."""
    free_a = [i for i in range(similarity.shape[0]) if i not in used_a]
    free_b = [j for j in range(similarity.shape[1]) if j not in used_b]
    if len(free_a) < MIN_PARALLEL or len(free_b) < MIN_PARALLEL:
        return False
    rest = similarity[free_a][:, free_b]
    close = sorted(((float(rest[i, j]), i, j) for i, j in zip(*(rest >= floor).nonzero(), strict=True)), reverse=True)
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    for _, i, j in close:
        if i not in taken_a and j not in taken_b:
            taken_a.add(i)
            taken_b.add(j)
    return len(taken_a) >= MIN_PARALLEL


@lru_cache(maxsize=4096)
def _quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(_quoted(text))


# double marks, whichever way a language turns them: « » and ‹ › (French, also reversed »…« in German),
# “ ” (English; „…“ in German), „ (always opens), straight quotes. Single curly marks ‘ ’ open and close only
# around words, since ’ is an apostrophe between letters (l’agence) and after a plural (soldiers’).
_OPEN_DEFAULT, _CLOSE_DEFAULT = "«‹“„", "»›”"
_SINGLE_OPEN, _SINGLE_CLOSE = "‘‚", "’"
_MARKS = frozenset(_OPEN_DEFAULT + _CLOSE_DEFAULT + _SINGLE_OPEN + _SINGLE_CLOSE + '"')
_OPENING_PUNCTUATION = "([{—–-/:'’‘"
_CLOSING_PUNCTUATION = ".,;:!?)]}…—–-"


def _quoted(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` inside quotation marks, marks included: the outermost quotation of each line,
    its marks paired by position (a mark before a word opens, one after a word closes) and, where the
    position says nothing (« spaced »), by shape; a quotation never closed runs to the end of its line."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        a, b = line.span()
        stack: list[tuple[int, bool]] = []  # (where it opened, whether with a single mark)
        for i in range(a, b):
            ch = text[i]
            if ch not in _MARKS:
                continue
            before = text[i - 1] if i > a else " "
            after = text[i + 1] if i + 1 < b else " "
            opens = ((before.isspace() or before in _OPENING_PUNCTUATION) and not after.isspace()
                     and after not in _CLOSING_PUNCTUATION)
            closes = not before.isspace() and (after.isspace() or after in _CLOSING_PUNCTUATION)
            if ch in _SINGLE_OPEN + _SINGLE_CLOSE:
                if ch in _SINGLE_OPEN and opens:
                    stack.append((i, True))
                elif ch in _SINGLE_CLOSE and closes and stack and stack[-1][1] and not after.isalnum():
                    _pop(stack, spans, i + 1)
                continue
            if ch == '"':
                opening = opens if opens != closes else not stack
            elif opens != closes:
                opening = opens
            else:
                opening = ch in _OPEN_DEFAULT
            if opening:
                stack.append((i, False))
            elif stack:
                while stack and stack[-1][1]:  # a single mark left open inside a double quotation
                    stack.pop()
                if stack:
                    _pop(stack, spans, i + 1)
        if stack:
            spans.append((stack[0][0], b))
    return spans


def _pop(stack: list[tuple[int, bool]], spans: list[tuple[int, int]], end: int) -> None:
    opened, _ = stack.pop()
    if not stack:  # a quotation inside another is part of it
        spans.append((opened, end))


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> int:
    """How many characters of [start, end) lie inside the spans."""
    return sum(max(0, min(end, b) - max(start, a)) for a, b in spans)


def _outside(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """The words of text[start:end] outside the spans (a quotation's attribution), joined by spaces."""
    pieces, at = [], start
    for a, b in spans:
        if b <= at or a >= end:
            continue
        pieces.append(text[at:max(at, a)])
        at = max(at, b)
    pieces.append(text[at:end])
    return " ".join(piece.strip() for piece in pieces if piece.strip())


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
