"""The cost/quality Pareto frontier of a scenario, and the best plan under a budget.

**Search space.** Existing staff are kept, so every role ``r`` ranges from its existing
headcount ``e_r`` up to a bound (:func:`search_space`), in steps of ``s`` people:

- each of the seven demand roles: ``max(ceil(d_r), 2 if d_r > 0)``, ``d_r`` its demand;
- full-stack data scientists: ``max(ceil(D / capacity), 2 if D > 0)``, ``D`` the demand of
  the six roles they can cover (all but annotation);
- leads: ``required_leads(n)``, ``n`` the most individual contributors in the space;

each bound raised to ``e_r`` and then to a whole number of steps above it. No allocation
above a bound (existing staff kept) can be on the frontier: past its demand a role adds no
coverage or depth, resilience needs no more than two people who can do the work, generalists
past ``D / capacity`` have nothing left to cover, and leads past the teams needing them close
no gap; more people only cost more and can only add teams needing leads.

The step ``s`` (:func:`search_step`) is one person for teams with up to :data:`STEP_FTE` of
demand ``D``; larger teams would take the search seconds to minutes, so their headcounts move
in steps of ``ceil(D / STEPS)`` people: a team of 2,000 FTE in steps of 50. Everything below
holds for any step; "one more specialist" means one step more.

The candidates are the space's allocations plus the plan the setup's staffing rules recommend
(:func:`mlplanner.plan.recommend`). It is in the space when the search goes person by person;
off the steps it usually is not, and a frontier without it would show plans it beats.

**Rules.** Cost and quality are exactly ``evaluate``'s (:mod:`mlplanner.scoring` applies them
to arrays, bit for bit). The frontier is selected by :func:`mlplanner.pareto.sweep`: sorted
by cost, quality strictly increasing (ties within :data:`~mlplanner.pareto.QUALITY_TOLERANCE`).
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
partial allocation goes when :func:`_partial_bound`, an upper bound on the quality of every
completion it can afford, is below the floor by more than :data:`_BOUND_MARGIN`, and so does
a completion that cannot reach the floor even with every lead its teams need; what goes
scores below the optimum within the budget by more than the sweep's tolerance, so the sweep
picks the same point as on the whole frontier.

A dropped allocation is beaten or tied, in exact arithmetic, by another allocation of the
space that comes first in the sweep's order, so the sweep never keeps it; a tie that rounding
noise turns into a difference stays within the sweep's tolerance. The search works with
partial sums (its own order of additions) only to decide what to drop; every figure it
returns is scored by :mod:`mlplanner.scoring`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import reduce
from typing import Any

import numpy as np

from mlplanner.assumptions import Assumptions
from mlplanner.demand import compute_demand
from mlplanner.pareto import prefix_best, sweep
from mlplanner.quality import COMPONENTS, COVERABLE
from mlplanner.roles import GENERALIST, LEAD, ROLES, SPECIALIST_ROLES
from mlplanner.scenario import Scenario
from mlplanner.scoring import (
    A_COLUMN,
    COVERABLE_COLUMNS,
    G_COLUMN,
    IC_COLUMNS,
    KINDS,
    L_COLUMN,
    Scores,
    ScoringContext,
    score,
    scoring_context,
)
from mlplanner.staffing import choose_setup, required_leads, staff

BRUTE_FORCE_LIMIT = 200_000_000
_CHUNK = 1_000_000
# The search's work grows steeply with the number of headcounts per role (bench/frontier.py):
# about 0.1 s at 60 FTE of coverable demand in steps of one person, 2 s at 140. Teams with up to
# STEP_FTE of coverable demand are searched person by person; larger ones in steps that cut
# their demand into at most STEPS (search_step).
STEP_FTE = 60.0
STEPS = 40
# Safety margin of the shallow-work test in _swaps: never decide a near-tie by rounding noise.
_MARGIN = 1e-9
# How far below a cheaper candidate's estimated quality a candidate can be and still be scored
# exactly (_preselect): far above the estimates' rounding noise and the sweep's tolerance.
_ESTIMATE_MARGIN = 1e-7
# Safety margin of the budget search's bound against its floor (both are computed in another
# order of additions than the exact score): far above rounding noise and the sweep's tolerance.
_BOUND_MARGIN = 1e-6
# Where bounding pays for its own cost: teams from this much coverable demand (smaller ones
# take a few milliseconds with the budget cut alone), states from this many partial allocations.
_BOUND_FTE = 20.0
_BOUND_ROWS = 300
# Plans tried for the budget search's first floor (_incumbent): shares of demand per role.
_INCUMBENT_SHARES = 21


@dataclass(frozen=True)
class SearchSpace:
    """Headcounts per role, every role in lifecycle order: from ``lower`` to ``upper``
    (inclusive) in steps of ``step`` people (``upper - lower`` is a multiple of ``step``)."""

    lower: dict[str, int]
    upper: dict[str, int]
    step: int = 1

    def values(self, role: str) -> np.ndarray:
        """The headcounts the space allows for ``role``, ascending."""
        return np.arange(self.lower[role], self.upper[role] + 1, self.step)

    def count(self, role: str) -> int:
        """How many headcounts the space allows for ``role``."""
        return (self.upper[role] - self.lower[role]) // self.step + 1

    def at_least(self, role: str, people: int) -> int:
        """The fewest headcount of ``role`` in the space that is at least ``people``, or
        ``upper`` if none is."""
        return int(self.at_least_each(role, np.array([people]))[0])

    def at_least_each(self, role: str, people: np.ndarray) -> np.ndarray:
        """:meth:`at_least` of each entry of ``people``."""
        lower = self.lower[role]
        steps = -(-np.maximum(0, people - lower) // self.step)
        return np.minimum(self.upper[role], lower + steps * self.step)

    @property
    def size(self) -> int:
        """Number of allocations in the space."""
        return reduce(lambda n, role: n * self.count(role), ROLES, 1)


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


@dataclass(frozen=True)
class _Problem:
    """A scenario's search: its scoring context, space and the numbers the search uses."""

    context: ScoringContext
    space: SearchSpace
    capacity: float
    coverable_demand: float
    recommended: np.ndarray  # one row: the setup's recommended allocation, a candidate too


