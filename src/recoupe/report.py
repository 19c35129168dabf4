"""The run report: ``report.json`` (its shape in ``serialize.py``, the contract in docs/report.md) and a static
``index.html``.

All article text is untrusted: the HTML goes through Jinja2 with autoescaping on, always.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import brief, serialize
from .records import Corpus
from .render import views
from .render.templates import language, render

FILES = ("report.json", "index.html")  # what ``write`` writes into its folder


def write(corpus: Corpus, out_dir: str | Path) -> Path:
    """Write report.json and index.html into ``out_dir``; return the path of index.html."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = serialize.report(corpus)
    (out / "report.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    index = out / "index.html"
    index.write_text(render_index(data, interface_language(data, corpus)), encoding="utf-8")
    return index


def interface_language(data: dict[str, Any], corpus: Corpus) -> str:
    """The language index.html is written in: that of the briefs (``--lang``, else the language most articles are
    written in) when it is French, else English."""
    code = next((b["language"] for b in data["brief"]), None) or brief.language(corpus.articles)
    return "fr" if code == "fr" else "en"


def render_index(data: dict[str, Any], lang: str = "en") -> str:
    """Render the static report page from the report data, its interface in ``lang`` (``en`` or ``fr``)."""
    with language(lang):
        return _render_index(data)


def _render_index(data: dict[str, Any]) -> str:
    names = {e["id"]: (e["name"], e["type"]) for e in data["entities"]}
    mentions: dict[str, list[dict[str, Any]]] = {}
    for e in data["entities"]:
        for m in e["mentions"]:
            mentions.setdefault(m["article"], []).append(dict(m, entity=e["id"]))
    quotes: dict[str, list[dict[str, Any]]] = {}
    for q in data["quotes"]:
        quotes.setdefault(q["article"], []).append(q)
    stories = []
    by_id = {a["id"]: a for a in data["articles"]}
    for story in data["stories"]:
        bundle = dict(story, article_info=[by_id[i] for i in story["articles"] if i in by_id],
                      claims=[c for c in data["claims"] if c["story"] == story["id"]],
                      timeline=[e for e in data["timeline"] if e["story"] == story["id"]],
                      brief=next((b["sentences"] for b in data["brief"] if b["story"] == story["id"]), []))
        stories.append(views.story(bundle, data["reuse"]))
    articles = [views.article(a, mentions.get(a["id"], []), quotes.get(a["id"], []), names) for a in data["articles"]]
    return render("index.html", report=data, stories=stories, entities=views.entity_rows(data["entities"]),
                  articles=articles, labels={i: views.article_label(a) for i, a in by_id.items()},
                  href=views.static_href)
