"""Cached frontier computations for the Trade-offs page.

Keyed by the scenario's and the assumptions' JSON text (never by objects), so a slider move
reruns in milliseconds and any change of scenario or assumptions recomputes.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st

from mlplanner.exchange.csv_dialect import csv_bytes
from mlplanner.exchange.tables_csv import frontier_table
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import evaluate, recommend
from mlplanner.model.scenario import scenario_from_json
from mlplanner.reports.tradeoffs import frontier_display
from mlplanner.search.alternatives import alternatives, as_point
from mlplanner.search.frontier import FrontierPoint, frontier, sample
from mlplanner.ui.tradeoff_chart import tradeoff_chart

CLOUD_SIZE = 800


@st.cache_data(max_entries=16, show_spinner="Searching every allocation for the frontier…")
def frontier_points(scenario_json: str, assumptions_json: str) -> list[FrontierPoint]:
    """The scenario's frontier under the assumptions."""
    assumptions = Assumptions.model_validate_json(assumptions_json)
    return frontier(scenario_from_json(scenario_json), assumptions=assumptions)


@st.cache_data(max_entries=16, show_spinner=False)
def chart_spec(scenario_json: str, assumptions_json: str, current_json: str) -> dict[str, Any]:
    """The Trade-offs chart without the budget (see :func:`with_budget`); ``current_json`` is
    the current plan's allocation, whose marker it shows."""
    assumptions = Assumptions.model_validate_json(assumptions_json)
    scenario = scenario_from_json(scenario_json)
    points = frontier_points(scenario_json, assumptions_json)
    current = evaluate(scenario, json.loads(current_json), assumptions=assumptions)
    named = alternatives(points, recommend(scenario, assumptions=assumptions), assumptions)
    cloud = sample(scenario, CLOUD_SIZE, assumptions=assumptions)
    return tradeoff_chart(points, cloud, named, as_point(current))


@st.cache_data(max_entries=16, show_spinner=False)
def frontier_files(scenario_json: str, assumptions_json: str) -> tuple[pd.DataFrame, bytes]:
    """The frontier as the on-screen table and as the CSV download."""
    points = frontier_points(scenario_json, assumptions_json)
    return frontier_display(points), csv_bytes(frontier_table(points))
