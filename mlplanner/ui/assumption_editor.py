"""Editing the assumptions in data editors without losing edits or the set in force.

The editors are built from an **origin**: the assumption set in force when editing began. The
page draws only the open tab's editors, and Streamlit drops the state of a widget it does not
draw, so each table's edits are kept in two places: the open tab's editors hold their cell
edits in their own widget state (never fed back into their input, the data-editor pitfall),
and when a tab closes its tables' edits are **kept** here as edited tables (:class:`Kept`),
from which their editors start afresh, under a new key, when the tab opens again.
:func:`sync_edits` turns origin + kept tables + editors' edits into the assumptions in force in
one place, at the top of the page run, only when they validate. Editing starts over (fresh
editors from the set in force, nothing kept) when the page is opened anew (Streamlit dropped
the tabs' state), after a reset, or when something else changed the assumptions in force.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from mlplanner.model.assumption_catalog import (
    TABS,
    AssumptionEditError,
    EditProblem,
    Group,
    apply_edit_state,
    assumptions_from_frames,
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
TAB_KEY: Final = "mlp.assumptions.tab"
"""Key of the page's tabs (their value is the open tab's label; gone when the page was left)."""


@dataclass(frozen=True)
class Editing:
    """What the editors show: the origin, its name and its tables."""

    origin: Assumptions
    name: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class Kept:
    """A table's edits kept while its tab is closed: the edited table, and the generation of
    its editor's key (a new one each time, so a fresh editor never applies old edits again)."""

    frame: pd.DataFrame
    generation: int


ORIGIN: Final[Slot[Editing]] = Slot("mlp.assumption_editor.origin")
SEEN: Final[Slot[Assumptions]] = Slot("mlp.assumption_editor.seen")
"""The assumptions in force when the edits were last applied: another change restarts editing."""
PROBLEMS: Final[Slot[list[EditProblem]]] = Slot("mlp.assumption_editor.problems")
KEPT: Final[Slot[dict[str, Kept]]] = Slot("mlp.assumption_editor.kept")


def _kept() -> dict[str, Kept]:
    return KEPT.get() or {}


def editor_key(group_id: str) -> str:
    """Widget key of a table's editor; a new generation of the scope (all tables) or of the
    table's kept edits means a fresh, empty editor."""
    kept = _kept().get(group_id)
    generation = 0 if kept is None else kept.generation
    return widgets.scoped_key(SCOPE, f"{generation}.{group_id}")


def editor_frame(group: Group) -> pd.DataFrame:
    """The table a group's editor starts from: its kept edits, else the origin's table."""
    kept = _kept().get(group.id)
    return group.frame if kept is None else kept.frame


def open_tab() -> str:
    """The label of the open tab (the first one until another is chosen)."""
    label = widgets.value(TAB_KEY)
    return label if label in TABS else TABS[0]


def _begin(assumptions: Assumptions, name: str) -> Editing:
    state = Editing(assumptions, name, cached_catalog(assumptions))
    ORIGIN.set(state)
    SEEN.set(assumptions)
    KEPT.clear()
    widgets.reset(SCOPE)
    PROBLEMS.set([])
    return state


def _unchanged(a: Assumptions, b: Assumptions | None) -> bool:
    return a is b or a == b


def editing() -> Editing:
    """The editing under way, started over from the set in force when needed."""
    current = get_assumptions()
    state = ORIGIN.get()
    if state is None or not _unchanged(current, SEEN.get()) or widgets.value(TAB_KEY) is None:
        state = _begin(current, get_assumption_set_name())
    return state


def _has_edits(edits: Mapping[str, Any] | None) -> bool:
    return bool(edits and edits.get("edited_rows"))


def _edited_frames(state: Editing) -> dict[str, pd.DataFrame] | None:
    """Every table as edited, None when no table has an edit; the edits of tables whose tab
    is closed this run are kept (their editors are not drawn, and Streamlit drops their
    state)."""
    edits = {group.id: widgets.value(editor_key(group.id)) for group in state.groups}
    if not _kept() and not any(_has_edits(edit) for edit in edits.values()):
        return None
    kept = dict(_kept())
    frames = {}
    shown = open_tab()
    for group in state.groups:
        frame = apply_edit_state(editor_frame(group), edits[group.id])
        if group.tab != shown and _has_edits(edits[group.id]):
            previous = kept.get(group.id)
            kept[group.id] = Kept(frame, 1 if previous is None else previous.generation + 1)
        frames[group.id] = frame
    KEPT.set(kept)
    return frames


def sync_edits(state: Editing) -> None:
    """Apply the edits of every table to the assumptions in force if they validate; else keep
    the set in force and record the problems (see :func:`problems`). Without an edit the
    origin stands as it is: reading it back from its own tables (every cell, then validated)
    took tens of milliseconds on every run of the page."""
    frames = _edited_frames(state)
    try:
        edited = (
            state.origin
            if frames is None
            else assumptions_from_frames(state.origin, state.groups, frames)
        )
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
