"""Trade-offs page: what each budget buys, the cost/quality frontier, and adopting a plan."""

from __future__ import annotations

import hashlib
import json

import streamlit as st

from mlplanner.model.plan import NO_QUALITY, evaluate, recommend
from mlplanner.model.quality import DEFINITION, shown_difference
from mlplanner.model.wording import count, format_usd
from mlplanner.reports.changes import describe_changes
from mlplanner.reports.tradeoffs import (
    budget_labels,
    budget_steps,
    point_label,
    scenario_step_note,
    scores_nothing,
    search_help,
)
from mlplanner.search.alternatives import alternatives, no_premium_note
from mlplanner.search.frontier import FrontierPoint, affordable
from mlplanner.ui import widgets
from mlplanner.ui.adoption import adopt, adopt_button
from mlplanner.ui.messages import flash, render_flash
from mlplanner.ui.on_demand import opened
from mlplanner.ui.page_end import end_page
from mlplanner.ui.plan_views import render_role_table
from mlplanner.ui.project_link import render_project_link
from mlplanner.ui.state import (
    current_plan,
    get_assumptions,
    get_scenario,
    is_adopted,
)
from mlplanner.ui.text import plain
from mlplanner.ui.tradeoff_chart import with_budget
from mlplanner.ui.tradeoff_data import chart_spec, frontier_files, frontier_points

# The page's two parts that a budget step reruns (keys of their fragments).
BUDGET_PART = "tradeoffs.budget"
FRONTIER_PART = "tradeoffs.frontier_plans"
SEARCH_HELP_KEY = "mlp.tradeoffs.search_help"


def _adopt(point: FrontierPoint, label: str) -> None:
    """Adopt ``point``; the recommended plan's own allocation is the recommendation again
    (adopted, the Plan page had called it "not the recommendation" and dropped its ranges)."""
    if not adopt(point.allocation, label):
        flash("success", "Back to the recommended plan: the Plan page and the sidebar show it.")
    else:
        flash(
            "success",
            f"Adopted the {plain(label)}: {plain(point_label(point))}. The Plan page, every "
            "page's sidebar and saving now use it.",
        )
    st.rerun()  # from a callback: the whole app, so the sidebar shows the adopted plan


def _follow_budget(points: list[FrontierPoint], budget_key: str, point_key: str) -> None:
    """Moving the budget also picks its plan in the frontier plan list below: both parts
    rerun, and nothing else (not the named plans between them)."""
    chosen = affordable(points, widgets.value(budget_key))
    if chosen is not None:
        widgets.put(point_key, points.index(chosen))
    st.rerun([BUDGET_PART, FRONTIER_PART])


scenario = get_scenario()
assumptions = get_assumptions()
scenario_json = scenario.to_json()
assumptions_json = assumptions.model_dump_json()
digest = hashlib.sha256((scenario_json + assumptions_json).encode()).hexdigest()[:12]

st.title("Trade-offs")
render_flash()
st.caption(
    f"{plain(scenario.name)} · every plan below is scored by the same rules as the Plan page; the "
    "frontier holds each plan that no other beats on both cost and quality."
)

step_note = scenario_step_note(scenario, assumptions)
if step_note is not None:
    st.info(step_note)
search_box = opened("Which plans the frontier is chosen from", SEARCH_HELP_KEY)
if search_box is not None:
    with search_box:
        st.markdown(search_help(assumptions))

if not scenario.planned:
    st.info(NO_QUALITY + " Trade-offs weigh cost against quality.")
    render_project_link(scenario, "on the Scenario page")
    end_page()

points = frontier_points(scenario_json, assumptions_json)
recommended = recommend(scenario, assumptions=assumptions)
current = current_plan()
named = alternatives(points, recommended, assumptions)
budget_setting = scenario.company.annual_budget_usd

if len(points) < 2:
    st.info(
        "Only one plan is possible here (the existing team, with nothing to add). "
        "Add projects on the Scenario page to see what more money buys."
    )
    end_page()


steps = budget_steps(points, budget_setting)
start = budget_setting if budget_setting is not None else recommended.annual_cost_usd
default = min(steps, key=lambda step: abs(step - start))
budget_key, point_key = f"mlp.tradeoffs.budget.{digest}", f"mlp.tradeoffs.point.{digest}"


