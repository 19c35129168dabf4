"""The CLI through Typer's runner: the report is written, the summary printed, exit codes right."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import SEEDS
from typer.testing import CliRunner

from recoupe.cli import app

runner = CliRunner()


def test_analyze_writes_report_store_and_prints_where(tmp_path: Path) -> None:
    db = tmp_path / "store" / "corpus.sqlite"
    result = runner.invoke(app, ["analyze", str(SEEDS), "--out", str(tmp_path / "out"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"Report: {tmp_path / 'out' / 'index.html'}" in result.output
    assert "5 articles analysed, 0 inputs skipped" in result.output
    assert db.exists()
    assert len(json.loads((tmp_path / "out" / "report.json").read_text())["articles"]) == 5


def test_progress_is_plain_lines_when_piped(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(SEEDS), "--out", str(tmp_path)])
    assert "[5/5] " in result.output  # CliRunner is not a terminal: no progress bar, one line per input


def test_some_bad_inputs_exit_zero_and_are_listed(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "a.txt").write_text((SEEDS / "000_97c0f5abd93d3957.txt").read_text())
    result = runner.invoke(app, ["analyze", str(tmp_path / "in"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert [(i["status"], i["reason"]) for i in report["inputs"]] == [
        ("ok", None), ("skipped", "empty file [R001]")]


def test_nothing_analysed_exits_non_zero_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    result = runner.invoke(app, ["analyze", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "nothing could be analysed" in result.output
    assert "unsupported file type '.docx'" in result.output
    assert not (tmp_path / "out" / "report.json").exists()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("recoupe ")
