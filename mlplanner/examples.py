"""The shipped example scenarios (``examples/*.json``) a new user can open at once."""

from __future__ import annotations

from functools import cache

from mlplanner.model.scenario import Scenario, load_scenario
from mlplanner.paths import EXAMPLES_DIR


@cache
def example_scenarios() -> dict[str, Scenario]:
    """Every example by file name (``fashion_retailer.json``), in file-name order.

    Raises :class:`~mlplanner.errors.ScenarioError` if a shipped example does not validate.
    """
    return {path.name: load_scenario(path) for path in sorted(EXAMPLES_DIR.glob("*.json"))}
