"""The pipeline: stage order with its contracts, and ``analyze()``, which runs a corpus through it.

Each stage declares what it needs and what it adds; the order is checked before anything runs, so
that a later stage never reads a field nobody filled. Per-article stages run through any
``concurrent.futures.Executor`` (in-process by default; see ``dist.py`` for Dask).
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import clean, ingest, language
from .errors import R011_DUPLICATE_ID, R014_TOO_DEEP, R015_TOO_LONG, R016_NO_MEMORY, InputError
from .limits import DEFAULT, FileTimeout, Limits, deadline
from .records import Article, Corpus, InputReport, Page, ReuseEdge, Skip, StageTime, Story, free_id

if TYPE_CHECKING:
    from .store import Store

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int, str], None]  # (stage, items done, items in all or 0, input just done)
BATCH = 32  # files per task, and articles per parse task


@dataclass(frozen=True, slots=True)
class Stage:
    """A per-article stage: its name, the fields it needs, the fields it adds, and its function."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]
    run: Callable[[Page], Article] | Callable[[Article], Article]


ARTICLE_STAGES: tuple[Stage, ...] = (
    Stage("clean", requires=("page.content",),
          provides=("article.text", "article.removed", "article.title", "article.published",
                    "article.page_date", "article.outlet", "article.url"), run=clean.to_article),
    Stage("language", requires=("article.text", "article.title"),
          provides=("article.language", "article.title_language"), run=language.annotate),
)


def check_order(stages: Sequence[Stage]) -> None:
    """Refuse an order in which a stage needs a field that no earlier stage provides."""
    have = {"page.content"}
    for stage in stages:
        missing = [need for need in stage.requires if need not in have]
        if missing:
            raise ValueError(f"stage '{stage.name}' needs {', '.join(missing)}, which no earlier stage provides")
        have.update(stage.provides)


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
            return Skip(page.path, R014_TOO_DEEP[0], R014_TOO_DEEP[1].format(detail=f"in stage '{stage.name}'"),
                        page.location)
        except MemoryError:
            return Skip(page.path, R016_NO_MEMORY[0], R016_NO_MEMORY[1].format(detail=f"in stage '{stage.name}'"),
                        page.location)
        except Exception as err:  # the per-document boundary: one bad page never stops a corpus
            log.exception("stage %s failed on %s", stage.name, page.path)
            return Skip(page.path, "R099", f"internal error in stage '{stage.name}': {type(err).__name__}: {err}",
                        page.location)
        if isinstance(current, Article) and len(current.text) > limits.max_chars:
            code, template = R015_TOO_LONG
            return Skip(page.path, code, template.format(
                detail=f"{len(current.text):,} characters, over the {limits.max_chars:,} limit"), page.location)
    assert isinstance(current, Article)
    return current


def analyze(paths: Iterable[str | Path], *, executor: Executor | None = None, progress: Progress | None = None,
            batch: int = BATCH, store: Store | None = None, limits: Limits = DEFAULT) -> Corpus:
    """Analyse files and folders of articles into a Corpus (articles, and a report line per input).

    The per-article stages run in tasks of ``batch`` files through ``executor`` (``dist.executor`` gives
    a Dask one), the spaCy parse in tasks of ``batch`` articles; the corpus-wide stages then run here.
    Results come back in input order, so any executor gives the same Corpus as the in-process run.

    With a store, the analysis covers the articles stored there too (an input already stored keeps its
    id), and the costly work is never done twice: parses and embeddings of stored articles are read from
    the store, new ones are kept there. Adding N articles to M stored ones parses and encodes only the N;
    the lighter corpus-wide stages (entities, stories, claims) read all N + M. The caller saves the result.
    A file over one of ``limits`` (size, time to read and clean) is skipped with the limit as its reason.
    """
    check_order(ARTICLE_STAGES)
    clock = Clock(progress)
    mapper = executor.map if executor is not None else map
    with clock.stage("discover"):
        items = list(ingest.discover(paths))
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
                gathered.adopt(store.save_articles(unsaved))  # kept now: a run stopped midway loses no article
                unsaved = []
            clock.advance(done, item.path if isinstance(item, Skip) else str(item))
    corpus = gathered.corpus()
    if items and not any(i.articles for i in corpus.inputs):  # inputs, none readable: nothing new to analyse
        return replace(corpus, profile=clock.times())
    return _corpus_stages(corpus, clock, executor, batch, store)


