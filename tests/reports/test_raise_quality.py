"""What would raise quality most: the greedy walk of one more person at a time, as its
definition says, with ``evaluate`` scoring every candidate; the suggestions read right."""

from __future__ import annotations

from hypothesis import given

from mlplanner.examples import example_scenarios
from mlplanner.model.plan import Evaluation, evaluate, recommend
from mlplanner.model.quality import SHOWN_POINTS
from mlplanner.model.roles import GENERALIST, HEAD, LEAD, ROLES, role_label
from mlplanner.model.scenario import SETUPS, Scenario
from mlplanner.model.setup_space import hires
from mlplanner.model.staffing import leads_called, managers
from mlplanner.model.wording import format_usd
from mlplanner.reports.raise_quality import _walk, raise_quality, style_note
from tests.support import builders, strategies
from tests.support.builders import before_additions, project_data


def with_head(plan: Evaluation, role: str) -> dict[str, int]:
    """``plan``'s allocation with one more ``role``; a lead more that takes the leads to
    another head (``managers`` from ``head_from_leads`` leads on) brings that head."""
    allocation = plan.allocation | {role: plan.allocation[role] + 1}
    first, span = plan.assumptions.head_from_leads, plan.assumptions.lead_span
    before, after = (managers(n, first, span) for n in (plan.allocation[LEAD], allocation[LEAD]))
    if after > before:
        allocation[HEAD] = max(allocation[HEAD], after)
    return allocation


def walked(plan: Evaluation, count: int) -> list[tuple[str, int, float, float]]:
    """The walk by its definition: every role but heads that the plan's setup hires tried with
    ``evaluate`` (a lead, with the head it calls for, only where the contributors call for a
    lead more), the largest gain kept (ties: the cheaper), until no person gains
    ``SHOWN_POINTS``."""
    steps: list[tuple[str, int, float, float]] = []
    current = plan
    for _ in range(count if plan.scored else 0):
        tried = []
        for role in ROLES:
            if role == HEAD or not hires(plan.setup, role, plan.assumptions):
                continue
            called = leads_called(current.allocation, current.assumptions)
            if role == LEAD and current.allocation[LEAD] >= called:
                continue
            after = evaluate(
                current.scenario, with_head(current, role), current.setup, current.assumptions
            )
            gain = after.quality - current.quality
            if gain >= SHOWN_POINTS:
                tried.append(
                    (gain, -(after.annual_cost_usd - current.annual_cost_usd), role, after)
                )
        if not tried:
            break
        gain, minus_paid, role, after = max(tried, key=lambda t: (t[0], t[1]))
        steps.append((role, -minus_paid, gain, after.quality))
        current = after
    return steps


def shown(plan: Evaluation, count: int) -> list[tuple[str, int, float, float]]:
    """The walk's people one by one, before two are put together as a pair."""
    return [(s.role, s.annual_cost_usd, s.points, s.quality_after) for s in _walk(plan, count)[0]]


def test_every_example_under_every_setup_walks_as_defined() -> None:
    for scenario in example_scenarios().values():
        for setup in SETUPS:
            assert shown(recommend(scenario, setup), 5) == walked(recommend(scenario, setup), 5)


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.setups, strategies.allocations())
def test_any_plan_walks_as_defined_to_the_bit(
    scenario: Scenario, setup: str, allocation: dict[str, int]
) -> None:
    """Scored all at once, the candidates give exactly ``evaluate``'s figures: the same people
    suggested, with the same cost, points and quality after."""
    assert shown(recommend(scenario, setup), 3) == walked(recommend(scenario, setup), 3)
    evaluation = evaluate(scenario, allocation, setup)
    assert shown(evaluation, 3) == walked(evaluation, 3)


def test_a_third_lead_brings_the_head_it_calls_for_and_costs_it() -> None:
    """Three leads call for a Head of Data & ML: suggesting the third without the head
    understated its cost by the head's salary."""
    scenario = example_scenarios()["enterprise_portfolio.json"]
    plan = recommend(scenario, "scaleup")
    two_leads = evaluate(scenario, plan.allocation | {LEAD: 2, HEAD: 0}, "scaleup")
    third, fourth = raise_quality(two_leads, 2)
    assert (third.role, third.heads) == (LEAD, 1)
    staffed = evaluate(scenario, two_leads.allocation | {LEAD: 3, HEAD: 1}, "scaleup")
    assert third.annual_cost_usd == staffed.annual_cost_usd - two_leads.annual_cost_usd
    assert third.to_dict()["heads_added"] == 1
    assert third.sentence().startswith(
        "One more ML Team Lead, with one Head of Data & ML the leads then call for ("
    )
    assert fourth.heads == 0  # four leads call for the one head the third brought


