"""Cached charts are keyed by everything a plan is computed from, and by nothing else."""

from mlplanner.model.plan import evaluate, recommend
from mlplanner.ui.chart_cache import evaluation_key
from tests.support.builders import assumptions_with, project_data, scenario

BASE = scenario(project_data("Search", "nlp"), project_data("Churn", "tabular"))


def test_the_same_plan_computed_twice_has_the_same_key() -> None:
    assert evaluation_key(recommend(BASE)) == evaluation_key(recommend(BASE))


def test_scenario_assumptions_setup_and_allocation_each_change_the_key() -> None:
    plan = recommend(BASE)
    other_allocation = {**plan.allocation, "data_analyst": plan.allocation["data_analyst"] + 1}
    keys = {
        evaluation_key(plan),
        evaluation_key(recommend(scenario(project_data("Search", "nlp")))),
        evaluation_key(recommend(BASE, assumptions=assumptions_with(loaded_cost_multiplier=1.5))),
        evaluation_key(recommend(BASE, setup="mature")),
        evaluation_key(evaluate(BASE, other_allocation)),
    }
    assert len(keys) == 5
