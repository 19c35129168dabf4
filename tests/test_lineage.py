"""Stable story ids (issue 17, lineage.py): an earlier story's id goes to the new story holding most of its
articles, merges and splits are recorded, and an old id keeps leading to its story, through the real pipeline
over a real store, and in the web app (a 301). The articles are written for these tests."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient

from recoupe import analyze, serialize
from recoupe.lineage import carry, resolve
from recoupe.records import Story, StoryChange
from recoupe.store import Reader, Store
from recoupe.stories import story_id
from recoupe.web import create_app


def _story(*articles: str) -> Story:
    return Story(id=story_id(articles), title=articles[0], articles=articles)


# -- the rule ----------------------------------------------------------------------------------------------------

def test_a_story_that_grows_keeps_its_id() -> None:
    grown, new = _story("a", "b", "c", "d"), _story("x")
    stories, changes = carry([grown, new], {"s-old": ("a", "b", "c")}, "1")
    assert [(s.id, s.articles, s.previous_ids) for s in stories] == [
        ("s-old", ("a", "b", "c", "d"), ()), (story_id(["x"]), ("x",), ())]  # a new story keeps its fresh id
    assert changes == ()


def test_two_stories_merged_keep_the_id_of_the_one_with_more_articles_there() -> None:
    (merged,), changes = carry([_story("a", "b", "c", "d", "e")], {"s-small": ("a", "b"), "s-big": ("c", "d", "e")},
                               "3")
    assert (merged.id, merged.previous_ids) == ("s-big", ("s-small",))
    assert changes == (StoryChange("s-small", "s-big", "merged_into", "3"),)


def test_a_split_leaves_the_id_with_the_larger_part_and_records_the_other() -> None:
    large, small = _story("a", "b", "c"), _story("d")
    stories, changes = carry([small, large], {"s-old": ("a", "b", "c", "d")}, "2")
    assert [s.id for s in stories] == [story_id(["d"]), "s-old"]
    assert changes == (StoryChange("s-old", story_id(["d"]), "split_from", "2"),)


def test_ties_are_broken_so_that_as_many_ids_as_can_be_are_kept() -> None:
    """s-b is split two and two; s-a has only one story to go to: s-a keeps it, s-b takes the other."""
    x, y = _story("a1", "a2", "b1", "b2"), _story("b3", "b4")
    stories, changes = carry([x, y], {"s-a": ("a1", "a2"), "s-b": ("b1", "b2", "b3", "b4")}, "1")
    assert [s.id for s in stories] == ["s-a", "s-b"]
    assert changes == (StoryChange("s-b", "s-a", "split_from", "1"),)
    again = carry([y, x], {"s-b": ("b1", "b2", "b3", "b4"), "s-a": ("a1", "a2")}, "1")
    assert ([s.id for s in again[0]], again[1]) == (["s-b", "s-a"], changes)  # the order given changes nothing


def test_merges_accumulate_and_resolve_to_the_story_of_now() -> None:
    history = [StoryChange("s-a", "s-b", "merged_into", "1")]
    (story,), changes = carry([_story("a", "b", "c")], {"s-b": ("a", "b"), "s-c": ("c",)}, "2", history)
    assert story.id == "s-b" and story.previous_ids == ("s-a", "s-c")
    (later,), changes = carry([_story("a", "b", "c", "d", "e")], {"s-b": ("a", "b", "c"), "s-d": ("d", "e")}, "3",
                              changes)
    assert later.id == "s-b"
    assert changes[-1] == StoryChange("s-d", "s-b", "merged_into", "3")
    (last,), changes = carry([_story("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")],
                             {"s-b": ("a", "b", "c", "d", "e"), "s-f": ("f", "g", "h", "i", "j", "k")}, "4", changes)
    assert last.id == "s-f" and set(last.previous_ids) == {"s-a", "s-b", "s-c", "s-d"}
    assert resolve("s-a", changes, {"s-f"}.__contains__) == "s-f"  # s-a -> s-b -> s-f
    assert resolve("s-f", changes, {"s-f"}.__contains__) == "s-f"
    assert resolve("s-never", changes, {"s-f"}.__contains__) is None


def test_a_loop_of_merges_leads_nowhere() -> None:
    loop = [StoryChange("s-a", "s-b", "merged_into", "1"), StoryChange("s-b", "s-a", "merged_into", "2")]
    assert resolve("s-a", loop, lambda _: False) is None


# -- through the pipeline, over a store --------------------------------------------------------------------------

# Each article a title, a dateline and paragraphs, written for these tests: a train derailed near Dijon, told by
# five outlets in French and English (and a sixth article two days on); four unrelated stories in four languages;
# two pieces of Airbus news, and an article of the week that tells both.
DERAIL = {
    "derail_fr_1": (
        "Déraillement d'un TER près de Dijon : quatorze blessés, dont deux graves",
        "Publié le 12 mars 2024 à 10h05",
        ("Un train express régional reliant Dijon à Laroche-Migennes a déraillé mardi matin vers 7h40 à la"
         " sortie de Plombières-lès-Dijon, en Côte-d'Or, faisant quatorze blessés, dont deux grièvement, "
         "selon la préfecture."),
        ("Les deux premières voitures du convoi, qui transportait environ 120 voyageurs, se sont couchées "
         "sur le ballast après avoir heurté un éboulement de terrain consécutif aux fortes pluies de la "
         "nuit."),
        ("Le préfet de la Côte-d'Or, Franck Robine, s'est rendu sur place et a annoncé l'ouverture d'une "
         "cellule d'aide psychologique à la mairie de Plombières-lès-Dijon."),
        ("La SNCF a interrompu la circulation entre Dijon et Blaisy-Bas pour au moins quarante-huit heures"
         " et mis en place des cars de substitution."),
    ),
    "derail_fr_2": (
        "Côte-d'Or : un TER déraille après un glissement de terrain, 14 blessés",
        "Publié le 12 mars 2024 à 11h30",
        ("Quatorze personnes ont été blessées, dont deux grièvement, mardi 12 mars dans le déraillement "
         "d'un TER à Plombières-lès-Dijon, a indiqué la préfecture de la Côte-d'Or."),
        ("Le train, parti de Dijon à 7h32 en direction de Laroche-Migennes, a percuté un amas de terre et "
         "de roches tombé sur la voie après les orages de la nuit. Deux voitures se sont renversées."),
        ("« Le conducteur a freiné dès qu'il a vu l'obstacle, ce qui a sans doute évité un bilan plus "
         "lourd », a déclaré le préfet Franck Robine devant la presse."),
        ("Le Bureau d'enquêtes sur les accidents de transport terrestre (BEA-TT) a ouvert une enquête. La "
         "circulation des trains entre Dijon et Blaisy-Bas restera coupée au moins jusqu'à jeudi, selon la"
         " SNCF."),
    ),
    "derail_en_1": (
        "Regional train derails near Dijon after landslide, 14 injured",
        "Published March 12, 2024",
        ("A regional TER train derailed on Tuesday morning near Plombières-lès-Dijon in eastern France "
         "after hitting a landslide, injuring 14 people, two of them seriously, local authorities said."),
        ("The train, travelling from Dijon to Laroche-Migennes with about 120 passengers on board, struck "
         "earth and rocks that had fallen onto the track after heavy overnight rain. Two carriages "
         "overturned."),
        ("Franck Robine, the prefect of the Côte-d'Or region, told reporters the driver had braked as soon"
         " as he saw the obstacle."),
        ("Rail operator SNCF suspended traffic between Dijon and Blaisy-Bas for at least 48 hours and laid"
         " on replacement buses."),
    ),
    "derail_fr_3": (
        "Déraillement de Plombières-lès-Dijon : le BEA-TT enquête sur le talus",
        "Publié le 13 mars 2024 à 08h00",
        ("Au lendemain du déraillement d'un TER qui a fait quatorze blessés à Plombières-lès-Dijon, en "
         "Côte-d'Or, les enquêteurs du BEA-TT examinent l'état du talus qui s'est effondré sur la voie."),
        ("Selon la SNCF, le tronçon entre Dijon et Blaisy-Bas avait été inspecté en janvier sans qu'aucune"
         " anomalie ne soit relevée. Les fortes pluies de la nuit de lundi à mardi auraient fragilisé le "
         "terrain."),
        ("Le préfet Franck Robine a précisé que les deux blessés graves, un voyageur et le conducteur, "
         "étaient hospitalisés au CHU de Dijon et que leurs jours n'étaient pas en danger."),
        ("La circulation devrait reprendre jeudi entre Dijon et Blaisy-Bas, après la consolidation du "
         "talus."),
    ),
    "derail_en_2": (
        "French investigators examine embankment after Dijon train derailment",
        "Published March 13, 2024",
        ("French accident investigators from the BEA-TT are examining the embankment that collapsed onto "
         "the line near Plombières-lès-Dijon, where a regional train derailed on Tuesday, injuring 14 "
         "people."),
        ("SNCF said the section between Dijon and Blaisy-Bas had been inspected in January and no problem "
         "had been found. Heavy rain overnight from Monday to Tuesday is believed to have weakened the "
         "ground."),
        ("Prefect Franck Robine said the two seriously injured people, a passenger and the driver, were "
         "being treated at Dijon University Hospital and were not in a life-threatening condition."),
        ("Traffic between Dijon and Blaisy-Bas is expected to resume on Thursday once the embankment has "
         "been shored up."),
    ),
}
SIXTH = {
    "derail_fr_4": (
        "Dijon : le trafic ferroviaire reprend après le déraillement du TER",
        "Publié le 14 mars 2024 à 09h10",
        ("La circulation des trains a repris jeudi matin entre Dijon et Blaisy-Bas, deux jours après le "
         "déraillement d'un TER à Plombières-lès-Dijon qui avait fait quatorze blessés, a annoncé la SNCF."),
        ("Les équipes de la SNCF ont consolidé dans la nuit le talus effondré sur la voie, et une "
         "limitation de vitesse restera en vigueur sur le tronçon pendant plusieurs semaines."),
        ("Le préfet de la Côte-d'Or, Franck Robine, a indiqué que les deux blessés graves étaient toujours"
         " hospitalisés au CHU de Dijon. Le BEA-TT doit rendre un premier rapport d'ici à la fin du mois."),
    ),
}
OTHERS = {
    "rates_en": (
        "Norway's central bank holds rates at 4.5% and signals cuts later this year",
        "Published March 21, 2024",
        ("Norges Bank kept its policy rate unchanged at 4.5 percent on Thursday, in line with economists' "
         "expectations, and said it would probably begin lowering borrowing costs in the autumn."),
        ("Governor Ida Wolden Bache told a press conference in Oslo that inflation had fallen faster than "
         "expected, but that a weak krone continued to push up import prices."),
        ("The bank's updated forecasts point to one or two cuts before the end of the year, compared with "
         "three previously expected by analysts at DNB and Nordea."),
    ),
    "annecy_fr": (
        "Festival d'Annecy : un film japonais remporte le Cristal du long métrage",
        "Publié le 15 juin 2024 à 22h40",
        ("Le Festival international du film d'animation d'Annecy a décerné samedi soir son Cristal du long"
         " métrage au réalisateur japonais Kenji Iwaisawa pour « Totto-chan », une adaptation des "
         "souvenirs d'enfance de la présentatrice Tetsuko Kuroyanagi."),
        ("Le jury, présidé par la cinéaste française Marjane Satrapi, a salué « la délicatesse d'un récit "
         "qui regarde la guerre à hauteur d'enfant »."),
        ("Plus de 16 000 professionnels se sont rendus cette année au bord du lac pour le festival, qui "
         "célébrait par ailleurs les vingt ans de son marché du film, le Mifa."),
    ),
    "sequia_es": (
        "Cataluña declara la emergencia por sequía en Barcelona y 200 municipios",
        "Publicado el 1 de febrero de 2024",
        ("El Gobierno catalán declaró este jueves el estado de emergencia por sequía en el área "
         "metropolitana de Barcelona y en otros 200 municipios, después de que los embalses de las cuencas"
         " internas bajaran del 16 % de su capacidad."),
        ("El presidente de la Generalitat, Pere Aragonès, anunció restricciones al riego agrícola y a la "
         "industria, y limitó el consumo doméstico a 200 litros por persona y día."),
        ("Es la peor sequía registrada en Cataluña desde que existen datos, según la Agencia Catalana del "
         "Agua, que no descarta traer agua en barco desde Tarragona o Valencia."),
    ),
    "bahn_de": (
        "Deutsche Bahn: Lokführergewerkschaft GDL ruft zu sechstägigem Streik auf",
        "Veröffentlicht am 22. Januar 2024",
        ("Die Lokführergewerkschaft GDL hat ihre Mitglieder zu einem sechstägigen Streik im Personen- und "
         "Güterverkehr der Deutschen Bahn aufgerufen, dem längsten in der Geschichte des Konzerns."),
        ("GDL-Chef Claus Weselsky warf dem Vorstand vor, kein verhandlungsfähiges Angebot vorgelegt zu "
         "haben. Die Gewerkschaft fordert eine Verkürzung der Wochenarbeitszeit auf 35 Stunden bei vollem "
         "Lohnausgleich."),
        ("Die Bahn kündigte einen Notfahrplan an und bezeichnete den Ausstand als „unnötige Zumutung“ für "
         "Millionen Fahrgäste in Berlin, München und Hamburg."),
    ),
}
BRIDGE = {
    "xlr_en": (
        "Airbus hands its first A321XLR to Iberia",
        "Published October 30, 2024",
        ("Airbus delivered the first example of its very long-range single-aisle jet, the A321XLR, to "
         "Spanish airline Iberia in Toulouse, which will fly it from November between Madrid and Boston."),
        ("The aircraft can fly up to 8,700 kilometres non-stop, letting airlines open transatlantic routes "
         "with a smaller plane that burns less fuel than a wide-body."),
        ("Iberia has ordered eight A321XLRs, whose certification by the European Union Aviation Safety "
         "Agency was delayed by several months by changes to the central fuel tank."),
    ),
    "tianjin_en": (
        "Airbus chief Faury confirms second assembly line in Tianjin",
        "Published November 2, 2024",
        ("Airbus chief executive Guillaume Faury confirmed that a second final assembly line "
         "for its A320 family in Tianjin, China, would begin production in 2026, as the planemaker races "
         "to reduce its order backlog."),
        ("Speaking in Beijing after meeting officials from the Civil Aviation Administration of China, "
         "Faury said the new line would double the group's output in the country to about 150 aircraft a "
         "year."),
        ("The company has struggled with shortages of engines and cabin parts from its suppliers, which "
         "have delayed deliveries to airlines across Asia."),
    ),
    "bridge_en": (
        "Airbus hands first A321XLR to Iberia as Faury confirms new Tianjin line",
        "Published November 3, 2024",
        ("Airbus marked a busy week: it delivered the first A321XLR long-range jet to Iberia in Toulouse, "
         "and chief executive Guillaume Faury confirmed a second A320 assembly line in Tianjin."),
        ("Iberia will fly the A321XLR between Madrid and Boston from November, after certification delays "
         "caused by changes to the aircraft's central fuel tank."),
        ("In Beijing, Faury said the Tianjin line would begin production in 2026 and double Airbus's "
         "output in China, as the planemaker tries to cut its backlog amid shortages of engines and cabin "
         "parts."),
    ),
}


def _write(folder: Path, texts: dict[str, tuple[str, ...]]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    for name, paragraphs in texts.items():
        (folder / f"{name}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return [folder / f"{name}.txt" for name in texts]


def _run(db: Path, paths: list[Path]) -> tuple[int, dict[str, Story], tuple[StoryChange, ...]]:
    """One analysis over the store, saved: its run, its stories by id and its story changes."""
    with Store(db) as store:
        corpus = analyze(paths, store=store)
        run = store.save(corpus)
    return run, {s.id: s for s in corpus.stories}, corpus.story_changes


def test_a_story_keeps_its_id_and_articles_as_a_store_grows(tmp_path: Path) -> None:
    db, folder = tmp_path / "store.sqlite", tmp_path / "in"
    run, stories, _ = _run(db, _write(folder, DERAIL))
    (first,) = stories
    assert set(stories[first].articles) == set(DERAIL)
    kept: dict[str, str] = {}  # each other story's id, by its article
    for name, text in OTHERS.items():  # four unrelated stories in four languages, one article a run
        run, stories, changes = _run(db, _write(folder, {name: text}))
        assert set(stories[first].articles) == set(DERAIL) and changes == ()
        kept[name] = next(s.id for s in stories.values() if name in s.articles)
        assert {n: next(s.id for s in stories.values() if n in s.articles) for n in kept} == kept
    run, stories, changes = _run(db, _write(folder, SIXTH))  # two days on, the line reopens
    assert set(stories[first].articles) == set(DERAIL) | set(SIXTH) and changes == ()
    assert {n: next(s.id for s in stories.values() if n in s.articles) for n in kept} == kept
    assert story_id(stories[first].articles) != first  # a hash of its articles would have changed
    with Store(db) as store:
        assert set(store.story_articles(run)[first]) == set(DERAIL) | set(SIXTH)
    reader = Reader(db)
    try:
        assert reader.story_now(run, first) == first
    finally:
        reader.close()
    page = TestClient(create_app(db, token="")).get(f"/api/stories/{first}", follow_redirects=False)
    assert page.status_code == 200 and page.json()["total"]["article_count"] == 6


def test_an_article_between_two_events_on_different_days_merges_nothing(tmp_path: Path) -> None:
    db, folder = tmp_path / "store.sqlite", tmp_path / "in"
    days = {"xlr_en": ("delivered the first", "delivered on Wednesday the first"),
            "tianjin_en": ("Faury confirmed that", "Faury confirmed on Saturday that")}
    apart = {name: tuple(p.replace(*days[name]) for p in BRIDGE[name]) for name in days}
    _run(db, _write(folder, apart))
    _, stories, changes = _run(db, _write(folder, {"bridge_en": BRIDGE["bridge_en"]}))
    # a delivery on Wednesday, a line confirmed on Saturday: the week's round-up joins one, and merges nothing
    assert len(stories) == 2 and changes == ()


def test_an_article_that_bridges_two_stored_stories_merges_them_and_the_old_id_moves(tmp_path: Path) -> None:
    db, folder = tmp_path / "store.sqlite", tmp_path / "in"
    apart = {name: BRIDGE[name] for name in ("xlr_en", "tianjin_en")}
    first_run, before, _ = _run(db, _write(folder, apart))
    assert len(before) == 2  # a delivery to Iberia, an assembly line in China: two stories
    run, stories, changes = _run(db, _write(folder, {"bridge_en": BRIDGE["bridge_en"]}))  # a week of Airbus news
    (merged,) = stories.values()
    (gone,) = set(before) - {merged.id}
    assert merged.id in before and set(merged.articles) == set(BRIDGE)
    assert merged.previous_ids == (gone,)
    assert changes == (StoryChange(gone, merged.id, "merged_into", str(first_run)),)
    with Store(db) as store:
        assert store.story_changes() == list(changes)
    # the next run keeps the merged story's id and the change, which the report says too
    with Store(db) as store:
        corpus = analyze(_write(folder, {"annecy_fr": OTHERS["annecy_fr"]}), store=store)
        store.save(corpus)
    report = serialize.report(corpus)
    assert report["story_changes"] == [{"old": gone, "new": merged.id, "change": "merged_into",
                                        "run": str(first_run)}]
    assert next(s for s in report["stories"] if s["id"] == merged.id)["previous_ids"] == [gone]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM story_changes").fetchone()[0] == 1  # kept once
    client = TestClient(create_app(db, token=""))
    page = client.get(f"/stories/{gone}", follow_redirects=False)
    assert page.status_code == 301 and page.headers["location"] == f"/stories/{merged.id}"
    api = client.get(f"/api/stories/{gone}", params={"limit": 2}, follow_redirects=False)
    assert api.status_code == 301 and api.headers["location"] == f"/api/stories/{merged.id}?limit=2"
    assert client.get(f"/api/stories/{gone}").json()["id"] == merged.id
    assert client.get("/api/stories/s-0000000000", follow_redirects=False).status_code == 404
