"""What an analysis adds to the one stored before it: new stories, new articles in known stories, new conflicts."""
from recoupe.delta import Joined, NewConflict, NewStory, delta
from recoupe.records import Article, Claim, Corpus, Evidence, Story


def _article(article_id: str, title: str) -> Article:
    return Article(id=article_id, path=f"{article_id}.html", content_hash=article_id, text=title, title=title)


def _claim(claim_id: str, story: str, text: str, status: str = "single_source",
           conflicts_with: tuple[str, ...] = ()) -> Claim:
    return Claim(id=claim_id, story=story, text=text, status=status, independent_origins=1,  # type: ignore[arg-type]
                 support=(Evidence("a1", text, 0, len(text)),), conflicts_with=conflicts_with)


BEFORE = [
    {"id": "s-port", "title": "Grève au port de Brest", "articles": ["a1", "a2"],
     "claims": [{"id": "c1", "text": "Les dockers sont en grève depuis lundi.", "status": "conflicting"}]},
    {"id": "s-flood", "title": "Floods in Valencia", "articles": ["a3"], "claims": []},
]


def test_new_story_and_joined_articles_are_told_apart():
    after = Corpus(
        articles=tuple(_article(i, t) for i, t in [("a1", "Grève"), ("a2", "Grève 2"), ("a3", "Floods"),
                                                   ("a4", "Le port de Brest toujours bloqué"),
                                                   ("a5", "Wildfire near Athens")]),
        stories=(Story("s-port", "Grève au port de Brest", ("a1", "a2", "a4")),
                 Story("s-flood", "Floods in Valencia", ("a3",)),
                 Story("s-fire", "Wildfire near Athens", ("a5",))))
    found = delta(BEFORE, after)
    assert found.stories == (NewStory("s-fire", "Wildfire near Athens", 1),)
    assert found.joined == (Joined("a4", "Le port de Brest toujours bloqué", "s-port", "Grève au port de Brest"),)
    assert not found.conflicts


def test_a_story_that_took_over_an_earlier_id_is_known():
    """Two stories merged under a new id (lineage): not a new story; its new article joined it."""
    after = Corpus(articles=(_article("a6", "Valencia: the toll rises"),),
                   stories=(Story("s-merged", "Floods", ("a3", "a6"), previous_ids=("s-flood",)),))
    found = delta(BEFORE, after)
    assert found.stories == ()
    assert [j.article for j in found.joined] == ["a6"]


def test_only_conflicts_not_there_before_are_new():
    after = Corpus(
        stories=(Story("s-port", "Grève au port de Brest", ("a1", "a2")),),
        claims=(_claim("c1", "s-port", "Les dockers sont en grève depuis lundi.", "conflicting", ("c2",)),
                _claim("c2", "s-port", "Les dockers sont en grève depuis mardi.", "conflicting", ("c1",)),
                _claim("c3", "s-port", "Le port est fermé.")))
    found = delta(BEFORE, after)
    assert found.conflicts == (NewConflict("s-port", "Les dockers sont en grève depuis mardi.",
                                           ("Les dockers sont en grève depuis lundi.",)),)


def test_nothing_before_makes_everything_new_and_nothing_after_is_empty():
    after = Corpus(stories=(Story("s-port", "Grève", ("a1",)),))
    assert [s.id for s in delta([], after).stories] == ["s-port"]
    assert delta(BEFORE, Corpus()).empty
