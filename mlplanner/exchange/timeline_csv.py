"""The timeline as files: one row per quarter and role, and the positions to open.

- **Timeline**: :data:`TIMELINE_COLUMNS`, one row per quarter and role (lifecycle order), then
  per quarter a ``vendor_annotation`` row where outsourced annotation costs something, so that
  ``cost_usd`` sums to the quarter's cost; ``cumulative_cost_usd`` and
  ``cumulative_budget_usd`` (empty without a budget) are the plan's running totals through
  the quarter, the same on each of its rows.
- **Positions**: :data:`POSITION_COLUMNS`, one row per group of positions of a role opened and
  filled in the same quarters for the same project (empty: the team as a whole) and kind
  (``new`` or ``backfill``).

Money in exact whole dollars, FTE to 2 decimals.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from mlplanner.exchange.tables_csv import VENDOR_ROLE
from mlplanner.model.roles import role_label
from mlplanner.timeline.simulation import Timeline

TIMELINE_COLUMNS: Final = (
    "quarter",
    "role",
    "role_label",
    "headcount",
    "hires",
    "leavers",
    "effective_fte",
    "demand_fte",
    "target_headcount",
    "salary_cost_usd",
    "hiring_cost_usd",
    "cost_usd",
    "cumulative_cost_usd",
    "cumulative_budget_usd",
)
POSITION_COLUMNS: Final = (
    "role",
    "role_label",
    "open_quarter",
    "start_quarter",
    "project",
    "kind",
    "count",
)
_WHOLE: Final = (
    "headcount",
    "hires",
    "leavers",
    "target_headcount",
    "salary_cost_usd",
    "hiring_cost_usd",
    "cumulative_budget_usd",
)


def timeline_table(timeline: Timeline) -> pd.DataFrame:
    """The timeline export, one row per quarter and role (and vendor line)."""
    rows: list[dict[str, object]] = []
    for quarter in timeline.quarters:
        totals = {
            "cumulative_cost_usd": quarter.cumulative_cost_usd,
            "cumulative_budget_usd": quarter.cumulative_budget_usd,
        }
        rows.extend(
            {
                "quarter": quarter.quarter,
                "role": line.role,
                "role_label": role_label(line.role),
                "headcount": line.headcount,
                "hires": line.hires,
                "leavers": line.leavers,
                "effective_fte": round(line.effective_fte, 2),
                "demand_fte": round(line.demand_fte, 2),
                "target_headcount": line.target,
                "salary_cost_usd": line.salary_cost_usd,
                "hiring_cost_usd": line.hiring_cost_usd,
                "cost_usd": line.cost_usd,
                **totals,
            }
            for line in quarter.roles
        )
        if quarter.vendor_cost_usd:
            rows.append(
                {
                    "quarter": quarter.quarter,
                    "role": VENDOR_ROLE,
                    "role_label": "Annotation vendors",
                    "cost_usd": quarter.vendor_cost_usd,
                    **totals,
                }
            )
    frame = pd.DataFrame(rows, columns=list(TIMELINE_COLUMNS))
    return frame.astype(dict.fromkeys(_WHOLE, "Int64"))


def positions_table(timeline: Timeline) -> pd.DataFrame:
    """The positions to open, by the quarter they start in."""
    rows = [
        {
            "role": p.role,
            "role_label": role_label(p.role),
            "open_quarter": p.open_quarter,
            "start_quarter": p.start_quarter,
            "project": p.project,
            "kind": "backfill" if p.backfill else "new",
            "count": p.count,
        }
        for p in timeline.positions
    ]
    return pd.DataFrame(rows, columns=list(POSITION_COLUMNS))
