"""Russian: the words the stages read in Russian text. Each list is described in ``recoupe.lang``.

Russian has no articles and marks case by endings: "по словам Пескова" (genitive), "заявил журналистам"
(dative). The lists give the written forms news prose uses; the grammar (the dash after a quotation, a
speaker's phrase opening on a role noun) is the stages' (quotes.py, speakers.py); what they do not read yet
("Об этом заявил X", "«…», сказал он") is listed in docs/languages.md.
"""
from __future__ import annotations

# -- names and people -------------------------------------------------------------------------------
# "г-н Песков", "г-жа Захарова"
HONORIFICS = frozenset("г-н г-жа господин госпожа".split())
# no abbreviated title stands before a Russian name in news prose ("г-н" is an honorific)
TITLE_ABBREVIATIONS: frozenset[str] = frozenset()
# the gender a pronoun or an honorific gives ("сказала она"); the past tense's gender is grammar, not a word
GENDER_WORDS = {**dict.fromkeys("он г-н господин".split(), "m"),
                **dict.fromkeys("она г-жа госпожа".split(), "f")}
TITLE_NOUNS = frozenset("""президент президента министр министра пресс-секретарь пресс-секретаря
представитель представителя глава главы директор директора председатель председателя спикер посол посла
сенатор депутат канцлер король королева папа судья губернатор губернатора мэр мэра командующий командир
генерал полковник профессор основатель руководитель руководителя премьер-министр премьер-министра
генсек генеральный""".split())
ROLE_NOUNS = frozenset("""источник источники источника источников представитель представители представителя
чиновник чиновники чиновника собеседник собеседника пресс-секретарь пресс-секретаря официальный
дипломат дипломаты дипломата советник советника помощник помощника министр президент директор глава
руководитель председатель посол губернатор мэр прокурор судья депутат сенатор командующий генерал офицер
член участник переговорщик следователь следователи эксперт эксперты""".split())
# "источник", "собеседник" name nobody in particular
GENERIC_ROLES = frozenset("источник чиновник собеседник представитель дипломат помощник".split())
LEADER_TITLES = frozenset("президент президента министр министра премьер-министр глава главы "
                          "руководитель руководителя председатель директор".split())
ORG_NOUNS = frozenset("""агентство агентства газета газеты издание издания телеканал телеканала радиостанция
журнал портал сайт партия партии компания компании банк банка университет""".split())
ORG_SPEAKERS = frozenset("""кремль правительство министерство минобороны мид ведомство пресс-служба посольство
армия полиция партия компания агентство газета издание телеканал суд прокуратура администрация генштаб
штаб оон нато совбез госдума совет комитет""".split())
# "министр по делам", "посол при ООН": most complements are genitives, with no preposition at all
TITLE_PREPOSITIONS = frozenset("по при".split())

# -- speech -----------------------------------------------------------------------------------------
SPEECH_VERBS = frozenset("""заявить сказать сообщить отметить подчеркнуть добавить пояснить уточнить заверить
предупредить признать напомнить ответить рассказать написать объявить подтвердить опровергнуть отрицать
указать заметить констатировать утверждать говорить сообщать заявлять отмечать подчеркивать добавлять
объяснить прокомментировать выразить""".split())
# present tense of the imperfective verbs ("сообщает ТАСС"), and the perfective gerunds (", добавив, что")
_IRREGULAR = {
    "сообщать": "сообщает сообщают", "заявлять": "заявляет заявляют", "говорить": "говорит говорят",
    "утверждать": "утверждает утверждают", "отмечать": "отмечает отмечают",
    "подчеркивать": "подчеркивает подчеркивают подчёркивает подчёркивают подчёркивал подчёркивала",
    "добавлять": "добавляет добавляют", "отрицать": "отрицает отрицают", "написать": "пишет пишут",
    "добавить": "добавив", "заявить": "заявив", "отметить": "отметив", "подчеркнуть": "подчеркнув подчёркнул "
    "подчёркнула подчёркнули", "пояснить": "пояснив", "уточнить": "уточнив", "напомнить": "напомнив",
    "сообщить": "сообщив", "сказать": "сказав", "указать": "указав", "выразить": "выразив",
}


def _conjugated() -> dict[str, str]:
    """The past tense of each verb in its three genders and the plural ("заявил", "заявила", "заявило",
    "заявили", from the infinitive without its "-ть"); the listed forms of the others."""
    forms: dict[str, str] = {}
    for lemma in sorted(SPEECH_VERBS):
        stem = lemma[:-2]
        for end in ("л", "ла", "ло", "ли"):
            forms[stem + end] = lemma
    for lemma, written in _IRREGULAR.items():
        forms.update(dict.fromkeys(written.split(), lemma))
    return forms


SPEECH_FORMS = _conjugated()
# the perfective gerunds (", добавив, что"), as endings without their first letter: the stages read a word
# and its ending, and a short ending (-ив) would also end "против", "архив"
PARTICIPLE_ENDINGS = frozenset("обавив аявив тметив одчеркнув ояснив точнив апомнив ообщив казав ыразив".split())
REPORTING_VERBS = frozenset("сообщить заявить написать подтвердить объявить рассказать сказать "
                            "сообщать".split())
