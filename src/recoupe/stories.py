"""Stories: which articles tell the same story, in any mix of languages, without comparing every pair.

Candidate pairs come from MinHash LSH over word shingles (near copies, datasketch) and from shared
rare names (an inverted index over the capitalised words and numbers of each article, which read the
same in French and English); articles with too few names to block on are compared by embedding.
Each candidate pair is then scored with multilingual sentence embeddings (see ``embed.py``), shared
names and dates, and the accepted pairs are clustered.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from . import embed
from .grouping import merge_linked
from .records import Article, Story
from .text import fold, sentences

if TYPE_CHECKING:
    import numpy as np
    from datasketch import MinHash

SHINGLE = 5  # words per shingle: long enough that two articles share them only by copying
NUM_PERM = 64
LSH_THRESHOLD = 0.3
COPY_JACCARD = 0.3  # estimated shingle Jaccard from which two texts are copies of one another
SENTENCES = 4  # leading sentences (after the title) whose embeddings make an article's vector
RARE_SHARE = 0.02  # a name in more than this share of the corpus (and > RARE_MIN articles) blocks nothing
RARE_MIN = 25
FEW_NAMES = 3  # articles with fewer rare names are compared with every article by embedding
POOR_BLOCK = 256  # such articles compared at once (a block x corpus matrix of cosines)
STRONG_COSINE = 0.80  # same story on meaning alone
COSINE = 0.65  # same story when the articles also share names ...
SHARED_NAMES = 2  # ... at least this many rare ones
MAX_DAYS_APART = 7  # dated articles further apart tell different stories, unless one copies the other
LINK_SHARE = 0.3  # two groups merge when this share of their cross pairs are accepted

_WORD = re.compile(r"\w+")
_NAME = re.compile(r"[A-ZÀ-ÝĀ-ſА-Я][\w'’-]{2,}|\b\d{2,}(?:[.,]\d+)?\b")


@dataclass(slots=True)
class _Features:
    article: Article
    minhash: MinHash
    names: frozenset[str]
    vector: np.ndarray
    day: int | None  # ordinal day of the article's own publication date, when known to the day
    month: int | None  # year * 12 + month, when at least the month is known


def cluster(articles: Sequence[Article], known: Sequence[Sequence[str]] = ()) -> list[Story]:
    """Group articles into stories; every article belongs to exactly one story. ``known`` gives groups of
    article ids already told as one story (an earlier run's stories): they stay together, and a new article
    joins one of them or starts a story of its own."""
    if not articles:
        return []
    features = _features(articles)
    accepted: set[tuple[int, int]] = set()
    scored: list[tuple[float, int, int]] = []
    for i, j in _candidates(features):
        score = _pair_score(features[i], features[j])
        if score is not None:
            accepted.add((i, j))
            scored.append((score, i, j))
    index = {f.article.id: i for i, f in enumerate(features)}
    start = [[index[a] for a in group if a in index] for group in known]
    groups = _link(len(features), sorted(scored, reverse=True), accepted, [g for g in start if len(g) > 1])
    return [_story([features[i].article for i in members], features, members, accepted)
            for members in groups]


def story_id(article_ids: Iterable[str]) -> str:
    """A stable id for a story, from the ids of its articles."""
    return "s-" + hashlib.sha1("\n".join(sorted(article_ids)).encode()).hexdigest()[:10]


# -- features ---------------------------------------------------------------------------------------

def _features(articles: Sequence[Article]) -> list[_Features]:
    from datasketch import MinHash

    texts: list[str] = []
    owners: list[int] = []
    for index, article in enumerate(articles):
        lead = [article.text[s:e] for s, e in sentences(article.text)[:SENTENCES]]
        for text in ([article.headline] if article.headline else []) + lead:
            texts.append(text)
            owners.append(index)
    vectors = embed.encode(texts)
    import numpy as np

    sums = np.zeros((len(articles), embed.DIM), dtype=np.float32)
    np.add.at(sums, owners, vectors)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    sums /= np.where(norms == 0, 1, norms)
    out = []
    for index, article in enumerate(articles):
        words = _WORD.findall(fold(article.text))
        minhash = MinHash(num_perm=NUM_PERM, seed=1)
        minhash.update_batch([" ".join(words[k:k + SHINGLE]).encode() for k in range(max(1, len(words) - SHINGLE + 1))])
        day, month = _when(article.published)
        out.append(_Features(article, minhash, _names(article), sums[index], day, month))
    return out


def _names(article: Article) -> frozenset[str]:
    """Capitalised words inside sentences, and numbers: what two articles on one event share in any language."""
    found: set[str] = set()
    for start, end in sentences(article.text):
        sentence = article.text[start:end]
        for m in _NAME.finditer(sentence):
            if m.start() > 0:  # the first word of a sentence is capitalised whatever it is
                found.add(fold(m.group(0)))
    return frozenset(found)


def _when(published: str | None) -> tuple[int | None, int | None]:
    if not published:
        return None, None
    from datetime import date

    year, month = int(published[:4]), int(published[5:7])
    day = date(year, month, int(published[8:10])).toordinal() if len(published) == 10 else None
    return day, year * 12 + month


# -- candidate pairs --------------------------------------------------------------------------------

def _candidates(features: Sequence[_Features]) -> set[tuple[int, int]]:
    """Pairs worth scoring: near copies (LSH), shared rare names, and name-poor articles by embedding."""
    from datasketch import MinHashLSH

    pairs: set[tuple[int, int]] = set()
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for index, f in enumerate(features):
        for other in lsh.query(f.minhash):
            pairs.add((int(other), index))
        lsh.insert(str(index), f.minhash)
    rare = _rare_names(features)
    postings: dict[str, list[int]] = defaultdict(list)
    for index, f in enumerate(features):
        for name in f.names & rare:
            postings[name].append(index)
    for members in postings.values():
        pairs.update(combinations(members, 2) if len(members) <= RARE_MIN else _near_in_time(members, features))
    poor = [i for i, f in enumerate(features) if len(f.names & rare) < FEW_NAMES]
    if poor:
        import numpy as np

        matrix = np.vstack([f.vector for f in features])
        for k in range(0, len(poor), POOR_BLOCK):  # one matrix product per block: BLAS, not a loop of dot products
            block = poor[k:k + POOR_BLOCK]
            for row, j in zip(*np.nonzero(matrix[block] @ matrix.T >= COSINE), strict=True):
                i = block[row]
                if j != i:
                    pairs.add((min(i, int(j)), max(i, int(j))))
    return pairs


def _near_in_time(members: list[int], features: Sequence[_Features]) -> Iterable[tuple[int, int]]:
    """Pairs of the dated articles of a name not so rare, close enough in time to be one story.

    All pairs of a name in 2% of a large corpus would grow with the square of the corpus (a name in 1,000
    of 50,000 articles gives half a million pairs); the pairs close in time are the only ones the score can
    accept (copies, whatever their dates, come from LSH)."""
    window = MAX_DAYS_APART + 31  # a date known to the month spans up to 31 days
    dated = sorted((day, i) for i in members if (day := _day(features[i])) is not None)
    for k, (day, i) in enumerate(dated):
        for other_day, j in dated[k + 1:]:
            if other_day - day > window:
                break
            yield min(i, j), max(i, j)


def _day(f: _Features) -> float | None:
    """The article's day as an ordinal; a month-precise date counts as the middle of its month."""
    if f.day is not None:
        return f.day
    if f.month is not None:
        from datetime import date

        year, month = divmod(f.month - 1, 12)
        return date(year, month + 1, 15).toordinal()
    return None


def _rare_names(features: Sequence[_Features]) -> set[str]:
    df = Counter(name for f in features for name in f.names)
    cap = max(RARE_MIN, int(RARE_SHARE * len(features)))
    return {name for name, count in df.items() if count <= cap}


def _pair_score(a: _Features, b: _Features) -> float | None:
    """The pair's similarity when it tells the same story, None when it does not."""
    jaccard = a.minhash.jaccard(b.minhash)
    if jaccard >= COPY_JACCARD:
        return 1.0 + jaccard  # a copy is the same story whatever its date (republications)
    if _apart(a, b):
        return None
    cosine = float(a.vector @ b.vector)
    shared = len(a.names & b.names)
    if cosine >= STRONG_COSINE or (cosine >= COSINE and shared >= SHARED_NAMES):
        return cosine
    return None


def _apart(a: _Features, b: _Features) -> bool:
    """Dated too far apart to be one event: time matters, not only names."""
    if a.day is not None and b.day is not None:
        return abs(a.day - b.day) > MAX_DAYS_APART
    if a.month is not None and b.month is not None:
        return abs(a.month - b.month) > 1
    return False


# -- clustering -------------------------------------------------------------------------------------

def _link(n: int, scored: Sequence[tuple[float, int, int]], accepted: set[tuple[int, int]],
          start: Sequence[Sequence[int]]) -> list[list[int]]:
    """Merge groups best pair first, when enough of their cross pairs are accepted (no chaining)."""
    groups = merge_linked(n, ((i, j) for _, i, j in scored), accepted, LINK_SHARE, start=start)
    return sorted((sorted(m) for m in groups), key=lambda m: m[0])


def _story(articles: list[Article], features: Sequence[_Features], members: list[int],
           accepted: set[tuple[int, int]]) -> Story:
    # the title of the article most linked to the others stands for the story
    def centrality(i: int) -> float:
        return sum(float(features[i].vector @ features[j].vector) for j in members if j != i)

    central = features[max(members, key=centrality)].article
    return Story(id=story_id(a.id for a in articles), title=central.title, articles=tuple(a.id for a in articles))
