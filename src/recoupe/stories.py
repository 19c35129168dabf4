"""Stories: which articles tell the same story, in any mix of languages, without comparing every pair.

The method (docs/stories.md says why and what it gets wrong) is average-linkage agglomerative clustering
(UPGMA) over a calibrated pair score, restricted to a sparse neighbour graph:

- each article is one multilingual sentence embedding of its first ``EMBED_CHARS`` characters (``embed.py``);
- candidate neighbours are its ``NEIGHBOURS`` nearest articles by cosine (faiss: exact search on a small
  corpus, an HNSW graph on a large one): sub-quadratic candidate generation; among them, republications
  are the pairs that share most of the shorter text's word shingles;
- the score of a pair is the log-odds that it tells the same story, a logistic model of four features
  calibrated on annotated pairs (``bench/calibrate_stories.py``): the cosine; whether the two articles are
  in different languages (translations sit further apart than same-language texts); whether their leads
  name weekdays two or more days apart (the event signature: "mis en examen mercredi" is not "arrêté
  samedi", whoever the people are); whether their own dates lie more than ``MAX_DAYS_APART`` days apart;
- two groups merge, best first, while the average log-odds over all their cross pairs is positive. Every
  term is linear in per-article features, so the average over all cross pairs is computed exactly from
  per-group sums (vector sum, language and date counts), never from the pairs themselves. The event
  signature is the group's: the weekday most of its leads name, which its articles whose lead names none
  are taken to share (half of a story's leads name no day);
- republications (``COPY_CONTAINMENT`` of the shorter text's shingles in the other) and the stories of an
  earlier run (``known``) start as groups: a republication is the same story whatever its date, and a
  story is never split by the articles added after it.
"""
from __future__ import annotations

import hashlib
import heapq
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import accumulate, combinations
from typing import TYPE_CHECKING

from . import embed
from .dates import weekday_words
from .grouping import disjoint, members
from .records import Article, Story
from .text import fold, sentences

if TYPE_CHECKING:
    import numpy as np

EMBED_CHARS = 1000  # an article is the embedding of its beginning: title, lead and the first paragraphs
NEIGHBOURS = 20  # nearest articles each article is linked to: groups compare only when linked
EXACT_SEARCH = 5000  # up to this many articles, neighbours are searched exactly; above, in an HNSW graph
BLOCK = 512  # rows of the exact search's matrix product at a time
LEAD_SENTENCES = 2  # sentences whose weekdays date the event an article reports
SHINGLE = 5  # words per shingle: long enough that two articles share them only by copying
COPY_CONTAINMENT = 0.3  # share of the shorter text's shingles found in the other from which it is a copy
MAX_DAYS_APART = 7  # dated articles further apart tell different stories, unless one copies the other
# The pair score: log-odds that two articles tell the same story. Fitted by bench/calibrate_stories.py
# (balanced logistic regression on the 4,753 article pairs of the development corpus, 8 languages, hard
# negatives included; docs/stories.md gives the fit and its cross-validation).
INTERCEPT = -4.82
PER_COSINE = 8.99
PER_CROSS_LANGUAGE = 0.82  # a translation's cosine is lower than a same-language rewrite's
PER_DAYS_APART = -2.06  # the leads name weekdays two or more days apart: two events
# Not fitted (the corpus dates too few pairs a week apart): a prior strong enough that a group dated a week
# from another never joins it, as a running story's articles dated day after day still do
PER_WEEK_APART = -8.0

_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class _Features:
    article: Article
    vector: np.ndarray
    weekdays: frozenset[int]  # weekdays its lead names
    day: int | None  # ordinal day of its own publication date, when known to the day
    month: int | None  # year * 12 + month, when at least the month is known


def cluster(articles: Sequence[Article], known: Sequence[Sequence[str]] = ()) -> list[Story]:
    """Group articles into stories; every article belongs to exactly one story. ``known`` gives groups of
    article ids already told as one story (an earlier run's stories): they stay together, and a new article
    joins one of them or starts a story of its own."""
    if not articles:
        return []
    import numpy as np

    features = _features(articles)
    edges = neighbours(np.vstack([f.vector for f in features]))
    start = disjoint(range(len(articles)))
    for i, j in _republications(copies(articles, edges)):
        start.merge(i, j)
    index = {a.id: i for i, a in enumerate(articles)}
    for group in known:
        found = [index[a] for a in group if a in index]
        for i in found[1:]:
            start.merge(found[0], i)
    groups = _average_linkage(features, members(start, range(len(articles))), edges)
    return sorted((_story(features, g) for g in groups), key=lambda s: index[s.articles[0]])


