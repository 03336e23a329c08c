"""How firm the plan is, on the pages: ranges in words beside the point figures, a range per
role, the tornado chart (which assumption moves the yearly cost most) and the timeline's bands.

The point figures stay the headline; these say how far they may move when the assumptions are
as uncertain as the Assumptions page's "Uncertainty" tab says (``docs/ranges.md``).
"""

from __future__ import annotations

from typing import Any, Final

import altair as alt
import pandas as pd
import streamlit as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.scenario import Scenario
from mlplanner.model.wording import format_usd
from mlplanner.ranges.bands import CONFIDENCE_WORDS
from mlplanner.ranges.plan_ranges import PlanRanges
from mlplanner.ranges.sensitivity import Sensitivity
from mlplanner.reports.range_texts import (
    people_range,
    quality_range,
    ranges_sentence,
    usd_range,
)
from mlplanner.ui.chart_cache import scenario_key
from mlplanner.ui.charts import LABEL_LIMIT, NEUTRAL, chart_title
from mlplanner.ui.on_demand import opened
from mlplanner.ui.plan_views import TOTAL_ROW
from mlplanner.ui.ranges_data import ranges_of, sensitivity_of, timeline_ranges_of
from mlplanner.ui.text import plain
from mlplanner.ui.timeline_specs import BANDS, band_specs

LOW_COLOR: Final = "#4e79a7"
HIGH_COLOR: Final = "#e15759"
BAR_PX: Final = 44
FRAME_PX: Final = 150


def render_plan_ranges(scenario: Scenario, assumptions: Assumptions) -> PlanRanges:
    """The recommended plan's ranges in words, under the headline figures."""
    ranges = ranges_of(scenario, assumptions)
    st.markdown(
        f"**How firm:** {plain(people_range(ranges.total_headcount))} and "
        f"{plain(usd_range(ranges.annual_cost_usd))} a year, {CONFIDENCE_WORDS}",
        help=plain(ranges_sentence(ranges)) + " See the tornado chart below for what moves it.",
    )
    return ranges


def role_ranges(ranges: PlanRanges) -> dict[str, str]:
    """Per role id, and for the Total row (``TOTAL_ROW``), the people range in words
    (``2–3``; one number when firm)."""
    bands = {**ranges.roles, TOTAL_ROW: ranges.total_headcount}
    return {
        key: f"{int(b.p10)}" if b.firm else f"{int(b.p10)}–{int(b.p90)}" for key, b in bands.items()
    }


def tornado_frame(result: Sensitivity) -> pd.DataFrame:
    """One row per assumption that moves the cost and side (low, high): from the point to the
    cost with the assumption at that side, largest swing first."""
    rows = [
        {
            "assumption": swing.assumption,
            "order": i,
            "side": side,
            "point": result.cost_usd,
            "usd": usd,
            "multiplier": f"×{multiplier:.2f}",
            "shown": format_usd(usd),
            "people": people,
        }
        for i, swing in enumerate(s for s in result.swings if s.cost_swing_usd)
        for side, usd, multiplier, people in (
            ("Low value", swing.cost_at_low_usd, swing.low, swing.headcount_at_low),
            ("High value", swing.cost_at_high_usd, swing.high, swing.headcount_at_high),
        )
    ]
    columns = ["assumption", "order", "side", "point", "usd", "multiplier", "shown", "people"]
    return pd.DataFrame(rows, columns=columns)


