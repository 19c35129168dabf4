"""Sentences of a clean text, as offsets, for the stages that align, compare or cite sentences.

A regular expression is enough here and runs on any language: the stages that have a spaCy parse use
its sentences for grammar, but alignment and citation need the same cut on every article, parsed or not.
"""
from __future__ import annotations

import re

# a sentence ends at . ! ? … (and any closing quotes or brackets) before a space and an opening
# capital, digit or quote; a line break always ends one
_END = re.compile(r"(?<=[.!?…])[\"'»”’)\]]*\s+(?=[«“\"'(\[]?\s*[A-ZÀ-ÝĀ-ſА-Я0-9])|\n+")
_ABBREV = re.compile(r"(?:\b(?:M|Mme|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|No|art|av|ch|p|vol)|\b[A-Z])\.$")


def sentences(text: str) -> list[tuple[int, int]]:
    """Offsets (start, end) of the sentences of ``text``, stripped of surrounding spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        if "\n" not in m.group(0) and _ABBREV.search(text[max(start, m.start() - 6):m.start()]):
            continue  # "M. Burns", "J. Biden": an abbreviation, not the end of a sentence
        _add(text, start, m.start(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece) - len(piece.rstrip())
    if piece.strip():
        spans.append((start + lead, end - trail))
