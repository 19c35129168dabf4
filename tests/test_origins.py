"""Independent origins: the wire a text credits, in any form and language; groups and labels; a shared
quotation is a ``quote`` link, not a copy. The texts are written for these tests."""
from __future__ import annotations

import pytest

from recoupe import origins
from recoupe.lang import agencies
from recoupe.records import Article, Passage, Removal, ReuseEdge, Story
from recoupe.text import fold


def _article(aid: str, text: str, language: str = "fr", credits: tuple[str, ...] = (),
             removed: tuple[Removal, ...] = (), outlet: str | None = None) -> Article:
    return Article(id=aid, path=f"{aid}.txt", content_hash=aid, text=text, title="", language=language,
                   credits=credits, removed=removed, outlet=outlet)


def _credits(text: str, **kwargs: object) -> set[tuple[str, str]]:
    return {(c.agency, c.form) for c in origins.wire_credits(_article("x", text, **kwargs))}  # type: ignore[arg-type]


# -- the gazetteer ----------------------------------------------------------------------------------

def test_every_spelling_names_one_agency() -> None:
    seen: dict[str, str] = {}
    for name, spellings in agencies.AGENCIES.items():
        for spelling in spellings:
            assert seen.setdefault(fold(spelling), name) == name, f"{spelling!r}: {seen[fold(spelling)]} and {name}"
    assert agencies.POSITIONAL <= {s for spellings in agencies.AGENCIES.values() for s in spellings}


def test_phrase_tables_cover_the_news_languages() -> None:
    for table in (agencies.LINKS, agencies.AGENCY_NOUNS, agencies.AND_WORDS, agencies.SOURCE_OPENERS,
                  agencies.WITH_OPENERS, agencies.OWN_BEFORE, agencies.OWN_AFTER, agencies.CITED_BEFORE,
                  agencies.CITED_AFTER):
        assert set(table) == {"fr", "en", "es", "de", "it", "pt", "tr", "ru"}


# -- datelines ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "agency"), [
    ("PARIS, 24 juin (AFP) - Le gouvernement a présenté samedi son plan pour les hôpitaux.", "AFP"),
    ("Moscou, 24 juin (Reuters) — Le Kremlin a démenti toute négociation.", "Reuters"),
    ("LONDON, June 24 (Reuters) - The government set out its plan for hospitals on Saturday.", "Reuters"),
    ("ST. JOSEPH, Mich. (AP) — A storm knocked out power to thousands of homes.", "AP"),
    ("Berlin (dpa) - Die Regierung hat am Samstag ihren Plan für die Kliniken vorgestellt.", "dpa"),
    ("FRANKFURT (dpa-AFX) - Die Aktie legte am Morgen deutlich zu.", "dpa-AFX"),
    ("Madrid, 24 jun (EFE).- El Gobierno presentó este sábado su plan para los hospitales.", "EFE"),
    ("MADRID, 24 (EUROPA PRESS)\nEl Gobierno presentó este sábado su plan.", "Europa Press"),
    ("(ANSA) - ROMA, 24 GIU - Il governo ha presentato sabato il piano per gli ospedali.", "ANSA"),
    ("AGI - Il ministro ha presentato sabato il piano per gli ospedali.", "AGI"),
    ("LISBOA, 24 jun (Lusa) - O Governo apresentou hoje o plano para os hospitais.", "Lusa"),
    ("ANKARA (AA) - Bakan, hastaneler için hazırlanan planı cumartesi günü açıkladı.", "Anadolu"),
    ("МОСКВА, 24 июн (ТАСС) - Правительство в субботу представило план для больниц.", "TASS"),
])
def test_a_dateline_credits_its_wire(text: str, agency: str) -> None:
    assert (agency, "dateline") in _credits(text)


def test_a_parenthesis_that_is_no_agency_is_no_dateline() -> None:
    assert not _credits("Marine Le Pen (RN) - La députée a répondu au gouvernement samedi.")
    assert not _credits("L'Organisation du traité de l'Atlantique nord (OTAN) - une alliance militaire.")


# -- signatures and credit lines -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "agency", "form"), [
    ("Le ministre a confirmé la fermeture du site. (Belga)", "Belga", "signature"),
    ("Le ministre a confirmé la fermeture du site. (ANSA).", "ANSA", "signature"),
    ("Das Werk bleibt bis Montag geschlossen. (dpa/jW)", "dpa", "signature"),
    ("Son avocat n'a pas commenté. (jch/ats)", "Keystone-ATS", "signature"),
    ("Das Werk bleibt bis Montag geschlossen.\n—dpa", "dpa", "signature"),
    ("Le site restera fermé jusqu'à lundi.\nAFP", "AFP", "signature"),
    ("Bakan planı cumartesi açıkladı.\nKaynak: AA", "Anadolu", "signature"),
    ("Le site restera fermé jusqu'à lundi.\nSource : AFP", "AFP", "signature"),
    ("El plan se votará el martes.\nFuente: (EUROPA PRESS)", "Europa Press", "signature"),
    ("AA / Paris / Jean Dupont\nLe réseau social modifie ses règles.", "Anadolu", "signature"),
    ("Le site restera fermé jusqu'à lundi.\n(avec AFP)", "AFP", "with"),
    ("Le site restera fermé jusqu'à lundi.\nLe Figaro avec AFP", "AFP", "with"),
    ("El plan se votará el martes.\nCon información de EFE", "EFE", "with"),
    ("O plano será votado na terça-feira.\nCom informações da Lusa", "Lusa", "with"),
    ("Der Plan wird am Dienstag abgestimmt.\nMit Material von dpa", "dpa", "with"),
])
def test_a_signature_or_credit_line_credits_its_wire(text: str, agency: str, form: str) -> None:
    assert (agency, form) in _credits(text)


