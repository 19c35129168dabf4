"""Quotes: direct and reported speech, with their speakers, linked across articles.

Direct quotes are found by pairing quotation marks line by line, the way scraped French news writes
them: « », “ ”, straight quotes, a closing mark used to open (` » continuera… »`), pairs of different
marks (“ … »), and a mark never closed, which runs to the end of its paragraph. Reported speech is the
clause after a speech verb's "que"/"that", or the clause before an inverted one (", a déclaré X").
Speakers are resolved in ``speakers.py``.

What counts as speech and not as a term in scare quotes (“bombe sale”): a quotation attributed right
next to a speech verb (`a qualifié … de « très positives »`, `« sans limites », selon Erdogan`: four
words apart at most) is kept whatever its length; one further inside a speech verb's clause needs three
words; one with no speech verb in its sentence needs eight, or three when it is a whole sentence
(capital to full stop). Shorter ones are names or terms. A reported clause needs four words.

Frames that attribute (``_hits``, ``_verb``, ``_attribute``), each read from the language lists so that a
language file is all a new language needs: an inverted verb after a quotation (", a déclaré X", ", sagte
Peskow", ", a justifié X" and "déplore-t-il" whatever the verb), with adverbs and one prepositional phrase
skipped before its subject; a preverbal subject ("X a dit que", "…, Peskov said."); verb-second ("Am Samstag
sagte Peskow, dass"); verb-final ("Peskov, « … » dedi."); "selon X" and postpositions ("X zufolge", "Peskov'a
göre"); an incise inside the quotation marks (« …, a dit X, … »); a colon after the sentence's first person
("Jane Roe, Daily Post : « … »"). "told NBC" names who heard it, "selon TASS" after a verb's quotation who
reported it: neither is the speaker. A pronoun with no speaker before it takes the next one named.

Same quote across articles: see ``_group``.
"""
from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from . import lang
from .grouping import disjoint
from .records import Article, Entity, Mention, Quote
from .speakers import (
    ADJUNCT_OPENERS,
    AUX,
    NAME_PARTICLES,
    RELATIVE,
    TITLE_ABBREVIATIONS,
    Resolver,
    Speaker,
    index_names,
    is_name,
)
from .text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc

MASK = "□"  # stands in for a quotation while the words around it are read
_OPENERS, _CLOSERS = "«“„", "»”"
_REVERSED = {"„": "“", "»": "«"}  # an opening mark -> the mark that closes it in German typography
_ABBREVIATIONS = lang.union("QUOTE_ABBREVIATIONS")
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s+\S)")
_THAT = lang.union("COMPLEMENTIZERS")
# "qu'" is elided onto the next word; "que" and "that" stand before a space
_QUE = re.compile(r"(?:[^.;:!?□]{0,60}?)\b(?:" + lang.alternation(w for w in _THAT if w[-1] in "'’") + "|(?:"
                  + lang.alternation(w for w in _THAT if w[-1] not in "'’") + r")\s)", re.IGNORECASE)
# English often drops "that": "officials said the plan would take years"
# (one look-behind per form: a look-behind has one width)
_AFTER_SAID = "|".join(rf"(?<=\b{re.escape(said)})" for said in sorted(lang.union("SAID_WITHOUT_THAT"))) or "(?!)"
_BARE_SAID = re.compile(r"(?:" + _AFTER_SAID + r")\s+(?=(?:" + lang.alternation(lang.union("SUBJECT_OPENERS"))
                        + r")\s)", re.IGNORECASE)
_SELON_WORDS = lang.alternation(lang.union("ACCORDING_TO"))
_PARTICIPLE_ENDINGS = tuple(sorted(lang.union("PARTICIPLE_ENDINGS")))
# a clause ends at a present participle (", ajoutant", the French gerund ", en ajoutant"), "selon", "but"
_CUT = re.compile(r",\s+(?:en\s+)?\w+(?:" + lang.alternation(_PARTICIPLE_ENDINGS) + r")\b"
                  r"|,\s+(?:" + _SELON_WORDS + "|" + lang.alternation(lang.union("CONTRAST") | lang.union("WHEREAS"))
                  + r")\b|;|\s[–—-]\s",
                  re.IGNORECASE)
# "selon lui", "d'après laquelle": a pronoun after "selon" points back, it names no one (grammar, kept here)
_SELON = re.compile(r"\b(?:" + _SELON_WORDS + r")\s+(?!(?:lui|elle|eux|moi|nous|vous|lequel|laquelle|"
                    r"lesquels|lesquelles|qui|which|whom)\b)", re.IGNORECASE)
