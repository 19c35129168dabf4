"""keep_mask: the plain-text main-content detector keeps the article body and drops page furniture."""
from __future__ import annotations

from pathlib import Path

import pytest

from recoupe.textblocks import keep_mask

SEEDS = sorted((Path(__file__).parent / "data" / "seeds").glob("*.txt"))

EN_BODY = [
    "The city council voted on Tuesday to expand the bus network to the northern suburbs, after "
    "two years of debate over the cost of the project and its effect on traffic.",
    "The plan, which will add four new lines and thirty stops, is expected to cost about 40 million "
    "dollars over five years, according to figures released by the transport department.",
    "Supporters said the change would help residents who have no car to reach jobs in the centre, "
    "while opponents argued that the money should go to repairing the roads first.",
]
EN_SUBHEADING = "A long road to the vote"
EN_BODY_2 = [
    "The proposal was first put forward in 2022 by a group of residents who collected more than "
    "five thousand signatures in a few weeks and presented them to the mayor.",
    "It was rejected twice before a revised version, with fewer stops and a cheaper fleet of "
    "electric buses, won the support of a majority of the council members this week.",
    "The first new line is due to open next spring, and the others will follow at intervals of "
    "about six months if the budget allows it, the department said.",
]
EN_MENU = ["Home", "World", "Politics", "Business", "Sport", "Culture", "Sign in", "Subscribe",
           "Search"]
EN_FOOTER = ["Share this article", "Facebook", "Twitter", "Email", "Related stories",
             "Mayor Unveils New Budget Plan For Downtown Parks",
             "Council Approves Cycle Lanes On Main Street",
             "© 2024 Example Media. All rights reserved.", "Privacy Policy", "Terms of Use",
             "Contact us", "Cookie settings"]

FR_BODY = [
    "Le conseil municipal a voté mardi l'extension du réseau de bus vers les quartiers nord, après "
    "deux ans de débats sur le coût du projet et sur ses effets sur la circulation.",
    "Le plan, qui ajoute quatre lignes et une trentaine d'arrêts, devrait coûter environ quarante "
    "millions d'euros sur cinq ans, selon les chiffres publiés par la direction des transports.",
    "Ses partisans estiment qu'il aidera les habitants sans voiture à rejoindre le centre, tandis "
    "que ses opposants auraient préféré que cet argent serve d'abord à réparer les routes.",
    "La première ligne doit ouvrir au printemps prochain et les suivantes tous les six mois si le "
    "budget le permet, a précisé la direction dans un communiqué publié mercredi.",
]
FR_MENU = ["Accueil", "Monde", "Politique", "Économie", "Sport", "Culture", "Connexion",
           "S'abonner", "Rechercher"]
FR_FOOTER = ["Partager l'article", "Facebook", "Twitter", "Lire aussi", "Les bus de nuit reviennent",
             "Mentions légales", "Politique de confidentialité", "© 2024 Exemple Médias",
             "Tous droits réservés", "Gérer les cookies"]


def _kept(lines: list[str]) -> set[str]:
    """The lines keep_mask keeps."""
    mask = keep_mask(lines)
    assert len(mask) == len(lines)
    return {line for line, keep in zip(lines, mask, strict=True) if keep}


def test_english_page_keeps_body_and_subheading_drops_menu_and_footer() -> None:
    lines = (EN_MENU + ["Council Expands Bus Network", "By Jane Smith", "March 4, 2024 10:32 am"]
             + EN_BODY + [EN_SUBHEADING] + EN_BODY_2 + EN_FOOTER)
    kept = _kept(lines)
    assert set(EN_BODY + EN_BODY_2) <= kept
    assert EN_SUBHEADING in kept  # a short heading between two paragraphs is part of the body
    assert not kept & set(EN_MENU)
    assert not kept & set(EN_FOOTER)


def test_french_page_keeps_body_drops_menu_and_footer() -> None:
    lines = FR_MENU + ["Le réseau de bus s'étend au nord", "Par Jeanne Martin"] + FR_BODY + FR_FOOTER
    kept = _kept(lines)
    assert set(FR_BODY) <= kept
    assert not kept & set(FR_MENU)
    assert not kept & set(FR_FOOTER)


def test_comment_section_after_the_body_is_dropped() -> None:
    comments: list[str] = []
    for who, text in [("jdoe", "This is a great idea and it is long overdue in my opinion."),
                      ("busfan", "I do not think they will ever finish it on time, as usual."),
                      ("ann", "Finally some good news for the people who live up there."),
                      ("max", "Who is going to pay for all of this in the end, I wonder?")]:
        comments += [f"{who} says:", "March 4, 2024 at 11:15 am", text, "Reply"]
    lines = EN_MENU + EN_BODY + EN_BODY_2 + ["4 comments", "Leave a comment"] + comments
    kept = _kept(lines)
    assert set(EN_BODY + EN_BODY_2) <= kept
    assert not kept & set(comments)


