"""The tornado's rows: each group alone at its low and high value (the rules' plan under it,
reshaped as the recommendation), largest cost swing first; a group the scenario does not use
moves nothing, and has no row."""

from __future__ import annotations

from mlplanner.model.assumptions import HIRING_GROUPS, Assumptions
from mlplanner.model.plan import recommend
from mlplanner.model.scenario import Scenario
from mlplanner.ranges.perturb import perturbed
from mlplanner.ranges.sensitivity import Sensitivity, Swing, sensitivity
from tests.ranges.reshaped import reshaped_evaluation
from tests.support.builders import project_data, scenario

DEFAULTS = Assumptions.defaults()
TABULAR_ONLY = scenario(project_data("Churn", "tabular"), project_data("Fraud", "tabular"))


def test_rows_are_the_groups_that_can_move_the_plan() -> None:
    """Time to hire, ramp-up and attrition never move the yearly cost or the team (listed
    with no swing, a review read them as certain), nor does the effort of a domain no project
    is in (noise, a second review said), running live models where none is live or the
    attribute adjustments where every attribute is at the default: none has a row. Every
    other group has one."""
    swings = {s.group: s for s in sensitivity(TABULAR_ONLY).swings}
    assert set(swings) == {"effort.tabular", "shared_work", "salaries"}
    assert swings["effort.tabular"].cost_swing_usd > 0


def test_a_live_model_and_an_adjusted_attribute_bring_their_rows() -> None:
    live = scenario(
        project_data("Churn", "tabular", lifecycle="run", scale="large"),
        project_data("Fraud", "tabular"),
    )
    swings = {s.group for s in sensitivity(live).swings}
    assert {"run_effort", "adjustments"} <= swings


def test_what_the_rows_leave_out_moves_nothing() -> None:
    """The groups left out are those whose low and high values give the plan as it is."""
    point = recommend(TABULAR_ONLY)
    left_out = ("effort.computer_vision", "effort.nlp", "run_effort", "adjustments")
    for group in (*left_out, *HIRING_GROUPS):
        spread = DEFAULTS.uncertainty_of(group)
        for m in (spread.low, spread.high):
            moved = reshaped_evaluation(TABULAR_ONLY, DEFAULTS, perturbed(DEFAULTS, {group: m}))
            assert moved.annual_cost_usd == point.annual_cost_usd
            assert moved.total_headcount == point.total_headcount


def test_a_group_that_moves_the_work_but_not_the_plan_keeps_its_row() -> None:
    """The plan absorbing an uncertainty is worth saying: the seed startup's pooled share of
    work moves its work, not its three people or their cost."""
    seed = scenario(
        project_data("Triage", "nlp", scale="small", stage="prototype"),
        employees=12,
        region="gb",
    )
    swing = next(s for s in sensitivity(seed).swings if s.group == "shared_work")
    assert swing.cost_swing_usd == 0 and swing.headcount_swing == 0


def test_each_row_is_the_rules_plan_with_that_group_alone_moved_reshaped_as_the_plan(
    fashion: Scenario,
) -> None:
    result = sensitivity(fashion)
    for swing in result.swings[:3]:
        low, high = (
            reshaped_evaluation(fashion, DEFAULTS, perturbed(DEFAULTS, {swing.group: m}))
            for m in (swing.low, swing.high)
        )
        assert (swing.cost_at_low_usd, swing.cost_at_high_usd) == (
            low.annual_cost_usd,
            high.annual_cost_usd,
        )
        assert (swing.headcount_at_low, swing.headcount_at_high) == (
            low.total_headcount,
            high.total_headcount,
        )


def test_rows_come_largest_cost_swing_first_and_the_headline_names_the_first(
    fashion: Scenario,
) -> None:
    result = sensitivity(fashion)
    swings = [s.cost_swing_usd for s in result.swings]
    assert swings == sorted(swings, reverse=True)
    assert result.cost_usd == recommend(fashion).annual_cost_usd
    assert result.headline.startswith(f"{result.swings[0].assumption} moves the yearly cost most")


def test_with_nothing_uncertain_the_headline_says_nothing_moves_the_cost() -> None:
    data = {**DEFAULTS.model_dump(), "uncertainty": {}}
    result = sensitivity(TABULAR_ONLY, Assumptions.from_dict(data))
    assert all(s.cost_swing_usd == 0 for s in result.swings)
    assert result.headline.startswith("No uncertain assumption moves the yearly cost")


def test_the_headline_verb_agrees_with_a_plural_assumption_name() -> None:
    def swing(group: str) -> Swing:
        return Swing(group, 0.8, 1.2, 900_000, 1_100_000, 9, 11)

    plural = Sensitivity(cost_usd=1_000_000, headcount=10, swings=(swing("salaries"),))
    assert plural.headline == "Salaries move the yearly cost most: ±$100k around $1.00M."
    strength = Sensitivity(cost_usd=1_000_000, headcount=10, swings=(swing("adjustments"),))
    assert strength.headline.startswith("Strength of attribute adjustments moves the yearly")
    single = Sensitivity(cost_usd=1_000_000, headcount=10, swings=(swing("run_effort"),))
    assert single.headline.startswith("Running live models moves the yearly cost most")


def test_a_swing_one_way_only_is_said_without_a_zero_the_other_way() -> None:
    """Where less effort cannot lower the plan (one person per role already), the headline
    says "+$964k from $1.73M", not "−$0 / +$964k around $1.73M"."""

    def headline(low: int, high: int) -> str:
        swing = Swing("effort.recommender", 0.8, 1.2, low, high, 9, 13)
        return Sensitivity(cost_usd=1_734_345, headcount=9, swings=(swing,)).headline

    assert headline(1_734_345, 2_698_785) == (
        "Effort per recommender project moves the yearly cost most: +$964k from $1.73M."
    )
    assert headline(1_500_000, 1_734_345).endswith("most: −$234k from $1.73M.")
    assert headline(1_500_000, 2_698_785).endswith("most: −$234k / +$964k around $1.73M.")
