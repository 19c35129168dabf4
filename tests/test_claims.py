"""Claims (issue #6): statements grouped across wording and articles, counted in origins, conflicts kept apart."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Measured, floors

from recoupe import analyze, claims
from recoupe.records import Claim, Corpus

FLOORS = floors("claims")  # single_source: the 0.67 is 2 / 3, two of the three gold points
STATING = floors("claims_sentences")["stating"]  # the share of the seeds' sentences that state something

WIRE = ("Le ministre de l'Intérieur a annoncé mardi la fermeture de trois centres de rétention dans le sud du pays, "
        "invoquant des conditions d'accueil indignes relevées par les inspecteurs.")
WIRE_2 = ("Les associations de défense des étrangers ont salué une décision qu'elles réclamaient depuis des années, "
          "tout en demandant un calendrier précis pour les transferts.")
# one fact in two outlets, with another date and another agency for the same man
DATE = ("La rencontre entre les deux chefs du renseignement s'est tenue le 14 novembre dans la capitale turque.",
        "La rencontre des deux chefs du renseignement a eu lieu le 16 novembre dans la capitale turque.")
ROLE = ("Le Russe Alexandre Bortnikov, chef du FSB, représentait Moscou lors de ces discussions avec William Burns.",
        "Le Russe Alexandre Bortnikov, directeur du SVR, représentait Moscou lors de ces entretiens avec "
        "William Burns.")
# one outlet asserts, another reports the denial
SAID = ("Des soldats ont été déployés près de la frontière nord du pays, a confirmé le ministère de la Défense.",
        "Le ministère de la Défense a démenti tout déploiement de soldats près de la frontière nord du pays.")

# one fact told independently in French and in English
BRIDGE = ("Un pont autoroutier s'est effondré mardi à Gênes, faisant au moins 35 morts, selon les pompiers.",
          "At least 35 people were killed when a motorway bridge collapsed in Genoa on Tuesday, firefighters said.")

CORPUS = {
    # three copies of one wire on three sites: one origin, however many times it is repeated
    **{f"wire_{site}.txt": (f"Fermeture de trois centres de rétention\n\n{WIRE}\n\n{WIRE_2}\n\n"
                            f"Lire aussi sur {site}.fr\n\nhttps://www.{site}.fr/societe/centres-retention\n")
       for site in ("ouestinfo", "sudmatin", "centrepresse")},
    "rt_ankara.txt": "\n\n".join([
        "Bortnikov et Burns à Ankara",
        "Les services de renseignement russes et américains ont eu un contact direct en Turquie, selon nos sources.",
        DATE[0], ROLE[0],
        "Selon Moscou, les échanges ont porté sur la stabilité stratégique et sur le sort des prisonniers.",
        "Le Kremlin n'a pas souhaité commenter davantage cette réunion, jugée confidentielle par les deux parties.",
        "Ankara s'est félicitée de pouvoir accueillir ce dialogue entre les deux puissances nucléaires.",
        "https://francais.rt.com/international/bortnikov-burns"]) + "\n",
    "cnn_ankara.txt": "\n\n".join([
        "Les espions en chef russe et américain se sont parlé à Ankara",
        "William Burns, directeur de la CIA, a fait le déplacement en Turquie pour un entretien discret.",
        DATE[1], ROLE[1],
        "La Maison Blanche a précisé que l'Ukraine avait été prévenue avant le voyage de William Burns.",
        "Washington insiste sur le fait qu'aucune négociation sur la guerre n'a eu lieu à cette occasion.",
        "Les deux hommes se connaissent depuis l'époque où William Burns était ambassadeur à Moscou.",
        "https://edition.cnn.com/fr/ankara-burns"]) + "\n",
    "lemonde_frontiere.txt": "\n\n".join([
        "Lituanie : des renforts à la frontière avec Kaliningrad",
        SAID[0],
        "Selon l'état-major à Vilnius, il s'agit d'un renforcement temporaire lié aux manœuvres russes à Kaliningrad.",
        "Les unités concernées devraient rester sur place au moins jusqu'à la fin du mois de mars.",
        "L'opposition réclame un débat au Parlement sur le coût de ces opérations pour le budget de l'État.",
        "https://www.lemonde.fr/international/lituanie-kaliningrad"]) + "\n",
    "liberation_frontiere.txt": "\n\n".join([
        "Lituanie : Vilnius dément tout déploiement face à Kaliningrad",
        SAID[1],
        "Des habitants de la région affirment pourtant avoir vu passer des convois militaires toute la nuit.",
        "À Kaliningrad, la presse locale évoque de son côté une provocation de l'Otan.",
        "Le gouvernement lituanien doit s'exprimer jeudi devant la commission de la défense du Seimas.",
        "https://www.liberation.fr/international/lituanie-kaliningrad"]) + "\n",
    "figaro_genes.txt": "\n\n".join([
        "Effondrement d'un pont à Gênes",
        BRIDGE[0],
        "Le viaduc Morandi, construit dans les années 1960, faisait l'objet de travaux de consolidation.",
        "Le ministre des Transports, Danilo Toninelli, a promis une enquête et des sanctions contre Autostrade.",
        "https://www.lefigaro.fr/international/genes-pont"]) + "\n",
    "reuters_genoa.txt": "\n\n".join([
        "Genoa bridge collapse",
        BRIDGE[1],
        "Rescue teams were still searching the rubble for survivors late into the night, with cranes and dogs.",
        "Autostrade per l'Italia, which operates the Morandi viaduct, said the structure had been regularly monitored.",
        "Danilo Toninelli, the transport minister, called the collapse an unacceptable tragedy.",
        "https://www.reuters.com/world/europe/genoa-bridge"]) + "\n",
}


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The cases in one corpus: the pipeline (spaCy, USE) runs once; each case is a story of its own."""
    return analyze([_write(tmp_path_factory.mktemp("claims"), CORPUS)])


