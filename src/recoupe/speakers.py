"""Speakers: speech verbs, the noun phrase that names who speaks, and what that phrase refers to.

Used by ``quotes.py``. Everything works on the clean text alone; a spaCy parse, when there is one,
adds lemmas (any conjugation of a speech verb), the subject of a verb whose subject the patterns
cannot see, and PER/ORG labels when the entity stage gave none.

A name is read without the titles before it ("Sen.", "President", "ministre"), with its initials ("Janet L.
Yellen") and without a case ending ("Peskov'a"); a possessive is no speaker ("Russia's destruction"). A
pronoun takes the latest speaker of its gender and number (``GENDER_WORDS``), else the last person named
before it outside quotations.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from retrie.trie import Trie

from . import lang
from .lang import PARTICLES
from .records import Entity, Mention, SpeakerKind
from .text import fold

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# -- lexicons: the words come from the language files (recoupe.lang), the patterns are built here -------
VERBS = lang.union("SPEECH_VERBS")
# French past participles need an auxiliary ("la réunion annoncée" is no speech): a rule of French grammar
_PARTICIPLE_VERBS = lang.get("fr").SPEECH_VERBS
_PARTICIPLE = re.compile(r"(?:ée?s?|ue?s?|ie?s?|is|it)$")
_PRESENT_TOO = ("dit", "écrit", "avertit")  # participles that are also a present tense: no auxiliary needed
_PARTICIPLE_ENDINGS = tuple(sorted(lang.union("PARTICIPLE_ENDINGS")))
FORMS = lang.merged("SPEECH_FORMS")  # every written form of the speech verbs that news prose uses -> lemma
# the French inversion ("a-t-il dit", "dit-elle") is grammar, kept here
_FORM_RE = re.compile(r"(?<![\w'’-])(" + lang.alternation(FORMS)
                      + r")(?![\w'’])(?:-t-(?:il|elle|on)|-(?:il|elle|ils|elles))?", re.IGNORECASE)

# where a form of _FORM_RE starts: the same words and boundaries, found a letter at a time through a trie of the
# forms (retrie's pattern; _FORM_RE itself, with its 1,500 words tried one after another at every word, was most
# of the quote stage's time)
_FORM_AT = re.compile(r"(?<![\w'’-])(?=" + Trie().add(*FORMS).pattern() + r"(?![\w'’]))", re.IGNORECASE)


def _forms(masked: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches of ``_FORM_RE.finditer(masked, start, end)``, the same ones: _FORM_RE is tried only where
    ``_FORM_AT`` says that one of its words begins, which is where, and only where, it can match."""
    pos = start
    for at in _FORM_AT.finditer(masked, start, end):
        if at.start() >= pos and (m := _FORM_RE.match(masked, at.start(), end)) is not None:
            yield m
            pos = m.end()


DETERMINERS = lang.union("DETERMINERS")
# a determiner before a speech verb's form makes it a noun ("la note", "the report"), unless the word may
# stand before a verb too: a pronoun ("a report that said") or French "a", an auxiliary
_NOUN_BEFORE = DETERMINERS - lang.union("DETERMINER_PRONOUNS") - lang.union("AUXILIARIES")
AUX = "(?:" + lang.alternation(lang.union("AUXILIARIES")) + ")"
_ADVERB = r"\w+(?:" + lang.alternation(lang.union("ADVERB_ENDINGS")) + ")"  # "a également déclaré"
# French negation ("n'a pas") and inversion ("a-t-il") around the auxiliary are grammar, kept here
_AUX_BEFORE = re.compile(
    r"(?:\b(?:n['’]\s?|ne\s+)?" + AUX + r"(?:-t-(?:il|elle|on)|-(?:ils|elles))?"
    r"(?:\s+(?:" + _ADVERB + "|" + lang.alternation(lang.union("AUX_ADVERBS")) + r"))*\s+)$", re.IGNORECASE)
# any verb inverted right after a quotation frames it ("« … », a justifié le ministre", "« … », déplore-t-il"):
# the inversion says it is speech, whether or not the verb is listed (lemma "", kept only with a subject)
_INVERTED_ANY = re.compile(
    r"□\s*,\s*[—–]?\s*(?:(?:" + AUX + r")(?:-t-(?:il|elle|on))?(?:\s+(?:" + _ADVERB + "|"
    + lang.alternation(lang.union("AUX_ADVERBS")) + r"))*\s+([^\W\d_]+(?:é|ée|és|ées|u|ue|i))\b"
    r"|([^\W\d_]+)(?=-t-(?:il|elle|on)\b|-(?:il|elle|ils|elles)\b))")
