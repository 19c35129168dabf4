"""German: the words the stages read in German text. Each list is described in ``recoupe.lang``.

The stages read every language's lists at once, on French and English text too: words that are also
French or English words with another role are left out, each with a comment saying why. German nouns are
capitalised, so the speaker stage reads a bare German noun as a name part ("Regierungssprecher Steffen
Hebestreit" is one name to it): see the issue 19 report.
"""
from __future__ import annotations

# -- names and people -------------------------------------------------------------------------------
HONORIFICS = frozenset("herr herrn frau dr dr. prof prof.".split())
# "Prof. Weber", "Dipl.-Ing." stays out: only abbreviations that stand alone before a name
TITLE_ABBREVIATIONS = frozenset("gen".split())
# the gender a pronoun, an honorific or a feminine title gives ("die Sprecherin", "sagte er"); "sie" (she, they)
# and the articles (der is also a feminine genitive) tell nothing alone
GENDER_WORDS = {**dict.fromkeys("er herr herrn sprecher präsident minister kanzler".split(), "m"),
                **dict.fromkeys("frau sprecherin präsidentin ministerin kanzlerin".split(), "f")}
TITLE_NOUNS = frozenset("""präsident präsidentin bundespräsident bundespräsidentin kanzler kanzlerin
bundeskanzler bundeskanzlerin minister ministerin ministerpräsident ministerpräsidentin außenminister
außenministerin innenminister innenministerin verteidigungsminister verteidigungsministerin finanzminister
finanzministerin sprecher sprecherin regierungssprecher regierungssprecherin direktor direktorin
generalsekretär generalsekretärin chef chefin botschafter botschafterin senator senatorin abgeordneter
abgeordnete bürgermeister bürgermeisterin könig königin papst richter richterin gouverneur gouverneurin
kommandeur oberst general professor professorin gründer gründerin vorsitzender vorsitzende parteichef
parteichefin""".split())
ROLE_NOUNS = frozenset("""sprecher sprecherin regierungssprecher regierungssprecherin pressesprecher
pressesprecherin polizeisprecher polizeisprecherin ministeriumssprecher ministeriumssprecherin beamter beamte beamten
regierungsvertreter regierungsvertreterin vertreter vertreterin quelle quellen diplomat diplomatin diplomaten
berater beraterin mitarbeiter mitarbeiterin minister ministerin präsident präsidentin direktor direktorin
chef chefin botschafter botschafterin kommandeur staatsanwalt staatsanwältin richter richterin bürgermeister
bürgermeisterin abgeordneter abgeordnete offizier offiziere mitglied unterhändler ermittler ermittlerin
insider regierungskreise sicherheitskreise""".split())
GENERIC_ROLES = frozenset("sprecher sprecherin beamter beamte vertreter vertreterin regierungsvertreter quelle "
                          "diplomat mitarbeiter".split())
LEADER_TITLES = frozenset("präsident präsidentin kanzler kanzlerin minister ministerin könig königin direktor "
                          "direktorin chef chefin".split())
ORG_NOUNS = frozenset("""agentur nachrichtenagentur zeitung tageszeitung wochenzeitung magazin sender
fernsehsender rundfunk radio portal partei bank universität konzern unternehmen firma gruppe""".split())
# German writes compounds ("Innenministerium"), and the stages match whole words: the common ones are listed
ORG_SPEAKERS = frozenset("""kreml regierung bundesregierung landesregierung ministerium außenministerium
innenministerium bundesinnenministerium verteidigungsministerium finanzministerium justizministerium
gesundheitsministerium wirtschaftsministerium amt kanzleramt bundeskanzleramt bundesamt agentur
nachrichtenagentur zeitung sender armee polizei bundespolizei landespolizei feuerwehr partei konzern
unternehmen firma gruppe kommission rat botschaft verwaltung stadtverwaltung pentagon organisation gericht
gewerkschaft staatsanwaltschaft behörde behörden bundeswehr""".split())
# "der" and "des" are determiners too (DETERMINERS), so they never count as a title's own word
TITLE_PREPOSITIONS = frozenset("von für des der".split())

