"""Views of a setup comparison: the side-by-side table and its two charts.

Charts follow the app's rules: a title stating the point (from :mod:`mlplanner.reports.comparison`),
tooltips on every mark, roles in lifecycle order and in their own colour.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from mlplanner.model.quality import COMPONENTS
from mlplanner.model.roles import ROLES, role_label
from mlplanner.model.wording import format_usd
from mlplanner.reports.comparison import (
    SetupComparison,
    headcount_headline,
    setup_name,
    tradeoff_headline,
)
from mlplanner.reports.tables import comparison_frame
from mlplanner.ui.charts import (
    LEGEND_BELOW,
    chart_title,
    labelled_cost_quality_points,
    role_color_scale,
    role_legend,
)

CHART_HEIGHT = 320


def setup_column(c: SetupComparison, setup: str) -> str:
    """Column heading of a setup: ``Scaleup (your setup)`` for the scenario's own."""
    return f"{setup_name(setup)} (your setup)" if setup == c.chosen else setup_name(setup)


def _figure(value: float) -> str:
    """Whole numbers as ``1,234``, scores to one decimal."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def side_by_side_frame(c: SetupComparison) -> pd.DataFrame:
    """Headcount per role, totals, cost and quality per setup, as shown on screen: money as
    ``$1.24M``, quality to one decimal."""
    frame = comparison_frame([c.plans[s] for s in c.setups])
    columns = {s: setup_column(c, s) for s in c.setups}
    money = frame["item"] == "Annual cost (USD)"
    for setup in c.setups:
        frame[setup] = [
            format_usd(value) if is_money else _figure(value)
            for value, is_money in zip(frame[setup], money, strict=True)
        ]
    frame["item"] = frame["item"].replace({"Annual cost (USD)": "Annual cost"})
    return frame.rename(columns={"item": "", **columns})


def headcount_frame(c: SetupComparison) -> pd.DataFrame:
    """One row per setup and role that has people in some setup, lifecycle order."""
    roles = [r for r in ROLES if any(c.plans[s].allocation[r] for s in c.setups)]
    rows = []
    for setup in c.setups:
        lines = {line.role: line for line in c.plans[setup].roles}
        for role in roles:
            rows.append(
                {
                    "setup": setup_name(setup),
                    "role": role,
                    "role_label": role_label(role),
                    "people": lines[role].headcount,
                    "cost": format_usd(lines[role].annual_cost_usd),
                }
            )
    return pd.DataFrame(rows, columns=["setup", "role", "role_label", "people", "cost"])


def headcount_chart(c: SetupComparison) -> alt.Chart:
    """Grouped bars: per setup, one bar per role (lifecycle order, role colours)."""
    data = headcount_frame(c)
    roles = list(dict.fromkeys(data["role"]))
    labels = [role_label(r) for r in roles]
    return (
        alt.Chart(data, title=chart_title(headcount_headline(c)))
        .mark_bar()
        .encode(
            x=alt.X(
                "setup:N",
                sort=[setup_name(s) for s in c.setups],
                title=None,
                axis=alt.Axis(labelAngle=0),
            ),
            xOffset=alt.XOffset("role_label:N", sort=labels),
            y=alt.Y("people:Q", title="People", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "role_label:N",
                scale=role_color_scale(roles),
                legend=role_legend(),
            ),
            tooltip=[
                alt.Tooltip("setup:N", title="Setup"),
                alt.Tooltip("role_label:N", title="Role"),
                alt.Tooltip("people:Q", title="People"),
                alt.Tooltip("cost:N", title="Annual cost"),
            ],
        )
        .properties(height=CHART_HEIGHT, autosize=LEGEND_BELOW)
    )


def tradeoff_frame(c: SetupComparison) -> pd.DataFrame:
    """One row per setup: cost, quality and what makes them."""
    rows = []
    for setup in c.setups:
        plan = c.plans[setup]
        rows.append(
            {
                "setup": setup_name(setup),
                "cost_usd": plan.annual_cost_usd,
                "cost": format_usd(plan.annual_cost_usd),
                "quality": round(plan.quality, 1),
                "people": plan.total_headcount,
                "hires": plan.total_hires,
                **{name: round(plan.quality_components[name]) for name in COMPONENTS},
            }
        )
    return pd.DataFrame(rows)


def tradeoff_chart(c: SetupComparison) -> alt.LayerChart:
    """Cost against quality, one labelled point per setup."""
    chart = labelled_cost_quality_points(
        tradeoff_frame(c),
        "setup",
        "Setup",
        [alt.Tooltip("people:Q", title="People"), alt.Tooltip("hires:Q", title="Hires")],
    )
    subtitle = f"Compared with {setup_name(c.cheapest).lower()}, the cheapest setup"
    if c.cheapest == c.best:
        subtitle = "More specialists cost more here without scoring higher"
    return chart.properties(
        title=chart_title(tradeoff_headline(c), subtitle),
        height=CHART_HEIGHT,
    )
