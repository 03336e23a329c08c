"""The assumption catalog: every number in an editable table with its default and source, and
edited tables back into a validated assumption set (problems named in the tables' words)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from mlplanner.errors import field_path
from mlplanner.model.assumption_catalog import (
    TABS,
    AssumptionEditError,
    Group,
    apply_edit_state,
    assumptions_from_frames,
    catalog,
    changes,
    edited_assumptions,
    format_value,
    parameter_group,
    parameter_path,
    sources_section,
)
from mlplanner.model.assumptions import Assumptions, parameter_table
from mlplanner.model.plan import recommend
from mlplanner.model.rates import rate_card_frame, region_name
from tests.support.builders import project_data, scenario

DEFAULTS = Assumptions.defaults()
SALARY = "Salary (USD a year)"
VENDOR_PRICE = "Price (USD per FTE-year)"


@pytest.fixture(scope="module")
def groups() -> dict[str, Group]:
    return {group.id: group for group in catalog(DEFAULTS)}


def edit(group: Group, row_id: str, column: str, value: Any) -> dict[str, Any]:
    """A data editor's edit state changing one cell, found by row id."""
    position = list(group.frame.index).index(row_id)
    return {"edited_rows": {position: {column: value}}, "added_rows": [], "deleted_rows": []}


def problems_of(groups: dict[str, Group], states: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(AssumptionEditError) as caught:
        edited_assumptions(DEFAULTS, list(groups.values()), states)
    return [(p.group, p.text) for p in caught.value.edit_problems]


def leaf_paths(data: Any, path: tuple[Any, ...] = ()) -> set[str]:
    """Paths of every number and flag in a model dump (texts left out)."""
    if isinstance(data, dict):
        return set().union(*(leaf_paths(v, (*path, k)) for k, v in data.items()))
    if isinstance(data, list | tuple):
        return set().union(*(leaf_paths(v, (*path, i)) for i, v in enumerate(data)))
    return {field_path(path)} if isinstance(data, int | float) else set()


def test_every_number_of_the_model_is_in_exactly_one_table(groups: dict[str, Group]) -> None:
    cells = [field_path(path) for g in groups.values() for path in g.cells.values()]
    assert len(cells) == len(set(cells))
    assert set(cells) == leaf_paths(DEFAULTS.model_dump())
    assert {g.tab for g in groups.values()} == set(TABS)


def test_parameters_map_to_their_fields_with_their_source(groups: dict[str, Group]) -> None:
    dump = DEFAULTS.model_dump()
    for row in parameter_table().itertuples(index=False):
        group = groups[parameter_group(row.name)]
        value: Any = dump  # a nested dict or list until the path reaches its number
        for part in parameter_path(row.name):
            value = value[part]
        assert value == pytest.approx(float(row.value)), row.name
        assert group.frame.at[row.name, "Value"] == pytest.approx(float(row.value))
        assert group.frame.at[row.name, "Default"] == pytest.approx(float(row.value))
        assert group.frame.at[row.name, "Source"] == row.source


def test_a_parameter_no_table_names_is_still_shown(groups: dict[str, Group]) -> None:
    assert parameter_group("brand_new_parameter") == "other"
    assert "other" not in groups, "every shipped parameter has its table"
    with pytest.raises(KeyError, match="no field"):
        parameter_path("somewhere.brand_new_parameter")


def test_salary_rows_show_default_and_survey_source(groups: dict[str, Group]) -> None:
    rates = groups["rates"]
    card = rate_card_frame()
    assert len(rates.frame) == len(card)
    analyst = rates.frame.loc["us|data_analyst"]
    assert (analyst["Region"], analyst["Role"]) == ("United States", "Data Analyst")
    assert analyst[SALARY] == analyst["Default"] == 101_000
    assert analyst["Source"] == "role median, 4,868 survey rows"
    assert rates.frame.loc["us|annotator", "Source"].startswith("assumption")
    assert "aijobs.net" in rates.source


def test_vendor_prices_are_one_row_per_region_with_their_source(
    groups: dict[str, Group],
) -> None:
    vendor = groups["vendor"]
    assert vendor.tab == "Salaries and costs"
    assert list(vendor.frame.index) == list(DEFAULTS.vendor_annotation_usd_per_fte)
    india = vendor.frame.loc["in"]
    assert india["Region"] == region_name("in")
    assert india[VENDOR_PRICE] == india["Default"] == DEFAULTS.vendor_price("in")
    assert "markup" in vendor.source and vendor.source.startswith("**Source")
    assert "vendor_annotation_usd_per_fte" not in set(parameter_table()["name"])


def test_a_vendor_price_edit_changes_that_regions_vendor_line(groups: dict[str, Group]) -> None:
    state = edit(groups["vendor"], "in", VENDOR_PRICE, 30_000)
    edited = edited_assumptions(DEFAULTS, list(groups.values()), {"vendor": state})
    assert edited.vendor_price("in") == 30_000
    assert edited.vendor_price("us") == DEFAULTS.vendor_price("us")
    labelled = project_data(name="Vision", domain="computer_vision", annotation="outsourced")
    plan = recommend(scenario(labelled, region="in"), assumptions=edited)
    [line] = plan.vendor_lines
    assert line.annual_cost_usd == round(line.fte_equivalent * 30_000)
    [change] = changes(catalog(edited))
    assert (change.group, change.item) == ("Outsourced annotation per region", region_name("in"))
    assert (change.default, change.value) == (DEFAULTS.vendor_price("in"), 30_000)


def test_table_sources_come_from_sources_md(groups: dict[str, Group]) -> None:
    for group_id in ("rates", "vendor", "effort", "adjustments", "setups"):
        assert groups[group_id].source.startswith("**Source"), group_id
        assert not groups[group_id].source.endswith(":")
    with pytest.raises(KeyError, match="no section"):
        sources_section("Nothing like this")


def test_unedited_tables_give_back_the_same_assumptions(groups: dict[str, Group]) -> None:
    assert edited_assumptions(DEFAULTS, list(groups.values()), {}) == DEFAULTS
    frames = {g.id: g.frame for g in groups.values()}
    assert assumptions_from_frames(DEFAULTS, list(groups.values()), frames) == DEFAULTS
    assert changes(list(groups.values())) == []


def test_a_salary_edit_changes_the_rate_and_the_plan_cost(groups: dict[str, Group]) -> None:
    state = edit(groups["rates"], "us|data_scientist", SALARY, 200_000)
    edited = edited_assumptions(DEFAULTS, list(groups.values()), {"rates": state})
    assert edited.rates["us"]["data_scientist"] == 200_000
    assert edited.rates["us"]["data_engineer"] == DEFAULTS.rates["us"]["data_engineer"]
    s = scenario(project_data("Churn"), setup="mature")
    before, after = recommend(s, assumptions=DEFAULTS), recommend(s, assumptions=edited)
    people = after.allocation["data_scientist"]
    assert people > 0
    raised = people * (200_000 - DEFAULTS.rates["us"]["data_scientist"])
    expected = raised * DEFAULTS.loaded_cost_multiplier
    assert after.annual_cost_usd - before.annual_cost_usd == pytest.approx(expected, abs=2)
    [change] = changes(catalog(edited))
    assert (change.group, change.item) == (
        "Salaries per role and region",
        "United States, Data Scientist",
    )
    assert (change.default, change.value) == (157_000, 200_000)


def test_edits_to_every_kind_of_table_apply(groups: dict[str, Group]) -> None:
    states = {
        "effort": edit(groups["effort"], "tabular|modeling|data_scientist", "FTE", 2.0),
        "adjustments": edit(groups["adjustments"], "1", "Multiplier", 3.0),
        "setups": edit(groups["setups"], "scaleup", "Generalists do all data science", True),
        "span": edit(groups["span"], "lead_span", "Value", 6.0),
        "quality": {
            "edited_rows": {
                0: {"Value": 0.4},
                1: {"Value": 0.35},
            }
        },
    }
    edited = edited_assumptions(DEFAULTS, list(groups.values()), states)
    assert edited.effort["tabular"]["modeling"]["data_scientist"] == 2.0
    assert edited.adjustments[1].multiplier == 3.0
    assert edited.adjustments[1].why == DEFAULTS.adjustments[1].why
    assert edited.setups["scaleup"].generalists_absorb_data_science is True
    assert edited.lead_span == 6 and isinstance(edited.lead_span, int)
    assert edited.lead_gap_penalty == 0.4 and edited.delivery_headroom == 0.35
    assert len(changes(catalog(edited))) == 6


def test_a_negative_salary_is_refused_naming_the_table_and_row(groups: dict[str, Group]) -> None:
    state = edit(groups["rates"], "us|data_engineer", SALARY, -5)
    assert problems_of(groups, {"rates": state}) == [
        (
            "rates",
            "Salaries per role and region › United States, Data Engineer: "
            "must be more than 0 (got -5.0)",
        )
    ]


def test_a_weakest_link_above_one_is_refused(groups: dict[str, Group]) -> None:
    state = edit(groups["quality"], "weakest_link.production.deployment", "Value", 1.5)
    [(group, text)] = problems_of(groups, {"quality": state})
    assert group == "quality"
    assert "weakest link" in text.lower() and "1" in text


@pytest.mark.parametrize(
    ("group_id", "row_id", "column", "value", "message"),
    [
        ("vendor", "in", VENDOR_PRICE, -5.0, "must be at least 0"),
        (
            "effort",
            "computer_vision|modeling|research_scientist",
            "FTE",
            None,
            "is empty: enter a number",
        ),
        ("span", "lead_span", "Value", 8.5, "must be a whole number (got 8.5)"),
        ("adjustments", "2", "Multiplier", -1.0, "multiplier: must be at least 0"),
        ("setups", "startup", "Round up from", 0.0, "round up from: must be more than 0"),
        (
            "auto_setup",
            "auto_scaleup_max_employees",
            "Value",
            10.0,
            "must be at least auto startup max employees",
        ),
    ],
)
def test_invalid_edits_are_refused_with_a_message_naming_the_field(
    groups: dict[str, Group], group_id: str, row_id: str, column: str, value: Any, message: str
) -> None:
    state = edit(groups[group_id], row_id, column, value)
    [(group, text)] = problems_of(groups, {group_id: state})
    assert group == group_id
    assert text.startswith(groups[group_id].title + " › " + groups[group_id].labels[row_id])
    assert message in text


def test_apply_edit_state_reads_string_positions_and_ignores_the_rest() -> None:
    frame = pd.DataFrame({"A": [1.0, 2.0], "B": ["x", "y"]}, index=["r1", "r2"])
    state = {
        "edited_rows": {"1": {"A": 5.0, "Unknown": 1}, 7: {"A": 9.0}},
        "added_rows": [{"A": 3.0}],
        "deleted_rows": [0],
    }
    result = apply_edit_state(frame, state)
    assert list(result["A"]) == [1.0, 5.0]
    assert list(result.index) == ["r1", "r2"]
    assert list(frame["A"]) == [1.0, 2.0]
    assert apply_edit_state(frame, None).equals(frame)


@pytest.mark.parametrize(
    ("value", "shown"),
    [(120_000.0, "120,000"), (0.85, "0.85"), (True, "yes"), (False, "no"), (None, "—")],
)
def test_values_are_shown_as_the_tables_show_them(value: Any, shown: str) -> None:
    assert format_value(value) == shown
