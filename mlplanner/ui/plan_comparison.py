"""Compare saved plans: pick plans or revisions and a baseline; see what changes per role, in
cost and in quality, and whether a plan was saved under other assumptions than the baseline.

Each revision is recomputed with the assumption values it was saved with (see
:meth:`mlplanner.storage.plans.OpenedPlan.evaluate`), so a plan shows its own figures, not
today's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import altair as alt
import pandas as pd
import streamlit as st

from mlplanner.errors import PlannerInputError
from mlplanner.model.plan import Evaluation
from mlplanner.model.quality import COMPONENTS
from mlplanner.model.roles import ROLES, role_label
from mlplanner.model.wording import format_usd, joined, people, signed_usd
from mlplanner.reports.deltas import EvaluationDelta, RoleDelta, deltas, quality_change
from mlplanner.storage import plans
from mlplanner.storage.revisions import RevisionChoice, revision_choices
from mlplanner.ui import widgets
from mlplanner.ui.charts import (
    LABEL_LIMIT,
    LEGEND_BELOW,
    chart_title,
    labelled_cost_quality_points,
    role_color_scale,
    role_legend,
)
from mlplanner.ui.db import db_session
from mlplanner.ui.saved_plans import previous_quality_text
from mlplanner.ui.text import error_text, plain
from mlplanner.ui.timeline_comparison import render_timeline_comparison

CHOSEN_KEY: Final = "mlp.compare.plans"
BASELINE_KEY: Final = "mlp.compare.baseline"
CHART_HEIGHT: Final = 340
Key = tuple[int, int]  # (plan id, revision number)


@dataclass(frozen=True)
class Compared:
    """A chosen revision, recomputed."""

    label: str
    choice: RevisionChoice
    evaluation: Evaluation


def labels(choices: Sequence[RevisionChoice]) -> dict[Key, str]:
    """``Name · r2`` per revision; a plan id is added where two plans share a name."""
    ids_by_name: dict[str, set[int]] = {}
    for choice in choices:
        ids_by_name.setdefault(choice.plan_name, set()).add(choice.plan_id)
    result = {}
    for choice in choices:
        shared = len(ids_by_name[choice.plan_name]) > 1
        name = f"{choice.plan_name} #{choice.plan_id}" if shared else choice.plan_name
        newest = " (newest)" if choice.is_latest else ""
        result[(choice.plan_id, choice.number)] = f"{name} · r{choice.number}{newest}"
    return result


def _choose(choices: Sequence[RevisionChoice], names: dict[Key, str]) -> tuple[list[Key], Key]:
    keys = [(c.plan_id, c.number) for c in choices]
    kept = [key for key in widgets.value(CHOSEN_KEY) or [] if key in names]
    if widgets.value(CHOSEN_KEY) is None:
        kept = [(c.plan_id, c.number) for c in choices if c.is_latest][:2]
    widgets.put(CHOSEN_KEY, kept)
    chosen: list[Key] = st.multiselect(
        "Plans and revisions to compare",
        keys,
        key=CHOSEN_KEY,
        format_func=lambda key: names[key],
        help="Each is recomputed with the assumptions it was saved with. Pick a plan's "
        "newest revision (marked) or any earlier one; last saved plans first.",
    )
    if not chosen:
        return [], (0, 0)
    if widgets.value(BASELINE_KEY) not in chosen:
        widgets.put(BASELINE_KEY, chosen[0])
    baseline: Key = st.selectbox(
        "Baseline",
        chosen,
        key=BASELINE_KEY,
        format_func=lambda key: names[key],
        help="Every other plan's figures are shown as changes against this one.",
    )
    return chosen, baseline


def _recompute(
    chosen: Sequence[Key], by_key: dict[Key, RevisionChoice], names: dict[Key, str]
) -> dict[Key, Compared]:
    compared = {}
    with db_session() as session:
        for plan_id, number in chosen:
            opened = plans.open_revision(session=session, plan_id=plan_id, number=number)
            key = (plan_id, number)
            compared[key] = Compared(names[key], by_key[key], opened.evaluate())
    return compared


def render_plan_comparison() -> None:
    """The Plans part of the Compare page."""
    try:
        with db_session() as session:
            choices = revision_choices(session=session)
    except PlannerInputError as exc:
        st.error(error_text(exc))
        return
    if not choices:
        st.info(
            "No saved plans yet. Save the current plan (Plan or Plans page), change the "
            "scenario or assumptions, save again, then compare the plans here."
        )
        st.page_link("pages/plans.py", label="Save plans on the Plans page", icon="💾")
        return
    names = labels(choices)
    chosen, baseline_key = _choose(choices, names)
    if len(chosen) < 2:
        st.info("Choose at least two plans or revisions above: one is the baseline.")
        return
    by_key = {(c.plan_id, c.number): c for c in choices}
    try:
        compared = _recompute(chosen, by_key, names)
    except PlannerInputError as exc:
        st.error(error_text(exc))
        return
    baseline = compared[baseline_key]
    found = deltas(
        baseline.evaluation,
        {c.label: c.evaluation for key, c in compared.items() if key != baseline_key},
    )
    sets = {c.label: c.choice.assumption_set_name for c in compared.values()}
    _headline_metrics(baseline, found)
    for item in compared.values():
        if item.choice.previous_quality:
            saved, now = item.choice.quality, item.evaluation.quality
            st.info(plain(previous_quality_text(item.label, saved, now)))
    for change in found:
        if not change.same_assumptions:
            st.warning(
                f"**{plain(change.label)}** was saved under other assumptions "
                f"({plain(sets[change.label])}) than the baseline ({plain(sets[baseline.label])}): "
                "its differences mix changes to the plan with changed numbers."
            )
    if _moved(found):
        st.altair_chart(headcount_delta_chart(baseline.label, found), width="stretch")
    else:  # a chart of no bars says nothing its headline does not
        st.markdown(f"**{plain(headcount_headline(baseline.label, found))}.**")
    st.altair_chart(cost_quality_chart(list(compared.values())), width="stretch")
    st.markdown("**Headcount and cost by role against the baseline**")
    st.dataframe(role_delta_frame(baseline.label, found), hide_index=True, width="stretch")
    st.markdown("**Totals and quality against the baseline**")
    st.dataframe(totals_frame(found, sets), hide_index=True, width="stretch")
    render_timeline_comparison({c.label: c.evaluation for c in compared.values()})


def _headline_metrics(baseline: Compared, found: Sequence[EvaluationDelta]) -> None:
    st.caption(
        f"Baseline: **{plain(baseline.label)}**, {people(baseline.evaluation.total_headcount)}, "
        f"{plain(format_usd(baseline.evaluation.annual_cost_usd))} a year, quality "
        f"{baseline.evaluation.quality:.1f}."
    )
    for change in found:
        with st.container(border=True):
            name_col, cost_col, quality_col, people_col = st.columns(
                [2, 1, 1, 1], vertical_alignment="center"
            )
            name_col.markdown(f"**{plain(change.label)}**")
            cost_col.metric(
                "Annual cost",
                format_usd(change.evaluation.annual_cost_usd),
                delta=_usd_delta(change.cost_delta_usd),
                delta_color="inverse",
                help="Yearly cost of people and vendors; the change is against the baseline.",
            )
            quality_col.metric(
                "Quality",
                f"{change.evaluation.quality:.1f}",
                delta=quality_change(change.evaluation.quality, change.baseline.quality),
                help="0-100; the change is against the baseline.",
            )
            people_col.metric(
                "People",
                f"{change.evaluation.total_headcount:,}",
                delta=f"{change.headcount_delta:+,}" if change.headcount_delta else None,
                delta_color="off",
                help="Everyone in the team; the change is against the baseline.",
            )


def _usd_delta(amount: int) -> str | None:
    return signed_usd(amount) if amount else None


def role_delta_frame(baseline_label: str, found: Sequence[EvaluationDelta]) -> pd.DataFrame:
    """Per role (lifecycle order, roles with people somewhere): the baseline's headcount and
    each plan's change in people and yearly cost."""
    rows = []
    for index, role in enumerate(ROLES):
        lines = [change.roles[index] for change in found]
        if not any(line.baseline_headcount or line.headcount for line in lines):
            continue
        row: dict[str, object] = {
            "Role": role_label(role),
            f"{baseline_label}: people": lines[0].baseline_headcount,
        }
        for change, line in zip(found, lines, strict=True):
            row[f"{change.label}: Δ people"] = f"{line.headcount_delta:+d}"
            row[f"{change.label}: Δ cost"] = _usd_delta(line.cost_delta_usd) or "±0"
        rows.append(row)
    return pd.DataFrame(rows)


