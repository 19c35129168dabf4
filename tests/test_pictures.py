"""The pictures a journalist reads (issue 20): the copy graph (a real layout, labels that never overlap, arrows
only where the direction is known), one article label everywhere, a timeline of whole words, the source matrix
in a scrolling box, and a static report with a table of contents."""
from __future__ import annotations

import re
from pathlib import Path

from recoupe.render import pictures, views
from recoupe.render.templates import render


def _article(k: int, outlet: str | None = "Wire") -> dict:
    return {"id": f"{k:03d}_{k:016x}", "outlet": outlet, "published": f"2024-03-{k + 1:02d}",
            "title": f"The bridge over the Valmont river reopened after {k} months of works"}


def _twelve() -> tuple[dict, list[dict]]:
    """A 12-node story: a chain of copies, a hub of partial reuse, and two articles alone."""
    arts = [_article(k, None if k == 5 else f"Outlet {k}") for k in range(12)]
    ids = [a["id"] for a in arts]
    edges = [{"source": ids[k], "target": ids[k + 1], "kind": "copy", "score": 0.8, "directed": k % 2 == 0,
              "why": "published earlier" if k % 2 == 0 else "direction unknown", "passages": []} for k in range(5)]
    edges += [{"source": ids[0], "target": ids[k], "kind": "partial", "score": 0.3, "directed": False,
               "why": "direction unknown", "passages": []} for k in range(6, 10)]
    data = {"id": "s-1", "title": "The bridge", "articles": ids, "article_info": arts,
            "origins": [{"id": f"o-{k}", "label": "unknown" if k == 5 else f"Outlet {k}", "articles": [i],
                         "why": []} for k, i in enumerate(ids)]}
    return data, edges


def _overlap(a: tuple, b: tuple) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def test_graph_is_inside_its_box_and_no_two_labels_overlap() -> None:
    data, edges = _twelve()
    view = views.story(data, edges)
    g = view["graph"]
    assert len(g["nodes"]) == 12
    for n in g["nodes"]:
        x, y, w, h = n["box"]
        assert 0 <= x and x + w <= g["width"] and 0 <= y and y + h <= g["height"], n
        assert n["r"] <= n["x"] <= g["width"] - n["r"] and n["r"] <= n["y"] <= g["height"] - n["r"]
        assert n["label"] == n["label"].strip() and "unknown" not in n["label"]
        assert n["id"] in n["tooltip"]  # the id in the tooltip, not in the label
    for path in (line["d"] for line in g["lines"]):
        numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", path)]
        xs, ys = numbers[0::2], numbers[1::2]
        assert all(0 <= x <= g["width"] for x in xs) and all(0 <= y <= g["height"] for y in ys), path
    boxes = [n["box"] for n in g["nodes"]]
    circles = [(n["x"] - n["r"], n["y"] - n["r"], 2 * n["r"], 2 * n["r"]) for n in g["nodes"]]
    for i in range(12):
        for j in range(12):
            if i != j:
                assert not _overlap(boxes[i], boxes[j]), (g["nodes"][i], g["nodes"][j])
                assert not _overlap(boxes[i], circles[j]), (g["nodes"][i], g["nodes"][j])
    # sized by its node count: a 12-node graph is larger than a 3-node one
    small = views.story(dict(data, articles=data["articles"][:3], origins=data["origins"][:3]), edges[:2])["graph"]
    assert small["width"] * small["height"] < g["width"] * g["height"]
    assert "Outlet 0 · 2024-03-01" in {n["label"] for n in g["nodes"]}
    assert "unnamed outlet · 2024-03-06" in {n["label"] for n in g["nodes"]}


def test_an_undirected_edge_has_no_arrowhead_and_a_directed_one_has() -> None:
    data, edges = _twelve()
    view = views.story(data, edges)
    page = render("index.html", report={"version": "t", "articles": [], "inputs": []}, stories=[view], entities=[],
                  articles=[], labels={}, href=views.static_href)
    paths = re.findall(r'<path class="edge (\w+)"[^>]*>', page)
    assert paths.count("directed") == 3 and paths.count("undirected") == 6
    for tag in re.findall(r'<path class="edge directed"[^>]*>', page):
        assert 'marker-end="url(#arrow-copy)"' in tag
    for tag in re.findall(r'<path class="edge undirected"[^>]*>', page):
        assert "marker-end" not in tag
    # the reuse list says the same: an arrow where the direction is known, a dash where it is not
    reuse = page.split('<ul class="reuse">')[1].split("</figure>")[0]
    assert reuse.count("</a> → <a") == 3 and reuse.count("</a> — <a") == 6 and "Outlet 0 · 2024-03-01</a>" in reuse
    assert "(direction unknown)" in reuse and not re.search(r"→[^<]*<a[^>]*>[^<]*</a>: [^(]*\(direction unknown", reuse)


