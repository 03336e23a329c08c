"""The engine on arrays gives, row by row, the setup's rules' plan under the assumption set the
row's multipliers make (:func:`perturbed`), reshaped as the central plan (the central
recommendation's change per role, no role below its existing staff), with that plan's cost and
quality as ``evaluate`` gives them; rows of ones give ``recommend``'s plan exactly."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import UNCERTAINTY_GROUPS, Assumptions
from mlplanner.model.demand import compute_demand
from mlplanner.model.plan import recommend
from mlplanner.model.roles import GENERALIST, ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import Scenario, Setup, parse_scenario
from mlplanner.model.staffing import staff
from mlplanner.ranges.draws import DEFAULT_DRAWS, DEFAULT_SEED, draw_multipliers
from mlplanner.ranges.engine import drawn_work, outcomes, staff_rows
from mlplanner.ranges.perturb import perturbed
from tests.ranges.reshaped import reshaped_evaluation, reshaped_rules_plan
from tests.support.builders import project_data
from tests.support.builders import scenario_data as company_data
from tests.support.strategies import scenario_data

DEFAULTS = Assumptions.defaults()
MULTIPLIER = st.floats(min_value=0.3, max_value=2.0, allow_nan=False)
ROW = st.lists(MULTIPLIER, min_size=len(UNCERTAINTY_GROUPS), max_size=len(UNCERTAINTY_GROUPS))
ONES = np.ones((3, len(UNCERTAINTY_GROUPS)))


@settings(max_examples=60, deadline=None)
@given(
    data=scenario_data(),
    setup=st.sampled_from(["startup", "scaleup", "mature"]),
    rows=st.lists(ROW, min_size=1, max_size=3),
)
def test_each_row_is_the_rules_plan_under_the_moved_assumptions_reshaped_as_the_central_plan(
    data: dict, setup: str, rows: list[list[float]]
) -> None:
    scenario = parse_scenario(data)
    result = outcomes(scenario, np.array(rows), DEFAULTS, setup)
    for i, row in enumerate(rows):
        moved = perturbed(DEFAULTS, dict(zip(UNCERTAINTY_GROUPS, row, strict=True)))
        evaluation = reshaped_evaluation(scenario, DEFAULTS, moved, setup)
        expected = evaluation.allocation
        demand = [evaluation.demand.by_role[role] for role in SPECIALIST_ROLES]
        assert result.demand[i] == pytest.approx(demand, rel=1e-9, abs=1e-9)
        assert result.headcount[i].tolist() == [expected[role] for role in ROLES]
        assert int(result.cost[i]) == evaluation.annual_cost_usd
        assert result.quality[i] == pytest.approx(evaluation.quality, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(data=scenario_data(), setup=st.sampled_from(["startup", "scaleup", "mature"]))
def test_rows_of_ones_are_exactly_the_recommended_plan(data: dict, setup: str) -> None:
    scenario = parse_scenario(data)
    result = outcomes(scenario, ONES, DEFAULTS, setup)
    plan = recommend(scenario, setup, DEFAULTS)
    for row in range(len(ONES)):
        assert result.headcount[row].tolist() == [plan.allocation[role] for role in ROLES]
        assert int(result.cost[row]) == plan.annual_cost_usd
        assert result.quality[row] == pytest.approx(plan.quality, abs=1e-9)


def test_the_fashion_example_keeps_its_reshaped_plan_not_the_rules_plan(fashion: Scenario) -> None:
    """The fashion example's recommendation moves people between roles, so its rules' plan
    and its plan differ; the engine's row of ones is the plan."""
    plan = recommend(fashion)
    assert plan.shaping is not None and plan.shaping.moves
    result = outcomes(fashion, ONES, DEFAULTS)
    assert result.headcount[0].tolist() == [plan.allocation[role] for role in ROLES]
    assert result.headcount[0].tolist() != [plan.shaping.rules_plan[role] for role in ROLES]
    assert result.cost.tolist() == [plan.annual_cost_usd] * 3
    assert result.quality == pytest.approx([plan.quality] * 3, abs=1e-9)


