#!/usr/bin/env python3
"""Stability of story ids as a store grows (issue 17): the seeds' story keeps its id and its five articles.

    .venv/bin/python bench/stability.py [--shared ../shared] [--limit N] [--json PATH]

A real SQLite store in a temporary folder, driven as `recoupe analyze --store` drives it, one run per step
(``recoupe.analyze(paths, store=store)`` then ``store.save(corpus)``):

1. the five seed articles (shared/corpus/seeds/) are analysed and saved; they must make one story, whose id
   is noted;
2. each article of the development corpus (shared/corpus/dev/articles/, sorted by name; ``--limit N``: only
   the first N, a quick run) is added alone, one run each, the store bringing in the ones stored before;
3. last, an article on the seeds' event written for this benchmark (``WRITTEN`` below, the meeting in Ankara
   of the CIA and SVR chiefs in November 2022) is added the same way: it must join the seeds' story.

After every step: the story holding the seeds must still have the id noted and hold all five seeds; any
development article that joins it is a false merge (that corpus has no article on the seeds' event), listed;
and the id noted must still answer in the web app (``create_app`` over the store, a TestClient request to
``/api/stories/{id}``): a 200 with the five seeds, or a 301 to a story that holds them. The URL is checked at
every step when a request takes under ``FAST_REQUEST`` seconds, else every ``URL_EVERY`` steps and at the end.

Prints the median seconds per step (analysis and save), a verdict table, and exits 1 when a check fails
(a step that raises fails it too). The shared texts are read where they are, never copied into the project;
only the written article is a file of the temporary folder. ``--json`` writes every step, the verdict and
the machine.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEEDS = "corpus/seeds"  # relative to the shared folder
DEV = "corpus/dev/articles"
FAST_REQUEST = 0.5  # seconds: a URL check this fast is made at every step ...
URL_EVERY = 10  # ... else every this many steps, and at the end

# Written for this benchmark (not taken from any seed or other text): a short French report of the meeting the
# seeds tell, with its own wording, the French spelling of Naryshkin's name and facts of the day.
WRITTEN_NAME = "stab_ankara_written"
WRITTEN = """\
Ankara : les patrons de la CIA et du renseignement extérieur russe se sont parlé en secret

Publié le 15 novembre 2022

Le directeur de la CIA, William Burns, s'est entretenu lundi 14 novembre à Ankara avec Sergueï Narychkine, \
qui dirige le SVR, le service russe de renseignement extérieur. La rencontre, la plus haut placée entre \
Washington et Moscou depuis le début de l'invasion de l'Ukraine, s'est tenue à l'invitation des services \
turcs du MIT, selon des responsables turcs.

À Washington, la Maison Blanche a tenu à préciser que l'émissaire américain n'était pas venu négocier un \
règlement du conflit. Il devait avertir Moscou des conséquences qu'aurait le recours à l'arme nucléaire en \
Ukraine, et évoquer le sort d'Américains détenus en Russie. Kiev avait été prévenu du déplacement, a ajouté \
un responsable américain.

