"""The frontier search against brute force, point for point, on many small scenarios.

Scenarios are generated small enough to enumerate (one or two projects, an existing team that
narrows the ranges) and under varied assumptions (span of control, generalist capacity,
penalties that clamp coordination at zero), so every pruning rule of the search is exercised.
The same checks run on search spaces in steps of several people (what large teams get), with
the step forced on these small scenarios. The frontier is the frontier of the setup's space
(:mod:`mlplanner.model.setup_space`), and the setup's recommended plan is on it: no plan of
that space beats it on both cost and quality.
"""

from __future__ import annotations

import importlib
import itertools
import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mlplanner import FrontierPoint, best_under_budget, frontier
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.demand import compute_demand
from mlplanner.model.plan import Plan, evaluate, forget_plans, recommend
from mlplanner.model.roles import GENERALIST, HEAD, LEAD, ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import (
    DOMAINS,
    SCALES,
    SETUPS,
    STAGES,
    Scenario,
    Setup,
    load_scenario,
    parse_scenario,
)
from mlplanner.model.scoring import score
from mlplanner.model.setup_space import STEP_FTE, STEPS, SearchSpace, search_step
from mlplanner.model.staffing import DEPLOYERS
from mlplanner.paths import EXAMPLES_DIR
from mlplanner.search.alternatives import as_point
from mlplanner.search.frontier import (
    ENUMERATE_LIMIT,
    affordable,
    brute_force,
    frontier_step,
    proven_frontier,
    sample,
)
from mlplanner.search.pareto import QUALITY_TOLERANCE
from mlplanner.search.problem import search_problem
from tests.support.strategies import ENGINE_SETTINGS, scenario_data, setups

# The module itself (``mlplanner.search.frontier`` as an attribute is the function of that name).
frontier_module = importlib.import_module("mlplanner.search.frontier")
setup_space_module = importlib.import_module("mlplanner.model.setup_space")
MAX_SPACE = ENUMERATE_LIMIT  # larger spaces are climbed: checked on examples below
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much]
)


