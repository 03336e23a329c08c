"""Allocation, comparison and frontier exports: columns, units, and numbers that stay numbers."""

from __future__ import annotations

import csv
import io

from mlplanner.exchange.csv_dialect import csv_text
from mlplanner.exchange.tables_csv import (
    FRONTIER_COLUMNS,
    VENDOR_ROLE,
    allocation_table,
    frontier_table,
)
from mlplanner.model.plan import recommend
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import SETUPS
from mlplanner.reports.tables import ALLOCATION_COLUMNS, comparison_frame
from mlplanner.search.frontier import FrontierPoint, frontier
from tests.support.builders import project_data, scenario

WITH_VENDOR = scenario(
    project_data("Churn", "tabular", count=2),
    project_data("=Vision", "computer_vision", annotation="outsourced"),
    employees=300,
    existing={"data_scientist": 1},
)

DOCUMENTED_FRONTIER_COLUMNS = (
    "annual_cost_usd",
    "quality",
    "quality_delivery",
    "quality_depth",
    "quality_resilience",
    "quality_coordination",
    "total_headcount",
    *(f"headcount_{role}" for role in ROLES),
)


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_allocation_csv_has_every_role_then_vendor_lines_summing_to_the_plan_cost() -> None:
    plan = recommend(WITH_VENDOR)
    rows = rows_of(csv_text(allocation_table(plan)))
    assert list(rows[0]) == list(ALLOCATION_COLUMNS)
    assert [r["role"] for r in rows] == [*ROLES, VENDOR_ROLE]
    assert rows[-1]["role_label"] == "Annotation vendor: =Vision"
    assert rows[-1]["headcount"] == ""
    assert sum(int(r["annual_cost_usd"]) for r in rows) == plan.annual_cost_usd


def test_the_vendor_line_of_the_export_is_priced_in_the_companys_region() -> None:
    for region in ("us", "in"):
        plan = recommend(
            scenario(
                project_data("=Vision", "computer_vision", annotation="outsourced"), region=region
            )
        )
        [vendor] = [
            r for r in rows_of(csv_text(allocation_table(plan))) if r["role"] == VENDOR_ROLE
        ]
        price = plan.assumptions.vendor_price(region)
        assert int(vendor["annual_cost_usd"]) == round(plan.vendor_lines[0].fte_equivalent * price)
        # the row holds what its cost is worked out from: the price and FTE to 3 decimals
        assert int(vendor["rate_usd"]) == int(vendor["loaded_rate_usd"]) == round(price)
        worked_out = float(vendor["fte_demand"]) * int(vendor["rate_usd"])
        assert abs(worked_out - int(vendor["annual_cost_usd"])) <= 0.0005 * price


def test_allocation_csv_writes_money_and_people_as_integers_and_fte_to_2_or_3_decimals() -> None:
    plan = recommend(WITH_VENDOR)
    for row in rows_of(csv_text(allocation_table(plan))):
        for column in ("rate_usd", "loaded_rate_usd", "annual_cost_usd", "headcount", "hires"):
            assert row[column] == "" or row[column].isdigit(), (column, row[column])
        decimals = 3 if row["role"] == VENDOR_ROLE else 2
        assert len(row["fte_demand"].partition(".")[2]) <= decimals


def test_comparison_csv_keeps_counts_and_dollars_integral() -> None:
    plans = [recommend(WITH_VENDOR, setup=setup) for setup in SETUPS]
    rows = {r["item"]: r for r in rows_of(csv_text(comparison_frame(plans)))}
    for setup, plan in zip(SETUPS, plans, strict=True):
        assert rows["Annual cost (USD)"][setup] == str(plan.annual_cost_usd)
        assert rows["Total headcount"][setup] == str(plan.total_headcount)
        assert rows["Quality (0-100)"][setup] == str(round(plan.quality, 1))


def test_frontier_csv_has_one_row_per_point_cheapest_first() -> None:
    points = [
        FrontierPoint(
            allocation={"data_scientist": 2, "data_engineer": 1},
            annual_cost_usd=600_000,
            quality=71.234,
            components={"delivery": 80, "depth": 70.56, "resilience": 60, "coordination": 100},
        ),
        FrontierPoint(
            allocation={"full_stack_data_scientist": 1},
            annual_cost_usd=210_000,
            quality=40.0,
            components={"delivery": 50, "depth": 20, "resilience": 0, "coordination": 100},
        ),
    ]
    frame = frontier_table(points)
    assert tuple(frame.columns) == DOCUMENTED_FRONTIER_COLUMNS == FRONTIER_COLUMNS
    rows = rows_of(csv_text(frame))
    assert [r["annual_cost_usd"] for r in rows] == ["210000", "600000"]
    assert rows[1]["quality"] == "71.2"
    assert rows[1]["quality_delivery"] == "80"
    assert rows[1]["quality_depth"] == "70.6"
    assert rows[1]["total_headcount"] == "3"
    assert rows[1]["headcount_data_scientist"] == "2"
    assert rows[1]["headcount_team_lead"] == "0"


def test_a_computed_frontier_exports_its_points_exactly() -> None:
    points = frontier(WITH_VENDOR)
    rows = rows_of(csv_text(frontier_table(points)))
    assert len(rows) == len(points)
    for row, point in zip(rows, points, strict=True):
        assert int(row["annual_cost_usd"]) == point.annual_cost_usd
        assert {role: int(row[f"headcount_{role}"]) for role in ROLES} == point.allocation


def test_an_empty_frontier_is_a_header_row() -> None:
    assert csv_text(frontier_table([])) == ",".join(FRONTIER_COLUMNS) + "\n"