# "X zufolge", "Peskov'a göre": a source credited before the word that credits it
_POSTPOSITION = re.compile(r"(?<=\w)\s+(?:" + lang.alternation(lang.union("POSTPOSITIONS")) + r")\b", re.IGNORECASE)
_PRONOUN_INVERSION = re.compile(r"-t-(?:il|elle)|-(?:il|elle|ils|elles)\b", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:n['’]\s?|ne\s+)\S+(?:\s+\S+)?\s+(?:pas|jamais|guère)\b|\b(?:not|never)\b",
                      re.IGNORECASE)
# what may stand between an incise's comma and its verb: an auxiliary, with an inversion ("a-t-il")
AUX_PREFIX = re.compile(r"(?:" + AUX + r")(?:-t-(?:il|elle|on))?", re.IGNORECASE)
_WITHOUT = re.compile(r"\b(?:sans|without)\s+$", re.IGNORECASE)  # French and English grammar, as above
SAME_LANGUAGE, MIN_GROUPED = 90, 6  # rapidfuzz partial_ratio on folded text; quotes of fewer words never group
_WORDS = re.compile(r"\w+(?:[-'’]\w+)*")  # "porte-parole" and "l'Ukraine" are one word each


@dataclass(slots=True)
class _Span:
    """A quotation on the page: outer span with its marks, inner span with the words only."""

    outer: tuple[int, int]
    inner: tuple[int, int]


@dataclass(slots=True)
class _Hit:
    """A speech verb or a "selon" in a sentence, and the speaker it gives."""

    start: int
    end: int
    clause: int  # where its clause begins: after the last quotation or sentence start
    backward: bool  # it attributes what stands before it (", a déclaré X", '," Smith said', ", selon X")
    speaker: Speaker
    reported: tuple[int, int] | None = None  # the clause it reports, when not between quotation marks
    kind: str = "verb"  # "verb", "selon" (a source credited: "selon X", "X zufolge") or "colon"


def extract(articles: Sequence[Article], docs: Mapping[str, Doc], entities: Sequence[Entity]) -> list[Quote]:
    """Every quote of every article, with its speaker, and a shared ``group`` for the same words across articles."""
    by_article: dict[str, list[tuple[Mention, Entity]]] = {}
    for entity in entities:
        for mention in entity.mentions:
            by_article.setdefault(mention.article, []).append((mention, entity))
    names = index_names(entities)
    quotes: list[Quote] = []
    for article in articles:
        resolver = Resolver(article.text, docs.get(article.id), by_article.get(article.id, []), names)
        quotes.extend(_article_quotes(article, resolver))
    languages = {a.id: a.language or "" for a in articles}
    return _group(quotes, languages)


# -- quotation marks --------------------------------------------------------------------------------

def _spans(text: str) -> list[_Span]:
    """The outermost quotations of every line, pairing marks by position rather than by shape."""
    spans: list[_Span] = []
    for line in re.finditer(r"[^\n]+", text):
        a, b = line.span()
        stack: list[int] = []
        for i in range(a, b):
            ch = text[i]
            if ch not in _OPENERS + _CLOSERS + '"':
                continue
            before = text[i - 1] if i > a else " "
            after = text[i + 1:b].lstrip()[:1]
            opens_word = (before.isspace() or before in "([:—–-'’") and after[:1].isalnum()
            if stack and _REVERSED.get(text[stack[-1]]) == ch and not opens_word:
                _close(spans, stack, i + 1)  # German „…“ and »…«: a mark that opens elsewhere closes here
            elif ch in _OPENERS or (not stack and opens_word and ch in _CLOSERS):
                stack.append(i)  # a closing mark after a space and before a word opens (» continuera…)
            elif ch == '"':
                if stack and not (opens_word and text[stack[-1]] != '"'):
                    _close(spans, stack, i + 1)
                elif opens_word or not stack:
                    stack.append(i)
            elif stack:
                _close(spans, stack, i + 1)
        if stack:  # never closed: the quotation runs to the end of its paragraph
            spans.append(_Span((stack[0], b), (stack[0] + 1, b)))
    return sorted(spans, key=lambda s: s.outer)


def quotations(text: str) -> list[tuple[int, int]]:
    """Offsets of the words inside each outermost quotation of ``text`` (see ``_spans``)."""
    return [span.inner for span in _spans(text)]


def _close(spans: list[_Span], stack: list[int], end: int) -> None:
    opened = stack.pop()
    if not stack:  # a quotation inside another is part of it
        spans.append(_Span((opened, end), (opened + 1, end - 1)))


def _trim(text: str, a: int, b: int, strip: str = " \t,;:") -> tuple[int, int]:
    """Narrow a span to its words: no surrounding spaces, no dangling comma or colon."""
    while a < b and (text[a].isspace() or text[a] in strip):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in strip):
        b -= 1
    return a, b


