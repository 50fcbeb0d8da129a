"""Average-link agglomerative clustering over a sparse similarity graph, with must- and cannot-links.

Items are numbered 0..n-1; ``pairs`` gives the similarity of the pairs worth comparing (a pair
left out counts as similarity 0). Starting from the ``groups`` that must stay together, the two
clusters with the highest mean pairwise similarity are merged, while that mean is at least
``threshold`` and ``apart`` does not forbid it. Ties break on the lower cluster number, and a
cluster's number is the order it was made in, so the result depends only on the input, not on
the order items were added to the store.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence


def average_link(
    n: int,
    pairs: dict[tuple[int, int], float],
    threshold: float,
    groups: Iterable[Sequence[int]] = (),
    apart: Callable[[list[int], list[int]], bool] | None = None,
) -> list[list[int]]:
    """Clusters of 0..n-1 (each sorted, ordered by their smallest item)."""
    cluster_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    next_id = n
    for group in groups:  # must-links: start from these clusters
        ids = sorted({cluster_of[i] for i in group})
        if len(ids) < 2:
            continue
        merged = sorted(m for c in ids for m in members.pop(c))
        members[next_id] = merged
        for m in merged:
            cluster_of[m] = next_id
        next_id += 1
    grouped = {i for i in range(n) if cluster_of[i] != i}  # items that start in a must-link cluster
    # a pair of two items on their own is its clusters' only pair: its sum is its similarity (the
    # same float the additions below give); the others add up pair by pair, in the order given
    alone = {
        (i, j): similarity for (i, j), similarity in pairs.items() if i < j and i not in grouped and j not in grouped
    }
    sums = dict(alone)
    neighbours: dict[int, set[int]] = {c: set() for c in members}
    for i, j in sums:
        neighbours[i].add(j)
        neighbours[j].add(i)
    for (i, j), similarity in pairs.items():
        if (i, j) in alone:
            continue
        a, b = cluster_of[i], cluster_of[j]
        if a > b:
            a, b = b, a
        if a != b:
            sums[(a, b)] = sums.get((a, b), 0.0) + similarity
            neighbours[a].add(b)
            neighbours[b].add(a)
    # every entry (-mean, a, b) differs from every other, so the heap pops them in one order however built
    heap = [(-mean, a, b) for (a, b), total in sums.items() if (mean := _mean(total, members, a, b)) >= threshold]
    heapq.heapify(heap)

    def push(a: int, b: int) -> None:
        mean = _mean(sums[(a, b)], members, a, b)
        if mean >= threshold:
            heapq.heappush(heap, (-mean, a, b))

    while heap:
        _, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # merged since this entry was pushed
        if apart is not None and apart(members[a], members[b]):
            continue
        c = next_id
        next_id += 1
        members[c] = sorted(members.pop(a) + members.pop(b))
        neighbours[c] = set()
        for x in sorted((neighbours.pop(a) | neighbours.pop(b)) - {a, b}):
            total = sums.pop((min(a, x), max(a, x)), 0.0) + sums.pop((min(b, x), max(b, x)), 0.0)
            neighbours[x] -= {a, b}
            neighbours[x].add(c)
            neighbours[c].add(x)
            sums[(x, c)] = total
            push(x, c)
        sums.pop((a, b), None)
    return sorted(members.values(), key=lambda m: m[0])


def _mean(total: float, members: dict[int, list[int]], a: int, b: int) -> float:
    return total / (len(members[a]) * len(members[b]))
