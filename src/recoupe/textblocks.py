"""Main-content detection for plain text whose HTML structure is gone.

Scraped text keeps every visible line of a page: menus, share buttons, footers, related links. With
no DOM left (no link density, no tags), this stage decides line by line what belongs to the
article body from what the lines themselves show.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

# Scripts written without spaces count one token per character, so that a Japanese or Chinese
# sentence weighs like a sentence and not like a single long word.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_SENTENCE_END = re.compile(r"[.!?…。！？:;]['\"’”»)\]]*$")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_TIME = re.compile(r"\b\d{1,2}[:h.]\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b", re.I)

# Page furniture vocabulary (English and French), read as whole words: a short line made of these
# is a button, a menu entry or a footer notice, never a paragraph of the article.
_FURNITURE = frozenset("""
share shares tweet email print comment comments reply replies subscribe subscription newsletter
login log sign signin register menu search home cookie cookies privacy policy terms copyright
rights reserved advertisement advertising ad ads sponsored related popular trending recommended
follow facebook twitter instagram linkedin youtube pinterest whatsapp rss contact sitemap
partager partagez commenter commentaire commentaires répondre abonnez abonner abonnement connexion
inscription rechercher recherche accueil confidentialité mentions légales droits réservés publicité
suivez lire aussi voir plus articles
""".split())

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
    flat = [t for line in tokens for t in line]
    best = max(lists.values(), key=lambda s: sum(t in s for t in flat))
    # A page in none of the languages (or in a script without spaces) gets no stopwords at all.
    return best if sum(t in best for t in flat) >= 0.05 * len(flat) else frozenset()


def _line_score(words: Sequence[str], line: str, stop: frozenset[str], template: bool) -> float:
    """Evidence that one line is article prose (positive) or page furniture (negative)."""
    n = len(words)
    if n == 0:
        return -2.0
    sentence = bool(_SENTENCE_END.search(line))
    furniture = sum(w in _FURNITURE for w in words)
    if (furniture >= 2 and n <= 12) or (furniture and n <= 4) or "©" in line:
        return -8.0
    if template or (n <= 8 and not sentence and (_TIME.search(line) or _YEAR.search(line))):
        # Bylines and comment headers ("Name says:", "Nov 19, 2019 at 6:34 am").
        return -6.0
    # Without a stoplist, punctuation and length have to tell prose on their own.
    density = sum(w in stop for w in words) / n if stop else (0.3 if sentence else 0.1)
    if not sentence and n < 20:
        # Headlines, teasers and menu entries do not end like sentences; in the body such lines
        # (sub-headings) sit between paragraphs, and the region step keeps them there.
        return -1.0
    # Headline Case: a line with half its words capitalised is a title or a teaser, even when it
    # runs into a sentence; prose stays well below, German nouns included.
    cased = [w for w in line.split()[1:] if w[:1].isalpha()]
    caps = sum(w[0].isupper() for w in cased) / len(cased) if cased else 0.0
    if caps >= 0.5:
        return -1.0
    if n >= 10 and density >= 0.2:
        return float(n)
    if n >= 6 and density >= 0.25 and sentence:
        return float(n) / 2
    return -3.0


def _templates(tokens: Sequence[Sequence[str]]) -> list[bool]:
    """Short lines sharing their last word with at least three others (e.g. "X says:")."""
    lasts = Counter(t[-1] for t in tokens if 0 < len(t) <= 6)
    return [0 < len(t) <= 6 and lasts[t[-1]] >= 4 and not t[-1].isdigit() for t in tokens]


_GAP = float(__import__("os").environ.get("TB_GAP", "12"))
_GROW = float(__import__("os").environ.get("TB_GROW", "0.25"))


_MERGE = float(__import__("os").environ.get("TB_MERGE", "9"))
_FIRST = float(__import__("os").environ.get("TB_FIRST", "0.5"))
_LIN = float(__import__("os").environ.get("TB_LIN", "0"))
_MGAP = float(__import__("os").environ.get("TB_MGAP", "40"))


def _segments(scores: Sequence[float]) -> list[tuple[int, int, float, float]]:
    """Blocks of prose lines split at thick gaps: (start, end, score, cost of the gap before)."""
    segs: list[tuple[int, int, float, float]] = []
    cur, lo, hi, gap, glen = 0.0, -1, -1, 0.0, 0
    for i, s in enumerate(scores):
        if s <= 0:
            gap, glen = gap + s, glen + 1
            continue
        cost = -gap * (1 + _GROW * max(0, glen - 1))
        if lo < 0 or cost > _GAP or cur + gap <= 0:
            if lo >= 0:
                segs.append((lo, hi, cur, 0.0))
            cur, lo = 0.0, i
            segs.append((-1, -1, 0.0, cost if _LIN == 0 else -gap))  # marker: gap before the next block
            gap = 0.0
        cur += gap + s
        hi = i + 1
        gap, glen = 0.0, 0
    if lo >= 0:
        segs.append((lo, hi, cur, 0.0))
    # Fold the gap markers into the blocks that follow them.
    out: list[tuple[int, int, float, float]] = []
    pending = 0.0
    for seg in segs:
        if seg[0] < 0:
            pending = seg[3]
        else:
            out.append((seg[0], seg[1], seg[2], pending if out else float("inf")))
    return out


def _best_region(scores: Sequence[float]) -> tuple[int, int]:
    """Bounds [start, end) of the main block, grown over thin gaps to blocks of comparable weight."""
    segs = _segments(scores)
    top = max(seg[2] for seg in segs)
    k = next(j for j, seg in enumerate(segs) if seg[2] >= _FIRST * top)
    lo, hi, best = segs[k][0], segs[k][1], segs[k][2]
    a = b = k
    while True:
        grown = False
        if b + 1 < len(segs) and segs[b + 1][2] * _MERGE >= best and segs[b + 1][3] <= _MGAP:
            b += 1
            hi = segs[b][1]
            grown = True
        if a > 0 and segs[a - 1][2] * _MERGE >= best and segs[a][3] <= _MGAP:
            a -= 1
            lo = segs[a][0]
            grown = True
        if not grown:
            return lo, hi


def keep_mask(lines: Sequence[str]) -> list[bool]:
    """Return, for each line, whether it belongs to the article body."""
    if not lines:
        return []
    tokens = [[w.lower() for w in _TOKEN.findall(line)] for line in lines]
    stop = _stopwords(tokens)
    templ = _templates(tokens)
    scores = [_line_score(t, line, stop, tp) for t, line, tp in zip(tokens, lines, templ)]
    if max(scores) <= 0:
        # No line looks like prose: nothing tells the body from the rest, so keep everything.
        return [True] * len(lines)
    lo, hi = _best_region(scores)
    return [lo <= i < hi for i in range(len(lines))]


def _debug_scores(lines: Sequence[str]) -> list[float]:
    """Per-line scores (development aid)."""
    tokens = [[w.lower() for w in _TOKEN.findall(line)] for line in lines]
    stop = _stopwords(tokens)
    templ = _templates(tokens)
    return [_line_score(t, line, stop, tp) for t, line, tp in zip(tokens, lines, templ)]