Côté russe, le porte-parole du Kremlin, Dmitri Peskov, a confirmé que l'entretien avait eu lieu à la demande \
des Américains, sans en dévoiler la teneur. Le quotidien moscovite Kommersant avait été le premier à révéler \
la réunion.
"""


def run_once(db: Path, paths: list[Path]) -> tuple[int, Any, float]:
    """One analysis over the store, saved: its run number, the corpus and the seconds it took."""
    from recoupe import analyze
    from recoupe.store import Store

    began = time.perf_counter()
    with Store(db) as store:
        corpus = analyze(paths, store=store)
        run = store.save(corpus)
    return run, corpus, time.perf_counter() - began


def holder(corpus: Any, seeds: list[str]) -> Any | None:
    """The story of ``corpus`` holding the first seed (None if none does)."""
    return next((s for s in corpus.stories if seeds[0] in s.articles), None)


def check_url(db: Path, story_id: str, seeds: list[str]) -> dict[str, Any]:
    """Ask the web app over the store for ``/api/stories/{story_id}``, as a reader following an old link:
    answered when a 200 lists the five seeds, or a 301 leads to a story that lists them."""
    from fastapi.testclient import TestClient

    from recoupe.store.reader import MAX_LIMIT
    from recoupe.web import create_app

    began = time.perf_counter()
    client = TestClient(create_app(db, token=""))
    page = client.get(f"/api/stories/{story_id}", params={"limit": MAX_LIMIT}, follow_redirects=False)
    out: dict[str, Any] = {"status": page.status_code}
    target = story_id
    if page.status_code == 301:
        out["location"] = location = page.headers.get("location", "")
        target = location.split("?")[0].rsplit("/", 1)[-1]
        page = client.get(location)  # followed, as a browser would
        out["final_status"] = page.status_code
    listed: list[str] = []
    while page.status_code == 200:  # every page of the story's articles
        body = page.json()
        listed += body.get("articles", [])
        if len(listed) >= body["total"]["articles"] or not body["articles"]:
            break
        page = client.get(f"/api/stories/{target}", params={"offset": len(listed), "limit": MAX_LIMIT})
    if page.status_code != 200:
        out["error"] = page.text[:300]
    out["story"] = target
    out["answered"] = page.status_code == 200 and set(seeds) <= set(listed)
    out["seconds"] = round(time.perf_counter() - began, 3)
    return out


def step(db: Path, n: int, name: str, path: Path, seeds: list[str], story_id: str,
         check: bool) -> dict[str, Any]:
    """Add one file; what became of the seeds' story (and, when ``check``, of its old URL)."""
    record: dict[str, Any] = {"step": n, "article": name}
    try:
        run, corpus, seconds = run_once(db, [path])
    except Exception as err:  # a step that raises is a failure to report, not the end of the benchmark
        record.update(raised=f"{type(err).__name__}: {err}", trace=traceback.format_exc(limit=5),
                      kept_id=False, together=False, joiners=[])
        return record
    story = holder(corpus, seeds)
    record.update(run=run, seconds=round(seconds, 3), stories=len(corpus.stories))
    record["story"] = story.id if story else None
    record["kept_id"] = story is not None and story.id == story_id
    record["together"] = story is not None and set(seeds) <= set(story.articles)
    record["joiners"] = sorted(set(story.articles) - set(seeds)) if story else []
    record["added"] = [a for i in corpus.inputs if Path(i.path).name == path.name for a in i.articles]
    if check:
        try:
            record["url"] = check_url(db, story_id, seeds)
        except Exception as err:
            record["url"] = {"answered": False, "raised": f"{type(err).__name__}: {err}"}
    return record