# -- sentences --------------------------------------------------------------------------------------

def _mask(text: str, spans: Sequence[_Span]) -> str:
    """The text with every quotation blotted out, same length, so that only the words around it are read."""
    chars = list(text)
    for span in spans:
        a, b = span.outer
        chars[a:b] = MASK * (b - a)
    return "".join(chars)


def _sentences(masked: str) -> list[tuple[int, int, int]]:
    """Sentences outside quotations, as (start, end, paragraph): a quotation never splits one."""
    out: list[tuple[int, int, int]] = []
    for paragraph, line in enumerate(re.finditer(r"[^\n]+", masked)):
        start = line.start()
        for m in _SENTENCE_END.finditer(masked, line.start(), line.end()):
            word = re.findall(r"[\w.-]+$", masked[start:m.start()])
            nxt = masked[m.end():line.end()].lstrip()[:1]
            if (word and word[0].lower() in _ABBREVIATIONS) or not (nxt.isupper() or nxt in MASK + _OPENERS + '"'):
                continue
            if word and word[0][:1].isupper() and word[0].lower() in TITLE_ABBREVIATIONS:
                continue  # "said Sen. Ben Sasse"
            if len(word) and len(word[0]) == 1 and word[0].isupper():
                continue  # an initial: "John F. Kennedy"
            out.append((start, m.end(), paragraph))
            start = m.end()
        out.append((start, line.end(), paragraph))
    return [(a, b, p) for a, b, p in out if masked[a:b].strip()]


# -- one article ------------------------------------------------------------------------------------

def _article_quotes(article: Article, resolver: Resolver) -> list[Quote]:
    """The direct and reported quotes of one article, in text order."""
    text = article.text
    spans = _spans(text)
    masked = _mask(text, spans)
    resolver.masked = masked
    found: list[Quote] = []
    last: tuple[int, Speaker] = (-9, Speaker(None))  # the latest speaker, quoted or named by a verb
    pending: list[tuple[int, int, Speaker]] = []  # quotes whose pronoun found no one before: (index, paragraph, it)
    for s0, s1, paragraph in _sentences(masked):
        resolver.paragraph = paragraph
        hits = _hits(s0, s1, masked, resolver)
        pending = _cataphora(found, pending, hits, paragraph)
        kept: list[_Span] = []
        for span in (sp for sp in spans if s0 <= sp.outer[0] < s1):
            speaker, keep = _attribute(span, hits, masked, text)
            a, b = _trim(text, *span.inner)
            if not keep or b - a < 2:
                continue
            if speaker is None:  # « Nous partirons, a dit X, et nous reviendrons » : the words inside say who
                speaker = _incise(span, text, masked, resolver)
            if speaker is None:  # "X, Outlet : « … »", "X a publié sur X : « … »": who the sentence opens with
                speaker = _colon(span, s0, masked, resolver)
            if speaker is None:  # "Le parquet s'est refusé à toute communication « … »": the sentence's subject
                speaker = _opening_subject(span, s0, masked, resolver)
            if speaker is None:  # a quotation standing alone goes on with the speaker just before it
                speaker = last[1] if last[0] >= paragraph - 1 else Speaker(None)
            kept.append(span)
            if speaker.anaphor is not None and speaker.text is None:
                pending.append((len(found), paragraph, speaker))
            found.append(_quote(article.id, text, a, b, speaker, True))
            last = (paragraph, speaker)
        verb_spoke = any(h.kind == "verb" and h.speaker.text is not None for h in hits)
        for hit in hits:
            carried = not (hit.kind == "selon" and verb_spoke)
            if hit.speaker.text is not None and hit.end > (kept[-1].outer[1] if kept else -1) and carried:
                last = (paragraph, hit.speaker)  # "selon TASS" after "X a dit": X goes on speaking, not TASS
            if hit.reported is None or hit.speaker.text is None:
                continue
            a, b = _trim(text, *hit.reported, strip=" \t,;:.")
            if any(sp.outer[0] < b and a < sp.outer[1] for sp in kept) or len(_WORDS.findall(text[a:b])) < 4:
                continue
            found.append(_quote(article.id, text, a, b, hit.speaker, False))
    # two speech verbs of one sentence may report the same clause: it is one quote, its first speaker
    unique = {(q.start, q.end): q for q in reversed(found)}
    return sorted(unique.values(), key=lambda q: (q.start, q.end))