def test_all_prose_article_is_kept_entirely() -> None:
    lines = EN_BODY + EN_BODY_2 + FR_BODY[:1]
    assert keep_mask(lines) == [True] * len(lines)


def test_blank_lines_between_paragraphs_do_not_split_the_body() -> None:
    lines: list[str] = []
    for paragraph in FR_BODY:
        lines += [paragraph, ""]
    mask = keep_mask(lines)
    assert all(keep for line, keep in zip(lines, mask, strict=True) if line)
    assert mask[1] and not mask[-1]  # blank line inside the body kept, trailing one not


def test_empty_input() -> None:
    assert keep_mask([]) == []
    assert keep_mask(["", "   "]) == [False, False]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_clean_seed_article_keeps_every_paragraph(path: Path) -> None:
    lines = path.read_text(encoding="utf8").splitlines()
    mask = keep_mask(lines)
    dropped = [line for line, keep in zip(lines, mask, strict=True) if len(line.split()) > 12 and not keep]
    assert dropped == []


def test_seed_files_are_present() -> None:
    assert len(SEEDS) == 5


def test_a_table_of_figures_between_two_paragraphs_does_not_split_the_body() -> None:
    table = [f"Stop {n} – Lyon to Grenoble, {n * 12} km, {n + 2} hours by coach" for n in range(1, 17)]
    lines = EN_MENU + EN_BODY + table + EN_BODY_2 + EN_FOOTER
    kept = _kept(lines)
    assert set(EN_BODY + table + EN_BODY_2) <= kept
    assert not kept & set(EN_MENU)


def test_a_numbered_list_after_the_intro_is_the_body() -> None:
    # a ranking: the items are the article, though none reads as prose
    items = [f"{n}) Gift idea number {n}: a {colour} scarf knitted by hand" for n, colour in
             enumerate(["red", "blue", "green", "grey", "black", "white", "pink", "brown", "yellow", "navy",
                        "orange", "purple"], 1)]
    lines = EN_MENU + EN_BODY[:1] + items + EN_FOOTER
    kept = _kept(lines)
    assert set(items) <= kept
    assert not kept & set(EN_MENU + EN_FOOTER)


def test_rows_of_figures_right_after_the_body_are_its_table() -> None:
    rows = [f"June {day} – Stadium {day}, City {day} at 8 pm" for day in range(2, 30, 3)]
    lines = EN_MENU + EN_BODY + EN_BODY_2 + rows + EN_FOOTER
    kept = _kept(lines)
    assert set(EN_BODY + EN_BODY_2 + rows) <= kept
    assert not kept & set(EN_FOOTER)


def test_a_list_that_a_line_ending_in_a_colon_introduces_is_the_body() -> None:
    intro = "Here is what the new timetable changes for travellers:"
    items = ["Night buses run every twenty minutes on weekdays", "Trams stop later on Friday and Saturday",
             "Ferries keep their summer hours until October", "Tickets bought online stay valid for a month",
             "Bikes travel free on every regional train"]
    lines = EN_MENU + EN_BODY + [intro] + items + EN_FOOTER
    kept = _kept(lines)
    assert set(EN_BODY + [intro] + items) <= kept
    assert not kept & set(EN_MENU + EN_FOOTER)


def test_the_block_a_wire_dateline_opens_is_the_body_though_teasers_above_outweigh_it() -> None:
    teasers = [
        f"{title} The {what} was approved on {day} by a large majority of the members of the council, who said "
        f"that the money would be spent on the schools and roads of the city over the next three years."
        for title, what, day in [("Council Votes New Budget", "budget", "Monday"),
                                 ("Mayor Backs Tram Plan", "tram plan", "Tuesday"),
                                 ("Library Hours Extended", "longer opening", "Wednesday"),
                                 ("Harbour Works Begin", "harbour project", "Thursday"),
                                 ("New Bridge Approved", "bridge", "Friday"),
                                 ("Parks Get More Staff", "hiring plan", "Saturday")]]
    lead = ("LYON (AFP) — The regional council voted on Tuesday to double the number of night trains between "
            "the two cities, after a year of complaints from travellers about crowded carriages.")
    body = [lead, *EN_BODY, *EN_BODY_2]
    lines = EN_MENU + teasers + ["Advertisement", "Sign in", "Subscribe", "Newsletter", "Share", "Email",
                                 "Print", "Comments"] + body + EN_FOOTER
    kept = _kept(lines)
    assert set(body) <= kept