@dataclass
class _Partial:
    """Partial allocations of the coverable roles, one entry per allocation."""

    cost: np.ndarray
    covered: np.ndarray  # X
    weighted: np.ndarray  # Y
    resilient: np.ndarray  # demand of roles resilient under the case's generalist count
    people: np.ndarray  # N (coverable specialists)
    kinds: np.ndarray  # coverable roles in use
    used: np.ndarray  # bit mask of the coverable roles in use
    heads: np.ndarray  # headcount per coverable role

    def take(self, rows: np.ndarray) -> _Partial:
        return _Partial(*(getattr(self, f)[rows] for f in _PARTIAL_FIELDS))


_PARTIAL_FIELDS = ("cost", "covered", "weighted", "resilient", "people", "kinds", "used", "heads")


def search_step(coverable_demand: float) -> int:
    """People per step of the search space: one up to :data:`STEP_FTE` of coverable demand,
    beyond it as many as cut the demand into at most :data:`STEPS` steps."""
    if coverable_demand <= STEP_FTE:
        return 1
    return math.ceil(coverable_demand / STEPS)


def search_space(
    demand: Mapping[str, float], existing: Mapping[str, int], assumptions: Assumptions
) -> SearchSpace:
    """The documented search space (module docstring) for a demand and an existing team."""
    lower: dict[str, int] = {role: int(existing.get(role, 0)) for role in ROLES}
    upper: dict[str, int] = {}
    step = search_step(sum(demand[role] for role in COVERABLE))

    def on_step(role: str, bound: int) -> int:  # the bound rounded up to a whole step
        return lower[role] + step * -(-max(0, bound - lower[role]) // step)

    for role in SPECIALIST_ROLES:
        fte = demand[role]
        upper[role] = on_step(role, max(math.ceil(fte), 2 if fte > 0 else 0))
    coverable = sum(demand[role] for role in COVERABLE)
    upper[GENERALIST] = on_step(
        GENERALIST,
        max(math.ceil(coverable / assumptions.generalist_capacity_fte), 2 if coverable > 0 else 0),
    )
    contributors = sum(upper[role] for role in (*COVERABLE, GENERALIST))
    upper[LEAD] = on_step(LEAD, required_leads(contributors, assumptions.lead_span))
    return SearchSpace(lower=lower, upper={role: upper[role] for role in ROLES}, step=step)


def frontier(
    scenario: Scenario, setup: str | None = None, assumptions: Assumptions | None = None
) -> list[FrontierPoint]:
    """Every allocation of the search space that none beats on both cost and quality.

    Sorted by cost, quality strictly increasing. ``setup`` (default: the scenario's) picks the
    recommended plan that is a candidate too (module docstring); cost and quality do not
    depend on it.
    """
    problem = _problem(scenario, assumptions or Assumptions.defaults(), setup)
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
    problem = _problem(scenario, assumptions or Assumptions.defaults(), setup)
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
    problem = _problem(scenario, assumptions or Assumptions.defaults(), setup)
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


def _problem(scenario: Scenario, assumptions: Assumptions, setup: str | None = None) -> _Problem:
    demand = compute_demand(scenario, assumptions)
    context = scoring_context(demand, scenario.company.region, assumptions)
    existing = scenario.company.existing_team
    space = search_space(demand.by_role, existing, assumptions)
    chosen = choose_setup(scenario.company, assumptions, setup).setup
    recommended = staff(demand.by_role, existing, chosen, assumptions).allocation
    return _Problem(
        context=context,
        space=space,
        capacity=assumptions.generalist_capacity_fte,
        coverable_demand=sum(demand.by_role[role] for role in COVERABLE),
        recommended=np.array([[recommended[role] for role in ROLES]], dtype=np.int64),
    )


def frontier_step(scenario: Scenario, assumptions: Assumptions | None = None) -> int:
    """People per step of the scenario's search space (one for teams up to :data:`STEP_FTE`
    of coverable demand); cheap (no search)."""
    demand = compute_demand(scenario, assumptions or Assumptions.defaults()).by_role
    return search_step(sum(demand[role] for role in COVERABLE))


def _points(problem: _Problem, allocations: np.ndarray) -> list[FrontierPoint]:
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
    problem: _Problem, budget: float | None = None, floor: float = -math.inf
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
        first = generalists == _fewest(problem.space, case)
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


def _preselect(problem: _Problem, candidates: _Candidates) -> np.ndarray:
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


def _fewest(space: SearchSpace, case: int) -> int:
    """The fewest generalists of a case (:func:`_cases`) in the space."""
    return case if case < 2 else space.at_least(GENERALIST, 2)


def _fixed_cost(problem: _Problem, case: int) -> int:
    """Cost of everything but the coverable specialists at its least, for a generalist case."""
    space, rates = problem.space, problem.context.loaded_rates
    least = space.lower.copy()
    least[GENERALIST] = _fewest(space, case)
    others = (i for i in range(len(ROLES)) if i not in COVERABLE_COLUMNS)
    return problem.context.vendor_usd + sum(int(rates[i]) * least[ROLES[i]] for i in others)


def _specialists(
    problem: _Problem, case: int, budget: float | None, floor: float = -math.inf
) -> _Partial:
    """Step 1: partial allocations of the coverable roles that some completion may need.

    ``case`` is the generalist count: 0, 1, or 2 meaning two or more. With a budget, partial
    allocations whose cheapest completion exceeds it, or whose :func:`_partial_bound` is
    below ``floor``, are dropped.
    """
    space, context = problem.space, problem.context
    gamma = context.assumptions.generalist_depth
    state = _Partial(
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
        state = _Partial(
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
            bound = _partial_bound(problem, case, state, done, slack, floor)
            state = state.take(np.flatnonzero(bound >= floor - _BOUND_MARGIN))
    return state


def _partial_bound(
    problem: _Problem,
    case: int,
    state: _Partial,
    done: tuple[int, ...],
    slack: np.ndarray,
    floor: float = -math.inf,
) -> np.ndarray:
    """Upper bound on the quality of any completion of each partial allocation that fits the
    budget (``slack`` dollars above its cheapest completion); ``done`` are the coverable roles
    chosen (columns). Where the bound is below ``floor`` anyway, a weaker one may stand.

    The score is split into what the partial allocation has for sure and what money can add,
    each upper-bounded by a value per unit of something money buys: FTE of a later role's
    specialists, of annotators or of generalists' work, and leads (:func:`_offer`,
    :func:`_last_offer`). The most the money buys is then a linear programme solved exactly
    (:func:`_most_value`); leads are made whole afterwards (:func:`_best_offers`).

    - Later roles are resilient; teams count the chosen people and fewest generalists. Later
      roles with nobody employed are either all left to generalists (no specialist coverage,
      no resilience without two generalists) or at least one is in use, adding a kind.
    - Annotators: with none employed, either none (no annotation covered or resilient) or
      at least the fewest the space allows, paid for, adding a kind; then (or with some
      employed) they are resilient as much as the space allows.
    - Each case is a separate offer; the bound is the best of them.
    """
    context, space = problem.context, problem.space
    if context.demand_total <= 0:
        return np.full(len(state.cost), 100.0)
    demand, lowest = context.demand[A_COLUMN], space.lower["annotator"]
    most = _Annotation(
        base=min(demand, float(lowest)),
        covered=min(demand, float(space.upper["annotator"])),
        resilient=demand if space.upper["annotator"] >= 2 else 0.0,
        kind=int(lowest > 0),
        cost=0,
    )
    annotations = [most]
    if lowest == 0 and most.covered > 0:
        first = space.at_least("annotator", 1)
        cost = first * int(context.loaded_rates[A_COLUMN])
        some = replace(most, base=min(demand, float(first)), kind=1, cost=cost)
        annotations = [_Annotation(base=0.0, covered=0.0, resilient=0.0, kind=0, cost=0), some]
    later = [i for i in COVERABLE_COLUMNS if i not in done]
    unstaffed = [i for i in later if space.lower[ROLES[i]] == 0 and context.demand[i] > 0]
    choices = [_Later(roles=tuple(later), left_out=(), kind=0)]
    if unstaffed:
        staffed = tuple(i for i in later if i not in unstaffed)
        choices = [
            _Later(roles=tuple(later), left_out=(), kind=1),
            _Later(roles=staffed, left_out=tuple(unstaffed), kind=0),
        ]
    variants = [(annotation, choice) for annotation in annotations for choice in choices]
    rows = len(state.cost)
    cases = _Cases.of(problem, variants, rows)
    tiled = state.take(np.tile(np.arange(rows), len(variants)))
    money = np.tile(slack, len(variants)) - cases.cost
    if sum(context.demand[i] for i in later) > 0 or _fewest(space, case) == 0:
        offer = _offer(problem, case, tiled, done, money, cases)
    else:
        offer = _last_offer(problem, case, tiled, money, cases)
    best = _best_offers(problem, offer, (floor - _BOUND_MARGIN) / 100)
    return 100 * best.reshape(len(variants), rows).max(axis=0)


@dataclass(frozen=True)
class _Later:
    """Which coverable roles after the chosen ones :func:`_partial_bound` lets specialists
    cover (``roles``) and leaves to generalists (``left_out``), and the kinds this adds."""

    roles: tuple[int, ...]
    left_out: tuple[int, ...]
    kind: int


@dataclass(frozen=True)
class _Annotation:
    """What annotators can add at most in :func:`_partial_bound`: annotation covered by those
    paid for (``base``) and at most (``covered``), resilient (FTE), a kind in use (0 or 1),
    and the cost of those paid for beyond the existing ones."""

    base: float
    covered: float
    resilient: float
    kind: int
    cost: int


@dataclass(frozen=True)
class _Cases:
    """The cases of :func:`_partial_bound` (annotators as an :class:`_Annotation`, later roles
    as a :class:`_Later`), one entry per row: every partial allocation under each case."""

    base: np.ndarray  # annotation FTE covered by annotators paid for
    covered: np.ndarray  # annotation FTE covered at most
    resilient: np.ndarray  # annotation FTE resilient at most
    cost: np.ndarray  # of the annotators paid for beyond the existing ones
    kind: np.ndarray  # kinds the annotators and later roles add
    left_out: np.ndarray  # demand of later roles left to generalists
    floor_cover: np.ndarray  # demand later roles' existing staff cover
    unit: np.ndarray  # least price per FTE of a later role's specialist (1 if none: no room)

    @staticmethod
    def of(problem: _Problem, variants: list[tuple[_Annotation, _Later]], rows: int) -> _Cases:
        context, lower = problem.context, problem.space.lower

        def each(value: Callable[[_Annotation, _Later], float]) -> np.ndarray:
            return np.repeat(np.array([value(a, c) for a, c in variants], dtype=float), rows)

        return _Cases(
            base=each(lambda a, c: a.base),
            covered=each(lambda a, c: a.covered),
            resilient=each(lambda a, c: a.resilient),
            cost=each(lambda a, c: a.cost),
            kind=each(lambda a, c: a.kind + c.kind),
            left_out=each(lambda a, c: sum(context.demand[i] for i in c.left_out)),
            floor_cover=each(
                lambda a, c: sum(min(context.demand[i], lower[ROLES[i]]) for i in c.roles)
            ),
            unit=each(
                lambda a, c: min((float(context.loaded_rates[i]) for i in c.roles), default=1.0)
            ),
        )


def _sure(
    problem: _Problem, case: int, state: _Partial, done: tuple[int, ...], cases: _Cases
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Weighted resilience at most, hand-offs at least and teams needing a lead at least, of
    any completion under each case (:func:`_partial_bound`)."""
    context, space, a = problem.context, problem.space, problem.context.assumptions
    remaining = sum(context.demand[i] for i in COVERABLE_COLUMNS if i not in done)
    able = state.resilient + remaining - cases.left_out if case < 2 else problem.coverable_demand
    resilience = np.minimum(1.0, (able + cases.resilient) / context.demand_total)
    # Later roles' existing staff stay: they are a kind in use each, and people in teams.
    staff = [space.lower[ROLES[i]] for i in COVERABLE_COLUMNS if i not in done]
    kinds = state.kinds + (case > 0) + cases.kind + sum(n > 0 for n in staff)
    handoffs = np.maximum(0, kinds - 1) / 7
    teams = _teams(state.people + _fewest(space, case) + sum(staff), a.lead_span)
    return a.quality_weights["resilience"] * resilience, handoffs, teams


@dataclass(frozen=True)
class _Good:
    """Something :func:`_most_value` can buy, per partial allocation: price per unit, value
    per unit and room (units), and which shared rooms it draws on too."""

    price: np.ndarray
    value: np.ndarray
    room: np.ndarray
    shares: tuple[int, ...] = ()

    def take(self, rows: np.ndarray) -> _Good:
        return _Good(self.price[rows], self.value[rows], self.room[rows], self.shares)


@dataclass(frozen=True)
class _Offer:
    """What one case of :func:`_partial_bound` has for sure (``fixed``: weighted coverage,
    depth and resilience) and can buy with ``money``: ``goods`` within ``shared`` rooms, and
    leads, which close ``per_lead`` of the coordination lost (from ``start``) for each of
    ``open_leads``."""

    money: np.ndarray
    fixed: np.ndarray
    goods: list[_Good]
    shared: list[np.ndarray]
    start: np.ndarray
    per_lead: np.ndarray
    open_leads: np.ndarray

    def take(self, rows: np.ndarray) -> _Offer:
        return _Offer(
            money=self.money[rows],
            fixed=self.fixed[rows],
            goods=[g.take(rows) for g in self.goods],
            shared=[r[rows] for r in self.shared],
            start=self.start[rows],
            per_lead=self.per_lead[rows],
            open_leads=self.open_leads[rows],
        )


def _most_value(
    money: np.ndarray, goods: list[_Good], shared: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The most value ``money`` buys, per row, and the units of the last good bought: the
    goods the most value per dollar first, each as far as money, its room and the ``shared``
    rooms it draws on allow.

    This is the optimum of the linear programme (fractional purchases) as long as the goods
    that draw on one shared room all have the same value per unit, and shared rooms nest: then
    within a shared room the cheaper unit is always the better buy, and across goods the
    value each dollar buys only falls.
    """
    rows = len(money)
    worth = np.column_stack([g.value for g in goods])
    room = np.column_stack([g.room for g in goods])
    price = np.column_stack([g.price for g in goods])
    order = np.argsort(-worth / price, axis=1, kind="stable")
    free = [r.copy() for r in shared]
    members = [np.array([j in g.shares for g in goods]) for j in range(len(shared))]
    every = np.arange(rows)
    value = np.zeros(rows)
    last = np.zeros(rows)
    for rank in range(len(goods)):
        index = order[:, rank]
        available = room[every, index]
        for member, left in zip(members, free, strict=True):
            available = np.where(member[index], np.minimum(available, left), available)
        unit_price, unit_worth = price[every, index], worth[every, index]
        bought = np.where(unit_worth > 0, np.minimum(available, money / unit_price), 0.0)
        money = money - bought * unit_price
        value = value + bought * unit_worth
        for j, member in enumerate(members):
            free[j] = np.where(member[index], free[j] - bought, free[j])
        last = np.where(index == len(goods) - 1, bought, last)
    return value, last


def _best_offers(problem: _Problem, offer: _Offer, floor: float) -> np.ndarray:
    """The most the offer's money buys on top of what it has (:func:`_offer`), per row (-inf
    where the money is short); where that is below ``floor`` anyway, an upper bound on it.

    Three upper bounds, each closer and dearer than the one before, each worked out only
    where the one before reaches the floor:

    1. every dollar buys at the best value per dollar any good offers, and no more than all
       the goods' rooms hold;
    2. the linear programme (:func:`_most_value`), leads a good like the others (fractions of
       a step of leads allowed);
    3. leads made whole: the value is concave in the number of steps of leads, so the best
       whole number is the one below or above the fraction the programme bought.
    """
    space, context = problem.space, problem.context
    weight = context.assumptions.quality_weights["coordination"]
    step = space.step
    step_rate = float(context.loaded_rates[L_COLUMN]) * step
    goods = [
        *offer.goods,
        _Good(
            price=np.full(len(offer.money), step_rate),
            value=weight * offer.per_lead * step,
            room=offer.open_leads / step,
        ),
    ]
    held = offer.fixed + weight * offer.start
    rate = np.maximum.reduce([g.value / g.price for g in goods])
    most = sum(np.maximum(0.0, g.value) * g.room for g in goods)
    value = held + np.minimum(most, np.maximum(0.0, offer.money) * rate)
    value = np.where(offer.money >= 0, value, -np.inf)
    rows = np.flatnonzero(value >= floor)
    if not len(rows):
        return value
    bought, steps = _most_value(
        offer.money[rows], [g.take(rows) for g in goods], [r[rows] for r in offer.shared]
    )
    value[rows] = held[rows] + bought
    close = value[rows] >= floor
    rows, steps = rows[close], steps[close]
    if not len(rows):
        return value
    wholes = np.concatenate([np.floor(steps), np.ceil(steps)])
    pick = np.tile(rows, 2)
    money = offer.money[pick] - wholes * step_rate
    bought = _most_value(
        np.maximum(0.0, money),
        [g.take(pick) for g in offer.goods],
        [r[pick] for r in offer.shared],
    )[0]
    added = offer.per_lead[pick] * np.minimum(wholes * step, offer.open_leads[pick])
    coordination = weight * np.minimum(1.0, offer.start[pick] + added)
    whole = np.where(money >= 0, offer.fixed[pick] + coordination + bought, -np.inf)
    value[rows] = whole.reshape(2, len(rows)).max(axis=0)
    return value


def _offer(
    problem: _Problem,
    case: int,
    state: _Partial,
    done: tuple[int, ...],
    money: np.ndarray,
    cases: _Cases,
) -> _Offer:
    """Before the last coverable role (or with no generalists at all): what a partial
    allocation has for sure under each case, and what the ``money`` left can buy
    (:func:`_best_offers`):

    - coverage: a later role's specialist, annotation, and (two or more generalists)
      generalists' work, at their prices per FTE, never more than the demand left to cover;
    - depth lost to generalists' work past the fewest generalists' (a cost per FTE: the loss
      rises with their share of the uncovered work, and a chord below it is linear);
    - coordination: leads up to the teams the chosen people and fewest generalists form,
      each closing an equal part of the lead gap (never below zero at the start).

    Leads and generalists in fractions of a person only raise the bound.
    """
    context, space, a = problem.context, problem.space, problem.context.assumptions
    total, w = context.demand_total, a.quality_weights
    rows = len(state.cost)
    resilience, handoffs, teams = _sure(problem, case, state, done, cases)
    fewest = _fewest(space, case)
    remaining = sum(context.demand[i] for i in COVERABLE_COLUMNS if i not in done)
    base = state.covered + cases.floor_cover + fewest * problem.capacity
    have = np.minimum(problem.coverable_demand, base) + cases.base
    per_fte = np.full(rows, w["coverage"] / total)
    coverable_room = np.maximum(0.0, problem.coverable_demand - base)
    cover_room = np.maximum(0.0, total - have)
    specialist_room = remaining - cases.left_out - cases.floor_cover
    goods = [
        _Good(
            price=cases.unit,
            value=per_fte,
            room=np.maximum(0.0, np.minimum(specialist_room, coverable_room)),
            shares=(0, 1),
        ),
        _Good(
            price=np.full(rows, float(context.loaded_rates[A_COLUMN])),
            value=per_fte,
            room=np.maximum(0.0, cases.covered - cases.base),
            shares=(1,),
        ),
    ]
    depth = np.ones(rows)
    if remaining > 0 and fewest > 0:  # the chosen roles' uncovered work goes shallower
        gamma = a.generalist_depth
        uncovered = sum(context.demand[i] for i in done) - state.covered
        deep = sum(gamma.get(ROLES[i], 0.0) * context.demand[i] for i in done) - state.weighted
        shallow = np.maximum(0.0, uncovered - deep)
        reach = np.minimum(
            problem.coverable_demand, state.covered + remaining + fewest * problem.capacity
        )
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.minimum(1.0, fewest * problem.capacity / (uncovered + remaining))
            loss = share * shallow / (reach + cases.covered)
        depth = np.where(reach + cases.covered > 0, 1.0 - loss, 1.0)
        if case == 2:
            goods += _generalist_goods(
                problem, uncovered + remaining, shallow, loss, cases.covered, coverable_room
            )
    return _with_leads_to_buy(
        problem,
        teams,
        handoffs,
        money=money,
        fixed=w["coverage"] * np.minimum(1.0, have / total) + w["depth"] * depth + resilience,
        goods=goods,
        shared=[coverable_room, cover_room],
    )


def _with_leads_to_buy(
    problem: _Problem,
    teams: np.ndarray,
    handoffs: np.ndarray,
    money: np.ndarray,
    fixed: np.ndarray,
    goods: list[_Good],
    shared: list[np.ndarray],
) -> _Offer:
    """An offer whose leads, up to the ``teams`` needing one, each close an equal part of the
    lead gap (coordination at least zero to start with, an upper envelope that is linear)."""
    space, a = problem.space, problem.context.assumptions
    lowest = space.lower[LEAD]
    with np.errstate(divide="ignore", invalid="ignore"):
        gap = np.where(teams > 0, np.maximum(0, teams - lowest) / teams, 0.0)
        per_lead = np.where(teams > 0, a.lead_gap_penalty / teams, 0.0)
    return _Offer(
        money=money,
        fixed=fixed,
        goods=goods,
        shared=shared,
        start=np.maximum(0.0, 1 - a.lead_gap_penalty * gap - a.handoff_penalty * handoffs),
        per_lead=per_lead,
        open_leads=np.maximum(0, np.minimum(teams, space.upper[LEAD]) - lowest).astype(float),
    )


def _last_offer(
    problem: _Problem,
    case: int,
    state: _Partial,
    money: np.ndarray,
    cases: _Cases,
) -> _Offer:
    """Once every coverable role is chosen (one or more generalists): what a complete
    specialist allocation has for sure with the fewest generalists and the annotators there
    are, and what money can add (:func:`_best_offers`).

    Weighted coverage plus depth is convex in generalists' work ``W`` (linear plus
    ``-W (1 - rho) / (S + W)``) and concave in annotators' work ``S``, so it is at most the
    chord in ``W`` from the fewest generalists to the most the money buys, plus the slope in
    ``S`` at the start (steepest where ``W = S``): generalists' and annotators' work become
    goods with a value per FTE.
    """
    context, space, a = problem.context, problem.space, problem.context.assumptions
    w = a.quality_weights
    rows = len(state.cost)
    resilience, handoffs, teams = _sure(problem, case, state, COVERABLE_COLUMNS, cases)
    fewest = _fewest(space, case)
    g_rate = float(context.loaded_rates[G_COLUMN])
    most = np.full(rows, fewest)
    if case == 2:
        most = np.minimum(space.upper[GENERALIST], fewest + np.maximum(0.0, money) // g_rate)
    annotated = cases.base[:, None]
    least = _coverage_and_depth(problem, state, annotated, np.full((rows, 1), fewest))[:, 0]
    top = _coverage_and_depth(problem, state, annotated, most[:, None])[:, 0]
    uncovered = np.maximum(0.0, problem.coverable_demand - state.covered)
    start = np.minimum(uncovered, fewest * problem.capacity)
    extra = np.minimum(uncovered, most * problem.capacity) - start
    gamma = a.generalist_depth
    weighted_demand = sum(gamma.get(ROLES[i], 0.0) * context.demand[i] for i in COVERABLE_COLUMNS)
    deep = np.maximum(0.0, weighted_demand - state.weighted)
    specialist = state.covered + cases.base
    peak = np.clip(specialist, start, start + extra)  # where W / (S + W)^2 is largest
    with np.errstate(divide="ignore", invalid="ignore"):
        slope = np.where(extra > 0, (top - least) / extra, 0.0)
        rho = np.where(uncovered > 0, deep / uncovered, 1.0)
        steep = np.where(specialist + peak > 0, peak / (specialist + peak) ** 2, 0.0)
    per_annotation = w["coverage"] / context.demand_total + w["depth"] * (1 - rho) * steep
    goods = [
        _Good(price=np.full(rows, g_rate / problem.capacity), value=slope, room=extra),
        _Good(
            price=np.full(rows, float(context.loaded_rates[A_COLUMN])),
            value=per_annotation,
            room=np.maximum(0.0, cases.covered - cases.base),
        ),
    ]
    return _with_leads_to_buy(
        problem, teams, handoffs, money=money, fixed=least + resilience, goods=goods, shared=[]
    )


def _generalist_goods(
    problem: _Problem,
    open_work: np.ndarray,
    shallow: np.ndarray,
    loss: np.ndarray,
    annotated: np.ndarray,
    coverable_room: np.ndarray,
) -> list[_Good]:
    """Generalists' work past the fewest generalists' capacity, as goods for
    :func:`_most_value` (two or more generalists, before the last role).

    With ``g`` FTE more of it, generalists do at least a share ``min(1, (K + g) / open_work)``
    of the uncovered work (``K`` the fewest's capacity, ``open_work`` the chosen roles'
    uncovered demand plus the later roles'), so the depth lost is at least that share of the
    chosen roles' ``shallow`` work over at most all coverage (``annotated`` the annotation
    covered at most), and at least ``loss`` (what the
    fewest cost). The share is concave in ``g``, so a chord below it bounds the loss: free up
    to where the chord passes ``loss``, then linear. The first part counts as coverage; the
    second costs depth per FTE and is left out of the shared rooms (a relaxation that only
    raises the bound).
    """
    context, space, a = problem.context, problem.space, problem.context.assumptions
    w = a.quality_weights
    per_fte = w["coverage"] / context.demand_total
    fewest = _fewest(space, 2)
    most = np.minimum(coverable_room, (space.upper[GENERALIST] - fewest) * problem.capacity)
    scale = problem.coverable_demand + annotated
    capacity = fewest * problem.capacity
    with np.errstate(divide="ignore", invalid="ignore"):
        start = np.minimum(1.0, capacity / open_work) * shallow / scale
        end = np.minimum(1.0, (capacity + most) / open_work) * shallow / scale
        slope = np.where(most > 0, (end - start) / most, 0.0)
        free = np.where(slope > 0, np.minimum(most, (loss - start) / slope), most)
    free = np.maximum(0.0, free)
    price = np.full(len(free), float(context.loaded_rates[G_COLUMN]) / problem.capacity)
    return [
        _Good(price=price, value=np.full(len(free), per_fte), room=free, shares=(0, 1)),
        _Good(price=price, value=per_fte - w["depth"] * slope, room=most - free),
    ]


def _coverage_and_depth(
    problem: _Problem, state: _Partial, annotators: np.ndarray, generalists: np.ndarray
) -> np.ndarray:
    """Weighted coverage plus weighted depth of complete specialist allocations with
    ``annotators`` FTE of annotation and ``generalists`` generalists (rows x choices),
    unclipped (:func:`_partial_bound`)."""
    context, w = problem.context, problem.context.assumptions.quality_weights
    gamma = context.assumptions.generalist_depth
    weighted_demand = sum(gamma.get(ROLES[i], 0.0) * context.demand[i] for i in COVERABLE_COLUMNS)
    uncovered = np.maximum(0.0, problem.coverable_demand - state.covered)[:, None]
    general_depth = np.maximum(0.0, weighted_demand - state.weighted)[:, None]
    specialist = state.covered[:, None] + annotators
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(
            uncovered > 0, np.minimum(1.0, generalists * problem.capacity / uncovered), 0.0
        )
        work = specialist + uncovered * share
        depth = np.where(work > 0, (specialist + general_depth * share) / work, 1.0)
    return w["coverage"] * work / context.demand_total + w["depth"] * depth


def _incumbent(problem: _Problem, budget: float) -> float:
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
    teams = _teams(contributors, context.assumptions.lead_span)
    plans[:, L_COLUMN] = in_space(np.where(np.arange(len(ROLES)) == L_COLUMN, teams[:, None], 0))[
        :, L_COLUMN
    ]
    fits = plans[plans @ context.loaded_rates + context.vendor_usd <= budget]
    return float(score(context, fits).quality.max(initial=-math.inf))


def _undominated_partials(problem: _Problem, state: _Partial, case: int) -> _Partial:
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


def _replaceable(problem: _Problem, partial: _Partial) -> np.ndarray:
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
    problem: _Problem,
    partial: _Partial,
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
    problem: _Problem, case: int, partial: _Partial, budget: float | None = None
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
    lo = _fewest(space, case)
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


def _shallow(problem: _Problem, partial: _Partial) -> np.ndarray:
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

    partial: _Partial
    case: int
    rows: np.ndarray  # index into ``partial``
    generalists: np.ndarray
    annotators: np.ndarray
    leads: np.ndarray

    def take(self, keep: np.ndarray) -> _Completions:
        return _Completions(
            self.partial,
            self.case,
            self.rows[keep],
            self.generalists[keep],
            self.annotators[keep],
            self.leads[keep],
        )

    def allocations(self) -> np.ndarray:
        result = np.zeros((len(self.rows), len(ROLES)), dtype=np.int64)
        result[:, list(COVERABLE_COLUMNS)] = self.partial.heads[self.rows]
        result[:, G_COLUMN] = self.generalists
        result[:, A_COLUMN] = self.annotators
        result[:, L_COLUMN] = self.leads
        return result


def _completions(
    problem: _Problem, case: int, partial: _Partial, rows: np.ndarray, generalists: np.ndarray
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
    )


def _completion_cost(problem: _Problem, completions: _Completions) -> np.ndarray:
    """Exact yearly cost of each completion (whole dollars, as ``evaluate`` adds it up)."""
    rates, c = problem.context.loaded_rates, completions
    return (
        c.partial.cost[c.rows]
        + c.generalists * int(rates[G_COLUMN])
        + c.annotators * int(rates[A_COLUMN])
        + c.leads * int(rates[L_COLUMN])
        + problem.context.vendor_usd
    )


def _estimate(problem: _Problem, completions: _Completions, *, bound: bool) -> np.ndarray:
    """Quality of each completion from the partial sums (``evaluate``'s formulas, in another
    order of additions, so equal up to rounding noise), with the existing leads.

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
    capacity_for_depth = _fewest(problem.space, 2) * problem.capacity if bound else capacity
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(uncovered > 0, np.minimum(1.0, capacity_for_depth / uncovered), 0.0)
        work = specialist + uncovered * share
        depth = np.where(work > 0, (specialist + general_depth * share) / work, 1.0 * (total <= 0))
        coverage = (specialist + np.minimum(uncovered, capacity)) / total if total > 0 else 1.0
    able = partial.resilient[c.rows] if c.case < 2 else problem.coverable_demand
    annotation = np.where(c.annotators >= 2, annotator_demand, 0.0)
    resilience = (able + annotation) / total if total > 0 else 1.0
    contributors = partial.people[c.rows] + c.generalists
    kinds = partial.kinds[c.rows] + (c.generalists > 0) + (c.annotators > 0)
    handoffs = np.where(kinds > 1, (kinds - 1) / 7, 0.0)
    gap: float | np.ndarray
    if bound:
        gap = 0.0
    else:
        teams = _teams(contributors, a.lead_span)
        with np.errstate(divide="ignore", invalid="ignore"):
            gap = np.where(teams > 0, np.maximum(0, teams - c.leads) / teams, 0.0)
    value = np.clip(1 - a.lead_gap_penalty * gap - a.handoff_penalty * handoffs, 0.0, 1.0)
    coordination = np.where(contributors == 0, 0.0, value)
    w = a.quality_weights
    quality = 100 * (
        w["coverage"] * np.clip(coverage, 0.0, 1.0)
        + w["depth"] * np.clip(depth, 0.0, 1.0)
        + w["resilience"] * np.clip(resilience, 0.0, 1.0)
        + w["coordination"] * coordination
    )
    return np.clip(quality, 0.0, 100.0)


def _teams(contributors: np.ndarray, span: int) -> np.ndarray:
    """Teams needing a lead: none for one team, one per ``span`` people past it."""
    return np.where(contributors > span, -(-contributors // span), 0)


def _hopeless(
    problem: _Problem,
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
    problem: _Problem,
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
    teams = _teams(contributors, problem.context.assumptions.lead_span)
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
        kept = kept[_estimate(problem, all_led, bound=False) >= floor - _BOUND_MARGIN]
    led = _with_leads(problem.space, completions.take(kept), teams[kept])
    cost = _completion_cost(problem, led)
    estimate = _estimate(problem, led, bound=False)
    if budget is not None:
        fits = np.flatnonzero((cost <= budget) & (estimate >= floor - _BOUND_MARGIN))
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
    problem = _problem(scenario, assumptions or Assumptions.defaults())
    rng = np.random.default_rng(seed)
    space = problem.space
    allocations = np.column_stack(
        [space.lower[r] + space.step * rng.integers(0, space.count(r), size=count) for r in ROLES]
    )
    scores = score(problem.context, allocations)
    return [_point(allocations, scores, i) for i in range(count)]
