"""Main-content detection for plain text whose HTML structure is gone.

Scraped text keeps every visible line of a page: menus, share buttons, footers, related links. With
no DOM left (no link density, no tags), this stage decides line by line what belongs to the
article body from what the lines themselves show.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from . import lang
from .text import DATELINE

# Scripts written without spaces count one token per character, so that a Japanese or Chinese
# sentence weighs like a sentence and not like a single long word.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_SENTENCE_END = re.compile(r"[.!?…。！？:;]['\"’”»)\]]*$")
_TRUNCATED = re.compile(r"\w[,;]?\s?(?:\.\.\.|…)\s*$")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DIGIT = re.compile(r"\d")
_BAR = re.compile(r"\s\|\s")
# a numbered item: "1) ", "2. ", "3a etapa", "4 –", the number alone first
_ITEM_NUMBER = re.compile(r"^\W{0,2}(\d{1,3})(?:[.)\]:ºª°-]|[a-z]{1,2}\b|\s[–—-])")
_LIST_ITEMS, _ITEM_GAP = 4, 2
_ITEM_WEIGHT = 1.0  # an item weighs as half a prose word per word
_DATA_WORDS = 6
_WEAK = -3.0  # the scores of lines that are no prose but no furniture either
_TIME = re.compile(r"\b\d{1,2}[:h.]\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b", re.I)

# Page furniture vocabulary (every language file's FURNITURE_WORDS), read as whole words: a short line
# made of these is a button, a menu entry or a footer notice, never a paragraph of the article.
_FURNITURE = lang.union("FURNITURE_WORDS")
# Short "see also" pointers ("Lire aussi", "Read more", "En savoir plus"), whatever follows them.
_POINTER = re.compile(r"^\W*(?:" + lang.alternation(lang.union("SEE_ALSO_POINTERS")) + r")\b", re.I)

# Languages whose jusText stoplists are tried; the one covering most tokens of the page wins.
_LANGS = ("English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch", "Russian",
          "Polish", "Swedish", "Danish", "Norwegian_Bokmal", "Czech", "Romanian", "Turkish",
          "Indonesian", "Ukrainian", "Hungarian", "Finnish", "Greek", "Catalan")

# Used only when jusText's package data cannot be read (it ships with trafilatura, a dependency).
_FALLBACK = {
    "English": "a an and are as at be but by for from had has have he her his i in is it its of on "
               "or our she that the their they this to was we were which who will with would you",
    "French": "à au aux avec ce ces dans de des du elle en est et il ils je la le les leur mais "
              "ne nous on ou par pas pour qu que qui sa se son sont sur un une vous y été a",
}


@lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    """Per-language stopword sets, read from jusText's stoplists when they are installed."""
    out: dict[str, frozenset[str]] = {}
    try:
        root = resources.files("justext") / "stoplists"
        for lang in _LANGS:
            words = (root / f"{lang}.txt").read_text(encoding="utf8").split()
            out[lang] = frozenset(w.lower() for w in words)
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        out = {lang: frozenset(words.split()) for lang, words in _FALLBACK.items()}
    return out


def _stopwords(tokens: Sequence[Sequence[str]]) -> frozenset[str]:
    """The stopword set of the language whose stopwords cover most tokens of the page."""
    lists = _stoplists()
    # each distinct token is looked up once per language, weighed by how often it occurs
    counts = Counter(t for line in tokens for t in line)

    def covered(stop: frozenset[str]) -> int:
        return sum(counts[t] for t in counts.keys() & stop)

    best = max(lists.values(), key=covered)
    # A page in none of the languages (or in a script without spaces) gets no stopwords at all.
    return best if covered(best) >= 0.05 * counts.total() else frozenset()


