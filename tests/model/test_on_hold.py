"""A project on hold stays in the scenario but is not planned: the plan, its cost and its score
are those of the scenario without it, and the timeline never staffs it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mlplanner.model.demand import compute_demand
from mlplanner.model.plan import NO_QUALITY, recommend
from mlplanner.model.scenario import Scenario
from mlplanner.timeline.simulation import simulate
from tests.model.test_quality_properties import portfolios
from tests.support import strategies
from tests.support.builders import assumptions_with, project_data, scenario

DEFAULTS = assumptions_with()


def holding(s: Scenario, at: int) -> Scenario:
    """``s`` with its project ``at`` on hold."""
    projects = [p.model_copy(update={"on_hold": i == at}) for i, p in enumerate(s.projects)]
    return s.model_copy(update={"projects": projects})


def without(s: Scenario, at: int) -> Scenario:
    """``s`` without its project ``at``."""
    return s.model_copy(update={"projects": [p for i, p in enumerate(s.projects) if i != at]})


@strategies.ENGINE_SETTINGS
@given(portfolios(min_projects=2, max_projects=5), st.data())
def test_a_project_on_hold_plans_as_if_it_were_not_there(s: Scenario, data: st.DataObject) -> None:
    at = data.draw(st.integers(0, len(s.projects) - 1))
    held, gone = recommend(holding(s, at)), recommend(without(s, at))
    assert held.allocation == gone.allocation
    assert held.annual_cost_usd == gone.annual_cost_usd
    assert held.quality == gone.quality
    assert held.vendor_cost_usd == gone.vendor_cost_usd
    # its row stays, with no work: the project table still lists it
    demand = compute_demand(holding(s, at), DEFAULTS)
    assert demand.sources[at] == s.projects[at].name
    assert demand.fte[at].sum() == 0 and demand.vendor_fte[at] == 0


def test_every_project_on_hold_has_no_quality_score_and_says_why() -> None:
    s = scenario(project_data("Churn", on_hold=True), project_data("Search", "nlp", on_hold=True))
    plan = recommend(s)
    assert not plan.scored and plan.to_dict()["quality_note"] == NO_QUALITY
    assert any(
        message.startswith("On hold, so not planned: Churn and Search") for message in plan.messages
    )


def test_the_timeline_never_staffs_a_project_on_hold() -> None:
    s = scenario(
        project_data("Churn"),
        project_data("Vision", "computer_vision", annotation="in_house", on_hold=True),
        employees=300,
    )
    timeline = simulate(s, DEFAULTS)
    assert [p.name for p in timeline.projects] == ["Churn"]
    assert timeline.quarters[-1].headcount == recommend(without(s, 1)).total_headcount
