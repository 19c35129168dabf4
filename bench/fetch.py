"""Fetching: how many pages a second ``recoupe.fetch.Fetcher`` fetches from local servers, and whether its per-host
delay holds as the hosts see it (issue 22).

Five ThreadingHTTPServers on five loopback ports (five hosts) serve 100 generated article pages each (about 4 KB,
no robots.txt: a 404, which allows everything); the Fetcher fetches the 500 with ``--delay`` (0.02 s) between two
requests to one host and the five hosts at once (``hosts_at_once=5``), writing its WARC. Then the same 500 pages
on one host. Each server notes when each request line arrives; the gaps between two consecutive requests to one
host (robots.txt included) are the politeness as the host sees it: their minimum must be at least the delay, else
the script exits 1. Each server runs in a process of its own, so that its clock is not held up by the client's
threads. Every figure is the median of ``--runs`` runs (3), but the minimum gap, the least of all runs.

    python bench/fetch.py [--pages 500] [--hosts 5] [--delay 0.02] [--runs 3] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from recoupe.fetch import Fetcher, Politeness

WORDS = ("the council voted on Tuesday to reopen the footbridge after repairs that engineers said would take "
         "six weeks and cost far more than planned while residents asked why earlier warnings went unheeded").split()


def page(host: int, number: int) -> bytes:
    """A generated article page of about 4 KB: title, date, nav, eight paragraphs, footer."""
    paragraphs = "".join(
        "<p>" + " ".join(WORDS[(number + p + k) % len(WORDS)] for k in range(70)) + ".</p>" for p in range(8))
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story {host}-{number}</title>'
            f'<meta property="article:published_time" content="2026-03-{1 + number % 28:02d}T08:00:00Z"></head>'
            f'<body><nav><a href="/">Home</a> <a href="/local/">Local</a></nav><article><h1>Story {host}-{number}'
            f"</h1>{paragraphs}</article><footer>© Bench Herald</footer></body></html>").encode()


def serve(host: int, pages: int, ports: multiprocessing.Queue[int]) -> None:
    """One host, in a process of its own (so that its clock is not held up by the client's threads): ``pages``
    pages at /n/<number>.html, every request's arrival noted (time.monotonic(), the system's clock); GET
    /_arrivals gives them as JSON and stops the server."""
    arrivals: list[float] = []
    bodies = {f"/n/{n}.html": page(host, n) for n in range(pages)}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms wait for an ACK between

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def parse_request(self) -> bool:  # the request line has just been read
            if not self.raw_requestline.startswith(b"GET /_arrivals"):
                arrivals.append(time.monotonic())
            return super().parse_request()

        def do_GET(self) -> None:  # noqa: N802
            body = json.dumps(arrivals).encode() if self.path == "/_arrivals" else bodies.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")
            if self.path == "/_arrivals":
                threading.Thread(target=httpd.shutdown).start()

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    ports.put(httpd.server_address[1])
    httpd.serve_forever()


class Server:
    """A host served by a child process."""

    def __init__(self, host: int, pages: int) -> None:
        ports: multiprocessing.Queue[int] = multiprocessing.Queue()
        self.process = multiprocessing.Process(target=serve, args=(host, pages, ports), daemon=True)
        self.process.start()
        self.port = ports.get(timeout=30)
        self.paths = [f"/n/{n}.html" for n in range(pages)]

    def urls(self) -> list[str]:
        return [f"http://127.0.0.1:{self.port}{path}" for path in self.paths]

    def arrivals(self) -> list[float]:
        """The arrival times of the requests, and the server stopped."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_arrivals", timeout=30) as answer:
            times: list[float] = json.loads(answer.read())
        self.process.join(timeout=30)
        return times


@dataclass(frozen=True, slots=True)
class Run:
    pages_per_s: float
    median_gap: float
    min_gap: float
    warc_bytes: int
    fetched: int
    seconds: float


def run_once(hosts: int, pages: int, delay: float, folder: Path) -> Run:
    servers = [Server(h, pages // hosts) for h in range(hosts)]
    urls = [url for server in servers for url in server.urls()]
    warc = folder / f"bench-{hosts}-{time.monotonic_ns()}.warc.gz"
    start = time.monotonic()
    with Fetcher(warc, Politeness(delay=delay, timeout=10, hosts_at_once=hosts)) as fetcher:
        found = fetcher.pages(urls)
    seconds = time.monotonic() - start
    arrivals = [server.arrivals() for server in servers]
    gaps = [b - a for times in arrivals for a, b in zip(times, times[1:], strict=False)]
    return Run(len(found) / seconds, statistics.median(gaps), min(gaps), warc.stat().st_size,
               sum(f.ok for f in found), seconds)


def median_of(runs: list[Run]) -> dict[str, Any]:
    figures = {name: statistics.median(getattr(run, name) for run in runs) for name in asdict(runs[0])}
    figures["min_gap"] = min(run.min_gap for run in runs)  # the smallest gap of every run: the check is on it
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=5)
    parser.add_argument("--delay", type=float, default=0.02)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None, help="write the figures to this file")
    args = parser.parse_args()
    console = Console(width=120)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for hosts in sorted({args.hosts, 1}, reverse=True):
            runs = [run_once(hosts, args.pages, args.delay, Path(tmp)) for _ in range(args.runs)]
            results[f"{hosts} host{'s' * (hosts > 1)}"] = median_of(runs) | {"hosts": hosts}
    table = Table(title=f"recoupe fetch, {args.pages} pages from local servers, delay {args.delay:g} s per host, "
                        f"median of {args.runs} runs, os.cpu_count()={os.cpu_count()}")
    for column in ("hosts", "pages fetched", "seconds", "pages/s", "median gap (s)", "min gap (s)", "gap >= delay",
                   "WARC size"):
        table.add_column(column, justify="right")
    held = True
    for figures in results.values():
        ok = figures["min_gap"] >= args.delay
        held &= ok
        table.add_row(str(figures["hosts"]), f"{figures['fetched']:.0f}", f"{figures['seconds']:.2f}",
                      f"{figures['pages_per_s']:.1f}", f"{figures['median_gap']:.4f}", f"{figures['min_gap']:.4f}",
                      "yes" if ok else "[red]NO[/red]", f"{figures['warc_bytes'] / 1e6:.2f} MB")
    console.print(table)
    console.print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()} "
                  "(other work on the machine skews times)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version()},
            "pages": args.pages, "delay": args.delay, "runs": args.runs,
            "figures": "each the median of the runs', min_gap the least of all", "results": results,
            "delay_held": held}, indent=1), encoding="utf-8")
    if not held:
        console.print(f"[red]the per-host delay did not hold: a gap under {args.delay:g} s[/red]")
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
