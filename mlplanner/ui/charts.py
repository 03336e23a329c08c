"""Altair charts of a plan, shared by every page that shows one.

Every chart: a title that states its point (computed in :mod:`mlplanner.reports.headlines`),
tooltips on every mark, roles in lifecycle order and in their own colour (``ROLE_COLORS``).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import altair as alt
import pandas as pd
from altair.utils.schemapi import disable_debug_mode

from mlplanner.model.plan import Evaluation
from mlplanner.model.quality import COMPONENTS
from mlplanner.model.roles import (
    PHASE_LABELS,
    PHASES,
    ROLE_COLORS,
    ROLES,
    role_label,
    role_sort_key,
)
from mlplanner.reports.attribution import attribution_frame
from mlplanner.reports.headlines import (
    busiest_source_headline,
    coverage_headline,
    largest_role_headline,
    quality_headline,
)
from mlplanner.reports.model_help import COMPONENT_MEANINGS
from mlplanner.reports.top_sources import top_sources

# Altair's "debug mode" validates every object against the Vega-Lite schema as it is made: a
# quarter of the time a chart takes to build, on every plan's first visit. The app's charts
# are built by code whose finished specs tests/ui/test_chart_specs.py validates, so it is off,
# for the whole process (the app imports every UI module when it starts: mlplanner.ui.heap).
disable_debug_mode()

# Colour of bars that are not about one role (quality, coverage): outside the role palette.
NEUTRAL = "#34495e"
BAR_HEIGHT = 30
LABEL_LIMIT = 280
# Two columns of role names under a chart fit a phone's chart, about 250 px inside an expander,
# at this width (at 170 a review's phone showed one column of two, the other cut off).
LEGEND_LABEL_LIMIT = 100
# A subtitle wraps at this many characters: it fits a chart in half the page's width, or a
# phone's 390 px (Vega cuts a longer line short with "…").
SUBTITLE_CHARS = 50
# A title, in a larger bold font, wraps at this many (a review's phone showed titles cut short).
TITLE_CHARS = 34


def chart_title(text: str, subtitle: str | None = None) -> alt.Title:
    """A chart's title wrapped into lines of :data:`TITLE_CHARS`, its subtitle (if any) into
    lines of :data:`SUBTITLE_CHARS`."""
    lines = textwrap.wrap(text, TITLE_CHARS)
    if subtitle is None:
        return alt.Title(lines, anchor="start")
    return alt.Title(lines, subtitle=textwrap.wrap(subtitle, SUBTITLE_CHARS), anchor="start")


def role_color_scale(roles: Iterable[str] = ROLES) -> alt.Scale:
    """Colour scale over role labels: the given roles in lifecycle order, each in its colour."""
    ordered = sorted(set(roles), key=role_sort_key)
    return alt.Scale(
        domain=[role_label(role) for role in ordered],
        range=[ROLE_COLORS[role] for role in ordered],
    )


# The plot's height is the chart's, the legend below it added on: Streamlit sizes a chart
# stretched to its column with autosize "fit", which puts the legend inside the height, and
# nine roles' legend left the Timeline's 300-pixel "People by role" no plot at all.
LEGEND_BELOW = alt.AutoSizeParams(type="fit-x", contains="padding")


def role_legend(columns: int = 2) -> alt.Legend:
    """The roles' colour legend: under the chart (beside it, it left a phone's plot a sliver:
    grouped bars one or two pixels wide), in ``columns`` columns. It starts where the plot
    does: under bars with long labels beside them, one column (a phone cut off the second).
    A chart of fixed height with it sizes by :data:`LEGEND_BELOW`."""
    return alt.Legend(title="Role", orient="bottom", columns=columns, labelLimit=LEGEND_LABEL_LIMIT)


def headcount_chart(evaluation: Evaluation) -> alt.Chart:
    """People per project, stacked by role: each role's headcount shared out over projects;
    beyond :data:`~mlplanner.reports.top_sources.MAX_BARS` projects the smaller ones share a
    bar."""
    data = top_sources(attribution_frame(evaluation))
    data["role_order"] = data["role"].map(role_sort_key)
    sources = list(dict.fromkeys(data["source"]))
    title = chart_title(busiest_source_headline(evaluation), largest_role_headline(evaluation))
    return (
        alt.Chart(data, title=title)
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            y=alt.Y("source:N", sort=sources, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            # A short title: under the plot beside long labels, a phone cut a long one short.
            x=alt.X("sum(people):Q", title="People"),
            color=alt.Color(
                "role_label:N",
                scale=role_color_scale(data["role"]),
                legend=role_legend(columns=1),
            ),
            order=alt.Order("role_order:Q"),
            tooltip=[
                alt.Tooltip("source:N", title="Project"),
                alt.Tooltip("role_label:N", title="Role"),
                alt.Tooltip("people:Q", title="People", format=".1f"),
            ],
        )
        .properties(height=alt.Step(BAR_HEIGHT))
    )


def quality_chart(evaluation: Evaluation) -> alt.LayerChart:
    """The four quality components (0-100) and how they make up the score."""
    role = {
        "delivery": "the score's base",
        "depth": "acts through the delivery",
        "resilience": "scales the delivery",
        "coordination": "scales the delivery",
    }
    data = pd.DataFrame(
        [
            {
                "component": name.capitalize(),
                "score": round(evaluation.quality_components[name], 1),
                "weight": role[name],
                "meaning": COMPONENT_MEANINGS[name],
            }
            for name in COMPONENTS
        ]
    )
    order = [name.capitalize() for name in COMPONENTS]
    return _score_bars(
        data,
        "component",
        order,
        "score",
        "Score (0-100)",
        chart_title(
            quality_headline(evaluation),
            "quality = delivery × resilience factor × coordination "
            "(the share of the planned work delivered, weighted by depth and safety)",
        ),
        [
            alt.Tooltip("component:N", title="Component"),
            alt.Tooltip("score:Q", title="Score", format=".0f"),
            alt.Tooltip("weight:N", title="In the score"),
            alt.Tooltip("meaning:N", title="Meaning"),
        ],
    )


def coverage_chart(evaluation: Evaluation) -> alt.LayerChart:
    """Share of each lifecycle phase's demand someone is staffed for."""
    coverage = evaluation.quality_detail.coverage_by_phase
    demand = evaluation.demand.by_phase_role.sum(axis=1)
    data = pd.DataFrame(
        [
            {
                "phase": PHASE_LABELS[phase],
                "coverage": round(coverage[phase], 1),
                "demand": round(float(demand[i]), 1),
            }
            for i, phase in enumerate(PHASES)
        ]
    )
    order = [PHASE_LABELS[phase] for phase in PHASES]
    return _score_bars(
        data,
        "phase",
        order,
        "coverage",
        "Demand covered (%)",
        chart_title(
            coverage_headline(evaluation),
            "Share of each lifecycle phase's demand someone is staffed for",
        ),
        [
            alt.Tooltip("phase:N", title="Phase"),
            alt.Tooltip("coverage:Q", title="Covered (%)", format=".0f"),
            alt.Tooltip("demand:Q", title="Demand (FTE)", format=".1f"),
        ],
    )