@st.fragment(key=BUDGET_PART)
def budget_and_chart() -> None:
    """The budget slider, the plan it buys and the chart, from the page's values above: a
    slider step reruns this part and the frontier plan list (not the sidebar, the page above
    or the named plans); adopting a plan reruns the whole app."""
    labels = budget_labels(steps)
    budget = st.select_slider(
        "Yearly budget",
        options=steps,
        value=default,
        format_func=lambda usd: labels.get(usd) or format_usd(usd),
        key=budget_key,
        on_change=_follow_budget,
        args=(points, budget_key, point_key),
        help="Moves the marker along the frontier: below, the best plan this budget buys, what it "
        "gives up against the recommended plan, and a button to adopt it. Starts at the "
        "scenario's budget (or the recommended plan's cost when it has none).",
    )
    chosen = affordable(points, budget)

    adopted = chosen is not None and is_adopted(chosen.allocation)
    heading = f"The best plan for {format_usd(budget)} a year"
    st.subheader(heading + (" (adopted)" if adopted else ""))
    if chosen is None:
        st.warning(
            "No plan fits this budget: the cheapest plan of this setup costs "
            f"{format_usd(points[0].annual_cost_usd)} a year."
        )
    else:
        if budget > points[-1].annual_cost_usd:
            st.info(
                f"Every plan of this setup's frontier costs less than {format_usd(budget)}: "
                "more people score no higher. This is the dearest of them."
            )
        chosen_plan = evaluate(scenario, chosen.allocation, assumptions=assumptions)
        same = chosen.allocation == recommended.allocation  # no change to show against it
        figures = st.container(horizontal=True)  # one row, not three columns
        figures.metric(
            "Cost a year",
            format_usd(chosen.annual_cost_usd),
            delta=None
            if same
            else f"{format_usd(chosen.annual_cost_usd - recommended.annual_cost_usd)} "
            "vs recommended",
            delta_color="inverse",
        )
        figures.metric(
            "Quality",
            f"{chosen.quality:.1f} / 100",
            delta=None
            if same
            else f"{shown_difference(chosen.quality, recommended.quality):+.1f} vs recommended",
            help=f"{DEFINITION} The change is against the recommended plan.",
        )
        figures.metric("People", count(chosen.headcount))
        nothing = scores_nothing(chosen, points)
        if nothing is not None:
            st.warning(nothing)
        changes = describe_changes(recommended, chosen_plan)
        st.markdown(
            "\n".join(f"- {line}" for line in changes)
            if changes
            else "This is the recommended plan's allocation."
        )
        adopt_button(
            chosen.allocation,
            key="mlp.tradeoffs.adopt_budget",
            on_click=_adopt,
            args=(chosen, f"best plan for {format_usd(budget)} (Trade-offs page)"),
            help="Makes this allocation the current plan: the Plan page and the sidebar show it, "
            "and saving stores it.",
        )
        roles = opened("Roles of this plan", "mlp.tradeoffs.roles")  # reruns this fragment
        if roles is not None:
            with roles:
                render_role_table(chosen_plan)

    current_json = json.dumps(current.allocation, sort_keys=True)
    spec = chart_spec(scenario_json, assumptions_json, current_json)
    st.vega_lite_chart(with_budget(spec, budget, chosen), width="stretch")


@st.fragment(key=FRONTIER_PART)
def frontier_plan_list() -> None:
    """Any frontier plan to adopt, starting on the one the budget buys (the slider moves it)."""
    chosen = affordable(points, widgets.value(budget_key) or default)
    widgets.seed(point_key, 0 if chosen is None else points.index(chosen))  # none: below all
    index = st.selectbox(
        "Frontier plan",
        options=range(len(points)),
        format_func=lambda i: point_label(points[i]),
        key=point_key,
        help="Pick any plan on the frontier, cheapest first, to adopt it as the current plan. "
        "Moving the budget slider picks the plan it buys.",
    )
    st.button(
        "Adopt the selected frontier plan",
        key="mlp.tradeoffs.adopt_point",
        on_click=_adopt,
        args=(points[index], f"frontier plan at {format_usd(points[index].annual_cost_usd)}"),
        help="Makes the selected allocation the current plan (Plan page, sidebar, saving).",
    )


budget_and_chart()

st.subheader("Named plans")
if all(alternative.name != "premium" for alternative in named):
    st.caption(no_premium_note(assumptions))
columns = st.columns(len(named))
for column, alternative in zip(columns, named, strict=True):
    with column.container(border=True):
        # Name, rule (small and grey, as a caption) and figures in one element, not three.
        st.markdown(
            f"**{alternative.label}**\n\n:gray[:small[{plain(alternative.rule)}]]\n\n"
            f"{plain(point_label(alternative.point))}"
        )
        st.button(
            f"Adopt {alternative.label.lower()}",
            key=f"mlp.tradeoffs.adopt_{alternative.name}",
            on_click=_adopt,
            args=(alternative.point, f"{alternative.label.lower()} plan (Trade-offs page)"),
            help="Makes this allocation the current plan (Plan page, sidebar, saving).",
        )

st.subheader("Every frontier plan")
frontier_plan_list()
display, csv_file = frontier_files(scenario_json, assumptions_json)
st.dataframe(
    display,
    hide_index=True,
    width="stretch",
    # One decimal on every row: the grid showed 22.0 as "22" beside "7.8".
    column_config={"Quality": st.column_config.NumberColumn(format="%.1f")},
)
st.download_button(
    "Download the frontier as CSV",
    data=csv_file,
    file_name="frontier.csv",
    mime="text/csv",
    on_click="ignore",
    help="One row per frontier plan: cost in whole dollars, quality, components, people per role.",
)
