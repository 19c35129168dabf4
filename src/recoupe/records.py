"""Typed records that flow between the pipeline stages.

Records are frozen: a stage returns new records (``dataclasses.replace``) and never mutates its input.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

InputStatus = Literal["ok", "skipped"]
PageFormat = Literal["txt", "html", "json", "warc"]
EntityType = Literal["PER", "ORG", "LOC", "MISC"]
SpeakerKind = Literal["named", "anonymous_official", "organisation", "unknown"]
# "quote": both texts carry the same attributed quotation, which is not a copied text (it merges no origins)
ReuseKind = Literal["copy", "translation", "partial", "quote"]
ClaimStatus = Literal["corroborated", "single_source", "conflicting", "updated"]
ChangeKind = Literal["merged_into", "split_from"]


@dataclass(frozen=True, slots=True)
class Page:
    """One article as read from an input, before cleaning: raw text or HTML plus the input's metadata."""

    id: str
    path: str
    format: PageFormat
    content: str
    is_html: bool = False
    url: str | None = None
    title: str | None = None
    date: str | None = None
    language: str | None = None
    location: str | None = None  # "line 3", "record 2": where in the input file it came from
    outlet: str | None = None
    # where the fields above were given when not by the input file itself: ("title", "sidecar"), ("url",
    # "front matter")... (``metadata``); a field not listed came with the page (JSON record, WARC header)
    origins: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Skip:
    """An input (or one record of it) that could not be analysed, with the reason in words."""

    path: str
    code: str
    reason: str
    location: str | None = None

    @property
    def detail(self) -> str:
        """The reason with the line or record it concerns and its code: "line 3: not valid JSON [R006]"."""
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.reason} [{self.code}]"

    @property
    def message(self) -> str:
        """The reason as one line naming the file: "a.jsonl, line 3: not valid JSON [R006]"."""
        return f"{self.path}{', ' if self.location else ': '}{self.detail}"


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The outcome of cleaning one page: body text, removed boilerplate and what the page told us."""

    text: str
    removed: tuple[Removal, ...] = ()
    title: str | None = None
    page_date: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    credits: tuple[str, ...] = ()  # bylines, "Source :" lines, agency signatures


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article with its metadata; ``id`` is the input's stem or the record's own id (a later version's is
    the first version's id and "~v2", "~v3"...). ``content_hash`` is its key: raw content, metadata and analyser
    (``identity``)."""

    id: str
    path: str
    content_hash: str
    text: str
    title: str
    removed: tuple[Removal, ...] = ()
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    page_date: str | None = None
    language: str | None = None
    title_language: str | None = None
    credits: tuple[str, ...] = ()
    # set when an analysis is assembled (``pipeline``), from the stories and their ``ArticleDate``s: no
    # stage writes them, and ``published`` is then the date the story establishes when the page had none
    story: str | None = None
    page_date_note: str | None = None  # why the page date is not the story's date (a republication)
    # versions (``identity``): the same raw text read with other metadata is a new version of one article
    raw_hash: str = ""  # SHA-256 of the raw content alone, shared by the versions ("": content_hash stands for it)
    version: int = 1  # 1 for the first version read, then 2, 3...
    version_of: str | None = None  # the first version's id, for a later version
    # where title, url, outlet, published and language came from, one (field, origin) pair each that is set:
    # origin is one of ORIGINS. report.json writes it as an object, "provenance"; the store keeps it in a table of
    # its own. It says how the fields were found, not what they are: it is not part of an article's equality
    provenance: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @property
    def headline(self) -> str:
        """The title the page itself shows: "" when ``title`` is derived from the lead (origin "lead"), whose
        sentence is already in the body."""
        return "" if dict(self.provenance).get("title") == "lead" else self.title


ORIGINS = ("sidecar", "front matter", "json", "warc", "page", "text", "lead", "url", "story")
PROVENANCE_FIELDS = ("title", "url", "outlet", "published", "language")


def with_origin(provenance: tuple[tuple[str, str], ...], name: str, origin: str | None) -> tuple[tuple[str, str], ...]:
    """``provenance`` with ``name`` coming from ``origin`` (its former origin dropped; none when ``origin`` is None),
    in the order of ``PROVENANCE_FIELDS``."""
    found = dict(provenance)
    found.pop(name, None)
    if origin is not None:
        found[name] = origin
    return tuple((f, found[f]) for f in PROVENANCE_FIELDS if f in found)


def free_id(wanted: str, taken: Callable[[str], bool]) -> str:
    """``wanted`` when it is free, else the first of "wanted~2", "wanted~3"... that is."""
    candidate, n = wanted, 1
    while taken(candidate):
        n += 1
        candidate = f"{wanted}~{n}"
    return candidate


