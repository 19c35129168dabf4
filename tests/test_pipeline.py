"""The pipeline: the stage contract (the order built from what each stage needs and provides, a broken one
refused before anything runs, a stage that changes what it does not declare stopped), and incremental runs
(issue 8): adding articles to a store parses and encodes only the new ones, and the analysis of the whole
store is the one a clean run of everything gives, but for the story ids, which the store keeps (issue 17)."""
from __future__ import annotations

import json
import random
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import DATA, SEEDS
from typer.testing import CliRunner

from recoupe import embed, nlp, pipeline
from recoupe.cli import app
from recoupe.pipeline import CORPUS_STAGES, Clock, Findings, Stage, _Context, _run, check_order, order


def _names(stages: tuple[Stage, ...]) -> list[str]:
    return [s.name for s in stages]


def test_declared_order_meets_every_contract() -> None:
    check_order(pipeline.ARTICLE_STAGES)
    built = order(CORPUS_STAGES, ("articles",))
    check_order(built, ("articles",))
    assert _names(built) == _names(CORPUS_STAGES)


def test_order_is_rebuilt_from_a_shuffled_declaration() -> None:
    shuffled = list(CORPUS_STAGES)
    random.Random(14).shuffle(shuffled)
    built = _names(order(shuffled, ("articles",)))
    for before, after in [("parse", "entities"), ("entities", "quotes"), ("stories", "reuse"), ("reuse", "origins"),
                          ("origins", "claims"), ("claims", "brief"), ("dates", "timeline")]:
        assert built.index(before) < built.index(after), built


def test_a_stage_whose_needs_nobody_provides_is_refused() -> None:
    without_reuse = [s for s in CORPUS_STAGES if s.name != "reuse"]
    with pytest.raises(ValueError, match="reuse"):
        order(without_reuse, ("articles",))


def test_two_stages_providing_one_field_are_refused() -> None:
    twice = (*CORPUS_STAGES, Stage("redate", requires=("stories",), provides=("stories.event_date",), run=print))
    with pytest.raises(ValueError, match="redate.*stories.event_date"):
        check_order(twice, ("articles",))


def test_a_stage_changing_what_it_does_not_declare_is_stopped() -> None:
    def sneaky(found: Findings, run: object) -> Findings:
        return replace(found, claims=(), stories=[])  # type: ignore[arg-type]  # declares claims only

    stage = Stage("sneaky", requires=("articles",), provides=("claims",), run=sneaky)
    with pytest.raises(RuntimeError, match="sneaky.*stories"):
        _run((stage,), Findings(articles=()), _Context(Clock(None)))



@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """Counts the texts the French model parses and the texts the encoder encodes (the real ones run)."""
    counts = {"parsed": 0, "encoded": 0}
    french = nlp.model("fr")
    assert french is not None
    pipe, encode_chunk = french.pipe, embed._encode_chunk

    def counting_pipe(texts, **kwargs):  # type: ignore[no-untyped-def]
        texts = list(texts)
        counts["parsed"] += len(texts)
        return pipe(texts, **kwargs)

    def counting_encode(texts):  # type: ignore[no-untyped-def]
        counts["encoded"] += len(texts)
        return encode_chunk(texts)

    monkeypatch.setattr(french, "pipe", counting_pipe)
    monkeypatch.setattr(embed, "_encode_chunk", counting_encode)
    yield counts


def _analyze(*args: str) -> None:
    result = CliRunner().invoke(app, ["analyze", *args])
    assert result.exit_code == 0, result.output


def _report(out: Path) -> dict:
    report = json.loads((out / "report.json").read_text())
    del report["inputs"]  # what each run read differs; the analysis must not
    return report


def _by_content(report: dict) -> dict:
    """The report with each story's id, and each claim's (made from its story's), named by what they hold, without
    the story changes: a run over a store keeps the stored stories' ids (issue 17), a clean run names them afresh."""
    names = {s["id"]: "story:" + ",".join(sorted(s["articles"])) for s in report["stories"]}
    names |= {c["id"]: f"claim {k} of {names[c['story']]}" for k, c in enumerate(report["claims"])}
    text = json.dumps({k: v for k, v in report.items() if k != "story_changes"})
    for old, new in names.items():
        text = text.replace(json.dumps(old), json.dumps(new))
    data = json.loads(text)
    for story in data["stories"]:
        del story["previous_ids"]
    return data


