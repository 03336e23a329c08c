"""The "left uncovered" message names rounding only for the rules' own plan."""

from __future__ import annotations

from mlplanner.examples import example_scenarios
from mlplanner.model.plan import evaluate, recommend


def _uncovered(messages: list[str]) -> list[str]:
    return [m for m in messages if m.startswith("Left uncovered")]


def test_a_plan_staffing_a_role_below_its_demand_does_not_blame_rounding() -> None:
    scenario = example_scenarios()["fashion_retailer.json"]
    plan = recommend(scenario, "scaleup")
    smaller = dict(plan.allocation, data_analyst=1)
    (message,) = _uncovered(evaluate(scenario, smaller, "scaleup").messages)
    assert message.startswith("Left uncovered: ") and "Data Analyst" in message
    assert "rounding" not in message and "below their demand" in message


def test_the_rules_own_plan_names_the_setups_rounding() -> None:
    scenario = example_scenarios()["fashion_retailer.json"]
    plan = recommend(scenario, "mature")
    assert plan.shaping is not None and not plan.shaping.moves
    messages = _uncovered(plan.messages)
    assert messages and all(m.startswith("Left uncovered by rounding: ") for m in messages)
    assert "reaches 0.15 of a person" in messages[0]
