"""The Spanish and Portuguese language packs: their lists, their dates and read-more lines, and above all the
speakers of their quotes, through the whole pipeline and through the quote stage alone (no spaCy pipeline
exists for either language: the quote stage reads them on the regex path)."""
from __future__ import annotations

from pathlib import Path

import pytest

from recoupe import Corpus, analyze, dates, lang, quotes, text
from recoupe.records import Article, Quote

# Articles written for these tests (not taken from the seeds or the dev corpus).
CORPUS = {
    "es_puerto.txt": "\n\n".join([
        "El Gobierno descarta subir los impuestos para financiar el nuevo puerto",
        "El ministro de Economía, Luis Ferrán, dijo: «No habrá nuevos impuestos este año para pagar las obras».",
        "«Las obras del puerto terminarán en primavera si el tiempo lo permite», afirmó la alcaldesa Marta Ibáñez "
        "durante una visita a los muelles.",
        "Según el Ministerio de Fomento, unas trescientas personas trabajan cada día en la ampliación del muelle "
        "norte.",
        "La presidenta de la autoridad portuaria, Carmen Olmedo, declaró que el acuerdo con las navieras será "
        "firmado antes del verano.",
        "Los vecinos del barrio han pedido que se reduzca el ruido de las máquinas por la noche.",
        "https://www.ejemplo.es/economia/puerto-impuestos"]) + "\n",
    "pt_porto.txt": "\n\n".join([
        "Governo descarta aumento de impostos para financiar o novo porto",
        "O ministro da Fazenda, Paulo Tavares, disse: “Não haverá aumento de impostos neste ano para pagar as "
        "obras”.",
        "“As obras do porto terminam na primavera se o tempo ajudar”, afirmou a prefeita Helena Duarte durante "
        "uma visita ao cais.",
        "Segundo o Ministério dos Transportes, cerca de trezentas pessoas trabalham todos os dias na ampliação do "
        "cais norte.",
        "A presidente da autoridade portuária, Luísa Moreira, declarou que o acordo com as companhias de navegação "
        "será assinado antes do verão.",
        "Os moradores do bairro pediram que o barulho das máquinas seja reduzido durante a noite.",
        "https://www.exemplo.com.br/economia/porto-impostos"]) + "\n",
}


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, body in files.items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return analyze([_write(tmp_path_factory.mktemp("es_pt"), CORPUS)])


def _quotes_of(corpus: Corpus, name: str) -> list[Quote]:
    (article,) = [a for a in corpus.articles if Path(a.path).name == name]
    return [q for q in corpus.quotes if q.article == article.id]


def _one(found: list[Quote], contains: str) -> Quote:
    hits = [q for q in found if contains in q.text]
    assert len(hits) == 1, (contains, found)
    return hits[0]


# -- the lists --------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["es", "pt"])
def test_the_file_is_read_and_defines_every_list_with_its_type(code: str) -> None:
    assert code in lang.LANGUAGES and lang.LANGUAGES[:2] == ("fr", "en")
    module = lang.get(code)
    for name, (container, item) in lang.LISTS.items():
        value = getattr(module, name)
        assert type(value) is container, (code, name)
        assert all(isinstance(x, item) for x in (value.values() if isinstance(value, dict) else value)), (code, name)
    assert module.SPACY_MODELS == ()
    assert set(module.BRIEF_PHRASES) == set(lang.get("fr").BRIEF_PHRASES)


def test_the_merged_dicts_hold_every_language() -> None:
    assert lang.merged("SPEECH_FORMS")["dijo"] == "decir" and lang.merged("SPEECH_FORMS")["disse"] == "dizer"
    assert lang.merged("SPEECH_FORMS")["afirma"] == "afirmar"  # one form, one lemma in both languages
    assert lang.merged("MONTHS")["abril"] == 4 and lang.merged("WEEKDAYS")["sábado"] == 5


def test_words_of_other_roles_in_french_and_english_are_kept_out() -> None:
    assert not {"son", "era", "han"} & lang.union("FINITE_VERBS")  # "est" is French, rightly
    assert not {"no", "a", "e", "o", "as", "per", "com"} & lang.union("NP_STOPS")
    assert "as" not in lang.union("DETERMINERS") and "don" not in lang.union("HONORIFICS")
    assert "once" not in lang.merged("NUMBER_WORDS") and "este" not in lang.merged("BEARINGS")
    assert not {"may", "ago", "set", "out"} & set(lang.merged("MONTH_ABBREVIATIONS"))