_FINITE = re.compile(r"\b(?:" + lang.alternation(lang.union("FINITE_VERBS")) + r")\b", re.IGNORECASE)
_SKIP_AFTER = re.compile(
    r"(?:\s*(?:" + _ADVERB + "|" + lang.alternation(lang.union("AFTER_VERB_WORDS")) + r")\b,?)+", re.IGNORECASE)
# words that end a speaker's noun phrase: what follows is a complement of the verb, not the speaker
_NP_STOP = lang.union("NP_STOPS")
_OPENERS = lang.union("SENTENCE_OPENERS")
PRONOUNS: dict[str, int] = lang.merged("SUBJECT_PRONOUNS")
# a relative clause, or a stressed pronoun ("Le maire, lui, promet"), set off between a subject and its verb
RELATIVE = re.compile(r"^(?:" + lang.alternation(lang.union("RELATIVE_PRONOUNS")) + "|(?:"
                      + lang.alternation(lang.union("STRESSED_PRONOUNS")) + r")(?:-même|-mêmes)?$)\b", re.IGNORECASE)
ROLES = lang.union("ROLE_NOUNS")
GENERIC = lang.union("GENERIC_ROLES")
_PERSON_ROLES = lang.union("LEADER_TITLES")
ORGS = lang.union("ORG_SPEAKERS")
_PREPOSITIONS = lang.union("TITLE_PREPOSITIONS")
_HONORIFICS = lang.union("HONORIFICS")
TITLE_ABBREVIATIONS = lang.union("TITLE_ABBREVIATIONS")
# "le porte-parole", "il portavoce", "o ministro" may point back to the last speaker; a plural article
# ("les responsables", "los funcionarios") and an indefinite one ("un responsable", "a spokesman", "des
# sources": "a" and "des" are also Portuguese and German definite articles) do not (grammar, kept here)
_INDEFINITE = frozenset("un une des a an uno una unos unas um uma uns umas ein eine einen einem einer".split())
_DEFINITE = lang.union("DEFINITE_ARTICLES") - _INDEFINITE - frozenset("les los las os as gli den".split())
# words that say which person a phrase is not: a title before a name ("President", "Sen.") is no part of it
_TITLE_WORDS = lang.union("TITLE_NOUNS") | ROLES
GENDERS: dict[str, str] = lang.merged("GENDER_WORDS")
_THAT = lang.union("COMPLEMENTIZERS")
# words opening a sentence that may stand before its subject, not being prepositions ("Ensuite", "However")
_ADVERB_OPENERS = _OPENERS - _NP_STOP - frozenset(w for p in lang.union("ACCORDING_TO") for w in p.split())
ADJUNCT_OPENERS = _OPENERS | _NP_STOP  # words that open an adjunct, never a subject
# prepositions that open an adjunct between an inverted verb and its subject ("a déclaré dans un communiqué X")
_PREPS = _NP_STOP | _PREPOSITIONS
# a subordinate clause's opening before its subject: "tandis qu'un responsable", "while the minister"
_SUBORDINATE = re.compile(r"^(?:(?:" + lang.alternation(lang.union("WHEREAS") | lang.union("CONTRAST")
                          | lang.union("AND_WORDS")) + r")\b\s*|(?:\w+\s+){0,2}(?:qu['’]|que\s+))", re.IGNORECASE)
# Particles a speaker's name runs across ("Ursula von der Leyen"). This stage reads raw text with no parser
# to say where a name ends, and has always read fewer particles than the names list has: "des" and "y" are
# also common French words right after a name ("Pierre Dupont des Échos", "Macron y a répondu"). Reading
# the whole list would change who is said to speak ("Jean des Essarts", "Ortega y Gasset", but "Dupont des
# Échos" too): kept as it was, for a reviewed change of the analysis to widen.
NAME_PARTICLES = PARTICLES - frozenset("des den ibn y dos das ter zu".split())
_WORD = re.compile(r"[\w.'’-]+")


def is_name(word: str) -> bool:
    """A capitalised word that can be part of a proper name ("Jean-Pierre", "TASS", the "L." of "Janet L. Yellen")."""
    if len(word) == 2 and word[0].isupper() and word[1] == ".":
        return True  # an initial, though "L" or "A" alone may be a determiner
    return word[:1].isupper() and word.lower().strip(".") not in DETERMINERS | _OPENERS


