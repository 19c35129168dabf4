"""The run report: ``report.json`` (the contract in docs/report.md) and a static ``index.html``.

All article text is untrusted: the HTML goes through Jinja2 with autoescaping on, always.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__, views
from .records import Article, Claim, Corpus, Entity, Quote, ReuseEdge, Story


def to_dict(corpus: Corpus) -> dict[str, Any]:
    """The report as plain data, in the shape of report.json."""
    return {
        "version": __version__,
        "inputs": [{"path": i.path, "status": i.status, "reason": i.reason, "articles": list(i.articles)}
                   for i in corpus.inputs],
        "articles": [_article(a) for a in corpus.articles],
        "stories": [story_dict(s) for s in corpus.stories],
        "reuse": [edge_dict(e) for e in corpus.reuse],
        "entities": [_entity(e) for e in corpus.entities],
        "quotes": [_quote(q) for q in corpus.quotes],
        "quote_groups": _quote_groups(corpus),
        "claims": [claim_dict(c) for c in corpus.claims],
        "timeline": [{"story": e.story, "date": e.date, "text": e.text, "articles": list(e.articles)}
                     for e in corpus.timeline],
        "brief": [{"story": b.story, "sentences": [{"text": s.text, "cites": list(s.cites), "claim": s.claim}
                                                   for s in b.sentences]} for b in corpus.briefs],
        "skips": [{"path": s.path, "location": s.location, "code": s.code, "reason": s.reason}
                  for s in corpus.skips],
    }


def _article(a: Article) -> dict[str, Any]:
    return {
        "id": a.id, "path": a.path, "url": a.url, "title": a.title, "outlet": a.outlet,
        "published": a.published, "page_date": a.page_date, "language": a.language,
        "title_language": a.title_language, "text": a.text,
        "removed": [r.text for r in a.removed],
        "removals": [{"text": r.text, "reason": r.reason} for r in a.removed],
        "credits": list(a.credits), "content_hash": a.content_hash, "story": a.story,
        "page_date_note": a.page_date_note,
    }


def story_dict(s: Story) -> dict[str, Any]:
    """A story as report.json has it, with its origins."""
    return {"id": s.id, "title": s.title, "articles": list(s.articles), "event_date": s.event_date,
            "origins": [{"id": o.id, "label": o.label, "articles": list(o.articles), "why": list(o.why)}
                        for o in s.origins]}


def edge_dict(e: ReuseEdge) -> dict[str, Any]:
    """A reuse edge as report.json has it, with its passages."""
    return {"source": e.source, "target": e.target, "kind": e.kind, "score": e.score, "directed": e.directed,
            "why": e.why, "passages": [{"source": p.source, "target": p.target, "source_start": p.source_start,
                                        "target_start": p.target_start, "score": p.score} for p in e.passages]}


def claim_dict(c: Claim) -> dict[str, Any]:
    """A claim as report.json has it."""
    return {"id": c.id, "story": c.story, "text": c.text, "status": c.status,
            "independent_origins": c.independent_origins,
            "support": [{"article": e.article, "text": e.text, "start": e.start, "end": e.end} for e in c.support],
            "conflicts_with": list(c.conflicts_with)}


def _entity(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type,
            "mentions": [{"article": m.article, "text": m.text, "start": m.start, "end": m.end} for m in e.mentions]}


def _quote(q: Quote) -> dict[str, Any]:
    return {"id": q.id, "article": q.article, "text": q.text, "start": q.start, "end": q.end,
            "speaker": q.speaker, "speaker_entity": q.speaker_entity, "speaker_kind": q.speaker_kind,
            "direct": q.direct, "group": q.group}


def _quote_groups(corpus: Corpus) -> list[dict[str, Any]]:
    """The lines that reached several articles: each group with its quotes and articles."""
    groups: dict[str, list[Quote]] = {}
    for q in corpus.quotes:
        if q.group:
            groups.setdefault(q.group, []).append(q)
    return [{"id": gid, "text": max(qs, key=lambda q: len(q.text)).text, "quotes": [q.id for q in qs],
             "articles": sorted({q.article for q in qs})}
            for gid, qs in groups.items() if len({q.article for q in qs}) > 1]


def write(corpus: Corpus, out_dir: str | Path) -> Path:
    """Write report.json and index.html into ``out_dir``; return the path of index.html."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = to_dict(corpus)
    (out / "report.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    index = out / "index.html"
    index.write_text(render_index(data), encoding="utf-8")
    return index


def render_index(data: dict[str, Any]) -> str:
    """Render the static report page from the report data."""
    names = {e["id"]: (e["name"], e["type"]) for e in data["entities"]}
    mentions: dict[str, list[dict[str, Any]]] = {}
    for e in data["entities"]:
        for m in e["mentions"]:
            mentions.setdefault(m["article"], []).append(dict(m, entity=e["id"]))
    quotes: dict[str, list[dict[str, Any]]] = {}
    for q in data["quotes"]:
        quotes.setdefault(q["article"], []).append(q)
    stories = []
    for story in data["stories"]:
        bundle = dict(story, claims=[c for c in data["claims"] if c["story"] == story["id"]],
                      timeline=[e for e in data["timeline"] if e["story"] == story["id"]],
                      brief=next((b["sentences"] for b in data["brief"] if b["story"] == story["id"]), []))
        stories.append(views.story(bundle, data["reuse"]))
    articles = [views.article(a, mentions.get(a["id"], []), quotes.get(a["id"], []), names) for a in data["articles"]]
    return environment().get_template("index.html").render(
        report=data, stories=stories, entities=views.entity_rows(data["entities"]), articles=articles,
        href=views.static_href)


@lru_cache(maxsize=1)
def environment() -> Any:
    """The Jinja2 environment of recoupe's templates, autoescaping everything (article text is untrusted)."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("recoupe", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True))
