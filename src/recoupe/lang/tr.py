"""Turkish: the words the stages read in Turkish text. Each list is described in ``recoupe.lang``.

Turkish is verb-final and agglutinative: suffixes after an apostrophe on names ("Putin'in",
"Erdoğan'a göre"), a speech verb at the end of its sentence ("…, dedi"), "according to" as a
postposition ("X'e göre"), reported clauses as nominalisations ("…olduğunu söyledi") with no "that".
The lists give the words (POSTPOSITIONS: "göre"); the frames are read by quotes.py and speakers.py, and
those not read yet are listed in docs/languages.md.
Words that are also common English or French words are left out of the lists that every language's
text is read with ("on" = 10, "son", "her", "bay", "o").
"""
from __future__ import annotations

# -- names and people -------------------------------------------------------------------------------
# "Sayın Bakan", "Sn. Yılmaz", "Prof. Dr. Ahmet Kaya" ("bay", "bayan" left out: "Bay" opens English names)
HONORIFICS = frozenset("sayın sn sn. prof prof. doç doç.".split())
# "Prof. Dr.", "Doç." are honorifics already; "Av." (avukat) and "Org." (orgeneral) stand before a name
TITLE_ABBREVIATIONS = frozenset("av org korg".split())
# Turkish has no grammatical gender: nothing tells a pronoun's person
GENDER_WORDS: dict[str, str] = {}
TITLE_NOUNS = frozenset("""cumhurbaşkanı başbakan bakan bakanı sözcü sözcüsü müdür müdürü sekreter sekreteri
başkan başkanı büyükelçi büyükelçisi senatör milletvekili şansölye kral kraliçe papa hakim yargıç vali valisi
komutan komutanı albay general profesör kurucu kurucusu lider lideri""".split())
ROLE_NOUNS = frozenset("""yetkili yetkililer yetkilisi yetkilileri kaynak kaynaklar kaynağı kaynakları sözcü
sözcüsü diplomat diplomatlar danışman danışmanı temsilci temsilcisi bakan bakanı başkan başkanı yönetici
yöneticisi müdür müdürü büyükelçi komutan savcı hakim vali milletvekili subay üye müzakereci""".split())
# "bir yetkili", "kaynaklar" name nobody in particular
GENERIC_ROLES = frozenset("yetkili yetkilisi kaynak sözcü diplomat temsilci".split())
LEADER_TITLES = frozenset("cumhurbaşkanı başbakan bakan bakanı başkan başkanı lider lideri".split())
ORG_NOUNS = frozenset("""ajans ajansı gazete gazetesi kanal kanalı televizyon radyo site parti partisi şirket
şirketi banka bankası üniversite üniversitesi""".split())
ORG_SPEAKERS = frozenset("""kremlin hükümet hükümeti bakanlık bakanlığı ordu polis parti partisi şirket şirketi
ajans ajansı gazete gazetesi mahkeme mahkemesi büyükelçilik büyükelçiliği cumhurbaşkanlığı valilik valiliği
genelkurmay meclis komisyon nato bm""".split())
# a title's complement is a genitive before it ("Rusya Dışişleri Bakanı"): no preposition
TITLE_PREPOSITIONS: frozenset[str] = frozenset()

# -- speech -----------------------------------------------------------------------------------------
SPEECH_VERBS = frozenset(["demek", "söylemek", "açıklamak", "belirtmek", "ifade etmek", "kaydetmek", "vurgulamak",
                          "eklemek", "duyurmak", "bildirmek", "aktarmak", "iddia etmek", "uyarmak", "yanıtlamak",
                          "yalanlamak", "reddetmek", "hatırlatmak", "değerlendirmek", "konuşmak", "yazmak",
                          "dile getirmek", "savunmak", "öne sürmek", "doğrulamak", "teyit etmek", "nitelendirmek",
                          "açıklamada bulunmak"])
_BACK, _VOICELESS = "aıou", "çfhkpsşt"


def _suffix_vowel(stem: str) -> str:
    """The high vowel that four-way harmony gives a suffix after this stem: ı, i, u or ü."""
    last = next(c for c in reversed(stem) if c in "aıoueiöü")
    return {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}[last]


def _conjugated() -> dict[str, str]:
    """The forms news prose uses, from the infinitive without "-mek"/"-mak": the past ("söyledi",
    "belirtti": d after a voiced sound, t after a voiceless one), its plural ("söylediler"), the reported
    past ("söylemiş") and the pluperfect ("söylemişti"). Every verb of the list is regular."""
    forms: dict[str, str] = {}
    for lemma in sorted(SPEECH_VERBS):
        stem = lemma[:-3]
        vowel = _suffix_vowel(stem)
        past = stem + ("t" if stem[-1] in _VOICELESS else "d") + vowel
        forms[past] = lemma
        forms[past + ("lar" if vowel in _BACK else "ler")] = lemma
        forms[stem + "m" + vowel + "ş"] = lemma
        forms[stem + "m" + vowel + "şt" + vowel] = lemma
    return forms


