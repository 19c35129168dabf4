"""Italian: the words the stages read in Italian text. Each list is described in ``recoupe.lang``.

The stages read every language's lists at once, on French and English text too: words that are also
French or English words with another role are left out ("a", "e", "ma", "per", "era", "come", "i"),
each with a comment where its list is.
"""
from __future__ import annotations

# -- names and people -------------------------------------------------------------------------------
# "on." (onorevole) left out: "on" is English
HONORIFICS = frozenset("sig sig. sig.ra sig.ra. dott dott. dott.ssa prof prof. avv avv. ing.".split())
# "Gen. Rossi", "On. Bianchi" is left out ("on" is an English word read in every text)
TITLE_ABBREVIATIONS = frozenset("gen mons".split())
# the gender a pronoun, an article or a feminine title gives ("la ministra", "ha detto lei"); "le" is also a
# French masculine article and stays out
GENDER_WORDS = {**dict.fromkeys("il lui sig sig. ministro".split(), "m"),
                **dict.fromkeys("la lei sig.ra ministra presidentessa".split(), "f")}
# "re" (king) and "premier" left out: "premier" is French "first" and English "Premier League"
TITLE_NOUNS = frozenset("""presidente ministro ministra portavoce direttore direttrice segretario segretaria
capo consigliere consigliera ambasciatore ambasciatrice senatore senatrice deputato deputata cancelliere
regina papa giudice governatore governatrice sindaco sindaca comandante colonnello generale professore
professoressa fondatore fondatrice procuratore""".split())
ROLE_NOUNS = frozenset("""portavoce funzionario funzionari funzionaria fonte fonti responsabile responsabili
dirigente dirigenti diplomatico diplomatici consigliere consiglieri collaboratore collaboratori rappresentante
rappresentanti ministro ministra presidente direttore direttrice capo segretario ambasciatore comandante
procuratore procuratrice giudice sindaco sindaca deputato deputata senatore ufficiale ufficiali membro membri
negoziatore investigatore investigatori inquirenti esponente esponenti""".split())
GENERIC_ROLES = frozenset("portavoce funzionario fonte responsabile dirigente diplomatico rappresentante "
                          "collaboratore esponente".split())
LEADER_TITLES = frozenset("presidente ministro ministra regina premier direttore direttrice capo".split())
ORG_NOUNS = frozenset("""agenzia giornale quotidiano settimanale rivista emittente canale rete radio partito
banca università società azienda gruppo""".split())
ORG_SPEAKERS = frozenset("""cremlino governo ministero agenzia giornale quotidiano emittente esercito polizia
partito azienda società gruppo commissione consiglio ambasciata amministrazione pentagono organizzazione procura
tribunale corte sindacato farnesina viminale questura prefettura""".split())
# "per" left out: the English "per"
TITLE_PREPOSITIONS = frozenset("di del della dello dei degli delle".split())

# -- speech -----------------------------------------------------------------------------------------
# verbs in -are, conjugated below; the others are listed in _IRREGULAR
_REGULAR = frozenset("""dichiarare affermare spiegare precisare sottolineare annunciare confermare osservare
commentare negare assicurare ricordare raccontare denunciare rivelare evidenziare riportare""".split())
SPEECH_VERBS = _REGULAR | frozenset("""dire aggiungere scrivere rispondere ammettere riferire ribadire smentire
avvertire insistere concludere""".split())
_IRREGULAR = {
    # "dice" is also an English noun ("the dice"): after a determiner it is read as a noun, as "la note" is
    "dire": "dice dicono detto disse dissero diceva dicevano dicendo",
    "aggiungere": "aggiunge aggiungono aggiunto aggiunse aggiunsero aggiungendo",
    "scrivere": "scrive scrivono scritto scrisse scrivendo",
    "rispondere": "risponde rispondono risposto rispose rispondendo",
    "ammettere": "ammette ammesso ammise ammettendo",
    "riferire": "riferisce riferiscono riferito riferì riferendo",
    "ribadire": "ribadisce ribadiscono ribadito ribadì ribadendo",
    "smentire": "smentisce smentiscono smentito smentì smentendo",
    "avvertire": "avverte avvertono avvertito avvertì avvertendo",
    "insistere": "insistono insistito insistette insistendo",
    # "conclude" left out: an English verb
    "concludere": "concludono concluso concluse concludendo",
}


