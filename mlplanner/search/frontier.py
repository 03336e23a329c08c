"""The cost/quality Pareto frontier of a scenario, and the best plan under a budget.

**Search space**: :mod:`mlplanner.search.search_space` documents which allocations are candidates
(each role from its existing staff up to a bound derived from demand, in steps of one person
or, for large teams, of several).

**Rules.** Cost and quality are exactly ``evaluate``'s (:mod:`mlplanner.model.scoring` applies
them to arrays, bit for bit). The frontier is selected by :func:`mlplanner.search.pareto.sweep`:
sorted by cost, quality strictly increasing (ties within
:data:`~mlplanner.search.pareto.QUALITY_TOLERANCE`).
Cost and quality do not depend on the setup, so neither does the frontier.

**Algorithm** (exact; :func:`brute_force` enumerates the space and must agree, which the
tests check). It rests on one property of the quality score (:mod:`mlplanner.model.quality`):
**adding a person never lowers it** (``tests/model/test_quality_properties.py``). So the
quality of any completion of a partial allocation (some roles chosen, the rest open) is at
most the quality of its most generous completion (every open role at its upper bound), and
costs at least its cheapest one (every open role at its lower bound).

1. A greedy walk (:func:`_greedy`) from the cheapest allocation adds, step after step, the
   role (or pair of roles, where one alone gains nothing) buying the most quality per dollar:
   a good frontier to beat, fast.
2. Roles are then chosen one at a time (those with the fewest headcounts first). A partial
   allocation goes when a known plan costs no more than its cheapest completion and scores
   above its most generous completion by more than :data:`_MARGIN`: every completion is
   beaten. Complete allocations are scored exactly and the sweep selects the frontier.

**Best under a budget** runs the same search with the budget as a hard cut (a partial
allocation goes once its cheapest completion costs more) and the best known plan within the
budget as the plan to beat, whatever its cost: only the best plan within the budget matters.

A dropped allocation is beaten in exact arithmetic by a known allocation that costs no more,
so the sweep would never keep it. Every figure returned is scored by
:mod:`mlplanner.model.scoring`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import compute_demand
from mlplanner.model.quality import COMPONENTS, COVERABLE
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.model.scoring import Scores, cost, score
from mlplanner.search.pareto import sweep
from mlplanner.search.search_space import SearchProblem, search_problem, search_step

BRUTE_FORCE_LIMIT = 200_000_000
_CHUNK = 200_000
# How far above a partial allocation's most generous completion a known plan must score to
# drop it: far above rounding noise and the sweep's tolerance.
_MARGIN = 1e-7


@dataclass(frozen=True)
class FrontierPoint:
    """An allocation on the frontier: its headcount per role, cost, quality and components."""

    allocation: dict[str, int]
    annual_cost_usd: int
    quality: float
    components: dict[str, float]

    @property
    def headcount(self) -> int:
        return sum(self.allocation.values())

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of the CLI: money in whole dollars, quality to two decimals."""
        return {
            "allocation": dict(self.allocation),
            "annual_cost_usd": self.annual_cost_usd,
            "quality": round(self.quality, 2),
            "quality_components": {c: round(v, 2) for c, v in self.components.items()},
        }


def frontier(
    scenario: Scenario, setup: str | None = None, assumptions: Assumptions | None = None
) -> list[FrontierPoint]:
    """Every allocation of the search space that none beats on both cost and quality.

    Sorted by cost, quality strictly increasing. ``setup`` (default: the scenario's) picks the
    recommended plan that is a candidate too (module docstring); cost and quality do not
    depend on it.
    """
    problem = search_problem(scenario, assumptions or Assumptions.defaults(), setup)
    return _points(problem, _search(problem))


def best_under_budget(
    scenario: Scenario,
    budget_usd: float,
    setup: str | None = None,
    assumptions: Assumptions | None = None,
) -> FrontierPoint | None:
    """The highest-quality allocation costing at most ``budget_usd`` (ties: the cheaper).

    ``None`` when nothing in the search space fits (the existing team alone costs more).
    Raises ``ValueError`` for a budget that is not a non-negative number.
    """
    budget = check_budget(budget_usd)
    problem = search_problem(scenario, assumptions or Assumptions.defaults(), setup)
    candidates = _search(problem, budget)
    scores = score(problem.context, candidates)
    chosen = sweep(scores.cost, scores.quality, candidates)
    within = chosen[scores.cost[chosen] <= budget]
    return _point(candidates, scores, int(within[-1])) if len(within) else None


