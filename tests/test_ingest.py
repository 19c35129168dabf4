"""Every input format, and every kind of bad input, with real files built in the tests (issue #3)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from recoupe import analyze
from recoupe.ingest import read_file

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
    assert crawl.status == "ok" and "1 non-HTML response records ignored" in (crawl.reason or "")
    assert {a.language for a in corpus.articles} == {"fr", "en"}


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
