"""No English left on French pages (issue 20): the words built in Python — the copy graph's legend and tooltips,
a reuse edge's kind and why it goes one way, why articles are one origin, the entity type tabs, the error pages'
messages — are said in the language of the page, while the English pages and the JSON API keep their English.

Over the seeds analysed through the CLI (``seeds_run``): each main page with ``?lang=fr``, its visible text (tags
stripped, tooltips kept, the articles' text and quotes left out: they are data) searched for the English words.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from recoupe.render import templates, views
from recoupe.web import create_app

SRC = Path(__file__).resolve().parents[2] / "src" / "recoupe"

# the English words these pages said in French before (a word, as a regular expression)
ENGLISH = {
    "kind": r"\bcopy\b|\bpartial\b",
    "legend": r"shared passages\)",
    "no direction": r"direction unknown",
    "origin": r"\borigin: ",
    "origin reason": r"\bis a copy of\b|share page furniture",
    "entity tabs": r"\bPeople \(|\bPlaces \(|\bOther names \(",  # "Organisations": French too
    "error": r"is none of|is not a date|\bno story\b|\bno article\b|\bno entity\b",
}


@pytest.fixture(scope="module")
def client(seeds_run: Path, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    db = tmp_path_factory.mktemp("i18n-pictures") / "store.sqlite"
    shutil.copy(seeds_run / "recoupe.sqlite", db)
    return TestClient(create_app(db, token=""))


@pytest.fixture(scope="module")
def pages(seeds_report: dict) -> dict[str, tuple[str, int]]:
    """The seeds' main pages and error pages (path, status), the story's and an outlet's with shared passages."""
    story = seeds_report["stories"][0]["id"]
    edge = next(e for e in seeds_report["reuse"] if e["kind"] == "partial")
    outlet = next(a["outlet"] for a in seeds_report["articles"] if a["id"] == edge["source"])
    q = lambda s: quote(s, safe="")  # noqa: E731
    return {"home": ("/", 200), "story": (f"/stories/{q(story)}", 200),
            "article": (f"/articles/{q(edge['source'])}", 200),
            "entity": (f"/entities/{q(seeds_report['entities'][0]['id'])}", 200),
            "outlet": (f"/outlets/{q(outlet)}", 200), "search": ("/search?q=Burns", 200),
            "articles": ("/articles", 200), "entities": ("/entities", 200), "outlets": ("/outlets", 200),
            "bad type": ("/entities?type=CAT", 400), "bad date": ("/articles?since=yesterday", 400),
            "bad verdict": (f"/stories/{q(story)}?verdict=maybe", 400), "no story": ("/stories/s-nope", 404),
            "no article": ("/articles/nope", 404), "no entity": ("/entities/nope", 404),
            "fetch": ("/fetch", 200), "feeds": ("/feeds", 200)}


