"""The engine on arrays gives, row by row, what ``recommend`` gives under the assumption set the
row's multipliers make (:func:`perturbed`): the vectorised demand, cost and quality follow the
model's own rules."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlplanner.model.assumptions import UNCERTAINTY_GROUPS, Assumptions
from mlplanner.model.plan import recommend
from mlplanner.model.roles import ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import parse_scenario
from mlplanner.ranges.engine import outcomes
from mlplanner.ranges.perturb import perturbed
from tests.support.strategies import scenario_data

DEFAULTS = Assumptions.defaults()
MULTIPLIER = st.floats(min_value=0.3, max_value=2.0, allow_nan=False)
ROW = st.lists(MULTIPLIER, min_size=len(UNCERTAINTY_GROUPS), max_size=len(UNCERTAINTY_GROUPS))


@settings(max_examples=60, deadline=None)
@given(data=scenario_data(), rows=st.lists(ROW, min_size=1, max_size=3))
def test_each_row_is_the_recommendation_under_the_moved_assumptions(
    data: dict, rows: list[list[float]]
) -> None:
    scenario = parse_scenario(data)
    result = outcomes(scenario, np.array(rows), DEFAULTS)
    for i, row in enumerate(rows):
        moved = perturbed(DEFAULTS, dict(zip(UNCERTAINTY_GROUPS, row, strict=True)))
        plan = recommend(scenario, assumptions=moved)
        demand = [plan.demand.by_role[role] for role in SPECIALIST_ROLES]
        assert result.demand[i] == pytest.approx(demand, rel=1e-9, abs=1e-9)
        assert result.headcount[i].tolist() == [plan.allocation[role] for role in ROLES]
        assert int(result.cost[i]) == plan.annual_cost_usd
        assert result.quality[i] == pytest.approx(plan.quality, abs=1e-9)


def test_rows_of_ones_are_the_recommended_plan(fashion) -> None:
    result = outcomes(fashion, np.ones((3, len(UNCERTAINTY_GROUPS))), DEFAULTS)
    plan = recommend(fashion)
    assert result.total_headcount.tolist() == [plan.total_headcount] * 3
    assert result.cost.tolist() == [plan.annual_cost_usd] * 3
    assert result.quality == pytest.approx([plan.quality] * 3, abs=1e-9)