def verdict(steps: list[dict[str, Any]], written_id: str, first_url: dict[str, Any]) -> dict[str, Any]:
    """What the steps say, check by check (``first_url``: the URL check made right after the seeds' run)."""
    dev = [s for s in steps if s["article"] != written_id]
    last = steps[-1]
    urls = [first_url] + [s["url"] for s in steps if "url" in s]
    return {
        "steps": len(steps),
        "raised": [(s["step"], s["article"], s["raised"]) for s in steps if "raised" in s],
        "id_kept": all(s["kept_id"] for s in steps),
        "id_lost_at": [(s["step"], s["article"], s.get("story")) for s in steps if not s["kept_id"]],
        "seeds_together": all(s["together"] for s in steps),
        "false_joiners": sorted({j for s in dev for j in s["joiners"]}),
        "first_joined_at": {j: next(s["step"] for s in dev if j in s["joiners"])
                            for j in sorted({j for s in dev for j in s["joiners"]})},
        "written_joined": last["article"] == written_id and written_id in last.get("added", [])
        and written_id in last["joiners"],
        "url_checks": len(urls),
        "url_answered": bool(urls) and all(u["answered"] for u in urls),
        "url_statuses": sorted({u.get("status", 0) for u in urls}),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared folder (../shared)")
    ap.add_argument("--limit", type=int, default=None, help="add only the first N dev articles (a quick run)")
    ap.add_argument("--json", type=Path, help="write the steps and the verdict to this file")
    args = ap.parse_args(argv)
    seed_files = sorted((args.shared / SEEDS).glob("*.txt"))
    dev_files = sorted((args.shared / DEV).glob("*.txt"))
    if len(seed_files) != 5 or not dev_files:
        print(f"cannot find the five seeds in {args.shared / SEEDS} and the dev articles in {args.shared / DEV}: "
              "give the shared folder with --shared", file=sys.stderr)
        return 2
    if args.limit is not None:
        dev_files = dev_files[:max(args.limit, 0)]

    from rich.console import Console
    from rich.table import Table

    console = Console()
    with tempfile.TemporaryDirectory(prefix="recoupe-stability-") as tmp:
        db = Path(tmp) / "store.sqlite"
        began = time.perf_counter()
        run, corpus, seconds = run_once(db, seed_files)
        seeds = sorted(a.id for a in corpus.articles)
        story = holder(corpus, seeds)
        if len(seeds) != 5 or story is None or set(story.articles) != set(seeds):
            console.print(f"[red]the five seeds are not one story: {[s.articles for s in corpus.stories]}[/red]")
            return 1
        story_id = story.id
        first_url = check_url(db, story_id, seeds)
        every = 1 if first_url["seconds"] < FAST_REQUEST else URL_EVERY
        console.print(f"seeds: story {story_id} ({seconds:.1f} s, run {run}); a URL check takes "
                      f"{first_url['seconds']:.3f} s: checked every {every} step(s) and at the end")
        written = Path(tmp) / f"{WRITTEN_NAME}.txt"
        written.write_text(WRITTEN, encoding="utf-8")
        plan = [(f.stem, f) for f in dev_files] + [(WRITTEN_NAME, written)]
        steps: list[dict[str, Any]] = []
        for n, (name, path) in enumerate(plan, start=1):
            record = step(db, n, name, path, seeds, story_id, check=n % every == 0 or n == len(plan))
            steps.append(record)
            note = record.get("raised") or (f"{record['seconds']:.1f} s, story {record['story']}"
                                            + (f", joiners {record['joiners']}" if record["joiners"] else "")
                                            + (f", URL {record['url']['status']}" if "url" in record else ""))
            bad = "raised" in record or not (record["kept_id"] and record["together"]) or \
                ("url" in record and not record["url"]["answered"])
            console.print(f"[{'red' if bad else 'default'}]{n:3d}/{len(plan)} {name}: {note}")
        total = time.perf_counter() - began

    result = verdict(steps, WRITTEN_NAME, first_url)
    times = [s["seconds"] for s in steps if "seconds" in s]
    timing = {"seeds_seconds": round(seconds, 2), "median_step_seconds": round(statistics.median(times), 3),
              "max_step_seconds": round(max(times), 3), "total_seconds": round(total, 1),
              "first_url_check_seconds": first_url["seconds"], "url_every": every}
    console.print(f"per step (analysis + save): median {timing['median_step_seconds']:.2f} s, "
                  f"max {timing['max_step_seconds']:.2f} s over {len(times)} steps; "
                  f"seeds {timing['seeds_seconds']:.1f} s; whole run {timing['total_seconds']:.0f} s")
    dev_joiners = result["false_joiners"]
    ok = {
        "id kept at every step": result["id_kept"] and not result["raised"],
        "five seeds together at every step": result["seeds_together"] and not result["raised"],
        "no false joiner": not dev_joiners,
        "written article joined": result["written_joined"],
        "old URL answered": result["url_answered"],
    }
    grid = Table(title=f"stability of the seeds' story {story_id}")
    grid.add_column("check")
    grid.add_column("result")
    grid.add_row("steps", f"{result['steps']} ({len(dev_files)} dev + the written article)")
    grid.add_row("steps that raised", ", ".join(f"{n} {a}" for n, a, _ in result["raised"]) or "none")
    grid.add_row("id kept at every step", "yes" if ok["id kept at every step"] else
                 "no: " + ", ".join(f"{n} {a} -> {s}" for n, a, s in result["id_lost_at"]))
    grid.add_row("five seeds together at every step", "yes" if ok["five seeds together at every step"] else "no")
    grid.add_row("false joiners (dev articles)",
                 ", ".join(f"{j} (step {n})" for j, n in result["first_joined_at"].items()) or "none")
    grid.add_row("the written article joined", "yes" if result["written_joined"] else "no")
    grid.add_row("old URL answered", f"{'yes' if result['url_answered'] else 'no'} ({result['url_checks']} checks, "
                 f"status {', '.join(map(str, result['url_statuses']))})")
    console.print(grid)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
        args.json.write_text(json.dumps({"machine": machine, "story": story_id, "seeds": seeds, "timing": timing,
                                         "checks": ok, "verdict": result, "steps": steps}, indent=1,
                                        ensure_ascii=False), encoding="utf-8")
    return 0 if all(ok.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
