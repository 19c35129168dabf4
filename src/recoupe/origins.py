"""Independent origins: which articles of a story are not independent reporting.

Articles that copy or translate one another, or come from one outlet (the same URL host, byline or
"Source :" line, or the same page furniture: read-more and comment-form templates), form one origin. So do
the texts of one news agency, as the pages of one outlet do: those whose dateline, signature or own reporting
("a déclaré à l'AFP") say they are that wire's. Articles that otherwise credit one agency ("avec AFP",
"selon l'AFP") form one origin only when they also share aligned passages (any reuse but a shared quotation):
the wire's text and its republications, not two outlets that each took a fact from it. Two outlets quoting
the same statement (a ``quote`` or ``partial`` reuse edge, no wire in common) stay two origins: they
corroborate. An origin is labelled by the wire its articles credit, else by their outlet.

Which agencies a text credits is read by ``wire_credits``: the agencies are a closed set (``lang.agencies``),
named in a dateline, a signature or credit line, or a phrase of the text's own reporting ("told Reuters") or
of its reliance on the agency ("selon l'agence TASS", "сообщает ТАСС"), in every news language.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import lang
from .grouping import disjoint, members
from .lang import agencies
from .records import Article, Origin, ReuseEdge, Story
from .text import fold, read_more_marker

MERGING = ("copy", "translation")
# reuse that shows two texts share a wire's sentences: any aligned text but a shared quotation
SHARED_TEXT = ("copy", "translation", "partial")
# the outlet a text says it relies on: "a appris l'agence Anadolu", "a déclaré lundi à l'Associated
# Press", "selon le média russe TASS", "told CNN", "according to Reuters", "Source : TRTWorld"
_NAME = r"(?P<name>(?:[A-Z][\w&.-]*|[A-Z]{2,})(?: (?:[A-Z][\w&.-]*))*)"
# strong cues name an outlet or agency; the last two ("selon X") may name any source, a statistics
# office as well as a newspaper, so they never name an origin. How French and English news name their
# source is phrase grammar, kept here
_CUES = [re.compile(p) for p in (
    r"\b(?:l['’]|l’)?agence(?: de presse)? " + _NAME,
    r"\ba appris (?:\w+ )?(?:l['’]agence |le journal |le média |le quotidien )?" + _NAME,
    r"\b(?:déclaré|indiqué|dit|confirmé|expliqué|affirmé|précisé)(?: \w+)? (?:à|au|aux) (?:l['’]|la |le )?"
    + _NAME,
    r"\b[Ss]elon (?:le|la|l['’]|les) (?:média|journal|quotidien|agence|chaîne|site)(?: \w+)? " + _NAME,
    r"\b(?:told|reported by|said to) (?:the )?" + _NAME,
    r"^Sources? ?: " + _NAME,
    r"\b[Ss]elon (?:le |la |l['’])?" + _NAME,
    r"\b(?:according to) (?:the )?" + _NAME,
)]
_STRONG = len(_CUES) - 2
# capitalised words a cue may catch that name no outlet: an article, a pronoun, an honorific, a weekday
_NOT_OUTLETS = frozenset(word.rstrip(".") for word in lang.union("DEFINITE_ARTICLES") | lang.union("HONORIFICS")
                         | lang.union("WEEKDAYS")) | {p for p, n in lang.merged("SUBJECT_PRONOUNS").items() if n == 1}


def cited_sources(article: Article, strong: bool = False) -> list[str]:
    """Outlets and agencies the article names as its sources; with ``strong``, only sure outlets."""
    found: list[str] = []
    texts = [article.text, *article.credits]
    for text in texts:
        for cue in _CUES[:_STRONG] if strong else _CUES:
            for m in cue.finditer(text):
                name = m.group("name").strip(" .")
                if fold(name) not in _NOT_OUTLETS and name not in found:
                    found.append(name)
    return found


# -- the wire a text credits --------------------------------------------------------------------------
# forms of a credit, strongest first. The first three say the text is the wire's: its dateline, its
# signature or source line, its own reporting ("a déclaré à l'AFP"). "with": an outlet's own text written
# with the wire's material ("avec AFP"); "cited": the text relies on the wire for what it reports ("selon l'AFP")
WIRE_FORMS = ("dateline", "signature", "reporting")
FORMS = (*WIRE_FORMS, "with", "cited")


@dataclass(frozen=True, slots=True)
class Credit:
    """An agency a text credits: its canonical name, the form of the credit (``FORMS``) and the words that make it."""

    agency: str
    form: str
    text: str


# removed lines that may be a credit the cleaning took for furniture: "Kaynak: AA" below the last paragraph
# (bylines, signatures and source lines are the article's ``credits`` already)
_CREDIT_REMOVALS = frozenset({"after the article body"})


def wire_credits(article: Article) -> tuple[Credit, ...]:
    """The news agencies the article credits, strongest form first, one credit per agency and form."""
    lines = (*article.credits, *(r.text for r in article.removed if r.reason in _CREDIT_REMOVALS))
    return _credits(article.text, lines)


def wires(article: Article, forms: Collection[str] = FORMS) -> frozenset[str]:
    """The agencies the article credits in one of ``forms``: by default every credit; with ``WIRE_FORMS``, only
    the wires whose text it is, not those it writes with or relies on."""
    return frozenset(c.agency for c in wire_credits(article) if c.form in forms)


@lru_cache(maxsize=4096)
def _credits(text: str, lines: tuple[str, ...]) -> tuple[Credit, ...]:
    found: dict[tuple[str, str], Credit] = {}
    for line in [*text.split("\n"), *lines]:
        if not line.strip() or _PHOTO.search(line):
            continue  # "Crédit photo © Reuters", "Foto: AFP": the picture's agency, not the text's
        for form, pattern, initials in _LINE_FORMS:
            if (m := pattern.search(line)) is not None:
                names, opener = _credit_list(m.group("list"), initials)
                for name in names:
                    found.setdefault((name, opener or form), Credit(name, opener or form, m.group(0).strip()))
    for form, pattern in _PROSE_FORMS:
        for m in pattern.finditer(text):
            # a wire names itself bare ("told AFP"); "told the Russian news agency Interfax" is how another
            # outlet relays that agency's interview: its text relies on the agency, it is not the agency's
            named = m.group("named")
            kind = "cited" if named else form
            for name in _credit_list(named or m.group("bare"), False)[0]:
                found.setdefault((name, kind), Credit(name, kind, m.group(0).strip()))
    return tuple(sorted(found.values(), key=lambda c: FORMS.index(c.form)))


def _phrases(table: dict[str, tuple[str, ...]]) -> set[str]:
    """The phrases of a table of ``lang.agencies``, every language's."""
    return {phrase for code in table for phrase in table[code]}


