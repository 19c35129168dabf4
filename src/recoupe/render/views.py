"""View models for the HTML pages: what the static report and the served pages show, from report data.

Both read report.json-shaped dicts (the served pages get them from the store), so that one set of
templates (templates/macros.html) draws both, and no template computes anything.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ..text import sentences
from . import pictures
from .templates import N_, gettext

STATUSES = ("corroborated", "conflicting", "updated", "single_source")
Href = Callable[..., str]
_PLURAL = {"story": "stories", "article": "articles", "entity": "entities", "outlet": "outlets"}


def static_href(kind: str, ident: str, start: int | None = None) -> str:
    """Links inside the one-page static report: anchors."""
    if kind == "article" and start is not None:
        return f"#{ident}-at-{start}"
    return f"#{kind}-{ident}"


def served_href(kind: str, ident: str, start: int | None = None) -> str:
    """Links between the served pages: /stories/…, /articles/…#sentence, /entities/…, /outlets/…."""
    path = f"/{_PLURAL[kind]}/{quote(ident, safe='')}"
    return path + (f"#{quote(ident, safe='')}-at-{start}" if kind == "article" and start is not None else "")


def story(data: Mapping[str, Any], reuse: Sequence[Mapping[str, Any]],
          shown: Sequence[Mapping[str, Any]] | None = None, passages: int | None = None) -> dict[str, Any]:
    """A story with its copy graph, source matrix, claims by status (``claim_rows``: of ``shown``, default all
    of them), timeline picture and brief; ``labels`` names each article it shows (``article_label``) from its
    ``article_info`` (title, outlet, date of its articles), or from its claims' passages, or by its id alone."""
    origin_of = {aid: o["label"] for o in data["origins"] for aid in o["articles"]}
    edges = [e for e in reuse if e["source"] in origin_of and e["target"] in origin_of]
    claims = data.get("claims", [])
    info: dict[str, dict[str, Any]] = {}
    for c in claims:
        for e in c.get("support", []):
            if "language" in e:  # a passage stored with its article's outlet and date
                info.setdefault(e["article"], {"id": e["article"], "outlet": e["outlet"],
                                               "published": e["published"]})
    info.update({a["id"]: dict(a) for a in data.get("article_info", [])})
    named = [*data["articles"], *(a for e in reuse for a in (e["source"], e["target"])),
             *(a for e in data.get("timeline", []) for a in e["articles"]),
             *(s["article"] for c in claims for s in c.get("support", [])),
             *(a for s in data.get("brief", []) for a in s.get("cites", []))]
    labels = {aid: article_label(info.get(aid, aid)) for aid in dict.fromkeys(named)}
    rows = claim_rows(claims if shown is None else shown, claims, passages, labels)
    support = {c["id"]: {e["article"]: e["start"] for e in c["support"]} for c in claims}
    brief = [dict(s, anchors=support.get(s.get("claim") or "", {})) for s in data.get("brief", [])]
    events = data.get("timeline", [])
    return dict(
        data, edges=[dict(e, directed=bool(e.get("directed"))) for e in edges], labels=labels,
        graph=pictures.copy_graph(data, edges, {a: origin_name(o) for a, o in origin_of.items()}, labels),
        brief=brief,
        origin_names=[origin_name(o["label"]) for o in data["origins"]],
        matrix=[{"id": aid, "label": labels[aid], "cells": [aid in o["articles"] for o in data["origins"]]}
                for aid in data["articles"]],
        timeline=pictures.timeline(events, labels) if events else None,
        claims={status: [c for c in rows if c["status"] == status] for status in STATUSES})


# the English words, marked for the catalogue and translated where they are drawn (gettext)
UNNAMED = N_("unnamed outlet")  # an origin labelled "unknown", a passage of an article without outlet
UNDATED = N_("date unknown")
UNTITLED = N_("untitled")
UNSPOKEN = N_("speaker unknown")
TITLE_CHARS = 60  # an article's title in its label is cut at a word boundary to this many characters


