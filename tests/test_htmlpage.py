"""The HTML path on small pages written for each case: the title the page declares, the body trafilatura keeps."""
from __future__ import annotations

from recoupe.clean import RULES, clean_plain
from recoupe.htmlpage import HTML_RULES, clean_html, page_title

HEADLINE = "Le Sénat adopte la réforme des retraites après trois semaines de débats"
PARAGRAPHS = [
    "Le Sénat a adopté dans la nuit de mardi à mercredi le projet de réforme des retraites, au terme de trois "
    "semaines de débats souvent tendus entre la majorité et l'opposition.",
    "Le texte doit désormais être examiné par une commission mixte paritaire, qui réunira sept députés et sept "
    "sénateurs chargés de trouver une version commune aux deux chambres.",
    "Les syndicats ont appelé à une nouvelle journée de mobilisation la semaine prochaine, la huitième depuis le "
    "début du mouvement, et promettent des cortèges dans toutes les grandes villes du pays.",
    "Le gouvernement se dit confiant sur l'issue du vote final, tout en reconnaissant que la majorité reste "
    "fragile à l'Assemblée nationale, où plusieurs élus ont annoncé leur abstention.",
]


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


URL = "https://www.lequotidien.example/politique/1"


def _title(head: str = "", body: str = "", url: str | None = URL) -> str | None:
    import lxml.html

    return page_title(lxml.html.fromstring(_page(head, body)), url)


def test_site_suffix_is_stripped() -> None:
    head = f"<title>{HEADLINE} | Le Quotidien</title><meta property='og:site_name' content='Le Quotidien'>"
    assert _title(head) == HEADLINE
    # no og:site_name: what <title> adds around the h1's headline is the site's name, on og:title too
    named = f"{HEADLINE} - Gazette du Nord"
    head = f"<title>{named}</title><meta property='og:title' content='{named}'>"
    assert _title(head, f"<h1>{HEADLINE}</h1>", url=None) == HEADLINE
    # sections between the headline and the site's name go with it
    head = f"<title>{HEADLINE} | Politique | Le Quotidien</title>"
    assert _title(head, f"<h1>{HEADLINE}</h1>") == HEADLINE


def test_site_prefix_is_stripped() -> None:
    site = "<meta property='og:site_name' content='Le Quotidien'>"
    assert _title(f"<title>Le Quotidien: {HEADLINE}</title>{site}") == HEADLINE
    assert _title(f"<title>Le Quotidien - {HEADLINE}</title>{site}") == HEADLINE
    # the host name is a site name too ("lequotidien.example" -> "LeQuotidien")
    assert _title(f"<title>LeQuotidien | {HEADLINE}</title>") == HEADLINE


def test_a_dash_inside_the_headline_stays() -> None:
    headline = "Réforme des retraites – le Sénat vote, la rue gronde"
    head = f"<title>{headline} | Le Quotidien</title><meta property='og:site_name' content='Le Quotidien'>"
    assert _title(head, f"<h1>{headline}</h1>") == headline


def test_og_title_and_h1_agree_against_the_other_h1s() -> None:
    head = f"<meta property='og:title' content='{HEADLINE}'><title>Politique - Le Quotidien</title>"
    body = f"<h1>À la une</h1><article><h1>{HEADLINE}</h1><p>{PARAGRAPHS[0]}</p></article>"
    assert _title(head, body) == HEADLINE


def test_the_majority_wins_over_a_lone_h1() -> None:
    social = "Retraites : le Sénat dit oui"
    head = f"<meta property='og:title' content='{social}'><title>{social} | Le Quotidien</title>"
    assert _title(head, f"<h1>{HEADLINE}</h1>") == social


def test_the_h1_is_written_as_the_page_shows_it() -> None:
    # og:title with straight quotes and a final period agrees with the h1; the h1's wording is kept
    head = "<meta property='og:title' content=\"Le Sénat dit 'oui' à la réforme.\">"
    assert _title(head, "<h1>Le Sénat dit ‘oui’ à la réforme</h1>") == "Le Sénat dit ‘oui’ à la réforme"


def test_the_sites_own_name_is_never_the_title() -> None:
    site = "<meta property='og:site_name' content='Le Quotidien'>"
    assert _title(f"<title>Le Quotidien</title>{site}") is None
    # an h1 linking to the home page is the site's logo, whatever it says
    logo = "<h1><a href='/'>Toute l'actualité en continu</a></h1>"
    assert _title("<title>Le Quotidien</title>", logo) is None
    assert _title(f"<title>{HEADLINE} - Le Quotidien</title>", logo) == HEADLINE


def test_no_title_found() -> None:
    assert _title("", f"<p>{PARAGRAPHS[0]}</p>", url=None) is None


def test_clean_html_title_and_body() -> None:
    head = f"<title>{HEADLINE} | Le Quotidien</title><meta property='og:site_name' content='Le Quotidien'>"
    body = f"<article><h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article>"
    cleaned = clean_html(_page(head, body), url=URL)
    assert cleaned.title == HEADLINE
    assert all(p in cleaned.text for p in PARAGRAPHS)
    assert HEADLINE not in cleaned.text


def test_headings_and_lists_of_an_html_body_stay() -> None:
    """The plain-text rules that the benchmark rejected for HTML (headline variant, after the article body)
    do not run on trafilatura's body: a sub-heading and a closing list are the article's."""
    heading = "Ce que prévoit le texte"
    items = ["Âge légal porté à 64 ans", "Durée de cotisation allongée", "Fin des régimes spéciaux"]
    body = (f"<article><h1>{HEADLINE}</h1><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><h2>{heading}</h2>"
            f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p><ul>" + "".join(f"<li>{i}</li>" for i in items)
            + "</ul></article>")
    page = _page(f"<title>{HEADLINE} | Le Quotidien</title>", body)
    kept = clean_html(page).text
    assert heading in kept and all(item in kept for item in items)
    # the same page through every plain-text rule loses them: the test can tell the two apart
    every = clean_html(page, rules=RULES)
    assert heading not in every.text or not all(item in every.text for item in items)
    assert {"headline variant", "after the article body"} & {r.reason for r in every.removed}


def test_html_rules_are_rules_of_clean_plain() -> None:
    assert HTML_RULES < RULES
    assert {"headline variant", "after the article body", "short line under the title"}.isdisjoint(HTML_RULES)


def test_clean_plain_runs_only_the_rules_named() -> None:
    text = f"Titre de l'article\n\n{PARAGRAPHS[0]}\n\nLire aussi : le Sénat vote\n\nPartager\n\nAFP"
    assert {r.reason for r in clean_plain(text).removed} >= {"read-more link", "signature"}
    nothing = clean_plain(text, title="Titre de l'article", title_in_text=False, detect_body=False, rules=())
    assert nothing.removed == ()
    only = clean_plain(text, title="Titre de l'article", title_in_text=False, detect_body=False,
                       rules={"read-more link"})
    assert [r.reason for r in only.removed] == ["read-more link"]