def _line_score(words: Sequence[str], line: str, stop: frozenset[str], template: bool) -> float:
    """Evidence that one line is article prose (positive: its weight in words) or not (negative)."""
    n = len(words)
    if n == 0:
        return -2.0  # bullets, arrows, "✕"
    sentence = bool(_SENTENCE_END.search(line))
    furniture = sum(w in _FURNITURE for w in words)
    # These are common words of the news too ("share", "terms", "rights"): only a line of a few
    # words, or a short line that is not a sentence, made of them counts as furniture.
    if (furniture and n <= 4) or (furniture >= 2 and n <= 12 and not sentence) or "©" in line:
        return -8.0
    if n <= 12 and _POINTER.search(line):
        return -8.0
    if len(_BAR.findall(line)) >= 2:
        return -8.0  # "Solutions | Partners | Careers": a navigation bar, however long
    if template or (n <= 8 and not sentence and (_TIME.search(line) or _YEAR.search(line))):
        # Bylines, datelines and comment headers ("Name says:", "Nov 19, 2019 at 6:34 am").
        return -6.0
    if _TRUNCATED.search(line):
        # A teaser cut at a fixed length ends in an ellipsis; a paragraph of the body seldom does.
        return -1.0
    if not sentence and n < 20:
        # Headlines, teasers and menu entries do not end like sentences. Sub-headings of the body
        # do not either, but they sit between paragraphs, where the region step keeps them.
        return -1.0
    # Headline Case: a line with half its words capitalised is a title or a teaser, even when it
    # runs into a sentence; prose stays well below that, German nouns included.
    cased = [w for w in line.split()[1:] if w[:1].isalpha()]
    if cased and sum(w[0].isupper() for w in cased) >= 0.5 * len(cased):
        return -1.0
    # Prose is dense in function words; without a stoplist, punctuation has to tell on its own.
    density = sum(w in stop for w in words) / n if stop else (0.3 if sentence else 0.1)
    if n >= 10 and density >= 0.2:
        return float(n)
    if n >= 3 and density >= 0.25 and sentence:
        return n / 2  # a short sentence: prose, but weaker evidence of the body
    return -3.0


def _templates(tokens: Sequence[Sequence[str]]) -> list[bool]:
    """Short lines sharing their last word with at least three others (e.g. "X says:")."""
    lasts = Counter(t[-1] for t in tokens if 0 < len(t) <= 6)
    return [0 < len(t) <= 6 and lasts[t[-1]] >= 4 and not t[-1].isdigit() for t in tokens]


# Region step. A run of non-prose lines between two prose lines costs the sum of its (negative)
# scores, growing by a quarter per extra line so that a long run of short lines (a menu, a list of
# links) separates more than one caption or sub-heading does.
_GAP_GROWTH = 0.25
_SPLIT_COST = 12.0  # a gap costing more splits the page into separate blocks
_FIRST_SHARE = 0.5  # the body is the first block weighing half as much as the heaviest one
_MERGE_SHARE = 1 / 9  # neighbour blocks this heavy, relative to the body, are merged into it ...
_MERGE_COST = 40.0  # ... across a gap costing at most this
_DROP_BELOW = -7.0  # lines scoring below this (furniture) are dropped even inside the body
# a text wrapped at a fixed width: lines of at least this many characters (wire services wrap at 60 to 80; a
# first line after a dateline may be shorter)
_WRAP_WIDTH = 40
_EDGE_WORDS = 12  # longer lines touching the body are taken in (titles, closing pointers)


@dataclass
class _Block:
    """A run of lines from one prose line to another, with the cost of the gap before it."""

    start: int
    end: int
    score: float
    gap_before: float


def _blocks(scores: Sequence[float]) -> list[_Block]:
    """Blocks of prose lines, split wherever the lines between two of them cost too much."""
    blocks: list[_Block] = []
    gap, run = 0.0, 0
    for i, s in enumerate(scores):
        if s <= 0:
            gap, run = gap + s, run + 1
            continue
        cost = -gap * (1 + _GAP_GROWTH * max(0, run - 1))
        if blocks and cost <= _SPLIT_COST and blocks[-1].score + gap > 0:
            blocks[-1].end, blocks[-1].score = i + 1, blocks[-1].score + gap + s
        else:
            blocks.append(_Block(i, i + 1, s, cost if blocks else float("inf")))
        gap, run = 0.0, 0
    return blocks


