"""Dates across a story and its timeline: relative dates resolved, precision never invented."""
from __future__ import annotations

from collections.abc import Sequence

from .records import Article, Event, Story


def date_stories(stories: Sequence[Story], articles: Sequence[Article]) -> tuple[list[Story], list[Article]]:
    """Stories with their event date, articles with the publication date their story establishes."""
    return list(stories), list(articles)


def build(story: Story, articles: Sequence[Article]) -> list[Event]:
    """The dated events of one story, earliest first, each with its supporting articles."""
    return []
