"""View functions: what each route answers, read from the store through a request's reader.

The API's answers are the store's rows (report.json shapes, lists in pages); a page's are the view models of
render.views that its template draws. What the store does not hold is a NotFound (404), and a story asked for by
an id it had before a Moved (301), so that a route handler only parses the request, calls one of these, and
returns what it gives.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from ..render import views as models
from ..render.templates import N_, gettext
from ..store.reader import MAX_LIMIT, ArticleFilter, Page, Reader
from .errors import HTTPError, Moved, NotFound


def latest(r: Reader, run: int | None) -> int:
    """The analysis asked for, else the latest one; NotFound if there is none."""
    found = r.run(run)
    if found is None:
        raise NotFound(N_("no analysis %(run)s in the store"), run=run) if run else \
            NotFound(N_("the store holds no analysis yet"))
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
        raise NotFound(N_("no story %(id)s"), id=story_id)
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
    quotes = r.quotes(run_id, offset, limit, articles=ids)
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
        raise NotFound(N_("no story %(id)s"), id=story_id)
    return r.claims(run_id, story_id, offset, limit, status)


def articles(r: Reader, run: int | None, text: str | None, entity_id: str | None, offset: int,
             limit: int, filters: ArticleFilter | None = None) -> Page:
    """Stored articles, newest first, containing ``text``, naming the entity ``entity_id`` of an analysis
    (default: the latest; only looked up when an entity is asked for), narrowed by ``filters``."""
    run_id = latest(r, run) if entity_id else None
    return r.articles(offset, limit, text=text, entity=entity_id, run=run_id, filters=filters)


def article_filter(language: str | None, outlet: str | None, since: str | None, until: str | None,
                   sort: str | None) -> ArticleFilter:
    """The filters of a list of articles as a query gives them (the /articles page's, the API's): an empty value
    is none; an HTTPError (400) for a date that is not one (``date_filter``)."""
    return ArticleFilter(language=language or None, outlet=outlet or None, since=date_filter(since, "from"),
                         until=date_filter(until, "to"), sort=sort or None)


def quotes(r: Reader, run: int | None, article: str | None, speaker: str | None, story_id: str | None,
           offset: int, limit: int) -> Page:
    """Quotes of an analysis (default: the latest), by article and position: of an article, of a speaker, of the
    articles of a story (NotFound when the analysis has no such story), or of all that are given."""
    run_id = latest(r, run)
    if story_id is None:
        return r.quotes(run_id, offset, limit, article, speaker)
    data = r.story(run_id, story_id)
    if data is None:
        raise NotFound(f"no story {story_id}")
    return r.quotes(run_id, offset, limit, article, speaker, articles=data["articles"])


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
    data = _found(r.article(article_id), N_("no article %(id)s"), article_id)
    return dict(data, path=file_name(data.get("path") or ""))


def file_name(path: str) -> str:
    """The last part of a POSIX or Windows path."""
    return re.split(r"[/\\]", path)[-1]


def entity(r: Reader, run: int | None, entity_id: str) -> dict[str, Any]:
    """An entity of an analysis (default: the latest) with its mentions and spellings."""
    return _found(r.entity(latest(r, run), entity_id), N_("no entity %(id)s"), entity_id)


def _found(data: dict[str, Any] | None, missing: str, ident: str) -> dict[str, Any]:
    """``data``, or NotFound with the message ``missing`` (a message of the catalogue) naming ``ident``."""
    if data is None:
        raise NotFound(missing, id=ident)
    return data


# -- pages: the context of each template ---------------------------------------------------------------------
def home_page(r: Reader, offset: int, limit: int) -> dict[str, Any]:
    """The stories of the latest analysis (``run`` None and no stories while there is none)."""
    run_id = r.run()
    page = r.stories(run_id, offset, limit) if run_id else Page([], 0, offset, limit)
    return {"page": page, "run": run_id, "exports": export_links("/api/stories", {}, offset, limit)}


def story_page(r: Reader, story_id: str, offset: int, limit: int, verdict: str | None = None) -> dict[str, Any]:
    """A story of the latest analysis by page: its articles in the source matrix, its claims (of one
    ``verdict`` only, if given), the quotes of its articles by speaker and its reuse edges, ``limit`` of each
    from ``offset``; the copy graph when the whole story fits on the page (a graph of part of it would hide
    copies); each article's language, for the ``lang`` of quoted text."""
    if verdict and verdict not in VERDICTS:
        raise HTTPError(NONE_OF, name="verdict", value=verdict, choices=", ".join(VERDICTS))
    run_id = latest(r, None)
    data = stored_story(r, run_id, story_id)
    every = data.get("claims", [])
    page = story_page_of(r, run_id, dict(data, claims=[c for c in every if not verdict or c["status"] == verdict]),
                         offset, limit)
    # every claim: the brief's anchors and the other side of a conflict, which may be on another page
    view = models.story(dict(page, claims=every), page["reuse"], shown=page["claims"], passages=SUPPORT_SHOWN)
    if offset > 0 or page["total"]["articles"] > limit or page["total"]["reuse"] > limit:
        view["graph"], view["edges"] = None, page["reuse"]
    said = page["quotes"]
    names = r.names(run_id, {q["speaker_entity"] for q in said if q["speaker_entity"]})
    view["languages"] = languages_of(r, {q["article"] for q in said} | {a for e in view["edges"]
                                                                        for a in (e["source"], e["target"])})
    verdicts = {v: sum(c["status"] == v for c in every) for v in VERDICTS}
    exports = {"claims": export_links("/api/claims", {"story": data["id"], "status": verdict}, offset, limit),
               "quotes": export_links("/api/quotes", {"story": data["id"]}, offset, limit),
               "reuse": export_links("/api/reuse", {"story": data["id"]}, offset, limit)}
    return {"story": view, "by_speaker": models.quotes_by_speaker(said, names), "verdict": verdict,
            "exports": exports,
            "verdicts": {v: n for v, n in verdicts.items() if n},
            "pager": dict(pager(offset, limit, page["total"]), verdict=verdict)}


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
    stored = {aid: r.article(aid) or {} for aid in {m["article"] for m in data["mentions"]}}
    texts = {aid: a.get("text", "") for aid, a in stored.items()}
    languages = {aid: a["language"] for aid, a in stored.items() if a.get("language")}
    return {"entity": dict(models.entity(data, texts), languages=languages)}