def _reach(blocks: Sequence[_Block], k: int, step: int, weight: float) -> int:
    """Farthest block from k (by step) reached over thin gaps by neighbours weighing at least weight."""
    # Neighbours count together, so that a stray short sentence between two halves of an interview
    # does not stop the body from growing, while a few small blocks (comments) never pull it on.
    best, total, j = k, 0.0, k
    while 0 <= j + step < len(blocks):
        gap = blocks[j + step].gap_before if step > 0 else blocks[j].gap_before
        if gap > _MERGE_COST:
            break
        j += step
        total += blocks[j].score
        if total >= weight:
            best, total = j, 0.0
    return best


def _best_region(scores: Sequence[float], leads: Sequence[int] = ()) -> tuple[int, int]:
    """Bounds [start, end) of the body: its main block grown over thin gaps to weighty neighbours. ``leads``:
    lines that open an article (a wire's dateline)."""
    blocks = _blocks(scores)
    top = max(b.score for b in blocks)
    # Comments, teaser lists and footers come after the article: among the heavy blocks, the first, unless
    # a later heavy one holds the lead that a dateline opens (teasers came before it)
    heavy = [j for j, b in enumerate(blocks) if b.score >= _FIRST_SHARE * top]
    k = next((j for j in heavy if any(blocks[j].start <= i < blocks[j].end for i in leads)), heavy[0])
    weight = blocks[k].score * _MERGE_SHARE
    return blocks[_reach(blocks, k, -1, weight)].start, blocks[_reach(blocks, k, 1, weight)].end


def _enumerated(lines: Sequence[str], tokens: Sequence[Sequence[str]]) -> list[int]:
    """The items of numbered lists: lines opening with 1, 2, 3… in turn ("1) Lego…", "2a etapa: 8 de abril"),
    at most ``_ITEM_GAP`` lines apart, ``_LIST_ITEMS`` or more of them, each of 3 words or more. A list the
    article numbers is its content (a calendar, a ranking, a recipe), however little it reads like prose."""
    out: list[int] = []
    run: list[int] = []
    last = 0  # the number of the run's last item
    for i, line in enumerate(lines):
        m = _ITEM_NUMBER.match(line)
        if m is None or len(tokens[i]) < 3:
            continue
        number = int(m.group(1))
        if run and number == last + 1 and i - run[-1] <= _ITEM_GAP:
            run.append(i)
        else:
            out += run if len(run) >= _LIST_ITEMS else []
            run = [i] if number == 1 else []
        last = number
    return out + (run if len(run) >= _LIST_ITEMS else [])


def _introduced(lines: Sequence[str], tokens: Sequence[Sequence[str]], scores: Sequence[float]) -> list[int]:
    """The items of a list that a line ending in a colon introduces ("Tour dates:", "What you get:"): the
    lines after it of 3 words or more that are no prose and no furniture, ``_LIST_ITEMS`` or more in a row."""
    out: list[int] = []
    for i, line in enumerate(lines):
        if not line.rstrip().endswith(":") or scores[i] < _WEAK:
            continue
        j = i + 1
        while j < len(lines) and _WEAK <= scores[j] <= 0 and len(tokens[j]) >= 3:
            j += 1
        if j - i - 1 >= _LIST_ITEMS:
            out += range(i, j)
    return out


def _datelines(lines: Sequence[str], tokens: Sequence[Sequence[str]]) -> list[int]:
    """Lines opening with a wire's dateline ("ST. JOSEPH, Mich. (AP) —", "PARIS (AFP) -"): the lead of an article,
    whatever its words score."""
    return [i for i, line in enumerate(lines) if len(tokens[i]) >= _DATA_WORDS and DATELINE.match(line)]


