"""The shipped assumptions (data/*.csv) and validation of edited assumption sets."""

from __future__ import annotations

from typing import Any

import pytest

from mlplanner.model.assumption_catalog import catalog
from mlplanner.model.assumptions import UNCERTAINTY_GROUPS, AssumptionError, Assumptions
from mlplanner.model.demand import compute_demand
from mlplanner.model.plan import evaluate
from mlplanner.model.rates import known_regions, regions_frame
from mlplanner.model.roles import PHASES, ROLES, SPECIALIST_ROLES
from mlplanner.model.scenario import DEPTH_WORK, DOMAINS
from tests.support.builders import assumptions_with, project_data, scenario


def edit_problems(**changes: Any) -> list[str]:
    with pytest.raises(AssumptionError) as caught:
        assumptions_with(**changes)
    return [str(problem) for problem in caught.value.problems]


def test_defaults_are_read_once_per_process() -> None:
    assert Assumptions.defaults() is Assumptions.defaults()


def test_defaults_have_effort_for_every_domain_in_known_phases() -> None:
    effort = Assumptions.defaults().effort
    assert set(effort) == set(DOMAINS)
    for by_phase in effort.values():
        assert set(by_phase) <= set(PHASES)
        for by_role in by_phase.values():
            assert set(by_role) <= set(SPECIALIST_ROLES)


def test_defaults_price_every_role_in_every_region() -> None:
    a = Assumptions.defaults()
    assert set(a.rates) == set(known_regions())
    for region in known_regions():
        assert set(a.rates[region]) == set(ROLES)


def test_defaults_price_outsourced_annotation_in_every_region_from_regions_csv() -> None:
    a = Assumptions.defaults()
    shipped = dict(
        zip(
            regions_frame()["region"], regions_frame()["vendor_annotation_usd_per_fte"], strict=True
        )
    )
    assert a.vendor_annotation_usd_per_fte == shipped
    assert set(shipped) == set(known_regions())
    assert a.vendor_price("in") < a.vendor_price("us")


def test_one_flat_vendor_price_of_an_older_set_becomes_every_regions_price() -> None:
    """Sets saved before vendor prices were per region still validate, to the same price."""
    old = {**Assumptions.defaults().model_dump(mode="json"), "vendor_annotation_usd_per_fte": 45000}
    a = Assumptions.from_dict(old)
    assert a.vendor_annotation_usd_per_fte == dict.fromkeys(known_regions(), 45_000.0)
    few = {**old, "rates": {"us": Assumptions.defaults().rates["us"]}}
    assert Assumptions.from_dict(few).vendor_annotation_usd_per_fte == {"us": 45_000.0}


def test_every_region_with_salaries_needs_a_vendor_price() -> None:
    prices = dict(Assumptions.defaults().vendor_annotation_usd_per_fte)
    del prices["gb"]
    assert edit_problems(vendor_annotation_usd_per_fte=prices) == [
        "vendor_annotation_usd_per_fte.gb: no vendor price"
    ]
    prices["gb"] = -1
    [problem] = edit_problems(vendor_annotation_usd_per_fte=prices)
    assert problem.startswith("vendor_annotation_usd_per_fte.gb: ")


def test_every_stage_has_modelling_as_a_full_weakest_link() -> None:
    links = Assumptions.defaults().weakest_link
    assert all(
        links[f"{stage}.modeling"] == 1.0 for stage in ("research", "prototype", "production")
    )
    assert links["production.deployment"] == 1.0


def test_defaults_have_the_three_setups_ordered_by_how_much_they_absorb() -> None:
    setups = Assumptions.defaults().setups
    assert set(setups) == {"startup", "scaleup", "mature"}
    assert setups["startup"].generalists_absorb_data_science
    assert not setups["scaleup"].generalists_absorb_data_science
    assert setups["mature"].absorb_below_fte == 0
    assert setups["startup"].round_up_from >= setups["scaleup"].round_up_from
    assert setups["scaleup"].round_up_from >= setups["mature"].round_up_from


def test_loaded_cost_multiplier_is_within_the_cited_range() -> None:
    # BLS: wages are about 70% of total compensation, i.e. 1.3-1.45 x base (data/SOURCES.md).
    assert 1.3 <= Assumptions.defaults().loaded_cost_multiplier <= 1.45


@pytest.mark.parametrize("domain", [d for d in DOMAINS if d != "analytics"])
def test_a_medium_production_project_with_partial_data_needs_3_to_5_fte(domain: str) -> None:
    """The calibration data/SOURCES.md states for the shipped effort table."""
    for deployment in ("batch", "online"):
        s = scenario(project_data(domain=domain, deployment=deployment), employees=1)
        demand = compute_demand(s, Assumptions.defaults())
        assert 3 <= demand.total - demand.fte[1].sum() <= 5  # all but the analytics baseline


