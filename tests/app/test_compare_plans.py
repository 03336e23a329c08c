"""Compare page, saved plans (AppTest): choose plans and revisions and a baseline; deltas per
role, cost and quality; charts; a note when a plan was saved under other assumptions."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Engine
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import PREVIOUS_QUALITY_NOTE
from mlplanner.model.plan import Evaluation, recommend
from mlplanner.model.roles import ROLE_COLORS, role_label
from mlplanner.model.wording import format_usd
from mlplanner.storage import plans
from mlplanner.storage.models import PlanSummary
from mlplanner.storage.revisions import RevisionChoice
from mlplanner.ui.plan_comparison import (
    BASELINE_KEY,
    CHOSEN_KEY,
    Compared,
    cost_quality_headline,
)
from tests.app.apptest import (
    COMPARE_PAGE,
    chart_specs,
    go_to,
    open_app,
    run,
    subtitle,
    texts,
    title,
)
from tests.storage.support import PREVIOUS_QUALITY, save_previous_definition
from tests.support.builders import assumptions_with

FASHION = example_scenarios()["fashion_retailer.json"]
SEED = example_scenarios()["seed_startup.json"]
DEAR = assumptions_with(loaded_cost_multiplier=1.6)


def save(engine: Engine, name: str, **kwargs: object) -> PlanSummary:
    with Session(engine) as session:
        return plans.create_plan(session=session, name=name, **kwargs)  # type: ignore[arg-type]


def compare_page() -> AppTest:
    return go_to(open_app(FASHION), COMPARE_PAGE)


def test_without_saved_plans_the_page_says_what_to_do(engine: Engine) -> None:
    at = compare_page()
    assert any("No saved plans yet" in info for info in texts(at.info))


def test_one_plan_is_not_enough_to_compare(engine: Engine) -> None:
    save(engine, "Only", evaluation=recommend(FASHION))
    at = compare_page()
    assert any("Choose at least two" in info for info in texts(at.info))


def test_two_plans_show_deltas_per_role_cost_and_quality(engine: Engine) -> None:
    base = recommend(FASHION)
    seed = recommend(SEED)
    save(engine, "Fashion", evaluation=base)
    save(engine, "Seed", evaluation=seed)
    at = compare_page()
    # Last saved first: the seed plan is the default baseline.
    assert at.multiselect(key=CHOSEN_KEY).value == [(2, 1), (1, 1)]
    at.selectbox(key=BASELINE_KEY).set_value((1, 1))
    run(at)
    cost = next(
        m
        for m in at.metric
        if m.label == "Annual cost" and m.value == format_usd(seed.annual_cost_usd)
    )
    assert cost.proto.body == format_usd(seed.annual_cost_usd)
    # The last table and chart are the timelines (tests/app/test_timeline_page.py).
    roles = at.dataframe[-3].value
    assert list(roles.columns[:2]) == ["Role", "Fashion · r1 (newest): people"]
    lines = {line.role: line for line in base.roles}
    seed_lines = {line.role: line for line in seed.roles}
    for _, row in roles.iterrows():
        role = next(r for r in lines if role_label(r) == row["Role"])
        change = seed_lines[role].headcount - lines[role].headcount
        assert row["Seed · r1 (newest): Δ people"] == f"{change:+d}"
    totals = at.dataframe[-2].value
    assert totals["Δ people"][0] == f"{seed.total_headcount - base.total_headcount:+d}"
    assert totals["Δ quality"][0] == f"{round(seed.quality, 1) - round(base.quality, 1):+.1f}"
    assert not at.warning
    headcount, tradeoff = chart_specs(at)[-3:-1]
    assert "against Fashion · r1 (newest)" in subtitle(headcount)
    assert headcount["encoding"]["tooltip"] and tradeoff["layer"][0]["encoding"]["tooltip"]
    shown = dict(
        zip(
            headcount["encoding"]["color"]["scale"]["domain"],
            headcount["encoding"]["color"]["scale"]["range"],
            strict=True,
        )
    )
    assert all(
        shown[role_label(role)] == colour
        for role, colour in ROLE_COLORS.items()
        if role_label(role) in shown
    )


def test_revisions_can_be_compared_and_other_assumptions_are_flagged(engine: Engine) -> None:
    plan = save(engine, "History", evaluation=recommend(FASHION))
    with Session(engine) as session:
        plans.save_revision(
            session=session,
            plan_id=plan.id,
            evaluation=recommend(FASHION, assumptions=DEAR),
            base_revision=1,
            assumption_set_name="Dear hires",
        )
    at = compare_page()
    at.multiselect(key=CHOSEN_KEY).set_value([(plan.id, 1), (plan.id, 2)])
    run(at)
    at.selectbox(key=BASELINE_KEY).set_value((plan.id, 1))
    run(at)
    [warning] = texts(at.warning)
    assert warning.startswith("**History · r2 (newest)** was saved under")
    assert "other assumptions (Dear hires) than the baseline (Shipped defaults)" in warning
    dear = recommend(FASHION, assumptions=DEAR)
    assert format_usd(dear.annual_cost_usd) in [m.value for m in at.metric]
    assert at.dataframe[-2].value["Assumptions"][0] == "Dear hires (differ from baseline)"


def test_a_plan_scored_by_the_previous_definition_says_so_next_to_todays_score(
    engine: Engine,
) -> None:
    save_previous_definition(engine, "Old score")
    save(engine, "Seed", evaluation=recommend(SEED))
    at = compare_page()
    now = recommend(FASHION).quality
    notes = [i for i in texts(at.info) if PREVIOUS_QUALITY_NOTE in i]
    assert notes == [
        f"Old score · r1 (newest) was saved with quality {PREVIOUS_QUALITY:.1f}, "
        f"{PREVIOUS_QUALITY_NOTE}; today's definition scores it {now:.1f}."
    ]


def test_plans_that_tie_are_named_together_in_the_chart_title(engine: Engine) -> None:
    # Two plans of the same inputs: one of them was said to "cost least and score highest".
    plan = recommend(FASHION)
    save(engine, "Acme", evaluation=plan)
    save(engine, "Acme import", evaluation=plan)
    at = compare_page()
    tradeoff = chart_specs(at)[-2]
    assert title(tradeoff) == (
        f"Both plans cost {format_usd(plan.annual_cost_usd)} and score {plan.quality:.1f}"
    )
    # Quality ticks of a one-value axis in whole or tenth points, not "92.100000", and with a
    # precision of their own: "~g" alone let ticks 10 apart read "6e+1" (a review's phone).
    assert tradeoff["layer"][0]["encoding"]["y"]["axis"]["format"] == ".4~g"
    # No role changes: the headline, not a chart of no bars on a "0.000000" axis.
    titles = [title(spec) for spec in chart_specs(at)]
    assert not [t for t in titles if t.startswith("Every role has as many people")]
    assert any(t.startswith("**Every role has as many people as in") for t in texts(at.markdown))


def test_the_title_names_the_cheapest_and_the_best_plans() -> None:
    fashion, seed = recommend(FASHION), recommend(SEED)
    assert seed.annual_cost_usd < fashion.annual_cost_usd and seed.quality < fashion.quality

    def headline(*named: tuple[str, Evaluation]) -> str:
        choice = cast(RevisionChoice, None)  # the title reads labels and evaluations only
        return cost_quality_headline([Compared(label, choice, plan) for label, plan in named])

    cheap, best = format_usd(seed.annual_cost_usd), f"{fashion.quality:.1f}"
    assert headline(("F", fashion), ("S", seed)) == (
        f"S costs least ({cheap}); F scores highest ({best})"
    )
    assert headline(("A", seed), ("B", seed), ("F", fashion)) == (
        f"A and B cost least ({cheap}); F scores highest ({best})"
    )
