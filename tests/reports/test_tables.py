"""Plans as tables: columns, role order and whole numbers where the figures are whole."""

from __future__ import annotations

from mlplanner.model.plan import recommend
from mlplanner.model.roles import ROLES, role_label
from mlplanner.model.scenario import SETUPS, load_scenario
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.reports.tables import ALLOCATION_COLUMNS, allocation_frame, comparison_frame

FASHION = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")


def test_allocation_frame_has_one_row_per_role_in_lifecycle_order() -> None:
    plan = recommend(FASHION)
    frame = allocation_frame(plan)
    assert list(frame.columns) == list(ALLOCATION_COLUMNS)
    assert list(frame["role"]) == list(ROLES)
    assert list(frame["role_label"]) == [role_label(role) for role in ROLES]
    assert frame["annual_cost_usd"].sum() == plan.staff_cost_usd
    assert frame["headcount"].dtype.kind == "i"


def test_allocation_frame_leaves_coverage_empty_for_roles_without_demand() -> None:
    plan = recommend(FASHION)
    frame = allocation_frame(plan).set_index("role")
    assert frame["coverage_pct"].isna()[["full_stack_data_scientist", "team_lead"]].all()
    with_demand = [role for role in ROLES[:7] if plan.demand.by_role[role] > 0]
    assert set(ROLES[:7]) - set(with_demand) == {"research_scientist", "annotator"}
    assert frame["coverage_pct"].notna()[with_demand].all()
    assert frame["coverage_pct"].isna()[["research_scientist", "annotator"]].all()
    carried = frame["fte_carried"]
    assert carried["full_stack_data_scientist"] == round(
        sum(plan.quality_detail.generalist_fte.values()), 2
    )
    assert carried.drop("full_stack_data_scientist").eq(0).all()


def test_comparison_frame_puts_setups_side_by_side() -> None:
    plans = [recommend(FASHION, setup) for setup in SETUPS]
    frame = comparison_frame(plans).set_index("item")
    assert list(frame.columns) == list(SETUPS)
    assert list(frame.index[: len(ROLES)]) == [role_label(role) for role in ROLES]
    for plan in plans:
        column = frame[plan.setup]
        assert column["Total headcount"] == plan.total_headcount
        assert column["Annual cost (USD)"] == plan.annual_cost_usd
        assert column["Quality (0-100)"] == round(plan.quality, 1)


def test_comparison_csv_writes_headcounts_and_dollars_as_whole_numbers() -> None:
    plans = [recommend(FASHION, setup) for setup in SETUPS]
    lines = comparison_frame(plans).to_csv(index=False).splitlines()
    rows = {line.split(",")[0]: line.split(",")[1:] for line in lines[1:]}
    for item in (*(role_label(role) for role in ROLES), "Total headcount", "Annual cost (USD)"):
        assert all(cell.isdigit() for cell in rows[item]), (item, rows[item])
    assert rows["Annual cost (USD)"] == [str(plan.annual_cost_usd) for plan in plans]
