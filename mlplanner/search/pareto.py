"""Pareto selection: which allocations no other beats on both cost and quality.

The frontier is defined by one sweep, used by the fast search and by brute force alike:
sort the allocations by cost (cheapest first), then quality (best first), then headcount per
role in lifecycle order (smallest first); walk them and keep an allocation when its quality
beats the last kept one by more than :data:`QUALITY_TOLERANCE`. The kept allocations are
sorted by cost with strictly increasing quality, and no allocation beats one of them by more
than the tolerance while costing no more.

The tolerance absorbs floating-point noise: two allocations of mathematically equal quality
can score a few units in the 15th digit apart (their sums add the same numbers in another
order), and paying more for such a difference must not make a frontier point. Differences
below a billionth of a quality point are ties; quality is shown with one or two decimals.
"""

from __future__ import annotations

import numpy as np

QUALITY_TOLERANCE = 1e-9


def sweep(cost: np.ndarray, quality: np.ndarray, allocations: np.ndarray) -> np.ndarray:
    """Row indices of the frontier among the given allocations, cheapest first."""
    if len(cost) == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((-quality, cost))
    tied = (cost[order][1:] == cost[order][:-1]) & (quality[order][1:] == quality[order][:-1])
    if tied.any():  # rare: exact ties of cost and quality go by headcount per role
        keys = [allocations[:, i] for i in reversed(range(allocations.shape[1]))]
        order = np.lexsort((*keys, -quality, cost))
    ranked = quality[order]
    # Only allocations better than everything before them can be kept (a kept one beats the
    # last kept by more than the tolerance, and nothing before it beats that one by more).
    best_before = np.maximum.accumulate(np.concatenate(([-np.inf], ranked[:-1])))
    candidates = order[ranked > best_before]
    if (np.diff(quality[candidates]) > QUALITY_TOLERANCE).all():
        return candidates.astype(np.int64)  # no near-tie: the walk below would keep them all
    kept: list[int] = []
    last = -np.inf
    for index in candidates.tolist():
        if quality[index] > last + QUALITY_TOLERANCE:
            kept.append(index)
            last = quality[index]
    return np.array(kept, dtype=np.int64)
