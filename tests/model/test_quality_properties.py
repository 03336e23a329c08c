"""Properties the quality score must have to mean something (issue 13), with hypothesis."""

from __future__ import annotations

import itertools
import math
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mlplanner.model.plan import evaluate, recommend
from mlplanner.model.roles import GENERALIST, LEAD, ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import (
    DEPLOYMENTS,
    DEPTH_WORK,
    DOMAINS,
    SCALES,
    Scenario,
    parse_scenario,
)
from mlplanner.model.staffing import DEPLOYERS
from tests.support import strategies
from tests.support.builders import assumptions_with

SETTINGS = settings(max_examples=40, deadline=None)


@st.composite
def portfolios(
    draw: st.DrawFn, stage: str = "production", min_projects: int = 1, max_projects: int = 6
) -> Scenario:
    """A company with projects of one stage being built (domains, scales, deployment drawn)."""
    projects: list[dict[str, Any]] = [
        {
            "name": f"P{i}",
            "domain": draw(st.sampled_from([d for d in DOMAINS if d != "analytics"])),
            "scale": draw(st.sampled_from(SCALES)),
            "stage": stage,
            "deployment": draw(st.sampled_from(DEPLOYMENTS)),
            "annotation": draw(st.sampled_from(("none", "outsourced"))),
        }
        for i in range(draw(st.integers(min_projects, max_projects)))
    ]
    return parse_scenario(
        {
            "name": "generated",
            "company": {"employees": draw(st.integers(20, 3000)), "region": "us"},
            "projects": projects,
        }
    )


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.allocations(), st.sampled_from(ROLES))
def test_adding_a_person_never_lowers_quality(
    s: Scenario, allocation: dict[str, int], role: str
) -> None:
    before = evaluate(s, allocation).quality
    after = evaluate(s, allocation | {role: allocation[role] + 1}).quality
    assert after >= before - 1e-9


@strategies.ENGINE_SETTINGS
@given(
    strategies.scenarios(),
    strategies.allocations(),
    st.sampled_from(DEPTH_WORK),
    st.floats(0, 1),
    st.floats(0, 1),
)
def test_work_feeling_less_of_the_depth_gap_never_scores_lower(
    s: Scenario, allocation: dict[str, int], kind: str, less: float, more: float
) -> None:
    """A kind of work feeling less of the generalists' depth gap (``depth_need``) never
    lowers quality, whatever the kind, the team and the other kinds' needs."""
    low, high = sorted((less, more))
    lighter = assumptions_with(depth_need={kind: low})
    heavier = assumptions_with(depth_need={kind: high})
    assert (
        evaluate(s, allocation, assumptions=lighter).quality
        >= evaluate(s, allocation, assumptions=heavier).quality - 1e-9
    )


@SETTINGS
@given(portfolios(), st.sampled_from(SPECIALIST_ROLES))
def test_past_demand_each_person_adds_less_than_the_one_before(s: Scenario, role: str) -> None:
    plan = recommend(s, "mature")
    demand = plan.demand.by_role[role]
    assume(demand > 0)
    start = max(math.ceil(demand), 2, plan.allocation[role])
    scores = [evaluate(s, plan.allocation | {role: start + extra}).quality for extra in range(4)]
    gains = [b - a for a, b in itertools.pairwise(scores)]
    assert all(g >= -1e-9 for g in gains)
    assert all(later <= earlier + 1e-9 for earlier, later in itertools.pairwise(gains))


@SETTINGS
@given(portfolios(), st.sampled_from(("startup", "scaleup", "mature")))
def test_nobody_able_to_deploy_production_models_costs_at_least_20_points(
    s: Scenario, setup: str
) -> None:
    plan = recommend(s, setup)
    without = evaluate(s, plan.allocation | dict.fromkeys(DEPLOYERS, 0)).quality
    assert plan.quality - without >= 20


@SETTINGS
@given(
    portfolios(min_projects=10, max_projects=14),
    st.sampled_from(("research", "prototype", "production")),
)
def test_one_generalist_on_ten_or_more_projects_scores_at_most_25(s: Scenario, stage: str) -> None:
    s = s.model_copy(
        update={"projects": [p.model_copy(update={"stage": stage}) for p in s.projects]}
    )
    nobody: dict[str, int] = {role: 0 for role in ROLES}
    one = nobody | {GENERALIST: 1}
    assert evaluate(s, one).quality <= 25


@SETTINGS
@given(portfolios(min_projects=1, max_projects=4))
def test_half_of_the_demand_scores_about_half_of_the_full_team(s: Scenario) -> None:
    """Specialists at half of every role's demand (rounded) against specialists at all of it
    (rounded up), each with the leads its work needs. Tolerance: the half team scores between
    0.35 and 0.65 of the full team (rounding whole people and resilience move it a little).
    Each project counts ten similar ones, so half of a role's demand is some whole people."""
    s = s.model_copy(update={"projects": [p.model_copy(update={"count": 10}) for p in s.projects]})
    plan = recommend(s, "mature")
    demand = plan.demand.by_role
    assume(all(fte == 0 or fte >= 3 for fte in demand.values()))
    leads: dict[str, int] = {LEAD: plan.allocation[LEAD] + 10}
    full = {role: math.ceil(demand.get(role, 0.0)) for role in ROLES} | leads
    half = {role: round(demand.get(role, 0.0) / 2) for role in ROLES} | leads
    ratio = evaluate(s, half).quality / evaluate(s, full).quality
    assert 0.35 <= ratio <= 0.65


def test_startup_and_mature_staffing_of_a_research_portfolio_differ_visibly() -> None:
    """Research work done by generalists is shallow (depth 0.4): a startup's plan for a
    research-heavy portfolio scores visibly below a mature company's."""
    s = parse_scenario(
        {
            "name": "research lab",
            "company": {"employees": 200, "region": "us"},
            "projects": [
                {"name": f"R{i}", "domain": d, "stage": "research", "scale": "large"}
                for i, d in enumerate(("nlp", "computer_vision", "speech", "generative_ai"))
            ],
        }
    )
    startup, mature = recommend(s, "startup").quality, recommend(s, "mature").quality
    assert mature - startup >= 5
