"""P10 / P50 / P90 of the plan's headcount (total and per role), yearly cost and quality, from
seeded draws of the assumption groups' multipliers (:mod:`.draws`). Each draw's plan is the
setup's rules' plan under the draw, reshaped as the recommendation (:mod:`.engine`): the bands
say how far the team's size and cost move with the assumptions, the recommended shape kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import recommend
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.ranges.bands import Band, band, bands
from mlplanner.ranges.draws import DEFAULT_DRAWS, DEFAULT_SEED, draw_multipliers
from mlplanner.ranges.engine import DrawnWork, drawn_work, outcomes


def scenario_draws(
    scenario: Scenario,
    assumptions: Assumptions,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> DrawnWork:
    """The scenario's work under ``draws`` draws from ``seed``, whatever the setup: what
    :func:`plan_ranges` of each setup can share."""
    layout = recommend(scenario, assumptions=assumptions).demand  # the same for every setup
    return drawn_work(scenario, draw_multipliers(assumptions, draws, seed), assumptions, layout)


@dataclass(frozen=True)
class PlanRanges:
    """The bands of a recommended plan's figures over ``draws`` draws from ``seed``."""

    draws: int
    seed: int
    total_headcount: Band
    annual_cost_usd: Band
    quality: Band
    roles: dict[str, Band]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``recommend --ranges``: people and dollars whole, quality to 2
        decimals."""
        return {
            "draws": self.draws,
            "seed": self.seed,
            "total_headcount": self.total_headcount.to_dict(),
            "annual_cost_usd": self.annual_cost_usd.to_dict(),
            "quality": self.quality.to_dict(2),
            "roles": {role: b.to_dict() for role, b in self.roles.items()},
        }


def plan_ranges(
    scenario: Scenario,
    assumptions: Assumptions | None = None,
    setup: str | None = None,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    *,
    drawn: DrawnWork | None = None,
) -> PlanRanges:
    """The bands around the plan ``recommend`` gives for the scenario (same setup rules; a
    draw with every multiplier at 1 is that plan). ``drawn``: the scenario's work under these
    draws, ``scenario_draws(scenario, assumptions, draws, seed)``, if already worked out for
    another setup."""
    assumptions = assumptions or Assumptions.defaults()
    if drawn is None:
        multipliers = draw_multipliers(assumptions, draws, seed)
    elif len(drawn.multipliers) == draws:
        multipliers = drawn.multipliers
    else:
        raise ValueError(f"drawn: {len(drawn.multipliers)} draws, not {draws}")
    result = outcomes(scenario, multipliers, assumptions, setup, drawn=drawn)
    return PlanRanges(
        draws=draws,
        seed=seed,
        total_headcount=band(result.total_headcount),
        annual_cost_usd=band(result.cost),
        quality=band(result.quality),
        roles=dict(zip(ROLES, bands(result.headcount), strict=True)),
    )
