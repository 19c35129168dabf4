"""View functions: what each route answers, read from the store through a request's reader.

The API's answers are the store's rows (report.json shapes, lists in pages); a page's are the view models of
render.views that its template draws. What the store does not hold is a NotFound (404), so that a route
handler only parses the request, calls one of these, and returns what it gives.
"""
from __future__ import annotations

from typing import Any

from ..render import views as models
from ..store.reader import MAX_LIMIT, Page, Reader
from .errors import NotFound


def latest(r: Reader, run: int | None) -> int:
    """The analysis asked for, else the latest one; NotFound if there is none."""
    found = r.run(run)
    if found is None:
        raise NotFound(f"no analysis {run} in the store" if run else "the store holds no analysis yet")
    return found


def story(r: Reader, run: int | None, story_id: str) -> dict[str, Any]:
    """A story of an analysis (default: the latest)."""
    return _found(r.story(latest(r, run), story_id), f"no story {story_id}")


def claims(r: Reader, run: int | None, story_id: str, status: str | None, offset: int, limit: int) -> Page:
    """Claims of a story that exists, optionally of one status."""
    run_id = latest(r, run)
    if r.story(run_id, story_id) is None:
        raise NotFound(f"no story {story_id}")
    return r.claims(run_id, story_id, offset, limit, status)


def articles(r: Reader, run: int | None, text: str | None, entity_id: str | None, offset: int,
             limit: int) -> Page:
    """Stored articles, newest first, containing ``text``, naming the entity ``entity_id`` of an analysis
    (default: the latest; only looked up when an entity is asked for)."""
    run_id = latest(r, run) if entity_id else None
    return r.articles(offset, limit, text=text, entity=entity_id, run=run_id)


def search(r: Reader, run: int | None, text: str | None, entity_name: str | None, offset: int,
           limit: int) -> Page:
    """Articles containing ``text`` that name the entity best matching ``entity_name`` (any spelling, most
    named first); none if no entity matches."""
    run_id = latest(r, run)
    ids = [e["id"] for e in r.entities(run_id, 0, MAX_LIMIT, entity_name).items] if entity_name else []
    if entity_name and not ids:
        return Page([], 0, offset, limit)
    return r.articles(offset, limit, text=text, entity=ids[0] if ids else None, run=run_id)


def article(r: Reader, article_id: str) -> dict[str, Any]:
    """A stored article, the latest version of that id."""
    return _found(r.article(article_id), f"no article {article_id}")


def entity(r: Reader, run: int | None, entity_id: str) -> dict[str, Any]:
    """An entity of an analysis (default: the latest) with its mentions and spellings."""
    return _found(r.entity(latest(r, run), entity_id), f"no entity {entity_id}")


def _found(data: dict[str, Any] | None, missing: str) -> dict[str, Any]:
    """``data``, or NotFound with the message ``missing``."""
    if data is None:
        raise NotFound(missing)
    return data


# -- pages: the context of each template ---------------------------------------------------------------------
def home_page(r: Reader, offset: int, limit: int) -> dict[str, Any]:
    """The stories of the latest analysis (``run`` None and no stories while there is none)."""
    run_id = r.run()
    page = r.stories(run_id, offset, limit) if run_id else Page([], 0, offset, limit)
    return {"page": page, "run": run_id}


def story_page(r: Reader, story_id: str) -> dict[str, Any]:
    """A story of the latest analysis, with its reuse graph and the quotes of its articles by speaker."""
    run_id = latest(r, None)
    data = story(r, run_id, story_id)
    edges = r.reuse(run_id, story_id).items
    said = [q for aid in data["articles"] for q in r.quotes(run_id, 0, MAX_LIMIT, article=aid).items]
    names = r.names(run_id, {q["speaker_entity"] for q in said if q["speaker_entity"]})
    return {"story": models.story(data, edges), "by_speaker": models.quotes_by_speaker(said, names)}


def article_page(r: Reader, article_id: str) -> dict[str, Any]:
    """An article with the entities and quotes of the latest analysis marked in its text."""
    data = article(r, article_id)
    run_id = r.run()
    mentions = r.mentions(run_id, article_id) if run_id else []
    said = r.quotes(run_id, 0, MAX_LIMIT, article=article_id).items if run_id else []
    names = {m["entity"]: (m["name"], m["type"]) for m in mentions}
    return {"a": models.article(data, mentions, said, names)}


def entity_page(r: Reader, entity_id: str) -> dict[str, Any]:
    """An entity of the latest analysis, each mention shown in the text around it."""
    data = entity(r, None, entity_id)
    texts = {aid: (r.article(aid) or {}).get("text", "") for aid in {m["article"] for m in data["mentions"]}}
    return {"entity": models.entity(data, texts)}
