"""Independent origins: which articles of a story are not independent reporting.

Articles that come from one outlet (the same URL host, byline or "Source :" line, or the same page furniture:
read-more and comment-form templates) form one origin. So do the texts of one news agency, as the pages of one
outlet do: those whose dateline, signature or own reporting ("a déclaré à l'AFP") say they are that wire's.
Then shared text joins articles, strongest first: a copy or translation edge; a partial reuse with at least two
passages of shared text (``MIN_SHARED``: not quotations, and word for word or lightly edited within one
language), since one sentence alike is a fact two outlets told alike; one passage where one text is the wire's
own and the other credits that wire. Two outlets quoting the same statement (a ``quote`` edge, or a ``partial``
one whose passages are quotations) stay two origins: they corroborate. Shared text never joins two origins whose
texts say they are two different wires (their datelines, signatures, own reporting or "avec X" disagree; for a
copy or translation, which carries its source's reporting, their datelines and signatures: a wire named as the
source of one fact, "selon X", decides nothing), nor two origins of several articles each that one
pair of texts links (``MIN_BRIDGES``): an article between two origins is the republication of one of them, not
a bridge, unless every text of one is a copy or translation of a text of the other (one story in its versions).
A copy or translation edge across languages counts only as a translation by reuse's standard for a few sentences
(``_translated``). An origin is labelled by the wire its articles credit, else by their outlet.

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
from .records import Article, Origin, Passage, ReuseEdge, Story
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
    return list(_cited(article.text, tuple(article.credits), strong))


@lru_cache(maxsize=4096)
def _cited(body: str, credits: tuple[str, ...], strong: bool) -> tuple[str, ...]:
    """``cited_sources`` of a text and its credit lines: reuse asks it of an article for every pair it directs."""
    found: list[str] = []
    for text in (body, *credits):
        for cue in _CUES[:_STRONG] if strong else _CUES:
            for m in cue.finditer(text):
                name = m.group("name").strip(" .")
                if fold(name) not in _NOT_OUTLETS and name not in found:
                    found.append(name)
    return tuple(found)


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
        for pattern in _CREDIT_SENTENCES:
            if (m := pattern.search(line)) is not None:
                for name in _outlets(m.group("list")):
                    found.setdefault((name, "with"), Credit(name, "with", m.group(0).strip()))
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
# a sentence closing a paragraph that credits the text's material to a few outlets, a wire among them: "As
# informações são de reportagens dos veículos Le Monde, AFP e TF1.", "AA ve Reuters'tan alınan bilgilere göre."
# The sentence opens the line or follows another's end and ends the line; its list is bounded, so never slow
_START = r"(?:^|(?<=[.!?…])\s+)[\s(\[\-–—]*"
_END = r"\)?\s*[.!?…]?\s*$"
_CREDIT_SENTENCES = (
    re.compile(rf"{_START}{_WITH}\s*:?\s+(?P<list>[^.!?…\n]{{1,200}}?){_END}"),
    re.compile(rf"{_START}(?P<list>[^.!?…\n]{{1,200}}?)\s+{_any(_phrases(agencies.WITH_AFTER))}{_END}"),
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


_GLUED_LINK = re.compile(rf"(?<!\w)(?i:{lang.alternation(_GLUED)})(?=\w)")  # "l'AFP", "dell'ANSA"
_CASE_ENDING = re.compile(r"['’][^\W\d_]{1,5}$")  # "Reuters'tan"
# an outlet's name in a credit sentence: this many words at most, the first and the last capitalized ("TF1",
# "Le Monde", "Corriere della Sera"), after at most this many lower-case ones ("do jornal", "dos veículos de
# comunicação")
OUTLET_WORDS, LOWER_WORDS = 5, 8
_NOUN_WORDS = {fold(noun) for noun in _phrases(agencies.AGENCY_NOUNS) if " " not in noun}


def _outlets(words: str) -> list[str]:
    """The agencies of a credit sentence's list ("de reportagens dos veículos Le Monde, AFP e TF1"): every item an
    agency or an outlet's name, after a few lower-case words (articles, "the newspaper"), at least one an
    agency; else none ("avec la police et les pompiers", "with AFP for twenty years")."""
    found: list[str] = []
    for item in _SEPARATORS.split(_GLUED_LINK.sub("", words).strip()):
        tokens = item.strip(" ()[]:-–—«»\"“”").split()
        for k in range(min(len(tokens), LOWER_WORDS + 1)):
            if (name := _CANONICAL.get(fold(_CASE_ENDING.sub("", " ".join(tokens[k:]))))) is not None:
                found.append(name)
                break
            if not tokens[k][0].islower() and fold(tokens[k]) not in _NOUN_WORDS:  # "Nachrichtenagenturen"
                if len(tokens) - k > OUTLET_WORDS or tokens[-1][0].islower():
                    return []
                break  # an outlet that is no agency: "Le Monde", "TF1"
        else:
            return []
    return list(dict.fromkeys(found))


# a partial reuse makes two texts one origin only with this many passages of shared text (``_shared``): one
# sentence alike is one fact that two outlets told alike; a republication carries its source's sentences in a run
MIN_SHARED = 2
# two origins that already hold two articles or more are one only when this many pairs of their texts share text:
# one article that shares text with both (its source's, and a sentence of the other) is one origin's
# republication, not a bridge between them
MIN_BRIDGES = 2
# a quotation, between its marks (French, English, German, straight): someone's words, not the outlet's or the wire's
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"|‹[^›]*›")
_WORDS = re.compile(r"\w+")
_MARK = re.compile(r"[«»“”„\"‹›]")
_OPENS, _CLOSES = "«„‹", "»›"  # marks that only open, only close; the others ("“”) tell by where they stand
# fuzz ratio (of 100) of two sentences of one language that are one text: a republication edits its source
# lightly (a day or a place added, a word changed: 85 to 100 on the dev corpus's republications), two outlets
# telling one fact in their own words score lower (about 75). reuse.COPY_RATIO (90) is a copy's, untouched
EDITED_RATIO = 85


@dataclass(frozen=True, slots=True)
class _Link:
    """Shared text between two articles, which may make them one origin: a copy or translation edge, or a
    partial reuse with passages of shared text (``shared``), or one that also names one wire in both texts."""

    x: str
    y: str
    shared: int
    strength: tuple[int, int, float]
    reason: str
    wire: str | None = None


def group(story: Story, articles: Sequence[Article], reuse: Sequence[ReuseEdge]) -> tuple[Origin, ...]:
    """The independent origins of a story, each labelled with the wire or outlet behind it.

    First, what makes texts one origin whatever they share: one outlet (its host, its page furniture) or one
    wire that their dateline, signature or own reporting names. Then shared text, strongest first (most shared
    passages): a copy or translation edge, a partial reuse with ``MIN_SHARED`` passages of shared text, or,
    where one of the two texts is the wire's own and the other credits it, any passage besides the credit; last,
    origins whose texts share ``MIN_SHARED`` passages counted over all their pairs. Shared text never joins two
    origins whose texts say they are two different wires (``_OWN``; for a copy or translation, ``_DECLARED``: a
    wire named as the source of one fact, "selon X", settles nothing), nor two origins of two articles or more
    that fewer than ``MIN_BRIDGES`` pairs of texts link."""
    ids = list(story.articles)
    by_id = {a.id: a for a in articles}
    groups = disjoint(ids)
    why: dict[str, list[str]] = {i: [] for i in ids}
    carried: set[str] = set()  # articles that copy or translate another
    relayed: dict[str, str] = {}  # article -> the wire it was grouped on by a credit and shared passages

    def union(x: str, y: str, reason: str) -> None:
        groups.merge(x, y)
        why[x].append(reason)

    for x, y in _pairs(ids):
        a, b = by_id[x], by_id[y]
        if _outlet(a) and _outlet(a) == _outlet(b):
            union(x, y, f"{x} and {y} are both from {a.outlet}")
        elif wire := sorted(_from(a) & _from(b)):
            union(x, y, f"{x} and {y} both come from {wire[0]}")
        elif (furniture := _furniture(a) & _furniture(b)) and not _different_outlets(a, b):
            union(x, y, f"{x} and {y} share page furniture ({sorted(furniture)[0]})")
    links, shared = _links(ids, by_id, reuse)
    versions = {frozenset((link.x, link.y)) for link in links if link.shared < 0}  # copies and translations

    def joinable(x: str, y: str, whole: bool) -> bool:
        """Whether shared text may join the origins of x and y (``whole``: by a copy or translation)."""
        if groups.connected(x, y):
            return False
        one, other = groups.subset(x), groups.subset(y)
        forms = _DECLARED if whole else _OWN
        own = [frozenset().union(*(wires(by_id[i], forms) for i in side)) for side in (one, other)]
        if own[0] and own[1] and not own[0] & own[1]:
            return False  # two wires: what they share is a quotation or a fact, not one text
        if min(len(one), len(other)) == 1:
            return True
        if sum(frozenset((i, j)) in shared for i in one for j in other) >= MIN_BRIDGES:
            return True
        # or every text of one is a copy or translation of a text of the other: one story in its versions (a wire's
        # French text and its Spanish and Portuguese services'), where no one article stands between them
        return any(all(any(frozenset((i, j)) in versions for j in theirs) for i in mine)
                   for mine, theirs in ((one, other), (other, one)))

    for link in links:
        if not joinable(link.x, link.y, link.shared < 0):
            continue
        union(link.x, link.y, link.reason)
        if link.wire is not None:
            relayed.update({link.x: link.wire, link.y: link.wire})
        elif link.shared < 0:
            carried.update((link.x, link.y))
    # then origins whose texts share passages pair by pair, one here and one there, as much as one pair of texts
    # must share (``MIN_SHARED``): a republication that took a sentence from each of the wire's versions
    while True:
        # each side's sentences: one sentence of one text aligned with two copies of another is one passage
        sides: dict[tuple[str, str], tuple[set[tuple[str, str]], set[tuple[str, str]]]] = {}
        for passages in shared.values():
            for (x, one), (y, other) in passages:
                if not groups.connected(x, y):
                    if groups[x] > groups[y]:
                        (x, one), (y, other) = (y, other), (x, one)
                    mine, theirs = sides.setdefault((groups[x], groups[y]), (set(), set()))
                    mine.add((x, one))
                    theirs.add((y, other))
        between = Counter({key: min(len(mine), len(theirs)) for key, (mine, theirs) in sides.items()})
        joined = next(((x, y, count) for (x, y), count in between.most_common() if count >= MIN_SHARED
                       and joinable(x, y, False)), None)
        if joined is None:
            break
        union(joined[0], joined[1], f"the origins of {joined[0]} and {joined[1]} share {joined[2]} passages")
    origins = []
    for group_ids in members(groups, ids):
        group_articles = [by_id[i] for i in group_ids]
        reasons = tuple(r for i in group_ids for r in why[i])
        origins.append(Origin(id="o-" + hashlib.sha1("\n".join(sorted(group_ids)).encode()).hexdigest()[:10],
                              label=_label(group_articles, bool(carried & set(group_ids)),
                                           Counter(relayed[i] for i in group_ids if i in relayed)),
                              articles=tuple(group_ids), why=reasons))
    return tuple(origins)


def _from(article: Article) -> frozenset[str]:
    """The wire an article's information comes from: the wires whose text it is, or the one wire it says it was
    written with ("avec AFP", "Com informações da AFP"). Written with several, it is a synthesis of its own."""
    own = wires(article, WIRE_FORMS)
    written_with = wires(article, ("with",))
    return own or (written_with if len(written_with) == 1 else frozenset())


# the credits by which a text says it is a wire's own or written with its material: two texts that name two
# different wires so are two origins, whatever a few shared passages say
_OWN = (*WIRE_FORMS, "with")
# ... that a copy or translation (most of a text aligned) does not carry from its source: the text's dateline
# and signature. Its own reporting may ("a déclaré à l'Associated Press", copied from the wire's text with the
# rest), so a whole-text edge is refused only where the texts' datelines or signatures name two wires
_DECLARED = ("dateline", "signature", "with")


_Sides = tuple[tuple[str, str], tuple[str, str]]  # a passage: (article, its sentence) on either side


def _links(ids: Sequence[str], by_id: dict[str, Article],
           reuse: Sequence[ReuseEdge]) -> tuple[list[_Link], dict[frozenset[str], list[_Sides]]]:
    """The shared text that may make two articles one origin, strongest first; and the passages of shared text
    (``_shared``) of each pair of articles that shares any, whatever the kind of their edge."""
    found: list[_Link] = []
    pairs: dict[frozenset[str], list[_Sides]] = {}
    members = set(ids)
    for edge in reuse:
        x, y = edge.source, edge.target
        if x not in members or y not in members or x == y:
            continue
        strength = (len(edge.passages), edge.score)
        a, b = by_id[x], by_id[y]
        shared = _shared(edge, a, b)
        if shared:
            pairs.setdefault(frozenset((x, y)), []).extend(((x, p.source), (y, p.target)) for p in shared)
        if edge.kind in MERGING:
            if a.language != b.language and not _translated(edge):
                continue  # a short text's sentences that say alike what another says: not a translation
            # strongest first by its shared text, then by all it aligns: a text that several origins' texts align
            # with joins the one it shares sentences with before one that merely says alike
            found.append(_Link(x, y, -1, (len(shared), *strength), f"{y} is a {edge.kind} of {x}"))
            continue
        if edge.kind not in SHARED_TEXT:
            continue
        if len(shared) >= MIN_SHARED:
            # not labelled by a wire that both merely cite ("selon l'agence TASS"): the source of one fact
            found.append(_Link(x, y, len(shared), (len(shared), *strength),
                               f"{x} and {y} share {len(shared)} passages"))
            continue
        # one of the two is the wire's own text, the other credits the wire: a passage besides the credit is its
        own = [w for w in sorted((wires(a, _OWN) & wires(b)) | (wires(a) & wires(b, _OWN)))
               if any(_beyond(p, w, a, b) for p in shared)]
        if own:
            found.append(_Link(x, y, len(shared), (len(shared), *strength),
                               f"{x} and {y} both credit {own[0]} and share passages", own[0]))
    found.sort(key=lambda link: link.strength, reverse=True)
    return found, pairs


def _translated(edge: ReuseEdge) -> bool:
    """Whether a copy or translation edge between two languages is a translation by the standard reuse sets for a
    few sentences of two languages: one rendered at ``reuse.PARTIAL_CROSS_LANGUAGE`` or closer, or
    ``reuse.IN_ORDER_PASSAGES`` in a row. Reuse calls a short text a translation from fewer (two sentences of
    three at cosine 0.65): two outlets' reports of one event say that much alike (dev: d120-d122, an AFP
    dispatch and an uncredited English report, 0.70 and 0.66)."""
    from .reuse import IN_ORDER_PASSAGES, PARTIAL_CROSS_LANGUAGE

    return len(edge.passages) >= IN_ORDER_PASSAGES or any(p.score >= PARTIAL_CROSS_LANGUAGE for p in edge.passages)


def _shared(edge: ReuseEdge, a: Article, b: Article) -> list[Passage]:
    """The passages of a reuse edge that are shared text: not a quotation (half its words or more between
    quotation marks: what a speaker said, which two outlets render alike), not a sentence that names a wire as
    its source (the wire's fact, which two outlets relay), and, within one language, word for word (two
    outlets that tell one fact each in their words align too: ``EDITED_RATIO``). Across two languages, a passage
    is a translation from ``reuse.PARTIAL_CROSS_LANGUAGE``: a copy or translation edge may align sentences that
    merely say alike from a lower cosine."""
    from rapidfuzz import fuzz

    from .reuse import PARTIAL_CROSS_LANGUAGE

    relayed = [c.text for c in (*wire_credits(a), *wire_credits(b)) if c.form == "cited"]
    out = []
    for p in edge.passages:
        if _quotation(p.source) or _quotation(p.target):
            continue
        if any(cue in p.source or cue in p.target for cue in relayed):
            continue  # "selon l'agence TASS": the wire's fact that both relay
        if a.language == b.language and fuzz.ratio(fold(p.source), fold(p.target)) < EDITED_RATIO:
            continue
        if a.language != b.language and p.score < PARTIAL_CROSS_LANGUAGE:
            continue
        out.append(p)
    return out


def _quotation(sentence: str) -> bool:
    """Whether half the sentence's words or more are quoted: between quotation marks, after an opening mark left open
    or before a closing mark opened in an earlier sentence ("Ainsi (…) nous partons», a déclaré X.")."""
    words = len(_WORDS.findall(sentence))
    rest = _QUOTED.sub(" ", sentence)
    for mark in reversed(list(_MARK.finditer(rest))):  # marks left alone, last first
        at = mark.start()
        mark_char = rest[at]
        opening = mark_char in _OPENS or mark_char not in _CLOSES and (at == 0 or not rest[at - 1].isalnum()) and (
            at + 1 < len(rest) and not rest[at + 1].isspace())
        if not opening:  # closed without an opening: what precedes it is quoted
            rest = rest[at + 1:]
            break
        rest = rest[:at]  # opened, never closed: what follows it is quoted
    return len(_WORDS.findall(rest)) * 2 <= words


def _beyond(passage: Passage, wire: str, source: Article, target: Article) -> bool:
    """Whether the passage is not one that names the wire as its source: "selon l'agence TASS" in both texts is
    TASS's fact that two outlets relay, not a text that one took from the other."""
    return not any(c.text in passage.source for c in wire_credits(source) if c.agency == wire) and not any(
        c.text in passage.target for c in wire_credits(target) if c.agency == wire)


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
    """The wire the articles come from (of the wires credited by a dateline or signature if any, else by their own
    reporting or "avec X", the one most of them credit; the strongest form breaks a tie); else the wire they were
    grouped on (``relayed``: the wire's own text and a text crediting it that share a passage); else, for copies
    or translations, the source they all cite; else the outlet."""
    strength: dict[str, tuple[int, int]] = {}
    for a in articles:
        # each agency's strongest credit in this article (credits come strongest first)
        for credit in {c.agency: c for c in reversed(wire_credits(a)) if c.form != "cited"}.values():
            count, form = strength.get(credit.agency, (0, len(FORMS)))
            strength[credit.agency] = (count + 1, min(form, FORMS.index(credit.form)))
    if strength:
        # a dateline or signature first: the wire a text declares outranks one it reports for ("a déclaré à
        # l'Associated Press" in an Anadolu text, carried into its copies)
        declared = FORMS.index("signature")
        return min(strength, key=lambda name: (strength[name][1] > declared, -strength[name][0], strength[name][1]))
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
