"""French: the words the stages read in French text. Each list is described in ``recoupe.lang``."""
from __future__ import annotations

# -- names and people -------------------------------------------------------------------------------
HONORIFICS = frozenset("m m. mm. mme mme. mmes mlle dr dr.".split())  # "M" alone: "M." cut before its period
# "Me Yassine Bouzrou" (maître), "Pr Dupont", "Mgr Aupetit"
TITLE_ABBREVIATIONS = frozenset("me pr mgr gal col cdt lt".split())
# the gender a determiner, an honorific, a feminine title or a pronoun gives ("la ministre", "a-t-elle dit")
GENDER_WORDS = {**dict.fromkeys("""le un il ils m m. mm. président directeur conseiller ambassadeur sénateur
député chancelier dirigeant représentant collaborateur""".split(), "m"),
                **dict.fromkeys("""la une elle elles mme mme. mmes mlle présidente directrice conseillère
ambassadrice sénatrice députée chancelière dirigeante représentante collaboratrice cheffe procureure
""".split(), "f")}
TITLE_NOUNS = frozenset("""président présidente ministre porte-parole directeur directrice secrétaire général
générale chef cheffe conseiller conseillère ambassadeur ambassadrice sénateur sénatrice député députée
chancelier chancelière roi reine pape juge gouverneur maire commandant colonel professeur patron fondateur
dirigeant dirigeante président-directeur pdg""".split())
ROLE_NOUNS = frozenset("""responsable responsables porte-parole fonctionnaire fonctionnaires source sources
officiel officiels diplomate diplomates conseiller conseillère conseillers collaborateur collaboratrice
collaborateurs représentant représentante représentants dirigeant dirigeants ministre président présidente
directeur directrice chef cheffe secrétaire ambassadeur ambassadrice général commandant procureur procureure
juge maire député députée sénateur sénatrice attaché attachée officier officiers membre membres proche proches
entourage négociateur enquêteur enquêteurs haut-fonctionnaire""".split())
GENERIC_ROLES = frozenset("responsable fonctionnaire officiel source porte-parole diplomate représentant "
                          "collaborateur".split())
LEADER_TITLES = frozenset("président présidente ministre roi reine premier directeur directrice chef".split())
ORG_NOUNS = frozenset("""agence journal quotidien hebdomadaire magazine chaîne radio média télévision site
groupe société entreprise compagnie parti banque université""".split())
ORG_SPEAKERS = frozenset("""kremlin gouvernement ministère agence journal média médias presse quotidien
hebdomadaire chaîne site ong armée police parti entreprise société groupe commission conseil office ambassade
administration état-major présidence pentagone département organisation onu otan cabinet mairie tribunal cour
parquet syndicat titre""".split())
TITLE_PREPOSITIONS = frozenset("de du des d' d’ à au aux".split())

# -- speech -----------------------------------------------------------------------------------------
SPEECH_VERBS = frozenset("""déclarer dire affirmer ajouter expliquer préciser souligner indiquer avertir
confirmer noter estimer assurer annoncer qualifier rappeler insister répondre répéter poursuivre conclure
marteler reconnaître admettre démentir nier prévenir promettre raconter rapporter révéler signaler commenter
confier écrire avouer juger observer relever dénoncer alléguer soutenir maintenir tweeter féliciter inquiéter
réjouir exclamer interroger indigner""".split())
_IRREGULAR = {
    "dire": "dit dite disent disant dira dirait disait", "écrire": "écrit écrivant écrivait",
    "reconnaître": "reconnu reconnaît reconnaissant", "admettre": "admis admet admettant",
    "promettre": "promis promet", "prévenir": "prévenu prévient prévenant",
    "répondre": "répondu répond répondant", "poursuivre": "poursuivi poursuit poursuivant",
    "conclure": "conclu conclut concluant", "soutenir": "soutenu soutient soutenant",
    "maintenir": "maintenu maintient", "avertir": "averti avertit avertissant avertissait",
}


def _conjugated() -> dict[str, str]:
    """The forms news prose uses: of a verb in -er the participles, third persons and present participle
    ("annoncé", "annonce", "annonçant", "annonça"); of the others the listed forms."""
    forms: dict[str, str] = {}
    for lemma in sorted(SPEECH_VERBS):
        if lemma.endswith("er"):
            stem = lemma[:-2]
            soft = stem[:-1] + "ç" if stem.endswith("c") else stem  # annonçant, lança
            for end in ("é", "ée", "e", "ent", "ait", "aient"):
                forms[stem + end] = lemma
            forms[soft + "ant"], forms[soft + "a"] = lemma, lemma
    for lemma, written in _IRREGULAR.items():
        forms.update(dict.fromkeys(written.split(), lemma))
    return forms


