"""The command line: thin Typer commands that parse, call the library and print."""
from __future__ import annotations

import os
import re
import sys
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, get_args

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.core import TyperArgument, TyperCommand

from . import brief, export, lang, report
from ._version import __version__
from .errors import DaskError, LanguageError, NothingAnalysed, StoreError
from .limits import DEFAULT, MB, POLITE, Limits, Politeness
from .pipeline import analyze, save
from .records import ClaimStatus, Corpus, InputReport, Skip
from .store import Store

if TYPE_CHECKING:
    from rich.progress import TaskID

    from .collect import Collected
    from .delta import Delta
    from .fetch import Fetched

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="recoupe cross-checks the news: clean articles, find copies, sources and claims.")
console = Console()
errors = Console(stderr=True)


def run() -> None:
    """The console script: ``app`` with a bare ``--dask`` read as ``--dask local``."""
    app(args=dask_flag(sys.argv[1:]), prog_name="recoupe")


def dask_flag(args: list[str]) -> list[str]:
    """``--dask`` takes a scheduler address only when one follows ("tcp://…"); alone it means a LocalCluster.

    Typer has no option with an optional value, so the bare flag is given its value before parsing."""
    out = []
    for k, arg in enumerate(args):
        out.append(arg)
        if arg == "--dask" and (k + 1 == len(args) or "://" not in args[k + 1]):
            out.append("local")
    return out


class _NamedArgument(TyperArgument):
    """An argument shown in help as its metavar alone ("PATH...", "TABLE"), without the Python type typer would
    write beside it (``<list[Path]>``)."""

    def display_type_rich(self, ctx: Any) -> str | None:  # noqa: D102
        return None

    def _usage_display_name(self) -> str:
        return self.metavar or super()._usage_display_name()