def _cataphora(found: list[Quote], pending: list[tuple[int, int, Speaker]], hits: Sequence[_Hit],
               paragraph: int) -> list[tuple[int, int, Speaker]]:
    """Give the quotes whose pronoun named no one before ("« … », a-t-elle dit.") the first speaker named
    after them, in their paragraph or the next, of the pronoun's gender; the others stay pending."""
    pending = [p for p in pending if p[1] >= paragraph - 1]
    for hit in hits:
        speaker = hit.speaker
        if speaker.text is None or speaker.kind not in ("named", "anonymous_official"):
            continue
        left = []
        for index, said_in, pronoun in pending:
            if pronoun.gender is None or speaker.gender in (None, pronoun.gender):
                found[index] = replace(found[index], speaker=speaker.text, speaker_entity=speaker.entity,
                                       speaker_kind=speaker.kind)
            else:
                left.append((index, said_in, pronoun))
        pending = left
    return pending


def _incise(span: _Span, text: str, masked: str, resolver: Resolver) -> Speaker | None:
    """The speaker named by an inverted verb set off inside the quotation marks, between commas:
    « Nous partirons demain, a dit Paul Girard, et nous reviendrons lundi »."""
    i0, i1 = span.inner
    view = masked[:i0] + text[i0:i1] + masked[i1:]  # this quotation's words, the others still blotted out
    for start, end, lemma in resolver.verbs(i0, i1, view):
        comma = view.rfind(",", i0, start)
        if comma < 0:
            continue
        hit = _verb(start, end, comma + 1, i0, i1, view, resolver, [], lemma)
        if hit is not None and hit.backward and hit.speaker.text is not None and comma + 1 < start:
            if not view[comma + 1:start].strip(" \t") or AUX_PREFIX.fullmatch(view[comma + 1:start].strip()):
                return hit.speaker
    return None


def _colon(span: _Span, s0: int, masked: str, resolver: Resolver) -> Speaker | None:
    """The person a sentence opens with, when it ends in a colon before a quotation and no verb attributes
    it: a round-up line ("Jane Roe, Daily Post: « … »") or a verb not listed ("X a publié sur X : « … »")."""
    lead = masked[s0:span.outer[0]].rstrip()
    if not lead.endswith(":") or MASK in lead:
        return None
    first = re.match(r"\s*([^,:]+)", lead)
    if first is None:
        return None
    phrase = first.group(1).rstrip()
    words = phrase.split()
    if not resolver.np_like(phrase):  # "Marie Roy est revenue sur …": the name that opens the clause
        run = len(list(itertools.takewhile(lambda w: is_name(w) or w in NAME_PARTICLES, words)))
        if not run or run == len(words) or not words[run][:1].islower():
            return None
        phrase = " ".join(words[:run])
    a = s0 + first.start(1)
    speaker = resolver.describe(a, a + len(phrase))
    return speaker if speaker.text is not None and speaker.kind in ("named", "anonymous_official") else None


def _opening_subject(span: _Span, s0: int, masked: str, resolver: Resolver) -> Speaker | None:
    """The subject of the sentence's first verb, when a quotation that no verb attributes follows it in its
    sentence: "Le parquet de Paris s'est refusé à toute communication « en l'état »" is the parquet's, not
    the last speaker's. Only a name, an official or a body will do."""
    lead = masked[s0:span.outer[0]]
    if MASK in lead or not lead.strip():
        return None
    subject = resolver.main_subject(s0, span.outer[0], masked)
    if subject is None:
        return None
    speaker = resolver.describe(*subject)
    return speaker if speaker.text is not None and speaker.kind in ("named", "anonymous_official",
                                                                    "organisation") else None


