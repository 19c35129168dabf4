#!/usr/bin/env python3
"""How ``recoupe.stories.cluster`` time grows with the corpus: 1,000 to 20,000 synthetic articles.

    .venv/bin/python bench/stories_scale.py [--sizes 1000,2000,5000,10000,20000] [--runs N]
                                            [--full-limit 900] [--cache PATH] [--json PATH]

Corpus: ``bench/corpusgen.py`` (real texts of the repository made into many distinct stories; read
its docstring for what varies).

Measures, per size (each size in its own process, so that peak RSS is its own):

* ``full``: wall time of ``stories.cluster(articles)`` as it is, embeddings included (median of
  ``--runs``), with the part spent in ``recoupe.embed.encode`` (wrapped from outside, not modified).
  Run only when the estimated time (distinct texts to embed / embedding rate) is under
  ``--full-limit`` seconds per run; above that, the embedding time is *estimated* from the rate
  measured while filling the cache, and said so.
* ``cached``: the same call with ``recoupe.embed.encode`` monkeypatched to read a cache of vectors
  keyed by text, filled beforehand by the real encoder (persisted in ``--cache``): this is the
  clustering work without the embedding, run at every size. The time of each private phase of
  stories.py (``_features``, ``neighbours``, ``copies``, ``_average_linkage``, ``_story``) is taken by
  wrapping the module's functions from outside, and the number of neighbour pairs is counted.
* quality: B-cubed precision, recall and F1 of the predicted stories against the generated ones.

Then the ratio time(largest)/time(smallest) beside the linear and quadratic references.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))  # run from a checkout even when recoupe is not installed

from corpusgen import SEED, Generator, load_bases  # noqa: E402  (bench/ is on the path of a bench script)

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "recoupe-stories-scale-embeddings.npz"

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


PHASES = ("features", "neighbours", "copies", "linkage", "story")  # stories.py's steps, timed from outside


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

    timed_neighbours = timed("neighbours", stories.neighbours)

    def neighbours(*a: Any, **k: Any) -> Any:
        pairs = timed_neighbours(*a, **k)
        counts["candidates"] = len(pairs)
        return pairs

    enc = timed("embed", encode or embed.encode)
    with Patch(embed, encode=enc), Patch(stories, _features=timed("features", stories._features),
                                          neighbours=neighbours, copies=timed("copies", stories.copies),
                                          _average_linkage=timed("linkage", stories._average_linkage),
                                          _story=timed("story", stories._story)):
        t0 = time.perf_counter()
        found = stories.cluster(articles)
        total = time.perf_counter() - t0
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
              for name in ("embed", *PHASES)}
    total = statistics.median(r["total"] for r in runs)
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
    for col in ("articles", "cached", "ms/art.", *PHASES, "full", "embed", "ms/art. full", "peak RSS MB (before)"):
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
                  *(f"{p[name]:.2f}" for name in PHASES), full_s, embed_s, per, rss)
    console.print(t)

    t = Table(title="Work and quality (B-cubed against the generated stories)")
    for col in ("articles", "stories generated", "stories found", "largest found", "texts to embed",
                "neighbour pairs", "pairs/article", "B³ P", "B³ R", "B³ F1"):
        t.add_column(col, justify="right")
    for r in results:
        c = r["cached"]
        q, cand = c["quality"], c["counts"].get("candidates", 0)
        t.add_row(str(r["size"]), str(r["stories_generated"]), str(c["stories"]), str(c["largest_story"]),
                  str(r["texts_to_embed"]), str(cand), f"{cand / r['size']:.1f}", f"{q['precision']:.3f}", f"{q['recall']:.3f}", f"[bold]{q['f1']:.3f}[/bold]")
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
        for phase in PHASES:
            rows.append((f"  phase {phase}", lo["cached"]["phases"][phase], hi["cached"]["phases"][phase], ""))
        rows.append(("neighbour pairs", lo["cached"]["counts"].get("candidates", 0),
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
