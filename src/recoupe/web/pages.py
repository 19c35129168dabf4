"""The HTML pages: the stories of the latest analysis (with the upload form), a story, an article, an entity.

Each handler renders the template of its page with what a view function (views.py) gives; none is in the
OpenAPI document.
"""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from ..render import views as models
from ..render.templates import render
from . import views
from .dependencies import AppSettings, StoreReader
from .schemas import Limit, Offset
from .uploads import MAX_UPLOAD, UPLOAD_TYPES


def render_page(template: str, **context: Any) -> str:
    """A served page: a template whose links lead to the other served pages."""
    return render(template, href=models.served_href, **context)


def home(request: Request, r: StoreReader, settings: AppSettings, offset: Offset = 0, limit: Limit = 50) -> str:
    return render_page("web_stories.html", **views.home_page(r, offset, limit), max_upload=MAX_UPLOAD,
                       types=UPLOAD_TYPES, token_needed=bool(settings.token), csp_nonce=request.state.csp_nonce)


def story(story_id: str, r: StoreReader, offset: Offset = 0, limit: Limit = 50) -> str:
    return render_page("web_story.html", **views.story_page(r, story_id, offset, limit))


def article(article_id: str, r: StoreReader) -> str:
    return render_page("web_article.html", **views.article_page(r, article_id))


def entity(entity_id: str, r: StoreReader) -> str:
    return render_page("web_entity.html", **views.entity_page(r, entity_id))


def add_to(app: FastAPI) -> None:
    """Add the pages to ``app`` itself. An id may hold any character, ``/`` too (a JSON record's or a WARC
    record's id): the ``path`` converter takes it whole, and links quote it (render.views.served_href)."""
    for path, page in (("/", home), ("/stories/{story_id:path}", story), ("/articles/{article_id:path}", article),
                       ("/entities/{entity_id:path}", entity)):
        app.add_api_route(path, page, methods=["GET"], response_class=HTMLResponse, include_in_schema=False)
