"""Export of a store's lists as CSV or NDJSON: each table's flat rows, and how they are written.

The CLI (`recoupe export`) and the API (``?_format=csv`` or ``ndjson`` on a list) both go through here: a table's
rows are built from the reader's items (the report.json shapes) by ``rows``, in the columns ``COLUMNS`` names, and
written by ``write``. Every row of an article, of a claim's supporting sentence, of a quote and of a reuse edge
carries its article's outlet (``outlet``; ``source_outlet`` and ``target_outlet`` for an edge, whose ``source`` and
``target`` are articles): the "source" column users of Media Cloud or GDELT look for.

A claim is one row per supporting sentence (the claim's columns repeated), so that each sentence keeps its outlet,
language and date. In CSV a list is one cell, its items joined by "; ", None an empty cell and a boolean
``true``/``false``; in NDJSON (one JSON object a line) every value keeps its JSON type.
"""
from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, Literal, TextIO

from .errors import RecoupeError
from .store.reader import Page, Reader

Format = Literal["csv", "ndjson"]
FORMATS: tuple[Format, ...] = ("csv", "ndjson")
MEDIA_TYPES: dict[Format, str] = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson"}
Row = dict[str, Any]

COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("id", "title", "outlet", "published", "page_date", "language", "url", "story"),
    "stories": ("id", "title", "articles", "origins", "event_date"),
    # one row per supporting sentence: the claim, then the sentence with its article's outlet, language and date
    "claims": ("id", "story", "status", "independent_origins", "text", "conflicts_with", "updates",
               "article", "outlet", "language", "published", "sentence", "start", "end"),
    "quotes": ("id", "article", "outlet", "text", "start", "end", "speaker", "speaker_entity", "speaker_kind",
               "direct", "group"),
    "reuse": ("source", "source_outlet", "target", "target_outlet", "kind", "score", "directed", "why", "passages"),
    "entities": ("id", "name", "type", "mentions"),
    "outlets": ("name", "articles", "first", "last"),
    "runs": ("id", "started", "articles", "skipped"),
}
TABLES = tuple(COLUMNS)  # what `recoupe export` takes
STORY_TABLES = ("articles", "stories", "claims", "quotes", "reuse")  # those that --story narrows
PAGE = 1000  # items read from the store at once by ``table_rows``


class ExportError(RecoupeError):
    """A table cannot be exported as asked: no such store, analysis or story, or a filter the table has not."""

    code = "R500"

    def __init__(self, message: str):
        super().__init__(f"{message} [{self.code}]")


def rows(table: str, items: Sequence[Row], reader: Reader) -> list[Row]:
    """The flat rows of ``items``, a list of ``table`` as the reader gives it (a page of the API, or all of it),
    in the columns of COLUMNS[table]; the outlets of quotes and reuse edges are looked up in ``reader``."""
    if table == "claims":
        return [_claim_row(c, s) for c in items for s in (c.get("support") or [None])]
    outlets: dict[str, Any] = {}
    if table in ("quotes", "reuse"):
        ids = sorted({i[k] for i in items for k in ("article", "source", "target") if i.get(k)})
        outlets = {a["id"]: a.get("outlet") for a in reader.article_info(ids)}
    if table == "quotes":
        return [dict(_pick(q, COLUMNS[table]), outlet=outlets.get(q["article"])) for q in items]
    if table == "reuse":
        return [dict(_pick(e, COLUMNS[table]), source_outlet=outlets.get(e["source"]),
                     target_outlet=outlets.get(e["target"]), passages=len(e.get("passages") or []))
                for e in items]
    if table in COLUMNS:
        return [_pick(i, COLUMNS[table]) for i in items]
    raise ExportError(f"no table {table!r}: one of {', '.join(TABLES)}")


def _pick(item: Row, columns: Sequence[str]) -> Row:
    """The columns of ``item``, in order (None where it has none)."""
    return {c: item.get(c) for c in columns}


def _claim_row(claim: Row, support: Row | None) -> Row:
    """A claim with one of its supporting sentences (None: a claim with none, its sentence columns empty)."""
    sentence = support or {}
    return {"id": claim["id"], "story": claim.get("story"), "status": claim.get("status"),
            "independent_origins": claim.get("independent_origins"), "text": claim.get("text"),
            "conflicts_with": list(claim.get("conflicts_with") or []), "updates": list(claim.get("updates") or []),
            "article": sentence.get("article"), "outlet": sentence.get("outlet"),
            "language": sentence.get("language"), "published": sentence.get("published"),
            "sentence": sentence.get("text"), "start": sentence.get("start"), "end": sentence.get("end")}


