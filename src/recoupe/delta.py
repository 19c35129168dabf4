"""Delta: what an analysis adds to the one stored before it, for whoever follows a story over days (``recoupe
watch``, ``recoupe fetch``): the new stories, the new articles that joined a story already known, and the
conflicts that were not there before.

A story is known when its id, or one of the ids it took over (``Story.previous_ids``, ``lineage``), was a story
of the earlier analysis. A conflict is new when a claim's text was not conflicting in any story before: claim
ids are derived from their story, whose id a merge may change, while the text is the claim's own.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .records import Corpus


@dataclass(frozen=True, slots=True)
class NewStory:
    id: str
    title: str
    articles: int


@dataclass(frozen=True, slots=True)
class Joined:
    """A new article in a story the earlier analysis already had."""

    article: str
    title: str
    story: str
    story_title: str


@dataclass(frozen=True, slots=True)
class NewConflict:
    story: str
    claim: str  # the claim's text
    against: tuple[str, ...]  # the texts of the claims it conflicts with


@dataclass(frozen=True, slots=True)
class Delta:
    stories: tuple[NewStory, ...] = ()
    joined: tuple[Joined, ...] = ()
    conflicts: tuple[NewConflict, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.stories or self.joined or self.conflicts)


def delta(before: Sequence[Mapping[str, Any]], after: Corpus) -> Delta:
    """What ``after`` adds to ``before``, the stories of the analysis stored before it (``Store.stories``, the
    report's shapes, with their claims)."""
    known_ids = {str(s["id"]) for s in before}
    known_articles = {str(a) for s in before for a in s.get("articles", ())}
    conflicting = {str(c["text"]) for s in before for c in s.get("claims", ()) if c.get("status") == "conflicting"}
    titles = {a.id: a.title for a in after.articles}
    claim_text = {c.id: c.text for c in after.claims}
    stories, joined = [], []
    for story in after.stories:
        if story.id in known_ids or known_ids.intersection(story.previous_ids):
            joined += [Joined(a, titles.get(a, a), story.id, story.title) for a in story.articles
                       if a not in known_articles]
        else:
            stories.append(NewStory(story.id, story.title, len(story.articles)))
    conflicts = [NewConflict(c.story, c.text, tuple(claim_text.get(o, o) for o in c.conflicts_with))
                 for c in after.claims if c.status == "conflicting" and c.text not in conflicting]
    return Delta(tuple(stories), tuple(joined), tuple(conflicts))
