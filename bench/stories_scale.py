#!/usr/bin/env python3
"""How ``recoupe.stories.cluster`` time grows with the corpus: 1,000 to 20,000 synthetic articles.

    .venv/bin/python bench/stories_scale.py [--sizes 1000,2000,5000,10000,20000] [--runs N]
                                            [--full-limit 900] [--cache PATH] [--json PATH]

Corpus. Base texts are examples/ankara/*.txt and tests/data/mixed/*.txt, cleaned with
``recoupe.clean.clean_plain`` (title, text), language from ``recoupe.language.detect``. A seeded
generator makes many distinct stories of 1 to 6 articles each. A story starts from a base text (its
title and a subset of its sentences, sometimes with a few sentences of another base of the same
language mixed in) in which every name (a capitalised word inside a sentence) and number is replaced
consistently by a random one — pseudo-names built from syllables, so that every story has its own
rare names — except for a few names kept as they are (shared, common names); one story in ten has no
names at all (they become ordinary words, numbers a single digit), so that cluster compares it by
embedding with every article, as it does for name-poor articles; and a quarter of the
other words are replaced by words of the same language (so stories from one base do not share
shingles). Each article of a story is a variant: sentences dropped and swapped, a few words changed,
or an exact copy; most articles carry boilerplate lines (outlet, date, "read also") from a shared set
of outlets. Articles are dated within a few days of their story's date, stories spread over a year,
and the articles are shuffled. Corpora are prefixes of one stream of stories: the 1,000-article
corpus is the first stories of the 20,000-article one.

Measures, per size (each size in its own process, so that peak RSS is its own):

* ``full``: wall time of ``stories.cluster(articles)`` as it is, embeddings included (median of
  ``--runs``), with the part spent in ``recoupe.embed.encode`` (wrapped from outside, not modified).
  Run only when the estimated time (distinct texts to embed / embedding rate) is under
  ``--full-limit`` seconds per run; above that, the embedding time is *estimated* from the rate
  measured while filling the cache, and said so.
* ``cached``: the same call with ``recoupe.embed.encode`` monkeypatched to read a cache of vectors
  keyed by text, filled beforehand by the real encoder (persisted in ``--cache``): this is the
  clustering work without the embedding, run at every size. The time of each private phase of
  stories.py (``_features``, ``_candidates``, scoring + ``_link``, ``_story``) is taken by wrapping
  the module's functions from outside, and the number of candidate pairs is counted.
* quality: B-cubed precision, recall and F1 of the predicted stories against the generated ones.

Then the ratio time(largest)/time(smallest) beside the linear and quadratic references.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))  # run from a checkout even when recoupe is not installed

BASES = [*sorted((ROOT / "examples" / "ankara").glob("*.txt")),
         *sorted((ROOT / "tests" / "data" / "mixed").glob("*.txt"))]
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "recoupe-stories-scale-embeddings.npz"
SEED = 20240601

STORY_SIZES = (1, 2, 3, 4, 5, 6)
STORY_WEIGHTS = (0.30, 0.25, 0.18, 0.12, 0.09, 0.06)  # mean about 2.5 articles a story
KEEP_NAME = 0.12  # share of a story's names kept as in the base (common names shared across stories)
WORD_SWAP = 0.25  # share of a story's ordinary word types replaced by other words of the language
VARIANT_WORDS = 0.04  # share of word occurrences an article variant changes
POOR_STORY = 0.10  # share of stories with no names (names become ordinary words, numbers one digit)
EXACT_COPY = 0.25  # share of a story's later articles that copy its first one word for word
BOILERPLATE = 0.7  # share of articles with boilerplate lines
OUTLETS = 300
DAYS = 365

_TOKEN = re.compile(r"\w+|\W+")
_NAMEISH = re.compile(r"^[A-ZÀ-ÝĀ-ſА-Я][\w'’-]+$")
_NUMBER = re.compile(r"^\d+$")
_ORDINARY = re.compile(r"^[a-zà-ÿœæ]{4,}$")
_SYLLABLES = ("ka", "lo", "mi", "tur", "ven", "sa", "dri", "bo", "nel", "fa", "go", "ri", "zu", "pe", "tan",
              "mor", "vi", "les", "da", "kin", "bra", "sto", "gel", "hu", "ix", "jo", "qua", "ren", "sol",
              "tev", "ur", "wal", "yan", "zor", "be", "cla", "dun", "fel", "gri", "har", "ist", "kor", "lum",
              "mas", "nor", "ost", "pra", "rud", "sev", "tro", "vel", "xan", "zim", "ald", "bek", "cor",
              "dal", "esk", "fin", "gam")


# --------------------------------------------------------------------------------------- corpus

@dataclass
class Base:
    name: str
    language: str
    title: str
    sentences: list[str]
    names: set[str]


def load_bases() -> list[Base]:
    """The base texts, cleaned, cut into sentences, with their capitalised words inside sentences."""
    from recoupe.clean import clean_plain
    from recoupe.language import detect
    from recoupe.segment import sentences

    out = []
    for path in BASES:
        cleaned = clean_plain(path.read_text(encoding="utf8"))
        text = cleaned.text
        sents = [text[s:e] for s, e in sentences(text)]
        language = detect(text) or path.name[:2]
        names: set[str] = set()
        for sentence in [cleaned.title or "", *sents]:
            tokens = [t for t in _TOKEN.findall(sentence) if t.strip() and re.match(r"\w", t)]
            names.update(t for t in tokens[1:] if _NAMEISH.match(t))
        out.append(Base(path.name, language, cleaned.title or sents[0], sents, names))
    return out


def pseudo_name(rng: random.Random, acronym: bool = False) -> str:
    if acronym:
        return "".join(rng.choice("BCDFGHJKLMNPRSTVWXZ") for _ in range(rng.randint(3, 4)))
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4)))).capitalize()


class Generator:
    """A seeded stream of stories; ``corpus(n)`` takes the first n articles of it."""

    def __init__(self, seed: int, bases: list[Base]) -> None:
        self.seed = seed
        self.bases = bases
        self.weights = [len(b.sentences) for b in bases]
        self.pool: dict[str, list[str]] = defaultdict(list)
        for b in bases:
            for s in [b.title, *b.sentences]:
                self.pool[b.language].extend(w for w in _TOKEN.findall(s) if _ORDINARY.match(w))
        for lang in self.pool:
            self.pool[lang] = sorted(set(self.pool[lang]))
        orng = random.Random(f"{seed}-outlets")
        self.outlets = [f"{orng.choice(('Le', 'La', 'The', 'Radio', 'Daily', 'Info'))} {pseudo_name(orng)}"
                        for _ in range(OUTLETS)]
        self.start = date(2023, 1, 1)

    def stories(self) -> Any:
        """Yield (story index, [(title, text, language, published)]) for ever."""
        rng = random.Random(self.seed)
        index = 0
        while True:
            yield index, self._story(rng)
            index += 1

    def _story(self, rng: random.Random) -> list[tuple[str, str, str, str]]:
        base = rng.choices(self.bases, weights=self.weights)[0]
        lang = base.language
        sents = [s for s in base.sentences if rng.random() < 0.8] or base.sentences[:3]
        if rng.random() < 0.5:
            others = [b for b in self.bases if b.language == lang and b is not base]
            if others:
                other = rng.choice(others)
                for s in rng.sample(other.sentences, min(len(other.sentences), rng.randint(2, 5))):
                    sents.insert(rng.randint(1, len(sents)), s)
        for _ in range(rng.randint(0, 2)):  # a few swaps of neighbouring sentences
            k = rng.randrange(len(sents))
            if k + 1 < len(sents):
                sents[k], sents[k + 1] = sents[k + 1], sents[k]
        mapping: dict[str, str] = {}
        swap_rate = WORD_SWAP
        pool = self.pool[lang]
        poor = rng.random() < POOR_STORY  # blocks on no name: compared with every article by embedding

        def transform(sentence: str) -> str:
            out = []
            for tok in _TOKEN.findall(sentence):
                if tok not in mapping:
                    if _NUMBER.match(tok) and poor:
                        mapping[tok] = str(rng.randint(1, 9))
                    elif _NAMEISH.match(tok) and tok in base_names and poor:
                        mapping[tok] = rng.choice(pool)
                    elif _NUMBER.match(tok):
                        mapping[tok] = str(rng.randint(10 ** (len(tok) - 1) if len(tok) > 1 else 0, 10 ** len(tok) - 1))
                    elif _NAMEISH.match(tok) and tok in base_names:
                        mapping[tok] = tok if rng.random() < KEEP_NAME else pseudo_name(rng, tok.isupper())
                    elif _ORDINARY.match(tok) and rng.random() < swap_rate:
                        mapping[tok] = rng.choice(pool)
                    else:
                        mapping[tok] = tok
                out.append(mapping[tok])
            return "".join(out)

        base_names = set().union(*(b.names for b in self.bases if b.language == lang))
        title = transform(base.title)
        body = [transform(s) for s in sents]
        day = self.start + timedelta(days=rng.randrange(DAYS))
        size = rng.choices(STORY_SIZES, weights=STORY_WEIGHTS)[0]
        articles = []
        for k in range(size):
            if k == 0 or rng.random() < EXACT_COPY:
                a_title, a_body = title, list(body)
            else:
                a_title = self._vary(rng, title, pool) if rng.random() < 0.5 else title
                a_body = [self._vary(rng, s, pool) for s in body if rng.random() < 0.85] or list(body)
                if len(a_body) > 2 and rng.random() < 0.5:
                    k2 = rng.randrange(1, len(a_body) - 1)
                    a_body[k2], a_body[k2 + 1] = a_body[k2 + 1], a_body[k2]
            published = day + timedelta(days=rng.randint(0, 2))
            lines = []
            if rng.random() < BOILERPLATE:
                outlet = rng.choice(self.outlets)
                when = (f"{published.day:02d}/{published.month:02d}/{published.year} "
                        f"{rng.randint(6, 23):02d}:{rng.randint(0, 59):02d}")
                lines.append(f"Publié le {when} par {outlet}" if lang == "fr" else f"Published {when} by {outlet}")
                lines.extend(a_body)
                lines.append(f"Lire aussi sur {rng.choice(self.outlets)} : toute l'actualité" if lang == "fr"
                             else f"Read more from {rng.choice(self.outlets)}: all the news")
            else:
                lines.extend(a_body)
            articles.append((a_title, "\n".join(lines), lang, published.isoformat()))
        return articles

    @staticmethod
    def _vary(rng: random.Random, sentence: str, pool: list[str]) -> str:
        return "".join(rng.choice(pool) if _ORDINARY.match(t) and rng.random() < VARIANT_WORDS else t
                       for t in _TOKEN.findall(sentence))

    def corpus(self, n: int) -> tuple[list[Any], list[int]]:
        """The first n articles of the stream (the last story cut to fit), shuffled; and their story index."""
        from recoupe.records import Article

        rows: list[tuple[int, int, tuple[str, str, str, str]]] = []
        for index, story in self.stories():
            for k, art in enumerate(story):
                rows.append((index, k, art))
                if len(rows) == n:
                    break
            if len(rows) == n:
                break
        random.Random(f"{self.seed}-order-{n}").shuffle(rows)
        articles = [Article(id=f"s{index:05d}-{k}", path="", content_hash=f"s{index:05d}-{k}", text=text,
                            title=title, language=lang, published=published)
                    for index, k, (title, text, lang, published) in rows]
        return articles, [index for index, _, _ in rows]


# -------------------------------------------------------------------------------------- metrics

def bcubed(predicted: Sequence[int], gold: Sequence[int]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering (one label per item) against the gold one."""
    pairs: dict[tuple[int, int], int] = defaultdict(int)
    psize: dict[int, int] = defaultdict(int)
    gsize: dict[int, int] = defaultdict(int)
    for p, g in zip(predicted, gold, strict=True):
        pairs[p, g] += 1
        psize[p] += 1
        gsize[g] += 1
    n = len(gold)
    precision = sum(c * c / psize[p] for (p, _), c in pairs.items()) / n
    recall = sum(c * c / gsize[g] for (_, g), c in pairs.items()) / n
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall)}


