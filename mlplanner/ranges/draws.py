"""Seeded random multipliers, one per assumption group per draw.

A group's multiplier has a triangular distribution from its ``low`` through 1 (the mode and
the median) to its ``high`` (:class:`~mlplanner.model.assumptions.Uncertainty`). It is drawn as
``1 + t x (1 - low)`` below 1 and ``1 + t x (high - 1)`` above, with ``t`` from the symmetric
triangular distribution on [-1, 1] (inverse of its distribution function applied to one
uniform number per group and draw). So the same seed gives the same numbers, each group's
draws depend only on its own range, and widening a range moves each draw of that group
further from 1 on that side, never across it.
"""

from __future__ import annotations

import numpy as np

from mlplanner.model.assumptions import UNCERTAINTY_GROUPS, Assumptions

DEFAULT_DRAWS = 1000
DEFAULT_SEED = 20261203
MAX_DRAWS = 100_000


def symmetric_triangular(uniform: np.ndarray) -> np.ndarray:
    """The symmetric triangular distribution on [-1, 1] at the given uniform numbers."""
    below = np.sqrt(2 * uniform) - 1
    above = 1 - np.sqrt(2 * (1 - uniform))
    return np.where(uniform < 0.5, below, above)


def scale(t: np.ndarray, assumptions: Assumptions) -> np.ndarray:
    """Multipliers ``[draw, group]`` (``UNCERTAINTY_GROUPS`` order) from ``t`` in [-1, 1]."""
    low = np.array([assumptions.uncertainty_of(g).low for g in UNCERTAINTY_GROUPS])
    high = np.array([assumptions.uncertainty_of(g).high for g in UNCERTAINTY_GROUPS])
    return np.where(t < 0, 1 + t * (1 - low), 1 + t * (high - 1))


def draw_multipliers(assumptions: Assumptions, draws: int, seed: int) -> np.ndarray:
    """``draws`` rows of multipliers, one column per group (``UNCERTAINTY_GROUPS`` order).

    Raises ``ValueError`` for a number of draws outside 1 to ``MAX_DRAWS``.
    """
    if not 1 <= draws <= MAX_DRAWS:
        raise ValueError(f"draws: must be from 1 to {MAX_DRAWS:,} (got {draws})")
    uniform = np.random.default_rng(seed).random((draws, len(UNCERTAINTY_GROUPS)))
    return scale(symmetric_triangular(uniform), assumptions)
