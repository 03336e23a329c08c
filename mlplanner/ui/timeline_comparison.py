"""Saved plans' timelines side by side on the Compare page: headcount and cumulative cost
curves, and when each plan is staffed. Each plan is simulated with the scenario (timeline
inputs included) and the assumption values it was saved with."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from mlplanner.model.plan import Evaluation
from mlplanner.model.wording import format_usd
from mlplanner.reports.timeline_texts import staffed_quarter
from mlplanner.timeline.simulation import Timeline, simulate
from mlplanner.ui.timeline_charts import comparison_charts


def timelines(evaluations: Mapping[str, Evaluation]) -> dict[str, Timeline]:
    return {
        label: simulate(evaluation.scenario, assumptions=evaluation.assumptions)
        for label, evaluation in evaluations.items()
    }


def timeline_totals(found: Mapping[str, Timeline]) -> pd.DataFrame:
    """One row per plan: start, staffed quarter, first-year cost, cost over the horizon."""
    return pd.DataFrame(
        [
            {
                "Plan": label,
                "Starts": timeline.start,
                "Fully staffed": staffed_quarter(timeline),
                "First year": format_usd(timeline.first_year_cost_usd),
                "Quarters": len(timeline.quarters),
                "Cost over the quarters": format_usd(timeline.quarters[-1].cumulative_cost_usd),
            }
            for label, timeline in found.items()
        ],
        columns=[
            "Plan",
            "Starts",
            "Fully staffed",
            "First year",
            "Quarters",
            "Cost over the quarters",
        ],
    )


def render_timeline_comparison(evaluations: Mapping[str, Evaluation]) -> None:
    """The timelines of the chosen plans (their recommended staffing), side by side."""
    found = timelines(evaluations)
    st.markdown("**Timelines side by side**")
    st.caption(
        "Who joins when under each plan's own start, horizon and hiring capacity (the "
        "recommended staffing of its scenario)."
    )
    st.altair_chart(comparison_charts(found), width="stretch")
    st.dataframe(timeline_totals(found), hide_index=True, width="stretch")
