"""Named alternatives, the plain-words changes and the Trade-offs page's headline."""

from __future__ import annotations

from mlplanner.alternatives import alternatives
from mlplanner.assumptions import Assumptions
from mlplanner.changes import describe_changes, people
from mlplanner.frontier import frontier
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.plan import evaluate, recommend
from mlplanner.scenario import load_scenario
from mlplanner.tradeoffs import budget_steps, flattening_point, headline

FASHION = EXAMPLES_DIR / "fashion_retailer.json"


def test_alternatives_follow_their_rules() -> None:
    scenario = load_scenario(FASHION)
    assumptions = Assumptions.defaults()
    points = frontier(scenario)
    plan = recommend(scenario)
    named = {a.name: a for a in alternatives(points, plan, assumptions)}
    assert list(named) == ["lean", "recommended", "premium", "best_under_budget"]
    lean = named["lean"].point
    floor = assumptions.lean_quality_share * plan.quality
    assert lean.quality >= floor
    assert all(p.quality < floor for p in points if p.annual_cost_usd < lean.annual_cost_usd)
    assert named["recommended"].point.allocation == plan.allocation
    ceiling = plan.annual_cost_usd * (1 + assumptions.premium_extra_cost_share)
    assert named["premium"].point.annual_cost_usd <= ceiling
    assert named["premium"].point.quality >= plan.quality
    budget = scenario.company.annual_budget_usd
    assert budget is not None
    best = named["best_under_budget"].point
    assert best.annual_cost_usd <= budget
    assert all(p.quality <= best.quality for p in points if p.annual_cost_usd <= budget)


def test_changes_say_which_role_and_what_it_costs_in_coverage() -> None:
    scenario = load_scenario(EXAMPLES_DIR / "enterprise_portfolio.json")
    plan = recommend(scenario)
    fewer = dict(plan.allocation, ml_engineer=plan.allocation["ml_engineer"] - 1)
    after = evaluate(scenario, fewer)
    lines = describe_changes(plan, after)
    deployment = after.quality_detail.coverage_by_phase["deployment"]
    assert lines[0] == f"One ML Engineer fewer: deployment coverage drops to {deployment:.0f}%."
    assert lines[-1].startswith("Saves $260k a year; quality 96.8 → ")
    assert describe_changes(plan, plan) == []


def test_people_are_counted_in_words() -> None:
    assert people(1, "data_engineer") == "one Data Engineer"
    assert people(3, "team_lead") == "three ML Team Leads"
    assert people(14, "annotator") == "14 Data Annotators"


def test_headline_states_where_quality_flattens() -> None:
    points = frontier(load_scenario(FASHION))
    flat = flattening_point(points)
    assert flat.quality >= 0.95 * points[-1].quality
    cheaper = [p for p in points if p.annual_cost_usd < flat.annual_cost_usd]
    assert all(p.quality < 0.95 * points[-1].quality for p in cheaper)
    title, subtitle = headline(points)
    assert title == "Quality flattens past $1.48M"
    assert "adds" in subtitle


def test_budget_steps_cover_every_frontier_cost_and_the_budget() -> None:
    points = frontier(load_scenario(FASHION))
    steps = budget_steps(points, 2_500_000)
    assert steps == sorted(set(steps))
    assert {p.annual_cost_usd for p in points} <= set(steps)
    assert 2_500_000 in steps
    assert steps[0] == points[0].annual_cost_usd
    assert steps[-1] == points[-1].annual_cost_usd
