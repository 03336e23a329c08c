"""What holds quality back: the unit losing the most delivery, the phase and role behind it,
the reasons' parts adding up to what the role's work does not deliver, and the work resting on
one person agreeing with the resilience component; the sentences read right."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given

from mlplanner.examples import example_scenarios
from mlplanner.model.plan import Plan, evaluate, recommend
from mlplanner.model.quality import phase_caps, portfolio, score_heads
from mlplanner.model.roles import ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import Scenario
from mlplanner.reports.quality_limits import DeliveryLimit, quality_limits
from tests.support import strategies
from tests.support.builders import before_additions, project_data, scenario


def fashion(setup: str) -> Plan:
    return recommend(example_scenarios()["fashion_retailer.json"], setup)


def test_generalists_doing_deployment_hold_the_fashion_plan_back() -> None:
    """Reshaped for the rules' cost, before its ML engineer was added."""
    plan = before_additions(fashion("scaleup"))
    limit = quality_limits(plan).delivery
    assert limit is not None
    assert (limit.unit, limit.phase, limit.role, limit.reason) == (
        "Size recommendation",
        "deployment",
        "ml_engineer",
        "depth",
    )
    assert limit.delivery == pytest.approx(plan.quality_detail.delivery_by_unit[limit.unit])
    assert limit.sentence == (
        "The most delivery is lost on Size recommendation, which delivers 54% of its work. "
        "Its deployment phase needs ML Engineer work: full-stack data scientists do 0.6 FTE "
        "of it, at 60% of a specialist's depth; staffed to plan, such work delivers 90%."
    )


def test_a_role_nobody_does_is_named_alone() -> None:
    plan = recommend(example_scenarios()["seed_startup.json"], "mature")
    limit = quality_limits(plan).delivery
    assert limit is not None and limit.reason == "short" and limit.covered_fte == 0
    assert limit.sentence.endswith(
        "Its deployment phase needs ML Engineer work: nobody in the plan does it (0.11 FTE)."
    )


@pytest.mark.parametrize(
    ("example", "past", "ending"),
    [
        (
            "enterprise_portfolio.json",
            False,
            "Its modeling phase needs Data Scientist work: staffed to plan, such work delivers "
            "90% (estimates slip, people are away); the plan covers 7.6 of the 7.8 FTE the "
            "portfolio needs.",
        ),
        (
            "fashion_retailer.json",
            True,
            "Its integration phase needs Backend Developer work: staffed 0.2 FTE past plan, it "
            "delivers 96% (estimates slip, people are away).",
        ),
    ],
)
def test_work_staffed_to_plan_says_why_it_delivers_what_it_does(
    example: str, past: bool, ending: str
) -> None:
    plan = recommend(example_scenarios()[example], "scaleup")
    limit = quality_limits(plan).delivery
    assert limit is not None and limit.reason == "to plan" and (limit.past_fte > 0) == past
    assert limit.sentence.endswith(ending)


def test_a_shortfall_too_small_for_one_decimal_shows_two() -> None:
    plan = before_additions(recommend(example_scenarios()["enterprise_portfolio.json"], "mature"))
    limit = quality_limits(plan).delivery
    assert limit is not None and limit.parts["short"] > 0
    assert "the plan covers 3.00 of the 3.05 FTE the portfolio needs" in limit.sentence


def test_a_generously_staffed_plan_loses_nothing_worth_a_sentence() -> None:
    plan = fashion("mature")
    generous = evaluate(plan.scenario, {role: 4 * n + 4 for role, n in plan.allocation.items()})
    limits = quality_limits(generous)
    assert limits.delivery is None and limits.single_person is None and limits.sentences == []


def test_no_projects_no_limits() -> None:
    plan = recommend(scenario())
    assert not plan.scored
    assert quality_limits(plan).sentences == []
    assert quality_limits(plan).to_dict() == {"delivery": None, "single_person": None}


def test_single_person_work_names_roles_with_fewer_than_two_able() -> None:
    single = quality_limits(fashion("mature")).single_person
    assert single is not None
    assert single.roles == ("data_engineer", "ml_engineer", "developer") and not single.nobody
    assert single.sentence == (
        "Data Engineer, ML Engineer and Backend Developer work (2.5 FTE, 47% of the demand) "
        "has no second person able to do it."
    )


