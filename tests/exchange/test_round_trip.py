"""Round trip: export a scenario as CSV or JSON, import it: the identical scenario and plan."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mlplanner.exchange.csv_dialect import csv_bytes
from mlplanner.exchange.scenario_csv import scenario_frame
from mlplanner.exchange.scenario_import import import_scenario
from mlplanner.exchange.spreadsheet_safety import safe_frame
from mlplanner.model.plan import recommend
from mlplanner.model.scenario import Scenario, parse_scenario
from tests.support.strategies import ENGINE_SETTINGS, names, scenario_data

# Names a spreadsheet would run as formulas, or that test quoting and the escape itself.
hostile_names = st.builds(
    str.__add__,
    st.sampled_from(["=", "+", "-", "@", "'", "''", '"', "=cmd|' /C calc'!", "a,b;c "]),
    names,
)
any_names = st.one_of(names, hostile_names)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """Valid scenarios (tests/domain/strategies.py) whose names are sometimes hostile."""
    data: dict[str, Any] = draw(scenario_data())
    data["name"] = draw(any_names)
    for project in data["projects"]:
        project["name"] = draw(any_names)
    return parse_scenario(data)


def semicolon_csv(scenario: Scenario) -> bytes:
    """What Excel in a decimal-comma locale writes: semicolons, no BOM."""
    return safe_frame(scenario_frame(scenario)).to_csv(index=False, sep=";").encode()


@ENGINE_SETTINGS
@given(scenarios())
def test_csv_round_trip_gives_the_identical_scenario_and_plan(scenario: Scenario) -> None:
    imported = import_scenario(csv_bytes(scenario_frame(scenario)), "plan.csv")
    assert imported == scenario
    assert recommend(imported).to_dict() == recommend(scenario).to_dict()


@ENGINE_SETTINGS
@given(scenarios())
def test_semicolon_csv_reads_as_the_same_scenario(scenario: Scenario) -> None:
    assert import_scenario(semicolon_csv(scenario), "plan.csv") == scenario


@ENGINE_SETTINGS
@given(scenarios())
def test_json_round_trip_gives_the_identical_scenario(scenario: Scenario) -> None:
    assert import_scenario(scenario.to_json().encode(), "plan.json") == scenario
