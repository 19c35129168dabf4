"""The HTML pages: the stories of the latest analysis (with the upload form), a story, an article, an entity;
the search page; the lists of articles, entities and outlets, and an outlet's page; the "add URLs" form and the
feeds followed (fetching.py).

Each handler renders the template of its page with what a view function (views.py) gives; none is in the
OpenAPI document. A list's filters are GET parameters, kept in its pager's links.

Each page is written in the interface language the request asks for (``page_language``): ``?lang=fr|en`` first,
else the best of its Accept-Language, else English; a ``lang`` given in the query is kept in the page's links.
"""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from babel import negotiate_locale
from fastapi import Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse

from ..render import views as models
from ..render.templates import DEFAULT_LANGUAGE, LANGUAGES, render, set_language, ui_language
from . import fetching, views
from .dependencies import AppSettings, StoreReader
from .schemas import Limit, Offset, SearchText
from .uploads import MAX_UPLOAD, UPLOAD_TYPES

Filter = Annotated[str | None, Query(max_length=200)]  # a list's filter: checked by its view, an error page if wrong
Sort = Annotated[str | None, Query(pattern="^(newest|oldest)$")]


@dataclass(frozen=True)
class PageLanguage:
    """The interface language of a served page (``code``), the one its query named (``given``: kept in its links;
    None when the query named none, or none of ``LANGUAGES``), and the page's path and other query parameters
    (for the links of the language switch)."""
    code: str = DEFAULT_LANGUAGE
    given: str | None = None
    path: str = "/"
    query: tuple[tuple[str, str], ...] = ()


_page: ContextVar[PageLanguage | None] = ContextVar("recoupe_page_language", default=None)


def _current() -> PageLanguage:
    """The language of the page being served (the default outside a page's request: an error page's)."""
    return _page.get() or PageLanguage()


def choose_language(asked: str | None, accept_language: str | None) -> str:
    """The interface language of a page: ``asked`` (``?lang=``) when given (English if it is none of
    ``LANGUAGES``), else the best of ``accept_language`` (an Accept-Language header) that the interface speaks,
    else English."""
    if asked is not None:
        return ui_language(asked)
    preferred = []
    for order, item in enumerate((accept_language or "").split(",")):
        tag, _, params = item.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        if tag and tag != "*" and weight > 0:
            preferred.append((-weight, order, tag.strip()))
    best = negotiate_locale([tag for _, _, tag in sorted(preferred)], LANGUAGES, sep="-")
    return ui_language(best)


async def page_language(request: Request) -> None:
    """The dependency of every page: choose its interface language (``choose_language``) for the rest of the
    request, the error page included. Async, so that what it sets is seen by the handler (run in a thread with
    a copy of this context)."""
    asked = request.query_params.get("lang")
    code = set_language(choose_language(asked, request.headers.get("accept-language")))
    given = asked.lower() if asked is not None and asked.lower() in LANGUAGES else None
    raw = request.scope.get("raw_path")  # as asked, still quoted: an id's "/", " " or "#" stays in it
    path = raw.decode("latin-1") if isinstance(raw, bytes) and raw else quote(request.url.path)
    _page.set(PageLanguage(code, given, path.partition("?")[0],
                           tuple((k, v) for k, v in request.query_params.multi_items() if k != "lang")))


def keep_language(url: str) -> str:
    """``url`` (a link of this server's, with or without query and fragment) with the ``lang`` of the page's query
    added, when it named one; as it is otherwise."""
    given = _current().given
    if given is None:
        return url
    head, hash_, fragment = url.partition("#")
    sep = "" if head.endswith(("?", "&")) else "&" if "?" in head else "?"
    return f"{head}{sep}lang={given}{hash_}{fragment}"


def language_href(code: str) -> str:
    """The link of the language switch to this page in ``code``: its path and query, ``lang`` set to ``code``."""
    page = _current()
    return page.path + "?" + urlencode([*page.query, ("lang", code)])


