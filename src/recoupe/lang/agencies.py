"""News agencies (wires), and the words by which a text says that it comes from one, in every news language.

The agencies are a closed, known set: a gazetteer names each one by its canonical name with its spellings and
scripts ("AFP", "Agence France-Presse"; "TASS", "ТАСС"). Like ``names.PARTICLES``, it is one table for every
language, since a French text credits "Reuters" and a Turkish one "AA" whatever language it is written in.

Where an agency's name says that a text comes from that wire, read by ``origins.wire_credits``:

- a dateline: "PARIS (AFP) -", "Moscou, 24 juin (Reuters) —", "(ANSA) - ROMA, 24 AGO -", "AGI - Il capo...";
- a signature or source line: "(Belga)", "(dpa/jW)", "— dpa", "AA", "Kaynak: AA", "Source : AFP", a byline
  "AA / Paris / ..." (``SOURCE_OPENERS``);
- an outlet's signature on its own text written with a wire's material: "(avec AFP)", "avec AFP et Reuters",
  "Con información de EFE", "mit Material von dpa" (``WITH_OPENERS``);
- a phrase of the text's own reporting, by which the agency is the one that heard or saw: "a déclaré à l'AFP",
  "told Reuters", "a Reuters journalist saw", "l'AFP n'a pas pu vérifier", "dpa-Informationen", "AA muhabirine"
  (``OWN_BEFORE``, ``OWN_AFTER``);
- a phrase by which the text relies on the agency: "selon l'agence TASS", "according to the Associated Press",
  "laut dpa", "secondo l'ANSA", "segundo a agência Lusa", "TASS'ın haberine göre", "сообщает РИА Новости"
  (``CITED_BEFORE``, ``CITED_AFTER``).

An agency named anywhere else (the subject of the news, a photo credit) credits nothing. The phrase tables
below are keyed by language code (fr, en, es, de, it, pt, tr, ru), plain data that ``origins`` arranges into
patterns: a cue, then the function words and agency nouns that may stand before a name (``LINKS``,
``AGENCY_NOUNS``), then one name or a list of them ("les agences Ria Novosti, TASS et Interfax", ``AND_WORDS``).
Cues are matched whatever their case; names as written, so that "AP" is not the word "ap".
"""
from __future__ import annotations

# canonical name -> its spellings, as written (case matters: "AP" and "dpa" are spelled so). A spelling of
# one agency is never a spelling of another; the longest is tried first ("dpa-AFX" before "dpa")
AGENCIES: dict[str, tuple[str, ...]] = {
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "France-Presse", "France Presse",
            "Франс Пресс", "Франс-Пресс"),
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters", "Рейтер", "Рейтерс"),
    "AP": ("AP", "Associated Press", "Ассошиэйтед Пресс"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur", "Deutschen Presse-Agentur"),
    "dpa-AFX": ("dpa-AFX",),
    "EFE": ("EFE", "Efe", "Agencia EFE"),
    "Europa Press": ("Europa Press", "EUROPA PRESS"),
    "ANSA": ("ANSA", "Ansa"),
    "AGI": ("AGI", "Agenzia Italia"),
    "Adnkronos": ("Adnkronos", "ADNKRONOS"),
    "Lusa": ("Lusa", "LUSA", "Agência Lusa"),
    "Agência Brasil": ("Agência Brasil",),
    "Belga": ("Belga", "BELGA"),
    "Keystone-ATS": ("Keystone-ATS", "Keystone-SDA", "ATS", "SDA"),
    "APA": ("APA", "Austria Presse Agentur"),
    "ANP": ("ANP",),
    "PAP": ("PAP", "Polska Agencja Prasowa"),
    "ČTK": ("ČTK", "CTK"),
    "MTI": ("MTI",),
    "Anadolu": ("Anadolu", "Anadolu Agency", "Anadolu Ajansı", "Anadolu Ajansi", "AA", "Анадолу"),
    "DHA": ("DHA", "Demirören Haber Ajansı"),
    "İHA": ("İHA", "IHA", "İhlas Haber Ajansı"),
    "TASS": ("TASS", "Tass", "ТАСС", "ITAR-TASS", "ИТАР-ТАСС"),
    "RIA Novosti": ("RIA Novosti", "Ria Novosti", "RIA-Novosti", "RIA Novosty", "РИА Новости", "РИА «Новости»"),
    "Interfax": ("Interfax", "Интерфакс", "Интерфакса", "Интерфаксу", "Интерфаксом"),
    "Interfax-Ukraine": ("Interfax-Ukraine", "Интерфакс-Украина"),
    "Sputnik": ("Sputnik",),
    "UNIAN": ("UNIAN", "УНИАН", "УНІАН"),
    "Ukrinform": ("Ukrinform", "Укринформ", "Укрінформ"),
    "Xinhua": ("Xinhua", "Chine nouvelle", "Синьхуа"),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap",),
    "PA Media": ("PA Media", "Press Association"),
    "Notimex": ("Notimex",),
    "ANA-MPA": ("ANA-MPA",),
    "IRNA": ("IRNA",),
    "WAFA": ("WAFA",),
    "Bernama": ("Bernama",),
    "Antara": ("Antara",),
    "PTI": ("PTI", "Press Trust of India"),
    "VOA": ("VOA", "VOA Türkçe", "Voice of America", "Amerika'nın Sesi"),
}

