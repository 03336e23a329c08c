"""Help texts built from the assumptions in force: they quote the numbers the plan uses."""

from __future__ import annotations

from mlplanner.model.assumptions import Adjustment, Assumptions
from mlplanner.model.quality import DEFINITION
from mlplanner.reports.model_help import model_explanation
from mlplanner.reports.scenario_help import (
    employees_help,
    project_column_help,
    setup_help,
    setup_label,
)
from tests.support.builders import assumptions_with

DEFAULTS = Assumptions.defaults()


def _label(value: str) -> str:
    return value.upper()


def test_employees_help_quotes_the_baseline_and_the_auto_thresholds() -> None:
    a = assumptions_with(
        baseline_employees_per_analyst=2_500,
        baseline_max_analysts=3,
        auto_startup_max_employees=20,
        auto_scaleup_max_employees=4_000,
    )
    text = employees_help(a)
    assert "one analyst per 2,500 employees, at most 3" in text
    assert "startup up to 20, scaleup up to 4,000, mature above" in text


def test_setup_help_and_labels_follow_the_setup_rules_and_span_of_control() -> None:
    setups = DEFAULTS.model_dump()["setups"]
    setups["mature"] = {**setups["mature"], "absorb_below_fte": 0.5, "round_up_from": 0.2}
    a = assumptions_with(setups=setups, lead_span=12)
    text = setup_help(a)
    assert (
        "Mature: full-stack data scientists carry the first 0.5 FTE of every role but annotation "
        "(beyond the staff already employed), specialists the rest" in text
    )
    assert "Startup: full-stack data scientists carry all data science and the first 1 FTE" in (
        text
    )
    assert "from 0.2 of a person" in text
    assert "each team of up to 12 gets a lead" in text
    assert setup_label("mature", a) == "Mature: specialists from 0.5 FTE"
    assert setup_label("mature", DEFAULTS) == "Mature: a specialist for every role"
    assert setup_label("startup", DEFAULTS) == "Startup: generalist data science"
    assert setup_label("auto", a) == "Auto (from company size)"


def test_column_help_states_each_adjustment_of_the_data() -> None:
    a = assumptions_with(
        adjustments=[
            Adjustment(attribute="scale", value="large", multiplier=3.0),
            Adjustment(attribute="stage", value="research", phase="deployment", multiplier=0.2),
            Adjustment(
                attribute="annotation",
                value="in_house",
                domain="nlp",
                phase="annotation",
                role="annotator",
                add_fte=1.5,
            ),
            Adjustment(
                attribute="annotation",
                value="in_house",
                domain="tabular",
                phase="annotation",
                role="annotator",
                add_fte=0.5,
            ),
        ]
    )
    helps = project_column_help(a, _label, "us")
    assert "LARGE: every phase ×3; other choices keep the domain's base effort." in helps["scale"]
    assert "RESEARCH: deployment ×0.2" in helps["stage"]
    assert "IN_HOUSE: +0.5–1.5 FTE Data Annotator in annotation (by domain)" in helps["annotation"]
    assert "Every choice keeps the domain's base effort. A production model" in helps["deployment"]


def test_stage_and_deployment_help_say_how_much_of_the_depth_gap_the_work_feels() -> None:
    edited = assumptions_with(
        depth_need={"prototype": 0.25, "batch_production": 0.75, "small_online_production": 0.9}
    )
    helps = project_column_help(edited, _label, "us")
    assert helps["stage"].endswith(
        "A prototype's work feels 25% of the gap between a full-stack data scientist's depth "
        "and a specialist's (production and research: 100% and 100%)."
    )
    assert helps["deployment"].endswith(
        "A production model scored in batch at small or medium scale feels 75% of the gap "
        "between a full-stack data scientist's depth and a specialist's, a production model "
        "served online at small scale 90% (served at the edge, or online at medium or large "
        "scale, or in batch at large scale: 100%)."
    )


def test_domain_help_names_the_domains_whose_effort_needs_research_scientists() -> None:
    text = project_column_help(DEFAULTS, _label, "us")["domain"]
    # Production NLP and generative AI need no research scientists; research-stage work does.
    assert "COMPUTER_VISION" in text and "SPEECH" in text
    assert "NLP" not in text and "TABULAR" not in text


def test_model_explanation_defines_quality_with_the_numbers_in_force() -> None:
    text = model_explanation(DEFAULTS, "us")
    assert DEFINITION in text
    assert f"delivers {1 - DEFAULTS.delivery_headroom:.0%}" in text
    edited = assumptions_with(delivery_headroom=0.2)
    assert "delivers 80%" in model_explanation(edited, "us")


def test_model_explanation_works_out_lighter_depth_from_the_numbers_in_force() -> None:
    flat = " ".join(model_explanation(DEFAULTS, "us").split())
    assert (
        "(prototype 0.5, batch-scored production 0.5, small online production 0.75; "
        "batch-scored production is a production model scored in batch at small or medium "
        "scale; small online production is a production model served online at small scale): "
        "in prototype work, data engineering at 0.60 counts 1 − 0.5 × 0.40 = 0.80." in flat
    )
    edited = " ".join(
        model_explanation(
            assumptions_with(depth_need={"prototype": 0.25, "research": 0.5}), "us"
        ).split()
    )
    assert (
        "(research 0.5, prototype 0.25): in research work, data engineering at 0.60 counts "
        "1 − 0.5 × 0.40 = 0.80." in edited
    )
    assert "feels only part of the gap" not in model_explanation(
        assumptions_with(depth_need={}), "us"
    )


def test_model_explanation_says_the_rules_plan_is_reshaped_and_how_teams_are_counted() -> None:
    flat = " ".join(model_explanation(assumptions_with(lead_span=6), "us").split())
    assert "the recommended plan is the best plan staffed the setup's way that costs no" in flat
    assert "none below 6, then one per 6) that have no lead" in flat
    # Then the changes worth their cost (mlplanner/model/shaping.py), in the help and the
    # setup's.
    assert "**Changes worth their cost.**" in flat
    assert "as the team shaped for the rules' cost does on average" in flat
    assert "(under the mature setup, which has no full-stack data scientists to carry it" in flat
    assert (
        "makes any change of a person (one more, or one moved to a dearer role) that buys "
        "quality at least as cheaply as the team shaped for the rules' cost does, within the "
        "budget" in setup_help(DEFAULTS)
    )