def test_work_nobody_can_do_is_not_said_to_lack_a_second_person() -> None:
    seed = example_scenarios()["seed_startup.json"]
    two_each: dict[str, int] = dict.fromkeys(ROLES, 2)
    alone = two_each | {"data_engineer": 1, "ml_engineer": 0, "developer": 0}
    alone |= {"full_stack_data_scientist": 0}
    single = quality_limits(evaluate(seed, alone, "mature")).single_person
    assert single is not None
    assert single.roles == ("data_engineer", "ml_engineer", "developer")
    assert single.nobody == ("ml_engineer", "developer")
    assert single.sentence == (
        f"Data Engineer work has no second person able to do it, and ML Engineer and Backend "
        f"Developer work nobody ({single.fte:.1f} FTE, {single.share:.0%} of the demand in all)."
    )
    nobody = quality_limits(evaluate(seed, alone | {"data_engineer": 0}, "mature")).single_person
    assert nobody is not None and nobody.nobody == nobody.roles
    assert nobody.sentence.endswith("of the demand) has nobody able to do it.")


def test_names_are_the_users_text_as_given() -> None:
    hostile = scenario(project_data("[x](http://evil.example) **b**", stage="production"))
    limit = quality_limits(recommend(hostile, "startup")).delivery
    assert limit is not None and limit.unit == "[x](http://evil.example) **b**"


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.allocations())
def test_limits_agree_with_the_score(scenario: Scenario, allocation: dict[str, int]) -> None:
    plan = evaluate(scenario, allocation)
    limits = quality_limits(plan)
    if not plan.scored:
        assert limits.sentences == []
        return
    a = plan.assumptions
    work = portfolio(plan.demand, a)
    scored = score_heads(work, [plan.allocation[role] for role in ROLES], a)
    delivered = np.array([[float(d) for d in roles] for roles in scored.delivered])
    # Each unit delivers the smaller of its average and its phases' caps, at its depth need.
    caps = phase_caps(work, delivered).min(axis=1)
    average = np.einsum("ur,ur->u", work.average, delivered[work.depth_class])
    expected = np.minimum(average, caps)
    assert np.allclose(np.asarray(scored.units, dtype=float), expected, atol=1e-12)
    # The work resting on one person is what resilience counts against.
    single = limits.single_person
    share = 0.0 if single is None else single.share
    assert share == pytest.approx(1 - plan.quality_components["resilience"] / 100, abs=1e-9)
    limit = limits.delivery
    if limit is None:
        assert min(plan.quality_detail.delivery_by_unit.values()) >= 99.5
        return
    # The unit losing the most delivery (by position: two projects may share a name), and its
    # parts adding up to what the role misses.
    lost = work.weight * (1 - np.asarray(scored.units, dtype=float))
    unit = int(np.argmax(lost))
    assert limit.unit == work.names[unit]
    assert limit.points == pytest.approx(100 * lost[unit])
    i = SPECIALIST_ROLES.index(limit.role)
    missing = 1 - float(delivered[work.depth_class[unit], i])
    assert math.fsum(limit.parts.values()) == pytest.approx(missing, abs=1e-12)
    assert all(part >= -1e-12 for part in limit.parts.values())


def test_work_nobody_does_reads_in_sensible_figures() -> None:
    limit = DeliveryLimit(
        unit="Big model",
        delivery=0.0,
        points=40.0,
        phase="deployment",
        role="ml_engineer",
        parts={"short": 0.9, "depth": 0.0, "to plan": 0.1},
        covered_fte=0.0,
        demand_fte=123.456,
        generalist_fte=0.0,
        depth=0.6,
        planned=0.9,
        past_fte=0.0,
    )
    assert limit.sentence.endswith(
        "Its deployment phase needs ML Engineer work: nobody in the plan does it (123.5 FTE)."
    )


@pytest.mark.parametrize(
    ("fields", "depth", "where"),
    [
        ({"scale": "small"}, "80%", " in batch-scored production work;"),
        ({"scale": "small", "stage": "prototype"}, "80%", " in prototype work;"),
        ({"scale": "small", "deployment": "online"}, "70%", " in small online production work;"),
        ({"scale": "medium", "deployment": "online"}, "60%", ";"),
    ],
)
def test_generalists_depth_is_said_with_the_kind_of_work_feeling_less_of_the_gap(
    fields: dict[str, str], depth: str, where: str
) -> None:
    """Two full-stack data scientists on one model: their data engineering counts 80% of a
    specialist's where the work feels half of the gap, 70% where it feels three quarters,
    60% where it feels all of it (and the sentence names no kind of work)."""
    s = scenario(project_data("Churn", **fields), employees=30)
    limit = quality_limits(evaluate(s, {"full_stack_data_scientist": 2}, "startup")).delivery
    assert limit is not None and limit.role == "data_engineer"
    assert f"at {depth} of a specialist's depth{where}" in limit.sentence
