"""Role guide page: who carries each phase in the current plan, and what every role does."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from mlplanner.model.plan import RoleLine
from mlplanner.model.roles import HEAD, LEAD, PHASE_LABELS, role_label
from mlplanner.model.wording import format_usd, people
from mlplanner.reports.responsibility import PhaseWork, gaps, phase_work, working_roles
from mlplanner.reports.role_guide import (
    SOURCES,
    RoleProfile,
    hands_to,
    profiles,
    receives_from,
)
from mlplanner.ui.chart_cache import render_plan_chart
from mlplanner.ui.state import current_plan, get_scenario
from mlplanner.ui.text import plain

MIN_FTE = 0.05
ROLE_TAB = "mlp.role_guide.role"


def phase_list(phases: tuple[str, ...]) -> str:
    return ", ".join(PHASE_LABELS[p] for p in phases) if phases else "none of its own"


def responsible_text(phase: PhaseWork) -> str:
    if phase.responsible:
        return role_label(phase.responsible)
    return "nobody" if phase.demand_fte > 0 else "no demand"


def bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items) if items else "- —"


def render_role(entry: RoleProfile, line: RoleLine, absorbed: Mapping[str, float]) -> None:
    """One role's entry, with its people in the plan (``line``); ``absorbed`` is the FTE of
    each role's work that full-stack data scientists do."""
    if line.headcount:
        cost = format_usd(line.annual_cost_usd).replace("$", "\\$")
        st.markdown(f"**In your current plan:** {line.headcount:,} ({cost} a year).")
    elif absorbed.get(entry.role, 0) >= MIN_FTE:
        st.markdown(
            f"**In your current plan:** nobody; full-stack data scientists cover its "
            f"{absorbed[entry.role]:.1f} FTE of work."
        )
    else:
        st.markdown("**In your current plan:** nobody.")
    st.markdown(entry.does)
    left, right = st.columns(2)
    with left:
        st.markdown("**Skills**\n\n" + bullets(list(entry.skills)))
        st.markdown("**Tools**\n\n" + bullets(list(entry.tools)))
    with right:
        st.markdown(
            f"**Carries (responsible for):** {phase_list(entry.carries)}  \n"
            f"**Contributes to:** {phase_list(entry.contributes)}"
        )
        st.markdown(
            "**Hands work to**\n\n"
            + bullets([f"{role_label(h.taker)}: {h.work}" for h in hands_to(entry.role)])
        )
        st.markdown(
            "**Receives work from**\n\n"
            + bullets([f"{role_label(h.giver)}: {h.work}" for h in receives_from(entry.role)])
        )
    startup, mature = st.columns(2)
    with startup.container(border=True):
        st.markdown(f"**In a startup**\n\n{entry.startup}")
    with mature.container(border=True):
        st.markdown(f"**In a mature company**\n\n{entry.mature}")
    st.caption("Sources: " + "; ".join(SOURCES[key] for key in entry.sources) + ".")


plan = current_plan()
phases = phase_work(plan)

st.title("Role guide")
st.caption(
    "Who carries each phase of the ML lifecycle in your current plan, and what every role "
    "does, uses and hands on."
)

st.subheader("Who carries each phase in your plan")
st.caption(plain(get_scenario().name))
if not working_roles(phases):
    st.info("Nobody in the current plan does phase work yet: add a project on the Scenario page.")
    st.page_link("pages/scenario.py", label="Add a project", icon=":material/add:")
else:
    render_plan_chart("responsibility", plan)
    st.caption(
        "Numbers are FTE a year. Outlined, bold: the **responsible** role, doing the largest "
        "share of the phase's covered work; the other roles in a column **contribute**. "
        "Stronger colour, larger share. Full-stack data scientists do the share of each role's "
        "work they absorb."
    )
    managers = [
        people(plan.allocation[role], role) for role in (LEAD, HEAD) if plan.allocation[role]
    ]
    if managers:
        st.caption(
            f"{' and '.join(managers)} coordinate the teams and carry no phase of their own, "
            "so they have no row."
        )
    table = pd.DataFrame(
        [
            {
                "Phase": PHASE_LABELS[p.phase],
                "Responsible": responsible_text(p),
                "Contributes": ", ".join(role_label(r) for r in p.contributors) or "—",
                "Demand (FTE)": round(p.demand_fte, 1),
                "Not covered (FTE)": round(p.gap_fte, 1),
            }
            for p in phases
        ]
    )
    st.dataframe(table, hide_index=True, width="stretch")
    missing = gaps(phases)
    if missing:
        st.warning(
            "**Work nobody is staffed for**\n\n"
            + bullets(
                [
                    f"{PHASE_LABELS[p.phase]}: {p.gap_fte:.1f} FTE "
                    f"({p.gap_fte / p.demand_fte:.0%} of the phase)"
                    for p in missing
                ]
            )
        )

st.subheader("The roles")
# Only the open tab is drawn (choosing another reruns the page): the twelve roles' entries,
# some two hundred elements, were sent and laid out on every run.
tabs = st.tabs([role_label(p.role) for p in profiles()], key=ROLE_TAB, on_change="rerun")
lines = {line.role: line for line in plan.roles}
for tab, entry in zip(tabs, profiles(), strict=True):
    if tab.open:
        with tab:
            render_role(entry, lines[entry.role], plan.quality_detail.generalist_fte)
