"""The CLI through Typer's runner: the report is written, the summary printed, exit codes right."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from conftest import SEEDS
from rich.console import Console
from typer.testing import CliRunner

from recoupe import cli
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


# -- names from the input reach the terminal as text, never as markup or escape sequences (issue 15, item 6) --

HOSTILE = {"a[/]b.txt": "000", "[bold red]x[/].txt": "001", "\x1b[31mrouge\x1b[0m.txt": "002"}


def _hostile_input(tmp_path: Path) -> Path:
    """Three seeds under names holding rich markup and an escape sequence; an empty file with one too."""
    root = tmp_path / "in"
    for name, seed in HOSTILE.items():
        path = root / name  # "a[/]b.txt" is the file "]b.txt" in the folder "a["
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(next(SEEDS.glob(f"{seed}_*.txt")).read_text(encoding="utf-8"), encoding="utf-8")
    (root / "vide [").mkdir()
    (root / "vide [/] \x1b]0;titre\x07.txt").write_text("")
    return root


@pytest.mark.parametrize("terminal", [False, True], ids=["piped", "terminal"])
def test_names_with_markup_and_escapes_are_printed_literally(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             terminal: bool) -> None:
    _hostile_input(tmp_path)
    monkeypatch.chdir(tmp_path)  # short relative paths: the table does not fold them
    screen = io.StringIO()
    if terminal:  # the progress bar's descriptions are markup too
        monkeypatch.setattr(cli, "console", Console(file=screen, force_terminal=True, width=200))
    result = runner.invoke(app, ["analyze", "in", "--out", "out"])
    assert result.exit_code == 0, result.output
    shown = result.output + screen.getvalue()
    for literal in ("in/a[/]b.txt", "in/[bold red]x[/].txt", "in/\\x1b[31mrouge\\x1b[0m.txt",
                    "in/vide [/] \\x1b]0;titre\\x07.txt"):
        assert literal in shown, literal
    assert "\x1b[31mrouge" not in shown and "\x1b]0;" not in shown and "\x07" not in shown
    if not terminal:
        assert "\x1b" not in shown
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)  # rich's own colours, on a terminal
    assert "3 articles analysed, 1 input skipped" in plain
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert sorted(i["path"] for i in report["inputs"]) == sorted(f"in/{n}" for n in [*HOSTILE,
                                                                                     "vide [/] \x1b]0;titre\x07.txt"])


def test_nothing_analysed_prints_hostile_names_literally(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "in" / "[").mkdir(parents=True)
    (tmp_path / "in" / "[/]notes\x1b[2J.docx").write_bytes(b"PK\x03\x04")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["analyze", "in", "--out", "out"])
    assert result.exit_code == 1
    assert "in/[/]notes\\x1b[2J.docx: unsupported file type '.docx'" in result.output
    assert "\x1b" not in result.output


# -- --out: checked before the run, and never read back as input (item 7) ---------------------------

def test_out_inside_the_input_folder_is_not_read_back(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        (root / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    out = root / "rapport"
    for run in range(2):
        result = runner.invoke(app, ["analyze", str(root), "--out", str(out)])
        assert result.exit_code == 0, result.output
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        assert len(report["articles"]) == 2, run  # not report.json and index.html as articles
        assert [(i["path"], i["status"], i["reason"]) for i in report["inputs"] if "R021" in (i["reason"] or "")] == [
            (str(out), "skipped", "left out of the inputs: the output folder of this run (--out) [R021]")]
        assert not any(i["path"].startswith(str(out) + "/") for i in report["inputs"])
        assert "2 articles analysed" in result.output


def test_out_that_is_the_input_folder_leaves_out_the_report_files(tmp_path: Path) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0]
    (tmp_path / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    for _ in range(2):
        result = runner.invoke(app, ["analyze", str(tmp_path), "--out", str(tmp_path)])
        assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert len(report["articles"]) == 1
    codes = {Path(i["path"]).name: i["reason"] for i in report["inputs"] if i["status"] == "skipped"}
    assert set(codes) == {"index.html", "report.json", "recoupe.sqlite", "recoupe.sqlite-wal", "recoupe.sqlite-shm"}
    assert all("[R021]" in reason for reason in codes.values())


def test_out_naming_a_file_fails_before_anything_is_read(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text((SEEDS / "000_97c0f5abd93d3957.txt").read_text(encoding="utf-8"))
    taken = tmp_path / "rapport.html"
    taken.write_text("<p>le rapport d'hier</p>")
    db = tmp_path / "store.sqlite"
    result = runner.invoke(app, ["analyze", str(tmp_path / "in"), "--out", str(taken), "--db", str(db)])
    assert result.exit_code == 2, result.output
    assert f"--out {taken} is a file, not a folder" in " ".join(result.output.split())
    assert not db.exists()  # nothing read, nothing stored
    assert taken.read_text() == "<p>le rapport d'hier</p>"


def test_a_file_name_that_is_not_utf8_is_read_stored_and_printed(tmp_path: Path) -> None:
    import os

    root = tmp_path / "in"
    root.mkdir()
    name = os.fsdecode(b"d\xe9p\xeache-\x1b[2J.txt")  # Latin-1 bytes: Python holds them as lone surrogates
    (root / name).write_text((SEEDS / "000_97c0f5abd93d3957.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(root), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output  # not UnicodeEncodeError from the store, after the reading
    assert "d\\xe9p\\xeache-\\x1b[2J.txt" in " ".join(result.output.split())
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [(i["path"], i["articles"]) for i in report["inputs"]] == [
        (str(root / "d\\xe9p\\xeache-\x1b[2J.txt"), ["d\\xe9p\\xeache-\x1b[2J"])]
