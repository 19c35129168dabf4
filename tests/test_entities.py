"""Entities: spaCy mentions retyped and merged across articles, spellings and languages, with exact offsets."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from conftest import Measured, floors

from recoupe import entities, nlp
from recoupe.records import Article, Entity

FLOORS = floors("entities")
ENGLISH_FLOORS = floors("entities_english")  # the lower of precision and recall, by set of paragraphs

# English news paragraphs written for these tests, with every PER, ORG and LOC mention annotated by hand:
# (surface, accepted types). A surface is looked for on word boundaries, longest first, so "Burns" does not
# also count inside "William Burns". They measure the English model (docs/english-model.md).
Paragraphs = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
ENGLISH: Paragraphs = (
    ("CIA Director William Burns met Sergei Naryshkin, the head of Russia's Foreign Intelligence Service (SVR), "
     "in Ankara on Monday, according to the Kommersant newspaper. The White House said Burns did not negotiate "
     "a settlement of the war in Ukraine. Turkish President Recep Tayyip Erdogan told reporters that Turkey would "
     "keep talking to both sides. National Security Council spokesman John Kirby said the meeting was about "
     "nuclear risk. Kirby added that Washington had informed Kyiv in advance.",
     (("CIA", "ORG"), ("William Burns", "PER"), ("Sergei Naryshkin", "PER"), ("Russia", "LOC"),
      ("Foreign Intelligence Service", "ORG"), ("SVR", "ORG"), ("Ankara", "LOC"), ("Kommersant", "ORG"),
      ("White House", "ORG LOC"), ("Burns", "PER"), ("Ukraine", "LOC"), ("Recep Tayyip Erdogan", "PER"),
      ("Turkey", "LOC"), ("National Security Council", "ORG"), ("John Kirby", "PER"), ("Kirby", "PER"),
      ("Washington", "LOC"), ("Kyiv", "LOC"))),
    ("Apple chief executive Tim Cook visited Berlin on Tuesday to meet German Chancellor Olaf Scholz. Cook told "
     "Reuters that the company would invest in a new research centre in Munich. Siemens and Volkswagen also "
     "attended the talks, a spokeswoman for the German government said. Mr. Scholz later flew to Paris for a "
     "dinner with French President Emmanuel Macron at the Elysee Palace.",
     (("Apple", "ORG"), ("Tim Cook", "PER"), ("Berlin", "LOC"), ("Olaf Scholz", "PER"), ("Cook", "PER"),
      ("Reuters", "ORG"), ("Munich", "LOC"), ("Siemens", "ORG"), ("Volkswagen", "ORG"), ("Scholz", "PER"),
      ("Paris", "LOC"), ("Emmanuel Macron", "PER"), ("Elysee Palace", "LOC ORG"))),
    ("Hunter Biden appeared in a Delaware court on Wednesday. His father, President Joe Biden, was in Washington. "
     "The Justice Department declined to comment, while Hunter Biden's lawyer, Abbe Lowell, said his client would "
     "plead not guilty. The New York Times first reported the hearing.",
     (("Hunter Biden", "PER"), ("Delaware", "LOC"), ("Joe Biden", "PER"), ("Washington", "LOC"),
      ("Justice Department", "ORG"), ("Abbe Lowell", "PER"), ("New York Times", "ORG"))),
    ("United Nations Secretary-General Antonio Guterres warned in Geneva that the World Health Organization (WHO) "
     "was running short of funds. Guterres said donors such as Japan, Canada and the European Union had delayed "
     "payments. Tedros Adhanom Ghebreyesus, the WHO director-general, told the BBC that Africa would be hit first.",
     (("United Nations", "ORG"), ("Antonio Guterres", "PER"), ("Geneva", "LOC"), ("World Health Organization", "ORG"),
      ("WHO", "ORG"), ("Guterres", "PER"), ("Japan", "LOC"), ("Canada", "LOC"), ("European Union", "ORG LOC"),
      ("Tedros Adhanom Ghebreyesus", "PER"), ("BBC", "ORG"), ("Africa", "LOC"))),
    ("Ukrainian President Volodymyr Zelensky met Polish Prime Minister Donald Tusk in Warsaw. Zelensky thanked "
     "Poland for its support, the presidential office in Kyiv said. Meanwhile, Russian Foreign Minister Sergei "
     "Lavrov accused NATO of escalating the conflict, Tass reported. Lavrov spoke in Moscow after talks with "
     "Chinese envoy Li Hui.",
     (("Volodymyr Zelensky", "PER"), ("Donald Tusk", "PER"), ("Warsaw", "LOC"), ("Zelensky", "PER"),
      ("Poland", "LOC"), ("Kyiv", "LOC"), ("Sergei Lavrov", "PER"), ("NATO", "ORG"), ("Tass", "ORG"),
      ("Lavrov", "PER"), ("Moscow", "LOC"), ("Li Hui", "PER"))),
)
SEEDS = Path(__file__).parent / "data" / "seeds"
# Written after the code was tuned on ENGLISH, and not tuned on since: the honest figures.
HELD_OUT: Paragraphs = (
    ("Microsoft said on Thursday it would buy the Seattle-based startup Nuance for $16 billion. Satya Nadella, "
     "Microsoft's chief executive, told analysts the deal would close in June. Shares of Nuance rose 20% on the "
     "Nasdaq. The European Commission is expected to review the acquisition, a person familiar with the matter "
     "told Bloomberg.",
     (("Microsoft", "ORG"), ("Seattle", "LOC"), ("Nuance", "ORG"), ("Satya Nadella", "PER"), ("Nasdaq", "ORG"),
      ("European Commission", "ORG"), ("Bloomberg", "ORG"))),
    ("Lionel Messi scored twice as Inter Miami beat Orlando City 3-1 in Florida on Saturday. Messi, who joined the "
     "club from Paris Saint-Germain last year, now has 12 goals this season. Coach Gerardo Martino praised the "
     "Argentine forward, while Orlando manager Oscar Pareja blamed the referee.",
     (("Lionel Messi", "PER"), ("Inter Miami", "ORG"), ("Orlando City", "ORG"), ("Florida", "LOC"),
      ("Messi", "PER"), ("Paris Saint-Germain", "ORG"), ("Gerardo Martino", "PER"), ("Orlando", "ORG LOC"),
      ("Oscar Pareja", "PER"))),
    ("Scientists at the University of Oxford and the Karolinska Institute in Stockholm published a study in the "
     "journal Nature on Wednesday. Lead author Sarah Gilbert said the vaccine protected mice against three strains "
     "of the virus. The World Bank and the Gates Foundation funded part of the research, Gilbert said.",
     (("University of Oxford", "ORG"), ("Karolinska Institute", "ORG"), ("Stockholm", "LOC"), ("Nature", "ORG"),
      ("Sarah Gilbert", "PER"), ("World Bank", "ORG"), ("Gates Foundation", "ORG"), ("Gilbert", "PER"))),
    ("Mayor Anne Hidalgo announced on Monday that Paris would close the Pont Neuf to cars this summer. The decision "
     "angered drivers' groups and the regional council of Ile-de-France, led by Valerie Pecresse. Hidalgo said the "
     "city had consulted the police prefecture before deciding. Pecresse called the plan 'a gift to the SNCF'.",
     (("Anne Hidalgo", "PER"), ("Paris", "LOC"), ("Pont Neuf", "LOC"), ("Ile-de-France", "LOC"),
      ("Valerie Pecresse", "PER"), ("Hidalgo", "PER"), ("Pecresse", "PER"), ("SNCF", "ORG"))),
    ("Indian Prime Minister Narendra Modi arrived in Tokyo for talks with Japanese Prime Minister Fumio Kishida. "
     "Modi and Kishida discussed the Quad security group, which also includes the United States and Australia. "
     "Toyota and Sony executives attended a lunch at the Indian embassy.",
     (("Narendra Modi", "PER"), ("Tokyo", "LOC"), ("Fumio Kishida", "PER"), ("Modi", "PER"), ("Kishida", "PER"),
      ("Quad", "ORG"), ("United States", "LOC"), ("Australia", "LOC"), ("Toyota", "ORG"), ("Sony", "ORG"))),
)
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Dr|M|Mme)\.?\s+")


def _article(ident: str, text: str, language: str = "fr") -> Article:
    digest = hashlib.sha1(text.encode()).hexdigest()
    return Article(id=ident, path=f"{ident}.txt", content_hash=digest, text=text, title="", language=language)


@pytest.fixture(scope="session")
def run() -> Callable[[Sequence[Article]], list[Entity]]:
    """Parse and extract; ``nlp.parse`` keeps the loaded models for the whole session."""
    def go(articles: Sequence[Article]) -> list[Entity]:
        found = entities.extract(articles, nlp.parse(articles))
        texts = {a.id: a.text for a in articles}
        for entity in found:
            assert entity.type in ("PER", "ORG", "LOC", "MISC")
            for m in entity.mentions:
                assert texts[m.article][m.start:m.end] == m.text, m
        assert len({e.id for e in found}) == len(found)
        return found
    return go


@pytest.fixture(scope="session")
def seeds(run: Callable[[Sequence[Article]], list[Entity]]) -> list[Entity]:
    from recoupe.ingest import discover, read_file
    from recoupe.pipeline import prepare

    articles = [prepare(page) for path in discover([SEEDS]) for page in read_file(path).pages]
    return run([a for a in articles if isinstance(a, Article)])


def holding(found: list[Entity], text: str) -> Entity:
    """The one entity with a mention written ``text``."""
    hits = [e for e in found if any(m.text == text for m in e.mentions)]
    assert len(hits) == 1, (text, hits)
    return hits[0]


def texts(entity: Entity) -> set[str]:
    return {m.text for m in entity.mentions}


def test_seed_types_corrected_across_articles(seeds: list[Entity]) -> None:
    # spaCy alone: Narychkine MISC, Guterres LOC, one Kirby ORG, Anadolu LOC or PER, Erdogan MISC
    for name in ("Narychkine", "Guterres", "Kirby", "Recep Tayyip Erdogan"):
        assert holding(seeds, name).type == "PER", name
    assert holding(seeds, "Anadolu").type == "ORG"
    assert holding(seeds, "Türkiye").type == "LOC"


def test_seed_merges(seeds: list[Entity]) -> None:
    burns = holding(seeds, "Bill Burns")
    assert {"Bill Burns", "M. Burns", "Burns"} <= texts(burns) and burns.name == "Bill Burns"
    assert {"Sergey Naryshkin", "Naryshkin", "Narychkine"} <= texts(holding(seeds, "Narychkine"))
    assert {"Turquie", "Türkiye"} <= texts(holding(seeds, "Turquie"))
    svr = holding(seeds, "SVR")
    assert {"Service de renseignement extérieur", "service russe de renseignement extérieur"} <= texts(svr)
    assert svr.type == "ORG" and svr.name == "Service de renseignement extérieur"
    assert "MIT" in texts(holding(seeds, "Organisation nationale turque du renseignement"))
    assert holding(seeds, "Bill Burns") is not holding(seeds, "Sergey Naryshkin")


def test_seed_names_cited_as_sources(seeds: list[Entity]) -> None:
    # "Kommersant, un titre privé …, a rapporté": spaCy finds nothing there
    assert holding(seeds, "Kommersant").type == "ORG"
    # the first "l'agence Anadolu" of 000 is missed by spaCy; the gazetteer finds it
    anadolu = holding(seeds, "Anadolu")
    assert {m.article[:3] for m in anadolu.mentions} == {"000", "001"} and len(anadolu.mentions) >= 4


def test_seed_scores(seeds: list[Entity], gold: dict, measured: Measured) -> None:
    from score import Scorer

    arts = sorted({m.article for e in seeds for m in e.mentions})
    report = {"articles": [{"id": a} for a in arts], "entities": [
        {"id": e.id, "name": e.name, "type": e.type,
         "mentions": [{"article": m.article, "text": m.text} for m in e.mentions]} for e in seeds]}
    scorer = Scorer(report, gold)
    scorer.entities()
    for measure in FLOORS:
        measured.score("entities", measure, scorer.m[measure])
    assert scorer.m["entities_found"] >= FLOORS["entities_found"]
    assert scorer.m["entities_merged"] >= FLOORS["entities_merged"]
    assert scorer.m["entities_not_conflated"] >= FLOORS["entities_not_conflated"]  # 1.0: a score is at most 1


def test_people_sharing_a_surname_stay_apart(run: Callable[[Sequence[Article]], list[Entity]]) -> None:
    found = run([
        _article("a", "Le président Joe Biden a reçu mardi à Washington le chancelier allemand. Biden a salué "
                      "une rencontre utile."),
        _article("b", "Son fils Hunter Biden a comparu mercredi devant un tribunal du Delaware. L'avocat de "
                      "Hunter Biden a plaidé non coupable."),
        _article("c", "Joe Biden et Hunter Biden ne se sont pas exprimés. M. Biden a quitté la Maison Blanche."),
    ])
    joe, hunter = holding(found, "Joe Biden"), holding(found, "Hunter Biden")
    assert joe is not hunter and joe.type == hunter.type == "PER"
    # the bare surname joins the one Biden named in its own article, and no one where both are named
    assert ("a", "Biden") in {(m.article, m.text) for m in joe.mentions}
    assert not any(m.article == "c" and m.text == "M. Biden" for e in (joe, hunter) for m in e.mentions)
    assert not any(m.article == "b" for m in joe.mentions)


def test_sources_are_typed_by_how_the_text_cites_them(run: Callable[[Sequence[Article]], list[Entity]]) -> None:
    found = run([
        _article("en", "Kommersant, a Moscow daily, reported that the talks took place. Peskov, the Kremlin "
                       "spokesman, said nothing.", "en"),
        _article("fr", "Mediapart a révélé que la réunion avait eu lieu. Le quotidien Kommersant l'a confirmé."),
    ])
    kommersant = holding(found, "Kommersant")
    assert kommersant.type == "ORG" and {m.article for m in kommersant.mentions} == {"en", "fr"}
    assert holding(found, "Mediapart").type == "ORG"  # spaCy says MISC; who reveals is no "misc"
    assert holding(found, "Peskov").type == "PER"


def test_ids_are_stable_and_unique(run: Callable[[Sequence[Article]], list[Entity]]) -> None:
    corpus = [_article("a", "Le président Joe Biden a reçu à Washington le président turc Recep Tayyip Erdogan.")]
    first, second = run(corpus), run(corpus)
    assert [(e.id, e.name, e.type) for e in first] == [(e.id, e.name, e.type) for e in second]
    assert all(e.id.startswith("e-") for e in first)
    assert entities.extract([], {}) == []


def test_same_first_name_is_not_a_merge(run: Callable[[Sequence[Article]], list[Entity]]) -> None:
    found = run([_article("a", "Vladimir Poutine a téléphoné à Vladimir Zelensky. Poutine a exigé des garanties.")])
    assert holding(found, "Vladimir Poutine") is not holding(found, "Vladimir Zelensky")
    assert "Poutine" in texts(holding(found, "Vladimir Poutine"))


def test_transliterations_countries_and_offsets(run: Callable[[Sequence[Article]], list[Entity]]) -> None:
    text_fr = ("Le directeur du SVR, Sergueï Narychkine, s'est rendu en Turquie.\u00a0Narychkine a rencontré "
               "le directeur de la CIA, William Burns, à Ankara.")
    text_en = "Sergei Naryshkin, who heads Russia's SVR, met William Burns in Turkey, the Kremlin said."
    found = run([_article("fr", text_fr), _article("en", text_en, "en")])
    naryshkin = holding(found, "Sergei Naryshkin")
    assert {"Sergueï Narychkine", "Narychkine"} <= texts(naryshkin) and naryshkin.type == "PER"
    assert {"Turquie", "Turkey"} <= texts(holding(found, "Turkey"))
    assert {m.article for m in holding(found, "William Burns").mentions} == {"fr", "en"}


def test_a_first_name_and_its_short_form_are_one_person(run: Callable[[Sequence[Article]], list[Entity]]) -> None:
    found = run([_article("a", "CIA Director William Burns arrived in Cairo on Monday. Bill Burns met the Egyptian "
                          "president, and Burns left on Tuesday. His brother, Tom Burns, stayed at home.", "en")])
    william = holding(found, "William Burns")
    assert "Bill Burns" in texts(william) and william.type == "PER"
    assert holding(found, "Tom Burns") is not william  # another forename is another person
    assert "Burns" not in texts(william)  # two people of that surname in the article: a bare one is either


def test_names_of_the_corpus_are_found_in_languages_without_a_model(
        run: Callable[[Sequence[Article]], list[Entity]]) -> None:
    """Turkish, Russian and German have no spaCy model here: the names found in the French and English
    articles are looked for in their tokens, through transliteration and inflection, and the countries and
    cities through CLDR's names in those languages."""
    found = run([
        _article("fr", "Le porte-parole Dmitri Peskov a affirmé que Evgueni Prigojine partirait pour la Biélorussie. "
                 "Selon Peskov, le chef de Wagner ne sera pas poursuivi."),
        _article("en", "Kremlin spokesman Dmitry Peskov said Yevgeny Prigozhin's men would return to their bases.",
                 "en"),
        _article("tr", "Kremlin Sözcüsü Peskov, Prigojin'in Belarus'a gideceğini söyledi. Prigojin’le yapılan "
                 "anlaşmaya göre askerler Moskova'ya yürümeyecek.", "tr"),
        _article("ru", "Пресс-секретарь Дмитрий Песков заявил, что Пригожин уедет. По словам Пескова, уголовное "
                 "дело прекратят. Колонны не дошли до Москвы.", "ru"),
        _article("de", "Kremlsprecher Peskow sagte, Prigoschin werde nach Belarus gehen. Prigoschins Truppen "
                 "kehrten in ihre Lager zurück.", "de"),
    ])
    prigozhin = holding(found, "Evgueni Prigojine")
    assert {"Prigojin'in", "Prigojin’le", "Пригожин", "Prigoschin", "Prigoschins"} <= texts(prigozhin)
    assert "Yevgeny Prigozhin's" in texts(prigozhin) and prigozhin.type == "PER"  # the possessive as written
    assert prigozhin.name in ("Evgueni Prigojine", "Yevgeny Prigozhin")  # never "Prigozhin's"
    assert {"Dmitri Peskov", "Dmitry Peskov", "Peskov", "Дмитрий Песков", "Пескова", "Peskow"} <= texts(
        holding(found, "Dmitri Peskov"))
    assert {"Moskova'ya", "Москвы"} <= texts(holding(found, "Moskova'ya"))
    assert holding(found, "Moskova'ya").type == "LOC"
    assert "Belarus'a" in texts(holding(found, "Biélorussie"))
    # a capitalised word that sounds like no name stays no entity: the German nouns are not names
    assert not any(m.text in ("Truppen", "Lager", "Kremlsprecher") for e in found for m in e.mentions)


