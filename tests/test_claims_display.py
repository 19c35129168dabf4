"""Issue 18: each claim with its verdict, its passages by outlet, language and date, its origins named, and a
conflict's two sides, in report.json (serialize.claim) and in the static report (render.views, macros.html).

The texts are written for these tests.
"""
from __future__ import annotations

import hashlib
import re

from recoupe import report, serialize
from recoupe.records import Article, Claim, Corpus, Evidence, Origin, Story
from recoupe.render import views

TEXTS = {
    "gazette": "Le pont de Valmont rouvrira le 12 mars. Douze ouvriers ont travaillé sur le chantier.",
    "herald": "The Valmont bridge will reopen on March 12. Twenty workers were on the site.",
    "copy": "Le pont de Valmont rouvrira le 12 mars, selon la mairie.",
    "anon": "Le pont de Valmont rouvrira le 12 mars. Douze ouvriers ont travaillé sur le chantier.",
}


def _article(aid: str, **meta: str) -> Article:
    return Article(id=aid, path=f"{aid}.txt", content_hash=hashlib.sha256(aid.encode()).hexdigest(),
                   text=TEXTS[aid], title=f"Valmont ({aid})", story="s-bridge", **meta)


ARTICLES = (_article("gazette", outlet="La Gazette de Valmont", language="fr", published="2024-03-02"),
            _article("herald", outlet="Valmont Herald", language="en", published="2024-03-03"),
            _article("copy", outlet="Le Relais", language="fr", published="2024-03-02"),
            _article("anon", language="fr"))  # no outlet, no date: none may be made up
ORIGINS = (Origin("o-gazette", "Gazette", ("gazette", "copy"), ("copy",)),
           Origin("o-herald", "Valmont Herald", ("herald",)),
           Origin("o-anon", "unknown", ("anon",)))
STORY = Story("s-bridge", "Le pont de Valmont", tuple(a.id for a in ARTICLES), "2024-03", ORIGINS)


def _said(aid: str, sentence: str) -> Evidence:
    start = TEXTS[aid].index(sentence)
    return Evidence(aid, sentence, start, start + len(sentence))


REOPENS = Claim("c-reopen", "s-bridge", "Le pont de Valmont rouvrira le 12 mars.", "corroborated", 3,
                (_said("gazette", "Le pont de Valmont rouvrira le 12 mars."),
                 _said("copy", "Le pont de Valmont rouvrira le 12 mars, selon la mairie."),
                 _said("herald", "The Valmont bridge will reopen on March 12."),
                 _said("anon", "Le pont de Valmont rouvrira le 12 mars.")))
TWELVE = Claim("c-twelve", "s-bridge", "Douze ouvriers ont travaillé sur le chantier.", "conflicting", 2,
               (_said("gazette", "Douze ouvriers ont travaillé sur le chantier."),
                _said("anon", "Douze ouvriers ont travaillé sur le chantier.")),
               conflicts_with=("c-twenty",), differs=("count", ("Douze ouvriers", "Twenty workers")))
TWENTY = Claim("c-twenty", "s-bridge", "Twenty workers were on the site.", "conflicting", 1,
               (_said("herald", "Twenty workers were on the site."),),
               conflicts_with=("c-twelve",), differs=("count", ("Twenty workers", "Douze ouvriers")))
CORPUS = Corpus(articles=ARTICLES, stories=(STORY,), claims=(REOPENS, TWELVE, TWENTY))


def test_each_passage_carries_its_articles_outlet_language_and_date() -> None:
    data = serialize.claim(REOPENS, *serialize.lookups(CORPUS))
    where = {e["article"]: (e["outlet"], e["language"], e["published"]) for e in data["support"]}
    assert where == {"gazette": ("La Gazette de Valmont", "fr", "2024-03-02"),
                     "copy": ("Le Relais", "fr", "2024-03-02"),
                     "herald": ("Valmont Herald", "en", "2024-03-03"),
                     "anon": (None, "fr", None)}  # nothing invented for an article that gives none
    assert [(e["text"], e["start"], e["end"]) for e in data["support"]] == [
        (e.text, e.start, e.end) for e in REOPENS.support]


def test_the_origins_behind_a_claim_are_named_and_counted() -> None:
    data = serialize.claim(REOPENS, *serialize.lookups(CORPUS))
    assert data["origins"] == [{"id": "o-gazette", "label": "Gazette", "articles": ["gazette", "copy"]},
                               {"id": "o-herald", "label": "Valmont Herald", "articles": ["herald"]},
                               {"id": "o-anon", "label": "unknown", "articles": ["anon"]}]
    assert data["independent_origins"] == len(data["origins"]) == 3
    # an origin lists only those of its articles that support the claim
    twelve = serialize.claim(TWELVE, *serialize.lookups(CORPUS))
    assert twelve["origins"] == [{"id": "o-gazette", "label": "Gazette", "articles": ["gazette"]},
                                 {"id": "o-anon", "label": "unknown", "articles": ["anon"]}]
    assert twelve["differs"] == {"slot": "count", "values": ["Douze ouvriers", "Twenty workers"]}