def totals_frame(found: Sequence[EvaluationDelta], sets: dict[str, str]) -> pd.DataFrame:
    """One row per plan: totals, quality and its components, as changes; its assumption set."""
    return pd.DataFrame(
        [
            {
                "Plan": change.label,
                "Δ people": f"{change.headcount_delta:+d}",
                "Δ hires": f"{change.hires_delta:+d}",
                "Δ cost / year": _usd_delta(change.cost_delta_usd) or "±0",
                "Δ quality": f"{change.quality_delta:+.1f}",
                **{f"Δ {name}": f"{value:+.1f}" for name, value in change.component_deltas.items()},
                "Assumptions": sets[change.label]
                + ("" if change.same_assumptions else " (differ from baseline)"),
            }
            for change in found
        ]
    )


def headcount_delta_frame(found: Sequence[EvaluationDelta]) -> pd.DataFrame:
    """One row per plan and changed role: the change in people and in yearly cost."""
    rows = [
        {
            "plan": change.label,
            "role": line.role,
            "role_label": role_label(line.role),
            "role_order": ROLES.index(line.role),
            "delta": line.headcount_delta,
            "baseline": line.baseline_headcount,
            "people": line.headcount,
            "cost": _usd_delta(line.cost_delta_usd) or "±0",
        }
        for change in found
        for line in change.roles
        if line.headcount_delta
    ]
    columns = ["plan", "role", "role_label", "role_order", "delta", "baseline", "people", "cost"]
    return pd.DataFrame(rows, columns=columns)


