"""Identity and versions (issue 15, item 1): an article is keyed by its raw text, its metadata and the analyser;
the same text sent again with other metadata is a new version, kept beside the stored one, which never changes;
a stored row that does not fit its parse or its neighbours is repaired or reported, never a crash of later runs."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from recoupe.cli import app

TEXT = ("Le directeur de la CIA, Bill Burns, a rencontré lundi à Ankara Sergueï Narychkine, le chef du "
        "renseignement extérieur russe, a confirmé la Maison Blanche mardi à la presse. « Il n'a pas négocié », "
        "a déclaré un porte-parole.")
IDENTITY = ("title", "url", "outlet", "published", "page_date", "text", "removed", "credits", "first_seen")


def _analyze(*args: str) -> str:
    result = CliRunner().invoke(app, ["analyze", *args])
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def _rows(db: Path) -> dict[str, dict[str, object]]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return {row["id"]: dict(row) for row in conn.execute("SELECT * FROM articles ORDER BY rowid")}


def _store(seeds_run: Path, tmp_path: Path) -> Path:
    db = tmp_path / "store.sqlite"
    shutil.copy(seeds_run / "recoupe.sqlite", db)
    return db


def test_known_text_under_another_title_is_a_new_version_and_the_store_stays_usable(
        seeds_run: Path, tmp_path: Path) -> None:
    """The issue's reproduction: 004's text sent again as JSON under another title. Before, the row was overwritten
    and paired with the old parse: IndexError, and every later analysis of the store exited 1."""
    db = _store(seeds_run, tmp_path)
    (seed,) = SEEDS.glob("004_*.txt")
    again = tmp_path / "again.json"
    again.write_text(json.dumps({"text": seed.read_text(encoding="utf-8"), "title": "Secret talks in Ankara"}),
                     encoding="utf-8")
    before = _rows(db)

    _analyze(str(again), "--out", str(tmp_path / "one"), "--db", str(db))
    _analyze(str(SEEDS), "--out", str(tmp_path / "two"), "--db", str(db))  # and every later run goes on
    _analyze(str(again), "--out", str(tmp_path / "three"), "--db", str(db))

    rows = _rows(db)
    assert len(rows) == 6  # both versions kept, nothing stored twice
    for ident, row in before.items():  # every stored version as it was
        assert {f: rows[ident][f] for f in IDENTITY} == {f: row[f] for f in IDENTITY}
    version = rows[f"{seed.stem}~v2"]
    assert version["title"] == "Secret talks in Ankara"
    assert (version["version"], version["version_of"]) == (2, seed.stem)
    assert version["first_seen"] >= rows[seed.stem]["first_seen"]
    report = json.loads((tmp_path / "two" / "report.json").read_text(encoding="utf-8"))
    shown = {a["id"]: (a["version"], a["version_of"]) for a in report["articles"]}
    assert shown[seed.stem] == (1, None) and shown[f"{seed.stem}~v2"] == (2, seed.stem)
    page = (tmp_path / "two" / "index.html").read_text(encoding="utf-8")
    # the seeds are French, and so is their report
    assert f'2, de <a href="#article-{seed.stem}">{seed.stem}</a> (le même texte avec d’autres métadonnées)' in page
    (note,) = [i["reason"] for i in json.loads((tmp_path / "one" / "report.json").read_text())["inputs"]]
    assert f"same text as article {seed.stem}" in note and "version 2" in note


def test_known_text_with_other_metadata_never_changes_the_stored_version(tmp_path: Path) -> None:
    """Before, the same text meant the same id: a second submission silently replaced the stored title, URL,
    outlet and published date."""
    from recoupe.pipeline import analyze, save
    from recoupe.store import Store

    (tmp_path / "burns.json").write_text(json.dumps({
        "text": TEXT, "title": "Burns à Ankara", "url": "https://one.example/burns", "date_publish": "2022-11-14"}))
    (tmp_path / "forged.json").write_text(json.dumps({
        "text": TEXT, "title": "Rencontre secrète", "url": "https://two.example/x", "date_publish": "2021-01-01"}))
    db = tmp_path / "store.sqlite"
    with Store(db) as store:
        save(analyze([tmp_path / "burns.json"], store=store), store)
    stored = _rows(db)["burns"]
    with Store(db) as store:
        corpus, _ = save(analyze([tmp_path / "forged.json"], store=store), store)
    rows = _rows(db)
    assert {f: rows["burns"][f] for f in IDENTITY} == {f: stored[f] for f in IDENTITY}
    assert (stored["title"], stored["url"], stored["outlet"], stored["published"]) == (
        "Burns à Ankara", "https://one.example/burns", "one.example", "2022-11-14")
    forged = rows["burns~v2"]
    assert (forged["title"], forged["url"], forged["outlet"], forged["published"]) == (
        "Rencontre secrète", "https://two.example/x", "two.example", "2021-01-01")
    assert [i.articles for i in corpus.inputs] == [("burns~v2",)]
    assert {a.id: a.version_of for a in corpus.articles} == {"burns": None, "burns~v2": "burns"}


def test_an_upload_of_known_text_with_other_metadata_keeps_the_stored_article(seeds_run: Path,
                                                                              tmp_path: Path) -> None:
    """Through the web app: the upload is a new version, the stored article's metadata unchanged."""
    from fastapi.testclient import TestClient
    from web._jobs import added

    from recoupe.web import create_app

    db = _store(seeds_run, tmp_path)
    (seed,) = SEEDS.glob("004_*.txt")
    client = TestClient(create_app(db), raise_server_exceptions=False)
    before = client.get(f"/api/articles/{seed.stem}").json()
    response = client.post("/api/articles", json={"text": seed.read_text(encoding="utf-8"), "title": "Forged",
                                                  "url": "https://forged.example/a", "published": "2020-01-01"})
    assert added(client, response) == [f"{seed.stem}~v2"]
    after = client.get(f"/api/articles/{seed.stem}").json()
    assert {f: after[f] for f in ("title", "url", "outlet", "published", "text")} == {
        f: before[f] for f in ("title", "url", "outlet", "published", "text")}
    assert client.get(f"/api/articles/{seed.stem}~v2").json()["title"] == "Forged"
    still_usable = client.post("/api/articles", json={"text": "Le ministre a parlé lundi devant les députés réunis "
                                                              "à Paris pour le vote de la loi."})
    assert len(added(client, still_usable)) == 1


