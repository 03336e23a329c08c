"""Every chart the pages draw is valid Vega-Lite, checked whole: the app builds its charts
with Altair's debug mode off (``mlplanner.ui.charts``: no validation of each object as it is
made, a quarter of a chart's build time), so this test builds each one with it on, validates
the finished spec against the schema and checks it is the spec the app draws."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import altair as alt
import pandas as pd
import pytest
from altair.utils import schemapi
from altair.utils.schemapi import debug_mode

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import recommend
from mlplanner.ranges.sensitivity import sensitivity
from mlplanner.reports.comparison import compare_setups
from mlplanner.timeline.simulation import simulate
from mlplanner.ui import comparison_views, timeline_charts
from mlplanner.ui.chart_cache import CHARTS
from mlplanner.ui.charts import SUBTITLE_CHARS, TITLE_CHARS, labelled_cost_quality_points
from mlplanner.ui.ranges_views import tornado_chart

DEFAULTS = Assumptions.defaults()


def charts(name: str) -> dict[str, Callable[[], Any]]:
    """Each chart of the example, by what it shows."""
    scenario = example_scenarios()[name]
    plan = recommend(scenario, assumptions=DEFAULTS)
    comparison = compare_setups(scenario, DEFAULTS)
    timeline = simulate(scenario, assumptions=DEFAULTS)
    built: dict[str, Callable[[], Any]] = {
        f"plan {kind}": partial(chart, plan) for kind, chart in CHARTS.items()
    }
    return built | {
        "tornado": lambda: tornado_chart(sensitivity(scenario, DEFAULTS)),
        "setups' headcount": lambda: comparison_views.headcount_chart(comparison),
        "setups' cost and quality": lambda: comparison_views.tradeoff_chart(comparison),
        "timeline headcount": lambda: timeline_charts.headcount_chart(timeline),
        "timeline flow": lambda: timeline_charts.flow_chart(timeline),
        "timeline capacity": lambda: timeline_charts.capacity_chart(timeline),
        "timeline cost": lambda: timeline_charts.cost_chart(timeline),
    }


@pytest.mark.parametrize("name", sorted(example_scenarios()))
def test_every_chart_is_valid_vega_lite_and_the_same_as_drawn(name: str) -> None:
    for what, build in charts(name).items():
        drawn = build().to_dict(validate=False)
        with debug_mode(True):
            checked: alt.TopLevelMixin = build()
            assert checked.to_dict(validate=True) == drawn, what


def test_the_app_builds_charts_without_altairs_debug_mode() -> None:
    """Off once ``mlplanner.ui.charts`` is imported (every chart module above imports it)."""
    assert schemapi.DEBUG_MODE is False


@pytest.mark.parametrize("name", sorted(example_scenarios()))
def test_every_subtitle_is_drawn_in_lines_that_fit_a_narrow_chart(name: str) -> None:
    # Vega cuts a line longer than the chart short ("…adds 3.3 poin…" on a phone).
    for what, build in charts(name).items():
        title = build().to_dict(validate=False).get("title", {})
        lines = title.get("subtitle", []) if isinstance(title, dict) else []
        assert isinstance(lines, list), what
        assert all(len(line) <= SUBTITLE_CHARS for line in lines), (what, lines)


@pytest.mark.parametrize("name", sorted(example_scenarios()))
def test_every_title_is_drawn_in_lines_that_fit_a_narrow_chart(name: str) -> None:
    # A review's phone showed titles cut short with "…".
    for what, build in charts(name).items():
        title = build().to_dict(validate=False).get("title", {})
        text = title.get("text", []) if isinstance(title, dict) else title
        lines = [text] if isinstance(text, str) else text
        assert all(len(line) <= TITLE_CHARS for line in lines), (what, lines)


def test_role_legends_sit_under_the_plot_in_columns_a_phone_shows_whole() -> None:
    """Beside the plot, the Compare page's role legend left a phone's grouped bars one or two
    pixels wide; under the Plan page's bars, whose plot starts after long project names, two
    columns of 170 px showed one."""
    built = charts("fashion_retailer.json")
    people = built["plan headcount"]().to_dict(validate=False)["encoding"]["color"]["legend"]
    setups = built["setups' headcount"]().to_dict(validate=False)["encoding"]["color"]["legend"]
    quarters = built["timeline headcount"]().to_dict(validate=False)["encoding"]["color"]["legend"]
    assert people["orient"] == setups["orient"] == quarters["orient"] == "bottom"
    assert quarters["columns"] == 2
    assert (people["columns"], setups["columns"]) == (1, 2)
    assert setups["labelLimit"] * setups["columns"] <= 200


def test_plans_at_one_point_share_one_label() -> None:
    # Two labels drawn over each other at one point could not be read (two saved plans of the
    # same inputs, compared).
    scores = dict.fromkeys(("delivery", "depth", "resilience", "coordination"), 100)
    data = pd.DataFrame(
        {
            "plan": ["A", "B", "C"],
            "cost_usd": [1_000_000, 1_000_000, 2_000_000],
            "cost": ["$1.00M", "$1.00M", "$2.00M"],
            "quality": [92.1, 92.1, 95.0],
            **{name: [value] * 3 for name, value in scores.items()},
        }
    )
    spec = labelled_cost_quality_points(data, "plan", "Plan", []).to_dict(validate=False)
    [rows] = spec["datasets"].values()
    assert [row["shown_label"] for row in rows] == ["A = B", "", "C"]
    assert [layer["encoding"]["text"]["field"] for layer in spec["layer"][1:]] == ["shown_label"]


@pytest.mark.parametrize("name", sorted(example_scenarios()))
def test_a_fixed_height_chart_with_its_legend_below_keeps_its_plot_height(name: str) -> None:
    """Streamlit sizes a stretched chart with autosize "fit", which puts a legend below the
    plot inside the chart's height: the enterprise's nine roles left the Timeline's 300-pixel
    "People by role" no plot at all. Such charts fit their width only."""
    for what, build in charts(name).items():
        spec = build().to_dict(validate=False)
        legend = spec.get("encoding", {}).get("color", {}).get("legend") or {}
        if legend.get("orient") == "bottom" and isinstance(spec.get("height"), int):
            assert spec.get("autosize") == {"type": "fit-x", "contains": "padding"}, what