# ------------------------------------------------------------------------------------ embeddings

def _key(text: str) -> bytes:
    return hashlib.sha1(text.encode("utf8")).digest()


class Cache:
    """Vectors by text (sha1 of the text), persisted as an npz of keys and a float32 matrix."""

    def __init__(self, path: Path) -> None:
        import numpy as np

        self.path = path
        self.rows: dict[bytes, np.ndarray] = {}
        if path.exists():
            with np.load(path) as data:
                for key, row in zip(data["keys"], data["vectors"], strict=True):
                    self.rows[bytes(key)] = row
        self.dirty = False

    def save(self) -> None:
        import numpy as np

        if not self.dirty:
            return
        keys = np.array(list(self.rows), dtype="S20")
        vectors = np.vstack(list(self.rows.values())).astype(np.float32)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(tmp, keys=keys, vectors=vectors)
        tmp.replace(self.path)
        self.dirty = False


def texts_to_embed(articles: Sequence[Any]) -> list[str]:
    """The texts cluster passes to embed.encode: captured by running stories._features with a recorder."""
    import numpy as np

    from recoupe import embed, stories

    seen: list[str] = []

    def record(texts: Sequence[str]) -> np.ndarray:
        seen.extend(texts)
        return np.zeros((len(texts), embed.DIM), dtype=np.float32)

    original = embed.encode
    embed.encode = record
    try:
        stories._features(articles)  # private, called only to learn which texts it embeds
    finally:
        embed.encode = original
    return list(dict.fromkeys(seen))


