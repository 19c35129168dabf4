"""Lineage: story ids that last from one analysis to the next, so that a link to a story keeps working.

A fresh clustering names each story by the hash of its articles (``stories.story_id``): one article more and
the id changes. An analysis made over a store carries the ids of the latest stored analysis instead (``carry``),
and records what changed (``StoryChange``); ``resolve`` leads an old id to the story that tells it now.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from .records import Story, StoryChange


def carry(stories: Sequence[Story], earlier: Mapping[str, Sequence[str]], run: str,
          history: Sequence[StoryChange] = ()) -> tuple[tuple[Story, ...], tuple[StoryChange, ...]]:
    """``stories`` (a fresh clustering) under the ids of ``earlier``, the stories of the stored analysis ``run``
    (id -> article ids), each with its ``previous_ids``; and every change known: ``history``, then this one's.

    An earlier story's id goes to the new story that holds most of its articles. When several earlier stories
    want one new story, the one with most articles in it takes it (then the one with fewer stories to choose
    from, then the lower id); an earlier story that takes none is ``merged_into`` the story that holds most of
    its articles (of those tied, the one whose fresh id comes first). Each other new story that holds some of
    an earlier story's articles is ``split_from`` it. A new story that takes no id keeps its fresh one.
    """
    home = {a: k for k, story in enumerate(stories) for a in story.articles}
    shared = {old: Counter(home[a] for a in articles if a in home) for old, articles in earlier.items()}
    choices = {old: sorted(_most(counts), key=lambda k: stories[k].id) for old, counts in shared.items() if counts}
    landed: dict[str, int] = {}  # earlier id -> the new story that takes it
    taken: set[int] = set()
    for old, k in sorted(((old, k) for old, ks in choices.items() for k in ks),
                         key=lambda p: (-shared[p[0]][p[1]], len(choices[p[0]]), p[0], stories[p[1]].id)):
        if k not in taken and old not in landed:
            landed[old] = k
            taken.add(k)
    ids = [story.id for story in stories]
    for old, k in landed.items():
        ids[k] = old
    changes: list[StoryChange] = []
    for old in sorted(choices):
        if old not in landed:
            landed[old] = choices[old][0]
            changes.append(StoryChange(old, ids[landed[old]], "merged_into", run))
        changes += [StoryChange(old, ids[k], "split_from", run)
                    for k in sorted(shared[old], key=lambda k: ids[k]) if k != landed[old]]
    recorded = set(history)
    known = list(history) + [c for c in changes if c not in recorded]
    live, into = set(ids), _merges(known)
    before: dict[str, list[str]] = {}
    for old in into:
        now = _follow(old, into, live.__contains__)
        if now is not None and now != old:
            before.setdefault(now, []).append(old)
    return (tuple(replace(story, id=ids[k], previous_ids=tuple(before.get(ids[k], ())))
                  for k, story in enumerate(stories)), tuple(known))


def _most(counts: Counter[int]) -> list[int]:
    """The new stories that hold most of an earlier story's articles."""
    top = max(counts.values())
    return [k for k, n in counts.items() if n == top]


def resolve(story_id: str, changes: Sequence[StoryChange], live: Callable[[str], bool]) -> str | None:
    """The id of the story that tells ``story_id`` now: itself when it is ``live``, else the live story its merges
    lead to (the latest merge of each id counts); None when they lead to none."""
    return _follow(story_id, _merges(changes), live)


def _merges(changes: Sequence[StoryChange]) -> dict[str, str]:
    """Each merged id -> the id it was merged into last, in the order first merged."""
    return {c.old: c.new for c in changes if c.change == "merged_into"}


def _follow(story_id: str, into: Mapping[str, str], live: Callable[[str], bool]) -> str | None:
    seen: set[str] = set()
    while not live(story_id):
        if story_id in seen or story_id not in into:
            return None
        seen.add(story_id)
        story_id = into[story_id]
    return story_id
