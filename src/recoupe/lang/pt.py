"""Portuguese (Brazil and Portugal): the words the stages read in Portuguese text. Each list is described in
``recoupe.lang``.

The stages read the union of every language's lists, so a word here is read in French and English text
too: words that are also common French or English words with another role are left out, each with its
reason in a comment ("as", "no", "set", "out", "dez"...).
"""
from __future__ import annotations

# -- names and people -------------------------------------------------------------------------------
HONORIFICS = frozenset("sr sr. sra sra. srta srta. dr dr. dra dra.".split())
# "Gen. Silva", "Eng. Costa"
TITLE_ABBREVIATIONS = frozenset("gen eng pres".split())
# the gender a pronoun or a feminine title gives ("a ministra", "disse ela"); the articles "o" and "a" are
# left out: "a" is French for "has" and every language's lists are read in every text
GENDER_WORDS = {**dict.fromkeys("ele sr sr. ministro".split(), "m"),
                **dict.fromkeys("ela sra sra. srta srta. presidenta ministra".split(), "f")}
TITLE_NOUNS = frozenset("""presidente presidenta ministro ministra porta-voz diretor diretora secretário
secretária chefe conselheiro conselheira assessor assessora embaixador embaixadora senador senadora deputado
deputada chanceler rei rainha papa juiz juíza governador governadora prefeito prefeita comandante coronel
professor professora fundador fundadora líder dirigente autarca""".split())
ROLE_NOUNS = frozenset("""funcionário funcionária funcionários porta-voz porta-vozes fonte fontes responsável
responsáveis diplomata diplomatas assessor assessora assessores conselheiro conselheira representante
representantes dirigente dirigentes ministro ministra presidente presidenta diretor diretora chefe secretário
secretária embaixador embaixadora comandante procurador procuradora juiz juíza prefeito prefeita deputado
deputada senador senadora oficial membro membros negociador negociadora investigador investigadores
autoridade autoridades autarca autarcas""".split())
GENERIC_ROLES = frozenset("funcionário funcionária fonte porta-voz diplomata representante responsável "
                          "assessor".split())
LEADER_TITLES = frozenset("presidente presidenta ministro ministra rei rainha primeiro chefe diretor "
                          "diretora".split())
ORG_NOUNS = frozenset("""agência jornal diário semanário revista emissora rádio televisão grupo empresa
companhia partido banco universidade""".split())
ORG_SPEAKERS = frozenset("""governo ministério agência jornal emissora exército polícia partido empresa
companhia grupo comissão conselho embaixada administração presidência kremlin pentágono onu otan tribunal
procuradoria sindicato itamaraty planalto""".split())
# "do ministro", "da Economia": "do" stands before a name in English only as a verb
TITLE_PREPOSITIONS = frozenset("de do da dos das".split())

# -- speech -----------------------------------------------------------------------------------------
SPEECH_VERBS = frozenset("""dizer afirmar declarar acrescentar explicar indicar advertir confirmar
assegurar garantir anunciar sublinhar destacar ressaltar salientar frisar insistir reiterar responder
reconhecer admitir negar desmentir comentar informar revelar denunciar escrever prometer apontar lembrar
recordar sustentar concluir relatar avaliar defender comemorar alertar""".split())
# no "contar": "por conta" would read as speech
_IRREGULAR = {
    "dizer": "disse disseram diz dizem dito dizendo dizia diziam",
    "desmentir": "desmentiu desmentiram desmente desmentem desmentido desmentindo",
    "alertar": "alertou alertaram alertado",  # no "alerta": a noun as often ("em alerta")
    "concluir": "conclui concluem concluiu concluíram concluído concluindo",
    "escrever": "escreve escrevem escreveu escreveram escrevia escreviam escrevendo",  # "escrito": see below
}
# forms another language file gives another lemma (a merged dict cannot hold both): French "confirma",
# "insiste" (confirmer, insister), Spanish "escrito" (escribir); the other file's form still finds the verb
_ELSEWHERE = frozenset({"confirma", "insiste", "escrito"}) | {"garantia", "garantiam"}  # and nouns: "sem garantia"