def affordable(points: list[FrontierPoint], budget_usd: float) -> FrontierPoint | None:
    """The frontier point a budget buys: the last one costing at most ``budget_usd``."""
    costs = [p.annual_cost_usd for p in points]
    index = int(np.searchsorted(np.array(costs, dtype=np.float64), budget_usd, side="right"))
    return points[index - 1] if index > 0 else None


def check_budget(budget_usd: object) -> float:
    """A budget as a number of dollars, or ``ValueError`` naming the problem."""
    if isinstance(budget_usd, bool) or not isinstance(budget_usd, int | float):
        raise ValueError(f"budget_usd: must be a number of US dollars (got {budget_usd!r})")
    if not math.isfinite(budget_usd) or budget_usd < 0:
        raise ValueError(f"budget_usd: must be zero or more US dollars (got {budget_usd!r})")
    return float(budget_usd)


def brute_force(
    scenario: Scenario, assumptions: Assumptions | None = None, setup: str | None = None
) -> list[FrontierPoint]:
    """The frontier by scoring every allocation of the space (and the recommended plan): the
    definition, run literally.

    For checking the search; refuses spaces over ``BRUTE_FORCE_LIMIT`` allocations. Scores a
    chunk at a time and keeps, per chunk, what beats everything before it in the sweep's
    order: every frontier point does, so the final sweep over those sees all of them.
    """
    problem = search_problem(scenario, assumptions or Assumptions.defaults(), setup)
    space = problem.space
    if space.size > BRUTE_FORCE_LIMIT:
        raise ValueError(f"search space of {space.size:,} allocations is too large to enumerate")
    shape = [space.count(role) for role in ROLES]
    lower = np.array([space.lower[role] for role in ROLES])
    kept: list[np.ndarray] = []
    for start in range(0, space.size, _CHUNK):
        flat = np.arange(start, min(start + _CHUNK, space.size))
        chunk = np.column_stack(np.unravel_index(flat, shape)) * space.step + lower
        scores = score(problem.context, chunk)
        keys = [chunk[:, i] for i in reversed(range(len(ROLES)))]
        order = np.lexsort((*keys, -scores.quality, scores.cost))
        ranked = scores.quality[order]
        best_before = np.maximum.accumulate(np.concatenate(([-np.inf], ranked[:-1])))
        kept.append(chunk[order[ranked > best_before]])
    return _points(problem, np.concatenate([*kept, problem.recommended]))


def frontier_step(scenario: Scenario, assumptions: Assumptions | None = None) -> int:
    """People per step of the scenario's search space (one for teams up to
    :data:`~mlplanner.search.search_space.STEP_FTE` of coverable demand); cheap (no search)."""
    demand = compute_demand(scenario, assumptions or Assumptions.defaults()).by_role
    return search_step(sum(demand[role] for role in COVERABLE))


def _points(problem: SearchProblem, allocations: np.ndarray) -> list[FrontierPoint]:
    scores = score(problem.context, allocations)
    chosen = sweep(scores.cost, scores.quality, allocations)
    return [_point(allocations, scores, i) for i in chosen.tolist()]


def _point(allocations: np.ndarray, scores: Scores, row: int) -> FrontierPoint:
    return FrontierPoint(
        allocation={role: int(allocations[row, j]) for j, role in enumerate(ROLES)},
        annual_cost_usd=int(scores.cost[row]),
        quality=float(scores.quality[row]),
        components={c: float(scores.components[c][row]) for c in COMPONENTS},
    )


