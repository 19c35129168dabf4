"""A real Dask deployment (issue 21): a ``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1, started
here as separate processes; ``recoupe analyze --dask tcp://…`` on them gives the report of one process, and both
workers ran tasks of it."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DATA
from typer.testing import CliRunner

import recoupe
from recoupe.cli import app

distributed = pytest.importorskip("distributed")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))  # corpusgen, the story generator
DASK = Path(sys.executable).with_name("dask")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a scheduler with two single-threaded workers, each a process of its own that imports this
    checkout's recoupe; all three stopped at the end."""
    logs = tmp_path_factory.mktemp("dask-logs")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    src = str(Path(recoupe.__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")])),
               OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    commands = [[str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]]
    commands += [[str(DASK), "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-nanny",
                  "--no-dashboard", "--name", name] for name in ("worker-a", "worker-b")]
    started: list[subprocess.Popen[bytes]] = []
    try:
        for k, command in enumerate(commands):
            with (logs / f"{k}.log").open("wb") as log:
                started.append(subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT))
        with distributed.Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(started):
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """70 generated articles (French stories of 1 to 6 articles): several read, parse and per-story tasks."""
    from corpusgen import SEED, Generator, load_bases, write_txt

    articles, _ = Generator(SEED, load_bases()).corpus(70)
    folder = tmp_path_factory.mktemp("generated")
    write_txt(articles, folder)
    return folder


@pytest.fixture(scope="module")
def alone(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """report.json of ``recoupe analyze`` in this process alone."""
    return _analyze([str(corpus), str(DATA / "mixed")], tmp_path_factory.mktemp("alone"))


def _analyze(paths: list[str], out: Path, *options: str) -> dict[str, object]:
    result = CliRunner().invoke(app, ["analyze", *paths, "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    report: dict[str, object] = json.loads((out / "report.json").read_text())
    return report


@pytest.mark.slow
def test_a_scheduler_and_two_dask_workers_give_the_same_report(scheduler: str, corpus: Path,
                                                               alone: dict[str, object], tmp_path: Path) -> None:
    with distributed.Client(scheduler) as client:
        before = client.run(lambda dask_worker: dask_worker.state.executed_count)
        on_dask = _analyze([str(corpus), str(DATA / "mixed")], tmp_path, "--dask", scheduler)
        after = client.run(lambda dask_worker: dask_worker.state.executed_count)
    assert on_dask == alone
    assert len(alone["articles"]) >= 70 and len(alone["stories"]) >= 15  # type: ignore[arg-type]
    ran = {worker: after[worker] - before.get(worker, 0) for worker in after}
    assert len(ran) == 2 and all(n > 0 for n in ran.values()), ran  # both workers got tasks of the analysis

