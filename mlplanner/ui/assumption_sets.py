"""Named assumption sets in the app: save the set in force under a name, load one, delete one.

The actions are widget callbacks: one data-layer call in its own session, then a one-off
message (see :func:`mlplanner.ui.messages.flash`); a bad name or an unreachable database
becomes a message, never a traceback. A loaded set applies to every page at once.
"""

from __future__ import annotations

from typing import Final

import streamlit as st

from mlplanner.errors import PlannerInputError
from mlplanner.model.set_names import is_shipped_defaults, unmarked
from mlplanner.storage import assumption_sets
from mlplanner.storage.models import NAME_MAX, AssumptionSetSummary
from mlplanner.ui import widgets
from mlplanner.ui.assumption_editor import put_in_force
from mlplanner.ui.db import db_session
from mlplanner.ui.messages import flash
from mlplanner.ui.state import get_assumption_set_name, get_assumptions
from mlplanner.ui.text import error_text, plain

NAME_KEY: Final = "mlp.assumption_sets.name"
CHOICE_KEY: Final = "mlp.assumption_sets.choice"


def suggested_name(name_in_force: str) -> str:
    """The name a save suggests: the set in force without the app's suffixes ('' for the
    shipped defaults, which cannot be overwritten)."""
    name = unmarked(name_in_force)
    return "" if is_shipped_defaults(name) else name


def saved_sets() -> list[AssumptionSetSummary]:
    """Every saved set (raises StorageError if the database cannot be read)."""
    with db_session() as session:
        return assumption_sets.list_assumption_sets(session=session)


def save_in_force() -> None:
    """Save the assumptions in force under the name typed in :data:`NAME_KEY`."""
    try:
        with db_session() as session:
            saved = assumption_sets.save_assumption_set(
                session=session,
                name=str(widgets.value(NAME_KEY) or ""),
                assumptions=get_assumptions(),
            )
    except PlannerInputError as exc:
        flash("error", error_text(exc))
        return
    put_in_force(get_assumptions(), saved.name)
    widgets.put(CHOICE_KEY, saved.name)
    flash("success", f"Saved the assumptions in force as **{plain(saved.name)}**.")


def load_chosen() -> None:
    """Put the set chosen in :data:`CHOICE_KEY` in force (drops unsaved edits)."""
    name = str(widgets.value(CHOICE_KEY) or "")
    try:
        with db_session() as session:
            loaded = assumption_sets.load_assumption_set(session=session, name=name)
    except PlannerInputError as exc:
        flash("error", error_text(exc))
        return
    put_in_force(loaded, name)
    widgets.put(NAME_KEY, name)
    flash("success", f"**{plain(name)}** is now in force on every page.")


def delete_chosen() -> None:
    """Delete the set chosen in :data:`CHOICE_KEY` (plans saved with it keep its values)."""
    name = str(widgets.value(CHOICE_KEY) or "")
    try:
        with db_session() as session:
            assumption_sets.delete_assumption_set(session=session, name=name)
    except PlannerInputError as exc:
        flash("error", error_text(exc))
        return
    widgets.forget(CHOICE_KEY)
    flash("success", f"Deleted the assumption set **{plain(name)}**.")


def render_set_controls(*, can_save: bool) -> None:
    """Save-as and load/delete controls; ``can_save`` is False while edits are invalid."""
    save_col, load_col = st.columns(2)
    with save_col.container(border=True):
        st.markdown("**Save as a named set**")
        name_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
        widgets.seed(NAME_KEY, suggested_name(get_assumption_set_name()))
        name_col.text_input(
            "Set name",
            key=NAME_KEY,
            max_chars=NAME_MAX,
            placeholder="e.g. Berlin salaries 2026",
            help="Stores the numbers in force under this name (1 to 120 characters). Saving "
            "under an existing name replaces its numbers; plans saved earlier keep theirs.",
        )
        button_col.button(
            "Save set",
            on_click=save_in_force,
            disabled=not can_save,
            width="stretch",
            help="Saves the assumptions in force to the database."
            if can_save
            else "Fix the edits marked in red first: only valid numbers can be saved.",
        )
    with load_col.container(border=True):
        st.markdown("**Load a saved set**")
        try:
            found = saved_sets()
        except PlannerInputError as exc:
            st.error(error_text(exc))
            return
        if not found:
            st.caption("No saved sets yet: edit the numbers below, then save them as a set.")
            return
        choice_col, load_button_col, delete_col = st.columns([2, 1, 1], vertical_alignment="bottom")
        names = [summary.name for summary in found]
        if widgets.value(CHOICE_KEY) not in names:
            widgets.put(CHOICE_KEY, names[0])
        choice_col.selectbox(
            "Saved set",
            names,
            key=CHOICE_KEY,
            help="The set the buttons beside act on.",
        )
        load_button_col.button(
            "Load set",
            on_click=load_chosen,
            width="stretch",
            help="Puts this set in force on every page at once; unsaved edits are dropped.",
        )
        delete_col.button(
            "Delete set",
            on_click=delete_chosen,
            width="stretch",
            help="Forgets this set; plans saved with it keep its numbers.",
        )
