"""Grouping: the one union-find of recoupe, and the one "merge two groups when enough of their cross
pairs are linked" (a constrained average linkage: unlike single linkage, one stray link never chains two
groups together).

Union-find is scipy's ``DisjointSet``; the linkage is written here because no library merges on a set
of accepted pairs with a veto, which is what stories and claims need.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from scipy.cluster.hierarchy import DisjointSet

T = TypeVar("T", bound=Hashable)
Pair = tuple[int, int]


def disjoint(items: Iterable[T]) -> DisjointSet[T]:
    """A union-find over ``items``: ``merge(a, b)``, ``[a]`` for the representative, ``subset(a)``."""
    from scipy.cluster.hierarchy import DisjointSet

    return DisjointSet(items)


def members(groups: DisjointSet[T], items: Iterable[T]) -> list[list[T]]:
    """The groups as lists, in the order of ``items``: a group comes where its first item does."""
    out: dict[T, list[T]] = {}
    for item in items:
        out.setdefault(groups[item], []).append(item)
    return list(out.values())


def merge_linked(n: int, pairs: Iterable[Pair], linked: Collection[Pair], share: float,
                 veto: Callable[[Sequence[Pair]], bool] | None = None,
                 start: Iterable[Sequence[int]] = ()) -> list[list[int]]:
    """Groups of ``range(n)``: taking ``pairs`` in order (best first), two groups merge when at least
    ``share`` of their cross pairs (i < j) are in ``linked`` and ``veto`` (given the cross pairs) does not
    refuse. The groups of ``start`` are together from the outset (and stay so). Groups come in the order of
    their first item's group; members in merge order."""
    group = list(range(n))
    found: dict[int, list[int]] = {i: [i] for i in range(n)}
    for head, *rest in (together for together in start if together):
        for x in rest:
            if group[x] != group[head]:
                gx = group[x]
                for y in found[gx]:
                    group[y] = group[head]
                found[group[head]].extend(found.pop(gx))
    for i, j in pairs:
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        cross = [(min(x, y), max(x, y)) for x in found[gi] for y in found[gj]]
        if sum(pair in linked for pair in cross) < share * len(cross) or (veto is not None and veto(cross)):
            continue
        for x in found[gj]:
            group[x] = gi
        found[gi].extend(found.pop(gj))
    return list(found.values())