def _moved(found: Sequence[EvaluationDelta]) -> list[tuple[EvaluationDelta, RoleDelta]]:
    """Every role whose headcount differs from the baseline's, with the plan it differs in."""
    lines = [(change, line) for change in found for line in change.changed_roles]
    return [(change, line) for change, line in lines if line.headcount_delta]


def headcount_headline(baseline_label: str, found: Sequence[EvaluationDelta]) -> str:
    """The chart's point: the largest change in one role, or that no role changes."""
    moved = _moved(found)
    if not moved:
        return f"Every role has as many people as in {baseline_label}"
    change, line = max(moved, key=lambda pair: abs(pair[1].headcount_delta))
    return (
        f"{role_label(line.role)} changes most: {line.headcount_delta:+d} in "
        f"{change.label} against {baseline_label}"
    )


def headcount_delta_chart(baseline_label: str, found: Sequence[EvaluationDelta]) -> alt.Chart:
    """Per plan, the change in people by role against the baseline, stacked in role colours
    (growth above zero, cuts below)."""
    data = headcount_delta_frame(found)
    roles = [role for role in ROLES if role in set(data["role"])]
    return (
        alt.Chart(
            data,
            title=chart_title(
                headcount_headline(baseline_label, found),
                f"Change in people by role against {baseline_label}",
            ),
        )
        .mark_bar()
        .encode(
            x=alt.X(
                "plan:N",
                sort=[change.label for change in found],
                title=None,
                axis=alt.Axis(labelAngle=0, labelLimit=LABEL_LIMIT),
            ),
            y=alt.Y("delta:Q", title="Change in people", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "role_label:N",
                scale=role_color_scale(roles),
                legend=role_legend(),
            ),
            order=alt.Order("role_order:Q"),
            tooltip=[
                alt.Tooltip("plan:N", title="Plan"),
                alt.Tooltip("role_label:N", title="Role"),
                alt.Tooltip("baseline:Q", title="People in baseline"),
                alt.Tooltip("people:Q", title="People in plan"),
                alt.Tooltip("delta:Q", title="Change", format="+d"),
                alt.Tooltip("cost:N", title="Change in cost / year"),
            ],
        )
        .properties(height=CHART_HEIGHT, autosize=LEGEND_BELOW)
    )


def cost_quality_frame(compared: Sequence[Compared]) -> pd.DataFrame:
    rows = [
        {
            "plan": item.label,
            "cost_usd": item.evaluation.annual_cost_usd,
            "cost": format_usd(item.evaluation.annual_cost_usd),
            "quality": round(item.evaluation.quality, 1),
            "people": item.evaluation.total_headcount,
            "assumptions": item.choice.assumption_set_name,
            **{name: round(item.evaluation.quality_components[name]) for name in COMPONENTS},
        }
        for item in compared
    ]
    return pd.DataFrame(rows)


def cost_quality_headline(compared: Sequence[Compared]) -> str:
    """Which plan costs least and which scores highest; plans that tie (the same cost, the
    same quality to the one decimal shown) are named together, not one of them at random."""
    costs = [item.evaluation.annual_cost_usd for item in compared]
    qualities = [round(item.evaluation.quality, 1) for item in compared]
    cheapest = [
        item.label for item, cost in zip(compared, costs, strict=True) if cost == min(costs)
    ]
    best = [item.label for item, q in zip(compared, qualities, strict=True) if q == max(qualities)]
    if len(cheapest) == len(best) == len(compared):
        return (
            f"{'Both' if len(compared) == 2 else f'All {len(compared)}'} plans cost "
            f"{format_usd(min(costs))} and score {max(qualities):.1f}"
        )
    if cheapest == best:
        return f"{joined(best)} {_verb('cost', best)} least and {_verb('score', best)} highest"
    return (
        f"{joined(cheapest)} {_verb('cost', cheapest)} least ({format_usd(min(costs))}); "
        f"{joined(best)} {_verb('score', best)} highest ({max(qualities):.1f})"
    )


def _verb(verb: str, subjects: Sequence[str]) -> str:
    """``costs`` for one plan, ``cost`` for several."""
    return verb if len(subjects) > 1 else f"{verb}s"


def cost_quality_chart(compared: Sequence[Compared]) -> alt.LayerChart:
    """Cost against quality, one labelled point per plan."""
    chart = labelled_cost_quality_points(
        cost_quality_frame(compared),
        "plan",
        "Plan",
        [
            alt.Tooltip("people:Q", title="People"),
            alt.Tooltip("assumptions:N", title="Assumptions"),
        ],
    )
    return chart.properties(
        title=chart_title(
            cost_quality_headline(compared),
            "Each plan's yearly cost and quality, with its own assumptions",
        ),
        height=CHART_HEIGHT,
    )