def _hits(s0: int, s1: int, masked: str, resolver: Resolver) -> list[_Hit]:
    """The speech verbs, "selon X" and "X zufolge" of a sentence, each with its speaker, in text order."""
    hits: list[_Hit] = []
    verbs = [(a, b, "verb", lemma) for a, b, lemma in resolver.verbs(s0, s1, masked)]
    verbs += [(m.start(), m.end(), "selon", "") for m in _SELON.finditer(masked, s0, s1)]
    verbs += [(m.start(), m.end(), "post", "") for m in _POSTPOSITION.finditer(masked, s0, s1)]
    verbs += [(m.start(), m.end(), "learned", "") for m in _LEARNED.finditer(masked, s0, s1)]
    for start, end, kind, lemma in sorted(verbs):
        clause = max(s0, masked.rfind(MASK, s0, start) + 1, masked.rfind(":", s0, start) + 1)
        if kind == "selon":
            hit = _selon(start, end, clause, s0, s1, masked, resolver)
        elif kind == "learned":
            hit = _learned(start, end, clause, s0, s1, masked, resolver)
        elif kind == "post":
            hit = _postposition(start, end, clause, s0, s1, masked, resolver)
        else:
            hit = _verb(start, end, clause, s0, s1, masked, resolver, hits, lemma)
        if hit is None:
            continue
        if hit.kind == "selon" and hit.backward and hits:
            hit.reported = None  # "X a confirmé que …, selon TASS": the verb's speaker is the one reported
        hits.append(hit)
        if hit.speaker.text is not None:
            hit.speaker.paragraph = resolver.paragraph
            resolver.said.append(hit.speaker)
    for k, hit in enumerate(hits):  # "A ont déclaré que …, tandis qu'un responsable a déclaré que …"
        if hit.reported is None:
            continue
        a, b = hit.reported
        for later in hits[k + 1:]:
            at = later.speaker.start
            if not later.backward and later.speaker.text is not None and a < at < b:
                comma = masked.rfind(",", a, at)
                hit.reported = (a, comma if comma > a else at)
                break
    return hits


# the lemma whose object is who heard it: "X told Reuters" names X, never Reuters (English grammar)
_HEARER_VERBS = frozenset({"tell"})


def _verb(start: int, end: int, clause: int, s0: int, s1: int, masked: str, resolver: Resolver,
          earlier: list[_Hit], lemma: str = "say") -> _Hit | None:
    """One speech verb: inverted (", a déclaré X", "a-t-il dit"), a participle (", ajoutant"), preverbal
    ("X a dit", "…, Peskov said."), verb-second ("Am Samstag sagte Peskow") or verb-final ("X, … dedi")."""
    before = masked[clause:start]
    aux = re.search(r"(?:\b(?:n['’]\s?|ne\s+)?" + AUX + r"(?:-t-(?:il|elle|on)|-(?:ils|elles))?(?:\s+\S+?){0,2}\s+)$",
                    before)
    aux_at = clause + aux.start() if aux and not _has_verb_before(aux.group(0)) else start
    if _NEGATED.search(masked[aux_at:end]) or _WITHOUT.search(masked[max(s0, aux_at - 12):aux_at]):
        return None  # "n'a pas précisé", "sans préciser", "without saying": nothing was said
    pronoun = _PRONOUN_INVERSION.search(masked[aux_at:end + 12])
    lead = masked[clause:aux_at].strip(" ,\t—–")
    if pronoun and pronoun.start() <= end - aux_at + 1:
        return _Hit(start, end, clause, True, resolver.describe(*_pronoun_span(masked, pronoun, aux_at)))
    word = masked[start:end].lower()
    if word.endswith(_PARTICIPLE_ENDINGS) and lemma:  # ", ajoutant que": the subject goes on speaking
        prior = next((h.speaker for h in reversed(earlier) if h.speaker.text is not None), None)
        if prior is None:
            span = resolver.parsed_subject(start, s0) or resolver.main_subject(s0, start, masked)
            prior = resolver.describe(*span) if span else Speaker(None)
        return _Hit(start, end, clause, False, prior, _reported(end, s1, masked))
    hearer = lemma in _HEARER_VERBS
    if not lead or (masked[clause:aux_at].rstrip().endswith(",") and not _apposed(lead)):
        span = None if hearer else resolver.after(end, s1, masked, adjuncts=True)
        if span is not None:  # ", a déclaré le porte-parole": the words before are what was said
            reported = (s0, aux_at) if MASK not in masked[s0:start] else None
            return _Hit(start, end, clause, True, resolver.describe(*span), reported)
    if not lemma:
        return None  # a verb not listed, with no subject after it: no speech is said to be framed
    span = resolver.before(clause, aux_at, masked) or resolver.parsed_subject(start, clause)
    final = not masked[end:s1].strip(" \t.!?…")
    if span is None and lead and not hearer:  # verb-second: "Am Samstag sagte Peskow, …"
        inverted = resolver.after(end, s1, masked, adjuncts=True)
        if inverted is not None:
            return _Hit(start, end, clause, False, resolver.describe(*inverted), _reported(inverted[1], s1, masked))
    if span is None and not lead and final:  # verb-final: "Peskov, « … » dedi."
        opening = masked.find(MASK, s0, start)
        if opening > s0 and not masked[opening:clause].replace(MASK, "").strip(" ,\t"):
            first = re.match(r"\s*([^,:]+?)\s*(?:[,:]|$)", masked[s0:opening])  # the sentence's subject comes first
            if first is not None and resolver.np_like(first.group(1)):
                span = (s0 + first.start(1), s0 + first.end(1))
            else:
                span = resolver.before(s0, opening, masked)
    speaker = resolver.describe(*span) if span else Speaker(None)
    after_quote = clause > s0 and masked[clause - 1] == MASK and not _QUE.match(masked, end, s1)
    reported = None if after_quote else _reported(end, s1, masked)
    if span is not None and reported is None and not after_quote and MASK not in masked[s0:s1]:
        reported = _reported_before(span, aux_at, s0, final, masked)
    return _Hit(start, end, clause, after_quote, speaker, reported)


