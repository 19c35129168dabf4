"""Quotes: every quotation style, reported speech, speakers and anaphora, groups across articles, seed floors."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pytest
from conftest import Measured, floors

from recoupe import nlp, quotes
from recoupe.records import Article, Entity, Mention, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Paragraphs written for these tests (not taken from the seeds), one situation each.
FRENCH = {
    "guillemets": "« Nous ne céderons rien sur les salaires », a déclaré la ministre Claire Vasseur.",
    "curly": "“La situation reste très tendue dans le nord du pays”, a affirmé Marc Delorme.",
    "straight": '"Nous avons reçu la lettre du préfet hier soir", a précisé le maire, Henri Castel.',
    "closing-pair": "” Le dossier est désormais clos pour notre entreprise ”, a indiqué Paul Mercier.",
    "closer-opens": "Le syndicaliste Karim Haddad a déclaré que la grève  » continuera jusqu'à nouvel ordre. »",
    "mismatched": "“Nous ne reculerons pas devant les menaces. C'est notre devoir », a averti Ahmed Benali.",
    "unclosed": "La porte-parole du gouvernement, Léa Fournier, a annoncé le calendrier.\n\n"
                "« Le texte sera voté la semaine prochaine. Il n'y aura aucun report.\n\n"
                "Les députés de l'opposition ont quitté l'hémicycle.",
    "partial": "Sophie Laurent a qualifié la réforme de « profondément injuste » lors du débat.",
    "reported": "Le gouverneur Jean Moreau a déclaré mardi que les routes resteraient fermées jusqu'à vendredi.",
    "selon": "Selon le ministère de l'Intérieur, trois cents personnes ont été évacuées dans la nuit.",
    "official": "Un responsable du ministère des Finances, qui a requis l'anonymat, a déclaré que le budget "
                "serait révisé avant l'été.\n\n"
                "« Nous devons agir vite et sans attendre le vote », a ajouté le responsable.",
    "a-t-il-dit": "Le porte-parole de la préfecture, Olivier Blanc, a confirmé la visite du ministre.\n\n"
                  "« La rencontre aura lieu à Genève la semaine prochaine », a-t-il dit.",
    "no-speaker": "Sur le mur de la mairie, une inscription : « Nous ne partirons pas d'ici sans nos droits. »",
    "lone-pronoun": "« Tout est prêt pour le départ des camions ce soir », a-t-il dit.",
    "terms": "Les habitants redoutent une “bombe sale”. L'opération “Tempête du désert” a commencé en janvier.",
    "kremlin": "Le Kremlin a déclaré que les discussions avaient eu lieu à la demande de Washington.",
}
ENGLISH = {
    "said-x": '"We will not back down on the wage question," said Laura Finch, a union spokeswoman.',
    "x-said": '"The talks were useful and frank," Finch said. "We expect more of them next month."',
    "according": "According to a senior administration official, the meeting lasted two hours in Geneva.",
    "said-that": "The White House said that the meeting in Geneva had been productive for both sides.",
}
SAME = {  # one line in three typographies, and a fourth article that does not say it
    "same-1": "« Rien ne sera décidé pour les agriculteurs sans les agriculteurs », a déclaré le ministre.",
    "same-2": "“Rien ne sera décidé pour les agriculteurs sans les agriculteurs”, a assuré le ministre.",
    "same-3": 'Le ministre l\'a redit : "rien ne sera décidé pour les agriculteurs sans les agriculteurs".',
    "other": "« Les prix du blé vont encore baisser cet hiver selon nos calculs », a estimé un négociant.",
}
TRANSLATED = {
    "fr-line": "« Bill Burns est à Ankara aujourd'hui pour rencontrer son homologue Sergueï Narychkine », a "
               "déclaré le porte-parole.",
    "en-line": '"Bill Burns is in Ankara today to meet his counterpart Sergey Naryshkin," the spokesman said.',
}


def _article(key: str, text: str, language: str) -> Article:
    return Article(id=key, path=f"{key}.txt", content_hash=key, text=text, title="", language=language)


ARTICLES = {k: _article(k, t, "fr") for k, t in {**FRENCH, **SAME, "fr-line": TRANSLATED["fr-line"]}.items()}
ARTICLES |= {k: _article(k, t, "en") for k, t in {**ENGLISH, "en-line": TRANSLATED["en-line"]}.items()}


@pytest.fixture(scope="session")
def docs() -> Mapping[str, Doc]:
    """Every test article parsed once; English ones only when an English model is installed."""
    return nlp.parse(list(ARTICLES.values()))


def _run(docs: Mapping[str, Doc], *keys: str, entities: Iterable[Entity] = (), parse: bool = True) -> list[Quote]:
    articles = [ARTICLES[k] for k in keys]
    found = quotes.extract(articles, {k: docs[k] for k in keys if parse and k in docs}, list(entities))
    for q in found:  # every quote is an exact span of its article's clean text
        assert ARTICLES[q.article].text[q.start:q.end] == q.text, q
    return found


def _one(found: list[Quote], contains: str) -> Quote:
    hits = [q for q in found if contains in q.text]
    assert len(hits) == 1, (contains, found)
    return hits[0]


@pytest.mark.parametrize("parse", [True, False], ids=["parsed", "regex-only"])
@pytest.mark.parametrize(("key", "words", "speaker"), [
    ("guillemets", "Nous ne céderons rien sur les salaires", "Claire Vasseur"),
    ("curly", "La situation reste très tendue dans le nord du pays", "Marc Delorme"),
    ("straight", "Nous avons reçu la lettre du préfet hier soir", "Henri Castel"),
    ("closing-pair", "Le dossier est désormais clos pour notre entreprise", "Paul Mercier"),
    ("closer-opens", "continuera jusqu'à nouvel ordre.", "Karim Haddad"),
    ("mismatched", "Nous ne reculerons pas devant les menaces. C'est notre devoir", "Ahmed Benali"),
])
def test_each_quotation_style(docs: Mapping[str, Doc], key: str, words: str, speaker: str, parse: bool) -> None:
    quote = _one(_run(docs, key, parse=parse), words)
    assert quote.text == words and quote.direct
    assert (quote.speaker, quote.speaker_kind) == (speaker, "named")


def test_unclosed_quotation_runs_to_the_end_of_its_paragraph(docs: Mapping[str, Doc]) -> None:
    quote = _one(_run(docs, "unclosed"), "Le texte sera voté")
    assert quote.text == "Le texte sera voté la semaine prochaine. Il n'y aura aucun report."
    assert quote.speaker == "Léa Fournier"  # a quotation standing alone goes on with the speaker before it
    assert not [q for q in _run(docs, "unclosed") if "hémicycle" in q.text]


def test_partial_quote_inside_a_sentence(docs: Mapping[str, Doc]) -> None:
    quote = _one(_run(docs, "partial"), "profondément injuste")
    assert (quote.text, quote.speaker, quote.speaker_kind) == ("profondément injuste", "Sophie Laurent", "named")


def test_terms_in_scare_quotes_are_not_quotes(docs: Mapping[str, Doc]) -> None:
    assert _run(docs, "terms") == []


@pytest.mark.parametrize("parse", [True, False], ids=["parsed", "regex-only"])
def test_reported_speech_without_marks(docs: Mapping[str, Doc], parse: bool) -> None:
    quote = _one(_run(docs, "reported", parse=parse), "routes")
    assert quote.text == "les routes resteraient fermées jusqu'à vendredi"
    assert (quote.direct, quote.speaker, quote.speaker_kind) == (False, "Jean Moreau", "named")
    selon = _one(_run(docs, "selon", parse=parse), "évacuées")
    assert selon.text == "trois cents personnes ont été évacuées dans la nuit"
    assert (selon.speaker_kind, selon.speaker) == ("organisation", "ministère de l'Intérieur")
    kremlin = _one(_run(docs, "kremlin", parse=parse), "discussions")
    assert (kremlin.speaker, kremlin.speaker_kind) == ("Kremlin", "organisation")


def test_anonymous_official_and_a_later_mention_of_them(docs: Mapping[str, Doc]) -> None:
    found = _run(docs, "official")
    first, later = _one(found, "budget"), _one(found, "agir vite")
    assert first.speaker == later.speaker == "responsable du ministère des Finances"
    assert first.speaker_kind == later.speaker_kind == "anonymous_official"


@pytest.mark.parametrize("parse", [True, False], ids=["parsed", "regex-only"])
def test_a_t_il_dit_is_the_earlier_speaker(docs: Mapping[str, Doc], parse: bool) -> None:
    quote = _one(_run(docs, "a-t-il-dit", parse=parse), "Genève")
    assert (quote.speaker, quote.speaker_kind) == ("Olivier Blanc", "named")


def test_no_speaker_is_never_invented(docs: Mapping[str, Doc]) -> None:
    for key in ("no-speaker", "lone-pronoun"):
        (quote,) = _run(docs, key)
        assert (quote.speaker, quote.speaker_entity, quote.speaker_kind) == (None, None, "unknown"), key


@pytest.mark.parametrize("parse", [True, False], ids=["parsed", "regex-only"])
def test_english(docs: Mapping[str, Doc], parse: bool) -> None:
    if parse and nlp.model("en") is None:
        pytest.skip("no English spaCy model installed")
    found = _run(docs, *ENGLISH, parse=parse)
    said = _one(found, "back down")
    assert said.text == "We will not back down on the wage question" and said.speaker == "Laura Finch"
    assert [q.speaker for q in found if q.article == "x-said"] == ["Finch", "Finch"]  # the second goes on
    according = _one(found, "two hours")
    assert (according.speaker, according.speaker_kind) == ("senior administration official", "anonymous_official")
    that = _one(found, "productive")
    assert (that.speaker, that.speaker_kind, that.direct) == ("White House", "organisation", False)


def test_speaker_entity_from_a_mention_or_from_the_name(docs: Mapping[str, Doc]) -> None:
    at = ARTICLES["a-t-il-dit"].text.index("Olivier Blanc")
    blanc = Entity("e-blanc", "Olivier Blanc", "PER", (Mention("a-t-il-dit", "Olivier Blanc", at, at + 13),))
    laurent = Entity("e-laurent", "Sophie Laurent", "PER", (Mention("elsewhere", "Sophie Laurent", 0, 14),))
    found = _run(docs, "a-t-il-dit", "partial", entities=[blanc, laurent])
    assert _one(found, "Genève").speaker_entity == "e-blanc"  # resolved through "a-t-il dit"
    assert _one(found, "injuste").speaker_entity == "e-laurent"  # no mention here: matched by name


def test_the_same_line_in_three_articles_shares_one_group(docs: Mapping[str, Doc]) -> None:
    found = _run(docs, *SAME)
    same = [q for q in found if "agriculteurs" in q.text]
    assert {q.article for q in same} == {"same-1", "same-2", "same-3"}
    assert len({q.group for q in same}) == 1 and same[0].group and same[0].group.startswith("g-")
    assert _one(found, "blé").group is None


def test_a_french_and_an_english_rendering_share_a_group(docs: Mapping[str, Doc]) -> None:
    fr, en = (_one(_run(docs, "fr-line", "en-line"), w) for w in ("Narychkine", "Naryshkin"))
    assert fr.group is not None and fr.group == en.group


def test_ids_are_stable_and_distinct(docs: Mapping[str, Doc]) -> None:
    first, again = _run(docs, *FRENCH), _run(docs, *FRENCH)
    assert [q.id for q in first] == [q.id for q in again]
    assert len({q.id for q in first}) == len(first) and all(q.id.startswith("q-") for q in first)


# -- the seeds: the score floors of the quotes issue, through the CLI and on the regex path alone -------

FLOORS = floors("quotes")
FLOORS_WITHOUT_PARSE = floors("quotes_without_parse")


def test_seed_floors(seeds_scores: dict[str, float], measured: Measured) -> None:
    for measure in FLOORS:
        measured.score("quotes", measure, seeds_scores[measure])
    for measure, floor in FLOORS.items():
        assert seeds_scores[measure] >= floor, f"{measure} = {seeds_scores[measure]:.3f}"


def test_seed_floors_without_a_parse(seeds_report: dict, gold: dict, measured: Measured) -> None:
    """With no spaCy parse and no entities, the patterns alone still meet the floors."""
    from score import Scorer

    articles = [_article(a["id"], a["text"], a["language"]) for a in seeds_report["articles"]]
    found = quotes.extract(articles, {}, [])
    report = {"articles": seeds_report["articles"], "entities": [],
              "quotes": [{"article": q.article, "text": q.text, "speaker": q.speaker, "speaker_entity": None,
                          "speaker_kind": q.speaker_kind} for q in found]}
    scores = Scorer(report, gold).run()
    for measure in FLOORS_WITHOUT_PARSE:
        measured.score("quotes_without_parse", measure, scores[measure])
    for measure, floor in FLOORS_WITHOUT_PARSE.items():
        assert scores[measure] >= floor, f"{measure} = {scores[measure]:.3f}"


def test_seed_quotes_are_exact_spans_and_one_line_reached_three_articles(seeds_report: dict) -> None:
    text = {a["id"]: a["text"] for a in seeds_report["articles"]}
    for q in seeds_report["quotes"]:
        assert q["text"] in text[q["article"]], q
    groups = [q["group"] for q in seeds_report["quotes"] if "sans l" in q["text"] and "Ukraine" in q["text"]]
    assert len(groups) == 3 and len(set(groups)) == 1 and groups[0] is not None
    reached = {q["article"][:3] for q in seeds_report["quotes"] if q["group"] == groups[0]}
    assert reached == {"000", "001", "003"}