def story_id(article_ids: Iterable[str]) -> str:
    """A stable id for a story, from the ids of its articles."""
    return "s-" + hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()[:10]


FEATURES = ("cosine", "cross_language", "days_apart", "week_apart")


def pair_features(articles: Sequence[Article], pairs: Iterable[tuple[int, int]]) -> list[tuple[float, ...]]:
    """The features of the pair score (``FEATURES``) for pairs of ``articles`` by index, as the calibration
    reads them (bench/calibrate_stories.py)."""
    features = _features(articles)
    return [(float(a.vector @ b.vector), float(a.article.language != b.article.language),
             float(_days_apart(a.weekdays, b.weekdays)), float(_far(a, b)))
            for a, b in ((features[i], features[j]) for i, j in pairs)]


def vectors(articles: Sequence[Article]) -> np.ndarray:
    """One unit vector per article: the embedding of its first ``EMBED_CHARS`` characters."""
    import numpy as np

    matrix = embed.encode([a.text[:EMBED_CHARS] for a in articles]).astype(np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


# -- features ---------------------------------------------------------------------------------------

def _features(articles: Sequence[Article]) -> list[_Features]:
    matrix = vectors(articles)
    return [_Features(a, matrix[i], _lead_weekdays(a.text), *_when(a.published)) for i, a in enumerate(articles)]


@lru_cache(maxsize=1)
def _weekday_pattern() -> re.Pattern[str]:
    from .lang import alternation

    return re.compile(rf"(?<!\w)({alternation(weekday_words())})\w*", re.IGNORECASE)


def _lead_weekdays(text: str) -> frozenset[int]:
    """The weekdays (0 = Monday) that the lead's first sentences name: when the reported event happened."""
    lead = " ".join(text[s:e] for s, e in sentences(text)[:LEAD_SENTENCES])
    words = weekday_words()
    return frozenset(words[m.group(1).lower()] for m in _weekday_pattern().finditer(lead))


def _when(published: str | None) -> tuple[int | None, int | None]:
    if not published:
        return None, None
    year, month = int(published[:4]), int(published[5:7])
    day = date(year, month, int(published[8:10])).toordinal() if len(published) == 10 else None
    return day, year * 12 + month


def _days_apart(a: frozenset[int], b: frozenset[int]) -> bool:
    """Both leads name weekdays, and the closest two are two days apart or more (on the week's circle)."""
    return bool(a and b) and min(min((x - y) % 7, (y - x) % 7) for x in a for y in b) >= 2


def _far(a: _Features, b: _Features) -> bool:
    """Dated too far apart to be one event: more than a week, or more than a month at month precision."""
    if a.day is not None and b.day is not None:
        return abs(a.day - b.day) > MAX_DAYS_APART
    return a.month is not None and b.month is not None and abs(a.month - b.month) > 1


# -- candidates -------------------------------------------------------------------------------------

def copies(articles: Sequence[Article], pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Of the candidate ``pairs`` (the neighbour graph: a republication is among its source's nearest texts),
    those where one text republishes a good part of the other: at least ``COPY_CONTAINMENT`` of the shorter
    text's word shingles are in the longer one. Containment, not Jaccard, because a republication is often an
    excerpt of the wire (Broder 1997, "resemblance and containment"). Each article's shingles are kept as a
    sorted array of their hashes (8 bytes a shingle), and a pair is checked by intersecting two arrays."""
    import numpy as np

    kept: dict[int, np.ndarray] = {}

    def shingles(i: int) -> np.ndarray:
        if i not in kept:
            own = _shingles(articles[i].text)
            kept[i] = np.unique(np.fromiter(own, dtype=np.int64, count=len(own)))
        return kept[i]

    found = []
    for i, j in pairs:
        a, b = shingles(i), shingles(j)
        if len(np.intersect1d(a, b, assume_unique=True)) >= COPY_CONTAINMENT * min(len(a), len(b)):
            found.append((min(i, j), max(i, j)))
    return sorted(set(found))


def _republications(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The copy pairs that start a group. A text copying two texts that copy neither each other is a
    compilation (a digest, a live page): its copies do not glue those stories together, the score decides."""
    partners: dict[int, set[int]] = {}
    for i, j in pairs:
        partners.setdefault(i, set()).add(j)
        partners.setdefault(j, set()).add(i)
    linked = set(pairs)
    compilations = {i for i, theirs in partners.items()
                    if any(pair not in linked for pair in combinations(sorted(theirs), 2))}
    return [(i, j) for i, j in pairs if i not in compilations and j not in compilations]


def _shingles(text: str) -> set[int]:
    """The hashes of the text's shingles (runs of ``SHINGLE`` words, or all its words when fewer). Python's hash
    of a tuple of words: stable within this process, which is all the comparison needs, and cheaper than
    hashing the words joined (which, words holding no space, tell the same shingles apart)."""
    words = _WORD.findall(fold(text))
    return {hash(tuple(words[k:k + SHINGLE])) for k in range(max(1, len(words) - SHINGLE + 1))}


def neighbours(matrix: np.ndarray, k: int = NEIGHBOURS) -> list[tuple[int, int]]:
    """Pairs (i < j) where row j of ``matrix`` (unit vectors) is among the ``k`` nearest rows of i by cosine, or
    i among j's: exactly (numpy, a block of rows at a time) up to ``EXACT_SEARCH`` rows, in an HNSW graph (faiss)
    above."""
    import numpy as np

    matrix = np.ascontiguousarray(matrix, dtype=np.float32)
    n = len(matrix)
    k = min(k, n - 1)
    if k < 1:
        return []
    if n <= EXACT_SEARCH:
        nearest = np.vstack([np.argpartition(-(matrix[b:b + BLOCK] @ matrix.T), k, axis=1)[:, :k + 1]
                             for b in range(0, n, BLOCK)])
    else:
        import faiss

        index = faiss.IndexHNSWFlat(matrix.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efSearch = 2 * k
        index.add(matrix)
        nearest = index.search(matrix, k + 1)[1]
    rows = np.repeat(np.arange(n, dtype=np.int64), nearest.shape[1])
    cols = nearest.astype(np.int64).ravel()
    keep = (cols >= 0) & (cols != rows)
    low, high = np.minimum(rows, cols)[keep], np.maximum(rows, cols)[keep]
    pairs = np.unique(low * n + high)  # one number a pair: sorted and without repeats in one pass
    return list(zip((pairs // n).tolist(), (pairs % n).tolist(), strict=True))


# -- clustering -------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Group:
    """What the average score of a group against another needs, summed over its articles."""

    members: list[int]
    vector: np.ndarray
    languages: Counter[str] = field(default_factory=Counter)
    weekdays: Counter[int] = field(default_factory=Counter)  # how many leads name each weekday
    days: Counter[int] = field(default_factory=Counter)  # articles dated to the day
    months: Counter[int] = field(default_factory=Counter)  # articles dated to the month only
    day_months: Counter[int] = field(default_factory=Counter)  # the months of the articles dated to the day
    event_days: frozenset[int] | None = None  # ``signature()``, once read
    sorted_dates: dict[str, tuple[list[int], list[int]]] = field(default_factory=dict)  # ``dates()``, once read

    @classmethod
    def of(cls, features: Sequence[_Features], ids: list[int]) -> _Group:
        group = cls(ids, sum((features[i].vector for i in ids[1:]), features[ids[0]].vector.copy()))
        for i in ids:
            f = features[i]
            group.languages[f.article.language or ""] += 1
            group.weekdays.update(f.weekdays)
            if f.day is not None:
                group.days[f.day] += 1
                group.day_months[f.month or 0] += 1
            elif f.month is not None:
                group.months[f.month] += 1
        return group

    def merged(self, other: _Group) -> _Group:
        return _Group(self.members + other.members, self.vector + other.vector, self.languages + other.languages,
                      self.weekdays + other.weekdays, self.days + other.days, self.months + other.months,
                      self.day_months + other.day_months)

    def signature(self) -> frozenset[int]:
        """The weekdays named by the most leads of the group: the day of the event it reports, which every
        article of the group is taken to report, its lead naming no weekday or another one."""
        if self.event_days is None:
            most = max(self.weekdays.values(), default=0)
            self.event_days = frozenset(day for day, n in self.weekdays.items() if n == most)
        return self.event_days

    def dates(self, kind: str) -> tuple[list[int], list[int]]:
        """The group's dates of one ``kind`` (``days``, ``months``, ``day_months``) in order, with the running
        count of articles up to each: what ``_count`` bisects."""
        if kind not in self.sorted_dates:
            counts: Counter[int] = getattr(self, kind)
            values = sorted(counts)
            self.sorted_dates[kind] = values, list(accumulate(counts[v] for v in values))
        return self.sorted_dates[kind]

    def score(self, other: _Group) -> float:
        """The average, over every pair of one article here and one there, of the pair's log-odds; or, when
        the text and language terms alone are not above zero, their sum: the date terms could only lower it,
        and a score not above zero merges nothing (most linked pairs of a large corpus end here)."""
        pairs = len(self.members) * len(other.members)
        same_language = sum(n * other.languages[lang] for lang, n in self.languages.items())
        text = (INTERCEPT + PER_COSINE * float(self.vector @ other.vector) / pairs
                + PER_CROSS_LANGUAGE * (1 - same_language / pairs))
        if text <= 0:
            return text
        days_apart = pairs * _days_apart(self.signature(), other.signature())
        far = _count(self.dates("days"), other.dates("days"), MAX_DAYS_APART)
        if self.months:  # most articles are dated to the day: no month-only dates on either side
            far += (_count(self.dates("months"), other.dates("months"), 1)
                    + _count(self.dates("months"), other.dates("day_months"), 1))
        if other.months:
            far += _count(self.dates("day_months"), other.dates("months"), 1)
        return text + PER_DAYS_APART * days_apart / pairs + PER_WEEK_APART * far / pairs


def _count(a: tuple[list[int], list[int]], b: tuple[list[int], list[int]], gap: int) -> int:
    """Pairs of one date of ``a`` and one of ``b`` (each sorted, with running counts: ``_Group.dates``) more
    than ``gap`` apart: all pairs but those within ``gap``, counted by bisection over the longer list for
    each value of the shorter (a large story has hundreds of dates)."""
    if len(a[0]) > len(b[0]):
        a, b = b, a
    (mine, my_running), (values, running) = a, b
    if not mine or not values:
        return 0
    total, out = running[-1], 0
    for x, before, upto in zip(mine, [0, *my_running[:-1]], my_running, strict=True):
        low, high = bisect_left(values, x - gap), bisect_right(values, x + gap)
        within = (running[high - 1] if high else 0) - (running[low - 1] if low else 0)
        out += (upto - before) * (total - within)
    return out


def _average_linkage(features: Sequence[_Features], start: list[list[int]],
                     edges: Iterable[tuple[int, int]]) -> list[_Group]:
    """Average linkage over the neighbour graph: the two linked groups of highest average score merge, until
    no linked pair scores above zero. Written here because scipy's and scikit-learn's average linkage need
    the dense matrix of all pairs (quadratic in memory), and no library averages a score from group sums."""
    groups = {g: _Group.of(features, ids) for g, ids in enumerate(start)}
    owner = {i: g for g, ids in enumerate(start) for i in ids}
    linked: dict[int, set[int]] = {g: set() for g in groups}
    for i, j in edges:
        if owner[i] != owner[j]:
            linked[owner[i]].add(owner[j])
            linked[owner[j]].add(owner[i])
    heap: list[tuple[float, int, int]] = []

    def offer(a: int, b: int) -> None:
        score = groups[a].score(groups[b])
        if score > 0:
            heapq.heappush(heap, (-score, min(a, b), max(a, b)))

    for a, others in linked.items():
        for b in others:
            if a < b:
                offer(a, b)
    fresh = len(start)
    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in groups or b not in groups:
            continue  # one of them has merged since: its score was for a group that no longer exists
        new, fresh = fresh, fresh + 1
        groups[new] = groups.pop(a).merged(groups.pop(b))
        linked[new] = (linked.pop(a) | linked.pop(b)) - {a, b}
        for other in linked[new]:
            linked[other] -= {a, b}
            linked[other].add(new)
            offer(new, other)
    return list(groups.values())


def _story(features: Sequence[_Features], group: _Group) -> Story:
    ids, total = sorted(group.members), group.vector
    # the title of the article closest to all the others stands for the story
    central = max(ids, key=lambda i: float(features[i].vector @ (total - features[i].vector)))
    articles = [features[i].article.id for i in ids]
    return Story(id=story_id(articles), title=features[central].article.title, articles=tuple(articles))
