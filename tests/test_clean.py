"""The plain-text cleaner on small texts written for each rule: what goes, with its reason, and what stays."""
from __future__ import annotations

import re
from pathlib import Path

from recoupe import lang
from recoupe.clean import clean_plain
from recoupe.text import fold, sentences

BODY = ("Le gouvernement a présenté mardi un projet de loi sur l'énergie, qui doit être débattu au "
        "Parlement dès le mois prochain, a indiqué le porte-parole.")
BODY2 = ("Les députés de l'opposition ont déjà annoncé qu'ils déposeraient des centaines d'amendements "
         "pour ralentir l'examen du texte en commission.")
EN_BODY = ("The government presented a draft energy bill on Tuesday, to be debated in Parliament from "
           "next month, the spokesman said.")


def _reasons(text: str, **kw) -> dict[str, str]:
    cleaned = clean_plain(text, **kw)
    return {r.text: r.reason for r in cleaned.removed}


def test_title_is_first_line_and_repeats_are_removed() -> None:
    cleaned = clean_plain(f"Un projet de loi\n\nUn projet de loi\n\n{BODY}\n\nUN PROJET DE LOI\n\n{BODY2}")
    assert cleaned.title == "Un projet de loi"
    assert cleaned.text == f"{BODY}\n\n{BODY2}"
    assert [r.reason for r in cleaned.removed] == ["repeated title", "repeated title"]


def test_comment_forms_fr_and_en_end_the_article() -> None:
    for form in (["Laisser un commentaire", "Votre adresse e-mail ne sera pas publiée.", "Nom *", "Envoyer"],
                 ["Leave a Reply", "Your email address will not be published. Required fields are marked *",
                  "Comment", "Name *", "Post Comment"]):
        cleaned = clean_plain("Titre\n\n" + "\n\n".join([BODY, BODY2, *form]))
        assert cleaned.text == f"{BODY}\n\n{BODY2}"
        assert {r.reason for r in cleaned.removed} == {"comment section"}
        assert [r.text for r in cleaned.removed] == form


def test_comment_word_at_the_top_does_not_eat_the_article() -> None:
    text = "Titre\n\n" + "\n\n".join([BODY, "Commentaires", BODY2, BODY + " Encore.", BODY2 + " Et puis."])
    cleaned = clean_plain(text)
    assert BODY2 + " Et puis." in cleaned.text
    assert _reasons(text)["Commentaires"] == "comment form"


def test_read_more_links_and_their_headline() -> None:
    text = "\n\n".join(["Titre", BODY, "Les prix de l'énergie flambent en Europe – AFP",
                        "Lire la suite Les prix de l'énergie flambent en Europe, selon l'AFP.",
                        "EN SAVOIR PLUS : Le Parlement adopte la réforme", "Read more: Energy prices soar",
                        "À lire aussi : la réforme des retraites", BODY2])
    reasons = _reasons(text)
    assert reasons["Les prix de l'énergie flambent en Europe – AFP"] == "related link"
    assert sum(r == "read-more link" for r in reasons.values()) == 4
    assert clean_plain(text).text == f"{BODY}\n\n{BODY2}"


def test_captions_credits_and_stray_markup() -> None:
    text = "\n".join(["Un projet de loi / Photo: AFP (AFP)", BODY + "< /span>",
                      "Le ministre à l'Assemblée. Reuters/Jean Dupont", "© AFP", BODY2])
    cleaned = clean_plain(text)
    assert cleaned.title == "Un projet de loi"
    assert cleaned.text == f"{BODY}\n{BODY2}"
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons == {"/ Photo: AFP (AFP)": "photo caption", "< /span>": "stray markup",
                       "Le ministre à l'Assemblée. Reuters/Jean Dupont": "photo caption",
                       "© AFP": "photo caption"}