# -- speech -----------------------------------------------------------------------------------------
# weak verbs, conjugated below; the strong and separable ones are listed in _IRREGULAR
_WEAK = frozenset("""sagen erklären betonen berichten bestätigen warnen äußern kritisieren erläutern
antworten ergänzen meinen behaupten versichern verkünden mahnen dementieren twittern unterstreichen""".split())
SPEECH_VERBS = _WEAK | frozenset("""mitteilen hinzufügen ankündigen einräumen schreiben bestreiten
zurückweisen""".split())
# inseparable prefixes take no "ge-" in the participle ("erklärt", "bestätigt", "verkündet")
_NO_GE = ("be", "er", "ver", "zer", "ent", "emp", "miss", "unter")
_IRREGULAR = {
    # separable verbs: the particle comes last in a main clause ("teilte mit"), joined in the participle;
    # "teilte am Montag mit" is not read (the particle is too far), an inverted pronoun is ("fügte er hinzu")
    "mitteilen": "teilte mit|teilten mit|teilt mit|teilte er mit|teilte sie mit|mitgeteilt",
    "hinzufügen": "fügte hinzu|fügten hinzu|fügt hinzu|fügte er hinzu|fügte sie hinzu|hinzugefügt",
    "ankündigen": "kündigte an|kündigten an|kündigt an|angekündigt",
    "einräumen": "räumte ein|räumten ein|räumt ein|eingeräumt",
    "zurückweisen": "wies zurück|wiesen zurück|weist zurück|zurückgewiesen",
    # strong verbs
    "schreiben": "schreibt|schrieb|schrieben|geschrieben",
    "bestreiten": "bestreitet|bestritt|bestritten",
    "unterstreichen": "unterstreicht|unterstrich|unterstrichen",
}


def _conjugated() -> dict[str, str]:
    """The forms news prose uses of a weak verb: third person present, past singular and plural, past
    participle ("betont", "betonte", "betonten", "betont"); of the others the listed forms. The infinitive
    (also the plural present) is left out: it follows every modal verb ("wollte nichts sagen")."""
    forms: dict[str, str] = {}
    for lemma in sorted(_WEAK - set(_IRREGULAR)):
        stem = lemma[:-1] if lemma.endswith(("ern", "eln")) else lemma[:-2]  # äußern -> äußer
        link = "e" if stem.endswith(("t", "d")) else ""  # berichtet, antwortete
        ge = "" if lemma.startswith(_NO_GE) or lemma.endswith("ieren") else "ge"
        for form in (stem + link + "t", stem + link + "te", stem + link + "ten", ge + stem + link + "t"):
            forms[form] = lemma
    for lemma, written in _IRREGULAR.items():
        forms.update(dict.fromkeys(written.split("|"), lemma))
    return forms


SPEECH_FORMS = _conjugated()
# the present participle ("sagend") is no way German news attributes speech; "-end" would also cut clauses
# at English names (", Townsend")
PARTICIPLE_ENDINGS: frozenset[str] = frozenset()
REPORTING_VERBS = frozenset("berichten schreiben melden erklären bestätigen mitteilen sagen ankündigen".split())
FRAME_VERBS = frozenset("""sagte sagten gesagt erklärte erklärten erklärt betonte betont bestätigte bestätigt
berichtete berichtet mitgeteilt hinzugefügt angekündigt""".split())
# German adds a second statement with "und fügte hinzu", not with a participle
ADDING_PARTICIPLES: frozenset[str] = frozenset()
DENIALS = frozenset("bestritt bestreitet bestritten dementierte dementiert zurückgewiesen".split())
DENIAL_STEMS = frozenset({"dementier"})
# "Er sagte, die Lage sei ernst": German drops "dass" after a comma, which the pattern (verb, space,
# subject) does not read; nothing listed
SAID_WITHOUT_THAT: frozenset[str] = frozenset()
SUBJECT_OPENERS: frozenset[str] = frozenset()

# -- function words ---------------------------------------------------------------------------------
# "die" is an English verb too, but only a determiner opens a German subject ("sagte die Sprecherin"),
# and it never stands right before an English speech verb
DETERMINERS = frozenset("der die das den dem des ein eine einen einem einer eines dieser diese dieses "
                        "diesen mehrere einige".split())
