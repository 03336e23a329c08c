"""Cost: headcount x rate (role, region) x loaded-cost multiplier, vendor lines, exact totals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.cost import role_cost, vendor_cost
from mlplanner.model.plan import evaluate, recommend
from mlplanner.model.rates import known_regions
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import Scenario
from tests.support import strategies
from tests.support.builders import assumptions_with, project_data, scenario

DEFAULTS = Assumptions.defaults()


def test_role_cost_by_hand() -> None:
    custom = assumptions_with(
        rates={"us": dict.fromkeys(ROLES, 100_000.0) | {"data_engineer": 120_000.0}},
        loaded_cost_multiplier=1.5,
    )
    line = role_cost("data_engineer", 3, "us", custom)
    assert (line.rate_usd, line.loaded_rate_usd, line.annual_cost_usd) == (
        120_000,
        180_000,
        540_000,
    )


def test_role_cost_uses_the_rate_card_and_multiplier() -> None:
    rate = DEFAULTS.rate("gb", "ml_engineer")
    line = role_cost("ml_engineer", 2, "gb", DEFAULTS)
    assert line.rate_usd == round(rate)
    assert line.annual_cost_usd == round(2 * rate * DEFAULTS.loaded_cost_multiplier)


def test_nobody_costs_nothing() -> None:
    assert role_cost("team_lead", 0, "us", DEFAULTS).annual_cost_usd == 0


@given(
    st.floats(1, 3),
    st.integers(30_000, 400_000),
    st.integers(0, 50),
    st.sampled_from(ROLES),
)
def test_a_line_is_exactly_headcount_times_the_loaded_rate_it_shows(
    multiplier: float, rate: int, headcount: int, role: str
) -> None:
    """So a spreadsheet can check every line: no hidden cents in the loaded rate."""
    custom = assumptions_with(
        rates={"us": dict.fromkeys(ROLES, rate + 0.5)}, loaded_cost_multiplier=multiplier
    )
    line = role_cost(role, headcount, "us", custom)
    assert line.annual_cost_usd == headcount * line.loaded_rate_usd
    assert abs(line.loaded_rate_usd - (rate + 0.5) * multiplier) <= 0.5


def test_vendor_cost_by_hand() -> None:
    prices = DEFAULTS.vendor_annotation_usd_per_fte | {"us": 40_000.0, "in": 16_000.0}
    custom = assumptions_with(vendor_annotation_usd_per_fte=prices)
    line = vendor_cost("Shelf monitoring", 1.5, "us", custom)
    assert (line.source, line.annual_cost_usd) == ("Shelf monitoring", 60_000)
    assert vendor_cost("Shelf monitoring", 1.5, "in", custom).annual_cost_usd == 24_000


def test_outsourced_annotation_is_a_vendor_line_per_project_at_the_regions_price() -> None:
    projects = (
        project_data(name="Vision", domain="computer_vision", annotation="outsourced"),
        project_data(name="Text", domain="nlp", annotation="in_house"),
    )
    plan = recommend(scenario(*projects), "mature")
    assert [v.source for v in plan.vendor_lines] == ["Vision"]
    vendor = plan.vendor_lines[0]
    expected = round(vendor.fte_equivalent * DEFAULTS.vendor_price("us"))
    assert plan.vendor_cost_usd == vendor.annual_cost_usd == expected
    india = recommend(scenario(*projects, region="in"), "mature")
    assert india.vendor_lines[0].fte_equivalent == vendor.fte_equivalent
    assert india.vendor_cost_usd == round(vendor.fte_equivalent * DEFAULTS.vendor_price("in"))
    assert india.vendor_cost_usd < plan.vendor_cost_usd
    assert plan.annual_cost_usd == plan.staff_cost_usd + plan.vendor_cost_usd


def test_the_same_team_costs_less_where_salaries_are_lower() -> None:
    allocation = {"data_scientist": 2, "ml_engineer": 1}
    us = evaluate(scenario(project_data(), region="us"), allocation)
    india = evaluate(scenario(project_data(), region="in"), allocation)
    assert india.annual_cost_usd < us.annual_cost_usd


def test_hiring_cost_counts_only_the_people_still_to_hire() -> None:
    s = scenario(project_data(), existing={"data_scientist": 1})
    evaluation = evaluate(s, {"data_scientist": 3})
    ds = next(line for line in evaluation.roles if line.role == "data_scientist")
    assert ds.hires == 2
    assert evaluation.hires_cost_usd == 2 * ds.loaded_rate_usd


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.allocations(), strategies.setups)
def test_cost_equals_the_sum_of_its_lines(
    s: Scenario, allocation: dict[str, int], setup: str
) -> None:
    for evaluation in (recommend(s, setup), evaluate(s, allocation, setup)):
        lines = [line.annual_cost_usd for line in evaluation.roles]
        vendors = [line.annual_cost_usd for line in evaluation.vendor_lines]
        assert evaluation.annual_cost_usd == sum(lines) + sum(vendors)
        assert all(isinstance(x, int) for x in (*lines, *vendors))
        data = evaluation.to_dict()
        assert data["annual_cost_usd"] == sum(r["annual_cost_usd"] for r in data["roles"]) + sum(
            v["annual_cost_usd"] for v in data["vendor_costs"]
        )


@pytest.mark.parametrize("region", known_regions())
def test_every_region_can_be_costed(region: str) -> None:
    plan = recommend(scenario(project_data(), region=region))
    assert plan.annual_cost_usd > 0
