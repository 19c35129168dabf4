"""Pictures of a story, as SVG drawn on the server: the copy graph and the timeline.

No JavaScript library is needed for a few dozen nodes on a circle; the SVG is built from numbers here
and rendered by the template with every label escaped.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

SIZE = 420
RADIUS = 150
COLOURS = {"copy": "#b3261e", "translation": "#6a3d9a", "partial": "#8a8a8a", "quote": "#2e7d32"}


def copy_graph(story: Mapping[str, Any], edges: Sequence[Mapping[str, Any]],
               origin_of: Mapping[str, str]) -> dict[str, Any]:
    """Node positions, edge lines and colours of one story's copy graph, for the template to draw."""
    ids = list(story["articles"])
    centre = SIZE / 2
    nodes = {}
    for k, aid in enumerate(ids):
        angle = 2 * math.pi * k / max(1, len(ids)) - math.pi / 2
        nodes[aid] = {"id": aid, "x": round(centre + RADIUS * math.cos(angle), 1),
                      "y": round(centre + RADIUS * math.sin(angle), 1), "origin": origin_of.get(aid, "")}
    lines = []
    for e in edges:
        if e["source"] in nodes and e["target"] in nodes:
            a, b = nodes[e["source"]], nodes[e["target"]]
            # stop short of the target's circle so that the arrow head shows
            dx, dy = b["x"] - a["x"], b["y"] - a["y"]
            length = math.hypot(dx, dy) or 1
            lines.append({"x1": a["x"], "y1": a["y"], "x2": round(b["x"] - dx / length * 16, 1),
                          "y2": round(b["y"] - dy / length * 16, 1), "kind": e["kind"], "colour": COLOURS[e["kind"]],
                          "directed": e.get("directed", False), "score": e["score"],
                          "label": f"{e['source']} → {e['target']}: {e['kind']} ({e['score']:.2f})"})
    return {"size": SIZE, "nodes": list(nodes.values()), "lines": lines, "colours": COLOURS}


def timeline(events: Sequence[Mapping[str, Any]], width: int = 760) -> dict[str, Any]:
    """Rows of a vertical timeline (a dot per dated event, earliest on top), for the template to draw."""
    row = 46
    rows = []
    for k, e in enumerate(events):
        text = e["text"] if len(e["text"]) <= 110 else e["text"][:107].rstrip() + "…"
        rows.append({"y": 24 + k * row, "date": e["date"], "text": text, "full": e["text"],
                     "articles": ", ".join(a[:12] for a in e["articles"]), "month_only": len(e["date"]) == 7})
    return {"width": width, "height": 24 + max(1, len(rows)) * row, "rows": rows, "axis": 110}
