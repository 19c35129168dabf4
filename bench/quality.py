#!/usr/bin/env python3
"""Quality of the whole analysis on annotated corpora: every measure of the shared scorer, per corpus.

    .venv/bin/python bench/quality.py [--shared ../shared] [--corpus seeds,dev] [--by-language] [--json PATH]

Each corpus is analysed from scratch by ``recoupe.analyze`` (no store: nothing cached from an earlier
run), its report scored by ``shared/tools/score.py`` against the corpus's gold, and every measure printed
in one table, one column per corpus. The corpora are read where they are, in ../shared (third-party
pages, never copied into the project):

- ``seeds``: shared/corpus/seeds/ and seeds.gold.json, the five articles recoupe was first built on (a
  unit test, not a development set);
- ``dev``: shared/corpus/dev/articles/ and dev.gold.json, 98 excerpts of other events in eight
  languages, with hard negatives (its README says what is in it).

Beside recoupe's ``story_f1``, ``baseline_story_f1`` scores the off-the-shelf baseline of issue 17 on the
same articles: average-linkage clustering of the same USE vectors (each text's first 1,000 characters), cut
at cosine 0.5 fixed beforehand; recoupe's story stage must beat it.

``false_conflicts`` counts the pairs of claims reported as conflicting (``conflicts_with``) where the gold
names no conflict between an article of one and an article of the other (issue 18: 0 on the seeds, at
most 2 on the dev corpus).

``--by-language`` adds the scorer's per-language table of the dev corpus (reading, quotes, reuse).
``--json`` writes the measures, the seconds each analysis took and the machine to a file
(bench/results/quality.json under ``make bench``).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {  # name -> (folder of articles, gold file), relative to the shared folder
    "seeds": ("corpus/seeds", "corpus/seeds.gold.json"),
    "dev": ("corpus/dev/articles", "corpus/dev/dev.gold.json"),
}


def scorer(shared: Path) -> ModuleType:
    """The shared scorer, imported from its file (it is a script, not a package)."""
    path = shared / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("shared_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def measure(name: str, shared: Path, score: ModuleType, by_language: bool) -> dict[str, Any]:
    """Analyse one corpus and score its report: the measures, and how long the analysis took."""
    from recoupe import analyze, serialize

    folder, gold_file = (shared / part for part in CORPORA[name])
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    began = time.perf_counter()
    corpus = analyze([folder])
    seconds = time.perf_counter() - began
    report = json.loads(json.dumps(serialize.report(corpus), ensure_ascii=False))  # as report.json reads back
    out: dict[str, Any] = {"articles": len(corpus.articles), "seconds": round(seconds, 1),
                           "measures": score.Scorer(report, gold).run()}
    out["measures"]["false_conflicts"] = false_conflicts(report, gold)
    baseline = dict(report, stories=baseline_stories(corpus.articles))
    out["measures"]["baseline_story_f1"] = score.Scorer(baseline, gold).run()["story_f1"]
    if by_language:
        out["by_language"] = score.by_language(report, gold)
    return out


def false_conflicts(report: dict[str, Any], gold: dict[str, Any]) -> int:
    """Pairs of conflicting claims with no gold conflict between their articles (article ids compared by
    the gold's file keys, as the scorer does)."""
    def key(article_id: str) -> str:
        return article_id.split("_")[0]

    named = {frozenset((c["a"]["article"], c["b"]["article"])) for c in gold.get("conflicts", [])}
    claims = {c["id"]: c for c in report.get("claims", [])}
    pairs = {frozenset((c["id"], other)) for c in claims.values() for other in c.get("conflicts_with", [])}
    false = 0
    for pair in pairs:
        one, other = (claims[i] for i in sorted(pair))
        between = {frozenset((key(x["article"]), key(y["article"]))) for x in one["support"] for y in other["support"]}
        false += not between & named
    return false


BASELINE_CHARS = 1000  # the baseline reads each article's first 1,000 characters ...
BASELINE_COSINE = 0.5  # ... and joins clusters whose average cosine is at least this, fixed beforehand


def baseline_stories(articles: Any) -> list[dict[str, Any]]:
    """The off-the-shelf baseline that recoupe's story stage must beat (issue 17): average-linkage
    agglomerative clustering (scipy) of the same multilingual USE vectors, of each text's first
    ``BASELINE_CHARS`` characters, cut at cosine ``BASELINE_COSINE``; stories in report.json's shape."""
    from scipy.cluster.hierarchy import fcluster, linkage

    from recoupe import embed

    if len(articles) < 2:
        return [{"id": f"b-{a.id}", "articles": [a.id]} for a in articles]
    vectors = embed.encode([a.text[:BASELINE_CHARS] for a in articles])
    labels = fcluster(linkage(vectors, method="average", metric="cosine"), t=1 - BASELINE_COSINE,
                      criterion="distance")
    groups: dict[int, list[str]] = {}
    for article, label in zip(articles, labels, strict=True):
        groups.setdefault(int(label), []).append(article.id)
    return [{"id": f"b-{label}", "articles": ids} for label, ids in sorted(groups.items())]


def _figure(value: float) -> str:
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def table(results: dict[str, dict[str, Any]]) -> None:
    """Every measure, one row each, one column per corpus (a measure a gold does not annotate shows -)."""
    from rich.console import Console
    from rich.table import Table

    names: list[str] = []
    for result in results.values():
        names += [m for m in result["measures"] if m not in names]
    grid = Table(title="recoupe quality (shared/tools/score.py)")
    grid.add_column("measure")
    for corpus, result in results.items():
        grid.add_column(f"{corpus} ({result['articles']} art., {result['seconds']} s)", justify="right")
    for measure_name in names:
        grid.add_row(measure_name, *(_figure(r["measures"][measure_name]) if measure_name in r["measures"] else "-"
                                     for r in results.values()))
    console = Console()
    console.print(grid)
    for corpus, result in results.items():
        rows = result.get("by_language")
        if not rows:
            continue
        measures = [c for c in next(iter(rows.values())) if c != "articles"]
        per = Table(title=f"{corpus} by language")
        per.add_column("measure")
        for code, row in rows.items():
            per.add_column(f"{code} ({int(row['articles'])})", justify="right")
        for measure_name in measures:
            per.add_row(measure_name, *(f"{row[measure_name]:.3f}" if measure_name in row else "-"
                                        for row in rows.values()))
        console.print(per)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (../shared)")
    ap.add_argument("--corpus", default=",".join(CORPORA), help="corpora to measure, comma-separated")
    ap.add_argument("--by-language", action="store_true", help="also the per-language table of each corpus")
    ap.add_argument("--json", type=Path, help="write the results to this file")
    args = ap.parse_args(argv)
    wanted = [c.strip() for c in args.corpus.split(",") if c.strip()]
    unknown = [c for c in wanted if c not in CORPORA]
    if unknown:
        ap.error(f"unknown corpus {', '.join(unknown)}: choose among {', '.join(CORPORA)}")
    missing = [str(args.shared / CORPORA[c][1]) for c in wanted if not (args.shared / CORPORA[c][1]).exists()]
    if missing:
        print(f"cannot find {', '.join(missing)}: give the shared folder with --shared", file=sys.stderr)
        return 2
    score = scorer(args.shared)
    results = {name: measure(name, args.shared, score, args.by_language) for name in wanted}
    table(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
        args.json.write_text(json.dumps({"machine": machine, "corpora": results}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