def is_title(word: str) -> bool:
    """A title that stands before a name and is no part of it: "Sen.", "Me", "President", "ministre"."""
    low = word.lower()
    return (word[:1].isupper() and low.rstrip(".") in TITLE_ABBREVIATIONS) or low in _TITLE_WORDS


def _possessive(word: str) -> bool:
    """ "Russia's", "Lukashenko’s": the word owns what follows, it is not what follows."""
    return word.endswith(("'s", "’s", "s'", "s’")) and word[:1].isupper()


def _gender(words: Sequence[str]) -> str | None:
    """The gender the first gendered word of a phrase gives ("la ministre", "Mme", "spokeswoman")."""
    return next((GENDERS[w.lower()] for w in words if w.lower() in GENDERS), None)


@dataclass(slots=True)
class Speaker:
    """Who a verb's subject names, as resolved: the words, their offsets, the kind, the linked entity."""

    text: str | None
    kind: SpeakerKind = "unknown"
    start: int = -1
    end: int = -1
    entity: str | None = None
    roles: frozenset[str] = frozenset()  # role nouns seen with the speaker, to match "le porte-parole" later
    paragraph: int = 0  # where it was said, so that "il" finds no antecedent paragraphs away
    gender: str | None = None  # "m" or "f" when a word of the text says it ("Mme", "la ministre", "she")
    anaphor: str | None = None  # the pronoun that named no one yet: a speaker named just after may be it


