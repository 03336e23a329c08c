"""Reading an uploaded scenario file, CSV or JSON: all or nothing, size-guarded.

The size guard runs before any parsing: the byte count first (over 5 MB is refused), then,
for CSV, the project rows are counted while the file is read (past 500 it stops). JSON, at
most 5 MB, is parsed whole; the scenario format itself refuses more than 500 projects.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Final

from mlplanner.errors import ScenarioError
from mlplanner.exchange.csv_dialect import decode_text
from mlplanner.exchange.scenario_csv import read_scenario_csv
from mlplanner.model.scenario import MAX_PROJECTS, Scenario, scenario_from_json

MAX_FILE_BYTES: Final = 5 * 1024 * 1024
KINDS: Final = {".csv": "csv", ".json": "json"}


def file_kind(filename: str) -> str:
    """``csv`` or ``json`` from the file name's extension; ScenarioError for anything else."""
    name = PurePath(filename).name
    kind = KINDS.get(PurePath(filename).suffix.lower())
    if kind is None:
        hint = " (save the sheet as CSV UTF-8 first)" if name.lower().endswith(".xlsx") else ""
        raise ScenarioError([f"{name!r} is not a .csv or .json file{hint}"])
    return kind


def check_size(size: int) -> None:
    """Refuse a file over :data:`MAX_FILE_BYTES` before reading it."""
    if size > MAX_FILE_BYTES:
        megabytes = size / (1024 * 1024)
        raise ScenarioError(
            [
                f"the file is {megabytes:.1f} MB, over the {MAX_FILE_BYTES // (1024 * 1024)} MB "
                f"limit ({MAX_PROJECTS} projects fit in far less)"
            ]
        )


def import_scenario(data: bytes, filename: str) -> Scenario:
    """A validated scenario from an uploaded file's bytes; the name's extension picks the format.

    Raises :class:`~mlplanner.errors.ScenarioError` (a ``PlannerInputError``) listing every
    problem; nothing is returned unless the whole file is valid.
    """
    kind = file_kind(filename)
    check_size(len(data))
    text = decode_text(data)
    if kind == "json":
        return scenario_from_json(text)
    return read_scenario_csv(text)