SPEECH_FORMS = _conjugated()
PARTICIPLE_ENDINGS = frozenset({"ant"})
REPORTING_VERBS = frozenset("""rapporter affirmer écrire révéler annoncer indiquer déclarer citer confirmer
assurer souligner expliquer préciser dire""".split())
FRAME_VERBS = frozenset("""déclaré affirmé confirmé ajouté indiqué rapporté précisé souligné expliqué annoncé
assuré estimé noté dit appris averti reconnu démenti nié""".split())
ADDING_PARTICIPLES = frozenset("""ajoutant précisant soulignant notant expliquant indiquant affirmant assurant
estimant rappelant""".split())
DENIALS = frozenset("nié nie nient réfuté".split())
DENIAL_STEMS = frozenset("dément démenti".split())
# French reports speech with "que", always: nothing to guess
SAID_WITHOUT_THAT: frozenset[str] = frozenset()
SUBJECT_OPENERS: frozenset[str] = frozenset()

# -- function words ---------------------------------------------------------------------------------
DETERMINERS = frozenset("le la l les un une des du ce cet cette ces son sa ses leur leurs plusieurs "
                        "certains".split())
DETERMINER_PRONOUNS: frozenset[str] = frozenset()
DEFINITE_ARTICLES = frozenset("le la les l' l’".split())
SUBJECT_PRONOUNS = {"il": 1, "elle": 1, "ils": 2, "elles": 2}
RELATIVE_PRONOUNS = frozenset("qui que qu' qu’ dont lequel laquelle lesquels lesquelles".split())
STRESSED_PRONOUNS = frozenset("lui elle eux elles".split())  # "Le maire, lui, promet"
AUXILIARIES = frozenset(["a", "ont", "avait", "avaient", "aurait", "auraient", "ayant", "avoir", "aura",
                         "s'est", "s’est", "se sont", "s'était", "s’était", "s'étaient", "s’étaient"])
AUX_ADVERBS = frozenset("pas jamais également ensuite déjà aussi encore toujours bien enfin".split())
ADVERB_ENDINGS = frozenset({"ment"})
FINITE_VERBS = frozenset("a ont est sont était étaient avait avaient sera serait n' n’".split())


# quantities and places (conflicts): "dix passagers", "18 millions de mètres cubes", "dans le sud de l'Ukraine"
NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
                "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
                "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100}
MULTIPLIERS = {"mille": 1000, "million": 1000000, "millions": 1000000, "milliard": 1000000000,
               "milliards": 1000000000}
UNITS = {"km": "km", "kilomètre": "km", "kilomètres": "km", "m": "m", "mètre": "m", "mètres": "m", "mi": "mi",
         "mille marin": "nmi", "milles marins": "nmi", "m3": "m3", "m³": "m3", "mètres cubes": "m3",
         "mètre cube": "m3", "km3": "km3", "km³": "km3", "kilomètres cubes": "km3", "kg": "kg", "kilos": "kg",
         "kilogrammes": "kg", "tonne": "t", "tonnes": "t", "ha": "ha", "hectares": "ha", "%": "%",
         "pour cent": "%"}
BEARINGS = {"nord": "N", "sud": "S", "est": "E", "ouest": "W", "nord-est": "NE", "nord-ouest": "NW",
            "sud-est": "SE", "sud-ouest": "SW"}
BOUNDS = {"moins de": "at_most", "à moins de": "at_most", "jusqu'à": "at_most", "jusqu’à": "at_most",
          "pas plus de": "at_most", "plus de": "at_least", "au moins": "at_least", "au minimum": "at_least",
          "environ": "about", "près de": "about", "quelque": "about", "quelques": "about",
          "presque": "about", "autour de": "about", "de l'ordre de": "about"}

# -- dates ------------------------------------------------------------------------------------------
MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
          "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12}
MONTH_ABBREVIATIONS = {"janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11,
                       "déc": 12, "dec": 12}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
RELATIVE_DAYS = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "aujourd’hui": 0, "demain": 1}
LAST_MONTH = frozenset({"mois dernier"})

# -- where a speaker's noun phrase stops (these use the weekdays) --------------------------------------
# "a déclaré lundi le porte-parole": a French weekday stands bare, where English says "on Monday"
AFTER_VERB_WORDS = frozenset(WEEKDAYS) | frozenset(["hier", "aujourd'hui", "aujourd’hui", "également", "ensuite",
                                                    "encore", "aussi", "alors", "déjà", "enfin", "plus tard",
                                                    "soir", "matin"])
NP_STOPS = frozenset("""à au aux dans lors en devant pendant sur pour avant après depuis avec par via lorsque
quand que qu qui dont""".split()) | frozenset(WEEKDAYS)
SENTENCE_OPENERS = frozenset("""auparavant ensuite mais puis cependant toutefois pourtant néanmoins enfin hier
alors ainsi désormais dans pendant lors à au aux en après avant depuis pour sur plus par avec selon""".split())
COMPLEMENTIZERS = frozenset("que qu' qu’".split())
ACCORDING_TO = frozenset(["selon", "d'après", "d’après"])
POSTPOSITIONS: frozenset[str] = frozenset()  # French credits a source before it ("selon")
CONTRAST = frozenset({"mais"})
WHEREAS = frozenset({"alors que"})
AND_WORDS = frozenset({"et"})
WITH_WORDS = frozenset({"avec"})