# spellings that name something else as often as an agency (an acronym, a word of some language): they
# credit an agency only in a dateline, a signature or a credit line, or right after an agency noun
# ("l'agence AA"), never after a bare cue ("according to AGI" may be artificial intelligence)
POSITIONAL = frozenset({"AA", "ATS", "SDA", "APA", "ANP", "PAP", "CTK", "MTI", "DHA", "IHA", "AGI", "PTI",
                        "Antara"})

# nouns that introduce an agency's name ("l'agence de presse russe TASS", "the news agency Interfax")
AGENCY_NOUNS: dict[str, tuple[str, ...]] = {
    "fr": ("agence", "agences", "agence de presse", "agences de presse", "agence d'information"),
    "en": ("agency", "agencies", "news agency", "news agencies", "wire service", "newswire"),
    "es": ("agencia", "agencias", "agencia de noticias", "agencia de prensa"),
    "de": ("Agentur", "Nachrichtenagentur", "Nachrichtenagenturen", "Presseagentur"),
    "it": ("agenzia", "agenzie", "agenzia di stampa", "agenzia stampa"),
    "pt": ("agência", "agências", "agência de notícias"),
    "tr": ("ajans", "ajansı", "haber ajansı", "haber ajansının", "ajansının"),
    "ru": ("агентство", "агентства", "агентству", "агентстве", "информагентство", "информагентства",
           "агентства новостей"),
}

# function words that may stand between a cue and a name: articles and their contractions ("l'AFP", "dell'ANSA")
LINKS: dict[str, tuple[str, ...]] = {
    "fr": ("l'", "l’", "la", "le", "les", "de l'", "de l’", "du", "des", "de la"),
    "en": ("the", "a", "an"),
    "es": ("la", "el", "las", "los", "de la", "del"),
    "de": ("der", "die", "dem", "den", "des"),
    "it": ("l'", "l’", "la", "il", "lo", "le", "dell'", "dell’", "della", "del", "dall'", "dall’", "dalla",
           "all'", "all’", "alla"),
    "pt": ("a", "o", "as", "os", "da", "do", "à", "ao", "pela", "pelo"),
    "tr": (),
    "ru": (),
}

# "les agences Ria Novosti, TASS et Interfax"
AND_WORDS: dict[str, tuple[str, ...]] = {
    "fr": ("et",), "en": ("and",), "es": ("y", "e"), "de": ("und",), "it": ("e", "ed"), "pt": ("e",),
    "tr": ("ve",), "ru": ("и",),
}

# labels of a source line, which say the text is the wire's: "Source : AFP", "Kaynak: AA", "Fuente: EFE"
SOURCE_OPENERS: dict[str, tuple[str, ...]] = {
    "fr": ("source", "sources"), "en": ("source", "sources"), "es": ("fuente", "fuentes"),
    "de": ("Quelle", "Quellen"), "it": ("fonte", "fonti"), "pt": ("fonte", "fontes"), "tr": ("kaynak",),
    "ru": ("источник",),
}

