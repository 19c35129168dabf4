"""HTML pages: the article body through trafilatura, and the article's title from what the page declares.

trafilatura reads the DOM, which plain text has lost: its body is kept as it comes, with only the line
rules of clean_plain that the extraction benchmark shows still help after it (``HTML_RULES``, measured by
``bench/extraction.py``). The others cut real text there: a heading or a list of the body reads as a
headline variant or a byline once the page's own title is known.

The title is chosen among the page's own declarations (og:title, twitter:title, the h1s, <title>) by
their agreement, each stripped of the site's name, which is learned from the page itself: og:site_name,
application-name, the host name, and what <title> adds around the headline that the h1 or og:title shows.
The JSON-LD ``headline`` is left out: the benchmark takes it as the publisher's gold.

A paywall stub is no article: a page whose markup says it is not free to read (schema.org's
``isAccessibleForFree`` false, in JSON-LD or microdata: Google's markup for paywalled content) and whose
body is short shows only a subscriber's teaser; it is an InputError R037. A long body under the same markup
is a subscriber's copy, and an article.

A page of links is no article either: a section page or a menu, where trafilatura finds no prose and falls
back to the navigation, gives a body made of link labels. Its link density (the share of the body's words
that are the text of links, as the page's blocks show them) is over NOT_ARTICLE_LINK_DENSITY: an InputError
R005 that says so.
"""
from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import textblocks
from .clean import clean_plain
from .dates import parse_date
from .errors import R005_NO_TEXT, R037_PAYWALL, InputError
from .records import Cleaned, Removal
from .text import fold, host

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# The rules of clean_plain run on trafilatura's body, chosen by bench/extraction.py --ablate (README, "HTML
# pages"): each raises F1 there, or leaves it as it is and takes out only page furniture (comment form;
# related link: a read-more link's headline; stray punctuation: a body of "<<<>>>" is no article). The
# others take real text out of trafilatura's body: headings and list items (headline variant, after the
# article body, short line under the title), URLs and dates printed in the article (source URL, page date).
# Under three words, what trafilatura finds is debris of a page without an article (a stray letter, a button):
# no headline is that short either.
_MIN_BODY_WORDS = 3
# A body shorter than this under "isAccessibleForFree: false" is a paywall's teaser. Calibrated on the 181 article
# pages of the extraction benchmark (bench-data's article-extraction, gold bodies, words as textblocks.tokens
# counts them): the shortest real article there is 69 words (a breaking-news brief), then 73, 84; the median 552.
# Of its 9 pages marked not free, 7 are subscribers' copies: 510 words and more as extracted here; 2 are WSJ
# teasers (gold 69 and 92 words, 98 and 110 extracted): over this bound, they stay articles of what they show.
PAYWALL_MAX_WORDS = 60
# Over this share of its words in link text, a body is a page of links (a menu, a section page), not an article:
# link density, the boilerplate literature's signal for navigation (Kohlschütter et al. 2010, "Boilerplate
# detection using shallow text features"; jusText's max_link_density), here over the whole body, each line
# weighed by the page's block of the same text. Calibrated on the 181 article pages of the extraction benchmark
# (bench-data's article-extraction, the body as clean_html extracts it): the highest real article is 0.39 (a
# newsletter's "10 things in tech", each item a summary of a linked story), then 0.25 and 0.23, the median 0.013;
# the bound leaves half as much again above that, since a real article lost costs more than a menu kept. A menu
# measures 1.0, a section page of headline links 0.95.
NOT_ARTICLE_LINK_DENSITY = 0.6
HTML_RULES: frozenset[str] = frozenset({"repeated title", "read-more link", "related link", "promotion",
                                        "source line", "comment form", "comment section", "stray punctuation"})


