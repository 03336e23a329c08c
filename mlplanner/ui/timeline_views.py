"""Views of a hiring timeline shared by the Timeline, Plan, Scenario and Compare pages: the
timeline inputs (plan start, horizon, hiring capacity), the headline, the charts, the
positions and project tables and the downloads.

Every figure comes from :func:`mlplanner.timeline.simulation.simulate`; every sentence from
:mod:`mlplanner.reports.timeline_texts`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any, Final

import pandas as pd
import streamlit as st

from mlplanner.exchange.csv_dialect import csv_bytes
from mlplanner.exchange.plan_export import CSV_MIME, file_stem
from mlplanner.exchange.timeline_csv import positions_table, timeline_table
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.hiring import derived_capacity
from mlplanner.model.quarters import next_quarter, quarter_index, quarter_of, shift
from mlplanner.model.roles import role_label
from mlplanner.model.scenario import MAX_HORIZON_QUARTERS, Scenario
from mlplanner.model.wording import format_usd
from mlplanner.reports.timeline_texts import (
    ADOPTED_TIMELINE,
    absorption_text,
    built_before_live,
    capacity_text,
    first_year_hires,
    first_year_text,
    full_team,
    project_staffed,
    staffed_headline,
    staffed_quarter,
)
from mlplanner.timeline.simulation import Timeline, simulate
from mlplanner.ui.chart_cache import scenario_key
from mlplanner.ui.downloads import DownloadFile, download_button
from mlplanner.ui.on_demand import opened
from mlplanner.ui.text import plain
from mlplanner.ui.timeline_specs import timeline_specs

# The plan start can be chosen from a year back to three years ahead of today's quarter.
QUARTERS_BACK: Final = 4
QUARTERS_AHEAD: Final = 12
TEAM_WIDE: Final = "Team-wide (leads, analytics baseline)"
# The plan start option meaning "no plan start of its own" (a select box shows None as empty).
NEXT_QUARTER: Final = "next"


def plan_start_options(current: str | None, today: date | None = None) -> list[str]:
    """:data:`NEXT_QUARTER` (whatever today is), then the quarters around today; the
    scenario's own start is kept even when it lies outside that range."""
    this = quarter_of(today or date.today())
    quarters = [shift(this, n) for n in range(-QUARTERS_BACK, QUARTERS_AHEAD + 1)]
    if current is not None and current not in quarters:
        quarters.append(current)
        quarters.sort(key=quarter_index)
    return [NEXT_QUARTER, *quarters]


def plan_start_option(plan_start: str | None) -> str:
    """The option showing a scenario's plan start."""
    return plan_start or NEXT_QUARTER


def plan_start_value(option: str) -> str | None:
    """The scenario's plan start for a chosen option."""
    return None if option == NEXT_QUARTER else option


def plan_start_label(option: str, today: date | None = None) -> str:
    if option == NEXT_QUARTER:
        return f"Next quarter ({next_quarter(today)})"
    return option


PLAN_START_HELP: Final = (
    "The first quarter of the timeline. Positions can be opened from this quarter on, so the "
    "first hires arrive a time to hire later. 'Next quarter' follows the calendar. A set "
    "quarter also tells the plan which projects are already live by then (their Live from), "
    "which it sizes as live models."
)
HORIZON_HELP: Final = f"How many quarters the timeline covers (1 to {MAX_HORIZON_QUARTERS})."


def capacity_help(scenario: Scenario, assumptions: Assumptions) -> str:
    derived = derived_capacity(scenario.company.employees, assumptions)
    return (
        "Hires the company can close in a quarter, all roles together. Leave empty for the "
        f"capacity derived from {scenario.company.employees:,} employees: {derived} a quarter "
        f"(one per {assumptions.hiring.employees_per_hire:,.0f} employees, at least "
        f"{assumptions.hiring.min_capacity_per_quarter}; see the Assumptions page, Hiring). "
        f"Whatever the capacity, the timeline makes {absorption_text(assumptions)} (the "
        "Assumptions page, Warnings)."
    )


def capacity_placeholder(scenario: Scenario, assumptions: Assumptions) -> str:
    derived = derived_capacity(scenario.company.employees, assumptions)
    return f"Derived: {derived} a quarter"


