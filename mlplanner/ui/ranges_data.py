"""Cached ranges, sensitivity and timeline bands for the pages.

Keyed by the scenario's and the assumptions' JSON text (never by objects), so each is computed
once per scenario, assumptions and setup, from the session's own objects (passed unhashed: no
parsing the JSON again, and the model's tables of an assumption set are built once for it);
the cache's spinner shows while one is computed (the plan's ranges take a fraction of a
second, the timeline's bands a second or more).
"""

from __future__ import annotations

import streamlit as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.scenario import Scenario
from mlplanner.model.staffing import choose_setup
from mlplanner.ranges.engine import DrawnWork
from mlplanner.ranges.plan_ranges import PlanRanges, plan_ranges, scenario_draws
from mlplanner.ranges.sensitivity import Sensitivity, sensitivity
from mlplanner.ranges.timeline_ranges import TimelineRanges, timeline_ranges


@st.cache_data(max_entries=32, show_spinner="Drawing 1,000 versions of the assumptions…")
def _plan_ranges(
    scenario_json: str,
    assumptions_json: str,
    setup: str,
    _scenario: Scenario,
    _assumptions: Assumptions,
) -> PlanRanges:
    drawn = _draws(scenario_json, assumptions_json, _scenario, _assumptions)
    return plan_ranges(_scenario, _assumptions, setup, drawn=drawn)


# One scenario's draws, shared (not copied) by every session: the Compare page's other two
# setups reuse the Plan page's, which saves most of their cost (docs/benchmarks.md). One
# entry: a 200-project portfolio's take about 120 MB.
@st.cache_resource(max_entries=1, show_spinner=False)
def _draws(
    scenario_json: str, assumptions_json: str, _scenario: Scenario, _assumptions: Assumptions
) -> DrawnWork:
    return scenario_draws(_scenario, _assumptions)


@st.cache_data(max_entries=16, show_spinner="Moving each assumption to its low and high value…")
def _sensitivity(
    scenario_json: str, assumptions_json: str, _scenario: Scenario, _assumptions: Assumptions
) -> Sensitivity:
    return sensitivity(_scenario, _assumptions)


@st.cache_data(max_entries=16, show_spinner="Simulating the timeline under uncertain assumptions…")
def _timeline_ranges(
    scenario_json: str, assumptions_json: str, _scenario: Scenario, _assumptions: Assumptions
) -> TimelineRanges:
    return timeline_ranges(_scenario, _assumptions)


def ranges_of(scenario: Scenario, assumptions: Assumptions, setup: str | None = None) -> PlanRanges:
    """The recommended plan's ranges (cached), under ``setup`` or the scenario's own.

    Cached by the setup the plan is staffed with (the ranges depend on nothing else of it),
    so the Plan page's ranges and the Compare page's column of the same setup are drawn
    once: opened after an edit of the scenario, Compare draws two setups' ranges, not three.
    """
    chosen = choose_setup(scenario.company, assumptions, setup).setup
    keys = scenario.to_json(), assumptions.model_dump_json()
    return _plan_ranges(*keys, chosen, scenario, assumptions)


def sensitivity_of(scenario: Scenario, assumptions: Assumptions) -> Sensitivity:
    """The tornado's rows of the recommended plan (cached)."""
    return _sensitivity(scenario.to_json(), assumptions.model_dump_json(), scenario, assumptions)


def timeline_ranges_of(scenario: Scenario, assumptions: Assumptions) -> TimelineRanges:
    """The timeline's bands (cached)."""
    keys = scenario.to_json(), assumptions.model_dump_json()
    return _timeline_ranges(*keys, scenario, assumptions)
