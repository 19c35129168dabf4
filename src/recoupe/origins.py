"""Independent origins: which articles of a story are not independent reporting.

Articles that copy or translate one another, or come from one outlet (the same URL host, byline or
"Source :" line, or the same page furniture: read-more and comment-form templates), form one origin.
Two outlets quoting the same statement (a ``partial`` reuse edge) stay two origins: they corroborate.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

from . import lang
from .grouping import disjoint, members
from .records import Article, Origin, ReuseEdge, Story
from .text import fold, read_more_marker

MERGING = ("copy", "translation")
# the outlet a text says it relies on: "a appris l'agence Anadolu", "a déclaré lundi à l'Associated
# Press", "selon le média russe TASS", "told CNN", "according to Reuters", "Source : TRTWorld"
_NAME = r"(?P<name>(?:[A-Z][\w&.-]*|[A-Z]{2,})(?: (?:[A-Z][\w&.-]*))*)"
# strong cues name an outlet or agency; the last two ("selon X") may name any source, a statistics
# office as well as a newspaper, so they never name an origin. How French and English news name their
# source is phrase grammar, kept here
_CUES = [re.compile(p) for p in (
    r"\b(?:l['’]|l’)?agence(?: de presse)? " + _NAME,
    r"\ba appris (?:\w+ )?(?:l['’]agence |le journal |le média |le quotidien )?" + _NAME,
    r"\b(?:déclaré|indiqué|dit|confirmé|expliqué|affirmé|précisé)(?: \w+)? (?:à|au|aux) (?:l['’]|la |le )?"
    + _NAME,
    r"\b[Ss]elon (?:le|la|l['’]|les) (?:média|journal|quotidien|agence|chaîne|site)(?: \w+)? " + _NAME,
    r"\b(?:told|reported by|said to) (?:the )?" + _NAME,
    r"^Sources? ?: " + _NAME,
    r"\b[Ss]elon (?:le |la |l['’])?" + _NAME,
    r"\b(?:according to) (?:the )?" + _NAME,
)]
_STRONG = len(_CUES) - 2
# capitalised words a cue may catch that name no outlet: an article, a pronoun, an honorific, a weekday
_NOT_OUTLETS = frozenset(word.rstrip(".") for word in lang.union("DEFINITE_ARTICLES") | lang.union("HONORIFICS")
                         | lang.union("WEEKDAYS")) | {p for p, n in lang.merged("SUBJECT_PRONOUNS").items() if n == 1}


def cited_sources(article: Article, strong: bool = False) -> list[str]:
    """Outlets and agencies the article names as its sources; with ``strong``, only sure outlets."""
    found: list[str] = []
    texts = [article.text, *article.credits]
    for text in texts:
        for cue in _CUES[:_STRONG] if strong else _CUES:
            for m in cue.finditer(text):
                name = m.group("name").strip(" .")
                if fold(name) not in _NOT_OUTLETS and name not in found:
                    found.append(name)
    return found


def group(story: Story, articles: Sequence[Article], reuse: Sequence[ReuseEdge]) -> tuple[Origin, ...]:
    """The independent origins of a story, each labelled with the outlet or wire behind it."""
    ids = list(story.articles)
    by_id = {a.id: a for a in articles}
    groups = disjoint(ids)
    why: dict[str, list[str]] = {i: [] for i in ids}

    def union(x: str, y: str, reason: str) -> None:
        groups.merge(x, y)
        why[x].append(reason)

    for edge in reuse:
        if edge.kind in MERGING and edge.source in why and edge.target in why:
            union(edge.source, edge.target, f"{edge.target} is a {edge.kind} of {edge.source}")
    for x, y in _pairs(ids):
        a, b = by_id[x], by_id[y]
        if _outlet(a) and _outlet(a) == _outlet(b):
            union(x, y, f"{x} and {y} are both from {a.outlet}")
        elif (shared := _furniture(a) & _furniture(b)) and not _different_outlets(a, b):
            union(x, y, f"{x} and {y} share page furniture ({sorted(shared)[0]})")
    origins = []
    for group_ids in members(groups, ids):
        group_articles = [by_id[i] for i in group_ids]
        reasons = tuple(r for i in group_ids for r in why[i])
        origins.append(Origin(id="o-" + hashlib.sha1("\n".join(sorted(group_ids)).encode()).hexdigest()[:10],
                              label=_label(group_articles, bool(reasons and any("of" in r for r in reasons))),
                              articles=tuple(group_ids), why=reasons))
    return tuple(origins)


def _pairs(ids: Sequence[str]) -> list[tuple[str, str]]:
    return [(x, y) for k, x in enumerate(ids) for y in ids[k + 1:]]


def _outlet(article: Article) -> str:
    return fold(article.outlet or "")


def _different_outlets(a: Article, b: Article) -> bool:
    return bool(_outlet(a) and _outlet(b) and _outlet(a) != _outlet(b))


def _furniture(article: Article) -> set[str]:
    """The templates of a page: its read-more marker ("lire la suite") and its comment-form lines."""
    keys = set()
    for removal in article.removed:
        if removal.reason == "read-more link" and (marker := read_more_marker(removal.text)):
            keys.add("read-more: " + marker)
        elif removal.reason in ("comment section", "comment form"):
            keys.add("comment form: " + fold(removal.text))
    return keys


def _label(articles: Sequence[Article], carried: bool) -> str:
    """A wire carried by copies or translations is named by the source they all cite; else the outlet."""
    if carried:
        counts = Counter(name for a in articles for name in {fold(n): n for n in cited_sources(a, True)}.values())
        common = [name for name, count in counts.most_common() if count == len(articles)]
        if common:
            return common[0]
    outlets = Counter(a.outlet for a in articles if a.outlet)
    return _pretty(outlets.most_common(1)[0][0]) if outlets else "unknown"


def _pretty(outlet: str) -> str:
    """"rt.com" reads "RT", "lemonde.fr" reads "lemonde.fr": a host is shortened only when it is an acronym."""
    host = outlet.split(".")
    return host[0].upper() if len(host) == 2 and len(host[0]) <= 3 else outlet
