"""The budget search's pruning bound is an upper bound: checked against every completion.

:func:`mlplanner.search.budget_bound.partial_bound` may drop a partial allocation of the coverable
roles only when no completion of it within the budget can reach the floor. The budget tests compare
the search's answer with brute force, which catches a bound that is too low only where it happens to
cut the optimum away. This property checks the bound itself: for every partial allocation it is
computed for, on small generated scenarios and budgets, it is at least the best exact score of all
its completions that fit the budget (later coverable roles, generalists of the partial's case,
annotators and leads, every count the space allows).
"""

from __future__ import annotations

import importlib
import itertools
from typing import Any
from unittest.mock import patch

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.quality import A_COLUMN, COVERABLE_COLUMNS, G_COLUMN, L_COLUMN
from mlplanner.model.roles import GENERALIST, HEAD, LEAD, ROLES
from mlplanner.model.scenario import Scenario, load_scenario
from mlplanner.model.scoring import score
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.search.search_space import search_problem

from .test_frontier import SETTINGS, small_cases

frontier_module = importlib.import_module("mlplanner.search.frontier")
# Far below the quality scale and far above the bound's rounding noise.
NOISE = 1e-7


def bound_calls(scenario: Scenario, assumptions: Assumptions, budget: float) -> list[Any]:
    """Every call the budget search makes to the bound: (problem, case, state, done, bound)."""
    problem = search_problem(scenario, assumptions)
    calls: list[Any] = []
    original = frontier_module.partial_bound

    def recorded(
        problem: Any, case: int, state: Any, done: Any, slack: Any, floor: float
    ) -> np.ndarray:
        result = original(problem, case, state, done, slack, floor)
        calls.append((problem, case, state, done, result))
        return result

    with (
        patch.object(frontier_module, "partial_bound", recorded),
        patch.object(frontier_module, "_BOUND_ROWS", 0),
    ):
        # A floor far below every score: the bound runs everywhere and drops nothing.
        frontier_module._search(problem, budget, floor=-1e9)
    return calls


def best_completions(
    problem: Any, case: int, state: Any, done: tuple[int, ...], budget: float
) -> np.ndarray:
    """Per partial allocation, the best exact quality of its completions within the budget."""
    space = problem.space
    later = [c for c in COVERABLE_COLUMNS if c not in done]
    generalists = space.values(GENERALIST)
    generalists = generalists[generalists >= 2] if case == 2 else generalists[generalists == case]
    grids = [space.values(ROLES[c]) for c in later]
    grids += [generalists, space.values("annotator"), space.values(LEAD)]
    rest = np.array(list(itertools.product(*grids)), dtype=np.int64).reshape(-1, len(grids))
    best = np.full(len(state.cost), -np.inf)
    for row in range(len(state.cost)):
        allocations = np.zeros((len(rest), len(ROLES)), dtype=np.int64)
        allocations[:, list(done)] = state.heads[row]
        allocations[:, later] = rest[:, : len(later)]
        allocations[:, [G_COLUMN, A_COLUMN, L_COLUMN]] = rest[:, len(later) :]
        allocations[:, ROLES.index(HEAD)] = space.lower[HEAD]  # the space's only value
        scores = score(problem.context, allocations)
        fits = scores.cost <= budget
        best[row] = scores.quality[fits].max(initial=-np.inf)
    return best


@SETTINGS
@given(small_cases(), st.floats(0.2, 1.2))
def test_bound_is_at_least_every_completion_within_the_budget(
    case: tuple[Scenario, Assumptions], fraction: float
) -> None:
    scenario, assumptions = case
    whole = frontier_module.frontier(scenario, assumptions=assumptions)
    budget = fraction * whole[-1].annual_cost_usd
    for problem, generalist_case, state, done, bound in bound_calls(scenario, assumptions, budget):
        # The state's heads are in the order the search chose the roles (``done``).
        best = best_completions(problem, generalist_case, state, done, budget)
        assert (bound >= best - NOISE).all(), (generalist_case, done, (best - bound).max())


def test_the_property_sees_the_bound_at_work() -> None:
    """The recorder above is called (a renamed or moved bound would leave it empty and the
    property with nothing to check): on the fashion example, at every position it bounds."""
    scenario = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")
    calls = bound_calls(scenario, Assumptions.defaults(), 2_000_000)
    assert {len(done) for _, _, _, done, _ in calls} >= {1, 2, 6}
    assert all(np.isfinite(bound).any() for *_, bound in calls)
