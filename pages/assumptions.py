"""Assumptions page: every number the model uses, with its default and source, editable;
saved and loaded as named assumption sets."""

from __future__ import annotations

from typing import Any, Literal

import pandas as pd
import streamlit as st

from mlplanner.model.assumption_catalog import (
    DEFAULT,
    SOURCE,
    TABS,
    Group,
    format_value,
)
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.wording import format_usd
from mlplanner.reports.deltas import delta, quality_change
from mlplanner.ui.assumption_editor import (
    TAB_KEY,
    editing,
    editor_frame,
    editor_key,
    problems,
    reset_to_defaults,
    sync_edits,
)
from mlplanner.ui.assumption_sets import render_set_controls
from mlplanner.ui.catalog_cache import cached_changes
from mlplanner.ui.messages import render_flash
from mlplanner.ui.state import current_plan, get_assumption_set_name, get_assumptions
from mlplanner.ui.table_height import table_height
from mlplanner.ui.text import plain

# Long texts: wide enough to read, narrow enough that the numbers stay in view. Region and role
# names in pixels, so that on a phone's 390 px the salary beside them shows without scrolling
# (a right-aligned number in a column cut off by the screen's edge is not seen at all).
TEXT_WIDTHS: dict[str, Literal["small", "medium", "large"] | int] = {
    "Source": "large",
    "Meaning": "medium",
    "Why": "large",
    "Description": "large",
    "Region": 100,
    "Role": 150,
}
MONEY_WIDTH = 100


def column_config(group: Group) -> dict[str, Any]:
    """Formats and help of a table's columns: money as dollars, editable cells explained."""
    config: dict[str, Any] = {}
    money = group.id in ("rates", "vendor")
    for column in group.frame.columns:
        if column in TEXT_WIDTHS:
            config[column] = st.column_config.TextColumn(column, width=TEXT_WIDTHS[column])
        elif column in group.editable and group.frame[column].dtype == bool:
            config[column] = st.column_config.CheckboxColumn(column, help=group.help)
        elif column in group.editable:
            config[column] = st.column_config.NumberColumn(
                column,
                help=group.help,
                format="localized" if money else None,
                width=MONEY_WIDTH if money else None,
            )
        elif money and column == DEFAULT:
            config[column] = st.column_config.NumberColumn(
                column, help="The shipped value.", format="localized"
            )
    return config


state = editing()
sync_edits(state)
assumptions = get_assumptions()
shipped = Assumptions.defaults()
plan = current_plan()
effect = delta(current_plan(shipped), plan, "current")
changed = cached_changes(assumptions)
quality_shift = quality_change(plan.quality, effect.baseline.quality)

st.title("Assumptions")
st.caption(
    "Every number the model uses. They are rules of thumb, not measurements: edit any of them "
    "and valid edits apply to the current plan at once. Each row shows its shipped default "
    "and its source."
)

st.markdown(f"Assumption set in force: **{plain(get_assumption_set_name())}**")
changed_col, cost_col, quality_col = st.columns(3)
changed_col.metric(
    "Numbers changed",
    f"{len(changed):,}",
    help="Numbers that differ from the shipped defaults (listed below the tables).",
    border=True,
)
cost_col.metric(
    "Current plan: annual cost",
    format_usd(plan.annual_cost_usd),
    delta=f"{format_usd(effect.cost_delta_usd)} vs defaults" if effect.cost_delta_usd else None,
    delta_color="inverse",
    help="The current plan's yearly cost with these assumptions; the change is against the "
    "same plan under the shipped defaults.",
    border=True,
)
quality_col.metric(
    "Current plan: quality",
    f"{plan.quality:.1f}" if plan.scored else "No score",
    delta=None if quality_shift is None else f"{quality_shift} vs defaults",
    help="The current plan's quality score (0-100) with these assumptions.",
    border=True,
)

found = problems()
if found:
    st.error(
        "**These edits are not applied** (the plan still uses the last valid numbers):\n\n"
        + "\n".join(f"- {problem.text}" for problem in found)
    )

render_flash()
render_set_controls(can_save=not found)
st.button(
    "Reset to shipped defaults",
    on_click=reset_to_defaults,
    disabled=assumptions == shipped and not found,
    help="Puts every number back to the value shipped in data/*.csv and drops all edits.",
)

# Only the open tab is drawn (choosing another reruns the page): the eighteen tables, each a
# data editor, were sent and laid out on every run. Edits in a closed tab are kept
# (ui/assumption_editor.py) and count in the plan all the same.
tabs = st.tabs(list(TABS), key=TAB_KEY, on_change="rerun")
for tab, tab_name in zip(tabs, TABS, strict=True):
    if not tab.open:
        continue
    with tab:
        for group in (g for g in state.groups if g.tab == tab_name):
            st.subheader(group.title)
            st.caption(group.help)
            st.data_editor(
                editor_frame(group),
                key=editor_key(group.id),
                hide_index=True,
                width="stretch",
                height=table_height(len(group.frame)),
                disabled=[c for c in group.frame.columns if c not in group.editable],
                column_config=column_config(group),
            )
            for problem in found:
                if problem.group == group.id:
                    st.error(plain(problem.text))
            st.caption(group.source)

st.subheader("Changed from the shipped defaults")
if changed:
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Table": c.group,
                    "Number": c.item,
                    "Default": format_value(c.default),
                    "Now": format_value(c.value),
                }
                for c in changed
            ]
        ),
        hide_index=True,
        width="stretch",
    )
else:
    st.caption("Nothing: every number is the shipped default. Edit a cell above to change one.")

st.caption(f"Sources of every table: data/SOURCES.md. {SOURCE} columns quote data/*.csv.")