# a reuse edge's kind as the pages name it (reuse.py's ``kind``)
REUSE_KINDS = {"copy": N_("copy"), "translation": N_("translation"), "partial": N_("partial"), "quote": N_("quote")}


def reuse_kind(kind: str) -> str:
    """The name of a reuse edge's kind (``copy``, ``translation``, ``partial``, ``quote``) in the interface
    language; an unknown kind as it is."""
    return gettext(REUSE_KINDS[kind]) if kind in REUSE_KINDS else kind


# an entity's type as the pages name it (records.EntityType's codes)
ENTITY_TYPE_NAMES = {"PER": N_("person"), "ORG": N_("organisation"), "LOC": N_("place"), "MISC": N_("other name")}


def entity_type(code: str) -> str:
    """The name of an entity type (PER, ORG, LOC, MISC) in the interface language; an unknown code as it is."""
    return gettext(ENTITY_TYPE_NAMES[code]) if code in ENTITY_TYPE_NAMES else code


# why an edge goes one way (reuse._direction) and why articles are one origin (origins.group), as the pipeline
# writes them in report.json (English, data kept as it is): each form with its wording in the catalogue; the
# parts that are names and ids are kept as they are
REASONS = tuple((re.compile(form), message) for form, message in (
    (r"published (?P<first>\S+), before (?P<second>\S+)", N_("published %(first)s, before %(second)s")),
    (r"direction unknown", N_("direction unknown")),
    (r"(?P<x>.+?) and (?P<y>.+?) are both from (?P<outlet>.+)", N_("%(x)s and %(y)s are both from %(outlet)s")),
    (r"(?P<x>.+?) and (?P<y>.+?) both come from (?P<wire>.+)", N_("%(x)s and %(y)s both come from %(wire)s")),
    (r"(?P<x>.+?) and (?P<y>.+?) share page furniture \((?P<what>.+)\)",
     N_("%(x)s and %(y)s share page furniture (%(what)s)")),
    (r"the origins of (?P<x>.+?) and (?P<y>.+?) share (?P<n>\d+) passages",
     N_("the origins of %(x)s and %(y)s share %(n)s passages")),
    (r"(?P<x>.+?) and (?P<y>.+?) share (?P<n>\d+) passages", N_("%(x)s and %(y)s share %(n)s passages")),
    (r"(?P<x>.+?) and (?P<y>.+?) both credit (?P<wire>.+) and share passages",
     N_("%(x)s and %(y)s both credit %(wire)s and share passages")),
    (r"(?P<y>.+?) is a copy of (?P<x>.+)", N_("%(y)s is a copy of %(x)s")),
    (r"(?P<y>.+?) is a translation of (?P<x>.+)", N_("%(y)s is a translation of %(x)s")),
    (r"(?P<article>.+?) cites (?P<outlet>.+)", N_("%(article)s cites %(outlet)s")),
))


def reason(why: str) -> str:
    """A reuse edge's ``why`` or one of an origin's reasons in the interface language (one of ``REASONS``);
    a reason of another form as it is. An edge without one: "direction unknown"."""
    if not why:
        return gettext("direction unknown")
    for form, message in REASONS:
        if found := form.fullmatch(why):
            return gettext(message) % found.groupdict()
    return why


def origin_name(label: str) -> str:
    """An origin's name as the pages write it: its label, or "unnamed outlet" for the origin of articles whose
    outlet is not known (labelled "unknown" in report.json)."""
    return gettext(UNNAMED) if label in ("unknown", "(unknown)", "") else label


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis where it was cut (a
    single word longer than ``limit`` is the one thing cut inside a word)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit - 1]
    return head.rstrip(" ,;:–-—·") + "…"