# -- dates and read-more lines ----------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "found"), [
    ("El acuerdo se firmó el 5 de marzo de 2023 en Madrid.", ["2023-03-05"]),
    ("La reunión tuvo lugar el 14 de noviembre en Lima.", ["2023-11-14"]),
    ("El ministro lo anunció ayer en el Congreso.", ["2023-12-19"]),
    ("La portavoz habló el lunes con los periodistas.", ["2023-12-18"]),
    ("O acordo foi assinado em 5 de junho de 2023 em Lisboa.", ["2023-06-05"]),
    ("A reunião aconteceu em 14 de novembro em Brasília.", ["2023-11-14"]),
    ("O ministro anunciou ontem a decisão no Congresso.", ["2023-12-19"]),
    ("A porta-voz falou na segunda-feira com os jornalistas.", ["2023-12-18"]),
])
def test_dates_in_the_language_are_read(sentence: str, found: list[str]) -> None:
    assert dates.dates_in(sentence, "2023-12-20") == found  # Wednesday 20 December 2023


@pytest.mark.parametrize(("line", "marker"), [
    ("Lee también: El puerto de Valencia bate su récord de contenedores", "lee tambien"),
    ("Te puede interesar: Las navieras suben sus tarifas", "te puede interesar"),
    ("Leia também: Porto de Santos bate recorde de contêineres", "leia tambem"),
    ("Saiba mais: As companhias de navegação aumentam os preços", "saiba mais"),
])
def test_a_read_more_line_is_recognised(line: str, marker: str) -> None:
    assert text.read_more_marker(line) == marker


def test_a_sentence_is_no_read_more_line() -> None:
    assert text.read_more_marker("Leer el informe completo llevó tres horas a los diputados.") is None


# -- speakers, through the whole pipeline ------------------------------------------------------------

def test_the_articles_are_read_in_their_language(corpus: Corpus) -> None:
    assert {Path(a.path).name: a.language for a in corpus.articles} == {"es_puerto.txt": "es", "pt_porto.txt": "pt"}


@pytest.mark.parametrize(("name", "words", "speaker", "kind", "direct"), [
    ("es_puerto.txt", "No habrá nuevos impuestos", "Luis Ferrán", "named", True),  # X dijo: «…»
    ("es_puerto.txt", "Las obras del puerto", "Marta Ibáñez", "named", True),  # «…», afirmó X
    ("es_puerto.txt", "trescientas personas", "Ministerio de Fomento", "organisation", False),  # Según X, …
    ("es_puerto.txt", "el acuerdo con las navieras", "Carmen Olmedo", "named", False),  # X declaró que …
    ("pt_porto.txt", "Não haverá aumento", "Paulo Tavares", "named", True),
    ("pt_porto.txt", "As obras do porto", "Helena Duarte", "named", True),
    ("pt_porto.txt", "trezentas pessoas", "Ministério dos Transportes", "organisation", False),
    ("pt_porto.txt", "o acordo com as companhias", "Luísa Moreira", "named", False),
])
def test_quotes_get_their_speaker(corpus: Corpus, name: str, words: str, speaker: str, kind: str,
                                  direct: bool) -> None:
    quote = _one(_quotes_of(corpus, name), words)
    assert (quote.speaker, quote.speaker_kind, quote.direct) == (speaker, kind, direct)


def test_a_sentence_without_speech_gives_no_quote(corpus: Corpus) -> None:
    for name, words in (("es_puerto.txt", "ruido"), ("pt_porto.txt", "barulho")):
        assert not [q for q in _quotes_of(corpus, name) if words in q.text]


# -- more frames, through the quote stage alone (the regex path: no parse for either language) ------

