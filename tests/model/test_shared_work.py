"""The shared platform curve on arrays: the portfolio's platform work per phase x role, each
cell the projects' platform work largest first, the k-th paying k**b - (k-1)**b of its own (the
module docstring), and many portfolios at once give what each gives alone."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mlplanner.model.shared_work import shared_fte

PHASES, ROLES = 3, 4
work = st.floats(0.0, 5.0, allow_nan=False) | st.just(0.0)  # many cells have no platform work


def by_the_curve(platform: np.ndarray, counts: np.ndarray, exponents: np.ndarray) -> np.ndarray:
    """One portfolio, cell by cell, as the module docstring says it."""
    result = np.zeros(platform.shape[1:])
    for p in range(platform.shape[1]):
        for r in range(platform.shape[2]):
            paid = 0.0
            for s in sorted(range(len(counts)), key=lambda s: -platform[s, p, r]):
                result[p, r] += platform[s, p, r] * (
                    (paid + counts[s]) ** exponents[p] - paid ** exponents[p]
                )
                paid += counts[s]
    return result


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    sources=st.integers(0, 5),
    exponents=arrays(float, PHASES, elements=st.floats(0.3, 1.0)),
)
def test_the_curve_cell_by_cell_and_many_portfolios_at_once(
    data: st.DataObject, sources: int, exponents: np.ndarray
) -> None:
    portfolios = data.draw(arrays(float, (2, sources, PHASES, ROLES), elements=work))
    counts = data.draw(arrays(float, sources, elements=st.integers(1, 3).map(float)))
    together = shared_fte(portfolios, counts, exponents)
    for row in range(2):
        alone = shared_fte(portfolios[row], counts, exponents)
        assert np.array_equal(together[row], alone)
        assert np.allclose(alone, by_the_curve(portfolios[row], counts, exponents), atol=1e-12)
