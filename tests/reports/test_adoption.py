"""Why each head of an adopted allocation: people against the recommendation's, the demand
they cover and what is left uncovered."""

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
    assert explained["ml_engineer"].rule.endswith(
        f"It covers 0% of the role's {engineer.fte_demand:,.1f} FTE of demand; "
        f"{engineer.fte_demand:,.1f} FTE is left uncovered."
    )


def test_the_recommended_allocation_adopted_matches_the_recommendation() -> None:
    recommended = recommend(FASHION)
    explained = adopted_explanations(evaluate(FASHION, recommended.allocation), recommended)
    assert all("as the recommendation has" in e.rule for e in explained.values())