def fill(cache: Cache, texts: Sequence[str], chunk: int = 1024, log: Callable[[str], None] = print) -> dict[str, float]:
    """Encode the texts missing from the cache with the real encoder, saving after each chunk."""
    from recoupe import embed

    missing = [t for t in texts if _key(t) not in cache.rows]
    t0 = time.perf_counter()
    done = 0
    for start in range(0, len(missing), chunk):
        part = missing[start:start + chunk]
        vectors = embed.encode(part)
        for text, row in zip(part, vectors, strict=True):
            cache.rows[_key(text)] = row
        cache.dirty = True
        done += len(part)
        cache.save()
        spent = time.perf_counter() - t0
        log(f"  embedded {done}/{len(missing)} texts, {done / spent:.0f}/s, {spent:.0f} s")
    seconds = time.perf_counter() - t0
    return {"encoded": len(missing), "seconds": seconds, "rate": len(missing) / seconds if missing else 0.0}


# ----------------------------------------------------------------------------------------- worker

class Patch:
    """Replace module attributes for the duration of a block."""

    def __init__(self, module: Any, **attrs: Any) -> None:
        self.module, self.attrs, self.saved = module, attrs, {}

    def __enter__(self) -> Patch:
        for name, value in self.attrs.items():
            self.saved[name] = getattr(self.module, name)
            setattr(self.module, name, value)
        return self

    def __exit__(self, *exc: object) -> None:
        for name, value in self.saved.items():
            setattr(self.module, name, value)


