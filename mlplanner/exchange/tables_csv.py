"""The tables that leave the app as files: allocation, comparison and frontier.

Money is in exact whole dollars, FTE to 2 decimals (a vendor line's to 3), quality scores to
1 decimal; integer columns stay integers (an empty cell, never ``3.0``, where a value does not
apply).

- **Allocation**: :data:`mlplanner.reports.tables.ALLOCATION_COLUMNS`, one row per role in lifecycle
  order, then one row per outsourced-annotation line (role ``vendor_annotation``) so that
  ``annual_cost_usd`` sums to the plan's yearly cost.
- **Comparison**: :func:`mlplanner.reports.tables.comparison_frame` as is (``item``, then one column
  per setup or plan).
- **Frontier**: one row per cost/quality point, cheapest first: :data:`FRONTIER_COLUMNS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import pandas as pd

from mlplanner.model.plan import Evaluation
from mlplanner.model.quality import COMPONENTS
from mlplanner.model.roles import ROLES
from mlplanner.reports.tables import ALLOCATION_COLUMNS, allocation_frame
from mlplanner.search.frontier import FrontierPoint

VENDOR_ROLE: Final = "vendor_annotation"
HEADCOUNT_PREFIX: Final = "headcount_"
FRONTIER_COLUMNS: Final = (
    "annual_cost_usd",
    "quality",
    *(f"quality_{component}" for component in COMPONENTS),
    "total_headcount",
    *(HEADCOUNT_PREFIX + role for role in ROLES),
)
_WHOLE_ALLOCATION_COLUMNS: Final = (
    "headcount",
    "existing",
    "hires",
    "rate_usd",
    "loaded_rate_usd",
    "annual_cost_usd",
)


def allocation_table(evaluation: Evaluation) -> pd.DataFrame:
    """The allocation export: every role, then the vendor annotation lines."""
    vendors = pd.DataFrame(
        [
            {
                "role": VENDOR_ROLE,
                "role_label": f"Annotation vendor: {line.source}",
                # three decimals and the price, so that the row's cost can be worked out
                # again (0.38 x $60,000 read $22,800 beside $22,500 for 0.375)
                "fte_demand": round(line.fte_equivalent, 3),
                "rate_usd": line.price_usd,
                "loaded_rate_usd": line.price_usd,
                "annual_cost_usd": line.annual_cost_usd,
            }
            for line in evaluation.vendor_lines
        ],
        columns=list(ALLOCATION_COLUMNS),
    )
    roles = allocation_frame(evaluation)
    frame = pd.concat([roles, vendors], ignore_index=True) if len(vendors) else roles
    return frame.astype(dict.fromkeys(_WHOLE_ALLOCATION_COLUMNS, "Int64"))


def frontier_table(points: Sequence[FrontierPoint]) -> pd.DataFrame:
    """Frontier points, one row each, cheapest first."""
    rows = [
        {
            "annual_cost_usd": point.annual_cost_usd,
            "quality": round(point.quality, 1),
            **{f"quality_{c}": round(point.components[c], 1) for c in COMPONENTS},
            "total_headcount": point.headcount,
            **{HEADCOUNT_PREFIX + role: point.allocation.get(role, 0) for role in ROLES},
        }
        for point in points
    ]
    frame = pd.DataFrame(rows, columns=list(FRONTIER_COLUMNS))
    return frame.sort_values("annual_cost_usd", kind="stable", ignore_index=True)
