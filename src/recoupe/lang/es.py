"""Spanish: the words the stages read in Spanish text. Each list is described in ``recoupe.lang``.

The stages read the union of every language's lists, so a word here is read in French and English text
too: words that are also common French or English words with another role are left out, each with its
reason in a comment ("once", "don", "son", "han" in FINITE_VERBS, "mañana"...).
"""
from __future__ import annotations

# -- names and people -------------------------------------------------------------------------------
# no "don"/"doña": "Don" opens English first names (Don Bacon), and an honorific is cut off a name's start
HONORIFICS = frozenset("sr sr. sra sra. srta srta. dr dr. dra dra.".split())
# "Gral. Pérez", "Lic. Gómez", "Ing. Ruiz"
TITLE_ABBREVIATIONS = frozenset("gral lic ing pdte pdta".split())
# the gender a determiner, a feminine title or a pronoun gives ("la ministra", "dijo ella")
GENDER_WORDS = {**dict.fromkeys("el él sr sr. ministro".split(), "m"),
                **dict.fromkeys("la ella sra sra. srta srta. presidenta ministra".split(), "f")}
TITLE_NOUNS = frozenset("""presidente presidenta ministro ministra portavoz vocero vocera director directora
secretario secretaria jefe jefa consejero consejera asesor asesora embajador embajadora senador senadora
diputado diputada canciller rey reina papa juez jueza gobernador gobernadora alcalde alcaldesa comandante
coronel profesor profesora fundador fundadora líder dirigente""".split())
# no "fiscal" (prosecutor): an English adjective ("the fiscal watchdog") would make an official
ROLE_NOUNS = frozenset("""funcionario funcionaria funcionarios portavoz portavoces vocero vocera fuente fuentes
responsable responsables diplomático diplomática diplomáticos asesor asesora asesores consejero consejera
representante representantes dirigente dirigentes ministro ministra presidente presidenta director directora
jefe jefa secretario secretaria embajador embajadora comandante juez jueza alcalde alcaldesa diputado diputada
senador senadora oficial oficiales miembro miembros negociador negociadora investigador investigadores
colaborador colaboradora autoridad autoridades""".split())
GENERIC_ROLES = frozenset("funcionario funcionaria fuente portavoz vocero diplomático representante responsable "
                          "asesor".split())
LEADER_TITLES = frozenset("presidente presidenta ministro ministra rey reina primer jefe jefa director "
                          "directora".split())
# no "canal": the English "Suez Canal"
ORG_NOUNS = frozenset("""agencia periódico diario semanario revista cadena emisora radio televisión grupo
empresa compañía partido banco universidad""".split())
ORG_SPEAKERS = frozenset("""gobierno ministerio agencia periódico diario medio cadena emisora ejército policía
partido empresa compañía grupo comisión consejo embajada administración presidencia kremlin pentágono onu otan
tribunal corte fiscalía sindicato""".split())
TITLE_PREPOSITIONS = frozenset("de del".split())

# -- speech -----------------------------------------------------------------------------------------
SPEECH_VERBS = frozenset("""decir afirmar declarar añadir agregar explicar señalar indicar advertir confirmar
asegurar anunciar subrayar destacar insistir reiterar responder replicar reconocer admitir negar desmentir
precisar comentar manifestar expresar informar revelar denunciar escribir prometer apuntar aclarar recordar
sostener concluir enfatizar tuitear alertar""".split())
_IRREGULAR = {
    "decir": "dijo dijeron dice dicen dicho diciendo decía decían",
    "advertir": "advirtió advirtieron advierte advierten advertido advirtiendo",
    "negar": "niega niegan", "manifestar": "manifiesta manifiestan",
    "desmentir": "desmiente desmienten desmintió desmintieron desmentido desmintiendo",
    "recordar": "recuerda recuerdan",
    "sostener": "sostuvo sostuvieron sostiene sostienen sostenido sosteniendo",
    "concluir": "concluyó concluyeron concluye concluyen concluido concluyendo",
    "escribir": "escrito",
    "alertar": "alertó alertaron alertado",  # no "alerta": a noun as often ("en alerta")
    "reconocer": "reconoce reconocen reconoció reconocieron reconocido reconociendo",
}
_STEM_CHANGING = ("negar", "recordar", "manifestar")  # regular but for the listed present forms
# forms another language file gives another lemma (a merged dict cannot hold both): French "confirma",
# "insiste" (passé simple and present of confirmer, insister); the French form still finds the verb
_ELSEWHERE = frozenset({"confirma", "insiste"})