@dataclass(slots=True)
class Resolver:
    """Turns noun phrases of one article into speakers, remembering who spoke last for anaphora."""

    text: str
    doc: Doc | None
    mentions: Sequence[tuple[Mention, Entity]]  # this article's entity mentions
    by_name: dict[str, list[Entity]]  # folded mention text or surname -> entities, corpus-wide
    said: list[Speaker] = field(default_factory=list)
    paragraph: int = 0  # the paragraph being read
    masked: str | None = None  # the text with its quotations blotted out, when the quote stage reads it

    # -- verbs --------------------------------------------------------------------------------------
    def verbs(self, start: int, end: int, masked: str) -> list[tuple[int, int, str]]:
        """Speech verbs between two offsets (quotes masked out): (start, end, lemma), in order."""
        hits = {}
        for m in _forms(masked, start, end):
            word = m.group(1).lower()
            if self._verb_context(m.start(), word, FORMS[word], masked):
                hits[m.start()] = (m.start(), m.end(), FORMS[word])
        if self.doc is not None:  # any other conjugation, by lemma
            for token in self.doc.char_span(start, end, alignment_mode="expand") or ():
                lemma = token.lemma_.lower()
                if (token.idx not in hits and token.pos_ in ("VERB", "AUX") and lemma in VERBS
                        and masked[token.idx] != "□" and self._verb_context(token.idx, token.lower_, lemma, masked)):
                    hits[token.idx] = (token.idx, token.idx + len(token), lemma)
        for m in _INVERTED_ANY.finditer(masked, max(0, start - 1), end):
            group = 1 if m.group(1) else 2
            if m.start(group) >= start and m.start(group) not in hits:
                hits[m.start(group)] = (m.start(group), m.end(group), "")
        return sorted(hits.values())

    def _verb_context(self, at: int, word: str, lemma: str, masked: str) -> bool:
        """Whether a speech verb's form is used as a verb here, not as a noun or an adjective."""
        before = masked[max(0, at - 40):at]
        last = _WORD.findall(before)[-1:] or [""]
        if last[0].lower().rstrip("'’") in _NOUN_BEFORE:
            return False  # "la note", "the report": a noun
        if self.doc is not None:
            token = self._token(at)
            if token is not None and token.pos_ in ("NOUN", "PROPN", "DET", "ADP"):
                return False
        if word.endswith(_PARTICIPLE_ENDINGS) and not before.rstrip().endswith(","):
            return False  # "signes indiquant que", "signs indicating": only ", ajoutant que" attributes
        if (lemma in _PARTICIPLE_VERBS and _PARTICIPLE.search(word) and word not in _PRESENT_TOO
                and not word.endswith("ent")):
            return bool(_AUX_BEFORE.search(before))  # "la réunion annoncée" is no speech
        return True

    def _token(self, at: int) -> Token | None:
        assert self.doc is not None
        span = self.doc.char_span(at, at + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    # -- noun phrases -------------------------------------------------------------------------------
    def after(self, pos: int, stop: int, masked: str, adjuncts: bool = False) -> tuple[int, int] | None:
        """The noun phrase right after an inverted verb or "selon": its span, or None when there is none.

        After a verb (``adjuncts``), adverbs and a prepositional phrase before the subject are skipped
        ("a déclaré plus tôt dans un communiqué le ministre", "said in a statement Sen. Ben Sasse")."""
        skip = _SKIP_AFTER.match(masked, pos)
        pos = skip.end() if skip else pos
        words = list(re.finditer(r"[^\s,.;:!?()□]+|[,.;:!?()□]", masked[pos:stop]))
        if adjuncts:
            words = words[_adjuncts(words):]
        if not words:
            return None
        first = words[0].group(0)
        if first.lower() in PRONOUNS and (len(words) < 2 or words[1].group(0).lower() != "y"):
            return pos + words[0].start(), pos + words[0].end()  # "sagte er", "сказал он"; not "il y a"
        if not (first.lower().rstrip("'’") in DETERMINERS or first.split("'")[0].lower() in ("l", "d")
                or is_name(first) or first.lower() in _HONORIFICS):
            return None
        begin, end, i = pos + words[0].start(), pos + words[0].end(), 1
        while i < len(words):
            w = words[i].group(0)
            prev = words[i - 1].group(0)
            if w == "." and (len(prev) == 1 and prev.isupper() or is_title(prev) or prev.lower() in _HONORIFICS):
                i += 1  # "Janet L. Yellen", "Sen. Ben Sasse": a period inside a name
                continue
            if w == ",":  # an apposition name: "le porte-parole, John Kirby,"
                names = [x.group(0) for x in words[i + 1:i + 6]]
                run = next((k for k, x in enumerate(names) if not (is_name(x) or x in NAME_PARTICLES)), len(names))
                if run and (run == len(names) or names[run] in ",.;:"):
                    end = pos + words[i + run].end()
                break
            if w == "□":
                return None  # "promet des « mesures fortes »": the quotation is the object, no subject
            if w in ".;:!?()" or (w.lower().rstrip("'’") in _NP_STOP and not (
                    w.lower() in _PREPOSITIONS and i + 1 < len(words) and words[i + 1].group(0)[:1].isupper()
                    and any(is_title(x.group(0)) or is_title(x.group(0).split("-")[-1]) for x in words[:i]))):
                break  # a preposition after a title heads its complement: "o ministro da Economia"
            if _FINITE.fullmatch(w) or w.lower() in FORMS:
                return None  # "said the talks were": a clause, not an inverted subject
            end = pos + words[i].end()
            i += 1
        return None if end == begin + len(first) and first.lower() in DETERMINERS else (begin, end)

    def before(self, clause: int, aux: int, masked: str) -> tuple[int, int] | None:
        """The subject noun phrase that ends where the verb's auxiliary begins, by comma segments."""
        segments = [(m.start(), m.end()) for m in re.finditer(r"[^,]+", masked[clause:aux])]
        segments = [(clause + a, clause + b) for a, b in segments if masked[clause + a:clause + b].strip()]
        group: list[tuple[int, int]] = []
        for k in range(len(segments) - 1, -1, -1):
            a, b = segments[k]
            seg = masked[a:b].strip()
            lead = seg.split()[0]
            if RELATIVE.match(seg) or (lead.islower() and lead.endswith(_PARTICIPLE_ENDINGS)) or lead == "en":
                if group:
                    break
                continue  # an interruption between the subject and its verb ("qui n'a pas souhaité…")
            sub = _SUBORDINATE.match(seg) if k == len(segments) - 1 else None
            if sub and sub.end() < len(seg):  # "…, tandis qu'un responsable a déclaré": the clause's own subject
                a, seg = a + (masked[a:b].index(seg) + sub.end()), seg[sub.end():]
                if self.np_like(seg):
                    group.insert(0, (a, b))
                break
            if not self.np_like(seg):
                earlier = masked[segments[k - 1][0]:segments[k - 1][1]].split() if k else []
                if (not group and earlier and len(earlier) <= 5 and "□" not in seg and not _FINITE.search(seg)
                        and all(is_name(w) or w in NAME_PARTICLES for w in earlier)):
                    continue  # an apposition after a name: "Lidia Zubova, 67, …, told", "X, part of the team,"
                break
            group.insert(0, (a, b))
        if not group:
            return None
        a, b = group[0][0], group[-1][1]
        bare = _bare(masked[a:b])
        a, b = a + masked[a:b].index(bare), a + masked[a:b].index(bare) + len(bare)
        phrase = masked[a:b]
        return (a + len(phrase) - len(phrase.lstrip()), b - len(phrase) + len(phrase.rstrip()))

    def np_like(self, seg: str) -> bool:
        """Whether a stretch of words can be a subject noun phrase ("le porte-parole", "Jane Roe", "il"); an
        adverb before it ("Ensuite le ministre", "Auch Kanzler Olaf Scholz") and a parenthesis after it
        ("Olaf Scholz (SPD)") are left aside (``_bare``)."""
        words = _bare(seg).split()
        if not words:
            return False
        first = words[0].lower()
        if _FINITE.search(" ".join(words[1:])) or "□" in seg or first.strip(".,") in _OPENERS | _NP_STOP:
            return False
        return (first.rstrip("'’") in DETERMINERS or first.split("'")[0].split("’")[0] in ("l", "d")
                or first in PRONOUNS or first in _HONORIFICS or all(is_name(w) or w in NAME_PARTICLES for w in words)
                or (is_name(words[-1]) and len(words) <= 6))  # "finance minister Rachel Reeves"

    def main_subject(self, s0: int, at: int, masked: str) -> tuple[int, int] | None:
        """The subject of the sentence's first finite verb before an offset ("Plus tard, il a semblé …")."""
        for m in re.finditer(r"[^,]+", masked[s0:at]):
            head = re.match(r"\s*(.+?)\s+(?:n['’]\s?|ne\s+)?(?:s['’]\s?|se\s+)?"
                            r"(?:a|ont|avait|avaient|est|sont|aurait|has|had|have|is|was|were)\b", m.group(0))
            if head and self.np_like(head.group(1)):
                return (s0 + m.start() + head.start(1), s0 + m.start() + head.end(1))
        return None

    def parsed_subject(self, at: int, floor: int) -> tuple[int, int] | None:
        """The subject the parser gives the verb at this offset, climbing from an infinitive or participle."""
        if self.doc is None or (token := self._token(at)) is None:
            return None
        for _ in range(3):
            subj = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < token.i]
            if subj:
                s = subj[0]
                if s.lower_ in ("qui", "who", "that", "which") and token.dep_ == "acl:relcl":
                    s = token.head
                stop = next((t.i for t in s.subtree if t.i > s.i and (t.dep_ == "acl:relcl" or t.text == ",")),
                            s.right_edge.i + 1)
                first = next((t for t in self.doc[s.left_edge.i:stop] if t.idx >= floor and t.is_alpha), s)
                return (first.idx, self.doc[stop - 1].idx + len(self.doc[stop - 1]))
            if token.dep_ not in ("xcomp", "advcl", "conj", "ccomp") or token.head is token:
                return None
            token = token.head
        return None

    # -- what a noun phrase refers to ---------------------------------------------------------------
    def describe(self, start: int, end: int) -> Speaker:
        """Classify a speaker noun phrase: a name, an unnamed official, an organisation, or an anaphor.

        A pronoun takes the latest speaker of its gender and number; one that finds none is returned
        unresolved with its ``anaphor``, for a speaker named just after it ("« … », a-t-elle dit. La
        ministre Claire Vasseur …")."""
        phrase = self.text[start:end]
        words = phrase.split()
        if not words:
            return Speaker(None)
        head = words[0].lower().strip("-")
        if len(words) == 1 and head in PRONOUNS:
            gender = GENDERS.get(head)
            found = self._antecedent(plural=PRONOUNS[head] == 2, gender=gender)
            if found.text is None and PRONOUNS[head] == 1:
                found = self._mentioned(start, gender)
            if found.text is None:
                return Speaker(None, gender=gender, anaphor=head)
            if found.gender is None and PRONOUNS[head] == 1:
                found.gender = gender  # "Marc Delorme … a-t-il dit": he is a man for every later pronoun
            return found
        found = self._describe(start, end, phrase, words)
        if found.text is not None and found.gender is None:
            found.gender = _gender(self.text[start:found.end].split() if found.end > start else words)
        return found

    def _describe(self, start: int, end: int, phrase: str, words: list[str]) -> Speaker:
        segments = [s for s in re.split(r"\s*,\s*", phrase) if s]
        first = segments[0]
        if re.match(r"[lL]['’]", first):
            body = first[2:]
        else:
            body = first.split(None, 1)[-1] if first.split()[0].lower() in DETERMINERS and " " in first else first
        head_words = _COMPLEMENT.split(body.lower())[0].split()  # "ministre de", "ministro da", "head of"
        complement = body.lower()[len(" ".join(head_words)):]
        owner = body.split()
        if len(owner) > 1 and _possessive(owner[0]):  # "Lukashenko's office": the office speaks, not its owner
            head_words = re.split(r"\s+(?:of|for|at)\s+", " ".join(owner[1:]).lower())[0].split()
            if not any(_known(w, ROLES) or _known(w, ORGS) for w in head_words):
                return Speaker(None)  # "Russia's destruction of the dam" names no speaker
        roles = frozenset(w for w in head_words if _known(w, ROLES))
        org_word = any(_known(w, ORGS) for w in head_words) or fold(body) in ("maison blanche", "white house")
        person = self._person(start, end, segments, complement, org_word and not roles)
        if person is not None:
            return replace(person, roles=roles)
        # "le responsable" may point back to a speaker; "les responsables" and "un responsable" do not
        lead = first.split()[0].lower()
        definite = lead in _DEFINITE or re.match(r"[lL]['’]", first) is not None
        indefinite = lead in _INDEFINITE
        offset = start + phrase.index(body)
        # "responsable du Conseil", "senior administration official": the head noun decides
        if roles and (not org_word or head_words[0] in roles or head_words[-1] in roles):
            if definite and not complement and len(head_words) <= 2:
                # a generic noun ("le responsable", "the official") may point back to whoever spoke last;
                # a title ("le maire") only to a speaker who held it
                generic = len(roles & GENERIC) == len(roles)
                found = self._antecedent(roles=roles, window=3 if generic else None)
                if found.text is not None:
                    return found
            return Speaker(body, "anonymous_official", offset, offset + len(body), roles=roles)
        label = self._label(offset, offset + len(body))
        if org_word or (label in ("ORG", "LOC") and not indefinite) or (definite and body[:1].isupper()):
            if definite and org_word and not complement and len(head_words) <= 2:
                found = self._antecedent(kinds=("organisation",), window=3)
                if found.text is not None:
                    return found
            return Speaker(body, "organisation", offset, offset + len(body),
                           self._link(offset, offset + len(body), body, ("ORG", "LOC", "MISC")))
        return Speaker(None)

    def _person(self, start: int, end: int, segments: list[str], complement: str, org_head: bool) -> Speaker | None:
        """The person a phrase names, if it names one ("le porte-parole …, John Kirby", "Peskov")."""
        # an apposition after "collaborateur du président de la Turquie" names the président, not the speaker
        owner_elsewhere = any(w in _PERSON_ROLES for w in complement.split())
        for m in re.finditer(r"[^,]+", self.text[start:end]):
            words = m.group(0).split()
            if not words:
                continue
            where = [start + m.start() + w.start() for w in re.finditer(r"\S+", m.group(0))]
            names = [i for i, w in enumerate(words) if (is_name(w) or w.lower() in _HONORIFICS) and not is_title(w)]
            runs: list[list[int]] = []
            for i in names:  # "Ursula von der Leyen": particles may stand between two names
                if runs and all(w.lower() in NAME_PARTICLES for w in words[runs[-1][-1] + 1:i]):
                    runs[-1].append(i)
                else:
                    runs.append([i])
            if m.start() > 0:  # a later segment counts only as a bare name: "…, John Kirby,"
                if owner_elsewhere or len(names) != len([w for w in words if w not in NAME_PARTICLES]):
                    continue
                run = runs[0]
            elif (runs and runs[-1][-1] == len(words) - 1 and runs[-1][0] >= 1 and _common(words[runs[-1][0] - 1])
                  and words[runs[-1][0] - 1].lower() not in _PREPS):
                run = runs[-1]  # "le secrétaire général Antonio Guterres", "finance minister Rachel Reeves"
            elif runs and runs[0][0] == 0 and not _common(words[0]):
                run = runs[0]  # "Fahrettin Altun", "M. Peskov"; not "le Kremlin" nor "du Kremlin"
            elif runs and runs[0][0] > 0 and all(is_title(w) for w in words[:runs[0][0]]):
                run = runs[0]  # "Sen. Ben Sasse of Nebraska", "President Joe Biden of the United States"
            else:
                continue
            while run and words[run[0]].lower() in _HONORIFICS:
                run.pop(0)
            if not run or (_possessive(words[run[-1]]) and run[-1] < len(words) - 1):
                continue  # "Russia's destruction of the dam": the owner is not the phrase's head
            # a place or body the entity stage found at the start of the run owns what follows, it is no part
            # of the name: "Russlands Außenamtssprecherin Marija Sacharowa" (German capitalises its nouns)
            owner = max((m.end for m, e in self.mentions if e.type != "PER"
                         and m.start <= where[run[0]] < m.end <= where[run[-1]]), default=None)
            rest = [k for k in run if owner is not None and where[k] >= owner]
            if len(rest) >= 2:  # a title and a name at least: "Petra Lang" is one name, whatever "Petra" is
                run = rest
            a, b = where[run[0]], where[run[-1]] + len(words[run[-1]])
            # a case ending after an apostrophe is no part of the name ("Peskov'a göre", "Erdoğan'ın")
            name = re.sub(r"['’][a-zçğıöşü]{1,4}$", "", self.text[a:b].rstrip("."))
            label = self._label(a, b)
            if label is None and not self._proper(a, b):
                continue  # "Analysts said": a capital that only opens the sentence
            if label in ("PER", "MISC") or (label is None and not org_head and not name.isupper()):
                return Speaker(name, "named", a, a + len(name), self._link(a, b, name, ("PER",)))
            if label in ("ORG", "LOC", None) and len(segments) == 1:  # "le média russe TASS"
                return Speaker(name, "organisation", a, b, self._link(a, b, name, ("ORG", "LOC", "MISC")))
        return None

    def _proper(self, start: int, end: int) -> bool:
        """Whether the parser (if any) tags a word of the span as a proper noun."""
        span = self.doc.char_span(start, end, alignment_mode="expand") if self.doc is not None else None
        return span is None or any(t.pos_ == "PROPN" for t in span)

    def _label(self, start: int, end: int) -> str | None:
        """The entity type of a span: from the entity stage, else the parser's NER, else None."""
        for mention, entity in self.mentions:
            if mention.start < end and start < mention.end:
                return entity.type
        if self.doc is not None:
            for ent in self.doc.ents:
                if ent.start_char < end and start < ent.end_char:
                    return {"PERSON": "PER", "GPE": "LOC", "NORP": "MISC"}.get(ent.label_, ent.label_)
        return None

    def _link(self, start: int, end: int, name: str, types: tuple[str, ...]) -> str | None:
        """The entity a mention in the span belongs to, else one whose mentions match the name."""
        for mention, entity in self.mentions:
            if entity.type in types and mention.start < end and start < mention.end:
                return entity.id
        key = fold(name)
        for candidate in (key, key.split()[-1] if key else ""):
            hits = [e for e in self.by_name.get(candidate, []) if e.type in types]
            if hits:
                return hits[0].id
        return None

    def _mentioned(self, at: int, gender: str | None) -> Speaker:
        """The last person named before a pronoun, outside quotations, in its paragraph or the one before,
        when no speaker came before it ("Maria Lopez met the governor. « … », she said.")."""
        lines = [m.start() for m in re.finditer(r"[^\n]+", self.text[:at])]
        floor = lines[-2] if len(lines) >= 2 else 0
        people: list[tuple[int, int]] = [(m.start, m.end) for m, e in self.mentions if e.type == "PER"]
        if self.doc is not None:
            people += [(e.start_char, e.end_char) for e in self.doc.ents if e.label_ in ("PER", "PERSON")]
        people += [m.span(1) for m in _TITLED.finditer(self.text, floor, at)]  # "Mme Agathe Brun", parse or not
        for a, b in sorted(set(people), reverse=True):
            if not floor <= a < b <= at or (self.masked is not None and "□" in self.masked[a:b]):
                continue
            lead = re.match(r"(?:(?:" + lang.alternation(_HONORIFICS) + r")\s+)+", self.text[a:b], re.IGNORECASE)
            before = self.text[max(0, a - 6):a].split() + (lead.group(0).split() if lead else [])
            a += lead.end() if lead else 0  # "Mme Claire Roux": the name is Claire Roux, a woman
            said = _gender(before[-1:]) if before else None
            name = self.text[a:b]
            if not all((is_name(w) and not is_title(w)) or w in NAME_PARTICLES for w in name.split()):
                continue  # "Premier ministre": a title the parser took for a name
            if gender is None or said in (None, gender):
                return Speaker(name, "named", a, b, self._link(a, b, name, ("PER",)), gender=said or gender)
        return Speaker(None)

    def _antecedent(self, plural: bool = False, roles: frozenset[str] = frozenset(),
                    kinds: tuple[str, ...] = ("named", "anonymous_official"), window: int | None = 1,
                    gender: str | None = None) -> Speaker:
        """The last speaker of the article that a pronoun or "le responsable" can refer to.

        One who held the same role wins at any distance; otherwise the latest speaker, when he spoke
        at most ``window`` paragraphs before (never, when ``window`` is None).
        """
        allowed = ("named", "anonymous_official", "organisation") if plural else kinds
        candidates = [s for s in reversed(self.said) if s.kind in allowed and (gender is None or plural
                                                                                or s.gender in (None, gender))]
        for s in candidates:
            if roles & s.roles:
                return s
        # without a shared role only a recent speaker will do: "il" three paragraphs on is someone else
        near = [s for s in candidates if window is not None and s.paragraph >= self.paragraph - window]
        return near[0] if near else Speaker(None)