def _reported_before(span: tuple[int, int], aux_at: int, s0: int, final: bool, masked: str) -> tuple[int, int] | None:
    """What a preverbal subject's verb reports when no "that" clause follows it: the clause before the
    subject ("The talks went well, Peskov said."), or, verb-final, the words between the subject and
    its verb ("Peskov, görüşmelerin sürdüğünü söyledi.")."""
    head = masked[s0:span[0]].rstrip()
    opener = head.split(None, 1)[0].lower().strip(",") if head else ""
    if head.endswith(",") and len(_WORDS.findall(head)) >= 5 and opener not in ADJUNCT_OPENERS:
        return (s0, s0 + len(head) - 1)
    inner = masked[span[1]:aux_at].strip()
    if final and inner.startswith(",") and "," not in inner[1:]:
        words = inner[1:].split()
        if len(words) >= 4 and not (words[0][:1].isdigit() or words[0].lower().endswith(_PARTICIPLE_ENDINGS)
                                    or RELATIVE.match(words[0])):
            return (span[1] + masked[span[1]:aux_at].index(",") + 1, aux_at)
    return None


def _apposed(lead: str) -> bool:
    """The words before ", a confirmé" end with a name or a relative clause set off after a subject."""
    last = lead.rsplit(",", 1)[-1].split()
    return bool(last) and (all(is_name(w) or w in NAME_PARTICLES for w in last) or bool(RELATIVE.match(last[0])))


def _has_verb_before(aux: str) -> bool:
    """ "a été invité à commenter": the auxiliary belongs to another verb."""
    return bool(re.search(r"\b(?:été|semblé|commencé|been)\b|\bà\s*$", aux))


def _pronoun_span(masked: str, m: re.Match[str], base: int) -> tuple[int, int]:
    """Where the "il" of "a-t-il dit" stands."""
    word = m.group(0).split("-")[-1]
    at = base + m.end() - len(word)
    return at, at + len(word)


def _selon(start: int, end: int, clause: int, s0: int, s1: int, masked: str, resolver: Resolver) -> _Hit | None:
    """ "Selon X, …" reports what follows; "…, selon X." what precedes; one mid-sentence reports nothing."""
    span = resolver.after(end, s1, masked)
    if span is None:
        return None
    rest = masked[span[1]:s1].strip()
    opening = not masked[s0:start].strip(" ,\t")
    # "…, d'après un responsable, cité par l'agence Tass.": a participle set off after the source
    closing = rest in ("", ".", "!", "?", "…") or bool(_SET_OFF.fullmatch(rest))
    if not opening and not closing:
        return None
    speaker = resolver.describe(*span)
    if opening:
        return _Hit(start, end, clause, False, speaker, (span[1], s1) if MASK not in masked[span[1]:s1] else None,
                    kind="selon")
    reported = (s0, start) if clause == s0 and MASK not in masked[s0:start] else None
    return _Hit(start, end, clause, True, speaker, reported, kind="selon")


# "…, a appris l'AFP de sources policières", "a-t-on appris auprès de l'état-major": who told it follows "de"
# (French grammar, kept here as the other French frames are)
_LEARNED = re.compile(r"\b(?:(?:a|ont|avait|avons)(?:-t-on)?\s+appris|apprend|apprenait)\b(?:\s+[^\s,.;:!?□]+){0,3}?"
                      r"\s+(?:auprès\s+)?(?:de|d['’])\s*(?=\w)", re.IGNORECASE)


