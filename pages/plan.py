"""Plan page: the staffing plan for the current scenario, and why each head is there."""

from __future__ import annotations

import streamlit as st

from mlplanner.model.plan import NO_QUALITY, Plan, recommend
from mlplanner.reports.adoption import adopted_explanations
from mlplanner.ui.budget_views import render_budget_advice
from mlplanner.ui.chart_cache import render_people_chart, render_quality_charts
from mlplanner.ui.downloads import render_plan_downloads
from mlplanner.ui.messages import render_flash
from mlplanner.ui.model_help import render_model_help
from mlplanner.ui.plan_views import (
    render_explanations,
    render_headline_metrics,
    render_hiring_list,
    render_messages,
    render_raise_quality,
    render_role_table,
    render_setup,
    render_shaping,
)
from mlplanner.ui.project_link import render_project_link
from mlplanner.ui.ranges_views import render_plan_ranges, render_sensitivity, role_ranges
from mlplanner.ui.save import export_context
from mlplanner.ui.saved_plans import previous_quality_text
from mlplanner.ui.sharing import render_loaded_plan_panel
from mlplanner.ui.state import (
    current_plan,
    get_assumption_set_name,
    get_assumptions,
    get_loaded_plan,
    get_override,
    get_scenario,
    set_override,
)
from mlplanner.ui.text import plain
from mlplanner.ui.timeline_views import render_plan_timeline_headline

ADOPTED = "an allocation you chose"  # an adopted allocation without a label of its own


def _back_to_recommendation() -> None:
    set_override(None)


scenario = get_scenario()
plan = current_plan()
override = get_override()

st.title("Plan")
st.caption(plain(scenario.name))
render_flash()  # what adopting the budget advice did
loaded = get_loaded_plan()
if loaded is not None and loaded.previous_quality is not None:
    label = f"{loaded.name}, revision {loaded.opened_revision},"
    st.info(plain(previous_quality_text(label, loaded.previous_quality, plan.quality)))
render_loaded_plan_panel()
if override is not None:
    with st.container(border=True):
        label = plain(override.label or ADOPTED)
        st.markdown(
            f"**Showing an adopted allocation: {label}.** It is not the recommendation; cost "
            "and quality are scored by the same rules."
        )
        st.button(
            "Back to the recommendation",
            on_click=_back_to_recommendation,
            help="Drops the adopted allocation: this page and the sidebar show the recommended "
            "plan again.",
        )

render_headline_metrics(plan)
# Ranges describe the recommendation, not an adopted allocation.
ranged = override is None and bool(scenario.planned)
ranges = render_plan_ranges(scenario, get_assumptions()) if ranged else None
if scenario.planned:
    render_plan_timeline_headline(scenario, get_assumptions(), adopted=override is not None)
render_setup(plan)
if isinstance(plan, Plan):
    render_shaping(plan)
render_messages(plan)
render_budget_advice(scenario, get_assumptions())
if not scenario.planned:
    render_project_link(scenario, "to see a plan")

st.subheader("People by role")
render_role_table(plan, role_ranges(ranges) if ranges else None)
adopted = None if override is None else (override.label or ADOPTED)
render_plan_downloads(plan, get_assumptions(), export_context(scenario.name, adopted), "plan_page")

st.subheader("Where the people go")
render_people_chart(plan)

st.subheader("Quality")
if plan.scored:
    render_quality_charts(plan)
    render_raise_quality(plan)
else:
    st.info(NO_QUALITY)
render_model_help(get_assumptions(), get_assumption_set_name(), scenario.company.region)

if ranged:
    st.subheader("What moves the cost")
    render_sensitivity(scenario, get_assumptions())

if scenario.company.existing_team:
    st.subheader("Hiring list")
    render_hiring_list(plan)

st.subheader("Why each head")
if isinstance(plan, Plan):
    render_explanations(plan.explanations)
else:
    st.caption(
        "For the adopted allocation: each role's people against the recommendation's, the "
        "share of its demand they cover and what is left uncovered."
    )
    recommended = recommend(scenario, assumptions=get_assumptions())
    render_explanations(adopted_explanations(plan, recommended))