# none yet: the claims stage strips everything up to "сообщили, что" as the frame, and Russian puts the
# time and place first ("В понедельник вечером в Женеве власти сообщили, что …"), which belong to the fact.
# With the forms listed, a Russian fact of the dev corpus left the claim it supports (claims_origin_count
# 0.25 -> 0.20): the frames wait for claims to keep what stands before the subject.
FRAME_VERBS: frozenset[str] = frozenset()
ADDING_PARTICIPLES = frozenset("добавив отметив подчеркнув заявив пояснив уточнив напомнив".split())
DENIALS = frozenset("опроверг опровергла опровергли опровергает отрицает отрицал отрицала отрицали".split())
DENIAL_STEMS: frozenset[str] = frozenset()
# Russian reports speech with "что", always
SAID_WITHOUT_THAT: frozenset[str] = frozenset()
SUBJECT_OPENERS: frozenset[str] = frozenset()

# -- function words ---------------------------------------------------------------------------------
# no articles: demonstratives and possessives only ("его пресс-секретарь")
DETERMINERS = frozenset("этот эта это эти тот та те его её ее их один одна несколько некоторые многие".split())
# "Это заявил Песков": these stand before a verb too
DETERMINER_PRONOUNS = frozenset("это этот эта эти тот та те один одна несколько некоторые многие".split())
DEFINITE_ARTICLES: frozenset[str] = frozenset()
SUBJECT_PRONOUNS = {"он": 1, "она": 1, "они": 2}
RELATIVE_PRONOUNS = frozenset("""который которая которое которые которого которой которому которым которых
чей чья чьё чье чьи""".split())
STRESSED_PRONOUNS: frozenset[str] = frozenset()
AUXILIARIES: frozenset[str] = frozenset()  # the past tense has no auxiliary
AUX_ADVERBS = frozenset("также уже ранее еще ещё не".split())
ADVERB_ENDINGS: frozenset[str] = frozenset()  # adverbs in -о are too many other words
FINITE_VERBS = frozenset("был была было были будет будут является являются стал стала стало стали".split())

# quantities and places (conflicts): "десять пассажиров", "18 миллионов кубометров", "на юге Украины"
NUMBER_WORDS = {"один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
                "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13,
                "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "двадцать": 20, "тридцать": 30,
                "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "сто": 100}
MULTIPLIERS = {"тысяча": 1000, "тысячи": 1000, "тысяч": 1000, "тыс": 1000, "миллион": 1000000, "миллиона": 1000000,
               "миллионов": 1000000, "млн": 1000000, "миллиард": 1000000000, "миллиарда": 1000000000,
               "миллиардов": 1000000000, "млрд": 1000000000}
UNITS = {"км": "km", "километр": "km", "километра": "km", "километров": "km", "метр": "m", "метра": "m",
         "метров": "m", "миля": "mi", "мили": "mi", "миль": "mi", "морская миля": "nmi", "морских миль": "nmi",
         "кубометр": "m3", "кубометров": "m3", "кубических метров": "m3", "кубических километров": "km3",
         "кг": "kg", "килограммов": "kg", "тонна": "t", "тонны": "t", "тонн": "t", "гектар": "ha",
         "гектаров": "ha", "га": "ha", "процент": "%", "процента": "%", "процентов": "%"}
BEARINGS = {"север": "N", "юг": "S", "восток": "E", "запад": "W", "севере": "N", "юге": "S", "востоке": "E",
            "западе": "W", "северный": "N", "южный": "S", "восточный": "E", "западный": "W", "северо-восток": "NE",
            "северо-запад": "NW", "юго-восток": "SE", "юго-запад": "SW", "северо-востоке": "NE",
            "северо-западе": "NW", "юго-востоке": "SE", "юго-западе": "SW"}
BOUNDS = {"менее": "at_most", "меньше": "at_most", "до": "at_most", "не более": "at_most", "более": "at_least",
          "больше": "at_least", "свыше": "at_least", "не менее": "at_least", "по меньшей мере": "at_least",
          "как минимум": "at_least", "около": "about", "почти": "about", "примерно": "about", "порядка": "about",
          "приблизительно": "about"}

# -- dates ------------------------------------------------------------------------------------------
# the nominative, the genitive of a date ("3 марта") and the prepositional ("в марте")
_MONTH_FORMS = ("январь января январе", "февраль февраля феврале", "март марта марте", "апрель апреля апреле",
                "май мая мае", "июнь июня июне", "июль июля июле", "август августа августе",
                "сентябрь сентября сентябре", "октябрь октября октябре", "ноябрь ноября ноябре",
                "декабрь декабря декабре")
MONTHS = {word: number for number, words in enumerate(_MONTH_FORMS, 1) for word in words.split()}
MONTH_ABBREVIATIONS = {"янв": 1, "фев": 2, "февр": 2, "апр": 4, "авг": 8, "сент": 9, "окт": 10, "нояб": 11,
                       "дек": 12}
# the nominative and the accusative of "в понедельник", "в среду"
WEEKDAYS = {"понедельник": 0, "вторник": 1, "среда": 2, "среду": 2, "четверг": 3, "пятница": 4, "пятницу": 4,
            "суббота": 5, "субботу": 5, "воскресенье": 6}
RELATIVE_DAYS = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}
LAST_MONTH = frozenset(["в прошлом месяце", "прошлого месяца", "в минувшем месяце"])