DETERMINER_PRONOUNS: frozenset[str] = frozenset()
DEFINITE_ARTICLES = frozenset("der die das den dem des".split())
SUBJECT_PRONOUNS = {"er": 1, "sie": 1}  # "sie" is also "they": read as the singular
# the relative "der", "die", "das" are written as the articles: a subject "Das Ministerium" would read as a
# relative clause set off after a subject, so only the unambiguous ones are listed
RELATIVE_PRONOUNS = frozenset("deren dessen welcher welche welches".split())
STRESSED_PRONOUNS: frozenset[str] = frozenset()
# "hat" is an English noun too; standing at most two words before a speech verb it is the German auxiliary
AUXILIARIES = frozenset("hat haben hatte hatten habe".split())
AUX_ADVERBS = frozenset("bereits schon auch nicht nie zuvor erneut".split())
ADVERB_ENDINGS: frozenset[str] = frozenset()
# "war"/"waren" left out: "war" is an English noun, inside speakers' noun phrases ("the war ministry")
FINITE_VERBS = frozenset("ist sind hat haben hatte hatten wird werden wurde wurden".split())


# quantities and places (conflicts): "zehn Passagiere", "18 Millionen Kubikmeter", "im Süden der Ukraine"
NUMBER_WORDS = {"eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
                "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
                "sechzehn": 16, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
                "hundert": 100, "dutzend": 12}  # "ein"/"eine" left out: the article far more often than one
MULTIPLIERS = {"tausend": 1000, "million": 1000000, "millionen": 1000000, "milliarde": 1000000000,
               "milliarden": 1000000000}
UNITS = {"km": "km", "kilometer": "km", "m": "m", "meter": "m", "mi": "mi", "meile": "mi", "meilen": "mi",
         "seemeile": "nmi", "seemeilen": "nmi", "m3": "m3", "m³": "m3", "kubikmeter": "m3", "km3": "km3",
         "km³": "km3", "kubikkilometer": "km3", "kg": "kg", "kilo": "kg", "kilogramm": "kg", "tonne": "t",
         "tonnen": "t", "ha": "ha", "hektar": "ha", "%": "%", "prozent": "%"}
BEARINGS = {"norden": "N", "süden": "S", "osten": "E", "westen": "W", "nordosten": "NE", "nordwesten": "NW",
            "südosten": "SE", "südwesten": "SW"}
BOUNDS = {"weniger als": "at_most", "bis zu": "at_most", "höchstens": "at_most", "nicht mehr als": "at_most",
          "mehr als": "at_least", "über": "at_least", "mindestens": "at_least", "wenigstens": "at_least",
          "rund": "about", "etwa": "about", "ungefähr": "about", "knapp": "about", "beinahe": "about",
          "zirka": "about", "ca.": "about"}  # "fast" (almost) left out: an English adjective

# -- dates ------------------------------------------------------------------------------------------
MONTHS = {"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5, "juni": 6,
          "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12}
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "febr": 2, "mär": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                       "sept": 9, "okt": 10, "nov": 11, "dez": 12}
WEEKDAYS = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
            "sonnabend": 5, "sonntag": 6}
# "morgen" (tomorrow) left out: it is "morning" as often ("heute Morgen", "am Morgen")
RELATIVE_DAYS = {"vorgestern": -2, "gestern": -1, "heute": 0, "übermorgen": 2}
LAST_MONTH = frozenset(["letzten monat", "vergangenen monat", "vorigen monat", "im vormonat"])

# -- where a speaker's noun phrase stops ------------------------------------------------------------
# "sagte am Montag der Sprecher": the weekday comes with its preposition
AFTER_VERB_WORDS = frozenset("am " + day for day in WEEKDAYS) | frozenset(
    "gestern heute auch zudem außerdem bereits später zuvor erneut ebenfalls".split())
# "an" left out: the English article ("the head of an agency"). The finite auxiliaries and modals end the
# phrase too: German puts the verb right after "Laut X" ("Laut Karl Brenner wird die Grenze …"); "hat" is
# left out (an English noun), and "um" (the Portuguese "a": "Um funcionário afirmou")
NP_STOPS = frozenset("""im am auf bei mit nach vor während seit gegenüber über zu zum zur als dass wenn
nachdem weil aus ist sind sei seien wird werden wurde wurden haben hatte hatten habe soll sollen könne
könnte müsse""".split())
SENTENCE_OPENERS = frozenset("""aber doch jedoch dann danach zuvor später gestern heute zudem außerdem
trotzdem deshalb daher inzwischen unterdessen laut im am auf bei mit nach vor während seit""".split())
COMPLEMENTIZERS = frozenset({"dass"})
# "X zufolge" (a postposition) is not read by the stages: see the issue 19 report
ACCORDING_TO = frozenset(["laut", "nach angaben von", "nach angaben des", "nach angaben der"])
# "Dem Ministerium zufolge": a source credited before the word
POSTPOSITIONS = frozenset({"zufolge"})
CONTRAST = frozenset({"aber", "doch", "jedoch"})
WHEREAS = frozenset({"während"})
AND_WORDS = frozenset({"und"})
WITH_WORDS = frozenset({"mit"})