def test_a_name_no_other_article_gives_is_found_by_repetition(
        run: Callable[[Sequence[Article]], list[Entity]]) -> None:
    found = run([_article("ru", "В среду официальный представитель МИД Мария Захарова выступила с заявлением. По "
                          "словам Захаровой, переговоры продолжатся. Позже дипломат повторила это.", "ru"),
                 _article("es", "El ministro dijo que la portavoz Ana Beltrán Ruiz viajará a Lima. Después habló con "
                          "Ana Beltrán Ruiz y con el alcalde.", "es"),
                 _article("es2", "Ayer llegó Ana Beltrán Ruiz.", "es")])
    assert texts(holding(found, "Мария Захарова")) == {"Мария Захарова", "Захаровой"}
    assert texts(holding(found, "Ana Beltrán Ruiz")) == {"Ana Beltrán Ruiz"}
    assert {m.article for m in holding(found, "Ana Beltrán Ruiz").mentions} == {"es", "es2"}
    # a capitalised word opening a sentence is no name by itself
    assert not any(m.text in ("Позже", "Después", "El ministro") for e in found for m in e.mentions)


def test_one_organisation_named_in_two_languages_is_one_entity(
        run: Callable[[Sequence[Article]], list[Entity]]) -> None:
    found = run([
        _article("fr", "Les inspecteurs de l'Agence internationale de l'énergie atomique (AIEA) sont arrivés à "
                 "Vienne. Le ministère des Affaires étrangères a salué leur travail."),
        _article("en", "Inspectors from the International Atomic Energy Agency (IAEA) arrived in Vienna on Monday. "
                 "The Ministry of the Interior did not comment.", "en"),
    ])
    agency = holding(found, "International Atomic Energy Agency")
    assert {"AIEA", "IAEA", "Agence internationale de l'énergie atomique"} <= texts(agency)
    assert agency.type == "ORG"
    assert holding(found, "ministère des Affaires étrangères") is not holding(found, "Ministry of the Interior")


