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
                  agencies.WITH_OPENERS, agencies.WITH_AFTER, agencies.OWN_BEFORE, agencies.OWN_AFTER,
                  agencies.CITED_BEFORE, agencies.CITED_AFTER):
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


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("O plano foi apresentado no sábado. As informações são da Lusa e do jornal Público.", "pt", {"Lusa"}),
    ("O plano foi apresentado no sábado. As informações são de reportagens dos veículos de comunicação "
     "Libération, Reuters e France 2.", "pt", {"Reuters"}),
    ("El plan se votará el martes.\nCon información de EFE y Reuters.", "es", {"EFE", "Reuters"}),
    ("El plan se votará el martes. Con información de las agencias AFP y Europa Press.", "es",
     {"AFP", "Europa Press"}),
    ("Il piano sarà votato martedì. Con informazioni dell'ANSA e della Reuters.", "it", {"ANSA", "Reuters"}),
    ("Le plan sera voté mardi. Avec l'AFP et Libération.", "fr", {"AFP"}),
    ("The plan will be voted on Tuesday. Information from Reuters and AP.", "en", {"Reuters", "AP"}),
    ("The plan will be voted on Tuesday.\nReuters and the Associated Press contributed to this report.", "en",
     {"Reuters", "AP"}),
    ("Der Plan wird am Dienstag abgestimmt. Mit Material der Nachrichtenagenturen dpa und AFP.", "de",
     {"dpa", "AFP"}),
    ("Plan salı günü oylanacak. AA ve Reuters'tan alınan bilgilere göre.", "tr", {"Anadolu", "Reuters"}),
    ("План рассмотрят во вторник. По материалам ТАСС и РИА Новости.", "ru", {"TASS", "RIA Novosti"}),
])
def test_a_credit_sentence_naming_several_outlets_credits_its_wires(text: str, language: str,
                                                                    expected: set[str]) -> None:
    assert {a for a, form in _credits(text, language=language) if form == "with"} == expected


@pytest.mark.parametrize(("text", "language"), [
    ("Il a travaillé avec l'AFP et Reuters pendant vingt ans.", "fr"),
    ("Avec la police et les pompiers.", "fr"),
    ("Le plan sera voté mardi. Avec Libération et Le Parisien.", "fr"),  # outlets, no wire
    ("As informações são preliminares e a AFP ainda aguarda a confirmação da polícia.", "pt"),
    ("Con la AFP y Reuters trabajó durante veinte años.", "es"),
    ("With AFP reporters kept out, the town was cut off.", "en"),
    ("Mit dpa sprach der Minister am Dienstag über den Plan.", "de"),
    ("AA ve Reuters muhabirleri bölgeye ulaşamadı.", "tr"),
])
def test_a_sentence_that_mentions_a_wire_is_no_credit_sentence(text: str, language: str) -> None:
    assert not {a for a, form in _credits(text, language=language) if form == "with"}


def test_a_credit_sentence_naming_two_wires_joins_either_s_text_and_conflicts_with_neither() -> None:
    more = "Les pompiers ont évacué deux cents habitants dans la nuit."
    afp = _article("a", "PARIS (AFP) - " + LEAD + more)
    relay = _article("b", "O local ficará fechado. As informações são das agências AFP e Reuters e do jornal "
                     "Le Monde.", language="pt", outlet="estadao.com.br")
    # one passage besides the credit joins the wire's text and the text that credits it
    assert _groups([afp, relay], [_edge("a", "b", "partial")]) == {"AFP": ["a", "b"]}
    reuters = _article("c", "LONDRES (Reuters) - " + LEAD + more)
    assert _groups([reuters, relay], [_edge("c", "b", "partial")]) == {"Reuters": ["b", "c"]}
    # without the credit, one shared sentence is no copy
    plain = _article("d", "O local ficará fechado.", language="pt", outlet="estadao.com.br")
    assert len(_groups([afp, plain], [_edge("a", "d", "partial")])) == 2


