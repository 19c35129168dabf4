"""The store's writer: articles keyed by content, never stored twice, nothing lost; what it stores reads back."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import SEEDS

from recoupe import analyze
from recoupe.records import Article
from recoupe.store import Store


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_same_corpus_twice_stores_nothing_twice(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    corpus = analyze([SEEDS])
    with Store(db) as store:
        store.save(corpus)
        store.save(analyze([SEEDS]))
        articles = store.articles()
    assert _count(db, "articles") == 5
    assert _count(db, "runs") == 2
    assert [a.id for a in articles] == [a.id for a in corpus.articles]
    assert articles == list(corpus.articles)  # every field round-trips, removals with their reasons


def test_adding_files_keeps_what_is_stored(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    first = sorted(SEEDS.glob("*.txt"))[:2]
    with Store(db) as store:
        store.save(analyze(first))
        store.save(analyze([sorted(SEEDS.glob("*.txt"))[4]]))
        ids = [a.id[:3] for a in store.articles()]
    assert ids == ["000", "001", "004"]


def test_unwritable_store_is_a_clear_error(tmp_path: Path) -> None:
    import pytest

    from recoupe import StoreError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(blocker / "r.sqlite")


def test_entities_and_quotes_round_trip(tmp_path: Path) -> None:
    from recoupe.records import Corpus, Entity, Mention, Quote

    corpus = analyze([SEEDS])
    extra = Corpus(
        inputs=corpus.inputs, articles=corpus.articles,
        entities=(Entity("e-1", "Bill Burns", "PER",
                         (Mention("a", "Burns", 3, 8), Mention("b", "Bill Burns", 0, 10))),),
        quotes=(Quote("q-1", "a", "rien", 10, 14, "Burns", "e-1", "named", True, "g-1"),))
    with Store(tmp_path / "r.sqlite") as store:
        run = store.save(extra)
        assert store.latest_run() == run
        assert store.entities(run) == list(extra.entities)
        assert store.quotes(run) == list(extra.quotes)


def test_stories_are_stored_with_origins(tmp_path: Path) -> None:
    corpus = analyze([SEEDS])
    with Store(tmp_path / "r.sqlite") as store:
        run = store.save(corpus)
        (story,) = store.stories(run)
    assert sorted(story["articles"]) == sorted(a.id for a in corpus.articles)
    assert {o["label"] for o in story["origins"]} == {"Anadolu", "RT", "CNN"}
    assert {"claims", "timeline", "brief"} <= set(story)


def test_an_id_stored_meanwhile_for_other_content_is_not_taken_twice(tmp_path: Path) -> None:
    """Two writers read the same store, then each stores a new article under the id "x": the second is "x~2"."""
    from dataclasses import replace

    articles = analyze(sorted(SEEDS.glob("*.txt"))[:3]).articles
    one, other, third = (replace(a, id="x") for a in articles)
    with Store(tmp_path / "r.sqlite") as first, Store(tmp_path / "r.sqlite") as second:
        assert first.save_articles([one]) == {one.content_hash: "x"}
        assert second.save_articles([other, third]) == {other.content_hash: "x~2", third.content_hash: "x~3"}
        assert second.save_articles([one]) == {one.content_hash: "x"}  # stored content keeps its id
        assert [a.id for a in first.articles()] == ["x", "x~2", "x~3"]


def _article(key: str, title: str, raw: str = "raw-1", ident: str = "x", text: str = "Le texte.") -> Article:
    return Article(id=ident, path=f"{ident}.json", content_hash=key, raw_hash=raw, text=text, title=title,
                   url=f"https://{key}.example/", outlet=f"{key}.example", published="2022-11-14")


def test_known_text_with_other_metadata_is_a_new_version_never_an_overwrite(tmp_path: Path) -> None:
    """Issue 15: the same raw text under another key (other title, URL, date) is stored beside the first version."""
    first, forged, third = _article("k1", "Vrai"), _article("k2", "Faux", ident="y"), _article("k3", "Autre")
    with Store(tmp_path / "r.sqlite") as store:
        assert store.save_articles([first]) == {"k1": "x"}
        stored = store.articles()
        assert store.save_articles([forged, third]) == {"k2": "x~v2", "k3": "x~v3"}
        assert store.save_articles([forged]) == {"k2": "x~v2"}  # the same version again: nothing new
        articles = store.articles()
    assert articles[0] == stored[0]  # the first version as it was stored
    assert [(a.id, a.title, a.url, a.version, a.version_of) for a in articles] == [
        ("x", "Vrai", "https://k1.example/", 1, None), ("x~v2", "Faux", "https://k2.example/", 2, "x"),
        ("x~v3", "Autre", "https://k3.example/", 3, "x")]


def test_an_input_that_reads_as_a_stored_version_is_that_version(tmp_path: Path) -> None:
    """Another key (a store of an older recoupe, metadata that changes nothing) but the same reading of the same
    raw text: the stored version's key and id come back, and nothing is stored."""
    from dataclasses import replace

    with Store(tmp_path / "r.sqlite") as store:
        store.save_articles([_article("old-key", "Vrai")])
        again = replace(_article("old-key", "Vrai"), content_hash="new-key", id="other")
        (version,) = store.save_versions([again]).values()
        assert (version.content_hash, version.id) == ("old-key", "x")
        assert len(store.articles()) == 1


