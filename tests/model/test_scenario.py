"""The scenario format: limits of every field, defaults, and messages that name the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from mlplanner.errors import ScenarioError, field_path
from mlplanner.model.rates import known_regions
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import (
    DEPTH_WORK,
    DOMAINS,
    SETUP_CHOICES,
    Scenario,
    depth_work,
    load_scenario,
    parse_scenario,
    scenario_from_json,
)
from mlplanner.paths import EXAMPLES_DIR
from tests.support import strategies
from tests.support.builders import project_data, scenario_data


def problems_of(data: Any) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data)
    return [str(problem) for problem in caught.value.problems]


def only_problem(data: Any) -> str:
    problems = problems_of(data)
    assert len(problems) == 1, problems
    return problems[0]


def with_company(**fields: Any) -> dict[str, Any]:
    data = scenario_data()
    data["company"].update(fields)
    return data


def with_project(**fields: Any) -> dict[str, Any]:
    return scenario_data(project_data(**fields))


@pytest.mark.parametrize("path", sorted(EXAMPLES_DIR.glob("*.json")), ids=lambda p: p.name)
def test_every_example_file_is_a_valid_scenario(path: Path) -> None:
    scenario = load_scenario(path)
    assert scenario.projects


def test_examples_cover_the_three_kinds_of_company() -> None:
    names = {path.stem for path in EXAMPLES_DIR.glob("*.json")}
    assert {"fashion_retailer", "seed_startup", "enterprise_portfolio"} <= names
    assert len(load_scenario(EXAMPLES_DIR / "enterprise_portfolio.json").projects) >= 12


def test_defaults_of_company_and_project() -> None:
    scenario = parse_scenario(
        {"name": "Minimal", "company": {"employees": 10}, "projects": [project_data(domain="nlp")]}
    )
    assert scenario.format == "mlplanner.scenario/1"
    company = scenario.company
    assert (company.setup, company.region, company.annual_budget_usd) == ("auto", "us", None)
    assert company.existing_team == {}
    project = scenario.projects[0]
    assert (project.scale, project.stage, project.data_readiness) == (
        "medium",
        "production",
        "partial",
    )
    assert (project.annotation, project.deployment, project.count) == ("none", "batch", 1)


def test_projects_default_to_an_empty_list() -> None:
    assert parse_scenario({"name": "No projects", "company": {"employees": 3}}).projects == []


@pytest.mark.parametrize("length", [1, 120])
def test_name_length_limits_are_inclusive(length: int) -> None:
    assert parse_scenario({**scenario_data(), "name": "n" * length}).name == "n" * length
    assert parse_scenario(with_project(name="p" * length)).projects[0].name == "p" * length


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "must not be empty"),
        ("   ", "must not be empty"),
        ("n" * 121, "at most 120 characters"),
        ("line\nbreak", "control characters"),
        (42, "must be text (got 42)"),
    ],
)
def test_bad_names_are_rejected(name: Any, problem: str) -> None:
    assert only_problem({**scenario_data(), "name": name}).startswith("name: ")
    assert problem in only_problem({**scenario_data(), "name": name})
    message = only_problem(with_project(name=name))
    assert message.startswith("projects[0].name: ") and problem in message


def test_names_are_stripped_of_surrounding_space() -> None:
    assert parse_scenario({**scenario_data(), "name": "  Plan  "}).name == "Plan"


@pytest.mark.parametrize("employees", [1, 10_000_000])
def test_employee_limits_are_inclusive(employees: int) -> None:
    assert parse_scenario(with_company(employees=employees)).company.employees == employees


@pytest.mark.parametrize("employees", [0, -5, 10_000_001, 12.5, "800", True, None])
def test_bad_employee_counts_are_rejected(employees: Any) -> None:
    assert only_problem(with_company(employees=employees)).startswith("company.employees: ")


def test_employees_are_required() -> None:
    assert only_problem({"name": "x", "company": {}}) == "company.employees: is required"


@pytest.mark.parametrize("setup", SETUP_CHOICES)
def test_every_setup_choice_is_accepted(setup: str) -> None:
    assert parse_scenario(with_company(setup=setup)).company.setup == setup


def test_unknown_setup_lists_the_choices() -> None:
    assert only_problem(with_company(setup="huge")) == (
        "company.setup: 'huge' is not one of 'auto', 'startup', 'scaleup', 'mature'"
    )


def test_rate_card_has_the_required_regions() -> None:
    assert {"us", "ca", "gb", "de", "fr", "nl", "es", "pl", "in", "au"} <= set(known_regions())


@pytest.mark.parametrize("region", known_regions())
def test_every_region_of_the_rate_card_is_accepted(region: str) -> None:
    assert parse_scenario(with_company(region=region)).company.region == region


@pytest.mark.parametrize(("written", "region"), [("US", "us"), (" Gb ", "gb"), ("UK", "gb")])
def test_region_codes_are_read_in_any_case_and_uk_as_gb(written: str, region: str) -> None:
    assert parse_scenario(with_company(region=written)).company.region == region


@pytest.mark.parametrize("region", ["xx", "usa", "", "u s"])
def test_regions_outside_the_rate_card_are_rejected(region: str) -> None:
    message = only_problem(with_company(region=region))
    assert message.startswith(f"company.region: {region!r} is not one of us, ")


@pytest.mark.parametrize("budget", [1, 0.5, 2_500_000])
def test_positive_budgets_are_accepted(budget: float) -> None:
    assert (
        parse_scenario(with_company(annual_budget_usd=budget)).company.annual_budget_usd == budget
    )


@pytest.mark.parametrize("budget", [0, -1, float("nan"), float("inf"), "1e6", True])
def test_bad_budgets_are_rejected(budget: Any) -> None:
    assert only_problem(with_company(annual_budget_usd=budget)).startswith(
        "company.annual_budget_usd: "
    )


def test_budget_may_be_null() -> None:
    assert parse_scenario(with_company(annual_budget_usd=None)).company.annual_budget_usd is None


def test_existing_team_keeps_roles_in_lifecycle_order_and_drops_zeros() -> None:
    team = {"team_lead": 1, "data_analyst": 3, "developer": 0}
    assert parse_scenario(with_company(existing_team=team)).company.existing_team == {
        "data_analyst": 3,
        "team_lead": 1,
    }


def test_existing_team_accepts_every_role() -> None:
    team = dict.fromkeys(ROLES, 2)
    assert parse_scenario(with_company(existing_team=team)).company.existing_team == team


def test_unknown_role_in_existing_team_is_an_error() -> None:
    message = only_problem(with_company(existing_team={"wizard": 2}))
    assert message.startswith("company.existing_team: unknown role 'wizard'; roles are ")


@pytest.mark.parametrize("count", [-1, 1.5, "2", True, None])
def test_existing_counts_must_be_whole_numbers_from_zero(count: Any) -> None:
    message = only_problem(with_company(existing_team={"data_scientist": count}))
    assert message.startswith("company.existing_team.data_scientist: ")


def test_existing_team_must_be_an_object() -> None:
    assert only_problem(with_company(existing_team=["data_scientist"])).startswith(
        "company.existing_team: "
    )


@pytest.mark.parametrize("n", [0, 500])
def test_project_list_limits_are_inclusive(n: int) -> None:
    data = scenario_data(*[project_data(name=f"P{i}") for i in range(n)])
    assert len(parse_scenario(data).projects) == n


def test_more_than_500_projects_are_rejected() -> None:
    data = scenario_data(*[project_data(name=f"P{i}") for i in range(501)])
    assert only_problem(data).startswith("projects: must have at most 500 items (it has 501)")


def test_projects_must_be_a_list() -> None:
    assert only_problem({**scenario_data(), "projects": {}}).startswith("projects: ")


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_domain_is_accepted(domain: str) -> None:
    assert parse_scenario(with_project(domain=domain)).projects[0].domain == domain


def test_message_names_the_path_of_a_bad_enum_value() -> None:
    data = scenario_data(
        project_data(name="A"), project_data(name="B"), project_data(name="C", domain="vision")
    )
    assert only_problem(data) == (
        "projects[2].domain: 'vision' is not one of 'analytics', 'tabular', 'recommender', "
        "'nlp', 'computer_vision', 'speech', 'reinforcement_learning', 'generative_ai'"
    )


@pytest.mark.parametrize(
    ("field", "value", "choices"),
    [
        ("scale", "huge", "'small', 'medium', 'large'"),
        ("stage", "idea", "'research', 'prototype', 'production'"),
        ("data_readiness", "clean", "'raw', 'partial', 'ready'"),
        ("annotation", "crowd", "'none', 'in_house', 'outsourced'"),
        ("deployment", "cloud", "'batch', 'online', 'edge'"),
    ],
)
def test_project_enums_list_their_choices(field: str, value: str, choices: str) -> None:
    assert only_problem(with_project(**{field: value})) == (
        f"projects[0].{field}: {value!r} is not one of {choices}"
    )


@pytest.mark.parametrize("count", [1, 100])
def test_count_limits_are_inclusive(count: int) -> None:
    assert parse_scenario(with_project(count=count)).projects[0].count == count


@pytest.mark.parametrize("count", [0, 101, 2.5, "3", True])
def test_bad_counts_are_rejected(count: Any) -> None:
    assert only_problem(with_project(count=count)).startswith("projects[0].count: ")


def test_project_domain_is_required() -> None:
    assert only_problem(scenario_data({"name": "No domain"})) == "projects[0].domain: is required"


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({**scenario_data(), "owner": "me"}, "owner"),
        (with_company(ceo="me"), "company.ceo"),
        (with_project(importance=1), "projects[0].importance"),
    ],
)
def test_unknown_fields_are_rejected_with_their_path(data: dict[str, Any], path: str) -> None:
    assert only_problem(data) == f"{path}: unknown field"


def test_only_format_version_1_is_read() -> None:
    assert only_problem({**scenario_data(), "format": "mlplanner.scenario/2"}).startswith(
        "format: 'mlplanner.scenario/2' is not one of"
    )


@pytest.mark.parametrize("data", [[], None, "scenario", 3])
def test_top_level_must_be_an_object(data: Any) -> None:
    assert only_problem(data).startswith("the scenario must be an object of names and values")


def test_every_problem_is_listed_at_once() -> None:
    data = scenario_data(project_data(domain="vision", count=0), employees=0, region="xx")
    paths = {problem.split(":")[0] for problem in problems_of(data)}
    assert paths == {
        "company.employees",
        "company.region",
        "projects[0].domain",
        "projects[0].count",
    }


def test_field_path_formats_indices_and_names() -> None:
    assert field_path(("projects", 2, "domain")) == "projects[2].domain"
    assert field_path(("company", "existing_team", "annotator")) == (
        "company.existing_team.annotator"
    )
    assert field_path(()) == "(top level)"


@given(strategies.scenarios())
def test_json_round_trip_gives_the_same_scenario(scenario: Scenario) -> None:
    assert scenario_from_json(scenario.to_json()) == scenario
    assert parse_scenario(scenario.to_dict()) == scenario


def test_invalid_json_names_line_and_column() -> None:
    with pytest.raises(ScenarioError) as caught:
        scenario_from_json('{"name": "x",\n  "company": }')
    assert [str(p) for p in caught.value.problems] == [
        "invalid JSON: Expecting value (line 2, column 14)",
    ]


def test_absurdly_nested_json_is_a_scenario_error() -> None:
    with pytest.raises(ScenarioError, match="invalid JSON"):
        scenario_from_json("[" * 100_000 + "]" * 100_000)


def test_load_scenario_reads_utf8_with_or_without_bom(tmp_path: Path) -> None:
    text = '{"name": "Café", "company": {"employees": 5}}'
    plain, bom = tmp_path / "plain.json", tmp_path / "bom.json"
    plain.write_text(text, encoding="utf-8")
    bom.write_text(text, encoding="utf-8-sig")
    assert load_scenario(plain).name == load_scenario(bom).name == "Café"


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda d: d / "missing.json", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "latin1.json", '{"name": "Café"}'.encode("latin-1")), "not UTF-8"),
        (lambda d: _write(d / "bad.json", b"{not json"), "invalid JSON"),
    ],
)
def test_unreadable_files_raise_scenario_errors(tmp_path: Path, make: Any, problem: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(make(tmp_path))
    assert len(caught.value.problems) == 1
    assert problem in str(caught.value.problems[0])


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("fields", "kind"),
    [
        ({}, "batch_production"),  # the format's defaults: production, batch, medium scale
        ({"scale": "small"}, "batch_production"),
        ({"scale": "large"}, "production"),
        ({"deployment": "online"}, "production"),
        ({"deployment": "online", "scale": "small"}, "small_online_production"),
        ({"deployment": "online", "scale": "small", "stage": "prototype"}, "prototype"),
        ({"deployment": "edge", "scale": "small"}, "production"),
        ({"stage": "prototype"}, "prototype"),
        ({"stage": "research", "scale": "large"}, "research"),
    ],
)
def test_a_projects_depth_work_is_its_stage_but_for_batch_scored_production(
    fields: dict[str, Any], kind: str
) -> None:
    project = parse_scenario(scenario_data(project_data("P", **fields))).projects[0]
    assert depth_work(project) == kind
    assert kind in DEPTH_WORK
