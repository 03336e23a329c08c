"""A scenario as CSV: one row per project, the company fields repeated on every row.

Columns (stable; docs/file-formats.md lists them): the project fields, then the fields every
row shares (the scenario name and the company, its existing team as one column per role). A
scenario without projects is one row whose project columns are empty.

Reading is all or nothing: every problem is collected, then reported together, each naming
the row as a spreadsheet shows it (the header is row 1, the first project row 2) and the
column. Only ``project_name``, ``domain``, ``scenario_name`` and ``employees`` are required
columns; the others may be left out (or left empty) and take the scenario format's defaults.
Rows may leave the shared columns empty, but where they are filled they must agree.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd
from pydantic import ValidationError

from mlplanner.errors import Location, Problem, ScenarioError, validation_problems
from mlplanner.exchange.csv_dialect import SEPARATORS
from mlplanner.exchange.export_kinds import other_export, other_export_message
from mlplanner.exchange.spreadsheet_safety import restore
from mlplanner.model.project_table import PROJECT_COLUMNS as PROJECT_TABLE_COLUMNS
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import MAX_PROJECTS, Scenario

EXISTING_PREFIX: Final = "existing_"
# The project table's columns, the name column named apart from the scenario's name.
PROJECT_COLUMNS: Final = tuple(
    "project_name" if column == "name" else column for column in PROJECT_TABLE_COLUMNS
)
SHARED_COLUMNS: Final = (
    "scenario_name",
    "employees",
    "setup",
    "region",
    "annual_budget_usd",
    *(EXISTING_PREFIX + role for role in ROLES),
    "plan_start",
    "horizon_quarters",
    "hiring_capacity_per_quarter",
)
_COMPANY_COLUMNS: Final = (
    "employees",
    "setup",
    "region",
    "annual_budget_usd",
    "plan_start",
    "horizon_quarters",
    "hiring_capacity_per_quarter",
)
SCENARIO_COLUMNS: Final = (*PROJECT_COLUMNS, *SHARED_COLUMNS)
REQUIRED_COLUMNS: Final = ("project_name", "domain", "scenario_name", "employees")
FIRST_DATA_ROW: Final = 2
MAX_PROBLEMS: Final = 50

_TEXT_COLUMNS: Final = frozenset({"project_name", "scenario_name"})
_WHOLE_COLUMNS: Final = frozenset(
    {
        "count",
        "priority",
        "work_percent",
        "employees",
        "horizon_quarters",
        "hiring_capacity_per_quarter",
        *(c for c in SHARED_COLUMNS if c.startswith(EXISTING_PREFIX)),
    }
)
_MAX_DIGITS: Final = 18
_MAX_CHOICE_LENGTH: Final = 40  # longer than any domain, stage, … value: not echoed in full
_WHOLE = re.compile(r"[+-]?\d+(?:\.0*)?")
_AMOUNT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


# --- export -------------------------------------------------------------------------------


def _budget_cell(amount: float | None) -> int | float | None:
    """Money as an exact integer when it is whole (it nearly always is)."""
    if amount is None:
        return None
    return int(amount) if float(amount).is_integer() else amount


def scenario_frame(scenario: Scenario) -> pd.DataFrame:
    """The scenario as a table with :data:`SCENARIO_COLUMNS`, one row per project."""
    company = scenario.company
    shared: dict[str, Any] = {
        "scenario_name": scenario.name,
        "employees": company.employees,
        "setup": company.setup,
        "region": company.region,
        "annual_budget_usd": _budget_cell(company.annual_budget_usd),
        **{EXISTING_PREFIX + role: company.existing_team.get(role, 0) for role in ROLES},
        "plan_start": company.plan_start,
        "horizon_quarters": company.horizon_quarters,
        "hiring_capacity_per_quarter": company.hiring_capacity_per_quarter,
    }
    rows = [
        {
            "project_name": p.name,
            "domain": p.domain,
            "scale": p.scale,
            "stage": p.stage,
            "data_readiness": p.data_readiness,
            "annotation": p.annotation,
            "deployment": p.deployment,
            "lifecycle": p.lifecycle,
            "count": p.count,
            "priority": p.priority,
            "work_percent": p.work_percent,
            "start": p.start,
            "live_from": p.live_from,
            "on_hold": p.on_hold,
            **shared,
        }
        for p in scenario.projects
    ] or [{column: None for column in PROJECT_COLUMNS} | shared]
    frame = pd.DataFrame(rows, columns=list(SCENARIO_COLUMNS))
    return frame.astype(
        {
            "count": "Int64",
            "priority": "Int64",
            "work_percent": "Int64",
            "annual_budget_usd": object,
            "hiring_capacity_per_quarter": "Int64",
        }
    )


# --- import -------------------------------------------------------------------------------


@dataclass
class _Problems:
    """Problems keyed by spreadsheet row and column, reported in reading order."""

    found: dict[tuple[int, str], Problem] = field(default_factory=dict)

    def add(self, row: int, column: str, message: str, location: Location = ()) -> None:
        """A problem with one cell; ``column`` empty for a problem with the whole row."""
        problem = Problem(location, message, row=row, column=column or None)
        self.found.setdefault((row, column), problem)

    def listed(self) -> list[Problem]:
        order = {column: i for i, column in enumerate(SCENARIO_COLUMNS)}
        keyed = sorted(self.found.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], -1)))
        problems = [problem for _, problem in keyed]
        if len(problems) > MAX_PROBLEMS:
            hidden = len(problems) - MAX_PROBLEMS
            problems = [*problems[:MAX_PROBLEMS], Problem((), f"… and {hidden} more problems")]
        return problems

    def __bool__(self) -> bool:
        return bool(self.found)


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _whole_number(text: str) -> int:
    if not _WHOLE.fullmatch(text):
        raise ValueError(f"must be a whole number (got {_shown(text)})")
    digits = text.split(".")[0]
    if len(digits.lstrip("+-")) > _MAX_DIGITS:
        raise ValueError(f"is far too large (got {_shown(text)})")
    return int(digits)


def _amount(text: str) -> float:
    if not _AMOUNT.fullmatch(text):
        raise ValueError(f"must be a number in dollars, digits only (got {_shown(text)})")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"is far too large (got {_shown(text)})")
    return value


def _typed(column: str, text: str) -> Any:
    """A non-empty cell as the value the scenario format expects; ValueError if it cannot be."""
    if column in _TEXT_COLUMNS:
        return restore(text)
    if column in _WHOLE_COLUMNS:
        return _whole_number(text)
    if column == "annual_budget_usd":
        return _amount(text)
    if len(text) > _MAX_CHOICE_LENGTH:
        raise ValueError(f"is not one of the {column} values (got {_shown(text)})")
    return text


def _detect_separator(text: str) -> str:
    """Comma or semicolon: whichever splits the first line into more known column names."""
    first_line = text.split("\n", 1)[0]

    def known(separator: str) -> int:
        cells = next(csv.reader([first_line], delimiter=separator), [])
        return sum(cell.strip().lower() in SCENARIO_COLUMNS for cell in cells)

    return max(SEPARATORS, key=known)


def _check_header(header: Sequence[str]) -> tuple[list[str], list[Problem]]:
    """Normalised column names and the problems with them (duplicates, unknown, missing)."""
    columns = [cell.strip().lower() for cell in header]
    problems: list[Problem] = []
    kind = other_export(columns)
    if kind is not None:
        return columns, [Problem((), other_export_message(kind))]
    if not any(column in SCENARIO_COLUMNS for column in columns):
        problems.append(
            Problem(
                (),
                "row 1 is not a scenario CSV header: expected columns such as "
                f"{', '.join(REQUIRED_COLUMNS)}, separated by commas or semicolons",
            )
        )
        return columns, problems

    def header_problem(message: str, column: str | None = None) -> Problem:
        return Problem((), message, row=1, column=column)

    seen: dict[str, int] = {}
    for position, column in enumerate(columns, start=1):
        if not column:
            # A column without a name is named by its position.
            problems.append(header_problem("the column has no name", f"column {position}"))
        elif column in seen:
            problems.append(
                header_problem(
                    f"column {_shown(column)} appears twice (columns {seen[column]} and {position})"
                )
            )
        elif column not in SCENARIO_COLUMNS:
            problems.append(
                header_problem(
                    f"unknown column {_shown(column)}; "
                    f"the columns are {', '.join(SCENARIO_COLUMNS)}"
                )
            )
        seen.setdefault(column, position)
    problems.extend(
        header_problem(f"missing column {column!r} (required)")
        for column in REQUIRED_COLUMNS
        if column not in seen
    )
    return columns, problems


def _records(text: str, separator: str) -> Iterator[tuple[int, list[str]]]:
    """(spreadsheet row, cells) for each record; a quoted line break does not start a row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    row = 0
    try:
        for cells in reader:
            row += 1
            yield row, cells
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            problem = f"a cell holds more than {csv.field_size_limit():,} characters"
        else:
            problem = f"not valid CSV ({exc}); check the double quotes in this row"
        raise ScenarioError([Problem((), problem, row=row + 1)]) from None


