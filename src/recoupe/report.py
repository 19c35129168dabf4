"""The run report: ``report.json`` (the contract in docs/report.md) and a static ``index.html``.

All article text is untrusted: the HTML goes through Jinja2 with autoescaping on, always.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import __version__
from .records import Article, Corpus


def to_dict(corpus: Corpus) -> dict[str, Any]:
    """The report as plain data, in the shape of report.json."""
    return {
        "version": __version__,
        "inputs": [{"path": i.path, "status": i.status, "reason": i.reason, "articles": list(i.articles)}
                   for i in corpus.inputs],
        "articles": [_article(a) for a in corpus.articles],
        "stories": [],
        "reuse": [],
        "entities": [],
        "quotes": [],
        "claims": [],
        "timeline": [],
        "brief": [],
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
    }


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
    return _environment().get_template("index.html").render(report=data)


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("recoupe", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True))