def _search(problem: SearchProblem, budget: float | None = None) -> np.ndarray:
    """Candidates containing the whole frontier (with a ``budget``: its part within the
    budget), by the module docstring's algorithm."""
    space = problem.space
    lower = np.array([space.lower[role] for role in ROLES], dtype=np.int64)
    upper = np.array([space.upper[role] for role in ROLES], dtype=np.int64)
    known = np.concatenate([_greedy(problem, lower, upper), problem.recommended])
    known_scores = score(problem.context, known)
    if budget is not None:
        fits = known_scores.cost <= budget
        known, known_scores = known[fits], _take(known_scores, fits)
    chosen = sweep(known_scores.cost, known_scores.quality, known)
    beat_cost, beat_quality = known_scores.cost[chosen], known_scores.quality[chosen]
    open_roles = sorted(range(len(ROLES)), key=lambda i: (space.count(ROLES[i]), i))
    partial = lower[None, :].copy()
    for depth, role in enumerate(open_roles):
        values = np.arange(lower[role], upper[role] + 1, space.step)
        grown = np.repeat(partial, len(values), axis=0)
        grown[:, role] = np.tile(values, len(partial))
        still_open = open_roles[depth + 1 :]
        kept = [
            _survivors(problem, chunk, still_open, upper, beat_cost, beat_quality, budget)
            for chunk in np.array_split(grown, max(1, -(-len(grown) // _CHUNK)))
        ]
        partial = np.concatenate(kept)
    return np.concatenate([partial, known])


def _survivors(
    problem: SearchProblem,
    partial: np.ndarray,
    still_open: list[int],
    upper: np.ndarray,
    beat_cost: np.ndarray,
    beat_quality: np.ndarray,
    budget: float | None,
) -> np.ndarray:
    """The partial allocations (open roles at their lower bound) some completion of which may
    be on the frontier: the cheapest completion fits the ``budget`` and no known plan costing
    no more (with a budget: no known plan within it) beats the most generous one (module
    docstring)."""
    cheapest = cost(problem.context, partial)
    alive = np.ones(len(partial), dtype=bool) if budget is None else cheapest <= budget
    partial, cheapest = partial[alive], cheapest[alive]
    if not len(beat_cost) or not len(partial):
        return partial
    generous = partial.copy()
    generous[:, still_open] = upper[still_open]
    best = score(problem.context, generous).quality if still_open else None
    if budget is None:
        index = np.searchsorted(beat_cost, cheapest, side="right") - 1
        beaten = np.where(index >= 0, beat_quality[np.maximum(index, 0)], -np.inf)
    else:  # only the best plan within the budget matters: the best known one is the bar
        beaten = np.full(len(partial), beat_quality.max())
    if best is None:  # complete allocations: beaten plans go, their exact score decides
        best = score(problem.context, partial).quality
    return partial[beaten <= best + _MARGIN]


def _greedy(problem: SearchProblem, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """Allocations of a walk from ``lower``: each step adds the role, or else the pair of
    roles, that buys the most quality per dollar, until nothing gains (module docstring)."""
    step = problem.space.step
    roles = len(ROLES)
    moves = np.eye(roles, dtype=np.int64) * step
    pairs = np.array(
        [moves[i] + moves[j] for i in range(roles) for j in range(i + 1, roles)], dtype=np.int64
    )
    current = lower.copy()
    current_score = score(problem.context, current[None, :])
    walk = [current]
    while True:
        best = None
        for options in (moves, pairs):
            tried = current + options
            tried = tried[(tried <= upper).all(axis=1)]
            if not len(tried):
                continue
            scores = score(problem.context, tried)
            gain = scores.quality - current_score.quality[0]
            paid = (scores.cost - current_score.cost[0]).astype(float)
            value = np.where(gain > _MARGIN, gain / np.maximum(paid, 1.0), -np.inf)
            if np.isfinite(value).any():
                best = tried[int(np.argmax(value))]
                break
        if best is None:
            return np.array(walk)
        current = best
        current_score = score(problem.context, current[None, :])
        walk.append(current)


def _take(scores: Scores, rows: np.ndarray) -> Scores:
    return Scores(
        cost=scores.cost[rows],
        quality=scores.quality[rows],
        components={c: v[rows] for c, v in scores.components.items()},
    )


def sample(
    scenario: Scenario, count: int, seed: int = 0, assumptions: Assumptions | None = None
) -> list[FrontierPoint]:
    """``count`` allocations drawn uniformly from the search space, scored: context for charts."""
    problem = search_problem(scenario, assumptions or Assumptions.defaults())
    rng = np.random.default_rng(seed)
    space = problem.space
    allocations = np.column_stack(
        [space.lower[r] + space.step * rng.integers(0, space.count(r), size=count) for r in ROLES]
    )
    scores = score(problem.context, allocations)
    return [_point(allocations, scores, i) for i in range(count)]