class _Command(TyperCommand):
    """A command whose help names its arguments by their metavars (``_NamedArgument``), as options are."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if type(param) is TyperArgument and param.metavar:
                param.__class__ = _NamedArgument


def _version(value: bool) -> None:
    if value:
        console.print(f"recoupe {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """recoupe cross-checks the news."""


ANALYZE_EXAMPLES = """Examples:
  recoupe analyze examples/ankara --out out/ankara
  recoupe analyze more/ crawl.warc.gz --out out/ankara --lang en
  recoupe analyze examples/ankara --out out/ankara --dask --workers 4"""


@app.command("analyze", cls=_Command, epilog=ANALYZE_EXAMPLES)
def analyze_cli(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...",
                                                help="Files or folders of articles (searched recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Folder for report.json and index.html.")],
    db: Annotated[Path | None, typer.Option(metavar="FILE", help="SQLite store (default: OUT/recoupe.sqlite).")] = None,
    dask: Annotated[str | None, typer.Option(
        "--dask", metavar="[tcp://HOST:PORT]",
        help="Run on Dask: alone, a LocalCluster started here; with an address, that scheduler.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Workers of the LocalCluster (default: cores).")] = None,
    profile: Annotated[bool, typer.Option("--profile", help="Print the time of every stage in detail.")] = False,
    max_file_mb: Annotated[float, typer.Option(min=0.001, help="A larger input file is skipped, not read.")] = (
        DEFAULT.max_bytes / MB),
    file_seconds: Annotated[float, typer.Option(min=0.1, help="Reading and cleaning one file may take this long; "
                                                "a file that takes longer is skipped.")] = DEFAULT.seconds,
    follow_symlinks: Annotated[bool, typer.Option(
        "--follow-symlinks", help="Follow symbolic links that lead out of the folders given (by default such a "
        "link is reported, not read).")] = False,
    brief_language: Annotated[str | None, typer.Option(
        "--lang", metavar="CODE", help=f"Write every story's brief in this language ({', '.join(lang.LANGUAGES)}); "
        "by default, the language most articles are written in. Sentences in other languages are quoted, "
        "never translated.")] = None,
) -> None:
    """Analyse articles, with those the store already holds, into OUT/report.json and OUT/index.html."""
    db = db or out / "recoupe.sqlite"
    problem = _check_lang(brief_language) or _check_out(out)
    if problem:  # before anything is read or stored
        errors.print(f"[red]error:[/] {escape(_shown(problem))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2)
    try:
        with Store(db) as store:
            limits = Limits(max_bytes=int(max_file_mb * MB), seconds=file_seconds)
            corpus = _run(paths, dask, workers, store, limits, follow_symlinks, _left_out(paths, out, db),
                          brief_language)
            if not any(i.articles for i in corpus.inputs):
                raise NothingAnalysed("no input gave an article")
            # analysed again first if another process stored articles meanwhile
            corpus, _ = save(corpus, store, brief_language=brief_language)
        index = report.write(corpus, out)
    except NothingAnalysed:
        _summary(corpus)
        for skip in corpus.skips:
            errors.print(_shown(skip.message), soft_wrap=True, markup=False, highlight=False)
        errors.print(f"[red]error:[/] nothing could be analysed in {escape(_shown(', '.join(map(str, paths))))} "
                     f"[{NothingAnalysed.code}]", soft_wrap=True, highlight=False)
        raise typer.Exit(1) from None
    except (StoreError, DaskError) as err:
        errors.print(f"[red]error:[/] {escape(_shown(str(err)))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from None
    _summary(corpus)
    _findings(corpus)
    _times(corpus, detail=profile)
    console.print(f"Report: {_shown(str(index))}", soft_wrap=True, markup=False, highlight=False)
    console.print(f"Data:   {_shown(str(out / 'report.json'))}", soft_wrap=True, markup=False, highlight=False)


def _check_lang(code: str | None) -> str | None:
    """Why the briefs cannot be written in the language asked for (``--lang``); None when they can."""
    if code is None:
        return None
    try:
        brief.supported(code)
    except LanguageError as err:
        return f"--lang: {err} [{err.code}]"
    return None


def _check_out(out: Path) -> str | None:
    """Why the report cannot be written into ``out``, found before the run (not after its articles are stored);
    None when it can. The folder is made here when it is not there."""
    if out.exists() and not out.is_dir():
        return f"--out {out} is a file, not a folder: nothing was read or stored"
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        return f"--out {out}: cannot make the folder ({err.strerror or err}): nothing was read or stored"
    if not os.access(out, os.W_OK | os.X_OK):
        return f"--out {out}: the folder cannot be written: nothing was read or stored"
    for name in report.FILES:
        if (out / name).exists() and not (out / name).is_file():
            return f"--out {out}: {name} there is not a file, and cannot be written: nothing was read or stored"
    return None


def _left_out(paths: list[Path], out: Path, db: Path) -> dict[str | Path, str]:
    """What this run writes, left out of its inputs (``ingest.discover``): the --out folder when it lies inside a
    folder given (else, --out being a folder given or holding one, the report files in it), and the store with
    its journal files, so that the next run does not read its own report and index.html as articles."""
    real_out = out.resolve()
    if any(real_out != top and real_out.is_relative_to(top) for top in (p.resolve() for p in paths if p.is_dir())):
        left: dict[str | Path, str] = {out: "the output folder of this run (--out)"}
    else:
        left = {out / name: "written by this run (--out)" for name in report.FILES}
    left.update((Path(f"{db}{end}"), "the store of this run (--db)") for end in ("", "-wal", "-shm", "-journal"))
    return left


# what a terminal would act on rather than show: C0 and C1 controls (ESC starts a sequence that recolours, moves the
# cursor, retitles the window), DEL, lone surrogates (undecodable bytes of a file name), and the bidirectional
# overrides and isolates that reorder what follows them
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _shown(text: str) -> str:
    """A path or text from the input as a terminal should print it: what it would act on written as an escape
    ("\\x1b", "\\n", "\\u202e"; a byte of a file name that is not UTF-8 "\\xe9", as the report writes it).
    Where rich markup is on, it goes through ``escape`` too."""
    return _UNSHOWABLE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if "\udc80" <= char <= "\udcff":  # the byte 0x80-0xff that Python's file names hold as this surrogate
        return f"\\x{ord(char) - 0xdc00:02x}"
    return char.encode("unicode_escape").decode("ascii")


SERVE_EXAMPLES = """Examples:
  recoupe serve --db out/ankara/recoupe.sqlite
  RECOUPE_TOKEN=secret recoupe serve --db news.sqlite --host 0.0.0.0"""


@app.command("serve", epilog=SERVE_EXAMPLES)
def serve_cli(
    db: Annotated[Path, typer.Option(
        metavar="FILE", help="SQLite store to serve (required): the one `recoupe analyze` wrote, OUT/recoupe.sqlite "
        "unless its --db said otherwise. A file not there yet is made on the first upload.")],
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    no_token: Annotated[bool, typer.Option(
        "--no-token", help="Let whoever reaches the server add articles without a token (never from another "
        "site's pages). Without it, writes need RECOUPE_TOKEN, or the token made on the first serve of the store "
        "and kept beside it (STORE.token).")] = False,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", metavar="NAME", help="Another name the server answers to in the Host header (a DNS name, "
        "a proxy's); besides 127.0.0.1, localhost, ::1 and --host. Repeatable.")] = None,
    base_url: Annotated[str | None, typer.Option(
        help="Where clients reach the server (https://news.example/recoupe behind a proxy), for the links in "
        "its answers; default http://HOST:PORT (relative links on 0.0.0.0 or ::).")] = None,
    fetch_private: Annotated[bool, typer.Option(
        "--fetch-private", help="Let the pages' \"add URLs\" form and feeds fetch addresses of this machine and its "
        "network (127.0.0.1, 10.x, 192.168.x…). Without it, the server fetches public addresses only: a visitor "
        "cannot make it read what only it can reach.")] = False,
) -> None:
    """Serve the web app and JSON API over a store (pages at /, API at /api/, OpenAPI at /docs)."""
    try:
        import uvicorn

        from .web import base_url_of, create_app, is_loopback, served_hosts
        from .web.tokens import TokenFileError, load_or_create
    except ImportError as err:
        errors.print(f"[red]error:[/] the web app needs its extra: pip install 'recoupe[web]' ({err.name} missing)")
        raise typer.Exit(2) from None
    from urllib.parse import urlsplit

    token = os.environ.get("RECOUPE_TOKEN") or None
    if token and no_token:
        errors.print("[red]error:[/] --no-token, but RECOUPE_TOKEN is set: unset one of them", soft_wrap=True)
        raise typer.Exit(2)
    base = base_url or base_url_of(host, port)
    parts = urlsplit(base or "")
    if base and (parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment):
        errors.print(f"[red]error:[/] --base-url {escape(base)} is not a URL like http://HOST:PORT/PATH",
                     soft_wrap=True, highlight=False)
        raise typer.Exit(2)
    hosts = served_hosts(host, [*(allow_host or []), *([parts.hostname] if parts.hostname else [])])
    network = not is_loopback(host)
    kept, made = None, False
    if not token and not no_token:
        try:
            token, kept, made = load_or_create(db)
        except (OSError, TokenFileError) as err:
            errors.print(f"[red]error:[/] {escape(str(err))}: set RECOUPE_TOKEN, or give --no-token to serve "
                         "without one", soft_wrap=True, highlight=False)
            raise typer.Exit(2) from None
    needs = " (adding articles needs RECOUPE_TOKEN)" if token and not kept else ""
    _say(f"Serving {db} at http://{host}:{port}/{needs}")
    if not db.exists():
        _say(f"{db} is not there yet: it is made by the first upload, or by `recoupe analyze PATH... --out DIR "
             f"--db {db}`")
    _say(f"Answering to the hosts {', '.join(hosts)} (more with --allow-host)")
    api = f"http://{host}:{port}/api/articles"
    if made:
        _say(f"Adding articles needs this token, made now and kept in {kept} (mode 600) for the next serve of this "
             f"store:\n  {token}\nType it in the upload form of the home page, or send it: "
             f"curl -H 'Authorization: Bearer {token}' -F file=@article.txt {api}")
    elif kept:
        _say(f"Adding articles needs the token kept in {kept} (made on the first serve of this store): type it in "
             f"the upload form of the home page, or send it: curl -H \"Authorization: Bearer $(cat '{kept}')\" "
             f"-F file=@article.txt {api}")
    if kept and network:
        errors.print(f"[yellow]warning:[/] listening on {escape(host)}: anyone on the network can read the store, "
                     "and anyone on the network can add articles with the token made for it, which is printed by "
                     "the first serve and kept beside the store: treat it as a password, set RECOUPE_TOKEN to "
                     "choose it, or serve on 127.0.0.1.", soft_wrap=True, highlight=False)
    if no_token:
        who = "anyone on the network can add articles" if network else "any program on this machine can add articles"
        errors.print(f"[yellow]warning:[/] --no-token: {who} to the store (other sites' pages cannot: writes from "
                     "them are refused).", soft_wrap=True, highlight=False)
    if fetch_private:
        errors.print("[yellow]warning:[/] --fetch-private: whoever may add articles can make the server fetch "
                     "addresses of its own machine and network.", soft_wrap=True, highlight=False)
    uvicorn.run(create_app(db, token=token or "", hosts=hosts, base_url=base, public_only=not fetch_private),
                host=host, port=port, log_level="warning")


FETCH_EXAMPLES = """Examples:
  recoupe fetch https://news.example/a.html https://news.example/b.html --out out/news
  recoupe fetch --feed https://news.example/rss.xml --sitemap https://news.example/news-sitemap.xml --out out/news
  recoupe fetch --since-last --out out/news        (cron: every feed the store follows, new items only)
  recoupe analyze out/news/warc --out out/again     (the pages as they were fetched, read back from the WARCs)"""

_Feeds = Annotated[list[str] | None, typer.Option(
    "--feed", metavar="URL", help="An RSS or Atom feed: its items are fetched, and the store follows it. Repeatable.")]
_Sitemaps = Annotated[list[str] | None, typer.Option(
    "--sitemap", metavar="URL", help="A sitemap, a sitemap index or a news sitemap: its pages are fetched, and the "
    "store follows it. Repeatable.")]
_Out = Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Folder for report.json, index.html and the "
                                    "WARC files of the pages fetched (DIR/warc).")]
_Db = Annotated[Path | None, typer.Option(metavar="FILE", help="SQLite store (default: OUT/recoupe.sqlite).")]
_Delay = Annotated[float, typer.Option(min=0.0, help="Seconds between two requests to one host (a longer "
                                       "Crawl-delay of its robots.txt wins).")]
_Timeout = Annotated[float, typer.Option(min=0.1, help="Seconds to connect, and between two reads of a response.")]
_Retries = Annotated[int, typer.Option(min=0, help="More tries after a connection error, a timeout, 429 or 5xx, "
                                       "with a doubling wait.")]
_MaxPage = Annotated[float, typer.Option(min=0.001, help="A larger page is not kept.")]
_Lang = Annotated[str | None, typer.Option("--lang", metavar="CODE", help="Write every story's brief in this "
                                           "language (see `recoupe analyze --help`).")]


@app.command("fetch", cls=_Command, epilog=FETCH_EXAMPLES)
def fetch_cli(
    out: _Out,
    urls: Annotated[list[str] | None, typer.Argument(metavar="[URL...]", help="Article pages to fetch.")] = None,
    db: _Db = None,
    url_file: Annotated[Path | None, typer.Option("--urls", metavar="FILE", help="A file of URLs, one a line ("
                                                  "blank lines and lines starting with # left out).")] = None,
    feed: _Feeds = None,
    sitemap: _Sitemaps = None,
    since_last: Annotated[bool, typer.Option("--since-last", help="Also read every feed and sitemap the store "
                                             "follows; only their new items are fetched.")] = False,
    delay: _Delay = POLITE.delay,
    timeout: _Timeout = POLITE.timeout,
    retries: _Retries = POLITE.retries,
    max_page_mb: _MaxPage = POLITE.max_bytes / MB,
    brief_language: _Lang = None,
) -> None:
    """Fetch pages politely (robots.txt, a delay per host, recoupe named as the user agent) into a WARC file, and
    analyse them with what the store holds. A URL the store fetched before is not fetched again."""
    listed = list(urls or [])
    if url_file is not None:
        try:
            listed += [line.strip() for line in url_file.read_text(encoding="utf-8").splitlines()
                       if line.strip() and not line.lstrip().startswith("#")]
        except (OSError, UnicodeDecodeError) as err:
            _fail(f"--urls {url_file}: cannot read the file ({getattr(err, 'strerror', None) or err})")
    if not (listed or feed or sitemap or since_last):
        _fail("nothing to fetch: give URLs, --urls FILE, --feed URL, --sitemap URL or --since-last")
    polite = Politeness(delay=delay, timeout=timeout, retries=retries, max_bytes=int(max_page_mb * MB))
    code = _fetch_round(out, db or out / "recoupe.sqlite", polite, listed, feed or [], sitemap or [], since_last,
                        brief_language)
    raise typer.Exit(code)


WATCH_EXAMPLES = """Examples:
  recoupe watch --feed https://news.example/rss.xml --out out/news --every 15m
  recoupe watch --out out/news --every 1h            (every feed and sitemap the store follows)"""


@app.command("watch", cls=_Command, epilog=WATCH_EXAMPLES)
def watch_cli(
    out: _Out,
    db: _Db = None,
    feed: _Feeds = None,
    sitemap: _Sitemaps = None,
    every: Annotated[str, typer.Option(metavar="DURATION", help="Time between two rounds: 90s, 15m, 2h, 1d.")] = "15m",
    times: Annotated[int | None, typer.Option(
        min=1, help="Stop after this many rounds (default: until Ctrl-C).")] = None,
    delay: _Delay = POLITE.delay,
    timeout: _Timeout = POLITE.timeout,
    retries: _Retries = POLITE.retries,
    max_page_mb: _MaxPage = POLITE.max_bytes / MB,
    brief_language: _Lang = None,
) -> None:
    """Follow feeds and sitemaps: every DURATION, fetch their new items, update the stories (their ids stay) and
    say what is new: new stories, articles that joined a story, new conflicts."""
    import time

    seconds = duration(every)
    if seconds is None:
        _fail(f"--every {every}: not a duration (a number and s, m, h or d: 90s, 15m, 2h)")
    polite = Politeness(delay=delay, timeout=timeout, retries=retries, max_bytes=int(max_page_mb * MB))
    done = 0
    try:
        while True:
            started = time.monotonic()
            _say(f"Round {done + 1}, {time.strftime('%Y-%m-%d %H:%M:%S')}")
            _fetch_round(out, db or out / "recoupe.sqlite", polite, [], feed or [], sitemap or [], True,
                         brief_language)
            done += 1
            if times is not None and done >= times:
                return
            time.sleep(max(0.0, started + seconds - time.monotonic()))
    except KeyboardInterrupt:
        _say(f"Stopped after {_count(done, 'round')}.")


def duration(text: str) -> float | None:
    """Seconds of "90s", "15m", "2h", "1d" (a bare number: seconds); None when it is not a positive duration."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not found or float(found[1]) <= 0:
        return None
    return float(found[1]) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[found[2]]


