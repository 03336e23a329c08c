"""A scenario's search problem under a setup: its scoring context, the setup's space of plans
(:mod:`mlplanner.model.setup_space`) and the recommended plan, a candidate too (it may lie off
the space's steps)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import recommend
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.model.scoring import ScoringContext
from mlplanner.model.setup_space import SearchSpace


@dataclass(frozen=True)
class SearchProblem:
    """A scenario's search: its scoring context, space and the setup's recommended plan."""

    context: ScoringContext
    space: SearchSpace
    recommended: np.ndarray  # one row: the setup's recommended allocation, a candidate too


def search_problem(
    scenario: Scenario, assumptions: Assumptions, setup: str | None = None
) -> SearchProblem:
    plan = recommend(scenario, setup, assumptions)
    shaping = plan.shaping
    assert shaping is not None  # recommend always shapes
    return SearchProblem(
        context=shaping.context,
        space=shaping.space,
        recommended=np.array([[plan.allocation[role] for role in ROLES]], dtype=np.int64),
    )
