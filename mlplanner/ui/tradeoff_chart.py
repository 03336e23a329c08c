"""The cost-versus-quality chart of the Trade-offs page.

Layers: a cloud of sampled allocations for context (grey), the frontier as a line with its
points, the named alternatives and the current plan as markers, the budget as a vertical rule
and the plan it buys ringed. Every mark has a tooltip with its allocation.
"""

from __future__ import annotations

import copy
from typing import Any

import altair as alt
import pandas as pd
import pyarrow as pa

from mlplanner.model.wording import format_usd
from mlplanner.reports.tradeoffs import allocation_summary, headline
from mlplanner.search.alternatives import Alternative
from mlplanner.search.frontier import FrontierPoint
from mlplanner.ui.charts import chart_title

FRONTIER_COLOR = "#1f4e79"
CLOUD_COLOR = "#c8ccd0"
MARKER_COLOR = "#d35400"
CURRENT_COLOR = "#2e8b57"
HEIGHT = 420

_TOOLTIP = [
    alt.Tooltip("kind:N", title="Plan"),
    alt.Tooltip("cost_label:N", title="Cost a year"),
    alt.Tooltip("quality:Q", title="Quality", format=".1f"),
    alt.Tooltip("people:Q", title="People"),
    alt.Tooltip("team:N", title="Allocation"),
]
# The tooltip as the spec writes it, built once: Altair checks every object it turns into a
# spec against the Vega-Lite schema, a few milliseconds per slider step.
_TOOLTIP_SPEC = [tooltip.to_dict() for tooltip in _TOOLTIP]


def _frame(points: list[FrontierPoint], kind: str | list[str]) -> pa.Table:
    """The points' rows of a dataset, as the Arrow table Streamlit sends: given a pandas frame,
    Streamlit converts it anew on every run, which for the chart's datasets took most of a
    slider step's time on the server."""
    kinds = [kind] * len(points) if isinstance(kind, str) else kind
    return _arrow(
        pd.DataFrame(
            {
                "kind": kinds,
                "cost": [p.annual_cost_usd / 1e6 for p in points],
                "cost_label": [format_usd(p.annual_cost_usd) for p in points],
                "quality": [round(p.quality, 2) for p in points],
                "people": [p.headcount for p in points],
                "team": [allocation_summary(p.allocation) for p in points],
            }
        )
    )


def _arrow(frame: pd.DataFrame) -> pa.Table:
    """``frame`` as an Arrow table, converted as Streamlit converts a frame it is given."""
    return pa.Table.from_pandas(frame)