def test_glued_first_line_gives_the_title() -> None:
    title, standfirst = "Le Parlement adopte la réforme de l'énergie", "Le vote a eu lieu dans la nuit."
    caption = "La ministre de l'Énergie devant les députés."
    text = "\n".join([title + standfirst + caption, title, standfirst, caption + " Photo: AFP", BODY])
    cleaned = clean_plain(text)
    assert cleaned.title == title
    assert cleaned.text == f"{standfirst}\n{BODY}"
    assert cleaned.removed[0].reason == "title, standfirst and caption glued together"


def test_bylines_signatures_and_source_lines() -> None:
    text = "\n\n".join(["Titre", "Par Marie Dupont", BODY, BODY2, "Source : Reuters et agences", "AFP", "."])
    cleaned = clean_plain(text)
    assert cleaned.text == f"{BODY}\n\n{BODY2}"
    assert cleaned.outlet == "Reuters"
    assert set(cleaned.credits) == {"Par Marie Dupont", "Source : Reuters et agences", "AFP"}


def test_header_byline_headline_variant_and_url() -> None:
    text = "\n".join(["Energy bill presented", "Reuters", "Le projet de loi sur l'énergie présenté", EN_BODY,
                      "https://www.example.com/news/energy-bill"])
    cleaned = clean_plain(text)
    assert cleaned.text == EN_BODY
    assert cleaned.url == "https://www.example.com/news/energy-bill"
    assert cleaned.outlet == "Reuters"
    assert _reasons(text)["Le projet de loi sur l'énergie présenté"] == "headline variant"


def test_page_dates_labelled_and_unlabelled() -> None:
    unlabelled = clean_plain(f"samedi, 3 juin 2023\nTitre\n{BODY}")
    assert (unlabelled.page_date, unlabelled.published) == ("2023-06-03", None)
    labelled = clean_plain(f"Publié le 14 novembre 2022 à 10h05\nTitre\n{BODY}")
    assert (labelled.page_date, labelled.published) == ("2022-11-14", "2022-11-14")
    month = clean_plain(f" date 2022-11 Un titre en une ligne\n{BODY}")
    assert (month.title, month.published) == ("Un titre en une ligne", "2022-11")


def test_promotions_removed_but_not_body_mentions() -> None:
    body_with_word = ("Le service de newsletter du ministère a été piraté la semaine dernière, exposant les "
                      "adresses de milliers d'abonnés, selon la police.")
    text = "\n\n".join(["Titre", BODY, body_with_word, "Abonnez-vous à notre newsletter",
                        "Toute l'actualité en temps réel, est sur Le Journal"])
    cleaned = clean_plain(text)
    assert cleaned.text == f"{BODY}\n\n{body_with_word}"


def test_json_body_does_not_lose_its_first_line_to_a_title() -> None:
    cleaned = clean_plain(f"{BODY}\n{BODY2}", title="Un titre", title_in_text=False)
    assert (cleaned.title, cleaned.text) == ("Un titre", f"{BODY}\n{BODY2}")


def test_fold_compares_typography_accents_and_case() -> None:
    assert fold("L’État «\u00a0fort\u00a0»\u00a0!") == fold("l'etat \" fort \" !")


def test_wordpress_page_in_english() -> None:
    text = "\n".join([
        "Energy bill presented", "Posted on November 14, 2022 by admin",
        "LONDON (Reuters) - " + EN_BODY, EN_BODY.replace("Tuesday", "Monday"), "It was not said.",
        "Share this:", "Twitter", "Facebook", "Like this:", "Like Loading...", "Related",
        "Leave a Reply Cancel reply", "Your email address will not be published."])
    cleaned = clean_plain(text)
    assert cleaned.text.endswith("It was not said.")
    assert cleaned.text.startswith("LONDON (Reuters) - ")
    assert (cleaned.published, cleaned.outlet) == ("2022-11-14", "Reuters")
    assert [r.reason for r in cleaned.removed].count("after the article body") == 4  # Twitter … Like Loading
    assert {r.text for r in cleaned.removed} >= {"Share this:", "Related", "Leave a Reply Cancel reply"}