def _conjugated() -> dict[str, str]:
    """The forms news prose uses: third persons of the present, preterite and imperfect, the participle and
    the gerund ("afirma", "afirmam", "afirmou", "afirmaram", "afirmava", "afirmado", "afirmando"); of the
    verbs in -er ("responde", "respondeu", "responderam", "respondido", "respondendo") and in -ir
    ("admite", "admitiu", "admitiram", "admitido", "admitindo"); irregular ones listed."""
    ends = {"ar": ("a", "am", "ou", "aram", "ava", "avam", "ado", "ando"),
            "er": ("e", "em", "eu", "eram", "ia", "iam", "ido", "endo"),
            "ir": ("e", "em", "iu", "iram", "ia", "iam", "ido", "indo")}
    forms: dict[str, str] = {}
    for lemma in sorted(SPEECH_VERBS - set(_IRREGULAR)):
        for end in ends[lemma[-2:]]:
            forms[lemma[:-2] + end] = lemma
    for lemma, written in _IRREGULAR.items():
        forms.update(dict.fromkeys(written.split(), lemma))
    return {form: lemma for form, lemma in forms.items() if form not in _ELSEWHERE}


SPEECH_FORMS = _conjugated()
# gerunds: ", acrescentando que"
PARTICIPLE_ENDINGS = frozenset({"ando", "endo", "indo"})
REPORTING_VERBS = frozenset("""informar afirmar escrever revelar anunciar indicar declarar citar confirmar
assegurar destacar explicar dizer relatar""".split())
FRAME_VERBS = frozenset("""disse afirmou declarou confirmou acrescentou indicou informou destacou explicou
anunciou assegurou garantiu advertiu reconheceu negou desmentiu dito afirmado declarado confirmado informado
anunciado""".split())
ADDING_PARTICIPLES = frozenset("""acrescentando afirmando explicando ressaltando destacando indicando
assegurando sublinhando lembrando""".split())
DENIALS = frozenset("negou nega negam negaram negado desmentiu desmente desmentem".split())
DENIAL_STEMS: frozenset[str] = frozenset()
# Portuguese reports speech with "que", always: nothing to guess
SAID_WITHOUT_THAT: frozenset[str] = frozenset()
SUBJECT_OPENERS: frozenset[str] = frozenset()

# -- function words ---------------------------------------------------------------------------------
# "a" is an English determiner already; "o" and "os" are read in every text ("disse o ministro"), "as" is
# left out (the English "as": "as noted by" would make a noun of the verb), so "disseram as autoridades"
# finds no speaker
DETERMINERS = frozenset("""o os a um uma uns umas este esta estes estas esse essa esses essas seu sua seus
suas vários várias alguns algumas""".split())
DETERMINER_PRONOUNS = frozenset("vários várias alguns algumas".split())  # "alguns disseram"
DEFINITE_ARTICLES = frozenset("o a os as".split())
SUBJECT_PRONOUNS = {"ele": 1, "ela": 1, "eles": 2, "elas": 2}
RELATIVE_PRONOUNS = frozenset("que quem qual quais cujo cuja cujos cujas onde".split())
# what sets a subject off from its verb as "lui" does in "Le maire, lui, promet": "O prefeito, por sua vez, disse"
STRESSED_PRONOUNS = frozenset(["por sua vez", "por seu lado", "por sua parte"])
# "tinha dito", "havia afirmado" (news writes the simple past: "disse", "afirmou")
AUXILIARIES = frozenset(["tem", "têm", "tinha", "tinham", "havia", "haviam", "teria", "teriam"])
AUX_ADVERBS = frozenset("também já nunca ainda".split())
ADVERB_ENDINGS = frozenset({"mente"})  # "afirmou posteriormente o ministro"
# no "era" (English "a new era")
FINITE_VERBS = frozenset("é são foi foram está estão estava estavam eram tinha tinham será serão seria".split())


# quantities and places (conflicts): "sete passageiros", "18 quilômetros cúbicos", "no sul da Ucrânia"
# "onze", "quatorze", "quinze" are French too, with the same value
NUMBER_WORDS = {"um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7,
                "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12, "treze": 13, "catorze": 14,
                "quatorze": 14, "quinze": 15, "dezesseis": 16, "dezasseis": 16, "vinte": 20, "trinta": 30,
                "quarenta": 40, "cinquenta": 50, "sessenta": 60, "cem": 100, "dúzia": 12}
