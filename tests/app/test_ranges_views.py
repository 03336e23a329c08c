"""Ranges on the pages (AppTest): the Plan page's ranges in words, range column and tornado
chart; the Timeline page's bands; a range per setup on Compare."""

from __future__ import annotations

from typing import Any

from mlplanner.examples import example_scenarios
from mlplanner.model.plan import recommend
from mlplanner.model.roles import ROLES
from mlplanner.ranges.plan_ranges import plan_ranges
from mlplanner.ranges.sensitivity import sensitivity
from mlplanner.reports.range_texts import people_range, usd_range
from mlplanner.ui.plan_views import RANGE_COLUMN
from mlplanner.ui.ranges_views import TIMELINE_BANDS_KEY, TORNADO_KEY, TORNADO_LABEL
from mlplanner.ui.state import OVERRIDE, Override
from tests.app.apptest import (
    COMPARE_PAGE,
    PLAN_PAGE,
    TIMELINE_PAGE,
    chart_specs,
    chart_titles,
    go_to,
    open_app,
    open_expanders,
    texts,
    title,
)

FASHION = example_scenarios()["fashion_retailer.json"]


def page(name: str) -> Any:
    return go_to(open_app(FASHION), name)


def test_plan_page_says_how_firm_the_plan_is_beside_the_point_figures() -> None:
    at = page(PLAN_PAGE)
    ranges = plan_ranges(FASHION)
    words = (
        f"**How firm:** {people_range(ranges.total_headcount)} and "
        f"{usd_range(ranges.annual_cost_usd)} a year, 80% of the time"
    )
    assert words in texts(at.markdown)
    table = at.dataframe[0].value
    expected = [
        f"{int(b.p10)}" if b.p10 == b.p90 else f"{int(b.p10)}–{int(b.p90)}"
        for b in (*(ranges.roles[role] for role in ROLES), ranges.total_headcount)
    ]
    assert list(table[RANGE_COLUMN]) == expected  # every role, then the Total row
    assert not at.error


def test_plan_page_shows_the_tornado_with_the_managers_sentence() -> None:
    at = page(PLAN_PAGE)
    result = sensitivity(FASHION)
    assert result.headline in texts(at.markdown)
    # The chart is drawn only once its expander is opened (it is below the fold).
    assert [e.label for e in at.expander if e.label == TORNADO_LABEL] == [TORNADO_LABEL]
    assert not [s for s in chart_specs(at) if title(s).endswith("what moves it")]
    at = open_expanders(at, TORNADO_KEY)
    (tornado,) = [s for s in chart_specs(at) if title(s).endswith("what moves it")]
    bars = tornado["layer"][0]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["x2"]["field"] == "point"
    moving = [s.assumption for s in result.swings if s.cost_swing_usd]
    assert bars["encoding"]["y"]["sort"] == moving
    assert title(tornado) == f"Yearly cost ${result.cost_usd / 1e6:.2f}M: what moves it"


def test_an_adopted_allocation_shows_no_ranges() -> None:
    at = open_app(FASHION)
    at.session_state[OVERRIDE] = Override(allocation=recommend(FASHION).allocation, label="mine")
    at = go_to(at, PLAN_PAGE)
    assert not any(t.startswith("**How firm:**") for t in texts(at.markdown))
    assert RANGE_COLUMN not in at.dataframe[0].value.columns
    assert not any(t.endswith("what moves it") for t in chart_titles(at))


def test_timeline_page_shows_bands_around_headcount_and_cumulative_cost() -> None:
    at = open_expanders(page(TIMELINE_PAGE), TIMELINE_BANDS_KEY)
    titles = chart_titles(at)
    assert "People: P10–P90 over 40 draws" in titles
    assert "Cumulative cost: P10–P90 over 40 draws" in titles
    assert not at.error


def test_compare_page_shows_a_range_per_setup() -> None:
    at = page(COMPARE_PAGE)
    ranges = [t for t in texts(at.caption) if t.startswith("**Range:**")]
    assert len(ranges) == 3
    assert all("80% of the time" in t for t in ranges)
    assert not at.error
