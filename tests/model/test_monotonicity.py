"""Harder never cheaper: more or harder work never lowers the rules' headcount or cost.

The setup's rules (:func:`~mlplanner.model.staffing.staff`) size the team; the recommended
plan is that plan reshaped for no more than its cost (``mlplanner/model/shaping.py``). The
**rules' sizing** is monotone, and these properties check it (``plan.shaping.rules_plan`` and
``rules_cost_usd``) over generated scenarios and every setup (the setup is fixed, so a larger
company stays in the same setup): one project more, a count one higher, a larger scale,
prototype to production, less ready data, batch to online deployment, more employees. Growing
a count one at a time never removes anyone from any role of the rules' plan; it adds one lead
per team of new people (one more where the step takes the team past the first lead), so at
most one for a step of up to ``lead_span - lead_from_contributors + 1`` people, and one person
more never adds two. No demand is lost to rounding: every FTE is carried by someone or
reported uncovered, in the rules' plan and in the recommended one.

**The recommended plan is not monotone in cost.** Harder work can make a cheaper shape the
best one for the rules' budget. One NLP model scored in batch, in a one-person startup,
partly ready data: the rules' four full-stack data scientists ($903k a year, quality 74.0)
are also the best shape; raw data: the rules still give four ($903k, 63.7), but one data
engineer instead of one of them scores 67.6 for $874k, so the harder project gets the
cheaper plan
(:func:`test_the_recommended_plan_is_not_monotone_in_cost`). What holds of the recommended
plan instead (it never costs more than the rules' plan, never scores lower, and no move within
the setup's space does better) is in ``tests/model/test_shaping.py``.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.checks import MIN_REPORTED_FTE
from mlplanner.model.plan import Plan, evaluate, recommend
from mlplanner.model.roles import GENERALIST, HEAD, LEAD, ROLES, SPECIALIST_ROLES, role_label
from mlplanner.model.scenario import SETUPS, parse_scenario
from mlplanner.model.shaping import Shaping
from mlplanner.model.staffing import individual_contributors, managers
from tests.support.strategies import ENGINE_SETTINGS, project_data, scenario_data

# Each pair: an attribute value and a harder one.
HARDER: dict[str, list[tuple[str, str]]] = {
    "scale": [("small", "medium"), ("medium", "large")],
    "stage": [("prototype", "production")],
    "data_readiness": [("ready", "partial"), ("partial", "raw")],
    "deployment": [("batch", "online")],
}


def _plan(data: dict[str, Any], setup: str) -> Plan:
    return recommend(parse_scenario(data), setup=setup)


def _rules(plan: Plan) -> Shaping:
    """How the rules sized the plan (before the shaping)."""
    assert plan.shaping is not None
    return plan.shaping


def _no_easier(before: Plan, after: Plan) -> None:
    easy, hard = _rules(before), _rules(after)
    assert sum(hard.rules_plan.values()) >= sum(easy.rules_plan.values())
    assert hard.rules_cost_usd >= easy.rules_cost_usd


def _with_project(data: dict[str, Any], index: int, **changes: Any) -> dict[str, Any]:
    projects = [dict(p) for p in data["projects"]]
    projects[index].update(changes)
    return {**data, "projects": projects}


setups = st.sampled_from(SETUPS)


@ENGINE_SETTINGS
@given(scenario_data(max_projects=4), project_data(), setups)
def test_a_project_more_never_lowers_headcount_or_cost(
    data: dict[str, Any], extra: dict[str, Any], setup: str
) -> None:
    more = {**data, "projects": [*data["projects"], extra]}
    _no_easier(_plan(data, setup), _plan(more, setup))


@ENGINE_SETTINGS
@given(scenario_data(min_projects=1, max_projects=4), st.data(), setups)
def test_harder_attributes_never_lower_headcount_or_cost(
    data: dict[str, Any], draw: st.DataObject, setup: str
) -> None:
    index = draw.draw(st.integers(0, len(data["projects"]) - 1))
    attribute = draw.draw(st.sampled_from(sorted(HARDER)))
    easy, hard = draw.draw(st.sampled_from(HARDER[attribute]))
    before = _plan(_with_project(data, index, **{attribute: easy}), setup)
    after = _plan(_with_project(data, index, **{attribute: hard}), setup)
    _no_easier(before, after)


@ENGINE_SETTINGS
@given(scenario_data(max_projects=4), st.integers(1, 5_000), setups)
def test_more_employees_never_lower_headcount_or_cost(
    data: dict[str, Any], more: int, setup: str
) -> None:
    employees = data["company"]["employees"]
    larger = {
        **data,
        "company": {**data["company"], "employees": min(10_000_000, employees + more)},
    }
    _no_easier(_plan(data, setup), _plan(larger, setup))


@ENGINE_SETTINGS
@given(scenario_data(min_projects=1, max_projects=3), st.data(), setups)
def test_counting_up_never_removes_anyone_and_adds_leads_by_span(
    data: dict[str, Any], draw: st.DataObject, setup: str
) -> None:
    index = draw.draw(st.integers(0, len(data["projects"]) - 1))
    span = Assumptions.defaults().lead_span
    first = Assumptions.defaults().lead_from_contributors
    previous = _plan(_with_project(data, index, count=1), setup)
    for count in range(2, 7):
        plan = _plan(_with_project(data, index, count=count), setup)
        now, before = _rules(plan), _rules(previous)
        for role in ROLES:
            assert now.rules_plan[role] >= before.rules_plan[role], (role, count)
        assert now.rules_cost_usd >= before.rules_cost_usd
        assert plan.staffing is not None and previous.staffing is not None
        added = individual_contributors(plan.staffing.needed) - individual_contributors(
            previous.staffing.needed
        )
        leads = plan.staffing.needed[LEAD] - previous.staffing.needed[LEAD]
        first_lead = 1 if previous.staffing.needed[LEAD] == 0 else 0
        assert leads <= math.ceil(added / span) + first_lead, (count, added, leads)
        if added <= span - first + 1:  # a step of up to one team's worth: one lead at most
            assert leads <= 1, (count, added, leads)
        previous = plan


@ENGINE_SETTINGS
@given(scenario_data(max_projects=4), setups)
def test_no_demand_is_lost_to_rounding(data: dict[str, Any], setup: str) -> None:
    """The rules' plan carries every FTE or reports it uncovered (``Staffing.uncovered_fte``);
    the recommended plan names every role with work left uncovered in its messages."""
    plan = _plan(data, setup)
    assert plan.staffing is not None
    as_the_rules = evaluate(plan.scenario, _rules(plan).rules_plan, setup)
    covered = sum(as_the_rules.quality_detail.covered_fte.values())
    reported = sum(plan.staffing.uncovered_fte.values())
    assert covered + reported >= plan.demand.total - 1e-6
    for role in SPECIALIST_ROLES:
        left = plan.demand.by_role[role] - plan.quality_detail.covered_fte[role]
        if left >= MIN_REPORTED_FTE:
            assert any(f"FTE of {role_label(role)} work" in m for m in plan.messages), role


def _nlp(readiness: str) -> Plan:
    project = {"name": "Tickets", "domain": "nlp", "data_readiness": readiness}
    return _plan(
        {
            "name": "One NLP model",
            "company": {"employees": 1, "region": "us"},
            "projects": [project],
        },
        "startup",
    )


def test_the_recommended_plan_is_not_monotone_in_cost() -> None:
    """The module docstring's example: less ready data, the same rules' plan, a cheaper
    recommended plan."""
    partial, raw = _nlp("partial"), _nlp("raw")
    four = {role: (4 if role == GENERALIST else 0) for role in ROLES}
    assert _rules(partial).rules_plan == _rules(raw).rules_plan == partial.allocation == four
    assert _rules(partial).rules_cost_usd == _rules(raw).rules_cost_usd == 902_880
    assert round(partial.quality, 1) == 74.0
    assert round(_rules(raw).rules_quality, 1) == 63.7
    assert raw.allocation == {**four, GENERALIST: 3, "data_engineer": 1}
    assert (raw.annual_cost_usd, round(raw.quality, 1)) == (874_260, 67.6)
    assert raw.annual_cost_usd < partial.annual_cost_usd


def test_management_counts_grow_one_at_a_time() -> None:
    a = Assumptions.defaults()
    counts = [managers(n, a.lead_from_contributors, a.lead_span) for n in range(0, 200)]
    assert counts[: a.lead_from_contributors] == [0] * a.lead_from_contributors
    steps = [later - earlier for earlier, later in itertools.pairwise(counts)]
    assert all(0 <= step <= 1 for step in steps)
    assert managers(2 * a.lead_span + a.lead_from_contributors, a.lead_from_contributors, 8) == 3


def test_a_head_of_data_comes_with_several_teams() -> None:
    a = Assumptions.defaults()
    small = recommend(
        parse_scenario(
            {
                "name": "One team",
                "company": {"employees": 400, "setup": "mature"},
                "projects": [{"name": "Churn", "domain": "tabular", "count": 2}],
            }
        )
    )
    assert small.allocation[HEAD] == 0
    big = recommend(
        parse_scenario(
            {
                "name": "Several teams",
                "company": {"employees": 4000, "setup": "mature"},
                "projects": [{"name": "Recs", "domain": "recommender", "count": 20}],
            }
        )
    )
    assert big.allocation[LEAD] >= a.head_from_leads
    assert big.allocation[HEAD] >= 1
    assert "team leads" in big.explanations[HEAD].rule
