"""Validation problems in the words of the app's forms.

The domain locates a problem by its path in the scenario data (``("projects", 2, "domain")``),
which files and the CLI show as ``projects[2].domain``. A form names rows and fields as the
user sees them: ``Project 3, domain: 'vision' is not one of …``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from mlplanner.errors import Problem
from mlplanner.model.roles import ROLE_LABELS

Section = Literal["scenario", "company", "projects"]

FIELD_LABELS: Final[dict[str, str]] = {
    "name": "name",
    "format": "format",
    "employees": "employees",
    "setup": "setup",
    "region": "region",
    "annual_budget_usd": "annual budget",
    "existing_team": "existing team",
    "domain": "domain",
    "scale": "scale",
    "stage": "stage",
    "data_readiness": "data readiness",
    "annotation": "annotation",
    "deployment": "deployment",
    "count": "count",
    "start": "start",
    "live_from": "live from",
    "plan_start": "plan start",
    "horizon_quarters": "horizon (quarters)",
    "hiring_capacity_per_quarter": "hiring capacity per quarter",
}


@dataclass(frozen=True)
class FormProblem:
    """One problem: the form section it belongs to, the project row if any, and its wording.

    ``where`` is empty for a problem with the input as a whole (bad JSON, a CSV cell).
    """

    section: Section
    row: int | None
    where: str
    message: str

    @property
    def text(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def form_problem(problem: Problem, project_names: Sequence[str] = ()) -> FormProblem:
    """Word one problem as the forms name things; ``project_names`` label the project rows.

    ``row`` is the 0-based index of the project the problem is about (``projects[2]`` -> 2).
    A problem found in a CSV file keeps its spreadsheet row and column.
    """
    location = problem.location
    if problem.row is not None or not location:
        return FormProblem("scenario", None, "", str(problem))
    first, rest = location[0], location[1:]
    if first == "projects" and rest and isinstance(rest[0], int):
        row = rest[0]
        where = f"Project {row + 1}"
        if row < len(project_names) and project_names[row].strip():
            where += f" ({project_names[row].strip()})"
        if rest[1:]:
            where += f", {_field_words(rest[1:])}"
        return FormProblem("projects", row, where, problem.message)
    if first == "projects":
        return FormProblem("projects", None, "Projects", problem.message)
    if first == "company":
        where = ", ".join(("Company", _field_words(rest))) if rest else "Company"
        return FormProblem("company", None, where, problem.message)
    if location == ("name",):
        return FormProblem("scenario", None, "Scenario name", problem.message)
    return FormProblem("scenario", None, _field_words(location), problem.message)


def _field_words(path: Sequence[str | int]) -> str:
    """``("existing_team", "data_scientist")`` -> ``existing team, Data Scientist``."""
    words = []
    for part in map(str, path):
        words.append(ROLE_LABELS.get(part) or FIELD_LABELS.get(part) or part.replace("_", " "))
    return ", ".join(words)
