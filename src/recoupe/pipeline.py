"""The pipeline: stage order with its contracts, and ``analyze()``, which runs a corpus through it.

Each stage declares what it needs and what it adds; the order is checked before anything runs, so
that a later stage never reads a field nobody filled. Per-article stages run through any
``concurrent.futures.Executor`` (in-process by default; see ``dist.py`` for Dask).
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import clean, identity, ingest, language
from .errors import R011_DUPLICATE_ID, R014_TOO_DEEP, R015_TOO_LONG, R016_NO_MEMORY, InputError, skip
from .limits import DEFAULT, FileTimeout, Limits, deadline
from .records import (
    Article,
    Claim,
    Corpus,
    InputReport,
    Page,
    ReuseEdge,
    Skip,
    StageTime,
    Story,
    free_id,
    with_origin,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .store import Store

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int, str], None]  # (stage, items done, items in all or 0, input just done)
BATCH = 32  # files per task, and articles per parse task


@dataclass(frozen=True, slots=True)
class Stage:
    """A stage: its name, what it needs and what it adds (``record.field`` or a whole ``finding``), and its
    function. Per-article stages map a Page or Article to an Article; corpus stages map the findings so
    far (and the run's context) to a ``Findings`` in which only what they declare has changed."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    run: Callable[..., Any]


ARTICLE_STAGES: tuple[Stage, ...] = (
    Stage("clean", requires=("page.content",),
          provides=("article.text", "article.removed", "article.title", "article.published",
                    "article.page_date", "article.outlet", "article.url"), run=clean.to_article),
    Stage("language", requires=("article.text", "article.title"),
          provides=("article.language", "article.title_language"), run=language.annotate),
)


def check_order(stages: Sequence[Stage], given: Iterable[str] = ("page.content",)) -> None:
    """Refuse an order in which a stage needs what no earlier stage provides, or provides what an
    earlier one did (a stage never rewrites another's fields)."""
    have = set(given)
    for stage in stages:
        missing = [need for need in stage.requires if need not in have]
        if missing:
            raise ValueError(f"stage '{stage.name}' needs {', '.join(missing)}, which no earlier stage provides")
        again = [made for made in stage.provides if made in have]
        if again:
            raise ValueError(f"stage '{stage.name}' provides {', '.join(again)}, which an earlier stage provided")
        have.update(stage.provides)


def order(stages: Sequence[Stage], given: Iterable[str]) -> tuple[Stage, ...]:
    """The stages in an order that meets every contract, as close to the declared one as possible: each
    stage runs as soon as what it needs is there. Refuses what no order can meet."""
    have, left, out = set(given), list(stages), []
    while left:
        ready = next((st for st in left if all(need in have for need in st.requires)), None)
        if ready is None:
            needs = sorted({need for st in left for need in st.requires if need not in have})
            raise ValueError(f"stages {', '.join(st.name for st in left)} need {', '.join(needs)}, "
                             "which no stage provides")
        out.append(ready)
        left.remove(ready)
        have.update(ready.provides)
    check_order(out, given)
    return tuple(out)


def prepare(page: Page, limits: Limits = DEFAULT) -> Article | Skip:
    """Run one page through the per-article stages; a failure becomes a Skip, never a crash. An article
    longer than ``limits.max_chars`` is skipped (the parse would refuse it)."""
    current: Page | Article = page
    for stage in ARTICLE_STAGES:
        try:
            current = stage.run(current)  # type: ignore[arg-type]
        except InputError as err:
            return Skip(page.path, err.code, err.reason, err.location or page.location)
        except RecursionError:  # markup nested thousands deep, walked by recursive code
            return skip(page.path, R014_TOO_DEEP, f"in stage '{stage.name}'",
                        page.location)
        except MemoryError:
            return skip(page.path, R016_NO_MEMORY, f"in stage '{stage.name}'",
                        page.location)
        except Exception as err:  # the per-document boundary: one bad page never stops a corpus
            log.exception("stage %s failed on %s", stage.name, page.path)
            return Skip(page.path, "R099", f"internal error in stage '{stage.name}': {type(err).__name__}: {err}",
                        page.location)
        if isinstance(current, Article) and len(current.text) > limits.max_chars:
            over = f"{len(current.text):,} characters, over the {limits.max_chars:,} limit"
            return skip(page.path, R015_TOO_LONG, over, page.location)
    assert isinstance(current, Article)
    return current


def analyze(paths: Iterable[str | Path], *, executor: Executor | None = None, progress: Progress | None = None,
            batch: int = BATCH, store: Store | None = None, limits: Limits = DEFAULT, follow_symlinks: bool = False,
            exclude: Mapping[str | Path, str] | None = None, brief_language: str | None = None) -> Corpus:
    """Analyse files and folders of articles into a Corpus (articles, and a report line per input).

    The per-article stages run in tasks of ``batch`` files through ``executor`` (``dist.executor`` gives
    a Dask one), the spaCy parse in tasks of ``batch`` articles; the corpus-wide stages then run here.
    Results come back in input order, so any executor gives the same Corpus as the in-process run.

    With a store, the analysis covers the articles stored there too (an input already stored keeps its
    id), and the costly work is never done twice: parses and embeddings of stored articles are read from
    the store, new ones are kept there. Adding N articles to M stored ones parses and encodes only the N;
    the lighter corpus-wide stages (entities, stories, claims) read all N + M. The caller saves the result.
    A file over one of ``limits`` (size, time to read and clean) is skipped with the limit as its reason.
    Symbolic links that lead out of a folder given are not followed unless ``follow_symlinks``; the paths in
    ``exclude`` (what the run writes) are left out, with their reason (``ingest.discover``). The briefs are
    written in ``brief_language`` (a code of ``lang.LANGUAGES``), else in the language most articles are
    written in; a code with no language file is a LanguageError, raised before anything is read.
    """
    check_order(ARTICLE_STAGES)
    brief_language = _brief_language(brief_language)
    clock = Clock(progress)
    mapper = executor.map if executor is not None else map
    with clock.stage("discover"):
        items = list(ingest.discover(paths, follow_symlinks=follow_symlinks, exclude=exclude))
        known = store.articles() if store is not None else []
    files = [item for item in items if not isinstance(item, Skip)]
    chunks = [files[i:i + batch] for i in range(0, len(files), batch)]
    prepared = mapper(_prepare_files, chunks, [limits] * len(chunks))
    per_file = (one for chunk in prepared for one in chunk)  # in input order, whatever the executor
    gathered = _Gathering(known)
    unsaved: list[Article] = []
    with clock.stage("read and clean", total=len(items)):
        for done, item in enumerate(items, start=1):
            unsaved += gathered.add(item, None if isinstance(item, Skip) else next(per_file))
            if store is not None and unsaved and (len(unsaved) >= batch or done == len(items)):
                gathered.adopt(store.save_versions(unsaved))  # kept now: a run stopped midway loses no article
                unsaved = []
            clock.advance(done, item.path if isinstance(item, Skip) else str(item))
    corpus = gathered.corpus()
    if items and not any(i.articles for i in corpus.inputs):  # inputs, none readable: nothing new to analyse
        return replace(corpus, profile=clock.times())
    return _corpus_stages(corpus, clock, executor, batch, store, brief_language)


def _brief_language(code: str | None) -> str | None:
    """The brief language asked for, checked (None: the analysis's majority, decided by the brief stage)."""
    if code is None:
        return None
    from . import brief

    return brief.supported(code)


_Prepared = tuple[str, list[str], list[Skip], list[Article | Skip]]  # path, notes, file skips, page results


class _Gathering:
    """Inputs, articles and skips of the prepared files, in input order, after the stored articles: an
    input already stored keeps the stored id, a duplicate within the run is noted, two ids never clash.

    An input whose raw text is known (stored, or read earlier in the run) but whose key is not is the same
    article when it reads the same, else a new version of it, numbered after the known ones (``identity``)."""

    def __init__(self, known: Sequence[Article]) -> None:
        self.known = known
        self.stored = {a.content_hash: a for a in known}
        self.ids = {a.id for a in known}  # a stored article read again keeps its id; a new one takes another
        self.readings: dict[str, list[Article]] = {}  # raw hash -> its versions, known or new, first version first
        for article in sorted(known, key=lambda a: a.version):
            self.readings.setdefault(identity.raw_of(article), []).append(article)
        self.fresh: dict[str, Article] = {}  # key -> article, in input order
        self.alias: dict[str, str] = {}  # key read -> key of the version it is (one stored under another key)
        self.inputs: list[tuple[str, list[str], str | None]] = []  # path, keys of its articles, reason
        self.skips: list[Skip] = []

    def add(self, item: Path | Skip, found: _Prepared | None) -> list[Article]:
        """Take one input's results; return its articles read for the first time in this run."""
        if found is None:
            assert isinstance(item, Skip)
            self.skips.append(item)
            self.inputs.append((item.path, [], item.detail))
            return []
        path, notes, file_skips, results = found
        own: list[str] = []
        first: list[Article] = []
        for result in results:
            if isinstance(result, Skip):
                file_skips.append(result)
                continue
            key = self._key(result.content_hash)
            if key not in self.fresh:
                article = self._identify(result, notes)
                key = article.content_hash
                if key not in self.fresh:
                    self.ids.add(article.id)
                    self.fresh[key] = article
                    own.append(key)
                    first.append(article)
                    continue
            notes.append(f"{result.id}: same content as article {self.fresh[key].id}")
            own.append(key)
        self.skips.extend(file_skips)
        self.inputs.append((path, own, "; ".join([s.detail for s in file_skips] + notes) or None))
        return first

    def _key(self, key: str) -> str:
        """The key of the article read under ``key`` (a key read may stand for a version stored under another)."""
        seen = {key}
        while key in self.alias and self.alias[key] not in seen:
            key = self.alias[key]
            seen.add(key)
        return key

    def _identify(self, result: Article, notes: list[str]) -> Article:
        """The article as what it is: a stored one (its id), a known one read otherwise (that one's key and id), a
        new version of a known raw text, or a new article (its own id, made free)."""
        if result.content_hash in self.stored:
            return _as(result, self.stored[result.content_hash])
        raw = identity.raw_of(result)
        versions = self.readings.setdefault(raw, [])
        same = next((v for v in versions if identity.same_reading(result, v)), None)
        if same is not None:
            self.alias[result.content_hash] = same.content_hash
            return _as(result, same)
        if versions:
            base = versions[0].version_of or versions[0].id
            number = max(v.version for v in versions) + 1
            article = replace(result, id=free_id(identity.version_id(base, number), self.ids.__contains__),
                              version=number, version_of=base)
            other = ", ".join(d for d in identity.differences(result, versions[-1])
                              if d not in ("title_language", "removed", "credits")) or "metadata"
            notes.append(f"{result.id}: same text as article {base}, with other {other}: kept beside it as "
                         f"its version {number}, '{article.id}'")
        else:
            article = _unique_id(result, self.ids, notes)
        versions.append(article)
        return article

    def adopt(self, stored: Mapping[str, Article]) -> None:
        """Take the ids and versions the store gave (key -> stored version): another process may have stored an
        id or a version meanwhile."""
        for key, version in stored.items():
            article = self.fresh.get(key)
            if article is None or (article.content_hash, article.id, article.version, article.version_of) == (
                    version.content_hash, version.id, version.version, version.version_of):
                continue
            now = _as(article, version)
            self.ids.add(now.id)
            versions = self.readings.get(identity.raw_of(article), [])
            versions[:] = [now if v is article else v for v in versions]
            if now.content_hash == key:
                self.fresh[key] = now
                continue
            # a version stored meanwhile under another key, that this one reads the same as
            self.alias[key] = now.content_hash
            if now.content_hash in self.fresh:  # and read in this run too: one article
                del self.fresh[key]
            else:
                self.fresh = {(now.content_hash if k == key else k): (now if k == key else v)
                              for k, v in self.fresh.items()}

    def corpus(self) -> Corpus:
        inputs = tuple(InputReport(path, "ok" if own else "skipped", reason, tuple(self.fresh[self._key(h)].id
                                                                                   for h in own))
                       for path, own, reason in self.inputs)
        fresh = dict(self.fresh)
        # stored articles keep their place, refreshed where this run read them again; new ones follow
        articles = [fresh.pop(a.content_hash, a) for a in self.known] + list(fresh.values())
        return Corpus(inputs=inputs, articles=tuple(articles), skips=tuple(self.skips))


def _as(article: Article, version: Article) -> Article:
    """``article`` as the known ``version`` it is: that version's key, id and number."""
    return replace(article, content_hash=version.content_hash, id=version.id, version=version.version,
                   version_of=version.version_of)


def _prepare_files(paths: list[Path], limits: Limits) -> list[_Prepared]:
    """One task: read and prepare a batch of files (path, notes, file skips, an Article or Skip per page),
    each file within ``limits``. A file out of time keeps the pages prepared before, and a Skip (R013)
    names the page it had reached; whatever else a file raises becomes a Skip of that file."""
    out: list[_Prepared] = []
    language.load()  # once per process, before any file's time starts
    for path in paths:
        read = ingest.FileResult(ingest.path_text(path))
        results: list[Article | Skip] = []
        try:
            with deadline(limits.seconds):
                read = ingest.read_file(path, limits)
                for page in read.pages:
                    results.append(prepare(page, limits))
        except FileTimeout as err:
            left = read.pages[len(results):]
            if left or not read.pages:  # else the time ran out as the last page was done: nothing is lost
                where = f"{left[0].location} and after" if left and left[0].location else None
                read.skips.append(Skip(read.path, err.code, err.reason, where))
        except RecursionError:  # the page's own stages catch theirs: this one came from reading the file
            read.skips.append(skip(read.path, R014_TOO_DEEP, "while reading"))
        except MemoryError:
            read.skips.append(skip(read.path, R016_NO_MEMORY, "while reading"))
        except Exception as err:  # the per-file boundary of reading: one bad file never stops a corpus
            log.exception("reading %s failed", path)
            read.skips.append(Skip(read.path, "R099", f"internal error while reading: {type(err).__name__}: {err}"))
        out.append((read.path, list(read.notes), list(read.skips), results))
    return out


def save(corpus: Corpus, store: Store, *, executor: Executor | None = None, progress: Progress | None = None,
         batch: int = BATCH, tries: int = 3, brief_language: str | None = None) -> tuple[Corpus, int]:
    """Store an analysis made with ``store``; return it (as stored) and its run id.

    Another process (an upload, another run) may have stored articles while this analysis ran: the
    corpus-wide stages then run again over every stored article (their parses and embeddings are in the
    store), so that the analysis stored covers the whole store, its briefs in ``brief_language`` as ``analyze``
    wrote them. After ``tries`` rounds it is stored as is.
    """
    from .store import StaleAnalysis

    brief_language = _brief_language(brief_language)

    for attempt in range(1, tries + 1):
        try:
            return corpus, store.save(corpus, whole_store=attempt < tries)
        except StaleAnalysis as stale:
            log.info("%s: analysing again with them", stale)
            clock = Clock(progress)
            again = _corpus_stages(replace(corpus, articles=tuple(store.articles())), clock, executor, batch, store,
                                   brief_language)
            corpus = replace(again, profile=corpus.profile + again.profile)
    raise AssertionError("unreachable: the last try stores the analysis as it is")


@dataclass(frozen=True, slots=True)
class Findings(Corpus):
    """What the corpus stages found so far, with the parses; each field is filled by the stage that declares
    it (``CORPUS_STAGES``)."""

    docs: Mapping[str, Doc] | None = None


@dataclass(frozen=True, slots=True)
class _Context:
    """What a corpus stage may need beyond the findings: where to run, what to read and keep, progress, and the
    options a stage reads (the brief's language, None for the analysis's majority)."""

    clock: Clock
    executor: Executor | None = None
    batch: int = BATCH
    store: Store | None = None
    brief_language: str | None = None


def _parse(found: Findings, run: _Context) -> Findings:
    from . import nlp

    docs = nlp.parse(found.articles, executor=run.executor, batch=run.batch, store=run.store,
                     done=lambda k: run.clock.advance(k, ""))
    return replace(found, docs=docs)


def _entities(found: Findings, run: _Context) -> Findings:
    from . import entities

    assert found.docs is not None
    return replace(found, entities=tuple(entities.extract(found.articles, found.docs)))


def _quotes(found: Findings, run: _Context) -> Findings:
    from . import quotes

    assert found.docs is not None
    return replace(found, quotes=tuple(quotes.extract(found.articles, found.docs, found.entities)))


def _stories(found: Findings, run: _Context) -> Findings:
    """The stories; over a store with an analysis, that analysis's stories stay together and keep their ids
    (``lineage``), and the changes of ids are added to the store's."""
    from . import lineage, stories

    latest = run.store.latest_run() if run.store is not None else None
    if run.store is None or latest is None:
        return replace(found, stories=tuple(stories.cluster(found.articles)))
    earlier = run.store.story_articles(latest)
    told = stories.cluster(found.articles, known=list(earlier.values()))
    carried, changes = lineage.carry(told, earlier, str(latest), run.store.story_changes())
    return replace(found, stories=carried, story_changes=changes)


def _reuse(found: Findings, run: _Context) -> Findings:
    from . import reuse

    return replace(found, reuse=tuple(reuse.align(found.articles, found.stories)))


def _origins(found: Findings, run: _Context) -> Findings:
    from . import origins

    story_of = {a: s.id for s in found.stories for a in s.articles}
    members = _members(found.stories, found.articles)
    edges_of: dict[str, list[ReuseEdge]] = {s.id: [] for s in found.stories}
    for edge in found.reuse:
        edges_of.setdefault(story_of.get(edge.source, ""), []).append(edge)
    return replace(found, stories=tuple(replace(s, origins=origins.group(s, members[s.id], edges_of[s.id]))
                                        for s in found.stories))


def _dates(found: Findings, run: _Context) -> Findings:
    from . import timeline

    dated, article_dates = timeline.date_stories(found.stories, found.articles)
    return replace(found, stories=tuple(dated), article_dates=tuple(article_dates))


def _claims(found: Findings, run: _Context) -> Findings:
    from . import claims

    members = _members(found.stories, found.articles)
    return replace(found, claims=tuple(c for s in found.stories for c in claims.extract(s, members[s.id])))


def _timeline(found: Findings, run: _Context) -> Findings:
    from . import timeline

    members = _members(found.stories, found.articles)
    return replace(found, timeline=tuple(e for s in found.stories for e in timeline.build(s, members[s.id])))


def _brief(found: Findings, run: _Context) -> Findings:
    from . import brief

    members = _members(found.stories, found.articles)
    stated: dict[str, list[Claim]] = {s.id: [] for s in found.stories}
    for claim in found.claims:
        stated[claim.story].append(claim)
    language = run.brief_language or brief.language(found.articles)  # one language for the whole analysis
    return replace(found, briefs=tuple(brief.write(s, stated[s.id], members[s.id], language)
                                       for s in found.stories))


# The corpus-wide stages. After clustering, each story's stages read only its own articles: linear work.
# A finding written ``stories.origins`` is a field of the ``stories`` records that only that stage sets.
CORPUS_STAGES: tuple[Stage, ...] = (
    Stage("parse", requires=("articles",), provides=("docs",), run=_parse),
    Stage("entities", requires=("articles", "docs"), provides=("entities",), run=_entities),
    Stage("quotes", requires=("articles", "docs", "entities"), provides=("quotes",), run=_quotes),
    Stage("stories", requires=("articles",), provides=("stories", "story_changes"), run=_stories),
    Stage("reuse", requires=("articles", "stories"), provides=("reuse",), run=_reuse),
    Stage("origins", requires=("stories", "reuse"), provides=("stories.origins",), run=_origins),
    Stage("dates", requires=("articles", "stories"), provides=("stories.event_date", "article_dates"), run=_dates),
    Stage("claims", requires=("articles", "stories", "stories.origins"), provides=("claims",), run=_claims),
    Stage("timeline", requires=("articles", "stories", "stories.event_date"), provides=("timeline",), run=_timeline),
    Stage("brief", requires=("articles", "stories", "stories.origins", "claims"), provides=("briefs",), run=_brief),
)
_STORY_STAGES = tuple(st for st in CORPUS_STAGES if "docs" not in st.requires + st.provides)


def _corpus_stages(corpus: Corpus, clock: Clock, executor: Executor | None, batch: int,
                   store: Store | None, brief_language: str | None = None) -> Corpus:
    """The stages that read the whole corpus at once (``CORPUS_STAGES``), in an order their contracts
    allow; the embeddings that stories, reuse and claims share are computed once (``embed.session``)."""
    if not corpus.articles:
        return replace(corpus, profile=clock.times())
    from . import embed

    with embed.session(executor, store=store):
        found = _run(order(CORPUS_STAGES, ("articles",)), Findings(**_fields(corpus)),
                     _Context(clock, executor, batch, store, brief_language))
    return replace(_assemble(found), profile=clock.times())


def story_stages(articles: Sequence[Article], clock: Clock | None = None) -> Corpus:
    """The stages of stories alone (no parse: no entities, no quotes), as the pipeline runs them."""
    clock = clock or Clock(None)
    found = _run(order(_STORY_STAGES, ("articles",)), Findings(articles=tuple(articles)), _Context(clock))
    return replace(_assemble(found), profile=clock.times())


def _run(stages: Sequence[Stage], found: Findings, context: _Context) -> Findings:
    """Run the stages in turn, each timed; refuse one that changed what it does not declare, and let go
    of what no later stage needs (the parses are the largest)."""
    for k, stage in enumerate(stages):
        total = len(found.stories) if "stories" in stage.requires else len(found.articles)
        with context.clock.stage(stage.name, total=total):
            after = stage.run(found, context)
        mine = {made.split(".")[0] for made in stage.provides}
        changed = [f.name for f in fields(Findings) if getattr(after, f.name) is not getattr(found, f.name)]
        if set(changed) - mine:
            raise RuntimeError(f"stage '{stage.name}' changed {', '.join(sorted(set(changed) - mine))}, "
                               "which it does not provide")
        found = after
        if found.docs is not None and not any("docs" in later.requires for later in stages[k + 1:]):
            found = replace(found, docs=None)
    return found


def _assemble(found: Findings) -> Corpus:
    """The analysis as the report gives it: each article with its story and the dates its story establishes
    (the one place where records of several stages are joined)."""
    story_of = {a: s.id for s in found.stories for a in s.articles}
    dates = {d.article: d for d in found.article_dates}
    articles = []
    for article in found.articles:
        dated = dates.get(article.id)
        if dated is None:
            articles.append(replace(article, story=story_of.get(article.id)))
            continue
        provenance = article.provenance if dated.published == article.published else \
            with_origin(article.provenance, "published", "story" if dated.published else None)
        articles.append(replace(article, story=story_of.get(article.id), published=dated.published,
                                page_date_note=dated.page_date_note, provenance=provenance))
    return Corpus(**_fields(found) | {"articles": tuple(articles)})


def _fields(corpus: Corpus) -> dict[str, Any]:
    """A corpus's fields by name (of a Corpus, not of a subclass: Findings without its parses)."""
    return {f.name: getattr(corpus, f.name) for f in fields(Corpus)}


def _members(stories: Sequence[Story], articles: Sequence[Article]) -> dict[str, list[Article]]:
    """Each story's articles, in the story's order."""
    by_id = {a.id: a for a in articles}
    return {s.id: [by_id[i] for i in s.articles if i in by_id] for s in stories}


class Clock:
    """Times each stage and tells ``progress`` where the run is."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.spent: list[StageTime] = []
        self.current = ""
        self.total = 0

    @contextmanager
    def stage(self, name: str, total: int = 0) -> Iterator[None]:
        self.current, self.total = name, total
        if self.progress:
            self.progress(name, 0, total, "")
        start = time.perf_counter()
        yield
        self.spent.append(StageTime(name, time.perf_counter() - start, total))
        if self.progress:
            self.progress(name, total, total, "")

    def advance(self, done: int, detail: str) -> None:
        if self.progress:
            self.progress(self.current, done, self.total, detail)

    def times(self) -> tuple[StageTime, ...]:
        return tuple(self.spent)


def _unique_id(article: Article, taken: set[str], notes: list[str]) -> Article:
    """Two inputs with one stem ("a/x.txt", "b/x.txt") keep both articles, the second renamed."""
    free = free_id(article.id, taken.__contains__)
    if free == article.id:
        return article
    notes.append(R011_DUPLICATE_ID.text(article.id).replace(f"{article.id}~2", free) + f" [{R011_DUPLICATE_ID.code}]")
    return replace(article, id=free)