def _learned(start: int, end: int, clause: int, s0: int, s1: int, masked: str, resolver: Resolver) -> _Hit | None:
    """ "…, a appris X de sources policières." credits the clause before to the sources, as "selon" does;
    only at the end of its sentence (a participle set off may follow: ", confirmant une information")."""
    if not masked[clause:start].rstrip().endswith(","):
        return None
    stop = re.search(r"[,.;:!?□]", masked[end:s1])
    b = end + stop.start() if stop else s1
    rest = masked[b:s1].strip()
    if not (rest in ("", ".", "!", "?", "…") or _SET_OFF.fullmatch(rest)):
        return None
    a, b = _trim(masked, end, b)
    speaker = resolver.describe(a, b) if a < b else Speaker(None)
    if speaker.text is None:
        return None
    reported = (clause, start) if MASK not in masked[clause:start] else None
    return _Hit(start, end, clause, True, speaker, reported, kind="selon")


# what may follow a credited source to the end of its sentence: a participle set off ("…, cité par Tass.")
_SET_OFF = re.compile(r",\s+[^\W\d_]+(?:é|ée|és|ées|ed|ing|ant|t|s)\b[^,;:□]*[.!?…]?")


def _postposition(start: int, end: int, clause: int, s0: int, s1: int, masked: str,
                  resolver: Resolver) -> _Hit | None:
    """ "Dem Kreml zufolge, …" and "Peskov'a göre …" report what follows; "…, Peskov'a göre." what precedes."""
    comma = max(clause, masked.rfind(",", clause, start) + 1)
    phrase = masked[comma:start]
    if not phrase.strip() or not resolver.np_like(phrase.strip()):
        return None
    span = (comma + len(phrase) - len(phrase.lstrip()), start)
    speaker = resolver.describe(*span)
    if not masked[end:s1].strip(" \t.!?…"):
        head = masked[s0:span[0]].rstrip()
        reported = (s0, s0 + len(head) - 1) if clause == s0 and head.endswith(",") and MASK not in head else None
        return _Hit(start, end, clause, True, speaker, reported, kind="selon")
    if masked[clause:span[0]].strip(" ,\t"):
        return None  # a source credited mid-sentence reports nothing the patterns can bound
    return _Hit(start, end, clause, False, speaker, (end, s1) if MASK not in masked[end:s1] else None, kind="selon")


def _reported(end: int, s1: int, masked: str) -> tuple[int, int] | None:
    """The clause after "que"/"that", up to a new clause (", ajoutant", ", selon", ";") or the sentence end."""
    m = _QUE.match(masked, end, s1) or _BARE_SAID.match(masked, end, s1)
    cut = _CUT.search(masked, end, m.end()) if m is not None else None
    if m is None or (cut is not None and "," not in masked[cut.end():m.end()]):
        return None  # ", adding that …" after "X said": another clause's "that" (not "…, en citant X, que")
    cut = _CUT.search(masked, m.end(), s1)
    return (m.end(), cut.start() if cut else s1)


def _attribute(span: _Span, hits: Sequence[_Hit], masked: str, text: str) -> tuple[Speaker | None, bool]:
    """The speaker of a quotation in its sentence and whether it is speech (see the module docstring)."""
    a, b = span.outer
    words = len(_WORDS.findall(text[span.inner[0]:span.inner[1]]))
    after = [h for h in hits if h.backward and h.start >= b]
    before = [h for h in hits if not h.backward and h.end <= a]
    adjacent_after = next((h for h in after if h.clause == b or not masked[b:h.clause].strip(" ,\t")), None)
    if adjacent_after is not None:
        verb = before[-1] if before and before[-1].kind == "verb" else None
        if (adjacent_after.kind == "selon" and verb is not None
                and verb.speaker.text is not None and not _CUT.search(masked[verb.end:a])):
            return verb.speaker, True  # "Peskov a déclaré : « … », selon TASS": Peskov speaks, TASS reports it
        if (adjacent_after.kind == "verb" and adjacent_after.speaker.text is None
                and adjacent_after.speaker.anaphor is None and re.match(r"[ \t]*(?:[.!?…]|\n|$)",
                                                                        masked[adjacent_after.end:])):
            return None, True  # "«…», ha aggiunto.": no subject, the last speaker goes on (see the caller)
        return adjacent_after.speaker, True
    if before:
        h = before[-1]
        gap = masked[h.end:a]
        if not _CUT.search(gap):  # inside the verb's clause; right after it when four words or fewer apart
            keep = words >= 3 or len(re.findall(r"\w+", gap)) <= 4
            if h.speaker.text is None:  # "X said Russia's destruction confirms that … « … »": X's words
                h = next((x for x in reversed(before) if x.speaker.text is not None
                          and not _CUT.search(masked[x.end:a])), h)
            return h.speaker, keep
    inner = text[span.inner[0]:span.inner[1]].strip()
    sentence = inner[:1].isupper() and inner.rstrip(" ,")[-1:] in ".!?…"
    if after:
        return after[0].speaker, words >= 3
    return None, words >= 8 or (words >= 3 and sentence)


