"""Validation problems worded for the forms: rows and fields as the user sees them."""

import pytest

from mlplanner.errors import Location, Problem, ScenarioError
from mlplanner.model.scenario import parse_scenario
from mlplanner.problems import form_problem
from tests.support.builders import project_data, scenario_data


@pytest.mark.parametrize(
    ("location", "section", "row", "where"),
    [
        (("projects", 2, "domain"), "projects", 2, "Project 3, domain"),
        (("projects", 0, "data_readiness"), "projects", 0, "Project 1, data readiness"),
        (("projects", 11), "projects", 11, "Project 12"),
        (("projects",), "projects", None, "Projects"),
        (("company", "employees"), "company", None, "Company, employees"),
        (("company", "annual_budget_usd"), "company", None, "Company, annual budget"),
        (
            ("company", "existing_team", "data_scientist"),
            "company",
            None,
            "Company, existing team, Data Scientist",
        ),
        (("company",), "company", None, "Company"),
        (("name",), "scenario", None, "Scenario name"),
        (("bogus",), "scenario", None, "bogus"),
    ],
)
def test_locations_become_rows_and_fields(
    location: Location, section: str, row: int | None, where: str
) -> None:
    worded = form_problem(Problem(location, "is required"))
    assert (worded.section, worded.row, worded.text) == (section, row, f"{where}: is required")


def test_a_problem_with_the_whole_input_is_kept_whole() -> None:
    worded = form_problem(Problem((), "invalid JSON: Expecting value (line 1, column 1)"))
    assert worded.section == "scenario"
    assert worded.text == "invalid JSON: Expecting value (line 1, column 1)"


def test_a_csv_problem_keeps_its_row_and_column() -> None:
    problem = Problem(("projects", 0, "count"), "must be at least 1 (got 0)", row=2, column="count")
    assert form_problem(problem).text == "row 2, count: must be at least 1 (got 0)"


def test_project_names_label_their_rows_when_known() -> None:
    names = ["Churn", "  ", "Fraud"]

    def where(location: Location) -> str:
        return form_problem(Problem(location, "too big"), names).where

    assert where(("projects", 2, "count")) == "Project 3 (Fraud), count"
    assert where(("projects", 1, "name")) == "Project 2, name"
    assert where(("projects", 7, "name")) == "Project 8, name"


def test_every_problem_of_a_real_validation_is_worded() -> None:
    data = scenario_data(project_data("Ok"), project_data("Bad", domain="vision", count=0))
    data["company"]["employees"] = 0
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data)
    texts = {form_problem(p, ["Ok", "Bad"]).text for p in caught.value.problems}
    assert texts == {
        "Company, employees: must be at least 1 (got 0)",
        "Project 2 (Bad), domain: 'vision' is not one of 'analytics', 'tabular', 'recommender', "
        "'nlp', 'computer_vision', 'speech', 'reinforcement_learning', 'generative_ai'",
        "Project 2 (Bad), count: must be at least 1 (got 0)",
    }
