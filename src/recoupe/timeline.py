"""Dates across a story and its timeline: relative dates resolved, precision never invented."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from .dates import bounds, dates_in, days_in_month, pinned_dates, signed_gap
from .records import Article, ArticleDate, Event, Story
from .text import fold, sentences

# a page date further than this from the story's date is a republication or a sidebar clock
REPUBLICATION_DAYS = 60
# publication dates within this many days of each other support one another
SUPPORT_DAYS = 60
# a weekday in the lead is taken for the event only when it falls within a week before publication
LEAD_DAYS = 7
LEAD_SENTENCES = 2  # the sentences of an article that tell its main event
# an undated lead's weekday, day and month ("dimanche 10 septembre") pin its year only among the years of the
# corpus's dated articles, give or take this: a story is told near the corpus's other dates, and a window
# of five years or fewer holds at most one year where a date falls on a given weekday (the pair recurs after
# 5, 6 or 11 years); a wider window that holds two leaves the day without a year
YEAR_MARGIN = 1
SIMILAR = 60  # rapidfuzz token_set_ratio on folded text: the same fact told twice
_CAPITAL = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÀ-Ý][\w’'-]{2,}")


def date_stories(stories: Sequence[Story], articles: Sequence[Article]) -> tuple[list[Story], list[ArticleDate]]:
    """Stories with their event date, and for each of their articles the publication date the story
    establishes (its own when it has one) and why its page date is not the story's, if it is not."""
    by_id = {a.id: a for a in articles}
    years = _corpus_years(articles)
    dated: list[Story] = []
    dates: list[ArticleDate] = []
    for story in stories:
        members = [by_id[i] for i in story.articles if i in by_id]
        when = _event_date(members, years)
        dated.append(replace(story, event_date=when))
        for article in members:
            # an undated article takes the story's date at its own precision: no day is invented
            dates.append(ArticleDate(article.id, article.published or when,
                                     _page_note(article.page_date, when) or article.page_date_note))
    return dated, dates


def build(story: Story, articles: Sequence[Article]) -> list[Event]:
    """The dated events of one story, earliest first, each with its supporting articles."""
    by_id = {a.id: a for a in articles}
    members = [by_id[i] for i in story.articles if i in by_id]
    groups: list[_Group] = []
    if story.event_date:
        main = story.title or _first_sentence(members)
        groups.append(_Group(story.event_date, main, [a.id for a in members], [main]))
    for article in members:
        reference = article.published or story.event_date
        for n, (start, end) in enumerate(sentences(article.text)):
            text = article.text[start:end]
            for iso in dict.fromkeys(dates_in(text, reference)):
                # a lead sentence dated on the event day tells the main event, worded or not like the title
                if groups and iso == story.event_date and n < LEAD_SENTENCES:
                    groups[0].articles.append(article.id)
                    groups[0].texts.append(text)
                    continue
                _add(groups, iso, text, article.id)
    groups.sort(key=lambda g: g.date)  # stable: the main event stays first among its date
    return [Event(story.id, g.date, g.text, tuple(dict.fromkeys(g.articles))) for g in groups]


# -- the story's date -----------------------------------------------------------------------------------

def _corpus_years(articles: Sequence[Article]) -> range:
    """The years an undated lead's weekday may pin a day to: those the corpus's dated articles span, widened by
    YEAR_MARGIN on each side; none when no article is dated."""
    years = [bounds(a.published)[0].year for a in articles if a.published]
    if not years:
        return range(0)
    return range(min(years) - YEAR_MARGIN, max(years) + YEAR_MARGIN + 1)


