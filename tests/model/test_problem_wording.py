"""Validation problems are the planner's own values and words, never pydantic's.

Problems come from each pydantic error's type and context; a pydantic upgrade that rewords its
messages must not change what the user reads (see ``mlplanner.errors``).
"""

from __future__ import annotations

from typing import Any

import pytest

from mlplanner.errors import PlannerInputError, Problem, ScenarioError
from mlplanner.exchange.scenario_csv import read_scenario_csv
from mlplanner.model.assumptions import AssumptionError, Assumptions
from mlplanner.model.scenario import parse_scenario
from mlplanner.problems import form_problem
from tests.support.builders import project_data, scenario_data

PYDANTIC_PHRASES = (
    "should be",
    "Input should",
    "input should",
    "at least 1 character",
    "should have",
    "valid integer",
    "valid number",
    "valid string",
    "valid dictionary",
    "valid list",
    "Field required",
    "Extra inputs",
)


def _with_company(**fields: Any) -> dict[str, Any]:
    data = scenario_data(project_data())
    data["company"].update(fields)
    return data


BAD_SCENARIOS: dict[str, Any] = {
    "empty name": {**scenario_data(), "name": ""},
    "long name": {**scenario_data(), "name": "n" * 121},
    "name not text": {**scenario_data(), "name": 42},
    "no company": {"name": "x"},
    "employees zero": _with_company(employees=0),
    "employees huge": _with_company(employees=10_000_001),
    "employees fraction": _with_company(employees=12.5),
    "employees null": _with_company(employees=None),
    "budget zero": _with_company(annual_budget_usd=0),
    "budget infinite": _with_company(annual_budget_usd=float("inf")),
    "team not an object": _with_company(existing_team=["data_scientist"]),
    "team negative": _with_company(existing_team={"data_scientist": -1}),
    "setup unknown": _with_company(setup="huge"),
    "unknown field": {**scenario_data(), "owner": "me"},
    "bad domain": scenario_data(project_data(domain="vision")),
    "no domain": scenario_data({"name": "No domain"}),
    "count zero": scenario_data(project_data(count=0)),
    "count fraction": scenario_data(project_data(count=2.5)),
    "projects not a list": {**scenario_data(), "projects": {}},
    "project not an object": {**scenario_data(), "projects": ["x"]},
    "too many projects": scenario_data(*[project_data(name=f"P{i}") for i in range(501)]),
    "not an object": [],
}

BAD_ASSUMPTIONS: dict[str, dict[str, Any]] = {
    "negative effort": {"effort": {"nlp": {"modeling": {"data_scientist": -1}}}},
    "fractional span": {"lead_span": 2.5},
    "span as text": {"lead_span": "six"},
    "weakest link off": {"weakest_link": {"production.deployment": 1.5}},
    "share too large": {"lead_gap_penalty": 1.5},
    "flag not a flag": {
        "setups": {
            name: {**rule, "generalists_absorb_data_science": "maybe"}
            for name, rule in Assumptions.defaults().model_dump()["setups"].items()
        }
    },
    "unknown knob": {"unknown_knob": 1},
}

BAD_CSV: dict[str, str] = {
    "bad numbers": (
        "project_name,domain,count,scenario_name,employees\n"
        "Churn,tabular,0,Acme,-5\n"
        "Fraud,vision,,Acme,\n"
    ),
}


def _problems(build: Any) -> tuple[Problem, ...]:
    with pytest.raises(PlannerInputError) as caught:
        build()
    assert caught.value.problems
    return caught.value.problems


def _shown(problem: Problem) -> list[str]:
    """Every way a problem reaches a user: file/CLI wording and form wording."""
    return [str(problem), form_problem(problem, ["Project"]).text]


def _assert_planner_words(problems: tuple[Problem, ...]) -> None:
    for problem in problems:
        for text in _shown(problem):
            assert not any(phrase in text for phrase in PYDANTIC_PHRASES), text


@pytest.mark.parametrize("name", sorted(BAD_SCENARIOS))
def test_scenario_problems_use_the_planners_words(name: str) -> None:
    _assert_planner_words(_problems(lambda: parse_scenario(BAD_SCENARIOS[name])))