# -- the headline (issue 16): chosen among the first lines by what headlines look like ---------------
HEADLINE = "Le Parlement adopte la réforme de l'énergie après une nuit de débats"
EN_HEADLINE = "Energy bill presented to Parliament by the government"


def test_one_paragraph_file_is_an_article_with_no_title() -> None:
    one = ("Le président turc a déclaré lundi que la réunion avait eu lieu à Ankara, selon Anadolu. "
           "Les deux hommes ont discuté deux heures.")
    cleaned = clean_plain(one + "\n")
    assert (cleaned.title, cleaned.text, cleaned.removed) == (None, one, ())


def test_a_long_lead_under_no_title_stays_in_the_body() -> None:
    lead = ("The government presented on Tuesday a draft energy bill that ministers say will cut household "
            "bills by a fifth within three years, a claim the opposition disputes")  # 30 words, no period
    cleaned = clean_plain(f"{lead}\n\n{EN_BODY}")
    assert cleaned.title is None
    assert cleaned.text == f"{lead}\n\n{EN_BODY}"


def test_a_section_name_above_the_headline_is_no_title() -> None:
    for section, headline, body in (("International", HEADLINE, BODY), ("World", EN_HEADLINE, EN_BODY)):
        text = f"{section}\n{headline}\n{body}"
        cleaned = clean_plain(text)
        assert (cleaned.title, cleaned.text) == (headline, body)
        assert _reasons(text) == {section: "section name"}


def test_a_site_name_after_the_headline_is_cut_off() -> None:
    for site, headline, body in (("Le Journal du Soir", HEADLINE, BODY), ("The Daily Example", EN_HEADLINE, EN_BODY)):
        cleaned = clean_plain(f"{headline} — {site}\n{body}")
        assert (cleaned.title, cleaned.text) == (headline, body)
        assert [(r.text, r.reason) for r in cleaned.removed] == [(site, "site name after the headline")]


def test_a_reading_time_line_is_furniture() -> None:
    for line, headline, body in (("4 min de lecture", HEADLINE, BODY), ("3 min read", EN_HEADLINE, EN_BODY)):
        text = f"{line}\n{headline}\n{line}\n{body}"
        cleaned = clean_plain(text)
        assert (cleaned.title, cleaned.text) == (headline, body)
        assert {r.reason for r in cleaned.removed} == {"reading time"}


def test_the_headline_repeated_lower_down_wins_over_a_line_above_it() -> None:
    for notice, headline, body in (("Les plus lus de la semaine", HEADLINE, BODY),
                                   ("Most read this week on our site", EN_HEADLINE, EN_BODY)):
        text = f"{notice}\n{headline}\n{body}\n{headline}\n{body}"
        cleaned = clean_plain(text)
        assert cleaned.title == headline
        assert cleaned.text == f"{body}\n{body}"
        assert _reasons(text) == {notice: "above the headline", headline: "repeated title"}


def test_a_byline_is_never_the_headline() -> None:
    cleaned = clean_plain(f"By John Smith\n{EN_HEADLINE}\n{EN_BODY}")
    assert (cleaned.title, cleaned.text) == (EN_HEADLINE, EN_BODY)


# -- nothing real is lost: no sentence is ever taken out as a title, a headline variant or a byline -------
# A sentence here: closed by . ! ? or …, of 12 words or more, with a verb (a finite form, an auxiliary or a
# speech verb of a language file). Headlines are moved to the title field, the others are removed: neither
# may hold one.
_VERBS = (lang.union("FINITE_VERBS") | lang.union("AUXILIARIES") | set(lang.merged("SPEECH_FORMS"))
          | lang.union("FRAME_VERBS"))
_NOT_BODY = {"headline variant", "byline", "repeated title"}


def _is_sentence_with_verb(text: str) -> bool:
    words = re.findall(r"\w+(?:['’]\w+)?", text.lower())
    closed = re.search(r"[.!?…][\"'»”’)]*$", text.strip()) is not None
    return closed and len(words) >= 12 and any(w in _VERBS for w in words)


