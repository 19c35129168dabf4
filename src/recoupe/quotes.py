"""Quotes: direct and reported speech, with their speakers, linked across articles."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .records import Article, Entity, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract(articles: Sequence[Article], docs: Mapping[str, Doc], entities: Sequence[Entity]) -> list[Quote]:
    """Every quote of every article, with its speaker, and a shared ``group`` for the same words across articles."""
    return []
