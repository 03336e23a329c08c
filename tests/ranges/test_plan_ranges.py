"""Ranges of the recommended plan: ordered bands, the point figure when nothing is uncertain,
the same numbers for the same seed, and wider inputs never give a narrower output."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlplanner.model.assumptions import UNCERTAINTY_GROUPS, Assumptions
from mlplanner.model.plan import recommend
from mlplanner.model.scenario import Scenario, parse_scenario
from mlplanner.ranges.bands import Band
from mlplanner.ranges.draws import draw_multipliers
from mlplanner.ranges.plan_ranges import PlanRanges, plan_ranges, scenario_draws
from tests.support.strategies import scenario_data

DEFAULTS = Assumptions.defaults()
PROPERTY = settings(max_examples=30, deadline=None)


def with_uncertainty(spreads: dict[str, tuple[float, float]]) -> Assumptions:
    """The shipped set with exactly these groups uncertain (every other group certain)."""
    data = DEFAULTS.model_dump()
    data["uncertainty"] = {g: {"low": lo, "high": hi} for g, (lo, hi) in spreads.items()}
    return Assumptions.from_dict(data)


def all_bands(ranges: PlanRanges) -> list[Band]:
    return [ranges.total_headcount, ranges.annual_cost_usd, ranges.quality, *ranges.roles.values()]


@PROPERTY
@given(data=scenario_data(), seed=st.integers(0, 2**32 - 1))
def test_p10_p50_p90_are_in_order_everywhere(data: dict[str, Any], seed: int) -> None:
    ranges = plan_ranges(parse_scenario(data), draws=200, seed=seed)
    for b in all_bands(ranges):
        assert b.p10 <= b.p50 <= b.p90


@PROPERTY
@given(data=scenario_data(), seed=st.integers(0, 2**32 - 1))
def test_no_uncertainty_gives_the_point_figures(data: dict[str, Any], seed: int) -> None:
    scenario = parse_scenario(data)
    ranges = plan_ranges(scenario, with_uncertainty({}), draws=50, seed=seed)
    plan = recommend(scenario)
    assert ranges.total_headcount == Band(*[plan.total_headcount] * 3)
    assert ranges.annual_cost_usd == Band(*[plan.annual_cost_usd] * 3)
    assert [ranges.quality.p10, ranges.quality.p90] == pytest.approx([plan.quality] * 2, abs=1e-9)
    for role, b in ranges.roles.items():
        assert b == Band(*[plan.allocation[role]] * 3)


@PROPERTY
@given(
    data=scenario_data(min_projects=1),
    # Not "adjustments": its multiplier scales how strongly each attribute moves the effort,
    # up or down (a small project's adjustment lowers it), so more of it is not more work.
    group=st.sampled_from([g for g in UNCERTAINTY_GROUPS if g != "adjustments"]),
    # Both sides open (low < 1 < high): P10 then comes from draws below 1, P90 from draws
    # above it. With a side shut (high = 1, say) every draw lies on the other side, and
    # widening that side moves the P90 away from 1 too: down, not up.
    low=st.floats(0.3, 0.95),
    high=st.floats(1.05, 2.0),
    wider_low=st.floats(0.0, 0.25),
    wider_high=st.floats(0.0, 1.0),
)
def test_widening_one_range_never_narrows_the_output_range(
    data: dict[str, Any], group: str, low: float, high: float, wider_low: float, wider_high: float
) -> None:
    """With the other groups certain and the same seed, each draw of the widened group moves
    further from 1 on its side; more or less work or pay moves the figures the same way, so
    the P10-P90 range can only grow."""
    scenario = parse_scenario(data)
    narrow = plan_ranges(scenario, with_uncertainty({group: (low, high)}), draws=100, seed=7)
    wide = plan_ranges(
        scenario,
        with_uncertainty({group: (max(0.05, low - wider_low), high + wider_high)}),
        draws=100,
        seed=7,
    )
    for n, w in (
        (narrow.annual_cost_usd, wide.annual_cost_usd),
        (narrow.total_headcount, wide.total_headcount),
    ):
        assert w.p10 <= n.p10
        assert w.p90 >= n.p90


def test_the_same_seed_gives_the_same_numbers_and_another_seed_others(fashion: Scenario) -> None:
    first = plan_ranges(fashion, seed=11)
    assert plan_ranges(fashion, seed=11) == first
    assert plan_ranges(fashion, seed=12).annual_cost_usd != first.annual_cost_usd


def test_the_fashion_example_is_uncertain_around_its_point(fashion: Scenario) -> None:
    ranges = plan_ranges(fashion)
    plan = recommend(fashion)
    assert ranges.annual_cost_usd.p10 < plan.annual_cost_usd < ranges.annual_cost_usd.p90
    assert ranges.total_headcount.p10 <= plan.total_headcount <= ranges.total_headcount.p90


def test_multipliers_stay_within_each_groups_range_with_median_one() -> None:
    multipliers = draw_multipliers(DEFAULTS, 4000, seed=3)
    for i, group in enumerate(UNCERTAINTY_GROUPS):
        spread = DEFAULTS.uncertainty_of(group)
        column = multipliers[:, i]
        assert spread.low <= column.min() and column.max() <= spread.high
        assert np.median(column) == pytest.approx(1.0, abs=0.03)


def test_a_number_of_draws_out_of_bounds_is_refused_by_name(fashion: Scenario) -> None:
    with pytest.raises(ValueError, match="draws: must be from 1"):
        plan_ranges(fashion, draws=0)


def test_the_json_shape_has_whole_people_and_dollars(fashion: Scenario) -> None:
    shape = plan_ranges(fashion, draws=100).to_dict()
    assert set(shape) >= {"total_headcount", "annual_cost_usd", "quality", "roles"}
    assert all(isinstance(v, int) for v in shape["annual_cost_usd"].values())
    assert set(shape["roles"]["data_scientist"]) == {"p10", "p50", "p90"}


@PROPERTY
@given(data=scenario_data(), seed=st.integers(0, 2**32 - 1))
def test_setups_sharing_the_draws_get_the_ranges_they_get_alone(
    data: dict[str, Any], seed: int
) -> None:
    """The Compare page's setups share one scenario's draws (scenario_draws): each setup's
    ranges are exactly those it gets by drawing alone."""
    scenario = parse_scenario(data)
    drawn = scenario_draws(scenario, DEFAULTS, draws=200, seed=seed)
    for setup in ("startup", "scaleup", "mature"):
        alone = plan_ranges(scenario, DEFAULTS, setup, draws=200, seed=seed)
        assert plan_ranges(scenario, DEFAULTS, setup, draws=200, seed=seed, drawn=drawn) == alone
