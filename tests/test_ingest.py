"""Every input format, and every kind of bad input, with real files built in the tests (issue #3)."""
from __future__ import annotations

import contextlib
import gzip
import io
import json
import re
import signal
import threading
from pathlib import Path

import pytest

from recoupe import analyze
from recoupe.ingest import read_file
from recoupe.limits import MB, FileTimeout, Limits, deadline
from recoupe.records import Skip

BODY_FR = ("Le ministre a annoncé lundi à Paris un plan de relance pour les collectivités locales, "
           "a-t-on appris auprès de son cabinet. Les maires attendaient ce geste depuis des mois.")
BODY_EN = ("The minister announced on Monday in London a recovery plan for local councils, his office "
           "said. Mayors had been waiting for this for months, and the opposition called it too little.")


def _html(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{body} {i}</p>" for i in range(4))
    return (f"<html><head><title>{title}</title><meta name='date' content='2022-11-14'></head><body>"
            f"<nav><a href='/'>Accueil</a> <a href='/monde'>Monde</a></nav><article><h1>{title}</h1>"
            f"{paragraphs}</article><footer>Mentions légales · Contact</footer></body></html>")


def _warc(path: Path, pages: list[tuple[str, str]], gz: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                          http_headers=headers))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG...."), http_headers=headers))


def _by_path(corpus, path: Path):
    return next(i for i in corpus.inputs if i.path == str(path))


# -- formats ---------------------------------------------------------------------------------------

