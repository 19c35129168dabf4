"""The filtered lists of articles of the store (``Reader.articles`` with an ``ArticleFilter``, issue 20): what they
list, in what order and how many, against the same rules applied in Python to the stored rows; and that they are
read from the schema-12 indexes alone (a covering index: no row read for the rows not on the page).
"""
from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path

import pytest

from recoupe.records import Article, Corpus
from recoupe.store import Store
from recoupe.store import reader as reader_module
from recoupe.store.reader import ArticleFilter, Reader
from recoupe.store.schema import MIGRATIONS, SCHEMA_VERSION

LANGUAGES = ("fr", "en", None)
OUTLETS = ("Wire", "La Gazette", None)
DATES = (None, "2022", "2022-11", "2022-11-15", "2022-11-15", "2024-04-14", "2021-12-31")


def _article(i: int, batch: str) -> Article:
    """The ``i``-th article: its language, outlet and dates cycle at different paces, so that every combination
    and many ties of date (and of date and ``last_seen``) are stored."""
    return Article(id=f"a{i:03d}", path=f"{i}.txt", content_hash=f"k-{i}-{batch}", text=f"Texte {i}.",
                   title=f"Titre {i}", language=LANGUAGES[i % 3], outlet=OUTLETS[i // 3 % 3],
                   published=DATES[i % 7], page_date=DATES[(i // 2) % 7])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """90 articles in two saves (two ``last_seen``), the second storing some of the first again (their
    ``last_seen`` moves) and a new version of others (same id, other content)."""
    db = tmp_path_factory.mktemp("filters") / "store.sqlite"
    with Store(db) as s:
        s.save(Corpus(articles=tuple(_article(i, "1") for i in range(60))))
    with Store(db) as s:
        s.save(Corpus(articles=tuple(_article(i, "1") for i in range(0, 60, 4))
                      + tuple(_article(i, "2") for i in range(50, 90))))
    return db


def _rows(db: Path) -> list[dict[str, object]]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(
            "SELECT rowid, id, language, outlet, published, page_date, last_seen FROM articles")]


def _expected(rows: list[dict[str, object]], f: ArticleFilter) -> list[str]:
    """The ids ``f`` lists, by the rules of ArticleFilter: a date is published, else the page's date; a range
    holds an article whose period (``2022-11``: the whole month) overlaps it, inclusive, undated ones out;
    newest or oldest by date with the undated last, ties newest stored first (last_seen, then insertion)."""
    def dated(r: dict[str, object]) -> str | None:
        return r["published"] or r["page_date"]  # type: ignore[return-value]

    kept = [r for r in rows if (not f.language or r["language"] == f.language)
            and (not f.outlet or r["outlet"] == f.outlet)
            and (not f.since or (dated(r) is not None and f"{dated(r)}~" >= f.since))
            and (not f.until or (dated(r) is not None and dated(r) <= f"{f.until}~"))]  # type: ignore[operator]
    kept.sort(key=lambda r: (r["last_seen"], r["rowid"]), reverse=True)
    if f.sort == "newest":
        kept.sort(key=lambda r: (dated(r) is not None, dated(r) or ""), reverse=True)  # stable: ties keep order
    elif f.sort == "oldest":
        kept.sort(key=lambda r: (dated(r) is None, dated(r) or ""))
    return [str(r["id"]) for r in kept]


FILTERS = [ArticleFilter(language, outlet, since, until, sort) for language, outlet, (since, until), sort in
           itertools.product(("fr", None), ("Wire", None), ((None, None), ("2022-11", None), (None, "2022-11-15"),
                                                            ("2022-11-15", "2024")), ("newest", "oldest", None))]


@pytest.mark.parametrize("f", FILTERS, ids=str)
def test_a_filtered_list_is_the_rows_the_rules_give_in_their_order(store: Path, f: ArticleFilter) -> None:
    expected = _expected(_rows(store), f)
    assert expected or f.since  # the filters match something, except some date ranges
    reader = Reader(store)
    for offset, limit in ((0, 200), (0, 7), (5, 7), (len(expected) - 3, 10)):
        page = reader.articles(max(offset, 0), limit, filters=f)
        assert [a["id"] for a in page.items] == expected[max(offset, 0):max(offset, 0) + limit], (offset, limit)
        assert (page.total, page.capped) == (len(expected), False)


def test_the_count_stops_at_the_cap_and_says_so(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_module, "COUNT_CAP", 10)
    f = ArticleFilter(language="fr", sort="oldest")
    expected = _expected(_rows(store), f)
    assert len(expected) > 25
    reader = Reader(store)
    page = reader.articles(0, 5, filters=f)
    assert (page.total, page.capped, [a["id"] for a in page.items]) == (10, True, expected[:5])
    page = reader.articles(20, 5, filters=f)  # counted up to the page's offset and the cap past it
    assert (page.total, page.capped, [a["id"] for a in page.items]) == (min(30, len(expected)), len(expected) > 30,
                                                                       expected[20:25])
    assert reader.articles(0, 5, filters=ArticleFilter(outlet="Wire", language="fr", since="2024")).capped is False


@pytest.mark.parametrize("f", [ArticleFilter(language="fr", outlet="Wire", sort="newest"),
                               ArticleFilter(since="2022-01", until="2022-12", sort="newest"),
                               ArticleFilter(outlet="Wire", sort="oldest"), ArticleFilter(language="en"),
                               ArticleFilter(language="fr", since="2020", until="2025", sort="oldest")], ids=str)
def test_a_filtered_page_is_picked_from_a_covering_index(store: Path, f: ArticleFilter) -> None:
    """The page's rows are found from an index that holds every column filtered and sorted: no row of the table
    (and its text) is read for the matching rows that are not on the page (bench/web_latency.py)."""
    reader = Reader(store)
    traced: list[str] = []
    reader.conn.set_trace_callback(traced.append)
    reader.articles(0, 10, filters=f)
    reader.conn.set_trace_callback(None)
    select = next(s for s in traced if s.startswith("SELECT id, title"))
    plan = [r[3] for r in reader.conn.execute(f"EXPLAIN QUERY PLAN {select}")]
    inner = [step for step in plan if "articles" in step and "PRIMARY KEY" not in step]
    assert inner and all("COVERING INDEX" in step for step in inner), plan


def test_a_schema_11_store_gets_the_indexes_of_12_on_opening(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    with Store(db) as s:
        s.save(Corpus(articles=tuple(_article(i, "1") for i in range(9))))
    with sqlite3.connect(db) as conn:  # as schema 11 left it
        conn.executescript("DROP INDEX articles_outlet_dated; DROP INDEX articles_language_dated; "
                           "DROP INDEX articles_by_date; PRAGMA user_version = 11;")
        conn.executescript(MIGRATIONS[11])
    before = Reader(db).articles(0, 50, filters=ArticleFilter(language="fr", sort="newest")).items
    Store(db).close()  # the writer migrates it
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        conn.executescript(MIGRATIONS[12])  # written to run again as well
    assert {"articles_outlet_dated", "articles_language_dated", "articles_by_date", "articles_outlet"} <= indexes
    assert not {"articles_language", "articles_dated"} & indexes  # the indexes they begin with: replaced
    assert Reader(db).articles(0, 50, filters=ArticleFilter(language="fr", sort="newest")).items == before
