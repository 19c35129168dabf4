"""Records <-> report.json: the only code that knows the shape of the contract (docs/report.md).

The static report, the store (which keeps stories and reuse edges as report.json has them) and the web
reader all go through here, so that the API, the pages and report.json speak one language.
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from . import nlp
from ._version import __version__
from .records import Article, Brief, Claim, Corpus, Entity, Event, Origin, Quote, Removal, ReuseEdge, Story, StoryChange

Data = dict[str, Any]


def report(corpus: Corpus) -> Data:
    """The whole report as plain data, in the shape of report.json."""
    lookup = lookups(corpus)
    return {
        "version": __version__,
        "inputs": [{"path": i.path, "status": i.status, "reason": i.reason, "articles": list(i.articles)}
                   for i in corpus.inputs],
        "articles": [article(a) for a in corpus.articles],
        "stories": [story(s) for s in corpus.stories],
        "story_changes": [story_change(c) for c in corpus.story_changes],
        "reuse": [edge(e) for e in corpus.reuse],
        "entities": [entity(e) for e in corpus.entities],
        "quotes": [quote(q) for q in corpus.quotes],
        "quote_groups": quote_groups(corpus.quotes),
        "claims": [claim(c, *lookup) for c in corpus.claims],
        "timeline": [dict(story=e.story, **event(e)) for e in corpus.timeline],
        "brief": [{"story": b.story, "language": b.language, "sentences": brief_sentences(b)} for b in corpus.briefs],
        "skips": [{"path": s.path, "location": s.location, "code": s.code, "reason": s.reason}
                  for s in corpus.skips],
    }


def article(a: Article) -> Data:
    """An article with its clean text, metadata and removed lines, and which version of its text it is."""
    return {
        "id": a.id, "path": a.path, "url": a.url, "title": a.title, "outlet": a.outlet,
        "published": a.published, "page_date": a.page_date, "language": a.language,
        "title_language": a.title_language, "text": a.text,
        "removed": [r.text for r in a.removed],
        "removals": removals(a.removed),
        "credits": list(a.credits), "content_hash": a.content_hash, "story": a.story,
        "page_date_note": a.page_date_note, "version": a.version, "version_of": a.version_of,
        # how its names were found, so that a reader knows: "model", "gazetteer" or "none"
        "provenance": dict(a.provenance), "entity_method": nlp.entity_method(a.language),
    }


def removals(removed: Sequence[Removal]) -> list[Data]:
    """Removed lines with their reasons."""
    return [{"text": r.text, "reason": r.reason} for r in removed]


def removals_from(data: Sequence[Mapping[str, str]]) -> tuple[Removal, ...]:
    """Removed lines back from their report shape."""
    return tuple(Removal(r["text"], r["reason"]) for r in data)


def stored_article(row: Mapping[str, Any]) -> Data:
    """An article as the store keeps it (removals and credits as JSON, ``hash``) in its report shape."""
    data = dict(row)
    data["removals"] = json.loads(data.pop("removed"))
    data["removed"] = [r["text"] for r in data["removals"]]
    data["credits"] = json.loads(data["credits"])
    data["content_hash"] = data.pop("hash")
    data["entity_method"] = nlp.entity_method(data.get("language"))
    return data


def story(s: Story) -> Data:
    """A story with its origins, and the ids of earlier stories merged into it."""
    return {"id": s.id, "title": s.title, "articles": list(s.articles), "event_date": s.event_date,
            "origins": [{"id": o.id, "label": o.label, "articles": list(o.articles), "why": list(o.why)}
                        for o in s.origins],
            "previous_ids": list(s.previous_ids)}


def story_change(c: StoryChange) -> Data:
    """A change of story ids: ``old`` merged into ``new``, or ``new`` split from ``old``."""
    return {"old": c.old, "new": c.new, "change": c.change, "run": c.run}


def lookups(corpus: Corpus) -> tuple[dict[str, Article], dict[str, Origin]]:
    """Each article and each article's origin, by article id: what ``claim`` reads, built once per corpus."""
    return {a.id: a for a in corpus.articles}, {aid: o for s in corpus.stories for o in s.origins for aid in o.articles}