# "bilhão" is Brazilian (a thousand millions); Portugal's "bilião" (a million millions) is left out
MULTIPLIERS = {"mil": 1000, "milhão": 1000000, "milhões": 1000000, "bilhão": 1000000000,
               "bilhões": 1000000000}
UNITS = {"km": "km", "quilômetro": "km", "quilômetros": "km", "quilómetro": "km", "quilómetros": "km", "m": "m",
         "metro": "m", "metros": "m", "mi": "mi", "milha": "mi", "milhas": "mi", "milha náutica": "nmi",
         "milhas náuticas": "nmi", "m3": "m3", "m³": "m3", "metros cúbicos": "m3", "metro cúbico": "m3",
         "km3": "km3", "km³": "km3", "quilômetros cúbicos": "km3", "quilómetros cúbicos": "km3", "kg": "kg",
         "quilos": "kg", "quilogramas": "kg", "tonelada": "t", "toneladas": "t", "ha": "ha", "hectare": "ha",
         "hectares": "ha", "%": "%", "por cento": "%"}
BEARINGS = {"norte": "N", "sul": "S", "leste": "E", "oeste": "W", "nordeste": "NE", "noroeste": "NW",
            "sudeste": "SE", "sudoeste": "SW"}
BOUNDS = {"menos de": "at_most", "até": "at_most", "não mais de": "at_most", "mais de": "at_least",
          "pelo menos": "at_least", "no mínimo": "at_least", "cerca de": "about", "quase": "about",
          "aproximadamente": "about", "por volta de": "about", "perto de": "about"}

