#!/usr/bin/env python3
"""Article-body extraction benchmark: from HTML pages and from their plain-text rendering.

    .venv/bin/python bench/extraction.py [--limit N] [--workers 2] [--json PATH]

Data: /work/shared/bench-data/article-extraction (Scrapinghub article-extraction-benchmark, 181 pages).
Metric: the benchmark's own. Texts are split into ``\\w+`` tokens; every run of 4 tokens (shingle)
is counted; per page tp/fp/fn come from the shingle multisets and are normalised by their sum;
precision and recall are means over pages (pages whose tp+fp, resp. tp+fn, is 0 are left out, as
in the reference ``evaluate.py``), F1 their harmonic mean.

Table (a) works on the HTML; table (b) on the page turned into plain text with every visible line
kept (the shape of already-scraped input). All rows of a table are measured in the same run.
"""
from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import re
import statistics
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from multiprocessing import Pool
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))  # run from a checkout even when recoupe is not installed

# the shared data sit beside the checkout (../shared), as on the developers' machines and in CI
DATA = Path(os.environ.get("RECOUPE_BENCH_DATA", ROOT.parent / "shared" / "bench-data")) / "article-extraction"

HTML_METHODS = ["trafilatura", "recoupe"]
TEXT_METHODS = ["keep everything", "jusText", "trafilatura", "textblocks.keep_mask", "recoupe"]
PUBLISHED_HTML = [("trafilatura 2.0", 0.958), ("best open-source", 0.970), ("jusText", 0.804),
                  ("plain html-to-text", 0.665)]
PUBLISHED_TEXT = [("html-to-text", 0.665), ("jusText on HTML", 0.804)]

# --------------------------------------------------------------------------------------- metric

_TOKEN_RE = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Count the runs of n consecutive \\w+ tokens (a text shorter than n gives one short shingle)."""
    tokens = _TOKEN_RE.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def tp_fp_fn(gold: str, pred: str) -> tuple[float, float, float]:
    """Shingle-level tp/fp/fn of one page, normalised to sum to 1 (as the reference evaluate.py)."""
    g, p = shingles(gold), shingles(pred)
    tp = float(sum((g & p).values()))
    fp = float(sum(p.values())) - tp
    fn = float(sum(g.values())) - tp
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    """Per-page precision; an empty prediction of an empty gold is perfect."""
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    """Per-page recall; an empty prediction of an empty gold is perfect."""
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def scores(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision and recall over pages and their harmonic mean."""
    ps = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


# ------------------------------------------------------------------------------ html -> lines

