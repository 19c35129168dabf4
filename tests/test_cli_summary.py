"""The CLI's findings line after `recoupe analyze`, its help (examples, readable argument names), and
`serve --db` (issue 20)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from recoupe.cli import _count, app, findings
from recoupe.records import Claim, Corpus, Entity, Quote, ReuseEdge, Span, Story

runner = CliRunner()


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    """The seeds analysed through the CLI: (what it printed, report.json)."""
    out = tmp_path_factory.mktemp("summary")
    result = runner.invoke(app, ["analyze", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return result.output, json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_findings_line_counts_what_the_report_holds(analysed: tuple[str, dict]) -> None:
    output, report = analysed
    (line,) = [line for line in output.splitlines() if line.startswith("Found: ")]
    kinds = [e["kind"] for e in report["reuse"]]
    statuses = [c["status"] for c in report["claims"]]
    pairs = {frozenset((c["id"], o)) for c in report["claims"] for o in c["conflicts_with"]}

    def number(label: str) -> int:
        found = re.search(rf"(\d+) {label}\b", line)
        assert found, (label, line)
        return int(found.group(1))

    assert number("stor(?:y|ies)") == len(report["stories"])
    assert number("with several articles") == sum(len(s["articles"]) > 1 for s in report["stories"])
    assert number("cop(?:y|ies)") == kinds.count("copy")
    assert number("translations?") == kinds.count("translation")
    assert number("partial reuses?") == kinds.count("partial")
    assert number("claims?") == len(report["claims"])
    for verdict in ("corroborated", "single-source", "conflicting", "updated"):
        assert number(verdict) == statuses.count(verdict.replace("-", "_")), verdict
    assert number("conflicts?") == len(pairs)
    assert number("quotes?") == len(report["quotes"])
    assert number("entit(?:y|ies)") == len(report["entities"])
    # the seeds: one story of five articles, with copies and claims of every kind found in it
    assert line.startswith("Found: 1 story (1 with several articles); ")
    assert len(report["claims"]) > 1 and len(report["quotes"]) > 1


def test_count_takes_the_plural() -> None:
    assert [_count(n, "story", "stories") for n in (0, 1, 2)] == ["0 stories", "1 story", "2 stories"]
    assert [_count(n, "article") for n in (1, 2)] == ["1 article", "2 articles"]


def test_findings_say_one_of_each_in_the_singular() -> None:
    span = Span("a", "Le maire a démissionné.", 0, 23)
    corpus = Corpus(
        stories=(Story("s-1", "Valmont", ("a", "b")),),
        reuse=(ReuseEdge("a", "b", "copy", 0.9, ()), ReuseEdge("a", "c", "translation", 0.8, ()),
               ReuseEdge("b", "c", "partial", 0.4, ())),
        claims=(Claim("c-1", "s-1", "3 morts", "conflicting", 1, (span,), conflicts_with=("c-2",)),
                Claim("c-2", "s-1", "4 morts", "conflicting", 1, (span,), conflicts_with=("c-1",))),
        quotes=(Quote("q-1", "a", "Je pars", 0, 7),),
        entities=(Entity("e-1", "Valmont", "LOC", (span,)),))
    assert findings(corpus) == ("1 story (1 with several articles); 1 copy, 1 translation, 1 partial reuse; "
                                "2 claims (0 corroborated, 0 single-source, 2 conflicting, 0 updated); "
                                "1 conflict; 1 quote; 1 entity")
    assert findings(Corpus()).startswith("0 stories (0 with several articles); 0 copies, 0 translations, "
                                         "0 partial reuses; 0 claims")


@pytest.mark.parametrize("command, example", [
    ("analyze", "recoupe analyze examples/ankara --out out/ankara"),
    ("serve", "recoupe serve --db out/ankara/recoupe.sqlite"),
    ("export", "recoupe export --db out/ankara/recoupe.sqlite articles > articles.csv")])
def test_help_has_examples_and_readable_names(command: str, example: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Examples:" in result.output and example in result.output
    assert "list[Path]" not in result.output
    assert not re.search(r"(PATH\.\.\.|TABLE)\s+<", result.output)  # an argument shown by its name, no type


def test_analyze_usage_names_its_paths() -> None:
    usage = runner.invoke(app, ["analyze", "--help"]).output
    assert re.search(r"Usage: \S+ analyze \[OPTIONS\] PATH\.\.\.\s", usage), usage
    assert "{paths}" not in usage


def test_serve_needs_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 2 and "Missing option '--db'" in result.output
    import uvicorn

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kwargs: seen.update(kwargs))
    db = tmp_path / "new.sqlite"
    result = runner.invoke(app, ["serve", "--db", str(db), "--no-token"], env={})
    assert result.exit_code == 0, result.output
    assert f"{db} is not there yet" in result.output and seen["port"] == 8000