def test_an_article_in_no_origin_stands_alone_as_claims_counts_it() -> None:
    corpus = Corpus(articles=ARTICLES, stories=(Story("s-bridge", "Le pont", STORY.articles, None, ORIGINS[:2]),))
    data = serialize.claim(REOPENS, *serialize.lookups(corpus))
    assert data["origins"][-1] == {"id": "anon", "label": "unknown", "articles": ["anon"]}
    assert len(data["origins"]) == REOPENS.independent_origins


def test_the_report_and_the_story_bundle_give_one_shape() -> None:
    whole = serialize.report(CORPUS)["claims"]
    bundle = serialize.story_bundle(STORY, CORPUS, serialize.lookups(CORPUS))["claims"]
    assert whole == bundle


def _row(html: str, claim_id: str) -> str:
    found = re.search(rf'<tr class="\w+" id="claim-{claim_id}">(.*?)</tr>', html, re.S)
    assert found, f"no row for {claim_id}"
    return found.group(1)


def test_static_report_shows_passages_origins_and_both_sides_of_a_conflict() -> None:
    html = report.render_index(serialize.report(CORPUS))
    reopen = _row(html, "c-reopen")
    assert "corroborated" in reopen
    # each passage's article by its one label (issue 20: outlet · date), its language beside it
    for outlet in ("La Gazette de Valmont", "Le Relais", "Valmont Herald", "unnamed outlet"):
        assert f"{outlet} · " in reopen
    assert "La Gazette de Valmont · 2024-03-02</a> <span class=\"meta\">fr</span>" in reopen
    assert "Valmont Herald · 2024-03-03</a> <span class=\"meta\">en</span>" in reopen
    assert " · date unknown</a>" in reopen
    assert '<li>Gazette <span class="meta">(2 articles)</span></li><li>Valmont Herald</li><li>unnamed outlet</li>' \
        in reopen
    assert 'href="#herald-at-0"' in reopen  # the passage links to its sentence, as before
    twelve = _row(html, "c-twelve")
    assert "conflicting" in twelve and "count: Douze ouvriers / Twenty workers" in twelve
    sides = re.search(r'<div class="sides">(.*?)</div>', twelve, re.S)
    assert sides, "no sides for a conflicting claim"
    mine, theirs = sides.group(1).split("<h3>Conflicts with</h3>")
    assert "This claim" in mine and "Douze ouvriers ont travaillé sur le chantier." in mine
    assert "Twenty workers were on the site." not in mine
    assert "<p>Twenty workers were on the site.</p>" in theirs and "Valmont Herald · 2024-03-03</a>" in theirs


def test_an_update_names_the_claims_it_updates() -> None:
    earlier = Claim("c-early", "s-bridge", "Douze ouvriers ont travaillé sur le chantier.", "updated", 1,
                    (_said("gazette", "Douze ouvriers ont travaillé sur le chantier."),), updates=("c-late",))
    later = Claim("c-late", "s-bridge", "Twenty workers were on the site.", "updated", 1,
                  (_said("herald", "Twenty workers were on the site."),), updates=("c-early",))
    html = report.render_index(serialize.report(Corpus(articles=ARTICLES, stories=(STORY,), claims=(earlier, later))))
    row = _row(html, "c-early")
    assert "updated" in row and "Updates" in row
    assert "Twenty workers were on the site." in row and "Valmont Herald · 2024-03-03</a>" in row


def test_the_other_side_is_shown_when_it_is_on_another_page() -> None:
    every = serialize.report(CORPUS)["claims"]
    rows = views.claim_rows([every[1]], every, passages=1)  # the page shows c-twelve only
    assert [o["id"] for o in rows[0]["against"]] == ["c-twenty"]
    assert rows[0]["against"][0]["passages"][0]["source"] == "Valmont Herald"
    missing = views.claim_rows([dict(every[1], conflicts_with=["c-gone"])], every)
    assert missing[0]["against"] == [{"id": "c-gone", "text": None, "passages": [], "more": 0}]


def test_a_claim_stored_before_passages_carried_their_outlet_says_nothing_of_it() -> None:
    old = {"id": "c-old", "story": "s", "text": "t", "status": "single_source", "independent_origins": 1,
           "support": [{"article": "gazette", "text": "t", "start": 0, "end": 1}], "conflicts_with": []}
    row = views.claim_rows([old], [old])[0]
    assert row["origin_rows"] is None and row["passages"][0]["described"] is False
