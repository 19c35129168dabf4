"""Named entities: spaCy mentions, corrected across the corpus and merged across spellings and languages."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .records import Article, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract(articles: Sequence[Article], docs: Mapping[str, Doc]) -> list[Entity]:
    """Corpus-wide entities, each with every mention (article, text, offsets into the clean text)."""
    return []