_Prepared = tuple[str, list[str], list[Skip], list[Article | Skip]]  # path, notes, file skips, page results


class _Gathering:
    """Inputs, articles and skips of the prepared files, in input order, after the stored articles: an
    input already stored keeps the stored id, a duplicate within the run is noted, two ids never clash."""

    def __init__(self, known: Sequence[Article]) -> None:
        self.known = known
        self.stored_id = {a.content_hash: a.id for a in known}
        self.ids = set(self.stored_id.values())  # a stored article read again keeps its id; a new one takes another
        self.fresh: dict[str, Article] = {}  # content hash -> article, in input order
        self.inputs: list[tuple[str, list[str], str | None]] = []  # path, content hashes of its articles, reason
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
            elif result.content_hash in self.fresh:
                notes.append(f"{result.id}: same content as article {self.fresh[result.content_hash].id}")
                own.append(result.content_hash)
            else:
                article = (replace(result, id=self.stored_id[result.content_hash])
                           if result.content_hash in self.stored_id else _unique_id(result, self.ids, notes))
                self.ids.add(article.id)
                self.fresh[article.content_hash] = article
                own.append(article.content_hash)
                first.append(article)
        self.skips.extend(file_skips)
        self.inputs.append((path, own, "; ".join([s.detail for s in file_skips] + notes) or None))
        return first

    def adopt(self, stored_ids: dict[str, str]) -> None:
        """Take the ids the store gave (content hash -> id): another process may have taken one meanwhile."""
        for content_hash, stored in stored_ids.items():
            if self.fresh[content_hash].id != stored:
                self.fresh[content_hash] = replace(self.fresh[content_hash], id=stored)
                self.ids.add(stored)

    def corpus(self) -> Corpus:
        inputs = tuple(InputReport(path, "ok" if own else "skipped", reason,
                                   tuple(self.fresh[h].id for h in own)) for path, own, reason in self.inputs)
        fresh = dict(self.fresh)
        # stored articles keep their place, refreshed where this run read them again; new ones follow
        articles = [fresh.pop(a.content_hash, a) for a in self.known] + list(fresh.values())
        return Corpus(inputs=inputs, articles=tuple(articles), skips=tuple(self.skips))


def _prepare_files(paths: list[Path], limits: Limits) -> list[_Prepared]:
    """One task: read and prepare a batch of files (path, notes, file skips, an Article or Skip per page),
    each file within ``limits``. A file out of time keeps the pages prepared before, and a Skip (R013)
    names the page it had reached; whatever else a file raises becomes a Skip of that file."""
    out: list[_Prepared] = []
    language.load()  # once per process, before any file's time starts
    for path in paths:
        read = ingest.FileResult(str(path))
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
                read.skips.append(Skip(str(path), err.code, err.reason, where))
        except RecursionError:  # the page's own stages catch theirs: this one came from reading the file
            read.skips.append(Skip(str(path), R014_TOO_DEEP[0], R014_TOO_DEEP[1].format(detail="while reading")))
        except MemoryError:
            read.skips.append(Skip(str(path), R016_NO_MEMORY[0], R016_NO_MEMORY[1].format(detail="while reading")))
        except Exception as err:  # the per-file boundary of reading: one bad file never stops a corpus
            log.exception("reading %s failed", path)
            read.skips.append(Skip(str(path), "R099", f"internal error while reading: {type(err).__name__}: {err}"))
        out.append((read.path, list(read.notes), list(read.skips), results))
    return out