def _event_date(members: Sequence[Article], years: range) -> str | None:
    """The earliest well-supported date among the dates the articles give for themselves (never page dates)."""
    candidates = [iso for article in members for iso in _article_dates(article, years)]
    if not candidates:
        return None
    # a date is well supported when most other dates lie near it: a lone far-off date (a wrong
    # published field, a republication) does not pull the story away from the others
    support = {c: sum(abs(signed_gap(c, o)) <= SUPPORT_DAYS for o in candidates) for c in candidates}
    best = max(support.values())
    kept = sorted((c for c in candidates if support[c] == best), key=lambda c: (bounds(c)[0], c))
    earliest = kept[0]
    if _day_precise(earliest):
        return earliest
    # a month: a day inside it that an article is dated is what the texts support; failing one, a day inside
    # it that the lead of an article without a day of its own names ("le 14 mars", "ce mardi 14")
    days = [c for c in kept if _day_precise(c) and c.startswith(earliest)]
    days = days or [d for a in members if not _day_precise(a.published) for d in days_in_month(earliest, _lead(a))]
    return min(days, default=earliest)


def _article_dates(article: Article, years: range) -> list[str]:
    """An article's date (its publication date or, failing one, the latest day its lead pins by weekday among
    ``years``: ``dates.pinned_dates``) and, when that is a day, the past days within a week before it that its
    lead names for the event ("a déclaré lundi")."""
    lead = _lead(article)
    known = article.published or max(pinned_dates(lead, years), default=None)
    if known is None:
        return []
    if not _day_precise(known):
        return [known]
    return [known, *(iso for iso in dates_in(lead, known, past_only=True)
                     if _day_precise(iso) and -LEAD_DAYS <= signed_gap(iso, known) <= 0)]


def _lead(article: Article) -> str:
    """The title and first sentences of an article: where it tells its main event."""
    spans = sentences(article.text)[:LEAD_SENTENCES]
    return " ".join([article.title or ""] + [article.text[s:e] for s, e in spans])


def _day_precise(iso: str | None) -> bool:
    """A ``YYYY-MM-DD`` date, not a month or nothing."""
    return iso is not None and iso.count("-") == 2


def _page_note(page_date: str | None, when: str | None) -> str | None:
    """Why a page date far from the story's date is not the event date, in words; None when close."""
    if not page_date or not when:
        return None
    gap = signed_gap(page_date, when)
    if abs(gap) <= REPUBLICATION_DAYS:
        return None
    (y1, m1), (y2, m2) = (bounds(page_date)[0].timetuple()[:2], bounds(when)[0].timetuple()[:2])
    months = abs((y1 - y2) * 12 + m1 - m2)
    amount = f"{months} months" if months >= 3 else f"{abs(gap)} days"
    if gap > 0:
        return f"page date {page_date} is {amount} after the story ({when}): a republication, not the event date"
    return f"page date {page_date} is {amount} before the story ({when}): not the event date"


# -- grouping the same dated fact across articles ---------------------------------------------------------

@dataclass(slots=True)
class _Group:
    """Sentences of one date that tell the same thing, with their articles."""

    date: str
    text: str
    articles: list[str]
    texts: list[str] = field(default_factory=list)


def _add(groups: list[_Group], iso: str, text: str, article: str) -> None:
    """Put a dated sentence into the group of the same date that tells the same thing, or a new one."""
    for group in groups:
        if group.date == iso and any(_similar(text, other) for other in group.texts):
            group.articles.append(article)
            group.texts.append(text)
            return
    groups.append(_Group(iso, text, [article], [text]))


def _similar(a: str, b: str) -> bool:
    """Two sentences tell the same fact: two shared names, or most words shared (rapidfuzz)."""
    from rapidfuzz import fuzz

    if a == b:
        return True
    names = _names(a) & _names(b)
    if len(names) >= 2:
        return True
    return fuzz.token_set_ratio(fold(a), fold(b)) >= SIMILAR


def _names(text: str) -> set[str]:
    """Capitalised words not opening a sentence, folded: the names a sentence mentions."""
    return {fold(m.group(0)) for m in _CAPITAL.finditer(text)}


def _first_sentence(members: Sequence[Article]) -> str:
    """The first sentence of the first article that has text: the fallback wording of the main event."""
    for article in members:
        spans = sentences(article.text)
        if spans:
            return article.text[spans[0][0]:spans[0][1]]
    return ""