def measured_cluster(articles: Sequence[Any], encode: Callable[[Sequence[str]], Any] | None) -> dict[str, Any]:
    """One stories.cluster call, with the time of encode and of the private phases, wrapped from outside."""
    from recoupe import embed, stories

    phases: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = {}

    def timed(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*a: Any, **k: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                phases[name] += time.perf_counter() - t0
        return wrapper

    timed_candidates = timed("candidates", stories._candidates)

    def candidates(features: Any) -> Any:
        pairs = timed_candidates(features)
        t0 = time.perf_counter()  # counting is not cluster's work: its time is taken out of the total
        counts["candidates"] = len(pairs)
        rare = stories._rare_names(features)
        counts["poor"] = sum(len(f.names & rare) < stories.FEW_NAMES for f in features)
        phases["overhead"] += time.perf_counter() - t0
        return pairs

    timed_link = timed("link", stories._link)

    def link(n: int, scored: Any, accepted: Any) -> Any:
        counts["accepted"] = len(accepted)
        return timed_link(n, scored, accepted)

    enc = timed("embed", encode or embed.encode)
    with Patch(embed, encode=enc), Patch(stories, _features=timed("features", stories._features),
                                          _candidates=candidates,
                                          _link=link, _story=timed("story", stories._story)):
        t0 = time.perf_counter()
        found = stories.cluster(articles)
        total = time.perf_counter() - t0 - phases["overhead"]
    return {"total": total, "phases": dict(phases), "counts": counts, "stories": found}


def worker(args: argparse.Namespace) -> dict[str, Any]:
    """Measure one size (run in its own process): full runs when allowed, then cached runs."""
    import numpy as np

    from recoupe import embed

    n = args.worker
    bases = load_bases()
    gen = Generator(args.seed, bases)
    t0 = time.perf_counter()
    articles, gold = gen.corpus(n)
    gen_s = time.perf_counter() - t0
    texts = texts_to_embed(articles)
    out: dict[str, Any] = {"size": n, "stories_generated": len(set(gold)), "generate_s": gen_s,
                           "texts_to_embed": len(texts), "load_before": os.getloadavg()[0]}
    embed.encode(["warm up"])  # load the model outside the timed calls

    # full runs first, before the cache is loaded, so that their peak RSS is cluster's own
    rate = args.rate  # texts/s measured on a smaller size (a sample), None for the first size
    estimate = len(texts) / rate if rate else None
    captured: dict[str, np.ndarray] = {}
    full_runs: list[dict[str, Any]] = []
    if estimate is not None and estimate > args.full_limit:
        out["full"] = None
        out["full_skipped"] = f"embedding estimated at {estimate:.0f} s a run (> --full-limit {args.full_limit:.0f} s)"
    else:
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        real_encode = embed.encode
        for k in range(args.runs):
            if k < args.runs - 1:
                full_runs.append(measured_cluster(articles, None))
                continue

            def capture(batch: Sequence[str]) -> np.ndarray:  # the last run fills the cache as it goes
                vectors = real_encode(batch)
                captured.update(zip(batch, vectors, strict=True))
                return vectors

            full_runs.append(measured_cluster(articles, capture))
        out["full"] = summarise(full_runs, gold, articles)
        out["full"]["rss_before_mb"] = rss_before / 1024
        out["full"]["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rate = len(texts) / max(out["full"]["phases"]["embed"], 1e-9)
    out["embed_rate"] = rate
    out["embed_estimate_s"] = len(texts) / rate if rate else None

    cache = Cache(args.cache)
    for text, vector in captured.items():
        cache.rows.setdefault(_key(text), vector)
        cache.dirty = True
    captured.clear()
    out["cache_hits"] = sum(_key(t) in cache.rows for t in texts)
    if out["cache_hits"] < len(texts):
        out["cache_fill"] = fill(cache, texts, log=lambda s: print(s, file=sys.stderr, flush=True))
        if out["full"] is None and out["cache_fill"]["encoded"] >= 1000:
            # measured on this size's own texts (those a smaller size had not cached): the better estimate
            out["embed_rate_fill"] = out["cache_fill"]["rate"]
            out["embed_estimate_s"] = len(texts) / out["cache_fill"]["rate"]
    cache.save()

    def cached(batch: Sequence[str]) -> np.ndarray:
        if not len(batch):
            return np.zeros((0, embed.DIM), dtype=np.float32)
        return np.vstack([cache.rows[_key(t)] for t in batch])

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cached_runs = [measured_cluster(articles, cached) for _ in range(args.runs)]
    out["cached"] = summarise(cached_runs, gold, articles)
    out["cached"]["rss_before_mb"] = rss_before / 1024
    out["cached"]["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if full_runs:
        out["same_stories_full_and_cached"] = (sorted(s.articles for s in full_runs[0]["stories"])
                                               == sorted(s.articles for s in cached_runs[0]["stories"]))
    out["load_after"] = os.getloadavg()[0]
    return out


def summarise(runs: list[dict[str, Any]], gold: Sequence[int], articles: Sequence[Any]) -> dict[str, Any]:
    index = {a.id: i for i, a in enumerate(articles)}
    found = runs[0]["stories"]
    predicted = [0] * len(articles)
    for label, s in enumerate(found):
        for aid in s.articles:
            predicted[index[aid]] = label
    sizes = [len(s.articles) for s in found]
    phases = {name: statistics.median(r["phases"].get(name, 0.0) for r in runs)
              for name in ("embed", "features", "candidates", "link", "story")}
    total = statistics.median(r["total"] for r in runs)
    phases["score"] = max(0.0, total - phases["features"] - phases["candidates"] - phases["link"] - phases["story"])
    return {"runs": [r["total"] for r in runs], "median_s": total, "phases": phases,
            "counts": runs[0]["counts"], "stories": len(found), "largest_story": max(sizes),
            "quality": bcubed(predicted, gold)}


# ----------------------------------------------------------------------------------------- driver

def run_worker(size: int, args: argparse.Namespace, runs: int, rate: float | None) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", str(size), "--runs", str(runs),
           "--seed", str(args.seed), "--cache", str(args.cache), "--full-limit", str(args.full_limit)]
    if rate:
        cmd += ["--rate", str(rate)]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def report(results: list[dict[str, Any]], machine: dict[str, Any]) -> dict[str, Any]:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(Console().width, 130))
    t = Table(title="stories.cluster time on synthetic corpora (seconds, median of the runs)",
              caption="cached = recoupe.embed.encode monkeypatched to read vectors precomputed by the real encoder "
                      "(the clustering work without the embedding), split by private phase of stories.py; "
                      "full = cluster as it is, embedding included; est. = estimated (full run not done); peak RSS "
                      "= process high-water mark after the full runs (yellow: after the cached runs, cache included), "
                      "in brackets before them")
    for col in ("articles", "cached", "ms/art.", "features", "candidates", "score", "link", "story",
                "full", "embed", "ms/art. full", "peak RSS MB (before)"):
        t.add_column(col, justify="right")
    for r in results:
        c, f = r["cached"], r.get("full")
        if f:
            full_s, embed_s = f"[bold]{f['median_s']:.1f}[/bold]", f"{f['phases']['embed']:.1f}"
            per, rss = f"{1000 * f['median_s'] / r['size']:.1f}", f"{f['peak_rss_mb']:.0f} ({f['rss_before_mb']:.0f})"
        else:
            est = c["median_s"] + (r["embed_estimate_s"] or 0)
            full_s = f"[yellow]est. {est:.0f}[/yellow]"
            embed_s = f"[yellow]est. {r['embed_estimate_s'] or 0:.0f}[/yellow]"
            per = f"[yellow]est. {1000 * est / r['size']:.1f}[/yellow]"
            rss = f"[yellow]{c['peak_rss_mb']:.0f} ({c['rss_before_mb']:.0f})[/yellow]"
        p = c["phases"]
        t.add_row(str(r["size"]), f"[bold]{c['median_s']:.2f}[/bold]", f"{1000 * c['median_s'] / r['size']:.2f}",
                  f"{p['features']:.2f}", f"{p['candidates']:.2f}", f"{p['score']:.2f}", f"{p['link']:.2f}",
                  f"{p['story']:.2f}", full_s, embed_s, per, rss)
    console.print(t)

    t = Table(title="Work and quality (B-cubed against the generated stories)",
              caption="poor = articles with fewer than FEW_NAMES rare names (compared with every article by embedding)")
    for col in ("articles", "stories generated", "stories found", "largest found", "texts to embed",
                "candidate pairs", "pairs/article", "accepted", "poor", "B³ P", "B³ R", "B³ F1"):
        t.add_column(col, justify="right")
    for r in results:
        c = r["cached"]
        q, cand = c["quality"], c["counts"].get("candidates", 0)
        t.add_row(str(r["size"]), str(r["stories_generated"]), str(c["stories"]), str(c["largest_story"]),
                  str(r["texts_to_embed"]), str(cand), f"{cand / r['size']:.1f}", str(c["counts"].get("accepted", "?")),
                  str(c["counts"].get("poor", "?")),
                  f"{q['precision']:.3f}", f"{q['recall']:.3f}", f"[bold]{q['f1']:.3f}[/bold]")
    console.print(t)

    ratios: dict[str, Any] = {}
    if len(results) > 1:
        lo, hi = results[0], results[-1]
        k = hi["size"] / lo["size"]
        t = Table(title=f"Growth from {lo['size']} to {hi['size']} articles")
        for col in ("measure", "time ratio", "linear", "quadratic", "exponent (time ∝ N^x)"):
            t.add_column(col, justify="right" if col != "measure" else "left")
        import math

        rows = [("cluster, cached embeddings", lo["cached"]["median_s"], hi["cached"]["median_s"], "")]
        for phase in ("features", "candidates", "score", "link", "story"):
            rows.append((f"  phase {phase}", lo["cached"]["phases"][phase], hi["cached"]["phases"][phase], ""))
        rows.append(("candidate pairs", lo["cached"]["counts"].get("candidates", 0),
                     hi["cached"]["counts"].get("candidates", 0), ""))
        if lo.get("full"):
            hi_full = (hi["full"]["median_s"] if hi.get("full")
                       else hi["cached"]["median_s"] + (hi["embed_estimate_s"] or 0))
            rows.append(("cluster, full" + ("" if hi.get("full") else " (largest estimated)"),
                         lo["full"]["median_s"], hi_full, ""))
        for name, a, b, _ in rows:
            ratio = b / a if a else float("nan")
            expo = math.log(ratio) / math.log(k) if a and b else float("nan")
            ratios[name.strip()] = {"low": a, "high": b, "ratio": ratio, "exponent": expo}
            t.add_row(name, f"[bold]{ratio:.1f}[/bold]" if not name.startswith(" ") else f"{ratio:.1f}",
                      f"{k:.0f}", f"{k * k:.0f}", f"{expo:.2f}")
        console.print(t)
    for r in results:
        if r.get("full_skipped"):
            fill_rate = r.get("embed_rate_fill")
            console.print(f"[yellow]{r['size']} articles: full run skipped, {r['full_skipped']}; embedding estimated "
                          + (f"at {fill_rate:.0f} texts/s, the rate of the real encoder while filling the cache with "
                             f"{r['cache_fill']['encoded']} of this size's texts" if fill_rate else
                             f"at {r['embed_rate']:.0f} texts/s, the rate measured on the previous size")
                          + "[/yellow]")
        if "cache_fill" in r:
            cf = r["cache_fill"]
            console.print(f"{r['size']} articles: cache filled with {cf['encoded']} texts in {cf['seconds']:.0f} s "
                          f"({cf['rate']:.0f} texts/s)")
        if r.get("full") and not r.get("same_stories_full_and_cached", True):
            console.print(f"[red]{r['size']} articles: cached and full runs gave different stories[/red]")
    loads = ", ".join(f"{r['size']}: {r['load_before']:.1f}→{r['load_after']:.1f}" for r in results)
    console.print(f"machine: {machine['platform']}, {machine['cpus']} CPUs, Python {machine['python']}; "
                  f"1-minute load average before→after each size (other work on the machine skews times): {loads}")
    return ratios


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,2000,5000,10000,20000", help="corpus sizes, comma-separated")
    ap.add_argument("--runs", type=int, default=None, help="runs per size (default 3 below 10000 articles, 1 above)")
    ap.add_argument("--full-limit", type=float, default=900.0,
                    help="skip the full (embedding) run of a size estimated longer than this, in seconds")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="embedding cache (npz)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    ap.add_argument("--from-json", type=Path, default=None, help="print the tables of a saved --json, run nothing")
    ap.add_argument("--worker", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--rate", type=float, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.worker is not None:
        args.runs = args.runs or (1 if args.worker >= 10000 else 3)
        print(json.dumps(worker(args), default=str))
        return

    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf8"))
        report(saved["results"], saved["machine"])
        return
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    machine = {"platform": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version(),
               "processor": platform.processor()}
    print(f"machine: {machine['platform']}, {machine['cpus']} CPUs; cache {args.cache}", file=sys.stderr)
    results = []
    rate = None
    for size in sizes:
        runs = args.runs or (1 if size >= 10000 else 3)
        print(f"size {size}: {runs} run(s) ...", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        r = run_worker(size, args, runs, rate)
        # the embedding rate measured on a smaller size (a sample) estimates the larger ones
        rate = r.get("embed_rate") or rate
        print(f"size {size}: done in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
        results.append(r)
        if args.json:  # after every size, so that a run cut short keeps what it measured
            save(args.json, machine, results, {}, args.seed)
    ratios = report(results, machine)
    if args.json:
        save(args.json, machine, results, ratios, args.seed)


def save(path: Path, machine: dict[str, Any], results: list[dict[str, Any]], ratios: dict[str, Any], seed: int) -> None:
    path.write_text(json.dumps({"machine": machine, "results": results, "ratios": ratios, "seed": seed},
                               indent=2, default=str), encoding="utf8")


if __name__ == "__main__":
    main()