# -- text and pages ---------------------------------------------------------------------------------
ABBREVIATIONS = frozenset("Dr Prof Nr Hr Fr bzw ca vgl usw Abs".split())
QUOTE_ABBREVIATIONS = frozenset("dr prof nr bzw ca vgl usw z.b u.a".split())
READ_MORE_MARKERS = frozenset(["lesen sie auch", "lesen sie mehr", "lesen sie weiter", "mehr zum thema",
                               "mehr dazu", "weiterlesen", "siehe auch", "auch interessant", "das konnte sie auch "
                               "interessieren"])
SEE_ALSO_POINTERS = frozenset(["lesen sie auch", "mehr zum thema", "siehe auch"])
FURNITURE_WORDS = frozenset("""teilen kommentare kommentar kommentieren antworten abonnieren abo anmelden
registrieren suche startseite datenschutz impressum werbung newsletter folgen zurück weiter drucken
nutzungsbedingungen""".split())
PROMOTIONS = frozenset(["jetzt abonnieren", "newsletter abonnieren", "folgen sie uns", "melden sie sich an",
                        "alle rechte vorbehalten", "artikel teilen", "artikel drucken"])
PROMOTION_WORDS = frozenset(["cookie", "cookies"])
PROMOTION_LABELS = frozenset(["anzeige", "werbung"])
SECTION_NAMES = frozenset(["politik", "ausland", "inland", "wirtschaft", "kultur", "sport", "wissen",
                           "panorama", "meinung", "nachrichten", "deutschland", "welt"])
READING_TIMES = frozenset(["min lesezeit", "minuten lesezeit", "lesezeit"])
COMMENT_FORM_OPENINGS = frozenset(["kommentar schreiben", "schreiben sie einen kommentar", "kommentar verfassen",
                                   "antwort abbrechen"])
COMMENT_FORM_NOTICES = frozenset(["ihre e-mail-adresse wird nicht veroffentlicht"])
COMMENT_COUNT_LABELS = frozenset(["kommentar", "kommentare"])
SOURCE_LABELS = frozenset(["quelle", "quellen"])
CREDIT_LABELS = frozenset(["bildquelle"])
# "von" left out: a line opening with "Von der Leyen …" would be read as a byline
BYLINE_WORDS: frozenset[str] = frozenset()
CORRESPONDENT_BYLINES: frozenset[str] = frozenset()
# "stand" ("Stand: 12.03.2023") left out: the label is matched with no word boundary ("standing")
PUBLISHED_LABELS = frozenset(["veroffentlicht", "veroffentlicht am", "erschienen am"])
UPDATED_LABELS = frozenset(["aktualisiert", "aktualisiert am", "zuletzt aktualisiert"])
# "am" left out: the label is matched with no word boundary, and lines open with "Am…" in every language
DATE_LEADS: frozenset[str] = frozenset()
# the brief, written in German: "{text}" is an article's sentence, as written; one in another language is quoted,
# its language named by "in_<code>" (every news language, "in_other" for any other)
BRIEF_PHRASES = {
    "quoted": "Laut {label}: „{text}“ ({language})",
    "only": "Nur {label} berichtet: {text}",
    "only_quoted": "Nur {label} berichtet: „{text}“ ({language})",
    "disagree": "Die Quellen widersprechen sich: {a}; {b}",
    "side": "{text} ({label})",
    "side_quoted": "„{text}“ ({label}, {language})",
    "unnamed": "ein nicht genanntes Medium",
    "in_fr": "auf Französisch", "in_en": "auf Englisch", "in_es": "auf Spanisch", "in_de": "auf Deutsch",
    "in_it": "auf Italienisch", "in_pt": "auf Portugiesisch", "in_tr": "auf Türkisch", "in_ru": "auf Russisch",
    "in_nl": "auf Niederländisch", "in_uk": "auf Ukrainisch", "in_pl": "auf Polnisch", "in_ar": "auf Arabisch",
    "in_other": "in einer anderen Sprache",
}
# no German spaCy pipeline installs from the registry with spaCy 3.8
SPACY_MODELS: tuple[str, ...] = ()