def test_one_text_twice_in_a_run_with_other_titles_keeps_both(tmp_path: Path) -> None:
    """Before, the second input was dropped as "same content"; one read the same is still one article."""
    from recoupe import analyze

    for name, record in (("a", {"text": TEXT, "title": "Un"}), ("b", {"text": TEXT, "title": "Deux"}),
                         ("c", {"text": TEXT, "title": "Un", "language": "fr"})):  # c reads exactly as a
        (tmp_path / f"{name}.json").write_text(json.dumps(record))
    corpus = analyze([tmp_path])
    assert [(a.id, a.title, a.version, a.version_of) for a in corpus.articles] == [
        ("a", "Un", 1, None), ("a~v2", "Deux", 2, "a")]
    assert [i.articles for i in corpus.inputs] == [("a",), ("a~v2",), ("a",)]
    assert "kept beside it as its version 2" in (corpus.inputs[1].reason or "")
    assert "same content as article a" in (corpus.inputs[2].reason or "")


def test_inconsistent_stored_rows_are_repaired_and_recorded_not_a_crash(seeds_run: Path, tmp_path: Path) -> None:
    """Rows corrupted with SQL: a parse of another article under an article's key (what the old defect left),
    bytes that are no parse, an id held by two rows, removed lines that are not JSON, a text changed since it was
    stored. The next analysis exits 0, and each is repaired and recorded; the one after finds nothing to repair."""
    import spacy

    from recoupe import nlp
    from recoupe.identity import parse_key
    from recoupe.store import Store

    db = _store(seeds_run, tmp_path)
    before = _rows(db)
    ids = sorted(before)
    parse = {i: parse_key(str(before[i]["hash"]), str(before[i]["text"])) for i in ids}
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE parses SET data = (SELECT data FROM parses WHERE hash = ?) WHERE hash = ?",
                     (parse[ids[2]], parse[ids[0]]))  # 000 paired with 002's parse
        conn.execute("UPDATE parses SET data = x'00ff' WHERE hash = ?", (parse[ids[4]],))
        conn.execute("UPDATE articles SET id = ? WHERE id = ?", (ids[0], ids[1]))  # 001 under 000's id
        conn.execute("UPDATE articles SET removed = 'not json' WHERE id = ?", (ids[3],))
        conn.execute("UPDATE articles SET text = text || ' Fin.' WHERE id = ?", (ids[2],))

    _analyze(str(SEEDS), "--out", str(tmp_path / "out"), "--db", str(db))
    _analyze(str(SEEDS), "--out", str(tmp_path / "again"), "--db", str(db))  # and the next one too

    rows = _rows(db)
    renamed = f"{ids[0]}~2"
    assert list(rows) == [ids[0], renamed, *ids[2:]]  # the id held twice: the second row renamed
    for ident, now in zip(ids, rows.values(), strict=True):  # the rest is what was stored, read from the inputs
        assert {f: now[f] for f in IDENTITY} == {f: before[ident][f] for f in IDENTITY}
    french = nlp.model("fr")
    assert french is not None
    model = f"fr_{french.meta['name']}-{french.meta['version']}"
    with Store(db) as store:
        log = {i: [event for _, event, _ in store.log_of(i)] for i in rows}
        for article in store.articles():  # every parse stored now fits its article
            if article.language == "fr":
                key = parse_key(article.content_hash, article.text)
                (doc,) = spacy.tokens.DocBin().from_bytes(store.parses(model, [key])[key]).get_docs(french.vocab)
                assert doc.text == article.text.translate(nlp._SPACES)
    assert log == {ids[0]: ["parsed again"], renamed: ["renamed"], ids[2]: ["re-read"],
                   ids[3]: ["repaired", "re-read"], ids[4]: ["parsed again"]}
    report = json.loads((tmp_path / "again" / "report.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in report["articles"]] == list(rows)


@pytest.mark.parametrize("broken", [False, True])
def test_a_store_of_before_versions_migrates_and_its_files_read_again_are_the_same_articles(
        tmp_path: Path, broken: bool) -> None:
    """A schema 6 store (rows keyed by the raw text's hash, parses by the row's key) opens as version 7. Its files
    read again are the stored articles, not new versions. ``broken``: the store as the old defect left it, 004's row
    overwritten by another submission and paired with the old parse: the next analysis exits 0."""
    from spacy.tokens import DocBin

    from recoupe import analyze, nlp
    from recoupe.store import SCHEMA_VERSION, Store
    from recoupe.store.schema import MIGRATIONS

    corpus = analyze([SEEDS])
    docs = nlp.parse(corpus.articles)
    db = tmp_path / "old.sqlite"
    with sqlite3.connect(db) as conn:
        for step in range(1, 7):
            conn.executescript(MIGRATIONS[step])
        conn.execute("PRAGMA user_version = 6")
        for a in corpus.articles:
            title, text = (("Secret talks in Ankara", a.text + " Autre.") if broken and a.id.startswith("004")
                           else (a.title, a.text))
            conn.execute(
                "INSERT INTO articles (hash, id, path, url, title, outlet, published, page_date, language, "
                "title_language, text, removed, credits, story, first_seen, last_seen, page_date_note) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (a.raw_hash, a.id, a.path, a.url, title, a.outlet, a.published, a.page_date, a.language,
                 a.title_language, text, json.dumps([{"text": r.text, "reason": r.reason} for r in a.removed]),
                 json.dumps(list(a.credits)), a.story, "2025-01-01T00:00:00+00:00", "2025-01-01T00:00:00+00:00",
                 a.page_date_note))
            model = nlp.model(a.language or "")
            assert model is not None
            conn.execute("INSERT INTO parses (hash, model, data) VALUES (?, ?, ?)", (
                a.raw_hash, f"{model.meta['lang']}_{model.meta['name']}-{model.meta['version']}",
                DocBin(docs=[docs[a.id]]).to_bytes()))
    with Store(db) as store:
        stored = store.articles()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [(a.content_hash, a.raw_hash, a.version) for a in stored] == [
        (a.raw_hash, a.raw_hash, 1) for a in corpus.articles]  # the old keys kept

    _analyze(str(SEEDS), "--out", str(tmp_path / "out"), "--db", str(db))
    rows = _rows(db)
    kept = [a.id for a in corpus.articles if not (broken and a.id.startswith("004"))]
    assert [i for i in rows if i in kept] == kept
    assert all(rows[i]["hash"] == rows[i]["raw_hash"] for i in kept)  # read again: the stored articles
    (seed,) = SEEDS.glob("004_*.txt")
    with sqlite3.connect(db) as conn:
        parses = conn.execute("SELECT count(*) FROM parses").fetchone()[0]
    if broken:  # the row the defect overwrote stays as it is, parsed again; the file is its version 2
        assert rows[seed.stem]["title"] == "Secret talks in Ankara" and f"{seed.stem}~v2" in rows
        assert len(rows) == 6 and parses == 6
        with Store(db) as store:
            assert [event for _, event, _ in store.log_of(seed.stem)] == ["parsed again"]
    else:  # every stored parse reused: none made again
        assert len(rows) == 5 and parses == 5