def _taken_as_header(text: str) -> list[str]:
    cleaned = clean_plain(text)
    taken = [r.text for r in cleaned.removed if r.reason in _NOT_BODY] + [cleaned.title or ""]
    return [t[a:b] for t in taken for a, b in sentences(t) if _is_sentence_with_verb(t[a:b])]


def test_no_sentence_is_removed_as_a_title_headline_variant_or_byline() -> None:
    from conftest import SEEDS

    lead = ("Le président turc a déclaré lundi que la réunion des chefs du renseignement avait eu lieu "
            "à Ankara, selon l'agence Anadolu.")
    texts = [path.read_text(encoding="utf-8") for path in sorted(Path(SEEDS).glob("*.txt"))]
    texts += [f"{lead}\n\n{BODY}", f"International\n{lead}\n{BODY}", f"By John Smith\n{EN_BODY}\n{EN_BODY}",
              f"{HEADLINE}\n{lead}\n{BODY}", f"{EN_BODY}\nReuters\n{EN_BODY}", f"{BODY}\n", f"{EN_BODY}\n"]
    assert len(texts) >= 10
    for text in texts:
        assert _taken_as_header(text) == [], text[:80]
    # the check itself sees a sentence when one is taken: a lead made the title, as before issue 16
    assert _is_sentence_with_verb(lead) and not _is_sentence_with_verb(HEADLINE)


def test_a_rubric_glued_to_the_headline_is_cut_off_when_the_page_echoes_the_headline() -> None:
    for rubric, headline, said, body in (("Politique", HEADLINE, ", a indiqué un communiqué.", BODY),
                                         ("Politics", EN_HEADLINE, ", a statement said.", EN_BODY)):
        cleaned = clean_plain(f"{rubric}{headline}\n{headline}{said}\n{body}")
        assert cleaned.title == headline
        assert (rubric, "rubric glued to the headline") in [(r.text, r.reason) for r in cleaned.removed]
        assert cleaned.text == f"{headline}{said}\n{body}"


def test_a_headline_may_hold_an_ellipsis_and_a_question() -> None:
    headline = "Réforme de l'énergie : vote dans la nuit, recours annoncé… Que contient le texte ?"
    cleaned = clean_plain(f"{headline}\n{BODY}")
    assert (cleaned.title, cleaned.text) == (headline, BODY)


def test_a_site_name_or_a_ticker_alone_above_the_body_is_no_title() -> None:
    for furniture, body in (("BFMTV", BODY), ("USD 1,0842", EN_BODY)):
        cleaned = clean_plain(f"{furniture}\n{body}\n{body}")
        assert cleaned.title is None
        assert cleaned.text == f"{body}\n{body}"


# -- the page's dates (issue 16): labelled, stamped, refined by the dateline; never invented --------------
RU_BODY = ("Министр заявил в понедельник, что переговоры продолжатся на следующей неделе в столице, "
           "сообщает агентство.")
IT_BODY = ("Il ministro ha dichiarato lunedì che i negoziati proseguiranno la settimana prossima nella "
           "capitale, secondo l'agenzia.")


def _dates(text: str) -> tuple[str | None, str | None]:
    cleaned = clean_plain(text)
    return cleaned.published, cleaned.page_date


def test_a_label_glued_to_its_date_is_read() -> None:
    assert _dates(f"{EN_HEADLINE}\n\nPublished12 Mar 2021, 09:15 AM\n\n{EN_BODY}") == ("2021-03-12", "2021-03-12")


def test_a_colon_label_in_any_language_and_a_time_make_the_publication_date() -> None:
    page = f"Министр объявил о новых переговорах\nДата публикации: 17 сентября 2021 года в 08:40.\n{RU_BODY}"
    cleaned = clean_plain(page)
    assert (cleaned.published, cleaned.page_date) == ("2021-09-17", "2021-09-17")
    assert "Дата публикации: 17 сентября 2021 года в 08:40." not in cleaned.text


