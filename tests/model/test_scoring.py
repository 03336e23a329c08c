"""Array scoring gives exactly evaluate()'s figures, bit for bit."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import compute_demand
from mlplanner.model.plan import evaluate
from mlplanner.model.quality import COMPONENTS
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.model.scoring import score, scoring_context
from tests.support.strategies import ENGINE_SETTINGS, allocations, scenarios


@ENGINE_SETTINGS
@given(scenarios(), st.lists(allocations(max_per_role=12), min_size=1, max_size=8))
def test_score_is_evaluate_bit_for_bit(scenario: Scenario, rows: list[dict[str, int]]) -> None:
    assumptions = Assumptions.defaults()
    context = scoring_context(
        compute_demand(scenario, assumptions), scenario.company.region, assumptions
    )
    matrix = np.array([[row[role] for role in ROLES] for row in rows])
    scores = score(context, matrix)
    for i, row in enumerate(rows):
        evaluation = evaluate(scenario, row, assumptions=assumptions)
        assert int(scores.cost[i]) == evaluation.annual_cost_usd
        assert float(scores.quality[i]) == evaluation.quality
        for component in COMPONENTS:
            assert (
                float(scores.components[component][i]) == evaluation.quality_components[component]
            )