@dataclass(frozen=True)
class ArticleLabel:
    """How every page names an article: its outlet ("unnamed outlet" when it has none), its date ("date
    unknown") and its title cut at a word boundary (``text``), or its outlet and date alone in the pictures
    (``short``); its id and whole title go in a tooltip (``tooltip``). An article the page knows nothing of
    (``known`` False) is named by its id."""
    id: str
    outlet: str = UNNAMED
    date: str = UNDATED
    title: str = UNTITLED
    full_title: str = ""
    known: bool = True

    @property
    def text(self) -> str:
        return f"{self.short} · {_said(self.title, UNTITLED)}" if self.known else self.unknown

    @property
    def short(self) -> str:
        return f"{_said(self.outlet, UNNAMED)} · {_said(self.date, UNDATED)}" if self.known else self.unknown

    @property
    def unknown(self) -> str:
        """The name of an article the page knows nothing of, in the interface language."""
        return gettext("article %(id)s") % {"id": self.id}

    @property
    def tooltip(self) -> str:
        return f"{self.id}: {self.full_title}" if self.full_title else self.id

    def __str__(self) -> str:
        return self.text


def _said(value: str, placeholder: str) -> str:
    """``value`` as drawn: the placeholder (``UNNAMED``, ``UNDATED``, ``UNTITLED``) in the interface language."""
    return gettext(placeholder) if value == placeholder else value


def article_label(article: Mapping[str, Any] | ArticleLabel | str) -> ArticleLabel:
    """The one label of an article on every page (a Jinja global of the templates): from a mapping with its
    ``id`` and any of ``outlet``, ``published`` and ``title`` (an article of report.json, the store's
    ``article_info``), or from its id alone (nothing known of it); a label is returned as it is."""
    if isinstance(article, ArticleLabel):
        return article
    if isinstance(article, str):
        return ArticleLabel(article, known=False)
    aid = str(article["id"])
    title = " ".join(str(article.get("title") or "").split())
    if title == aid and not article.get("outlet") and not article.get("published"):
        return ArticleLabel(aid, known=False)  # not stored: the store gives its id as its title
    return ArticleLabel(aid, outlet=article.get("outlet") or UNNAMED, date=article.get("published") or UNDATED,
                        title=shorten(title, TITLE_CHARS) if title else UNTITLED, full_title=title)


def claim_rows(shown: Sequence[Mapping[str, Any]], every: Sequence[Mapping[str, Any]],
               passages: int | None = None, labels: Mapping[str, ArticleLabel] | None = None) -> list[dict[str, Any]]:
    """The claims ``shown`` as the claims table draws them: each passage with its outlet and date (or that they
    are unknown), the origins named (``origin_rows``; None for a claim stored without them), and beside a
    conflicting claim (``against``) or an updated one (``revised``) the claims of ``every`` (the story's) it
    conflicts with or updates, each with its first ``passages`` passages (default: all); each passage's article
    named by ``labels`` (else by ``article_label`` of what the passage carries)."""
    by_id = {c["id"]: c for c in every}

    def other(claim_id: str) -> dict[str, Any]:
        c = by_id.get(claim_id)
        if c is None:  # not stored with this story: said, not hidden
            return {"id": claim_id, "text": None, "passages": [], "more": 0}
        support = c.get("support", [])
        cut = support if passages is None else support[:passages]
        return {"id": claim_id, "text": c["text"], "passages": _passages(cut, labels), "more": len(support) - len(cut)}

    return [dict(c, passages=_passages(c.get("support", []), labels),
                 origin_rows=[dict(o, name=origin_name(o["label"])) for o in c["origins"]]
                 if "origins" in c else None,
                 against=[other(i) for i in c.get("conflicts_with", [])] if c["status"] == "conflicting" else [],
                 revised=[other(i) for i in c.get("updates", [])])
            for c in shown]


