"""Feeds and sitemaps: what a document lists, read from its bytes (no network; ``fetch`` downloads them).

RSS (0.9x, 1.0, 2.0) and Atom are read by feedparser; sitemaps (``<urlset>``, Google news sitemaps,
``<sitemapindex>``), gzipped or not, by lxml. The sitemap libraries (ultimate-sitemap-parser,
trafilatura.sitemaps) are not used: they download the sitemaps themselves, around recoupe's robots.txt,
per-host delay and WARC. A document that is neither is an InputError (R038) naming what it is.

Dates become ISO 8601: a date with a time in UTC ("2024-05-14T06:30:00+00:00"), a date alone stays a date
("2024-05-14"), one that cannot be read is None.
"""
from __future__ import annotations

import io
import json
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from time import struct_time
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urljoin

from .errors import R012_TOO_LARGE, R038_NOT_A_LISTING, InputError
from .limits import DEFAULT, MB

if TYPE_CHECKING:
    from lxml.etree import _Element

log = logging.getLogger(__name__)

MAX_URLS = 50_000  # the sitemap protocol's limit of URLs per sitemap (and of sitemaps per index)
INFLATE = 10  # a gzipped sitemap is decompressed up to this many times the size limit per file, like a WARC
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
_FEED_ROOTS = {"rss", "RDF", "feed", "channel"}  # RSS 0.9x/2.0, RSS 0.90/1.0 (RDF), Atom; RSS 0.91's loose form
_SITEMAP_ROOTS = {"urlset", "sitemapindex"}
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html|<head|<body)",
                         re.IGNORECASE | re.DOTALL)
_DATE_ONLY = re.compile(r"^\s*(\d{4})(-\d\d)?(-\d\d)?\s*$")  # W3C datetime's year, year-month, date
_HAS_TIME = re.compile(r"\d:\d|T\d")  # a time of day in any of the formats feeds write dates in


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a feed or a sitemap."""

    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601 as the feed gives it (a date stays a date); None if absent or unreadable


@dataclass(frozen=True, slots=True)
class Listing:
    """What a feed or sitemap document lists."""

    url: str  # the document's own URL
    kind: Literal["rss", "atom", "sitemap", "sitemap-index", "news-sitemap"]
    title: str | None = None
    items: tuple[Item, ...] = ()
    sitemaps: tuple[str, ...] = ()  # a sitemap index's sitemaps (to be fetched in turn)


def read_listing(data: bytes, url: str) -> Listing:
    """What the feed or sitemap ``data`` (fetched from ``url``) lists, links made absolute against ``url``.

    Raises InputError R038 naming what the document is when it is neither a feed nor a sitemap ("an HTML
    page", "empty", "JSON"), R012 when a gzipped document is over ``INFLATE`` times the size limit decompressed.
    """
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, INFLATE * DEFAULT.max_bytes)
    if not data.strip():
        raise InputError(R038_NOT_A_LISTING, "empty")
    root, error = _root(data)
    if root in _SITEMAP_ROOTS:
        return _sitemap(data, url, index=root == "sitemapindex")
    if root is None or root in _FEED_ROOTS:
        listing = _feed(data, url, root is not None)
        if listing is not None:
            return listing
    raise InputError(R038_NOT_A_LISTING, _what(data, root, error))


# -- feeds ------------------------------------------------------------------------------------------

def _feed(data: bytes, url: str, xml_feed_root: bool) -> Listing | None:
    """The feed's entries with a link; None when feedparser finds no feed in ``data``: neither a feed's
    version nor a feed's root element, or neither entries nor a title (a "bozo" feed, not well-formed, that
    still has entries or a title is read: feedparser's loose parser read it)."""
    import feedparser

    # a stream, not the bytes: feedparser opens bytes that read as a path as a local file, a str as a URL.
    # content-location: feedparser resolves relative links (and xml:base) against the feed's own URL;
    # content-type: without one, every feed is "bozo" ("no Content-type specified")
    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": url,
                                                                  "content-type": "application/xml"})
    version = str(parsed.get("version") or "")
    title = _text(parsed.feed.get("title"))
    if not (version or xml_feed_root) or not (parsed.entries or title):
        return None
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link.strip():
            continue  # an entry with nothing to fetch (a note, a podcast's episode without a page)
        published = _struct_date(entry.get("published_parsed"), entry.get("published")) or _struct_date(
            entry.get("updated_parsed"), entry.get("updated"))
        items.append(Item(urljoin(url, link.strip()), _text(entry.get("title")), published))
    return Listing(url, "atom" if version.startswith("atom") else "rss", title, tuple(items))


def _struct_date(parsed: struct_time | None, given: str | None) -> str | None:
    """An entry's date: feedparser's reading of it (a struct_time in UTC), as ISO 8601; a date given without
    a time of day stays a date (feedparser gives it as midnight UTC, which it is not)."""
    if parsed is None:
        return None
    try:
        when = datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None
    if given and not _HAS_TIME.search(given):
        return when.date().isoformat()
    return when.isoformat(timespec="seconds")


