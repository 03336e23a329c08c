"""Timeline page: who joins when, what each quarter costs, and when each project is staffed.

The plan start, horizon and hiring capacity are edited here too: they write to the scenario in
force (as the Scenario page does), so the page and every other one follow at once.
"""

from __future__ import annotations

import streamlit as st

from mlplanner.model.scenario import MAX_HORIZON_QUARTERS
from mlplanner.reports.timeline_texts import BUILT_HELP, held_text
from mlplanner.ui.page_end import end_page
from mlplanner.ui.project_link import render_project_link
from mlplanner.ui.ranges_views import render_timeline_bands
from mlplanner.ui.state import get_assumptions, get_override, get_scenario, set_scenario
from mlplanner.ui.text import plain
from mlplanner.ui.timeline_views import (
    BUILT_COLUMN,
    HORIZON_HELP,
    PLAN_START_HELP,
    capacity_help,
    capacity_placeholder,
    company_update,
    plan_start_label,
    plan_start_option,
    plan_start_options,
    plan_start_value,
    positions_display,
    projects_display,
    render_timeline_charts,
    render_timeline_downloads,
    render_timeline_metrics,
    render_timeline_summary,
    timeline_of,
)
from mlplanner.ui.widgets import seed, value

PLAN_START = "mlp.timeline.plan_start"
HORIZON = "mlp.timeline.horizon"
CAPACITY = "mlp.timeline.capacity"


def _apply() -> None:
    """Write the three inputs into the scenario in force."""
    set_scenario(
        company_update(
            get_scenario(),
            plan_start=plan_start_value(value(PLAN_START)),
            horizon_quarters=value(HORIZON),
            hiring_capacity_per_quarter=value(CAPACITY),
        )
    )


def render_inputs() -> None:
    scenario = get_scenario()
    company = scenario.company
    # Seeded from the scenario whenever the page starts (widget state does not outlive it).
    seed(PLAN_START, plan_start_option(company.plan_start))
    seed(HORIZON, company.horizon_quarters)
    seed(CAPACITY, company.hiring_capacity_per_quarter)
    start_col, horizon_col, capacity_col = st.columns(3)
    start_col.selectbox(
        "Plan start",
        options=plan_start_options(company.plan_start),
        format_func=plan_start_label,
        key=PLAN_START,
        on_change=_apply,
        help=PLAN_START_HELP,
    )
    horizon_col.number_input(
        "Horizon (quarters)",
        min_value=1,
        max_value=MAX_HORIZON_QUARTERS,
        step=1,
        key=HORIZON,
        on_change=_apply,
        help=HORIZON_HELP,
    )
    capacity_col.number_input(
        "Hiring capacity (hires a quarter)",
        min_value=1,
        max_value=100_000,
        step=1,
        value=None,
        placeholder=capacity_placeholder(scenario, get_assumptions()),
        key=CAPACITY,
        on_change=_apply,
        help=capacity_help(scenario, get_assumptions()),
    )


st.title("Timeline")
st.caption(
    f"{plain(get_scenario().name)}: who joins when, what each quarter costs and when each "
    "project is staffed. Hires are opened a time to hire ahead so they arrive when the work "
    "starts, within the hiring capacity and the budget; the Head of Data & ML first, then "
    "each project's critical roles, growing together: the role whose work costs most first "
    "(annotators after the data engineers who build what they label), then one person at a "
    "time to the role furthest behind its share; leads as the team grows."
)
render_inputs()
scenario = get_scenario()
assumptions = get_assumptions()
timeline = timeline_of(scenario, assumptions)
override = get_override()
if override is not None:
    st.info(
        "The timeline staffs the recommended plan (or, where the budget does not pay for it, "
        f"the team the budget advice buys); {plain(override.named)} is not dated."
    )
if not scenario.planned:
    # "Fully staffed 2027-Q1" and "the existing team covers the plan" had read beside no team
    none = "Every project is on hold" if scenario.projects else "No projects yet"
    st.info(f"{none}: the timeline dates the hires a plan for projects needs.")
    render_project_link(scenario, "to see a plan")
    end_page()
render_timeline_metrics(timeline, assumptions)
render_timeline_summary(timeline, assumptions)

if any(q.headcount for q in timeline.quarters):
    render_timeline_charts(scenario, assumptions, timeline)
st.subheader("How sure the timeline is")
render_timeline_bands(scenario, assumptions)

st.subheader("Positions to open")
positions = positions_display(timeline)
if len(positions):
    st.dataframe(positions, hide_index=True, width="stretch")
else:
    st.caption("No positions to open: the existing team covers the plan.")
st.subheader("Projects")
st.dataframe(
    projects_display(timeline),
    hide_index=True,
    width="stretch",
    column_config={BUILT_COLUMN: st.column_config.TextColumn(help=BUILT_HELP)},
)
on_hold = held_text(timeline)
if on_hold is not None:
    st.caption(plain(on_hold))
render_timeline_downloads(timeline, key="timeline_page")
