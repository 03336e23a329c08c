"""The Plans page's upload: a scenario file (CSV or JSON) saved as a new plan, under the name
given (or the scenario's own).

All or nothing: a file with any problem saves nothing and its problems are listed under the
uploader; a valid file's recommended plan (with the assumptions in force) is saved, selected
and announced. The work is a widget callback, so it runs once per upload.
"""

from __future__ import annotations

from typing import Final

import streamlit as st

from mlplanner.errors import PlannerInputError
from mlplanner.storage.models import NAME_MAX
from mlplanner.ui import widgets
from mlplanner.ui.db import db_session
from mlplanner.ui.messages import flash
from mlplanner.ui.state import Slot, get_assumption_set_name, get_assumptions
from mlplanner.ui.text import plain
from mlplanner.ui.uploads import UPLOAD_TYPES, Refused, Upload, save_upload

REFUSED: Final[Slot[Refused]] = Slot("mlp.plan_import.refused")
SCOPE: Final = "plan_import"


def _import(key: str, name_key: str, selection_key: str) -> None:
    uploaded = widgets.value(key)
    REFUSED.clear()
    if uploaded is None:
        return
    try:
        with db_session() as session:
            outcome = save_upload(
                session,
                uploaded.getvalue(),
                uploaded.name,
                get_assumptions(),
                get_assumption_set_name(),
                str(widgets.value(name_key) or ""),
            )
    except PlannerInputError as exc:
        outcome = Upload(None, tuple(str(problem) for problem in exc.problems))
    if isinstance(outcome, Upload):
        REFUSED.set(Refused(uploaded.name, outcome.problems))
        return
    widgets.reset(SCOPE)  # a fresh uploader, empty
    widgets.put(selection_key, outcome.id)
    flash("success", f"Imported {plain(uploaded.name)} as the new plan **{plain(outcome.name)}**.")


def render_plan_import(selection_key: str) -> None:
    """The new plan's name, the uploader, and the problems of a refused file."""
    key = widgets.scoped_key(SCOPE, "file")
    name_key = widgets.scoped_key(SCOPE, "name")
    st.text_input(
        "Name for the imported plan",
        key=name_key,
        max_chars=NAME_MAX,
        placeholder="The scenario's own name",
        help="The new plan's name; left empty, the plan takes the name of the file's scenario.",
    )
    st.file_uploader(
        "Import a scenario file as a new plan",
        type=UPLOAD_TYPES,
        key=key,
        on_change=_import,
        args=(key, name_key, selection_key),
        help="Saves the recommended plan of a scenario CSV (one row per project, as the Plan "
        "and Scenario pages download it) or JSON file as a new plan, with the assumptions in "
        "force. A file with any problem saves nothing; every problem is listed.",
    )
    refused = REFUSED.get()
    if refused is not None:
        st.error(refused.markdown("was not imported; nothing was saved"))