def _any(phrases: Iterable[str]) -> str:
    """A case-insensitive alternation of phrases, as whole words."""
    return r"(?<!\w)(?i:" + lang.alternation(phrases) + r")(?!\w)"


_CANONICAL = {fold(spelling): name for name, spellings in agencies.AGENCIES.items() for spelling in spellings}
_SPELLINGS = {spelling for spellings in agencies.AGENCIES.values() for spelling in spellings}
_ANY_NAME = r"(?<![\w-])(?:" + lang.alternation(_SPELLINGS) + r")(?!\w)"
_PROSE_NAME = r"(?<![\w-])(?:" + lang.alternation(_SPELLINGS - agencies.POSITIONAL) + r")(?!\w)"
_SUFFIX = r"(?:['’][^\W\d_]{1,5})?"  # a Turkish case ending: "AA'ya", "TASS'ın"
_GLUED = {link for link in _phrases(agencies.LINKS) if link[-1] in "'’"}
_LINK = rf"(?:(?<!\w)(?i:{lang.alternation(_GLUED)})|{_any(_phrases(agencies.LINKS) - _GLUED)}\s+)"
_NOUN = _any(_phrases(agencies.AGENCY_NOUNS))
_WORD = r"[^\W\d_][\w-]*"
_LOWER = r"(?:[^\W\d_A-ZÀ-ÝА-ЯЁ][\w-]*\s+)?"  # one lower-case word between a cue and its name: "a appris lundi"