def _data_rows(
    records: Iterator[tuple[int, list[str]]], width: int, problems: _Problems
) -> list[tuple[int, list[str]]]:
    """Non-blank data rows, cells stripped; stops at once past :data:`MAX_PROJECTS` rows."""
    rows: list[tuple[int, list[str]]] = []
    for row, raw in records:
        cells = [cell.strip() for cell in raw]
        if not any(cells):
            continue
        if len(rows) == MAX_PROJECTS:
            raise ScenarioError(
                [
                    f"more than {MAX_PROJECTS} project rows: a scenario holds at most "
                    f"{MAX_PROJECTS} projects (a project row's count can stand for several "
                    "similar projects)"
                ]
            )
        if len(cells) > width and not any(cells[width:]):
            cells = cells[:width]
        if len(cells) != width:
            problems.add(row, "", f"has {len(cells)} cells, the header has {width}")
            continue
        rows.append((row, cells))
    return rows


@dataclass
class _Reading:
    """What the rows say, before the scenario format validates it."""

    projects: list[dict[str, Any]] = field(default_factory=list)
    project_rows: list[int] = field(default_factory=list)
    shared: dict[str, tuple[int, str]] = field(default_factory=dict)


def _read_rows(
    columns: list[str], rows: list[tuple[int, list[str]]], problems: _Problems
) -> _Reading:
    reading = _Reading()
    for row, cells in rows:
        values = dict(zip(columns, cells, strict=True))
        for column in SHARED_COLUMNS:
            text = values.get(column, "")
            if not text:
                continue
            first = reading.shared.setdefault(column, (row, text))
            if _differs(column, first[1], text):
                problems.add(
                    row,
                    column,
                    f"{_shown(text)} differs from {_shown(first[1])} in row {first[0]}; "
                    "the scenario and company columns must be the same on every row",
                )
        project = {c: values[c] for c in PROJECT_COLUMNS if values.get(c)}
        if project:
            reading.projects.append(project)
            reading.project_rows.append(row)
        elif len(rows) > 1:  # only a lone row may leave the project empty (no projects)
            problems.add(row, "project_name", "is required (the project columns are empty)")
    return reading


