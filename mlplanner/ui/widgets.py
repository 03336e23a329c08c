"""Resetting widgets and putting values into them: the one place the app does either.

Streamlit keeps a widget's value under its key, and a widget given a new key starts afresh
from its arguments. A **scope** is a group of widgets that start afresh together (the Scenario
page's form after a scenario is loaded, the assumption editors after a set is put in force,
the plan uploader after an import): their keys (:func:`scoped_key`) carry the scope's
generation, and :func:`reset` starts the next one. :func:`put` and :func:`seed` set one
widget's value from code (it shows on the widget's next render), :func:`value` reads it.
"""

from __future__ import annotations

from typing import Any, Final

import streamlit as st

from mlplanner.ui.state import Slot

_GENERATIONS: Final[Slot[dict[str, int]]] = Slot("mlp.widgets.generations")


def _generation(scope: str) -> int:
    return (_GENERATIONS.get() or {}).get(scope, 0)


def scoped_key(scope: str, name: str) -> str:
    """Key of the widget ``name`` in the current generation of ``scope``."""
    return f"mlp.{scope}.{_generation(scope)}.{name}"


def reset(scope: str) -> None:
    """Start every widget of ``scope`` afresh: their next render uses new keys."""
    generations = dict(_GENERATIONS.get() or {})
    generations[scope] = generations.get(scope, 0) + 1
    _GENERATIONS.set(generations)


def value(key: str) -> Any:
    """The widget ``key``'s value (None before it first renders)."""
    return st.session_state.get(key)


def put(key: str, value: Any) -> None:
    """Set the widget ``key``'s value (a choice made for the user, e.g. a new plan selected)."""
    st.session_state[key] = value


def seed(key: str, value: Any) -> None:
    """Give the widget ``key`` a first value, unless it has one."""
    if key not in st.session_state:
        st.session_state[key] = value


def forget(key: str) -> None:
    """Drop the widget ``key``'s value: it starts again from its default."""
    st.session_state.pop(key, None)