def test_how_an_article_s_names_were_found() -> None:
    assert nlp.entity_method("fr") == "model" and nlp.entity_method("en") == "model"
    assert nlp.entity_method("tr") == nlp.entity_method("ru") == "gazetteer"
    assert nlp.entity_method(None) == "none"


# floors a little under the figures of docs/english-model.md: a regression guard, not a target
@pytest.mark.parametrize(("paragraphs", "floor"), [(ENGLISH, ENGLISH_FLOORS["tuned"]),
                                                   (HELD_OUT, ENGLISH_FLOORS["held-out"])], ids=["tuned", "held-out"])
def test_english_entities_are_found_and_typed(run: Callable[[Sequence[Article]], list[Entity]],
                                              paragraphs: Paragraphs, floor: float, measured: Measured,
                                              request: pytest.FixtureRequest) -> None:
    precision, recall = english_scores(run, paragraphs)
    measured.score("entities_english", request.node.callspec.id, min(precision, recall))
    assert precision >= floor and recall >= floor, (precision, recall)


def english_scores(run: Callable[[Sequence[Article]], list[Entity]], paragraphs: Paragraphs) -> tuple[float, float]:
    """Precision and recall of the PER, ORG and LOC mentions on annotated English paragraphs."""
    articles = [_article(f"en{i}", text, "en") for i, (text, _) in enumerate(paragraphs)]
    found = run(articles)
    predicted = {(m.article, *_name_span(m.text, m.start), e.type)
                 for e in found if e.type != "MISC" for m in e.mentions}
    wanted = _gold_spans(articles, paragraphs)
    hits = sum(any((a, s, t, k) in predicted for k in kinds.split()) for a, s, t, kinds in wanted)
    return hits / max(len(predicted), 1), hits / len(wanted)


