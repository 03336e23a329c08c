"""Altair charts of a hiring timeline: headcount by role, hires and leavers, capacity against
demand, cumulative cost against the budget, and the P10–P90 bands of headcount and cumulative
cost over the draws of the uncertain assumptions.

Quarters run left to right; roles are stacked in lifecycle order in their own colours
(``ROLE_COLORS``); every mark has a tooltip.
"""

from __future__ import annotations

from typing import Final

import altair as alt
import pandas as pd

from mlplanner.model.roles import ROLES, role_label, role_sort_key
from mlplanner.model.wording import format_usd
from mlplanner.ranges.timeline_ranges import TimelineRanges
from mlplanner.timeline.simulation import Timeline
from mlplanner.ui.charts import (
    LABEL_LIMIT,
    LEGEND_BELOW,
    NEUTRAL,
    chart_title,
    role_color_scale,
    role_legend,
)

CHART_HEIGHT: Final = 300
HIRES_COLOR: Final = "#59a14f"
LEAVERS_COLOR: Final = "#e15759"
DEMAND_COLOR: Final = "#e15759"
BUDGET_COLOR: Final = "#7f7f7f"
BAND_COLOR: Final = "#a0cbe8"


def _quarters(timeline: Timeline) -> list[str]:
    return [q.quarter for q in timeline.quarters]


def role_quarter_frame(timeline: Timeline) -> pd.DataFrame:
    """One row per quarter and role with people in it at some point."""
    staffed = {r for q in timeline.quarters for r in ROLES if q.by_role("headcount")[r]}
    rows = [
        {
            "quarter": q.quarter,
            "role": line.role,
            "role_label": role_label(line.role),
            "role_order": role_sort_key(line.role),
            "headcount": line.headcount,
            "target": line.target,
            "hires": line.hires,
            "leavers": line.leavers,
            "effective_fte": round(line.effective_fte, 2),
        }
        for q in timeline.quarters
        for line in q.roles
        if line.role in staffed
    ]
    columns = ["quarter", "role", "role_label", "role_order", "headcount", "target", "hires"]
    return pd.DataFrame(rows, columns=[*columns, "leavers", "effective_fte"])


def headcount_chart(timeline: Timeline) -> alt.Chart:
    """People by role each quarter, stacked."""
    data = role_quarter_frame(timeline)
    return (
        alt.Chart(data, title=chart_title("People by role"))
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("quarter:O", sort=_quarters(timeline), title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("headcount:Q", title="People", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "role_label:N",
                scale=role_color_scale(data["role"]),
                legend=role_legend(),
            ),
            order=alt.Order("role_order:Q"),
            tooltip=[
                alt.Tooltip("quarter:O", title="Quarter"),
                alt.Tooltip("role_label:N", title="Role"),
                alt.Tooltip("headcount:Q", title="People"),
                alt.Tooltip("target:Q", title="Needed this quarter"),
                alt.Tooltip("effective_fte:Q", title="Effective FTE", format=".2f"),
            ],
        )
        .properties(height=CHART_HEIGHT, autosize=LEGEND_BELOW)
    )


def flow_frame(timeline: Timeline) -> pd.DataFrame:
    """Hires (positive) and leavers (negative) per quarter."""
    rows = []
    for q in timeline.quarters:
        rows.append({"quarter": q.quarter, "kind": "Hires", "people": q.hires})
        rows.append({"quarter": q.quarter, "kind": "Leavers", "people": -q.leavers})
    return pd.DataFrame(rows, columns=["quarter", "kind", "people"])


def flow_chart(timeline: Timeline) -> alt.Chart:
    """Hires above zero, leavers below, per quarter."""
    return (
        alt.Chart(flow_frame(timeline), title=chart_title("Hires and leavers"))
        .mark_bar()
        .encode(
            x=alt.X("quarter:O", sort=_quarters(timeline), title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("people:Q", title="People (leavers below zero)", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=["Hires", "Leavers"], range=[HIRES_COLOR, LEAVERS_COLOR]),
                legend=alt.Legend(title=None, orient="top"),
            ),
            tooltip=[
                alt.Tooltip("quarter:O", title="Quarter"),
                alt.Tooltip("kind:N", title="What"),
                alt.Tooltip("people:Q", title="People"),
            ],
        )
        .properties(height=CHART_HEIGHT)
    )