def test_an_unlabelled_date_stamped_with_a_time_above_the_body_is_the_publication_date() -> None:
    assert _dates(f"21.09.2021 14:05\nIl ministro annuncia nuovi negoziati\n\n{IT_BODY}") == ("2021-09-21",
                                                                                          "2021-09-21")


def test_an_unlabelled_date_without_a_time_is_only_the_page_date() -> None:
    # "dimanche, 14 avril 2024" atop an older article may be the page's clock: the story's dates decide
    assert _dates(f"mardi, 21 septembre 2021\n\n{HEADLINE}\n\n{BODY}\n\n{BODY2}") == (None, "2021-09-21")


def test_a_timestamp_below_the_article_is_no_publication_date() -> None:
    page = f"{EN_HEADLINE}\n\n{EN_BODY}\n\n{EN_BODY}\n\njdoe\nSeptember 21, 2021 10:32\nGreat news."
    assert clean_plain(page).published is None


def test_a_month_only_date_takes_the_day_its_line_or_the_dateline_gives() -> None:
    assert _dates(f"date 2021-03 12 marzo 2021\n\n{IT_BODY}") == ("2021-03-12", "2021-03-12")
    dated = f"{HEADLINE}\n\nPublié le mars 2021\n\nPARIS, 12 mars (AFP) - {BODY}"
    assert _dates(dated) == ("2021-03-12", "2021-03-12")
    assert _dates(f"{HEADLINE}\n\nPublié le mars 2021\n\n{BODY}") == ("2021-03", "2021-03")  # no day given


def test_a_wire_dateline_a_day_before_the_page_date_is_the_publication_date() -> None:
    page = f"{EN_HEADLINE}\n\nPublished March 13, 2021 07:10\n\nLONDON, March 12 (Reuters) - {EN_BODY}"
    assert _dates(page) == ("2021-03-12", "2021-03-13")
    far = f"{EN_HEADLINE}\n\nPublished March 20, 2021 07:10\n\nLONDON, March 12 (Reuters) - {EN_BODY}"
    assert _dates(far) == ("2021-03-20", "2021-03-20")  # a week later: the page's date stands


def test_a_text_wrapped_at_a_fixed_width_is_one_paragraph_of_the_body() -> None:
    wrapped = ("(AGI) - MILANO, 12 MAR - Il ministro dell'economia ha annunciato\n"
               "oggi un piano di investimenti per le regioni del sud del paese\n"
               "Italia, che sarà presentato al consiglio dei ministri la\n"
               "settimana prossima, secondo fonti del governo.\n")
    cleaned = clean_plain(wrapped + "\n" + IT_BODY)
    assert cleaned.text.startswith(wrapped.strip()) and not cleaned.removed


def test_a_page_with_no_headline_is_titled_by_its_lead_marked_as_derived(tmp_path: Path) -> None:
    from recoupe import analyze

    one = ("Le président turc a déclaré lundi que la réunion avait eu lieu à Ankara, selon Anadolu. "
           "Les deux hommes ont discuté deux heures.")
    (tmp_path / "one.txt").write_text(one + "\n", encoding="utf-8")
    (article,) = analyze([tmp_path]).articles
    assert article.text == one  # the lead stays in the body
    assert article.title == "Le président turc a déclaré lundi que la réunion avait eu lieu à Ankara, selon Anadolu."
    assert dict(article.provenance)["title"] == "lead" and article.headline == ""


def test_only_the_first_lone_url_is_the_pages_address() -> None:
    links = ["https://shop.example/item/1", "https://shop.example/item/2"]
    cleaned = clean_plain("\n".join(["https://news.example/article", HEADLINE, "", BODY, "", *links, "", BODY2]))
    assert cleaned.url == "https://news.example/article"
    assert all(link in cleaned.text for link in links)
