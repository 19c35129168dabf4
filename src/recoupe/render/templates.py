"""The one Jinja2 environment of recoupe's templates (static report and served pages alike).

All article text is untrusted: everything is autoescaped, always.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def environment() -> Any:
    """The Jinja2 environment of ``render/templates/``, autoescaping everything."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    from .views import article_label

    env = Environment(loader=PackageLoader("recoupe.render", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals["article_label"] = article_label  # the one label of an article, on every page
    return env


def render(template: str, **context: Any) -> str:
    """A template rendered with ``context``."""
    return str(environment().get_template(template).render(**context))
