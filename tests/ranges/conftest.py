from __future__ import annotations

import pytest

from mlplanner.examples import example_scenarios
from mlplanner.model.scenario import Scenario


@pytest.fixture(scope="session")
def fashion() -> Scenario:
    return example_scenarios()["fashion_retailer.json"]
