#!/usr/bin/env python3
"""Article-body extraction benchmark: from HTML pages and from their plain-text rendering.

    .venv/bin/python bench/extraction.py [--limit N] [--workers 2] [--json PATH] [--ablate]

Data: /work/shared/bench-data/article-extraction (Scrapinghub article-extraction-benchmark, 181 pages).
Metric: the benchmark's own. Texts are split into ``\\w+`` tokens; every run of 4 tokens (shingle)
is counted; per page tp/fp/fn come from the shingle multisets and are normalised by their sum;
precision and recall are means over pages (pages whose tp+fp, resp. tp+fn, is 0 are left out, as
in the reference ``evaluate.py``), F1 their harmonic mean.

Table (a) works on the HTML; table (b) on the page turned into plain text with every visible line
kept (the shape of already-scraped input). All rows of a table are measured in the same run.

Table (c) measures titles from HTML. The data hold no title gold, so the publisher's own declared
headline stands for it: the ``headline`` of the page's JSON-LD Article object (a type ending in
"Article", or BlogPosting), on the pages that have one. recoupe's title method never reads JSON-LD,
so the measure is not circular; trafilatura's falls back to it when the page has no title meta tag.
A title counts when it is the gold exactly (case-sensitive; whitespace collapsed, HTML entities read).

``--ablate`` adds table (d): the F1 from HTML with each rule of ``recoupe.clean.RULES`` run alone after
trafilatura, and with each left out of all of them, beside no rule, all rules and ``HTML_RULES``.
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
NO_RULE, CHOSEN = "no rule (trafilatura's body)", "HTML_RULES"
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


def _recoupe_module(name: str) -> Any | None:
    """A recoupe module (clean, htmlpage), or None while it does not exist or does not import."""
    import importlib

    try:
        return importlib.import_module(f"recoupe.{name}")
    except Exception:  # noqa: BLE001 - a half-written module must not stop the benchmark
        return None


def recoupe_available() -> dict[str, bool]:
    """Whether htmlpage.clean_html and clean.clean_plain can be called."""
    return {"html": hasattr(_recoupe_module("htmlpage"), "clean_html"),
            "text": hasattr(_recoupe_module("clean"), "clean_plain")}


def run_recoupe_html(page: str, url: str | None, titles: dict[str, str | None],
                     rules: Any = None) -> str:
    """recoupe.htmlpage.clean_html(...).text; its title goes into ``titles['recoupe']``."""
    htmlpage = _recoupe_module("htmlpage")
    cleaned = htmlpage.clean_html(page, url) if rules is None else htmlpage.clean_html(  # type: ignore[union-attr]
        page, url, rules=rules)
    titles["recoupe"] = cleaned.title
    return cleaned.text or ""


def run_recoupe_plain(text: str) -> str:
    """recoupe.clean.clean_plain(...).text."""
    clean = _recoupe_module("clean")
    return clean.clean_plain(text).text or ""  # type: ignore[union-attr]


def ablation_sets() -> dict[str, frozenset[str]]:
    """The rule sets of table (d): none, all, HTML_RULES; each rule alone, and HTML_RULES with it toggled."""
    from recoupe.clean import RULES
    from recoupe.htmlpage import HTML_RULES

    sets = {NO_RULE: frozenset(), "all rules": RULES, CHOSEN: HTML_RULES}
    for rule in sorted(RULES):
        sets[f"only: {rule}"] = frozenset({rule})
        sets[f"HTML_RULES {'-' if rule in HTML_RULES else '+'} {rule}"] = HTML_RULES ^ {rule}
    return sets


# ------------------------------------------------------------------------------------- titles

_ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting)$")


def _json_objects(data: Any) -> Any:
    """Every JSON object in a JSON-LD document, nested ones (@graph, mainEntity) included."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            stack.extend(v for v in item.values() if isinstance(v, (list, dict)))


def gold_headline(page: str) -> str | None:
    """The ``headline`` of the page's first JSON-LD Article object (the title gold), or None."""
    import lxml.html

    try:
        try:
            tree = lxml.html.fromstring(page)
        except ValueError:  # a str with an XML encoding declaration: read as UTF-8 bytes
            tree = lxml.html.fromstring(page.encode("utf-8", errors="replace"),
                                        parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ValueError, lxml.etree.ParserError):
        return None
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "", strict=False)
        except ValueError:
            continue
        for obj in _json_objects(data):
            kinds = obj.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            headline = obj.get("headline")
            if isinstance(headline, str) and headline.strip() and any(
                    isinstance(k, str) and _ARTICLE_TYPE.search(k) for k in kinds):
                return headline
    return None


def run_trafilatura_title(page: str) -> str | None:
    """trafilatura's title of the page (its metadata extraction)."""
    from trafilatura import extract_metadata

    meta = extract_metadata(page)
    return meta.title if meta is not None else None


def same_title(gold: str, pred: str | None) -> bool:
    """Exact match, case-sensitive, with whitespace collapsed and HTML entities read on both sides."""
    def norm(text: str) -> str:
        return " ".join(html.unescape(text).split())

    return pred is not None and norm(gold) == norm(pred)


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
    titles: dict[str, str | None] = {}
    res: dict[str, Any] = {"key": key, "html": {}, "text": {}, "titles": titles}
    res["html"]["trafilatura"] = _timed(lambda: run_trafilatura(page))
    if avail["html"]:
        res["html"]["recoupe"] = _timed(lambda: run_recoupe_html(page, url, titles))
    titles["gold"] = gold_headline(page)
    try:
        titles["trafilatura"] = run_trafilatura_title(page)
    except Exception:  # noqa: BLE001 - a failing page counts as no title
        titles["trafilatura"] = None
    if avail["ablate"]:
        res["ablate"] = {name: _timed(lambda rules=rules: run_recoupe_html(page, url, {}, rules))  # type: ignore[misc]
                         for name, rules in ablation_sets().items()}
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


