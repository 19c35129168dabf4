"""The store's full-text search (schema 10: SQLite FTS5 over the articles' titles and texts)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from recoupe.records import Article, Corpus, InputReport
from recoupe.store import Store
from recoupe.store.reader import ArticleFilter, Reader, search_terms
from recoupe.store.schema import MIGRATIONS, SCHEMA_VERSION, has_fts5

pytestmark = pytest.mark.skipif(not has_fts5(sqlite3.connect(":memory:")), reason="SQLite without FTS5")

ARTICLES = (
    ("erdogan", "Erdoğan reçoit Narychkine à Ankara", "Le président turc a reçu le chef du renseignement russe.", "fr"),
    ("durov", "Telegram founder Durov questioned", "Pavel Durov was questioned in Paris on Sunday.", "en"),
    ("both", "Talks in Ankara", "Officials said Erdogan and Durov never met. A \"quoted\" OR NEAR word, 1=1.", "en"),
    ("other", "Weather", "Rain over Paris all week; the river rose.", "en"),
)


def _store(db: Path) -> None:
    articles = tuple(Article(id=i, path=f"{i}.txt", content_hash=f"k-{i}", text=text, title=title, language=lang)
                     for i, title, text, lang in ARTICLES)
    with Store(db) as store:
        store.save(Corpus(inputs=(InputReport("in", "ok", None, tuple(a.id for a in articles)),), articles=articles))


@pytest.fixture
def reader(tmp_path: Path) -> Reader:
    _store(tmp_path / "s.sqlite")
    return Reader(tmp_path / "s.sqlite")


def _found(reader: Reader, text: str, **kw: object) -> list[str]:
    page = reader.articles(0, 50, text=text, **kw)  # type: ignore[arg-type]
    assert page.total == len(page.items)
    return [a["id"] for a in page.items]


def test_accents_and_case_are_folded(reader: Reader) -> None:
    assert sorted(_found(reader, "erdogan")) == ["both", "erdogan"]  # "Erdoğan" in one title, "Erdogan" in a text
    assert sorted(_found(reader, "ERDOĞAN")) == ["both", "erdogan"]
    assert _found(reader, "narychkine recu") == ["erdogan"]  # "reçu" in its text
    assert sorted(_found(reader, "Durov")) == ["both", "durov"]


def test_words_in_any_order_all_of_them_and_best_match_first(reader: Reader) -> None:
    assert _found(reader, "Ankara Erdogan") == _found(reader, "erdogan ankara")
    assert sorted(_found(reader, "Ankara Erdogan")) == ["both", "erdogan"]
    assert _found(reader, "Paris Durov") == ["durov"]  # "both" names Durov, not Paris
    assert _found(reader, "ankara erdogan")[0] == "erdogan"  # both words in its title: ranked first (bm25)
    assert _found(reader, "Durov zeppelinqx") == []  # one word absent: nothing
    assert _found(reader, "zeppelinqx") == []


def test_fts_syntax_in_the_query_is_literal(reader: Reader) -> None:
    for query in ('"a" OR', "OR", "NEAR(durov paris)", "durov*", "-durov", "durov AND", "title:durov", '"', "^durov",
                  "(", "*", "durov)"):
        reader.articles(0, 10, text=query)  # never an FTS5 syntax error
    assert _found(reader, '"quoted" OR') == ["both"]  # OR is a word here, not an operator
    assert _found(reader, "rain OR durov") == []  # no article has the three words
    assert _found(reader, "title:durov") == []  # not a column filter: "title:durov" is not in any text as written
    assert _found(reader, "1=1") == ["both"]  # a word with punctuation is searched as written
    assert _found(reader, "1=2") == []
    assert _found(reader, "%") == []  # no wildcard: none of the texts has a "%"


def test_search_with_filters(reader: Reader) -> None:
    assert sorted(_found(reader, "Durov", filters=ArticleFilter(language="en"))) == ["both", "durov"]
    assert sorted(_found(reader, "Durov", filters=ArticleFilter(language="en", sort="newest"))) == ["both", "durov"]
    assert _found(reader, "Durov", filters=ArticleFilter(language="fr")) == []


def test_the_index_follows_changes_of_titles_and_texts(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    _store(db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET text = 'Snow over Lyon.' WHERE id = 'other'")
        conn.execute("UPDATE articles SET last_seen = 'later' WHERE id = 'durov'")  # not a text change
        conn.execute("DELETE FROM articles WHERE id = 'both'")
        assert conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    reader = Reader(db)
    assert _found(reader, "lyon") == ["other"] and _found(reader, "rain") == []
    assert _found(reader, "durov") == ["durov"]


def test_a_store_of_schema_9_gets_its_index_on_opening(tmp_path: Path) -> None:
    """A store as schema 9 left it (no index; MIGRATIONS[10] undone) is searched by substring until the writer
    opens it, which builds its index once from the stored rows."""
    db = tmp_path / "old.sqlite"
    _store(db)
    assert "articles_fts" in MIGRATIONS[10]
    with sqlite3.connect(db) as conn:
        conn.executescript("DROP TABLE articles_fts; DROP TRIGGER IF EXISTS articles_fts_insert; "
                           "DROP TRIGGER IF EXISTS articles_fts_delete; DROP TRIGGER IF EXISTS articles_fts_update; "
                           "PRAGMA user_version = 9;")
    old = Reader(db)  # served before its migration: searched by substring, whole query as written
    assert old.articles(0, 10, text="Erdogan").total == 1 and old.articles(0, 10, text="Ankara Erdogan").total == 0
    old.close()
    Store(db).close()  # the writer migrates it
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'ankara'").fetchone()[0] == 2
    assert sorted(_found(Reader(db), "Ankara Erdogan")) == ["both", "erdogan"]


def test_search_terms() -> None:
    assert search_terms('Erdoğan "a" OR 1=1 %') == (['"Erdoğan"', '"""a"""', '"OR"', '"1=1"'], ['"a"', "1=1", "%"])
