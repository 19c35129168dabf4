"""The command line: thin Typer commands that parse, call the library and print."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from . import __version__, report
from .errors import NothingAnalysed, StoreError
from .pipeline import Progress, analyze
from .records import Corpus
from .store import Store

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="recoupe cross-checks the news: clean articles, find copies, sources and claims.")
console = Console()
errors = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        console.print(f"recoupe {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """recoupe cross-checks the news."""


@app.command("analyze")
def analyze_cli(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles (searched recursively).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for report.json and index.html.")],
    db: Annotated[Path | None, typer.Option(help="SQLite store (default: OUT/recoupe.sqlite).")] = None,
) -> None:
    """Analyse articles into OUT/report.json and OUT/index.html, and store them in the SQLite store."""
    try:
        corpus = _run_with_progress(paths)
        if not corpus.articles:
            raise NothingAnalysed("no input gave an article")
        with Store(db or out / "recoupe.sqlite") as store:
            store.save(corpus)
        index = report.write(corpus, out)
    except NothingAnalysed:
        _summary(corpus)
        for skip in corpus.skips:
            errors.print(skip.message, soft_wrap=True, markup=False, highlight=False)
        errors.print(f"[red]error:[/] nothing could be analysed in {', '.join(map(str, paths))} "
                     f"[{NothingAnalysed.code}]", soft_wrap=True)
        raise typer.Exit(1) from None
    except StoreError as err:
        errors.print(f"[red]error:[/] {err}")
        raise typer.Exit(2) from None
    _summary(corpus)
    console.print(f"Report: {index}", soft_wrap=True, markup=False, highlight=False)
    console.print(f"Data:   {out / 'report.json'}", soft_wrap=True, markup=False, highlight=False)


@app.command("serve")
def serve_cli(
    db: Annotated[Path, typer.Option(help="SQLite store to serve.")] = Path("out/ankara/recoupe.sqlite"),
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Serve the web app and JSON API over a store (pages at /, API at /api/, OpenAPI at /docs)."""
    try:
        import uvicorn

        from .web import create_app
    except ImportError as err:
        errors.print(f"[red]error:[/] the web app needs its extra: pip install 'recoupe[web]' ({err.name} missing)")
        raise typer.Exit(2) from None
    console.print(f"Serving {db} at http://{host}:{port}/", soft_wrap=True, markup=False, highlight=False)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


def _run_with_progress(paths: list[Path]) -> Corpus:
    """A rich progress bar on a terminal; plain lines when the output is piped."""
    if console.is_terminal:
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        with Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                 console=console, transient=True) as bar:
            task = bar.add_task("Analysing", total=None)

            def advance(done: int, total: int, path: str) -> None:
                bar.update(task, completed=done, total=total, description=f"Analysing {Path(path).name}")

            return analyze(paths, progress=advance)

    def line(done: int, total: int, path: str) -> None:
        print(f"[{done}/{total}] {path}", file=sys.stderr)

    progress: Progress = line
    return analyze(paths, progress=progress)


def _summary(corpus: Corpus) -> None:
    table = Table(title="Inputs", show_lines=False)
    for column in ("input", "status", "articles", "reason"):
        table.add_column(column, overflow="fold")
    for item in corpus.inputs:
        style = "red" if item.status == "skipped" else None
        table.add_row(item.path, item.status, str(len(item.articles)), item.reason or "", style=style)
    console.print(table)
    skipped = sum(i.status == "skipped" for i in corpus.inputs)
    console.print(f"{len(corpus.articles)} articles analysed, {skipped} inputs skipped, "
                  f"{len(corpus.skips)} problems reported")