def clean_html(html: str, url: str | None = None, rules: Collection[str] = HTML_RULES) -> Cleaned:
    """Clean an HTML page: trafilatura's body with the line rules ``rules`` (names of clean.RULES) applied,
    the title chosen from the page's own declarations. Raises InputError R037 for a paywall stub (a teaser
    under PAYWALL_MAX_WORDS words on a page marked not free to read), R005 for a page of links (over
    NOT_ARTICLE_LINK_DENSITY of the body's words in link text)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=True, include_images=False)
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not body.strip():
        return Cleaned(text="")
    tree = _parse(html)
    page_url = url or getattr(doc, "url", None)
    # trafilatura's title is no fallback: it takes the site's title for the article's ("Headline | Site")
    title = page_title(tree, page_url) if tree is not None else None
    cleaned = clean_plain(body, title=title, detect_body=False, title_in_text=False, rules=rules)
    words = len(textblocks.tokens(cleaned.text))
    if words < _MIN_BODY_WORDS:
        return Cleaned(text="", removed=cleaned.removed)
    if words < PAYWALL_MAX_WORDS and tree is not None and (markup := paywalled(tree)):
        raise InputError(R037_PAYWALL, f"its {markup} says isAccessibleForFree false, and the page shows "
                                       f"{words} words")
    blocks = _blocks(tree) if tree is not None else []
    if (linked := _link_words(cleaned.text, blocks)) > NOT_ARTICLE_LINK_DENSITY * words:
        raise InputError(R005_NO_TEXT, f"a page of links, not an article: {linked} of its {words} words are "
                                       "the text of links")
    date = parse_date(getattr(doc, "date", None) or "") if getattr(doc, "date", None) else None
    outlet = getattr(doc, "sitename", None) or cleaned.outlet or host(page_url)
    removed = cleaned.removed + _dropped_by_extractor([b.text for b in blocks], cleaned, title)
    kept = fold(cleaned.text)
    credits = tuple(c for c in cleaned.credits if fold(c) not in kept)  # a credit line the rules left in the body
    return Cleaned(text=cleaned.text, removed=removed, title=title,
                   page_date=date or cleaned.page_date, published=date or cleaned.published,
                   url=page_url or cleaned.url, outlet=outlet, credits=credits)


def _parse(html: str) -> HtmlElement | None:
    """The page's tree; None when lxml cannot read it."""
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.fromstring(html)
    except ValueError:  # a str with an XML encoding declaration: lxml reads it as UTF-8 bytes
        try:
            return lxml.html.fromstring(html.encode("utf-8", errors="replace"),
                                        parser=lxml.html.HTMLParser(encoding="utf-8"))
        except (etree.ParserError, ValueError):
            return None
    except etree.ParserError:
        return None


# -- paywalls --------------------------------------------------------------------------------------
# Read here from the tree: trafilatura's metadata leaves isAccessibleForFree out, and extruct (which reads all
# structured data) would be a new dependency for one property.

def paywalled(tree: HtmlElement) -> str | None:
    """Where the page says it is not free to read: "JSON-LD" or "microdata" (``isAccessibleForFree`` false,
    "false" or "False", on the page's item or a part of it, ``hasPart``); None when it does not."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json":
            try:
                data = json.loads(script.text or "")
            except ValueError:
                continue  # a publisher's broken JSON-LD: it says nothing
            if any(_false(item.get("isAccessibleForFree")) for item in _items(data)):
                return "JSON-LD"
    for element in tree.iter():
        if "isAccessibleForFree" in (element.get("itemprop") or "").split() and _false(
                element.get("content") if element.get("content") is not None else element.text_content()):
            return "microdata"
    return None


def _items(data: Any) -> Iterator[dict[str, Any]]:
    """The JSON-LD objects that describe the page: those given, those of an ``@graph``, and their parts
    (``hasPart``, a ``mainEntity``), not the other things they name (an author, a list of other articles)."""
    if isinstance(data, list):
        for one in data:
            yield from _items(one)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "hasPart", "mainEntity"):
            if key in data:
                yield from _items(data[key])


def _false(value: object) -> bool:
    return value is False or (isinstance(value, str) and value.strip().lower() == "false")


# -- what trafilatura left out ----------------------------------------------------------------------

def _dropped_by_extractor(lines: list[str], cleaned: Cleaned, title: str | None) -> tuple[Removal, ...]:
    """The page's visible lines that trafilatura left out, so that the reader sees what was dropped."""
    kept = fold(cleaned.text)
    seen = {fold(r.text) for r in cleaned.removed} | {fold(title or "")}
    out = []
    for line in lines:
        key = fold(line)
        if key and key not in seen and key not in kept:
            seen.add(key)
            out.append(Removal(line.strip(), "outside the article body"))
    return tuple(out)


_BLOCKS = ("p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption",
           "caption", "dt", "dd", "pre", "address", "label", "button", "option", "header",
           "footer", "nav", "aside", "section", "article", "main", "form", "figure")


@dataclass(frozen=True, slots=True)
class _Block:
    """One innermost block of a page: its visible text, whitespace collapsed, and how many of its words are the
    text of a link (inside an <a>, or all of them when the block itself sits in one: a teaser card)."""

    text: str
    linked: int