def _fail(message: str) -> NoReturn:
    errors.print(f"[red]error:[/] {escape(_shown(message))}", soft_wrap=True, highlight=False)
    raise typer.Exit(2)


def _fetch_round(out: Path, db: Path, polite: Politeness, urls: list[str], feeds: list[str], sitemaps: list[str],
                 followed: bool, brief_language: str | None) -> int:
    """One fetch and its analysis: 0 when something was fetched or nothing was new, 1 when everything asked
    failed. The WARCs of earlier runs never analysed (a run cut short) are analysed with this one's."""
    from .collect import warcs
    from .delta import delta
    from .store.reader import Reader

    problem = _check_lang(brief_language) or _check_out(out)
    if problem:
        _fail(problem)
    try:
        with Store(db) as store:
            if followed:
                for known in store.feeds():
                    (feeds if known["kind"] == "feed" else sitemaps).append(str(known["url"]))
            collected = _collect_with_progress(store, out / "warc", list(dict.fromkeys(urls)),
                                               list(dict.fromkeys(feeds)), list(dict.fromkeys(sitemaps)), polite)
            reader = Reader(db)
            try:
                read = {Path(p).resolve() for p in reader.input_paths()}
            finally:
                reader.close()
            unread = [w for w in warcs(out / "warc") if w.resolve() not in read]
            _fetch_summary(collected)
            if not unread:
                _say("Nothing new to analyse.")
                return 1 if collected.skips and not collected.pages and urls else 0
            run = store.latest_run()
            before = store.stories(run) if run is not None else []
            corpus = _run_with_progress(unread, None, {"store": store, "brief_language": brief_language})
            corpus = _with_failures(corpus, collected.skips)
            if not corpus.articles:  # nothing stored before, and no page an article: no analysis to store
                _summary(corpus)
                _say("No page fetched gave an article.")
                return 1
            # stored even when no page was an article (a paywall's teaser, a menu): the run records its WARCs
            # as read, and their reasons, so that the next round does not read them again
            corpus, _ = save(corpus, store, brief_language=brief_language)
        index = report.write(corpus, out)
    except (StoreError, DaskError) as err:
        _fail(str(err))
    _summary(corpus)
    _findings(corpus)
    _new(delta(before, corpus))
    _say(f"Report: {_shown(str(index))}")
    return 0