SPEECH_FORMS = _conjugated()
# the converb "-erek" (", … belirterek") stands before the main verb, not after a comma as ", adding" does;
# an ending "erek" would also end "Derek": none
PARTICIPLE_ENDINGS: frozenset[str] = frozenset()
REPORTING_VERBS = frozenset("bildirmek açıklamak yazmak duyurmak aktarmak".split())
# none: the claims stage reads its frames verb first ("X a déclaré que P"), and a verb-final sentence
# ("…görüşmelerin yararlı geçtiğini de söyledi.") would read as an attribution that attributes nothing, and be dropped
FRAME_VERBS: frozenset[str] = frozenset()
ADDING_PARTICIPLES: frozenset[str] = frozenset()  # see PARTICIPLE_ENDINGS
DENIALS = frozenset("yalanladı yalanladılar yalanlamıştı".split())
DENIAL_STEMS: frozenset[str] = frozenset()
# reported clauses are nominalisations ("görüşmelerin yararlı olduğunu söyledi"), with no "that" word to
# open them ("ki" is rare in news, and "Ki" opens Korean names)
SAID_WITHOUT_THAT: frozenset[str] = frozenset()
SUBJECT_OPENERS: frozenset[str] = frozenset()

# -- function words ---------------------------------------------------------------------------------
DETERMINERS = frozenset("bir bu şu bazı birçok birkaç tüm bütün çeşitli".split())
DETERMINER_PRONOUNS = frozenset("bazı birçok birkaç".split())
DEFINITE_ARTICLES: frozenset[str] = frozenset()
# "o" (he, she) left out: it is the Portuguese article, and an English letter
SUBJECT_PRONOUNS = {"kendisi": 1, "onlar": 2}
RELATIVE_PRONOUNS: frozenset[str] = frozenset()  # relative clauses are participles
STRESSED_PRONOUNS: frozenset[str] = frozenset()
# Not auxiliaries: the words that stand between a subject and its speech verb where French puts its
# auxiliary, read by the stages the same way: "Peskov, açıklamasında şunları söyledi: « … »"
AUXILIARIES = frozenset("şunları şöyle açıklamasında açıklamada".split())
AUX_ADVERBS = frozenset("ayrıca yine".split())
ADVERB_ENDINGS: frozenset[str] = frozenset()
FINITE_VERBS = frozenset("oldu olacak olduğunu değil yok".split())

# quantities and places (conflicts): "on yolcu", "18 milyon metreküp", "Ukrayna'nın güneyinde"
# "on" (ten) left out: read wherever a text's language is unknown, it would turn English "on" into 10
NUMBER_WORDS = {"bir": 1, "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7, "sekiz": 8, "dokuz": 9,
                "on bir": 11, "on iki": 12, "on üç": 13, "on dört": 14, "on beş": 15, "on altı": 16,
                "yirmi": 20, "otuz": 30, "kırk": 40, "elli": 50, "altmış": 60, "yüz": 100}
MULTIPLIERS = {"bin": 1000, "milyon": 1000000, "milyar": 1000000000}
UNITS = {"km": "km", "kilometre": "km", "m": "m", "metre": "m", "mil": "mi", "deniz mili": "nmi", "m3": "m3",
         "m³": "m3", "metreküp": "m3", "km3": "km3", "km³": "km3", "kilometreküp": "km3", "kg": "kg",
         "kilogram": "kg", "ton": "t", "hektar": "ha", "ha": "ha", "%": "%"}
BEARINGS = {"kuzey": "N", "güney": "S", "doğu": "E", "batı": "W", "kuzeydoğu": "NE", "kuzeybatı": "NW",
            "güneydoğu": "SE", "güneybatı": "SW", "kuzeyinde": "N", "güneyinde": "S", "doğusunda": "E",
            "batısında": "W"}
BOUNDS = {"en fazla": "at_most", "en çok": "at_most", "en az": "at_least", "yaklaşık": "about",
          "neredeyse": "about", "tahminen": "about"}

# -- dates ------------------------------------------------------------------------------------------
MONTHS = {"ocak": 1, "şubat": 2, "subat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "mayis": 5, "haziran": 6,
          "temmuz": 7, "ağustos": 8, "agustos": 8, "eylül": 9, "eylul": 9, "ekim": 10, "kasım": 11, "kasim": 11,
          "aralık": 12, "aralik": 12}
# "tem", "ara", "kas", "eki" left out: Portuguese "tem", Turkish "ara" (between) beside a number
MONTH_ABBREVIATIONS = {"oca": 1, "şub": 2, "nis": 4, "haz": 6, "ağu": 8, "eyl": 9}
# "pazar" alone is a market: Sunday is read as "pazar günü"
WEEKDAYS = {"pazartesi": 0, "salı": 1, "çarşamba": 2, "perşembe": 3, "cuma": 4, "cumartesi": 5, "pazar günü": 6}
RELATIVE_DAYS = {"evvelki gün": -2, "dün": -1, "bugün": 0, "yarın": 1}
LAST_MONTH = frozenset(["geçen ay", "geçtiğimiz ay"])