# words by which an outlet signs its own text written with a wire's material: "(avec AFP)", "Le Monde avec
# AFP et Reuters", "Con información de EFE", "mit Material von dpa", "по материалам ТАСС"; also the cue of a
# sentence closing a paragraph that credits the text's material to a few outlets, a wire among them: "As
# informações são de reportagens dos veículos Le Monde, AFP e TF1." (read by ``origins``' credit sentences)
WITH_OPENERS: dict[str, tuple[str, ...]] = {
    "fr": ("avec", "d'après", "d’après", "avec des informations de", "informations de", "avec la contribution de"),
    "en": ("with", "additional reporting by", "reporting by", "compiled from", "with additional reporting by",
           "information from", "with information from", "reporting from", "with reporting from",
           "based on reporting by", "based on reports by"),
    "es": ("con", "con información de", "con información de la", "información de", "con informaciones de",
           "la información es de", "con datos de"),
    "de": ("mit", "mit Material von", "mit Material der", "mit Informationen von", "Material von",
           "unter Verwendung von Material"),
    "it": ("con", "con informazioni di", "con informazioni da", "informazioni di", "le informazioni sono di",
           "con il contributo di"),
    "pt": ("com", "com informações de", "com informações da", "com informações do", "com informações",
           "informações de", "as informações são", "com reportagem de", "com reportagens de"),
    "tr": ("ile",),
    "ru": ("по материалам", "с использованием материалов", "по сообщениям", "использованы материалы",
           "при подготовке использованы материалы"),
}

# ... after the names, in a sentence of its own: "AA ve Reuters'tan alınan bilgilere göre.", "Reuters and AP
# contributed to this report."
WITH_AFTER: dict[str, tuple[str, ...]] = {
    "fr": ("ont contribué à cet article", "a contribué à cet article"),
    "en": ("contributed to this report", "contributed to this story", "contributed to this article",
           "contributed reporting"),
    "es": ("contribuyeron a esta información", "contribuyó a esta información"),
    "de": (),
    "it": (),
    "pt": (),
    "tr": ("alınan bilgilere göre", "alınan bilgilerle", "alınan bilgilerle hazırlanmıştır",
           "alınan bilgilere göre hazırlanmıştır", "gelen bilgilere göre", "haberlerinden derlenmiştir",
           "haberlerinden derlendi"),
    "ru": (),
}

# phrases of the text's own reporting before the name: the agency heard it ("a déclaré à l'AFP"), saw it
# ("des journalistes de l'AFP"), was asked ("interrogé par l'AFP"), counted it ("selon un décompte de l'AFP")
OWN_BEFORE: dict[str, tuple[str, ...]] = {
    "fr": ("à", "auprès de", "journaliste de", "journalistes de", "correspondant de", "correspondante de",
           "correspondants de", "photographe de", "photographes de", "vidéaste de", "équipe de",
           "contacté par", "contactée par", "contactés par", "interrogé par", "interrogée par", "interrogés par",
           "sollicité par", "sollicitée par", "un décompte de", "un bilan de", "un comptage de",
           "a constaté", "ont constaté", "a appris", "ont appris"),
    "en": ("told", "speaking to", "spoke to", "said to", "interview with", "an interview with",
           "contacted by", "reached by", "asked by", "a statement to", "tally by", "count by"),
    "es": ("dijo a", "declaró a", "explicó a", "indicó a", "aseguró a", "afirmó a", "confirmó a", "contó a",
           "periodista de", "periodistas de", "corresponsal de", "fotógrafo de", "consultado por",
           "consultada por", "contactado por", "un recuento de", "un balance de", "pudo constatar",
           "constató"),
    "de": ("gegenüber", "sagte", "sagten", "erklärte", "bestätigte", "auf Anfrage", "nach Informationen"),
    "it": ("ha detto", "ha dichiarato", "ha spiegato", "ha confermato", "ha raccontato", "giornalista",
           "giornalisti", "corrispondente", "fotografo", "interpellato", "interpellata", "contattato",
           "contattata"),
    "pt": ("disse", "afirmou", "declarou", "contou", "explicou", "confirmou", "jornalista da",
           "jornalistas da", "correspondente da", "fotógrafo da", "contactado pela", "consultado pela"),
    "tr": (),
    "ru": ("рассказал", "рассказала", "рассказали", "сообщил", "сообщила", "сообщили", "заявил", "заявила",
           "заявили", "пояснил", "пояснила", "корреспондент", "корреспонденту", "корреспондента"),
}

