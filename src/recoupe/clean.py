"""Cleaning: a page's body text with the boilerplate taken out, and the metadata the page shows.

HTML goes through trafilatura (htmlpage.py). Already-scraped plain text has lost its DOM, so it goes
through a line-level remover written here: no library handles what scrapers leave in a text file (comment
forms, "Lire la suite" links, captions glued to titles, repeated titles, lone agency signatures).
Every line or fragment taken out is kept, with its reason, in ``removed``: nothing else is lost.
"""
from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache

from . import identity, lang, textblocks
from .dates import dates_in, looks_like_date, parse_date, refine, signed_gap
from .errors import R005_NO_TEXT, InputError
from .metadata import FRONT_MATTER, front_matter
from .records import Article, Cleaned, Page, Removal
from .text import DATELINE, READ_MORE, TYPOGRAPHY, fold, host, sentences

LINES_KEPT = 8192  # lines whose words and folded form a process remembers: the rules read each line many times


@lru_cache(maxsize=LINES_KEPT)
def _words(text: str) -> int:
    return len(textblocks.tokens(text))


@lru_cache(maxsize=LINES_KEPT)
def _folded(text: str) -> str:
    """``fold`` of a line or a title, remembered: the rules below fold the same ones again and again."""
    return fold(text)


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?…:;\"'»”)]\s*$", text.translate(TYPOGRAPHY)))


def _is_prose(text: str) -> bool:
    """A body paragraph: a sentence of some length, not a menu item or a label."""
    n = _words(text)
    return (n >= 8 and _ends_sentence(text)) or n >= 20