def test_the_one_article_label() -> None:
    label = views.article_label({"id": "000_97c0f5abd93d3957", "outlet": "AA", "published": "2022-11",
                                 "title": "Les chefs des services de renseignement américain et russe se "
                                          "rencontrent dans la capitale turque"})
    assert label.text == "AA · 2022-11 · Les chefs des services de renseignement américain et russe…"
    assert label.short == "AA · 2022-11"
    assert label.tooltip.startswith("000_97c0f5abd93d3957: ") and label.tooltip.endswith("capitale turque")
    cut = label.title.removesuffix("…")
    assert label.title.endswith("…") and ("Les chefs des services de renseignement américain et russe se "
                                           "rencontrent").startswith(cut) and not cut.endswith(" ")
    unnamed = views.article_label({"id": "x", "outlet": None, "published": None, "title": "Court"})
    assert unnamed.text == "unnamed outlet · date unknown · Court" and "unknown" not in unnamed.text.split(" · ")[0]
    assert views.article_label("x").text == "article x"  # nothing known of it: its id, said so
    assert views.article_label(label) is label
    assert views.shorten("un deux trois quatre", 12) == "un deux…"


def test_timeline_lines_are_whole_words_of_the_event() -> None:
    text = ("Les négociations auraient été torpillées par le Royaume-Uni, lorsque Boris Johnson, alors Premier "
            "ministre, s'est rendu à Kiev en avril, et Februar, l'Ukraine et tous les autres ont attendu longtemps "
            "que quelque chose se passe enfin à Istanbul ou ailleurs dans la région de la mer Noire.")
    labels = {"a": views.article_label(_article(1, "Outlet 1"))}
    t = pictures.timeline([{"date": "2022-04", "text": text, "articles": ["a"]}], labels)
    row = t["rows"][0]
    words = text.split()
    shown = [w for line in row["lines"] for w in line["text"].removesuffix("…").split()]
    assert shown == words[:len(shown)]  # whole words, in order: none cut
    assert row["lines"][-1]["text"].endswith("…") and len(row["lines"]) == pictures.TEXT_LINES
    assert all(len(line["text"]) <= pictures.TEXT_CHARS for line in row["lines"])
    assert row["articles"][0]["names"] == [{"text": "Outlet 1 · 2024-03-02",
                                            "tooltip": labels["a"].tooltip}]
    short = pictures.timeline([{"date": "2022-04", "text": "Fin mars, à Kiev.", "articles": []}], labels)
    assert [line["text"] for line in short["rows"][0]["lines"]] == ["Fin mars, à Kiev."]
    assert t["height"] > short["height"]


def test_seeds_index_has_a_contents_that_resolves_and_the_matrix_box(seeds_run: Path) -> None:
    html = (seeds_run / "index.html").read_text(encoding="utf-8")
    toc = html.split('<nav class="toc"')[1].split("</nav>")[0]
    targets = re.findall(r'href="#([^"]+)"', toc)
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    assert len(targets) >= 4 and all(t in ids for t in targets), (targets, sorted(ids)[:20])
    assert toc.count("#story-") == 1 and "5 articles" in toc
    assert html.index('<nav class="toc"') < html.index('id="story-') < html.index('id="entities"') \
        < html.index('id="articles"') < html.index('id="inputs"')
    story = html.split('id="story-')[1].split('id="entities"')[0]
    # story-first: the story's article list before its pictures and its claims
    assert story.index('<ol class="articles">') < story.index('<figure class="graph"') < story.index("details class")
    assert '<div class="matrix-box"' in story and "table.matrix" not in story
    # the caption above the timeline, and no "unknown" outlet anywhere in the story's labels (the seeds are
    # French: so is the report, "unnamed outlet" said "média sans nom")
    timeline = story.split('<figure class="timeline"')[1]
    assert timeline.index("<figcaption>") < timeline.index("<svg")
    assert ">média sans nom · 2022-11 · " in story and "(unknown)" not in story
    labels = re.findall(r'<a class="label" href="#[^"]+" title="([^"]+)">([^<]+)</a>', story)
    assert labels and all(title.split(":")[0] not in text for title, text in labels)  # ids only in tooltips
