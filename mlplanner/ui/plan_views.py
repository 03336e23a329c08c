"""Views of one plan (an Evaluation, or a Plan with its explanations), shared by the pages.

Each function renders one block: headline metrics, the role table, explanations, the hiring
list. Roles appear in lifecycle order, money as ``$1.24M``/``$185k``, FTE with one decimal.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from mlplanner.model.plan import Evaluation, Explanation
from mlplanner.model.roles import PHASE_LABELS, PHASES, ROLE_COLORS, ROLE_LABELS
from mlplanner.model.wording import format_usd, people, signed_usd
from mlplanner.reports.raise_quality import raise_quality
from mlplanner.ui.text import plain

# Role cells get their role's colour as a light background (hex alpha), text stays readable.
_ROLE_TINT = "40"


def render_headline_metrics(evaluation: Evaluation) -> None:
    """People, hires, annual cost against the budget, quality: the four numbers first."""
    people, hires, cost, quality = st.columns(4)
    people.metric(
        "People",
        evaluation.total_headcount,
        help="Everyone in this plan, existing staff included.",
        border=True,
    )
    hires.metric(
        "Hires",
        evaluation.total_hires,
        help="People this plan needs beyond the existing team.",
        border=True,
    )
    budget = evaluation.budget_usd
    if budget is None:
        cost.metric(
            "Annual cost",
            format_usd(evaluation.annual_cost_usd),
            help="Salaries × loaded-cost multiplier, plus vendor costs. No budget is set.",
            border=True,
        )
    else:
        gap = evaluation.annual_cost_usd - budget
        word = "over" if gap > 0 else "under"
        cost.metric(
            "Annual cost",
            format_usd(evaluation.annual_cost_usd),
            delta=f"{signed_usd(gap)} {word} budget",
            delta_color="inverse",
            help=(
                f"Salaries × loaded-cost multiplier, plus vendor costs, against the budget of "
                f"{format_usd(budget)}."
            ),
            border=True,
        )
    quality.metric(
        "Quality",
        f"{evaluation.quality:.0f} / 100",
        help="Weighted score of coverage, depth, resilience and coordination (see the chart).",
        border=True,
    )


def render_setup(evaluation: Evaluation) -> None:
    st.markdown(f"**Setup: {evaluation.setup}** ({evaluation.setup_reason})")


def render_messages(evaluation: Evaluation) -> None:
    for message in evaluation.messages:
        st.warning(plain(message))


def role_table(evaluation: Evaluation) -> pd.DataFrame:
    """The role table: one row per role, lifecycle order, money and coverage as text, FTE
    unrounded (shown with one decimal, rounded like the staffing rules' text)."""
    lines = evaluation.roles
    return pd.DataFrame(
        {
            "Role": [line.label for line in lines],
            "Demand (FTE)": [line.fte_demand for line in lines],
            "People": [line.headcount for line in lines],
            "Existing": [line.existing for line in lines],
            "Hires": [line.hires for line in lines],
            "Annual cost": [format_usd(line.annual_cost_usd) for line in lines],
            "Coverage": [_percent(line.coverage) for line in lines],
        }
    )


def _percent(coverage: float | None) -> str:
    """``100%``; ``—`` for roles without demand of their own (generalists, leads)."""
    return "—" if coverage is None else f"{coverage:.0f}%"


def _tinted_roles(table: pd.DataFrame, formats: dict[str, str] | None = None) -> Styler:
    """The table with each role's cell in its colour. A styled table is shown with the
    styler's text, so number formats are given here (``formats``), not in column_config."""
    colours = {label: ROLE_COLORS[role] for role, label in ROLE_LABELS.items()}
    styler = table.style.map(
        lambda label: f"background-color: {colours[label]}{_ROLE_TINT}", subset=["Role"]
    )
    return styler.format(formats or {}, na_rep="")


def render_role_table(evaluation: Evaluation) -> None:
    """Demand, people, existing staff, hires, cost and coverage per role."""
    st.dataframe(
        _tinted_roles(role_table(evaluation), {"Demand (FTE)": "{:.1f}"}),
        hide_index=True,
        width="stretch",
        column_config={
            "Role": st.column_config.TextColumn(width="medium"),
            "Demand (FTE)": st.column_config.NumberColumn(
                help="Full-time equivalents of work the projects need"
            ),
            "People": st.column_config.NumberColumn(help="Whole people in this plan"),
            "Existing": st.column_config.NumberColumn(help="Already employed"),
            "Hires": st.column_config.NumberColumn(help="People to hire"),
            "Annual cost": st.column_config.TextColumn(
                alignment="right", help="People × loaded yearly cost"
            ),
            "Coverage": st.column_config.TextColumn(
                alignment="right",
                help="Share of the role's demand someone is staffed for (specialists or "
                "full-stack data scientists); — for roles without demand of their own",
            ),
        },
    )
    if evaluation.vendor_lines:
        vendors = ", ".join(
            f"{line.source} {format_usd(line.annual_cost_usd)}" for line in evaluation.vendor_lines
        )
        st.caption(
            f"People {format_usd(evaluation.staff_cost_usd)} + outsourced annotation "
            f"{format_usd(evaluation.vendor_cost_usd)} ({vendors}) = "
            f"{format_usd(evaluation.annual_cost_usd)} a year."
        )


def demand_table(explanation: Explanation) -> pd.DataFrame:
    """An explanation's demand as FTE per project (rows, largest first) and phase (columns)."""
    lines = pd.DataFrame(list(explanation.demand), columns=["project", "phase", "fte"])
    table = lines.pivot_table(index="project", columns="phase", values="fte", aggfunc="sum")
    phases = [phase for phase in PHASES if phase in table.columns]
    table = table[phases].rename(columns=PHASE_LABELS).fillna(0.0)
    table["Total"] = table.sum(axis=1)
    table = table.sort_values("Total", ascending=False)
    return table.rename_axis("Project").reset_index()


def render_explanations(explanations: dict[str, Explanation]) -> None:
    """Why each head: an expander per role with people (its rule and the demand behind it),
    then the roles that have demand but nobody of their own, with the reason."""
    for role, explanation in explanations.items():
        if explanation.headcount == 0:
            continue
        total = sum(fte for _, _, fte in explanation.demand)
        title = f"{ROLE_LABELS[role]}: {people(explanation.headcount)}"
        if explanation.demand:
            title += f" for {total:.1f} FTE of demand"
        with st.expander(title):
            st.markdown(f"**Rule:** {plain(explanation.rule)}")
            if explanation.work:
                st.markdown(f"**Where the work comes from:** {plain(explanation.work_summary)}")
            if explanation.demand:
                st.caption("Demand behind this role, FTE by project and lifecycle phase")
                st.dataframe(
                    demand_table(explanation),
                    hide_index=True,
                    width="stretch",
                    height="content",
                    column_config={
                        column: st.column_config.NumberColumn(format="%.1f")
                        for column in [*PHASE_LABELS.values(), "Total"]
                    },
                )
    absent = [e for e in explanations.values() if e.headcount == 0 and e.demand]
    if absent:
        st.markdown("**Roles with demand but nobody of their own**")
        for explanation in absent:
            st.markdown(f"- {ROLE_LABELS[explanation.role]}: {plain(explanation.rule)}")


def render_hiring_list(evaluation: Evaluation) -> None:
    """Who to hire, next to who is already employed, with the yearly cost of the hires."""
    lines = [line for line in evaluation.roles if line.existing or line.hires]
    if evaluation.total_hires == 0:
        st.success("No hires needed: the existing team already staffs this plan.")
    table = pd.DataFrame(
        {
            "Role": [line.label for line in lines],
            "In the plan": [line.headcount for line in lines],
            "Already employed": [line.existing for line in lines],
            "To hire": [line.hires for line in lines],
            "Yearly cost of hires": [
                format_usd(line.hires * line.loaded_rate_usd) for line in lines
            ],
        }
    )
    st.dataframe(
        _tinted_roles(table),
        hide_index=True,
        width="stretch",
        column_config={"Yearly cost of hires": st.column_config.TextColumn(alignment="right")},
    )
    st.caption(
        f"{evaluation.total_hires} hires costing {format_usd(evaluation.hiring_cost_usd)} a "
        "year (loaded salaries)."
    )


def render_raise_quality(evaluation: Evaluation) -> None:
    """'What would raise quality most': the next few people to add, each with its cost, the
    points it buys and the project that gains (:func:`raise_quality`)."""
    suggestions = raise_quality(evaluation)
    st.markdown("**What would raise quality most**")
    if not suggestions:
        st.caption("No single person more raises quality by a tenth of a point.")
        return
    st.markdown("\n".join(f"- {plain(s.sentence(ROLE_LABELS[s.role]))}" for s in suggestions))
