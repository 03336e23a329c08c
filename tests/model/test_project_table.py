"""The projects table the app edits, and the project data read back from it."""

import numpy as np
import pandas as pd
from hypothesis import given

from mlplanner.model.project_table import PROJECT_COLUMNS, project_rows, projects_frame
from mlplanner.model.scenario import Scenario, parse_scenario
from tests.support.strategies import ENGINE_SETTINGS, scenarios


@ENGINE_SETTINGS
@given(scenarios(max_projects=5))
def test_table_round_trips_the_projects(scenario: Scenario) -> None:
    frame = projects_frame(scenario.projects)
    assert list(frame.columns) == list(PROJECT_COLUMNS)
    assert len(frame) == len(scenario.projects)
    data = scenario.to_dict()
    data["projects"] = project_rows(frame)
    assert parse_scenario(data) == scenario


def test_an_empty_scenario_gives_an_empty_table_with_every_column() -> None:
    frame = projects_frame([])
    assert frame.empty
    assert list(frame.columns) == list(PROJECT_COLUMNS)
    assert str(frame["count"].dtype) == "Int64"


def test_blank_cells_are_left_out_so_required_fields_are_reported_missing() -> None:
    frame = pd.DataFrame(
        {
            "name": ["New", None],
            "domain": [None, "nlp"],
            "scale": ["large", np.nan],
            "stage": [None, None],
            "data_readiness": [None, None],
            "annotation": [None, None],
            "deployment": [None, None],
            "count": pd.array([None, 3], dtype="Int64"),
        }
    )
    assert project_rows(frame) == [
        {"name": "New", "scale": "large"},
        {"domain": "nlp", "count": 3},
    ]
    assert type(project_rows(frame)[1]["count"]) is int


def test_counts_become_plain_integers_and_fractions_stay_for_validation_to_reject() -> None:
    counts = pd.Series([2.0, 2.5, np.int64(4)], dtype=object)
    frame = pd.DataFrame({"name": ["a", "b", "c"], "count": counts})
    rows = project_rows(frame)
    assert [row["count"] for row in rows] == [2, 2.5, 4]
    assert type(rows[0]["count"]) is int
    assert type(rows[2]["count"]) is int