def capacity_frame(timeline: Timeline) -> pd.DataFrame:
    """Per quarter: the demand and the team's effective FTE (the roles carrying it)."""
    rows = []
    for q in timeline.quarters:
        demand, effective = q.demand_fte, q.capacity_fte
        for series, value in (("Demand", demand), ("Effective capacity", effective)):
            rows.append(
                {
                    "quarter": q.quarter,
                    "series": series,
                    "fte": round(value, 2),
                    "gap": round(demand - effective, 2),
                }
            )
    return pd.DataFrame(rows, columns=["quarter", "series", "fte", "gap"])


def capacity_chart(timeline: Timeline) -> alt.LayerChart | alt.FacetChart:
    """The team's effective FTE against the work's demand; the shaded band is the gap."""
    data = capacity_frame(timeline)
    wide = data.pivot(index="quarter", columns="series", values="fte").reset_index()
    x = alt.X("quarter:O", sort=_quarters(timeline), title=None, axis=alt.Axis(labelAngle=0))
    gap = (
        alt.Chart(wide)
        .mark_area(opacity=0.15, color=DEMAND_COLOR)
        .encode(x=x, y=alt.Y("Demand:Q"), y2=alt.Y2("Effective capacity:Q"))
    )
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("fte:Q", title="FTE"),
            color=alt.Color(
                "series:N",
                scale=alt.Scale(
                    domain=["Demand", "Effective capacity"], range=[DEMAND_COLOR, NEUTRAL]
                ),
                legend=alt.Legend(title=None, orient="top"),
            ),
            tooltip=[
                alt.Tooltip("quarter:O", title="Quarter"),
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("fte:Q", title="FTE", format=".2f"),
                alt.Tooltip("gap:Q", title="Demand not covered (FTE)", format=".2f"),
            ],
        )
    )
    title = chart_title(
        "Effective capacity against demand",
        "New hires count as they ramp up; leads and generalists add capacity",
    )
    return alt.layer(gap, lines, title=title).properties(height=CHART_HEIGHT)


def cost_frame(timeline: Timeline) -> pd.DataFrame:
    """Per quarter: cumulative cost and, with a budget, the cumulative budget."""
    rows = []
    for q in timeline.quarters:
        rows.append(
            {
                "quarter": q.quarter,
                "series": "Cumulative cost",
                "usd": q.cumulative_cost_usd,
                "shown": format_usd(q.cumulative_cost_usd),
            }
        )
        if q.cumulative_budget_usd is not None:
            rows.append(
                {
                    "quarter": q.quarter,
                    "series": "Cumulative budget",
                    "usd": q.cumulative_budget_usd,
                    "shown": format_usd(q.cumulative_budget_usd),
                }
            )
    return pd.DataFrame(rows, columns=["quarter", "series", "usd", "shown"])


def cost_chart(timeline: Timeline) -> alt.Chart:
    """Cumulative cost against the cumulative budget (a quarter of the annual budget a quarter);
    without a budget, the cost alone (no budget in the title or the legend)."""
    budgeted = timeline.scenario.company.annual_budget_usd is not None
    series = ["Cumulative cost", "Cumulative budget"][: 2 if budgeted else 1]
    title = "Cumulative cost against budget" if budgeted else "Cumulative cost"
    return (
        alt.Chart(cost_frame(timeline), title=chart_title(title))
        .mark_line(point=True)
        .encode(
            x=alt.X("quarter:O", sort=_quarters(timeline), title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("usd:Q", title="US dollars", axis=alt.Axis(format="$,.2s")),
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=series, range=[NEUTRAL, BUDGET_COLOR][: len(series)]),
                legend=alt.Legend(title=None, orient="top"),
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                scale=alt.Scale(domain=series, range=[[1, 0], [6, 4]][: len(series)]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("quarter:O", title="Quarter"),
                alt.Tooltip("series:N", title="Series"),
                alt.Tooltip("shown:N", title="Amount"),
            ],
        )
        .properties(height=CHART_HEIGHT)
    )


