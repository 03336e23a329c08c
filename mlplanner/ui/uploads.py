"""Reading an uploaded scenario file (CSV or JSON) for a page: the scenario, or its problems.

Pure functions of the file's bytes, so pages stay thin and tests need no browser. Import is
all or nothing (:func:`mlplanner.exchange.scenario_import.import_scenario`): a file with any
problem gives no scenario, and every problem is listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from mlplanner.errors import PlannerInputError, ScenarioError
from mlplanner.exchange.scenario_import import import_scenario
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import recommend
from mlplanner.model.scenario import Scenario
from mlplanner.problems import form_problem
from mlplanner.storage import plans
from mlplanner.storage.models import PlanSummary
from mlplanner.ui.text import plain

UPLOAD_TYPES = ["csv", "json"]


@dataclass(frozen=True)
class Upload:
    """What an uploaded file gave: a scenario, or the problems that refused it."""

    scenario: Scenario | None
    problems: tuple[str, ...] = ()  # each as the page shows it


@dataclass(frozen=True)
class Refused:
    """A file the app refused and why, kept to be listed under its uploader."""

    file_name: str
    problems: tuple[str, ...]

    def markdown(self, outcome: str) -> str:
        """``name`` + ``outcome`` (e.g. ``was not opened``), then one bullet per problem."""
        bullets = "\n".join(f"- {plain(problem)}" for problem in self.problems)
        return f"{plain(self.file_name)} {outcome}:\n\n{bullets}"


def read_upload(data: bytes, filename: str) -> Upload:
    """The file's scenario, or its problems in the app's words.

    CSV problems name the spreadsheet row and column; JSON problems are worded as the forms
    name things (``Project 3, domain: …``).
    """
    try:
        return Upload(import_scenario(data, filename))
    except ScenarioError as exc:
        return Upload(None, tuple(form_problem(problem).text for problem in exc.problems))


def save_upload(
    session: Session,
    data: bytes,
    filename: str,
    assumptions: Assumptions,
    assumption_set_name: str,
    name: str = "",
) -> PlanSummary | Upload:
    """Save the file's recommended plan as a new plan named ``name`` (empty: the scenario's
    name), or return why nothing was saved."""
    upload = read_upload(data, filename)
    if upload.scenario is None:
        return upload
    try:
        return plans.create_plan(
            session=session,
            evaluation=recommend(upload.scenario, assumptions=assumptions),
            name=name.strip() or None,
            assumption_set_name=assumption_set_name,
        )
    except PlannerInputError as exc:
        return Upload(None, tuple(str(problem) for problem in exc.problems))
