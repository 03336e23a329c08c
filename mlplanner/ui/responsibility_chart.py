"""The phase x role responsibility matrix of a plan as a heatmap.

Each cell is a role's work in a phase, in the role's colour, stronger the larger its share of the
phase's covered work; the responsible role's cell is outlined and its number bold. Demand nobody
is staffed for shows as a grey "Not covered" row.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from mlplanner.model.roles import PHASE_LABELS, PHASES, ROLE_COLORS, role_label
from mlplanner.reports.responsibility import (
    STATUS_LABELS,
    PhaseWork,
    gaps,
    matrix_frame,
    matrix_headline,
    working_roles,
)
from mlplanner.ui.charts import chart_title

GAP_LABEL = "Not covered"
GAP_COLOR = "#b0b0b0"
ROW_HEIGHT = 38
RESPONSIBLE = STATUS_LABELS["responsible"]


def _fte_text(fte: float) -> str:
    return "<0.1" if 0 < fte < 0.05 else f"{fte:.1f}"


def heatmap_frame(phases: tuple[PhaseWork, ...]) -> pd.DataFrame:
    """The matrix rows with display text, plus a "Not covered" row when a phase has a gap."""
    data = matrix_frame(phases)
    data = data[data["fte"] > 0].copy()
    if gaps(phases):
        gap_rows = pd.DataFrame(
            [
                {
                    "phase": p.phase,
                    "phase_label": PHASE_LABELS[p.phase],
                    "role": "gap",
                    "role_label": GAP_LABEL,
                    "fte": round(p.gap_fte, 2),
                    "share_pct": round(100 * p.gap_fte / p.demand_fte, 1),
                    "status": "",
                }
                for p in phases
                if p.gap_fte > 0 and p.demand_fte > 0
            ]
        )
        data = pd.concat([data, gap_rows], ignore_index=True)
    data["text"] = [_fte_text(fte) for fte in data["fte"]]
    return data


def responsibility_chart(phases: tuple[PhaseWork, ...]) -> alt.LayerChart:
    """Heatmap of who does each phase's work (FTE), the responsible role outlined."""
    data = heatmap_frame(phases)
    roles = working_roles(phases)
    labels = [role_label(r) for r in roles]
    colors = [ROLE_COLORS[r] for r in roles]
    if (data["role"] == "gap").any():
        labels.append(GAP_LABEL)
        colors.append(GAP_COLOR)
    responsible = alt.datum.status == RESPONSIBLE
    # The layers share the data given to the layer chart (each holding its own copy made
    # Altair deep-copy it at every step: 60-100 ms for this chart, half that this way).
    base = alt.Chart().encode(
        x=alt.X(
            "phase_label:N",
            sort=[PHASE_LABELS[p] for p in PHASES],
            title="Lifecycle phase",
            axis=alt.Axis(labelAngle=0, orient="top", labelLimit=110),
        ),
        y=alt.Y("role_label:N", sort=labels, title=None, axis=alt.Axis(labelLimit=220)),
        tooltip=[
            alt.Tooltip("phase_label:N", title="Phase"),
            alt.Tooltip("role_label:N", title="Role"),
            alt.Tooltip("fte:Q", title="FTE a year", format=".2f"),
            alt.Tooltip("share_pct:Q", title="Share of the phase (%)", format=".0f"),
            alt.Tooltip("status:N", title="Status"),
        ],
    )
    cells = base.mark_rect(cornerRadius=3).encode(
        color=alt.Color("role_label:N", scale=alt.Scale(domain=labels, range=colors), legend=None),
        opacity=alt.Opacity(
            "share_pct:Q", scale=alt.Scale(domain=[0, 100], range=[0.25, 1]), legend=None
        ),
        stroke=alt.condition(responsible, alt.value("#1f1f1f"), alt.value(None)),
        strokeWidth=alt.condition(responsible, alt.value(2.5), alt.value(0)),
    )
    others = base.transform_filter(~responsible).mark_text(fontSize=12, color="#1f1f1f")
    leads = base.transform_filter(responsible).mark_text(
        fontSize=13, fontWeight="bold", color="#1f1f1f"
    )
    text = alt.Text("text:N")
    return alt.LayerChart(
        layer=[cells, others.encode(text=text), leads.encode(text=text)],
        data=data,
        title=chart_title(matrix_headline(phases)),
        height=alt.Step(ROW_HEIGHT),
    )