# phrases of the text's own reporting after the name: "Reuters could not verify", "a Reuters journalist",
# "AFP-Reporter", "AA muhabirine açıklama yapan"
OWN_AFTER: dict[str, tuple[str, ...]] = {
    "fr": ("n'a pas pu", "n’a pas pu", "n'a pas été en mesure", "n’a pas été en mesure", "n'a pu", "n’a pu",
           "a pu constater", "a constaté"),
    "en": ("journalist", "journalists", "reporter", "reporters", "correspondent", "correspondents",
           "photographer", "witness", "witnesses", "tally", "count", "calculations", "could not", "was unable",
           "has not been able", "cannot independently", "could not independently", "request for comment",
           "requests for comment"),
    "es": ("no pudo", "no ha podido", "pudo constatar", "constató"),
    "de": ("-Reporter", "-Reporterin", "-Korrespondent", "-Korrespondentin", "-Fotograf", "-Journalist",
           "-Anfrage", "-Informationen", "-Recherchen", "-Zählung", "konnte nicht"),
    "it": ("non ha potuto", "non è stata in grado", "ha potuto constatare"),
    "pt": ("não conseguiu", "não pôde", "pôde constatar"),
    "tr": ("muhabiri", "muhabirine", "muhabirinin", "muhabirlerine", "konuşan", "konuştu", "yaptığı açıklamada"),
    "ru": ("не смогло", "не удалось",),
}

# phrases by which the text relies on an agency, before the name: "selon", "a rapporté", "laut", "сообщает"
CITED_BEFORE: dict[str, tuple[str, ...]] = {
    "fr": ("selon", "d'après", "d’après", "selon les informations de", "selon des informations de",
           "rapporte", "rapportent", "a rapporté", "ont rapporté", "annonce", "annoncent", "a annoncé",
           "ont annoncé", "indique", "a indiqué", "précise", "a précisé", "affirme", "a affirmé", "écrit",
           "a écrit", "relaie", "a relayé", "cite", "citant", "cité par", "citée par", "cités par", "citées par",
           "rapporté par", "rapportés par", "rapportée par", "relayé par", "relayée par", "relayés par",
           "repris par", "reprise par"),
    "en": ("according to", "reported by", "cited by", "quoted by", "citing", "as reported by", "reports",
           "reported"),
    "es": ("según", "de acuerdo con", "según informaciones de", "según informó", "informó", "informa",
           "informaron", "recoge", "recogió", "recogido por", "recogida por", "recogidas por", "citado por",
           "citada por", "citando a", "reportó", "publicó", "difundió"),
    "de": ("laut", "nach Angaben", "berichtete", "berichtet", "meldete", "meldet", "zitiert von",
           "zitierte"),
    "it": ("secondo", "secondo quanto riferito da", "secondo quanto riporta", "secondo quanto riportato da",
           "riferisce", "riporta", "ha riferito", "ha riportato", "scrive", "citato da", "citata da",
           "riportato da", "riportata da", "citando"),
    "pt": ("segundo", "de acordo com", "conforme", "informou", "informa", "noticiou", "relatou",
           "citado pela", "citada pela", "citado pelo", "segundo informações da", "segundo informou"),
    "tr": (),
    "ru": ("сообщает", "сообщило", "сообщают", "передает", "передаёт", "передало", "приводит", "приводят",
           "пишет", "по данным", "по информации", "со ссылкой на", "как сообщает", "как передает",
           "как передаёт", "как сообщило", "цитирует"),
}

# ... after the name: "TASS reported", "l'AFP rapporte", "der dpa zufolge", "TASS'ın haberine göre"
CITED_AFTER: dict[str, tuple[str, ...]] = {
    "fr": ("rapporte", "a rapporté", "annonce", "a annoncé", "indique", "a indiqué", "écrit", "a écrit",
           "précise", "a précisé", "affirme", "a affirmé", "cite", "a cité", "relaie", "a relayé"),
    "en": ("reported", "reports", "said", "says", "quoted", "cited", "wrote", "writes"),
    "es": ("informó", "informa", "publicó", "reportó", "recoge", "recogió", "señaló", "indicó"),
    "de": ("berichtete", "berichtet", "meldete", "meldet", "zitierte", "zitiert", "zitierten", "zufolge"),
    "it": ("riferisce", "riporta", "ha riferito", "ha riportato", "ha citato", "scrive", "ha scritto"),
    "pt": ("informou", "informa", "noticiou", "relatou", "publicou", "citou"),
    "tr": ("haberine göre", "göre", "bildirdi", "aktardı", "duyurdu", "haberinde"),
    "ru": ("сообщает", "сообщило", "сообщил", "передает", "передаёт", "передало", "пишет", "уточняет"),
}

# words of a photo credit: the picture's agency is not the text's ("Crédit photo © Reuters", "© -/AP/dpa")
PHOTO_WORDS = ("©", "photo", "photos", "foto", "fotos", "fotoğraf", "фото", "image", "images", "picture",
               "getty", "illustration", "bild", "imagen", "immagine", "imagem", "video", "vidéo", "vídeo")
