"""The scenario's timeline fields: optional (old files open unchanged), validated with messages
that name the field."""

from __future__ import annotations

import json

import pytest

from mlplanner.errors import ScenarioError
from mlplanner.model.scenario import load_scenario, parse_scenario, scenario_from_json
from mlplanner.paths import EXAMPLES_DIR
from tests.support.builders import project_data, scenario_data


def problems_of(data: dict[str, object]) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data)
    return [str(problem) for problem in caught.value.problems]


def test_files_without_the_timeline_fields_open_with_the_defaults() -> None:
    fashion = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")
    assert fashion.company.plan_start is None  # the quarter after today, when planned
    assert fashion.company.horizon_quarters == 8
    assert fashion.company.hiring_capacity_per_quarter is None  # derived from the size
    project = fashion.projects[0]
    assert (project.start, project.live_from, project.lifecycle) == (None, None, "build")
    assert scenario_from_json(fashion.to_json()) == fashion
    assert json.loads(fashion.to_json())["format"] == "mlplanner.scenario/1"


def test_quarters_are_written_back_in_one_form() -> None:
    data = scenario_data(project_data(start="2027-q3", live_from=" 2028-Q1"))
    data["company"]["plan_start"] = "2027-q2"
    parsed = parse_scenario(data)
    assert parsed.company.plan_start == "2027-Q2"
    assert (parsed.projects[0].start, parsed.projects[0].live_from) == ("2027-Q3", "2028-Q1")


def test_bad_timeline_fields_are_named() -> None:
    data = scenario_data(
        project_data("A", start="2027-Q3", live_from="2027-Q2"),
        project_data("B", lifecycle="run", live_from="2027-Q2"),
        project_data("C", start="next year"),
    )
    data["company"].update(
        {"plan_start": "2027-Q9", "horizon_quarters": 41, "hiring_capacity_per_quarter": 0}
    )
    assert problems_of(data) == [
        "company.plan_start: must be a quarter written like 2027-Q1 (got '2027-Q9')",
        "company.horizon_quarters: must be at most 40 (got 41)",
        "company.hiring_capacity_per_quarter: must be at least 1 (got 0)",
        "projects[0].live_from: 2027-Q2 is before the project's start (2027-Q3)",
        "projects[1].live_from: only a project being built (lifecycle build) goes live",
        "projects[2].start: must be a quarter written like 2027-Q1 (got 'next year')",
    ]


def test_going_live_before_the_plan_start_means_already_live() -> None:
    """Without a start of its own a project starts with the plan; a live_from before the plan
    start is allowed (the project is live from the first quarter)."""
    data = scenario_data(project_data(live_from="2026-Q1"))
    data["company"]["plan_start"] = "2027-Q1"
    assert parse_scenario(data).projects[0].live_from == "2026-Q1"
