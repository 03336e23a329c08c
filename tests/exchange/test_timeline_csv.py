"""Timeline and positions CSV: the documented columns, and figures that add up."""

from __future__ import annotations

from datetime import date

from mlplanner.exchange.csv_dialect import csv_text
from mlplanner.exchange.timeline_csv import (
    POSITION_COLUMNS,
    TIMELINE_COLUMNS,
    positions_table,
    timeline_table,
)
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import load_scenario
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.timeline.simulation import Timeline, simulate

# The documented column contract (README, "Export and import").
DOCUMENTED_TIMELINE = (
    "quarter,role,role_label,headcount,hires,leavers,effective_fte,demand_fte,"
    "target_headcount,salary_cost_usd,hiring_cost_usd,cost_usd,cumulative_cost_usd,"
    "cumulative_budget_usd"
)
DOCUMENTED_POSITIONS = "role,role_label,open_quarter,start_quarter,project,kind,count"


def enterprise_timeline() -> Timeline:
    scenario = load_scenario(EXAMPLES_DIR / "enterprise_portfolio.json")
    return simulate(scenario, today=date(2026, 12, 3))


def test_columns_are_the_documented_ones() -> None:
    assert ",".join(TIMELINE_COLUMNS) == DOCUMENTED_TIMELINE
    assert ",".join(POSITION_COLUMNS) == DOCUMENTED_POSITIONS


def test_one_row_per_quarter_and_role_and_costs_sum_to_the_quarter() -> None:
    timeline = enterprise_timeline()
    frame = timeline_table(timeline)
    assert csv_text(frame).splitlines()[0] == DOCUMENTED_TIMELINE
    for quarter in timeline.quarters:
        rows = frame[frame["quarter"] == quarter.quarter]
        assert list(rows["role"][: len(ROLES)]) == list(ROLES)
        assert int(rows["cost_usd"].sum()) == quarter.cost_usd
        assert set(rows["cumulative_cost_usd"]) == {quarter.cumulative_cost_usd}
    assert ",3000000" in csv_text(frame).splitlines()[1]  # $12M a year: $3M a quarter
    assert "3000000.0" not in csv_text(frame)


def test_positions_add_up_to_the_hires() -> None:
    timeline = enterprise_timeline()
    frame = positions_table(timeline)
    assert int(frame["count"].sum()) == sum(q.hires for q in timeline.quarters)
    assert set(frame["kind"]) <= {"new", "backfill"}
    assert frame["project"].isna().any()  # team-wide positions: leads, the baseline
