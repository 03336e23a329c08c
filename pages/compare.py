"""Compare page: the current scenario staffed as a startup, a scaleup and a mature company;
saved plans (or revisions) against a baseline."""

from __future__ import annotations

import streamlit as st

from mlplanner.model.plan import NO_QUALITY
from mlplanner.model.quality import COMPONENTS, DEFINITION
from mlplanner.model.wording import format_usd, joined
from mlplanner.reports.comparison import TOPIC_TITLES, compare_setups
from mlplanner.reports.deltas import delta, quality_change
from mlplanner.ui.chart_cache import render_setup_charts
from mlplanner.ui.comparison_views import setup_column, side_by_side_frame
from mlplanner.ui.downloads import comparison_file, download_button
from mlplanner.ui.plan_comparison import render_plan_comparison
from mlplanner.ui.project_link import render_project_link
from mlplanner.ui.ranges_views import setup_range_words
from mlplanner.ui.state import (
    get_assumption_set_name,
    get_assumptions,
    get_override,
    get_scenario,
)
from mlplanner.ui.text import plain

ROW_PX = 35


scenario = get_scenario()
assumptions = get_assumptions()

st.title("Compare setups")
st.caption(
    f"{plain(scenario.name)}: the same projects staffed as a startup, a scaleup and a mature "
    f"company, with the assumptions in force ({plain(get_assumption_set_name())})."
)

if not scenario.planned:
    st.info(
        f"{NO_QUALITY} Without projects every setup staffs only the company analytics "
        "baseline, so there is nothing to compare."
    )
    render_project_link(scenario, "on the Scenario page")
else:
    override = get_override()
    if override is not None:
        st.info(
            f"Each setup shows its recommended plan; {plain(override.named)} is on the Plan page."
        )
    comparison = compare_setups(scenario, assumptions)
    cheapest = comparison.plans[comparison.cheapest]
    for column, setup in zip(st.columns(3), comparison.setups, strict=True):
        plan = comparison.plans[setup]
        change = delta(cheapest, plan, setup)
        with column.container(border=True):
            st.subheader(setup_column(comparison, setup))
            st.metric(
                "Annual cost",
                format_usd(plan.annual_cost_usd),
                delta=format_usd(change.cost_delta_usd) if change.cost_delta_usd else None,
                delta_color="inverse",
                help="People × salary × employer costs, plus vendor annotation; the change "
                "is against the cheapest setup.",
            )
            # One row, not two columns: fewer elements to send and lay out.
            figures = st.container(horizontal=True)
            figures.metric(
                "Quality",
                f"{plan.quality:.1f}",
                delta=quality_change(plan.quality, cheapest.quality),
                help=f"{DEFINITION} 0-100, from {joined(list(COMPONENTS))}; the change is "
                "against the cheapest setup.",
            )
            figures.metric(
                "People",
                f"{plan.total_headcount:,}",
                help=f"Everyone in this setup's team; {plan.total_hires:,} of them to hire.",
            )
            st.caption(
                f"**Range:** {setup_range_words(scenario, assumptions, setup)}\n\n"
                f"{assumptions.setups[plan.setup].description}"
            )

    st.subheader("What the difference means")
    st.markdown(  # one element for every topic
        "\n\n".join(
            f"**{title}**\n\n"
            + "\n".join(f"- {plain(f.text)}" for f in comparison.findings if f.topic == topic)
            for topic, title in TOPIC_TITLES.items()
        )
    )

    render_setup_charts(comparison, scenario, assumptions)

    st.subheader("Side by side")
    table = side_by_side_frame(comparison)
    st.dataframe(table, hide_index=True, width="stretch", height=ROW_PX * (len(table) + 1) + 3)
    download_button(
        comparison_file(scenario.name, [comparison.plans[setup] for setup in comparison.setups]),
        key="mlp.compare.download",
    )

st.header("Compare saved plans", divider="gray")
st.caption(
    "Saved plans or revisions against a baseline of your choice, each recomputed with the "
    "assumptions it was saved with."
)
render_plan_comparison()