# -- text and pages ---------------------------------------------------------------------------------
ABBREVIATIONS = frozenset("M Mme Dr St art av ch p vol".split())
QUOTE_ABBREVIATIONS = frozenset("m mme dr st etc av apr j.-c".split())
READ_MORE_MARKERS = frozenset(["lire la suite", "lire aussi", "lire egalement", "a lire aussi", "a lire egalement",
                               "en savoir plus", "voir aussi", "sur le meme sujet", "a voir aussi",
                               "pour aller plus loin"])
SEE_ALSO_POINTERS = frozenset(["lire aussi", "à lire aussi", "voir aussi", "en savoir plus"])
FURNITURE_WORDS = frozenset("""partager partagez commenter commentaire commentaires répondre abonnez abonner
abonnement connexion inscription rechercher recherche accueil confidentialité mentions légales droits réservés
publicité suivez vidéos suivant précédent sujets dernières actualités""".split())
PROMOTIONS = frozenset(["toute l'actualite", "retrouvez toute", "retrouvez tous", "retrouvez nos",
                        "retrouvez l'actualite", "suivez-nous", "suivez nous", "abonnez-vous", "abonnez vous",
                        "inscrivez-vous", "inscrivez vous", "newsletter", "telechargez", "partager sur",
                        "partager cet", "imprimer l'article", "tous droits reserves"])
PROMOTION_WORDS = frozenset(["cookie", "cookies"])
PROMOTION_LABELS = frozenset(["publicite"])
SECTION_NAMES = frozenset(["international", "monde", "france", "politique", "economie", "societe", "culture",
                           "sport", "sports", "faits divers", "europe", "afrique", "asie", "ameriques",
                           "moyen-orient", "proche-orient", "actualite", "actualites", "a la une", "en direct",
                           "direct", "video", "opinions", "idees", "debats", "sciences", "planete", "justice",
                           "police-justice", "guerre en ukraine", "depeches", "fil info", "info", "infos"])
READING_TIMES = frozenset(["min de lecture", "minutes de lecture", "minute de lecture", "temps de lecture",
                           "mn de lecture", "lecture :"])
COMMENT_FORM_OPENINGS = frozenset([
    "laisser un commentaire", "laissez un commentaire", "ajouter un commentaire", "poster un commentaire",
    "ecrire un commentaire", "publier un commentaire", "votre commentaire", "s'il vous plait entrez votre",
    "entrez vos coordonnees", "vous commentez a l'aide", "connexion a %s", "annuler la reponse",
    "connectez-vous pour commenter", "connectez-vous pour reagir"])
COMMENT_FORM_NOTICES = frozenset(f"votre adresse {kind} ne sera pas publiee"
                                 for kind in ("e-mail", "email", "de messagerie", "courriel"))
COMMENT_COUNT_LABELS = frozenset(["commentaire", "commentaires"])
SOURCE_LABELS = frozenset(["source", "sources"])
# "Crédits :" is written with its accent, which the source-line rule (on the page's own text) does not read
CREDIT_LABELS: frozenset[str] = frozenset()
BYLINE_WORDS = frozenset({"par"})
# read on the page's own text with any ending ("correspondante"); "envoyé" with its accent is not read today
CORRESPONDENT_BYLINES = frozenset(["de notre correspondant", "de notre envoye"])
PUBLISHED_LABELS = frozenset(["date", "publie", "publie le", "mis en ligne", "mis en ligne le"])
UPDATED_LABELS = frozenset(["mis a jour", "mis a jour le", "modifie", "modifie le"])
DATE_LEADS = frozenset({"le"})
# the brief, written in French: "{text}" is an article's sentence, as written; one in another language is quoted,
# its language named by "in_<code>" (every news language, "in_other" for any other)
BRIEF_PHRASES = {
    "quoted": "Selon {label} : « {text} » ({language})",
    "only": "Seul {label} rapporte : {text}",
    "only_quoted": "Seul {label} rapporte : « {text} » ({language})",
    "disagree": "Les sources divergent : {a} ; {b}",
    "side": "{text} ({label})",
    "side_quoted": "« {text} » ({label}, {language})",
    "unnamed": "un média non identifié",
    "in_fr": "en français", "in_en": "en anglais", "in_es": "en espagnol", "in_de": "en allemand",
    "in_it": "en italien", "in_pt": "en portugais", "in_tr": "en turc", "in_ru": "en russe",
    "in_nl": "en néerlandais", "in_uk": "en ukrainien", "in_pl": "en polonais", "in_ar": "en arabe",
    "in_other": "dans une autre langue",
}
SPACY_MODELS = ("fr_core_news_md",)
