"""The brief: one language for the whole analysis, nothing translated, outlets by name (issue 18).

Every text here was written for these tests.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import recoupe
from recoupe import brief, lang
from recoupe.cli import app
from recoupe.errors import LanguageError
from recoupe.records import Article, Claim, Evidence, Origin, Story

FR_BRIDGE = "Le pont de Varennes-sur-Loire a rouvert mardi après deux ans de travaux."
EN_BRIDGE = "The Varennes-sur-Loire bridge reopened on Tuesday after two years of work."
FR_COST = "Le chantier a coûté 14 millions d'euros."
EN_COST = "The works cost 19 million euros."
EN_ONLY = "Trucks will stay banned from the bridge until the end of the year."
FR_ONLY = "Une cérémonie est prévue samedi sur la place de l'église."


def _article(aid: str, text: str, language: str, outlet: str | None = None) -> Article:
    return Article(id=aid, path=f"{aid}.txt", content_hash=aid, text=text, title="", outlet=outlet,
                   language=language)


def _evidence(article: Article, text: str) -> Evidence:
    start = article.text.index(text)
    return Evidence(article.id, text, start, start + len(text))


def _claim(cid: str, status: str, *support: Evidence, conflicts: tuple[str, ...] = ()) -> Claim:
    return Claim(id=cid, story="s-1", text=support[0].text, status=status,  # type: ignore[arg-type]
                 independent_origins=2 if status == "corroborated" else 1, support=support,
                 conflicts_with=conflicts)


@pytest.fixture
def mixed() -> tuple[Story, list[Article]]:
    """A story told by an English wire (no outlet known: its origin is "unknown") and a French paper."""
    en = _article("en-1", f"{EN_BRIDGE} {EN_COST} {EN_ONLY}", "en")
    fr = _article("fr-1", f"{FR_BRIDGE} {FR_COST} {FR_ONLY}", "fr", outlet="lecourrier.example")
    story = Story("s-1", "Le pont", ("en-1", "fr-1"),
                  origins=(Origin("o-1", "unknown", ("en-1",)), Origin("o-2", "Le Courrier", ("fr-1",))))
    return story, [en, fr]


def _texts(b: recoupe.Brief) -> list[str]:
    return [s.text for s in b.sentences]


def test_a_claim_supported_in_the_brief_language_is_said_with_that_sentence(mixed) -> None:
    story, (en, fr) = mixed
    claim = _claim("c-1", "corroborated", _evidence(en, EN_BRIDGE), _evidence(fr, FR_BRIDGE))
    assert _texts(brief.write(story, [claim], [en, fr], "fr")) == [FR_BRIDGE]
    said = brief.write(story, [claim], [en, fr], "en")
    assert _texts(said) == [EN_BRIDGE] and said.language == "en"
    assert said.sentences[0].cites == ("en-1", "fr-1")  # every article that states it, whichever sentence is said


def test_a_claim_without_a_sentence_in_the_brief_language_is_quoted_with_its_language(mixed) -> None:
    story, (en, fr) = mixed
    only_en = _claim("c-1", "single_source", _evidence(en, EN_ONLY))
    only_fr = _claim("c-2", "single_source", _evidence(fr, FR_ONLY))
    in_french = brief.write(story, [only_en, only_fr], [en, fr], "fr")
    assert _texts(in_french) == [f"Seul un média non identifié rapporte : « {EN_ONLY} » (en anglais)",
                                 f"Seul Le Courrier rapporte : {FR_ONLY}"]
    in_english = brief.write(story, [only_en, only_fr], [en, fr], "en")
    assert _texts(in_english) == [f"Only an unnamed outlet reports: {EN_ONLY}",
                                  f"Only Le Courrier reports: “{FR_ONLY}” (in French)"]
    corroborated = _claim("c-3", "corroborated", _evidence(en, EN_BRIDGE))
    assert _texts(brief.write(story, [corroborated], [en, fr], "fr")) == [
        f"Selon un média non identifié : « {EN_BRIDGE} » (en anglais)"]
    assert _texts(brief.write(story, [corroborated], [en, fr], "en")) == [EN_BRIDGE]


def test_a_conflict_says_each_side_in_the_brief_language_or_quoted(mixed) -> None:
    story, (en, fr) = mixed
    low = _claim("c-1", "conflicting", _evidence(fr, FR_COST), conflicts=("c-2",))
    high = _claim("c-2", "conflicting", _evidence(en, EN_COST), conflicts=("c-1",))
    (sentence,) = brief.write(story, [low, high], [en, fr], "fr").sentences
    assert sentence.text == (f"Les sources divergent : {FR_COST} (Le Courrier) ; "
                             f"« {EN_COST} » (un média non identifié, en anglais)")
    assert set(sentence.cites) == {"en-1", "fr-1"}


def test_outlets_are_named_never_unknown(mixed) -> None:
    story, (en, fr) = mixed
    claims = [_claim("c-1", "single_source", _evidence(en, EN_ONLY)),
              _claim("c-2", "conflicting", _evidence(fr, FR_COST), conflicts=("c-3",)),
              _claim("c-3", "conflicting", _evidence(en, EN_COST), conflicts=("c-2",))]
    named = Story("s-1", "Le pont", ("en-1", "fr-1"), origins=(Origin("o-1", "unknown", ("en-1", "fr-1")),))
    for code in lang.LANGUAGES:
        for story_told in (story, named):
            sentences = brief.write(story_told, claims, [en, fr], code).sentences
            assert sentences and all(s.cites for s in sentences)
            assert not any("unknown" in s.text.lower() for s in sentences)
    # an origin labelled "unknown" whose article names its outlet: the outlet
    assert "lecourrier.example" in brief.write(named, claims[1:], [en, fr], "en").sentences[0].text


def test_the_majority_language_of_the_whole_analysis() -> None:
    articles = [_article("a", "", "fr"), _article("b", "", "en"), _article("c", "", "fr"),
                _article("d", "", "nl"), _article("e", "", "nl"), _article("f", "", "nl")]
    assert brief.language(articles) == "fr"  # Dutch has no language file: the brief is written in fr or en
    assert brief.language(articles[:2]) == "fr"  # a tie: the first of lang.LANGUAGES
    assert brief.language(articles[1:3] + [_article("g", "", "en")]) == "en"
    assert brief.language(articles[3:]) == brief.DEFAULT
    assert brief.language([_article("h", "", "de"), _article("i", "", "de"), articles[0]]) == "de"


def test_an_unknown_language_is_refused_naming_the_languages() -> None:
    assert brief.supported(" FR ") == "fr"
    with pytest.raises(LanguageError) as refused:
        brief.supported("xx")
    assert "'xx'" in str(refused.value) and all(code in str(refused.value) for code in lang.LANGUAGES)
    with pytest.raises(LanguageError):
        recoupe.analyze(["no such folder"], brief_language="nl")  # before anything is read


def test_every_language_file_has_the_same_brief_phrases() -> None:
    keys = set(lang.get("en").BRIEF_PHRASES)
    assert {"quoted", "only", "only_quoted", "disagree", "side", "side_quoted", "unnamed", "in_other"} <= keys
    assert {f"in_{code}" for code in ("fr", "en", "es", "de", "it", "pt", "tr", "ru")} <= keys
    for code in lang.LANGUAGES:
        phrases = lang.get(code).BRIEF_PHRASES
        assert set(phrases) == keys, code
        assert not any("unknown" in phrase for phrase in phrases.values())


# -- end to end: a French majority with an English story --------------------------------------------------

CORPUS = {
    "fr1": ("https://www.lecourrier-loire.example/pont",
            "Le pont suspendu de Varennes-sur-Loire a rouvert à la circulation mardi matin, après deux ans de travaux "
            "de rénovation. Le chantier a coûté 14 millions d'euros, financés en majorité par le département. Le "
            "maire, Hélène Garnier, a déclaré que la réouverture soulageait des milliers d'habitants privés de leur "
            "trajet quotidien. Les poids lourds resteront interdits sur l'ouvrage jusqu'à la fin de l'année."),
    "fr2": ("https://www.journal-centre.example/varennes",
            "Après deux ans de travaux, le pont suspendu de Varennes-sur-Loire a rouvert à la circulation mardi "
            "matin. La rénovation a coûté 14 millions d'euros, dont la majorité payée par le département. Selon la "
            "maire Hélène Garnier, des milliers d'habitants retrouvent enfin leur trajet quotidien. Une cérémonie "
            "est prévue samedi sur la place de l'église."),
    "fr3": ("https://www.info-val.example/pont-varennes",
            "Le pont suspendu de Varennes-sur-Loire est de nouveau ouvert aux voitures depuis mardi matin, après deux "
            "années de travaux. Le coût du chantier atteint 14 millions d'euros, principalement à la charge du "
            "département. Les cyclistes disposent désormais d'une piste séparée de la chaussée."),
    "en1": ("https://www.harbourtimes.example/festival",
            "The harbour festival in Port Elwin drew a record 40,000 visitors over the weekend, organisers said on "
            "Sunday. Mayor Daniel Okafor said the town's hotels had been fully booked since Thursday. A tall ship "
            "from Norway opened the parade of boats on Saturday afternoon."),
    "en2": ("https://www.coastnews.example/port-elwin",
            "A record 40,000 people visited the Port Elwin harbour festival over the weekend, according to the "
            "organisers. Mayor Daniel Okafor said every hotel in town had been fully booked since Thursday. Next "
            "year's festival will add a second stage for local bands."),
}


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("brief-corpus")
    for aid, (url, text) in CORPUS.items():
        (folder / f"{aid}.json").write_text(json.dumps({"id": aid, "url": url, "text": text}), encoding="utf-8")
    return folder


def _briefs_by_language(briefs: list[dict], articles: list[dict]) -> dict[str, list[dict]]:
    """Each brief under the language of its story's articles (each story here is in one language)."""
    language = {a["id"]: a["language"] for a in articles}
    story_language = {a["story"]: language[a["id"]] for a in articles}
    return {story_language[b["story"]]: b for b in briefs}