def _collect_with_progress(store: Store, folder: Path, urls: list[str], feeds: list[str],
                           sitemaps: list[str], polite: Politeness) -> Collected:
    """``collect`` with a line per page fetched: a rich status on a terminal, plain lines on stderr when piped."""
    from .collect import collect

    def line(fetched: Fetched) -> None:
        print(f"[{fetched.outcome}] {_shown(fetched.url)}", file=sys.stderr)

    if not console.is_terminal:
        return collect(store, folder, urls=urls, feeds=feeds, sitemaps=sitemaps, politeness=polite, progress=line)
    with console.status("Fetching…") as status:
        counts: Counter[str] = Counter()

        def shown(fetched: Fetched) -> None:
            counts[fetched.outcome] += 1
            status.update(f"Fetching… {', '.join(f'{n} {k}' for k, n in counts.items())}: "
                          f"{escape(_shown(fetched.url))}")

        return collect(store, folder, urls=urls, feeds=feeds, sitemaps=sitemaps, politeness=polite, progress=shown)


def _with_failures(corpus: Corpus, skips: list[Skip]) -> Corpus:
    """The analysis with the fetch's failures named among its inputs and problems, as the report keeps them."""
    from dataclasses import replace

    failed = tuple(InputReport(s.path, "skipped", s.detail) for s in skips)
    return replace(corpus, inputs=failed + corpus.inputs, skips=tuple(skips) + corpus.skips)