def test_a_long_credit_sentence_is_read_quickly() -> None:
    import time

    began = time.perf_counter()
    for text in ("As informações são de " + "Le Monde, AFP e TF1, " * 2000, "Avec " + "l'AFP et " * 3000,
                 ". " * 5000 + "AA ve " * 2000 + "alınan bilgilere göre"):
        origins.wire_credits(_article("x", text))
    assert time.perf_counter() - began < 2.0


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


def test_articles_relying_on_one_wire_and_sharing_a_run_of_passages_are_one_origin() -> None:
    more = "Les pompiers ont évacué deux cents habitants dans la nuit."
    a = _article("a", LEAD + more + " Le bilan est lourd, selon l'AFP.", outlet="lemonde.fr")
    b = _article("b", LEAD + more + " D'après l'AFP, les dégâts sont importants.", outlet="ouest-france.fr")
    c = _article("c", LEAD + "Le maire a visité le site.", outlet="liberation.fr")
    run = ReuseEdge("a", "b", "partial", 0.4, (Passage(LEAD.strip(), LEAD.strip(), 0, 0, 0.9),
                                               Passage(more, more, 0, 0, 0.95)))
    # one origin, not labelled AFP: "selon l'AFP" names the source of one fact, not the text's wire
    assert _groups([a, b, c], [run, _edge("a", "c", "partial")]) == {"lemonde.fr": ["a", "b"],
                                                                     "liberation.fr": ["c"]}
    # one sentence alike is one fact that two outlets relaying AFP told alike
    assert len(_groups([a, b], [_edge("a", "b", "partial")])) == 2


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


@pytest.mark.parametrize(("text", "language", "two"), [
    ("Le conseil a voté la dissolution du parti jeudi soir. (Avec AFP)", "fr", "AFP et Reuters"),
    ("O conselho votou a dissolução do partido na quinta-feira. Com informações da AFP.", "pt", "AFP e Reuters"),
    ("The council voted to dissolve the party on Thursday. With AFP.", "en", "AFP and Reuters"),
])
def test_a_text_written_with_one_wire_is_that_wire_s_origin(text: str, language: str, two: str) -> None:
    wire = _article("wire", "ANKARA (AFP) - Le conseil constitutionnel a dissous le parti.", outlet="afp.com")
    other = _article("other", "ANKARA (Reuters) - The court dissolved the party.", language="en")
    written = _article("written", text, language=language, outlet="news.example")
    assert _groups([wire, other, written], []) == {"AFP": ["wire", "written"], "Reuters": ["other"]}
    # written with two wires: a synthesis of its own, joined to neither without shared text
    both = _article("both", text.replace("AFP", two), language=language, outlet="news.example")
    story = Story(id="s", title="t", articles=("wire", "other", "both"))
    assert sorted(o.articles for o in origins.group(story, [wire, other, both], [])) == [
        ("both",), ("other",), ("wire",)]


def test_a_wire_s_copies_are_labelled_by_the_wire_they_credit() -> None:
    a = _article("a", "PARIS (AFP) - " + LEAD)
    b = _article("b", LEAD, outlet="blog.example")
    assert _groups([a, b], [_edge("a", "b", "copy")]) == {"AFP": ["a", "b"]}


def test_a_dateline_outranks_a_cited_agency_in_the_label() -> None:
    a = _article("a", "AGI - Il ministro ha parlato sabato. L'ex socia ha detto all'AFP che non sapeva nulla.",
                 language="it")
    assert [o.label for o in origins.group(Story("s", "t", ("a",)), [a], [])] == ["AGI"]


def _passages_edge(source: str, target: str, kind: str, pairs: list[tuple[str, str]],
                   score: float = 0.9) -> ReuseEdge:
    """An edge aligning the given sentences of the two texts."""
    return ReuseEdge(source=source, target=target, kind=kind, score=0.3,  # type: ignore[arg-type]
                     passages=tuple(Passage(s, t, 0, 0, score) for s, t in pairs))