def _name_span(text: str, start: int) -> tuple[int, int]:
    """A mention's offsets less a leading honorific ("Mr. Scholz" is the annotated "Scholz")."""
    cut = _HONORIFIC.match(text)
    skip = cut.end() if cut else 0
    return start + skip, start + len(text)


def _gold_spans(articles: Sequence[Article], paragraphs: Paragraphs) -> list[tuple[str, int, int, str]]:
    out = []
    for article, (_, annotated) in zip(articles, paragraphs, strict=True):
        taken: set[int] = set()
        for surface, kinds in sorted(annotated, key=lambda x: -len(x[0])):
            for hit in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", article.text):
                if not taken & set(range(*hit.span())):
                    taken |= set(range(*hit.span()))
                    out.append((article.id, hit.start(), hit.end(), kinds))
    return out


@pytest.mark.parametrize("first", ["Volodine", "Volodin"])
def test_a_word_of_a_language_without_a_model_takes_the_first_found_of_two_names_alike(first: str) -> None:
    """"Volodine" and "Volodin" sound alike ("volodin"); a Turkish "Volodin'in" may begin either. The name found
    first in the corpus wins, in either order: never the order of a set, which the process's string hashing
    decides (the same corpus then gave other entities from one run to the next)."""
    from collections import Counter
    from collections import defaultdict as dd

    from recoupe.entities import _inflected, _Span
    from recoupe.nlp import tokenizer

    second = "Volodin" if first == "Volodine" else "Volodine"
    fr, es = tokenizer("fr")(f"Selon {first}, le texte passera."), tokenizer("es")(f"Según {second}, el texto pasará.")
    spans = [_Span("fr", fr, 1, 2, Counter({"PER": 1})), _Span("es", es, 1, 2, Counter({"PER": 1}))]
    tr = tokenizer("tr")("Meclis Başkanı Volodin'in açıklaması dün yayımlandı.")
    taken: dict[str, set[int]] = dd(set)
    article = Article(id="tr", path="tr.txt", content_hash="", text=tr.text, title="", language="tr")
    _inflected([(article, tr)], spans, taken)
    (found,) = [s for s in spans if s.article == "tr"]
    assert found.words == (first,) and found.doc[found.first].text.startswith("Volodin")