@pytest.mark.parametrize("name", sorted(BAD_ASSUMPTIONS))
def test_assumption_problems_use_the_planners_words(name: str) -> None:
    data = Assumptions.defaults().model_dump() | BAD_ASSUMPTIONS[name]
    _assert_planner_words(_problems(lambda: Assumptions.from_dict(data)))


@pytest.mark.parametrize("name", sorted(BAD_CSV))
def test_csv_problems_use_the_planners_words(name: str) -> None:
    _assert_planner_words(_problems(lambda: read_scenario_csv(BAD_CSV[name])))


@pytest.mark.parametrize(
    ("data", "location", "message"),
    [
        (_with_company(employees=0), ("company", "employees"), "must be at least 1 (got 0)"),
        (
            _with_company(employees=10_000_001),
            ("company", "employees"),
            "must be at most 10,000,000 (got 10000001)",
        ),
        (
            _with_company(employees=12.5),
            ("company", "employees"),
            "must be a whole number (got 12.5)",
        ),
        (
            _with_company(annual_budget_usd=0),
            ("company", "annual_budget_usd"),
            "must be more than 0 (got 0)",
        ),
        (
            _with_company(annual_budget_usd=float("inf")),
            ("company", "annual_budget_usd"),
            "must be a finite number (got inf)",
        ),
        ({"name": "x"}, ("company",), "is required"),
        ({**scenario_data(), "name": ""}, ("name",), "must not be empty"),
        ({**scenario_data(), "name": "n" * 121}, ("name",), "must be at most 120 characters long"),
        ({**scenario_data(), "name": 42}, ("name",), "must be text (got 42)"),
        ({**scenario_data(), "owner": "me"}, ("owner",), "unknown field"),
        (
            _with_company(setup="huge"),
            ("company", "setup"),
            "'huge' is not one of 'auto', 'startup', 'scaleup', 'mature'",
        ),
        ({**scenario_data(), "projects": {}}, ("projects",), "must be a list"),
        (
            _with_company(existing_team=["data_scientist"]),
            ("company", "existing_team"),
            "must be an object of names and values",
        ),
        ([], (), "the scenario must be an object of names and values"),
    ],
)
def test_each_kind_of_problem_has_its_own_wording(
    data: Any, location: tuple[str | int, ...], message: str
) -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data)
    assert caught.value.problems == (Problem(location, message),)


def test_a_validators_own_problems_keep_their_locations() -> None:
    data = Assumptions.defaults().model_dump()
    data["auto_startup_max_employees"], data["auto_scaleup_max_employees"] = 500, 100
    data["weakest_link"] = {"production.shipping": 1.0}
    with pytest.raises(AssumptionError) as caught:
        Assumptions.from_dict(data)
    assert caught.value.problems == (
        Problem(("weakest_link", "production.shipping"), "must be <stage>.<phase>"),
        Problem(
            ("auto_scaleup_max_employees",), "must be at least auto startup max employees (500)"
        ),
    )


def test_a_csv_problem_names_its_cell_and_its_field() -> None:
    text = "project_name,domain,count,scenario_name,employees\nChurn,tabular,0,Acme,10\n"
    [problem] = _problems(lambda: read_scenario_csv(text))
    assert problem == Problem(
        ("projects", 0, "count"), "must be at least 1 (got 0)", row=2, column="count"
    )
    assert str(problem) == "row 2, count: must be at least 1 (got 0)"


def test_an_error_joins_its_problems_and_accepts_plain_text() -> None:
    error = PlannerInputError([Problem(("a", 0), "is required"), "the file is empty"])
    assert error.problems[1] == Problem((), "the file is empty")
    assert str(error) == "a[0]: is required; the file is empty"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("recomender", "recommender"), ("Computer_Vision", "computer_vision"), ("NLP ", "nlp")],
)
def test_a_misspelled_choice_suggests_the_closest_one(typed: str, meant: str) -> None:
    with pytest.raises(ScenarioError) as raised:
        parse_scenario(scenario_data(project_data("A", typed)))
    [problem] = raised.value.problems
    assert problem.message.endswith(f"; did you mean {meant!r}?")


def test_a_choice_like_none_of_the_allowed_ones_gets_no_suggestion() -> None:
    with pytest.raises(ScenarioError) as raised:
        parse_scenario(scenario_data(project_data("A", "astrology")))
    [problem] = raised.value.problems
    assert "did you mean" not in problem.message