def _score_bars(
    data: pd.DataFrame,
    category: str,
    order: list[str],
    value: str,
    axis_title: str,
    title: alt.Title,
    tooltip: list[alt.Tooltip],
) -> alt.LayerChart:
    """Horizontal 0-100 bars with their value written at the end of each bar."""
    base = alt.Chart().encode(
        y=alt.Y(f"{category}:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X(f"{value}:Q", title=axis_title, scale=alt.Scale(domain=[0, 100])),
        tooltip=tooltip,
    )
    bars = base.mark_bar(color=NEUTRAL)
    labels = base.mark_text(align="left", dx=4).encode(text=alt.Text(f"{value}:Q", format=".0f"))
    chart = alt.LayerChart(data=data, layer=[bars, labels])
    return chart.properties(title=title, height=alt.Step(BAR_HEIGHT))


def labelled_cost_quality_points(
    data: pd.DataFrame, label: str, label_title: str, tooltips: list[alt.Tooltip]
) -> alt.LayerChart:
    """Cost against quality, one point per row labelled by its ``label`` column; the tooltip
    shows the label, cost, quality, ``tooltips`` and the quality components."""
    base = alt.Chart().encode(
        x=alt.X(
            "cost_usd:Q",
            title="Annual cost (USD)",
            scale=alt.Scale(zero=False, padding=40),
            axis=alt.Axis(format="$.3~s"),
        ),
        y=alt.Y(
            "quality:Q",
            title="Quality (0-100)",
            scale=alt.Scale(zero=False, padding=30),
            # Plans of one quality give a one-value axis, whose ticks read "92.100000"; without
            # a precision, ticks 10 apart read "6e+1" (the tick step sets one digit).
            axis=alt.Axis(format=".4~g"),
        ),
        tooltip=[
            alt.Tooltip(f"{label}:N", title=label_title),
            alt.Tooltip("cost:N", title="Annual cost"),
            alt.Tooltip("quality:Q", title="Quality", format=".1f"),
            *tooltips,
            *[alt.Tooltip(f"{name}:Q", title=name.capitalize()) for name in COMPONENTS],
        ],
    )
    points = base.mark_circle(size=160, color=NEUTRAL)
    labels = base.mark_text(align="left", dx=10, dy=-8, fontSize=13).encode(
        text=alt.Text(f"{_SHOWN_LABEL}:N")
    )
    return alt.LayerChart(data=_one_label_per_point(data, label), layer=[points, labels])


_SHOWN_LABEL = "shown_label"


def _one_label_per_point(data: pd.DataFrame, label: str) -> pd.DataFrame:
    """``data`` with the label each point shows: plans at the same cost and quality share one
    label naming them all (``A = B``), drawn once (two labels drawn over each other cannot be
    read)."""
    point = [data["cost_usd"], data["quality"]]
    together = data.groupby(point, sort=False)[label].transform(" = ".join)
    first = ~data.duplicated(subset=["cost_usd", "quality"])
    return data.assign(**{_SHOWN_LABEL: together.where(first, "")})