def _scores(lines: Sequence[str]) -> tuple[list[list[str]], list[float], list[int]]:
    """Tokens and prose score of every line of a page, and the lines that open an article (``_datelines``)."""
    tokens = [[w.lower() for w in _TOKEN.findall(line)] for line in lines]
    stop = _stopwords(tokens)
    templ = _templates(tokens)
    scores = [_line_score(t, line, stop, tp) for t, line, tp in zip(tokens, lines, templ, strict=True)]
    # A row of figures that is no prose ("DL Larry Ogunjobi 63 85% 1 tackle"): a table or a list of the
    # body as often as of the page around it; it neither makes nor breaks a region.
    scores = [0.0 if _WEAK <= s < 0 and len(t) >= _DATA_WORDS and _DIGIT.search(line) else s
              for s, t, line in zip(scores, tokens, lines, strict=True)]
    leads = _datelines(lines, tokens)
    for i in _enumerated(lines, tokens) + _introduced(lines, tokens, scores) + leads:
        scores[i] = max(scores[i], _ITEM_WEIGHT * len(tokens[i]))
    # A paragraph printed twice on one page is a gallery caption or a teaser, not the body.
    seen = Counter(" ".join(t) for t in tokens)
    return tokens, [min(s, -1.0) if len(t) >= 5 and seen[" ".join(t)] > 1 else s
                    for s, t in zip(scores, tokens, strict=True)], leads


def _mask(lines: Sequence[str]) -> list[bool]:
    """keep_mask for lines that are all non-blank."""
    tokens, scores, leads = _scores(lines)
    if max(scores) <= 0:
        # No line looks like prose: nothing tells the body from the rest, so keep everything.
        return [True] * len(lines)
    lo, hi = _best_region(scores, leads)
    # Long lines right at the edges of the body (a title with its photo credit, a closing "read
    # more" sentence without a full stop) belong with it; the block step ignores them.
    while lo > 0 and len(tokens[lo - 1]) > _EDGE_WORDS and scores[lo - 1] > _DROP_BELOW:
        lo -= 1
    while hi < len(lines) and len(tokens[hi]) > _EDGE_WORDS and scores[hi] > _DROP_BELOW:
        hi += 1
    # Rows of figures right after the body (tour dates, results) are the body's table or list.
    while hi < len(lines) and scores[hi] == 0.0 and _DIGIT.search(lines[hi]):
        hi += 1
    # Inside the body, buttons, "Advertisement" slots and bylines are still dropped one by one.
    return [lo <= i < hi and scores[i] > _DROP_BELOW for i in range(len(lines))]


def tokens(text: str) -> list[str]:
    """The words of a text, one per character in scripts written without spaces (Japanese, Chinese)."""
    return _TOKEN.findall(text)


def _unwrapped(lines: Sequence[str], full: Sequence[int]) -> list[list[int]]:
    """The non-blank lines grouped into paragraphs: a text wrapped at a fixed width ("fondatore e" /
    "amministratore delegato…") is judged paragraph by paragraph, since its lines alone are short and
    do not end like sentences. A line continues the one before it, with no blank line between, when that
    one is as long as a wrapped line and ends with no sentence's end, and the line opens in lower case (a
    capital after the break is left alone: joining such lines too took teaser lists of HTML pages turned
    into text for prose, bench/extraction.py table b 0.915 -> 0.897)."""
    groups: list[list[int]] = []
    for i in full:
        before, line = lines[i - 1].strip(), lines[i].strip()
        if (groups and groups[-1][-1] == i - 1 and len(before) >= _WRAP_WIDTH and not _SENTENCE_END.search(before)
                and line[:1].islower()):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def keep_mask(lines: Sequence[str]) -> list[bool]:
    """Return, for each line, whether it belongs to the article body."""
    # Blank lines carry no evidence (plain text often separates paragraphs with them): decide on
    # the others, then keep a blank line when the nearest lines on both sides of it are kept.
    full = [i for i, line in enumerate(lines) if line.strip()]
    out: list[bool | None] = [None] * len(lines)
    paragraphs = _unwrapped(lines, full)
    joined = [" ".join(lines[i].strip() for i in paragraph) for paragraph in paragraphs]
    for paragraph, keep in zip(paragraphs, _mask(joined) if joined else [], strict=True):
        for i in paragraph:
            out[i] = keep
    before = [False] * len(lines)
    last = False
    for i, state in enumerate(out):
        if state is not None:
            last = state
        before[i] = last
    after = False
    for i in range(len(lines) - 1, -1, -1):
        if out[i] is None:
            out[i] = before[i] and after
        else:
            after = bool(out[i])
    return [bool(keep) for keep in out]