def _text(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


# -- sitemaps ---------------------------------------------------------------------------------------

def _sitemap(data: bytes, url: str, *, index: bool) -> Listing:
    """A sitemap's URLs (with their lastmod, or a news sitemap's title and publication date), or a sitemap
    index's sitemaps; the first ``MAX_URLS`` of them. A URL written with an entity of the document's DTD is
    left out: entities are not expanded (billion laughs), so its text is not the URL."""
    items: list[Item] = []
    sitemaps: list[str] = []
    news = False
    try:
        for element in _elements(data):
            name = _local(element)
            if name not in ("url", "sitemap"):
                continue
            if len(items) + len(sitemaps) >= MAX_URLS:
                log.warning("%s lists more than %d URLs, the sitemap protocol's limit: the first %d are read",
                            url, MAX_URLS, MAX_URLS)
                break
            loc = _child(element, SITEMAP_NS, "loc")
            if loc is not None and name == "sitemap":
                sitemaps.append(urljoin(url, loc))
            elif loc is not None:
                item = _news_item(element, url, loc)
                news = news or item is not None
                items.append(item or Item(urljoin(url, loc), None, _w3c_date(_child(element, SITEMAP_NS, "lastmod"))))
            element.clear()  # with the entries read before it: a sitemap of 50,000 URLs is read in little memory
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
    except _XMLError as err:
        if not items and not sitemaps:
            raise InputError(R038_NOT_A_LISTING, f"a sitemap that cannot be read ({err})") from err
        log.warning("%s is cut or broken after %d URLs (%s): those are read", url, len(items) + len(sitemaps), err)
    if index:
        return Listing(url, "sitemap-index", sitemaps=tuple(sitemaps))
    return Listing(url, "news-sitemap" if news else "sitemap", items=tuple(items))


def _news_item(element: _Element, url: str, loc: str) -> Item | None:
    """The item of a <url> that holds a <news:news> (its title and publication date); None without one."""
    block = element.find(f"{{{NEWS_NS}}}news")
    if block is None:
        return None
    published = _w3c_date(_child(block, NEWS_NS, "publication_date")) or _w3c_date(
        _child(element, SITEMAP_NS, "lastmod"))
    return Item(urljoin(url, loc), _text(_child(block, NEWS_NS, "title")), published)


def _w3c_date(text: str | None) -> str | None:
    """A sitemap's date (W3C datetime, a profile of ISO 8601) as ISO 8601: a date alone as it is given
    ("2024", "2024-05", "2024-05-14"), a date and time in UTC (one without a zone is read as UTC, as
    feedparser reads feeds); None when it is not such a date."""
    if not text:
        return None
    if m := _DATE_ONLY.match(text):
        try:
            datetime(int(m[1]), int((m[2] or "-01")[1:]), int((m[3] or "-01")[1:]))
        except ValueError:
            return None
        return text.strip()
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return when.isoformat(timespec="seconds")


def _child(element: _Element, namespace: str, name: str) -> str | None:
    """The text of ``element``'s child ``name`` (in ``namespace``, or in none: sitemaps written without
    theirs), whitespace stripped; None when absent, empty, or holding an entity reference (not expanded)."""
    found = element.find(f"{{{namespace}}}{name}")
    if found is None:
        found = element.find(name)
    if found is None or len(found):  # an element, comment or unexpanded entity inside: not a plain value
        return None
    return (found.text or "").strip() or None


# -- the XML itself ---------------------------------------------------------------------------------

class _XMLError(Exception):
    """lxml's XMLSyntaxError, under a name that does not import lxml at module load."""


def _elements(data: bytes) -> Iterator[_Element]:
    """Every element of an XML document as it ends, read by lxml without expanding entities, without
    reading a DTD or anything on the network, and with libxml2's limits on a node's size kept (huge_tree off)."""
    from lxml import etree

    try:
        for _event, element in etree.iterparse(io.BytesIO(data), events=("end",), resolve_entities=False,
                                               load_dtd=False, no_network=True, huge_tree=False,
                                               remove_comments=True, remove_pis=True):
            yield element
    except etree.XMLSyntaxError as err:
        raise _XMLError(str(err)) from err


def _root(data: bytes) -> tuple[str | None, str | None]:
    """The local name of the document's root element, or None and why when ``data`` is not XML up to its first
    element (libxml2 refuses a DTD whose entities would expand past its amplification limit: billion laughs)."""
    from lxml import etree

    try:
        for _event, element in etree.iterparse(io.BytesIO(data), events=("start",), resolve_entities=False,
                                               load_dtd=False, no_network=True, huge_tree=False):
            return _local(element), None
    except etree.XMLSyntaxError as err:
        return None, str(err)
    return None, "no element"


def _local(element: _Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _what(data: bytes, root: str | None, error: str | None) -> str:
    """What a document that is neither a feed nor a sitemap is, in words."""
    if root == "html" or _HTML_START.match(data[:4096]):
        return "an HTML page"
    if root is not None:
        return f"an XML document whose root element is <{root}>"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return f"XML that cannot be read ({error})"
    head = data[:1].lstrip() or data.lstrip()[:1]
    if head in (b"{", b"["):
        try:
            json.loads(data)
        except ValueError:
            pass
        else:
            return "JSON"
    if b"\x00" in data[:1024]:
        return "binary data"
    return "text that is not XML"


def _gunzip(data: bytes, budget: int) -> bytes:
    """gzip data decompressed (member after member), at most ``budget`` bytes of it: a gzip bomb is cut there.

    zlib rather than the stdlib's gzip module, whose decompress has no bound on its output."""
    out: list[bytes] = []
    left = budget
    rest = data
    while rest[:2] == b"\x1f\x8b":
        inflater = zlib.decompressobj(wbits=31)
        try:
            chunk = inflater.decompress(rest, left + 1)
        except zlib.error as err:
            raise InputError(R038_NOT_A_LISTING, f"corrupt gzip data ({err})") from err
        if len(chunk) > left:
            raise InputError(R012_TOO_LARGE, f"the document holds over {budget // MB} MB once decompressed "
                                             f"({INFLATE} times the limit per file)")
        out.append(chunk)
        left -= len(chunk)
        rest = inflater.unused_data
    return b"".join(out)