def test_a_suggestion_names_the_person_cost_points_and_project() -> None:
    plan = recommend(example_scenarios()["fashion_retailer.json"])
    [first, *_] = raise_quality(plan)
    sentence = first.sentence()
    assert sentence.startswith(f"One more {role_label(first.role)} (")
    assert f"+{first.points:.1f} points" in sentence
    assert first.project is None or f"mostly {first.project}" in sentence


# A mature company of 40 (generated scenario 128 of bench/scenario_family.py): two speech
# research models and a production churn model; reshaped for the rules' cost, one more
# full-stack data scientist would gain it the most points (+21.0), but a mature company plans
# a specialist for every role: one more data scientist (+11.5), worth their cost, so the
# recommended plan has them.
MATURE_40 = Scenario.model_validate(
    {
        "name": "Mature, 40 people",
        "company": {
            "employees": 40,
            "setup": "mature",
            "region": "gb",
            "existing_team": {"annotator": 4},
        },
        "projects": [
            {
                "name": "Speech research",
                "domain": "speech",
                "scale": "medium",
                "stage": "research",
                "data_readiness": "partial",
                "annotation": "outsourced",
                "deployment": "batch",
                "lifecycle": "run",
                "count": 2,
            },
            {
                "name": "Churn model",
                "domain": "tabular",
                "scale": "medium",
                "stage": "production",
                "data_readiness": "raw",
                "annotation": "none",
                "deployment": "online",
                "lifecycle": "run",
                "priority": 1,
            },
        ],
    }
)


def test_a_mature_company_is_told_to_hire_specialists_not_a_generalist() -> None:
    plan = recommend(MATURE_40)
    assert plan.shaping is not None
    assert [a.person.added for a in plan.shaping.additions] == [{"data_scientist": 1}]
    assert GENERALIST not in [s.role for s in raise_quality(plan)]
    suggested = raise_quality(before_additions(plan))
    assert GENERALIST not in [s.role for s in suggested]
    assert suggested[0].role == "data_scientist" and round(suggested[0].points, 1) == 11.5


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.setups)
def test_suggestions_follow_the_setups_staffing_style(scenario: Scenario, setup: str) -> None:
    plan = recommend(scenario, setup)
    for suggestion in raise_quality(plan):
        assert hires(plan.setup, suggestion.role, plan.assumptions), suggestion


def test_a_specialist_beyond_a_startups_style_is_named_so() -> None:
    """Read as a head of ML would: a 40-person health-tech's startup plan for an X-ray model
    served online was told "one more ML Engineer: +24.4 points" for $163k within its budget,
    a person its plans can never have (a startup's generalists carry up to
    ``absorb_below_fte`` of each role). The suggestion stays (it is what buys most) and says
    it is beyond the startup's staffing style; the scaleup plan of the same company has one."""
    s = builders.scenario(
        project_data(
            "X-ray triage",
            "computer_vision",
            data_readiness="raw",
            annotation="in_house",
            deployment="online",
            priority=5,
        ),
        employees=40,
        existing={"data_scientist": 1},
        region="de",
    )
    plan = recommend(s)
    assert plan.setup == "startup" and plan.allocation["ml_engineer"] == 0
    [first, *_] = suggested = raise_quality(plan)
    assert first.role == "ml_engineer" and first.beyond_setup and first.to_dict()["beyond_setup"]
    assert first.sentence().endswith(", beyond a startup's staffing style.")
    note = style_note(suggested, plan)
    assert note is not None and "past 1 FTE of a role" in note
    assert recommend(s, "scaleup").allocation["ml_engineer"] >= 1
    # A person the setup's plans can have is not marked, nor any under another setup.
    assert all(not x.beyond_setup for x in raise_quality(recommend(s, "scaleup")))
    seed = example_scenarios()["seed_startup.json"]
    annotator = [x for x in raise_quality(recommend(seed)) if x.role == "annotator"]
    assert annotator and not annotator[0].beyond_setup
    assert style_note([], plan) is None


