"""The cost/quality Pareto frontier of a scenario under a setup, and the best plan under a budget.

**Search space**: :mod:`mlplanner.model.setup_space` documents which allocations are candidates
under each setup (each role from its existing staff up to a bound derived from demand and the
setup's staffing style, in steps of one person or, for large teams, of several);
:mod:`mlplanner.search.problem` pairs that space with the scoring context and the setup's
recommended plan.

**Rules.** Cost and quality are exactly ``evaluate``'s (:mod:`mlplanner.model.scoring` applies
them to arrays, bit for bit). The frontier is selected by :func:`mlplanner.search.pareto.sweep`:
sorted by cost, quality strictly increasing (ties within
:data:`~mlplanner.search.pareto.QUALITY_TOLERANCE`).
Cost and quality do not depend on the setup, but the space does (a startup's plans have no
specialist data scientists, a mature company's no new full-stack data scientists), so the
frontier is the frontier of the setup's space and differs from setup to setup. The setup's
recommended plan is a candidate; its shaping (:mod:`mlplanner.model.shaping`) puts it on this
frontier: exactly where the setup's space has up to 20,000 plans (scored whole; the tests
check it against brute force), and by local moves on larger spaces, where none of the 309
plans of ``bench/recommend_family.py`` is beaten (one of 1,200 more is: ``docs/model.md``).

**Algorithm** (a local search, exact on small spaces; :func:`brute_force` enumerates the
space, and the tests check that both agree on generated small scenarios;
``bench/frontier_family.py --gaps`` measures, on 100 generated scenarios, the largest quality
gap to the exact frontier, :func:`proven_frontier`, where the proof finishes). It rests on
two properties of the quality score (:mod:`mlplanner.model.quality`):

- **Leads only scale it.** Quality is the rest of the score times the coordination factor,
  which depends on the leads alone; cost is the other roles' plus that of the leads and the
  heads of data & ML they call for (:meth:`SearchSpace.with_heads
  <mlplanner.model.setup_space.SearchSpace.with_heads>`). So the frontier is found with
  leads at their upper bound (coordination 1) over the other roles, and each of its points is
  then taken with every number of leads: a plan off that frontier is beaten, at every number
  of leads, by a frontier point with the same leads (and so the same heads).
- **Adding a person never lowers it** (``tests/model/test_quality_properties.py``), so the
  frontier is a staircase that plans one or two people apart climb.

1. **Seeds**: the cheapest allocation, a greedy walk from it (:func:`_greedy`: each step
   adds the role, or else the pair of roles, buying the most quality per dollar; scored
   three steps ahead per call), the
   setup's recommended plan and the most generous allocation. Plans the space excludes
   (nobody to deploy a production model: :meth:`SearchSpace.holds
   <mlplanner.model.setup_space.SearchSpace.holds>`) are dropped wherever plans are made:
   seeds, neighbours, enumerated and proven plans.
2. **Climb**: every plan that joins the frontier has its neighbours scored: one step more or
   less of a role, one role's step moved to another, one step more or less of two roles.
   Those that join the frontier in turn have theirs scored, until no neighbour joins. Each
   allocation is scored once.
Spaces up to :data:`ENUMERATE_LIMIT` allocations (leads aside) are not climbed but scored
whole: exact, and as fast. On larger ones the climb can miss a frontier point that only a
move of three or more people reaches; on the benchmark's family it misses a few, by
hundredths of a quality point (``docs/benchmarks.md``). :func:`proven_frontier` proves a
climbed frontier exact by branch and bound (:func:`_prove`), for such checks.

**Best under a budget** is the frontier's last point within the budget (:func:`affordable`):
the same search, only that one point built, so the budget answer and the frontier cannot
disagree. It costs a whole frontier search (``docs/benchmarks.md``: an exact budget-capped
branch and bound with the bounds of :func:`_beaten` was tried and was several times slower).

Every figure returned is scored by :mod:`mlplanner.model.scoring`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from itertools import combinations, permutations
from typing import Any

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import compute_demand
from mlplanner.model.quality import COMPONENTS, COVERABLE
from mlplanner.model.roles import LEAD, ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.model.scoring import Scores, cost, score
from mlplanner.model.setup_space import search_step
from mlplanner.search.pareto import QUALITY_TOLERANCE, sweep
from mlplanner.search.problem import SearchProblem, search_problem

BRUTE_FORCE_LIMIT = 200_000_000
# Single steps the greedy walk scores ahead per call (3: up to 220 plans, for 9 roles).
_AHEAD = 3
# Spaces up to this many allocations (leads aside) are scored whole, which takes a few
# milliseconds to tens of them; larger ones are climbed (module docstring).
ENUMERATE_LIMIT = 20_000
# Known plans' costs the branch and bound's test cuts the extra spend at (_beaten).
_GRID = 24
_LEAD = ROLES.index(LEAD)
_CHUNK = 200_000
# Quality differences this small are noise: the greedy walk's steps must gain more, and the
# branch and bound drops a partial allocation only when a known plan beats its bound by more.
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
    """Every allocation of the setup's space of plans that no other in it beats on both cost
    and quality.

    Sorted by cost, quality strictly increasing. ``setup`` (default: the scenario's) picks the
    space (:func:`~mlplanner.model.setup_space.setup_space`) and the recommended plan, a
    candidate too (module docstring); cost and quality themselves do not depend on it.
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

    ``None`` when nothing in the search space fits (its cheapest plan, the existing team and
    anyone the work cannot do without, such as someone to deploy a production model, costs
    more).
    Raises ``ValueError`` for a budget that is not a non-negative number.
    """
    problem = search_problem(scenario, assumptions or Assumptions.defaults(), setup)
    return best_within(problem, check_budget(budget_usd))


def best_within(problem: SearchProblem, budget_usd: float) -> FrontierPoint | None:
    """:func:`best_under_budget` of a search problem (its frontier's last point within
    ``budget_usd``; ``None`` when none is)."""
    allocations = _search(problem)
    scores = score(problem.context, allocations)
    chosen = sweep(scores.cost, scores.quality, allocations)
    index = _bought(scores.cost[chosen], budget_usd)
    return None if index is None else _as_points(allocations, scores, chosen[index : index + 1])[0]


def cheapest_scoring(points: list[FrontierPoint]) -> FrontierPoint | None:
    """The cheapest frontier plan that scores anything."""
    return next((p for p in points if p.quality > QUALITY_TOLERANCE), None)


def affordable(points: list[FrontierPoint], budget_usd: float) -> FrontierPoint | None:
    """The frontier point a budget buys: the last one costing at most ``budget_usd``."""
    index = _bought(np.array([p.annual_cost_usd for p in points]), budget_usd)
    return None if index is None else points[index]


def _bought(costs: np.ndarray, budget_usd: float) -> int | None:
    """Index of the last of the ascending frontier ``costs`` within ``budget_usd`` (None: none)."""
    index = int(np.searchsorted(costs.astype(np.float64), budget_usd, side="right"))
    return index - 1 if index > 0 else None


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
    lower = np.array([space.lower[role] for role in ROLES], dtype=np.int64)
    upper = np.array([space.upper[role] for role in ROLES], dtype=np.int64)
    return _points(
        problem, np.concatenate([_enumerated(problem, lower, upper), problem.recommended])
    )


def _enumerated(problem: SearchProblem, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """Every allocation between ``lower`` and ``upper`` that may be on their frontier: scored a
    chunk at a time, keeping per chunk what beats everything before it in the sweep's order
    (every frontier point does, so a final sweep over those sees all of them)."""
    step = problem.space.step
    shape = ((upper - lower) // step + 1).tolist()
    size = math.prod(shape)
    kept: list[np.ndarray] = []
    for start in range(0, size, _CHUNK):
        flat = np.arange(start, min(start + _CHUNK, size))
        chunk = np.column_stack(np.unravel_index(flat, shape)) * step + lower
        chunk = problem.space.with_heads(chunk)
        chunk = chunk[problem.space.deployable(chunk)]
        scores = score(problem.context, chunk)
        keys = [chunk[:, i] for i in reversed(range(len(ROLES)))]
        order = np.lexsort((*keys, -scores.quality, scores.cost))
        ranked = scores.quality[order]
        best_before = np.maximum.accumulate(np.concatenate(([-np.inf], ranked[:-1])))
        kept.append(chunk[order[ranked > best_before]])
    return np.concatenate(kept)


def proven_frontier(
    scenario: Scenario, assumptions: Assumptions | None = None, setup: str | None = None
) -> list[FrontierPoint]:
    """The frontier proven exact by branch and bound whatever the size of the space (for
    checking the climb on spaces past :data:`ENUMERATE_LIMIT`; it can take seconds)."""
    problem = search_problem(scenario, assumptions or Assumptions.defaults(), setup)
    return _points(problem, _search(problem, prove=True))


def frontier_step(scenario: Scenario, assumptions: Assumptions | None = None) -> int:
    """People per step of the scenario's search space (one for teams up to
    :data:`~mlplanner.model.setup_space.STEP_FTE` of coverable demand); cheap (no search)."""
    demand = compute_demand(scenario, assumptions or Assumptions.defaults()).by_role
    return search_step(sum(demand[role] for role in COVERABLE))


def _points(problem: SearchProblem, allocations: np.ndarray) -> list[FrontierPoint]:
    scores = score(problem.context, allocations)
    return _as_points(allocations, scores, sweep(scores.cost, scores.quality, allocations))


def _as_points(allocations: np.ndarray, scores: Scores, rows: np.ndarray) -> list[FrontierPoint]:
    """The scored ``rows`` of ``allocations`` as points (numbers converted once, in bulk)."""
    components = [scores.components[c][rows].tolist() for c in COMPONENTS]
    return [
        FrontierPoint(
            allocation=dict(zip(ROLES, heads, strict=True)),
            annual_cost_usd=dollars,
            quality=quality,
            components=dict(zip(COMPONENTS, parts, strict=True)),
        )
        for heads, dollars, quality, *parts in zip(
            allocations[rows].tolist(),
            scores.cost[rows].tolist(),
            scores.quality[rows].tolist(),
            *components,
            strict=True,
        )
    ]


def _search(problem: SearchProblem, prove: bool = False) -> np.ndarray:
    """Candidates containing the frontier, by the module docstring's algorithm (``prove``:
    prove it exact whatever the size of the space)."""
    space = problem.space
    lower = np.array([space.lower[role] for role in ROLES], dtype=np.int64)
    upper = np.array([space.upper[role] for role in ROLES], dtype=np.int64)
    led = lower.copy()  # every allocation searched has the most leads (coordination 1)
    led[_LEAD] = upper[_LEAD]
    if _size(led, upper, space.step) <= ENUMERATE_LIMIT:
        core = _enumerated(problem, led, upper)
    else:
        recommended = problem.recommended.copy()
        recommended[:, _LEAD] = upper[_LEAD]
        recommended = space.with_heads(recommended)
        seeds = np.concatenate([_greedy(problem, led, upper), recommended, upper[None, :]])
        core = _climb(problem, seeds, led, upper)
        if prove:
            core = _prove(problem, core, led, upper)
    leads = space.values(LEAD)
    plans = np.repeat(core, len(leads), axis=0)
    plans[:, _LEAD] = np.tile(leads, len(core))
    return np.concatenate([space.with_heads(plans), problem.recommended])


def _climb(
    problem: SearchProblem, seeds: np.ndarray, lower: np.ndarray, upper: np.ndarray
) -> np.ndarray:
    """The frontier of the allocations between ``lower`` and ``upper``, climbed from
    ``seeds`` (module docstring, step 2)."""
    step = problem.space.step
    moves = _moves(lower, upper, step)
    radix = np.cumprod(np.concatenate(([1], upper[:-1] + 1))).astype(np.int64)
    move_keys = moves @ radix  # a neighbour's key is its plan's key plus its move's
    raises, lowers = (moves > 0).astype(np.float64).T, (moves < 0).astype(np.float64).T
    within = ((seeds >= lower) & (seeds <= upper) & ((seeds - lower) % step == 0)).all(axis=1)
    # the space's own allocations (a recommended plan may lie off steps; a greedy walk's first
    # plans may have nobody to deploy)
    seeds = seeds[within & problem.space.deployable(seeds)]
    seen = np.unique(seeds @ radix)
    scores = score(problem.context, seeds)
    kept = sweep(scores.cost, scores.quality, seeds)
    front, front_cost, front_quality = seeds[kept], scores.cost[kept], scores.quality[kept]
    new = front
    while len(new):
        # the moves that stay in the space: none raises a role already at its upper bound or
        # lowers one at its lower bound (counted by a product, without building neighbours)
        full = (new + step > upper).astype(np.float64)
        empty = (new - step < lower).astype(np.float64)
        plan, move = np.nonzero(full @ raises + empty @ lowers == 0)
        fresh, keys = _unseen((new @ radix)[plan] + move_keys[move], seen)
        near = new[plan[fresh]] + moves[move[fresh]]
        near = near[problem.space.deployable(near)]
        seen = np.sort(np.concatenate([seen, keys]), kind="stable")  # two sorted runs: a merge
        scores = score(problem.context, near)
        allocations = np.concatenate([front, near])
        costs = np.concatenate([front_cost, scores.cost])
        qualities = np.concatenate([front_quality, scores.quality])
        kept = sweep(costs, qualities, allocations)
        new = allocations[kept[kept >= len(front)]]
        front, front_cost, front_quality = allocations[kept], costs[kept], qualities[kept]
    return front


def _unseen(keys: np.ndarray, seen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the ``keys`` not in the sorted ``seen``, each key once (ascending), and
    those keys (sorting beats hashing here: numpy's hashed ``unique`` is several times
    slower)."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    first = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    position = np.minimum(np.searchsorted(seen, ordered), max(len(seen) - 1, 0))
    known = seen[position] == ordered if len(seen) else np.zeros(len(ordered), dtype=bool)
    fresh = first & ~known
    return order[fresh], ordered[fresh]


def _size(lower: np.ndarray, upper: np.ndarray, step: int) -> int:
    """Number of allocations between ``lower`` and ``upper`` in steps of ``step``."""
    return int(np.prod((upper - lower) // step + 1, dtype=np.float64))


def _prove(
    problem: SearchProblem, front: np.ndarray, lower: np.ndarray, upper: np.ndarray
) -> np.ndarray:
    """The exact frontier of the allocations between ``lower`` and ``upper``, by branch and
    bound with the climbed ``front`` as the plans to beat (module docstring). Roles
    are fixed one at a time, dearest range first; a partial allocation goes when every
    completion is beaten by a known plan costing no more (:func:`_beaten`)."""
    context, step = problem.context, problem.space.step
    scores = score(context, front)
    bar = (scores.cost.astype(np.int64), scores.quality)
    rates = context.loaded_rates
    roles = [i for i in range(len(ROLES)) if upper[i] > lower[i]]
    roles.sort(key=lambda i: (-(upper[i] - lower[i]) * rates[i], i))
    partial = lower[None, :].copy()
    for depth, role in enumerate(roles):
        values = np.arange(lower[role], upper[role] + 1, step)
        grown = np.repeat(partial, len(values), axis=0)
        grown[:, role] = np.tile(values, len(partial))
        open_roles = roles[depth + 1 :]
        partial = np.concatenate(
            [
                chunk[~_beaten(problem, chunk, open_roles, lower, upper, bar)]
                for chunk in np.array_split(grown, max(1, -(-len(grown) // _CHUNK)))
            ]
        )
    everything = np.concatenate([partial[problem.space.deployable(partial)], front])
    scores = score(context, everything)
    return everything[sweep(scores.cost, scores.quality, everything)]


def _beaten(
    problem: SearchProblem,
    partial: np.ndarray,
    open_roles: list[int],
    lower: np.ndarray,
    upper: np.ndarray,
    bar: tuple[np.ndarray, np.ndarray],
) -> np.ndarray:
    """Which ``partial`` allocations (``open_roles`` still at ``lower``) have every completion
    beaten by a known plan (``bar``: costs ascending, qualities) that costs no more.

    A completion spending ``e`` dollars more than the partial scores at most the partial with
    each open role raised as far as ``e`` alone could raise it (quality never falls as people
    are added). Known plans' costs cut the extra spend into intervals; within one the best
    known plan at its start must score at least that bound at its end. Known costs thinned to
    :data:`_GRID` give fewer, wider intervals: a looser test, never a wrong one.
    """
    context, step = problem.context, problem.space.step
    known_cost = bar[0]
    start = cost(context, partial)
    if not open_roles:
        return _best_known(bar, start) > score(context, partial).quality + _MARGIN
    grid = np.unique(np.linspace(0, len(known_cost) - 1, min(_GRID, len(known_cost))).astype(int))
    edges = np.concatenate((known_cost[grid], [np.iinfo(np.int64).max]))
    beaten = np.ones(len(partial), dtype=bool)
    rates = context.loaded_rates[open_roles] * step
    for i in range(len(edges)):  # interval i: from start or edges[i - 1] to edges[i]
        low = start if i == 0 else np.maximum(start, edges[i - 1])
        rows = np.flatnonzero(beaten & (start < edges[i]))
        if not len(rows):
            continue
        spend = np.minimum(edges[i] - 1 - start[rows], 10**15)
        bound = partial[rows].copy()
        bound[:, open_roles] = np.minimum(
            upper[open_roles], lower[open_roles] + step * (spend[:, None] // rates[None, :])
        )
        beaten[rows] &= _best_known(bar, low[rows]) > score(context, bound).quality + _MARGIN
    return beaten


def _best_known(bar: tuple[np.ndarray, np.ndarray], costs: np.ndarray) -> np.ndarray:
    """The best quality of a known plan costing at most each of ``costs`` (-inf: none)."""
    known_cost, known_quality = bar
    index = np.searchsorted(known_cost, costs, side="right") - 1
    return np.where(index >= 0, known_quality[np.maximum(index, 0)], -np.inf)


def _moves(lower: np.ndarray, upper: np.ndarray, step: int) -> np.ndarray:
    """A plan's neighbours, as differences: one step more or less of a role, a step moved
    from one role to another, one step more or less of two roles (roles the space lets
    vary, leads aside)."""
    roles = [i for i in range(len(ROLES)) if i != _LEAD and upper[i] > lower[i]]
    unit = np.eye(len(ROLES), dtype=np.int64) * step
    one = [unit[i] for i in roles]
    two = [unit[i] + unit[j] for i, j in combinations(roles, 2)]
    moved = [unit[i] - unit[j] for i, j in permutations(roles, 2)]
    rows = [*one, *(-m for m in one), *two, *(-m for m in two), *moved]
    return np.array(rows, dtype=np.int64).reshape((-1, len(ROLES)))


def _greedy(problem: SearchProblem, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """Allocations of a walk from ``lower``: each step adds the role, or else the pair of
    roles, that buys the most quality per dollar, until nothing gains (module docstring).

    The score's time is nearly all per call (9 plans cost what 100 do), so each call scores
    every plan up to :data:`_AHEAD` single steps ahead and the walk follows its choices
    through them: the same walk in a third of the calls."""
    step = problem.space.step
    ones = np.eye(len(ROLES), dtype=np.int64) * step
    pairs = np.array([ones[i] + ones[j] for i, j in combinations(range(len(ROLES)), 2)])
    ahead = _ahead(len(ROLES))
    current = lower.copy()
    first = score(problem.context, current[None, :])
    quality, paid = float(first.quality[0]), int(first.cost[0])
    walk = [current]
    while True:
        reach = current + ahead.offsets * step
        inside = np.flatnonzero((reach <= upper).all(axis=1))
        scores = score(problem.context, reach[inside])
        position = np.full(len(reach), -1)  # each plan ahead's row in scores (-1: not scored)
        position[inside] = np.arange(len(inside))
        at = 0  # where the walk is among the plans ahead
        for _ in range(_AHEAD):
            following = ahead.following[at]
            following = following[following >= 0]
            following = following[position[following] >= 0]  # one step more of each role
            best = _best_step(scores, position[following], quality, paid)
            if best is None:
                break
            at = int(following[best])
            current = reach[at]
            quality, paid = float(scores.quality[position[at]]), int(scores.cost[position[at]])
            walk.append(current)
        else:
            continue  # every step scored ahead taken: score the next ones
        tried = current + pairs  # a pair only when no single role gains anything
        tried = tried[(tried <= upper).all(axis=1)]
        if not len(tried):
            return np.array(walk)
        paired = score(problem.context, tried)
        best = _best_step(paired, np.arange(len(tried)), quality, paid)
        if best is None:
            return np.array(walk)
        current = tried[best]
        quality, paid = float(paired.quality[best]), int(paired.cost[best])
        walk.append(current)


def _best_step(scores: Scores, rows: np.ndarray, quality: float, paid: int) -> int | None:
    """Which of the scored ``rows`` (their position among them) buys the most quality per
    dollar over a plan of ``quality`` costing ``paid``; ``None`` when none gains."""
    gain = scores.quality[rows] - quality
    value = np.where(gain > _MARGIN, gain / np.maximum(scores.cost[rows] - paid, 1.0), -np.inf)
    return int(np.argmax(value)) if np.isfinite(value).any() else None


@dataclass(frozen=True)
class _Ahead:
    """Every allocation up to :data:`_AHEAD` single steps from a plan (``offsets``, in steps:
    the plan itself first) and, for each, the row of one step more of each role
    (``following[row, role]``; -1 past the last)."""

    offsets: np.ndarray
    following: np.ndarray


@cache
def _ahead(roles: int) -> _Ahead:
    index = {(0,) * roles: 0}
    level = list(index)
    for _ in range(_AHEAD):
        level = [_more(offset, role) for offset in level for role in range(roles)]
        level = [offset for offset in dict.fromkeys(level) if offset not in index]
        index.update({offset: len(index) + i for i, offset in enumerate(level)})
    following = [[index.get(_more(offset, role), -1) for role in range(roles)] for offset in index]
    return _Ahead(offsets=np.array(list(index)), following=np.array(following))


def _more(offset: tuple[int, ...], role: int) -> tuple[int, ...]:
    """``offset`` with one step more of ``role``."""
    return (*offset[:role], offset[role] + 1, *offset[role + 1 :])


def sample(
    scenario: Scenario, count: int, seed: int = 0, assumptions: Assumptions | None = None
) -> list[FrontierPoint]:
    """Allocations drawn uniformly from the search space, scored: context for charts (``count``
    drawn from its bounds, those with nobody to deploy a production model left out)."""
    problem = search_problem(scenario, assumptions or Assumptions.defaults())
    rng = np.random.default_rng(seed)
    space = problem.space
    allocations = np.column_stack(
        [space.lower[r] + space.step * rng.integers(0, space.count(r), size=count) for r in ROLES]
    )
    allocations = space.with_heads(allocations[space.deployable(allocations)])
    return _as_points(allocations, score(problem.context, allocations), np.arange(len(allocations)))
