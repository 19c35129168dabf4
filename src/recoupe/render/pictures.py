"""Pictures of a story, as SVG drawn on the server: the copy graph and the timeline.

The SVG is built from numbers here and rendered by the template with every label escaped. The copy graph is
laid out by networkx (pure Python, imported when a graph is drawn); the timeline wraps its text at word
boundaries. Text widths are estimated from character counts (no font metrics on the server): ``CHAR_W`` is a
generous average advance of the sans-serif font at the size used, so that an estimated box holds the real text.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

COLOURS = {"copy": "#b3261e", "translation": "#6a3d9a", "partial": "#8a8a8a", "quote": "#2e7d32"}
DASHES = {"copy": "", "translation": "", "partial": "6 4", "quote": "2 4"}
# no words here: the template names each kind (its legend, the edges' tooltips) in the interface language

# the copy graph: each node owns one cell of a grid (its circle on top, its label under it), so that no two
# labels can overlap whatever the layout; the grid grows with the node count
FONT = 11  # px, node labels
CHAR_W = 0.62 * FONT  # px per character, estimated (see the module's docstring)
LABEL_CHARS = 28  # a node's label (outlet and date) is cut to this many characters, the whole in its tooltip
CELL_W = round(LABEL_CHARS * CHAR_W) + 24
CELL_H = 64
NODE_R = 10
MARGIN = 12
SPREAD = 1.6  # cells per node: room for the layout's shape to show


class Labelled(Protocol):
    """What the pictures need of an article's label (render.views.ArticleLabel)."""

    @property
    def id(self) -> str: ...

    @property
    def short(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def tooltip(self) -> str: ...


def copy_graph(story: Mapping[str, Any], edges: Sequence[Mapping[str, Any]], origin_of: Mapping[str, str],
               labels: Mapping[str, Labelled]) -> dict[str, Any]:
    """Nodes, edges and legend of one story's copy graph, for the template to draw: numbers, the articles'
    labels (``labels``) and the name of each article's origin (``origin_of``), and each edge's ``kind`` and
    ``why`` as report.json has them, which the template words in the interface language.

    Layout: networkx's Kamada-Kawai layout of the reuse graph (deterministic: it starts from a circle; a
    spring layout with a fixed seed above 150 nodes), then each node is snapped to the nearest free cell of a
    grid sized by the node count, the busiest nodes first. A cell holds one node and its label (outlet and
    date, ``label_chars`` at most) under it, so labels never overlap: guaranteed by the grid, not nudged.
    Edges go from the earlier to the later article with an arrowhead only when the direction is known
    (``directed``); "direction unknown" is a plain line. An edge that would cross another node is bent.
    """
    import networkx as nx  # type: ignore[import-untyped]  # no py.typed marker, no stubs installed

    ids = list(dict.fromkeys(story["articles"]))
    graph = nx.Graph()
    graph.add_nodes_from(ids)
    kept = [e for e in edges if e["source"] in graph and e["target"] in graph and e["source"] != e["target"]]
    for e in kept:
        graph.add_edge(e["source"], e["target"], weight=1.0)
    n = len(ids)
    cols = max(1, min(n, math.ceil(math.sqrt(n * SPREAD * 1.5))))
    rows = max(1, math.ceil(n * SPREAD / cols)) if n > 1 else 1
    if n > 2:
        layout = nx.kamada_kawai_layout(graph) if n <= 150 else nx.spring_layout(graph, seed=7)
        xs = [float(p[0]) for p in layout.values()]
        ys = [float(p[1]) for p in layout.values()]
        span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        want = {a: ((float(layout[a][0]) - min(xs)) / span_x * (cols - 1),
                    (float(layout[a][1]) - min(ys)) / span_y * (rows - 1)) for a in ids}
    else:
        want = {a: (float(k), 0.0) for k, a in enumerate(ids)}
        cols, rows = max(1, n), 1
    free = {(c, r) for c in range(cols) for r in range(rows)}
    cell: dict[str, tuple[int, int]] = {}
    for a in sorted(ids, key=lambda a: (-graph.degree(a), ids.index(a))):
        x, y = want[a]
        best = min(free, key=lambda c: ((c[0] - x) ** 2 + (c[1] - y) ** 2, c[1], c[0]))
        free.discard(best)
        cell[a] = best
    width, height = 2 * MARGIN + cols * CELL_W, 2 * MARGIN + rows * CELL_H
    nodes = {}
    for k, a in enumerate(ids):
        c, r = cell[a]
        x, y = MARGIN + (c + 0.5) * CELL_W, MARGIN + r * CELL_H + NODE_R + 4
        label = labels[a]
        text = _cut(label.short, LABEL_CHARS)
        w = len(text) * CHAR_W
        nodes[a] = {"id": a, "number": k + 1, "x": round(x, 1), "y": round(y, 1), "r": NODE_R,
                    "label": text, "tooltip": label.tooltip, "origin": origin_of.get(a),
                    "label_y": round(y + NODE_R + FONT + 4, 1),
                    "box": (round(x - w / 2, 1), round(y + NODE_R + 4, 1), round(w, 1), FONT + 4)}
    lines = []
    for e in kept:
        a, b = nodes[e["source"]], nodes[e["target"]]
        directed = bool(e.get("directed", False))
        lines.append({"d": _edge_path(a, b, nodes.values(), width, height), "kind": e["kind"],
                      "colour": COLOURS[e["kind"]],
                      "dash": DASHES[e["kind"]], "directed": directed, "score": e["score"],
                      "width": round(1 + 3 * float(e["score"]), 2), "why": e.get("why") or "",
                      "source": labels[e["source"]].text, "target": labels[e["target"]].text})
    kinds = sorted({e["kind"] for e in kept}, key=list(COLOURS).index)
    return {"width": round(width), "height": round(height), "nodes": list(nodes.values()), "lines": lines,
            "colours": COLOURS, "legend": [{"kind": k, "colour": COLOURS[k], "dash": DASHES[k]} for k in kinds],
            "any_directed": any(line["directed"] for line in lines),
            "any_undirected": any(not line["directed"] for line in lines)}


def _edge_path(a: Mapping[str, Any], b: Mapping[str, Any], others: Any, width: float, height: float) -> str:
    """The SVG path of an edge from node ``a`` to node ``b``: a straight line between the circles' rims, bent
    (a quadratic curve, its control point inside the ``width`` × ``height`` box, so the curve is too) when the
    straight one would pass over a third node or its label."""
    ax, ay, bx, by = a["x"], a["y"], b["x"], b["y"]
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    blocked = False
    for o in others:
        if o["id"] in (a["id"], b["id"]):
            continue
        t = ((o["x"] - ax) * ux + (o["y"] - ay) * uy)
        if 0 < t < length and abs((o["x"] - ax) * uy - (o["y"] - ay) * ux) < CELL_H / 2:
            blocked = True
            break
    if not blocked:
        x1, y1 = ax + ux * (NODE_R + 2), ay + uy * (NODE_R + 2)
        x2, y2 = bx - ux * (NODE_R + 3), by - uy * (NODE_R + 3)
        return f"M {x1:.1f} {y1:.1f} L {x2:.1f} {y2:.1f}"
    # bend to one side by a third of a cell height plus a share of the length, and leave the rims toward it
    bend = CELL_H * 0.6 + length * 0.12
    mx = min(max((ax + bx) / 2 - uy * bend, 2.0), width - 2)
    my = min(max((ay + by) / 2 + ux * bend, 2.0), height - 2)
    sx, sy = _toward(ax, ay, mx, my, NODE_R + 2)
    ex, ey = _toward(bx, by, mx, my, NODE_R + 3)
    return f"M {sx:.1f} {sy:.1f} Q {mx:.1f} {my:.1f} {ex:.1f} {ey:.1f}"


def _toward(x: float, y: float, tx: float, ty: float, step: float) -> tuple[float, float]:
    d = math.hypot(tx - x, ty - y) or 1.0
    return x + (tx - x) / d * step, y + (ty - y) / d * step


def _cut(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, an ellipsis where it was cut."""
    if len(text) <= limit:
        return text
    head = text[:limit].rsplit(" ", 1)[0].rstrip(" ·,;:–-")
    return (head or text[:limit - 1]) + "…"


def wrap(text: str, width: int, lines: int) -> list[str]:
    """``text`` in at most ``lines`` lines of at most ``width`` characters, broken between words; when it does
    not fit, the last line ends with an ellipsis after a whole word. A single word longer than a line is the
    one thing cut (with an ellipsis): nothing else is."""
    out: list[str] = []
    current = ""
    for word in text.split():
        if len(word) > width:
            word = word[:width - 1] + "…"
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width:
            current = candidate
            continue
        if current:
            out.append(current)
        current = word
    if current:
        out.append(current)
    if len(out) <= lines:
        return out
    last = out[lines - 1]
    while len(last) + 1 > width and " " in last:  # room for the ellipsis: whole words dropped
        last = last.rsplit(" ", 1)[0]
    return out[:lines - 1] + [last.rstrip(" ,;:–-") + "…"]


TEXT_CHARS = 84  # characters per timeline line: 12 px text in the 630 px right of the axis
TEXT_LINES = 3
ARTICLE_CHARS = 100  # characters per line of the articles under an event (10 px text)


def timeline(events: Sequence[Mapping[str, Any]], labels: Mapping[str, Labelled],
             width: int = 760) -> dict[str, Any]:
    """Rows of a vertical timeline (a dot per dated event, earliest on top), for the template to draw: each
    event's text wrapped at word boundaries (``TEXT_LINES`` lines at most, the whole in a tooltip), and its
    articles named by their short label (outlet and date), the full label of each in a tooltip."""
    rows = []
    y = 24
    for e in events:
        lines = wrap(e["text"], TEXT_CHARS, TEXT_LINES)
        named = [labels[a] for a in e["articles"] if a in labels]
        article_lines: list[list[dict[str, str]]] = [[]]
        used = 0
        for lab in named:
            piece = len(lab.short) + 2
            if article_lines[-1] and used + piece > ARTICLE_CHARS:
                article_lines.append([])
                used = 0
            article_lines[-1].append({"text": lab.short, "tooltip": lab.tooltip})
            used += piece
        text_y = [y + 4 + 15 * k for k in range(len(lines))]
        art_y = [text_y[-1] + 15 + 13 * k for k in range(len(article_lines))]
        rows.append({"y": y, "date": e["date"],
                     "lines": [{"y": ty, "text": t} for ty, t in zip(text_y, lines, strict=True)],
                     "full": e["text"], "articles": [{"y": ay, "names": items}
                                                     for ay, items in zip(art_y, article_lines, strict=True) if items],
                     "month_only": len(e["date"]) == 7})
        y = art_y[-1] + 26
    return {"width": width, "height": max(48, y - 8), "rows": rows, "axis": 110}