@pytest.fixture(scope="module")
def stated(corpus: Corpus) -> list[Claim]:
    return [c for story in corpus.stories for c in claims.extract(story, corpus.articles)]


def _holding(stated: list[Claim], article: str, text: str) -> Claim:
    """The one claim whose support holds ``text`` in ``article``."""
    (claim,) = [c for c in stated if any(e.article == article and text in e.text for e in c.support)]
    return claim


def _story_of(corpus: Corpus, article: str) -> str:
    return next(s.id for s in corpus.stories if article in s.articles)


# -- the seeds --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds_claims_scores(seeds_report: dict, gold: dict) -> dict[str, float]:
    from score import Scorer

    return Scorer(seeds_report, gold).run()


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_seed_floors(seeds_claims_scores: dict[str, float], measure: str, measured: Measured) -> None:
    measured.score("claims", measure, seeds_claims_scores[measure])
    assert seeds_claims_scores[measure] >= FLOORS[measure], f"{measure} = {seeds_claims_scores[measure]:.3f}"


def test_seed_support_is_exact_and_every_sentence_is_claimed(seeds_report: dict, measured: Measured) -> None:
    from recoupe.text import sentences

    text = {a["id"]: a["text"] for a in seeds_report["articles"]}
    cited = set()
    for claim in seeds_report["claims"]:
        assert claim["support"] and claim["id"].startswith("c-"), claim
        for e in claim["support"]:
            assert text[e["article"]][e["start"]:e["end"]] == e["text"]
            cited.add((e["article"], e["start"], e["end"]))
    spans = [(a, s, e) for a, t in text.items() for s, e in sentences(t)]
    stating = {(a, s, e) for a, s, e in spans if claims._states(text[a][s:e])}
    measured.score("claims_sentences", "stating", len(stating) / len(spans))
    assert len(stating) >= STATING * len(spans)  # nearly every sentence of the seeds states something
    assert stating <= cited


def test_seed_nuance_is_no_conflict(seeds_report: dict) -> None:
    # 002 says Kirby did not say whether detained citizens were discussed: not a contradiction (gold "nuances")
    kirby = [c for c in seeds_report["claims"] if any("Kirby n’a pas précisé" in e["text"] for e in c["support"])]
    assert kirby and all(c["status"] != "conflicting" for c in kirby)


# -- built cases ------------------------------------------------------------------------------------

