"""Editing the assumptions in data editors without losing edits or the set in force.

The editors are built from an **origin**: the assumption set in force when editing began. Their
own state holds the cell edits against it (never fed back into their input, the data-editor
pitfall), and :func:`sync_edits` turns origin + edits into the assumptions in force in one place,
at the top of the page run, only when they validate. Editing starts over (fresh editors from
the set in force) when the page is opened anew (Streamlit dropped the editors' state), after
a reset, or when something else changed the assumptions in force.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from mlplanner.model.assumption_catalog import (
    AssumptionEditError,
    EditProblem,
    Group,
    edited_assumptions,
)
from mlplanner.model.assumptions import Assumptions
from mlplanner.ui.catalog_cache import cached_catalog
from mlplanner.ui.state import (
    SHIPPED_DEFAULTS,
    get_assumption_set_name,
    get_assumptions,
    set_assumptions,
)

ORIGIN = "mlp.assumption_editor.origin"
SEEN = "mlp.assumption_editor.seen"
GENERATION = "mlp.assumption_editor.generation"
PROBLEMS = "mlp.assumption_editor.problems"
EDITED = " (edited)"


@dataclass(frozen=True)
class Editing:
    """What the editors show: the origin, its name and its tables."""

    origin: Assumptions
    name: str
    groups: tuple[Group, ...]


def editor_key(group_id: str) -> str:
    """Widget key of a table's editor; a new generation means fresh, empty editors."""
    return f"mlp.assumption_editor.{st.session_state.get(GENERATION, 0)}.{group_id}"


def _begin(assumptions: Assumptions, name: str) -> None:
    st.session_state[ORIGIN] = Editing(assumptions, name, cached_catalog(assumptions))
    st.session_state[SEEN] = assumptions
    st.session_state[GENERATION] = st.session_state.get(GENERATION, 0) + 1
    st.session_state[PROBLEMS] = []


def _unchanged(a: Assumptions, b: Assumptions | None) -> bool:
    return a is b or a == b


def editing() -> Editing:
    """The editing under way, started over from the set in force when needed."""
    current = get_assumptions()
    state: Editing | None = st.session_state.get(ORIGIN)
    if (
        state is None
        or not _unchanged(current, st.session_state.get(SEEN))
        or any(editor_key(group.id) not in st.session_state for group in state.groups)
    ):
        _begin(current, get_assumption_set_name())
        state = st.session_state[ORIGIN]
    return state


def _edited_name(name: str) -> str:
    return name if name.endswith(EDITED) else name + EDITED


def sync_edits(state: Editing) -> None:
    """Apply the editors' edits to the assumptions in force if they validate; else keep the
    set in force and record the problems (see :func:`problems`)."""
    edits = {group.id: st.session_state.get(editor_key(group.id)) for group in state.groups}
    try:
        edited = edited_assumptions(state.origin, state.groups, edits)
    except AssumptionEditError as exc:
        st.session_state[PROBLEMS] = exc.edit_problems
        return
    st.session_state[PROBLEMS] = []
    if edited == state.origin:
        edited, name = state.origin, state.name
    elif edited == Assumptions.defaults():
        edited, name = Assumptions.defaults(), SHIPPED_DEFAULTS
    else:
        name = _edited_name(state.name)
    if not _unchanged(edited, get_assumptions()):
        set_assumptions(edited, name)
    st.session_state[SEEN] = get_assumptions()


def problems() -> list[EditProblem]:
    """Why the latest edits were not applied (empty when they were)."""
    found: list[EditProblem] = st.session_state.get(PROBLEMS, [])
    return found


def put_in_force(assumptions: Assumptions, name: str) -> None:
    """Make a whole set the one in force and start editing afresh from it (drops edits)."""
    set_assumptions(assumptions, name)
    st.session_state.pop(ORIGIN, None)


def reset_to_defaults() -> None:
    """Put the shipped defaults in force and start editing afresh (a button callback)."""
    put_in_force(Assumptions.defaults(), SHIPPED_DEFAULTS)
