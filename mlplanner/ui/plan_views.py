"""Views of one plan (an Evaluation, or a Plan with its explanations), shared by the pages.

Each function renders one block: headline metrics, the role table, explanations, the hiring
list. Roles appear in lifecycle order, money as ``$1.24M``/``$185k``, FTE with one decimal.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from mlplanner.model.plan import NO_QUALITY, Evaluation, Explanation, Plan
from mlplanner.model.quality import COMPONENTS, DEFINITION
from mlplanner.model.roles import PHASE_LABELS, PHASES, ROLE_LABELS
from mlplanner.model.wording import budget_gap, format_usd, joined, people
from mlplanner.reports.comparison import better_setup
from mlplanner.reports.raise_quality import Suggestion, raise_quality, style_note
from mlplanner.ui.chart_cache import evaluation_key
from mlplanner.ui.on_demand import opened
from mlplanner.ui.role_swatch import swatch_config, with_swatches
from mlplanner.ui.table_height import table_height
from mlplanner.ui.text import plain


def render_headline_metrics(evaluation: Evaluation) -> None:
    """People, hires, annual cost against the budget, quality: the four numbers first."""
    people, hires, cost, quality = st.columns(4)
    people.metric(
        "People",
        f"{evaluation.total_headcount:,}",
        help="Everyone in this plan, existing staff included.",
        border=True,
    )
    hires.metric(
        "Hires",
        f"{evaluation.total_hires:,}",
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
        over = evaluation.annual_cost_usd > budget
        cost.metric(
            "Annual cost",
            format_usd(evaluation.annual_cost_usd),
            delta=budget_gap(evaluation.annual_cost_usd, budget),
            delta_color="red" if over else "green",
            delta_arrow="up" if over else "down",
            help=(
                f"Salaries × loaded-cost multiplier, plus vendor costs, against the budget of "
                f"{format_usd(budget)}."
            ),
            border=True,
        )
    quality.metric(
        "Quality",
        f"{evaluation.quality:.1f} / 100" if evaluation.scored else "No score",
        help=f"{DEFINITION} Its components are {joined(list(COMPONENTS))} (see the chart)."
        if evaluation.scored
        else NO_QUALITY,
        border=True,
    )


def render_setup(evaluation: Evaluation) -> None:
    """The setup and why; for a recommended plan another setup beats for this portfolio, the
    Compare page's sentence saying so."""
    st.markdown(f"**Setup: {evaluation.setup}** ({evaluation.setup_reason})")
    better = better_setup(evaluation) if isinstance(evaluation, Plan) else None
    if better is not None:
        st.info(
            f"{plain(better)} The Compare page shows the setups side by side; the Scenario "
            "page sets the setup."
        )


def render_shaping(plan: Plan) -> None:
    """How the recommendation came from the setup's rules: the team they size, its cost and
    quality, and each move between roles that raised quality within that cost."""
    if plan.shaping is not None and plan.scored:
        st.markdown(f"**How the plan is shaped:** {plain(plan.shaping.summary)}")


def render_messages(evaluation: Evaluation) -> None:
    for message in evaluation.messages:
        st.warning(plain(message))


TOTAL_ROW = "Total"
RANGE_COLUMN = "Range (P10–P90)"
# More outsourced-annotation lines than this are listed in a table, not in a sentence.
VENDOR_LINES_IN_A_SENTENCE = 3
WHY_KEY = "mlp.plan.why"  # and the role: the key of that role's "Why each head" expander