def summarise_titles(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Exact-match rate of each method's title on the pages whose JSON-LD declares a headline."""
    with_gold = [r["titles"] for r in results if r["titles"].get("gold")]
    out: dict[str, Any] = {"pages_with_gold": len(with_gold), "pages": len(results)}
    for method in ("trafilatura", "recoupe"):
        if not all(method in t for t in with_gold):
            out[method] = None
            continue
        hits = sum(same_title(t["gold"], t[method]) for t in with_gold)
        empty = sum(not t[method] for t in with_gold)
        out[method] = {"exact": hits / len(with_gold) if with_gold else 0.0, "hits": hits, "no_title": empty}
    return out


def title_table(figs: dict[str, Any], note: str) -> Any:
    """A rich table of the title figures."""
    from rich.table import Table

    t = Table(title="(c) title from HTML: exact match with the page's JSON-LD headline",
              caption=f"{figs['pages_with_gold']} of {figs['pages']} pages declare a headline; {note}")
    for col in ["method", "exact match", "pages", "no title"]:
        t.add_column(col, justify="left" if col == "method" else "right", no_wrap=True)
    for method in ("trafilatura", "recoupe"):
        f = figs[method]
        if f is None:
            t.add_row(method, "[dim]not available[/dim]", "", "")
        else:
            t.add_row(method, f"[bold]{f['exact']:.3f}[/bold]", f"{f['hits']}/{figs['pages_with_gold']}",
                      str(f["no_title"]))
    return t


def summarise_ablation(results: list[dict[str, Any]], gold: dict[str, dict[str, str]]) -> dict[str, Any]:
    """F1 from HTML of each rule set of ablation_sets(), and the pages where it differs from no rule."""
    out: dict[str, Any] = {}
    for name in results[0]["ablate"]:
        counts = [tp_fp_fn(gold[r["key"]].get("articleBody", ""), r["ablate"][name][0]) for r in results]
        changed = sum(r["ablate"][name][0] != r["ablate"][NO_RULE][0] for r in results)
        out[name] = {**scores(counts), "pages_changed": changed}
    return out


def ablation_table(figs: dict[str, Any], note: str) -> Any:
    """A rich table of the ablation: each rule alone against no rule, each toggle against HTML_RULES."""
    from rich.table import Table

    none, chosen = figs[NO_RULE]["f1"], figs[CHOSEN]["f1"]
    t = Table(title="(d) from HTML: recoupe's line rules after trafilatura, one by one",
              caption=note + "; rules that change no page left out")
    for col in ["rule set", "P", "R", "F1", "vs no rule", "vs HTML_RULES", "pages changed"]:
        t.add_column(col, justify="left" if col == "rule set" else "right", no_wrap=True)
    for name, f in figs.items():
        if name.startswith("only: ") and f["pages_changed"] == 0:
            continue  # the rule never fires on trafilatura's bodies
        if name.startswith("HTML_RULES ") and f["f1"] == chosen and f["pages_changed"] == figs[CHOSEN]["pages_changed"]:
            continue
        t.add_row(name, f"{f['precision']:.4f}", f"{f['recall']:.4f}", f"[bold]{f['f1']:.4f}[/bold]",
                  f"{f['f1'] - none:+.4f}", f"{f['f1'] - chosen:+.4f}", str(f["pages_changed"]))
    return t


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
    ap.add_argument("--ablate", action="store_true", help="table (d): each line rule on/off after trafilatura")
    args = ap.parse_args()

    gold = json.loads((args.data / "ground-truth.json").read_text(encoding="utf8"))
    keys = sorted(gold)[: args.limit] if args.limit else sorted(gold)
    avail = recoupe_available()
    avail["ablate"] = args.ablate and avail["html"]
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
                        PUBLISHED_TEXT, note + "; target for recoupe: F1 0.93"))
    title_figs = summarise_titles(results)
    console.print(title_table(title_figs, note))
    ablation_figs = summarise_ablation(results, gold) if avail["ablate"] else None
    if ablation_figs:
        console.print(ablation_table(ablation_figs, note))
    for kind, figs in (("html", html_figs), ("text", text_figs)):
        for m, f in figs.items():
            if f.get("first_error"):
                console.print(f"[yellow]{kind}/{m}: {f['errors']} error(s), first {f['first_error']}[/yellow]")
    if not (avail["html"] and avail["text"]):
        console.print("[dim]recoupe: not available (recoupe.htmlpage.clean_html / clean.clean_plain missing)[/dim]")

    if args.json:
        payload = {"pages": len(keys), "workers": args.workers, "seconds": elapsed,
                   "html": html_figs, "text": text_figs, "titles": title_figs, "ablation": ablation_figs,
                   "published_html_f1": dict(PUBLISHED_HTML), "published_text_f1": dict(PUBLISHED_TEXT)}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf8")


if __name__ == "__main__":
    main()
