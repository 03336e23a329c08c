"""Headcount by project: every role's people shared out over the demand behind them."""

import pytest
from hypothesis import given

from mlplanner.examples import example_scenarios
from mlplanner.model.demand import BASELINE_SOURCE, SHARED_SOURCES
from mlplanner.model.plan import Evaluation, evaluate, recommend
from mlplanner.model.roles import GENERALIST, HEAD, LEAD, ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.reports.attribution import UNATTRIBUTED, attribution_frame, headcount_by_source
from tests.support.builders import assumptions_with, project_data, scenario
from tests.support.strategies import ENGINE_SETTINGS, allocations, scenarios

# Without shared platform work, every FTE is a project's own.
UNSHARED = assumptions_with(shared_work={})


def assert_parts_add_up(evaluation: Evaluation) -> None:
    shares = headcount_by_source(evaluation)
    assert list(shares) == list(ROLES)
    for role, parts in shares.items():
        assert all(people > 0 for people in parts.values())
        assert sum(parts.values()) == pytest.approx(evaluation.allocation[role], abs=1e-9)


@ENGINE_SETTINGS
@given(scenarios(max_projects=5), allocations())
def test_parts_add_up_to_each_roles_headcount_for_any_allocation(
    s: Scenario, allocation: dict[str, int]
) -> None:
    assert_parts_add_up(evaluate(s, allocation))


@ENGINE_SETTINGS
@given(scenarios(max_projects=5))
def test_parts_add_up_to_each_roles_headcount_in_recommended_plans(s: Scenario) -> None:
    assert_parts_add_up(recommend(s))


@pytest.mark.parametrize("name", sorted(example_scenarios()))
def test_parts_add_up_in_every_example(name: str) -> None:
    assert_parts_add_up(recommend(example_scenarios()[name]))


def test_a_specialist_is_shared_in_proportion_to_demand() -> None:
    s = scenario(project_data("One", count=1), project_data("Three", count=3), employees=10)
    shares = headcount_by_source(evaluate(s, {"data_scientist": 4}, assumptions=UNSHARED))
    assert shares["data_scientist"] == pytest.approx({"One": 1.0, "Three": 3.0})


def test_generalists_follow_the_demand_they_cover_as_the_explanations_list_it() -> None:
    plan = recommend(example_scenarios()["seed_startup.json"])
    assert plan.allocation[GENERALIST] > 0
    covered: dict[str, float] = {}
    for source, _phase, fte in plan.explanations[GENERALIST].demand:
        covered[source] = covered.get(source, 0.0) + fte
    total = sum(covered.values())
    expected = {s: plan.allocation[GENERALIST] * fte / total for s, fte in covered.items()}
    assert headcount_by_source(plan)[GENERALIST] == pytest.approx(expected)


def test_leads_follow_everyone_elses_shares() -> None:
    s = scenario(project_data("One", count=1), project_data("Three", count=3), employees=10)
    shares = headcount_by_source(
        evaluate(s, {"data_scientist": 4, LEAD: 2, HEAD: 1}, assumptions=UNSHARED)
    )
    assert shares[LEAD] == pytest.approx({"One": 0.5, "Three": 1.5})
    assert shares[HEAD] == pytest.approx({"One": 0.25, "Three": 0.75})


def test_people_without_any_demand_behind_them_are_not_tied_to_a_project() -> None:
    s = scenario(project_data("Plain", annotation="none"), employees=10)
    shares = headcount_by_source(evaluate(s, {"annotator": 2, LEAD: 1}))
    assert shares["annotator"] == {UNATTRIBUTED: 2.0}
    assert shares[LEAD] == {UNATTRIBUTED: 1.0}


def test_projects_sharing_a_name_share_one_entry_and_still_add_up() -> None:
    s = scenario(project_data("Twin"), project_data("Twin", domain="nlp"), employees=10)
    evaluation = evaluate(s, {"data_scientist": 3, "data_analyst": 1, LEAD: 1})
    assert_parts_add_up(evaluation)
    sources = set(headcount_by_source(evaluation)["data_scientist"])
    assert "Twin" in sources and sources - {"Twin"} <= set(SHARED_SOURCES.values())


def test_frame_lists_sources_in_scenario_order_and_roles_in_lifecycle_order() -> None:
    plan = recommend(example_scenarios()["fashion_retailer.json"])
    frame = attribution_frame(plan)
    sources = list(dict.fromkeys(frame["source"]))
    assert sources[:2] == ["Size recommendation", BASELINE_SOURCE]
    assert sources[2:] == [s for s in SHARED_SOURCES.values() if s in sources]
    for _source, rows in frame.groupby("source", sort=False):
        assert list(rows["role"]) == sorted(rows["role"], key=ROLES.index)
    totals = frame.groupby("role")["people"].sum()
    for role, people in totals.items():
        assert people == pytest.approx(plan.allocation[role])
    assert (frame["people"] > 0).all()
