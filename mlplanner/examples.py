"""The shipped example scenarios (``examples/*.json``) a new user can open at once."""

from __future__ import annotations

from functools import cache
from typing import Final

from mlplanner.model.scenario import Scenario, load_scenario, parse_scenario
from mlplanner.paths import EXAMPLES_DIR


@cache
def example_scenarios() -> dict[str, Scenario]:
    """Every example by file name (``fashion_retailer.json``), in file-name order.

    Raises :class:`~mlplanner.errors.ScenarioError` if a shipped example does not validate.
    """
    return {path.name: load_scenario(path) for path in sorted(EXAMPLES_DIR.glob("*.json"))}


NEW_SCENARIO_NAME: Final = "New scenario"
NEW_SCENARIO_EMPLOYEES: Final = 100


def blank_scenario() -> Scenario:
    """A scenario to start from scratch: no projects, no team, no budget, every company field
    at its default; the company size is a round starting value the user replaces first."""
    return parse_scenario(
        {"name": NEW_SCENARIO_NAME, "company": {"employees": NEW_SCENARIO_EMPLOYEES}}
    )