def write(table: str, table_rows: Iterable[Row], fmt: Format, out: TextIO) -> int:
    """Write ``table_rows`` to ``out`` as CSV (a header row first, even with no rows) or NDJSON; how many rows.
    A file given as ``out`` is best opened with ``newline=""``: CSV rows end with CRLF, as RFC 4180 has them."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS[table])
        writer.writeheader()
        for row in table_rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})
            count += 1
        return count
    for row in table_rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _cell(value: Any) -> Any:
    """A value as a CSV cell: a list joined by "; ", a boolean as JSON writes it, None empty."""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def filename(table: str, fmt: Format) -> str:
    """The name an export of ``table`` is offered under ("claims.csv")."""
    return f"{table}.{fmt}"


# -- the whole of a table, for `recoupe export` ----------------------------------------------------------------

def open_reader(db: Path) -> Reader:
    """A reader of the store ``db``; ExportError when there is no such file or it is not a recoupe store."""
    if not db.is_file():
        raise ExportError(f"--db {db}: no such store file (`recoupe analyze` writes OUT/recoupe.sqlite)")
    try:
        reader = Reader(db)
        reader.run()  # reads the runs table: a file that is not a store fails here, not halfway through
    except sqlite3.Error as err:
        raise ExportError(f"--db {db}: cannot read the store ({err})") from None
    return reader


def table_rows(reader: Reader, table: str, run: int | None = None, story: str | None = None) -> Iterator[Row]:
    """Every row of ``table`` in the analysis ``run`` (default: the latest), of the story ``story`` only when one
    is given, read from the store a page at a time; ExportError when the analysis, the story or the filter is
    not there. Articles, outlets and runs are the store's, whatever the analysis (as the API lists them)."""
    if table not in COLUMNS:
        raise ExportError(f"no table {table!r}: one of {', '.join(TABLES)}")
    if story is not None and table not in STORY_TABLES:
        raise ExportError(f"--story: {table} are not kept by story (it narrows {', '.join(STORY_TABLES)})")
    run_id = reader.run(run)
    if run_id is None:
        raise ExportError(f"no analysis {run} in the store" if run is not None else "the store holds no analysis")
    data = None
    if story is not None:
        data = reader.story(run_id, story)
        if data is None:
            raise ExportError(f"no story {story} in analysis {run_id}")
    return _rows_of(reader, table, run_id, data)


def _rows_of(reader: Reader, table: str, run: int, story: Row | None) -> Iterator[Row]:
    """The rows of ``table`` (``table_rows``), ``story`` the stored story it is narrowed to."""
    if table == "claims":
        ids = [story["id"]] if story else [s["id"] for p in _pages(partial(reader.stories, run)) for s in p.items]
        return (row for sid in ids for row in rows("claims", (reader.story(run, sid) or {}).get("claims", []),
                                                       reader))
    if table == "articles":
        only = set(story["articles"]) if story else None
        return (_pick(a, COLUMNS[table]) for p in _pages(reader.articles) for a in p.items
                if only is None or a["id"] in only)
    if table == "stories" and story:
        return iter(rows(table, [_story_item(story)], reader))
    lists: dict[str, Callable[[int, int], Page]] = {
        "runs": reader.runs,
        "outlets": reader.outlets,
        "entities": partial(reader.entities, run),
        "stories": partial(reader.stories, run),
        "quotes": partial(reader.quotes, run, articles=story["articles"] if story else None),
        "reuse": partial(reader.reuse, run, story["id"] if story else None),
    }
    return (row for page in _pages(lists[table]) for row in rows(table, page.items, reader))


def _pages(pages: Callable[[int, int], Page]) -> Iterator[Page]:
    """Every page that ``pages(offset, limit)`` gives, PAGE items at a time, until its total."""
    offset = 0
    while True:
        page = pages(offset, PAGE)
        yield page
        offset += PAGE
        if offset >= page.total or not page.items:
            return


def _story_item(story: Row) -> Row:
    """A stored story as the story list has it (its counts of articles and origins)."""
    return {"id": story["id"], "title": story.get("title"), "articles": len(story.get("articles") or []),
            "origins": len(story.get("origins") or []), "event_date": story.get("event_date")}
