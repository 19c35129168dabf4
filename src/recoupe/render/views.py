"""View models for the HTML pages: what the static report and the served pages show, from report data.

Both read report.json-shaped dicts (the served pages get them from the store), so that one set of
templates (templates/macros.html) draws both, and no template computes anything.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from ..text import sentences
from . import pictures

STATUSES = ("corroborated", "conflicting", "updated", "single_source")
Href = Callable[..., str]
_PLURAL = {"story": "stories", "article": "articles", "entity": "entities"}


def static_href(kind: str, ident: str, start: int | None = None) -> str:
    """Links inside the one-page static report: anchors."""
    if kind == "article" and start is not None:
        return f"#{ident}-at-{start}"
    return f"#{kind}-{ident}"


def served_href(kind: str, ident: str, start: int | None = None) -> str:
    """Links between the served pages: /stories/…, /articles/…#sentence, /entities/…."""
    path = f"/{_PLURAL[kind]}/{quote(ident, safe='')}"
    return path + (f"#{quote(ident, safe='')}-at-{start}" if kind == "article" and start is not None else "")


def story(data: Mapping[str, Any], reuse: Sequence[Mapping[str, Any]],
          shown: Sequence[Mapping[str, Any]] | None = None, passages: int | None = None) -> dict[str, Any]:
    """A story with its copy graph, source matrix, claims by status (``claim_rows``: of ``shown``, default all
    of them), timeline picture and brief."""
    origin_of = {aid: o["label"] for o in data["origins"] for aid in o["articles"]}
    edges = [e for e in reuse if e["source"] in origin_of and e["target"] in origin_of]
    claims = data.get("claims", [])
    rows = claim_rows(claims if shown is None else shown, claims, passages)
    support = {c["id"]: {e["article"]: e["start"] for e in c["support"]} for c in claims}
    brief = [dict(s, anchors=support.get(s.get("claim") or "", {})) for s in data.get("brief", [])]
    events = data.get("timeline", [])
    return dict(
        data, edges=edges, graph=pictures.copy_graph(data, edges, origin_of), brief=brief,
        matrix=[{"id": aid, "cells": [aid in o["articles"] for o in data["origins"]]} for aid in data["articles"]],
        timeline=pictures.timeline(events) if events else None,
        claims={status: [c for c in rows if c["status"] == status] for status in STATUSES})


UNNAMED = "unnamed outlet"  # an origin labelled "unknown", a passage of an article without outlet
UNDATED = "date unknown"


def claim_rows(shown: Sequence[Mapping[str, Any]], every: Sequence[Mapping[str, Any]],
               passages: int | None = None) -> list[dict[str, Any]]:
    """The claims ``shown`` as the claims table draws them: each passage with its outlet and date (or that they
    are unknown), the origins named (``origin_rows``; None for a claim stored without them), and beside a
    conflicting claim (``against``) or an updated one (``revised``) the claims of ``every`` (the story's) it
    conflicts with or updates, each with its first ``passages`` passages (default: all)."""
    by_id = {c["id"]: c for c in every}

    def other(claim_id: str) -> dict[str, Any]:
        c = by_id.get(claim_id)
        if c is None:  # not stored with this story: said, not hidden
            return {"id": claim_id, "text": None, "passages": [], "more": 0}
        support = c.get("support", [])
        cut = support if passages is None else support[:passages]
        return {"id": claim_id, "text": c["text"], "passages": _passages(cut), "more": len(support) - len(cut)}

    return [dict(c, passages=_passages(c.get("support", [])),
                 origin_rows=[dict(o, name=o["label"] if o["label"] != "unknown" else UNNAMED) for o in c["origins"]]
                 if "origins" in c else None,
                 against=[other(i) for i in c.get("conflicts_with", [])] if c["status"] == "conflicting" else [],
                 revised=[other(i) for i in c.get("updates", [])])
            for c in shown]


def _passages(support: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Supporting passages with the outlet and date to show; ``described`` False for a claim stored before
    passages carried them (nothing is said of its article then, rather than "unknown")."""
    return [dict(e, described="language" in e, source=e.get("outlet") or UNNAMED,
                 date=e.get("published") or UNDATED) for e in support]


def article(data: Mapping[str, Any], mentions: Sequence[Mapping[str, Any]],
            quotes: Sequence[Mapping[str, Any]], names: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
    """An article with its text cut into pieces: entity mentions, quotes and sentence anchors marked.

    ``mentions`` carry ``entity``, ``start``, ``end``; ``names`` maps an entity id to (name, type).
    """
    text = data["text"]
    entity_at: list[str | None] = [None] * len(text)
    for m in mentions:
        for i in range(max(0, m["start"]), min(len(text), m["end"])):
            entity_at[i] = m["entity"]
    quoted = [False] * len(text)
    for q in quotes:
        for i in range(max(0, q["start"]), min(len(text), q["end"])):
            quoted[i] = True
    anchors = {start for start, _ in sentences(text)}
    paragraphs: list[list[dict[str, Any]]] = []
    pieces: list[dict[str, Any]] = []
    for i, ch in enumerate(text):
        if ch == "\n":
            if pieces:
                paragraphs.append(pieces)
            pieces = []
            continue
        state = (entity_at[i], quoted[i])
        if not pieces or i in anchors or (pieces[-1]["entity"], pieces[-1]["quote"]) != state or \
                (entity_at[i] and i > 0 and entity_at[i - 1] != entity_at[i]):
            name, kind = names.get(entity_at[i] or "", ("", ""))
            pieces.append({"text": ch, "entity": entity_at[i], "quote": quoted[i], "name": name, "type": kind,
                           "anchor": i if i in anchors else None})
        else:
            pieces[-1]["text"] += ch
    if pieces:
        paragraphs.append(pieces)
    speaker = {q["id"]: names.get(q.get("speaker_entity") or "", (None, None))[0] for q in quotes}
    return dict(data, paragraphs=paragraphs, quotes=[dict(q, entity_name=speaker[q["id"]]) for q in quotes])


def entity_rows(entities: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the people-and-organisations table: spellings and articles of each entity, most named first."""
    return [{"id": e["id"], "name": e["name"], "type": e["type"], "mentions": len(e["mentions"]),
             "spellings": sorted({m["text"] for m in e["mentions"]}),
             "articles": sorted({m["article"] for m in e["mentions"]})}
            for e in sorted(entities, key=lambda e: -len(e["mentions"]))]


def quotes_by_speaker(quotes: Sequence[Mapping[str, Any]], names: Mapping[str, str]) -> dict[str, list[Any]]:
    """Quotes grouped by who said them: the speaker entity's name, else the speaker as written, else
    "speaker unknown"; ``names`` maps an entity id to its name."""
    groups: dict[str, list[Any]] = {}
    for q in quotes:
        who = names.get(q["speaker_entity"] or "") or q["speaker"] or "speaker unknown"
        groups.setdefault(who, []).append(q)
    return groups


def entity(data: Mapping[str, Any], texts: Mapping[str, str], context: int = 60) -> dict[str, Any]:
    """An entity with the ``context`` characters before and after each mention; ``texts`` maps an article id
    to its text."""
    mentions = []
    for m in data["mentions"]:
        text = texts.get(m["article"], "")
        mentions.append(dict(m, before=text[max(0, m["start"] - context):m["start"]],
                             after=text[m["end"]:m["end"] + context]))
    return dict(data, mentions=mentions)
