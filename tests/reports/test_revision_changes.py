"""What changed in the inputs between two revisions: budget, company, projects, in words."""

from mlplanner.examples import example_scenarios
from mlplanner.model.scenario import Scenario
from mlplanner.reports.revision_changes import input_changes

FASHION = example_scenarios()["fashion_retailer.json"]


def with_company(scenario: Scenario, **update: object) -> Scenario:
    return scenario.model_copy(update={"company": scenario.company.model_copy(update=update)})


def test_the_same_inputs_say_nothing() -> None:
    assert input_changes(FASHION, FASHION) == ""


def test_a_budget_and_setup_change_is_named_with_both_values() -> None:
    after = with_company(FASHION, annual_budget_usd=3_000_000, setup="mature")
    assert input_changes(FASHION, after) == "budget $2.50M → $3.00M; setup auto → mature"
    assert input_changes(after, with_company(after, annual_budget_usd=None)).startswith(
        "budget $3.00M → none"
    )


def test_projects_added_removed_and_edited_are_named() -> None:
    [project] = FASHION.projects
    churn = project.model_copy(update={"name": "Churn"})
    edited = project.model_copy(update={"count": 3})
    after = FASHION.model_copy(update={"projects": [edited, churn]})
    assert input_changes(FASHION, after) == (
        f"projects added: Churn; projects edited: {project.name}"
    )
    assert input_changes(after, FASHION.model_copy(update={"projects": [churn]})) == (
        f"projects removed: {project.name}"
    )