def story_bundle(s: Story, corpus: Corpus, lookup: tuple[Mapping[str, Article], Mapping[str, Origin]]) -> Data:
    """A story with everything found in it (origins, claims, timeline, brief): what a story page shows;
    ``lookup``: the corpus's ``lookups``."""
    data = story(s)
    data["claims"] = [claim(c, *lookup) for c in corpus.claims if c.story == s.id]
    data["timeline"] = [event(e) for e in corpus.timeline if e.story == s.id]
    data["brief"] = [line for b in corpus.briefs if b.story == s.id for line in brief_sentences(b)]
    return data


def edge(e: ReuseEdge) -> Data:
    """A reuse edge with its passages."""
    return {"source": e.source, "target": e.target, "kind": e.kind, "score": e.score, "directed": e.directed,
            "why": e.why, "passages": [{"source": p.source, "target": p.target, "source_start": p.source_start,
                                        "target_start": p.target_start, "score": p.score} for p in e.passages]}


def claim(c: Claim, articles: Mapping[str, Article], origin_of: Mapping[str, Origin]) -> Data:
    """A claim with its support, each passage with its article's outlet, language and date as the article
    records them (null when it has none), and the origins behind that support; ``articles`` and ``origin_of``
    (each article's origin) by article id, as ``lookups`` gives them."""
    return {"id": c.id, "story": c.story, "text": c.text, "status": c.status,
            "independent_origins": c.independent_origins,
            "origins": claim_origins(c, origin_of),
            "support": [{"article": e.article, "text": e.text, "start": e.start, "end": e.end,
                         **_where(articles.get(e.article))} for e in c.support],
            "conflicts_with": list(c.conflicts_with),
            **({"differs": {"slot": c.differs[0], "values": list(c.differs[1])}} if c.differs else {}),
            **({"updates": list(c.updates)} if c.updates else {})}


def _where(a: Article | None) -> Data:
    """The outlet, language and date of a passage's article, none of them guessed."""
    return {"outlet": a.outlet if a else None, "language": a.language if a else None,
            "published": a.published if a else None}


def claim_origins(c: Claim, origin_of: Mapping[str, Origin]) -> list[Data]:
    """The origins of a claim's supporting articles, each with those of its articles that support the claim, in
    the order of the support. An article in no origin stands alone (its id, label "unknown"), as ``claims``
    counts it: one entry per independent origin counted."""
    groups: dict[Origin | str, list[str]] = {}
    for aid in dict.fromkeys(e.article for e in c.support):
        groups.setdefault(origin_of.get(aid, aid), []).append(aid)
    return [{"id": o.id, "label": o.label, "articles": aids} if isinstance(o, Origin) else
            {"id": o, "label": "unknown", "articles": aids} for o, aids in groups.items()]


def event(e: Event) -> Data:
    """A dated event of a timeline (its story given by where it stands)."""
    return {"date": e.date, "text": e.text, "articles": list(e.articles)}


def brief_sentences(b: Brief) -> list[Data]:
    """The sentences of a brief with what they cite."""
    return [{"text": s.text, "cites": list(s.cites), "claim": s.claim} for s in b.sentences]


def entity(e: Entity) -> Data:
    """An entity with every mention."""
    return {"id": e.id, "name": e.name, "type": e.type,
            "mentions": [{"article": m.article, "text": m.text, "start": m.start, "end": m.end} for m in e.mentions]}


def quote(q: Quote) -> Data:
    """A quote with its speaker."""
    return {"id": q.id, "article": q.article, "text": q.text, "start": q.start, "end": q.end,
            "speaker": q.speaker, "speaker_entity": q.speaker_entity, "speaker_kind": q.speaker_kind,
            "direct": q.direct, "group": q.group}


def quote_groups(quotes: Sequence[Quote]) -> list[Data]:
    """The lines that reached several articles: each group with its quotes and articles."""
    groups: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.group:
            groups.setdefault(q.group, []).append(q)
    return [{"id": gid, "text": max(qs, key=lambda q: len(q.text)).text, "quotes": [q.id for q in qs],
             "articles": sorted({q.article for q in qs})}
            for gid, qs in groups.items() if len({q.article for q in qs}) > 1]


def dumps(data: Any) -> str:
    """JSON as recoupe writes it everywhere: UTF-8 text as is."""
    return json.dumps(data, ensure_ascii=False)
