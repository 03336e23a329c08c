"""Array scoring gives exactly evaluate()'s figures, bit for bit (``==``, never approx): the
quality formula has one home (:mod:`mlplanner.model.quality`), run on numbers for one plan
and on arrays for many."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import compute_demand
from mlplanner.model.plan import Evaluation, evaluate, recommend
from mlplanner.model.quality import (
    COMPONENTS,
    COVERABLE,
    portfolio,
    score_allocations,
    score_heads,
)
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import SETUPS, Scenario
from mlplanner.model.scoring import score, scoring_context
from mlplanner.search.frontier import frontier
from tests.support.builders import assumptions_with
from tests.support.strategies import ENGINE_SETTINGS, allocations, scenarios

_SHARE = st.floats(min_value=0.0, max_value=1.0)


@st.composite
def model_numbers(draw: st.DrawFn) -> Assumptions:
    """Assumptions with every number of the quality formula drawn."""
    links = Assumptions.defaults().weakest_link
    changes: dict[str, Any] = {
        "delivery_headroom": draw(st.floats(min_value=0.01, max_value=0.99)),
        "resilience_weight": draw(_SHARE),
        "weakest_link": {key: draw(_SHARE) for key in links},
        "generalist_depth": {role: draw(_SHARE) for role in COVERABLE},
        "generalist_capacity_fte": draw(st.floats(min_value=0.05, max_value=1.0)),
        "lead_gap_penalty": draw(_SHARE),
        "lead_span": draw(st.integers(min_value=2, max_value=12)),
    }
    return assumptions_with(**changes)


def assert_same_figures(scenario: Scenario, rows: list[dict[str, int]], a: Assumptions) -> None:
    """Scored together as arrays, each row's cost, quality and components are ``==`` to
    ``evaluate``'s."""
    context = scoring_context(compute_demand(scenario, a), scenario.company.region, a)
    matrix = np.array([[row[role] for role in ROLES] for row in rows])
    scores = score(context, matrix)
    for i, row in enumerate(rows):
        evaluation = evaluate(scenario, row, assumptions=a)
        assert int(scores.cost[i]) == evaluation.annual_cost_usd
        assert float(scores.quality[i]) == evaluation.quality
        for component in COMPONENTS:
            assert (
                float(scores.components[component][i]) == evaluation.quality_components[component]
            )


@ENGINE_SETTINGS
@given(scenarios(), st.lists(allocations(max_per_role=12), min_size=1, max_size=8))
def test_score_is_evaluate_bit_for_bit(scenario: Scenario, rows: list[dict[str, int]]) -> None:
    assert_same_figures(scenario, rows, Assumptions.defaults())


@ENGINE_SETTINGS
@given(
    scenarios(),
    st.lists(allocations(max_per_role=30), min_size=1, max_size=6),
    model_numbers(),
)
def test_score_is_evaluate_bit_for_bit_under_any_model_numbers(
    scenario: Scenario, rows: list[dict[str, int]], a: Assumptions
) -> None:
    assert_same_figures(scenario, rows, a)


@pytest.mark.parametrize("name", sorted(example_scenarios()))
def test_examples_score_as_evaluate_bit_for_bit(name: str) -> None:
    """Each example's recommended plan under every setup and every frontier point."""
    scenario = example_scenarios()[name]
    a = Assumptions.defaults()
    plans: list[Evaluation] = [recommend(scenario, setup, a) for setup in SETUPS]
    rows = [plan.allocation for plan in plans] + [
        p.allocation for p in frontier(scenario, assumptions=a)
    ]
    assert_same_figures(scenario, rows, a)
    for plan in plans:
        assert evaluate(scenario, plan.allocation, assumptions=a).quality == plan.quality


@ENGINE_SETTINGS
@given(scenarios(), allocations(max_per_role=20), model_numbers())
def test_one_plan_on_numbers_is_one_row_of_arrays(
    scenario: Scenario, allocation: dict[str, int], a: Assumptions
) -> None:
    """The single-plan path (plain numbers) and the array path give the same covered FTE per
    role, generalists' part of it, components and score."""
    demand = portfolio(compute_demand(scenario, a), a)
    one = score_heads(demand, [allocation[role] for role in ROLES], a)
    many = score_allocations(demand, np.array([[allocation[role] for role in ROLES]]), a)
    assert one.score == many.score[0]
    assert one.components == {c: many.components[c][0] for c in COMPONENTS}
    assert one.covered == [v[0] for v in many.covered]
    assert one.general == [v[0] for v in many.general]
    assert one.units.tolist() == many.units[:, 0].tolist()
