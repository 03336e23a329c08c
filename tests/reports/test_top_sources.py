"""Charts of many projects: the largest by name, the rest in one bar, the total unchanged."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from mlplanner.model.plan import recommend
from mlplanner.model.scenario import parse_scenario
from mlplanner.reports.attribution import attribution_frame
from mlplanner.reports.top_sources import MAX_BARS, other_sources_label, top_sources
from tests.support.builders import portfolio_data


def frame(people: dict[str, list[float]]) -> pd.DataFrame:
    rows = [
        {"source": source, "role": f"role {i}", "people": value}
        for source, values in people.items()
        for i, value in enumerate(values)
    ]
    return pd.DataFrame(rows, columns=["source", "role", "people"])


def test_few_sources_are_left_alone() -> None:
    data = frame({f"P{i}": [1.0, 2.0] for i in range(4)})
    assert top_sources(data, keep=3).equals(data)  # one more than keep: no group of one


def test_the_smallest_sources_share_one_bar_last_summed_per_role() -> None:
    data = frame({"A": [5.0, 1.0], "B": [0.5, 0.0], "C": [3.0, 3.0], "D": [1.0, 0.25]})
    grouped = top_sources(data, keep=2)
    assert list(dict.fromkeys(grouped["source"])) == ["A", "C", "2 other projects"]
    others = grouped[grouped["source"] == "2 other projects"]
    assert others["people"].tolist() == [1.5, 0.25]
    assert others["role"].tolist() == ["role 0", "role 1"]


def test_label_counts_in_words() -> None:
    assert other_sources_label(1) == "1 other project"
    assert other_sources_label(1185) == "1,185 other projects"


# No deadline: the property is about totals, and on a loaded machine one pandas groupby has
# taken 384 ms (a flaky DeadlineExceeded, not a failure of top_sources).
@settings(deadline=None)
@given(
    st.dictionaries(
        st.text(min_size=1, max_size=5),
        st.lists(st.floats(0.01, 50), min_size=1, max_size=3),
        max_size=40,
    ),
    st.integers(1, 20),
)
def test_total_and_per_role_people_are_kept(people: dict[str, list[float]], keep: int) -> None:
    data = frame(people)
    grouped = top_sources(data, keep=keep)
    assert grouped["source"].nunique() <= keep + 1
    before = data.groupby("role")["people"].sum()
    after = grouped.groupby("role")["people"].sum()
    pd.testing.assert_series_equal(before, after, check_exact=False)


def test_a_plan_of_200_projects_draws_a_readable_chart() -> None:
    plan = recommend(parse_scenario(portfolio_data(200)))
    grouped = top_sources(attribution_frame(plan))
    sources = list(dict.fromkeys(grouped["source"]))
    assert len(sources) == MAX_BARS + 1
    assert sources[-1].endswith("other projects")
    assert round(grouped["people"].sum()) == plan.total_headcount
