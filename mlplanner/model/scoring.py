"""Cost and quality of many allocations at once, by exactly the rules of ``evaluate``.

The frontier search scores hundreds of thousands of allocations; calling
:func:`mlplanner.model.quality.assess` for each would take minutes. :func:`score` applies the same
rules to a whole array of allocations with numpy, operation by operation in the order
``assess`` and :mod:`mlplanner.model.cost` use, so every figure is the same floating-point number
``evaluate`` gives (``tests/model/test_scoring.py`` checks this bit for bit). A change to the
quality rules must be made in both places; that test fails until it is.

An allocation matrix has one row per allocation and one column per role, in ``ROLES`` order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.cost import role_cost, vendor_cost
from mlplanner.model.demand import Demand
from mlplanner.model.quality import COMPONENTS, COVERABLE
from mlplanner.model.roles import GENERALIST, LEAD, MANAGERS, ROLES, SPECIALIST_ROLES

SPECIALISTS = len(SPECIALIST_ROLES)
G_COLUMN = ROLES.index(GENERALIST)
L_COLUMN = ROLES.index(LEAD)
A_COLUMN = ROLES.index("annotator")
COVERABLE_COLUMNS = tuple(ROLES.index(role) for role in COVERABLE)
IC_COLUMNS = tuple(i for i, role in enumerate(ROLES) if role not in (*MANAGERS, "annotator"))
KIND_COLUMNS = (*range(SPECIALISTS), G_COLUMN)
KINDS = len(KIND_COLUMNS)  # kinds of individual contributor, as the quality rules count them


@dataclass(frozen=True)
class ScoringContext:
    """What scoring needs from a scenario: demand per role, rates and the model numbers."""

    demand: tuple[float, ...]
    loaded_rates: np.ndarray
    vendor_usd: int
    assumptions: Assumptions

    @property
    def demand_total(self) -> float:
        return sum(self.demand)


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
    vendor = sum(
        vendor_cost(source, float(fte), assumptions).annual_cost_usd
        for source, fte in zip(demand.sources, demand.vendor_fte, strict=True)
        if fte > 0
    )
    return ScoringContext(
        demand=tuple(demand.by_role[role] for role in SPECIALIST_ROLES),
        loaded_rates=loaded,
        vendor_usd=int(vendor),
        assumptions=assumptions,
    )


def cost(context: ScoringContext, allocations: np.ndarray) -> np.ndarray:
    """Yearly cost of each allocation: headcount x loaded rate per role, plus vendor costs."""
    return allocations.astype(np.int64) @ context.loaded_rates + context.vendor_usd


def score(context: ScoringContext, allocations: np.ndarray) -> Scores:
    """Cost, quality and components of each row of ``allocations`` (see the module docstring)."""
    a = context.assumptions
    heads = allocations.astype(np.int64)
    rows = len(heads)
    demand = context.demand
    generalists = heads[:, G_COLUMN]
    specialist = [np.minimum(demand[i], heads[:, i]) for i in range(SPECIALISTS)]
    uncovered = {i: demand[i] - specialist[i] for i in COVERABLE_COLUMNS}
    total_uncovered = _ordered_sum([uncovered[i] for i in COVERABLE_COLUMNS], rows)
    capacity = generalists * a.generalist_capacity_fte
    positive = total_uncovered > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(positive, capacity / np.where(positive, total_uncovered, 1.0), 0.0)
    share = np.where(positive, np.minimum(1.0, ratio), 0.0)
    general = [uncovered[i] * share if i in uncovered else 0.0 * share for i in range(SPECIALISTS)]
    covered = [np.minimum(demand[i], specialist[i] + general[i]) for i in range(SPECIALISTS)]
    total = context.demand_total
    total_covered = _ordered_sum(covered, rows)
    ones = np.ones(rows)
    if total > 0:
        coverage = _share(total_covered, np.full(rows, total))
        able = [heads[:, i] + (generalists if i in uncovered else 0) for i in range(SPECIALISTS)]
        resilient = _ordered_sum(
            [np.where(able[i] >= 2, demand[i], 0.0) for i in range(SPECIALISTS)], rows
        )
        resilience = _share(resilient, np.full(rows, total))
    else:
        coverage = resilience = ones
    depth_fte = _ordered_sum(
        [
            specialist[i] + a.generalist_depth.get(SPECIALIST_ROLES[i], 0.0) * general[i]
            for i in range(SPECIALISTS)
        ],
        rows,
    )
    some = total_covered > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        depth_share = _share(depth_fte, np.where(some, total_covered, 1.0))
    depth = np.where(some, depth_share, 1.0 if total <= 0 else 0.0)
    coordination = _coordination(heads, a)
    components = {
        "coverage": 100 * coverage,
        "depth": 100 * depth,
        "resilience": 100 * resilience,
        "coordination": 100 * coordination,
    }
    weighted = _ordered_sum([a.quality_weights[c] * components[c] for c in COMPONENTS], rows)
    quality = np.minimum(100.0, np.maximum(0.0, weighted))
    return Scores(cost=cost(context, heads), quality=quality, components=components)


def _ordered_sum(terms: list[np.ndarray], rows: int) -> np.ndarray:
    """Left-to-right sum, as Python's ``sum`` adds (numpy's own sum may pair terms differently)."""
    total = np.zeros(rows)
    for term in terms:
        total = total + term
    return total


def _share(part: np.ndarray, whole: np.ndarray) -> np.ndarray:
    return np.minimum(1.0, np.maximum(0.0, part / whole))


def _coordination(heads: np.ndarray, a: Assumptions) -> np.ndarray:
    contributors = heads[:, list(IC_COLUMNS)].sum(axis=1)
    teams = teams_needing_leads(contributors, a.lead_span)
    missing = np.maximum(0, teams - heads[:, L_COLUMN])
    with np.errstate(divide="ignore", invalid="ignore"):
        lead_gap = np.where(teams > 0, missing / np.where(teams > 0, teams, 1), 0.0)
    kinds = (heads[:, list(KIND_COLUMNS)] > 0).sum(axis=1)
    handoffs = np.where(kinds > 1, (kinds - 1) / (KINDS - 1), 0.0)
    value = 1 - a.lead_gap_penalty * lead_gap - a.handoff_penalty * handoffs
    return np.where(contributors == 0, 0.0, np.minimum(1.0, np.maximum(0.0, value)))


def teams_needing_leads(contributors: np.ndarray, span: int) -> np.ndarray:
    """Teams needing a lead: none for one team, one per ``span`` people past it
    (:func:`mlplanner.model.staffing.required_leads` for many team sizes at once)."""
    return np.where(contributors > span, -(-contributors // span), 0)
