"""The app's state in ``st.session_state``, each piece typed and under its own key.

Widget state is dropped when a page stops rendering the widget, so the scenario, the
assumptions in force, an adopted allocation and the saved plan being worked on live here and
survive moving between pages. Pages read and change state only through these functions and
:class:`Slot` (for state of their own), never through raw session keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

import streamlit as st

from mlplanner.examples import example_scenarios
from mlplanner.model.assumptions import Assumptions
from mlplanner.model.plan import Evaluation, evaluate, recommend
from mlplanner.model.scenario import Scenario
from mlplanner.model.set_names import SHIPPED_DEFAULTS

T = TypeVar("T")

SCENARIO: Final = "mlp.scenario"
IN_FORCE: Final = "mlp.assumptions"
OVERRIDE: Final = "mlp.override"
LOADED_PLAN: Final = "mlp.loaded_plan"
DEFAULT_EXAMPLE: Final = "fashion_retailer.json"


class Slot(Generic[T]):
    """One piece of state of type ``T`` under its own session key (empty until set)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def get(self) -> T | None:
        value: T | None = st.session_state.get(self.key)
        return value

    def set(self, value: T) -> None:
        st.session_state[self.key] = value

    def pop(self) -> T | None:
        """The value, removed (None if there was none)."""
        value: T | None = st.session_state.pop(self.key, None)
        return value

    def clear(self) -> None:
        st.session_state.pop(self.key, None)


@dataclass(frozen=True)
class InForce:
    """The assumptions every page uses, and the name shown for them."""

    assumptions: Assumptions
    name: str


@dataclass(frozen=True)
class Override:
    """An allocation the user adopted instead of the recommendation; ``label`` says which
    (empty for one without a name)."""

    allocation: Mapping[str, int]
    label: str = ""

    @property
    def named(self) -> str:
        """``the allocation you adopted (premium plan)``, as the pages that do not show it say
        (user text: escape it before Markdown)."""
        return "the allocation you adopted" + (f" ({self.label})" if self.label else "")


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
    # The quality the opened revision was saved with, when the previous quality definition
    # scored it (the page says so next to today's score); None otherwise.
    previous_quality: float | None = None


_scenario: Slot[Scenario] = Slot(SCENARIO)
_in_force: Slot[InForce] = Slot(IN_FORCE)
_override: Slot[Override] = Slot(OVERRIDE)
_loaded_plan: Slot[LoadedPlan] = Slot(LOADED_PLAN)


def default_scenario() -> Scenario:
    """The scenario a first visit opens on: the fashion retailer example (read once per
    process, as every example)."""
    return example_scenarios()[DEFAULT_EXAMPLE]


def get_scenario() -> Scenario:
    """The current scenario (starts as :func:`default_scenario`)."""
    scenario = _scenario.get()
    if scenario is None:
        scenario = default_scenario()
        _scenario.set(scenario)
    return scenario


def set_scenario(scenario: Scenario) -> None:
    """Replace the current scenario; an adopted allocation no longer applies to it."""
    if _scenario.get() != scenario:
        _scenario.set(scenario)
        _override.clear()


def get_assumptions() -> Assumptions:
    """The assumptions in force (the shipped defaults unless the user chose a set)."""
    in_force = _in_force.get()
    return Assumptions.defaults() if in_force is None else in_force.assumptions


def get_assumption_set_name() -> str:
    """Name of the assumption set in force (the shipped defaults' unless one was chosen)."""
    in_force = _in_force.get()
    return SHIPPED_DEFAULTS if in_force is None else in_force.name


def set_assumptions(assumptions: Assumptions, name: str) -> None:
    _in_force.set(InForce(assumptions, name))


def assumptions_chosen() -> InForce | None:
    """The assumptions in force and their name, unless they are the shipped defaults as
    shipped (then None: what a new session starts with anyway)."""
    in_force = _in_force.get()
    if in_force is None:
        return None
    shipped = in_force.name == SHIPPED_DEFAULTS and in_force.assumptions is Assumptions.defaults()
    return None if shipped else in_force


def get_override() -> Override | None:
    """The allocation the user adopted instead of the recommendation, if any."""
    return _override.get()


def is_adopted(allocation: Mapping[str, int]) -> bool:
    """Whether ``allocation`` is the one the user adopted."""
    override = _override.get()
    return override is not None and override.allocation == dict(allocation)


def set_override(allocation: Mapping[str, int] | None, label: str = "") -> None:
    """Adopt ``allocation`` (labelled) as the current plan; None goes back to the
    recommendation."""
    if allocation is None:
        _override.clear()
    else:
        _override.set(Override(dict(allocation), label))


def current_plan(assumptions: Assumptions | None = None) -> Evaluation:
    """The plan the pages show: the adopted allocation if any, else the recommendation.

    ``assumptions`` computes it with other numbers than those in force (e.g. the shipped
    defaults, to show what an edit changed).
    """
    scenario = get_scenario()
    assumptions = assumptions or get_assumptions()
    override = get_override()
    if override is not None:
        return evaluate(scenario, override.allocation, assumptions=assumptions)
    return recommend(scenario, assumptions=assumptions)


def get_loaded_plan() -> LoadedPlan | None:
    """The saved plan being worked on, if the scenario came from (or went to) one."""
    return _loaded_plan.get()


def set_loaded_plan(loaded: LoadedPlan | None) -> None:
    if loaded is None:
        _loaded_plan.clear()
    else:
        _loaded_plan.set(loaded)
