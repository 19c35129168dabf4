"""The brief of a story: a few sentences, the most corroborated first, every one citing its articles.

The brief is extractive: each sentence is a claim's own sentence, so that nothing is said that an
article does not say. Points backed by a single origin are introduced as such ("Only RT reports"),
and conflicts as conflicts, in the language most of the story's articles are written in.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from . import lang
from .records import Article, Brief, BriefSentence, Claim, Story
from .text import fold

MOST = 8
LEAST = 4
CORROBORATED = 5  # at most this many corroborated points, to leave room for the others
SINGLE = 2  # single-source points said as such
SIMILAR = 80  # rapidfuzz token-set ratio from which two points say the same thing

_PHRASES: dict[str, dict[str, str]] = {code: lang.get(code).BRIEF_PHRASES for code in lang.LANGUAGES}


def write(story: Story, claims: Sequence[Claim], articles: Sequence[Article]) -> Brief:
    """The brief of one story, 4 to 8 sentences when the claims allow, each with its citations."""
    phrases = _PHRASES.get(_language(story, articles), _PHRASES["en"])
    label_of = {aid: origin.label for origin in story.origins for aid in origin.articles}
    by_id = {c.id: c for c in claims}
    chosen: list[BriefSentence] = []
    said: list[str] = []

    def add(text: str, claim: Claim, cites: Sequence[str]) -> None:
        chosen.append(BriefSentence(text=text, cites=tuple(dict.fromkeys(cites)), claim=claim.id))
        said.append(fold(claim.text))

    ranked = sorted(claims, key=_rank)
    for claim in [c for c in ranked if c.status == "corroborated"]:
        if len(chosen) >= CORROBORATED:
            break
        if not _repeats(claim, said):
            add(claim.text, claim, [e.article for e in claim.support])
    for claim in [c for c in ranked if c.status == "conflicting"]:
        other = next((by_id[i] for i in claim.conflicts_with if i in by_id), None)
        if other is None or len(chosen) >= MOST or _repeats(claim, said) or fold(other.text) in said:
            continue
        a, b = claim.support[0], other.support[0]
        text = phrases["disagree"].format(a=a.text, la=label_of.get(a.article, a.article), b=b.text,
                                          lb=label_of.get(b.article, b.article))
        add(text, claim, [e.article for e in claim.support + other.support])
        said.append(fold(other.text))
    single = 0
    for claim in [c for c in ranked if c.status == "single_source"]:
        if len(chosen) >= MOST or (single >= SINGLE and len(chosen) >= LEAST):
            break
        if _repeats(claim, said):
            continue
        first = claim.support[0]
        add(phrases["only"].format(label=label_of.get(first.article, first.article), text=claim.text), claim,
            [e.article for e in claim.support])
        single += 1
    return Brief(story=story.id, sentences=tuple(chosen))


def _rank(claim: Claim) -> tuple[int, int, int, int]:
    """More origins first, then more articles, then longer (more informative) points, then earlier ones."""
    first = claim.support[0] if claim.support else None
    return (-claim.independent_origins, -len({e.article for e in claim.support}), -min(len(claim.text), 300),
            first.start if first else 0)


def _repeats(claim: Claim, said: Sequence[str]) -> bool:
    from rapidfuzz import fuzz

    text = fold(claim.text)
    return any(fuzz.token_set_ratio(text, other) >= SIMILAR for other in said)


def _language(story: Story, articles: Sequence[Article]) -> str:
    members = set(story.articles)
    counts = Counter(a.language for a in articles if a.id in members and a.language)
    return counts.most_common(1)[0][0] if counts else "en"