def _shown(page: str) -> str:
    """What a reader sees of a page: its text and tooltips (title attributes, SVG titles), without the articles'
    text, quotes and mentions' context (data, in the articles' own languages)."""
    page = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page, flags=re.S)
    page = re.sub(r'<div class="body".*?</div>|<q\b.*?</q>|<ul class="mentions">.*?</ul>', " ", page, flags=re.S)
    tooltips = " ".join(re.findall(r'\btitle="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + tooltips)


def _get(client: TestClient, path: str, status: int, lang: str) -> str:
    url = path + ("&" if "?" in path else "?") + f"lang={lang}"
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.text[:300])
    return _shown(response.text)


def test_no_english_word_on_the_french_pages(client: TestClient, pages: dict[str, tuple[str, int]]) -> None:
    left = [f"{name} ({path}): {what}: {found.group(0)!r}"
            for name, (path, status) in pages.items()
            for what, words in ENGLISH.items()
            if (found := re.search(words, _get(client, path, status, "fr")))]
    assert not left, "English on French pages:\n" + "\n".join(left)


def test_the_english_pages_still_say_them(client: TestClient, pages: dict[str, tuple[str, int]]) -> None:
    said = {name: _get(client, path, status, "en") for name, (path, status) in pages.items()}
    story = said["story"]
    for what in ("kind", "legend", "no direction", "origin", "origin reason"):
        assert re.search(ENGLISH[what], story), what
    assert re.search(ENGLISH["kind"], said["outlet"]) and re.search(ENGLISH["entity tabs"], said["entities"])
    for name in ("bad type", "bad date", "bad verdict", "no story", "no article", "no entity"):
        assert re.search(ENGLISH["error"], said[name]), name
    assert "from: 'yesterday' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)" in said["bad date"]
    assert "verdict: 'maybe' is none of corroborated, conflicting, updated, single_source" in said["bad verdict"]


def test_the_french_pages_say_them_in_french(client: TestClient, pages: dict[str, tuple[str, int]]) -> None:
    story = _get(client, pages["story"][0], 200, "fr")
    assert "reprise partielle (passages communs)" in story and "sens inconnu" in story
    assert re.search(r": copie \(0\.\d\d\), sens inconnu", story)  # an edge's tooltip
    assert re.search(r" · origine : \w+", story)  # a node's tooltip
    assert re.search(r"\S+ est une copie de \S+", story)  # an origin's reason, the matrix's tooltip
    entities = _get(client, "/entities", 200, "fr")
    assert re.search(r"Personnes \(\d+\)", entities) and re.search(r"Lieux \(\d+\)", entities)
    assert "Du : 'yesterday' n’est pas une date (AAAA-MM-JJ, AAAA-MM ou AAAA)" in _get(
        client, "/articles?since=yesterday", 400, "fr")
    assert "aucun sujet s-nope" in _get(client, "/stories/s-nope", 404, "fr")
    assert "aucun article nope" in _get(client, "/articles/nope", 404, "fr")


def test_the_api_speaks_english_whatever_the_browser(client: TestClient) -> None:
    french = {"Accept-Language": "fr-FR,fr;q=0.9"}
    body = client.get("/api/articles/nope", headers=french).json()
    assert body["error"] == "no article nope" and body["errors"] == ["no article nope"]
    assert client.get("/api/stories/s-nope", headers=french).json()["error"] == "no story s-nope"


def test_the_french_static_report_has_no_english_kind(seeds_report: dict) -> None:
    from recoupe.report import render_index

    data = dict(seeds_report, inputs=[*seeds_report["inputs"],
                                      {"path": "gone.txt", "status": "skipped", "reason": "R010", "articles": []}])
    french = _shown(render_index(data, "fr"))
    assert "reprise partielle (passages communs)" in french and "sens inconnu" in french
    for what in ("kind", "legend", "no direction", "origin", "origin reason"):
        assert not re.search(ENGLISH[what], french), what
    assert re.search(r"gone\.txt\s+ignorée\s", french) and not re.search(r"\bskipped\b|\bok\b", french)
    english = _shown(render_index(data, "en"))
    assert "partial (shared passages)" in english and "direction unknown" in english
    assert re.search(r"gone\.txt\s+skipped\s", english) and re.search(r"\.txt\s+ok\s", english)


def test_every_reason_the_pipeline_writes_is_translated(seeds_report: dict) -> None:
    """The reasons of reuse._direction (each of its three forms) and of the seeds' origins: none left English."""
    from recoupe.records import Article
    from recoupe.reuse import _direction

    def art(i: str, outlet: str, published: str | None, text: str = "A text.") -> Article:
        return Article(id=i, path=f"{i}.txt", content_hash=i, text=text, title=i, outlet=outlet, language="en",
                       published=published)

    reasons = [_direction(art("a", "Wire", "2024-03-01"), art("b", "Herald", "2024-03-02"))[3],
               _direction(art("a", "Wire", None), art("b", "Herald", None, "It reopened, according to Wire."))[3],
               _direction(art("a", "Wire", None), art("b", "Herald", None))[3],
               *(w for s in seeds_report["stories"] for o in s["origins"] for w in o["why"])]
    assert reasons[:3] == ["published 2024-03-01, before 2024-03-02", "b cites Wire", "direction unknown"]
    assert len(reasons) > 3  # and the seeds' origins give theirs
    with templates.language("fr"):
        left = [r for r in reasons if views.reason(r) == r]
        assert views.reason("published 2024-03-01, before 2024-03-02") == "publié le 2024-03-01, avant le 2024-03-02"
        assert views.reason("b cites Wire") == "b cite Wire"
        assert views.reason("") == "sens inconnu"
        assert views.reason("a reason of a new form") == "a reason of a new form"  # kept, not lost
        assert [views.reuse_kind(k) for k in ("copy", "translation", "partial", "quote", "new")] == [
            "copie", "traduction", "reprise partielle", "citation", "new"]
    assert not left, f"reasons without their French wording (render/views.py REASONS): {left}"
    assert views.reason("b cites Wire") == "b cites Wire"  # English: as the pipeline wrote it


def test_the_python_messages_outside_babel_cfg_have_a_french_translation() -> None:
    """The messages marked in the Python modules that draw words (the copy graph, the web's views and errors):
    each has its French translation (tests/test_i18n_catalogue.py checks the templates and render/views.py)."""
    with (templates.LOCALE / "fr" / "LC_MESSAGES" / "messages.po").open("rb") as f:
        french = read_po(f, locale="fr")
    found = {}
    for path in (SRC / "render" / "pictures.py", SRC / "render" / "views.py", SRC / "web" / "views.py",
                 SRC / "web" / "errors.py"):
        for line, message, _comments, _context in extract_from_file("python", str(path), keywords=DEFAULT_KEYWORDS):
            found.setdefault(message, f"{path.name}:{line}")
    assert "no story %(id)s" in found and "People" in found and "copy" in found
    missing = [f"{where}: {m!r}" for m, where in found.items()
               if not (entry := french.get(m[0] if isinstance(m, tuple) else m)) or not entry.string or entry.fuzzy]
    assert not missing, "no French translation in messages.po for:\n" + "\n".join(missing)