# forms written alike in French, where the French file gives them its own lemma ("il commenta", "il insiste"):
# left to French, the stages find them just the same (a form has one lemma across languages)
_FRENCH_TOO = frozenset({"commenta", "insiste"})


def _conjugated() -> dict[str, str]:
    """The forms news prose uses of a verb in -are: the participle (after "ha"), present, past historic,
    imperfect and gerund, third persons ("dichiarato", "dichiara", "dichiarano", "dichiarò", "dichiararono",
    "dichiarava", "dichiarando"); of the others the listed forms."""
    forms: dict[str, str] = {}
    for lemma in sorted(_REGULAR):
        stem = lemma[:-3]
        for end in ("ato", "a", "ano", "ò", "arono", "ava", "avano", "ando"):
            if stem + end not in _FRENCH_TOO:
                forms[stem + end] = lemma
    for lemma, written in _IRREGULAR.items():
        forms.update(dict.fromkeys(written.split(), lemma))
    return forms


SPEECH_FORMS = _conjugated()
# the gerund: ", aggiungendo che …" (a clause is also cut at ", <word>ando"/", <word>endo")
PARTICIPLE_ENDINGS = frozenset({"ando", "endo"})
REPORTING_VERBS = frozenset("""riferire scrivere rivelare annunciare confermare dichiarare affermare spiegare
precisare sottolineare dire""".split())
FRAME_VERBS = frozenset("""detto dichiarato affermato confermato aggiunto riferito precisato sottolineato
spiegato annunciato assicurato ribadito negato smentito""".split())
ADDING_PARTICIPLES = frozenset("""aggiungendo precisando sottolineando spiegando affermando assicurando
ricordando""".split())
DENIALS = frozenset("nega negano negato negò".split())
DENIAL_STEMS = frozenset({"smenti", "smentì"})
# Italian reports speech with "che", always: nothing to guess
SAID_WITHOUT_THAT: frozenset[str] = frozenset()
SUBJECT_OPENERS: frozenset[str] = frozenset()

# -- function words ---------------------------------------------------------------------------------
# "i" left out: the English "I" would stop being a name and make "I said" a noun. "il" is the French
# subject pronoun too: listed below as a determiner that may stand before a verb ("il dit")
DETERMINERS = frozenset("il lo la gli le un uno una dei degli delle questo questa questi queste quel quella "
                        "quei quelle alcuni alcune diversi diverse".split())
DETERMINER_PRONOUNS = frozenset({"il"})
DEFINITE_ARTICLES = frozenset("il lo la gli le l' l’".split())
# "lui" left out: the French stressed pronoun ("Le maire, lui, promet")
SUBJECT_PRONOUNS = {"lei": 1, "egli": 1, "loro": 2}
RELATIVE_PRONOUNS = frozenset(["che", "cui", "il quale", "la quale", "i quali", "le quali"])
STRESSED_PRONOUNS: frozenset[str] = frozenset()
AUXILIARIES = frozenset("ha hanno aveva avevano avrebbe avrebbero abbia".split())
# "non" is also French: between an auxiliary and its participle it is Italian
AUX_ADVERBS = frozenset("anche già poi inoltre ancora sempre più".split())
ADVERB_ENDINGS = frozenset({"mente"})
# "era" left out: an English noun ("the Soviet era")
FINITE_VERBS = frozenset("è sono erano ha hanno aveva avevano sarà sarebbe".split())


# quantities and places (conflicts): "dieci passeggeri", "18 milioni di metri cubi", "nel sud dell'Ucraina"
# "uno"/"una" left out: the article far more often than one. "due" is an English word; numbers are read
# with the article's own language's words when it is known, so "due" reaches only Italian text and text of
# no known language
NUMBER_WORDS = {"due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9,
                "dieci": 10, "undici": 11, "dodici": 12, "tredici": 13, "quattordici": 14, "quindici": 15,
                "sedici": 16, "venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60,
                "cento": 100, "dozzina": 12}