def _conjugated() -> dict[str, str]:
    """The forms news prose uses: third persons of the present, preterite and imperfect, the participle and
    the gerund ("afirma", "afirman", "afirmó", "afirmaron", "afirmaba", "afirmado", "afirmando"); of the
    verbs in -er and -ir ("admite", "admitió", "admitieron", "admitido", "admitiendo"); irregular ones listed
    (verbs whose stem changes, "niega", "recuerda", are listed for the present only)."""
    forms: dict[str, str] = {}
    for lemma in sorted(SPEECH_VERBS - set(_IRREGULAR) | {*_STEM_CHANGING, "escribir"}):
        stem, kind = lemma[:-2], lemma[-2:]
        ends = ("a", "an", "ó", "aron", "aba", "aban", "ado", "ando") if kind == "ar" else \
            ("e", "en", "ió", "ieron", "ía", "ían", "ido", "iendo")
        for end in ends:
            if not (lemma in _STEM_CHANGING and end in ("a", "an", "e", "en")):
                forms[stem + end] = lemma
    for lemma, written in _IRREGULAR.items():
        forms.update(dict.fromkeys(written.split(), lemma))
    forms.pop("escribido")  # its participle is "escrito"
    return {form: lemma for form, lemma in forms.items() if form not in _ELSEWHERE}


SPEECH_FORMS = _conjugated()
# gerunds: ", añadiendo que" (", Orlando" also ends so: the English ", Beijing" already does)
PARTICIPLE_ENDINGS = frozenset({"ando", "iendo", "yendo"})
REPORTING_VERBS = frozenset("""informar afirmar escribir revelar anunciar indicar declarar citar confirmar
asegurar señalar explicar precisar decir""".split())
FRAME_VERBS = frozenset("""dijo afirmó declaró confirmó añadió agregó indicó informó precisó señaló subrayó
explicó anunció aseguró advirtió reconoció negó desmintió dicho afirmado declarado confirmado añadido
informado anunciado asegurado""".split())
ADDING_PARTICIPLES = frozenset("""añadiendo agregando precisando subrayando señalando explicando indicando
afirmando asegurando recordando""".split())
DENIALS = frozenset("negó niega niegan negaron negado desmintió desmiente desmienten".split())
DENIAL_STEMS: frozenset[str] = frozenset()
# Spanish reports speech with "que", always: nothing to guess
SAID_WITHOUT_THAT: frozenset[str] = frozenset()
SUBJECT_OPENERS: frozenset[str] = frozenset()

# -- function words ---------------------------------------------------------------------------------
# "la", "un" are French too, with the same role
DETERMINERS = frozenset("""el la los las un una unos unas este esta estos estas ese esa esos esas aquel aquella
su sus varios varias algunos algunas uno""".split())  # "dijo uno de los investigadores"
DETERMINER_PRONOUNS = frozenset("varios varias algunos algunas uno".split())  # "algunos dijeron"
DEFINITE_ARTICLES = frozenset("el la los las".split())
SUBJECT_PRONOUNS = {"él": 1, "ella": 1, "ellos": 2, "ellas": 2}
RELATIVE_PRONOUNS = frozenset("que quien quienes cual cuales cuyo cuya cuyos cuyas donde".split())
# what sets a subject off from its verb as "lui" does in "Le maire, lui, promet": "El alcalde, por su parte, dijo"
STRESSED_PRONOUNS = frozenset(["por su parte"])
# "ha dicho", "han afirmado", "había declarado" (read case-sensitively before a speech verb: not "Han")
AUXILIARIES = frozenset(["ha", "han", "había", "habían", "habría", "habrían", "habiendo", "haber"])
AUX_ADVERBS = frozenset("también ya nunca además luego incluso".split())
ADVERB_ENDINGS = frozenset({"mente"})  # "dijo posteriormente el ministro"
# no "son" (English), "era" (English "a new era"), "ha"/"han" (Korean names "Han", read without case here)
FINITE_VERBS = frozenset("es fue fueron está están estaba estaban había habían será serán sería eran".split())