def served_href(kind: str, ident: str, start: int | None = None) -> str:
    """A link between the served pages (render.views.served_href), keeping the page's ``lang``."""
    return keep_language(models.served_href(kind, ident, start))


def render_page(template: str, **context: Any) -> str:
    """A served page: a template whose links lead to the other served pages, in the language of the request."""
    return render(template, href=served_href, served=True, keep_lang=keep_language, language_href=language_href,
                  given_lang=_current().given, **context)


def home(request: Request, r: StoreReader, settings: AppSettings, offset: Offset = 0, limit: Limit = 50) -> str:
    return render_page("web_stories.html", **views.home_page(r, offset, limit), max_upload=MAX_UPLOAD,
                       types=UPLOAD_TYPES, token_needed=bool(settings.token), csp_nonce=request.state.csp_nonce)


def story(story_id: str, r: StoreReader, offset: Offset = 0, limit: Limit = 50, verdict: Filter = None) -> str:
    return render_page("web_story.html", **views.story_page(r, story_id, offset, limit, verdict or None))


def article(article_id: str, r: StoreReader) -> str:
    return render_page("web_article.html", **views.article_page(r, article_id))


def entity(entity_id: str, r: StoreReader) -> str:
    return render_page("web_entity.html", **views.entity_page(r, entity_id))


def search(r: StoreReader, q: SearchText = None, offset: Offset = 0, limit: Limit = 20) -> str:
    return render_page("web_search.html", **views.search_page(r, q, offset, limit))


def articles(r: StoreReader, language: Filter = None, outlet: Filter = None, since: Filter = None,
             until: Filter = None, sort: Sort = None, offset: Offset = 0, limit: Limit = 50) -> str:
    filters = views.article_filter(language, outlet, since, until, sort or "newest")
    return render_page("web_articles.html", **views.articles_page(r, filters, offset, limit))


def entities(r: StoreReader, type: Filter = None, q: SearchText = None, offset: Offset = 0,  # noqa: A002
             limit: Limit = 50) -> str:
    return render_page("web_entities.html", **views.entities_page(r, type or None, q, offset, limit))


def outlets(r: StoreReader, offset: Offset = 0, limit: Limit = 50) -> str:
    return render_page("web_outlets.html", **views.outlets_page(r, offset, limit))


def outlet(name: str, r: StoreReader, offset: Offset = 0, limit: Limit = 50) -> str:
    return render_page("web_outlet.html", **views.outlet_page(r, name, offset, limit))


def fetch(request: Request, settings: AppSettings) -> str:
    """The "add URLs" form, a page of its own rather than beside the home page's upload: a list of up to
    MAX_URLS addresses and the outcome of each would push the stories out of sight."""
    return render_page("web_fetch.html", max_urls=fetching.MAX_URLS, token_needed=bool(settings.token),
                       public_only=settings.public_only, csp_nonce=request.state.csp_nonce)


def feeds(request: Request, settings: AppSettings) -> str:
    """The feeds and sitemaps followed, each with its "check now" button, and the form to follow one; shown
    without a store too (the first feed followed makes it)."""
    return render_page("web_feeds.html", feeds=fetching.followed(settings), token_needed=bool(settings.token),
                       csp_nonce=request.state.csp_nonce)


def add_to(app: FastAPI) -> None:
    """Add the pages to ``app`` itself. An id may hold any character, ``/`` too (a JSON record's or a WARC
    record's id): the ``path`` converter takes it whole, and links quote it (render.views.served_href); so
    may an outlet's name (views.outlet_href)."""
    for path, page in (("/", home), ("/search", search), ("/articles", articles), ("/entities", entities),
                       ("/outlets", outlets), ("/fetch", fetch), ("/feeds", feeds),
                       ("/stories/{story_id:path}", story),
                       ("/articles/{article_id:path}", article), ("/entities/{entity_id:path}", entity),
                       ("/outlets/{name:path}", outlet)):
        app.add_api_route(path, page, methods=["GET"], response_class=HTMLResponse, include_in_schema=False,
                          dependencies=[Depends(page_language)])