# -- dates ------------------------------------------------------------------------------------------
# no "marco" without its cedilla: the name Marco
MONTHS = {"janeiro": 1, "fevereiro": 2, "março": 3, "abril": 4, "maio": 5, "junho": 6, "julho": 7, "agosto": 8,
          "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12}
# no "set", "out" (English words, and "set." "out." would end no sentence), "ago", "dez" (ten)
MONTH_ABBREVIATIONS = {"jan": 1, "fev": 2, "mar": 3, "abr": 4, "mai": 5, "jun": 6, "jul": 7, "nov": 11}
# the short forms ("segunda", "terça") are ordinary words alone ("pela segunda vez")
WEEKDAYS = {"segunda-feira": 0, "terça-feira": 1, "terca-feira": 1, "quarta-feira": 2, "quinta-feira": 3,
            "sexta-feira": 4, "sábado": 5, "sabado": 5, "domingo": 6}
RELATIVE_DAYS = {"anteontem": -2, "ontem": -1, "hoje": 0, "amanhã": 1}
LAST_MONTH = frozenset(["mês passado"])

# -- where a speaker's noun phrase stops (these use the weekdays) --------------------------------------
# "disse nesta segunda-feira o ministro", "afirmou ontem a porta-voz"
AFTER_VERB_WORDS = (frozenset(f"{lead} {day}" for day in WEEKDAYS
                              for lead in ("na", "nesta", "neste", "no", "nesse", "nessa"))
                    | frozenset(["hoje", "ontem", "também", "ainda", "depois", "mais tarde", "então",
                                 "nesta semana", "esta semana"]))
# no "no" (English), "com" ("Amazon.com" stops at its full stop anyway, but "Com" alone is rare: kept out)
# "num"/"numa" (em + um): "disse, num comunicado, o ministro"
NP_STOPS = frozenset("""em num numa nuns numas na nas nos durante perante pelo pela pelos pelas para sobre após antes
depois quando enquanto que quem onde""".split()) | frozenset(WEEKDAYS)
SENTENCE_OPENERS = frozenset("""além depois então ontem hoje enquanto também mas porém contudo entretanto
durante desde para segundo após antes ainda posteriormente finalmente em""".split())  # "Em Genebra, …"
COMPLEMENTIZERS = frozenset({"que"})
# no "conforme": a French word ("conforme à la loi")
ACCORDING_TO = frozenset(["segundo", "de acordo com"])
# Portuguese credits a source before it ("segundo")
POSTPOSITIONS: frozenset[str] = frozenset()
CONTRAST = frozenset({"mas"})
WHEREAS = frozenset({"enquanto"})
AND_WORDS = frozenset({"e"})  # read only between the outlets of a credit line ("Lusa e Reuters")
WITH_WORDS = frozenset({"com"})

# -- text and pages ---------------------------------------------------------------------------------
ABBREVIATIONS = frozenset("Sr Sra Srta Dr Dra Av Prof Profa Gen".split())
QUOTE_ABBREVIATIONS = frozenset("sr sra srta dr dra av prof profa etc".split())
READ_MORE_MARKERS = frozenset(["leia tambem", "leia mais", "leia ainda", "saiba mais", "veja tambem",
                               "veja mais", "noticias relacionadas", "materias relacionadas", "voce pode gostar",
                               "ler mais", "ler tambem"])
SEE_ALSO_POINTERS = frozenset(["leia também", "leia mais", "saiba mais", "veja também"])
FURNITURE_WORDS = frozenset("""compartilhar compartilhe partilhar partilhe comentários comentário comentar
assine assinatura assinante entrar cadastre-se cadastro pesquisar menu início privacidade publicidade siga
próximo""".split())  # no "anterior" (English)
# matched anywhere in a short line: whole phrases only ("assine" alone is inside French "assassine")
PROMOTIONS = frozenset(["assine a newsletter", "assine o jornal", "siga-nos", "baixe o aplicativo",
                        "baixe nosso aplicativo", "compartilhe esta noticia", "todos os direitos reservados"])
PROMOTION_WORDS = frozenset(["cookie", "cookies"])
PROMOTION_LABELS = frozenset(["publicidade"])
SECTION_NAMES = frozenset(["internacional", "mundo", "politica", "economia", "sociedade", "cultura", "esportes",
                           "esporte", "desporto", "brasil", "portugal", "opiniao", "ultimas noticias", "noticias",
                           "ao vivo", "nacional", "pais"])
READING_TIMES = frozenset(["min de leitura", "minutos de leitura", "minuto de leitura", "tempo de leitura"])
COMMENT_FORM_OPENINGS = frozenset(["deixe um comentario", "deixe seu comentario", "deixe o seu comentario",
                                   "deixe uma resposta", "escreva um comentario", "cancelar resposta"])
COMMENT_FORM_NOTICES = frozenset(["o seu endereco de email nao sera publicado",
                                  "seu endereco de e-mail nao sera publicado",
                                  "o seu endereco de e-mail nao sera publicado"])
COMMENT_COUNT_LABELS = frozenset(["comentario", "comentarios"])
SOURCE_LABELS = frozenset(["fonte", "fontes"])
CREDIT_LABELS: frozenset[str] = frozenset()
BYLINE_WORDS = frozenset({"por"})
# read on the page's own text with any ending ("correspondentes")
CORRESPONDENT_BYLINES = frozenset(["do nosso correspondente", "enviado especial"])
# "data" as a label: a numeric date after it is read day first, as Portuguese writes it
PUBLISHED_LABELS = frozenset(["data", "publicado", "publicado em", "publicada em"])
UPDATED_LABELS = frozenset(["atualizado", "atualizado em", "actualizado", "actualizado em", "atualizada em"])
DATE_LEADS = frozenset({"em"})
# the brief, written in Portuguese: "{text}" is an article's sentence, as written; one in another language is
# quoted, its language named by "in_<code>" (every news language, "in_other" for any other)
BRIEF_PHRASES = {
    "quoted": "Segundo {label}: “{text}” ({language})",
    "only": "Só {label} informa: {text}",
    "only_quoted": "Só {label} informa: “{text}” ({language})",
    "disagree": "As fontes divergem: {a}; {b}",
    "side": "{text} ({label})",
    "side_quoted": "“{text}” ({label}, {language})",
    "unnamed": "um veículo não identificado",
    "in_fr": "em francês", "in_en": "em inglês", "in_es": "em espanhol", "in_de": "em alemão",
    "in_it": "em italiano", "in_pt": "em português", "in_tr": "em turco", "in_ru": "em russo",
    "in_nl": "em neerlandês", "in_uk": "em ucraniano", "in_pl": "em polonês", "in_ar": "em árabe",
    "in_other": "em outra língua",
}
# no Portuguese spaCy pipeline installs from the registry with spaCy 3.8
SPACY_MODELS: tuple[str, ...] = ()