# -- patterns, all matched on folded text (no accents, straight quotes, lower case) -----------------
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " "})
_MARKUP = re.compile(
    r"<\s*/?\s*(?:span|div|p|a|br|strong|em|b|i|u|img|figure|figcaption|iframe|script|style|section|"
    r"article|h[1-6]|ul|ol|li|table|tr|td|th|font|sup|sub|blockquote|small|center)\b[^<>]{0,200}>",
    re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
# " / Photo: AA (AA)", " | Crédit photo : X" glued after a title or sentence
_CAPTION_SUFFIX = re.compile(
    r"\s+[/|–—-]\s*(?:photo|cr[ée]dit(?: photo)?|credit|image|illustration|copyright)s?\s*:\s*\S.{0,80}$",
    re.IGNORECASE)
# a line that ends with a photo credit after its caption sentence, or is only a credit
_CREDIT_END = re.compile(
    r"(?:^|[.!?\"]\s+)(?:(?:photo|credit(?: photo)?|image|illustration|copyright)s?\s*:\s*[^.]{1,80}"
    r"|\(?(?:photo|image)s? (?:by|de|:)[^.]{1,60}\)?"
    r"|©\s*[^.]{1,60})\.?$")
# "Sputnik/Alexey Nikolsky", "AFP/Getty Images": agency/photographer after a caption sentence
_AGENCY_SLASH = re.compile(r"(?:^|[.!?»”\"]\s+)[A-Z][\w&.-]*(?: [A-Z][\w&.-]*)?\s?/\s?[A-Z][\w.'-]*"
                           r"(?: [A-Z][\w.'-]*){0,3}\.?$")
# a promotion: a phrase anywhere ("newsletters" too), a word ("cookies"), or a label alone on its line
_PROMO = re.compile(lang.alternation(lang.union("PROMOTIONS"))
                    + r"|(?:" + lang.alternation(lang.union("PROMOTION_WORDS")) + r")\b"
                    + r"|^(?:" + lang.alternation(lang.union("PROMOTION_LABELS")) + ")$")
# a comment form: a line opening one, a notice anywhere in it, or a count ("12 commentaires")
_COMMENT_FORM = re.compile(r"^(?:" + lang.alternation(lang.union("COMMENT_FORM_OPENINGS")) + ")"
                           + "|" + lang.alternation(lang.union("COMMENT_FORM_NOTICES"))
                           + r"|^(?:\d+ )?(?:" + lang.alternation(lang.union("COMMENT_COUNT_LABELS")) + ")$")
_SOURCE_LINE = re.compile(r"^(?:" + lang.alternation(lang.union("SOURCE_LABELS") | lang.union("CREDIT_LABELS")
                                                     | lang.union("WITH_WORDS")) + r")\s*:\s*(?P<who>.{2,80})$",
                          re.IGNORECASE)
_BYLINE = re.compile(r"^(?:" + lang.alternation(lang.union("BYLINE_WORDS")) + "|(?:"
                     + lang.alternation(lang.union("CORRESPONDENT_BYLINES")) + r")\w*)\s+(?P<who>[A-Z][^.!?]{1,60})$")
_URL_LINE = re.compile(r"^(?:source\s*:\s*)?(?P<url>https?://\S+)$", re.IGNORECASE)
# a date written before the title, labelled ("date 2022-11", "Publié le 3 mars 2023")
_PUBLISHED_LABELS = tuple(sorted(lang.union("PUBLISHED_LABELS")))
_DATE_LABEL = re.compile(
    r"^(?P<label>" + lang.alternation(lang.union("PUBLISHED_LABELS") | lang.union("UPDATED_LABELS")
                                      | lang.union("DATE_LEADS")) + r")\s*:?\s*", re.IGNORECASE)
# the longest title annotated in the seeds and the dev corpus has 30 words: a longer first sentence is a lead
LEAD_TITLE_WORDS = 40
DATELINE_DAYS = 2  # a wire's dateline may precede the page's date by this much: a later republication, a time zone
# any short label closed by a colon before a date, in whatever language ("Дата публикации: 25 июня 2023")
_COLON_LABEL = re.compile(r"^[^\W\d](?:[^\W\d]|[ '’.-]){0,30}:\s*")
# labels of languages that write a numeric date day first ("Publié le 06/07/2023" is the 6th of July)
_DATE_LABEL_LISTS = ("PUBLISHED_LABELS", "UPDATED_LABELS", "DATE_LEADS")
_DAY_FIRST_LABELS = frozenset(label for code in lang.LANGUAGES if code != "en" for name in _DATE_LABEL_LISTS
                              for label in getattr(lang.get(code), name)) - {
                                  label for name in _DATE_LABEL_LISTS for label in getattr(lang.get("en"), name)}
_CLOCK_TIME = re.compile(r"(?<![\d.,])\d{1,2}\s?[h:]\s?\d{2}(?!\d|[.,]\d)")  # "21:08", "14h33", "14 h 33"
_TIME_TAIL = re.compile(r"\s*(?:,|a|at|-|–)?\s*\d{1,2}\s*[h:]\s*\d{2}.*$", re.IGNORECASE)
# an agency or outlet signature: "AA", "AFP", "CNN", "BBC News", "(Reuters)"; a lone capitalised word
# ("Twitter", "Related") is a button or a label, not a signature
_OUTLET_LIKE = re.compile(r"^(?:\(?[A-Z][A-Z0-9&.-]{1,9}(?: [A-Z][A-Za-z]+)?\)?|\([A-Z][a-z]+\))$")
_OUTLET_SPLIT = re.compile(r"\s+(?:" + lang.alternation(lang.union("AND_WORDS") | lang.union("WITH_WORDS"))
                           + r")\s+|[,;/]")


# Every rule of clean_plain that takes text out, by name: the reason it records, or the name given apart
# where two rules record the same reason ("short line under the title": the header's short lines, which
# are recorded as bylines). clean_plain(rules=...) runs only the named ones: the HTML path keeps those
# that the extraction benchmark shows help after trafilatura (htmlpage.HTML_RULES).
RULES: frozenset[str] = frozenset({
    "stray markup", "photo caption", "page date", "stray punctuation", "source URL", "read-more link", "promotion",
    "source line", "byline", "comment form", "comment section", "title, standfirst and caption glued together",
    "repeated title", "section name", "reading time", "navigation bar", "figures or icons", "above the headline",
    "short line under the title", "headline variant", "signature", "after the article body", "related link",
    "outside the article body"})


@dataclass(slots=True)
class _Line:
    text: str
    blank_before: bool
    number: int  # its place in the page
    removed: str | None = None  # the reason, once the line is taken out


@dataclass(slots=True)
class _Page:
    """Working state while one page is cleaned (mutable here, frozen into a Cleaned at the end)."""

    lines: list[_Line]
    removals: list[tuple[int, Removal]] = field(default_factory=list)  # (line number, removal)
    title: str | None = None
    page_date: str | None = None
    published: str | None = None
    url: str | None = None
    credits: list[str] = field(default_factory=list)
    title_in_text: bool = True
    outlets: dict[str, str] = field(default_factory=dict)  # kind of evidence -> outlet name
    rules: frozenset[str] = RULES  # the rules that may take text out (by name, see RULES)

    def kept(self) -> list[_Line]:
        return [ln for ln in self.lines if ln.removed is None]

    def drop(self, line: _Line, reason: str, rule: str | None = None) -> None:
        """Take a line out for ``reason``, when its rule (the reason unless named apart) runs on this page."""
        if (rule or reason) not in self.rules:
            return
        line.removed = reason
        self.removals.append((line.number, Removal(line.text, reason)))

    def cut(self, line: _Line, start: int, end: int, reason: str) -> None:
        """Take a fragment out of a line (a caption glued to a title, stray markup)."""
        if reason not in self.rules:
            return
        fragment = line.text[start:end].strip()
        if fragment:
            self.removals.append((line.number, Removal(fragment, reason)))
        before, after = line.text[:start], line.text[end:]
        spaced = before != before.rstrip() or after != after.lstrip()
        line.text = (before.rstrip() + (" " if spaced else "") + after.lstrip()).strip()

    def outlet(self) -> str | None:
        for kind in ("source line", "dateline", "byline", "signature", "caption", "url"):
            if kind in self.outlets:
                return self.outlets[kind]
        return None


def clean_plain(text: str, title: str | None = None, detect_body: bool = True,
                title_in_text: bool = True, rules: Collection[str] = RULES) -> Cleaned:
    """Clean already-scraped text.

    ``title`` is the title from the input's metadata when it has one; ``title_in_text`` says whether the
    text starts with its title (a scraped page does; news-please's ``maintext`` and trafilatura's body
    do not). ``rules``: the names (of RULES) of the rules that may take text out; all of them by default.
    """
    page = _Page(_split_lines(text), title=title.strip() if title else None, title_in_text=title_in_text,
                 rules=frozenset(rules))
    _strip_fragments(page)
    # the body region is found on the page as it came, before the rules below take lines out of it
    body = textblocks.keep_mask([ln.text for ln in page.lines]) if detect_body else [True] * len(page.lines)
    _drop_furniture(page)
    _drop_comment_section(page)
    _read_header(page)
    _drop_repeated_titles(page)
    _drop_signatures(page)
    _drop_related_headlines(page)
    _read_dateline(page)
    _date_from_lead(page)
    for line, keep in zip(page.lines, body, strict=True):
        if not keep and line.removed is None:
            page.drop(line, "outside the article body")
    return _finish(page)


# -- the steps of clean_plain, in order -------------------------------------------------------------

def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    blank = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        if _ENTITY.search(stripped):
            stripped = html_lib.unescape(stripped)
        lines.append(_Line(stripped, blank, len(lines)))
        blank = False
    return lines


def _strip_fragments(page: _Page) -> None:
    """Take out stray markup anywhere, and captions or date labels glued to the first lines."""
    for index, line in enumerate(page.lines):
        while (m := _MARKUP.search(line.text)) is not None:
            page.cut(line, m.start(), m.end(), "stray markup")
        if index < 3:
            if (m := _CAPTION_SUFFIX.search(line.text)) is not None and m.start() > 0:
                _note_caption_outlet(page, m.group(0))
                page.cut(line, m.start(), m.end(), "photo caption")
            _strip_date_label(page, line)
        if not line.text.strip() and line.removed is None:
            line.removed = "emptied"


def _date_head(text: str) -> tuple[str, bool, int] | None:
    """The date opening a line, after an optional label: (ISO date, labelled as publication, end offset).

    The label is one a language file lists ("Publié le", "Published", glued or not: "Published25 Aug"), or
    any short label closed by a colon ("Дата публикации:"), which says nothing of what the date is. The
    shortest head that reads as a date wins: longer heads swallow title words ("2022-11 Un" reads as the
    1st of the month).
    """
    m = _DATE_LABEL.match(_folded(text))
    label = m.group("label") if m else ""
    start = _after_folded(text, m.end()) if m else 0
    if not m and (colon := _COLON_LABEL.match(text)) is not None:
        start = colon.end()
    words = list(re.finditer(r"\S+", text[start:]))
    for n in range(1, min(len(words), 7) + 1):
        head = text[start + words[0].start():start + words[n - 1].end()]
        if looks_like_date(head) and (date := parse_date(_TIME_TAIL.sub("", head), label in _DAY_FIRST_LABELS)):
            return date, label.startswith(_PUBLISHED_LABELS), start + words[n - 1].end()
    return None


def _after_folded(text: str, folded_end: int) -> int:
    """The offset in ``text`` after the part that folds to ``fold(text)[:folded_end]``: folding takes out
    accents and spaces, so the two are matched by their letters and digits."""
    wanted = sum(c.isalnum() for c in _folded(text)[:folded_end])
    seen = 0
    for offset, char in enumerate(text):
        if seen == wanted:
            return offset + len(text[offset:]) - len(text[offset:].lstrip(" \t:"))
        seen += bool(_folded(char)) and char.isalnum()
    return len(text)


def _strip_date_label(page: _Page, line: _Line) -> None:
    """A labelled date glued before a title ("date 2022-11 Les meilleurs espions…") is cut off."""
    if not _DATE_LABEL.match(_folded(line.text)):
        return  # tested first: reading a date (``_date_head``) costs far more
    head = _date_head(line.text)
    if head is None or _words(line.text[head[2]:]) <= 4:
        return
    _note_date(page, head, line)
    page.cut(line, 0, head[2], "page date")


def _note_date(page: _Page, head: tuple[str, bool, int], line: _Line) -> None:
    """Keep the page's first date; a month-only one takes the day that the rest of its line gives inside
    that month ("date 2023-06 24 giugno 2023").

    The date is the publication date when a label says so ("Publié le"), or when it is stamped with a time
    of day ("06-06-2023 21:08", "23 августа 2023, 23:51") above most of the article's prose: pages stamp
    their articles so. A date alone, unlabelled, may be the page's clock ("dimanche, 14 avril 2024" atop an
    article of 2022) or a republication date: it stays the page's date, and the story's dates decide.
    """
    date, labelled_published, end = head
    rest = line.text[end:]
    date = refine(date, rest) if page.page_date is None else date
    page.page_date = page.page_date or date
    if labelled_published or (_CLOCK_TIME.search(rest) and _above_most_prose(page, line)):
        page.published = page.published or date


def _above_most_prose(page: _Page, line: _Line) -> bool:
    """More of the page's prose stands below the line than above it (a comment's timestamp stands below)."""
    above = sum(_words(ln.text) for ln in page.lines[:line.number] if ln.removed is None and _is_prose(ln.text))
    below = sum(_words(ln.text) for ln in page.lines[line.number + 1:] if ln.removed is None and _is_prose(ln.text))
    return below > above


def _drop_furniture(page: _Page) -> None:
    """Lines that are page furniture wherever they stand: dates, links, credits, promotions."""
    for line in page.kept():
        folded = _folded(line.text)
        n = _words(line.text)
        if not re.search(r"\w", line.text):
            page.drop(line, "stray punctuation")
        elif (m := _URL_LINE.match(line.text)) is not None and page.url is None:
            # the page's own address, once: further links alone on their lines are the article's (a list of
            # links, a shop's products), kept unless another rule takes them
            page.url = m.group("url")
            if name := host(m.group("url")):
                page.outlets.setdefault("url", name)
            page.drop(line, "source URL")
        elif READ_MORE.match(folded):
            page.drop(line, "read-more link")
        elif n <= 15 and _PROMO.search(folded):
            page.drop(line, "promotion")
        elif n <= 12 and (m := _SOURCE_LINE.match(line.text)) is not None:
            page.credits.append(line.text)
            page.outlets.setdefault("source line", _first_outlet(m.group("who")))
            page.drop(line, "source line")
        elif n <= 10 and (m := _BYLINE.match(line.text)) is not None:
            page.credits.append(line.text)
            page.drop(line, "byline")
        elif n <= 12 and looks_like_date(line.text) and _date_line(page, line):
            page.drop(line, "page date")
        elif n <= 40 and (_CREDIT_END.search(folded) or _AGENCY_SLASH.search(line.text)):
            page.credits.append(line.text)
            page.drop(line, "photo caption")


def _date_line(page: _Page, line: _Line) -> bool:
    """A line that is a date, with its weekday, label, time or author: the page's date line."""
    head = _date_head(line.text)
    if head is None or _words(line.text[head[2]:]) > 4:
        return False
    _note_date(page, head, line)
    return True


def _drop_comment_section(page: _Page) -> None:
    """A comment form ends the article: take it and what follows, unless the body goes on after it."""
    kept = page.kept()
    seen_prose = 0
    for index, line in enumerate(kept):
        if _is_prose(line.text):
            seen_prose += _words(line.text)
            continue
        if seen_prose and _words(line.text) <= 15 and _COMMENT_FORM.search(_folded(line.text)):
            tail = kept[index:]
            prose_after = sum(_words(ln.text) for ln in tail if _is_prose(ln.text) and
                              not _COMMENT_FORM.search(_folded(ln.text)))
            if prose_after > seen_prose:
                page.drop(line, "comment form")
                continue
            for ln in tail:
                page.drop(ln, "comment section")
            return


# -- the headline: scored among the first lines, never taken blindly -------------------------------
# A headline is a line of 3 to 20 words, not a sentence with its final period, standing among the first
# lines above the body; the page often repeats or echoes it lower down. What is not a headline: a
# paragraph (25 words or more, or several sentences: the lead of an article published without its
# title), a sentence of 12+ words closed by its period (a lead), a section or site name alone, a reading
# time, a nav bar (three separators or more), a line of figures (a ticker, a bare date and time: under 60%
# of it letters) or an icon-font dump (private-use characters).
_HEADLINE_WINDOW = 8  # how many kept lines above the body are candidates: headers are short
_PARAGRAPH_WORDS = 25  # from this length a line is a paragraph: no headline in the corpora is that long
_LEAD_WORDS = 12  # a sentence this long closed by its period is a lead, not a headline
_SECTION = re.compile(r"^(?:" + lang.alternation(lang.union("SECTION_NAMES")) + r")$")
_READING_TIME = re.compile(r"^(?:\d+\s*)?(?:" + lang.alternation(lang.union("READING_TIMES")) + r")"
                           r"|\d+\s*(?:" + lang.alternation(lang.union("READING_TIMES")) + r")")
# "Par Marie Dupont", "By John Smith": a byline, whatever the case of its first word
_BYLINE_START = re.compile(r"^(?i:" + lang.alternation(lang.union("BYLINE_WORDS")) + r")\s+[A-Z][^.!?]{1,60}$")
# a rubric glued to the headline with no space: a word of 4+ letters, then a capital ("InternationalLe …")
_GLUED_RUBRIC = re.compile(r"(?P<rubric>[^\W\d_]{3,}[a-zà-ÿа-я])(?=[A-ZÀ-ÝА-Я][^\W\d_])")
_NAV_SEPARATORS = re.compile(r"\s[|•·›»/>]\s|\s[|•·›»]|[|•·›»]\s")
# " — Le Monde", " | BBC News", " - AFP": a site or agency name after the headline, 1 to 4 capitalised words
# (short lower-case particles between them: "Le Journal du Soir")
_SITE_SUFFIX = re.compile(r"\s+[|—–-]\s+(?P<site>[A-Z0-9][\w.&'-]*(?: (?:[a-z]{1,3} )?[A-Z0-9][\w.&'-]*){0,3})$")


def _sentence_count(text: str) -> int:
    """Sentences of 3+ words closed by a period, and the last one: a headline may hold "…" or "?" and go on
    ("Mort de X : refus d'obtempérer… Que sait-on ?"), a paragraph's sentences end with periods."""
    spans = [(a, b) for a, b in sentences(text) if _words(text[a:b]) >= 3]
    closed = [b for a, b in spans[:-1] if re.search(r"(?<!\.)\.[\"'»”’)\]]*$", text[a:b])]
    return len(closed) + bool(spans)


def _furniture_reason(text: str) -> str | None:
    """Why a line near the top is page furniture and no headline: a section name, a reading time…"""
    folded = fold(text).strip(" :.")
    letters = sum(c.isalpha() for c in text)
    if _SECTION.match(folded):
        return "section name"
    if _words(text) <= 8 and _READING_TIME.search(folded):
        return "reading time"
    if len(_NAV_SEPARATORS.findall(text)) >= 3:
        return "navigation bar"
    if letters < 0.6 * len(text.replace(" ", "")) or any("\ue000" <= c <= "\uf8ff" for c in text):
        return "figures or icons"  # a ticker, a bare date and time, an icon-font dump
    return None


def _is_paragraph(text: str) -> bool:
    """A paragraph, never a headline: 25 words or more, several sentences, or a 12+-word closed sentence."""
    n = _words(text)
    return n >= _PARAGRAPH_WORDS or _sentence_count(text) >= 2 or (_closed(text) and n >= _LEAD_WORDS)


def _closed(text: str) -> bool:
    """Ends with the period (or ; :) that closes a sentence; an ellipsis may end a headline."""
    text = text.translate(TYPOGRAPHY).rstrip()
    return bool(re.search(r"[.;:]$", text)) and not text.endswith(("...", "…"))


def _eligible(text: str) -> bool:
    return not (_is_paragraph(text) or _furniture_reason(text) or _BYLINE_START.match(text))


def _headline_score(text: str, rank: int, later: str, then: _Line | None, alone: bool) -> float | None:
    """How much a line looks like the headline (None: it cannot be one); the best line above 0 is the title.

    Length: 6 to 20 words is a headline's length (2); 3 to 5 or 21 to 24 words may be one (1); a word or
    two is a label (-2), unless no other line above the body may be the headline (0.5: "Titre"; never an
    acronym such as "BFMTV", a site's name). Closed
    by a period: a short sentence of the body (-2). Repeated or echoed lower down (+1). Followed by a
    byline, an agency or a date, as headlines are (+1). Rank: each plausible line of 3+ words above it
    (-0.25), the headline standing first.
    """
    n = _words(text)
    if not _eligible(text):
        return None
    score = 2.0 if 6 <= n <= 20 else 1.0 if n >= 3 else 0.5 if alone and not _OUTLET_LIKE.match(text) else -2.0
    score -= 2.0 if _closed(text) else 0.0
    score += 1.0 if fold(text) in later else 0.0
    if then is not None and (then.removed in ("page date", "byline", "source line") or (
            then.removed is None and (_BYLINE_START.match(then.text) or _OUTLET_LIKE.match(then.text)
                                      or re.fullmatch(r"[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){0,2}", then.text)))):
        score += 1.0
    return score - 0.25 * rank


def _header(page: _Page, ends: Callable[[str], bool] = _is_prose) -> list[_Line]:
    """The kept lines above the body: up to the first paragraph (``ends``), or the first line of a wrapped one."""
    kept = page.kept()
    out: list[_Line] = []
    for index, line in enumerate(kept):
        following = kept[index + 1] if index + 1 < len(kept) else None
        wrapped = (following is not None and not following.blank_before and following.text[:1].islower()
                   and not _ends_sentence(line.text))
        if ends(line.text) or wrapped:
            break
        out.append(line)
    return out


def _choose_headline(page: _Page) -> None:
    """The best-scoring line of the header is the title; the furniture above it goes, with its reason."""
    header = _header(page, _is_paragraph)[:_HEADLINE_WINDOW]
    eligible = [_eligible(line.text) for line in header]
    best, best_score, rank = None, 0.0, 0
    for k, line in enumerate(header):
        score = None  # a line that cannot be the headline: the page below it is not read
        if eligible[k]:
            after = page.lines[line.number + 1:]
            later = fold(" ".join(ln.text for ln in after if ln.removed is None))
            alone = not any(eligible[:k] + eligible[k + 1:])
            score = _headline_score(line.text, rank, later, after[0] if after else None, alone)
        if score is not None and score > best_score:
            best, best_score = line, score
        rank += score is not None and _words(line.text) >= 3
    if best is None:
        return  # no headline: the title stays empty, the lead stays in the body
    for line in header[:header.index(best)]:
        reason = _furniture_reason(line.text)
        if reason or _words(line.text) <= 8:
            page.drop(line, reason or "above the headline")
    title = best.text
    later = fold(" ".join(ln.text for ln in page.lines[best.number + 1:] if ln.removed is None))
    if (m := _GLUED_RUBRIC.match(title)) is not None and fold(title[m.end():]) in later:
        # "ПроисшествияЭвакуация началась…": a rubric glued to the headline, which the page echoes without it
        page.removals.append((best.number, Removal(m.group("rubric"), "rubric glued to the headline")))
        title = title[m.end():]
    if (m := _SITE_SUFFIX.search(title)) is not None and _words(title[:m.start()]) >= 4:
        page.removals.append((best.number, Removal(m.group(0).strip(" |—–-"), "site name after the headline")))
        title = title[:m.start()].rstrip()
    page.title = title
    best.removed = "title"  # moved to the title field, not lost


def _read_header(page: _Page) -> None:
    """Title, then what stands between it and the body: repeats, bylines, headline variants."""
    kept = page.kept()
    if not kept:
        return
    first = kept[0]
    segments = _glued_segments(first, page.lines[first.number + 1:])
    if segments:
        page.title = page.title or segments[0]
        page.drop(first, "title, standfirst and caption glued together")
    elif page.title is None and page.title_in_text:
        _choose_headline(page)
    for line in _header(page):
        n = _words(line.text)
        if _same_title(line.text, page.title):
            page.drop(line, "repeated title")
        elif (reason := _furniture_reason(line.text)) is not None:
            page.drop(line, reason)
        elif n <= 4 and not _ends_sentence(line.text):
            page.credits.append(line.text)
            # under the title, a lone capitalised word is a byline too ("Reuters"), not a button
            if _OUTLET_LIKE.match(line.text) or re.fullmatch(r"[A-Z][a-z]{2,}", line.text):
                page.outlets.setdefault("byline", line.text.strip("()"))
            page.drop(line, "byline", rule="short line under the title")
        elif page.title is not None and n <= 20 and not _ends_sentence(line.text):
            page.drop(line, "headline variant")


def _glued_segments(line: _Line, others: list[_Line]) -> list[str]:
    """When a line is other lines glued together (title + standfirst + caption), the lines it holds."""
    # compared with no-break spaces made plain: the glued copy and the line may differ in them
    glued = line.text.translate(_SPACES)
    if len(glued) < 60:
        return []
    texts = sorted({o.text.translate(_SPACES) for o in others if len(o.text) >= 15}, key=len, reverse=True)
    if not texts:
        return []
    starting: dict[str, list[str]] = {}  # the lines by their first character, longest first
    for t in texts:
        starting.setdefault(t[0], []).append(t)
    segments, pos, covered = [], 0, 0
    while pos < len(glued):
        here = starting.get(glued[pos], [])
        hit = next((t for t in here if glued.startswith(t, pos)), None)
        if hit is None and here and 15 <= len(glued) - pos <= len(here[0]):
            rest = glued[pos:]  # a caption line may carry a credit that the glued copy lacks
            hit = next((rest for t in here if t.startswith(rest)), None)
        if hit is None:
            pos += 1
            continue
        segments.append(hit)
        covered += len(hit)
        pos += len(hit)
    return segments if len(segments) >= 2 and covered >= 0.9 * len(glued) else []


def _same_title(text: str, title: str | None) -> bool:
    if not title:
        return False
    return _folded(text) == _folded(title)


def _drop_repeated_titles(page: _Page) -> None:
    for line in page.kept():
        if _same_title(line.text, page.title):
            page.drop(line, "repeated title")


def _drop_signatures(page: _Page) -> None:
    """After the last paragraph: a signature ("AA", "AFP"), share buttons, tags; a short sentence stays."""
    kept = page.kept()
    for line in reversed(kept):
        n = _words(line.text)
        if _is_prose(line.text) or n > 12 or (n >= 4 and _ends_sentence(line.text)):
            break
        if _OUTLET_LIKE.match(line.text):
            page.credits.append(line.text)
            page.outlets.setdefault("signature", line.text.strip("()"))
            page.drop(line, "signature")
        else:
            page.drop(line, "after the article body")


def _read_dateline(page: _Page) -> None:
    """An agency named in the dateline of the first paragraph is the article's outlet."""
    kept = page.kept()
    if kept and (m := DATELINE.match(kept[0].text)):
        page.outlets.setdefault("dateline", m.group("agency"))


def _date_from_lead(page: _Page) -> None:
    """The dateline and the lead make the page's date precise, never more than they say.

    A month-only date takes the day that the dateline or the lead's first sentences state inside that month
    (``dates.refine``). A wire's dateline ("PARIS, Aug 24 (Reuters) -") dates the text itself: when it
    names a day up to ``DATELINE_DAYS`` before the page's date, the page republished the wire later (or in
    a later time zone) and the dateline's day is the publication date.
    """
    kept = page.kept()
    known = page.published or page.page_date
    if not kept or known is None:
        return
    lead = " ".join(kept[0].text[a:b] for a, b in sentences(kept[0].text)[:2])
    if known.count("-") == 1:
        day = refine(known, lead)
        if page.published == known:
            page.published = day
        if page.page_date == known:
            page.page_date = day
        return
    if (m := DATELINE.match(kept[0].text)) is None:
        return
    for day in dates_in(m.group(0), known[:7]):
        if day.count("-") == 2 and 0 <= -signed_gap(day, known) <= DATELINE_DAYS:
            page.published = day
            return


def _drop_related_headlines(page: _Page) -> None:
    """A headline beside a read-more link is the link's own title: related content, not body."""
    lines = page.lines
    for index, line in enumerate(lines):
        if line.removed != "read-more link":
            continue
        link_words = set(re.findall(r"\w+", fold(line.text)))
        for near in (lines[index - 1] if index else None, lines[index + 1] if index + 1 < len(lines) else None):
            if near is None or near.removed is not None or _words(near.text) > 25:
                continue
            words = set(re.findall(r"\w+", fold(near.text)))
            if words and len(words & link_words) >= 0.6 * len(words):
                page.drop(near, "related link")


def _finish(page: _Page) -> Cleaned:
    parts: list[str] = []
    for line in page.kept():
        if parts:
            parts.append("\n\n" if line.blank_before else "\n")
        parts.append(line.text)
    removed = tuple(removal for _, removal in sorted(page.removals, key=lambda item: item[0]))
    return Cleaned(text="".join(parts), removed=removed, title=page.title,
                   page_date=page.page_date, published=page.published, url=page.url,
                   outlet=page.outlet(), credits=tuple(page.credits))


# -- small helpers ----------------------------------------------------------------------------------

def _note_caption_outlet(page: _Page, caption: str) -> None:
    m = re.search(r":\s*([^()]+?)\s*(?:\(|$)", caption)
    if m and _words(m.group(1)) <= 3:
        page.outlets.setdefault("caption", m.group(1).strip())


def _first_outlet(who: str) -> str:
    return _OUTLET_SPLIT.split(who.strip())[0].strip(" .")


def _lead_title(text: str) -> str:
    """A page with no headline is titled by its lead's first sentence, which stays in the body (provenance
    "lead" says the title is derived); a sentence over ``LEAD_TITLE_WORDS`` is no usable title."""
    first = re.sub(r"\s*\n\s*", " ", text.split("\n\n", 1)[0])  # a paragraph wrapped at a fixed width, unwrapped
    spans = sentences(first)
    sentence = first[spans[0][0]:spans[0][1]] if spans else ""
    return sentence if _words(sentence) <= LEAD_TITLE_WORDS else ""


def to_article(page: Page) -> Article:
    """Clean one page and merge what its input said (title, URL, outlet, date) with what its text shows; a
    front-matter block (``metadata``) is taken out first. ``provenance`` says where each field came from."""
    content = page.content
    head: tuple[Removal, ...] = ()
    scraped = page.format == "txt" and not page.is_html  # a page's text, headline included when it has one
    if scraped and (block := front_matter(page.content)) is not None:
        content, head = page.content[len(block[1]):], (Removal(block[1].strip(), FRONT_MATTER),)
    if page.is_html:
        from .htmlpage import clean_html  # here: htmlpage builds on clean_plain

        cleaned = clean_html(content, url=page.url)
    else:
        cleaned = clean_plain(content, page.title, title_in_text=page.format == "txt")
    if not cleaned.text.strip():
        raise InputError(R005_NO_TEXT, "cleaning left no body text" if page.content.strip() else "empty",
                         page.location)
    declared = parse_date(page.date) if page.date else None  # news-please's date_publish and the like
    given, shown = dict(page.origins), "page" if page.is_html else "text"
    default = page.format if page.format in ("json", "warc") else "page"

    def origin(name: str, from_input: object, from_text: object = None, other: str | None = None) -> str | None:
        if from_input:
            return given.get(name, default)
        return shown if from_text else other

    outlet = page.outlet or cleaned.outlet or host(page.url)
    title = page.title or cleaned.title or (_lead_title(cleaned.text) if scraped else "")
    provenance = tuple((name, where) for name, where in (
        ("title", origin("title", page.title, cleaned.title, "lead" if title else None)),
        ("url", origin("url", page.url, cleaned.url)),
        ("outlet", origin("outlet", page.outlet, cleaned.outlet, "url" if outlet else None)),
        ("published", origin("published", declared, cleaned.published)),
        ("language", origin("language", page.language))) if where is not None)
    return Article(
        id=page.id, path=page.path, content_hash=identity.key(page), raw_hash=identity.raw_hash(page),
        text=cleaned.text,
        title=title, removed=head + cleaned.removed, url=page.url or cleaned.url,
        outlet=outlet, published=declared or cleaned.published,
        page_date=declared or cleaned.page_date, language=page.language, credits=cleaned.credits,
        provenance=provenance)
