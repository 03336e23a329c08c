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
from typing import Final

from mlplanner.model.assumption_catalog import (
    AssumptionEditError,
    EditProblem,
    Group,
    edited_assumptions,
)
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.set_names import EDITED, SHIPPED_DEFAULTS, marked
from mlplanner.ui import widgets
from mlplanner.ui.catalog_cache import cached_catalog
from mlplanner.ui.state import (
    Slot,
    get_assumption_set_name,
    get_assumptions,
    set_assumptions,
)

SCOPE: Final = "assumption_editor"


@dataclass(frozen=True)
class Editing:
    """What the editors show: the origin, its name and its tables."""

    origin: Assumptions
    name: str
    groups: tuple[Group, ...]


ORIGIN: Final[Slot[Editing]] = Slot("mlp.assumption_editor.origin")
SEEN: Final[Slot[Assumptions]] = Slot("mlp.assumption_editor.seen")
"""The assumptions in force when the edits were last applied: another change restarts editing."""
PROBLEMS: Final[Slot[list[EditProblem]]] = Slot("mlp.assumption_editor.problems")


def editor_key(group_id: str) -> str:
    """Widget key of a table's editor; a new generation means fresh, empty editors."""
    return widgets.scoped_key(SCOPE, group_id)


def _begin(assumptions: Assumptions, name: str) -> Editing:
    state = Editing(assumptions, name, cached_catalog(assumptions))
    ORIGIN.set(state)
    SEEN.set(assumptions)
    widgets.reset(SCOPE)
    PROBLEMS.set([])
    return state


def _unchanged(a: Assumptions, b: Assumptions | None) -> bool:
    return a is b or a == b


def editing() -> Editing:
    """The editing under way, started over from the set in force when needed."""
    current = get_assumptions()
    state = ORIGIN.get()
    if (
        state is None
        or not _unchanged(current, SEEN.get())
        or any(widgets.value(editor_key(group.id)) is None for group in state.groups)
    ):
        state = _begin(current, get_assumption_set_name())
    return state


def sync_edits(state: Editing) -> None:
    """Apply the editors' edits to the assumptions in force if they validate; else keep the
    set in force and record the problems (see :func:`problems`)."""
    edits = {group.id: widgets.value(editor_key(group.id)) for group in state.groups}
    try:
        edited = edited_assumptions(state.origin, state.groups, edits)
    except AssumptionEditError as exc:
        PROBLEMS.set(exc.edit_problems)
        return
    PROBLEMS.set([])
    if edited == state.origin:
        edited, name = state.origin, state.name
    elif edited == Assumptions.defaults():
        edited, name = Assumptions.defaults(), SHIPPED_DEFAULTS
    else:
        name = marked(state.name, EDITED)
    if not _unchanged(edited, get_assumptions()):
        set_assumptions(edited, name)
    SEEN.set(get_assumptions())


def problems() -> list[EditProblem]:
    """Why the latest edits were not applied (empty when they were)."""
    return PROBLEMS.get() or []


def put_in_force(assumptions: Assumptions, name: str) -> None:
    """Make a whole set the one in force and start editing afresh from it (drops edits)."""
    set_assumptions(assumptions, name)
    ORIGIN.clear()


def reset_to_defaults() -> None:
    """Put the shipped defaults in force and start editing afresh (a button callback)."""
    put_in_force(Assumptions.defaults(), SHIPPED_DEFAULTS)
