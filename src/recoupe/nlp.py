"""spaCy models, loaded once and lazily, and the parse of a corpus shared by the stages that read it.

French uses ``fr_core_news_md``; English uses the pipeline chosen in docs/english-model.md. Articles in
a language with no model get no parse: the stages that need one say so in their counts, they do not
guess with another language's model.
"""
from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from functools import lru_cache
from typing import TYPE_CHECKING

from . import identity, lang
from .records import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .store import Store

log = logging.getLogger(__name__)

# language -> importable model packages, best first (each language file's SPACY_MODELS)
MODELS: Mapping[str, tuple[str, ...]] = {code: lang.get(code).SPACY_MODELS for code in lang.LANGUAGES
                                         if lang.get(code).SPACY_MODELS}
BATCH = 16
KEEP_EVERY = 64  # new parses written to the store in groups of this many
# same length in and out, so that every offset into the parsed text is an offset into the clean text
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})


@lru_cache(maxsize=8)
def model(language: str) -> Language | None:
    """The spaCy pipeline for a language, loaded on first use; None when none is installed."""
    for name in MODELS.get(language, ()):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    if language in MODELS:
        log.warning("no spaCy model installed for '%s' (tried %s)", language, ", ".join(MODELS[language]))
    return None


@lru_cache(maxsize=16)
def tokenizer(language: str | None) -> Language:
    """For a language with no model: spaCy's tokenizer of that language (its exceptions and stop words,
    shipped with spaCy itself) and a punctuation sentencizer; the multi-language one ("xx") where spaCy has
    none. It tags, parses and finds nothing: the gazetteer reads its tokens (entities.py)."""
    import spacy

    try:
        pipeline = spacy.blank(language or "xx")
    except (ImportError, ValueError):  # a code spaCy has no language data for
        pipeline = spacy.blank("xx")
    pipeline.add_pipe("sentencizer")
    return pipeline


def tokenized(article: Article) -> Doc:
    """An article's text in tokens and sentences, with no model: the Doc of an article ``parse`` leaves out."""
    return tokenizer(article.language)(article.text.translate(_SPACES))


def entity_method(language: str | None) -> str:
    """How the names of an article in this language are found: ``model`` (a spaCy pipeline is installed),
    ``gazetteer`` (names found elsewhere in the corpus, looked for in its tokens), ``none`` (no language)."""
    if not language:
        return "none"
    installed = any(importlib.util.find_spec(name) is not None for name in MODELS.get(language, ()))
    return "model" if installed else "gazetteer"


def parse(articles: Sequence[Article], *, executor: Executor | None = None, batch: int = 32,
          store: Store | None = None, done: Callable[[int], None] | None = None) -> dict[str, Doc]:
    """Parse every article whose language has a model, in batches per language: article id -> Doc.

    In process, ``nlp.pipe`` runs here. With an executor (Dask workers), each task parses ``batch`` texts
    with the worker's own copy of the model and sends the Docs back as DocBins, spaCy's format for
    moving parses between processes; they are read here against this process's vocabulary (the vectors
    are what the entity stage reads), so the stages after see the same Docs either way. With a store,
    an article parsed by the same model before is read from it (keyed by its key and its text:
    ``identity.parse_key``), and every new parse is kept there. A stored parse is used only when its Doc's
    text is the article's text; another is made again, replaces it and is recorded (``Store.record``). No Doc
    of another text is ever returned.
    ``done`` is told how many articles have their parse so far.
    """
    docs: dict[str, Doc] = {}
    by_language: dict[str, list[Article]] = {}
    for article in articles:
        by_language.setdefault(article.language or "", []).append(article)
    for language, group in by_language.items():
        nlp = model(language) if language else None
        if nlp is None:
            continue
        name = f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}"
        keys = {a.id: identity.parse_key_of(a) for a in group}
        stored = store.parses(name, list(dict.fromkeys(keys.values()))) if store is not None else {}
        todo: list[Article] = []
        for article in group:
            doc = _stored(stored.get(keys[article.id]), article, nlp)
            if doc is not None:
                docs[article.id] = doc
                continue
            todo.append(article)
            if keys[article.id] in stored and store is not None:  # a wrong or unreadable parse: made again, noted
                log.warning("the stored parse of article %s is not a parse of its text: parsed again", article.id)
                store.record(article, "parsed again", f"its stored parse ({name}) was not a parse of its text")
        texts = [a.text.translate(_SPACES) for a in todo]
        if executor is None:
            parsed: Iterable[Doc] = nlp.pipe(texts, batch_size=BATCH)
        else:
            chunks = [texts[i:i + batch] for i in range(0, len(texts), batch)]
            blobs = executor.map(_parse_chunk, [language] * len(chunks), chunks)
            parsed = (_read(blob, nlp) for chunk in blobs for blob in chunk)
        fresh: dict[str, bytes] = {}
        for article, doc in zip(todo, parsed, strict=True):
            docs[article.id] = doc
            if done is not None:
                done(len(docs))
            if store is not None:
                fresh[keys[article.id]] = _bytes(doc)
                if len(fresh) >= KEEP_EVERY:  # kept as they come: a run stopped midway keeps its parses
                    store.save_parses(name, fresh)
                    fresh = {}
        if fresh and store is not None:
            store.save_parses(name, fresh)
    return _matching(docs, articles)


def _stored(data: bytes | None, article: Article, nlp: Language) -> Doc | None:
    """The stored parse of an article's text, if it is one: a Doc of any other text is never used."""
    if data is None:
        return None
    try:
        doc = _read(data, nlp)
    except Exception:  # bytes that are no DocBin: parsed again
        log.debug("unreadable stored parse of %s", article.id, exc_info=True)
        return None
    return doc if doc.text == article.text.translate(_SPACES) else None


def _matching(docs: dict[str, Doc], articles: Sequence[Article]) -> dict[str, Doc]:
    """The boundary of the parse: only a Doc of an article's exact text reaches the stages that read offsets into
    it (entities, quotes, speakers). Two articles under one id would share one: the one it does not fit gets none."""
    for article in articles:
        doc = docs.get(article.id)
        if doc is not None and doc.text != article.text.translate(_SPACES):
            log.error("article %s: its parse is of another text (an id held twice?); analysed without one",
                      article.id)
            del docs[article.id]
    return docs


def _parse_chunk(language: str, texts: list[str]) -> list[bytes]:
    """One task on a worker: parse texts with the worker's model (loaded once per process), one DocBin each."""
    nlp = model(language)
    assert nlp is not None, f"no spaCy model for '{language}' on this worker"
    return [_bytes(doc) for doc in nlp.pipe(texts, batch_size=BATCH)]


def _bytes(doc: Doc) -> bytes:
    from spacy.tokens import DocBin

    return DocBin(docs=[doc]).to_bytes()


def _read(data: bytes, nlp: Language) -> Doc:
    from spacy.tokens import DocBin

    (doc,) = DocBin().from_bytes(data).get_docs(nlp.vocab)
    return doc
