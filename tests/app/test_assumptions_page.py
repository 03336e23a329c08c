"""Assumptions page (AppTest): every table editable with defaults and sources; valid edits apply
to the current plan at once, invalid ones are refused with a message; reset; edits survive
leaving the page."""

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from mlplanner.examples import example_scenarios
from mlplanner.model.assumption_catalog import TABS, catalog
from mlplanner.model.assumptions import UNCERTAINTY_GROUPS, Assumptions
from mlplanner.model.plan import recommend
from mlplanner.model.set_names import SHIPPED_DEFAULTS
from mlplanner.model.wording import format_usd
from mlplanner.ui.catalog_cache import cached_catalog
from mlplanner.ui.state import IN_FORCE, InForce
from tests.app.apptest import (
    ASSUMPTIONS_PAGE,
    COMPARE_PAGE,
    PLAN_PAGE,
    assumption_editor_key,
    button,
    edit_assumption,
    go_to,
    key_of,
    metric,
    open_app,
    open_assumption_tab,
    run,
    texts,
)
from tests.support.builders import assumptions_with

COST = "Current plan: annual cost"
FASHION = example_scenarios()["fashion_retailer.json"]
SALARY = "Salary (USD a year)"
US_DATA_ANALYST = 0  # first row of the salary table


def assumptions_page() -> AppTest:
    return go_to(open_app(FASHION), ASSUMPTIONS_PAGE)


def in_force(at: AppTest) -> Assumptions:
    return (
        at.session_state[IN_FORCE].assumptions
        if IN_FORCE in at.session_state
        else Assumptions.defaults()
    )


def test_every_table_is_an_editor_with_defaults_and_sources() -> None:
    at = assumptions_page()
    groups = catalog(Assumptions.defaults())
    assert [tab.label for tab in at.tabs] == list(TABS)
    captions = " ".join(texts(at.caption))
    assert "aijobs.net" in captions
    assert "Source" in captions
    assert metric(at, "Numbers changed") == "0"
    assert button(at, "Reset to shipped defaults").disabled
    for tab in TABS:
        open_assumption_tab(at, tab)
        # Only the open tab's tables are drawn.
        shown = [group for group in groups if group.tab == tab]
        assert shown
        assert len(at.data_editor) == len(shown)
        for group, editor in zip(shown, at.data_editor, strict=True):
            assert key_of(editor).endswith(f".{group.id}")
            assert list(editor.value.columns) == list(group.frame.columns)
            assert "Default" in " ".join(editor.value.columns)
        assert all(not other.get("data_editor") for other in at.tabs if other.label != tab)


def test_the_salary_table_fits_a_phone_with_the_salary_in_view() -> None:
    """Region, role and salary columns of fixed widths that add up to less than a 390 px
    screen's table (about 358 px), so a phone shows every salary without scrolling sideways
    (a right-aligned number in a column cut off by the screen's edge is not seen at all)."""
    at = assumptions_page()
    columns = json.loads(at.data_editor[0].proto.columns)
    salary = "Salary (USD a year)"
    assert list(columns)[:3] == ["Region", "Role", salary]
    widths = [columns[name]["width"] for name in ("Region", "Role", salary)]
    assert all(isinstance(width, int) for width in widths) and sum(widths) <= 358


def test_edits_in_a_closed_tab_are_kept_and_still_apply() -> None:
    """The Salaries tab closes after an edit (its editor is no longer drawn): the edit stays
    in force, counts among the changes, and its table shows it when the tab opens again."""
    at = assumptions_page()
    edit_assumption(at, "rates", US_DATA_ANALYST, SALARY, 200_000)
    edit_assumption(at, "quality", 0, "Value", 0.4)
    assert len(at.data_editor) < len(catalog(Assumptions.defaults()))
    assert in_force(at).rates["us"]["data_analyst"] == 200_000
    assert metric(at, "Numbers changed") == "2"

    open_assumption_tab(at, TABS[0])
    assert at.data_editor[0].value.iloc[US_DATA_ANALYST][SALARY] == 200_000
    assert in_force(at).rates["us"]["data_analyst"] == 200_000
    assert metric(at, "Numbers changed") == "2"
    # Edited again from the kept table: both edits count, neither twice.
    edit_assumption(at, "rates", US_DATA_ANALYST + 1, SALARY, 150_000)
    assert in_force(at).rates["us"]["data_analyst"] == 200_000
    assert in_force(at).rates["us"]["data_engineer"] == 150_000
    assert metric(at, "Numbers changed") == "3"


def test_a_refused_edit_in_a_closed_tab_stays_refused_and_listed() -> None:
    at = assumptions_page()
    edit_assumption(at, "rates", 1, SALARY, -5)
    open_assumption_tab(at, "Demand")
    problem = "Salaries per role and region › United States, Data Engineer: must be more than 0"
    assert any(problem in e for e in texts(at.error))
    assert in_force(at) == Assumptions.defaults()
    open_assumption_tab(at, TABS[0])
    assert at.data_editor[0].value.iloc[1][SALARY] == -5
    edit_assumption(at, "rates", 1, SALARY, 120_000)
    assert not at.error
    assert in_force(at).rates["us"]["data_engineer"] == 120_000


