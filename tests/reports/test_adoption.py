"""Why each head of an adopted allocation: people against the recommendation's, the demand
they cover and what is left uncovered."""

import pytest

from mlplanner.examples import example_scenarios
from mlplanner.model.plan import evaluate, recommend
from mlplanner.reports.adoption import adopted_explanations

FASHION = example_scenarios()["fashion_retailer.json"]


def test_each_role_says_its_people_and_the_demand_left_uncovered() -> None:
    recommended = recommend(FASHION)
    adopted = evaluate(FASHION, {"data_scientist": 4, "data_analyst": 3})
    explained = adopted_explanations(adopted, recommended)
    assert {role: e.headcount for role, e in explained.items()} == adopted.allocation
    scientist = explained["data_scientist"]
    assert scientist.rule.startswith(
        "The adopted allocation has 4 Data Scientists, where the recommendation has "
        f"{recommended.allocation['data_scientist']}."
    )
    assert scientist.demand == recommended.explanations["data_scientist"].demand
    engineer = next(line for line in adopted.roles if line.role == "ml_engineer")
    assert engineer.fte_demand > 0 and explained["ml_engineer"].headcount == 0
    assert explained["ml_engineer"].coverage == (
        f"Covered 0% (0.0 of {engineer.fte_demand:,.1f} FTE): nobody is staffed for it."
    )
    assert explained["research_scientist"].coverage == ""  # no demand, no figure


def test_adopted_generalists_show_the_demand_they_carry() -> None:
    recommended = recommend(FASHION)
    adopted = evaluate(FASHION, {"data_analyst": 3, "full_stack_data_scientist": 1})
    generalists = adopted_explanations(adopted, recommended)["full_stack_data_scientist"]
    [line] = [line for line in adopted.roles if line.role == "full_stack_data_scientist"]
    assert sum(fte for _, _, fte in generalists.demand) == pytest.approx(line.fte_carried)
    # Theirs, not the recommendation's: with no data engineer, data scientist or developer
    # beside them, the one adopted generalist carries work; the recommended plan has
    # specialists for all of it and no generalist.
    [theirs] = [r for r in recommended.roles if r.role == "full_stack_data_scientist"]
    assert recommended.allocation["full_stack_data_scientist"] == 0 and theirs.fte_carried == 0
    assert line.fte_carried > 0.5
    assert generalists.coverage == f"They carry {line.fte_carried:,.1f} FTE of other roles' demand."


def test_the_recommended_allocation_adopted_matches_the_recommendation() -> None:
    recommended = recommend(FASHION)
    explained = adopted_explanations(evaluate(FASHION, recommended.allocation), recommended)
    assert all("as the recommendation has" in e.rule for e in explained.values())