# quantities and places (conflicts): "siete pasajeros", "18 kilómetros cúbicos", "en el sur de Ucrania"
# no "once" (11): the English "once"
NUMBER_WORDS = {"uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
                "nueve": 9, "diez": 10, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16,
                "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "cien": 100,
                "ciento": 100, "docena": 12}
# a Spanish "billón" is a million millions
MULTIPLIERS = {"mil": 1000, "millón": 1000000, "millones": 1000000, "billón": 1000000000000,
               "billones": 1000000000000}
UNITS = {"km": "km", "kilómetro": "km", "kilómetros": "km", "m": "m", "metro": "m", "metros": "m", "mi": "mi",
         "milla": "mi", "millas": "mi", "milla náutica": "nmi", "millas náuticas": "nmi", "m3": "m3", "m³": "m3",
         "metros cúbicos": "m3", "metro cúbico": "m3", "km3": "km3", "km³": "km3", "kilómetros cúbicos": "km3",
         "kg": "kg", "kilos": "kg", "kilogramos": "kg", "tonelada": "t", "toneladas": "t", "ha": "ha",
         "hectárea": "ha", "hectáreas": "ha", "%": "%", "por ciento": "%"}
# no "este" (east): it is "this" as often
BEARINGS = {"norte": "N", "sur": "S", "oeste": "W", "noreste": "NE", "nordeste": "NE", "noroeste": "NW",
            "sureste": "SE", "sudeste": "SE", "suroeste": "SW", "sudoeste": "SW"}
BOUNDS = {"menos de": "at_most", "hasta": "at_most", "no más de": "at_most", "más de": "at_least",
          "al menos": "at_least", "por lo menos": "at_least", "como mínimo": "at_least", "unos": "about",
          "unas": "about", "alrededor de": "about", "cerca de": "about", "casi": "about",
          "aproximadamente": "about"}