def test_txt(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Un titre\n\n" + BODY_FR + "\n", encoding="utf-8")
    corpus = analyze([tmp_path])
    (article,) = corpus.articles
    assert (article.id, article.title, article.language) == ("a", "Un titre", "fr")
    assert article.text == BODY_FR


def test_html_body_title_and_date(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(_html("Plan de relance annoncé", BODY_FR), encoding="utf-8")
    (article,) = analyze([tmp_path]).articles
    assert article.title == "Plan de relance annoncé"
    assert BODY_FR in article.text
    assert "Mentions légales" not in article.text
    assert article.published == "2022-11-14"
    assert any("Mentions légales" in r.text for r in article.removed)


def test_json_and_jsonl_with_news_please_fields(tmp_path: Path) -> None:
    record = {"title": "Council plan", "maintext": BODY_EN, "url": "https://news.example.com/a",
              "date_publish": "2022-11-15 08:30:00", "language": "en"}
    (tmp_path / "one.json").write_text(json.dumps(record), encoding="utf-8")
    lines = [json.dumps(dict(record, id="rec-1")), json.dumps({"text": BODY_FR, "title": "Plan"})]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = analyze([tmp_path])
    # rec-1 (many.jsonl, read first) and one.json share a body: stored once, reported as the same content
    ids = sorted(a.id for a in corpus.articles)
    assert ids == ["many-2", "rec-1"]
    one = next(a for a in corpus.articles if a.id == "rec-1")
    assert (one.title, one.url, one.published, one.outlet) == (
        "Council plan", "https://news.example.com/a", "2022-11-15", "news.example.com")
    single = _by_path(corpus, tmp_path / "one.json")
    assert single.status == "ok" and single.articles == ("rec-1",)
    assert "one: same content as article rec-1" in (single.reason or "")


def test_warc_and_warc_gz(tmp_path: Path) -> None:
    _warc(tmp_path / "crawl.warc.gz", [("https://example.org/fr", _html("Titre FR", BODY_FR)),
                                       ("https://example.org/en", _html("Title EN", BODY_EN))])
    _warc(tmp_path / "plain.warc", [("https://example.org/x", _html("Autre", BODY_FR + " Encore."))], gz=False)
    corpus = analyze([tmp_path])
    assert len(corpus.articles) == 3
    urls = {a.url for a in corpus.articles}
    assert urls == {"https://example.org/fr", "https://example.org/en", "https://example.org/x"}
    crawl = _by_path(corpus, tmp_path / "crawl.warc.gz")
    assert crawl.status == "ok" and "1 non-article response records ignored" in (crawl.reason or "")
    assert {a.language for a in corpus.articles} == {"fr", "en"}


def test_warc_redirects_and_error_pages_are_not_articles(tmp_path: Path) -> None:
    """Issue 22: recoupe fetch records redirects and errors, HTML bodies and all; only a 2xx response is read."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    answers = [("200 OK", "https://example.org/fr", _html("Titre FR", BODY_FR)),
               ("301 Moved Permanently", "https://example.org/old", _html("Moved", "Moved to /fr.")),
               ("404 Not Found", "https://example.org/gone", _html("Page introuvable", BODY_FR)),
               ("500 Internal Server Error", "https://example.org/err", _html("Server error", BODY_EN)),
               ("206 Partial Content", "https://example.org/en", _html("Title EN", BODY_EN))]
    path = tmp_path / "fetched.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for status, url, html in answers:
            headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                          http_headers=headers))
    result = read_file(path)
    assert [page.url for page in result.pages] == ["https://example.org/fr", "https://example.org/en"]
    assert not result.skips
    assert "3 non-article response records ignored (not HTML, or not a 2xx status)" in result.notes


# -- bad input: each names the file and the reason, and the rest goes through ----------------------

@pytest.fixture()
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text("Titre\n\n" + BODY_FR, encoding="utf-8")
    return path


def _skipped(tmp_path: Path, name: str, content: bytes, code: str, words: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    corpus = analyze([tmp_path])
    assert [a.id for a in corpus.articles] == ["good"]  # the rest of the corpus went through
    entry = _by_path(corpus, bad)
    assert entry.status == "skipped"
    assert code in (entry.reason or "") and words in (entry.reason or ""), entry.reason
    assert any(s.path == str(bad) and s.code == code for s in corpus.skips)


def test_empty_file(tmp_path: Path, good: Path) -> None:
    _skipped(tmp_path, "empty.txt", b"  \n\n", "R001", "empty file")


def test_binary_file(tmp_path: Path, good: Path) -> None:
    _skipped(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "R002", "binary")


def test_unsupported_extension(tmp_path: Path, good: Path) -> None:
    _skipped(tmp_path, "slides.pdf", b"%PDF-1.4 ...", "R004", "unsupported file type '.pdf'")


def test_malformed_html_without_article(tmp_path: Path, good: Path) -> None:
    _skipped(tmp_path, "broken.html", b"<html><body><div><<<>>></span><p>\xc3\xa9</div", "R005", "no article text")


def test_malformed_html_with_article_still_goes_through(tmp_path: Path) -> None:
    broken = "<html><body><div><p>" + "</p><p>".join([BODY_FR] * 4) + "<div><span></p></body>"
    (tmp_path / "broken.html").write_text(broken, encoding="utf-8")
    (article,) = analyze([tmp_path]).articles
    assert BODY_FR in article.text


def test_jsonl_bad_line_names_the_line(tmp_path: Path) -> None:
    content = json.dumps({"text": BODY_FR}) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n"
    (tmp_path / "feed.jsonl").write_text(content, encoding="utf-8")
    corpus = analyze([tmp_path])
    assert [a.id for a in corpus.articles] == ["feed-1"]
    entry = _by_path(corpus, tmp_path / "feed.jsonl")
    assert entry.status == "ok"
    assert "line 2: not valid JSON" in (entry.reason or "")
    assert "line 3: record has no text field" in (entry.reason or "")
    assert [(s.location, s.code) for s in corpus.skips] == [("line 2", "R006"), ("line 3", "R007")]


def test_json_not_json(tmp_path: Path, good: Path) -> None:
    _skipped(tmp_path, "bad.json", b'{"text": "abc", ', "R006", "not valid JSON")


def test_truncated_warc_keeps_records_before_the_damage(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    _warc(whole, [("https://example.org/1", _html("Un", BODY_FR)), ("https://example.org/2", _html("Deux", BODY_EN))])
    data = whole.read_bytes()
    whole.unlink()
    first_member = data.index(b"\x1f\x8b", 10)  # each record is a gzip member: where the 2nd starts
    truncated = tmp_path / "cut.warc.gz"
    truncated.write_bytes(data[: first_member + (len(data) - first_member) // 3])
    corpus = analyze([truncated])
    assert [a.url for a in corpus.articles] == ["https://example.org/1"]
    (skip,) = corpus.skips
    assert skip.code == "R008" and skip.path == str(truncated) and skip.location == "record 2"
    assert "truncated" in skip.reason
    assert corpus.inputs[0].status == "ok"


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_western_encodings_decode_right(tmp_path: Path, encoding: str) -> None:
    text = "Élections : le député a déclaré « ça suffit » à l'Assemblée, où l'été fut long et chaud."
    if encoding == "cp1252":
        text = text.replace("'", "’") + " Œuvre — cœur, 5 €."
    (tmp_path / "old.txt").write_bytes(("Titre à la une\n\n" + text).encode(encoding))
    (article,) = read_file(tmp_path / "old.txt").pages
    assert article.content.endswith(text)


def test_missing_path_is_reported(tmp_path: Path, good: Path) -> None:
    corpus = analyze([good, tmp_path / "nowhere"])
    entry = _by_path(corpus, tmp_path / "nowhere")
    assert entry.status == "skipped" and "R010" in (entry.reason or "")


def test_same_stem_in_two_folders_keeps_both(tmp_path: Path) -> None:
    for folder, body in (("a", BODY_FR), ("b", BODY_FR + " Et encore une phrase pour changer le texte.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text("Titre\n\n" + body, encoding="utf-8")
    corpus = analyze([tmp_path])
    assert sorted(a.id for a in corpus.articles) == ["x", "x~2"]
    assert "R011" in (corpus.inputs[1].reason or "")


# -- limits: size and time per file (a file over one is skipped, the rest goes through) -------------

def test_file_over_the_size_limit_is_skipped(tmp_path: Path, good: Path) -> None:
    (tmp_path / "long.txt").write_text("Titre\n\n" + BODY_FR * 20, encoding="utf-8")
    corpus = analyze([tmp_path], limits=Limits(max_bytes=2000))
    assert [a.id for a in corpus.articles] == ["good"]
    entry = _by_path(corpus, tmp_path / "long.txt")
    assert entry.status == "skipped"
    size = (tmp_path / "long.txt").stat().st_size
    assert entry.reason == f"too large: the file is {size:,} bytes, over the 2,000 bytes limit per file [R012]"


def test_50_mb_file_is_skipped_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.html"
    with big.open("wb") as fh:
        fh.truncate(50 * MB)  # sparse: written at once, takes no disk
    opened: list[Path] = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self) or real_open(self, *a, **k))
    (skip,) = read_file(big).skips
    assert (skip.code, skip.reason) == ("R012", "too large: the file is 50.0 MB, over the 20.0 MB limit per file")
    assert opened == []


def test_gzip_bomb_named_html_is_not_decompressed(tmp_path: Path, good: Path) -> None:
    bomb = gzip.compress(b"<p>" + b"\0" * (200 * MB), compresslevel=1)
    assert len(bomb) < MB
    _skipped(tmp_path, "page.html", bomb, "R002", "binary content")


def _slow_warc(path: Path, big: int) -> None:
    """A WARC whose 2nd page is ``big`` bytes once decompressed, and whose picture record is 100 times that."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n, (kind, payload) in enumerate([("text/html", _html("Un", BODY_FR).encode()),
                                             ("text/html", b"<p>" + b"a " * (big // 2)),
                                             ("text/html", _html("Deux", BODY_EN).encode()),
                                             ("image/png", b"\0" * (100 * big))]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "response",
                                                          payload=io.BytesIO(payload), http_headers=headers))


def test_warc_page_over_the_limit_once_decompressed_is_skipped(tmp_path: Path) -> None:
    _slow_warc(tmp_path / "crawl.warc.gz", big=200_000)
    assert (tmp_path / "crawl.warc.gz").stat().st_size < 100_000
    corpus = analyze([tmp_path], limits=Limits(max_bytes=100_000))
    assert [a.url for a in corpus.articles] == ["https://example.org/0", "https://example.org/2"]
    skips = [(s.location, s.code, s.reason) for s in corpus.skips]
    assert ("record 2", "R012", "too large: the page is over 100,000 bytes, the limit per file") in skips
    # the picture would inflate past 10 times the limit: the archive stops there, what came before is kept
    assert ("record 4", "R012", "too large: the archive holds over 1.0 MB once decompressed (10 times the limit "
            "per file); the rest is not read") in skips


@pytest.mark.parametrize("name", ["bomb.warc.gz", "bomb.warc"])
def test_warc_that_decompresses_to_no_warc_is_refused_at_once(tmp_path: Path, good: Path, name: str) -> None:
    _skipped(tmp_path, name, gzip.compress(b"\0" * (100 * MB), compresslevel=1), "R008", "not a WARC")


def test_json_fields_of_the_wrong_type(tmp_path: Path) -> None:
    lines = [{"text": 123}, {"text": BODY_FR, "title": ["a"], "id": {"x": 1}, "url": 5, "date_publish": 10**40},
             {"text": BODY_EN, "id": 7}, None]
    (tmp_path / "feed.jsonl").write_text("\n".join(map(json.dumps, lines)), encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "digits.json").write_text('{"text": "abc", "id": ' + "9" * 5000 + "}", encoding="utf-8")
    corpus = analyze([tmp_path])
    assert [(a.id, a.title, a.url) for a in corpus.articles] == [("feed-2", "", None), ("7", "", None)]
    reason = _by_path(corpus, tmp_path / "feed.jsonl").reason or ""
    assert "line 1: record has no text field (expected one of: text, maintext, body, content, html, raw_html; " \
           "'text' is a number) [R007]" in reason
    assert "line 2: the id is an object, not a string or an integer; 'feed-2' is used instead" in reason
    assert "line 4: not valid JSON: the record is null, not an object [R006]" in reason
    assert _by_path(corpus, tmp_path / "deep.json").reason == (
        "nested too deeply to read (JSON arrays or objects nested thousands of levels deep) [R014]")
    assert _by_path(corpus, tmp_path / "digits.json").reason == (
        "not valid JSON: a number of more than 4300 digits [R006]")


def test_article_over_the_character_limit_is_skipped(tmp_path: Path, good: Path) -> None:
    (tmp_path / "long.txt").write_text("Titre\n\n" + "\n\n".join([BODY_EN] * 5), encoding="utf-8")
    corpus = analyze([tmp_path], limits=Limits(max_chars=500))
    assert [a.id for a in corpus.articles] == ["good"]
    assert _by_path(corpus, tmp_path / "long.txt").reason == (
        "article text too long to analyse: 913 characters, over the 500 limit [R015]")


@pytest.fixture()
def slow_cleaning(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cleaning a text holding "SLOW" spins in Python until interrupted (the mechanics of the time limit)."""
    from recoupe import clean, language

    language.detect(BODY_FR), language.detect("Titre")  # models loaded before the clock runs
    real = clean.clean_plain

    def clean_plain(text: str, *args, **kwargs):
        while "SLOW" in text:
            pass
        return real(text, *args, **kwargs)

    monkeypatch.setattr(clean, "clean_plain", clean_plain)


@pytest.mark.parametrize("threads", [False, True], ids=["main thread", "worker threads"])
def test_file_out_of_time_is_skipped_and_the_others_go_on(tmp_path: Path, good: Path, slow_cleaning: None,
                                                         threads: bool) -> None:
    from concurrent.futures import ThreadPoolExecutor

    (tmp_path / "slow.txt").write_text("Titre\n\nSLOW " + BODY_FR, encoding="utf-8")
    lines = [json.dumps({"text": BODY_EN}), json.dumps({"text": "SLOW " + BODY_EN}), json.dumps({"text": BODY_FR})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    with ThreadPoolExecutor(2) if threads else contextlib.nullcontext() as pool:
        corpus = analyze([tmp_path], executor=pool, batch=1, limits=Limits(seconds=0.5))
    assert [a.id for a in corpus.articles] == ["feed-1", "good"]
    assert _by_path(corpus, tmp_path / "slow.txt").reason == (
        "reading and cleaning took longer than 0.5 s (the per-file limit) [R013]")
    # the pages of a file done before its time ran out are kept
    assert _by_path(corpus, tmp_path / "feed.jsonl").reason == (
        "line 2 and after: reading and cleaning took longer than 0.5 s (the per-file limit) [R013]")


def _spin() -> None:
    while True:
        pass


def test_deadline_off_the_main_thread() -> None:
    outcome: list[object] = []

    def work() -> None:
        try:
            with deadline(0.2):
                _spin()
        except FileTimeout as err:
            outcome.append(err.code)
        # a block ending just as its time runs out never lets the interrupt land after it
        for _ in range(300):
            try:
                with deadline(0.001):
                    sum(range(2000))
            except FileTimeout:
                pass
        sum(range(10**6))
        outcome.append("after")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(30)
    assert outcome == ["R013", "after"]


def test_a_deadline_whose_thread_ended_inside_it_interrupts_no_one_else() -> None:
    """A thread that ends without leaving its block (the block's own cleanup interrupted, or a block entered and
    never left) stops the timer: a later thread may get its id, and an interrupt there would break whatever it
    runs (a web server's event loop was hung so)."""
    entered: list[object] = []

    def work() -> None:
        block = deadline(0.05)
        block.__enter__()  # never left: the thread ends inside the block
        entered.append(block)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(5)
    assert entered
    timers = [t for t in threading.enumerate() if t.name == "recoupe-deadline"]
    for timer in timers:
        timer.join(5)
    assert not any(t.is_alive() for t in timers)


def test_deadline_on_the_main_thread_interrupts_a_regex_and_restores_the_alarm() -> None:
    before = signal.getsignal(signal.SIGALRM)
    signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        with pytest.raises(FileTimeout, match=r"longer than 0.2 s"):
            with deadline(0.2):
                re.match(r"(a+)+$", "a" * 40 + "b")  # catastrophic backtracking: hours
        assert signal.getsignal(signal.SIGALRM) is before
        assert 90 < signal.getitimer(signal.ITIMER_REAL)[0] <= 100  # the outer timer goes on
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


# -- decoding: strict UTF-8 first, a stray byte replaced and noted (issue 15, item 4) -----------------

STRAY_FR = ("Gérald Darmanin a présenté mercredi à l'Assemblée un projet de loi sur l'immigration, a-t-on appris "
            "auprès du ministère. Les députés de l'opposition jugent le texte « inapplicable » et prévoient des "
            "amendements.")
STRAY_EN = ("The Home Secretary’s bill was presented on Wednesday in the Commons, her office said. Opposition MPs "
            "called it “unworkable” and tabled amendments before the second reading.")


@pytest.mark.parametrize(("name", "before", "stray", "after"), [
    ("darmanin.txt", "Projet de loi\n\n" + STRAY_FR, b"\xff", " Fin de la dépêche."),
    ("commons.txt", "Home Office bill\n\n" + STRAY_EN, b"\x92", " The vote is due in March."),
    ("assemblee.html", _html("Projet de loi débattu", STRAY_FR)[:-40], b"\xe9", _html("x", "y")[-40:]),
])
def test_a_stray_byte_in_utf8_is_replaced_and_noted(tmp_path: Path, name: str, before: str, stray: bytes,
                                                    after: str) -> None:
    data = before.encode() + stray + after.encode()
    (tmp_path / name).write_bytes(data)
    corpus = analyze([tmp_path])
    (article,) = corpus.articles
    assert "Ã" not in article.text and "â€" not in article.text  # not read as cp1252 ("GÃ©rald")
    assert ("Gérald" if "Gérald" in before else "Home Secretary’s") in article.text
    entry = _by_path(corpus, tmp_path / name)
    assert entry.status == "ok"
    assert f"invalid UTF-8 at byte {len(before.encode())} replaced with U+FFFD" in (entry.reason or "")


def test_a_stray_byte_in_a_jsonl_line_names_the_byte(tmp_path: Path) -> None:
    first = json.dumps({"title": "Projet de loi", "text": STRAY_FR}, ensure_ascii=False).encode()
    second = json.dumps({"title": "Commons bill", "text": STRAY_EN}, ensure_ascii=False).encode()
    second = second.replace(b"second reading", b"second \xc3 reading")  # a lead byte cut from its pair
    (tmp_path / "feed.jsonl").write_bytes(first + b"\n" + second + b"\n")
    corpus = analyze([tmp_path])
    assert [a.id for a in corpus.articles] == ["feed-1", "feed-2"]
    assert corpus.articles[0].text.startswith("Gérald Darmanin")
    assert "second \ufffd reading" in corpus.articles[1].text
    at = len(first) + 1 + second.index(b"\xc3 ")
    assert f"invalid UTF-8 at byte {at} replaced with U+FFFD" in (corpus.inputs[0].reason or "")


def test_a_file_in_cp1252_as_a_whole_is_read_as_cp1252_and_noted(tmp_path: Path) -> None:
    text = "Projet de loi\n\n" + STRAY_FR.replace("'", "’") + " Coût : 5 € ; « œuvre »."
    (tmp_path / "vieux.txt").write_bytes(text.encode("cp1252"))
    corpus = analyze([tmp_path])
    (article,) = corpus.articles
    assert "Gérald" in article.text and "5 €" in article.text
    assert "not UTF-8" in (corpus.inputs[0].reason or "") and "Windows-1252" in (corpus.inputs[0].reason or "")


@pytest.mark.parametrize("name", ["surrogate.json", "surrogate.jsonl"])
def test_lone_surrogates_in_json_are_replaced_at_the_boundary(tmp_path: Path, name: str) -> None:
    # json.dumps writes a lone surrogate as the escape \ud800, which json.loads turns back into one
    record = {"id": "loi-\udc00", "title": "Projet de loi \ud83d", "text": STRAY_FR + " \ud800 Fin.",
              "url": "https://example.fr/\udfff"}
    (tmp_path / name).write_text(json.dumps(record), encoding="utf-8")
    corpus = analyze([tmp_path])
    (article,) = corpus.articles  # not R099, "internal error in stage 'clean': UnicodeEncodeError"
    assert "\ufffd Fin." in article.text and article.title == "Projet de loi \ufffd"
    assert (article.id, article.url) == ("loi-\ufffd", "https://example.fr/\ufffd")
    reason = corpus.inputs[0].reason or ""
    assert "R099" not in reason
    assert "4 lone surrogates" in reason and "replaced with U+FFFD" in reason
    for value in (article.id, article.title, article.text, article.url):
        value.encode("utf-8")


# -- discovery: links, pipes and unreadable folders are reported, never followed out (item 5) ------

def _codes(corpus, root: Path) -> dict[str, str]:
    """Each input under ``root`` (by its path relative to it) and its status or skip code."""
    out = {}
    for entry in corpus.inputs:
        codes = re.findall(r"\[(R\d{3})\]", entry.reason or "")
        out[str(Path(entry.path).relative_to(root))] = entry.status if entry.status == "ok" else codes[0]
    return out


@pytest.fixture()
def outside(tmp_path: Path) -> Path:
    """A folder beside the input folder, holding an article and a 'secret' the input must not reach."""
    folder = tmp_path / "ailleurs"
    folder.mkdir()
    (folder / "secret.txt").write_text("Mot de passe\n\n" + BODY_EN + " The password is hunter2.", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "article.txt").write_text("Article extérieur\n\n" + BODY_FR + " Hors du dossier.",
                                                encoding="utf-8")
    return folder


def test_symlinks_out_of_the_input_folder_are_not_followed(tmp_path: Path, outside: Path) -> None:
    root = tmp_path / "entree"
    root.mkdir()
    (root / "article.txt").write_text("Titre\n\n" + BODY_FR, encoding="utf-8")
    (root / "secret.txt").symlink_to(outside / "secret.txt")
    (root / "passwd").symlink_to("../../../../../../../../etc/passwd")
    (root / "dossier").symlink_to(outside / "sub", target_is_directory=True)
    (root / "copie.txt").symlink_to("article.txt")  # inside the input folder: read
    corpus = analyze([root])
    assert _codes(corpus, root) == {"article.txt": "ok", "copie.txt": "ok", "dossier": "R017",
                                    "passwd": "R017", "secret.txt": "R017"}
    assert not any("hunter2" in a.text or "root:" in a.text for a in corpus.articles)
    reason = _by_path(corpus, root / "secret.txt").reason or ""
    assert "out of the input folder" in reason and "--follow-symlinks" in reason

    followed = analyze([root], follow_symlinks=True)
    assert _codes(followed, root) == {"article.txt": "ok", "copie.txt": "ok", "dossier/article.txt": "ok",
                                      "passwd": "R004", "secret.txt": "ok"}


def test_symlink_loops_dangling_links_pipes_and_unreadable_folders_are_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    root = tmp_path / "entree"
    (root / "verrouille").mkdir(parents=True)
    (root / "verrouille" / "cache.txt").write_text("Titre\n\n" + BODY_EN, encoding="utf-8")
    (root / "article.txt").write_text("Titre\n\n" + BODY_FR, encoding="utf-8")
    (root / "boucle").symlink_to(root, target_is_directory=True)  # a folder that holds itself
    (root / "moi.txt").symlink_to("moi.txt")  # a link to itself
    (root / "perdu.txt").symlink_to("disparu.txt")  # dangling
    os.mkfifo(root / "tube.txt")  # opening it would wait for a writer forever
    real_scandir = os.scandir

    def scandir(path="."):  # the tests run as root, who reads any folder: this one is refused as to anyone else
        if Path(os.fsdecode(path)) == root / "verrouille":
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    for follow in (False, True):
        corpus = analyze([root, root / "tube.txt"], follow_symlinks=follow)
        codes = _codes(corpus, root)
        assert codes == {"article.txt": "ok", "boucle": "R020", "moi.txt": "R020", "perdu.txt": "R020",
                         "tube.txt": "R018", "verrouille": "R019"}, follow
        assert len(corpus.inputs) == 7  # the pipe named on the command line is reported on its own line too
        assert "named pipe" in (corpus.inputs[-1].reason or "")
    reasons = {Path(i.path).name: i.reason for i in corpus.inputs}
    assert reasons["verrouille"] == "cannot read the folder: Permission denied [R019]"
    assert "loops" in (reasons["boucle"] or "") and "loops" in (reasons["moi.txt"] or "")
    assert "disparu.txt" in (reasons["perdu.txt"] or "")


def test_discover_leaves_out_what_it_is_told_to_once(tmp_path: Path) -> None:
    from recoupe.ingest import discover

    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.json").write_text('{"articles": [{"text": "x"}]}', encoding="utf-8")
    (tmp_path / "a.txt").write_text("Titre\n\n" + BODY_FR, encoding="utf-8")
    (tmp_path / "lien.json").symlink_to(tmp_path / "out" / "report.json")  # a way into it
    found = list(discover([tmp_path], exclude={tmp_path / "out": "the output folder of this run (--out)"}))
    assert found[0] == tmp_path / "a.txt"
    why = "left out of the inputs: the output folder of this run (--out)"
    assert [(s.path, s.code, s.reason) for s in found[1:] if isinstance(s, Skip)] == [
        (str(tmp_path / "lien.json"), "R021", why), (str(tmp_path / "out"), "R021", why)]


# -- metadata given with a plain text: sidecar, front matter (issue 16) ------------------------------------

TEXT_FR = ("La mairie de Lyon a présenté mardi son budget pour l'année prochaine, en hausse de trois pour cent. "
           "Les élus de l'opposition ont dénoncé une dépense mal maîtrisée et demandé un audit indépendant.")
TEXT_EN = ("The city council of Leeds approved its budget on Tuesday, up three per cent on last year. "
           "Opposition councillors called the spending reckless and asked for an independent audit.")


def test_a_sidecar_gives_the_metadata_of_its_text(tmp_path: Path) -> None:
    (tmp_path / "budget.txt").write_text("Budget de Lyon\n\n" + TEXT_FR, encoding="utf-8")
    (tmp_path / "budget.meta.json").write_text(json.dumps({
        "url": "https://www.exemple.fr/lyon/budget", "title": "Lyon vote son budget", "outlet": "Le Progrès local",
        "published": "2024-03-12", "language": "fr"}), encoding="utf-8")
    corpus = analyze([tmp_path])
    (article,) = corpus.articles
    assert [i.path for i in corpus.inputs] == [str(tmp_path / "budget.txt")]  # the sidecar is not an input
    assert (article.id, article.title, article.url, article.outlet, article.published) == (
        "budget", "Lyon vote son budget", "https://www.exemple.fr/lyon/budget", "Le Progrès local", "2024-03-12")
    assert dict(article.provenance) == {"title": "sidecar", "url": "sidecar", "outlet": "sidecar",
                                        "published": "sidecar", "language": "text"}
    from recoupe.serialize import article as article_data

    assert article_data(article)["provenance"]["outlet"] == "sidecar"
    assert TEXT_FR in article.text


def test_a_published_date_is_never_more_precise_than_given(tmp_path: Path) -> None:
    (tmp_path / "budget.txt").write_text("Leeds budget\n\n" + TEXT_EN, encoding="utf-8")
    (tmp_path / "budget.meta.json").write_text('{"published": "March 2024"}', encoding="utf-8")
    (article,) = analyze([tmp_path]).articles
    assert article.published == "2024-03"
    assert dict(article.provenance)["published"] == "sidecar" and dict(article.provenance)["title"] == "text"


@pytest.mark.parametrize("sidecar, words", [
    ('{"title": "Lyon vote son budget", ', "not valid JSON"),
    ('["Lyon"]', "not a JSON object"),
    ('{"title": 12, "outlet": "Le Progrès"}', "field 'title' is int, not a string"),
])
def test_a_bad_sidecar_is_noted_and_its_article_kept(tmp_path: Path, sidecar: str, words: str) -> None:
    (tmp_path / "budget.txt").write_text("Budget de Lyon\n\n" + TEXT_FR, encoding="utf-8")
    (tmp_path / "budget.meta.json").write_text(sidecar, encoding="utf-8")
    corpus = analyze([tmp_path])
    (article,) = corpus.articles
    (entry,) = corpus.inputs
    assert entry.status == "ok" and not corpus.skips
    assert "sidecar budget.meta.json" in (entry.reason or "") and words in (entry.reason or ""), entry.reason
    assert article.title == "Budget de Lyon" and dict(article.provenance)["title"] == "text"


def test_a_sidecar_without_its_text_is_skipped(tmp_path: Path, good: Path) -> None:
    orphan = tmp_path / "perdu.meta.json"
    orphan.write_text('{"title": "Lost"}', encoding="utf-8")
    corpus = analyze([tmp_path])
    assert [a.id for a in corpus.articles] == ["good"]
    entry = _by_path(corpus, orphan)
    assert entry.status == "skipped" and "[R022]" in (entry.reason or "")
    assert "metadata without its article" in (entry.reason or "") and "perdu.txt" in (entry.reason or "")
    assert any(s.path == str(orphan) and s.code == "R022" for s in corpus.skips)


def test_front_matter_gives_metadata_and_is_removed(tmp_path: Path) -> None:
    head = ("---\nurl: https://news.example.co.uk/leeds-budget\ntitle: \"Leeds passes its budget\"\n"
            "outlet: Yorkshire Daily\npublished: 2024-03-12\nlanguage: en\n---\n")
    (tmp_path / "leeds.txt").write_text(head + "Leeds budget\n\n" + TEXT_EN, encoding="utf-8")
    (article,) = analyze([tmp_path]).articles
    assert (article.title, article.url, article.outlet, article.published) == (
        "Leeds passes its budget", "https://news.example.co.uk/leeds-budget", "Yorkshire Daily", "2024-03-12")
    assert dict(article.provenance) == {"title": "front matter", "url": "front matter", "outlet": "front matter",
                                        "published": "front matter", "language": "text"}
    assert "---" not in article.text and "outlet:" not in article.text and TEXT_EN in article.text
    assert article.removed[0].reason == "front matter" and "outlet: Yorkshire Daily" in article.removed[0].text


def test_a_sidecar_comes_before_front_matter(tmp_path: Path) -> None:
    (tmp_path / "lyon.txt").write_text("---\ntitle: Titre du bloc\noutlet: Lyon Matin\n---\n" + TEXT_FR,
                                       encoding="utf-8")
    (tmp_path / "lyon.meta.json").write_text('{"title": "Titre du fichier"}', encoding="utf-8")
    (article,) = analyze([tmp_path]).articles
    assert (article.title, article.outlet) == ("Titre du fichier", "Lyon Matin")
    assert dict(article.provenance)["title"] == "sidecar" and dict(article.provenance)["outlet"] == "front matter"


def test_a_dashed_line_that_is_no_front_matter_stays_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("---\nUn titre sans bloc\n---\n\n" + TEXT_FR, encoding="utf-8")
    (article,) = analyze([tmp_path]).articles
    assert not any(r.reason == "front matter" for r in article.removed)
    assert "Un titre sans bloc" in article.title + article.text and TEXT_FR in article.text


def test_extensionless_html_is_read_as_html(tmp_path: Path, good: Path) -> None:
    (tmp_path / "page").write_bytes(b"\xef\xbb\xbf\n  " + _html("Budget de Lyon", TEXT_FR).encode("utf-8"))
    (tmp_path / "page.php").write_text("<!DOCTYPE html>" + _html("Leeds budget", TEXT_EN), encoding="utf-8")
    corpus = analyze([tmp_path])
    assert _codes(corpus, tmp_path) == {"good.txt": "ok", "page": "ok", "page.php": "ok"}
    titles = {a.path.rsplit("/", 1)[-1]: a.title for a in corpus.articles}
    assert titles["page"] == "Budget de Lyon" and titles["page.php"] == "Leeds budget"
    page = next(a for a in corpus.articles if a.path.endswith("/page"))
    assert "Mentions légales" not in page.text and dict(page.provenance)["title"] == "page"


@pytest.mark.parametrize("name, content", [
    ("photo", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
    ("notes", ("Titre\n\n" + TEXT_FR).encode("utf-8")),  # text without an extension: not read, as before
])
def test_extensionless_files_that_are_not_html_are_skipped(tmp_path: Path, good: Path, name: str,
                                                           content: bytes) -> None:
    _skipped(tmp_path, name, content, "R004", f"unsupported file type '{name}'")


def test_hidden_files_and_folders_are_listed_not_read(tmp_path: Path) -> None:
    from recoupe import analyze

    (tmp_path / "article.txt").write_text("Le ministre a annoncé lundi à Paris un plan de relance pour les "
                                          "collectivités locales, a-t-on appris auprès de son cabinet.\n",
                                          encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    corpus = analyze([tmp_path])
    assert [a.id for a in corpus.articles] == ["article"]
    hidden = {Path(s.path).name: s.code for s in corpus.skips}
    assert hidden == {".DS_Store": "R023", ".git": "R023"}