def comparison_frame(timelines: dict[str, Timeline]) -> pd.DataFrame:
    """Per plan and quarter: people and cumulative cost, for curves side by side."""
    rows = [
        {
            "plan": label,
            "quarter": q.quarter,
            "people": q.headcount,
            "cumulative_cost_usd": q.cumulative_cost_usd,
            "shown": format_usd(q.cumulative_cost_usd),
        }
        for label, timeline in timelines.items()
        for q in timeline.quarters
    ]
    return pd.DataFrame(rows, columns=["plan", "quarter", "people", "cumulative_cost_usd", "shown"])


def comparison_charts(timelines: dict[str, Timeline]) -> alt.HConcatChart:
    """Two plans' (or more) headcount and cumulative cost curves, side by side."""
    data = comparison_frame(timelines)
    quarters = sorted(set(data["quarter"]))
    base = alt.Chart(data).encode(
        x=alt.X("quarter:O", sort=quarters, title=None, axis=alt.Axis(labelAngle=0)),
        color=alt.Color(
            "plan:N", legend=alt.Legend(title="Plan", orient="bottom", labelLimit=LABEL_LIMIT)
        ),
        tooltip=[
            alt.Tooltip("plan:N", title="Plan"),
            alt.Tooltip("quarter:O", title="Quarter"),
            alt.Tooltip("people:Q", title="People"),
            alt.Tooltip("shown:N", title="Cumulative cost"),
        ],
    )
    people = base.mark_line(point=True).encode(y=alt.Y("people:Q", title="People"))
    cost = base.mark_line(point=True).encode(
        y=alt.Y("cumulative_cost_usd:Q", title="Cumulative cost", axis=alt.Axis(format="$,.2s"))
    )
    return alt.hconcat(
        people.properties(title="People over the quarters", height=CHART_HEIGHT, width=380),
        cost.properties(title="Cumulative cost", height=CHART_HEIGHT, width=380),
    )


def band_frame(ranges: TimelineRanges) -> pd.DataFrame:
    """Per quarter and series (people, cumulative cost): P10, P50 and P90."""
    rows = [
        {"quarter": q, "series": series, "p10": b.p10, "p50": b.p50, "p90": b.p90}
        for series, bands in (
            ("People", ranges.headcount),
            ("Cumulative cost", ranges.cumulative_cost_usd),
        )
        for q, b in zip(ranges.quarters, bands, strict=True)
    ]
    return pd.DataFrame(rows, columns=["quarter", "series", "p10", "p50", "p90"])


def band_chart(
    ranges: TimelineRanges, series: str, axis_format: str
) -> alt.LayerChart | alt.FacetChart:
    """One series' P10–P90 band with its P50 line, quarters left to right."""
    data = band_frame(ranges)
    data = data[data["series"] == series]
    title = f"{series}: P10–P90 over {ranges.draws} draws"
    x = alt.X("quarter:O", sort=list(ranges.quarters), title=None, axis=alt.Axis(labelAngle=0))
    base = alt.Chart(data).encode(x=x)
    tooltip = [
        alt.Tooltip("quarter:O", title="Quarter"),
        alt.Tooltip("p10:Q", title="P10", format=axis_format),
        alt.Tooltip("p50:Q", title="P50", format=axis_format),
        alt.Tooltip("p90:Q", title="P90", format=axis_format),
    ]
    band = base.mark_area(color=BAND_COLOR, opacity=0.6).encode(
        y=alt.Y("p10:Q", title=series, axis=alt.Axis(format=axis_format)),
        y2="p90:Q",
        tooltip=tooltip,
    )
    line = base.mark_line(point=True, color=NEUTRAL).encode(y="p50:Q", tooltip=tooltip)
    return alt.layer(band, line).properties(title=chart_title(title), height=260)