# -- dates ------------------------------------------------------------------------------------------
MONTHS = {"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
          "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12}
# no "may" (English), "ago" ("two years ago." would end no sentence)
MONTH_ABBREVIATIONS = {"ene": 1, "feb": 2, "mar": 3, "abr": 4, "jun": 6, "jul": 7, "sep": 9, "sept": 9, "oct": 10,
                       "nov": 11, "dic": 12}
WEEKDAYS = {"lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,
            "sabado": 5, "domingo": 6}
# no "mañana" (tomorrow): "esta mañana" is this morning
RELATIVE_DAYS = {"anteayer": -2, "antier": -2, "ayer": -1, "hoy": 0}
LAST_MONTH = frozenset(["mes pasado"])

# -- where a speaker's noun phrase stops (these use the weekdays) --------------------------------------
# "dijo este lunes el portavoz", "afirmó ayer la ministra"
AFTER_VERB_WORDS = (frozenset(f"{lead} {day}" for day in WEEKDAYS for lead in ("el", "este", "el pasado"))
                    | frozenset(["hoy", "ayer", "también", "además", "luego", "después", "más tarde", "entonces",
                                 "esta semana", "por la mañana", "por la tarde", "esta mañana", "este domingo"]))
NP_STOPS = frozenset("""en durante ante tras desde con por para sobre hacia cuando mientras que quien donde
""".split()) | frozenset(WEEKDAYS)
SENTENCE_OPENERS = frozenset("""además luego después entonces ayer hoy mientras también pero sin tras durante
desde para por con según asimismo posteriormente finalmente ante así""".split())
COMPLEMENTIZERS = frozenset({"que"})
ACCORDING_TO = frozenset(["según", "de acuerdo con"])
# Spanish credits a source before it ("según")
POSTPOSITIONS: frozenset[str] = frozenset()
CONTRAST = frozenset({"pero"})
WHEREAS = frozenset({"mientras que"})
AND_WORDS = frozenset({"y"})  # read only between the outlets of a credit line ("EFE y Reuters")
WITH_WORDS = frozenset({"con"})

# -- text and pages ---------------------------------------------------------------------------------
ABBREVIATIONS = frozenset("Sr Sra Srta Dr Dra Lic Ing Av Prof Gral".split())
QUOTE_ABBREVIATIONS = frozenset("sr sra srta dr dra lic ing av prof gral etc ee.uu".split())
READ_MORE_MARKERS = frozenset(["lee tambien", "lea tambien", "leer mas", "lee mas", "lea mas", "ver tambien",
                               "te puede interesar", "tambien te puede interesar", "puede interesarte",
                               "noticias relacionadas", "mas informacion", "te recomendamos"])
SEE_ALSO_POINTERS = frozenset(["lee también", "lea también", "leer más", "ver también"])
# no "anterior" (English)
FURNITURE_WORDS = frozenset("""compartir comparte comentarios comentario comentar suscríbete suscribirse
suscripción registrarse menú buscar inicio privacidad publicidad síguenos siguiente etiquetas temas
boletín""".split())
# matched anywhere in a short line: whole phrases only
PROMOTIONS = frozenset(["suscribete a nuestro", "siguenos en", "descarga nuestra app", "comparte esta noticia",
                        "todos los derechos reservados"])
PROMOTION_WORDS = frozenset(["cookie", "cookies"])
PROMOTION_LABELS = frozenset(["publicidad"])
SECTION_NAMES = frozenset(["internacional", "mundo", "politica", "economia", "sociedad", "cultura", "deportes",
                           "espana", "america", "america latina", "europa", "opinion", "ultima hora", "noticias",
                           "actualidad", "en directo", "en vivo", "nacional"])
READING_TIMES = frozenset(["min de lectura", "minutos de lectura", "minuto de lectura", "tiempo de lectura"])
COMMENT_FORM_OPENINGS = frozenset(["deja un comentario", "dejar un comentario", "deja tu comentario",
                                   "escribe un comentario", "anadir un comentario", "cancelar respuesta"])
COMMENT_FORM_NOTICES = frozenset(["tu direccion de correo electronico no sera publicada"])
COMMENT_COUNT_LABELS = frozenset(["comentario", "comentarios"])
SOURCE_LABELS = frozenset(["fuente", "fuentes"])
CREDIT_LABELS: frozenset[str] = frozenset()
BYLINE_WORDS = frozenset({"por"})
# read on the page's own text with any ending ("corresponsales")
CORRESPONDENT_BYLINES = frozenset(["de nuestro corresponsal", "enviado especial"])
PUBLISHED_LABELS = frozenset(["fecha", "publicado", "publicado el"])
UPDATED_LABELS = frozenset(["actualizado", "actualizado el", "modificado", "modificado el"])
DATE_LEADS = frozenset({"el"})
# the brief, written in Spanish: "{text}" is an article's sentence, as written; one in another language is
# quoted, its language named by "in_<code>" (every news language, "in_other" for any other)
BRIEF_PHRASES = {
    "quoted": "Según {label}: «{text}» ({language})",
    "only": "Solo {label} informa: {text}",
    "only_quoted": "Solo {label} informa: «{text}» ({language})",
    "disagree": "Las fuentes discrepan: {a}; {b}",
    "side": "{text} ({label})",
    "side_quoted": "«{text}» ({label}, {language})",
    "unnamed": "un medio no identificado",
    "in_fr": "en francés", "in_en": "en inglés", "in_es": "en español", "in_de": "en alemán",
    "in_it": "en italiano", "in_pt": "en portugués", "in_tr": "en turco", "in_ru": "en ruso",
    "in_nl": "en neerlandés", "in_uk": "en ucraniano", "in_pl": "en polaco", "in_ar": "en árabe",
    "in_other": "en otro idioma",
}
# no Spanish spaCy pipeline installs from the registry with spaCy 3.8
SPACY_MODELS: tuple[str, ...] = ()