def _blocks(tree: HtmlElement) -> list[_Block]:
    """The page's innermost blocks, in order (scripts and styles left out; the tree is changed)."""
    from lxml import etree

    etree.strip_elements(tree, "script", "style", "noscript", "template", etree.Comment, with_tail=False)
    out = []
    for element in tree.iter(*_BLOCKS):
        if any(child.tag in _BLOCKS for child in element.iterdescendants()):
            continue  # only innermost blocks, so that no text is listed twice
        text = " ".join(" ".join(element.itertext()).split())
        if not text:
            continue
        if next(element.iterancestors("a"), None) is not None:
            linked = len(textblocks.tokens(text))
        else:
            linked = sum(len(textblocks.tokens(" ".join(a.itertext()))) for a in element.iter("a"))
        out.append(_Block(text, linked))
    return out


# trafilatura writes a list item as "- item"
_LIST_MARK = re.compile(r"^\s*[-*]\s+")


def _link_words(body: str, blocks: list[_Block]) -> int:
    """How many of the body's words are the text of links: each line counts the linked words of the page's block
    that shows the same text (the least linked one, when several do: a headline is also a link elsewhere on
    its page); a line the extractor rewrote (no block shows it) counts none."""
    linked: dict[str, int] = {}
    for block in blocks:
        key = _spaceless(block.text)
        linked[key] = min(block.linked, linked.get(key, block.linked))
    total = 0
    for line in body.splitlines():
        if line.strip() and (n := linked.get(_spaceless(_LIST_MARK.sub("", line)))):
            total += min(n, len(textblocks.tokens(line)))
    return total


def _spaceless(text: str) -> str:
    """The text folded, without its spaces: a block's text puts a space at each inline tag ("district</a>;"
    reads "district ;"), which the extractor's line does not."""
    return "".join(fold(text).split())


# -- the title --------------------------------------------------------------------------------------
# Each declaration of the headline is one voter: the social one (og:title, or twitter:title when there
# is no og:title: both are filled from the same field of a CMS), the h1s, <title>. The headline is the text
# most of them give, once each is stripped of the site's name; on a tie, or when none agree, the first
# in _PRIORITY: the h1 is the headline the reader sees, og:title the one the publisher declares for sharing
# (it is rewritten for search engines less often than <title>).
_PRIORITY = ("h1", "social", "title")
# between a headline and a site or section name: " | ", " - ", " – ", " — ", " · ", " • ", " » ", " :: "
_SEPARATOR = re.compile(r"\s+(?:[|•·»~]|::|[-–—])\s+|\s*\|\s*")
_SEPARATOR_END = re.compile(r"(?:\s+(?:[|•·»~]|::|[-–—])|\s*\|)\s*$")
_MIN_HEADLINE_WORDS = 3
_MAX_SITE_WORDS = 10  # what <title> adds around a headline is a site and sections, never a long text
_MAX_TITLE_WORDS = 40  # an h1 longer than this is a block of text, not a headline


@dataclass(frozen=True, slots=True)
class _Declared:
    """One declaration of the headline on the page."""

    source: str  # "h1", "social" or "title"
    text: str


def page_title(tree: HtmlElement, url: str | None = None) -> str | None:
    """The article's title as the page declares it; None when the page declares only its site's name."""
    page_host = _page_host(tree, url)
    declared = _declarations(tree, page_host)
    sites = _site_names(tree, page_host, declared)
    votes: dict[str, list[_Declared]] = {}
    for item in declared:
        text = _strip_site(item.text, sites)
        key = _compact(text)
        if key and key not in sites:  # the site's own name is never the article's title
            votes.setdefault(key, []).append(_Declared(item.source, text))
    if not votes:
        return None
    rank = {source: i for i, source in enumerate(_PRIORITY)}

    def strength(group: list[_Declared]) -> tuple[int, int]:
        return len({d.source for d in group}), -min(rank[d.source] for d in group)

    best = max(votes.values(), key=strength)
    return min(best, key=lambda d: rank[d.source]).text


def _declarations(tree: HtmlElement, page_host: str | None) -> list[_Declared]:
    """og:title (or twitter:title), each h1 of the body but the site's logo, <title>: whitespace and
    entities normalised."""
    social = _meta(tree, "og:title") or _meta(tree, "twitter:title")
    out = [_Declared("social", social)] if social else []
    for h1 in tree.iter("h1"):
        if any(a.tag in ("head", "script", "noscript", "template") for a in h1.iterancestors()):
            continue
        if _links_home(h1, page_host):
            continue  # the site's name or logo, linking to its home page
        text = _normal(" ".join(h1.itertext()))
        if text and len(text.split()) <= _MAX_TITLE_WORDS:
            out.append(_Declared("h1", text))
    title = tree.find(".//title")
    if title is not None and (text := _normal(title.text_content())):
        out.append(_Declared("title", text))
    return out


