"""Shared fixtures: the seed corpus and its gold annotation, analysed once per test run."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
GOLD = DATA / "seeds.gold.json"

sys.path.insert(0, str(Path(__file__).parent))  # for score.py, the scorer shared with the benchmarks


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds analysed through the real CLI into a temporary folder (report.json, index.html, store)."""
    from typer.testing import CliRunner

    from recoupe.cli import app

    out = tmp_path_factory.mktemp("seeds-out")
    result = CliRunner().invoke(app, ["analyze", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def seeds_report(seeds_run: Path) -> dict:
    return json.loads((seeds_run / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds_scores(seeds_report: dict, gold: dict) -> dict[str, float]:
    from score import Scorer

    return Scorer(seeds_report, gold).run()


@pytest.fixture(scope="session")
def seeds_articles(seeds_report: dict) -> dict[str, dict]:
    """Report articles keyed by their three-digit prefix ("000")."""
    return {a["id"][:3]: a for a in seeds_report["articles"]}
