"""Scenario CSV: the stable columns, what an export holds, and how lenient reading is."""

from __future__ import annotations

import pytest

from mlplanner.errors import PlannerInputError
from mlplanner.exchange.csv_dialect import csv_bytes, csv_text
from mlplanner.exchange.scenario_csv import (
    MAX_PROBLEMS,
    SCENARIO_COLUMNS,
    read_scenario_csv,
    scenario_frame,
)
from mlplanner.exchange.scenario_import import import_scenario
from mlplanner.model.scenario import DEFAULT_PRIORITY, Scenario
from tests.support.builders import project_data, scenario

# The documented column contract (docs/file-formats.md): changing it breaks users' files.
DOCUMENTED_COLUMNS = (
    "project_name",
    "domain",
    "scale",
    "stage",
    "data_readiness",
    "annotation",
    "deployment",
    "lifecycle",
    "count",
    "priority",
    "work_percent",
    "start",
    "live_from",
    "on_hold",
    "scenario_name",
    "employees",
    "setup",
    "region",
    "annual_budget_usd",
    "existing_data_analyst",
    "existing_data_engineer",
    "existing_data_scientist",
    "existing_research_scientist",
    "existing_ml_engineer",
    "existing_developer",
    "existing_annotator",
    "existing_full_stack_data_scientist",
    "existing_team_lead",
    "existing_head_of_data",
    "plan_start",
    "horizon_quarters",
    "hiring_capacity_per_quarter",
)
TIMELINE_COLUMNS: tuple[str, ...] = ("start", "live_from", "plan_start", "horizon_quarters")
TIMELINE_COLUMNS += ("hiring_capacity_per_quarter",)
# Files written before projects had a lifecycle, a priority and an on-hold column, plans a
# head of data and a timeline: still read as before.
OLD_HEADER = ",".join(
    c
    for c in DOCUMENTED_COLUMNS
    if c
    not in (
        "lifecycle",
        "priority",
        "work_percent",
        "on_hold",
        "existing_head_of_data",
        *TIMELINE_COLUMNS,
    )
)
HEADER = OLD_HEADER
COMPANY = "Acme,800,auto,us,2500000,0,0,1,0,0,0,0,0,0"
NEW_HEADER = ",".join(DOCUMENTED_COLUMNS)


def problems_of(text: str) -> list[str]:
    with pytest.raises(PlannerInputError) as caught:
        read_scenario_csv(text)
    return [str(problem) for problem in caught.value.problems]


def test_columns_are_the_documented_ones() -> None:
    assert SCENARIO_COLUMNS == DOCUMENTED_COLUMNS


def test_export_has_one_row_per_project_and_the_company_on_every_row() -> None:
    plan_input = scenario(
        project_data("Churn", "tabular", count=3),
        project_data("Search", "nlp", annotation="outsourced", on_hold=True),
        employees=800,
        budget=2_500_000,
        existing={"data_scientist": 2},
        name="Acme 2026",
    )
    lines = csv_text(scenario_frame(plan_input)).splitlines()
    assert lines == [
        NEW_HEADER,
        "Churn,tabular,medium,production,partial,none,batch,build,3,3,100,,,False,"
        "Acme 2026,800,auto,us,2500000,0,0,2,0,0,0,0,0,0,0,,8,",
        "Search,nlp,medium,production,partial,outsourced,batch,build,1,3,100,,,True,"
        "Acme 2026,800,auto,us,2500000,0,0,2,0,0,0,0,0,0,0,,8,",
    ]


def test_the_timeline_columns_round_trip() -> None:
    dated = Scenario.model_validate(
        {
            "name": "Dated",
            "company": {
                "employees": 300,
                "plan_start": "2027-Q2",
                "horizon_quarters": 12,
                "hiring_capacity_per_quarter": 5,
            },
            "projects": [
                {"name": "Churn", "domain": "tabular", "start": "2027-Q3", "live_from": "2028-Q1"}
            ],
        }
    )
    text = csv_text(scenario_frame(dated))
    assert ",2027-Q3,2028-Q1," in text
    assert text.splitlines()[1].endswith(",2027-Q2,12,5")
    assert read_scenario_csv(text) == dated