def save(corpus: Corpus, store: Store, *, executor: Executor | None = None, progress: Progress | None = None,
         batch: int = BATCH, tries: int = 3) -> tuple[Corpus, int]:
    """Store an analysis made with ``store``; return it (as stored) and its run id.

    Another process (an upload, another run) may have stored articles while this analysis ran: the
    corpus-wide stages then run again over every stored article (their parses and embeddings are in the
    store), so that the analysis stored covers the whole store. After ``tries`` rounds it is stored as is.
    """
    from .store import StaleAnalysis

    for attempt in range(1, tries + 1):
        try:
            return corpus, store.save(corpus, whole_store=attempt < tries)
        except StaleAnalysis as stale:
            log.info("%s: analysing again with them", stale)
            clock = Clock(progress)
            again = _corpus_stages(replace(corpus, articles=tuple(store.articles())), clock, executor, batch, store)
            corpus = replace(again, profile=corpus.profile + again.profile)
    raise AssertionError("unreachable: the last try stores the analysis as it is")


def _corpus_stages(corpus: Corpus, clock: Clock, executor: Executor | None, batch: int,
                   store: Store | None) -> Corpus:
    """The stages that read the whole corpus at once: the parse, entities, then quotes (which link to
    them), then the stages of stories (``story_stages``)."""
    if not corpus.articles:
        return replace(corpus, profile=clock.times())
    from . import embed, entities, nlp, quotes

    n = len(corpus.articles)
    with clock.stage("parse", total=n):
        docs = nlp.parse(corpus.articles, executor=executor, batch=batch, store=store,
                         done=lambda k: clock.advance(k, ""))
    with clock.stage("entities", total=n):
        found = tuple(entities.extract(corpus.articles, docs))
    with clock.stage("quotes", total=n):
        said = tuple(quotes.extract(corpus.articles, docs, found))
    del docs
    with embed.session(executor, store=store):  # stories, reuse and claims embed many of the same sentences
        told = story_stages(corpus.articles, clock)
    return replace(told, inputs=corpus.inputs, skips=corpus.skips, entities=found, quotes=said,
                   profile=clock.times())


def story_stages(articles: Sequence[Article], clock: Clock | None = None) -> Corpus:
    """Stories, then the reuse within each story, then the independent origins of each story (which read
    the reuse); then dates across each story, its claims (counted in origins), its timeline and its brief
    (made of the claims). After clustering, each story's stages read only its own articles: linear work."""
    from . import brief, claims, origins, reuse, stories, timeline

    clock = clock or Clock(None)
    with clock.stage("stories", total=len(articles)):
        grouped = stories.cluster(articles)
    with clock.stage("reuse", total=len(articles)):
        edges = tuple(reuse.align(articles, grouped))
    story_of = {a: s.id for s in grouped for a in s.articles}
    with clock.stage("origins", total=len(grouped)):
        members = _members(grouped, articles)
        edges_of: dict[str, list[ReuseEdge]] = {s.id: [] for s in grouped}
        for edge in edges:
            edges_of.setdefault(story_of.get(edge.source, ""), []).append(edge)
        grouped = [replace(s, origins=origins.group(s, members[s.id], edges_of[s.id])) for s in grouped]
    dated = [replace(a, story=story_of.get(a.id)) for a in articles]
    with clock.stage("dates", total=len(grouped)):
        grouped, dated = timeline.date_stories(grouped, dated)
    members = _members(grouped, dated)
    with clock.stage("claims", total=len(grouped)):
        stated = {s.id: claims.extract(s, members[s.id]) for s in grouped}
    with clock.stage("timeline and brief", total=len(grouped)):
        events = [e for s in grouped for e in timeline.build(s, members[s.id])]
        briefs = [brief.write(s, stated[s.id], members[s.id]) for s in grouped]
    return Corpus(articles=tuple(dated), stories=tuple(grouped), reuse=edges,
                  claims=tuple(c for s in grouped for c in stated[s.id]), timeline=tuple(events),
                  briefs=tuple(briefs), profile=clock.times())


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
    code, template = R011_DUPLICATE_ID
    notes.append(template.format(detail=article.id).replace(f"{article.id}~2", free) + f" [{code}]")
    return replace(article, id=free)