def test_leaving_the_page_starts_the_editing_over() -> None:
    """Kept edits belong to the editing under way: valid ones are in force and stay; a refused
    one is dropped when the page is opened anew, as it was before tabs were drawn apart."""
    at = assumptions_page()
    edit_assumption(at, "rates", US_DATA_ANALYST, SALARY, 200_000)
    edit_assumption(at, "vendor", 0, "Price (USD per FTE-year)", -1)
    open_assumption_tab(at, "Demand")
    assert at.error
    go_to(at, COMPARE_PAGE)
    go_to(at, ASSUMPTIONS_PAGE)
    assert not at.error
    assert in_force(at).rates["us"]["data_analyst"] == 200_000
    assert at.data_editor[0].value.iloc[US_DATA_ANALYST][SALARY] == 200_000
    assert metric(at, "Numbers changed") == "1"


def test_editing_a_salary_changes_the_plan_cost_at_once() -> None:
    at = assumptions_page()
    before = recommend(FASHION)
    assert metric(at, COST) == format_usd(before.annual_cost_usd)

    edit_assumption(at, "rates", US_DATA_ANALYST, SALARY, 200_000)

    edited = in_force(at)
    assert edited.rates["us"]["data_analyst"] == 200_000
    after = recommend(FASHION, assumptions=edited)
    analysts = after.allocation["data_analyst"]
    expected = before.annual_cost_usd + round(analysts * 99_000 * edited.loaded_cost_multiplier)
    assert abs(after.annual_cost_usd - expected) <= analysts
    assert metric(at, COST) == format_usd(after.annual_cost_usd)
    assert metric(at, "Numbers changed") == "1"
    assert at.session_state[IN_FORCE].name == f"{SHIPPED_DEFAULTS} (edited)"
    assert not at.error

    go_to(at, PLAN_PAGE)
    assert metric(at, "Annual cost").startswith(format_usd(after.annual_cost_usd))


def test_editing_the_regions_vendor_price_changes_the_plan_cost_at_once() -> None:
    """The enterprise example buys labelling from vendors (in the US): its vendor lines follow
    the US row of the vendor table, with the table's source shown above it."""
    enterprise = example_scenarios()["enterprise_portfolio.json"]
    at = go_to(open_app(enterprise), ASSUMPTIONS_PAGE)
    assert "markup" in " ".join(texts(at.caption))
    before = recommend(enterprise)
    assert metric(at, COST) == format_usd(before.annual_cost_usd)
    us_row = list(Assumptions.defaults().vendor_annotation_usd_per_fte).index("us")

    edit_assumption(at, "vendor", us_row, "Price (USD per FTE-year)", 100_000)

    edited = in_force(at)
    assert edited.vendor_price("us") == 100_000
    assert edited.vendor_price("in") == Assumptions.defaults().vendor_price("in")
    after = recommend(enterprise, assumptions=edited)
    assert after.vendor_cost_usd == sum(
        round(line.fte_equivalent * 100_000) for line in before.vendor_lines
    )
    assert after.staff_cost_usd == before.staff_cost_usd
    assert metric(at, COST) == format_usd(after.annual_cost_usd)
    assert metric(at, "Numbers changed") == "1"
    assert not at.error


def test_a_negative_salary_is_refused_and_the_plan_is_unchanged() -> None:
    at = assumptions_page()
    edit_assumption(at, "rates", 1, SALARY, -5)
    errors = texts(at.error)
    assert any(
        "Salaries per role and region › United States, Data Engineer: must be more than 0" in e
        for e in errors
    )
    assert in_force(at) == Assumptions.defaults()
    assert metric(at, COST) == format_usd(recommend(FASHION).annual_cost_usd)
    assert metric(at, "Numbers changed") == "0"


def test_quality_parameters_out_of_range_are_refused_and_the_plan_is_unchanged() -> None:
    at = assumptions_page()
    rows = list(next(g for g in catalog(Assumptions.defaults()) if g.id == "quality").frame.index)
    quality = f"{recommend(FASHION).quality:.1f}"
    for key, bad, problem in [
        ("quality.delivery_headroom", 1.0, "quality: delivery headroom: must be less than 1"),
        ("quality.resilience_weight", 1.5, "quality: resilience weight: must be at most 1"),
        (
            "weakest_link.production.deployment",
            -0.2,
            "weakest link: production: deployment: must be at least 0",
        ),
    ]:
        edit_assumption(at, "quality", rows.index(key), "Value", bad)
        errors = " ".join(texts(at.error))
        assert f"Quality: delivery, weakest links and risks › {problem} (got {bad})" in errors
        assert in_force(at) == Assumptions.defaults()
        assert metric(at, "Current plan: quality") == quality
    edit_assumption(at, "quality", rows.index("quality.resilience_weight"), "Value", 0.5)
    assert not at.error
    assert in_force(at).resilience_weight == 0.5


def test_fixing_a_refused_edit_applies_it() -> None:
    at = assumptions_page()
    edit_assumption(at, "rates", US_DATA_ANALYST, SALARY, -1)
    assert at.error
    edit_assumption(at, "rates", US_DATA_ANALYST, SALARY, 120_000)
    assert not at.error
    assert in_force(at).rates["us"]["data_analyst"] == 120_000


