"""Named alternatives, the plain-words changes and the Trade-offs page's headline."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import compute_demand
from mlplanner.model.plan import evaluate, recommend
from mlplanner.model.quality import COVERABLE
from mlplanner.model.roles import ROLES
from mlplanner.model.scenario import load_scenario, parse_scenario
from mlplanner.model.setup_space import STEP_FTE, STEPS
from mlplanner.model.wording import format_usd, people
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.reports.changes import describe_changes
from mlplanner.reports.tradeoffs import (
    budget_labels,
    budget_steps,
    flattening_point,
    headline,
    scenario_step_note,
    scores_nothing,
    search_help,
    step_note,
)
from mlplanner.search.alternatives import alternatives, as_point, no_premium_note
from mlplanner.search.frontier import FrontierPoint, frontier, frontier_step
from tests.support.builders import assumptions_with, large_team_data

FASHION = EXAMPLES_DIR / "fashion_retailer.json"


def test_alternatives_follow_their_rules() -> None:
    scenario = load_scenario(FASHION)
    assumptions = Assumptions.defaults()
    points = frontier(scenario)
    plan = recommend(scenario)
    named = {a.name: a for a in alternatives(points, plan, assumptions)}
    # A data engineer instead of a third generalist is better and no dearer: the premium plan.
    ceiling = plan.annual_cost_usd * (1 + assumptions.premium_extra_cost_share)
    assert list(named) == ["lean", "recommended", "premium", "best_under_budget"]
    premium = named["premium"].point
    assert premium.annual_cost_usd <= ceiling
    assert premium.quality >= plan.quality + assumptions.premium_min_gain
    lean = named["lean"].point
    floor = assumptions.lean_quality_share * plan.quality
    assert lean.quality >= floor
    assert all(p.quality < floor for p in points if p.annual_cost_usd < lean.annual_cost_usd)
    assert named["recommended"].point.allocation == plan.allocation
    budget = scenario.company.annual_budget_usd
    assert budget is not None
    best = named["best_under_budget"].point
    assert best.annual_cost_usd <= budget
    assert all(p.quality <= best.quality for p in points if p.annual_cost_usd <= budget)


def test_premium_is_the_cheapest_plan_near_the_best_for_the_extra_cost() -> None:
    """The enterprise portfolio's startup frontier climbs past its recommended plan in small
    steps: the premium plan is the cheapest near the best plan within the extra cost."""
    scenario = load_scenario(EXAMPLES_DIR / "enterprise_portfolio.json")
    assumptions = Assumptions.defaults()
    points = frontier(scenario, "startup")
    plan = recommend(scenario, "startup")
    premium = {a.name: a for a in alternatives(points, plan, assumptions)}["premium"].point
    ceiling = plan.annual_cost_usd * (1 + assumptions.premium_extra_cost_share)
    gain = assumptions.premium_min_gain
    best_in_range = max(p.quality for p in points if p.annual_cost_usd <= ceiling)
    assert premium.annual_cost_usd <= ceiling
    assert premium.quality >= max(best_in_range - gain, plan.quality + gain)
    cheaper = [p for p in points if p.annual_cost_usd < premium.annual_cost_usd]
    assert all(p.quality < best_in_range - gain for p in cheaper)


def test_no_premium_plan_where_nothing_in_the_range_beats_the_recommended_one() -> None:
    """The seed startup's recommended plan is the dearest plan of its setup's frontier."""
    scenario = load_scenario(EXAMPLES_DIR / "seed_startup.json")
    assumptions = Assumptions.defaults()
    points = frontier(scenario)
    plan = recommend(scenario)
    ceiling = plan.annual_cost_usd * (1 + assumptions.premium_extra_cost_share)
    in_range = [p for p in points if p.annual_cost_usd <= ceiling]
    assert all(p.quality < plan.quality + assumptions.premium_min_gain for p in in_range)
    assert "premium" not in {a.name for a in alternatives(points, plan, assumptions)}


def test_premium_does_not_pay_for_gains_too_small_to_show() -> None:
    """Where quality flattens out, the best plan within the extra cost may add almost nothing
    for a lot of money: the premium plan is the cheapest that comes close to it, and there is
    none when nothing in the range beats the recommended plan by the minimum gain."""
    scenario = load_scenario(FASHION)
    assumptions = Assumptions.defaults()
    plan = recommend(scenario)
    gain = assumptions.premium_min_gain

    def point(extra_cost: int, extra_quality: float) -> FrontierPoint:
        return replace(
            as_point(plan),
            annual_cost_usd=plan.annual_cost_usd + extra_cost,
            quality=plan.quality + extra_quality,
        )

    flattening = [point(0, 0.0), point(10_000, 2.0), point(20_000, 2.0 + gain / 2)]
    named = {a.name: a for a in alternatives(flattening, plan, assumptions)}
    assert named["premium"].point == flattening[1]
    assert "gains under 0.1 quality points" in named["premium"].rule
    flat = [point(0, 0.0), point(10_000, gain / 2)]
    assert "premium" not in {a.name for a in alternatives(flat, plan, assumptions)}
    assert no_premium_note(assumptions) == (
        "No premium plan: nothing costing up to 15% more than the recommended plan beats it "
        "by 0.1 quality points or more."
    )


def test_budget_labels_read_as_money_and_never_twice_the_same() -> None:
    steps = [1_000_000, 2_497_000, 2_000_000, 2_502_950, 2_503_100, 3_000_000]
    labels = budget_labels(steps)
    assert labels[1_000_000] == "$1.00M" and labels[3_000_000] == "$3.00M"
    assert labels[2_497_000] == "$2,497k"
    assert labels[2_502_950] == "$2,502,950" and labels[2_503_100] == "$2,503,100"
    assert len(set(labels.values())) == len(steps)
    points = frontier(load_scenario(FASHION))
    fashion = budget_labels(budget_steps(points, 2_000_000))
    assert len(set(fashion.values())) == len(fashion)


def test_changes_say_what_differs_and_by_how_much() -> None:
    scenario = load_scenario(EXAMPLES_DIR / "enterprise_portfolio.json")
    plan = recommend(scenario)
    fewer = dict(plan.allocation, ml_engineer=plan.allocation["ml_engineer"] - 1)
    after = evaluate(scenario, fewer)
    lines = describe_changes(plan, after)
    assert lines[0] == "One ML Engineer fewer."
    loss = plan.quality - after.quality
    delivery = after.quality_components["delivery"] - plan.quality_components["delivery"]
    assert lines[1].startswith(
        f"Saves $260k a year and scores {loss:.1f} points less "
        f"(quality {plan.quality:.1f} → {after.quality:.1f}); delivery {delivery:+.1f}"
    )
    deployment = [plan, after]
    before_cov, after_cov = (e.quality_detail.coverage_by_phase["deployment"] for e in deployment)
    assert f"deployment {before_cov:.0f}% → {after_cov:.0f}%" in lines[2]
    assert lines[2].startswith("Coverage by phase: ")
    assert describe_changes(plan, plan) == []


def test_no_role_is_named_as_the_cause_of_a_drop_when_several_change() -> None:
    """The fashion retailer's mature plan swaps two generalists for two specialists (the
    startup plan already has its data engineer): the sentences list the swap, then compare
    the plans, and never tie a move to one role."""
    scenario = load_scenario(FASHION)
    startup, mature = recommend(scenario, "startup"), recommend(scenario, "mature")
    lines = describe_changes(startup, mature)
    assert lines[0] == (
        "One ML Engineer more, one Backend Developer more and two Full-Stack Data Scientists fewer."
    )
    gain = mature.quality - startup.quality
    extra = format_usd(mature.annual_cost_usd - startup.annual_cost_usd)
    assert extra == "$56k"
    assert lines[1].startswith(f"Costs {extra} more a year and scores {gain:.1f} points more")
    text = " ".join(lines)
    assert "drops" not in text and "rises" not in text
    assert not any(line.startswith(("One Data Engineer more:", "one")) for line in lines)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 3), st.sampled_from(ROLES))
def test_adding_people_never_reads_as_a_quality_loss(extra: int, role: str) -> None:
    scenario = load_scenario(FASHION)
    plan = recommend(scenario)
    more = evaluate(scenario, dict(plan.allocation, **{role: plan.allocation[role] + extra}))
    lines = describe_changes(plan, more)
    assert (lines == []) == (extra == 0)
    assert not any("points less" in line for line in lines)


def test_headline_states_the_cheapest_plan_near_the_best_quality() -> None:
    """It names the share of the best quality that plan reaches, not a flattening: a review's
    telco read "Quality flattens past $4.54M" where the last $120k bought 3.4 points."""
    points = frontier(load_scenario(FASHION))
    flat = flattening_point(points)
    assert flat.quality >= 0.95 * points[-1].quality
    cheaper = [p for p in points if p.annual_cost_usd < flat.annual_cost_usd]
    assert all(p.quality < 0.95 * points[-1].quality for p in cheaper)
    title, subtitle = headline(points)
    share = int(100 * flat.quality / points[-1].quality)
    assert title == f"{share}% of the best quality for $1.73M"
    assert 95 <= share <= 100
    assert subtitle == (
        f"$1.73M buys quality {flat.quality:.1f}; the best plan, "
        f"{format_usd(points[-1].annual_cost_usd)}, adds "
        f"{points[-1].quality - flat.quality:.1f} points more."
    )


def test_budget_steps_cover_every_frontier_cost_and_the_budget() -> None:
    """The fashion retailer's frontier runs from $0.83M to $1.96M: a budget inside it is a
    step of its own; so is one past the dearest plan or below the cheapest."""
    points = frontier(load_scenario(FASHION))
    steps = budget_steps(points, 1_800_000)
    assert steps == sorted(set(steps))
    assert {p.annual_cost_usd for p in points} <= set(steps)
    assert 1_800_000 in steps
    assert steps[0] == points[0].annual_cost_usd
    assert steps[-1] == points[-1].annual_cost_usd
    # Even steps never read like a plan's cost: the dearest plan's end reads $1.96M, not $1,960k.
    labels = budget_labels(steps)
    assert labels[steps[-1]] == format_usd(steps[-1]) == "$1.96M"
    exact = {p.annual_cost_usd for p in points} | {1_800_000}
    assert all(format_usd(s) not in {format_usd(e) for e in exact} for s in set(steps) - exact)
    # A budget outside the frontier's costs is a step too: the slider starts at it
    past, short = budget_steps(points, 2_500_000), budget_steps(points, 500_000)
    assert past[-1] == 2_500_000 and past[-2] == points[-1].annual_cost_usd
    assert short[0] == 500_000 and short[1] == points[0].annual_cost_usd


def test_step_note_gives_the_demand_and_the_step_only_for_a_stepped_search() -> None:
    assert step_note(58.0, 1) is None
    assert step_note(2672.44, 45) == (
        "This team has 2,672.4 FTE of demand (annotation aside): the search moves every role's "
        "headcount in steps of 45 people (from the people already employed), so neighbouring "
        f"plans differ by whole steps. Teams up to {STEP_FTE:.0f} FTE of demand are searched "
        "person by person."
    )


def test_scenario_step_note_follows_the_search_step() -> None:
    assumptions = Assumptions.defaults()
    enterprise = load_scenario(EXAMPLES_DIR / "enterprise_portfolio.json")
    assert frontier_step(enterprise) == 1
    assert scenario_step_note(enterprise, assumptions) is None
    large = parse_scenario(large_team_data())
    demand = compute_demand(large, assumptions).by_role
    coverable = sum(demand[role] for role in COVERABLE)
    assert coverable > STEP_FTE and frontier_step(large) > 1
    note = step_note(coverable, frontier_step(large))
    assert note is not None and scenario_step_note(large, assumptions) == note


def test_search_help_gives_the_generalist_capacity_and_the_step_rule() -> None:
    setups = Assumptions.defaults().model_dump()["setups"]
    setups["startup"] = {**setups["startup"], "absorb_below_fte": 1.5}
    text = search_help(assumptions_with(generalist_capacity_fte=0.7, setups=setups))
    assert "(0.70 FTE of specialist work each)" in text
    flat = " ".join(text.split())
    assert "so each setup has its own frontier" in flat
    assert "the work beyond the 1.5 FTE per role the generalists carry" in flat
    assert f"Teams up to {STEP_FTE:.0f} FTE of demand (annotation aside)" in text
    assert f"in steps of D / {STEPS} people (rounded up)" in text


def test_a_head_of_data_fewer_is_named_with_the_leads_left() -> None:
    scenario = load_scenario(EXAMPLES_DIR / "enterprise_portfolio.json")
    plan = recommend(scenario)
    assert plan.allocation["head_of_data"] == 1
    after = evaluate(scenario, dict(plan.allocation, head_of_data=0))
    leads = plan.allocation["team_lead"]
    assert describe_changes(plan, after)[:2] == [
        "One Head of Data & ML fewer.",
        f"Nobody above {leads} team leads.",
    ]
    assert people(2, "head_of_data", in_words=True) == "two Heads of Data & ML"


def test_one_lead_of_two_teams_has_a_lead_in_the_singular() -> None:
    scenario = load_scenario(FASHION)
    led = evaluate(scenario, {"data_scientist": 12, "team_lead": 2})  # two teams, both led
    one = evaluate(scenario, {"data_scientist": 12, "team_lead": 1})
    assert "1 of 2 teams has a lead." in describe_changes(led, one)
    three = evaluate(scenario, {"data_scientist": 20, "team_lead": 3})
    two = evaluate(scenario, {"data_scientist": 20, "team_lead": 2})
    assert "2 of 3 teams have a lead." in describe_changes(three, two)


def test_a_plan_that_scores_nothing_is_said_so_with_the_cheapest_that_scores() -> None:
    def point(cost: int, quality: float, **people_by_role: int) -> FrontierPoint:
        allocation: dict[str, int] = {role: people_by_role.get(role, 0) for role in ROLES}
        return FrontierPoint(allocation, cost, quality, {})

    alone = point(38_475, 0.0, annotator=1)
    pair = point(139_725, 39.6, annotator=1, full_stack_data_scientist=1)
    assert scores_nothing(pair, [alone, pair]) is None
    assert scores_nothing(alone, [alone, pair]) == (
        "This plan scores nothing: its people cannot deliver any project on their own. The "
        "cheapest plan that scores anything (1 Data Annotator, 1 Full-Stack Data Scientist) "
        "costs $140k a year."
    )
    assert scores_nothing(alone, [alone]) == (
        "This plan scores nothing, and no plan of this setup scores anything."
    )
