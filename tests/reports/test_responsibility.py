"""The phase x role responsibility matrix: who does each phase's covered work."""

from __future__ import annotations

import math

from hypothesis import given

from mlplanner.examples import example_scenarios
from mlplanner.model.plan import evaluate, recommend
from mlplanner.model.roles import GENERALIST, PHASES, SPECIALIST_ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.reports.responsibility import (
    MATRIX_COLUMNS,
    WORKING_ROLES,
    gaps,
    matrix_frame,
    matrix_headline,
    phase_work,
    working_roles,
)
from tests.support import strategies
from tests.support.builders import project_data, scenario


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.setups)
def test_work_adds_up_to_what_the_quality_model_covers(s: Scenario, setup: str) -> None:
    plan = recommend(s, setup)
    phases = phase_work(plan)
    detail = plan.quality_detail
    assert [p.phase for p in phases] == list(PHASES)
    for p in phases:
        assert p.covered_fte <= p.demand_fte + 1e-9
        assert math.isclose(
            p.demand_fte, float(plan.demand.by_phase_role[PHASES.index(p.phase)].sum())
        )
    for role in SPECIALIST_ROLES:
        specialist = sum(p.work_fte[role] for p in phases)
        expected = detail.covered_fte[role] - detail.generalist_fte[role]
        assert math.isclose(specialist, max(0.0, expected), abs_tol=1e-9)
    generalist = sum(p.work_fte[GENERALIST] for p in phases)
    assert math.isclose(generalist, sum(detail.generalist_fte.values()), abs_tol=1e-9)


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.allocations())
def test_the_responsible_role_does_the_largest_share(
    s: Scenario, allocation: dict[str, int]
) -> None:
    for p in phase_work(evaluate(s, allocation)):
        if p.responsible is None:
            assert p.covered_fte == 0 and p.contributors == ()
            continue
        assert p.work_fte[p.responsible] == max(p.work_fte.values())
        assert p.responsible not in p.contributors
        assert all(p.work_fte[r] > 0 for r in p.contributors)
        assert math.isclose(sum(p.share(r) for r in WORKING_ROLES), 1.0)
        assert p.status(p.responsible) == "responsible"


def test_specialists_carry_their_phases_in_a_mature_enterprise() -> None:
    plan = recommend(example_scenarios()["enterprise_portfolio.json"], "mature")
    responsible = {p.phase: p.responsible for p in phase_work(plan)}
    assert responsible == {
        "framing": "data_scientist",
        "data_pipelines": "data_engineer",
        "data_quality": "data_engineer",
        "annotation": "annotator",
        "modeling": "data_scientist",
        "deployment": "ml_engineer",
        "integration": "developer",
        "measurement": "data_analyst",
    }
    assert gaps(phase_work(plan)) == []


def test_generalists_carry_most_phases_in_a_seed_startup() -> None:
    plan = recommend(example_scenarios()["seed_startup.json"], "startup")
    phases = phase_work(plan)
    carried = [p.phase for p in phases if p.responsible == GENERALIST]
    assert len(carried) == 7
    annotation = next(p for p in phases if p.phase == "annotation")
    assert annotation.responsible == "annotator"
    assert annotation.contributors == (GENERALIST,)
    assert matrix_headline(phases).startswith(
        "Full-Stack Data Scientist is responsible for 7 of 8 phases"
    )


def test_an_empty_team_carries_nothing_and_every_phase_is_a_gap() -> None:
    s = scenario(project_data("Churn"))
    phases = phase_work(evaluate(s, {}))
    assert working_roles(phases) == ()
    assert all(p.responsible is None for p in phases)
    assert {p.phase for p in gaps(phases)} == {p.phase for p in phases if p.demand_fte >= 0.05}
    assert matrix_headline(phases) == "Nobody in this plan carries any phase yet"


def test_ties_read_as_shared_responsibility() -> None:
    plan = recommend(example_scenarios()["fashion_retailer.json"], "mature")
    title = matrix_headline(phase_work(plan))
    assert title.startswith("Data Analyst and Data Engineer are responsible for 2 of 7 phases each")


def test_matrix_frame_lists_working_roles_in_lifecycle_order() -> None:
    plan = recommend(example_scenarios()["fashion_retailer.json"], "startup")
    phases = phase_work(plan)
    frame = matrix_frame(phases)
    assert tuple(frame.columns) == MATRIX_COLUMNS
    roles = working_roles(phases)
    assert list(dict.fromkeys(frame["role"])) == list(roles)
    assert list(dict.fromkeys(frame["phase"])) == list(PHASES)
    assert len(frame) == len(PHASES) * len(roles)
    responsible = frame[frame["status"] == "Responsible"]
    assert len(responsible) == sum(1 for p in phases if p.responsible)