def tornado_chart(result: Sensitivity) -> alt.LayerChart | alt.FacetChart:
    """Horizontal bars from the point cost to the cost with each assumption at its low and at
    its high value, largest swing on top; the title states the point."""
    data = tornado_frame(result)
    title = f"Yearly cost {format_usd(result.cost_usd)}: what moves it"
    order = list(dict.fromkeys(data["assumption"]))
    base = alt.Chart()
    bars = base.mark_bar().encode(
        y=alt.Y("assumption:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X(
            "usd:Q",
            title="Yearly cost (US dollars)",
            axis=alt.Axis(format="$,.3~s"),  # .2s read $1.4M twice over a $100k range
            scale=alt.Scale(zero=False),
        ),
        x2=alt.X2("point:Q"),
        color=alt.Color(
            "side:N",
            scale=alt.Scale(domain=["Low value", "High value"], range=[LOW_COLOR, HIGH_COLOR]),
            legend=alt.Legend(title=None, orient="top"),
        ),
        tooltip=[
            alt.Tooltip("assumption:N", title="Assumption"),
            alt.Tooltip("side:N", title="At its"),
            alt.Tooltip("multiplier:N", title="Multiplier"),
            alt.Tooltip("shown:N", title="Yearly cost"),
            alt.Tooltip("people:Q", title="People"),
        ],
    )
    point = base.mark_rule(color=NEUTRAL, strokeWidth=2).encode(
        x=alt.X("point:Q"),
        tooltip=[alt.Tooltip("point:Q", title="Plan's yearly cost", format="$,.0f")],
    )
    # Streamlit fits the whole chart (title, legend, axis) into the height: room for them too.
    height = FRAME_PX + BAR_PX * len(order)
    return alt.layer(bars, point, data=data).properties(title=chart_title(title), height=height)


TORNADO_LABEL = "Each assumption at its low and its high value (chart)"
TORNADO_KEY = "mlp.plan.tornado"


@st.cache_data(max_entries=16, show_spinner=False)
def _tornado_spec(key: str, _result: Sensitivity) -> dict[str, Any]:
    """:func:`tornado_chart` as a Vega-Lite spec, built once per scenario and assumptions
    (``key``, their digest; the result itself is not hashed): building the Altair chart
    cost tens of milliseconds on every run of the Plan page."""
    spec: dict[str, Any] = tornado_chart(_result).to_dict(validate=False)
    return spec


def render_sensitivity(scenario: Scenario, assumptions: Assumptions) -> None:
    """The manager's sentence, and the tornado chart of the recommended plan in an expander
    drawn only while it is open (opening it reruns the page): a chart below the fold costs
    the page's every cold run its spec and the browser its drawing."""
    result = sensitivity_of(scenario, assumptions)
    st.markdown(plain(result.headline))
    if not any(s.cost_swing_usd for s in result.swings):
        return
    box = opened(TORNADO_LABEL, TORNADO_KEY)
    if box is None:
        return
    with box:
        spec = _tornado_spec(scenario_key(scenario, assumptions), result)
        st.vega_lite_chart(spec, width="stretch")
        st.caption(
            "Each assumption alone at its low and at its high value (the Assumptions page, "
            "Uncertainty tab), every other at its own; assumptions that do not move the cost "
            "of this scenario are left out."
        )


TIMELINE_BANDS_LABEL = "P10–P90 bands of headcount and cumulative cost (charts)"
TIMELINE_BANDS_KEY = "mlp.timeline.bands"


def render_timeline_bands(scenario: Scenario, assumptions: Assumptions) -> None:
    """Bands around the timeline's headcount and cumulative cost, in an expander drawn only
    while it is open (opening it reruns the page): the bands simulate the timeline 40 times
    (about a second the first time) and the browser draws two more charts, which no opening
    of the page should pay for a section read now and then."""
    box = opened(TIMELINE_BANDS_LABEL, TIMELINE_BANDS_KEY)
    if box is None:
        return
    with box:
        ranges = timeline_ranges_of(scenario, assumptions)
        for column, spec in zip(
            st.columns(len(BANDS)), band_specs(scenario, assumptions, ranges), strict=True
        ):
            column.vega_lite_chart(spec, width="stretch")
        st.caption(
            f"Each of {ranges.draws} draws moves every uncertain assumption (time to hire, "
            "ramp-up and attrition included) and simulates the timeline again; the band holds "
            f"{CONFIDENCE_WORDS}, the line is the middle draw."
        )


def setup_range_words(scenario: Scenario, assumptions: Assumptions, setup: str) -> str:
    """One setup's ranges in words, for the Compare page."""
    ranges = ranges_of(scenario, assumptions, setup)
    return plain(
        f"{people_range(ranges.total_headcount)}, {usd_range(ranges.annual_cost_usd)}, "
        f"quality {quality_range(ranges.quality)}, {CONFIDENCE_WORDS}"
    )
