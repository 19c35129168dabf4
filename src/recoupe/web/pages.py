"""The HTML pages: the stories of the latest analysis (with the upload form), a story, an article, an entity;
the search page; the lists of articles, entities and outlets, and an outlet's page.

Each handler renders the template of its page with what a view function (views.py) gives; none is in the
OpenAPI document. A list's filters are GET parameters, kept in its pager's links.
"""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse

from ..render import views as models
from ..render.templates import render
from ..store.reader import ArticleFilter
from . import views
from .dependencies import AppSettings, StoreReader
from .schemas import Limit, Offset, SearchText
from .uploads import MAX_UPLOAD, UPLOAD_TYPES

Filter = Annotated[str | None, Query(max_length=200)]  # a list's filter: checked by its view, an error page if wrong
Sort = Annotated[str | None, Query(pattern="^(newest|oldest)$")]


def render_page(template: str, **context: Any) -> str:
    """A served page: a template whose links lead to the other served pages."""
    return render(template, href=models.served_href, served=True, **context)


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
    filters = ArticleFilter(language=language or None, outlet=outlet or None,
                            since=views.date_filter(since, "from"), until=views.date_filter(until, "to"),
                            sort=sort or "newest")
    return render_page("web_articles.html", **views.articles_page(r, filters, offset, limit))


def entities(r: StoreReader, type: Filter = None, q: SearchText = None, offset: Offset = 0,  # noqa: A002
             limit: Limit = 50) -> str:
    return render_page("web_entities.html", **views.entities_page(r, type or None, q, offset, limit))


def outlets(r: StoreReader, offset: Offset = 0, limit: Limit = 50) -> str:
    return render_page("web_outlets.html", **views.outlets_page(r, offset, limit))


def outlet(name: str, r: StoreReader, offset: Offset = 0, limit: Limit = 50) -> str:
    return render_page("web_outlet.html", **views.outlet_page(r, name, offset, limit))


def add_to(app: FastAPI) -> None:
    """Add the pages to ``app`` itself. An id may hold any character, ``/`` too (a JSON record's or a WARC
    record's id): the ``path`` converter takes it whole, and links quote it (render.views.served_href); so
    may an outlet's name (views.outlet_href)."""
    for path, page in (("/", home), ("/search", search), ("/articles", articles), ("/entities", entities),
                       ("/outlets", outlets), ("/stories/{story_id:path}", story),
                       ("/articles/{article_id:path}", article), ("/entities/{entity_id:path}", entity),
                       ("/outlets/{name:path}", outlet)):
        app.add_api_route(path, page, methods=["GET"], response_class=HTMLResponse, include_in_schema=False)