# -- lists, search and outlets: what a journalist navigates by ------------------------------------------------
VERDICTS = models.STATUSES  # a story page's claims filter
# the tabs of the entities' list: each type's name, in the interface language where it is drawn (gettext)
ENTITY_TYPES = {"PER": N_("People"), "ORG": N_("Organisations"), "LOC": N_("Places"), "MISC": N_("Other names")}
NONE_OF = N_("%(name)s: %(value)r is none of %(choices)s")  # a filter's value that is none of its choices
# a date filter's value that is no date, by the filter's name (its label on the page: "from" is "Du" in French)
NOT_A_DATE = {"from": N_("from: %(value)r is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
              "to": N_("to: %(value)r is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
              "": N_("%(name)s: %(value)r is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")}
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")  # a date filter: a year, a month or a day
SNIPPET = 90  # characters shown on either side of a search match


def list_links(path: str, params: dict[str, str | None], page: Page) -> dict[str, Any]:
    """The pager of a list page: the range shown and the links to the previous and next pages (None at either
    end), each keeping the page's filters ``params`` (those without a value left out); ``capped``: the total is
    the bound its count stopped at (``Page.capped``), the list holds more."""
    kept = {k: v for k, v in params.items() if v}

    def at(offset: int) -> str:
        return path + "?" + urlencode({**kept, "offset": offset, "limit": page.limit})

    return {"first": min(page.offset + 1, page.total), "last": min(page.offset + page.limit, page.total),
            "total": page.total, "capped": page.capped,
            "previous": at(max(page.offset - page.limit, 0)) if page.offset > 0 else None,
            "next": at(page.offset + page.limit) if page.offset + page.limit < page.total else None}


def export_links(api_path: str, params: dict[str, str | None], offset: int, limit: int) -> dict[str, str]:
    """The export links of a list page: its rows (``offset``, ``limit``) from the API route ``api_path``, its
    filters ``params`` kept (those without a value left out), as CSV and as NDJSON (``?_format=``)."""
    kept = {k: v for k, v in params.items() if v}
    return {fmt: api_path + "?" + urlencode({**kept, "offset": offset, "limit": limit, "_format": fmt})
            for fmt in ("csv", "ndjson")}


def outlet_href(name: str) -> str:
    """The page of an outlet: /outlets/… (any character of its name quoted)."""
    return models.served_href("outlet", name)


def date_filter(value: str | None, name: str) -> str | None:
    """A date filter as given (``2024``, ``2024-04``, ``2024-04-14``), None when empty; an HTTPError (400)
    naming the filter for anything else."""
    value = (value or "").strip()
    if not value:
        return None
    if not DATE.fullmatch(value):
        raise HTTPError(NOT_A_DATE.get(name, NOT_A_DATE[""]), name=name, value=value)
    return value


def snippet(text: str, needle: str, around: int = SNIPPET) -> dict[str, str]:
    """The part of ``text`` around the first match of ``needle`` (any case): ``before``, ``match``, ``after``,
    with an ellipsis where it is cut; the start of the text when it does not contain it (a title's match)."""
    folded = text.lower()  # the match's place in ``text``: unless lowering changed a length (rare), then none
    at = folded.find(needle.lower()) if needle and len(folded) == len(text) else -1
    if at < 0:
        head = text[:2 * around]
        return {"before": "", "match": "", "after": head + ("…" if len(text) > len(head) else "")}
    end = at + len(needle)
    start, stop = max(0, at - around), min(len(text), end + around)
    if start > 0 and (space := text.find(" ", start, at)) >= 0:  # cut between words
        start = space + 1
    if stop < len(text) and (space := text.rfind(" ", end, stop)) > end:
        stop = space
    return {"before": ("…" if start > 0 else "") + text[start:at], "match": text[at:end],
            "after": text[end:stop] + ("…" if stop < len(text) else "")}


def languages_of(r: Reader, article_ids: set[str]) -> dict[str, str]:
    """The language of each of these articles that has one (for the ``lang`` of its quoted text)."""
    return {a["id"]: a["language"] for a in r.article_info(sorted(article_ids)) if a.get("language")}


def search_page(r: Reader, q: str | None, offset: int, limit: int) -> dict[str, Any]:
    """Articles (title or text), claims of the latest analysis's stories and its quotes (text or speaker as
    written) containing ``q``, ``limit`` of each from ``offset``; each article with the snippet around its
    match. Nothing is searched for an empty ``q``."""
    q = (q or "").strip()
    empty = Page([], 0, offset, limit)
    if not q:
        return {"q": "", "articles": empty, "claims": empty, "quotes": empty, "languages": {}, "names": {},
                "pager": pager(offset, limit, {})}
    found = r.articles(offset, limit, text=q)
    texts = r.snippets([a["id"] for a in found.items])
    found = Page([dict(a, snippet=snippet(texts.get(a["id"], ""), q)) for a in found.items], found.total,
                 offset, limit, found.capped)
    run_id = r.run()
    claims = r.find_claims(run_id, q, offset, limit) if run_id else empty
    quotes = r.find_quotes(run_id, q, offset, limit) if run_id else empty
    claims = Page([dict(c, language=_claim_language(c)) for c in claims.items], claims.total, offset, limit)
    names = r.names(run_id, {x["speaker_entity"] for x in quotes.items if x["speaker_entity"]}) if run_id else {}
    return {"q": q, "articles": found, "claims": claims, "quotes": quotes, "names": names,
            "exports": export_links("/api/search", {"q": q}, offset, limit),
            "languages": languages_of(r, {x["article"] for x in quotes.items}),
            "pager": dict(pager(offset, limit, {"articles": found.total, "claims": claims.total,
                                                "quotes": quotes.total}), q=q)}


def _claim_language(claim: dict[str, Any]) -> str | None:
    """The language a claim's text is in: that of its supporting passages when they share one."""
    found = {e.get("language") for e in claim.get("support", [])}
    return found.pop() if len(found) == 1 else None


def articles_page(r: Reader, filters: ArticleFilter, offset: int, limit: int) -> dict[str, Any]:
    """Stored articles narrowed by ``filters`` (language, outlet, date range; sorted by date), by page, with
    what the filter form offers: the stored languages and the outlets with most articles."""
    page = r.articles(offset, limit, filters=filters)
    outlets = r.outlet_names(MAX_LIMIT)
    if filters.outlet and filters.outlet not in outlets:
        outlets.append(filters.outlet)
    params = {"language": filters.language, "outlet": filters.outlet, "since": filters.since,
              "until": filters.until, "sort": filters.sort}
    return {"page": page, "filters": params, "languages": r.languages(), "outlets": sorted(outlets, key=str.casefold),
            "pager": list_links("/articles", params, page), "outlet_href": outlet_href,
            "exports": export_links("/api/articles", params, offset, limit)}


def entities_page(r: Reader, kind: str | None, name: str | None, offset: int, limit: int) -> dict[str, Any]:
    """The entities of the latest analysis, most mentioned first, of one type (a tab) or all, optionally those
    with a spelling containing ``name``; with the count of each type for the tabs."""
    if kind and kind not in ENTITY_TYPES:
        raise HTTPError(NONE_OF, name="type", value=kind, choices=", ".join(ENTITY_TYPES))
    run_id = r.run()
    page = r.entities(run_id, offset, limit, (name or "").strip() or None, kind) if run_id else \
        Page([], 0, offset, limit)
    counts = r.entity_types(run_id) if run_id else {}
    params = {"type": kind, "q": (name or "").strip() or None}
    return {"page": page, "run": run_id, "kind": kind, "q": params["q"],
            "types": {code: gettext(label) for code, label in ENTITY_TYPES.items()}, "counts": counts,
            "pager": list_links("/entities", params, page),
            "exports": export_links("/api/entities", params, offset, limit)}


def outlets_page(r: Reader, offset: int, limit: int) -> dict[str, Any]:
    """The outlets of the stored articles, most articles first, each with its page's link."""
    page = r.outlets(offset, limit)
    page = Page([dict(o, href=outlet_href(o["name"])) for o in page.items], page.total, offset, limit)
    return {"page": page, "unnamed": r.unnamed_outlet(), "pager": list_links("/outlets", {}, page),
            "exports": export_links("/api/outlets", {}, offset, limit)}


def outlet_page(r: Reader, name: str, offset: int, limit: int) -> dict[str, Any]:
    """An outlet: its articles, newest first, by page; and, from the latest analysis's reuse edges, which of its
    articles copy (or translate) an article of another outlet, which of its articles others copy, and which
    share passages with another outlet's article in an unknown direction. NotFound for an outlet no stored
    article names."""
    page = r.articles(offset, limit, filters=ArticleFilter(outlet=name, sort="newest")) if name else None
    if page is None or page.total == 0:
        raise NotFound(N_("no article names the outlet %(name)s"), name=name)
    run_id = r.run()
    edges = r.outlet_reuse(run_id, name).items if run_id else []
    info = {a["id"]: a for a in r.article_info(sorted({e[end] for e in edges for end in ("source", "target")}))}
    copies, copied, shared = [], [], []
    for e in edges:
        source, target = info[e["source"]], info[e["target"]]
        mine, theirs = (source, target) if source.get("outlet") == name else (target, source)
        if theirs.get("outlet") == name:
            continue  # within the outlet: no other outlet's reporting
        row = {"edge": e, "mine": mine, "theirs": dict(theirs, outlet_href=outlet_href(theirs["outlet"])
                                                       if theirs.get("outlet") else None)}
        if not e.get("directed"):
            shared.append(row)
        elif mine is target:
            copies.append(row)
        else:
            copied.append(row)
    return {"name": name, "page": page, "copies": copies, "copied": copied, "shared": shared,
            "pager": list_links(outlet_href(name), {}, page),
            "exports": export_links("/api/articles", {"outlet": name, "sort": "newest"}, offset, limit)}