def role_table(evaluation: Evaluation, ranges: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The role table: one row per role, lifecycle order, then a Total row; money and
    coverage as text, FTE unrounded (shown with one decimal, rounded like the staffing rules'
    text). Full-stack data scientists show the demand they carry (counted in its roles'
    rows, so not again in the total), as "Why each head" does. Role, people and cost come
    first so a narrow screen shows them without scrolling; with ``ranges`` (people per role
    id in words, ``TOTAL_ROW`` for the total) a range column after the cost."""
    lines = evaluation.roles
    ranged = {RANGE_COLUMN: [ranges[line.role] for line in lines]} if ranges else {}
    table = pd.DataFrame(
        {
            "Role": [line.label for line in lines],
            "People": [line.headcount for line in lines],
            "Annual cost": [format_usd(line.annual_cost_usd) for line in lines],
            **ranged,
            "Hires": [line.hires for line in lines],
            "Existing": [line.existing for line in lines],
            "Demand (FTE)": [line.fte_work for line in lines],
            "Coverage": [_percent(line.coverage) for line in lines],
        }
    )
    total = {
        "Role": TOTAL_ROW,
        "People": evaluation.total_headcount,
        "Annual cost": format_usd(evaluation.staff_cost_usd),
        **({RANGE_COLUMN: ranges.get(TOTAL_ROW, "")} if ranges else {}),
        "Hires": evaluation.total_hires,
        "Existing": sum(line.existing for line in lines),
        "Demand (FTE)": sum(line.fte_demand for line in lines),
        "Coverage": "",
    }
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    return with_swatches(table, [*(line.role for line in lines), None])


def _percent(coverage: float | None) -> str:
    """``100%``; blank for roles without demand of their own (no demand, generalists, leads):
    nothing to cover is no figure, not 100%."""
    return "" if coverage is None else f"{coverage:.0f}%"


def render_role_table(evaluation: Evaluation, ranges: Mapping[str, str] | None = None) -> None:
    """People (and their range, if given), cost, hires, existing staff, demand and coverage
    per role, and their total; then the outsourced annotation's cost."""
    st.dataframe(
        role_table(evaluation, ranges),
        hide_index=True,
        width="stretch",
        height="content",  # every role and the Total row, without scrolling inside the table
        column_config={
            **swatch_config(),
            # 150 px: role, people and cost fit a phone's 390 px without scrolling.
            "Role": st.column_config.TextColumn(width=150, pinned=True),
            "People": st.column_config.NumberColumn(
                format="localized", help="Whole people in this plan"
            ),
            RANGE_COLUMN: st.column_config.TextColumn(
                alignment="right",
                help="People in this role in 80% of the draws of the uncertain assumptions",
            ),
            "Annual cost": st.column_config.TextColumn(
                alignment="right", help="People × loaded yearly cost"
            ),
            "Hires": st.column_config.NumberColumn(format="localized", help="People to hire"),
            "Existing": st.column_config.NumberColumn(format="localized", help="Already employed"),
            "Demand (FTE)": st.column_config.NumberColumn(
                format="%.1f",
                help="Full-time equivalents of work the projects need; for full-stack data "
                "scientists the other roles' demand they carry (in the total once)",
            ),
            "Coverage": st.column_config.TextColumn(
                alignment="right",
                help="Share of the role's demand someone is staffed for (its own people or "
                "full-stack data scientists); blank for roles without demand of their own",
            ),
        },
    )
    if evaluation.vendor_lines:
        render_vendor_costs(evaluation)


def render_vendor_costs(evaluation: Evaluation) -> None:
    """People + outsourced annotation = yearly cost; the vendor lines named in the sentence
    when there are a few, in a table under it when there are many."""
    lines = evaluation.vendor_lines
    listed = ""
    if len(lines) <= VENDOR_LINES_IN_A_SENTENCE:
        listed = (
            " ("
            + ", ".join(
                f"{plain(line.source)} {format_usd(line.annual_cost_usd)}" for line in lines
            )
            + ")"
        )
    st.caption(
        f"People {format_usd(evaluation.staff_cost_usd)} + outsourced annotation "
        f"{format_usd(evaluation.vendor_cost_usd)}{listed} = "
        f"{format_usd(evaluation.annual_cost_usd)} a year."
    )
    if not listed:
        st.dataframe(
            pd.DataFrame(
                {
                    "Outsourced annotation": [line.source for line in lines],
                    "FTE": [line.fte_equivalent for line in lines],
                    "Annual cost": [format_usd(line.annual_cost_usd) for line in lines],
                }
            ),
            hide_index=True,
            width="stretch",
            height=table_height(len(lines)),
            column_config={
                "Outsourced annotation": st.column_config.TextColumn(pinned=True),
                "FTE": st.column_config.NumberColumn(format="%.1f"),
                "Annual cost": st.column_config.TextColumn(alignment="right"),
            },
        )


def demand_table(explanation: Explanation) -> pd.DataFrame:
    """An explanation's demand as FTE per project (rows, largest first) and phase (columns).

    Summed in plain Python: a pandas pivot table per role costs tens of milliseconds, paid on
    every run of the Plan page for every role."""
    rows: dict[str, dict[str, float]] = {}
    for project, phase, fte in explanation.demand:
        row = rows.setdefault(project, {})
        row[phase] = row.get(phase, 0.0) + fte
    phases = [phase for phase in PHASES if any(phase in row for row in rows.values())]
    table = pd.DataFrame(
        [
            {
                "Project": project,
                **{PHASE_LABELS[phase]: row.get(phase, 0.0) for phase in phases},
                "Total": sum(row.values()),
            }
            for project, row in rows.items()
        ],
        columns=["Project", *(PHASE_LABELS[phase] for phase in phases), "Total"],
    )
    return table.sort_values(["Total", "Project"], ascending=[False, True], ignore_index=True)


def render_explanations(explanations: dict[str, Explanation]) -> None:
    """Why each head: an expander per role with people (its rule and the demand behind it),
    then the roles that have demand but nobody of their own, with the reason.

    An expander's content is drawn only while it is open (opening one reruns the page): a
    dozen demand tables, closed, cost every run of the Plan page their conversion and layout.
    """
    for role, explanation in explanations.items():
        if explanation.headcount == 0:
            continue
        total = sum(fte for _, _, fte in explanation.demand)
        title = f"{ROLE_LABELS[role]}: {people(explanation.headcount)}"
        if explanation.demand:
            title += f" for {total:,.1f} FTE of demand"
        expander = opened(title, f"{WHY_KEY}.{role}")
        if expander is None:
            continue
        with expander:
            st.markdown(f"**Rule:** {plain(explanation.rule)}")
            if explanation.coverage:
                st.markdown(f"**Coverage:** {plain(explanation.coverage)}")
            if explanation.work:
                st.markdown(f"**Where the work comes from:** {plain(explanation.work_summary)}")
            if explanation.demand:
                st.caption("Demand behind this role, FTE by project and lifecycle phase")
                table = demand_table(explanation)
                st.dataframe(
                    table,
                    hide_index=True,
                    width="stretch",
                    height=table_height(len(table)),
                    column_config={
                        column: st.column_config.NumberColumn(format="%.1f")
                        for column in [*PHASE_LABELS.values(), "Total"]
                    },
                )
    absent = [e for e in explanations.values() if e.headcount == 0 and e.demand]
    if absent:
        st.markdown("**Roles with demand but nobody of their own**")
        st.markdown(
            "\n".join(
                f"- {ROLE_LABELS[e.role]}: {plain(e.rule.removesuffix('.'))}. {plain(e.coverage)}"
                for e in absent
            )
        )


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
        with_swatches(table, [line.role for line in lines]),
        hide_index=True,
        width="stretch",
        column_config={
            **swatch_config(),
            "Role": st.column_config.TextColumn(pinned=True),
            "Yearly cost of hires": st.column_config.TextColumn(alignment="right"),
        },
    )
    st.caption(
        f"{evaluation.total_hires:,} hires costing {format_usd(evaluation.hires_cost_usd)} a "
        "year (loaded salaries)."
    )