def test_a_credit_line_may_name_several_wires() -> None:
    assert _credits("Le site restera fermé jusqu'à lundi.\navec AFP et Reuters") == {("AFP", "with"),
                                                                                    ("Reuters", "with")}


def test_credits_and_removed_signatures_are_read() -> None:
    assert ("AFP", "signature") in _credits("Le site restera fermé.", credits=("Source : AFP",))
    below = (Removal("Kaynak: AA", "after the article body"),)
    assert ("Anadolu", "signature") in _credits("Bakan planı açıkladı.", removed=below)


def test_a_photo_credit_credits_nothing() -> None:
    assert not _credits("Crédit photo © Reuters\nLe site restera fermé jusqu'à lundi.")
    assert not _credits("Foto: AFP\nDas Werk bleibt geschlossen.")
    assert not _credits("Le site restera fermé.", credits=("Des pompiers devant l'usine. © -/AP/dpa",))


# -- cue phrases, every language ---------------------------------------------------------------------

@pytest.mark.parametrize(("text", "agency"), [
    ("Le Kremlin a démenti toute négociation, selon l'agence de presse russe TASS.", "TASS"),
    ("Le bilan s'élève à douze morts, d'après l'AFP.", "AFP"),
    ("Les troupes se retirent, a rapporté l'agence de presse RIA Novosti.", "RIA Novosti"),
    ("Selon les agences Ria Novosti, TASS et Interfax, l'avion transportait dix passagers.", "Interfax"),
    ("The plane carried ten passengers, according to the Associated Press.", "AP"),
    ("The plane carried ten passengers, TASS reported, citing emergency services.", "TASS"),
    ("El avión llevaba diez pasajeros, según informó la agencia Efe.", "EFE"),
    ("Das Flugzeug hatte zehn Passagiere an Bord, laut dpa.", "dpa"),
    ("Das Flugzeug hatte zehn Passagiere an Bord, wie die Nachrichtenagentur Interfax meldete.", "Interfax"),
    ("L'aereo trasportava dieci passeggeri, secondo l'ANSA.", "ANSA"),
    ("O avião levava dez passageiros, segundo a agência Lusa.", "Lusa"),
    ("Anadolu Ajansı'nın haberine göre uçakta on yolcu vardı.", "Anadolu"),
    ("Rus haber ajansı TASS'ın haberine göre uçakta on yolcu vardı.", "TASS"),
    ("На борту находились десять пассажиров, сообщает РИА Новости.", "RIA Novosti"),
    ("Самолет упал в поле, передает ТАСС.", "TASS"),
    ("По данным Интерфакса, на борту находились десять человек.", "Interfax"),
])
def test_a_cue_phrase_says_the_text_relies_on_a_wire(text: str, agency: str) -> None:
    assert (agency, "cited") in _credits(text)


@pytest.mark.parametrize(("text", "agency"), [
    ("« Nous ne céderons pas », a déclaré à l'AFP un responsable syndical.", "AFP"),
    ("Des centaines de personnes étaient rassemblées, a constaté une journaliste de l'AFP.", "AFP"),
    ("Des vidéos dont l'AFP n'a pas pu vérifier l'authenticité circulent en ligne.", "AFP"),
    ("\"We will not give in,\" a union official told Reuters.", "Reuters"),
    ("A Reuters witness saw smoke rising above the plant.", "Reuters"),
    ("«No vamos a ceder», dijo a EFE un responsable sindical.", "EFE"),
    ("„Wir geben nicht nach“, sagte ein Gewerkschafter gegenüber der dpa.", "dpa"),
    ("„Wir geben nicht nach“, sagte der dpa ein Gewerkschafter.", "dpa"),
    ("«Non cederemo», ha detto all'ANSA un sindacalista.", "ANSA"),
    ("\"Não vamos ceder\", disse à Lusa um sindicalista.", "Lusa"),
    ("Bakan, Anadolu Ajansı muhabirine açıklama yaptı.", "Anadolu"),
    ("«Мы не уступим», — рассказал ТАСС представитель профсоюза.", "TASS"),
])
def test_the_text_s_own_reporting_names_its_wire(text: str, agency: str) -> None:
    assert (agency, "reporting") in _credits(text)


