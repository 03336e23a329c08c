"""A scenario import given another of the planner's exports says which export it is and which
to use instead, for every CSV the planner writes (and through the upload path's decoding)."""

from __future__ import annotations

import pandas as pd
import pytest

from mlplanner.errors import ScenarioError
from mlplanner.examples import example_scenarios
from mlplanner.exchange.csv_dialect import csv_bytes
from mlplanner.exchange.export_kinds import USE_INSTEAD
from mlplanner.exchange.scenario_import import import_scenario
from mlplanner.exchange.tables_csv import allocation_table, frontier_table
from mlplanner.exchange.timeline_csv import positions_table, timeline_table
from mlplanner.model.plan import recommend
from mlplanner.model.scenario import SETUPS
from mlplanner.reports.tables import comparison_frame
from mlplanner.search.frontier import frontier
from mlplanner.timeline.simulation import simulate

FASHION = example_scenarios()["fashion_retailer.json"]


def exports() -> dict[str, pd.DataFrame]:
    timeline = simulate(FASHION)
    return {
        "an allocation export": allocation_table(recommend(FASHION)),
        "a frontier export": frontier_table(frontier(FASHION)),
        "a comparison export": comparison_frame([recommend(FASHION, setup=s) for s in SETUPS]),
        "a timeline export": timeline_table(timeline),
        "a positions export": positions_table(timeline),
    }


@pytest.mark.parametrize("kind", list(exports()))
def test_another_export_is_named_with_the_export_to_use(kind: str) -> None:
    data = csv_bytes(exports()[kind])
    with pytest.raises(ScenarioError) as raised:
        import_scenario(data, "plan-export.csv")
    [problem] = raised.value.problems
    assert problem.message.startswith(f"this file is {kind}")
    assert problem.message.endswith(f"not a scenario: {USE_INSTEAD}")
