"""Shared fixtures: the seed corpus and its gold annotation, analysed once per test run; the score floors.

The quality gates read their floors from gold/floors.json (``floors``) and note what they measured
(``measured``); ``pytest --update`` rewrites floors.json with the scores measured in that run (the gates that did not
run keep their floors), to be reviewed in the diff like any other change.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
GOLD = DATA / "seeds.gold.json"
FLOORS = Path(__file__).parent / "gold" / "floors.json"

sys.path.insert(0, str(Path(__file__).parent))  # for score.py, the scorer shared with the benchmarks

if TYPE_CHECKING:
    from fetch_site import Site


def floors(gate: str) -> dict[str, float]:
    """The score floors of one quality gate (a section of gold/floors.json)."""
    return dict(json.loads(FLOORS.read_text(encoding="utf-8"))[gate])


def corpus_sha256() -> str:
    """The reviewed digest of the seeds and their gold (gold/floors.json)."""
    return str(json.loads(FLOORS.read_text(encoding="utf-8"))["corpus_sha256"])


class Measured:
    """What the quality gates of this run measured, for ``pytest --update``."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}

    def score(self, gate: str, measure: str, value: float) -> None:
        self.values.setdefault(gate, {})[measure] = float(value)

    def digest(self, value: str) -> None:
        self.values["corpus_sha256"] = value


_MEASURED = pytest.StashKey[Measured]()
_CHANGED = pytest.StashKey[list[str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update", action="store_true", default=False,
                     help="rewrite tests/gold/floors.json with the scores (and corpus digest) measured in this run")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_MEASURED] = Measured()
    config.stash[_CHANGED] = []


@pytest.fixture(scope="session")
def measured(pytestconfig: pytest.Config) -> Measured:
    return pytestconfig.stash[_MEASURED]


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not session.config.getoption("update"):
        return
    current = json.loads(FLOORS.read_text(encoding="utf-8"))
    changed = []
    for gate, value in session.config.stash[_MEASURED].values.items():
        if isinstance(value, dict):
            for measure, score in value.items():
                if current[gate][measure] != score:
                    changed.append(f"{gate}.{measure}: {current[gate][measure]} -> {score}")
                    current[gate][measure] = score
        elif current[gate] != value:
            changed.append(f"{gate}: {current[gate]} -> {value}")
            current[gate] = value
    if changed:
        FLOORS.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    session.config.stash[_CHANGED] = changed


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if config.getoption("update"):
        terminalreporter.write_sep("=", f"--update: {FLOORS}")
        gates = sorted(config.stash[_MEASURED].values)
        terminalreporter.write_line(f"measured: {', '.join(gates) or 'nothing (no quality gate ran)'}")
        for line in config.stash[_CHANGED] or ["no floor changed"]:
            terminalreporter.write_line(line)


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


@pytest.fixture
def site() -> Iterator[Site]:
    """The local news site (tests/fetch_site.py) on 127.0.0.1, started for one test and stopped after it."""
    from fetch_site import Site

    with Site() as running:
        yield running