def _quote(article: str, text: str, a: int, b: int, speaker: Speaker, direct: bool) -> Quote:
    """A Quote record; its id is a hash of the article and the offsets, so reruns give the same ids."""
    digest = hashlib.sha1(f"{article}:{a}:{b}".encode()).hexdigest()[:12]
    kind = speaker.kind if speaker.text is not None else "unknown"
    return Quote(id=f"q-{digest}", article=article, text=text[a:b], start=a, end=b, speaker=speaker.text,
                 speaker_entity=speaker.entity, speaker_kind=kind, direct=direct)


# -- the same words across articles ----------------------------------------------------------------

def _group(quotes: list[Quote], languages: Mapping[str, str]) -> list[Quote]:
    """Give the quotes that say the same thing in several articles one group id.

    Same language: rapidfuzz's partial_ratio on folded text, so that a partial quote joins the longer
    one that holds it. Across languages a cheap signal: the same names and numbers, and lengths alike.
    Copies are compared once, and only texts that share three running words (same language) or a name
    (across languages) are compared at all, so that a corpus is not squared.
    """
    from rapidfuzz import fuzz

    keys: dict[tuple[str, str], int] = {}  # (folded text, language) -> distinct text
    of_quote = [keys.setdefault((fold(q.text), languages.get(q.article, "")), len(keys)) for q in quotes]
    texts = list(keys)
    raw = {k: quotes[i].text for i, k in reversed(list(enumerate(of_quote)))}
    anchors = [_anchors(raw[k]) for k in range(len(texts))]
    union = disjoint(range(len(texts)))

    for i, j in sorted(_candidates(texts, anchors)):
        if union.connected(i, j):
            continue
        if texts[i][1] == texts[j][1]:
            # with a cutoff, rapidfuzz gives up on a pair as soon as it cannot reach it (0 then): same answer, sooner
            same = fuzz.partial_ratio(texts[i][0], texts[j][0], score_cutoff=SAME_LANGUAGE) >= SAME_LANGUAGE
        else:
            same = _translated(raw[i], raw[j], anchors[i], anchors[j])
        if same:
            union.merge(i, j)
    members: dict[int, list[int]] = {}
    for i, k in enumerate(of_quote):
        members.setdefault(union[k], []).append(i)
    out = list(quotes)
    for group in members.values():
        if len({quotes[i].article for i in group}) < 2:
            continue
        first = min(group, key=lambda i: (quotes[i].article, quotes[i].start))
        gid = "g-" + hashlib.sha1(quotes[first].id.encode()).hexdigest()[:12]
        for i in group:
            out[i] = replace(quotes[i], group=gid)
    return out


def _candidates(texts: Sequence[tuple[str, str]], anchors: Sequence[set[str]]) -> set[tuple[int, int]]:
    """Pairs of distinct texts, both long enough: same language sharing three running words, or two
    languages sharing a name."""
    buckets: dict[str, list[int]] = {}
    for i, (text, language) in enumerate(texts):
        words = _WORDS.findall(text)
        if len(words) < MIN_GROUPED:
            continue
        keys = {f"{language}:{' '.join(words[k:k + 3])}" for k in range(len(words) - 2)}
        for key in keys | {"@" + a for a in anchors[i]}:
            buckets.setdefault(key, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for key, members in buckets.items():
        if len(members) > 200:  # a phrase or a name every article uses says nothing about one quote
            continue
        across = key.startswith("@")
        for x, i in enumerate(members):
            pairs.update((i, j) for j in members[x + 1:] if (texts[i][1] != texts[j][1]) == across)
    return pairs


def _anchors(text: str) -> set[str]:
    """Names and numbers: capitalised words that do not open a sentence, and figures."""
    found = re.finditer(r"(?<![.!?:]\s)(?<!^)\b(?:[A-ZÀ-Ý][\w-]{2,}|\d[\d.,]*\d|\d)", text)
    return {fold(m.group(0)) for m in found}


def _translated(a: str, b: str, x: set[str], y: set[str]) -> bool:
    """Two renderings in two languages: half their names and numbers alike (two at least), lengths alike."""
    from rapidfuzz import fuzz

    # transliterations differ a little (Naryshkin, Narychkine): names match when close, numbers exactly
    shared = sum(any(n == m or (not n[0].isdigit() and fuzz.ratio(n, m) >= 75) for m in y) for n in x)
    ratio = len(a) / max(1, len(b))
    return shared >= 2 and shared >= 0.5 * max(len(x), len(y)) and 0.7 <= ratio <= 1.45