@st.cache_data(max_entries=64, show_spinner=False)
def _suggestions(key: str, _evaluation: Evaluation) -> list[Suggestion]:
    """:func:`raise_quality` of the evaluation ``key`` names (the evaluation itself is not
    hashed): it scores a plan with one more person for every role, some thirty milliseconds
    that every run of the Plan page paid."""
    return raise_quality(_evaluation)


def raise_quality_of(evaluation: Evaluation) -> list[Suggestion]:
    """:func:`raise_quality` of the evaluation, cached per plan."""
    return _suggestions(evaluation_key(evaluation), evaluation)


def render_raise_quality(evaluation: Evaluation) -> None:
    """'What would raise quality most': the next few people to add among the roles the setup
    hires, each with its cost, the points it buys and the project that gains
    (:func:`raise_quality`, cached per plan)."""
    suggestions = raise_quality_of(evaluation)
    if not suggestions:
        st.markdown("**What would raise quality most**")
        st.caption("No single person more raises quality by a tenth of a point.")
        return
    lines = "\n".join(f"- {plain(s.sentence())}" for s in suggestions)
    # the points are one after the other: a person can gain more once the one above is there
    heading = "**What would raise quality most**, each person added to those above"
    st.markdown(f"{heading}\n\n{lines}")  # one element, not two
    note = style_note(suggestions, evaluation)
    if note:
        st.caption(note)
