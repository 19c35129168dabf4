"""Claims: the statements of fact of a story, grouped across wording and language, with their support."""
from __future__ import annotations

from collections.abc import Sequence

from .records import Article, Claim, Story


def extract(story: Story, articles: Sequence[Article]) -> list[Claim]:
    """The claims of one story: support per article, independent origins counted, conflicts marked."""
    return []