def _passages(support: Sequence[Mapping[str, Any]],
              labels: Mapping[str, ArticleLabel] | None = None) -> list[dict[str, Any]]:
    """Supporting passages with the label of their article (``labels``, else its outlet and date as the
    passage carries them); ``described`` False for a claim stored before passages carried them (nothing is
    said of its article then, rather than "unknown", unless ``labels`` knows it)."""
    labels = labels or {}
    return [dict(e, described="language" in e, source=e.get("outlet") or gettext(UNNAMED),
                 date=e.get("published") or gettext(UNDATED),
                 label=labels.get(e["article"]) or article_label(
                     {"id": e["article"], "outlet": e.get("outlet"), "published": e.get("published")}
                     if "language" in e else e["article"]))
            for e in support]


def article(data: Mapping[str, Any], mentions: Sequence[Mapping[str, Any]],
            quotes: Sequence[Mapping[str, Any]], names: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
    """An article with its text cut into pieces: entity mentions, quotes and sentence anchors marked.

    ``mentions`` carry ``entity``, ``start``, ``end``; ``names`` maps an entity id to (name, type).
    """
    text = data["text"]
    entity_at: list[str | None] = [None] * len(text)
    for m in mentions:
        for i in range(max(0, m["start"]), min(len(text), m["end"])):
            entity_at[i] = m["entity"]
    quoted = [False] * len(text)
    for q in quotes:
        for i in range(max(0, q["start"]), min(len(text), q["end"])):
            quoted[i] = True
    anchors = {start for start, _ in sentences(text)}
    paragraphs: list[list[dict[str, Any]]] = []
    pieces: list[dict[str, Any]] = []
    for i, ch in enumerate(text):
        if ch == "\n":
            if pieces:
                paragraphs.append(pieces)
            pieces = []
            continue
        state = (entity_at[i], quoted[i])
        if not pieces or i in anchors or (pieces[-1]["entity"], pieces[-1]["quote"]) != state or \
                (entity_at[i] and i > 0 and entity_at[i - 1] != entity_at[i]):
            name, kind = names.get(entity_at[i] or "", ("", ""))
            pieces.append({"text": ch, "entity": entity_at[i], "quote": quoted[i], "name": name, "type": kind,
                           "anchor": i if i in anchors else None})
        else:
            pieces[-1]["text"] += ch
    if pieces:
        paragraphs.append(pieces)
    speaker = {q["id"]: names.get(q.get("speaker_entity") or "", (None, None))[0] for q in quotes}
    return dict(data, paragraphs=paragraphs, quotes=[dict(q, entity_name=speaker[q["id"]]) for q in quotes])


def entity_rows(entities: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the people-and-organisations table: spellings and articles of each entity, most named first."""
    return [{"id": e["id"], "name": e["name"], "type": e["type"], "mentions": len(e["mentions"]),
             "spellings": sorted({m["text"] for m in e["mentions"]}),
             "articles": sorted({m["article"] for m in e["mentions"]})}
            for e in sorted(entities, key=lambda e: -len(e["mentions"]))]


def quotes_by_speaker(quotes: Sequence[Mapping[str, Any]], names: Mapping[str, str]) -> dict[str, list[Any]]:
    """Quotes grouped by who said them: the speaker entity's name, else the speaker as written, else
    "speaker unknown"; ``names`` maps an entity id to its name."""
    groups: dict[str, list[Any]] = {}
    for q in quotes:
        who = names.get(q["speaker_entity"] or "") or q["speaker"] or gettext(UNSPOKEN)
        groups.setdefault(who, []).append(q)
    return groups


def entity(data: Mapping[str, Any], texts: Mapping[str, str], context: int = 60) -> dict[str, Any]:
    """An entity with the ``context`` characters before and after each mention; ``texts`` maps an article id
    to its text."""
    mentions = []
    for m in data["mentions"]:
        text = texts.get(m["article"], "")
        mentions.append(dict(m, before=text[max(0, m["start"] - context):m["start"]],
                             after=text[m["end"]:m["end"] + context]))
    return dict(data, mentions=mentions)
