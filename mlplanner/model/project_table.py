"""A scenario's projects as a table: one row per project, one column per field.

The app's project editor shows this table and hands back an edited copy; ``project_rows``
turns that copy into project data for :func:`mlplanner.model.scenario.parse_scenario`, which
reports every problem with the row and field.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from numbers import Integral, Real
from typing import Any, Final

import pandas as pd

from mlplanner.model.scenario import Project

PROJECT_COLUMNS: Final = (
    "name",
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
)
_WHOLE_COLUMNS: Final = ("count", "priority", "work_percent")
_FLAG_COLUMNS: Final = ("on_hold",)
_TEXT_COLUMNS: Final = tuple(
    column for column in PROJECT_COLUMNS if column not in (*_WHOLE_COLUMNS, *_FLAG_COLUMNS)
)


def projects_frame(projects: Sequence[Project]) -> pd.DataFrame:
    """One row per project in scenario order (a fresh RangeIndex), columns ``PROJECT_COLUMNS``.

    ``count`` is a nullable integer column so that a new, still empty row has no count rather
    than a float; ``on_hold`` a nullable boolean column (a new row's blank is "not on hold").
    """
    rows = [project.model_dump(mode="json") for project in projects]
    # Built column by column in its final types (converting a built frame takes five times
    # as long: the Scenario page builds this table on every first visit).
    columns: dict[str, Any] = {
        column: pd.Series([row[column] for row in rows], dtype="object") for column in _TEXT_COLUMNS
    }
    for column in _WHOLE_COLUMNS:
        columns[column] = pd.array([row[column] for row in rows], dtype="Int64")
    for column in _FLAG_COLUMNS:
        columns[column] = pd.array([row[column] for row in rows], dtype="boolean")
    return pd.DataFrame(columns, columns=list(PROJECT_COLUMNS))


def project_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Project data from an (edited) projects table, row by row.

    Blank cells are left out, so that a required field is reported as missing rather than as a
    wrong value, and an optional one takes its default; whole-number counts become ``int``.
    Nothing else is checked or corrected here: validation belongs to the scenario model.
    """
    rows: list[dict[str, Any]] = []
    for record in frame.to_dict(orient="records"):
        row: dict[str, Any] = {}
        for column in PROJECT_COLUMNS:
            value = _plain(record.get(column))
            if value is not None:
                row[column] = value
        rows.append(row)
    return rows


def _plain(value: Any) -> Any:
    """A cell as a plain Python value: ``None`` for blanks (an empty text or choice too),
    ``int`` for whole numbers."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Real):
        number = float(value)
        return int(number) if number.is_integer() else number
    return value