def timeline_of(
    scenario: Scenario, assumptions: Assumptions, quarters: int | None = None
) -> Timeline:
    """The scenario's timeline with the assumptions in force (recommended staffing) over
    ``quarters`` (default: the scenario's horizon), simulated once a day for every session
    that asks: a simulation takes 5-15 ms, and the Plan page's headline and the Timeline page
    ask on every run (the prefetch job asks after an edit)."""
    horizon = quarters or scenario.company.horizon_quarters
    key = scenario_key(scenario, assumptions)
    return _simulated(key, horizon, date.today(), scenario, assumptions)


@st.cache_resource(max_entries=64, show_spinner=False)
def _simulated(
    key: str, quarters: int, today: date, _scenario: Scenario, _assumptions: Assumptions
) -> Timeline:
    """The timeline of the scenario and assumptions ``key`` names (they are not hashed again);
    shared, not copied: a timeline is frozen and nothing writes into it."""
    return simulate(_scenario, assumptions=_assumptions, quarters=quarters, today=today)


def render_timeline_metrics(timeline: Timeline, assumptions: Assumptions) -> None:
    """When the plan is staffed, what the first year costs, hires, capacity."""
    staffed, first_year, hires, capacity = st.columns(4)
    staffed.metric(
        "Fully staffed",
        staffed_quarter(timeline),
        help="The first quarter in which every project has started and every role has the "
        "people the plan needs. Where the budget does not pay for the recommended plan, the "
        "timeline hires the team the budget advice buys (whole projects, or everyone on every "
        "project where that scores higher), and the projects it leaves out are never staffed.",
        border=True,
    )
    n = timeline.first_year_quarters
    first_year.metric(
        "First year" if n == 4 else f"First {n} quarters",
        format_usd(timeline.first_year_cost_usd),
        help="Salaries of the people present (loaded), hiring costs and vendors over the "
        f"first four quarters; {full_team(timeline)} costs {format_usd(timeline.plan_cost_usd)} "
        "a year.",
        border=True,
    )
    hires.metric(
        "Joining / leaving",
        f"{sum(q.hires for q in timeline.quarters)} / {sum(q.leavers for q in timeline.quarters)}",
        help="People joining over the horizon (backfills for leavers included) and people "
        "expected to leave (each role's yearly attrition, added up over the team: one person "
        "leaves, from the role owing most, each time the sum makes a whole person).",
        border=True,
    )
    # The limit that binds, not the company's capacity alone: an enterprise read "Hires a
    # quarter: 250" while its team of 17 absorbed 17 hires a year.
    limit, absorbed, team = first_year_hires(timeline, assumptions)
    capacity.metric(
        "Hires in year 1",
        str(limit),
        help=f"At most this many hires in the timeline's first year: the {team}-person team "
        f"at its start absorbs {absorbed} (the timeline makes {absorption_text(assumptions)}, "
        f"the figure past which the Plan page warns; Assumptions page, Warnings), and the "
        f"company closes {capacity_text(timeline, assumptions)}; with a budget, the yearly "
        "cost also stays within it.",
        border=True,
    )


def render_timeline_summary(timeline: Timeline, assumptions: Assumptions) -> None:
    """The staffing date (or why not) and the first year in words."""
    text = staffed_headline(timeline)
    if timeline.fully_staffed is None:
        st.warning(plain(text))
    else:
        st.markdown(f"**{plain(text)}.**")
    st.caption(
        plain(first_year_text(timeline))
        + "  \nHiring capacity: "
        + plain(capacity_text(timeline, assumptions))
        + "; "
        + plain(absorption_text(assumptions))
        + "."
    )


def positions_display(timeline: Timeline) -> pd.DataFrame:
    """The positions to open, for people: role, when to open, when they start, for what."""
    return pd.DataFrame(
        [
            {
                "Role": role_label(p.role),
                "Open in": p.open_quarter,
                "Starts": p.start_quarter,
                "For": p.project or TEAM_WIDE,
                "Kind": "Backfill" if p.backfill else "New",
                "People": p.count,
            }
            for p in timeline.positions
        ],
        columns=["Role", "Open in", "Starts", "For", "Kind", "People"],
    )


