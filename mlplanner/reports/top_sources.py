"""A chart's readable size: the largest projects by name, the rest as one "N other projects" bar.

With 200 projects a bar per project makes a chart some 7,000 px tall that nobody reads; the
first :data:`MAX_BARS` bars show the projects that draw the most people, and one more bar
holds everything else, so the chart's total stays the plan's total.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

MAX_BARS: Final = 15


def other_sources_label(count: int) -> str:
    """``1 other project`` / ``185 other projects``."""
    return f"{count:,} other project" + ("" if count == 1 else "s")


def top_sources(
    data: pd.DataFrame, keep: int = MAX_BARS, source: str = "source", value: str = "people"
) -> pd.DataFrame:
    """``data`` (one row per source and category) with every source beyond the ``keep``
    largest (by summed ``value``) renamed to one :func:`other_sources_label` source.

    With at most ``keep + 1`` sources nothing is grouped (grouping one project would only hide
    its name). Kept sources stay in their original order; the group comes last, its rows
    summed per category (every column but ``value``), so its bar has one segment each.
    """
    totals = data.groupby(source, sort=False)[value].sum()
    if len(totals) <= keep + 1:
        return data
    label = other_sources_label(len(totals) - keep)
    renamed = data.copy()
    renamed.loc[~renamed[source].isin(set(totals.nlargest(keep).index)), source] = label
    keys = [column for column in data.columns if column != value]
    summed = renamed.groupby(keys, sort=False, as_index=False)[value].sum()
    last = (summed[source] == label).to_numpy()
    return pd.concat([summed[~last], summed[last]], ignore_index=True)[list(data.columns)]