# -- where a speaker's noun phrase stops ------------------------------------------------------------
AFTER_VERB_WORDS = frozenset("dün bugün ayrıca gazetecilere".split())
NP_STOPS = frozenset("ile için sonra önce sırasında karşı göre".split())
# "son" left out: French "Son porte-parole" would no longer open a subject
SENTENCE_OPENERS = frozenset("""ancak ama fakat ayrıca öte bununla buna bunun dün bugün yarın daha diğer geçen
açıklamada açıklamasında""".split())
COMPLEMENTIZERS: frozenset[str] = frozenset()  # see SAID_WITHOUT_THAT
# "X'e göre" is a postposition after its noun: "göre" alone would make "Rusya'ya göre Ukrayna …" name Ukraine
ACCORDING_TO: frozenset[str] = frozenset()
# "Peskov'a göre": the source credited before the word, in the dative
POSTPOSITIONS = frozenset({"göre"})
CONTRAST = frozenset({"ancak", "ama", "fakat"})
WHEREAS: frozenset[str] = frozenset()  # "-ken" is a suffix
AND_WORDS = frozenset({"ve"})
WITH_WORDS = frozenset({"ile"})

# -- text and pages ---------------------------------------------------------------------------------
ABBREVIATIONS = frozenset("Prof Doç Sn vb vs Yrd Av Alb Org".split())
QUOTE_ABBREVIATIONS = frozenset("prof doç sn vb yrd".split())
READ_MORE_MARKERS = frozenset(["ilgili haber", "ilgili haberler", "devamını oku", "haberin devamı",
                               "ayrıca bakınız", "bunlar da ilginizi cekebilir"])
SEE_ALSO_POINTERS = frozenset(["ilgili haber", "ilgili haberler", "ayrıca bakınız"])
FURNITURE_WORDS = frozenset("""paylaş paylaşın yorum yorumlar abone giriş kayıt arama anasayfa reklam gizlilik
çerez takip""".split())
PROMOTIONS = frozenset(["abone ol", "bizi takip edin", "tum hakları saklıdır", "uygulamamızı indirin"])
PROMOTION_WORDS = frozenset(["cerez", "cerezler"])
PROMOTION_LABELS = frozenset(["reklam"])
SECTION_NAMES = frozenset(["dunya", "gundem", "politika", "ekonomi", "spor", "kultur", "saglık", "son dakika",
                           "turkiye", "yasam", "bilim"])
READING_TIMES = frozenset(["dakikalık okuma", "okuma suresi"])
COMMENT_FORM_OPENINGS = frozenset(["yorum yap", "yorum yazın", "yorumunuzu yazın"])
COMMENT_FORM_NOTICES = frozenset(["e-posta adresiniz yayınlanmayacak"])
COMMENT_COUNT_LABELS = frozenset(["yorum", "yorumlar"])
SOURCE_LABELS = frozenset(["kaynak"])
CREDIT_LABELS = frozenset(["fotoğraf"])
BYLINE_WORDS: frozenset[str] = frozenset()
CORRESPONDENT_BYLINES: frozenset[str] = frozenset()
PUBLISHED_LABELS = frozenset(["yayınlanma", "yayınlanma tarihi", "yayın tarihi"])
UPDATED_LABELS = frozenset(["guncelleme", "son guncelleme", "guncellenme tarihi"])
DATE_LEADS: frozenset[str] = frozenset()
# the brief, written in Turkish: "{text}" is an article's sentence, as written; one in another language is quoted,
# its language named by "in_<code>" (every news language, "in_other" for any other)
BRIEF_PHRASES = {
    "quoted": "{label} aktarıyor: “{text}” ({language})",
    "only": "Yalnızca {label} bildiriyor: {text}",
    "only_quoted": "Yalnızca {label} bildiriyor: “{text}” ({language})",
    "disagree": "Kaynaklar farklı: {a}; {b}",
    "side": "{text} ({label})",
    "side_quoted": "“{text}” ({label}, {language})",
    "unnamed": "kimliği belirsiz bir yayın organı",
    "in_fr": "Fransızca", "in_en": "İngilizce", "in_es": "İspanyolca", "in_de": "Almanca",
    "in_it": "İtalyanca", "in_pt": "Portekizce", "in_tr": "Türkçe", "in_ru": "Rusça",
    "in_nl": "Felemenkçe", "in_uk": "Ukraynaca", "in_pl": "Lehçe", "in_ar": "Arapça",
    "in_other": "başka bir dilde",
}
SPACY_MODELS: tuple[str, ...] = ()  # no Turkish pipeline installs from the registry with spaCy 3.8