@st.composite
def small_cases(draw: st.DrawFn) -> tuple[Scenario, Assumptions]:
    """A scenario small enough to enumerate, with assumptions varied where the search prunes."""
    projects = [
        {
            "name": f"P{i}",
            "domain": draw(st.sampled_from(DOMAINS)),
            "scale": draw(st.sampled_from(SCALES)),
            "stage": draw(st.sampled_from(STAGES)),
            "annotation": draw(st.sampled_from(("none", "in_house", "outsourced"))),
            "count": draw(st.integers(1, 2)),
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    existing = draw(st.dictionaries(st.sampled_from(ROLES), st.integers(0, 3), max_size=6))
    scenario = parse_scenario(
        {
            "name": "generated",
            "company": {
                "employees": draw(st.integers(1, 3000)),
                "region": draw(st.sampled_from(("us", "gb", "de", "in"))),
                "existing_team": existing,
            },
            "projects": projects,
        }
    )
    base = Assumptions.defaults()
    changes: dict[str, Any] = {
        "lead_span": draw(st.sampled_from((2, 3, 8))),
        "generalist_capacity_fte": draw(st.sampled_from((0.3, 0.6, 0.85, 1.0))),
        "lead_gap_penalty": draw(st.sampled_from((0.5, 1.0))),
        "delivery_headroom": draw(st.sampled_from((0.05, 0.1, 0.5))),
        "resilience_weight": draw(st.sampled_from((0.0, 0.15, 1.0))),
    }
    assumptions = Assumptions.from_dict({**base.model_dump(), **changes})
    assume(space_of(scenario, assumptions).size <= MAX_SPACE)
    return scenario, assumptions


def space_of(scenario: Scenario, assumptions: Assumptions, setup: str | None = None) -> SearchSpace:
    """The space the frontier of ``scenario`` under ``setup`` (default: its own) searches."""
    return search_problem(scenario, assumptions, setup).space


def rules_plan(
    scenario: Scenario, assumptions: Assumptions, setup: str | None = None
) -> dict[str, int]:
    """The plan the setup's staffing rules give, before the shaping."""
    shaping = recommend(scenario, setup, assumptions).shaping
    assert shaping is not None
    return shaping.rules_plan


def _pairs(points: list[FrontierPoint]) -> list[tuple[int, float]]:
    return [(p.annual_cost_usd, p.quality) for p in points]


def assert_same_frontier(fast: list[FrontierPoint], slow: list[FrontierPoint]) -> None:
    """Same costs, qualities equal within the tolerance, point for point.

    At an exact tie of cost and quality two allocations are equally good; which one stands for
    the point may differ, so allocations are checked through their scores instead.
    """
    assert [p.annual_cost_usd for p in fast] == [p.annual_cost_usd for p in slow]
    for a, b in zip(fast, slow, strict=True):
        assert math.isclose(a.quality, b.quality, rel_tol=0, abs_tol=QUALITY_TOLERANCE)


@SETTINGS
@given(small_cases())
def test_frontier_equals_brute_force(case: tuple[Scenario, Assumptions]) -> None:
    scenario, assumptions = case
    assert_same_frontier(
        frontier(scenario, assumptions=assumptions), brute_force(scenario, assumptions)
    )


@SETTINGS
@given(small_cases(), st.floats(0, 1.5))
def test_best_under_budget_equals_brute_force_optimum(
    case: tuple[Scenario, Assumptions], fraction: float
) -> None:
    scenario, assumptions = case
    slow = brute_force(scenario, assumptions)
    budget = fraction * slow[-1].annual_cost_usd
    best = best_under_budget(scenario, budget, assumptions=assumptions)
    assert_best_is_optimum(best, slow, budget)


def assert_best_is_optimum(
    best: FrontierPoint | None, slow: list[FrontierPoint], budget: float
) -> None:
    """``best`` is the brute-force frontier's point that ``budget`` buys, or ``None`` if none."""
    affordable = [p for p in slow if p.annual_cost_usd <= budget]
    if not affordable:
        assert best is None
        return
    assert best is not None
    optimum = affordable[-1]
    assert best.annual_cost_usd == optimum.annual_cost_usd <= budget
    assert math.isclose(best.quality, optimum.quality, abs_tol=QUALITY_TOLERANCE)


@contextmanager
def stepped(steps: int) -> Iterator[None]:
    """Spaces in ``steps`` steps from the first person on. ``recommend`` remembers plans by
    their inputs alone, the module's steps not among them: its plans are forgotten before
    and after, so none crosses between these steps and the module's own."""
    forget_plans()
    try:
        with (
            patch.object(setup_space_module, "STEP_FTE", 0.0),
            patch.object(setup_space_module, "STEPS", steps),
        ):
            yield
    finally:
        forget_plans()


@SETTINGS
@given(small_cases(), st.sampled_from((1, 2, 3, 5)), st.floats(0, 1.2))
def test_stepped_spaces_search_equals_brute_force(
    case: tuple[Scenario, Assumptions], steps: int, fraction: float
) -> None:
    """Large teams' spaces move in steps of several people: forced here on small scenarios
    (steps of up to the whole demand), the frontier and the budget search stay exact."""
    scenario, assumptions = case
    with stepped(steps):
        step = frontier_step(scenario, assumptions)
        slow = brute_force(scenario, assumptions)
        fast = frontier(scenario, assumptions=assumptions)
        budget = fraction * slow[-1].annual_cost_usd
        best = best_under_budget(scenario, budget, assumptions=assumptions)
        space = space_of(scenario, assumptions)
        recommended = recommend(scenario, assumptions=assumptions).allocation
    assert_same_frontier(fast, slow)
    assert_best_is_optimum(best, slow, budget)
    assert space.step == step
    for point in fast:
        assert point.allocation == recommended or on_steps(point.allocation, space, step)


def on_steps(allocation: dict[str, int], space: SearchSpace, step: int) -> bool:
    """Whether an allocation lies on the space's steps: whole steps from the existing staff,
    heads of data & ML as its leads call for them."""
    fixed = allocation[HEAD] == space.heads.for_leads(np.array([allocation[LEAD]]))[0]
    others = [role for role in ROLES if role != HEAD]
    return fixed and all((allocation[r] - space.lower[r]) % step == 0 for r in others)


def test_search_step_is_one_person_up_to_the_limit_then_cuts_demand_into_steps() -> None:
    assert [search_step(fte) for fte in (0.0, 12.5, STEP_FTE)] == [1, 1, 1]
    assert search_step(STEP_FTE + 0.1) == math.ceil((STEP_FTE + 0.1) / STEPS) == 2
    assert search_step(2000.0) == 2000 // STEPS
    assert search_step(2000.5) == 2000 // STEPS + 1


def test_stepped_space_runs_from_existing_staff_in_whole_steps_past_each_bound() -> None:
    scenario = large_scenario()  # 20,000 employees: the mature setup
    assumptions = Assumptions.defaults()
    demand = compute_demand(scenario, assumptions).by_role
    space = space_of(scenario, assumptions)
    rules = rules_plan(scenario, assumptions)
    assert space.step == search_step(sum(demand[r] for r in ROLES[:6])) > 1
    for role in SPECIALIST_ROLES:
        values = space.values(role)
        assert values[0] == scenario.company.existing_team.get(role, 0) == space.lower[role]
        assert set(np.diff(values)) <= {space.step}
        # The last value is the first whole step at or past the bound derived from demand,
        # raised to the rules' plan (always in the space).
        bound = max(math.ceil(demand[role]), 2 if demand[role] > 0 else 0, rules[role])
        assert values[-1] >= bound > values[-1] - space.step or values[-1] == space.lower[role]
    assert space.upper[GENERALIST] == 0  # mature: no new full-stack data scientists
    assert space.lower[HEAD] == space.upper[HEAD] == rules[HEAD]
    assert space.size == math.prod(len(space.values(role)) for role in ROLES)


def large_scenario() -> Scenario:
    """A team of about 480 FTE of demand, past the person-by-person limit: searched in steps."""
    projects = [
        {"name": f"{domain} at scale", "domain": domain, "scale": "large", "count": 8}
        for domain in DOMAINS
    ]
    return parse_scenario(
        {
            "name": "large",
            "company": {
                "employees": 20000,
                "existing_team": {"data_scientist": 7, "developer": 3, "team_lead": 2},
            },
            "projects": projects,
        }
    )


def test_large_teams_get_a_frontier_no_sampled_plan_of_their_space_beats() -> None:
    """Nor the recommended plan, which is off the steps: it is a candidate too."""
    scenario = large_scenario()
    points = frontier(scenario)
    assert frontier_step(scenario) > 1 and len(points) > 20
    recommended = as_point(recommend(scenario))
    bought = affordable(points, recommended.annual_cost_usd)
    assert bought is not None and bought.quality >= recommended.quality
    for before, after in itertools.pairwise(points):
        assert before.annual_cost_usd < after.annual_cost_usd
        assert after.quality > before.quality + QUALITY_TOLERANCE
    for other in sample(scenario, 3000, seed=3):
        bought = affordable(points, other.annual_cost_usd)
        assert bought is not None
        assert bought.quality >= other.quality - QUALITY_TOLERANCE, other
    middle = points[len(points) // 2]
    best = best_under_budget(scenario, middle.annual_cost_usd + 1)
    assert best is not None and best.annual_cost_usd == middle.annual_cost_usd
    evaluation = evaluate(scenario, middle.allocation)
    assert (evaluation.annual_cost_usd, evaluation.quality) == (
        middle.annual_cost_usd,
        middle.quality,
    )


@pytest.mark.parametrize(
    "example",
    ["fashion_retailer.json", "seed_startup.json", "enterprise_portfolio.json", "large"],
)
def test_best_under_budget_is_the_frontier_point_the_budget_buys(example: str) -> None:
    """``best_under_budget`` (which builds only the point it returns) picks what the whole
    frontier gives, at budgets across the range, on and just below frontier costs, and the
    scenario's own budget: on spaces scored whole and climbed (the enterprise example, and
    the large team in steps)."""
    scenario = large_scenario() if example == "large" else load_scenario(EXAMPLES_DIR / example)
    points = frontier(scenario)
    cheapest, dearest = points[0].annual_cost_usd, points[-1].annual_cost_usd
    budgets = [cheapest + share * (dearest - cheapest) for share in (0, 0.1, 0.35, 0.6, 0.85)]
    budgets += [points[len(points) // 2].annual_cost_usd, points[-2].annual_cost_usd - 1]
    budgets += [dearest, 2 * dearest]
    if scenario.company.annual_budget_usd is not None:
        budgets.append(scenario.company.annual_budget_usd)
    for budget in budgets:
        best = best_under_budget(scenario, budget)
        bought = affordable(points, budget)
        assert best is not None and bought is not None
        assert best.annual_cost_usd == bought.annual_cost_usd <= budget, budget
        assert math.isclose(best.quality, bought.quality, abs_tol=QUALITY_TOLERANCE), budget


@SETTINGS
@given(small_cases())
def test_points_are_sorted_improving_and_scored_like_evaluate(
    case: tuple[Scenario, Assumptions],
) -> None:
    scenario, assumptions = case
    points = frontier(scenario, assumptions=assumptions)
    space = space_of(scenario, assumptions)
    for before, after in itertools.pairwise(points):
        assert before.annual_cost_usd < after.annual_cost_usd
        assert after.quality > before.quality + QUALITY_TOLERANCE
    for point in points:
        row = np.array([[point.allocation[r] for r in ROLES]])
        assert space.holds(row).all(), point
        evaluation = evaluate(scenario, point.allocation, assumptions=assumptions)
        assert point.annual_cost_usd == evaluation.annual_cost_usd
        assert point.quality == evaluation.quality
        assert point.components == evaluation.quality_components


@pytest.mark.parametrize("setup", SETUPS)
def test_each_setups_space_follows_demand_its_staffing_style_and_keeps_existing_staff(
    setup: Setup,
) -> None:
    """The bounds of :mod:`mlplanner.model.setup_space` on the fashion retailer (1.05 FTE of
    data engineering, 1.5 of data science; 3 analysts and 2 data scientists employed)."""
    scenario = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")
    assumptions = Assumptions.defaults()
    demand = compute_demand(scenario, assumptions).by_role
    space = space_of(scenario, assumptions, setup)
    rules = rules_plan(scenario, assumptions, setup)
    existing = scenario.company.existing_team
    rule = assumptions.setups[setup]

    def bound(fte: float) -> int:  # none below the setup's cut, a backup from a person's work
        if fte < rule.round_up_from:
            return 0
        return max(math.ceil(fte - 1e-9), 2 if fte >= 1 else 1)

    for role in SPECIALIST_ROLES:
        fte = demand[role]
        if setup == "startup" and role != "annotator":
            # Specialists only for the work the generalists leave; no data scientists at all.
            left = 0.0 if role == "data_scientist" else max(0.0, fte - rule.absorb_below_fte)
            needed = math.ceil(left - 1e-9)
        else:
            needed = bound(fte)
        assert space.lower[role] == existing.get(role, 0)
        assert space.upper[role] == max(existing.get(role, 0), rules[role], needed), role
    # Existing staff are kept: the data analysts already employed exceed demand.
    assert space.lower["data_analyst"] == 3 > math.ceil(demand["data_analyst"]) - 1
    assert (space.upper[GENERALIST] == 0) == (setup == "mature")
    assert space.lower[HEAD] == space.upper[HEAD] == rules[HEAD]


def test_no_plan_beats_the_enterprise_frontier_at_its_cost() -> None:
    """The recommendation and sampled allocations of the scenario's (mature) space never beat
    the frontier plan their money buys."""
    scenario = load_scenario(EXAMPLES_DIR / "enterprise_portfolio.json")
    points = frontier(scenario)
    others = [as_point(recommend(scenario)), *sample(scenario, 3000, seed=7)]
    for other in others:
        bought = affordable(points, other.annual_cost_usd)
        assert bought is not None
        assert bought.quality >= other.quality - QUALITY_TOLERANCE, other


def beats(point: FrontierPoint, plan: FrontierPoint) -> bool:
    """Whether ``point`` is better than ``plan`` on one of cost and quality and no worse on the
    other (qualities within the frontier's tolerance are equal)."""
    cheaper = point.annual_cost_usd < plan.annual_cost_usd
    no_dearer = point.annual_cost_usd <= plan.annual_cost_usd
    better = point.quality > plan.quality + QUALITY_TOLERANCE
    no_worse = point.quality >= plan.quality - QUALITY_TOLERANCE
    return (cheaper and no_worse) or (no_dearer and better)


@pytest.mark.parametrize("setup", SETUPS)
@pytest.mark.parametrize(
    "example", ["fashion_retailer.json", "seed_startup.json", "enterprise_portfolio.json"]
)
def test_no_plan_of_the_setups_space_beats_its_recommended_plan(example: str, setup: str) -> None:
    """Issue 13: the recommended plan is a point of its own setup's frontier. Not so the rules'
    plan wherever the shaping moved people within the rules' cost (5 of these 9 cases): the
    recommended plan beats it; where people worth their cost were added (2 cases), it costs
    more and scores higher."""
    scenario = load_scenario(EXAMPLES_DIR / example)
    points = frontier(scenario, setup)
    plan = recommend(scenario, setup)
    recommended = as_point(plan)
    assert not [point for point in points if beats(point, recommended)]
    assert plan.shaping is not None
    rules = as_point(evaluate(scenario, plan.shaping.rules_plan, setup))
    if plan.shaping.additions:
        assert recommended.annual_cost_usd > rules.annual_cost_usd
        assert recommended.quality > rules.quality
    else:
        assert beats(recommended, rules) == bool(plan.shaping.moves)
    bought = affordable(points, recommended.annual_cost_usd)
    assert bought is not None and bought.annual_cost_usd == recommended.annual_cost_usd
    assert math.isclose(bought.quality, recommended.quality, abs_tol=QUALITY_TOLERANCE)


@pytest.mark.parametrize("setup", SETUPS)
def test_brute_force_agrees_on_the_seed_startup(setup: str) -> None:
    """The seed startup's spaces (9 to 6,561 plans) scored whole: the same frontier, and no
    plan of any of them beats the recommended plan."""
    scenario = load_scenario(EXAMPLES_DIR / "seed_startup.json")
    every = brute_force(scenario, setup=setup)
    assert_same_frontier(frontier(scenario, setup), every)
    recommended = as_point(recommend(scenario, setup))
    assert not [point for point in every if beats(point, recommended)]


@SETTINGS
@given(small_cases(), st.sampled_from(SETUPS))
def test_no_plan_of_a_small_space_beats_the_recommended_plan(
    case: tuple[Scenario, Assumptions], setup: str
) -> None:
    """Brute force agrees: every plan of a small setup's space scored, none beats the
    recommended plan (small generated scenarios, varied assumptions, every setup). Without
    projects a plan has no quality score and the rules' plan stands unshaped."""
    scenario, assumptions = case
    assume(scenario.projects and space_of(scenario, assumptions, setup).size <= MAX_SPACE)
    recommended = as_point(recommend(scenario, setup, assumptions))
    every = brute_force(scenario, assumptions, setup)
    assert not [point for point in every if beats(point, recommended)]


@pytest.mark.parametrize("budget", [-1, float("nan"), float("inf"), "100", True])
def test_budget_must_be_a_non_negative_number(budget: Any) -> None:
    scenario = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")
    with pytest.raises(ValueError, match="budget_usd"):
        best_under_budget(scenario, budget)


def test_a_budget_below_the_existing_team_buys_nothing() -> None:
    scenario = load_scenario(EXAMPLES_DIR / "fashion_retailer.json")
    assert best_under_budget(scenario, 1000) is None


@pytest.mark.parametrize("example", ["fashion_retailer.json", "seed_startup.json"])
def test_the_climb_alone_finds_the_examples_frontiers(example: str) -> None:
    """Climbed instead of scored whole (as spaces past ENUMERATE_LIMIT are), the examples'
    frontiers are still found point for point."""
    scenario = load_scenario(EXAMPLES_DIR / example)
    with patch.object(frontier_module, "ENUMERATE_LIMIT", 0):
        climbed = frontier(scenario)
    assert_same_frontier(climbed, brute_force(scenario))


def test_the_proof_works_chunk_by_chunk() -> None:
    """Branch and bound splits a level into chunks; forced into chunks of seven allocations,
    the proven frontier is still the brute-force one."""
    scenario = load_scenario(EXAMPLES_DIR / "seed_startup.json")
    with (
        patch.object(frontier_module, "_CHUNK", 7),
        patch.object(frontier_module, "ENUMERATE_LIMIT", 0),
    ):
        proven = proven_frontier(scenario)
    assert_same_frontier(proven, brute_force(scenario))


def test_the_enterprise_frontier_is_climbed_exactly() -> None:
    """The enterprise example's scaleup space (about 45,000 allocations, leads aside) is
    climbed; the branch-and-bound proof finds nothing the climb missed."""
    scenario = load_scenario(EXAMPLES_DIR / "enterprise_portfolio.json")
    space = space_of(scenario, Assumptions.defaults(), "scaleup")
    assert space.size // space.count(LEAD) > ENUMERATE_LIMIT
    climbed = frontier(scenario, "scaleup")
    assert_same_frontier(climbed, proven_frontier(scenario, setup="scaleup"))


def _walk_one_step_a_call(problem: Any, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """The greedy walk's definition run literally: from ``lower``, each step scores one more
    person of every role and takes the most quality per dollar, or else the best pair."""
    ones = np.eye(len(ROLES), dtype=np.int64) * problem.space.step
    pairs = np.array([ones[i] + ones[j] for i, j in itertools.combinations(range(len(ROLES)), 2)])
    current = lower.copy()
    first = score(problem.context, current[None, :])
    quality, paid = float(first.quality[0]), int(first.cost[0])
    walk = [current]
    while True:
        for options in (ones, pairs):
            tried = current + options
            tried = tried[(tried <= upper).all(axis=1)]
            scores = score(problem.context, tried)
            gain = scores.quality - quality
            value = np.where(gain > 1e-7, gain / np.maximum(scores.cost - paid, 1.0), -np.inf)
            if len(tried) and np.isfinite(value).any():
                break
        else:
            return np.array(walk)
        best = int(np.argmax(value))
        current = tried[best]
        quality, paid = float(scores.quality[best]), int(scores.cost[best])
        walk.append(current)


@ENGINE_SETTINGS
@given(scenario_data(min_projects=1), setups)
def test_the_greedy_walk_scored_steps_ahead_is_the_walk_one_step_a_call(
    data: dict[str, Any], setup: str
) -> None:
    """The walk scores several steps ahead per call to save the score's per-call time; it is
    still exactly the walk of one step per call (the climb's seeds, so the frontier, hang on
    it). From the cheapest plan, and from the space's lower bound with the most leads."""
    problem = search_problem(parse_scenario(data), Assumptions.defaults(), setup)
    lower = np.array([problem.space.lower[role] for role in ROLES], dtype=np.int64)
    upper = np.array([problem.space.upper[role] for role in ROLES], dtype=np.int64)
    led = lower.copy()
    led[ROLES.index(LEAD)] = upper[ROLES.index(LEAD)]
    for start in (lower, led):
        walked = frontier_module._greedy(problem, start, upper)
        assert np.array_equal(walked, _walk_one_step_a_call(problem, start, upper))


@SETTINGS
@given(small_cases(), st.sampled_from(("startup", "scaleup", "mature")))
def test_every_plan_has_someone_to_deploy_and_someone_to_label_where_the_work_needs_it(
    case: tuple[Scenario, Assumptions], setup: str
) -> None:
    """A production model needs someone able to deploy it and in-house annotation someone to
    label it: the setup's space holds no plan without them, so neither its frontier nor its
    recommended plan lacks them."""
    scenario, assumptions = case
    demand = compute_demand(scenario, assumptions)
    plans: list[Plan | FrontierPoint] = [
        recommend(scenario, setup, assumptions),
        *frontier(scenario, setup, assumptions),
    ]
    able = [sum(plan.allocation[role] for role in DEPLOYERS) for plan in plans]
    assert not demand.deploys or min(able) >= 1
    labellers = [plan.allocation["annotator"] for plan in plans]
    assert demand.by_role["annotator"] <= 0 or min(labellers) >= 1