def test_a_go_live_before_the_start_is_refused_naming_row_and_column() -> None:
    text = (
        "scenario_name,employees,project_name,domain,start,live_from\n"
        "Acme,50,Churn,tabular,2027-Q3,2027-Q1\n"
    )
    assert problems_of(text) == [
        "row 2, live_from: 2027-Q1 is before the project's start (2027-Q3)"
    ]


def test_a_file_from_before_the_lifecycle_column_reads_as_building() -> None:
    text = f"{OLD_HEADER}\nChurn,tabular,,,,,,2,{COMPANY}\n"
    scenario_ = read_scenario_csv(text)
    assert scenario_.projects[0].lifecycle == "build"
    assert scenario_.company.existing_team == {"data_scientist": 1}


def test_the_lifecycle_and_a_head_of_data_round_trip() -> None:
    s = scenario(
        project_data("Live churn", lifecycle="run"), existing={"head_of_data": 1}, name="Live"
    )
    again = read_scenario_csv(csv_text(scenario_frame(s)))
    assert again.projects[0].lifecycle == "run"
    assert again.company.existing_team == {"head_of_data": 1}


def test_a_scenario_without_projects_is_one_row_with_empty_project_columns() -> None:
    empty = scenario(employees=40, name="Just analytics")
    text = csv_text(scenario_frame(empty))
    assert text.splitlines()[1] == (
        ",,,,,,,,,,,,,,Just analytics,40,auto,us,,0,0,0,0,0,0,0,0,0,0,,8,"
    )
    assert read_scenario_csv(text) == empty


def test_a_fractional_budget_survives_and_a_whole_one_is_an_integer() -> None:
    fractional = scenario(project_data(), budget=1_234_567.5)
    whole = scenario(project_data(), budget=2_000_000.0)
    assert ",1234567.5," in csv_text(scenario_frame(fractional))
    assert ",2000000," in csv_text(scenario_frame(whole))
    assert read_scenario_csv(csv_text(scenario_frame(fractional))) == fractional


def test_semicolon_separated_files_are_read() -> None:
    text = HEADER.replace(",", ";") + "\r\n" + "Churn;tabular;;;;;;2;" + COMPANY.replace(",", ";")
    result = read_scenario_csv(text)
    assert [(p.name, p.count) for p in result.projects] == [("Churn", 2)]
    assert result.company.existing_team == {"data_scientist": 1}


def test_optional_columns_may_be_left_out_and_take_the_format_defaults() -> None:
    text = "scenario_name,employees,project_name,domain\nAcme,50,Churn,tabular\n"
    result = read_scenario_csv(text)
    assert result == Scenario.model_validate(
        {
            "name": "Acme",
            "company": {"employees": 50},
            "projects": [{"name": "Churn", "domain": "tabular"}],
        }
    )


def test_header_names_ignore_case_and_surrounding_spaces() -> None:
    text = " Scenario_Name ,EMPLOYEES,project_name , Domain\nAcme,50,Churn,nlp\n"
    assert read_scenario_csv(text).projects[0].domain == "nlp"


def test_shared_cells_may_be_left_empty_after_the_first_row() -> None:
    text = f"{HEADER}\nChurn,tabular,,,,,,1,{COMPANY}\nSearch,nlp,,,,,,1" + ",," * 7 + ",\n"
    result = read_scenario_csv(text)
    assert [p.name for p in result.projects] == ["Churn", "Search"]
    assert result.company.employees == 800


def test_shared_cells_that_agree_as_numbers_agree() -> None:
    other = COMPANY.replace(",800,", ",800.0,")
    text = f"{HEADER}\nChurn,tabular,,,,,,1,{COMPANY}\nSearch,nlp,,,,,,1,{other}\n"
    assert read_scenario_csv(text).company.employees == 800


def test_blank_rows_are_skipped_but_still_counted_as_spreadsheet_rows() -> None:
    text = f"{HEADER}\n\n,,,,\nSearch,vision,,,,,,1,{COMPANY}\n"
    assert problems_of(text) == [
        "row 4, domain: 'vision' is not one of 'analytics', 'tabular', 'recommender', 'nlp', "
        "'computer_vision', 'speech', 'reinforcement_learning', 'generative_ai'"
    ]


def test_trailing_empty_cells_are_tolerated() -> None:
    text = f"{HEADER}\nChurn,tabular,,,,,,1,{COMPANY},,,\n"
    assert read_scenario_csv(text).projects[0].name == "Churn"