def test_an_agency_named_through_its_noun_is_relied_on_not_the_text_s_own() -> None:
    # how another outlet relays an agency's interview: the text relies on it, it is not the agency's text
    assert _credits("\"The situation is serious,\" the director told the Russian news agency Interfax.",
                    language="en") == {("Interfax", "cited")}


@pytest.mark.parametrize("text", [
    "L'AFP a été fondée en 1835 à Paris.",
    "Reuters a supprimé deux cents emplois l'an dernier.",
    "The Associated Press won a Pulitzer Prize for its coverage.",
    "ТАСС открыл новое бюро в Берлине.",
    "Die Regierung prüft den Plan, laut AGI.",  # "AGI" alone may be something else than the agency
    "Les piles AA et AAA sont recyclées à part.",
])
def test_an_agency_that_is_the_subject_of_the_news_credits_nothing(text: str) -> None:
    assert not _credits(text)


def test_a_page_of_agency_names_is_read_quickly() -> None:
    # lists of names are bounded in the patterns: a page of them (a link farm, a tag cloud) takes no time
    import time

    began = time.perf_counter()
    for text in ("AFP, TASS et Reuters, " * 1000, "AFP/" * 5000, "selon l'agence de presse " * 1000):
        origins.wire_credits(_article("x", text))
    assert time.perf_counter() - began < 2.0


# -- groups and labels ----------------------------------------------------------------------------

LEAD = "Le site restera fermé jusqu'à lundi prochain. "


def _edge(source: str, target: str, kind: str) -> ReuseEdge:
    """An edge aligning the texts' first sentence (LEAD)."""
    text = LEAD.strip()
    return ReuseEdge(source=source, target=target, kind=kind, score=0.2,  # type: ignore[arg-type]
                     passages=(Passage(text, text, 0, 0, 0.9),))


def _groups(articles: list[Article], edges: list[ReuseEdge]) -> dict[str, list[str]]:
    story = Story(id="s", title="t", articles=tuple(a.id for a in articles))
    return {o.label: sorted(o.articles) for o in origins.group(story, articles, edges)}


def test_articles_crediting_one_wire_and_sharing_passages_are_one_origin_named_by_it() -> None:
    a = _article("a", LEAD + "Le bilan est lourd, selon l'AFP.", outlet="lemonde.fr")
    b = _article("b", LEAD + "D'après l'AFP, les dégâts sont importants.", outlet="ouest-france.fr")
    c = _article("c", LEAD + "Le maire a visité le site.", outlet="liberation.fr")
    assert _groups([a, b, c], [_edge("a", "b", "partial"), _edge("a", "c", "partial")]) == {
        "AFP": ["a", "b"], "liberation.fr": ["c"]}


def test_articles_relying_on_one_wire_without_shared_text_stay_apart() -> None:
    a = _article("a", "Le bilan est lourd, selon l'AFP.", outlet="lemonde.fr")
    b = _article("b", "D'après l'AFP, les dégâts sont importants.", outlet="ouest-france.fr")
    assert len(_groups([a, b], [])) == 2
    assert len(_groups([a, b], [_edge("a", "b", "quote")])) == 2  # a shared quotation merges nothing


def test_a_shared_sentence_that_names_the_wire_is_its_fact_relayed_not_a_copy() -> None:
    cue = "Le maire a été évacué, selon l'agence Interfax."
    a = _article("a", "Le barrage a cédé dans la nuit. " + cue, outlet="a.fr")
    b = _article("b", "Des villages sont sous les eaux. " + cue, outlet="b.fr")
    edge = ReuseEdge("a", "b", "partial", 0.5, (Passage(cue, cue, a.text.index(cue), b.text.index(cue), 0.95),))
    assert len(_groups([a, b], [edge])) == 2


def test_the_wire_s_own_texts_are_one_origin_even_without_shared_text() -> None:
    # two dispatches of one wire (its datelines, its own reporting) are the same wire, as two pages of one outlet
    a = _article("a", "MOSCOU (Reuters) - Le Kremlin a démenti toute négociation.")
    b = _article("b", "Residents told Reuters the water had reached the second floor.", language="en")
    c = _article("c", "Le maire a visité le site samedi.")
    assert _groups([a, b, c], []) == {"Reuters": ["a", "b"], "unknown": ["c"]}


def test_a_wire_s_copies_are_labelled_by_the_wire_they_credit() -> None:
    a = _article("a", "PARIS (AFP) - " + LEAD)
    b = _article("b", LEAD, outlet="blog.example")
    assert _groups([a, b], [_edge("a", "b", "copy")]) == {"AFP": ["a", "b"]}


def test_a_dateline_outranks_a_cited_agency_in_the_label() -> None:
    a = _article("a", "AGI - Il ministro ha parlato sabato. L'ex socia ha detto all'AFP che non sapeva nulla.",
                 language="it")
    assert [o.label for o in origins.group(Story("s", "t", ("a",)), [a], [])] == ["AGI"]
