"""Chart titles state the plan's point, worked out from its figures."""

import pytest

from mlplanner.model.plan import evaluate
from mlplanner.model.roles import PHASE_LABELS
from mlplanner.model.scenario import Scenario
from mlplanner.reports.headlines import (
    busiest_source_headline,
    coverage_headline,
    largest_role_headline,
    people_sentence,
    quality_headline,
)
from tests.support.builders import assumptions_with, project_data, scenario

# Without shared platform work, every FTE is a project's own.
UNSHARED = assumptions_with(shared_work={})


@pytest.fixture
def two_projects() -> Scenario:
    return scenario(project_data("Small one", count=1), project_data("Big one", count=3))


@pytest.mark.parametrize(
    ("allocation", "headline"),
    [
        (
            {"data_scientist": 3, "ml_engineer": 1},
            "Data Scientist is the largest role: 3 of 4 people",
        ),
        (
            {"data_scientist": 2, "ml_engineer": 2, "developer": 1},
            "Data Scientist and ML Engineer are the largest roles: 2 each of 5 people",
        ),
        (
            {"data_engineer": 2, "data_scientist": 2, "ml_engineer": 2},
            "Data Engineer, Data Scientist and ML Engineer make up the team: 2 each",
        ),
        ({"annotator": 1}, "Data Annotator is the largest role: 1 of 1 person"),
        ({}, "Nobody is staffed in this plan"),
    ],
)
def test_largest_role(two_projects: Scenario, allocation: dict[str, int], headline: str) -> None:
    assert largest_role_headline(evaluate(two_projects, allocation)) == headline


def test_busiest_source_names_the_project_with_the_largest_share(two_projects: Scenario) -> None:
    evaluation = evaluate(two_projects, {"data_scientist": 4}, assumptions=UNSHARED)
    assert busiest_source_headline(evaluation) == "Big one draws the most people: 3.0 of 4"


def test_busiest_source_when_everyone_works_on_one_project() -> None:
    only = scenario(project_data("Only"))
    evaluation = evaluate(only, {"data_scientist": 2}, assumptions=UNSHARED)
    assert busiest_source_headline(evaluation) == "All 2 people work on Only"
    assert busiest_source_headline(evaluate(scenario(project_data("Only")), {})) == (
        "Nobody is staffed in this plan"
    )


def test_the_people_sentence_says_the_charts_point_and_nobody_once(two_projects: Scenario) -> None:
    evaluation = evaluate(two_projects, {"data_scientist": 4}, assumptions=UNSHARED)
    assert people_sentence(evaluation) == (
        "Big one draws the most people: 3.0 of 4. Data Scientist is the largest role: 4 of 4 "
        "people."
    )
    assert people_sentence(evaluate(two_projects, {})) == "Nobody is staffed in this plan."


def test_quality_names_the_weakest_component(two_projects: Scenario) -> None:
    evaluation = evaluate(two_projects, {"data_scientist": 1})
    components = evaluation.quality_components
    weakest = min(components, key=components.__getitem__)
    assert quality_headline(evaluation) == (
        f"Quality {evaluation.quality:.0f} of 100, weakest: {weakest} at {components[weakest]:.0f}"
    )


def test_quality_when_every_component_is_full() -> None:
    # Only the analytics baseline (1 FTE for 1,000 employees) and twenty analysts for it:
    # staffed far past demand, its delivery rounds to 100.
    evaluation = evaluate(scenario(employees=1000), {"data_analyst": 20})
    assert quality_headline(evaluation) == "Quality 100 of 100: every component at its best"


def test_coverage_names_the_least_covered_phase(two_projects: Scenario) -> None:
    evaluation = evaluate(two_projects, {"data_scientist": 20, "data_analyst": 20})
    coverage = evaluation.quality_detail.coverage_by_phase
    least = min(coverage, key=coverage.__getitem__)
    assert coverage[least] < 50  # nobody for data pipelines, deployment, integration
    assert coverage_headline(evaluation) == (
        f"{PHASE_LABELS[least]} is the least covered phase: {coverage[least]:.0f}%"
    )


def test_coverage_when_every_phase_is_covered() -> None:
    evaluation = evaluate(scenario(employees=1000), {"data_analyst": 1})
    assert coverage_headline(evaluation) == "Every phase of the lifecycle is fully covered"
