"""The one Jinja2 environment of recoupe's templates (static report and served pages alike), and the language of
its interface: English (the source language of every message, and the default) or French (the catalogue
``recoupe/locale/fr/LC_MESSAGES/messages.po``).

All article text is untrusted: everything is autoescaped, always. The language a page is written in is the
context's (``language``): every message of the templates (Jinja2's i18n extension) and of the view models
(``gettext``) is translated into it when it is drawn.
"""
from __future__ import annotations

import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any

LANGUAGES = ("en", "fr")  # the languages of the interface, the source language first
DEFAULT_LANGUAGE = "en"
LOCALE = Path(__file__).resolve().parent.parent / "locale"  # <code>/LC_MESSAGES/messages.po
DOMAIN = "messages"

_language: ContextVar[str] = ContextVar("recoupe_ui_language", default=DEFAULT_LANGUAGE)


def ui_language(code: str | None) -> str:
    """The interface language for ``code`` (``fr``, ``fr-FR``, ``fr_CA``…): one of ``LANGUAGES``, else English."""
    base = (code or "").replace("_", "-").split("-")[0].strip().lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


@cache
def translations(code: str) -> _gettext.NullTranslations:
    """The messages of the interface language ``code``: the catalogue's, none for English (the source)."""
    po = LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == DEFAULT_LANGUAGE or not po.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    # compiled in memory from the .po at first use (babel.messages), no .mo shipped: nothing binary in git to
    # fall out of step with its .po, and a few milliseconds once per process; fuzzy entries are left out
    with po.open("rb") as f:
        catalog = read_po(f, locale=code, domain=DOMAIN)
    mo = BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return _gettext.GNUTranslations(mo)


def current_language() -> str:
    """The interface language of what is drawn now (``language``), English by default."""
    return _language.get()


@contextmanager
def language(code: str | None) -> Iterator[str]:
    """Draw in the interface language for ``code`` (``ui_language``) inside the block; yield it."""
    chosen = ui_language(code)
    token = _language.set(chosen)
    try:
        yield chosen
    finally:
        _language.reset(token)


def set_language(code: str | None) -> str:
    """Make the interface language for ``code`` that of the rest of the current context (a request); return it."""
    chosen = ui_language(code)
    _language.set(chosen)
    return chosen


def gettext(message: str) -> str:
    """``message`` in the current interface language."""
    return translations(_language.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """``singular`` or ``plural`` in the current interface language, as its plural rule has it for ``n``."""
    return translations(_language.get()).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 (the marker's usual name, one of pybabel's keywords)
    """``message`` itself: marks a constant for extraction, translated by ``gettext`` where it is drawn."""
    return message


@lru_cache(maxsize=1)
def environment() -> Any:
    """The Jinja2 environment of ``render/templates/``, autoescaping everything; its ``_``/``gettext``/
    ``ngettext`` (new-style: ``%(name)s`` placeholders, escaped) speak the current interface language."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    from .views import article_label, entity_type, reason, reuse_kind

    env = Environment(loader=PackageLoader("recoupe.render", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["article_label"] = article_label  # the one label of an article, on every page
    env.globals["entity_type"] = entity_type  # PER, ORG, LOC, MISC as a reader says them
    env.globals["reuse_kind"] = reuse_kind  # a reuse edge's kind, and why it goes one way or joins an origin
    env.globals["reason"] = reason
    return env


def render(template: str, lang: str | None = None, **context: Any) -> str:
    """A template rendered with ``context``, in the interface language ``lang`` (default: the current one);
    ``ui_lang`` is that language's code (the ``lang`` of ``<html>``)."""
    with language(lang or _language.get()) as code:
        return str(environment().get_template(template).render(ui_lang=code, **context))