def test_unreadable_rows_and_an_id_held_twice_are_repaired_with_a_record(tmp_path: Path) -> None:
    db = tmp_path / "r.sqlite"
    with Store(db) as store:
        store.save_articles([_article("k1", "A", raw="r1"), _article("k2", "B", raw="r2", ident="y"),
                             _article("k3", "C", raw="r3", ident="z")])
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE articles SET id = 'x' WHERE id = 'y'")
        conn.execute("UPDATE articles SET removed = '{\"not\": \"a list\"}', credits = 'nope' WHERE id = 'z'")
    with Store(db) as store:
        articles = store.articles()
        assert [(a.id, a.removed, a.credits) for a in articles] == [("x", (), ()), ("x~2", (), ()), ("z", (), ())]
        assert store.articles() == articles  # repaired once, for good
        assert [e for _, e, _ in store.log_of("x~2")] == ["renamed"]
        assert [e for _, e, _ in store.log_of("z")] == ["repaired", "repaired"]
        assert "'nope'" in store.log_of("z")[1][2]  # what was replaced is kept in the record


def test_story_changes_accumulate_and_lead_an_old_id_to_the_story_of_each_run(tmp_path: Path) -> None:
    """Issue 17: each analysis stores the changes of story ids it knows (the store's and its own), each once; an
    old id resolves, in each run, to the story that tells it there."""
    from recoupe.records import Corpus, Story, StoryChange
    from recoupe.store import Reader

    articles = tuple(_article(f"k-{i}", i, raw=f"r-{i}", ident=i) for i in "abc")
    merged = StoryChange("s-a", "s-b", "merged_into", "1")
    again = StoryChange("s-b", "s-c", "merged_into", "2")
    runs = [(Story("s-a", "A", ("a",)), Story("s-b", "B", ("b",)), Story("s-c", "C", ("c",))),
            (Story("s-b", "B", ("a", "b"), previous_ids=("s-a",)), Story("s-c", "C", ("c",))),
            (Story("s-c", "C", ("a", "b", "c"), previous_ids=("s-a", "s-b")),)]
    known = [(), (merged,), (merged, again)]
    db = tmp_path / "r.sqlite"
    with Store(db) as store:
        for stories, changes in zip(runs, known, strict=True):
            store.save(Corpus(articles=articles, stories=stories, story_changes=changes))
        assert store.story_changes() == [merged, again]  # the change of run 1 kept once
        assert store.story_articles(3) == {"s-c": ("a", "b", "c")}
    reader = Reader(db)
    try:
        assert [reader.story_now(run, "s-a") for run in (1, 2, 3)] == ["s-a", "s-b", "s-c"]
        assert reader.story_now(3, "s-never") is None
    finally:
        reader.close()


def test_a_store_served_before_its_migration_has_no_story_changes(tmp_path: Path) -> None:
    """The web app reads a store without migrating it: one of schema 8 answers that an unknown id leads nowhere."""
    from recoupe.store import Reader

    db = tmp_path / "r.sqlite"
    Store(db).close()
    with sqlite3.connect(db) as conn:  # as a store of schema 8 was: the same, but for the table of step 9
        conn.execute("DROP TABLE story_changes")
        conn.execute("PRAGMA user_version = 8")
        conn.execute("INSERT INTO runs (id, started, articles, skipped) VALUES (1, 't0', 0, 0)")
    reader = Reader(db)
    try:
        assert reader.story_now(1, "s-a") is None
    finally:
        reader.close()
    with Store(db) as store:  # the writer migrates it
        assert store.story_changes() == []
