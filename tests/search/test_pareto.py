"""The Pareto sweep against its definition, walked literally, on costs and qualities full of
exact ties and near-ties (within and just past the tolerance), where a shortcut would go
wrong."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mlplanner.search.pareto import QUALITY_TOLERANCE, sweep


def walked(cost: np.ndarray, quality: np.ndarray, allocations: np.ndarray) -> list[int]:
    """The module docstring's rule, one allocation at a time: sorted by cost, then quality
    (best first), then headcount per role; kept when it beats the last kept by more than the
    tolerance."""
    rows = sorted(range(len(cost)), key=lambda i: (cost[i], -quality[i], *allocations[i].tolist()))
    kept: list[int] = []
    for i in rows:
        if not kept or quality[i] > quality[kept[-1]] + QUALITY_TOLERANCE:
            kept.append(i)
    return kept


# Qualities a few units apart, each nudged by nothing, by less than the tolerance or by more.
NUDGES = (0.0, 0.3 * QUALITY_TOLERANCE, 0.9 * QUALITY_TOLERANCE, 3 * QUALITY_TOLERANCE)


@given(
    st.lists(
        st.tuples(
            st.integers(0, 6),  # cost
            st.integers(0, 2),  # quality, whole points
            st.sampled_from(NUDGES),
            st.lists(st.integers(0, 2), min_size=2, max_size=2),  # headcount per role
        ),
        min_size=1,
        max_size=30,
    )
)
def test_sweep_is_its_definition(rows: list[tuple[int, int, float, list[int]]]) -> None:
    cost = np.array([r[0] for r in rows], dtype=np.int64)
    quality = np.array([r[1] + r[2] for r in rows])
    allocations = np.array([r[3] for r in rows], dtype=np.int64)
    assert sweep(cost, quality, allocations).tolist() == walked(cost, quality, allocations)


def test_a_near_tie_costing_more_is_not_kept() -> None:
    cost = np.array([100, 200, 300])
    quality = np.array([50.0, 50.0 + QUALITY_TOLERANCE / 2, 50.0 + 2 * QUALITY_TOLERANCE])
    assert sweep(cost, quality, np.zeros((3, 2), dtype=np.int64)).tolist() == [0, 2]