# -- where a speaker's noun phrase stops ------------------------------------------------------------
# "заявил в понедельник журналистам Песков": the weekday with its preposition, the listener in the dative
AFTER_VERB_WORDS = frozenset("в " + day for day in WEEKDAYS) | frozenset(
    "вчера сегодня также ранее журналистам репортерам репортёрам".split())
NP_STOPS = frozenset("""в во на по с со для после перед до из от к у о об при через во время что чтобы
который которая которые когда""".split())
SENTENCE_OPENERS = frozenset("""однако ранее позднее также кроме при в во на по с после как но между тем
вчера сегодня затем впрочем согласно для из так поэтому об о""".split())
COMPLEMENTIZERS = frozenset({"что"})
# "как заявил X, …" reads like "according to X"
ACCORDING_TO = frozenset(["по словам", "по данным", "по информации", "по мнению", "согласно", "как заявил",
                          "как заявила", "как сообщил", "как сообщила", "как отметил", "как отметила",
                          "как сказал", "как сказала"])
# Russian credits a source before it ("по словам")
POSTPOSITIONS: frozenset[str] = frozenset()
CONTRAST = frozenset({"но", "однако"})
WHEREAS = frozenset({"тогда как", "в то время как"})
AND_WORDS = frozenset({"и"})
WITH_WORDS = frozenset({"с", "со"})

# -- text and pages ---------------------------------------------------------------------------------
ABBREVIATIONS = frozenset("г гг т д тыс млн млрд руб ул им св".split())
QUOTE_ABBREVIATIONS = frozenset("г гг т.е т.д т.п тыс млн млрд руб ул им".split())
# folded: "й" is read "и" ("читайте" -> "читаите")
READ_MORE_MARKERS = frozenset(["читаите также", "смотрите также", "читать также", "читать далее",
                               "читать полностью", "подробнее по теме"])
SEE_ALSO_POINTERS = frozenset(["читайте также", "смотрите также", "подробнее по теме"])
FURNITURE_WORDS = frozenset("""поделиться комментарии комментарий ответить подписаться подписка войти вход
регистрация поиск главная реклама конфиденциальности видео следующая предыдущая теги""".split())
PROMOTIONS = frozenset(["подписываитесь", "подпишитесь", "все права защищены", "поделиться в", "скачаите приложение",
                        "наш телеграм", "наш канал"])
PROMOTION_WORDS: frozenset[str] = frozenset()
PROMOTION_LABELS = frozenset(["реклама"])
SECTION_NAMES = frozenset(["в мире", "мир", "политика", "экономика", "общество", "происшествия", "культура",
                           "спорт", "наука", "новости", "главное", "россия", "прямая трансляция"])
READING_TIMES = frozenset(["мин на чтение", "минут на чтение", "минуты на чтение", "время чтения"])
COMMENT_FORM_OPENINGS = frozenset(["оставить комментарии", "оставьте комментарии", "добавить комментарии",
                                   "ваш комментарии", "написать комментарии"])
COMMENT_FORM_NOTICES = frozenset(["ваш адрес email не будет опубликован",
                                  "ваш адрес электроннои почты не будет опубликован"])
COMMENT_COUNT_LABELS = frozenset(["комментарии", "комментариев", "комментария"])
SOURCE_LABELS = frozenset(["источник"])
CREDIT_LABELS = frozenset(["фото"])
BYLINE_WORDS = frozenset({"автор"})
CORRESPONDENT_BYLINES = frozenset(["корреспондент"])
PUBLISHED_LABELS = frozenset(["опубликовано", "дата публикации"])
UPDATED_LABELS = frozenset(["обновлено", "изменено"])
DATE_LEADS: frozenset[str] = frozenset()
# the brief, written in Russian: "{text}" is an article's sentence, as written; one in another language is quoted,
# its language named by "in_<code>" (every news language, "in_other" for any other)
BRIEF_PHRASES = {
    "quoted": "По данным {label}: «{text}» ({language})",
    "only": "Только {label} сообщает: {text}",
    "only_quoted": "Только {label} сообщает: «{text}» ({language})",
    "disagree": "Источники расходятся: {a}; {b}",
    "side": "{text} ({label})",
    "side_quoted": "«{text}» ({label}, {language})",
    "unnamed": "неустановленное издание",
    "in_fr": "на французском", "in_en": "на английском", "in_es": "на испанском", "in_de": "на немецком",
    "in_it": "на итальянском", "in_pt": "на португальском", "in_tr": "на турецком", "in_ru": "на русском",
    "in_nl": "на нидерландском", "in_uk": "на украинском", "in_pl": "на польском", "in_ar": "на арабском",
    "in_other": "на другом языке",
}
SPACY_MODELS: tuple[str, ...] = ()  # no Russian pipeline installs from the registry with spaCy 3.8