def _names(name: str) -> str:
    """One name or a list of them: "Ria Novosti, TASS et Interfax", "TASS ve Interfax'a"."""
    more = rf"(?:\s*,\s*|\s+{_any(_phrases(agencies.AND_WORDS))}\s+){_LINK}?{name}{_SUFFIX}"
    return rf"{name}{_SUFFIX}(?:{more}){{0,5}}"  # a credit names a few agencies; bounded, so never slow


# the agency after a cue: "l'AFP", "the official state news agency TASS", "l'agence de presse russe TASS"
_AGENCY = (rf"(?:{_LINK}?(?:{_WORD}\s+){{0,3}}?{_NOUN}\s+(?:{_WORD}\s+){{0,2}}?{_LINK}?(?P<named>{_names(_ANY_NAME)})"
           rf"|{_LINK}?(?P<bare>{_names(_PROSE_NAME)}))")
# the agency before a cue: "TASS", "the AFP news agency", "Rus devlet haber ajansı TASS'a"
_SUBJECT = (rf"(?:{_NOUN}\s+(?:{_WORD}\s+){{0,2}}?(?P<named>{_names(_ANY_NAME)})"
            rf"|(?P<bare>{_names(_PROSE_NAME)}))(?:\s+{_NOUN})?")


def _before(table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    return re.compile(rf"{_any(_phrases(table))}\s+{_LOWER}{_AGENCY}")


def _after(table: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    return re.compile(rf"{_SUBJECT}\s*{_LOWER}(?i:{lang.alternation(_phrases(table))})(?!\w)")


# (form, pattern) in running text; the names are group "named" after an agency noun, "bare" without one
_PROSE_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("reporting", _before(agencies.OWN_BEFORE)),
    ("reporting", _after(agencies.OWN_AFTER)),
    ("cited", _before(agencies.CITED_BEFORE)),
    ("cited", _after(agencies.CITED_AFTER)),
)
_DASH = "[-–—]"
_SOURCE = _any(_phrases(agencies.SOURCE_OPENERS))
_WITH = _any(_phrases(agencies.WITH_OPENERS))
_OPENER = rf"(?:(?P<source>{_SOURCE})|(?P<with>{_WITH}))\s*:?\s*"
_SLASHED = rf"{_ANY_NAME}(?:\s*/\s*{_ANY_NAME}){{0,5}}"
# (form, pattern on one line, whether desk initials may stand beside the agency: "(dpa/jW)", "(jch/ats)")
_LINE_FORMS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    # "PARIS (AFP) -", "Moscou, 24 juin (Reuters) —", "(ANSA) - ROMA", "ROMA, 24 GIU - (ANSA) -", "Berlín (EFE).-"
    ("dateline", re.compile(rf"^\s*(?:[^()\n]{{1,60}}?\s*)?\((?P<list>[^()\n]{{1,40}})\)\s*\.?\s*(?:{_DASH}|$)"), True),
    # "AGI - Il capo di Telegram...", "EFE - ..."
    ("dateline", re.compile(rf"^\s*(?P<list>{_SLASHED})\s+{_DASH}\s"), False),
    # "... (Belga)", "... (ANSA).", "... (dpa/jW)", "(avec AFP)" closing a paragraph
    ("signature", re.compile(r"\((?P<list>[^()\n]{1,40})\)\s*\.?\s*$"), True),
    # "— dpa", "--AFP" closing a paragraph
    ("signature", re.compile(rf"(?:^|\s){_DASH}{{1,2}}\s*(?P<list>{_SLASHED})\s*\.?\s*$"), False),
    # a line that is only a credit: "AA", "Avec AFP et Reuters", "Con información de EFE", "Kaynak: AA",
    # "Fuente: (EUROPA PRESS)"
    ("signature", re.compile(rf"^[\s(\[\-–—]*(?P<list>(?:{_OPENER})?\(?{_names(_ANY_NAME)})\)?\s*\.?\s*$"), False),
    # a byline: "AA / Paris / Ümit Dönmez" (spaced slashes: "AFP/Getty Images" is a photo credit)
    ("signature", re.compile(rf"^\s*(?P<list>{_ANY_NAME})\s+/\s+\S.{{0,60}}$"), False),
    # a short signature line: "Le Figaro avec AFP", "Par Jean Dupont, avec Reuters"
    ("signature", re.compile(rf"^(?=(?:\S+\s+){{0,8}}\S+\s*$).*\s(?P<list>{_OPENER}{_names(_ANY_NAME)})\)?\s*\.?\s*$"),
     False),
)
_PHOTO = re.compile(r"©|" + _any(agencies.PHOTO_WORDS))
_LEADING_OPENER = re.compile(rf"^\s*{_OPENER}")
_SEPARATORS = re.compile(rf"\s*(?:[/,;+&]|\s{_any(_phrases(agencies.AND_WORDS))}\s)\s*")
_INITIALS = re.compile(r"^[^\W\d_]{1,4}$")


