"""What a row of the ranges' engine should be, worked out with the model's own functions."""

from __future__ import annotations

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import compute_demand
from mlplanner.model.plan import Evaluation, evaluate, recommend
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.model.staffing import choose_setup, staff


def reshaped_rules_plan(
    scenario: Scenario, central: Assumptions, moved: Assumptions, setup: str | None = None
) -> dict[str, int]:
    """The setup's rules' plan under ``moved`` plus the change the shaping made to each role
    of the recommendation under ``central``, each role at least its existing staff."""
    shaping = recommend(scenario, setup, central).shaping
    assert shaping is not None
    existing = scenario.company.existing_team
    choice = choose_setup(scenario.company, moved, setup)
    demand = compute_demand(scenario, moved)
    rules = staff(demand.by_role, existing, choice.setup, moved, deploys=demand.deploys).allocation
    return {role: max(rules[role] + shaping.change(role), existing.get(role, 0)) for role in ROLES}


def reshaped_evaluation(
    scenario: Scenario, central: Assumptions, moved: Assumptions, setup: str | None = None
) -> Evaluation:
    """:func:`reshaped_rules_plan` with its cost and quality under ``moved``."""
    return evaluate(scenario, reshaped_rules_plan(scenario, central, moved, setup), setup, moved)