FRAMES = {
    "es-inverted-later": ("«Hemos recibido todas las ofertas», afirmó este lunes el portavoz del consorcio, "
                          "Jorge Salcedo.", "Hemos recibido", "Jorge Salcedo", "named"),
    "es-selon-after": ("Unas trescientas personas fueron atendidas durante la noche, según la Cruz Roja.",
                       "trescientas", "Cruz Roja", "organisation"),
    "es-official": ("Un funcionario del Gobierno, que pidió el anonimato, aseguró que las negociaciones seguirán "
                    "la próxima semana.", "negociaciones", "funcionario del Gobierno", "anonymous_official"),
    "es-ha-dicho": ("La jueza Elena Prieto ha dicho que el proceso se retomará en octubre con nuevos testigos.",
                    "el proceso", "Elena Prieto", "named"),
    "es-one-of": ("«No vamos a cerrar el caso», dijo uno de los investigadores tras la audiencia.", "cerrar el caso",
                  "de los investigadores", "anonymous_official"),
    "es-por-su-parte": ("El Gobierno, por su parte, advirtió que los precios del pan subirán durante el invierno.",
                        "precios del pan", "Gobierno", "organisation"),
    "pt-inverted-later": ("“Recebemos todas as propostas”, afirmou nesta segunda-feira o porta-voz do consórcio, "
                          "Rui Medeiros.", "Recebemos", "Rui Medeiros", "named"),
    "pt-according": ("De acordo com a polícia, o suspeito foi detido na manhã de sábado perto da estação.",
                     "suspeito", "polícia", "organisation"),
    "pt-official": ("Um funcionário do governo, que pediu anonimato, afirmou que as negociações continuarão na "
                    "próxima semana.", "negociações", "funcionário do governo", "anonymous_official"),
    "pt-place-opener": ("Em Lisboa, a agência da ONU alertou que as chuvas vão continuar durante toda a semana.",
                        "as chuvas", "agência da ONU", "organisation"),
    "pt-por-sua-vez": ("O sindicato, por sua vez, afirmou que a greve dos motoristas vai durar três dias.",
                       "a greve", "sindicato", "organisation"),
    # a title's complement opened by "da"/"del" before a capital runs on to the name set off after it
    "pt-title-complement": ("“As bombas voltaram a funcionar”, disse, num comunicado, o vice-presidente da Câmara "
                            "de Setúbal, Duarte Lemos.", "bombas", "Duarte Lemos", "named"),
    "es-title-complement": ("«Las bombas ya funcionan», dijo en un comunicado el secretario del Ayuntamiento de "
                            "Cádiz, Íñigo Sanz.", "bombas", "Íñigo Sanz", "named"),
    "pt-name-verb": ("“Vamos recorrer da decisão”, Paulo Tavares afirmou aos jornalistas.", "recorrer",
                     "Paulo Tavares", "named"),
}


def _stage(key: str, body: str) -> list[Quote]:
    article = Article(id=key, path=f"{key}.txt", content_hash=key, text=body, title="", language=key[:2])
    found = quotes.extract([article], {}, [])  # no parse: none exists for es or pt
    for q in found:
        assert body[q.start:q.end] == q.text
    return found


@pytest.mark.parametrize("key", FRAMES)
def test_each_frame_on_the_regex_path(key: str) -> None:
    body, words, speaker, kind = FRAMES[key]
    quote = _one(_stage(key, body), words)
    assert (quote.speaker, quote.speaker_kind) == (speaker, kind)


@pytest.mark.xfail(strict=True, reason="needs speakers.Resolver.describe to read Portuguese (and Spanish 'el') "
                                       "definite articles: it knows only le/la/l'/the, so 'a Cruz Vermelha' is "
                                       "neither a definite organisation nor a name")
def test_according_to_a_definite_name_after_the_clause() -> None:
    body = "Cerca de trezentas pessoas foram atendidas durante a noite, segundo a Cruz Vermelha."
    quote = _one(_stage("pt-segundo-after", body), "trezentas")
    assert (quote.speaker, quote.speaker_kind) == ("Cruz Vermelha", "organisation")


@pytest.mark.parametrize(("key", "body", "speaker"), [
    # a verb with no subject after a quotation goes on with the last speaker
    ("es-no-subject", "«La calle seguirá cerrada», dijo Marta Ibáñez. «No hay desvíos seguros por ahora», añadió.",
     "Marta Ibáñez"),
    ("pt-no-subject", "“A estrada continua fechada”, disse Rui Medeiros. “Não há desvios seguros por agora”, "
                      "acrescentou.", "Rui Medeiros"),
    # "el portavoz", "o porta-voz": a definite article (DEFINITE_ARTICLES) makes the role point back
    ("es-definite-role", "El portavoz del consorcio, Jorge Salcedo, dijo: «La calle seguirá cerrada hasta el lunes». "
                         "«No hay desvíos seguros», explicó el portavoz.", "Jorge Salcedo"),
    ("pt-definite-role", "O porta-voz do consórcio, Rui Medeiros, disse: “A estrada continua fechada até segunda”. "
                         "“Não há desvios seguros”, explicou o porta-voz.", "Rui Medeiros"),
])
def test_the_last_speaker_goes_on(key: str, body: str, speaker: str) -> None:
    assert [(q.speaker, q.speaker_kind) for q in _stage(key, body)] == [(speaker, "named"), (speaker, "named")]
