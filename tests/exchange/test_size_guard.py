"""Size guard: over 5 MB or over 500 projects is refused before the file is parsed in full.

The big files are generated here, into tmp_path, never committed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mlplanner.errors import PlannerInputError
from mlplanner.exchange.scenario_csv import SCENARIO_COLUMNS
from mlplanner.exchange.scenario_import import MAX_FILE_BYTES, import_scenario
from mlplanner.model.scenario import MAX_PROJECTS

HEADER = ",".join(SCENARIO_COLUMNS[: SCENARIO_COLUMNS.index("plan_start")]) + "\r\n"
COMPANY = "Acme,800,auto,us,2500000,0,0,1,0,0,0,0,0,0,0"


def project_rows(count: int) -> str:
    return "".join(f"Project {i},tabular,,,,,,,1,,,,,,{COMPANY}\r\n" for i in range(count))


def only_problem(data: bytes, filename: str) -> str:
    with pytest.raises(PlannerInputError) as caught:
        import_scenario(data, filename)
    (problem,) = caught.value.problems
    return str(problem)


def test_a_6_mb_file_is_refused_by_its_size_alone(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    rows = project_rows(1)
    # Latin-1 bytes at the end: the size is refused before the text is even decoded.
    path.write_bytes((HEADER + rows * (6 * 1024 * 1024 // len(rows))).encode() + b"caf\xe9")
    assert path.stat().st_size > 6 * 1024 * 1024
    assert only_problem(path.read_bytes(), path.name) == (
        "the file is 6.0 MB, over the 5 MB limit (500 projects fit in far less)"
    )


def test_exactly_5_mb_passes_the_size_guard() -> None:
    space = MAX_FILE_BYTES - len(HEADER)
    blank_rows = (" " * 1023 + "\n") * (space // 1024) + "\n" * (space % 1024)
    data = (HEADER + blank_rows).encode()
    assert len(data) == MAX_FILE_BYTES
    assert only_problem(data, "padded.csv").startswith("the file has a header but no rows")


def test_a_giant_cell_is_refused_with_its_row() -> None:
    data = (HEADER + "x" * 200_000 + "\r\n").encode()
    assert only_problem(data, "giant.csv") == "row 2: a cell holds more than 131,072 characters"


def test_more_than_500_project_rows_stop_the_reading() -> None:
    # What follows row 502 is broken CSV: the reader must stop before it gets there.
    text = HEADER + project_rows(MAX_PROJECTS + 1) + '"unclosed\r\n' + project_rows(1000)
    assert only_problem(text.encode(), "many.csv").startswith(
        "more than 500 project rows: a scenario holds at most 500 projects"
    )


def test_500_project_rows_are_accepted() -> None:
    text = HEADER + project_rows(MAX_PROJECTS)
    assert len(import_scenario(text.encode(), "full.csv").projects) == MAX_PROJECTS


def test_a_json_file_with_more_than_500_projects_is_refused() -> None:
    projects = [{"name": f"P{i}", "domain": "nlp"} for i in range(MAX_PROJECTS + 1)]
    data = json.dumps({"name": "Acme", "company": {"employees": 10}, "projects": projects})
    assert only_problem(data.encode(), "many.json").startswith(
        "projects: must have at most 500 items (it has 501)"
    )


@pytest.mark.parametrize(
    ("filename", "fragment"),
    [
        ("plan.xlsx", "'plan.xlsx' is not a .csv or .json file (save the sheet as CSV UTF-8"),
        ("notes.txt", "'notes.txt' is not a .csv or .json file"),
        ("no_extension", "'no_extension' is not a .csv or .json file"),
    ],
)
def test_other_file_types_are_refused_by_name(filename: str, fragment: str) -> None:
    assert only_problem(b"PK\x03\x04", filename).startswith(fragment)