def test_adding_articles_works_only_on_the_new_ones(tmp_path: Path, counted: dict[str, int]) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, names in ((first, ["000", "001", "002"]), (second, ["003", "004"])):
        folder.mkdir()
        for name in names:
            (path,) = SEEDS.glob(f"{name}_*.txt")
            shutil.copy(path, folder)
    shutil.copytree(DATA / "mixed", second / "mixed")
    db = tmp_path / "store.sqlite"

    _analyze(str(first), "--out", str(tmp_path / "out1"), "--db", str(db))
    assert counted["parsed"] == 3
    ids = {a["id"] for a in _report(tmp_path / "out1")["articles"]}
    counted.update(parsed=0, encoded=0)
    _analyze(str(second), "--out", str(tmp_path / "out2"), "--db", str(db))
    new_french = sum(a["language"] == "fr" for a in _report(tmp_path / "out2")["articles"]) - 3
    assert counted["parsed"] == new_french  # the three stored articles are not parsed again
    added_encoded = counted["encoded"]

    counted.update(parsed=0, encoded=0)
    _analyze(str(first), str(second), "--out", str(tmp_path / "clean"), "--db", str(tmp_path / "clean.sqlite"))
    assert counted["parsed"] == new_french + 3
    assert 0 < added_encoded < counted["encoded"]  # the stored articles' sentences are not encoded again

    grown = _report(tmp_path / "out2")
    assert _by_content(grown) == _by_content(_report(tmp_path / "clean"))  # what a clean run of everything finds
    assert len(grown["articles"]) == 10
    assert ids <= {a["id"] for a in grown["articles"]}  # stored articles keep their ids
    seeds_story = [s for s in grown["stories"] if {"000", "003"} <= {a[:3] for a in s["articles"]}]
    assert len(seeds_story) == 1  # the stored and the added seeds are one story
    # ... under the id of one of the first run's stories of its articles, the others merged into it (today 002,
    # told by RT alone, was a story of its own)
    before = {a["id"]: a["story"] for a in _report(tmp_path / "out1")["articles"]}
    kept, held = seeds_story[0]["id"], {before[a] for a in seeds_story[0]["articles"] if a in before}
    assert kept in held and set(seeds_story[0]["previous_ids"]) == held - {kept}
    assert grown["story_changes"] == [{"old": old, "new": kept, "change": "merged_into", "run": "1"}
                                      for old in sorted(held - {kept})]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(DISTINCT hash) FROM parses").fetchone()[0] == 10
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 10


def test_the_same_files_again_compute_nothing_again(tmp_path: Path, counted: dict[str, int]) -> None:
    db = tmp_path / "store.sqlite"
    _analyze(str(SEEDS), "--out", str(tmp_path / "out1"), "--db", str(db))
    counted.update(parsed=0, encoded=0)
    _analyze(str(SEEDS), "--out", str(tmp_path / "out2"), "--db", str(db))
    assert counted == {"parsed": 0, "encoded": 0}
    assert _report(tmp_path / "out2") == _report(tmp_path / "out1")


def test_unreadable_input_on_a_store_analyses_nothing_again(tmp_path: Path, counted: dict[str, int]) -> None:
    from recoupe import analyze
    from recoupe.store import Store

    db = tmp_path / "store.sqlite"
    _analyze(str(SEEDS), "--out", str(tmp_path / "out"), "--db", str(db))
    (tmp_path / "empty.txt").write_text("")
    with Store(db) as store:
        corpus = analyze([tmp_path / "empty.txt"], store=store)
    assert [i.status for i in corpus.inputs] == ["skipped"] and corpus.skips[0].code == "R001"
    assert "parse" not in [t.stage for t in corpus.profile]  # no new article: the stored ones are not redone
    assert len(corpus.articles) == 5  # and nothing stored is lost


def test_articles_stored_meanwhile_by_another_process_are_analysed_before_saving(tmp_path: Path) -> None:
    """An upload stores an article while a run analyses: the run's stored analysis still covers it."""
    from recoupe.pipeline import analyze, save
    from recoupe.store import Store

    first, meanwhile = tmp_path / "first", tmp_path / "meanwhile"
    first.mkdir()
    meanwhile.mkdir()
    for folder, names in ((first, ["000", "001", "002"]), (meanwhile, ["003"])):
        for name in names:
            (path,) = SEEDS.glob(f"{name}_*.txt")
            shutil.copy(path, folder)
    db = tmp_path / "store.sqlite"
    with Store(db) as store, Store(db) as other:
        corpus = analyze([first], store=store)
        late = analyze([meanwhile]).articles  # what another writer stores after this run read the store
        other.save_articles(late)
        saved, run = save(corpus, store)
        stories = store.stories(run)
    assert len(saved.articles) == 4 and late[0].id in {a.id for a in saved.articles}
    assert {a for s in stories for a in s["articles"]} == {a.id for a in saved.articles}