def _credit_list(words: str, initials: bool) -> tuple[list[str], str | None]:
    """The agencies of a credit ("AFP/Reuters", "jch/ats", "avec AFP et Reuters", "Kaynak: AA"): every item an
    agency, or, where ``initials``, the initials of a desk beside one (else none); and "with" when the credit
    opens with a word by which an outlet signs its own text ("avec"), "signature" for a source label."""
    opener = None
    if (m := _LEADING_OPENER.match(words)) is not None:
        opener = "with" if m.group("with") else "signature"
        words = words[m.end():]
    found: list[str] = []
    for item in _SEPARATORS.split(words.strip()):
        item = re.sub(r"['’][^\W\d_]{1,5}$", "", item.strip(" .()[]:-–—"))
        if (name := _CANONICAL.get(fold(item))) is not None:
            found.append(name)
        elif not (initials and _INITIALS.match(item)):
            return [], None
    return list(dict.fromkeys(found)), opener


def group(story: Story, articles: Sequence[Article], reuse: Sequence[ReuseEdge]) -> tuple[Origin, ...]:
    """The independent origins of a story, each labelled with the wire or outlet behind it."""
    ids = list(story.articles)
    by_id = {a.id: a for a in articles}
    groups = disjoint(ids)
    why: dict[str, list[str]] = {i: [] for i in ids}
    carried: set[str] = set()  # articles that copy or translate another
    relayed: dict[str, str] = {}  # article -> the wire it was grouped on by a credit and shared passages

    def union(x: str, y: str, reason: str) -> None:
        groups.merge(x, y)
        why[x].append(reason)

    shared: dict[frozenset[str], list[ReuseEdge]] = {}
    for edge in reuse:
        if edge.source not in why or edge.target not in why:
            continue
        if edge.kind in MERGING:
            union(edge.source, edge.target, f"{edge.target} is a {edge.kind} of {edge.source}")
            carried |= {edge.source, edge.target}
        if edge.kind in SHARED_TEXT:
            shared.setdefault(frozenset((edge.source, edge.target)), []).append(edge)
    for x, y in _pairs(ids):
        a, b = by_id[x], by_id[y]
        if _outlet(a) and _outlet(a) == _outlet(b):
            union(x, y, f"{x} and {y} are both from {a.outlet}")
        elif wire := sorted(wires(a, WIRE_FORMS) & wires(b, WIRE_FORMS)):
            union(x, y, f"{x} and {y} both come from {wire[0]}")
        elif wire := [w for w in sorted(wires(a) & wires(b)) if any(
                _beyond(edge, w, by_id) for edge in shared.get(frozenset((x, y)), ()))]:
            union(x, y, f"{x} and {y} both credit {wire[0]} and share passages")
            relayed.update({x: wire[0], y: wire[0]})
        elif (furniture := _furniture(a) & _furniture(b)) and not _different_outlets(a, b):
            union(x, y, f"{x} and {y} share page furniture ({sorted(furniture)[0]})")
    origins = []
    for group_ids in members(groups, ids):
        group_articles = [by_id[i] for i in group_ids]
        reasons = tuple(r for i in group_ids for r in why[i])
        origins.append(Origin(id="o-" + hashlib.sha1("\n".join(sorted(group_ids)).encode()).hexdigest()[:10],
                              label=_label(group_articles, bool(carried & set(group_ids)),
                                           Counter(relayed[i] for i in group_ids if i in relayed)),
                              articles=tuple(group_ids), why=reasons))
    return tuple(origins)