def tradeoff_chart(
    points: list[FrontierPoint],
    cloud: list[FrontierPoint],
    named: list[Alternative],
    current: FrontierPoint,
) -> dict[str, Any]:
    """Cost (x, $M a year) against quality (y, 0-100), as a Vega-Lite spec without the budget.

    Built once per scenario (it is the slow part: thousands of points); :func:`with_budget`
    adds the budget's rule and ring on each slider move.
    """
    title, subtitle = headline(points)
    # The frontier's range (and the current plan) sets the axis; the sampled cloud reaches far
    # costlier allocations, which are clipped rather than squeezing the frontier.
    low = min(points[0].annual_cost_usd, current.annual_cost_usd) / 1e6
    high = max(points[-1].annual_cost_usd, current.annual_cost_usd) / 1e6
    margin = 0.05 * (high - low) or 0.05 * high or 0.1
    left, right = max(0.0, low - margin), high + margin
    x = alt.X(
        "cost:Q",
        title="Cost a year ($M)",
        scale=alt.Scale(domain=[left, right], nice=False),
    )
    y = alt.Y("quality:Q", title="Quality (0-100)", scale=alt.Scale(zero=False))
    # Only the sampled allocations inside the axis: the rest would be clipped, never seen, and
    # were most of the spec the browser received and parsed (some 130 KB of 190 KB).
    shown = [p for p in cloud if left <= p.annual_cost_usd / 1e6 <= right]
    context = (
        alt.Chart(alt.NamedData(name=CLOUD_DATA))
        .mark_circle(size=18, color=CLOUD_COLOR, opacity=0.6, clip=True)
        .encode(x=x, y=y, tooltip=_TOOLTIP)
    )
    frontier_data = alt.NamedData(name=FRONTIER_DATA)
    line = (
        alt.Chart(frontier_data)
        .mark_line(color=FRONTIER_COLOR, interpolate="step-after", strokeWidth=2)
        .encode(x=x, y=y)
    )
    dots = (
        alt.Chart(frontier_data)
        .mark_circle(size=40, color=FRONTIER_COLOR)
        .encode(x=x, y=y, tooltip=_TOOLTIP)
    )
    markers = (
        alt.Chart(alt.NamedData(name=MARKED_DATA))
        .mark_point(size=160, filled=True, shape="diamond", opacity=0.9)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "kind:N",
                title="Named plans",
                scale=alt.Scale(scheme="dark2"),
                # Below the chart: inside it, the legend hid points on a phone's narrow plot.
                legend=alt.Legend(orient="bottom", direction="horizontal", columns=2),
            ),
            tooltip=_TOOLTIP,
        )
    )
    chart = alt.layer(
        context,
        line,
        dots,
        markers,
        title=chart_title(title, subtitle),
    ).properties(height=HEIGHT)
    spec: dict[str, Any] = chart.to_dict(validate=False)
    # The data go in as named datasets after the spec is built: Altair would otherwise
    # sanitise, copy and hash every row (most of the time this chart took).
    spec["datasets"] = {
        CLOUD_DATA: _frame(shown, "Another allocation (sample)"),
        FRONTIER_DATA: _frame(points, "On the frontier"),
        MARKED_DATA: _frame(
            [a.point for a in named] + [current], [a.label for a in named] + ["Current plan"]
        ),
    }
    return spec


CLOUD_DATA = "cloud"
FRONTIER_DATA = "frontier"
MARKED_DATA = "named"
BUDGET_DATA = "budget"
CHOSEN_DATA = "chosen"


def with_budget(
    spec: dict[str, Any], budget: float, chosen: FrontierPoint | None
) -> dict[str, Any]:
    """The chart with the budget as a dashed rule and the plan it buys ringed.

    Both are layers drawn from named datasets (``budget`` and ``chosen``), and only those
    datasets change with the budget: the spec itself stays the same, so the browser moves the
    rule and the ring in the chart it has instead of drawing a new chart (Streamlit rebuilds a
    Vega view only when the spec changes, and otherwise replaces the datasets that changed).
    """
    rule = {
        "data": {"name": BUDGET_DATA},
        "mark": {"type": "rule", "color": MARKER_COLOR, "strokeDash": [6, 4]},
        "encoding": {
            "x": {"field": "cost", "type": "quantitative"},
            "tooltip": [{"field": "label", "type": "nominal", "title": "Budget"}],
        },
    }
    ring = {
        "data": {"name": CHOSEN_DATA},
        "mark": {"type": "point", "size": 420, "color": MARKER_COLOR, "strokeWidth": 3},
        "encoding": {
            "x": {"field": "cost", "type": "quantitative"},
            "y": {"field": "quality", "type": "quantitative"},
            "tooltip": copy.deepcopy(_TOOLTIP_SPEC),  # each spec its own
        },
    }
    datasets = {
        **spec.get("datasets", {}),
        BUDGET_DATA: _arrow(
            pd.DataFrame({"cost": [budget / 1e6], "label": [f"Budget {format_usd(budget)}"]})
        ),
        CHOSEN_DATA: _frame([] if chosen is None else [chosen], "Best plan under the budget"),
    }
    return {**spec, "layer": [*spec["layer"], rule, ring], "datasets": datasets}
