"""Shared platform work: what a portfolio's projects share grows more slowly than their number.

In each phase, ``share`` of every project's effort (annotators excepted) is platform work:
pipelines and the feature store, data-quality tooling, training and serving platforms,
monitoring, the experimentation platform (``data/shared_work.csv``). The portfolio pays for it
on a power-law curve: with the projects' platform work in a (phase, role) sorted largest
first, the ``k``-th project pays ``k ** b - (k - 1) ** b`` of its own (``b`` the phase's
``exponent``), so ``n`` equal projects pay ``n ** b`` times one project's platform work
(``b = 0.5``: four projects pay for two, a hundred for ten). A project of ``count`` ``c``
stands for ``c`` equal projects, and one planned in part for that share of one: below one
whole project the curve is linear (half a project pays half its platform work, not
``0.5 ** b`` of it), so the portfolio's total ``n ** b`` for whole projects is unchanged.

Why largest first: it is the most a portfolio can pay on the curve, and it makes the total
grow with every project added and every project made larger (each weight is positive; a
larger project can only move to an earlier, heavier weight), so the shared part never makes
harder work cheaper.
"""

from __future__ import annotations

import numpy as np


def shared_fte(platform: np.ndarray, counts: np.ndarray, exponents: np.ndarray) -> np.ndarray:
    """The portfolio's platform work per phase x role.

    ``platform[..., s, p, r]``: platform work of one project of source ``s`` (leading axes, if
    any, are independent portfolios: the ranges' draws); ``counts[s]``: how many such projects
    it stands for; ``exponents[p]``: the phase's curve exponent (0 < b <= 1).
    """
    result = np.zeros(platform.shape[:-3] + platform.shape[-2:])
    if platform.shape[-3] == 0:
        return result
    # Only the (phase, role) cells with platform work somewhere: most have none (12 of 56 on
    # the enterprise example), and the ranges run this on a thousand portfolios at once.
    used = (platform != 0).any(axis=tuple(range(platform.ndim - 2)))
    work = platform[..., used]  # [..., source, cell]
    order = np.argsort(-work, axis=-2, kind="stable")
    ranked = np.take_along_axis(work, order, axis=-2)
    through = np.cumsum(counts[order], axis=-2)  # projects paid for up to each one, inclusive
    before = through - counts[order]
    b = exponents[np.nonzero(used)[0]]
    result[..., used] = (ranked * (_paid(through, b) - _paid(before, b))).sum(axis=-2)
    return result


def _paid(projects: np.ndarray, b: np.ndarray) -> np.ndarray:
    """How many projects' platform work ``projects`` projects pay for: ``projects ** b``, and
    up to one project, that share of it (linear)."""
    return np.where(projects <= 1.0, projects, np.maximum(projects, 1.0) ** b)
