#!/usr/bin/env python3
"""Cross-lingual story linking and translation detection on WMT newstest2014 French–English.

    .venv/bin/python bench/crosslingual.py [--runs 3] [--json PATH]

Data: /work/shared/bench-data/newstest2014-fren (176 news articles, each in French and in English;
108 written in French, 68 in English, the other side a professional translation). The French side is
``newstest2014-fren-src.fr.sgm``, the English side ``newstest2014-fren-ref.en.sgm``; the pair of a
French article is the English article with the same ``docid``.

Every article becomes a ``recoupe.records.Article`` (id ``fr:DOCID`` / ``en:DOCID``, title = first
segment, text = the other segments, one per line, no date, no outlet). ``recoupe.stories.cluster``
then ``recoupe.reuse.align`` run on the 352 articles, as the pipeline runs them.

Figures:

* linking — recall: share of French articles whose English translation is in the same story; pair
  precision: share of the (unordered) article pairs put in one story that are a French article and
  its own translation; stories holding more than one docid are listed with their titles (they may be
  one news event reported twice: the reader judges).
* translation detection — reuse edges of kind ``translation`` or ``copy`` between a fr: and an en:
  article: precision and recall against the 176 true pairs; "exact": share of French articles whose
  set of translation/copy partners on the English side is exactly {its translation}. ``align`` only
  aligns articles of one story, so its recall is bounded by the linking recall.
* time — wall time of ``cluster`` and ``align``, median of ``--runs`` runs, with the part spent in
  ``recoupe.embed.encode`` (measured by wrapping that function from outside: the modules are not
  modified). The model is loaded once before the runs and timed apart.
"""
from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import statistics
import sys
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))  # run from a checkout even when recoupe is not installed

# the shared data sit beside the checkout (../shared), as on the developers' machines and in CI
DATA = Path(os.environ.get("RECOUPE_BENCH_DATA", ROOT.parent / "shared" / "bench-data")) / "newstest2014-fren"
FRENCH = "newstest2014-fren-src.fr.sgm"
ENGLISH = "newstest2014-fren-ref.en.sgm"
TRANSLATION_KINDS = ("translation", "copy")