def _differs(column: str, first: str, other: str) -> bool:
    """Two cells of a shared column disagree (``800`` and ``800.0`` agree)."""
    if first == other:
        return False
    try:
        return _typed(column, first) != _typed(column, other)
    except ValueError:
        return True


def _convert(cells: dict[str, str], rows: dict[str, int], problems: _Problems) -> dict[str, Any]:
    converted: dict[str, Any] = {}
    for column, text in cells.items():
        try:
            converted[column] = _typed(column, text)
        except ValueError as exc:
            problems.add(rows[column], column, str(exc))
    return converted


def _scenario_data(reading: _Reading, problems: _Problems) -> dict[str, Any]:
    """Decoded-JSON shape of the scenario, with cells that failed conversion left out."""
    projects = []
    for row, project in zip(reading.project_rows, reading.projects, strict=True):
        values = _convert(project, dict.fromkeys(project, row), problems)
        if "project_name" in values:
            values["name"] = values.pop("project_name")
        projects.append(values)
    shared_rows = {column: row for column, (row, _) in reading.shared.items()}
    shared = _convert(
        {column: text for column, (_, text) in reading.shared.items()}, shared_rows, problems
    )
    company: dict[str, Any] = {c: shared[c] for c in _COMPANY_COLUMNS if c in shared}
    existing = {
        column.removeprefix(EXISTING_PREFIX): value
        for column, value in shared.items()
        if column.startswith(EXISTING_PREFIX)
    }
    if existing:
        company["existing_team"] = existing
    data: dict[str, Any] = {"company": company, "projects": projects}
    if "scenario_name" in shared:
        data["name"] = shared["scenario_name"]
    return data


def _locate(loc: Location, reading: _Reading) -> tuple[int, str]:
    """The spreadsheet row and column a validation error's path points at."""
    shared_rows = {column: row for column, (row, _) in reading.shared.items()}
    if loc[:1] == ("projects",) and len(loc) >= 3 and isinstance(loc[1], int):
        column = "project_name" if loc[2] == "name" else str(loc[2])
        return reading.project_rows[loc[1]], column
    if loc[:2] == ("company", "existing_team") and len(loc) >= 3:
        column = EXISTING_PREFIX + str(loc[2])
    elif loc[:1] == ("company",) and len(loc) >= 2:
        column = str(loc[1])
    else:
        column = "scenario_name"
    return shared_rows.get(column, FIRST_DATA_ROW), column


def _validate(data: dict[str, Any], reading: _Reading, problems: _Problems) -> Scenario | None:
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        for problem in validation_problems(exc, "the scenario"):
            row, column = _locate(problem.location, reading)
            problems.add(row, column, problem.message, problem.location)
        return None


def read_scenario_csv(text: str) -> Scenario:
    """Parse scenario CSV text (comma or semicolon separated; already decoded).

    Raises :class:`~mlplanner.errors.ScenarioError` with one message per problem, naming the
    spreadsheet row (header = row 1) and the column.
    """
    if not text.strip():
        raise ScenarioError(
            [
                f"the file is empty: expected a header row with columns such as "
                f"{', '.join(REQUIRED_COLUMNS)}, then one row per project"
            ]
        )
    records = _records(text, _detect_separator(text))
    _, header = next(records)
    columns, header_problems = _check_header(header)
    if header_problems:
        raise ScenarioError(header_problems)
    problems = _Problems()
    rows = _data_rows(records, len(columns), problems)
    if not rows and not problems:
        raise ScenarioError(
            ["the file has a header but no rows: add one row per project (row 2 onwards)"]
        )
    reading = _read_rows(columns, rows, problems)
    scenario = _validate(_scenario_data(reading, problems), reading, problems)
    if scenario is None or problems:
        raise ScenarioError(problems.listed())
    return scenario