def test_a_lead_is_suggested_only_where_the_contributors_call_for_one() -> None:
    """A review's Spanish logistics company (ETA model, route-optimisation and OCR prototypes)
    on a tight budget: five people, told "One more ML Team Lead: +8.3 points" first, which
    the score gives for the teams the whole portfolio's work needs, while the staffing rule
    plans no lead below eight contributors. A lead is suggested now only once the people
    suggested before it make eight; with twelve contributors and no lead, at once."""
    s = builders.scenario(
        project_data("ETA prediction", "tabular", deployment="online", priority=5),
        project_data("Route optimisation", "reinforcement_learning", stage="prototype"),
        project_data(
            "Invoice OCR", "computer_vision", stage="prototype", annotation="in_house", priority=2
        ),
        employees=200,
        region="es",
    )
    five = {"data_analyst": 1, "data_engineer": 1, "ml_engineer": 1, GENERALIST: 2}
    small = evaluate(s, five)
    gains = {
        role: evaluate(s, five | {role: five.get(role, 0) + 1}).quality - small.quality
        for role in ROLES
        if role != HEAD
    }
    assert max(gains, key=lambda role: gains[role]) == LEAD  # what the score alone suggests
    walk = [x.role for x in _walk(small, 5)[0]]
    # the lead comes only once the people suggested before it make eight contributors
    assert walk.index(LEAD) == 4 and sum(r != "annotator" for r in walk[:4]) + 5 == 8
    twelve = five | {"data_scientist": 4, "developer": 2, "data_engineer": 2}
    assert raise_quality(evaluate(s, twelve), 1)[0].role == LEAD


def test_two_people_who_complement_each_other_are_one_suggestion() -> None:
    """The walk's second person gaining more than its first makes them a pair: a review's SaaS
    assistant read "One more ML Engineer: +2.4 points" above "One more Data Engineer: +22.7",
    when neither buys much alone and both together 25.1."""
    plan = recommend(builders.saas_assistant())
    walk, _ = _walk(plan, 3)
    assert [s.role for s in walk[:2]] == ["ml_engineer", "data_engineer"]
    assert walk[1].points > 9 * walk[0].points
    pair, *rest = raise_quality(plan)
    assert (pair.role, pair.partner) == ("ml_engineer", "data_engineer")
    assert pair.annual_cost_usd == walk[0].annual_cost_usd + walk[1].annual_cost_usd
    assert pair.points == walk[1].quality_after - plan.quality
    assert pair.quality_after == walk[1].quality_after and pair.alone == walk[0].points
    assert pair.to_dict()["partner"] == "data_engineer"
    assert pair.to_dict()["alone"] == round(walk[0].points, 2)
    assert all(s.to_dict()["alone"] is None for s in rest)
    assert pair.sentence().startswith(
        f"One more ML Engineer and one more Data Engineer ({format_usd(pair.annual_cost_usd)} "
        f"a year): +{pair.points:.1f} points, mostly Support assistant (RAG)"
    )
    assert pair.sentence().endswith(f"; neither alone buys more than {walk[0].points:.1f}.")
    assert [s.role for s in rest] == [s.role for s in walk[2:]]  # the third stays alone


@strategies.ENGINE_SETTINGS
@given(strategies.scenarios(), strategies.setups)
def test_suggestions_are_the_walk_with_complements_paired(scenario: Scenario, setup: str) -> None:
    """The suggestions hold the walk's people in its order; two make a pair exactly where the
    second gains more than the first, and the pair's points are theirs together."""
    plan = recommend(scenario, setup)
    walk, _ = _walk(plan, 3)
    suggestions = raise_quality(plan)
    people = [r for s in suggestions for r in (s.role, s.partner) if r is not None]
    assert people == [s.role for s in walk]
    i = 0
    for s in suggestions:
        if s.partner is None:
            assert i + 1 >= len(walk) or walk[i + 1].points <= walk[i].points
            i += 1
        else:
            assert walk[i + 1].points > walk[i].points
            assert abs(s.points - (walk[i].points + walk[i + 1].points)) < 1e-9
            i += 2
