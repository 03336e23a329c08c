"""Validation problems reworded for the forms: rows and fields as the user sees them."""

import pytest

from mlplanner.errors import ScenarioError
from mlplanner.model.scenario import parse_scenario
from mlplanner.problems import readable_problem
from tests.support.builders import project_data, scenario_data


@pytest.mark.parametrize(
    ("problem", "section", "row", "text"),
    [
        (
            "projects[2].domain: 'vision' is not one of 'nlp', 'speech'",
            "projects",
            2,
            "Project 3, domain: 'vision' is not one of 'nlp', 'speech'",
        ),
        (
            "projects[0].data_readiness: is required",
            "projects",
            0,
            "Project 1, data readiness: is required",
        ),
        ("projects[11]: unknown field", "projects", 11, "Project 12: unknown field"),
        (
            "projects: list should have at most 500 items",
            "projects",
            None,
            "Projects: list should have at most 500 items",
        ),
        (
            "company.employees: input should be greater than or equal to 1 (got 0)",
            "company",
            None,
            "Company, employees: input should be greater than or equal to 1 (got 0)",
        ),
        (
            "company.annual_budget_usd: input should be greater than 0",
            "company",
            None,
            "Company, annual budget: input should be greater than 0",
        ),
        (
            "company.existing_team.data_scientist: input should be greater than or equal to 0",
            "company",
            None,
            "Company, existing team, Data Scientist: input should be greater than or equal to 0",
        ),
        (
            "name: string should have at least 1 character",
            "scenario",
            None,
            "Scenario name: string should have at least 1 character",
        ),
        ("bogus: unknown field", "scenario", None, "bogus: unknown field"),
        (
            "invalid JSON: Expecting value (line 1, column 1)",
            "scenario",
            None,
            "invalid JSON: Expecting value (line 1, column 1)",
        ),
    ],
)
def test_paths_become_rows_and_fields(
    problem: str, section: str, row: int | None, text: str
) -> None:
    readable = readable_problem(problem)
    assert (readable.section, readable.row, readable.text) == (section, row, text)


def test_a_line_without_a_path_is_kept_whole() -> None:
    readable = readable_problem("the file is not UTF-8 text")
    assert readable.text == "Scenario: the file is not UTF-8 text"


def test_project_names_label_their_rows_when_known() -> None:
    names = ["Churn", "  ", "Fraud"]
    assert readable_problem("projects[2].count: too big", names).where == "Project 3 (Fraud), count"
    assert readable_problem("projects[1].name: is required", names).where == "Project 2, name"
    assert readable_problem("projects[7].name: is required", names).where == "Project 8, name"


def test_every_problem_of_a_real_validation_is_reworded() -> None:
    data = scenario_data(project_data("Ok"), project_data("Bad", domain="vision", count=0))
    data["company"]["employees"] = 0
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data)
    texts = {readable_problem(p, ["Ok", "Bad"]).text.split(":")[0] for p in caught.value.problems}
    assert texts == {"Company, employees", "Project 2 (Bad), domain", "Project 2 (Bad), count"}
