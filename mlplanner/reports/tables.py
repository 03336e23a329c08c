"""Plans as pandas tables: the one place that decides columns, order and units of tables."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from mlplanner.model.plan import Evaluation
from mlplanner.model.roles import role_label

ALLOCATION_COLUMNS = (
    "role",
    "role_label",
    "fte_demand",
    "headcount",
    "existing",
    "hires",
    "rate_usd",
    "loaded_rate_usd",
    "annual_cost_usd",
    "coverage_pct",
    "fte_carried",
)


def allocation_frame(evaluation: Evaluation) -> pd.DataFrame:
    """One row per role (lifecycle order): demand, people, rate, yearly cost, coverage (none
    without demand) and the other roles' demand it carries (full-stack data scientists)."""
    rows = [
        {
            "role": line.role,
            "role_label": role_label(line.role),
            "fte_demand": round(line.fte_demand, 2),
            "headcount": line.headcount,
            "existing": line.existing,
            "hires": line.hires,
            "rate_usd": line.rate_usd,
            "loaded_rate_usd": line.loaded_rate_usd,
            "annual_cost_usd": line.annual_cost_usd,
            "coverage_pct": None if line.coverage is None else round(line.coverage, 1),
            "fte_carried": round(line.fte_carried, 2),
        }
        for line in evaluation.roles
    ]
    return pd.DataFrame(rows, columns=list(ALLOCATION_COLUMNS))


def comparison_frame(evaluations: Sequence[Evaluation]) -> pd.DataFrame:
    """Setups (or plans) side by side: one row per role, a headcount column per evaluation,
    then totals, cost and quality rows."""
    columns = [e.setup for e in evaluations]
    rows: list[dict[str, object]] = []
    for i, line in enumerate(evaluations[0].roles):
        row: dict[str, object] = {"item": role_label(line.role)}
        row.update({col: e.roles[i].headcount for col, e in zip(columns, evaluations, strict=True)})
        rows.append(row)
    summary: dict[str, list[float | None]] = {
        "Total headcount": [e.total_headcount for e in evaluations],
        "Hires": [e.total_hires for e in evaluations],
        "Annual cost (USD)": [e.annual_cost_usd for e in evaluations],
        "Quality (0-100)": [round(e.quality, 1) if e.scored else None for e in evaluations],
    }
    for component in evaluations[0].quality_components:
        summary[f"Quality: {component}"] = [
            round(e.quality_components[component], 1) if e.scored else None for e in evaluations
        ]
    for item, values in summary.items():
        rows.append({"item": item, **dict(zip(columns, values, strict=True))})
    # Object columns: headcounts and dollars stay whole numbers next to the quality decimals.
    return pd.DataFrame(rows, columns=["item", *columns], dtype=object)
