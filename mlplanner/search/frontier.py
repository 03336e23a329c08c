"""The cost/quality Pareto frontier of a scenario, and the best plan under a budget.

**Search space**: :mod:`mlplanner.search.search_space` documents which allocations are candidates
(each role from its existing staff up to a bound derived from demand, in steps of one person
or, for large teams, of several) and why nothing past the bounds can be on the frontier.

**Rules.** Cost and quality are exactly ``evaluate``'s (:mod:`mlplanner.model.scoring` applies
them to arrays, bit for bit). The frontier is selected by :func:`mlplanner.search.pareto.sweep`:
sorted by cost, quality strictly increasing (ties within
:data:`~mlplanner.search.pareto.QUALITY_TOLERANCE`).
Cost and quality do not depend on the setup, so neither does the frontier.

**Algorithm** (exact; :func:`brute_force` enumerates the space and must agree, which the
tests check). Roles interact in the quality score only through a few sums: ``X`` (demand the
six coverable roles' specialists cover), ``Y`` (the same, weighted by how well a generalist
does each role's work), the individual-contributor count ``N`` (teams needing leads), the
number of kinds of people (hand-offs), and the demand of roles with two people able to do it
(resilience). With the number of generalists ``F`` and the annotators fixed, quality never
falls when ``X`` rises, ``Y`` falls or resilience rises (the score's formulas are monotone in
each; ``Y`` enters only through the generalists' share of the uncovered work and its average
depth). So:

1. Specialists of the six coverable roles are added one role at a time. A partial allocation
   is dropped when another with the same ``N``, the same number of kinds in use and the same
   ``X`` costs no more and is no worse in ``Y`` and resilience: any completion of the dropped
   one scores no better than the same completion of the kept one, at no lower cost. Resilience
   needs a case split on ``F``: with none, a role is resilient from two specialists; with one,
   from one; with two or more, always. ``Y`` is irrelevant with no generalists, and then
   quality is linear in ``X`` and resilience (depth is whole, coverage and resilience are
   shares of demand), so ``X`` need not be the same: one weighted sum of the two is compared.
2. Each surviving partial allocation is completed with every annotator count and every
   generalist count up to the first that covers all uncovered work (beyond it, more cost for
   the same score), except counts where one step of generalists fewer and one step more of
   specialists in a role already in use scores no worse for less money
   (:func:`_replaceable`, :func:`_not_shallower`, with resilience checked; one role is tried
   per partial allocation, the one generalists do least well). Completions with the fewest
   generalists are scored first; the frontier they give then skips longer generalist counts
   whose quality bound it already beats at their cost (:func:`_hopeless`).
3. Completions with the same number of teams needing leads and of kinds in use gain the same
   from each lead, so only those that no cheaper one beats go on, with every lead count up to
   their number of teams; these are scored exactly and the sweep selects the frontier.

**Best under a budget** runs the same search with the budget as a hard cut (a partial
allocation goes once its cheapest completion costs more) and a floor: the quality of a
plan known to fit (:func:`_incumbent`, then the best found in each generalist case). A
partial allocation goes when :func:`~mlplanner.search.budget_bound.partial_bound`, an upper bound on
the quality of every completion it can afford, is below the floor by more than
:data:`~mlplanner.search.budget_bound.BOUND_MARGIN`, and so does a completion that cannot reach the
floor even with every lead its teams need; what goes scores below the optimum within the
budget by more than the sweep's tolerance, so the sweep picks the same point as on the whole
frontier.

A dropped allocation is beaten or tied, in exact arithmetic, by another allocation of the
space that comes first in the sweep's order, so the sweep never keeps it; a tie that rounding
noise turns into a difference stays within the sweep's tolerance. The search works with
partial sums (its own order of additions) only to decide what to drop; every figure it
returns is scored by :mod:`mlplanner.model.scoring`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import compute_demand
from mlplanner.model.quality import (
    A_COLUMN,
    COMPONENTS,
    COVERABLE,
    COVERABLE_COLUMNS,
    G_COLUMN,
    IC_COLUMNS,
    KINDS,
    L_COLUMN,
    coordination,
    coverage,
    depth,
    lead_gap,
    resilience,
    weighted,
)
from mlplanner.model.roles import GENERALIST, HEAD, LEAD, ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.model.scoring import Scores, score
from mlplanner.model.staffing import required_leads
from mlplanner.search.budget_bound import BOUND_MARGIN, partial_bound
from mlplanner.search.pareto import prefix_best, sweep
from mlplanner.search.search_space import (
    Partials,
    SearchProblem,
    SearchSpace,
    fewest_generalists,
    search_problem,
    search_step,
)

BRUTE_FORCE_LIMIT = 200_000_000
_CHUNK = 1_000_000
# Safety margin of the depth tests of swaps and of the hopeless check: never decide a near-tie
# by rounding noise.
_MARGIN = 1e-9
# How far below a cheaper candidate's estimated quality a candidate can be and still be scored
# exactly (_preselect): far above the estimates' rounding noise and the sweep's tolerance.
_ESTIMATE_MARGIN = 1e-7
# Where bounding pays for its own cost: teams from this much coverable demand (smaller ones
# take a few milliseconds with the budget cut alone), states from this many partial allocations.
_BOUND_FTE = 20.0
_BOUND_ROWS = 300
# Plans tried for the budget search's first floor (_incumbent): shares of demand per role.
_INCUMBENT_SHARES = 21
H_COLUMN = ROLES.index(HEAD)


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
    return _points(problem, _preselect(problem, _search(problem)))


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
    floor = _incumbent(problem, budget) if problem.coverable_demand >= _BOUND_FTE else -math.inf
    candidates = _preselect(problem, _search(problem, budget, floor))
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


def _search(
    problem: SearchProblem, budget: float | None = None, floor: float = -math.inf
) -> _Candidates:
    """Candidates (:class:`_Candidates`) containing the whole frontier, or with a ``budget``
    its part within the budget scoring above ``floor`` (the quality of an
    allocation known to fit: see :func:`_incumbent`). The floor rises to the best allocation
    within the budget found in each generalist case, for the cases after it.

    Two passes: first every partial allocation with its fewest generalists worth trying,
    which gives a frontier to beat; then the longer generalist counts, skipping those whose
    upper bound on quality that frontier already beats at their cost (:func:`_hopeless`).
    """
    found: list[_Candidates] = []
    later: list[_Completions] = []
    for case in _cases(problem.space):
        partial = _specialists(problem, case, budget, floor)
        rows, generalists = _generalist_counts(problem, case, partial, budget)
        first = generalists == fewest_generalists(problem.space, case)
        firsts = _completions(problem, case, partial, rows[first], generalists[first])
        found.append(_finish(problem, firsts, budget, floor))
        if budget is not None and floor > -math.inf:  # a better floor for the next cases
            fits = found[-1].cost <= budget
            floor = max(floor, float(found[-1].estimate[fits].max(initial=-math.inf)))
        later.append(_completions(problem, case, partial, rows[~first], generalists[~first]))
    known = _Candidates.join(found)
    chosen = sweep(known.cost, known.estimate, known.allocations)
    frontier_cost, frontier_quality = known.cost[chosen], known.estimate[chosen]
    for completions in later:
        hopeless = _hopeless(problem, completions, frontier_cost, frontier_quality)
        kept = completions.take(np.flatnonzero(~hopeless))
        found.append(_finish(problem, kept, budget, floor))
    return _Candidates.join(found)


@dataclass(frozen=True)
class _Candidates:
    """Allocations (rows in ``ROLES`` order) with their exact cost and their quality as
    :func:`_estimate` gives it: equal to the exact score up to rounding noise."""

    allocations: np.ndarray
    cost: np.ndarray
    estimate: np.ndarray

    @staticmethod
    def join(parts: list[_Candidates]) -> _Candidates:
        return _Candidates(
            allocations=np.concatenate([p.allocations for p in parts]),
            cost=np.concatenate([p.cost for p in parts]),
            estimate=np.concatenate([p.estimate for p in parts]),
        )


def _preselect(problem: SearchProblem, candidates: _Candidates) -> np.ndarray:
    """The candidates worth scoring exactly, and the recommended plan (a candidate too).

    A candidate whose estimate a no dearer one beats by more than :data:`_ESTIMATE_MARGIN`
    (far above the estimate's rounding noise and the sweep's tolerance) is beaten by more
    than the tolerance in exact scores too, so the sweep would never keep it; leaving it out
    changes nothing the sweep decides.
    """
    order = np.lexsort((-candidates.estimate, candidates.cost))
    ranked = candidates.estimate[order]
    best_before = np.maximum.accumulate(np.concatenate(([-np.inf], ranked[:-1])))
    kept = order[ranked > best_before - _ESTIMATE_MARGIN]
    return np.concatenate([candidates.allocations[kept], problem.recommended])


def _cases(space: SearchSpace) -> list[int]:
    """The generalist cases the space has: 0, 1, and 2 meaning two or more."""
    values = space.values(GENERALIST)
    return [case for case in (0, 1) if case in values] + ([2] if values[-1] >= 2 else [])


def _fixed_cost(problem: SearchProblem, case: int) -> int:
    """Cost of everything but the coverable specialists at its least, for a generalist case."""
    space, rates = problem.space, problem.context.loaded_rates
    least = space.lower.copy()
    least[GENERALIST] = fewest_generalists(space, case)
    others = (i for i in range(len(ROLES)) if i not in COVERABLE_COLUMNS)
    return problem.context.vendor_usd + sum(int(rates[i]) * least[ROLES[i]] for i in others)


def _specialists(
    problem: SearchProblem, case: int, budget: float | None, floor: float = -math.inf
) -> Partials:
    """Step 1: partial allocations of the coverable roles that some completion may need.

    ``case`` is the generalist count: 0, 1, or 2 meaning two or more. With a budget, partial
    allocations whose cheapest completion exceeds it, or whose :func:`partial_bound` is
    below ``floor``, are dropped.
    """
    space, context = problem.space, problem.context
    gamma = context.assumptions.generalist_depth
    state = Partials(
        cost=np.zeros(1, dtype=np.int64),
        covered=np.zeros(1),
        weighted=np.zeros(1),
        resilient=np.zeros(1),
        people=np.zeros(1, dtype=np.int64),
        kinds=np.zeros(1, dtype=np.int64),
        used=np.zeros(1, dtype=np.int64),
        heads=np.zeros((1, 0), dtype=np.int64),
    )
    rest = sum(
        int(context.loaded_rates[i]) * space.lower[ROLES[i]] for i in COVERABLE_COLUMNS
    ) + _fixed_cost(problem, case)
    for position, column in enumerate(COVERABLE_COLUMNS):
        role = ROLES[column]
        fte = context.demand[column]
        options = space.values(role)
        if case > 0:  # a generalist makes one specialist resilient: a second adds nothing
            options = options[options <= space.at_least(role, math.ceil(fte))]
        rate = int(context.loaded_rates[column])
        rest -= rate * space.lower[role]
        rows = len(state.cost)
        base = state.take(np.repeat(np.arange(rows), len(options)))
        h = np.tile(options, rows)
        met = np.minimum(fte, h)
        able = h >= 2 if case == 0 else h >= 1
        state = Partials(
            cost=base.cost + rate * h,
            covered=base.covered + met,
            weighted=base.weighted + gamma.get(role, 0.0) * met if case else base.weighted,
            resilient=base.resilient + np.where(able, fte, 0.0) if case < 2 else base.resilient,
            people=base.people + h,
            kinds=base.kinds + (h > 0),
            used=base.used | ((h > 0).astype(np.int64) << column),
            heads=np.column_stack([base.heads, h]),
        )
        if budget is not None:
            state = state.take(np.flatnonzero(state.cost + rest <= budget))
        state = _undominated_partials(problem, state, case)
        if budget is not None and floor > -math.inf and len(state.cost) > _BOUND_ROWS:
            slack = budget - (state.cost + rest)
            done = COVERABLE_COLUMNS[: position + 1]
            bound = partial_bound(problem, case, state, done, slack, floor)
            state = state.take(np.flatnonzero(bound >= floor - BOUND_MARGIN))
    return state


def _incumbent(problem: SearchProblem, budget: float) -> float:
    """Quality of a good allocation within the budget (``-inf`` if none fits): the best of a
    family of simple plans (every specialist role staffed at the same share of its demand,
    each generalist count, the leads its teams need). A lower bound on the optimum for
    pruning; it decides nothing else. (Improving it by single hires and swaps cost more time
    than the pruning it added saved.)
    """
    space, context = problem.space, problem.context
    lower = np.array([space.lower[r] for r in ROLES])
    upper = np.array([space.upper[r] for r in ROLES])
    demand = np.zeros(len(ROLES))
    demand[: len(SPECIALIST_ROLES)] = context.demand
    step = space.step

    def in_space(heads: np.ndarray) -> np.ndarray:  # rounded up to a step, within the bounds
        steps = np.ceil(np.maximum(0.0, heads - lower) / step).astype(np.int64)
        return np.minimum(upper, lower + steps * step)

    shares = np.linspace(0.0, 1.0, _INCUMBENT_SHARES)
    base = in_space(shares[:, None] * demand[None, :])
    generalists = space.values(GENERALIST)
    plans = np.repeat(base, len(generalists), axis=0)
    plans[:, G_COLUMN] = np.tile(generalists, len(base))
    contributors = plans[:, list(IC_COLUMNS)].sum(axis=1)
    teams = required_leads(contributors, context.assumptions.lead_span)
    plans[:, L_COLUMN] = in_space(np.where(np.arange(len(ROLES)) == L_COLUMN, teams[:, None], 0))[
        :, L_COLUMN
    ]
    fits = plans[plans @ context.loaded_rates + context.vendor_usd <= budget]
    return float(score(context, fits).quality.max(initial=-math.inf))


def _undominated_partials(problem: SearchProblem, state: Partials, case: int) -> Partials:
    """Drop partial allocations another beats or ties (step 1 of the module docstring)."""
    if case == 0:  # no generalists: quality is linear in covered and resilient demand
        w = problem.context.assumptions.quality_weights
        keys = [state.people, state.kinds, state.covered > 0]
        value = w["coverage"] * state.covered + w["resilience"] * state.resilient
        larger = True
    elif case == 1:  # one generalist: resilience follows from the roles in use
        keys = [state.people, state.used, state.covered]
        value, larger = state.weighted, False
    else:
        keys = [state.people, state.kinds, state.covered]
        value, larger = state.weighted, False
    order = np.lexsort((-value if larger else value, state.cost, *reversed(keys)))
    kept = prefix_best([key[order] for key in keys], value[order], larger=larger)
    return state.take(order[kept])


def _replaceable(problem: SearchProblem, partial: Partials) -> np.ndarray:
    """Per partial allocation and coverable role: one step more of specialists there can stand
    in for one step of generalists at no loss of coverage, hand-offs or team size, for less
    money.

    True when the role is in use (no new kind), has at least one step of generalists' capacity
    of uncovered demand (coverage cannot fall: a step of specialists covers at least that) and
    costs less than a generalist. Whether depth holds is :func:`_not_shallower`'s question;
    resilience the caller's.
    """
    context = problem.context
    columns = list(COVERABLE_COLUMNS)
    demand = np.array([context.demand[i] for i in columns])
    cheaper = context.loaded_rates[columns] < context.loaded_rates[G_COLUMN]
    heads = partial.heads
    room = demand[None, :] - np.minimum(demand[None, :], heads)
    step = problem.space.step
    return (heads >= 1) & (room >= step * problem.capacity) & cheaper[None, :]


def _not_shallower(
    problem: SearchProblem,
    partial: Partials,
    rows: np.ndarray,
    generalists: np.ndarray,
    roles: np.ndarray,
) -> np.ndarray:
    """Per (partial allocation, generalist count, coverable role as an index into
    ``COVERABLE``): does depth hold, for every annotator count, when one step of generalists
    gives way to one step more of specialists in the role?

    Depth is ``(a + W x rho) / (a + W)``: specialist work ``a``, generalist work
    ``W = min(U, K)`` at average depth ``rho`` (uncovered demand ``U``, capacity ``K``). With
    the swap, ``a`` grows by the role's newly covered work ``u`` and ``W``, ``rho`` become
    ``W'``, ``rho'``. The difference of the cross-multiplied depths is linear in ``a``, so it
    is checked at the least and the most annotator work; a small margin keeps rounding noise
    from deciding a near-tie.
    """
    context = problem.context
    gamma = context.assumptions.generalist_depth
    columns = list(COVERABLE_COLUMNS)
    demand = np.array([context.demand[i] for i in columns])
    depth = np.array([gamma.get(ROLES[i], 0.0) for i in columns])
    weighted_demand = float(demand @ depth)
    heads = partial.heads[rows, roles]
    covered = partial.covered[rows]
    uncovered = np.maximum(0.0, problem.coverable_demand - covered)
    weighted = np.maximum(0.0, weighted_demand - partial.weighted[rows])
    capacity = generalists * problem.capacity
    step = problem.space.step
    demand, depth = demand[roles], depth[roles]
    gain = np.minimum(float(step), demand - np.minimum(demand, heads))
    work = np.minimum(uncovered, capacity)
    work_after = np.maximum(0.0, np.minimum(uncovered - gain, capacity - step * problem.capacity))
    with np.errstate(divide="ignore", invalid="ignore"):
        rho = np.where(uncovered > 0, weighted / uncovered, 0.0)
        left = uncovered - gain
        rho_after = np.where(left > 0, (weighted - depth * gain) / left, 0.0)
    slope = work * (1 - rho) - work_after * (1 - rho_after)
    offset = work * (gain * (1 - rho) + work_after * (rho_after - rho))
    annotator = problem.context.demand[A_COLUMN]
    most = min(annotator, float(problem.space.upper["annotator"]))
    scale = 1.0 + covered + most
    least_ok = slope * covered + offset >= _MARGIN * scale * scale
    most_ok = slope * (covered + most) + offset >= _MARGIN * scale * scale
    return least_ok & most_ok


def _generalist_counts(
    problem: SearchProblem, case: int, partial: Partials, budget: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Step 2: generalist counts worth trying per partial allocation, as (rows, counts).

    Past the first count that covers all uncovered work more generalists only cost more. And
    a step of generalists beyond the existing ones loses to a step more of specialists in a
    role that :func:`_replaceable` and :func:`_not_shallower` allow, unless removing it costs
    resilience: down to one generalist, roles without a specialist lose it; down to none,
    roles with one specialist lose it (with none, depth is all specialist work).
    """
    space = problem.space
    existing, step = space.lower[GENERALIST], space.step
    lo = fewest_generalists(space, case)
    size = len(partial.cost)
    if case == 0:
        return np.arange(size), np.zeros(size, dtype=np.int64)
    replaceable = _replaceable(problem, partial)
    demanded = np.array([problem.context.demand[i] > 0 for i in COVERABLE_COLUMNS])
    heads = partial.heads
    if case == 1:
        single = ((heads == 1) & demanded[None, :]).sum(axis=1)
        safe = replaceable & (single[:, None] - (heads == 1) == 0)
        keep = ~(safe.any(axis=1) & (existing == 0))
        rows = np.flatnonzero(keep)
        return rows, np.full(len(rows), 1, dtype=np.int64)
    uncovered = np.maximum(0.0, problem.coverable_demand - partial.covered)
    enough = np.ceil(uncovered / problem.capacity).astype(np.int64) + 1
    top = np.maximum(lo, space.at_least_each(GENERALIST, enough))
    if budget is not None:  # the most generalists the budget buys on top of the partial
        rate = int(problem.context.loaded_rates[G_COLUMN]) * step
        slack = budget - (partial.cost + _fixed_cost(problem, case))
        top = np.maximum(lo, np.minimum(top, lo + (slack // rate).astype(np.int64) * step))
    # Quick case: generalists do the role's work no better than their average over all
    # uncovered work, so depth holds at every count; only the first count can be needed.
    top = np.where((replaceable & _shallow(problem, partial)).any(axis=1), lo, top)
    counts = (top - lo) // step + 1
    rows = np.repeat(np.arange(size), counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    generalists = lo + (np.arange(counts.sum()) - starts) * step
    idle = ((heads == 0) & demanded[None, :]).sum(axis=1)[rows]
    after = generalists - step
    candidates = np.flatnonzero(
        replaceable[rows].any(axis=1)
        & (generalists > existing)
        & ((after >= 2) | ((after == 1) & (idle == 0)))
    )
    # One role per partial allocation is tried: the one generalists do least well, whose
    # work leaving their share keeps the rest deepest (pruning less is still exact).
    gamma = problem.context.assumptions.generalist_depth
    depth = np.array([gamma.get(ROLES[i], 0.0) for i in COVERABLE_COLUMNS])
    role = np.argmin(np.where(replaceable, depth[None, :], np.inf), axis=1)
    chosen = rows[candidates]
    swappable = _not_shallower(problem, partial, chosen, generalists[candidates], role[chosen])
    loses = np.zeros(len(rows), dtype=bool)
    loses[candidates[swappable]] = True
    return rows[~loses], generalists[~loses]


def _shallow(problem: SearchProblem, partial: Partials) -> np.ndarray:
    """Per partial allocation and coverable role: generalists do the role's work no better than
    their average over all uncovered work (then a swap of :func:`_not_shallower` never makes
    the generalists' remaining work shallower, at any generalist count)."""
    context = problem.context
    gamma = context.assumptions.generalist_depth
    columns = list(COVERABLE_COLUMNS)
    demand = np.array([context.demand[i] for i in columns])
    depth = np.array([gamma.get(ROLES[i], 0.0) for i in columns])
    uncovered = np.maximum(0.0, problem.coverable_demand - partial.covered)[:, None]
    weighted = (float(demand @ depth) - partial.weighted)[:, None]
    return depth[None, :] * uncovered <= weighted - _MARGIN * (1.0 + uncovered)


@dataclass
class _Completions:
    """Partial allocations completed with generalists, annotators and leads."""

    partial: Partials
    case: int
    rows: np.ndarray  # index into ``partial``
    generalists: np.ndarray
    annotators: np.ndarray
    leads: np.ndarray
    heads: int  # heads of data & ML: always the existing ones (the search space's only value)

    def take(self, keep: np.ndarray) -> _Completions:
        return _Completions(
            self.partial,
            self.case,
            self.rows[keep],
            self.generalists[keep],
            self.annotators[keep],
            self.leads[keep],
            self.heads,
        )

    def allocations(self) -> np.ndarray:
        result = np.zeros((len(self.rows), len(ROLES)), dtype=np.int64)
        result[:, list(COVERABLE_COLUMNS)] = self.partial.heads[self.rows]
        result[:, G_COLUMN] = self.generalists
        result[:, A_COLUMN] = self.annotators
        result[:, L_COLUMN] = self.leads
        result[:, H_COLUMN] = self.heads
        return result


def _completions(
    problem: SearchProblem, case: int, partial: Partials, rows: np.ndarray, generalists: np.ndarray
) -> _Completions:
    """Every annotator count with each (partial allocation, generalist count) pair."""
    space = problem.space
    annotators = space.values("annotator")
    return _Completions(
        partial=partial,
        case=case,
        rows=np.repeat(rows, len(annotators)),
        generalists=np.repeat(generalists, len(annotators)),
        annotators=np.tile(annotators, len(rows)),
        leads=np.full(len(rows) * len(annotators), space.lower[LEAD]),
        heads=space.lower[HEAD],
    )


def _completion_cost(problem: SearchProblem, completions: _Completions) -> np.ndarray:
    """Exact yearly cost of each completion (whole dollars, as ``evaluate`` adds it up)."""
    rates, c = problem.context.loaded_rates, completions
    return (
        c.partial.cost[c.rows]
        + c.generalists * int(rates[G_COLUMN])
        + c.annotators * int(rates[A_COLUMN])
        + c.leads * int(rates[L_COLUMN])
        + c.heads * int(rates[H_COLUMN])
        + problem.context.vendor_usd
    )


def _estimate(problem: SearchProblem, completions: _Completions, *, bound: bool) -> np.ndarray:
    """Quality of each completion from the partial sums (the component functions and weights
    of :mod:`mlplanner.model.quality` on sums added in another order, so equal up to rounding
    noise), with the existing leads.

    With ``bound``, an upper bound instead over every generalist count from the completion's
    on (two or more) and every lead count: depth as with the fewest generalists (more
    generalist work at no better depth only dilutes it) and no lead missing.
    """
    context, a = problem.context, problem.context.assumptions
    c, partial = completions, completions.partial
    total = context.demand_total
    annotator_demand = context.demand[A_COLUMN]
    gamma = a.generalist_depth
    weighted_demand = sum(gamma.get(ROLES[i], 0.0) * context.demand[i] for i in COVERABLE_COLUMNS)
    covered = partial.covered[c.rows]
    specialist = covered + np.minimum(annotator_demand, c.annotators)
    uncovered = np.maximum(0.0, problem.coverable_demand - covered)
    general_depth = np.maximum(0.0, weighted_demand - partial.weighted[c.rows])
    capacity = c.generalists * problem.capacity
    capacity_for_depth = (
        fewest_generalists(problem.space, 2) * problem.capacity if bound else capacity
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(uncovered > 0, np.minimum(1.0, capacity_for_depth / uncovered), 0.0)
    work = specialist + uncovered * share
    able = partial.resilient[c.rows] if c.case < 2 else problem.coverable_demand
    annotation = np.where(c.annotators >= 2, annotator_demand, 0.0)
    contributors = partial.people[c.rows] + c.generalists
    kinds = partial.kinds[c.rows] + (c.generalists > 0) + (c.annotators > 0)
    gap = 0.0 if bound else lead_gap(required_leads(contributors, a.lead_span), c.leads)
    components = {
        "coverage": 100 * coverage(specialist + np.minimum(uncovered, capacity), total),
        "depth": 100 * depth(specialist + general_depth * share, work, total),
        "resilience": 100 * resilience(able + annotation, total),
        "coordination": 100 * coordination(contributors, gap, kinds, a),
    }
    return weighted(components, a)


def _hopeless(
    problem: SearchProblem,
    completions: _Completions,
    frontier_cost: np.ndarray,
    frontier_quality: np.ndarray,
) -> np.ndarray:
    """Completions (two or more generalists) a known frontier point beats whatever leads and
    however many more generalists they get: it costs no more than the completion with the
    existing leads and scores above :func:`_estimate`'s bound."""
    if not len(frontier_cost):
        return np.zeros(len(completions.rows), dtype=bool)
    bound = _estimate(problem, completions, bound=True)
    cost = _completion_cost(problem, completions)
    index = np.searchsorted(frontier_cost, cost, side="right") - 1
    beaten = np.where(index >= 0, frontier_quality[np.maximum(index, 0)], -np.inf)
    return beaten > bound + _MARGIN


def _finish(
    problem: SearchProblem,
    completions: _Completions,
    budget: float | None,
    floor: float = -math.inf,
) -> _Candidates:
    """Step 3: leads for the completions no cheaper one beats; candidates for the sweep.

    With a budget, only candidates within it, and (with a ``floor``, the quality of a plan
    known to fit) only those that may score above the floor: with every lead their teams
    need, or as led.
    """
    cost = _completion_cost(problem, completions)
    quality = _estimate(problem, completions, bound=False)
    if budget is not None:
        within = np.flatnonzero(cost <= budget)
        completions, cost, quality = completions.take(within), cost[within], quality[within]
    contributors = completions.partial.people[completions.rows] + completions.generalists
    teams = required_leads(contributors, problem.context.assumptions.lead_span)
    kinds = (
        completions.partial.kinds[completions.rows]
        + (completions.generalists > 0)
        + (completions.annotators > 0)
    )
    # One integer per group (teams, kinds, empty team); within a group cheapest first (rows of
    # equal cost in any order: prefix_best keeps every one better than all before it).
    group = (teams * (KINDS + 2) + kinds) * 2 + (contributors == 0)
    order = np.lexsort((cost, group))
    kept = order[prefix_best([group[order]], quality[order], larger=True)]
    if floor > -math.inf:
        space, lowest = problem.space, problem.space.lower[LEAD]
        all_led = replace(
            completions.take(kept), leads=np.maximum(lowest, space.at_least_each(LEAD, teams[kept]))
        )
        kept = kept[_estimate(problem, all_led, bound=False) >= floor - BOUND_MARGIN]
    led = _with_leads(problem.space, completions.take(kept), teams[kept])
    cost = _completion_cost(problem, led)
    estimate = _estimate(problem, led, bound=False)
    if budget is not None:
        fits = np.flatnonzero((cost <= budget) & (estimate >= floor - BOUND_MARGIN))
        led, cost, estimate = led.take(fits), cost[fits], estimate[fits]
    return _Candidates(allocations=led.allocations(), cost=cost, estimate=estimate)


def _with_leads(space: SearchSpace, completions: _Completions, teams: np.ndarray) -> _Completions:
    """Every lead count from the existing leads up to the teams needing one (step 3)."""
    lo = space.lower[LEAD]
    top = space.at_least_each(LEAD, teams)
    counts = (top - lo) // space.step + 1
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    led = completions.take(np.repeat(np.arange(len(counts)), counts))
    return replace(led, leads=lo + (np.arange(counts.sum()) - starts) * space.step)


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
