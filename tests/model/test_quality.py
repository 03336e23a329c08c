"""Quality: the four components by hand, their bounds, and coverage that more people never lower."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import evaluate, recommend
from mlplanner.model.quality import COMPONENTS, assess
from mlplanner.model.roles import PHASES, ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import Scenario
from tests.support import strategies
from tests.support.builders import assumptions_with

# The numbers of the quality formula, pinned so the hand computations below hold.
PINNED = assumptions_with(
    generalist_capacity_fte=0.5,
    generalist_depth={
        "data_analyst": 0.8,
        "data_engineer": 0.6,
        "data_scientist": 0.95,
        "research_scientist": 0.4,
        "ml_engineer": 0.6,
        "developer": 0.7,
    },
    quality_weights={"coverage": 0.45, "depth": 0.30, "resilience": 0.10, "coordination": 0.15},
    lead_gap_penalty=0.5,
    handoff_penalty=0.25,
    lead_span=8,
)


def demand_of(**fte_by_role_and_phase: tuple[str, float]) -> tuple[dict[str, float], np.ndarray]:
    """``data_scientist=("modeling", 2.0)`` -> (demand per role, phase x role array)."""
    by_phase_role = np.zeros((len(PHASES), len(SPECIALIST_ROLES)))
    for role, (phase, fte) in fte_by_role_and_phase.items():
        by_phase_role[PHASES.index(phase), SPECIALIST_ROLES.index(role)] = fte
    totals = by_phase_role.sum(axis=0)
    return {role: float(totals[i]) for i, role in enumerate(SPECIALIST_ROLES)}, by_phase_role


def people(**counts: int) -> dict[str, int]:
    return {role: counts.get(role, 0) for role in ROLES}


def test_every_component_by_hand() -> None:
    """Demand: 2.0 FTE data science, 1.0 FTE data engineering; one data scientist and one
    full-stack data scientist (0.5 FTE of specialist work)."""
    demand, by_phase_role = demand_of(
        data_scientist=("modeling", 2.0), data_engineer=("data_pipelines", 1.0)
    )
    quality = assess(
        demand, by_phase_role, people(data_scientist=1, full_stack_data_scientist=1), PINNED
    )
    # Uncovered: 1.0 DS + 1.0 DE; the generalist's 0.5 FTE covers a quarter of each.
    assert quality.generalist_fte["data_scientist"] == pytest.approx(0.25)
    assert quality.generalist_fte["data_engineer"] == pytest.approx(0.25)
    c = quality.components
    assert c["coverage"] == pytest.approx(100 * 1.5 / 3)  # (1 + 0.25 + 0.25) / 3
    assert c["depth"] == pytest.approx(100 * (1 + 0.95 * 0.25 + 0.6 * 0.25) / 1.5)  # 92.5
    assert c["resilience"] == pytest.approx(100 * 2 / 3)  # DS has two able people, DE one
    assert c["coordination"] == pytest.approx(100 * (1 - 0.25 * 1 / 7))  # two kinds of 8
    assert quality.score == pytest.approx(
        0.45 * 50 + 0.30 * 92.5 + 0.10 * 200 / 3 + 0.15 * (100 - 25 / 7)
    )
    assert quality.score == pytest.approx(71.381, abs=1e-3)
    assert quality.coverage_by_role["data_scientist"] == pytest.approx(62.5)
    assert quality.coverage_by_role["data_engineer"] == pytest.approx(25)
    assert quality.coverage_by_role["developer"] == 100  # no demand, nothing missing
    assert quality.coverage_by_phase["modeling"] == pytest.approx(62.5)
    assert quality.coverage_by_phase["data_pipelines"] == pytest.approx(25)
    assert quality.coverage_by_phase["framing"] == 100


def test_an_empty_team_scores_zero() -> None:
    demand, by_phase_role = demand_of(data_scientist=("modeling", 1.0))
    quality = assess(demand, by_phase_role, people(), PINNED)
    assert quality.components == dict.fromkeys(COMPONENTS, 0.0)
    assert quality.score == 0


def test_one_specialist_per_role_covers_everything_at_full_depth_but_not_resiliently() -> None:
    demand, by_phase_role = demand_of(
        data_scientist=("modeling", 1.0), ml_engineer=("deployment", 0.5)
    )
    quality = assess(demand, by_phase_role, people(data_scientist=1, ml_engineer=1), PINNED)
    assert quality.components["coverage"] == pytest.approx(100)
    assert quality.components["depth"] == pytest.approx(100)
    assert quality.components["resilience"] == 0


@pytest.mark.parametrize(
    ("leads", "coordination"), [(0, 50.0), (1, 100 * (1 - 0.5 * 2 / 3)), (3, 100.0)]
)
def test_teams_past_one_group_lose_coordination_without_leads(
    leads: int, coordination: float
) -> None:
    demand, by_phase_role = demand_of(data_scientist=("modeling", 17.0))
    quality = assess(demand, by_phase_role, people(data_scientist=17, team_lead=leads), PINNED)
    # 17 people need 3 teams of up to 8; one kind of person, so no hand-offs.
    assert quality.components["coordination"] == pytest.approx(coordination)


def test_annotators_are_not_covered_by_generalists() -> None:
    demand, by_phase_role = demand_of(annotator=("annotation", 1.0))
    quality = assess(demand, by_phase_role, people(full_stack_data_scientist=3), PINNED)
    assert quality.components["coverage"] == 0


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.allocations())
def test_quality_and_every_component_stay_between_0_and_100(
    s: Scenario, allocation: dict[str, int]
) -> None:
    for evaluation in (
        evaluate(s, allocation),
        *(recommend(s, setup) for setup in ("startup", "scaleup", "mature")),
    ):
        detail = evaluation.quality_detail
        assert 0 <= evaluation.quality <= 100
        for value in (
            *detail.components.values(),
            *detail.coverage_by_role.values(),
            *detail.coverage_by_phase.values(),
        ):
            assert 0 <= value <= 100


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.allocations(), st.sampled_from(ROLES))
def test_adding_a_person_never_lowers_coverage(
    s: Scenario, allocation: dict[str, int], role: str
) -> None:
    before = evaluate(s, allocation).quality_detail
    after = evaluate(s, allocation | {role: allocation[role] + 1}).quality_detail
    assert after.components["coverage"] >= before.components["coverage"]
    assert sum(after.covered_fte.values()) >= sum(before.covered_fte.values())


def test_shipped_weights_make_the_score_the_weighted_sum() -> None:
    demand, by_phase_role = demand_of(data_scientist=("modeling", 2.0))
    a = Assumptions.defaults()
    quality = assess(demand, by_phase_role, people(data_scientist=1), a)
    expected = sum(a.quality_weights[c] * quality.components[c] for c in COMPONENTS)
    assert quality.score == pytest.approx(expected)
