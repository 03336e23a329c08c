"""Timeline page (AppTest): metrics and texts match the simulation, the inputs write to the
scenario and update the page at once, tables and downloads are there."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session

from mlplanner.examples import example_scenarios
from mlplanner.exchange.csv_dialect import csv_bytes
from mlplanner.exchange.timeline_csv import positions_table, timeline_table
from mlplanner.model.plan import recommend
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.model.wording import format_usd
from mlplanner.reports.timeline_texts import built_before_live
from mlplanner.storage import plans
from mlplanner.timeline.simulation import Timeline, simulate
from mlplanner.ui.ranges_views import TIMELINE_BANDS_KEY
from mlplanner.ui.state import IN_FORCE, OVERRIDE, Override
from mlplanner.ui.timeline_views import BUILT_COLUMN, FLOW_CHARTS_KEY
from tests.app.apptest import (
    ASSUMPTIONS_PAGE,
    COMPARE_PAGE,
    PLAN_PAGE,
    SCENARIO_TIMELINE,
    TIMELINE_PAGE,
    chart_specs,
    current_scenario,
    edit_assumption,
    edit_projects,
    go_to,
    metric,
    open_app,
    open_expanders,
    run,
    texts,
    title,
)
from tests.app.downloads import Builder, built_on_click, deferred_downloads
from tests.timeline.test_simulation import tight_retailer

__all__ = ["deferred_downloads"]  # the fixture, imported for the tests below

FASHION = example_scenarios()["fashion_retailer.json"]


def dated(scenario: Scenario, **company: Any) -> Scenario:
    data = scenario.to_dict()
    data["company"].update({"plan_start": "2027-Q1", **company})
    return Scenario.model_validate(data)


def timeline_page(scenario: Scenario) -> Any:
    return go_to(open_app(scenario), TIMELINE_PAGE)


def test_metrics_and_tables_match_the_simulation() -> None:
    scenario = dated(FASHION)
    timeline = simulate(scenario)
    at = timeline_page(scenario)
    assert [m.label for m in at.metric] == [
        "Fully staffed",
        "First year",
        "Joining / leaving",
        "Hires in year 1",
    ]
    assert metric(at, "Fully staffed") == timeline.fully_staffed
    assert metric(at, "First year") == format_usd(timeline.first_year_cost_usd)
    # the binding limit: the team of five absorbs six hires a year, the company closes 8 a
    # quarter
    assert metric(at, "Hires in year 1") == "6"
    shown = "\n".join(texts(at.markdown) + texts(at.caption))
    assert f"Fully staffed in {timeline.fully_staffed}" in shown
    assert "derived from 800 employees" in shown
    assert "no more hires in a year than the team absorbs: one per person in it" in shown
    label = "Hiring capacity (hires a quarter)"
    [capacity] = [box for box in at.number_input if box.label == label]
    assert "the timeline makes no more hires in a year than the team absorbs" in (
        capacity.help or ""
    )
    positions, projects = (frame.value for frame in at.dataframe)
    assert int(positions["People"].sum()) == sum(q.hires for q in timeline.quarters)
    assert list(projects["Staffed"]) == [p.staffed for p in timeline.projects]
    assert list(projects[BUILT_COLUMN]) == [built_before_live(p) for p in timeline.projects]
    assert [title(spec) for spec in chart_specs(at)] == [
        "People by role",
        "Cumulative cost against budget",
    ]
    assert [b.label for b in at.get("download_button")] == ["Timeline (CSV)", "Positions (CSV)"]
    assert not at.exception


def test_hires_leavers_and_capacity_are_drawn_only_while_their_expander_is_open() -> None:
    at = open_expanders(timeline_page(dated(FASHION)), FLOW_CHARTS_KEY)
    assert [title(spec) for spec in chart_specs(at)] == [
        "People by role",
        "Cumulative cost against budget",
        "Hires and leavers",
        "Effective capacity against demand",
    ]


def test_the_bands_are_drawn_only_while_their_expander_is_open() -> None:
    at = timeline_page(dated(FASHION))
    assert not [s for s in chart_specs(at) if "P10–P90" in title(s)]
    at = open_expanders(at, TIMELINE_BANDS_KEY)
    assert [title(s) for s in chart_specs(at)][2:] == [
        "People: P10–P90 over 40 draws",
        "Cumulative cost: P10–P90 over 40 draws",
    ]
    assert any("simulates the timeline again" in text for text in texts(at.caption))


def test_the_downloads_are_built_on_click_from_the_timeline(
    deferred_downloads: dict[str, Builder],
) -> None:
    scenario = dated(FASHION)
    timeline = simulate(scenario)
    at = timeline_page(scenario)
    timeline_csv, positions_csv = at.get("download_button")
    assert built_on_click(timeline_csv, deferred_downloads) == csv_bytes(timeline_table(timeline))
    assert built_on_click(positions_csv, deferred_downloads) == csv_bytes(positions_table(timeline))


def test_the_inputs_write_to_the_scenario_and_update_the_page() -> None:
    at = timeline_page(dated(FASHION))
    at.selectbox(key="mlp.timeline.plan_start").set_value("2027-Q3")
    run(at)
    at.number_input(key="mlp.timeline.horizon").set_value(4)
    run(at)
    at.number_input(key="mlp.timeline.capacity").set_value(1)
    run(at)
    company = current_scenario(at).company
    assert (company.plan_start, company.horizon_quarters) == ("2027-Q3", 4)
    assert company.hiring_capacity_per_quarter == 1
    timeline = simulate(current_scenario(at))
    assert timeline.start == "2027-Q3" and len(timeline.quarters) == 4
    assert metric(at, "Hires in year 1") == "4"  # one a quarter binds
    assert metric(at, "Fully staffed") == (timeline.fully_staffed or "Not in the horizon")
    assert any("set in the scenario" in text for text in texts(at.caption))
    at.number_input(key="mlp.timeline.capacity").set_value(None)
    at.selectbox(key="mlp.timeline.plan_start").set_value("next")
    run(at)
    assert current_scenario(at).company.hiring_capacity_per_quarter is None
    assert current_scenario(at).company.plan_start is None
    assert metric(at, "Hires in year 1") == "6"


def test_the_scenario_page_edits_the_timeline_fields_and_names_bad_ones() -> None:
    at = open_app(FASHION)
    summary = "over 8 quarters; hiring capacity 8 a quarter, derived from 800 employees."
    assert any(text.endswith(summary) for text in texts(at.caption)), texts(at.caption)
    assert not [box for box in at.selectbox if box.label == "Plan start"]  # drawn when open
    open_expanders(at, SCENARIO_TIMELINE)
    [start] = [box for box in at.selectbox if box.label == "Plan start"]
    assert start.value == "next"
    start.set_value("2027-Q2")
    run(at)
    [horizon] = [box for box in at.number_input if box.label == "Horizon (quarters)"]
    horizon.set_value(12)
    run(at)
    company = current_scenario(at).company
    assert (company.plan_start, company.horizon_quarters) == ("2027-Q2", 12)
    assert "Starts 2027-Q2, over 12 quarters;" in " ".join(texts(at.caption))
    edit_projects(at, edited={0: {"start": "2027-Q3", "live_from": "2028-Q2"}})
    project = current_scenario(at).projects[0]
    assert (project.start, project.live_from) == ("2027-Q3", "2028-Q2")
    edit_projects(at, edited={0: {"start": "2027-Q3", "live_from": "2027-Q1"}})
    errors = texts(at.error)
    assert (
        "Project 1 (Size recommendation), live from: 2027-Q1 is before the project's start "
        "(2027-Q3)" in errors
    )
    assert current_scenario(at).projects[0].live_from == "2028-Q2"  # the last valid one stays


def test_too_little_capacity_says_why_the_plan_is_not_staffed() -> None:
    at = timeline_page(
        dated(example_scenarios()["enterprise_portfolio.json"], hiring_capacity_per_quarter=2)
    )
    assert metric(at, "Fully staffed") == "Not in the horizon"
    assert any("hiring capacity (2 a quarter)" in text for text in texts(at.warning))


def test_a_budget_below_the_plan_shows_the_team_it_buys_and_the_projects_it_leaves_out() -> None:
    scenario = tight_retailer(1_500_000)
    timeline = simulate(scenario)
    assert timeline.budget_advice is not None
    at = timeline_page(scenario)
    assert metric(at, "Fully staffed") == "Over budget"
    warning = "\n".join(texts(at.warning))
    assert "the annual budget ($1.50M) staffs 1 of 3 projects" in warning
    assert "leaves unstaffed: Recs" in warning
    _, projects = (frame.value for frame in at.dataframe)
    staffed = dict(zip(projects["Project"], projects["Staffed"], strict=True))
    assert staffed["Recs"] == "Left out by the budget"
    assert staffed["Churn"] == next(p.staffed for p in timeline.projects if p.name == "Churn")
    assert "the team the budget buys costs" in "\n".join(texts(at.caption))
    assert not at.exception


def test_the_plan_page_says_when_the_plan_is_staffed_and_the_first_year_cost() -> None:
    scenario = dated(FASHION)
    timeline = simulate(scenario)
    at = go_to(open_app(scenario), PLAN_PAGE)
    shown = "\n".join(texts(at.markdown))
    assert f"Fully staffed in {timeline.fully_staffed}" in shown
    assert format_usd(timeline.first_year_cost_usd) in shown
    assert any(link.label == "See who joins when" for link in at.page_link)


def test_compare_puts_two_saved_plans_timelines_side_by_side(engine: Engine) -> None:
    later = dated(FASHION, plan_start="2027-Q3", hiring_capacity_per_quarter=1)
    with Session(engine) as session:
        plans.create_plan(session=session, name="Now", evaluation=recommend(dated(FASHION)))
        plans.create_plan(session=session, name="Later", evaluation=recommend(later))
    at = go_to(open_app(FASHION), COMPARE_PAGE)
    totals = at.dataframe[-1].value
    assert list(totals["Plan"]) == ["Later · r1 (newest)", "Now · r1 (newest)"]
    assert list(totals["Starts"]) == ["2027-Q3", "2027-Q1"]
    assert list(totals["Fully staffed"]) == [
        simulate(later).fully_staffed or "Not in the horizon",
        simulate(dated(FASHION)).fully_staffed,
    ]
    curves = chart_specs(at)[-1]
    assert [part["title"] for part in curves["hconcat"]] == [
        "People over the quarters",
        "Cumulative cost",
    ]


def test_hiring_figures_are_edited_on_the_assumptions_page_and_move_the_timeline() -> None:
    scenario = dated(FASHION)
    at = go_to(open_app(scenario), ASSUMPTIONS_PAGE)
    assert "Hiring" in [tab.label for tab in at.tabs]
    engineer = ROLES.index("ml_engineer")  # rows in lifecycle order
    # The hiring table's tab is not the first: edit_assumption opens it, as a click would.
    edit_assumption(at, "hiring", engineer, "Time to hire (days)", 300)
    edited = at.session_state[IN_FORCE].assumptions
    assert edited.hiring.roles["ml_engineer"].time_to_hire_days == 300
    before = simulate(scenario)
    after = simulate(scenario, assumptions=edited)
    assert staffed_quarters(after) > staffed_quarters(before)
    at = go_to(at, TIMELINE_PAGE)
    assert metric(at, "Fully staffed") == after.fully_staffed


def staffed_quarters(timeline: Timeline) -> int:
    """Quarters from the start to full staffing (the horizon's length if never)."""
    found = [q.quarter for q in timeline.quarters]
    return found.index(timeline.fully_staffed) if timeline.fully_staffed else len(found)


def test_without_a_budget_the_cost_chart_has_no_budget_and_with_nobody_no_charts() -> None:
    unbudgeted = dated(FASHION, annual_budget_usd=None)
    at = timeline_page(unbudgeted)
    cost = next(s for s in chart_specs(at) if title(s).startswith("Cumulative"))
    assert title(cost) == "Cumulative cost"
    assert cost["encoding"]["color"]["scale"]["domain"] == ["Cumulative cost"]
    # A blank scenario (no projects, nobody employed): nothing to draw, no empty axes.
    blank = dated(
        FASHION.model_copy(update={"projects": []}),
        employees=100,
        annual_budget_usd=None,
        existing_team={},
    )
    assert not any(recommend(blank).allocation.values())
    at = timeline_page(blank)
    assert chart_specs(at) == []
    assert not at.exception
    # and no "Fully staffed" nor "the existing team covers the plan" beside no team
    assert texts(at.info) == [
        "No projects yet: the timeline dates the hires a plan for projects needs."
    ]
    assert not at.metric


def test_an_adopted_allocation_is_named_as_not_dated() -> None:
    """The note named the Trade-offs page whichever page the allocation was adopted on (a
    review adopted the Plan page's budget advice)."""
    at = open_app(dated(FASHION))
    at.session_state[OVERRIDE] = Override({"data_scientist": 4}, "whole projects within $1.00M")
    at = go_to(at, TIMELINE_PAGE)
    assert (
        "The timeline staffs the recommended plan (or, where the budget does not pay for it, "
        "the team the budget advice buys); the allocation you adopted (whole projects within "
        "$1.00M) is not dated."
    ) in texts(at.info)
