"""The brief of a story: a few sentences, the most corroborated first, every one citing its articles.

The brief is extractive: each sentence is a claim's own sentence, so that nothing is said that an
article does not say. Points backed by a single origin are introduced as such ("Only RT reports"),
and conflicts as conflicts. Every brief of an analysis is written in one language (``language``:
the one most of the analysis's articles are written in, or the one asked for); a point is said with a
sentence written in that language when one of its articles has it, else the sentence is quoted as
written, its language named: nothing is translated. A point is attributed to its origin's label, else
to its article's outlet, else to "an unnamed outlet" (docs/brief.md).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from . import lang
from .errors import LanguageError
from .records import Article, Brief, BriefSentence, Claim, Evidence, Story
from .text import fold

MOST = 8
LEAST = 4
CORROBORATED = 5  # at most this many corroborated points, to leave room for the others
SINGLE = 2  # single-source points said as such
SIMILAR = 80  # rapidfuzz token-set ratio from which two points say the same thing
DEFAULT = "en"  # the brief's language when no article is in a language of ``lang.LANGUAGES``

_PHRASES: dict[str, dict[str, str]] = {code: lang.get(code).BRIEF_PHRASES for code in lang.LANGUAGES}


def supported(code: str) -> str:
    """``code`` as a brief language ("FR" is "fr"); a LanguageError naming the languages there are when it is
    none of them."""
    clean = code.strip().lower()
    if clean not in _PHRASES:
        raise LanguageError(f"a brief cannot be written in {code!r}: the languages are {', '.join(lang.LANGUAGES)} "
                            "(one file each in recoupe/lang/)")
    return clean


def language(articles: Sequence[Article]) -> str:
    """The language the briefs of an analysis are written in: the one most of ``articles`` are written in,
    among the languages a brief can be written in (the earlier in ``lang.LANGUAGES`` on a tie)."""
    counts = Counter(a.language for a in articles if a.language in _PHRASES)
    if not counts:
        return DEFAULT
    return max(counts, key=lambda code: (counts[code], -lang.LANGUAGES.index(code)))


def write(story: Story, claims: Sequence[Claim], articles: Sequence[Article], language: str) -> Brief:
    """The brief of one story in ``language`` (a code of ``lang.LANGUAGES``), 4 to 8 sentences when the
    claims allow, each with its citations."""
    say = _Saying(language, story, articles)
    by_id = {c.id: c for c in claims}
    chosen: list[BriefSentence] = []
    said: list[str] = []

    def add(text: str, claim: Claim, cites: Sequence[str]) -> None:
        chosen.append(BriefSentence(text=text, cites=tuple(dict.fromkeys(cites)), claim=claim.id))
        said.append(fold(claim.text))

    ranked = sorted((c for c in claims if c.support), key=_rank)
    for claim in [c for c in ranked if c.status == "corroborated"]:
        if len(chosen) >= CORROBORATED:
            break
        if not _repeats(claim, said):
            add(say.point(claim), claim, [e.article for e in claim.support])
    for claim in [c for c in ranked if c.status == "conflicting"]:
        other = next((by_id[i] for i in claim.conflicts_with if i in by_id and by_id[i].support), None)
        if other is None or len(chosen) >= MOST or _repeats(claim, said) or fold(other.text) in said:
            continue
        add(say.conflict(claim, other), claim, [e.article for e in claim.support + other.support])
        said.append(fold(other.text))
    single = 0
    for claim in [c for c in ranked if c.status == "single_source"]:
        if len(chosen) >= MOST or (single >= SINGLE and len(chosen) >= LEAST):
            break
        if _repeats(claim, said):
            continue
        add(say.only(claim), claim, [e.article for e in claim.support])
        single += 1
    return Brief(story=story.id, sentences=tuple(chosen), language=language)


class _Saying:
    """How one story's brief says a point in its language: which sentence, quoted or not, attributed to whom."""

    def __init__(self, language: str, story: Story, articles: Sequence[Article]) -> None:
        self.language = language
        self.phrases = _PHRASES[language]
        self.articles: Mapping[str, Article] = {a.id: a for a in articles}
        self.origin_of = {aid: origin.label for origin in story.origins for aid in origin.articles}

    def point(self, claim: Claim) -> str:
        """A corroborated point: its sentence in the brief's language, else one quoted and attributed."""
        evidence = self._evidence(claim)
        if self._native(evidence):
            return evidence.text
        return self._fill("quoted", evidence)

    def only(self, claim: Claim) -> str:
        """A single-source point, said as such."""
        evidence = self._evidence(claim)
        return self._fill("only" if self._native(evidence) else "only_quoted", evidence)

    def conflict(self, claim: Claim, other: Claim) -> str:
        """Two points that conflict, each side with its source."""
        a, b = self._evidence(claim), self._evidence(other)
        return self.phrases["disagree"].format(a=self._side(a), b=self._side(b))

    def _side(self, evidence: Evidence) -> str:
        return self._fill("side" if self._native(evidence) else "side_quoted", evidence)

    def _evidence(self, claim: Claim) -> Evidence:
        """The claim's sentence to say: one in the brief's language (the claim's own sentence first), else the
        claim's own sentence, else its first."""
        return min(claim.support, key=lambda e: (not self._native(e), e.text != claim.text))

    def _native(self, evidence: Evidence) -> bool:
        article = self.articles.get(evidence.article)
        return article is not None and article.language == self.language

    def _fill(self, phrase: str, evidence: Evidence) -> str:
        template = self.phrases[phrase]
        label = self._label(evidence.article)
        if template.startswith("{label}"):
            label = label[:1].upper() + label[1:]
        article = self.articles.get(evidence.article)
        code = article.language if article is not None else None
        marker = self.phrases.get(f"in_{code}", self.phrases["in_other"])
        return template.format(label=label, text=evidence.text, language=marker)

    def _label(self, article_id: str) -> str:
        """Who an article's point is attributed to: its origin's label, else its outlet, else "an unnamed outlet"
        (an origin is labelled "unknown" when none of its articles names its outlet)."""
        label = self.origin_of.get(article_id)
        if label and label != "unknown":
            return label
        article = self.articles.get(article_id)
        if article is not None and article.outlet:
            return article.outlet
        return self.phrases["unnamed"]


def _rank(claim: Claim) -> tuple[int, int, int, int]:
    """More origins first, then more articles, then longer (more informative) points, then earlier ones."""
    first = claim.support[0] if claim.support else None
    return (-claim.independent_origins, -len({e.article for e in claim.support}), -min(len(claim.text), 300),
            first.start if first else 0)


def _repeats(claim: Claim, said: Sequence[str]) -> bool:
    from rapidfuzz import fuzz

    text = fold(claim.text)
    return any(fuzz.token_set_ratio(text, other) >= SIMILAR for other in said)