def _fetch_summary(collected: Collected) -> None:
    outcomes = Counter(f.outcome for f in collected.fetched)
    listed = sum(len(r.listing.items) for r in collected.listings if r.listing)
    feeds = f"{_count(len(collected.listings), 'feed or sitemap', 'feeds and sitemaps')} read ({listed} items); " \
        if collected.listings else ""
    _say(f"Fetched: {feeds}" + (", ".join(f"{n} {k}" for k, n in sorted(outcomes.items())) or "no page to fetch")
         + (f"; into {collected.warc}" if collected.warc else ""))
    for problem in collected.skips:
        errors.print(_shown(problem.message), soft_wrap=True, markup=False, highlight=False)


def _new(found: Delta) -> None:
    """What this round added to the analysis before it."""
    if found.empty:
        _say("New: nothing since the last analysis.")
        return
    _say(f"New: {_count(len(found.stories), 'story', 'stories')}, {_count(len(found.joined), 'article')} joined a "
         f"known story, {_count(len(found.conflicts), 'new conflict')}")
    for story in found.stories:
        _say(f"  new story {story.id}: {_shown(story.title)} ({_count(story.articles, 'article')})")
    for joined in found.joined:
        _say(f"  {_shown(joined.title)} joined {joined.story}: {_shown(joined.story_title)}")
    for conflict in found.conflicts:
        _say(f"  conflict in {conflict.story}: {_shown(conflict.claim)} / {_shown(' / '.join(conflict.against))}")