def test_a_row_without_project_among_project_rows_is_a_problem() -> None:
    text = f"{HEADER}\nChurn,tabular,,,,,,1,{COMPANY}\n,,,,,,,,{COMPANY}\n"
    assert problems_of(text) == ["row 3, project_name: is required (the project columns are empty)"]


def test_a_missing_required_cell_names_its_row_and_column() -> None:
    text = f"{HEADER}\nChurn,,,,,,,1,{COMPANY}\n"
    assert problems_of(text) == ["row 2, domain: is required"]


def test_every_problem_is_reported_in_row_order() -> None:
    text = (
        f"{HEADER}\n"
        f"Churn,tabular,huge,,,,,1,{COMPANY.replace('us', 'mars')}\n"
        f"Search,nlp,,,,,,0,{COMPANY}\n"
    )
    problems = problems_of(text)
    assert problems[0].startswith("row 2, scale: 'huge' is not one of")
    assert problems[1].startswith("row 2, region: 'mars' is not one of us, ")
    assert problems[2] == "row 3, count: must be at least 1 (got 0)"
    assert problems[3].startswith("row 3, region: 'us' differs from 'mars' in row 2")
    assert len(problems) == 4


def test_a_long_list_of_problems_is_capped() -> None:
    rows = "".join(f"P{i},vision,,,,,,1,{COMPANY}\n" for i in range(2 * MAX_PROBLEMS))
    problems = problems_of(HEADER + "\n" + rows)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1] == f"… and {MAX_PROBLEMS} more problems"


def test_long_values_are_shortened_in_messages() -> None:
    text = f"{HEADER}\nChurn,{'x' * 500},,,,,,1,{COMPANY}\n"
    assert problems_of(text) == [
        f"row 2, domain: is not one of the domain values (got '{'x' * 39}…')"
    ]


def test_an_exported_file_with_bom_imports_through_the_upload_path() -> None:
    original = scenario(project_data("Café ☕", "nlp"), name="Müller GmbH — 日本")
    assert import_scenario(csv_bytes(scenario_frame(original)), "plan.CSV") == original


def test_a_project_s_priority_round_trips_and_an_older_file_without_it_reads_as_default() -> None:
    # Reviewed as a user would: priorities [5, 3, 1] came back from the CSV as [3, 3, 3].
    prioritised = scenario(
        project_data("Fraud", "tabular", priority=5),
        project_data("Churn", "tabular"),
        project_data("Search", "nlp", priority=1),
    )
    back = read_scenario_csv(csv_text(scenario_frame(prioritised)))
    assert [p.priority for p in back.projects] == [5, 3, 1]
    assert back == prioritised
    old = HEADER + "\r\nChurn,tabular,medium,production,partial,none,batch,1," + COMPANY + "\r\n"
    assert [p.priority for p in read_scenario_csv(old).projects] == [DEFAULT_PRIORITY]


def test_a_project_on_hold_round_trips_and_a_bad_flag_names_its_cell() -> None:
    held = scenario(
        project_data("Fraud", "tabular", on_hold=True),
        project_data("Churn", "tabular"),
    )
    back = read_scenario_csv(csv_text(scenario_frame(held)))
    assert [p.on_hold for p in back.projects] == [True, False]
    assert back == held
    text = NEW_HEADER + "\r\n"
    row = "Churn,tabular,,,,,,,1,,,,,maybe,Acme,800,auto,us,2500000,0,0,1,0,0,0,0,0,0,0,,8,"
    [problem] = problems_of(text + row + "\r\n")
    assert problem.startswith("row 2, on_hold: ")


def test_a_project_planned_in_part_round_trips_and_a_bad_share_names_its_cell() -> None:
    part = scenario(project_data("Fraud", "tabular", work_percent=40), project_data("Churn"))
    back = read_scenario_csv(csv_text(scenario_frame(part)))
    assert [p.work_percent for p in back.projects] == [40, 100]
    assert back == part
    row = "Churn,tabular,,,,,,,1,,0,,,,Acme,800,auto,us,2500000,0,0,1,0,0,0,0,0,0,0,,8,"
    [problem] = problems_of(NEW_HEADER + "\r\n" + row + "\r\n")
    assert problem.startswith("row 2, work_percent: ")