def test_a_dump_of_the_defaults_validates_to_an_equal_set() -> None:
    a = Assumptions.defaults()
    assert Assumptions.from_dict(a.model_dump()) == a
    assert Assumptions.from_dict(a.model_dump(mode="json")) == a


def test_rate_looks_up_region_and_role() -> None:
    a = assumptions_with(rates={"us": dict.fromkeys(ROLES, 1000.0) | {"developer": 2500.0}})
    assert a.rate("us", "developer") == 2500
    assert a.rate("us", "annotator") == 1000


def test_weakest_links_must_name_a_stage_and_a_phase() -> None:
    problems = edit_problems(weakest_link={"production.shipping": 1.0})
    assert problems == ["weakest_link.production.shipping: must be <stage>.<phase>"]


def test_a_set_saved_with_the_previous_quality_weights_still_loads() -> None:
    data = Assumptions.defaults().model_dump()
    data |= {"quality_weights": {"coverage": 1.0}, "handoff_penalty": 0.25}
    del data["weakest_link"], data["delivery_headroom"], data["resilience_weight"]
    loaded = Assumptions.from_dict(data)
    assert loaded.weakest_link == Assumptions.defaults().weakest_link
    assert loaded.delivery_headroom == Assumptions.defaults().delivery_headroom


def test_negative_effort_names_its_path() -> None:
    problems = edit_problems(effort={"nlp": {"modeling": {"data_scientist": -1}}})
    assert problems == ["effort.nlp.modeling.data_scientist: must be at least 0 (got -1)"]


@pytest.mark.parametrize(
    ("effort", "problem"),
    [
        ({"nlp": {"lunch": {"data_scientist": 1}}}, "effort.nlp: unknown phase 'lunch'"),
        (
            {"nlp": {"modeling": {"team_lead": 1}}},
            "effort.nlp.modeling: 'team_lead' is not a demand role",
        ),
    ],
)
def test_effort_must_use_phases_and_demand_roles(effort: dict[str, Any], problem: str) -> None:
    assert problem in edit_problems(effort=effort)[0]


def test_every_region_needs_every_role() -> None:
    problems = edit_problems(rates={"us": {"data_analyst": 100_000.0}})
    assert "rates.us: no salary for data_engineer" in problems[0]


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"loaded_cost_multiplier": 0.9}, "loaded_cost_multiplier"),
        ({"lead_span": 1}, "lead_span"),
        ({"generalist_capacity_fte": 0}, "generalist_capacity_fte"),
        ({"generalist_depth": {"data_engineer": 1.5}}, "generalist_depth.data_engineer"),
        ({"depth_need": {"prototype": 1.2}}, "depth_need.prototype"),
        ({"depth_need": {"pilot": 0.5}}, "depth_need.pilot"),
        ({"lead_gap_penalty": -0.1}, "lead_gap_penalty"),
        ({"unknown_knob": 1}, "unknown_knob"),
    ],
)
def test_out_of_range_values_name_their_field(changes: dict[str, Any], path: str) -> None:
    assert edit_problems(**changes)[0].startswith(f"{path}: ")


def test_auto_thresholds_must_be_ordered() -> None:
    problems = edit_problems(auto_startup_max_employees=500, auto_scaleup_max_employees=100)
    assert problems == [
        "auto_scaleup_max_employees: must be at least auto startup max employees (500)"
    ]


def test_assumptions_are_immutable() -> None:
    with pytest.raises(ValueError, match="frozen"):
        Assumptions.defaults().lead_span = 3  # type: ignore[misc]


def test_a_set_saved_before_lifecycles_and_heads_still_validates() -> None:
    """Stored assumption sets from before this model version lack the Head of Data & ML's
    salaries, the run effort, the shared platform curve and the new parameters: they load,
    with the shipped head salaries, every project built in full and nothing shared."""
    old = Assumptions.defaults().model_dump(mode="json")
    for region in old["rates"].values():
        del region["head_of_data"]
    for name in (
        "run_share",
        "shared_work",
        "lead_from_contributors",
        "head_from_leads",
        "warn_team_share",
        "warn_hire_growth",
        "warn_min_hires",
    ):
        del old[name]
    loaded = Assumptions.from_dict(old)
    assert loaded.rates["gb"]["head_of_data"] == Assumptions.defaults().rates["gb"]["head_of_data"]
    assert loaded.run_share == {} and loaded.shared_work == {}
    s = scenario(project_data(count=4, lifecycle="run"), employees=1)
    demand = compute_demand(s, loaded)
    assert demand.total - demand.fte[1].sum() == pytest.approx(
        4 * sum(sum(by_role.values()) for by_role in loaded.effort["tabular"].values())
    )