def test_analyze_writes_every_brief_in_the_majority_language_or_the_one_asked(corpus_dir: Path) -> None:
    from recoupe import serialize

    data = serialize.report(recoupe.analyze([corpus_dir]))
    assert {a["language"] for a in data["articles"]} == {"fr", "en"}
    assert {b["language"] for b in data["brief"]} == {"fr"}  # 3 French articles, 2 English ones
    by_story = _briefs_by_language(data["brief"], data["articles"])
    english = [s["text"] for s in by_story["en"]["sentences"]]
    assert english and all("« " in s and s.endswith("(en anglais)") for s in english)
    french = [s["text"] for s in by_story["fr"]["sentences"]]
    assert french and not any("«" in s or "en anglais" in s for s in french)

    data = serialize.report(recoupe.analyze([corpus_dir], brief_language="en"))
    assert {b["language"] for b in data["brief"]} == {"en"}
    by_story = _briefs_by_language(data["brief"], data["articles"])
    assert all(s["text"].endswith("(in French)") for s in by_story["fr"]["sentences"])
    assert not any("(in " in s["text"] for s in by_story["en"]["sentences"])
    assert all(s["cites"] for b in data["brief"] for s in b["sentences"])


def test_cli_lang_sets_the_brief_language_and_refuses_an_unknown_one(corpus_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["analyze", str(corpus_dir), "--out", str(tmp_path / "en"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "en" / "report.json").read_text(encoding="utf-8"))
    assert report["brief"] and {b["language"] for b in report["brief"]} == {"en"}
    assert any(s["text"].endswith("(in French)") for b in report["brief"] for s in b["sentences"])

    refused = runner.invoke(app, ["analyze", str(corpus_dir), "--out", str(tmp_path / "xx"), "--lang", "xx"])
    assert refused.exit_code == 2
    message = " ".join(refused.output.split())
    assert "--lang" in message and "'xx'" in message and ", ".join(lang.LANGUAGES) in message
    assert not (tmp_path / "xx").exists()  # refused before anything is read, stored or written