# a preposition that opens a title's complement: "responsable du Conseil", "o ministro da Economia"
_COMPLEMENT = re.compile(r"\s+(?:" + lang.alternation(_PREPOSITIONS) + r")\s+")

# a person named after an honorific, whatever the parse says: "Mme Agathe Brun", "Ms. Ana Park"
_TITLED = re.compile(r"\b(?i:" + lang.alternation(_HONORIFICS) + r")(?<=\w|\.)\.?\s+("
                     r"[A-ZÀ-Ý][\w’'-]+(?:\s+(?:[A-ZÀ-Ý][\w’'-]+|(?:" + lang.alternation(NAME_PARTICLES)
                     + r")(?=\s+[A-ZÀ-Ý])))*)")


def _bare(seg: str) -> str:
    """A phrase without an adverb before it that is no preposition ("Ensuite", "Auch", "However") and
    without a parenthesis after it ("(SPD)")."""
    seg = re.sub(r"\s*\([^()]*\)\s*$", "", seg.strip())
    words = seg.split()
    while len(words) > 1 and words[0].lower().strip(",") in _ADVERB_OPENERS:
        seg = seg[len(words[0]):].lstrip()
        words = words[1:]
    return seg


def _adjuncts(words: Sequence[re.Match[str]]) -> int:
    """How many words after an inverted verb stand before its subject: adverbs ("plus tôt") and one
    prepositional phrase ("dans un communiqué", "sur X", "in a statement"); none when no subject follows."""
    i, in_phrase = 0, False
    while i < len(words) and i < 9:
        w = words[i].group(0)
        low = w.lower()
        nxt = words[i + 1].group(0).lower() if i + 1 < len(words) else ""
        if w in "()" or (w == "," and (i or nxt in _PREPS)):  # "disse, num comunicado, o vice-chefe"
            i += 1
            continue
        if w in ",.;:!?□" or low in _THAT or low in FORMS or _FINITE.fullmatch(w) or low in PRONOUNS:
            break
        if low in _PREPS:
            in_phrase = True
        elif low.rstrip("'’") in DETERMINERS or low.split("'")[0].split("’")[0] in ("l", "d"):
            if not (in_phrase and words[i - 1].group(0).lower() in _PREPS):
                break  # the subject's determiner ("le ministre"); after a preposition, the phrase's own
        elif not w[:1].islower():
            if not (in_phrase and words[i - 1].group(0).lower().rstrip("'’") in _PREPS | DETERMINERS):
                break  # a name opens the subject, unless it is the object of the preposition ("sur X")
            if is_title(w) or w.lower() in _HONORIFICS:
                break
        i += 1
    rest = words[i:]
    if not i or not rest:
        return 0
    first = rest[0].group(0)
    opens = (first.lower() in PRONOUNS or first.lower().rstrip("'’") in DETERMINERS or is_name(first)
             or first.split("'")[0].split("’")[0].lower() in ("l", "d"))
    return i if opens and first.lower() not in _THAT else 0


def _common(word: str) -> bool:
    """A lowercase word that may stand before a name in a title ("ministre", "général"), not "du" or "le";
    or a title however written ("President", "Sen.")."""
    low = word.lower().rstrip("'’")
    return (word[:1].islower() or is_title(word)) and low not in _PREPOSITIONS and low not in DETERMINERS \
        and low not in ("l", "d")


def _known(word: str, lexicon: frozenset[str]) -> bool:
    """In the lexicon, or its plural is ("syndicats", "officials")."""
    return word in lexicon or (word.endswith(("s", "x")) and word[:-1] in lexicon)


def index_names(entities: Sequence[Entity]) -> dict[str, list[Entity]]:
    """Folded mention texts and person surnames -> entities, to link a speaker named only by name."""
    out: dict[str, list[Entity]] = {}
    for entity in entities:
        keys = {fold(entity.name)} | {fold(m.text) for m in entity.mentions}
        if entity.type == "PER":
            keys |= {k.split()[-1] for k in keys if k}
        for key in keys:
            out.setdefault(key, []).append(entity)
    return out