@pytest.mark.parametrize(("sentence", "quoted"), [
    ("« C’est maintenant le moment où le sang peut couler.", True),  # opened, closed in a later sentence
    ("Ainsi nous rentrons dans nos camps, conformément au plan », a déclaré le chef.", True),
    ("„Unsere Kolonnen drehen um und gehen in die Feldlager zurück“, sagte er.", True),
    ("“Now the moment has come when blood could be spilled,” he said.", True),
    ("\"Basta ya de impunidad para Telegram\", dijo uno de los investigadores.", True),
    ("Le chef du groupe a annoncé samedi que ses hommes rentraient dans leurs camps.", False),
    ("The office of the president said he had «brokered» a deal with the mercenary leader on Saturday.", False),
])
def test_a_quotation_is_a_sentence_mostly_between_quotation_marks(sentence: str, quoted: bool) -> None:
    assert origins._quotation(sentence) is quoted


def test_a_shared_quotation_is_corroboration_a_run_of_shared_sentences_one_origin() -> None:
    quote = ("« Nous ne céderons pas », a affirmé le ministre.", "« Nous ne céderons pas », a affirmé le ministre.")
    one = ("Le pont a été rouvert à la circulation mardi matin après trois jours de travaux.",
           "Le pont a été rouvert à la circulation mardi matin après trois jours de travaux.")
    two = ("Les camions restent interdits jusqu'à la fin du mois, selon la préfecture.",
           "Les camions restent interdits jusqu'à la fin du mois, selon la préfecture locale.")
    a = _article("a", " ".join(p[0] for p in (quote, one, two)), outlet="a.fr")
    b = _article("b", " ".join(p[1] for p in (quote, one, two)), outlet="b.fr")
    assert len(_groups([a, b], [_passages_edge("a", "b", "partial", [quote])])) == 2
    assert len(_groups([a, b], [_passages_edge("a", "b", "partial", [quote, one])])) == 2  # one fact told alike
    assert sorted(_groups([a, b], [_passages_edge("a", "b", "partial", [quote, one, two])]).values()) == [["a", "b"]]


def test_one_fact_told_in_two_outlets_own_words_is_not_shared_text() -> None:
    pairs = [("Der Damm wurde in der Nacht zum Dienstag zerstört, teilten die Behörden mit.",
              "Nach Angaben der Behörden ist der Staudamm in der Nacht auf Dienstag gebrochen."),
             ("Tausende Menschen mussten ihre Häuser in den Dörfern am Fluss verlassen.",
              "In den Dörfern entlang des Flusses wurden Tausende Bewohner in Sicherheit gebracht.")]
    a = _article("a", " ".join(p[0] for p in pairs), language="de", outlet="a.de")
    b = _article("b", " ".join(p[1] for p in pairs), language="de", outlet="b.de")
    assert len(_groups([a, b], [_passages_edge("a", "b", "partial", pairs, 0.85)])) == 2


def test_a_passage_across_languages_is_shared_text_only_as_close_as_a_translation() -> None:
    pairs = [("The dam was destroyed overnight, flooding several villages downstream.",
              "La presa fue destruida durante la noche e inundó varios pueblos río abajo."),
             ("Thousands of residents were evacuated by bus on Tuesday morning.",
              "Miles de vecinos fueron evacuados en autobús el martes por la mañana.")]
    a = _article("a", " ".join(p[0] for p in pairs), language="en", outlet="a.com")
    b = _article("b", " ".join(p[1] for p in pairs), language="es", outlet="b.es")
    assert len(_groups([a, b], [_passages_edge("a", "b", "partial", pairs, 0.7)])) == 2
    assert len(_groups([a, b], [_passages_edge("a", "b", "partial", pairs, 0.8)])) == 1


