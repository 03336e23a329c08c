"""Hiring figures: the shipped ones follow their public sources, old assumption sets load, and
the derived capacity, lead time and ramp-up follow their rules."""

from __future__ import annotations

import json
import math

import pytest

from mlplanner.model.assumptions import AssumptionError, Assumptions, hiring_table
from mlplanner.model.hiring import (
    derived_capacity,
    hiring_capacity,
    lead_quarters,
    quarterly_attrition,
    ramp_share,
)
from mlplanner.model.roles import ROLES
from tests.support.builders import assumptions_with, scenario

DEFAULTS = Assumptions.defaults()
NOTICE_DAYS = 28


def test_every_role_has_sourced_hiring_figures() -> None:
    table = hiring_table()
    assert list(table["role"]) == list(ROLES)
    assert all(table["source"].str.len() > 20)


def test_time_to_hire_is_the_public_time_to_fill_plus_a_notice_period() -> None:
    """LinkedIn application to first day: engineering 49, research 48 days; SHRM time to
    fill 42 days; plus four weeks' notice (three months for a head of data & ML)."""
    days = {role: figures.time_to_hire_days for role, figures in DEFAULTS.hiring.roles.items()}
    assert days["ml_engineer"] == days["data_engineer"] == days["developer"] == 49 + NOTICE_DAYS
    assert days["data_scientist"] == 48 + NOTICE_DAYS
    assert days["data_analyst"] == 42 + NOTICE_DAYS
    # scarce and senior hires take longer to fill (rules of thumb), whole days
    assert days["research_scientist"] == math.floor(48 * 1.5) + NOTICE_DAYS
    assert days["team_lead"] == math.floor(49 * 1.3) + NOTICE_DAYS
    # an executive's three months' notice (91 days): the head's row read 120 days against
    # its own source's 164
    assert days["head_of_data"] == math.floor(49 * 1.5) + 91


def test_attrition_ramp_up_and_hiring_cost_are_within_the_public_ranges() -> None:
    for role, figures in DEFAULTS.hiring.roles.items():
        assert 3 <= figures.ramp_up_months <= 9 or role == "annotator"  # Swimm: 3-9 months
        assert 0.10 <= figures.attrition_per_year <= 0.25  # LinkedIn 2018, Founders Circle
        assert 0.20 <= figures.hiring_cost_share <= 0.35 or role == "annotator"  # agency fees
    assert DEFAULTS.hiring.roles["data_analyst"].attrition_per_year == 0.217  # LinkedIn 2018


def test_assumption_sets_stored_before_the_timeline_load_with_the_shipped_hiring() -> None:
    old = json.loads(DEFAULTS.model_dump_json())
    del old["hiring"]
    assert Assumptions.from_dict(old).hiring == DEFAULTS.hiring


def test_a_role_without_hiring_figures_is_refused_naming_it() -> None:
    data = DEFAULTS.hiring.model_dump()
    del data["roles"]["team_lead"]
    with pytest.raises(AssumptionError, match=r"hiring: .*team_lead"):
        assumptions_with(hiring=data)


def test_capacity_is_derived_from_company_size_unless_the_scenario_sets_one() -> None:
    assert derived_capacity(800, DEFAULTS) == 8
    assert derived_capacity(20, DEFAULTS) == DEFAULTS.hiring.min_capacity_per_quarter
    small = scenario(employees=800)
    assert hiring_capacity(small.company, DEFAULTS) == 8
    set_one = small.company.model_copy(update={"hiring_capacity_per_quarter": 3})
    assert hiring_capacity(set_one, DEFAULTS) == 3


def test_lead_time_rounds_the_time_to_hire_up_to_quarters() -> None:
    assert lead_quarters("data_engineer", DEFAULTS) == 1  # 77 days
    assert lead_quarters("research_scientist", DEFAULTS) == 2  # 100 days
    assert lead_quarters("team_lead", DEFAULTS) == 1  # 91 days: within a quarter


def test_attrition_compounds_to_the_yearly_rate() -> None:
    quarterly = quarterly_attrition("data_analyst", DEFAULTS)
    assert 1 - (1 - quarterly) ** 4 == pytest.approx(0.217)


def test_ramp_up_rises_linearly_to_full() -> None:
    # Six months: the first quarter averages 0.25, the second 0.75, then full.
    assert [ramp_share("data_engineer", k, DEFAULTS) for k in range(3)] == [0.25, 0.75, 1.0]
    # Four months: the second quarter is half ramping (3-4 months, 0.875 on average), half full.
    roles = {**DEFAULTS.hiring.model_dump()["roles"]}
    roles["data_engineer"] = {**roles["data_engineer"], "ramp_up_months": 4}
    four = assumptions_with(hiring={**DEFAULTS.hiring.model_dump(), "roles": roles})
    assert ramp_share("data_engineer", 1, four) == pytest.approx((0.875 * 1 + 1 * 2) / 3)