def test_one_fact_in_two_languages_is_corroborated(corpus: Corpus, stated: list[Claim]) -> None:
    claim = _holding(stated, "figaro_genes", BRIDGE[0])
    assert sorted(e.text for e in claim.support) == sorted(BRIDGE)
    assert claim.independent_origins == 2 and claim.status == "corroborated"


def test_claim_repeated_by_three_copies_of_one_wire_stays_single_source(corpus: Corpus, stated: list[Claim]) -> None:
    claim = _holding(stated, "wire_ouestinfo", WIRE[:60])
    assert sorted(e.article for e in claim.support) == ["wire_centrepresse", "wire_ouestinfo", "wire_sudmatin"]
    assert all(e.text == WIRE for e in claim.support)
    assert claim.independent_origins == 1 and claim.status == "single_source"


@pytest.mark.parametrize("sentence", ["deux chefs du renseignement", "représentait Moscou"], ids=["date", "role"])
def test_another_date_or_role_for_one_fact_conflicts(corpus: Corpus, stated: list[Claim], sentence: str) -> None:
    assert _story_of(corpus, "rt_ankara") == _story_of(corpus, "cnn_ankara")
    rt, cnn = _holding(stated, "rt_ankara", sentence), _holding(stated, "cnn_ankara", sentence)
    assert rt.id != cnn.id
    assert rt.status == cnn.status == "conflicting"
    assert cnn.id in rt.conflicts_with and rt.id in cnn.conflicts_with


def test_denial_conflicts_with_the_assertion(corpus: Corpus, stated: list[Claim]) -> None:
    assert _story_of(corpus, "lemonde_frontiere") == _story_of(corpus, "liberation_frontiere")
    said = _holding(stated, "lemonde_frontiere", SAID[0])
    denied = _holding(stated, "liberation_frontiere", SAID[1])
    assert said.status == denied.status == "conflicting"
    assert denied.id in said.conflicts_with and said.id in denied.conflicts_with


def test_other_sentences_do_not_conflict(stated: list[Claim]) -> None:
    conflicting = {e.text for c in stated if c.status == "conflicting" for e in c.support}
    assert conflicting == {*DATE, *ROLE, *SAID}


def test_support_offsets_are_exact_and_ids_stable(corpus: Corpus, stated: list[Claim]) -> None:
    text = {a.id: a.text for a in corpus.articles}
    for claim in stated:
        assert claim.story in {s.id for s in corpus.stories}
        for e in claim.support:
            assert text[e.article][e.start:e.end] == e.text
    again = [c for story in corpus.stories for c in claims.extract(story, corpus.articles)]
    assert [c.id for c in again] == [c.id for c in stated]
    assert len({c.id for c in stated}) == len(stated)


@pytest.mark.parametrize("texts", [
    {"fr_a": "Le porte-parole du Kremlin a confirmé la tenue des pourparlers à Ankara, ajoutant qu'ils avaient eu "
             "lieu à la demande de Washington.",
     "fr_b": "Le Kremlin a confirmé que des pourparlers s'étaient tenus à Ankara entre les deux délégations.",
     "en_c": "The talks in Ankara were held at the request of Washington, according to Moscow."},
    {"en_a": "The Kremlin spokesman confirmed that talks had taken place in Ankara, adding that they were held at "
             "Washington's request.",
     "en_b": "The Kremlin confirmed that talks between the two delegations took place in Ankara.",
     "fr_c": "Les pourparlers d'Ankara ont eu lieu à la demande de Washington, selon Moscou."},
])
def test_a_sentence_of_two_facts_supports_two_claims(texts: dict[str, str]) -> None:
    from recoupe.records import Article, Origin, Story

    articles = [Article(id=k, path=f"{k}.txt", content_hash=k, text=t, title="", language=k[:2])
                for k, t in texts.items()]
    story = Story(id="s", title="talks", articles=tuple(texts),
                  origins=tuple(Origin(id=f"o-{k}", label="unknown", articles=(k,)) for k in texts))
    long, confirmed, requested = texts
    found = {frozenset(e.article for e in c.support) for c in claims.extract(story, articles)}
    # the long sentence states that the talks took place (with b) and at whose request (with c): two claims
    assert found == {frozenset((long, confirmed)), frozenset((long, requested))}