@dataclass(frozen=True, slots=True)
class InputReport:
    """What became of one input path: analysed (with its article ids) or skipped (with why)."""

    path: str
    status: InputStatus
    reason: str | None = None
    articles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Removal:
    """A line or fragment taken out of an article as boilerplate, with the reason in words."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Span:
    """An exact span of an article's clean text with its offsets: where an entity is named, or the sentence
    that states a claim."""

    article: str
    text: str
    start: int
    end: int


Mention = Span  # one place an entity is named
Evidence = Span  # one article's sentence that states a claim


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, place or other name, merged across spellings, languages and articles."""

    id: str
    name: str
    type: EntityType
    mentions: tuple[Mention, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """What someone said, as an exact span of an article's clean text, with who said it.

    ``speaker`` is the words of the text that name the speaker (a name, or "responsable du Conseil de
    sécurité nationale" for an anonymous official); it stays None when the text does not say.
    ``group`` is shared by the quotes of several articles that say the same thing.
    """

    id: str
    article: str
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_entity: str | None = None
    speaker_kind: SpeakerKind = "unknown"
    direct: bool = True  # between quotation marks; False for reported speech ("a déclaré que …")
    group: str | None = None


@dataclass(frozen=True, slots=True)
class Passage:
    """Two aligned passages, one in each article of a reuse edge, with their offsets."""

    source: str
    target: str
    source_start: int
    target_start: int
    score: float


@dataclass(frozen=True, slots=True)
class ReuseEdge:
    """Text reuse from ``source`` (the earlier or original text) to ``target``, with the proof."""

    source: str
    target: str
    kind: ReuseKind
    score: float
    passages: tuple[Passage, ...]
    directed: bool = False  # True when publication order or an attribution cue gives the direction
    why: str = ""


@dataclass(frozen=True, slots=True)
class Origin:
    """Articles whose reporting is not independent (copies, translations, one wire, one outlet)."""

    id: str
    label: str
    articles: tuple[str, ...]
    why: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that tell the same story, with the independent origins behind them. ``previous_ids``: ids of
    earlier analyses' stories that now lead here, merged into this one (``lineage``)."""

    id: str
    title: str
    articles: tuple[str, ...]
    event_date: str | None = None
    origins: tuple[Origin, ...] = ()
    previous_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryChange:
    """A story id of a stored analysis (run ``run``) that an analysis after it no longer gives to all of its
    articles: ``old`` merged into the story ``new`` (which holds most of its articles under another id), or part
    of ``old`` split off into the story ``new`` (``lineage``)."""

    old: str
    new: str
    change: ChangeKind
    run: str


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement of fact found in a story, with the sentences that state it and how many origins back it."""

    id: str
    story: str
    text: str
    status: ClaimStatus
    independent_origins: int
    support: tuple[Evidence, ...]
    conflicts_with: tuple[str, ...] = ()
    # what differs from the first claim it conflicts with: the slot ("count", "bearing", "number", "negation",
    # "organisation") and the two values, this claim's first
    differs: tuple[str, tuple[str, str]] | None = None
    updates: tuple[str, ...] = ()  # claims whose count a later article revises, or that revise this one's


@dataclass(frozen=True, slots=True)
class ArticleDate:
    """The dates an article's story establishes for it: its publication date (its own, else the story's at
    the precision the texts give) and why its page date is not the story's date, when it is not."""

    article: str
    published: str | None
    page_date_note: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event of a story's timeline, with the articles that support it."""

    story: str
    date: str  # YYYY-MM-DD or YYYY-MM: never more precise than the texts
    text: str
    articles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BriefSentence:
    """One sentence of a story's brief, with the articles it comes from (never none)."""

    text: str
    cites: tuple[str, ...]
    claim: str | None = None


@dataclass(frozen=True, slots=True)
class Brief:
    """A short brief of a story: the most corroborated points first, single-source points said as such; written
    in ``language`` (every brief of an analysis in the same one), sentences of other languages quoted."""

    story: str
    sentences: tuple[BriefSentence, ...]
    language: str


@dataclass(frozen=True, slots=True)
class StageTime:
    """The wall time one pipeline stage took, and how many items it went through."""

    stage: str
    seconds: float
    items: int = 0


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything one analysis produced, in the order of the report."""

    inputs: tuple[InputReport, ...] = ()
    articles: tuple[Article, ...] = ()
    skips: tuple[Skip, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    stories: tuple[Story, ...] = ()
    story_changes: tuple[StoryChange, ...] = ()  # every change of story ids known: the store's, then this analysis's
    reuse: tuple[ReuseEdge, ...] = ()
    claims: tuple[Claim, ...] = ()
    timeline: tuple[Event, ...] = ()
    briefs: tuple[Brief, ...] = ()
    article_dates: tuple[ArticleDate, ...] = ()  # the dates stage's own records, already joined into ``articles``
    profile: tuple[StageTime, ...] = ()  # time spent per stage; not part of the report