EXPORT_EXAMPLES = """Examples:
  recoupe export --db out/ankara/recoupe.sqlite articles > articles.csv
  recoupe export --db news.sqlite claims --story s-0ba2fd8b0a -o claims.csv
  recoupe export --db news.sqlite quotes -f ndjson --run 2 -o quotes.ndjson"""


@app.command("export", cls=_Command, epilog=EXPORT_EXAMPLES)
def export_cli(
    table: Annotated[str, typer.Argument(
        metavar="TABLE", help=f"What to export: {', '.join(export.TABLES)}. Claims come one row per supporting "
        "sentence, with its outlet.", show_default=False)],
    db: Annotated[Path, typer.Option(metavar="FILE", help="SQLite store to read (required): the one "
                                     "`recoupe analyze` wrote, OUT/recoupe.sqlite unless its --db said otherwise.")],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="csv|ndjson",
                                     help="CSV with a header row, or one JSON object a line.")] = "csv",
    out: Annotated[Path | None, typer.Option("--out", "-o", metavar="FILE",
                                             help="File to write (default: standard output).")] = None,
    story: Annotated[str | None, typer.Option(metavar="ID", help="Only the rows of this story (articles, stories, "
                                              "claims, quotes, reuse).")] = None,
    run: Annotated[int | None, typer.Option(min=1, metavar="N", help="Of this analysis (default: the latest); "
                                            "articles and runs are the store's, whatever the analysis.")] = None,
) -> None:
    """Export a table of the store as CSV or NDJSON: every row, each article's, quote's, claim sentence's and
    reuse edge's with its outlet."""
    problem = (f"TABLE: no table {table!r}: one of {', '.join(export.TABLES)}" if table not in export.TABLES else
               f"--format: {fmt!r} is not one of {', '.join(export.FORMATS)}" if fmt not in export.FORMATS else
               _check_export_out(out, db))
    if problem:
        errors.print(f"[red]error:[/] {escape(_shown(problem))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2)
    chosen: export.Format = "csv" if fmt == "csv" else "ndjson"
    try:
        reader = export.open_reader(db)
        try:
            found = export.table_rows(reader, table, run=run, story=story)  # the analysis and story checked here
            if out is None:
                _export_to_stdout(table, found, chosen)
                return
            count = _export_to_file(table, found, chosen, out)
        finally:
            reader.close()
    except export.ExportError as err:
        errors.print(f"[red]error:[/] {escape(_shown(str(err)))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from None
    except OSError as err:
        errors.print(f"[red]error:[/] --out {escape(_shown(str(out)))}: cannot write it "
                     f"({escape(err.strerror or str(err))})", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from None
    errors.print(f"{_count(count, 'row')} of {table} written to {escape(_shown(str(out)))}", soft_wrap=True,
                 highlight=False)


def _export_to_file(table: str, found: Iterable[export.Row], fmt: export.Format, out: Path) -> int:
    """Write the rows to ``out`` through a hidden file beside it, renamed when whole: a failed export leaves no
    half file, and an earlier export as it was. How many rows."""
    part = out.with_name(f".{out.name}.part")
    try:
        with part.open("w", encoding="utf-8", newline="") as file:
            count = export.write(table, found, fmt, file)
        part.replace(out)
    finally:
        part.unlink(missing_ok=True)
    return count


def _export_to_stdout(table: str, found: Iterable[export.Row], fmt: export.Format) -> None:
    """Write the rows to standard output; a reader that stops early (``| head``) ends the export quietly."""
    try:
        export.write(table, found, fmt, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        try:  # Python flushes stdout again at exit: pointed at /dev/null, that does not fail too
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        raise typer.Exit(1) from None


def _check_export_out(out: Path | None, db: Path) -> str | None:
    """Why an export cannot be written to ``out``, found before anything is read; None when it can."""
    if out is None:
        return None
    if out.is_dir():
        return f"--out {out} is a folder: give a file name"
    if out.exists() and db.exists() and out.resolve() in {Path(f"{db}{end}").resolve() for end in
                                                          ("", "-wal", "-shm", "-journal")}:
        return f"--out {out} is the store (--db): an export never writes over it"
    if not out.parent.is_dir():
        return f"--out {out}: the folder {out.parent} is not there"
    return None


def _say(text: str) -> None:
    """A line on the console, as it is: no markup, no highlighting, wrapped only by the terminal."""
    console.print(text, soft_wrap=True, markup=False, highlight=False)


def _run(paths: list[Path], dask: str | None, workers: int | None, store: Store, limits: Limits,
         follow_symlinks: bool, exclude: dict[str | Path, str], brief_language: str | None) -> Corpus:
    """Analyse in process, or on Dask when asked (a LocalCluster, or the scheduler at an address)."""
    options = {"store": store, "limits": limits, "follow_symlinks": follow_symlinks, "exclude": exclude,
               "brief_language": brief_language}
    if dask is None:
        return _run_with_progress(paths, None, options)
    from .dist import executor

    with executor(None if dask == "local" else dask, workers) as pool:
        return _run_with_progress(paths, pool, options)


def _run_with_progress(paths: list[Path], pool: Executor | None, options: dict[str, Any]) -> Corpus:
    """A rich progress bar per stage on a terminal; plain lines for the inputs when the output is piped."""
    if console.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        with Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                 console=console, transient=True) as bar:
            tasks: dict[str, TaskID] = {}

            def advance(stage: str, done: int, total: int, path: str) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total or None)
                name = f"{stage} {escape(_shown(Path(path).name))}" if path else stage
                bar.update(tasks[stage], completed=done, description=name)

            corpus = analyze(paths, executor=pool, progress=advance, **options)
            for task in bar.tasks:  # a stage whose last step is not reported still ends full
                if task.total is not None:
                    bar.update(task.id, completed=task.total)
            return corpus

    def line(stage: str, done: int, total: int, path: str) -> None:
        if path:
            print(f"[{done}/{total}] {_shown(path)}", file=sys.stderr)

    return analyze(paths, executor=pool, progress=line, **options)


def _times(corpus: Corpus, detail: bool) -> None:
    """Time per stage: one line after every run; a table with --profile."""
    total = sum(t.seconds for t in corpus.profile) or 1e-9
    if not detail:
        console.print("Time: " + ", ".join(f"{t.stage} {t.seconds:.1f} s" for t in corpus.profile)
                      + f"; total {total:.1f} s", soft_wrap=True, markup=False, highlight=False)
        return
    table = Table(title="Time per stage")
    for column in ("stage", "seconds", "items", "ms per item", "share"):
        table.add_column(column, justify="left" if column == "stage" else "right")
    for t in corpus.profile:
        per = f"{1000 * t.seconds / t.items:.1f}" if t.items else ""
        table.add_row(t.stage, f"{t.seconds:.2f}", str(t.items or ""), per, f"{t.seconds / total:.0%}")
    table.add_row("total", f"{total:.2f}", "", "", "100%", style="bold")
    console.print(table)


def _summary(corpus: Corpus) -> None:
    table = Table(title="Inputs", show_lines=False)
    for column in ("input", "status", "articles", "reason"):
        table.add_column(column, overflow="fold")
    for item in corpus.inputs:
        style = "red" if item.status == "skipped" else None
        table.add_row(escape(_shown(item.path)), item.status, str(len(item.articles)),
                      escape(_shown(item.reason or "")), style=style)
    console.print(table)
    skipped = sum(i.status == "skipped" for i in corpus.inputs)
    read = len({a for i in corpus.inputs for a in i.articles})
    stored = len(corpus.articles) - read
    console.print(f"{_count(read, 'article')} analysed, {_count(skipped, 'input')} skipped, "
                  f"{_count(len(corpus.skips), 'problem')} reported"
                  + (f"; with {_count(stored, 'article')} already stored, the report covers {len(corpus.articles)}"
                     if stored > 0 else ""))


def _findings(corpus: Corpus) -> None:
    """What the analysis found, in one line: the numbers report.json holds (``findings``)."""
    console.print("Found: " + findings(corpus), soft_wrap=True, markup=False, highlight=False)


VERDICTS: tuple[ClaimStatus, ...] = get_args(ClaimStatus)  # corroborated, single_source, conflicting, updated


def findings(corpus: Corpus) -> str:
    """Stories (those with several articles), copies, translations, partial reuse, claims by verdict, conflicts
    (pairs of claims that contradict each other), quotes and entities, counted as report.json lists them."""
    kinds = Counter(e.kind for e in corpus.reuse)
    verdicts = Counter(c.status for c in corpus.claims)
    conflicts = {frozenset((c.id, other)) for c in corpus.claims for other in c.conflicts_with}
    several = sum(len(s.articles) > 1 for s in corpus.stories)
    by_verdict = ", ".join(f"{verdicts[v]} {v.replace('_', '-')}" for v in VERDICTS)
    return (f"{_count(len(corpus.stories), 'story', 'stories')} ({several} with several articles); "
            f"{_count(kinds['copy'], 'copy', 'copies')}, {_count(kinds['translation'], 'translation')}, "
            f"{_count(kinds['partial'], 'partial reuse')}; {_count(len(corpus.claims), 'claim')} ({by_verdict}); "
            f"{_count(len(conflicts), 'conflict')}; {_count(len(corpus.quotes), 'quote')}; "
            f"{_count(len(corpus.entities), 'entity', 'entities')}")


def _count(n: int, noun: str, plural: str | None = None) -> str:
    """"1 article", "2 articles"; "1 story", "2 stories" where the plural is given."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"
