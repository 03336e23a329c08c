"""The plan's ranges are cached by the setup the plan is staffed with: the scenario's own
setup (``None``) and that setup named give the same ranges, so the Plan and Compare pages
share one computation."""

from __future__ import annotations

import pytest

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.scenario import SETUPS, Scenario
from mlplanner.model.staffing import choose_setup
from mlplanner.ranges.engine import DrawnWork
from mlplanner.ranges.plan_ranges import PlanRanges, plan_ranges, scenario_draws
from mlplanner.ui import ranges_data

DEFAULTS = Assumptions.defaults()


def test_the_scenarios_own_setup_and_that_setup_named_give_the_same_ranges() -> None:
    for scenario in example_scenarios().values():
        chosen = choose_setup(scenario.company, DEFAULTS, None).setup
        own = plan_ranges(scenario, DEFAULTS, None, draws=200)
        named = plan_ranges(scenario, DEFAULTS, chosen, draws=200)
        assert own.to_dict() == named.to_dict()
        other = next(s for s in ("startup", "mature") if s != chosen)
        assert plan_ranges(scenario, DEFAULTS, other, draws=200).to_dict() != own.to_dict()


def test_the_plan_page_and_its_setups_column_on_compare_share_one_computation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scenario = example_scenarios()["fashion_retailer.json"]
    chosen = choose_setup(scenario.company, DEFAULTS, None).setup
    computed: list[str | None] = []

    def counted(
        scenario: Scenario, assumptions: Assumptions, setup: str | None, drawn: DrawnWork
    ) -> PlanRanges:
        computed.append(setup)
        return plan_ranges(scenario, assumptions, setup, drawn=drawn)

    monkeypatch.setattr(ranges_data, "plan_ranges", counted)
    ranges_data._plan_ranges.clear()
    plan_page = ranges_data.ranges_of(scenario, DEFAULTS)
    compare_column = ranges_data.ranges_of(scenario, DEFAULTS, chosen)
    assert compare_column == plan_page
    assert computed == [chosen]
    ranges_data.ranges_of(scenario, DEFAULTS, "mature" if chosen != "mature" else "startup")
    assert len(computed) == 2
    ranges_data._plan_ranges.clear()


def test_the_setups_share_one_scenarios_draws(monkeypatch: pytest.MonkeyPatch) -> None:
    """The three setups of the Compare page draw the scenario's work once; each setup's ranges
    are still its own."""
    scenario = example_scenarios()["fashion_retailer.json"]
    drawn: list[DrawnWork] = []

    def counted(scenario: Scenario, assumptions: Assumptions) -> DrawnWork:
        drawn.append(scenario_draws(scenario, assumptions))
        return drawn[-1]

    monkeypatch.setattr(ranges_data, "scenario_draws", counted)
    ranges_data._plan_ranges.clear()
    ranges_data._draws.clear()
    shown = {setup: ranges_data.ranges_of(scenario, DEFAULTS, setup) for setup in SETUPS}
    assert len(drawn) == 1
    for setup in SETUPS:
        assert shown[setup] == plan_ranges(scenario, DEFAULTS, setup)
    ranges_data._plan_ranges.clear()
    ranges_data._draws.clear()