def test_every_assumption_group_has_a_shipped_uncertainty_around_one() -> None:
    shipped = Assumptions.defaults().uncertainty
    assert list(shipped) == list(UNCERTAINTY_GROUPS)
    for group, spread in shipped.items():
        assert spread.low <= 1 <= spread.high, group
        assert spread.low < spread.high, group
        assert spread.why, group


def test_an_assumption_set_stored_before_ranges_gets_the_shipped_uncertainty() -> None:
    stored = Assumptions.defaults().model_dump()
    del stored["uncertainty"]
    assert Assumptions.from_dict(stored).uncertainty == Assumptions.defaults().uncertainty


def test_a_group_a_set_does_not_list_is_certain() -> None:
    stored = {**Assumptions.defaults().model_dump(), "uncertainty": {}}
    spread = Assumptions.from_dict(stored).uncertainty_of("salaries")
    assert (spread.low, spread.high) == (1.0, 1.0)


def test_a_set_saved_before_depth_needs_scores_a_prototype_as_it_did() -> None:
    """A stored set without ``depth_need`` lets every stage feel the generalists' whole depth
    gap, as the model did when it was saved; the shipped set lets a prototype feel half."""
    old = Assumptions.defaults().model_dump(mode="json")
    del old["depth_need"]
    loaded = Assumptions.from_dict(old)
    assert loaded.depth_need == dict.fromkeys(DEPTH_WORK, 1.0)
    assert Assumptions.defaults().depth_need["prototype"] < 1
    s = scenario(project_data("Lab", stage="prototype"), employees=1)
    generalists = {"full_stack_data_scientist": 2}
    before = evaluate(s, generalists, assumptions=loaded)
    full_gap = evaluate(s, generalists, assumptions=assumptions_with(depth_need={}))
    assert before.quality == full_gap.quality
    assert evaluate(s, generalists).quality > before.quality


@pytest.mark.parametrize(
    ("kind", "fields", "heavier"),
    [
        ("batch_production", {"deployment": "batch"}, {"deployment": "online"}),
        (
            "small_online_production",
            {"deployment": "online", "scale": "small"},
            {"deployment": "online"},
        ),
    ],
)
def test_a_set_saved_before_a_kind_of_work_was_set_apart_scores_it_as_it_did(
    kind: str, fields: dict[str, str], heavier: dict[str, str]
) -> None:
    """A stored set without ``depth_need.<kind>`` (saved before batch-scored production, or
    small online production, was set apart) lets such a model feel the whole depth gap, as
    production work did then; the shipped set lets it feel less, and work of the kind that
    was never set apart (online at medium scale) the whole gap with either set."""
    old = Assumptions.defaults().model_dump(mode="json")
    del old["depth_need"][kind]
    loaded = Assumptions.from_dict(old)
    assert loaded.depth_need[kind] == 1.0
    assert loaded.depth_need["prototype"] == Assumptions.defaults().depth_need["prototype"]
    generalists = {"full_stack_data_scientist": 2}
    model = scenario(project_data("Churn", **fields), employees=1)
    before = evaluate(model, generalists, assumptions=loaded)
    whole_gap = assumptions_with(depth_need={**Assumptions.defaults().depth_need, kind: 1.0})
    assert before.quality == evaluate(model, generalists, assumptions=whole_gap).quality
    assert evaluate(model, generalists).quality > before.quality
    other = scenario(project_data("Churn", **heavier), employees=1)
    assert (
        evaluate(other, generalists).quality
        == evaluate(other, generalists, assumptions=loaded).quality
    )


def test_the_assumptions_page_shows_an_old_sets_prototype_at_the_whole_gap() -> None:
    old = Assumptions.defaults().model_dump()
    del old["depth_need"]
    [generalists] = [g for g in catalog(Assumptions.from_dict(old)) if g.id == "generalists"]
    row = generalists.frame.loc["depth_need.prototype"]
    assert (row["Value"], row["Default"]) == (1.0, 0.5)


def test_an_unknown_uncertainty_group_is_refused_by_name() -> None:
    stored = Assumptions.defaults().model_dump()
    stored["uncertainty"]["effort.astrology"] = {"low": 0.5, "high": 2.0}
    with pytest.raises(AssumptionError, match=r"effort\.astrology"):
        Assumptions.from_dict(stored)
