"""The Plans page's upload: a scenario file (CSV or JSON) saved as a new plan.

All or nothing: a file with any problem saves nothing and its problems are listed under the
uploader; a valid file's recommended plan (with the assumptions in force) is saved, selected
and announced. The work is a widget callback, so it runs once per upload.
"""

from __future__ import annotations

from typing import Final

import streamlit as st

from mlplanner.errors import PlannerInputError
from mlplanner.ui.db import db_session
from mlplanner.ui.saved_plans import flash
from mlplanner.ui.state import get_assumption_set_name, get_assumptions
from mlplanner.ui.text import plain
from mlplanner.ui.uploads import UPLOAD_TYPES, Upload, save_upload

PROBLEMS: Final = "mlp.plan_import.problems"
ROUND: Final = "mlp.plan_import.round"


def _uploader_key() -> str:
    """A fresh key after each import, so the uploader empties itself."""
    return f"mlp.plan_import.file.{st.session_state.get(ROUND, 0)}"


def _import(key: str, selection_key: str) -> None:
    uploaded = st.session_state.get(key)
    st.session_state.pop(PROBLEMS, None)
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
            )
    except PlannerInputError as exc:
        outcome = Upload(None, tuple(str(problem) for problem in exc.problems))
    if isinstance(outcome, Upload):
        st.session_state[PROBLEMS] = (uploaded.name, outcome.problems)
        return
    st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
    st.session_state[selection_key] = outcome.id
    flash("success", f"Imported {plain(uploaded.name)} as the new plan **{plain(outcome.name)}**.")


def render_plan_import(selection_key: str) -> None:
    """The uploader, and the problems of a refused file."""
    key = _uploader_key()
    st.file_uploader(
        "Import a scenario file as a new plan",
        type=UPLOAD_TYPES,
        key=key,
        on_change=_import,
        args=(key, selection_key),
        help="Saves the recommended plan of a scenario CSV (one row per project, as the Plan "
        "and Scenario pages download it) or JSON file as a new plan, with the assumptions in "
        "force. A file with any problem saves nothing; every problem is listed.",
    )
    refused = st.session_state.get(PROBLEMS)
    if refused is not None:
        name, problems = refused
        st.error(
            f"{plain(name)} was not imported; nothing was saved:\n\n"
            + "\n".join(f"- {plain(problem)}" for problem in problems)
        )