def _meta(tree: HtmlElement, name: str) -> str:
    """The content of the first <meta property=name> or <meta name=name>, normalised ('' when absent)."""
    for meta in tree.iter("meta"):
        if name in (meta.get("property"), meta.get("name")) and (content := _normal(meta.get("content") or "")):
            return content
    return ""


def _normal(text: str) -> str:
    import html as html_lib

    text = " ".join(text.split())
    return " ".join(html_lib.unescape(text).split()) if "&" in text else text  # entities escaped twice


def _compact(text: str) -> str:
    """Letters and digits only, folded: "CTV News", "CTVNews" and "ctvnews.ca" share "ctvnews"."""
    return re.sub(r"\W|_", "", fold(text))


def _page_host(tree: HtmlElement, url: str | None) -> str | None:
    """The page's host name without "www.": from its URL, else from og:url or the canonical link."""
    canonical = next((link.get("href") for link in tree.iter("link") if link.get("rel") == "canonical"), None)
    name = host(url or _meta(tree, "og:url") or canonical)
    return name.removeprefix("www.") if name else None


def _links_home(h1: HtmlElement, page_host: str | None) -> bool:
    """Whether the h1 is, or holds, a link to the site's home page."""
    from urllib.parse import urlsplit

    links = [a for a in h1.iterancestors("a")] + list(h1.iter("a"))
    for link in links:
        target = urlsplit((link.get("href") or "").strip())
        if target.path in ("", "/") and not target.query and (
                not target.netloc or target.netloc.removeprefix("www.") == page_host):
            return True
    return False


def _site_names(tree: HtmlElement, page_host: str | None, declared: list[_Declared]) -> set[str]:
    """The site's names, compacted: og:site_name (and each part of it), the host name with and without its
    suffix, and what <title> adds around the headline that another declaration shows."""
    given = _meta(tree, "og:site_name")
    names = {_compact(part) for part in [given, *_SEPARATOR.split(given)]}
    if page_host:
        names |= {_compact(page_host), _compact(page_host.split(".")[0])}
    names.discard("")
    learned: set[str] = set()
    for title in (d.text for d in declared if d.source == "title"):
        for other in declared:
            if other.source != "title" and _compact(other.text) not in names:
                learned |= {_compact(part) for part in _added_around(title, other.text)}
    return (names | learned) - {""}


def _added_around(title: str, headline: str) -> list[str]:
    """What a <title> holds before or after a headline, between separators ("Headline | Site | Section")."""
    if len(headline.split()) < _MIN_HEADLINE_WORDS or len(title) == len(headline):
        return []  # a word or two shown elsewhere is the site's logo or a section, not the headline
    index = title.find(headline)
    if index < 0 and len(title.lower()) == len(title):
        index = title.lower().find(headline.lower())
    if index < 0:
        return []
    before, after = title[:index], title[index + len(headline):]
    if (before and not _SEPARATOR_END.search(before)) or (after and not _SEPARATOR.match(after)):
        return []  # the headline runs on into more words: the <title> is another wording of it
    if len((before + after).split()) >= min(len(headline.split()), _MAX_SITE_WORDS):
        return []  # a site's name is shorter than the headline: this "headline" is the site's name
    out = []
    for part in (before, after):
        if part.strip():
            out += [part.strip(" |•·»~:-–—"), *(p for p in _SEPARATOR.split(part) if p.strip())]
    return out


def _strip_site(text: str, sites: set[str]) -> str:
    """The text without the site or section names at its ends ("Headline | Section | Site",
    "Site - Headline", "Site: Headline"); the text as it is when it is nothing but such names."""
    parts = _SEPARATOR.split(text)
    seps = _SEPARATOR.findall(text)
    first, last = 0, len(parts)
    while last - first > 1 and _compact(parts[last - 1]) in sites:
        last -= 1
    while last - first > 1 and _compact(parts[first]) in sites:
        first += 1
    kept = parts[first] + "".join(sep + part for sep, part in zip(seps[first:last - 1], parts[first + 1:last],
                                                                    strict=True))
    head, colon, rest = kept.partition(": ")
    if colon and rest.strip() and _compact(head) in sites:
        kept = rest
    return kept.strip()