def test_no_role_goes_below_its_existing_staff() -> None:
    """A generated British company as a scale-up, with a budget of its rules' cost (so that
    nobody is added beyond the rules' size: ``mlplanner/model/shaping.py``): its plan has five
    full-stack data scientists fewer than its rules' plan, and with little work the rules
    plan three; taking five away would drop the one employed, so the row keeps one."""
    projects = [
        project_data(
            "Project 1",
            scale="medium",
            stage="prototype",
            data_readiness="raw",
            deployment="online",
            count=2,
            priority=5,
        ),
        project_data(
            "Project 2",
            "computer_vision",
            scale="large",
            data_readiness="ready",
            deployment="edge",
            lifecycle="run",
            count=2,
            priority=5,
        ),
    ]
    existing = {"full_stack_data_scientist": 1, "team_lead": 2}
    plain = parse_scenario(
        company_data(*projects, employees=150, setup="scaleup", region="gb", existing=existing)
    )
    shaping = recommend(plain).shaping
    assert shaping is not None
    company = plain.company.model_copy(update={"annual_budget_usd": shaping.rules_cost_usd})
    scenario = plain.model_copy(update={"company": company})
    shaping = recommend(scenario).shaping
    assert shaping is not None and not shaping.additions
    assert shaping.change(GENERALIST) == -5
    low = np.full((1, len(UNCERTAINTY_GROUPS)), 0.3)
    moved = perturbed(DEFAULTS, dict.fromkeys(UNCERTAINTY_GROUPS, 0.3))
    moved_demand = compute_demand(scenario, moved)
    rules = staff(
        moved_demand.by_role, existing, "scaleup", moved, deploys=moved_demand.deploys
    ).allocation
    assert rules[GENERALIST] == 3
    row = outcomes(scenario, low, DEFAULTS).headcount[0].tolist()
    assert row == [reshaped_rules_plan(scenario, DEFAULTS, moved)[role] for role in ROLES]
    assert row[ROLES.index(GENERALIST)] == 1
    assert all(row[ROLES.index(role)] >= n for role, n in existing.items())


@pytest.mark.parametrize("name", sorted(example_scenarios()))
@pytest.mark.parametrize("setup", ["startup", "scaleup", "mature"])
def test_every_draw_of_the_examples_is_staffed_as_staff_staffs_it_alone(
    name: str, setup: Setup
) -> None:
    """The engine staffs all draws at once (:func:`staff_rows`, the staffing rules on arrays):
    on each of the app's 1,000 draws of every example, that is exactly ``staff`` on the
    draw's demand."""
    scenario = example_scenarios()[name]
    existing = scenario.company.existing_team
    multipliers = draw_multipliers(DEFAULTS, DEFAULT_DRAWS, DEFAULT_SEED)
    demand = outcomes(scenario, multipliers, DEFAULTS, setup).demand
    deploys = compute_demand(scenario, DEFAULTS).deploys
    rows = staff_rows(demand, existing, setup, DEFAULTS, deploys=deploys)
    for fte, row in zip(demand.tolist(), rows.tolist(), strict=True):
        by_role = dict(zip(SPECIALIST_ROLES, fte, strict=True))
        one = staff(by_role, existing, setup, DEFAULTS, deploys=deploys)
        assert row == [one.allocation[role] for role in ROLES]


def test_work_drawn_under_other_multipliers_is_refused(fashion: Scenario) -> None:
    layout = recommend(fashion, assumptions=DEFAULTS).demand
    drawn = drawn_work(fashion, ONES, DEFAULTS, layout)
    with pytest.raises(ValueError, match="drawn: worked out under other multipliers"):
        outcomes(fashion, ONES * 1.1, DEFAULTS, drawn=drawn)