MULTIPLIERS = {"mille": 1000, "mila": 1000, "milione": 1000000, "milioni": 1000000, "miliardo": 1000000000,
               "miliardi": 1000000000}
UNITS = {"km": "km", "chilometro": "km", "chilometri": "km", "m": "m", "metro": "m", "metri": "m", "mi": "mi",
         "miglio": "mi", "miglia": "mi", "miglio nautico": "nmi", "miglia nautiche": "nmi", "m3": "m3",
         "m³": "m3", "metri cubi": "m3", "metro cubo": "m3", "km3": "km3", "km³": "km3", "chilometri cubi": "km3",
         "kg": "kg", "chili": "kg", "chilogrammi": "kg", "tonnellata": "t", "tonnellate": "t", "ha": "ha",
         "ettari": "ha", "%": "%", "per cento": "%"}
BEARINGS = {"nord": "N", "sud": "S", "est": "E", "ovest": "W", "nord-est": "NE", "nordest": "NE",
            "nord-ovest": "NW", "nordovest": "NW", "sud-est": "SE", "sudest": "SE", "sud-ovest": "SW",
            "sudovest": "SW"}
BOUNDS = {"meno di": "at_most", "fino a": "at_most", "non più di": "at_most", "più di": "at_least",
          "oltre": "at_least", "almeno": "at_least", "circa": "about", "quasi": "about", "intorno a": "about",
          "all'incirca": "about"}

# -- dates ------------------------------------------------------------------------------------------
MONTHS = {"gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
          "agosto": 8, "settembre": 9, "ottobre": 10, "novembre": 11, "dicembre": 12}
# "ago" and "set" left out: English words ("two years ago." would no longer end a sentence)
MONTH_ABBREVIATIONS = {"genn": 1, "febbr": 2, "magg": 5, "giu": 6, "lug": 7, "sett": 9, "ott": 10, "dic": 12}
WEEKDAYS = {"lunedì": 0, "martedì": 1, "mercoledì": 2, "giovedì": 3, "venerdì": 4, "sabato": 5, "domenica": 6,
            "lunedi": 0, "martedi": 1, "mercoledi": 2, "giovedi": 3, "venerdi": 4}
RELATIVE_DAYS = {"l'altro ieri": -2, "l’altro ieri": -2, "altroieri": -2, "ieri": -1, "oggi": 0, "domani": 1,
                 "dopodomani": 2}
LAST_MONTH = frozenset(["mese scorso", "mese passato"])

# -- where a speaker's noun phrase stops (these use the weekdays) --------------------------------------
# "ha detto lunedì il ministro": an Italian weekday stands bare, as a French one
AFTER_VERB_WORDS = frozenset(WEEKDAYS) | frozenset("ieri oggi anche poi inoltre ancora stamattina".split())
# "a", "all'", "per" left out: English and French words
NP_STOPS = frozenset("""al allo alla ai agli alle nel nello nella nei negli nelle dal dallo dalla dai dagli
dalle da durante dopo prima con su sul sulla sui tramite mentre quando che""".split()) | frozenset(WEEKDAYS)
# "ma" left out: a name too ("Jack Ma"), and this list says which capitalised words are no name
SENTENCE_OPENERS = frozenset("""però tuttavia poi inoltre ieri oggi intanto nel nella dopo prima durante
secondo con su anche infatti quindi dunque""".split())
COMPLEMENTIZERS = frozenset({"che"})
ACCORDING_TO = frozenset(["secondo", "stando a", "a detta di"])
# "ma" left out: the French possessive (", ma mère")
# Italian credits a source before it ("secondo")
POSTPOSITIONS: frozenset[str] = frozenset()
CONTRAST = frozenset({"però", "tuttavia"})
WHEREAS = frozenset({"mentre"})
# "e" and "ed" left out: "e" is no word of French or English, and a split there cuts outlet names
AND_WORDS: frozenset[str] = frozenset()
WITH_WORDS = frozenset({"con"})

