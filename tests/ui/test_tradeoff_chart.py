"""The Trade-offs chart's budget marker: a budget step changes the chart's budget and chosen
datasets only, so the browser moves the marker instead of drawing a new chart; the datasets
are Arrow tables, so that Streamlit sends them without converting them on every step."""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import recommend
from mlplanner.search.alternatives import alternatives, as_point
from mlplanner.search.frontier import affordable, frontier, sample
from mlplanner.ui.tradeoff_chart import BUDGET_DATA, CHOSEN_DATA, tradeoff_chart, with_budget

FASHION = example_scenarios()["fashion_retailer.json"]
POINTS = frontier(FASHION)
RECOMMENDED = recommend(FASHION)
CLOUD = sample(FASHION, 200)
SPEC = tradeoff_chart(
    POINTS,
    CLOUD,
    alternatives(POINTS, RECOMMENDED, Assumptions.defaults()),
    as_point(RECOMMENDED),
)


def without_datasets(spec: dict[str, Any]) -> str:
    return json.dumps({key: value for key, value in spec.items() if key != "datasets"})


def test_a_budget_step_changes_only_the_marker_datasets() -> None:
    low, high = POINTS[1].annual_cost_usd, POINTS[-1].annual_cost_usd
    first = with_budget(SPEC, low, affordable(POINTS, low))
    second = with_budget(SPEC, high, affordable(POINTS, high))
    assert without_datasets(first) == without_datasets(second)
    changed = {name for name in first["datasets"] if name not in SPEC["datasets"]}
    assert changed == {BUDGET_DATA, CHOSEN_DATA}
    assert first["datasets"][BUDGET_DATA]["cost"].to_pylist() == [low / 1e6]
    assert second["datasets"][BUDGET_DATA]["cost"].to_pylist() == [high / 1e6]
    assert second["datasets"][CHOSEN_DATA]["quality"].to_pylist() == [round(POINTS[-1].quality, 2)]
    for name, rows in SPEC["datasets"].items():  # the cloud, frontier and markers: as built
        assert first["datasets"][name] is rows


def test_a_budget_nothing_fits_rings_no_plan() -> None:
    budget = POINTS[0].annual_cost_usd / 2
    chart = with_budget(SPEC, budget, affordable(POINTS, budget))
    assert chart["datasets"][CHOSEN_DATA].num_rows == 0
    assert chart["datasets"][BUDGET_DATA]["cost"].to_pylist() == [budget / 1e6]


def test_the_chart_sends_only_the_sampled_allocations_inside_its_cost_axis() -> None:
    """The rest would be clipped: never drawn, only sent (most of the spec's bytes)."""
    [context, *_] = SPEC["layer"]
    left, right = context["encoding"]["x"]["scale"]["domain"]
    sent = SPEC["datasets"][context["data"]["name"]]
    inside = [p for p in CLOUD if left <= p.annual_cost_usd / 1e6 <= right]
    assert 0 < len(inside) < len(CLOUD)  # the sample reaches past the frontier's costs
    assert sorted(sent["cost"].to_pylist()) == sorted(p.annual_cost_usd / 1e6 for p in inside)


def test_every_layer_draws_a_named_dataset_holding_its_points() -> None:
    """The data go in as named datasets (Altair never sees the rows): the frontier's line and
    dots draw every frontier point, the markers each named plan and the current plan."""
    names = [layer["data"]["name"] for layer in SPEC["layer"]]
    assert set(names) == set(SPEC["datasets"])
    line, dots, markers = (SPEC["datasets"][name] for name in names[1:])
    assert line is dots
    assert line["quality"].to_pylist() == [round(p.quality, 2) for p in POINTS]
    assert markers["kind"].to_pylist()[-1] == "Current plan"
    assert markers["cost"].to_pylist()[-1] == RECOMMENDED.annual_cost_usd / 1e6


def test_every_dataset_is_an_arrow_table() -> None:
    """Streamlit converts a pandas frame to Arrow on every run, a table it sends as it is."""
    low = POINTS[1].annual_cost_usd
    chart = with_budget(SPEC, low, affordable(POINTS, low))
    assert all(isinstance(rows, pa.Table) for rows in chart["datasets"].values())


def test_the_named_plans_legend_sits_below_the_chart_and_the_subtitle_wraps() -> None:
    # Inside the plot (bottom right) it hid the frontier's points on a phone.
    [legend] = [
        layer["encoding"]["color"]["legend"]
        for layer in SPEC["layer"]
        if "color" in layer.get("encoding", {})
    ]
    assert legend["orient"] == "bottom" and legend["columns"] == 2
    assert len(SPEC["title"]["subtitle"]) >= 2  # the headline's second sentence, in lines
