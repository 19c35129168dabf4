"""View functions: what each route answers, read from the store through a request's reader.

The API's answers are the store's rows (report.json shapes, lists in pages); a page's are the view models of
render.views that its template draws. What the store does not hold is a NotFound (404), and a story asked for by
an id it had before a Moved (301), so that a route handler only parses the request, calls one of these, and
returns what it gives.
"""
from __future__ import annotations

import re
from typing import Any

from ..render import views as models
from ..store.reader import MAX_LIMIT, Page, Reader
from .errors import Moved, NotFound


def latest(r: Reader, run: int | None) -> int:
    """The analysis asked for, else the latest one; NotFound if there is none."""
    found = r.run(run)
    if found is None:
        raise NotFound(f"no analysis {run} in the store" if run else "the store holds no analysis yet")
    return found


SUPPORT_SHOWN = 20  # supporting sentences of a claim on a story page (all of them: /api/claims)


def story(r: Reader, run: int | None, story_id: str, offset: int, limit: int) -> dict[str, Any]:
    """A story of an analysis (default: the latest), its lists by page (``story_page``)."""
    run_id = latest(r, run)
    return story_page_of(r, run_id, stored_story(r, run_id, story_id), offset, limit)


def stored_story(r: Reader, run_id: int, story_id: str) -> dict[str, Any]:
    """A story of the analysis ``run_id``; Moved when the id is one of an earlier story that a story of that
    analysis tells now (``Reader.story_now``), NotFound when none does."""
    data = r.story(run_id, story_id)
    if data is not None:
        return data
    now = r.story_now(run_id, story_id)
    if now is None or now == story_id:
        raise NotFound(f"no story {story_id}")
    raise Moved(now)


def story_page_of(r: Reader, run_id: int, data: dict[str, Any], offset: int, limit: int) -> dict[str, Any]:
    """A stored story with its articles (ids and ``article_info``), claims, quotes and reuse edges cut to
    the page from ``offset`` (``limit`` of each); each origin keeps its articles on the page, and its
    ``size``; each claim its first SUPPORT_SHOWN supporting sentences, and ``support_total``; ``total``
    counts each list whole. A page's size does not grow with the story's."""
    ids: list[str] = data["articles"]
    shown = ids[offset:offset + limit]
    on_page = set(shown)
    claims = data.get("claims", [])
    quotes = r.story_quotes(run_id, ids, offset, limit)
    reuse = r.reuse(run_id, data["id"], offset, limit)
    origins = [dict(o, articles=[a for a in o["articles"] if a in on_page], size=len(o["articles"]))
               for o in data.get("origins", [])]
    return dict(data, articles=shown, article_info=r.article_info(shown), origins=origins,
                claims=[_cut_support(c) for c in claims[offset:offset + limit]], quotes=quotes.items,
                reuse=reuse.items,
                total={"articles": len(ids), "claims": len(claims), "quotes": quotes.total, "reuse": reuse.total},
                offset=offset, limit=limit)


def has_more(page: dict[str, Any]) -> bool:
    """Whether a story page leaves some of one of its lists to a next page."""
    return any(n > page["offset"] + page["limit"] for n in page["total"].values())


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
    """A stored article, the latest version of that id; of the file it was read from, the name only: where
    the server keeps its files is no business of a client."""
    data = _found(r.article(article_id), f"no article {article_id}")
    return dict(data, path=file_name(data.get("path") or ""))


def file_name(path: str) -> str:
    """The last part of a POSIX or Windows path."""
    return re.split(r"[/\\]", path)[-1]


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


def story_page(r: Reader, story_id: str, offset: int, limit: int) -> dict[str, Any]:
    """A story of the latest analysis by page: its articles in the source matrix, its claims, the quotes of
    its articles by speaker and its reuse edges, ``limit`` of each from ``offset``; the copy graph when the
    whole story fits on the page (a graph of part of it would hide copies)."""
    run_id = latest(r, None)
    data = stored_story(r, run_id, story_id)
    page = story_page_of(r, run_id, data, offset, limit)
    # every claim: the brief's anchors and the other side of a conflict, which may be on another page
    view = models.story(dict(page, claims=data.get("claims", [])), page["reuse"], shown=page["claims"],
                        passages=SUPPORT_SHOWN)
    if offset > 0 or page["total"]["articles"] > limit or page["total"]["reuse"] > limit:
        view["graph"], view["edges"] = None, page["reuse"]
    said = page["quotes"]
    names = r.names(run_id, {q["speaker_entity"] for q in said if q["speaker_entity"]})
    return {"story": view, "by_speaker": models.quotes_by_speaker(said, names),
            "pager": pager(offset, limit, page["total"])}


def pager(offset: int, limit: int, total: dict[str, int]) -> dict[str, Any]:
    """What a page's links and counts need: the previous and next offsets (None at either end), and for each
    list the range shown ("51–100 of 3000")."""
    most = max(total.values(), default=0)
    shown = {k: (min(offset + 1, n), min(offset + limit, n), n) for k, n in total.items()}
    return {"limit": limit, "previous": max(offset - limit, 0) if offset > 0 else None,
            "next": offset + limit if offset + limit < most else None, "shown": shown}


def _cut_support(claim: dict[str, Any]) -> dict[str, Any]:
    support = claim.get("support", [])
    return dict(claim, support=support[:SUPPORT_SHOWN], support_total=len(support))


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
