"""Bands (P10 / P50 / P90) around the hiring timeline's quarterly headcount and cumulative cost.

**Not vectorised:** the quarter-by-quarter simulation
(:func:`~mlplanner.timeline.simulation.simulate`) is written for one timeline, so each draw
runs it once under the assumption set its multipliers give
(:func:`~mlplanner.ranges.perturb.perturbed`). That costs a timeline per draw, so the bands use
fewer draws (``TIMELINE_DRAWS``) than the plan's ranges; they are the first rows of the same
seeded multipliers. Each quarter's target is ``recommend`` under the draw's assumptions, so
here every draw's plan gets its own shaping, where the plan's ranges (:mod:`.engine`) keep
the central plan's shape: the same draw can have a differently shaped target in the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from mlplanner.model.assumptions import UNCERTAINTY_GROUPS, Assumptions
from mlplanner.model.scenario import Scenario
from mlplanner.ranges.bands import Band, bands
from mlplanner.ranges.draws import DEFAULT_SEED, draw_multipliers
from mlplanner.ranges.perturb import perturbed
from mlplanner.timeline.simulation import simulate

TIMELINE_DRAWS = 40


@dataclass(frozen=True)
class TimelineRanges:
    """Per quarter of the timeline, the band of its headcount and of its cumulative cost."""

    quarters: tuple[str, ...]
    headcount: tuple[Band, ...]
    cumulative_cost_usd: tuple[Band, ...]
    draws: int
    seed: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "draws": self.draws,
            "seed": self.seed,
            "quarters": [
                {"quarter": q, "headcount": h.to_dict(), "cumulative_cost_usd": c.to_dict()}
                for q, h, c in zip(
                    self.quarters, self.headcount, self.cumulative_cost_usd, strict=True
                )
            ],
        }


def timeline_ranges(
    scenario: Scenario,
    assumptions: Assumptions | None = None,
    setup: str | None = None,
    draws: int = TIMELINE_DRAWS,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
) -> TimelineRanges:
    """The timeline's bands over ``draws`` draws (one simulation each, see the docstring)."""
    assumptions = assumptions or Assumptions.defaults()
    multipliers = draw_multipliers(assumptions, draws, seed)
    heads: list[list[int]] = []
    costs: list[list[int]] = []
    quarters: tuple[str, ...] = ()
    for row in multipliers:
        moved = perturbed(assumptions, dict(zip(UNCERTAINTY_GROUPS, row.tolist(), strict=True)))
        timeline = simulate(scenario, moved, setup, today=today)
        quarters = tuple(q.quarter for q in timeline.quarters)
        heads.append([q.headcount for q in timeline.quarters])
        costs.append([q.cumulative_cost_usd for q in timeline.quarters])
    return TimelineRanges(
        quarters=quarters,
        headcount=tuple(bands(np.array(heads))),
        cumulative_cost_usd=tuple(bands(np.array(costs))),
        draws=draws,
        seed=seed,
    )