def test_two_wires_stay_two_origins_whatever_their_texts_share() -> None:
    # an AFP dispatch and a Reuters one that align as a "translation" (the same facts, the same statement) are
    # two wires: their datelines say so
    a = _article("a", "MOSCOU, 24 juin (AFP) - " + LEAD, outlet="a.fr")
    b = _article("b", "MOSCOW, June 24 (Reuters) - The site will stay closed until next Monday.", language="en",
                 outlet="b.com")
    c = _article("c", LEAD, outlet="c.fr")
    assert _groups([a, b, c], [_edge("a", "b", "translation"), _edge("a", "c", "copy")]) == {
        "AFP": ["a", "c"], "Reuters": ["b"]}
    # the same with "avec X" signatures, in Spanish and Italian
    d = _article("d", "La central seguirá cerrada hasta el lunes.\nCon información de EFE", language="es")
    e = _article("e", "La centrale resterà chiusa fino a lunedì.\n(ANSA)", language="it")
    assert len(_groups([d, e], [_edge("d", "e", "translation")])) == 2


def test_a_wire_named_for_one_fact_does_not_keep_a_copy_from_its_wire() -> None:
    # "selon l'agence TASS" in a copy of an AFP text: TASS is the source of one fact, AFP the text's wire
    a = _article("a", "PARIS (AFP) - " + LEAD + "L'ambassade a demandé un accès consulaire, selon l'agence TASS.")
    b = _article("b", LEAD + "L'ambassade a demandé un accès consulaire, selon l'agence TASS.", outlet="b.fr")
    assert _groups([a, b], [_edge("a", "b", "copy")]) == {"AFP": ["a", "b"]}


def test_one_article_between_two_origins_does_not_bridge_them() -> None:
    lead_es = "El sitio permanecerá cerrado hasta el próximo lunes."
    a1 = _article("a1", LEAD, outlet="a1.fr")
    a2 = _article("a2", LEAD, outlet="a2.fr")
    b1 = _article("b1", lead_es, language="es", outlet="b1.es")
    b2 = _article("b2", lead_es, language="es", outlet="b2.es")
    copies = [_passages_edge("a1", "a2", "copy", [(LEAD, LEAD)] * 3), _passages_edge("b1", "b2", "copy",
                                                                                      [(lead_es, lead_es)] * 3)]
    one = _passages_edge("a2", "b1", "translation", [(LEAD, lead_es)], 0.8)
    two = _passages_edge("a1", "b2", "translation", [(LEAD, lead_es)], 0.8)
    assert len(_groups([a1, a2, b1, b2], [*copies, one])) == 2
    assert len(_groups([a1, a2, b1, b2], [*copies, one, two])) == 1  # two pairs of their texts share text
    # a single article joins an origin by one link
    assert len(_groups([a1, a2, b1], [copies[0], one])) == 1


def test_two_outlets_relaying_one_wire_s_fact_stay_apart_the_wire_s_text_joins_its_republication() -> None:
    fact = ("Unas 900 personas han sido evacuadas de estos territorios, según la agencia rusa Interfax.",
            "Cerca de 900 pessoas foram retiradas destes territórios, segundo a agência russa Interfax.")
    more = ("Las autoridades prevén que el nivel del agua comience a bajar dentro de tres días.",
            "As autoridades preveem que o nível da água comece a baixar dentro de três dias.")
    a = _article("a", " ".join(p[0] for p in (fact, more)), language="es", outlet="a.es")
    b = _article("b", " ".join(p[1] for p in (fact, more)), language="pt", outlet="b.pt")
    assert len(_groups([a, b], [_passages_edge("a", "b", "partial", [fact, more])])) == 2
    wire = _article("w", "MOSCOU, 7 juin (Interfax) - Le niveau de l'eau devrait baisser dans trois jours.")
    told = ("Le niveau de l'eau devrait baisser dans trois jours.", "The water level should fall within three days.")
    c = _article("c", told[1] + " Seven people are missing, according to Interfax.", language="en", outlet="c.com")
    assert _groups([wire, c], [_passages_edge("w", "c", "partial", [told])]) == {"Interfax": ["c", "w"]}