def _beyond(edge: ReuseEdge, wire: str, by_id: dict[str, Article]) -> bool:
    """Whether the edge aligns a passage besides those that name the wire as their source: "selon l'agence TASS"
    in both texts is TASS's fact that two outlets relay, not a text that one took from the other."""
    source, target = ([c.text for c in wire_credits(by_id[side]) if c.agency == wire]
                      for side in (edge.source, edge.target))
    return any(not any(cue in p.source for cue in source) and not any(cue in p.target for cue in target)
               for p in edge.passages)


def _pairs(ids: Sequence[str]) -> list[tuple[str, str]]:
    return [(x, y) for k, x in enumerate(ids) for y in ids[k + 1:]]


def _outlet(article: Article) -> str:
    return fold(article.outlet or "")


def _different_outlets(a: Article, b: Article) -> bool:
    return bool(_outlet(a) and _outlet(b) and _outlet(a) != _outlet(b))


def _furniture(article: Article) -> set[str]:
    """The templates of a page: its read-more marker ("lire la suite") and its comment-form lines."""
    keys = set()
    for removal in article.removed:
        if removal.reason == "read-more link" and (marker := read_more_marker(removal.text)):
            keys.add("read-more: " + marker)
        elif removal.reason in ("comment section", "comment form"):
            keys.add("comment form: " + fold(removal.text))
    return keys


def _label(articles: Sequence[Article], carried: bool, relayed: Counter[str]) -> str:
    """The wire the articles come from (the one most of them credit by a dateline, a signature, their own
    reporting or "avec X"; the strongest form breaks a tie); else the wire they were grouped on (``relayed``:
    credited by both texts of a pair that share passages); else, for copies or translations, the source they
    all cite; else the outlet."""
    strength: dict[str, tuple[int, int]] = {}
    for a in articles:
        # each agency's strongest credit in this article (credits come strongest first)
        for credit in {c.agency: c for c in reversed(wire_credits(a)) if c.form != "cited"}.values():
            count, form = strength.get(credit.agency, (0, len(FORMS)))
            strength[credit.agency] = (count + 1, min(form, FORMS.index(credit.form)))
    if strength:
        return min(strength, key=lambda name: (-strength[name][0], strength[name][1]))
    if relayed:
        return relayed.most_common(1)[0][0]
    if carried:
        counts = Counter(name for a in articles for name in {fold(n): n for n in cited_sources(a, True)}.values())
        common = [name for name, count in counts.most_common() if count == len(articles)]
        if common:
            return common[0]
    outlets = Counter(a.outlet for a in articles if a.outlet)
    return _pretty(outlets.most_common(1)[0][0]) if outlets else "unknown"


def _pretty(outlet: str) -> str:
    """"rt.com" reads "RT", "lemonde.fr" reads "lemonde.fr": a host is shortened only when it is an acronym."""
    host = outlet.split(".")
    return host[0].upper() if len(host) == 2 and len(host[0]) <= 3 else outlet
