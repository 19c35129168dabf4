#!/usr/bin/env python3
"""Calibrate the story stage's pair score: the logistic model whose log-odds ``recoupe.stories`` averages.

    .venv/bin/python bench/calibrate_stories.py [--shared ../shared]

Every pair of articles of the development corpus (shared/corpus/dev: 98 articles, 8 languages, hard
negatives) is labelled by its gold story (same story or not) and described by ``stories.FEATURES``
(``stories.pair_features``). A logistic regression with balanced class weights (each class weighs half, so
that log-odds 0 is a likelihood ratio of 1 whatever the share of same-story pairs in a corpus) and a small
L2 penalty is fitted by L-BFGS (scipy), on every feature but the week-apart one (the corpus dates too few
pairs a week apart to fit it; ``PER_WEEK_APART`` is a prior). It prints the coefficients to copy into
stories.py, then how well the story stage does with them: B-cubed F1 of the dev corpus clustered with the
coefficients fitted on all of it, and with coefficients fitted without each family of hard negatives
(leave-one-family-out: the Wagner, Durov and Kakhovka stories with the events days apart that share their
people), which is the honest estimate on events the fit has not seen.
"""
from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FAMILIES = {  # gold stories that share people and places, days or weeks apart: hard negatives of each other
    "wagner": ("wagner_mutiny", "prigozhin_crash", "putin_wagner_meeting"),
    "durov": ("durov_arrest", "durov_indictment", "telegram_policy_sept2024"),
    "kakhovka": ("kakhovka_dam_2023", "znpp_grossi_visit_2023", "dam_investigation_nyt_2023"),
}
PRIOR = "week_apart"  # not fitted: the corpus dates too few pairs a week apart; it keeps its prior
L2 = 1e-3


def fit(x: Any, y: Any) -> Any:
    """Intercept and weights of a balanced, lightly L2-penalised logistic regression."""
    import numpy as np
    from scipy.optimize import minimize

    design = np.hstack([np.ones((len(x), 1)), x])
    weight = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))

    def loss(w: Any) -> float:
        z = design @ w
        return float(np.sum(weight * (np.logaddexp(0, z) - y * z)) / len(y) + L2 * np.sum(w[1:] ** 2))

    return minimize(loss, np.zeros(design.shape[1]), method="L-BFGS-B").x


def b_cubed(stories: list[Any], gold: dict[str, str]) -> float:
    predicted = {a: s.id for s in stories for a in s.articles}
    p = r = 0.0
    for k in gold:
        same_gold = {j for j in gold if gold[j] == gold[k]}
        same_pred = {j for j in gold if predicted[j] == predicted[k]}
        p += len(same_gold & same_pred) / len(same_pred)
        r += len(same_gold & same_pred) / len(same_gold)
    p, r = p / len(gold), r / len(gold)
    return 2 * p * r / (p + r)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    import numpy as np

    from recoupe import analyze, stories

    gold_file = args.shared / "corpus/dev/dev.gold.json"
    gold_stories = json.loads(gold_file.read_text(encoding="utf-8"))["stories"]
    corpus = analyze([args.shared / "corpus/dev/articles"])
    articles = list(corpus.articles)
    gold = {a.id: next(s for s, g in gold_stories.items() if a.id.split("_")[0] in g["articles"]) for a in articles}
    pairs = list(combinations(range(len(articles)), 2))
    x = np.array(stories.pair_features(articles, pairs))
    y = np.array([gold[articles[i].id] == gold[articles[j].id] for i, j in pairs], dtype=float)
    family = {s: name for name, members in FAMILIES.items() for s in members}
    fitted = [name for name in stories.FEATURES if name != PRIOR]
    columns = [stories.FEATURES.index(name) for name in fitted]

    def clustered(w: Any) -> float:
        names = ("INTERCEPT", *(f"PER_{name.upper()}" for name in fitted))
        saved = {n: getattr(stories, n) for n in names}
        try:
            for name, value in zip(names, w, strict=True):
                setattr(stories, name, float(value))
            return b_cubed(stories.cluster(articles), gold)
        finally:
            for name, value in saved.items():
                setattr(stories, name, value)

    w = fit(x[:, columns], y)
    print(f"{len(pairs)} pairs, {int(y.sum())} of one story; features {fitted}")
    print("\n".join(f"{name} = {value:.2f}" for name, value in
                    zip(("INTERCEPT", *(f"PER_{n.upper()}" for n in fitted)), w, strict=True)))
    print(f"dev B-cubed F1 with these: {clustered(w):.3f}")
    for name in FAMILIES:
        keep = [k for k, (i, j) in enumerate(pairs)
                if name not in (family.get(gold[articles[i].id]), family.get(gold[articles[j].id]))]
        held = fit(x[keep][:, columns], y[keep])
        print(f"fitted without the {name} family: {np.round(held, 2).tolist()}, dev B-cubed F1 {clustered(held):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
