#!/usr/bin/env python3
"""The whole pipeline against its floor, Dask against one process, and the corpus-wide stages from 1k to 50k.

    .venv/bin/python bench/pipeline_scale.py [--articles 400] [--runs 3] [--sizes 1000,10000,50000]
                                             [--skip throughput,dask,scale] [--json PATH]

Corpus: ``bench/corpusgen.py`` (real texts of the repository made into many distinct stories), written
as plain-text files, the seeds' shape. Three measurements, each printed as a table and written to
``bench/results/pipeline_scale.json``:

1. throughput: ``recoupe.analyze`` on ``--articles`` files, everything from reading to the brief, against
   its floor measured in the same run on the same corpus: spaCy ``nlp.pipe`` alone over the clean texts
   the pipeline produced. Models are loaded before either is timed; medians of ``--runs`` runs.
   Target: the pipeline within 1.5x of the floor.
2. dask: the same ``analyze`` on a ``distributed.LocalCluster`` of 2 single-threaded workers against the
   single process, on the same files (cluster started and its workers' models loaded before timing);
   the two reports must be equal.
3. scale: the stages of stories (``recoupe.pipeline.story_stages``: LSH candidates, pair scoring and
   clustering, reuse alignment, origins, dates, claims, timeline, brief) on ``--sizes`` generated articles, each size in its own process so that its
   peak RSS is its own. The multilingual encoder is replaced by a hashed set of words (a fixed random
   projection of the hashes of the words of four letters or more, linear in the text; short words left
   out so that, as with the real encoder, articles on other events score low): encoding 50,000 articles' sentences with the real one
   would take hours on 2 cores and its cost is linear by construction (throughput above measures it).
   Reported: time per size, the time ratio per 10x more articles (10 = linear, 100 = quadratic; target
   <= 15), and peak RSS (target: 50k articles under 4 GB).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))  # run from a checkout even when recoupe is not installed

from corpusgen import SEED, Generator, load_bases, write_txt  # noqa: E402  (bench/ is on a bench script's path)

console = Console()
RESULTS = ROOT / "bench" / "results"


def machine() -> dict[str, Any]:
    return {"platform": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version()}


def warm_up(folder: Path) -> None:
    """Load every model (spaCy, encoder, language detectors) once, outside the timed runs."""
    from recoupe import analyze

    analyze(sorted(folder.glob("*.txt"))[:3])


def single_process(folder: Path, runs: int) -> tuple[list[float], Any]:
    """``analyze`` in one process, ``runs`` times (models loaded before): the times and the last Corpus."""
    from recoupe import analyze

    warm_up(folder)
    times, corpus = [], None
    for _ in range(runs):
        start = time.perf_counter()
        corpus = analyze([folder])
        times.append(time.perf_counter() - start)
    return times, corpus


def throughput(pipeline_s: list[float], corpus: Any, runs: int) -> dict[str, Any]:
    """The pipeline's time against spaCy's ``nlp.pipe`` alone over the same clean texts."""
    from recoupe import nlp

    by_language: dict[str, list[str]] = {}
    for article in corpus.articles:
        by_language.setdefault(article.language or "", []).append(article.text)
    models = {lang: nlp.model(lang) for lang in by_language if lang}
    floor_s = []
    for _ in range(runs):
        start = time.perf_counter()
        for lang, texts in by_language.items():
            if models.get(lang) is not None:
                for _doc in models[lang].pipe(texts, batch_size=nlp.BATCH):
                    pass
        floor_s.append(time.perf_counter() - start)
    n = len(corpus.articles)
    pipeline, floor = statistics.median(pipeline_s), statistics.median(floor_s)
    return {"articles": n, "pipeline_runs_s": pipeline_s, "floor_runs_s": floor_s,
            "pipeline_articles_per_s": n / pipeline, "floor_articles_per_s": n / floor,
            "ratio_to_floor": pipeline / floor, "target_ratio": 1.5,
            "last_run_stages_s": {t.stage: t.seconds for t in corpus.profile}}


def dask_speedup(folder: Path, single_s: list[float], single: Any, runs: int) -> dict[str, Any]:
    """The same analysis on a LocalCluster of 2 workers, against the single-process runs."""
    from recoupe import analyze, dist, serialize

    with dist.executor(workers=2) as pool:
        start = time.perf_counter()
        analyze(sorted(folder.glob("*.txt"))[:40], executor=pool, batch=4)  # every worker loads its models
        warm_s = time.perf_counter() - start
        dask_s, on_dask = [], None
        for _ in range(runs):
            start = time.perf_counter()
            on_dask = analyze([folder], executor=pool)
            dask_s.append(time.perf_counter() - start)
    assert on_dask is not None
    stages = {t.stage: (a.seconds, t.seconds) for a, t in zip(single.profile, on_dask.profile, strict=True)}
    return {"articles": len(single.articles), "workers": 2, "single_runs_s": single_s, "dask_runs_s": dask_s,
            "dask_warm_up_s": warm_s, "speedup": statistics.median(single_s) / statistics.median(dask_s),
            "same_report": serialize.report(single) == serialize.report(on_dask),
            "stages_single_vs_dask_s": stages}


# ------------------------------------------------------------------------------------------------ scale

_WORDS: dict[str, int] = {}


def hashed_encode(texts: Any) -> Any:
    """A stand-in encoder, linear in the text: a fixed random projection of the hashes of its words."""
    import numpy as np

    from recoupe import embed

    if not len(texts):
        return np.zeros((0, embed.DIM), dtype=np.float32)
    return np.vstack([_hashed(list(texts[i:i + 1024])) for i in range(0, len(texts), 1024)])


def _hashed(texts: list[str]) -> Any:
    import re
    import zlib

    import numpy as np
    from scipy.sparse import csr_matrix

    from recoupe import embed

    global _TABLE
    if "_TABLE" not in globals():
        _TABLE = np.random.default_rng(7).standard_normal((4096, embed.DIM)).astype(np.float32)
    rows, ids = [], []
    for row, text in enumerate(texts):
        for word in set(re.findall(r"\w{4,}", text.lower())):  # words that carry meaning, once each
            if (k := _WORDS.get(word)) is None:
                k = _WORDS[word] = zlib.crc32(word.encode()) % 4096
            rows.append(row)
            ids.append(k)
    counts = csr_matrix((np.ones(len(ids), dtype=np.float32), (rows, ids)), shape=(len(texts), 4096))
    out = np.asarray(counts @ _TABLE, dtype=np.float32)
    out /= np.where((norms := np.linalg.norm(out, axis=1, keepdims=True)) == 0, 1, norms)
    return out


def scale_worker(size: int) -> dict[str, Any]:
    """One size, in its own process: the stages of stories (all corpus-wide stages but the parse, entities
    and quotes, which need spaCy), as the pipeline runs them."""
    from recoupe import embed
    from recoupe.pipeline import Clock, story_stages

    embed.encode = hashed_encode  # stories, reuse and claims look it up at call time
    articles, gold = Generator(SEED, load_bases()).corpus(size)
    rss_before = peak_rss_mb()
    told = story_stages(articles, Clock(None))
    times = {t.stage: t.seconds for t in told.profile}
    return {"size": size, "stories_generated": len(set(gold)), "stories_found": len(told.stories),
            "reuse_edges": len(told.reuse), "claims": len(told.claims), "times_s": times,
            "total_s": sum(times.values()), "rss_before_mb": rss_before, "peak_rss_mb": peak_rss_mb()}


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: getrusage's maxrss would count the parent's before exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale(sizes: list[int]) -> dict[str, Any]:
    rows = []
    for size in sizes:
        console.print(f"scale: {size} articles…")
        done = subprocess.run([sys.executable, __file__, "--scale-worker", str(size)], capture_output=True,
                              text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    per_10x = []
    for a, b in zip(rows, rows[1:], strict=False):
        ratio = b["total_s"] / a["total_s"]
        per_10x.append({"from": a["size"], "to": b["size"], "time_ratio": ratio,
                        "ratio_per_10x": ratio ** (1 / math.log10(b["size"] / a["size"]))})
    return {"rows": rows, "per_10x": per_10x, "target_ratio_per_10x": 15, "target_peak_rss_mb_50k": 4096}


# ---------------------------------------------------------------------------------------------- report

def show(results: dict[str, Any]) -> None:
    if "throughput" in results:
        t = results["throughput"]
        table = Table(title=f"Throughput — {t['articles']} articles (medians of {len(t['pipeline_runs_s'])} runs)")
        for column in ("", "seconds", "articles/s"):
            table.add_column(column, justify="right")
        table.add_row("whole pipeline", f"{statistics.median(t['pipeline_runs_s']):.1f}",
                      f"{t['pipeline_articles_per_s']:.2f}")
        table.add_row("floor: nlp.pipe alone", f"{statistics.median(t['floor_runs_s']):.1f}",
                      f"{t['floor_articles_per_s']:.2f}")
        table.add_row("ratio (target ≤ 1.5)", f"{t['ratio_to_floor']:.2f}", "")
        console.print(table)
        console.print("last run, seconds per stage: " + ", ".join(f"{k} {v:.1f}" for k, v in
                                                                   t["last_run_stages_s"].items()))
    if "dask" in results:
        d = results["dask"]
        table = Table(title=f"Dask LocalCluster, 2 workers, against one process — {d['articles']} articles")
        for column in ("", "seconds (median)"):
            table.add_column(column, justify="right")
        table.add_row("one process", f"{statistics.median(d['single_runs_s']):.1f}")
        table.add_row("Dask, 2 workers", f"{statistics.median(d['dask_runs_s']):.1f}")
        table.add_row("speed-up", f"{d['speedup']:.2f}x")
        table.add_row("same report", str(d["same_report"]))
        console.print(table)
        console.print("seconds per stage, one process / Dask: " + ", ".join(
            f"{k} {a:.1f}/{b:.1f}" for k, (a, b) in d["stages_single_vs_dask_s"].items()))
    if "scale" in results:
        s = results["scale"]
        table = Table(title="Stages of stories (stand-in encoder: hashed set of words), one process")
        for column in ("articles", "stories", "clustering", "reuse", "claims", "total s", "peak RSS MB"):
            table.add_column(column, justify="right")
        for r in s["rows"]:
            table.add_row(str(r["size"]), str(r["stories_found"]), f"{r['times_s']['stories']:.1f}",
                          f"{r['times_s']['reuse']:.1f}", f"{r['times_s']['claims']:.1f}", f"{r['total_s']:.1f}",
                          f"{r['peak_rss_mb']:.0f}")
        console.print(table)
        for p in s["per_10x"]:
            console.print(f"{p['from']} → {p['to']}: time x{p['time_ratio']:.1f}, "
                          f"x{p['ratio_per_10x']:.1f} per 10x articles (linear 10, quadratic 100; target ≤ 15)")
    console.print(f"machine: {results['machine']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--skip", default="")
    ap.add_argument("--json", type=Path, default=RESULTS / "pipeline_scale.json")
    ap.add_argument("--scale-worker", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.scale_worker:
        print(json.dumps(scale_worker(args.scale_worker)))
        return
    skip = set(filter(None, args.skip.split(",")))
    results: dict[str, Any] = {"machine": machine(), "seed": SEED}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        articles, _ = Generator(SEED, load_bases()).corpus(args.articles)
        write_txt(articles, folder)
        if not {"throughput", "dask"} <= skip:
            single_s, single = single_process(folder, args.runs)
            if "throughput" not in skip:
                results["throughput"] = throughput(single_s, single, args.runs)
            if "dask" not in skip:
                results["dask"] = dask_speedup(folder, single_s, single, args.runs)
    if "scale" not in skip:
        results["scale"] = scale([int(n) for n in args.sizes.split(",")])
    show(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2))
    console.print(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