def test_reset_puts_the_shipped_defaults_back_and_starts_fresh_editors() -> None:
    at = assumptions_page()
    edit_assumption(at, "rates", US_DATA_ANALYST, SALARY, 200_000)
    old_key = assumption_editor_key(at, "rates")
    button(at, "Reset to shipped defaults").click()
    run(at)
    assert in_force(at) == Assumptions.defaults()
    assert at.session_state[IN_FORCE].name == SHIPPED_DEFAULTS
    assert assumption_editor_key(at, "rates") != old_key
    assert at.data_editor[0].value.iloc[US_DATA_ANALYST][SALARY] == 101_000
    assert metric(at, COST) == format_usd(recommend(FASHION).annual_cost_usd)


def test_edits_survive_leaving_the_page() -> None:
    at = assumptions_page()
    edit_assumption(at, "rates", US_DATA_ANALYST, SALARY, 200_000)
    go_to(at, COMPARE_PAGE)
    go_to(at, ASSUMPTIONS_PAGE)
    assert in_force(at).rates["us"]["data_analyst"] == 200_000
    assert at.data_editor[0].value.iloc[US_DATA_ANALYST][SALARY] == 200_000
    assert metric(at, "Numbers changed") == "1"


def test_assumptions_changed_elsewhere_restart_the_editors_from_them() -> None:
    at = assumptions_page()
    edit_assumption(at, "rates", US_DATA_ANALYST, SALARY, 200_000)
    chosen = assumptions_with(lead_span=5)
    at.session_state[IN_FORCE] = InForce(chosen, "Team Topologies strict")
    run(at)
    assert in_force(at) == chosen
    assert at.data_editor[0].value.iloc[US_DATA_ANALYST][SALARY] == 101_000
    assert "Team Topologies strict" in " ".join(texts(at.markdown))


ENTERPRISE = example_scenarios()["enterprise_portfolio.json"]
DEPLOYMENT = 5  # row of the deployment phase in the per-phase tables


def test_editing_the_run_effort_changes_the_plan_of_live_models() -> None:
    at = go_to(open_app(ENTERPRISE), ASSUMPTIONS_PAGE)
    before = recommend(ENTERPRISE)
    assert metric(at, COST) == format_usd(before.annual_cost_usd)

    edit_assumption(at, "run_share", DEPLOYMENT, "Share of build effort", 1.0)

    edited = in_force(at)
    assert edited.run_share["deployment"] == 1.0
    after = recommend(ENTERPRISE, assumptions=edited)
    assert after.demand.by_role["ml_engineer"] > before.demand.by_role["ml_engineer"]
    assert after.annual_cost_usd > before.annual_cost_usd
    assert metric(at, COST) == format_usd(after.annual_cost_usd)
    assert not at.error


def test_editing_the_shared_platform_curve_changes_the_plan() -> None:
    at = go_to(open_app(ENTERPRISE), ASSUMPTIONS_PAGE)
    before = recommend(ENTERPRISE)

    edit_assumption(at, "shared_work", DEPLOYMENT, "Curve exponent", 1.0)  # nothing shared any more

    edited = in_force(at)
    assert edited.shared_work["deployment"].exponent == 1.0
    after = recommend(ENTERPRISE, assumptions=edited)
    assert after.demand.by_role["ml_engineer"] > before.demand.by_role["ml_engineer"]
    assert metric(at, COST) == format_usd(after.annual_cost_usd)
    assert after.annual_cost_usd != before.annual_cost_usd
    assert not at.error


def test_editing_an_uncertainty_range_is_kept_in_the_assumption_set() -> None:
    at = assumptions_page()

    nlp = UNCERTAINTY_GROUPS.index("effort.nlp")
    edit_assumption(at, "uncertainty", nlp, "High multiplier", 2.5)

    assert in_force(at).uncertainty_of("effort.nlp").high == 2.5
    assert not at.error


def test_an_uncertainty_below_one_as_high_is_refused() -> None:
    at = assumptions_page()

    edit_assumption(at, "uncertainty", UNCERTAINTY_GROUPS.index("salaries"), "High multiplier", 0.5)

    assert in_force(at).uncertainty_of("salaries") == Assumptions.defaults().uncertainty_of(
        "salaries"
    )
    assert "Salaries, high multiplier: must be at least 1" in " ".join(texts(at.error))


def test_edits_leave_the_shared_catalog_of_the_defaults_as_shipped() -> None:
    """The catalog is one object shared by every session (ui/catalog_cache.py): an edit
    applies to a copy, never to the tables every other session starts from."""
    at = assumptions_page()
    edit_assumption(at, "rates", US_DATA_ANALYST, SALARY, 200_000)
    edit_assumption(at, "quality", 0, "Value", 0.5)
    shipped = catalog(Assumptions.defaults())
    for kept, fresh in zip(cached_catalog(Assumptions.defaults()), shipped, strict=True):
        pd.testing.assert_frame_equal(kept.frame, fresh.frame)