_DOC = re.compile(r"<doc\b([^>]*)>(.*?)</doc>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_SEG = re.compile(r"<seg\b[^>]*>(.*?)</seg>", re.S)


# ------------------------------------------------------------------------------------------ data

def read_sgm(path: Path) -> dict[str, tuple[dict[str, str], list[str]]]:
    """docid -> (attributes of <doc>, segment texts in order)."""
    out: dict[str, tuple[dict[str, str], list[str]]] = {}
    for m in _DOC.finditer(path.read_text(encoding="utf8")):
        attrs = dict(_ATTR.findall(m.group(1)))
        segs = [html.unescape(s).strip() for s in _SEG.findall(m.group(2))]
        out[attrs["docid"]] = (attrs, segs)
    return out


def load_articles(data: Path) -> tuple[list[Any], dict[str, str], dict[str, tuple[list[str], list[str]]]]:
    """The Article records of both sides, docid -> original language, docid -> (French, English segments)."""
    from recoupe.records import Article

    articles = []
    origlang: dict[str, str] = {}
    segments: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for side, (lang, name) in enumerate((("fr", FRENCH), ("en", ENGLISH))):
        for docid, (attrs, segs) in read_sgm(data / name).items():
            origlang.setdefault(docid, attrs.get("origlang", "?"))
            segments[docid][side].extend(segs)
            articles.append(Article(id=f"{lang}:{docid}", path="", content_hash=f"{lang}:{docid}",
                                    text="\n".join(segs[1:]), title=segs[0] if segs else "", language=lang))
    return articles, origlang, dict(segments)


def docid(article_id: str) -> str:
    return article_id.split(":", 1)[1]


# ----------------------------------------------------------------------------------------- timing

class EncodeTimer:
    """Wraps recoupe.embed.encode (module attribute, looked up at call time by stories and reuse)."""

    def __init__(self) -> None:
        from recoupe import embed

        self.embed = embed
        self.original = embed.encode
        self.seconds = 0.0
        self.texts = 0
        self.unique = 0
        self.seen: dict[str, Any] = {}  # text -> vector, of the texts passed since the last reset

    def __enter__(self) -> EncodeTimer:
        def timed(texts: Any) -> Any:
            t0 = time.perf_counter()
            try:
                out = self.original(texts)
            finally:
                self.seconds += time.perf_counter() - t0
                self.texts += len(texts)
                self.unique += len(set(texts))
            self.seen.update(zip(texts, out, strict=True))
            return out

        self.embed.encode = timed
        return self

    def __exit__(self, *exc: object) -> None:
        self.embed.encode = self.original

    def reset(self) -> None:
        self.seconds, self.texts, self.unique, self.seen = 0.0, 0, 0, {}


def run_once(articles: list[Any]) -> dict[str, Any]:
    """cluster then align, timed, with the encode time of each."""
    from recoupe import reuse, stories

    with EncodeTimer() as timer:
        t0 = time.perf_counter()
        found = stories.cluster(articles)
        t_cluster = time.perf_counter() - t0
        cluster_embed, cluster_texts, cluster_unique = timer.seconds, timer.texts, timer.unique
        cluster_seen = timer.seen
        timer.reset()
        t0 = time.perf_counter()
        edges = reuse.align(articles, found)
        t_align = time.perf_counter() - t0
    return {"stories": found, "edges": edges, "cluster_s": t_cluster, "cluster_embed_s": cluster_embed,
            "cluster_texts": cluster_texts, "cluster_unique_texts": cluster_unique,
            "align_s": t_align, "align_embed_s": timer.seconds, "align_texts": timer.texts,
            "align_unique_texts": timer.unique, "cluster_vectors": cluster_seen, "align_vectors": timer.seen,
            "align_reencoded": sum(t in cluster_seen for t in timer.seen)}


# ---------------------------------------------------------------------------------------- metrics

def sentence_pairs(segments: dict[str, tuple[list[str], list[str]]], vectors: dict[str, Any]) -> dict[str, Any]:
    """Cosine of each true sentence pair (segment n of a French article and of its translation) that
    align embedded on both sides (a segment that is one sentence of MIN_WORDS words or more)."""
    import numpy as np

    from recoupe import reuse

    cosines = [float(vectors[f] @ vectors[e]) for fr, en in segments.values()
               for f, e in zip(fr[1:], en[1:], strict=False) if f in vectors and e in vectors]
    if not cosines:
        return {"pairs": 0}
    arr = np.array(cosines)
    return {"pairs": len(cosines), "median": float(np.median(arr)), "p10": float(np.percentile(arr, 10)),
            "threshold": reuse.CROSS_LANGUAGE, "share_at_threshold": float((arr >= reuse.CROSS_LANGUAGE).mean()),
            "share_at_0.70": float((arr >= 0.70).mean()), "share_at_0.65": float((arr >= 0.65).mean())}


def evaluate(articles: list[Any], found: list[Any], edges: list[Any], origlang: dict[str, str]) -> dict[str, Any]:
    by_id = {a.id: a for a in articles}
    french = sorted(docid(a.id) for a in articles if a.id.startswith("fr:"))
    story_of = {aid: s.id for s in found for aid in s.articles}
    linked = [d for d in french if story_of[f"fr:{d}"] == story_of.get(f"en:{d}")]
    pairs_in_stories = [(x, y) for s in found for x, y in combinations(s.articles, 2)]
    true_in_stories = sum(docid(x) == docid(y) and x[:2] != y[:2] for x, y in pairs_in_stories)
    mixed = []
    for s in found:
        ids = sorted({docid(a) for a in s.articles})
        if len(ids) > 1:
            mixed.append({"story": s.id, "title": s.title, "docids": ids,
                          "articles": [{"id": a, "title": by_id[a].title} for a in s.articles]})
    sizes = [len(s.articles) for s in found]

    # translation detection: fr–en edges of kind translation/copy
    partners: dict[str, set[str]] = defaultdict(set)
    kinds_on_true: dict[str, str] = {}
    coverage_on_true: dict[str, float] = {}
    cross = 0
    for e in edges:
        ends = {e.source[:2]: e.source, e.target[:2]: e.target}
        if set(ends) != {"fr", "en"}:
            continue
        fr, en = docid(ends["fr"]), docid(ends["en"])
        if fr == en:
            kinds_on_true[fr] = e.kind
            coverage_on_true[fr] = e.score
        if e.kind in TRANSLATION_KINDS:
            cross += 1
            partners[fr].add(en)
    true_found = sum(d in partners[d] for d in french)
    exact = [d for d in french if partners.get(d, set()) == {d}]
    kind_counts: dict[str, int] = defaultdict(int)
    for d in french:
        kind_counts[kinds_on_true.get(d, "none")] += 1
    by_orig: dict[str, dict[str, Any]] = {}
    for lang in sorted(set(origlang.values())):
        docs = [d for d in french if origlang[d] == lang]
        by_orig[lang] = {"docs": len(docs), "linked": sum(d in set(linked) for d in docs) / len(docs),
                         "translation_found": sum(d in partners[d] for d in docs) / len(docs),
                         "exact": sum(d in set(exact) for d in docs) / len(docs)}
    return {
        "articles": len(articles), "pairs": len(french),
        "linking": {"recall": len(linked) / len(french), "linked": len(linked),
                    "stories": len(found), "singletons": sizes.count(1), "largest_story": max(sizes),
                    "pairs_in_stories": len(pairs_in_stories),
                    "pair_precision": true_in_stories / len(pairs_in_stories) if pairs_in_stories else 0.0,
                    "stories_with_several_docids": len(mixed), "mixed": mixed,
                    "unlinked": [d for d in french if d not in set(linked)]},
        "translation": {"edges_fr_en": cross, "true_edges": true_found,
                        "precision": true_found / cross if cross else 0.0,
                        "recall": true_found / len(french), "exact": len(exact) / len(french),
                        "kind_on_true_pair": dict(kind_counts),
                        "coverage_of_true_partial": sorted(coverage_on_true[d] for d in french
                                                           if kinds_on_true.get(d) == "partial"),
                        "all_edges": len(edges),
                        "edges_by_kind": {k: sum(e.kind == k for e in edges)
                                          for k in ("copy", "translation", "partial")}},
        "by_original_language": by_orig,
    }


def signature(found: list[Any], edges: list[Any]) -> tuple[Any, ...]:
    """What must not change from one run to the next."""
    return (tuple(sorted(s.articles for s in found)), tuple(sorted((e.source, e.target, e.kind) for e in edges)))


# ----------------------------------------------------------------------------------------- output

def report(res: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(Console().width, 120))
    q, tm = res["quality"], res["time"]
    ln, tr = q["linking"], q["translation"]

    t = Table(title=f"Cross-lingual story linking — newstest2014 fr–en ({q['pairs']} pairs, {q['articles']} articles)")
    for col in ("figure", "value"):
        t.add_column(col, justify="left" if col == "figure" else "right")
    t.add_row("recall: French article in the story of its translation",
              f"[bold]{ln['recall']:.3f}[/bold] ({ln['linked']}/{q['pairs']})")
    t.add_row("pair precision: pairs in one story that are translations",
              f"{ln['pair_precision']:.3f} ({ln['pairs_in_stories']} pairs)")
    t.add_row("stories", str(ln["stories"]))
    t.add_row("singleton stories", str(ln["singletons"]))
    t.add_row("largest story (articles)", str(ln["largest_story"]))
    t.add_row("stories holding more than one docid", str(ln["stories_with_several_docids"]))
    console.print(t)

    t = Table(title="Translation detection — fr–en reuse edges of kind translation/copy")
    for col in ("figure", "value"):
        t.add_column(col, justify="left" if col == "figure" else "right")
    t.add_row("fr–en translation/copy edges", str(tr["edges_fr_en"]))
    t.add_row("precision", f"[bold]{tr['precision']:.3f}[/bold]")
    t.add_row("recall", f"[bold]{tr['recall']:.3f}[/bold] ({tr['true_edges']}/{q['pairs']})")
    t.add_row("exact: partners on the English side are exactly {its translation}", f"[bold]{tr['exact']:.3f}[/bold]")
    t.add_row("edge on the true pair, by kind",
              ", ".join(f"{k} {v}" for k, v in sorted(tr["kind_on_true_pair"].items())))
    cov = tr["coverage_of_true_partial"]
    if cov:
        t.add_row("coverage of the true pairs called partial (WHOLE = 0.5)",
                  f"median {statistics.median(cov):.2f}, max {max(cov):.2f}")
    sp = res["sentence_pairs"]
    if sp.get("pairs"):
        t.add_row(f"cosine of true sentence pairs embedded by align ({sp['pairs']})",
                  f"median {sp['median']:.3f}, 10th pct {sp['p10']:.3f}")
        t.add_row(f"  share ≥ CROSS_LANGUAGE {sp['threshold']:.2f} / ≥ 0.70 / ≥ 0.65",
                  f"{sp['share_at_threshold']:.3f} / {sp['share_at_0.70']:.3f} / {sp['share_at_0.65']:.3f}")
    t.add_row("all edges (any languages), by kind", ", ".join(f"{k} {v}" for k, v in tr["edges_by_kind"].items()))
    console.print(t)

    t = Table(title="By original language of the article")
    for col in ("origlang", "docs", "linked", "translation found", "exact"):
        t.add_column(col, justify="left" if col == "origlang" else "right")
    for lang, f in q["by_original_language"].items():
        t.add_row(lang, str(f["docs"]), f"{f['linked']:.3f}", f"{f['translation_found']:.3f}", f"{f['exact']:.3f}")
    console.print(t)

    t = Table(title=f"Time (seconds, median of {res['runs']} runs; model load {res['model_load_s']:.2f} s apart)",
              caption="embed = time inside recoupe.embed.encode (wrapped from outside); "
                      "texts = texts passed (distinct)")
    for col in ("phase", "total", "embed", "rest", "texts embedded"):
        t.add_column(col, justify="left" if col == "phase" else "right")
    for phase in ("cluster", "align"):
        t.add_row(phase, f"{tm[phase + '_s']:.2f}", f"{tm[phase + '_embed_s']:.2f}",
                  f"{tm[phase + '_s'] - tm[phase + '_embed_s']:.2f}",
                  f"{tm[phase + '_texts']} ({tm[phase + '_unique_texts']})")
    t.add_row("[bold]cluster + align[/bold]", f"[bold]{tm['total_s']:.2f}[/bold]",
              f"{tm['cluster_embed_s'] + tm['align_embed_s']:.2f}", "", "")
    console.print(t)
    console.print(f"runs: {', '.join(f'{x:.2f}' for x in tm['totals'])} s; "
                  f"identical results across runs: {res['deterministic']}; "
                  f"texts align encodes again after cluster encoded them: {tm['align_reencoded']}")
    console.print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
                  f"1-minute load average before→after the runs: "
                  f"{tm['load_average'][0]:.1f}→{tm['load_average'][1]:.1f} "
                  "(other work on the machine skews times)")

    if ln["mixed"]:
        t = Table(title="Stories holding more than one docid (judge whether they are one news event)", show_lines=True)
        t.add_column("story", no_wrap=True)
        t.add_column("articles: id — title")
        for m in ln["mixed"]:
            t.add_row(f"{m['story']}\n{len(m['articles'])} articles",
                      "\n".join(f"{a['id']} — {a['title'][:100]}" for a in m["articles"]))
        console.print(t)
    if ln["unlinked"]:
        console.print(f"[dim]French articles not in the story of their translation ({len(ln['unlinked'])}): "
                      f"{', '.join(ln['unlinked'])}[/dim]")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3, help="runs of cluster + align (time is their median)")
    ap.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    ap.add_argument("--data", type=Path, default=DATA, help="benchmark folder")
    args = ap.parse_args()

    from recoupe import embed

    articles, origlang, segments = load_articles(args.data)
    t0 = time.perf_counter()
    embed.encode(["warm up"])  # loads the model once, outside the timed runs
    model_load = time.perf_counter() - t0

    load_before = os.getloadavg()[0]
    runs = [run_once(articles) for _ in range(max(1, args.runs))]
    load_after = os.getloadavg()[0]
    sigs = {signature(r["stories"], r["edges"]) for r in runs}
    keys = ("cluster_s", "cluster_embed_s", "align_s", "align_embed_s")
    tm: dict[str, Any] = {k: statistics.median(r[k] for r in runs) for k in keys}
    tm.update({k: runs[0][k] for k in ("cluster_texts", "cluster_unique_texts", "align_texts", "align_unique_texts")})
    tm["totals"] = [r["cluster_s"] + r["align_s"] for r in runs]
    tm["total_s"] = statistics.median(tm["totals"])
    tm["align_reencoded"] = runs[0]["align_reencoded"]
    tm["load_average"] = [load_before, load_after]
    res = {"runs": len(runs), "model_load_s": model_load, "time": tm, "deterministic": len(sigs) == 1,
           "quality": evaluate(articles, runs[0]["stories"], runs[0]["edges"], origlang),
           "sentence_pairs": sentence_pairs(segments, runs[0]["align_vectors"]),
           "machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version()}}
    report(res)
    if args.json:
        args.json.write_text(json.dumps(res, indent=2, ensure_ascii=False), encoding="utf8")


if __name__ == "__main__":
    main()