BUILT_COLUMN: Final = "Built before go-live"


def projects_display(timeline: Timeline) -> pd.DataFrame:
    """Each project's start, go-live and staffed quarter, and how much of its work before
    going live the team covered."""
    return pd.DataFrame(
        [
            {
                "Project": p.name,
                "Starts": p.start,
                "Goes live": p.live_from or "—",
                "Staffed": project_staffed(p),
                BUILT_COLUMN: built_before_live(p),
            }
            for p in timeline.projects
        ],
        columns=["Project", "Starts", "Goes live", "Staffed", BUILT_COLUMN],
    )


def timeline_files(timeline: Timeline) -> list[DownloadFile]:
    """The timeline's and the positions' CSV files, each built when its button is clicked
    (:mod:`mlplanner.ui.downloads`): building both took 25 ms of every opening of the page."""
    stem = file_stem(timeline.scenario.name)
    return [
        DownloadFile(
            "Timeline (CSV)",
            f"{stem}-timeline.csv",
            partial(_csv, timeline_table, timeline),
            CSV_MIME,
            "One row per quarter and role: headcount, hires, leavers, effective and demanded "
            "FTE, the target, salary and hiring cost, and the running cost and budget.",
        ),
        DownloadFile(
            "Positions (CSV)",
            f"{stem}-positions.csv",
            partial(_csv, positions_table, timeline),
            CSV_MIME,
            "The positions to open: role, quarter to open, quarter the hire starts, the "
            "project it serves, new or backfill, and how many.",
        ),
    ]


def _csv(table: Callable[[Timeline], pd.DataFrame], timeline: Timeline) -> bytes:
    return csv_bytes(table(timeline))


FLOW_CHARTS_LABEL: Final = "Hires and leavers, capacity against demand (charts)"
FLOW_CHARTS_KEY: Final = "mlp.timeline.flow_charts"


def render_timeline_charts(
    scenario: Scenario, assumptions: Assumptions, timeline: Timeline
) -> None:
    """People by role and cumulative cost against the budget side by side; hires and leavers
    and capacity against demand in an expander drawn only while it is open (opening it reruns
    the page): each chart costs every opening of the page some 30 ms of the browser's drawing
    (``docs/benchmarks.md``), and people and cost are what the page is read for first."""
    headcount, flow, capacity, cost = timeline_specs(scenario, assumptions, timeline)
    for column, spec in zip(st.columns(2), (headcount, cost), strict=True):
        column.vega_lite_chart(spec, width="stretch")
    box = opened(FLOW_CHARTS_LABEL, FLOW_CHARTS_KEY)
    if box is not None:
        for column, spec in zip(box.columns(2), (flow, capacity), strict=True):
            column.vega_lite_chart(spec, width="stretch")


def render_timeline_downloads(timeline: Timeline, key: str) -> None:
    files = timeline_files(timeline)
    for column, file in zip(st.columns(len(files)), files, strict=True):
        with column:
            download_button(file, key=f"mlp.{key}.download.{file.label}")


def render_plan_timeline_headline(
    scenario: Scenario, assumptions: Assumptions, adopted: bool
) -> None:
    """The Plan page's line on the timeline: when the plan is staffed, the first year's cost.
    The timeline staffs the recommendation quarter by quarter; beside an ``adopted`` allocation
    (whose figures the page's headline shows) it says so first, so that its team's cost is not
    read as the adopted one's."""
    timeline = timeline_of(scenario, assumptions, max(4, scenario.company.horizon_quarters))
    with st.container(border=True):
        if adopted:
            st.caption(ADOPTED_TIMELINE)
        st.markdown(f"**{plain(staffed_headline(timeline))}.** {plain(first_year_text(timeline))}")
        st.page_link("pages/timeline.py", label="See who joins when", icon=":material/timeline:")


def company_update(scenario: Scenario, **changes: Any) -> Scenario:
    """The scenario with some company fields changed (validated like any scenario)."""
    data = scenario.to_dict()
    data["company"].update(changes)
    return Scenario.model_validate(data)
