"""Validation problems in the words of the app's forms.

The domain reports problems as ``field.path: problem`` (``projects[2].domain: 'vision' is not
one of …``), which suits files and the CLI. A form names rows and fields as the user sees
them: ``Project 3, domain: 'vision' is not one of …``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

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

_PROJECT = re.compile(r"^projects\[(\d+)\](?:\.(.+))?$")


@dataclass(frozen=True)
class Problem:
    """One problem: the form section it belongs to, the project row if any, and its wording."""

    section: Section
    row: int | None
    where: str
    message: str

    @property
    def text(self) -> str:
        return f"{self.where}: {self.message}"


def readable_problem(problem: str, project_names: Sequence[str] = ()) -> Problem:
    """Reword one ``field.path: problem`` line; ``project_names`` label the project rows.

    ``row`` is the 0-based index of the project the problem is about (``projects[2]`` -> 2).
    """
    path, separator, message = problem.partition(": ")
    if not separator:
        return Problem("scenario", None, "Scenario", problem)
    match = _PROJECT.match(path)
    if match:
        row = int(match.group(1))
        where = f"Project {row + 1}"
        if row < len(project_names) and project_names[row].strip():
            where += f" ({project_names[row].strip()})"
        if match.group(2):
            where += f", {_field_words(match.group(2))}"
        return Problem("projects", row, where, message)
    if path == "projects":
        return Problem("projects", None, "Projects", message)
    if path.startswith("company."):
        return Problem("company", None, f"Company, {_field_words(path[8:])}", message)
    if path == "name":
        return Problem("scenario", None, "Scenario name", message)
    return Problem("scenario", None, _field_words(path), message)


def _field_words(path: str) -> str:
    """``existing_team.data_scientist`` -> ``existing team, Data Scientist``."""
    words = []
    for part in path.split("."):
        words.append(ROLE_LABELS.get(part) or FIELD_LABELS.get(part) or part.replace("_", " "))
    return ", ".join(words)