def test_a_copy_carries_its_source_s_reporting_credit_and_stays_with_its_wire() -> None:
    # "a déclaré à l'Associated Press" in a copy of an Anadolu text is the copied text's, not the copy's wire
    text = "Un responsable a déclaré à l'Associated Press que la rencontre avait eu lieu. " + LEAD
    a = _article("a", text + "\nAA", outlet="aa.com.tr")
    b = _article("b", text, outlet="trt.net.tr")
    assert _groups([a, b], [_edge("a", "b", "copy")]) == {"Anadolu": ["a", "b"]}


def test_a_republication_taking_one_sentence_from_each_version_of_a_wire_joins_it() -> None:
    one = "La presa quedó destruida en la madrugada del martes, según las autoridades locales."
    two = "Unas novecientas personas fueron evacuadas en autobuses hacia la capital regional."
    a = _article("a", "MADRID (EFE).- " + one, language="es")
    b = _article("b", "MADRID (EFE).- " + two, language="es")
    c = _article("c", "Su traducción: " + one + " " + two, language="es", outlet="c.mx")
    edges = [_passages_edge("a", "c", "partial", [(one, one)]), _passages_edge("b", "c", "partial", [(two, two)])]
    assert _groups([a, b, c], edges) == {"EFE": ["a", "b", "c"]}
    assert _groups([a, b, c], edges[:1]) == {"EFE": ["a", "b"], "C": ["c"]}  # one sentence alike: corroboration


def test_a_short_text_saying_alike_in_another_language_is_no_translation() -> None:
    fr = ("Le président a reçu lundi les maires des communes sinistrées à l'Élysée. "
          "La réunion a duré trois heures, a précisé son porte-parole.")
    en = ("The president met on Monday with mayors of the flooded towns, his office said. "
          "The spokesman told reporters the meeting lasted about three hours.")
    de = ("Der Präsident hat am Montag die Bürgermeister der überfluteten Gemeinden empfangen. "
          "Das Treffen dauerte drei Stunden, sagte sein Sprecher.")
    a, b = _article("a", fr, outlet="a.fr"), _article("b", en, language="en", outlet="b.com")
    c = _article("c", de, language="de", outlet="c.de")
    loose = [(s, t) for s, t in zip(fr.split(". "), en.split(". "), strict=True)]
    # two sentences of three at cosine 0.7: two reports of one meeting, in the same order
    assert len(_groups([a, b], [_passages_edge("a", "b", "translation", loose, 0.7)])) == 2
    # one rendered as closely as a translation is, or three in a row: a translation
    close = [(s, t) for s, t in zip(fr.split(". "), de.split(". "), strict=True)]
    assert len(_groups([a, c], [_passages_edge("a", "c", "translation", close, 0.8)])) == 1
    assert len(_groups([a, b], [_passages_edge("a", "b", "translation", loose * 3, 0.7)])) == 1


def test_an_origin_whose_every_text_translates_another_s_joins_it() -> None:
    lead_es = "El sitio permanecerá cerrado hasta el próximo lunes."
    lead_pt = "O local ficará fechado até a próxima segunda-feira."
    a1, a2 = _article("a1", LEAD, outlet="a1.fr"), _article("a2", LEAD, outlet="a2.fr")
    b1 = _article("b1", lead_es, language="es", outlet="b1.es")
    b2 = _article("b2", lead_pt, language="pt", outlet="b2.br")
    copies = [_passages_edge("a1", "a2", "copy", [(LEAD, LEAD)] * 3),
              _passages_edge("b1", "b2", "translation", [(lead_es, lead_pt)] * 3, 0.9)]
    # a wire's French text and its Spanish and Portuguese services', each a translation of a French copy
    es = _passages_edge("a1", "b1", "translation", [(LEAD, lead_es)] * 3, 0.72)
    pt = _passages_edge("a2", "b2", "translation", [(LEAD, lead_pt)] * 3, 0.72)
    assert len(_groups([a1, a2, b1, b2], [*copies, es, pt])) == 1
    # only one of them translates a French text: an article between two origins, no bridge
    assert len(_groups([a1, a2, b1, b2], [*copies, es])) == 2
