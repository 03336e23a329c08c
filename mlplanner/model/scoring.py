"""Cost and quality of many allocations at once, by exactly the rules of ``evaluate``.

The frontier search scores hundreds of thousands of allocations; :func:`score` gives their
cost (operation by operation as :mod:`mlplanner.model.cost` adds it up) and quality by
:func:`mlplanner.model.quality.score_allocations`, the quality formula's one home, which
``evaluate`` runs on a single row: every figure is the same floating-point number
``evaluate`` gives (``tests/model/test_scoring.py`` checks this bit for bit).

An allocation matrix has one row per allocation and one column per role, in ``ROLES`` order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.cost import role_cost, vendor_lines
from mlplanner.model.demand import Demand
from mlplanner.model.quality import Portfolio, portfolio, score_allocations
from mlplanner.model.roles import ROLES


@dataclass(frozen=True)
class ScoringContext:
    """What scoring needs from a scenario: its portfolio of work, rates and the model numbers."""

    work: Portfolio
    loaded_rates: np.ndarray
    vendor_usd: int
    assumptions: Assumptions

    @property
    def demand(self) -> tuple[float, ...]:
        """Demand per specialist role (FTE)."""
        return self.work.demand


@dataclass(frozen=True)
class Scores:
    """Cost (whole dollars) and quality with its components, one entry per allocation."""

    cost: np.ndarray
    quality: np.ndarray
    components: dict[str, np.ndarray]


def scoring_context(demand: Demand, region: str, assumptions: Assumptions) -> ScoringContext:
    """The scoring inputs of a scenario's demand in a region."""
    loaded = np.array(
        [role_cost(role, 1, region, assumptions).loaded_rate_usd for role in ROLES], dtype=np.int64
    )
    vendor = sum(line.annual_cost_usd for line in vendor_lines(demand, region, assumptions))
    return ScoringContext(
        work=portfolio(demand, assumptions),
        loaded_rates=loaded,
        vendor_usd=int(vendor),
        assumptions=assumptions,
    )


def cost(context: ScoringContext, allocations: np.ndarray) -> np.ndarray:
    """Yearly cost of each allocation: headcount x loaded rate per role, plus vendor costs."""
    return allocations.astype(np.int64) @ context.loaded_rates + context.vendor_usd


def score(context: ScoringContext, allocations: np.ndarray) -> Scores:
    """Cost, quality and components of each row of ``allocations`` (see the module docstring)."""
    heads = allocations.astype(np.int64)
    quality = score_allocations(context.work, heads, context.assumptions)
    return Scores(cost=cost(context, heads), quality=quality.score, components=quality.components)
