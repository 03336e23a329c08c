"""The tornado: each assumption group moved alone to its low and to its high value, and how
far that moves the recommended plan's yearly cost and headcount (the setup's rules' plan under
the moved group, reshaped as the recommendation: :mod:`.engine`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mlplanner.model.assumption_catalog import uncertainty_label, uncertainty_plural
from mlplanner.model.assumptions import HIRING_GROUPS, UNCERTAINTY_GROUPS, Assumptions
from mlplanner.model.scenario import Scenario
from mlplanner.model.wording import agreeing, format_usd
from mlplanner.ranges.engine import outcomes


@dataclass(frozen=True)
class Swing:
    """One group at its low and at its high multiplier, the others at 1."""

    group: str
    low: float
    high: float
    cost_at_low_usd: int
    cost_at_high_usd: int
    headcount_at_low: int
    headcount_at_high: int

    @property
    def assumption(self) -> str:
        return uncertainty_label(self.group)

    @property
    def subjects(self) -> int:
        """1, or 2 for a plural name ("Salaries"): what the headline's verb agrees with."""
        return 2 if uncertainty_plural(self.group) else 1

    @property
    def cost_swing_usd(self) -> int:
        return abs(self.cost_at_high_usd - self.cost_at_low_usd)

    @property
    def headcount_swing(self) -> int:
        return abs(self.headcount_at_high - self.headcount_at_low)

    def to_dict(self) -> dict[str, Any]:
        """The row of ``sensitivity --format json``."""
        return {
            "assumption": self.assumption,
            "cost_at_low_usd": self.cost_at_low_usd,
            "cost_at_high_usd": self.cost_at_high_usd,
            "headcount_at_low": self.headcount_at_low,
            "headcount_at_high": self.headcount_at_high,
        }


@dataclass(frozen=True)
class Sensitivity:
    """The point figures and one swing per group, largest cost swing first (then headcount
    swing, then the groups' order)."""

    cost_usd: int
    headcount: int
    swings: tuple[Swing, ...]

    @property
    def headline(self) -> str:
        """The one sentence a manager needs: which assumption moves the cost most."""
        top = self.swings[0] if self.swings else None
        if top is None or top.cost_swing_usd == 0:
            return f"No uncertain assumption moves the yearly cost of {format_usd(self.cost_usd)}."
        below = self.cost_usd - min(top.cost_at_low_usd, top.cost_at_high_usd)
        above = max(top.cost_at_low_usd, top.cost_at_high_usd) - self.cost_usd
        # One way only (the plan's people cannot go lower, say): "+$964k from $1.73M", not
        # "−$0 / +$964k around".
        if format_usd(below) == format_usd(above):
            spread, at = f"±{format_usd(above)}", "around"
        elif below == 0 or above == 0:
            spread, at = (f"+{format_usd(above)}" if above else f"−{format_usd(below)}"), "from"
        else:
            spread, at = f"−{format_usd(below)} / +{format_usd(above)}", "around"
        return (
            f"{top.assumption} {agreeing('moves', top.subjects)} the yearly cost most: "
            f"{spread} {at} {format_usd(self.cost_usd)}."
        )


def sensitivity(
    scenario: Scenario, assumptions: Assumptions | None = None, setup: str | None = None
) -> Sensitivity:
    """Each group that moves the plan at its low and high value alone (two rows of
    multipliers per group, one run of the engine), the point figures with every group at 1.
    The hiring groups (time to hire, ramp-up, attrition) move the timeline only: listed with
    no swing, they read as certain (the timeline's ranges show them). A group that moves
    neither the work nor the plan at either value (the effort of a domain no project is in,
    running live models where none is live, the share of work pooled where nothing is
    shared) is left out as noise; one that moves the work but not the team or its cost keeps
    its row: the plan absorbs that uncertainty."""
    assumptions = assumptions or Assumptions.defaults()
    domains = {project.domain for project in scenario.projects}
    moving = [
        group
        for group in UNCERTAINTY_GROUPS
        if group not in HIRING_GROUPS
        and not (group.startswith("effort.") and group.removeprefix("effort.") not in domains)
    ]
    multipliers = np.ones((2 * len(moving) + 1, len(UNCERTAINTY_GROUPS)))
    for i, group in enumerate(moving):
        spread = assumptions.uncertainty_of(group)
        column = UNCERTAINTY_GROUPS.index(group)
        multipliers[2 * i, column] = spread.low
        multipliers[2 * i + 1, column] = spread.high
    result = outcomes(scenario, multipliers, assumptions, setup)
    cost, heads = result.cost.tolist(), result.total_headcount.tolist()
    moves = [
        any(
            cost[row] != cost[-1]
            or heads[row] != heads[-1]
            or not np.array_equal(result.demand[row], result.demand[-1])
            for row in (2 * i, 2 * i + 1)
        )
        for i in range(len(moving))
    ]
    swings = [
        Swing(
            group=group,
            low=float(multipliers[2 * i, UNCERTAINTY_GROUPS.index(group)]),
            high=float(multipliers[2 * i + 1, UNCERTAINTY_GROUPS.index(group)]),
            cost_at_low_usd=int(cost[2 * i]),
            cost_at_high_usd=int(cost[2 * i + 1]),
            headcount_at_low=int(heads[2 * i]),
            headcount_at_high=int(heads[2 * i + 1]),
        )
        for i, group in enumerate(moving)
        if moves[i]
    ]
    order = sorted(
        range(len(swings)),
        key=lambda i: (-swings[i].cost_swing_usd, -swings[i].headcount_swing, i),
    )
    return Sensitivity(
        cost_usd=int(cost[-1]),
        headcount=int(heads[-1]),
        swings=tuple(swings[i] for i in order),
    )
