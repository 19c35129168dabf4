"""Text reuse between two articles (``reuse.align``): shared quotations, edited copies, translations in
order, and candidates across stories. Texts written for these tests."""
from __future__ import annotations

import pytest

from recoupe.records import Article, Story
from recoupe.reuse import align, candidate_pairs
from recoupe.text import sentences


def _article(aid: str, text: str, language: str) -> Article:
    return Article(id=aid, path=f"{aid}.txt", content_hash=aid, text=text, title="", language=language)


def _edge(a: Article, b: Article):
    edges = align([a, b], [Story(id="s", title="", articles=(a.id, b.id))])
    assert len(edges) <= 1
    return edges[0] if edges else None


# One statement quoted by two outlets, the rest of each article their own reporting, in four languages.
QUOTED = {
    "fr": ('« Nous ne céderons jamais devant les menaces de ce groupe armé », a déclaré Hélène Marchand.',
           "Les pompiers ont lutté toute la nuit contre un incendie dans une usine chimique de Rouen. "
           "Trois villages ont été évacués par précaution avant l'aube. Les habitants pourront rentrer chez eux "
           "dimanche si la qualité de l'air le permet, selon la préfecture.",
           "Le conseil municipal de Lyon a voté mardi un budget consacré aux transports en commun. Les tarifs "
           "des abonnements pour les étudiants baisseront dès la rentrée prochaine. L'opposition a dénoncé un "
           "calendrier précipité et demandé un audit des finances."),
    "en": ('"We will never give in to the threats of this armed group," said Helen Marshall.',
           "Firefighters battled a blaze at a chemical plant in Leeds throughout the night. Three villages were "
           "evacuated as a precaution before dawn. Residents may return home on Sunday if the air quality "
           "allows it, the county council said.",
           "The city council of Bristol voted on Tuesday for a budget devoted to public transport. Student "
           "season tickets will be cheaper from next autumn. The opposition criticised a rushed timetable "
           "and asked for an audit of the accounts."),
    "es": ('"Nunca cederemos ante las amenazas de este grupo armado", declaró Elena Martínez.',
           "Los bomberos lucharon toda la noche contra un incendio en una fábrica química de Valencia. Tres "
           "pueblos fueron evacuados por precaución antes del amanecer. Los vecinos podrán volver a casa el "
           "domingo si la calidad del aire lo permite, según la delegación del Gobierno.",
           "El ayuntamiento de Sevilla aprobó el martes un presupuesto dedicado al transporte público. Los "
           "abonos para estudiantes serán más baratos a partir del próximo curso. La oposición criticó un "
           "calendario precipitado y pidió una auditoría de las cuentas."),
    "de": ('„Wir werden den Drohungen dieser bewaffneten Gruppe niemals nachgeben“, sagte Helene Marschall.',
           "Die Feuerwehr kämpfte die ganze Nacht gegen einen Brand in einer Chemiefabrik in Leverkusen. Drei "
           "Dörfer wurden vor Sonnenaufgang vorsorglich geräumt. Die Bewohner dürfen am Sonntag nach Hause, "
           "wenn die Luftqualität es erlaubt, teilte die Bezirksregierung mit.",
           "Der Stadtrat von Dresden hat am Dienstag einen Haushalt für den Nahverkehr beschlossen. Die "
           "Monatskarten für Studierende werden ab dem Herbst billiger. Die Opposition kritisierte einen "
           "überstürzten Zeitplan und verlangte eine Prüfung der Finanzen."),
}


@pytest.mark.parametrize("language", sorted(QUOTED))
def test_a_shared_quotation_is_a_quote_link_not_a_copy(language: str) -> None:
    quote, one, other = QUOTED[language]
    edge = _edge(_article("a", f"{one} {quote}", language), _article("b", f"{quote} {other}", language))
    assert edge is not None and edge.kind == "quote"
    assert [p.source.strip("«»\"„“ ") [:12] for p in edge.passages] == [quote.strip("«»\"„“ ")[:12]]


def test_a_quotation_copied_with_its_framing_is_reuse() -> None:
    framing = ("a indiqué la cellule de communication du ministère de l'Intérieur dans un communiqué publié "
               "en fin de matinée.")
    quote, one, other = QUOTED["fr"]
    said = quote.split("»")[0] + "», " + framing
    edge = _edge(_article("a", f"{one} {said}", "fr"), _article("b", f"{said} {other}", "fr"))
    assert edge is not None and edge.kind == "partial"


def test_an_edited_copy_is_found_by_its_wording() -> None:
    one = ("Accompagnée de son avocat et de deux conseillers qui la suivent partout, la ministre de 52 ans a été "
           "entendue jeudi soir par les enquêteurs du pôle financier à Nanterre.")
    edited = ("Accompagnée de son avocat et de deux conseillers, l'ancienne ministre, âgée de 52 ans, a été "
              "entendue jeudi soir à Nanterre par les enquêteurs du pôle financier.")
    _, first, second = QUOTED["fr"]
    edge = _edge(_article("a", f"{first} {one}", "fr"), _article("b", f"{edited} {second}", "fr"))
    assert edge is not None and edge.kind == "partial"
    assert edge.passages[0].source.startswith("Accompagnée")


def test_unrelated_texts_of_one_language_share_nothing() -> None:
    _, first, second = QUOTED["en"]
    assert _edge(_article("a", first, "en"), _article("b", second, "en")) is None


def test_a_loose_translation_in_order_is_a_translation() -> None:
    french = ("Le gouvernement portugais a annoncé lundi la fermeture de trois centrales à charbon d'ici 2030. "
              "La mesure concerne environ deux mille salariés, qui se verront proposer une formation. "
              "Les syndicats ont qualifié le calendrier d'irréaliste et appelé à une grève nationale. "
              "Le ministre de l'Énergie a promis des investissements dans l'éolien en mer.")
    english = ("On Monday Portugal's government said it would shut three coal-fired power stations by 2030. "
               "Some two thousand workers are affected and will be offered training. "
               "Trade unions called the timetable unrealistic and urged a nationwide strike. "
               "The energy minister pledged to invest in offshore wind farms.")
    edge = _edge(_article("fr", french, "fr"), _article("en", english, "en"))
    assert edge is not None and edge.kind == "translation"
    assert len(edge.passages) == 4


def test_pairs_across_stories_come_from_nearest_neighbours() -> None:
    quote, one, other = QUOTED["fr"]
    articles = [_article("a", f"{one} {quote}", "fr"), _article("b", f"{one} Un témoin a filmé la scène.", "fr"),
                _article("c", other, "fr")]
    stories = [Story(id="s1", title="", articles=("a",)), Story(id="s2", title="", articles=("b",)),
               Story(id="s3", title="", articles=("c",))]
    pairs = {frozenset(p) for p in candidate_pairs(articles, stories)}
    assert frozenset(("a", "b")) in pairs
    (edge,) = [e for e in align(articles, stories) if {e.source, e.target} == {"a", "b"}]
    assert edge.kind == "copy"


@pytest.mark.parametrize("text, expected", [
    ("Il a été arrêté samedi à Paris.Son avocat a fait appel.", 2),  # paragraphs a scraper ran together
    ("He was held at the airport.His lawyer appealed.", 2),
    ("Он был задержан в аэропорту.Его адвокат подал жалобу.", 2),
    ("M. Dupont utilise Node.js et le site Example.com chaque jour.", 1),  # no sentence ends inside a name
])
def test_sentences_run_together_are_cut(text: str, expected: int) -> None:
    assert len(sentences(text)) == expected
