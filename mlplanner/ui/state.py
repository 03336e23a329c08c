"""The app's state in ``st.session_state``, under our own keys (not only widget keys).

Widget state is dropped when a page stops rendering the widget, so the scenario, the
assumptions in force and an adopted allocation live here and survive moving between pages.
Pages read and change state only through these functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import Evaluation, evaluate, recommend
from mlplanner.model.scenario import Scenario, load_scenario
from mlplanner.model.set_names import SHIPPED_DEFAULTS
from mlplanner.paths import EXAMPLES_DIR

SCENARIO = "mlp.scenario"
ASSUMPTIONS = "mlp.assumptions"
ASSUMPTION_SET = "mlp.assumption_set"
OVERRIDE = "mlp.override"
LOADED_PLAN = "mlp.loaded_plan"
DEFAULT_EXAMPLE = "fashion_retailer.json"


@dataclass(frozen=True)
class LoadedPlan:
    """The saved plan the current scenario was opened from (or last saved as).

    ``opened_revision`` is the revision the scenario came from; ``base_revision`` the plan's
    newest revision at that moment, which a save checks: if the plan has a newer one by then,
    someone else saved in between and the save is refused as a conflict.
    """

    plan_id: int
    name: str
    opened_revision: int
    base_revision: int


def get_scenario() -> Scenario:
    """The current scenario (starts as the fashion retailer example)."""
    if SCENARIO not in st.session_state:
        st.session_state[SCENARIO] = load_scenario(EXAMPLES_DIR / DEFAULT_EXAMPLE)
    scenario: Scenario = st.session_state[SCENARIO]
    return scenario


def set_scenario(scenario: Scenario) -> None:
    """Replace the current scenario; an adopted allocation no longer applies to it."""
    if st.session_state.get(SCENARIO) != scenario:
        st.session_state[SCENARIO] = scenario
        st.session_state.pop(OVERRIDE, None)


def get_assumptions() -> Assumptions:
    """The assumptions in force (the shipped defaults unless the user chose a set)."""
    assumptions: Assumptions = st.session_state.get(ASSUMPTIONS) or Assumptions.defaults()
    return assumptions


def get_assumption_set_name() -> str:
    """Name of the assumption set in force (``Shipped defaults`` unless one was chosen)."""
    return str(st.session_state.get(ASSUMPTION_SET, SHIPPED_DEFAULTS))


def set_assumptions(assumptions: Assumptions, name: str) -> None:
    st.session_state[ASSUMPTIONS] = assumptions
    st.session_state[ASSUMPTION_SET] = name


def get_override() -> dict[str, Any] | None:
    """An allocation the user adopted instead of the recommendation: ``{"allocation", "label"}``."""
    override: dict[str, Any] | None = st.session_state.get(OVERRIDE)
    return override


def set_override(allocation: dict[str, int] | None, label: str = "") -> None:
    if allocation is None:
        st.session_state.pop(OVERRIDE, None)
    else:
        st.session_state[OVERRIDE] = {"allocation": dict(allocation), "label": label}


def current_plan(assumptions: Assumptions | None = None) -> Evaluation:
    """The plan the pages show: the adopted allocation if any, else the recommendation.

    ``assumptions`` computes it with other numbers than those in force (e.g. the shipped
    defaults, to show what an edit changed).
    """
    scenario = get_scenario()
    assumptions = assumptions or get_assumptions()
    override = get_override()
    if override is not None:
        return evaluate(scenario, override["allocation"], assumptions=assumptions)
    return recommend(scenario, assumptions=assumptions)


def get_loaded_plan() -> LoadedPlan | None:
    """The saved plan being worked on, if the scenario came from (or went to) one."""
    loaded: LoadedPlan | None = st.session_state.get(LOADED_PLAN)
    return loaded


def set_loaded_plan(loaded: LoadedPlan | None) -> None:
    if loaded is None:
        st.session_state.pop(LOADED_PLAN, None)
    else:
        st.session_state[LOADED_PLAN] = loaded
