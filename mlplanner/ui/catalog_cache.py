"""The assumption catalog (every number in editable tables) built once per assumption set.

Building it reads the rate card and lays out some twenty tables, a few hundred milliseconds;
the Assumptions page needs it on every run to count what differs from the shipped defaults.
Keyed by the assumptions' JSON, so any edit builds it anew.
"""

from __future__ import annotations

import streamlit as st

from mlplanner.model.assumption_catalog import Group, catalog
from mlplanner.model.assumptions import Assumptions


@st.cache_data(max_entries=16, show_spinner=False)
def _catalog(assumptions_json: str) -> tuple[Group, ...]:
    return catalog(Assumptions.model_validate_json(assumptions_json))


def cached_catalog(assumptions: Assumptions) -> tuple[Group, ...]:
    """:func:`~mlplanner.model.assumption_catalog.catalog` of ``assumptions``, cached."""
    return _catalog(assumptions.model_dump_json())