def html_to_lines(page: str) -> list[str]:
    """Every visible line of a page: one per block element, whitespace collapsed, empties dropped."""
    import html_text
    import lxml.html

    try:
        tree = html_text.parse_html(page)
    except (ValueError, lxml.etree.ParserError):
        return []
    # html_text already drops script/style; the head (title, meta) and fallbacks are not visible.
    for el in tree.xpath("//head|//noscript|//template"):
        el.drop_tree()
    text = html_text.extract_text(tree, guess_layout=True)
    lines = (re.sub(r"\s+", " ", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def wrap_lines(lines: list[str]) -> str:
    """A minimal HTML document holding each line as one <p> paragraph."""
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    return f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>\n{body}\n</body></html>"


# ------------------------------------------------------------------------------------- methods

_STOPLISTS: dict[str, frozenset[str]] = {}
_GUESS_LANGS = ["English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch", "Russian"]


def _stoplist_for(text: str) -> frozenset[str]:
    """jusText stoplist of the language whose stopwords cover the most tokens of the text."""
    import justext

    if not _STOPLISTS:
        for lang in _GUESS_LANGS:
            _STOPLISTS[lang] = justext.get_stoplist(lang)
    tokens = [t.lower() for t in _TOKEN_RE.findall(text)][:3000]
    best = max(_GUESS_LANGS, key=lambda lang: sum(t in _STOPLISTS[lang] for t in tokens))
    return _STOPLISTS[best]


def run_justext(lines: list[str]) -> str:
    """jusText with the parameters the Scrapinghub benchmark uses, on the wrapped lines."""
    import justext

    doc = wrap_lines(lines)
    paragraphs = justext.justext(doc, _stoplist_for("\n".join(lines)), 50, 200, 0.1, 0.2, 0.2, 200, True)
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def run_trafilatura(doc: str) -> str:
    """trafilatura.extract with default settings, plain-text output."""
    import trafilatura

    return trafilatura.extract(doc) or ""


def run_keep_mask(lines: list[str]) -> str:
    """Lines kept by recoupe.textblocks.keep_mask."""
    from recoupe.textblocks import keep_mask

    return "\n".join(line for line, keep in zip(lines, keep_mask(lines), strict=True) if keep)


def _recoupe_clean() -> Any | None:
    """The recoupe.clean module, or None while it does not exist or does not import."""
    try:
        from recoupe import clean
    except Exception:  # noqa: BLE001 - a half-written module must not stop the benchmark
        return None
    return clean


def recoupe_available() -> dict[str, bool]:
    """Whether clean_html and clean_plain can be called."""
    clean = _recoupe_clean()
    return {"html": hasattr(clean, "clean_html"), "text": hasattr(clean, "clean_plain")}


def run_recoupe_html(page: str, url: str | None) -> str:
    """recoupe.clean.clean_html(...).text."""
    clean = _recoupe_clean()
    return clean.clean_html(page, url).text or ""  # type: ignore[union-attr]


def run_recoupe_plain(text: str) -> str:
    """recoupe.clean.clean_plain(...).text."""
    clean = _recoupe_clean()
    return clean.clean_plain(text).text or ""  # type: ignore[union-attr]


def _timed(fn: Callable[[], str]) -> tuple[str, float, str | None]:
    """Run fn, returning its text, the seconds it took and an error line if it failed."""
    t0 = time.perf_counter()
    try:
        out, err = fn(), None
    except Exception as exc:  # noqa: BLE001 - one failing page counts as an empty prediction
        out, err = "", f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
        if "--debug" in sys.argv:
            traceback.print_exc()
    return out, time.perf_counter() - t0, err


def process_page(job: tuple[str, str, str | None, dict[str, bool]]) -> dict[str, Any]:
    """All methods on one page: {'html': {method: result}, 'text': {method: result}}."""
    key, path, url, avail = job
    with gzip.open(path, "rt", encoding="utf8", errors="replace") as f:
        page = f.read()
    res: dict[str, Any] = {"key": key, "html": {}, "text": {}}
    res["html"]["trafilatura"] = _timed(lambda: run_trafilatura(page))
    if avail["html"]:
        res["html"]["recoupe"] = _timed(lambda: run_recoupe_html(page, url))
    # The plain text is computed once per page and held in memory only.
    t0 = time.perf_counter()
    lines = html_to_lines(page)
    conv = time.perf_counter() - t0
    text = "\n".join(lines)
    res["text"]["keep everything"] = (text, conv, None)
    res["text"]["jusText"] = _timed(lambda: run_justext(lines))
    res["text"]["trafilatura"] = _timed(lambda: run_trafilatura(wrap_lines(lines)))
    res["text"]["textblocks.keep_mask"] = _timed(lambda: run_keep_mask(lines))
    if avail["text"]:
        res["text"]["recoupe"] = _timed(lambda: run_recoupe_plain(text))
    return res


# ------------------------------------------------------------------------------------- driver

def summarise(results: list[dict[str, Any]], gold: dict[str, dict[str, str]], kind: str,
              methods: list[str]) -> dict[str, dict[str, Any]]:
    """Per-method figures over all pages and over each half of the key-sorted pages."""
    half = (len(results) + 1) // 2
    out: dict[str, dict[str, Any]] = {}
    for m in methods:
        if not all(m in r[kind] for r in results):
            out[m] = {"available": False}
            continue
        counts = [tp_fp_fn(gold[r["key"]].get("articleBody", ""), r[kind][m][0]) for r in results]
        figs: dict[str, Any] = {"available": True, **scores(counts)}
        figs["f1_first_half"] = scores(counts[:half])["f1"]
        figs["f1_second_half"] = scores(counts[half:])["f1"] if counts[half:] else None
        figs["median_s"] = statistics.median(r[kind][m][1] for r in results)
        errors = [(r["key"], r[kind][m][2]) for r in results if r[kind][m][2]]
        figs["errors"] = len(errors)
        figs["first_error"] = f"{errors[0][0][:12]}: {errors[0][1]}" if errors else None
        out[m] = figs
    return out


def table(title: str, figs: dict[str, dict[str, Any]], published: list[tuple[str, float]],
          note: str) -> Any:
    """A rich table of the figures, with the published F1 as reference lines."""
    from rich.table import Table

    t = Table(title=title, caption=note)
    for col in ["method", "P", "R", "F1", "F1 1st half", "F1 2nd half", "median s/page", "errors"]:
        t.add_column(col, justify="left" if col == "method" else "right", no_wrap=True)
    for m, f in figs.items():
        if not f["available"]:
            t.add_row(m, "[dim]not available[/dim]", "", "", "", "", "", "")
            continue
        second = f"{f['f1_second_half']:.3f}" if f["f1_second_half"] is not None else "-"
        t.add_row(m, f"{f['precision']:.3f}", f"{f['recall']:.3f}", f"[bold]{f['f1']:.3f}[/bold]",
                  f"{f['f1_first_half']:.3f}", second, f"{f['median_s']:.4f}", str(f["errors"]))
    for name, f1 in published:
        t.add_row(f"[dim]published: {name}[/dim]", "", "", f"[dim]{f1:.3f}[/dim]", "", "", "", "")
    return t


def main() -> None:
    """Parse arguments, run every method on every page, print both tables."""
    from rich.console import Console

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages (sorted by key)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes (1 = no pool)")
    ap.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    ap.add_argument("--data", type=Path, default=DATA, help="benchmark folder")
    ap.add_argument("--debug", action="store_true", help="print tracebacks of failing methods")
    args = ap.parse_args()

    gold = json.loads((args.data / "ground-truth.json").read_text(encoding="utf8"))
    keys = sorted(gold)[: args.limit] if args.limit else sorted(gold)
    avail = recoupe_available()
    jobs = [(k, str(args.data / "html" / f"{k}.html.gz"), gold[k].get("url"), avail) for k in keys]

    console = Console(width=max(Console().width, 130))
    t0 = time.perf_counter()
    if args.workers > 1:
        with Pool(args.workers) as pool:
            results = pool.map(process_page, jobs, chunksize=1)
    else:
        results = [process_page(j) for j in jobs]
    elapsed = time.perf_counter() - t0

    html_figs = summarise(results, gold, "html", HTML_METHODS)
    text_figs = summarise(results, gold, "text", TEXT_METHODS)
    note = f"{len(keys)} pages, {args.workers} worker(s), {elapsed:.0f} s in all"
    console.print(table("(a) article body from HTML pages", html_figs, PUBLISHED_HTML, note))
    console.print(table("(b) article body from plain text (every visible line kept)", text_figs,
                        PUBLISHED_TEXT, note + "; target for recoupe: F1 0.85"))
    for kind, figs in (("html", html_figs), ("text", text_figs)):
        for m, f in figs.items():
            if f.get("first_error"):
                console.print(f"[yellow]{kind}/{m}: {f['errors']} error(s), first {f['first_error']}[/yellow]")
    if not (avail["html"] and avail["text"]):
        console.print("[dim]recoupe: not available (recoupe.clean.clean_html / clean_plain missing)[/dim]")

    if args.json:
        payload = {"pages": len(keys), "workers": args.workers, "seconds": elapsed,
                   "html": html_figs, "text": text_figs,
                   "published_html_f1": dict(PUBLISHED_HTML), "published_text_f1": dict(PUBLISHED_TEXT)}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf8")


if __name__ == "__main__":
    main()
