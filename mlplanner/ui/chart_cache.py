"""Charts of a plan drawn once per plan, not on every rerun.

Building an Altair chart and turning it into Vega-Lite (which Altair validates against its
JSON schema) takes a few hundred milliseconds for the three charts of the Plan page (and the
Role guide's heatmap, the Compare page's two), far more
than computing the plan itself. The finished Vega-Lite spec is cached, keyed by what decides
the plan: the scenario's and the assumptions' JSON, the setup and the allocation
(:func:`evaluation_key`). A rerun that changes none of them (opening the page again, a
widget elsewhere) draws the cached spec; any change draws anew.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, Final

import altair as alt
import streamlit as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import Evaluation
from mlplanner.model.scenario import Scenario
from mlplanner.reports.comparison import SetupComparison, headcount_headline, tradeoff_headline
from mlplanner.reports.headlines import coverage_headline, people_sentence, quality_headline
from mlplanner.reports.quality_limits import quality_limits
from mlplanner.reports.responsibility import phase_work
from mlplanner.ui import comparison_views
from mlplanner.ui.charts import coverage_chart, headcount_chart, quality_chart
from mlplanner.ui.on_demand import opened
from mlplanner.ui.responsibility_chart import responsibility_chart
from mlplanner.ui.text import plain

Spec = dict[str, Any]
CHARTS: Final[dict[str, Callable[[Evaluation], alt.TopLevelMixin]]] = {
    "headcount": headcount_chart,
    "quality": quality_chart,
    "coverage": coverage_chart,
    "responsibility": lambda evaluation: responsibility_chart(phase_work(evaluation)),
}


def scenario_key(scenario: Scenario, assumptions: Assumptions) -> str:
    """A digest of a scenario and the assumptions in force (what its charts beyond one plan,
    such as the timeline's or the setups', are computed from)."""
    text = scenario.to_json() + "\0" + assumptions.model_dump_json()
    return hashlib.sha256(text.encode()).hexdigest()


def evaluation_key(evaluation: Evaluation) -> str:
    """A digest of everything an evaluation is computed from."""
    parts = (
        evaluation.scenario.to_json(),
        evaluation.assumptions.model_dump_json(),
        evaluation.setup,
        json.dumps(evaluation.allocation),
    )
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


@st.cache_data(max_entries=128, show_spinner=False)
def _spec(kind: str, key: str, _evaluation: Evaluation) -> Spec:
    """``kind``'s chart of the evaluation ``key`` names (the evaluation itself is not hashed)."""
    spec: Spec = CHARTS[kind](_evaluation).to_dict(validate=False)
    return spec


def chart_spec(kind: str, evaluation: Evaluation) -> Spec:
    """The Vega-Lite spec of one of :data:`CHARTS` for the evaluation, cached."""
    return _spec(kind, evaluation_key(evaluation), evaluation)


def render_plan_chart(kind: str, evaluation: Evaluation) -> None:
    """One of :data:`CHARTS` at the container's width."""
    st.vega_lite_chart(chart_spec(kind, evaluation), width="stretch")


PEOPLE_CHART_LABEL = "People per project, by role (chart)"
PEOPLE_CHART_KEY = "mlp.plan.people_chart"


def render_people_chart(evaluation: Evaluation) -> None:
    """Where the people go, in words (the project drawing the most people, the largest role),
    and the headcount chart in an expander drawn only while it is open (opening it reruns the
    page): a chart below the fold cost every opening of the Plan page about 90 ms of the
    browser's drawing (``docs/benchmarks.md``)."""
    st.markdown(plain(people_sentence(evaluation)))
    box = opened(PEOPLE_CHART_LABEL, PEOPLE_CHART_KEY)
    if box is not None:
        with box:
            render_plan_chart("headcount", evaluation)


QUALITY_CHARTS_LABEL = "Quality components and coverage by phase (charts)"
QUALITY_CHARTS_KEY = "mlp.plan.quality_charts"


def render_quality_charts(evaluation: Evaluation) -> None:
    """What the quality and coverage charts say, in words, with what holds quality back
    (:func:`~mlplanner.reports.quality_limits.quality_limits`), and the two charts side by side in
    an expander drawn only while it is open (opening it reruns the page): two charts below
    the fold cost a cold page their specs and the browser their drawing."""
    held_back = "".join(f" {sentence}" for sentence in quality_limits(evaluation).sentences)
    headlines = f"{quality_headline(evaluation)}. {coverage_headline(evaluation)}."
    st.markdown(plain(headlines + held_back))
    box = opened(QUALITY_CHARTS_LABEL, QUALITY_CHARTS_KEY)
    if box is None:
        return
    with box:
        quality_col, coverage_col = st.columns(2)
        with quality_col:
            render_plan_chart("quality", evaluation)
        with coverage_col:
            render_plan_chart("coverage", evaluation)


@st.cache_data(max_entries=32, show_spinner=False)
def _setup_specs(key: str, _comparison: SetupComparison) -> tuple[Spec, Spec]:
    headcount = comparison_views.headcount_chart(_comparison).to_dict(validate=False)
    tradeoff = comparison_views.tradeoff_chart(_comparison).to_dict(validate=False)
    return headcount, tradeoff


SETUP_CHARTS_LABEL = "People by role and cost against quality, per setup (charts)"
SETUP_CHARTS_KEY = "mlp.compare.setup_charts"


def render_setup_charts(
    comparison: SetupComparison, scenario: Scenario, assumptions: Assumptions
) -> None:
    """What the Compare page's two charts of the setups say, in words, and the charts (people
    by role; cost against quality) side by side in an expander drawn only while it is open
    (opening it reruns the page): two charts below the fold cost every opening of the page
    the browser's drawing. ``comparison`` is ``scenario`` recommended as each setup under
    ``assumptions``."""
    st.markdown(plain(f"{headcount_headline(comparison)}. {tradeoff_headline(comparison)}."))
    box = opened(SETUP_CHARTS_LABEL, SETUP_CHARTS_KEY)
    if box is None:
        return
    headcount, tradeoff = _setup_specs(scenario_key(scenario, assumptions), comparison)
    left, right = box.columns(2)
    left.vega_lite_chart(headcount, width="stretch")
    right.vega_lite_chart(tradeoff, width="stretch")
