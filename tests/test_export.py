"""`recoupe export`: every table of a store analysed from the seeds, as CSV and NDJSON, against report.json
(issue 20); and the CSV cells of awkward values."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from recoupe import export
from recoupe.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def store(seeds_run: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("export") / "store.sqlite"
    shutil.copy(seeds_run / "recoupe.sqlite", db)
    return db


def _csv(store: Path, tmp_path: Path, *args: str) -> list[dict[str, str]]:
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["export", "--db", str(store), *args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        assert tuple(reader.fieldnames or ()) == export.COLUMNS[args[0]]
        return list(reader)


def test_every_table_has_the_reports_rows(store: Path, seeds_report: dict, tmp_path: Path) -> None:
    supports = [s for c in seeds_report["claims"] for s in c["support"]]
    expected = {"articles": len(seeds_report["articles"]), "stories": len(seeds_report["stories"]),
                "claims": len(supports), "quotes": len(seeds_report["quotes"]), "reuse": len(seeds_report["reuse"]),
                "entities": len(seeds_report["entities"]), "runs": 1}
    assert all(expected.values())
    for table, count in expected.items():
        assert len(_csv(store, tmp_path, table)) == count, table


def test_values_round_trip_with_their_outlet(store: Path, seeds_report: dict, tmp_path: Path) -> None:
    outlet = {a["id"]: a["outlet"] or "" for a in seeds_report["articles"]}  # CSV: an empty cell for none
    assert any(outlet.values())
    articles = {r["id"]: r for r in _csv(store, tmp_path, "articles")}
    for a in seeds_report["articles"]:
        assert (articles[a["id"]]["title"], articles[a["id"]]["outlet"]) == (a["title"], a["outlet"] or "")
    quotes = {r["id"]: r for r in _csv(store, tmp_path, "quotes")}
    for q in seeds_report["quotes"]:
        row = quotes[q["id"]]
        assert (row["text"], row["article"], int(row["start"])) == (q["text"], q["article"], q["start"])
        assert row["outlet"] == outlet[q["article"]] and row["direct"] == str(q["direct"]).lower()
    assert any("," in q["text"] or '"' in q["text"] for q in seeds_report["quotes"])  # quoted cells were tested
    claims = _csv(store, tmp_path, "claims")
    by_claim = {(r["id"], r["article"], int(r["start"])): r for r in claims}
    for c in seeds_report["claims"]:
        for s in c["support"]:
            row = by_claim[(c["id"], s["article"], s["start"])]
            assert (row["status"], row["text"], row["sentence"]) == (c["status"], c["text"], s["text"])
            assert row["outlet"] == (s["outlet"] or "") == outlet[s["article"]]
    reuse = _csv(store, tmp_path, "reuse")
    assert [(r["source"], r["target"], r["kind"]) for r in reuse] == [
        (e["source"], e["target"], e["kind"]) for e in seeds_report["reuse"]]
    assert all(r["source_outlet"] == outlet[r["source"]] and r["target_outlet"] == outlet[r["target"]]
               for r in reuse)


def test_ndjson_keeps_json_types(store: Path, seeds_report: dict) -> None:
    result = runner.invoke(app, ["export", "--db", str(store), "quotes", "--format", "ndjson"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == len(seeds_report["quotes"])
    first = json.loads(lines[0])
    assert tuple(first) == export.COLUMNS["quotes"]
    report_quote = next(q for q in seeds_report["quotes"] if q["id"] == first["id"])
    assert {k: first[k] for k in report_quote} == report_quote  # booleans, numbers and nulls as the report has them


def test_story_and_run_narrow_the_rows(store: Path, seeds_report: dict, tmp_path: Path) -> None:
    story = seeds_report["stories"][0]["id"]
    claims = _csv(store, tmp_path, "claims", "--story", story, "--run", "1")
    assert len(claims) == sum(len(c["support"]) for c in seeds_report["claims"] if c["story"] == story)
    assert {r["story"] for r in claims} == {story}
    assert len(_csv(store, tmp_path, "articles", "--story", story)) == len(seeds_report["stories"][0]["articles"])
    assert [r["id"] for r in _csv(store, tmp_path, "stories", "--story", story)] == [story]


@pytest.mark.parametrize("args, message", [
    (["bogus"], "no table 'bogus'"),
    (["claims", "--format", "xml"], "--format: 'xml' is not one of csv, ndjson"),
    (["claims", "--story", "s-nope"], "no story s-nope in analysis 1 [R500]"),
    (["claims", "--run", "9"], "no analysis 9 in the store [R500]"),
    (["entities", "--story", "s-nope"], "--story: entities are not kept by story")])
def test_refusals_name_the_problem(store: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["export", "--db", str(store), *args])
    assert result.exit_code == 2 and message in result.output, result.output


def test_a_missing_or_foreign_store_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "none.sqlite"), "articles"])
    assert result.exit_code == 2 and "no such store file" in result.output
    (tmp_path / "notes.sqlite").write_text("not a database, " * 100)
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "notes.sqlite"), "articles"])
    assert result.exit_code == 2 and "cannot read the store" in result.output


def test_never_writes_over_the_store(store: Path) -> None:
    before = store.read_bytes()
    result = runner.invoke(app, ["export", "--db", str(store), "articles", "--out", str(store)])
    assert result.exit_code == 2 and "is the store (--db)" in result.output
    assert store.read_bytes() == before


def test_the_file_is_written_whole(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "entities.csv"
    out.write_text("an earlier export\n")
    result = runner.invoke(app, ["export", "--db", str(store), "entities", "-o", str(out)])
    assert result.exit_code == 0 and "rows of entities written to" in result.output
    assert out.read_bytes().startswith(b"id,name,type,mentions\r\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entities.csv"]  # no .part file left


def test_csv_cells_of_awkward_values() -> None:
    rows = [{"id": "q-1", "article": "a", "outlet": None, "text": 'Il a dit : "non, jamais".\nPuis =1+1', "start": 0,
             "end": 9, "speaker": "Élise Dupont", "speaker_entity": None, "speaker_kind": "named", "direct": True,
             "group": None}]
    out = io.StringIO(newline="")
    assert export.write("quotes", rows, "csv", out) == 1
    (row,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert row["text"] == rows[0]["text"] and row["outlet"] == "" and row["direct"] == "true"
    assert row["speaker"] == "Élise Dupont"
    claim = {"id": "c-1", "story": "s", "status": "conflicting", "independent_origins": 2, "text": "t",
             "conflicts_with": ["c-2", "c-3"], "support": []}
    (flat,) = export.rows("claims", [claim], None)  # type: ignore[arg-type]  # claims need no lookup
    assert flat["conflicts_with"] == ["c-2", "c-3"] and flat["article"] is None
    out = io.StringIO(newline="")
    export.write("claims", [flat], "csv", out)
    assert next(csv.DictReader(io.StringIO(out.getvalue())))["conflicts_with"] == "c-2; c-3"
