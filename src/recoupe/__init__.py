"""recoupe: cross-check the news.

Clean scraped articles, find which tell the same story and who copied whom, who said what, and what
is corroborated. The public API is flat and imports nothing heavy: models, the web stack and Dask load
only when a stage needs them.
"""
from __future__ import annotations

import logging

from ._version import __version__
from .errors import InputError, NothingAnalysed, RecoupeError, StoreError
from .pipeline import analyze
from .records import (
    Article,
    ArticleDate,
    Brief,
    BriefSentence,
    Claim,
    Cleaned,
    Corpus,
    Entity,
    Event,
    Evidence,
    InputReport,
    Mention,
    Origin,
    Page,
    Passage,
    Quote,
    Removal,
    ReuseEdge,
    Skip,
    Span,
    StageTime,
    Story,
)

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "Article",
    "ArticleDate",
    "Brief",
    "BriefSentence",
    "Claim",
    "Cleaned",
    "Corpus",
    "Entity",
    "Event",
    "Evidence",
    "InputError",
    "InputReport",
    "Mention",
    "NothingAnalysed",
    "Origin",
    "Page",
    "Passage",
    "Quote",
    "RecoupeError",
    "Removal",
    "ReuseEdge",
    "Skip",
    "Span",
    "StageTime",
    "StoreError",
    "Story",
    "__version__",
    "analyze",
]
