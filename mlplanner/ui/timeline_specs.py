"""The Timeline page's charts as Vega-Lite specs, built once per scenario and assumptions.

Building and validating the four Altair charts took about 0.16 s of every opening of the
page, and the two band charts 0.08 s more (``docs/benchmarks.md``), far more than simulating
the timeline. Like the Plan page's charts (:mod:`mlplanner.ui.chart_cache`), the finished
specs are cached, keyed by the scenario and the assumptions (their digest); the prefetch worker
builds the four after an edit.
"""

from __future__ import annotations

from typing import Final

import streamlit as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.scenario import Scenario
from mlplanner.ranges.timeline_ranges import TimelineRanges
from mlplanner.timeline.simulation import Timeline
from mlplanner.ui.chart_cache import Spec, scenario_key
from mlplanner.ui.timeline_charts import (
    band_chart,
    capacity_chart,
    cost_chart,
    flow_chart,
    headcount_chart,
)

# The bands' series and axis formats, left to right.
BANDS: Final = (("People", ",.0f"), ("Cumulative cost", "$,.2s"))


@st.cache_data(max_entries=16, show_spinner=False)
def _timeline_specs(key: str, _timeline: Timeline) -> list[Spec]:
    """The four charts of the timeline ``key`` names (the timeline itself is not hashed)."""
    charts = (headcount_chart, flow_chart, capacity_chart, cost_chart)
    return [chart(_timeline).to_dict(validate=False) for chart in charts]


def timeline_specs(scenario: Scenario, assumptions: Assumptions, timeline: Timeline) -> list[Spec]:
    """The specs of the headcount, hires and leavers, capacity and cost charts of the
    scenario's ``timeline``, cached."""
    return _timeline_specs(scenario_key(scenario, assumptions), timeline)


@st.cache_data(max_entries=16, show_spinner=False)
def _band_specs(key: str, _ranges: TimelineRanges) -> list[Spec]:
    return [band_chart(_ranges, series, axis).to_dict(validate=False) for series, axis in BANDS]


def band_specs(scenario: Scenario, assumptions: Assumptions, ranges: TimelineRanges) -> list[Spec]:
    """The band charts of :data:`BANDS` for the scenario's timeline ``ranges``, cached."""
    return _band_specs(scenario_key(scenario, assumptions), ranges)