# -- text and pages ---------------------------------------------------------------------------------
ABBREVIATIONS = frozenset("Sig Dott Prof Avv Ing ecc pag".split())
QUOTE_ABBREVIATIONS = frozenset("sig sig.ra dott prof avv ing ecc pag".split())
READ_MORE_MARKERS = frozenset(["leggi anche", "leggi di piu", "leggi l'articolo", "potrebbe interessarti",
                               "ti potrebbe interessare", "approfondisci", "vedi anche", "per saperne di piu",
                               "articoli correlati"])
SEE_ALSO_POINTERS = frozenset(["leggi anche", "vedi anche", "approfondisci"])
# "cerca" (searches, tries) and "commenta" (a speech verb) left out: words of prose
FURNITURE_WORDS = frozenset("""condividi commenti iscriviti accedi registrati abbonati abbonamento pubblicità
seguici newsletter""".split())
# "abbonati" left out: also "subscribers", a word of prose
PROMOTIONS = frozenset(["iscriviti alla newsletter", "seguici su", "scarica l'app",
                        "tutti i diritti riservati", "riproduzione riservata"])
PROMOTION_WORDS = frozenset(["cookie", "cookies"])
PROMOTION_LABELS = frozenset(["pubblicita"])
SECTION_NAMES = frozenset(["esteri", "mondo", "italia", "politica", "economia", "cronaca", "cultura", "sport",
                           "attualita", "notizie", "ultime notizie", "opinioni", "scienze", "in diretta"])
READING_TIMES = frozenset(["min di lettura", "minuti di lettura", "tempo di lettura"])
COMMENT_FORM_OPENINGS = frozenset(["lascia un commento", "scrivi un commento", "aggiungi un commento",
                                   "annulla risposta"])
COMMENT_FORM_NOTICES = frozenset(["il tuo indirizzo email non sara pubblicato"])
COMMENT_COUNT_LABELS = frozenset(["commento", "commenti"])
SOURCE_LABELS = frozenset(["fonte", "fonti"])
CREDIT_LABELS: frozenset[str] = frozenset()
# "di" left out: a line opening with "Di Maio …" would be read as a byline
BYLINE_WORDS: frozenset[str] = frozenset()
CORRESPONDENT_BYLINES = frozenset(["dal nostro corrispondente", "dal nostro inviato"])
PUBLISHED_LABELS = frozenset(["pubblicato", "pubblicato il"])
UPDATED_LABELS = frozenset(["aggiornato", "aggiornato il", "ultimo aggiornamento"])
# "il" left out: the label is matched with no word boundary ("Il 3 marzo…" opens prose lines)
DATE_LEADS: frozenset[str] = frozenset()
# the brief, written in Italian: "{text}" is an article's sentence, as written; one in another language is quoted,
# its language named by "in_<code>" (every news language, "in_other" for any other)
BRIEF_PHRASES = {
    "quoted": "Secondo {label}: «{text}» ({language})",
    "only": "Solo {label} riferisce: {text}",
    "only_quoted": "Solo {label} riferisce: «{text}» ({language})",
    "disagree": "Le fonti divergono: {a}; {b}",
    "side": "{text} ({label})",
    "side_quoted": "«{text}» ({label}, {language})",
    "unnamed": "una testata non identificata",
    "in_fr": "in francese", "in_en": "in inglese", "in_es": "in spagnolo", "in_de": "in tedesco",
    "in_it": "in italiano", "in_pt": "in portoghese", "in_tr": "in turco", "in_ru": "in russo",
    "in_nl": "in olandese", "in_uk": "in ucraino", "in_pl": "in polacco", "in_ar": "in arabo",
    "in_other": "in un'altra lingua",
}
# no Italian spaCy pipeline installs from the registry with spaCy 3.8
SPACY_MODELS: tuple[str, ...] = ()
