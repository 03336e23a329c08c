"""The documented search space of the cost/quality frontier, and a scenario's search problem.

Existing staff are kept, so every role ``r`` ranges from its existing headcount ``e_r`` up
to a bound (:func:`search_space`), in steps of ``s`` people:

- each of the seven demand roles: ``max(ceil(d_r), 2 if d_r > 0)``, ``d_r`` its demand;
- full-stack data scientists: ``max(ceil(D / capacity), 2 if D > 0)``, ``D`` the demand of
  the six roles they can cover (all but annotation);
- leads: ``required_leads(n)``, ``n`` the most individual contributors in the space;
- heads of data & ML: their existing count (the quality score does not count them, so more
  would only cost more);

each bound raised to ``e_r`` and then to a whole number of steps above it. Past these bounds
only the quality score's headroom grows (a role staffed past its demand delivers a little
more of its planned work, with diminishing returns): the frontier is that of this space,
a team staffed up to its demand.

The step ``s`` (:func:`search_step`) is one person for teams with up to :data:`STEP_FTE` of
demand ``D``; larger teams would take the search seconds to minutes, so their headcounts move
in steps of ``ceil(D / STEPS)`` people: a team of 2,000 FTE in steps of 50. The search works
for any step; "one more specialist" means one step more.

The candidates are the space's allocations plus the plan the setup's staffing rules recommend
(:func:`mlplanner.model.plan.recommend`). It is in the space when the search goes person by person;
off the steps it usually is not, and a frontier without it would show plans it beats.

A :class:`SearchProblem` is what the search (:mod:`mlplanner.search.frontier`) works on for
one scenario (scoring context, space, recommended plan).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import reduce

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import compute_demand
from mlplanner.model.quality import COVERABLE
from mlplanner.model.roles import GENERALIST, HEAD, LEAD, ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.model.scoring import ScoringContext, scoring_context
from mlplanner.model.staffing import choose_setup, required_leads, staff

# The search's work grows steeply with the number of headcounts per role (bench/frontier.py):
# about 0.1 s at 60 FTE of coverable demand in steps of one person, 2 s at 140. Teams with up to
# STEP_FTE of coverable demand are searched person by person; larger ones in steps that cut
# their demand into at most STEPS (search_step).
STEP_FTE = 60.0
STEPS = 40


@dataclass(frozen=True)
class SearchSpace:
    """Headcounts per role, every role in lifecycle order: from ``lower`` to ``upper``
    (inclusive) in steps of ``step`` people (``upper - lower`` is a multiple of ``step``)."""

    lower: dict[str, int]
    upper: dict[str, int]
    step: int = 1

    def values(self, role: str) -> np.ndarray:
        """The headcounts the space allows for ``role``, ascending."""
        return np.arange(self.lower[role], self.upper[role] + 1, self.step)

    def count(self, role: str) -> int:
        """How many headcounts the space allows for ``role``."""
        return (self.upper[role] - self.lower[role]) // self.step + 1

    @property
    def size(self) -> int:
        """Number of allocations in the space."""
        return reduce(lambda n, role: n * self.count(role), ROLES, 1)


@dataclass(frozen=True)
class SearchProblem:
    """A scenario's search: its scoring context, space and the setup's recommended plan."""

    context: ScoringContext
    space: SearchSpace
    recommended: np.ndarray  # one row: the setup's recommended allocation, a candidate too


def search_step(coverable_demand: float) -> int:
    """People per step of the search space: one up to :data:`STEP_FTE` of coverable demand,
    beyond it as many as cut the demand into at most :data:`STEPS` steps."""
    if coverable_demand <= STEP_FTE:
        return 1
    return math.ceil(coverable_demand / STEPS)


def search_space(
    demand: Mapping[str, float], existing: Mapping[str, int], assumptions: Assumptions
) -> SearchSpace:
    """The documented search space (module docstring) for a demand and an existing team."""
    lower: dict[str, int] = {role: int(existing.get(role, 0)) for role in ROLES}
    upper: dict[str, int] = {}
    step = search_step(sum(demand[role] for role in COVERABLE))

    def on_step(role: str, bound: int) -> int:  # the bound rounded up to a whole step
        return lower[role] + step * -(-max(0, bound - lower[role]) // step)

    for role in SPECIALIST_ROLES:
        fte = demand[role]
        upper[role] = on_step(role, max(math.ceil(fte), 2 if fte > 0 else 0))
    coverable = sum(demand[role] for role in COVERABLE)
    upper[GENERALIST] = on_step(
        GENERALIST,
        max(math.ceil(coverable / assumptions.generalist_capacity_fte), 2 if coverable > 0 else 0),
    )
    contributors = sum(upper[role] for role in (*COVERABLE, GENERALIST))
    upper[LEAD] = on_step(LEAD, required_leads(contributors, assumptions.lead_span))
    upper[HEAD] = lower[HEAD]
    return SearchSpace(lower=lower, upper={role: upper[role] for role in ROLES}, step=step)


def search_problem(
    scenario: Scenario, assumptions: Assumptions, setup: str | None = None
) -> SearchProblem:
    demand = compute_demand(scenario, assumptions)
    context = scoring_context(demand, scenario.company.region, assumptions)
    existing = scenario.company.existing_team
    space = search_space(demand.by_role, existing, assumptions)
    chosen = choose_setup(scenario.company, assumptions, setup).setup
    recommended = staff(demand.by_role, existing, chosen, assumptions).allocation
    return SearchProblem(
        context=context,
        space=space,
        recommended=np.array([[recommended[role] for role in ROLES]], dtype=np.int64),
    )
