"""An article's identity and its versions: what the store keys an article, and its analysis, by.

The key (``Article.content_hash``, the store's ``articles.hash``) is a SHA-256 of everything the analysis
of an input depends on: its raw content, every field its input gave with it (``Page``: format, HTML or not,
title, URL, date, language; the outlet and which fields a sidecar or front matter gave, only when there are;
not where it was found: id, path, location) and the analyser that reads it (recoupe's ``__version__`` and
``READING_VERSION``). The same file read again by the same recoupe has the same key: it is the same article,
stored once, whatever its name.

Versions. The raw content alone has its own hash (``Article.raw_hash``). An input whose raw text is known
but whose key is not is either
- the same article: it reads to exactly what a known version reads to (``same_reading``: a file stored by
  an older recoupe, or before keys covered metadata, or sent again with metadata that changes nothing). It
  takes that version's key and id; nothing stored changes.
- a new version of that article: same text, other metadata (another title, URL, date...). It is kept beside
  the earlier versions, never over them: its id is the first version's id followed by ``~v`` and its number
  (``004_7cf4~v2``), ``version`` its number, ``version_of`` the first version's id; the store dates each
  version (``articles.first_seen``). The first version keeps the input's own id, as before versions existed.

A stored parse is keyed by the article's key and the exact clean text it was made from (``parse_key``), and
the model: it is reused only for that article and that text (``nlp.parse`` also checks the Doc's text before
using it, and parses again when it differs).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import fields

from ._version import __version__
from .records import Article, Page

# Bump when reading or cleaning gives another article for the same input (without a release of recoupe):
# stored inputs read again then come back as new versions, unless they read the same as before.
READING_VERSION = 1
ANALYSER = f"recoupe {__version__}, reading {READING_VERSION}"
_NOT_IDENTITY = ("id", "path", "location", "content")  # where an input was found, and the content (hashed apart)
# fields Page gained later: keyed only when given, so that the keys of inputs without them do not change
_LATER = ("outlet", "origins")
# what reading an input gives: two readings of one raw text that agree on all of these are one article
READ_FIELDS = ("title", "url", "published", "page_date", "outlet", "language", "title_language", "text", "removed",
               "credits")


def key(page: Page) -> str:
    """The article's key: a SHA-256 of the analyser, every field its input gave, and its raw content."""
    given = {f.name: getattr(page, f.name) for f in fields(Page) if f.name not in _NOT_IDENTITY
             and not (f.name in _LATER and not getattr(page, f.name))}
    head = json.dumps({"analyser": ANALYSER, **given}, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(head.encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update(page.content.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def raw_hash(page: Page) -> str:
    """The SHA-256 of the raw content alone, shared by the versions of one article (the key before versions)."""
    return hashlib.sha256(page.content.encode("utf-8", "surrogatepass")).hexdigest()


def raw_of(article: Article) -> str:
    """The raw hash of an article; one made without it (a test's, a benchmark's) stands for its own raw text."""
    return article.raw_hash or article.content_hash


def parse_key(key: str, text: str) -> str:
    """The key of a parse: a SHA-256 of the article's key and of the exact clean text parsed."""
    return hashlib.sha256(f"{key}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()


def parse_key_of(article: Article) -> str:
    """The key of an article's parse (``parse_key``)."""
    return parse_key(article.content_hash, article.text)


def differences(new: Article, old: Article) -> list[str]:
    """The fields of ``READ_FIELDS`` in which ``new`` reads otherwise than ``old`` (``published`` only when ``new``
    has one: an analysis gives a stored article without its own date the date of its story)."""
    return [name for name in READ_FIELDS
            if getattr(new, name) != getattr(old, name) and not (name == "published" and new.published is None)]


def same_reading(new: Article, old: Article) -> bool:
    """Whether ``new``, of the same raw text as ``old``, is the same article: nothing reading gives differs."""
    return raw_of(new) == raw_of(old) and not differences(new, old)


def version_id(first: str, number: int) -> str:
    """The id of version ``number`` (2, 3...) of the article whose first version is ``first``."""
    return f"{first}~v{number}"
