"""A project on hold stays in the scenario but is not planned: the plan, its cost and its score
are those of the scenario without it, and the timeline never staffs it."""

from __future__ import annotations

import pytest
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


@strategies.ENGINE_SETTINGS
@given(portfolios(min_projects=1, max_projects=4), st.data())
def test_two_projects_planned_at_half_plan_as_one_whole_project(
    s: Scenario, data: st.DataObject
) -> None:
    """``work_percent`` scales a project's own work, its labelling and its place on the shared
    platform curve: count 2 at 50% is count 1 at 100%."""
    at = data.draw(st.integers(0, len(s.projects) - 1))
    projects = list(s.projects)
    halves, whole = list(projects), list(projects)
    halves[at] = projects[at].model_copy(update={"count": 2, "work_percent": 50})
    whole[at] = projects[at].model_copy(update={"count": 1, "work_percent": 100})
    half = recommend(s.model_copy(update={"projects": halves}))
    one = recommend(s.model_copy(update={"projects": whole}))
    assert half.allocation == one.allocation
    assert half.annual_cost_usd == one.annual_cost_usd
    assert half.quality == one.quality


def test_a_lone_project_planned_in_part_needs_that_share_of_its_work_and_labelling() -> None:
    """Below one whole project the shared platform curve is linear: half a project needs half
    its platform work, not 0.5 ** b of it (71% at b = 0.5)."""
    full = scenario(project_data("Search", "nlp", annotation="outsourced"), employees=1)
    half = scenario(
        project_data("Search", "nlp", annotation="outsourced", work_percent=50), employees=1
    )
    whole, part = compute_demand(full, DEFAULTS), compute_demand(half, DEFAULTS)
    baseline = whole.sources.index("Company analytics baseline")
    rows = [i for i in range(len(whole.sources)) if i != baseline]
    assert part.fte[rows] == pytest.approx(0.5 * whole.fte[rows])
    assert part.vendor_fte == pytest.approx(0.5 * whole.vendor_fte)
    assert part.fte[baseline] == pytest.approx(whole.fte[baseline])
    plan = recommend(half)
    assert any(m.startswith("Planned in part: Search (50% of its work)") for m in plan.messages)
